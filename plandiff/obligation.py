"""The obligation lexicon: modal verbs, hedges and firmers, and the direction a change moves them.

A clause's obligation is read from its phrases, never from a model: each entry below has a
strength (how binding a modal is) or a sign (a firmer such as "permanently" strengthens whatever
it qualifies; a hedge such as "in principle" or a limiting condition such as "in peacetime"
weakens it). :func:`strength_change` compares the phrases of two texts and returns ``weaker``,
``stronger`` or None with the phrases that moved it, so the report can say why.

Worst case: one linear scan of each text per lexicon pattern (a single compiled alternation).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .classes import Strength

MODALS: dict[str, int] = {
    # 3: binding commitments
    "shall": 3, "must": 3, "will": 3, "is obliged to": 3, "are obliged to": 3,
    "is obligated to": 3, "are obligated to": 3, "is required to": 3, "are required to": 3,
    "undertakes to": 3, "undertake to": 3, "commits to": 3, "commit to": 3,
    "is committed to": 3, "are committed to": 3, "agrees to": 3, "agree to": 3, "agrees": 3,
    "guarantees": 3, "guarantee": 3, "is bound to": 3, "are bound to": 3, "is to": 3, "are to": 3,
    "ensures": 3, "ensure": 3,
    # 2: expectations and intentions
    "should": 2, "is expected to": 2, "are expected to": 2, "it is expected that": 2,
    "intends to": 2, "intend to": 2, "aims to": 2, "aim to": 2, "seeks to": 2, "seek to": 2,
    "will seek to": 2, "will strive to": 2, "will endeavour to": 2, "endeavours to": 2,
    "will work towards": 2, "supports": 2, "support": 2, "encourages": 2, "is ready to": 2,
    "are ready to": 2, "is prepared to": 2, "are prepared to": 2, "welcomes": 2,
    "is encouraged to": 2, "are encouraged to": 2,
    # 1: permissions and possibilities
    "may": 1, "can": 1, "could": 1, "might": 1, "will consider": 1, "may consider": 1,
    "is invited to": 1, "are invited to": 1, "is free to": 1, "are free to": 1,
    "is allowed to": 1, "are allowed to": 1, "is entitled to": 1, "are entitled to": 1,
    "is eligible": 1, "is eligible for": 1, "will discuss": 1, "will be discussed": 1,
    "be invited to": 1, "be allowed to": 1, "be entitled to": 1, "be free to": 1,
    "is not required to": 1, "are not required to": 1, "is not obliged to": 1, "are not obliged to": 1,
}  # fmt: skip
"""Modal phrases and how binding they are: 3 binding, 2 expected or intended, 1 permitted."""

FIRMERS = (
    "permanently", "permanent", "legally binding", "binding", "irrevocable", "irrevocably",
    "unconditionally", "unconditional", "fully", "in full", "reliable", "robust", "decisive",
    "immediately", "without delay", "at all times", "in all circumstances", "strict", "strictly",
    "enshrine", "enshrined", "ratified", "ratify", "mandatory", "automatically", "strong", "stronger",
    "strengthened",
)  # fmt: skip
"""Words that make an obligation firmer where they appear: added → stronger, dropped → weaker."""

HEDGES = (
    "in principle", "where possible", "as far as possible", "if possible", "if appropriate",
    "where appropriate", "as appropriate", "subject to", "unless", "provided that", "on condition",
    "in peacetime", "except", "only if", "to the extent", "insofar as", "gradually", "in stages",
    "politically binding", "non-binding", "voluntary", "voluntarily", "temporarily", "temporary",
    "as soon as possible", "in due course", "when conditions allow", "if necessary",
)  # fmt: skip
"""Hedges and limiting conditions: added → weaker, dropped → stronger."""

_PHRASES = sorted({*MODALS, *FIRMERS, *HEDGES}, key=lambda p: (-len(p), p))
_BY_LETTER = {
    letter: [p for p in _PHRASES if p[0] == letter] for letter in dict.fromkeys(p[0] for p in _PHRASES)
}
# One group per first letter (each keeping the longest-first order): phrases with different first
# letters never match at the same place, so the match is the same as one flat alternation, and
# the regex engine tests each first letter once instead of trying every phrase (3-4x faster).
_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(
        "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in group) + ")"
        for group in _BY_LETTER.values()
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)


class StrengthChange(NamedTuple):
    """Which way a text's obligation moved, and the phrases that moved it."""

    direction: Strength
    """WEAKER or STRONGER."""
    detail: str
    """Why, in the text's words: ``shall → should``, ``"permanently" dropped``."""


def phrases(text: str) -> Counter[str]:
    """The lexicon's phrases in ``text``, lower-cased with single spaces, longest match first."""
    return Counter(" ".join(p.casefold().split()) for p in _PATTERN.findall(text))


def strength_change(old: str, new: str) -> StrengthChange | None:
    """How the obligation of ``old`` moved in ``new``; None when it did not move (or both ways).

    Modals: the weakest modal dropped against the weakest added, since a hedge governs the verbs
    inside it ("it is expected that Russia will" reads as expected, not as will); ``shall`` →
    ``should`` is weaker. A modal added or dropped alone does not count: a rewording moves
    modals around. Firmers and hedges count on their own. The signs are summed; a tie is None.
    """
    before, after = phrases(old), phrases(new)
    gone, came = before - after, after - before
    score = 0
    why: list[str] = []
    lost = [p for p in gone if p in MODALS]
    won = [p for p in came if p in MODALS]
    if lost and won:
        lo = min(lost, key=lambda p: (MODALS[p], p))
        hi = min(won, key=lambda p: (MODALS[p], p))
        if MODALS[lo] != MODALS[hi]:
            score += 1 if MODALS[hi] > MODALS[lo] else -1
            why.append(f"{lo} → {hi}")
    for phrase in sorted(came):
        if phrase in FIRMERS:
            score += 1
            why.append(f'"{phrase}" added')
        elif phrase in HEDGES:
            score -= 1
            why.append(f'"{phrase}" added')
    for phrase in sorted(gone):
        if phrase in FIRMERS:
            score -= 1
            why.append(f'"{phrase}" dropped')
        elif phrase in HEDGES:
            score += 1
            why.append(f'"{phrase}" dropped')
    if score == 0:
        return None
    return StrengthChange(Strength.STRONGER if score > 0 else Strength.WEAKER, ", ".join(why))
