"""Change classes: substantive (with reasons), status-only or editorial, by fixed documented rules.

The rules, in order (docs/classes.md lists them with examples):

1. A clause added, removed, split, merged or replaced is substantive.
2. Same text: a change of bracketing, provenance or attribution (``proposed_by``) is status; a
   change of title or topics only is editorial; a move or renumbering alone is editorial.
3. Texts equal once case, spacing and punctuation (outside numbers) are ignored: editorial.
   Currency and per cent signs are not punctuation (``50%`` → ``50`` changes an amount).
4. Otherwise substantive for each of these that holds: an amount changed (the quantity pairing),
   a negation added or removed, the obligation moved (plandiff.obligation), a condition or
   limitation added or removed, a deadline or duration changed, an actor added or dropped, or at
   least ``NEW_CONTENT_WORDS`` content words came or went that are not spelling variants.
5. Anything else is editorial: synonyms, word order, spelling, one or two words.

A text change always also carries a bracketing or provenance change in its reasons.
"""

from __future__ import annotations

import re
from collections import Counter

from .classes import ChangeClass, Strength
from .model import Change, ChangeKind
from .obligation import HEDGES, strength_change
from .provenance import provenance_label
from .quantities import NUMBER_WORDS

NEW_CONTENT_WORDS = 3
"""Content words (not stop words, not spelling variants) that must come or go for a rewording
with no other signal to count as substantive: one or two words are usually a synonym or style."""

NEGATIONS = frozenset(["not", "no", "never", "neither", "none", "without", "cannot", "nothing"])
"""Negation words; "nor" is left out because it pairs with "neither" (one negation, not two)."""
CONDITIONS = tuple(
    sorted({*HEDGES, "if", "only", "until", "as long as", "conditional on", "in the event",
            "after", "once", "pending", "in peacetime", "in wartime", "limited to"}, key=lambda p: (-len(p), p))
)  # fmt: skip
"""Conditions and limitations, longest first (then alphabetical: a set's order is not fixed);
their appearing or going is substantive."""
ACTORS = {
    "russia": "Russia", "russian federation": "Russia", "moscow": "Russia", "kremlin": "Russia",
    "ukraine": "Ukraine", "kyiv": "Ukraine",
    "united states": "United States", "us": "United States", "usa": "United States",
    "washington": "United States", "america": "United States",
    "nato": "NATO", "european union": "EU", "eu": "EU", "europe": "Europe", "european": "Europe",
    "e3": "E3", "united kingdom": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom",
    "france": "France", "germany": "Germany", "poland": "Poland", "china": "China", "turkey": "Turkey",
    "board of peace": "Board of Peace", "peace council": "Board of Peace", "iaea": "IAEA",
    "un": "UN", "united nations": "UN", "security council": "UN", "coalition of the willing": "Coalition",
    "president trump": "Trump", "trump": "Trump", "the presidents": "the presidents",
    "g8": "G8", "g7": "G7",
}  # fmt: skip
"""Parties and bodies (lower case → canonical name); a clause that gains or loses one changed."""
_DEADLINE = re.compile(
    r"\b(?:within|by|before|after|until|no later than|not later than|for|over)\s+"
    r"(?:\S+\s+){0,3}?(?:days?|weeks?|months?|years?|\d{4})\b"
    r"|\b(?:immediately|as soon as possible|without delay|deadline|timetable|timeline)\b"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{4}\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’']+")
STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as",
    "is", "are", "be", "been", "was", "were", "this", "that", "these", "those", "it", "its",
    "their", "there", "which", "who", "whom", "whose", "what", "all", "any", "each", "both",
    "such", "other", "into", "onto", "over", "under", "between", "than", "then", "so", "also",
    "do", "does", "did", "has", "have", "had", "within", "per", "via",
})  # fmt: skip
_PUNCT_IN_NUMBER = re.compile(r"(?<=\d)\.(?=\d)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_PUNCTUATION = re.compile(r"[^\w\s\0$€£¥%]")
"""Punctuation (and other marks) for rule 3: anything but letters, digits, spacing, the decimal
point placeholder, currency signs and the per cent sign (which change what a number means)."""
_JOINERS = re.compile(r"[-‐‑’'](?=\w)")


MAX_CLASSIFY_CHARS = 200_000
"""Longest text pair (characters, both sides) classified word by word. Folding, stemming and
counting every word cost about 10 s per megabyte; a longer changed text is called substantive
with TOO_LONG as its reason, since nothing shows it is not."""
TOO_LONG = "text too long to classify word by word"


def classify(change: Change) -> Change:
    """``change`` with its class, reasons and obligation direction filled in."""
    kind = change.kind
    if kind is ChangeKind.UNCHANGED:
        if change.is_difference:
            return change._replace(change_class=ChangeClass.EDITORIAL, reasons=("moved or renumbered only",))
        return change
    if kind is not ChangeKind.MODIFIED or change.old is None or change.new is None:
        reasons = [_KIND_REASON[kind]]
        if kind is ChangeKind.ADDED and change.new is not None and change.new.clause.bracketed:
            reasons = ["bracketed point added"]
        return change._replace(change_class=ChangeClass.SUBSTANTIVE, reasons=tuple(reasons))
    o, n = change.old.clause, change.new.clause
    status = _status_reasons(change)
    if len(o.text) + len(n.text) > MAX_CLASSIFY_CHARS and o.text != n.text:
        return change._replace(change_class=ChangeClass.SUBSTANTIVE, reasons=(TOO_LONG, *status))
    if o.text == n.text:
        if status:
            return change._replace(change_class=ChangeClass.STATUS, reasons=status)
        meta = tuple(f"{name} changed" for name in change.attributes)
        return change._replace(change_class=ChangeClass.EDITORIAL, reasons=meta or ("wording unchanged",))
    if fold(o.text) == fold(n.text):
        return change._replace(
            change_class=ChangeClass.EDITORIAL, reasons=("case, punctuation or spacing only", *status)
        )
    words = _words(o.text), _words(n.text)
    found, strength = text_reasons(o.text, n.text, change, words)
    if found:
        return change._replace(
            change_class=ChangeClass.SUBSTANTIVE, reasons=(*found, *status), strength=strength
        )
    return change._replace(change_class=ChangeClass.EDITORIAL, reasons=(_editorial_reason(*words), *status))


_KIND_REASON = {
    ChangeKind.ADDED: "clause added",
    ChangeKind.REMOVED: "clause removed",
    ChangeKind.SPLIT: "clause split",
    ChangeKind.MERGED: "clauses merged",
    ChangeKind.REPLACED: "clause replaced by new text",
}


def _status_reasons(change: Change) -> tuple[str, ...]:
    assert change.old is not None and change.new is not None
    o, n = change.old.clause, change.new.clause
    out = []
    if o.bracketed != n.bracketed:
        out.append("bracketed" if n.bracketed else "brackets lifted")
    old, new = (provenance_label(c.provenance, c.status_provenance) or "published" for c in (o, n))
    if old != new:
        out.append(f"provenance {old} → {new}")
    if o.proposed_by != n.proposed_by:
        out.append(f"attributed to {n.proposed_by}" if n.proposed_by else "attribution dropped")
    return tuple(out)


def fold(text: str) -> str:
    """Text with case, spacing and punctuation outside numbers ignored (rule 3)."""
    # "600,000" and "600000", "re-join" and "rejoin" are the same words; a decimal point is not
    # punctuation ("1.5" is not "15").
    text = _JOINERS.sub("", _THOUSANDS.sub("", text.casefold()))
    text = _PUNCT_IN_NUMBER.sub("\0", text)
    return " ".join(_PUNCTUATION.sub(" ", text).replace("\0", ".").split())


def _words(text: str) -> list[str]:
    """Lower-case words; a possessive counts as its noun ("Ukraine's" → "ukraine")."""
    return [w.removesuffix("'s") for w in _WORD.findall(text.casefold().replace("’", "'"))]


_CONDITION_KEYS = tuple((f" {p} ", p, p.split()[0]) for p in CONDITIONS)  # longest first
_ACTOR_KEYS = tuple((f" {p} ", ACTORS[p], p.split()[0]) for p in sorted(ACTORS, key=len, reverse=True))


def _found(padded: str, words: set[str], keys: tuple[tuple[str, str, str], ...]) -> Counter[str]:
    """How often each phrase occurs in ``padded`` (words joined by single spaces, with a space at
    each end), longest phrases first (a match is used up)."""
    out: Counter[str] = Counter()
    for key, name, first in keys:
        if first not in words:  # the phrase cannot occur: skip the scan
            continue
        count = padded.count(key)
        if count:
            out[name] += count
            padded = padded.replace(key, " \0 ")
    return out


def text_reasons(
    old: str, new: str, change: Change | None = None, words: tuple[list[str], list[str]] | None = None
) -> tuple[tuple[str, ...], Strength | None]:
    """Substantive reasons for a text change (rule 4) and the obligation's direction, if any."""
    reasons: list[str] = []
    if change is not None and change.quantities:
        q = change.quantities[0]
        reasons.append(f"amount changed: {q.old or 'none'} → {q.new or 'none'}")
    words_old, words_new = words or (_words(old), _words(new))
    padded_old, padded_new = " " + " ".join(words_old) + " ", " " + " ".join(words_new) + " "
    set_old, set_new = set(words_old), set(words_new)
    neg_old = sum(w in NEGATIONS or w.endswith("n't") for w in words_old)
    neg_new = sum(w in NEGATIONS or w.endswith("n't") for w in words_new)
    if neg_old != neg_new:
        reasons.append("negation added" if neg_new > neg_old else "negation removed")
    moved = strength_change(old, new)
    if moved is not None:
        reasons.append(f"obligation {moved.direction.value}: {moved.detail}")
    cond_old, cond_new = (
        _found(padded_old, set_old, _CONDITION_KEYS),
        _found(padded_new, set_new, _CONDITION_KEYS),
    )
    said = moved.detail if moved is not None else ""
    for phrase in sorted(cond_new - cond_old):
        if f'"{phrase}"' not in said:  # a hedge the obligation reason already names
            reasons.append(f'condition added: "{phrase}"')
    for phrase in sorted(cond_old - cond_new):
        if f'"{phrase}"' not in said:
            reasons.append(f'condition removed: "{phrase}"')
    if Counter(_deadlines(old)) != Counter(_deadlines(new)):
        reasons.append("deadline or duration changed")
    act_old, act_new = (
        set(_found(padded_old, set_old, _ACTOR_KEYS)),
        set(_found(padded_new, set_new, _ACTOR_KEYS)),
    )
    if act_new - act_old:
        reasons.append("actor added: " + ", ".join(sorted(act_new - act_old)))
    if act_old - act_new:
        reasons.append("actor dropped: " + ", ".join(sorted(act_old - act_new)))
    if not reasons:
        came, went = _content_change(words_old, words_new)
        if len(came) + len(went) >= NEW_CONTENT_WORDS:
            reasons.append(f"content changed: {len(came)} words in, {len(went)} out")
    return tuple(reasons), (moved.direction if moved is not None else None)


def _deadlines(text: str) -> list[str]:
    """Time expressions, number words written as digits ("thirty days" is "30 days")."""
    return [
        " ".join(str(NUMBER_WORDS.get(w, w)) for w in m.group().casefold().split())
        for m in _DEADLINE.finditer(text)
    ]


def _content_change(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Content words that came and went, counted by stem so spelling variants cancel out.

    Linear in the texts' length (Counters), whatever the texts: a rewritten megabyte clause costs
    a few passes. Words both texts share cancel before stemming (stems of equal words are equal),
    so only the words that differ are stemmed.
    """
    a = Counter(w for w in old if w not in STOP_WORDS)
    b = Counter(w for w in new if w not in STOP_WORDS)
    went, came = _stems(a - b), _stems(b - a)
    return sorted((came - went).elements()), sorted((went - came).elements())


def _stems(words: Counter[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for word, count in words.items():
        out[_stem(word)] += count
    return out


def _stem(word: str) -> str:
    """British/American spelling and plain inflection folded: ``recognised`` → ``recogniz``."""
    word = word.replace("is", "iz").replace("our", "or")
    for suffix in ("ations", "ation", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _editorial_reason(old: list[str], new: list[str]) -> str:
    came, went = _content_change(old, new)
    if not came and not went:
        return "word order, spelling or small words only"
    came_set, went_set = set(came), set(went)
    came_words = sorted(w for w in set(new) - set(old) if _stem(w) in came_set)
    went_words = sorted(w for w in set(old) - set(new) if _stem(w) in went_set)
    parts = [f'"{w}" in' for w in came_words] + [f'"{w}" out' for w in went_words]
    return "rewording: " + ", ".join(parts)
