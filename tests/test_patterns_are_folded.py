"""Extraction patterns run on folded text (normalise.fold), so a literal that still has a
hamza seat, taa marbuta or alif maqsura can never match: guard every module pattern."""

from __future__ import annotations

import re
from types import ModuleType

from coalition_data import facts
from coalition_data.extract import dates, meetings, numbers, participants, people, pledges
from coalition_data.extract import resolutions as resolutions_module

UNFOLDED = re.compile("[أإآٱةىؤئ]")


def _patterns(module: ModuleType) -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name, value in vars(module).items():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            pats = item if isinstance(item, tuple) else (item,)
            found += [(name, p) for p in pats if isinstance(p, re.Pattern)]
    return found


def test_no_pattern_holds_an_unfolded_letter() -> None:
    modules = (facts, dates, meetings, numbers, participants, people, pledges,
               resolutions_module)
    bad = [(m.__name__, name) for m in modules for name, p in _patterns(m)
           if UNFOLDED.search(p.pattern)]
    assert bad == []
