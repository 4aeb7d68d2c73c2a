"""Finds numbers and amounts in clause text and pairs the old and new values of a changed clause."""

from __future__ import annotations

import re
from collections import deque
from typing import NamedTuple

from .model import QuantityChange

_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_UNITS = {
    "%": "%", "per cent": "%", "percent": "%",
    "personnel": "personnel", "troops": "troops", "soldiers": "soldiers", "people": "people",
    "prisoners": "prisoners",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years",
    "km": "km", "kilometres": "km", "kilometers": "km", "miles": "miles",
    "points": "points", "documents": "documents",
}  # fmt: skip
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
}  # fmt: skip
NUMBER_WORDS = _WORDS
"""Number words and their values (read by the change classes to compare "thirty days" and "30 days")."""
_UNIT_RE = "|".join(sorted((re.escape(u).replace(r"\ ", r"\s") for u in _UNITS), key=len, reverse=True))
_WORD_RE = "|".join(sorted(_WORDS, key=len, reverse=True))
_NUMBER = re.compile(
    rf"""(?<![\w.,$€£])
    (?P<cur>[$€£])?
    (?:
        (?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?![0-9]|[.,][0-9])
      | (?P<word>(?i:{_WORD_RE}))(?=\s+(?i:{_UNIT_RE})\b)
    )
    (?:\s*(?P<scale>thousand|million|billion|trillion)\b)?
    (?:(?P<pct>\s?%)|\s+(?P<unit>(?i:{_UNIT_RE}))\b)?
    (?![\w,]*\d)""",
    re.VERBOSE,
)
# Worst cases of the pattern, and what bounds them. Digits are ASCII only: other scripts' digits
# and circled or superscript ones (``②``, ``²``) are text. The guard after ``num`` stops the
# engine from backtracking digit by digit into a long number and rescanning the rest of the word
# for each shorter prefix: ``"1" * n + "a1"`` was quadratic (8,000 digits 0.17 s; 16 MiB would take
# hours); with it every start position costs time linear in its own word, and the look-behind
# stops a new start inside a word.
_YEAR = re.compile(r"(19|20)\d\d\Z")
_DIGIT = re.compile(r"[0-9]")
MAX_QUANTITIES = 10_000
"""Numbers read from one text; a text with more has its numbers shown only in the word diff
(pairing them one by one in a clause of millions of numbers would cost seconds and say nothing
a reader can use)."""
MAX_DIGITS = 24
"""Longest number (digits, separators excluded) read as a quantity; a longer one stays text in the
word diff. Python refuses ``int()`` of more than 4,300 digits, and a float of more than 308 is
infinite (a 401-digit amount once gave ``"delta":Infinity``, which is not JSON)."""
# Numbers that are not amounts (issue 14): references to articles, points and sections
# ("Article 5", "point 12"), ratios ("50:50", "50/50"), days and years inside dates
# ("23 November 2025", "November 2025", "2025-11-23") and ordinal days ("30th", "day 30").
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:articles?|art|sections?|points?|paragraphs?|para|clauses?|chapters?|resolutions?"
    r"|annex(?:es)?|items?|day)\.?|§|#)\s*\Z",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTHS})\.?,?\s+(?:\d{{1,2}},?\s+)?|\d{{4}}-\d\d-|\d{{4}}-)\Z", re.IGNORECASE
)
_DATE_AFTER = re.compile(rf"\A(?:\s+(?:of\s+)?(?:{_MONTHS})\b|-\d\d\b)", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"\A(?:st|nd|rd|th)\b", re.IGNORECASE)


class Quantity(NamedTuple):
    """A number found in a text."""

    written: str
    """As in the text, with currency, scale and per cent sign (not unit words)."""
    value: float | int
    """Value in ``unit`` (scale applied)."""
    unit: str | None
    grouped: bool
    """Written with thousands separators."""
    scale: str | None
    """``billion``, ``million``…, as written."""
    currency: str | None
    """The currency symbol as written."""


def _fold(text: str) -> str:
    """Lower-case as the pattern's IGNORECASE matches: "ſix" and "fıve" are number words too."""
    return text.casefold().replace("ı", "i")


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number in ``text``, in reading order."""
    if not _DIGIT.search(text):
        # No digit and no number word: nothing to find, and the full pattern is slow to find
        # nothing.
        folded = _fold(text)
        if not any(word in folded for word in _WORDS):
            return ()
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        if len(found) > MAX_QUANTITIES:  # enough to know pairing is off (see MAX_QUANTITIES)
            break
        if _not_an_amount(text, m):
            continue
        num, word, scale = m.group("num"), m.group("word"), m.group("scale")
        cur, pct, unit_word = m.group("cur"), m.group("pct"), m.group("unit")
        if num is not None and sum(c.isdigit() for c in num) > MAX_DIGITS:
            continue
        if num is not None:
            value: float | int = float(num.replace(",", "")) if "." in num else int(num.replace(",", ""))
        else:
            value = _WORDS[_fold(word)]
        if scale:
            value = value * _SCALES[scale]
            value = int(value) if float(value).is_integer() else value
        unit: str | None
        if cur:
            unit = _CURRENCIES[cur]
        elif pct:
            unit = "%"
        elif unit_word:
            unit = _UNITS[re.sub(r"\s+", " ", _fold(unit_word))]
        elif num is not None and _YEAR.match(num) and not scale:
            unit = "year"
        else:
            unit = None
        # Unit words stay out of the written form, except "per cent", which is the number's sign.
        written_end = m.start("unit") if unit_word and unit != "%" else m.end()
        written = text[m.start() : written_end].rstrip()
        found.append(Quantity(written, value, unit, num is not None and "," in num, scale, cur))
    return tuple(found)


def _not_an_amount(text: str, m: re.Match[str]) -> bool:
    """A reference, ratio, date part or ordinal day: a number, but not an amount to compare.

    Looks at most 40 characters either side of the match, so the cost stays linear.
    """
    if m.group("num") is None or m.group("cur") or m.group("scale") or m.group("pct"):
        return False
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 40]
    return bool(
        _REFERENCE_BEFORE.search(before)
        or _DATE_BEFORE.search(before)
        or _DATE_AFTER.match(after)
        or after[:1] in (":", "/")
        and after[1:2].isdigit()
        or before[-1:] in (":", "/")
        and before[-2:-1].isdigit()
        or _ORDINAL_AFTER.match(text[m.end("num") : m.end("num") + 3])
    )


def pair_quantities(old_text: str, new_text: str) -> tuple[QuantityChange, ...]:
    """Numbers whose value changed between two texts; numbers present in both are skipped.

    Equal (value, unit) pairs are removed first; the rest are paired in reading order within
    each unit; whatever is left over appeared or disappeared.
    """
    old = find_quantities(old_text)
    new = find_quantities(new_text)
    if len(old) > MAX_QUANTITIES or len(new) > MAX_QUANTITIES:
        return ()
    # Queues of indices instead of list.remove and a scan per number: 40,000 changed numbers in
    # one clause took over a minute when each number searched the remaining list (quadratic); with
    # the queues pairing is linear in the numbers found.
    same: dict[tuple[float | int, str | None], deque[int]] = {}
    for k, n in enumerate(new):
        same.setdefault((n.value, n.unit), deque()).append(k)
    taken = [False] * len(new)
    rest: list[Quantity] = []
    for q in old:
        twins = same.get((q.value, q.unit))
        if twins:
            taken[twins.popleft()] = True
        else:
            rest.append(q)
    by_unit: dict[str | None, deque[int]] = {}
    for k, n in enumerate(new):
        if not taken[k]:
            by_unit.setdefault(n.unit, deque()).append(k)
    changes: list[QuantityChange] = []
    for q in rest:
        candidates = by_unit.get(q.unit)
        if candidates:
            k = candidates.popleft()
            taken[k] = True
            changes.append(_change(q, new[k]))
        else:
            changes.append(_change(q, None))
    changes.extend(_change(None, n) for k, n in enumerate(new) if not taken[k])
    return tuple(changes)


def _change(old: Quantity | None, new: Quantity | None) -> QuantityChange:
    delta = percent = None
    delta_value: float | int | None = None
    if old is not None and new is not None:
        delta_value = new.value - old.value
        if isinstance(delta_value, float) and delta_value.is_integer():
            delta_value = int(delta_value)
        if old.value != 0 and old.unit != "year":
            percent = round(100 * delta_value / old.value, 1)
        delta = delta_value
    either = old if old is not None else new
    unit = either.unit if either is not None else None
    return QuantityChange(
        old=old.written if old else None,
        new=new.written if new else None,
        unit=unit,
        old_value=old.value if old else None,
        new_value=new.value if new else None,
        delta=delta,
        percent=percent,
        delta_text=None if old is None or new is None else _delta_text(old, new, delta_value),
    )


def _delta_text(old: Quantity, new: Quantity, delta: float | None) -> str:
    """Write the difference the way the old number is written: ``+200,000``, ``+$700 billion``."""
    assert delta is not None
    sign = "+" if delta >= 0 else "-"
    amount = abs(delta)
    scale = old.scale if old.scale and old.scale == new.scale else None
    if scale:
        amount = amount / _SCALES[scale]
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    grouped = old.grouped or new.grouped
    if isinstance(amount, int):
        digits = f"{amount:,}" if grouped or amount >= 10_000 else str(amount)
    else:
        digits = f"{amount:,.6g}" if grouped else f"{amount:.6g}"
    text = f"{sign}{old.currency or ''}{digits}"
    if scale:
        text += f" {scale}"
    if old.unit == "%":
        text += " pp"
    return text
