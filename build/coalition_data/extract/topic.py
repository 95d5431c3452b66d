"""Relevance gate: is an article about the subject of this package at all?

A news stream is mostly about other things, and their grants, prices and board
meetings are not the Coalition's. Every article of the development set and the seeds
names at least one of these words; an article that names none is kept (its row) but
nothing is extracted from it. One search over the folded text: it costs far less than
extraction, which it spares for most of a stream.
"""

from __future__ import annotations

import re

# folded forms (normalise.fold): الإرهاب -> الارهاب، الأمن -> الامن، الدولة -> الدوله
TOPIC = re.compile(
    r"داعش|الدوله الاسلاميه|تنظيم الدوله|التحالف|ارهاب|متطرف|تطرف|مجلس الامن"
    r"|\b(?:isis|isil|daesh)\b", re.IGNORECASE)


def on_topic(folded: str) -> bool:
    """Does the folded text name ISIS, the Coalition, terrorism/extremism or the UNSC?"""
    return TOPIC.search(folded) is not None
