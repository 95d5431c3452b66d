"""Article digests round-trip exactly through the cache's plain JSON form (plain.py):
every digest of the development set, random digests built from the dataclasses' own type
hints, and a dataclass that gains a field, with nothing to declare for it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_data.digest import ArticleDigest
from coalition_data.plain import PlainError, from_plain, to_plain

DEVSET = Path("/work/shared/devset/articles")


def _through_json(value: Any, hint: Any) -> Any:
    text = json.dumps(to_plain(value, hint), ensure_ascii=False, allow_nan=False)
    return from_plain(json.loads(text), hint)


def test_every_digest_of_the_development_set_round_trips() -> None:
    if not DEVSET.is_dir():
        pytest.skip("the development set is not on this machine")
    from coalition_data.engines import prepare
    from coalition_data.read import read_article, read_manifest
    from coalition_data.reference.registry import registry_for, use_registry

    use_registry(registry_for(DEVSET))
    manifest = read_manifest(DEVSET)
    assert len(manifest) > 100
    with_facts = 0
    for meta in manifest:
        _, digest = prepare(read_article(DEVSET, meta))
        back = _through_json(digest, ArticleDigest)
        assert back == digest, meta.article_id
        assert repr(back) == repr(digest)  # same types too (1 == 1.0 would hide a float)
        with_facts += not digest.empty
    assert with_facts > 100


def _strategy(hint: Any) -> st.SearchStrategy:
    """Values of a type hint, built from the hint alone (NaN aside: it is not stored)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_strategy(a) for a in args))
    if hint is type(None):
        return st.none()
    if hint is str:
        return st.text(max_size=8)
    if hint is int:
        return st.integers(-10**6, 10**6)
    if hint is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if hint is bool:
        return st.booleans()
    if hint is dt.date:
        return st.dates()
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return st.builds(hint, **{f.name: _strategy(hints[f.name])
                                  for f in dataclasses.fields(hint)})
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(_strategy(args[0]), max_size=3).map(tuple)
    if origin is tuple:
        return st.tuples(*(_strategy(a) for a in args))
    if origin is list:
        return st.lists(_strategy(args[0]), max_size=3)
    raise AssertionError(f"no strategy for {hint}")


@settings(max_examples=60, deadline=None)
@given(_strategy(ArticleDigest))
def test_any_digest_round_trips(digest: ArticleDigest) -> None:
    back = _through_json(digest, ArticleDigest)
    assert back == digest and repr(back) == repr(digest)


@dataclass(frozen=True)
class _Inner:
    when: dt.date | None
    pair: tuple[int | None, str | None]


@dataclass
class _Grown:
    name: str
    inner: list[_Inner] = field(default_factory=list)
    added_later: tuple[str, ...] = ()  # a field another change adds, with a default
    scores: dict[str, float] = field(default_factory=dict)


def test_a_field_added_to_a_dataclass_round_trips_without_declaring_it() -> None:
    value = _Grown("x", [_Inner(dt.date(2016, 2, 2), (3, None))], ("a", "b"), {"k": 1.5})
    assert _through_json(value, _Grown) == value


@pytest.mark.parametrize(("data", "why"), [
    ({"name": "x", "inner": [], "added_later": []}, "not the fields"),
    ({"name": "x", "inner": [], "added_later": [], "scores": {}, "more": 1}, "not the fields"),
    ({"name": 1, "inner": [], "added_later": [], "scores": {}}, "name: int is not str"),
    ({"name": "x", "inner": [{"when": "2016-02-30", "pair": [1, None]}], "added_later": [],
      "scores": {}}, "is not a date"),
    ({"name": "x", "inner": [{"when": None, "pair": [1]}], "added_later": [], "scores": {}},
     "1 items"),
    ({"name": "x", "inner": [], "added_later": [True], "scores": {}}, "bool is not str"),
    ({"name": "x", "inner": [], "added_later": [], "scores": {"k": "1"}}, "str is not float"),
])
def test_data_that_is_not_the_declared_shape_is_refused(data: dict, why: str) -> None:
    with pytest.raises(PlainError, match=why):
        from_plain(data, _Grown)


def test_a_value_that_breaks_its_own_hint_is_not_stored() -> None:
    with pytest.raises(PlainError):
        to_plain(_Grown("x", added_later=["a list, not a tuple"]), _Grown)  # type: ignore[arg-type]
