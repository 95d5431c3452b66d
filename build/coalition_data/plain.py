"""Dataclasses to and from plain JSON values, checked against their type hints both ways.

The extraction cache stores article digests in this form instead of pickles: reading a
value can only build the dataclasses the reader asked for, with fields of their declared
types, never run code. Encoding and decoding follow `dataclasses.fields` and the type
hints, so a field added to a digest dataclass round-trips without a line here.

Supported hints: str, int, float, bool, None, datetime.date, dataclasses, X | Y unions
(Optional included), tuple[X, ...], tuple[A, B], list[X], dict[str, X], frozenset[X],
Literal[...]. Anything else (or a value that does not match its hint) raises PlainError:
what cannot be checked is not stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache
from typing import Any

MAX_DEPTH = 64  # nesting of values; deeper data is not a digest


class PlainError(ValueError):
    """A value does not match its type hint (encoding) or the data does not (decoding)."""


@cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, hint) of every init field of a dataclass, in declaration order."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields):
        raise PlainError(f"{cls.__name__}: fields outside __init__ are not supported")
    return tuple((f.name, hints[f.name]) for f in fields)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _name(hint: Any) -> str:
    return hint.__name__ if isinstance(hint, type) else repr(hint)


def _alternatives(hint: Any) -> tuple[Any, ...]:
    """The non-None members of a union."""
    return tuple(a for a in typing.get_args(hint) if a is not type(None))


def _fits(value: Any, hint: Any) -> bool:
    """Whether `value` can be encoded under `hint` (the outer type only)."""
    if hint is type(None):
        return value is None
    if hint is float:
        return type(value) in (float, int)
    if hint in (str, int, bool, dt.date):
        return type(value) is hint
    if dataclasses.is_dataclass(hint):
        return type(value) is hint
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return any(type(value) is type(a) and value == a for a in typing.get_args(hint))
    return origin is not None and type(value) is origin


def _field(convert: Any, value: Any, name: str, hint: Any, depth: int) -> Any:
    """One field converted; an error names the path to it (reports.anchor.quote: ...)."""
    try:
        return convert(value, hint, depth + 1)
    except PlainError as exc:
        sep = "." if str(exc).split(":")[0].replace(".", "").isidentifier() else ": "
        raise PlainError(f"{name}{sep}{exc}") from None


def to_plain(value: Any, hint: Any, depth: int = 0) -> Any:
    """`value` as JSON-ready data (dicts, lists, str, int, float, bool, None)."""
    if depth > MAX_DEPTH:
        raise PlainError("nested too deeply")
    if _is_union(hint):
        if value is None and type(None) in typing.get_args(hint):
            return None
        alts = _alternatives(hint)
        for alt in alts:
            if _fits(value, alt):
                data = to_plain(value, alt, depth + 1)
                return data if len(alts) == 1 else {"$type": _name(alt), "value": data}
        raise PlainError(f"{type(value).__name__} is none of {_name(hint)}")
    if not _fits(value, hint):
        raise PlainError(f"{type(value).__name__} is not {_name(hint)}")
    if hint in (str, int, float, bool, type(None)):
        return value
    if hint is dt.date:
        return value.isoformat()
    if dataclasses.is_dataclass(hint):
        return {name: _field(to_plain, getattr(value, name), name, h, depth)
                for name, h in _hints(hint)}
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return value
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return [to_plain(v, args[0], depth + 1) for v in value]
    if origin is tuple:
        if len(value) != len(args):
            raise PlainError(f"{len(value)} items for {_name(hint)}")
        return [to_plain(v, a, depth + 1) for v, a in zip(value, args, strict=True)]
    if origin is list:
        return [to_plain(v, args[0], depth + 1) for v in value]
    if origin is frozenset:
        return sorted((to_plain(v, args[0], depth + 1) for v in value), key=repr)
    if origin is dict and args[0] is str:
        if any(type(k) is not str for k in value):
            raise PlainError("dict keys must be str")
        return {k: to_plain(v, args[1], depth + 1) for k, v in value.items()}
    raise PlainError(f"unsupported type hint {_name(hint)}")


def from_plain(data: Any, hint: Any, depth: int = 0) -> Any:
    """The value `to_plain` made `data` from; PlainError when `data` is anything else."""
    if depth > MAX_DEPTH:
        raise PlainError("nested too deeply")
    if _is_union(hint):
        if data is None and type(None) in typing.get_args(hint):
            return None
        alts = _alternatives(hint)
        if len(alts) == 1:
            return from_plain(data, alts[0], depth + 1)
        if type(data) is not dict or set(data) != {"$type", "value"}:
            raise PlainError(f"expected a tagged {_name(hint)}")
        for alt in alts:
            if data["$type"] == _name(alt):
                return from_plain(data["value"], alt, depth + 1)
        raise PlainError(f"{data['$type']!r} is none of {_name(hint)}")
    if hint is type(None):
        if data is not None:
            raise PlainError("expected null")
        return None
    if hint in (str, int, bool) or hint is float:
        if not _fits(data, hint):
            raise PlainError(f"{type(data).__name__} is not {_name(hint)}")
        return data
    if hint is dt.date:
        if type(data) is not str:
            raise PlainError("a date must be a string")
        try:
            return dt.date.fromisoformat(data)
        except ValueError:
            raise PlainError(f"{data[:20]!r} is not a date") from None
    if dataclasses.is_dataclass(hint):
        fields = _hints(hint)
        if type(data) is not dict or set(data) != {name for name, _ in fields}:
            raise PlainError(f"not the fields of {_name(hint)}")
        return hint(**{name: _field(from_plain, data[name], name, h, depth)
                       for name, h in fields})
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        if not _fits(data, hint):
            raise PlainError(f"{data!r} is not one of {args}")
        return data
    if origin in (tuple, list, frozenset) and type(data) is not list:
        raise PlainError(f"expected a list for {_name(hint)}")
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple(from_plain(v, args[0], depth + 1) for v in data)
    if origin is tuple:
        if len(data) != len(args):
            raise PlainError(f"{len(data)} items for {_name(hint)}")
        return tuple(from_plain(v, a, depth + 1) for v, a in zip(data, args, strict=True))
    if origin is list:
        return [from_plain(v, args[0], depth + 1) for v in data]
    if origin is frozenset:
        return frozenset(from_plain(v, args[0], depth + 1) for v in data)
    if origin is dict and args[0] is str:
        if type(data) is not dict:
            raise PlainError(f"expected an object for {_name(hint)}")
        return {k: from_plain(v, args[1], depth + 1) for k, v in data.items()}
    raise PlainError(f"unsupported type hint {_name(hint)}")
