"""Word-level diff of two clause texts with diff-match-patch, as lossless Segments.

Words, whitespace runs and single punctuation marks are encoded as one character each (the way
``diff_linesToChars`` encodes lines), so an edit never splits a word; diff-match-patch runs with
``Diff_Timeout = 0`` (its default one-second timeout makes results depend on machine speed),
followed by a semantic cleanup. This is the one home of ``diff_match_patch``; STYLE.md puts it in
``diff.py``, which instead keeps report assembly and stays under its size budget.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from diff_match_patch import diff_match_patch

from .model import CompareOptions, Segment, SegmentOp

MAX_EDIT_ESTIMATE = 3_000
"""Largest lower bound on the edit distance (in tokens) diffed at a given granularity. The Myers
diff in diff-match-patch costs roughly the square of the edit distance (two disjoint texts of
2,000 tokens each took 1.1 s here), and with ``Diff_Timeout = 0`` nothing stops it, so beyond this
the text is diffed by sentence, and beyond it again shown as replaced whole. Real clauses have
edit distances in the tens."""

WORD = "word"
SENTENCE = "sentence"
WHOLE = "whole"
"""Granularities, finest first."""

_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*|\s+|[^\w\s]")
_SENTENCE = re.compile(r"[^.!?;\n]*(?:[.!?;]+|\n|$)\s*")
_SPACE = re.compile(r"\s+")


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


def normalise(text: str, options: CompareOptions) -> str:
    """The text as compared under the ignore options (used to decide 'unchanged')."""
    if options.ignore_punctuation:
        text = "".join(c for c in text if not unicodedata.category(c).startswith("P"))
    if options.ignore_case:
        text = text.casefold()
    if options.ignore_whitespace:
        text = _SPACE.sub(" ", text).strip()
    return text


def _key(token: str, options: CompareOptions) -> str:
    if token.isspace():
        return " " if options.ignore_whitespace else token
    if options.ignore_punctuation and not token[0].isalnum() and token[0] != "_":
        return "\x00punct"
    return token.casefold() if options.ignore_case else token


def diff_words(old: str, new: str, options: CompareOptions | None = None) -> tuple[tuple[Segment, ...], str]:
    """Diff two texts; returns the segments and the granularity used (word, sentence, whole).

    EQUAL and DELETE segments rebuild ``old`` exactly, EQUAL and INSERT segments rebuild ``new``
    (an EQUAL run that differs only under an ignore option carries the old text in ``old_text``).
    """
    opts = options or CompareOptions()
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) + len(b) <= MAX_EDIT_ESTIMATE or _edit_estimate(a, b, opts) <= MAX_EDIT_ESTIMATE:
        return _diff_tokens(a, b, opts), WORD
    a = [t for t in _SENTENCE.findall(old) if t]
    b = [t for t in _SENTENCE.findall(new) if t]
    if _edit_estimate(a, b, opts) <= MAX_EDIT_ESTIMATE:
        return _diff_tokens(a, b, opts), SENTENCE
    return _whole(old, new), WHOLE


def _edit_estimate(a: list[str], b: list[str], options: CompareOptions) -> int:
    """A lower bound on the insert/delete distance: tokens one side has more often than the other."""
    ca = Counter(_key(t, options) for t in a)
    cb = Counter(_key(t, options) for t in b)
    return sum((ca - cb).values()) + sum((cb - ca).values())


def _whole(old: str, new: str) -> tuple[Segment, ...]:
    return tuple(Segment(op, text) for op, text in ((SegmentOp.DELETE, old), (SegmentOp.INSERT, new)) if text)


class _Codes(dict[str, str]):
    """One character per distinct token, handed out on first sight (as ``diff_linesToChars``)."""

    def __missing__(self, key: str) -> str:
        n = len(self) + 1
        char = self[key] = chr(n if n < 0xD800 else n + 0x800)  # skip the surrogate block
        return char


def _diff_tokens(a: list[str], b: list[str], options: CompareOptions) -> tuple[Segment, ...]:
    codes = _Codes()
    exact = not (options.ignore_case or options.ignore_whitespace or options.ignore_punctuation)

    def encode(tokens: list[str]) -> str:
        keys = tokens if exact else [_key(token, options) for token in tokens]
        return "".join(map(codes.__getitem__, keys))

    engine = _engine()
    diffs = engine.diff_main(encode(a), encode(b), False)
    engine.diff_cleanupSemantic(diffs)
    segments: list[Segment] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            old_text, new_text = "".join(a[i : i + n]), "".join(b[j : j + n])
            i += n
            j += n
            _append(segments, Segment(SegmentOp.EQUAL, new_text, None if old_text == new_text else old_text))
        elif op == -1:
            _append(segments, Segment(SegmentOp.DELETE, "".join(a[i : i + n])))
            i += n
        else:
            _append(segments, Segment(SegmentOp.INSERT, "".join(b[j : j + n])))
            j += n
    return tuple(segments)


def _append(segments: list[Segment], segment: Segment) -> None:
    """Add a segment, merging it into the previous one when both have the same operation."""
    if segments and segments[-1].op is segment.op and segment.op is not SegmentOp.EQUAL:
        last = segments.pop()
        segment = Segment(segment.op, last.text + segment.text)
    elif segments and segments[-1].op is SegmentOp.EQUAL and segment.op is SegmentOp.EQUAL:
        last = segments.pop()
        old = (last.old_text if last.old_text is not None else last.text) + (
            segment.old_text if segment.old_text is not None else segment.text
        )
        text = last.text + segment.text
        segment = Segment(SegmentOp.EQUAL, text, None if old == text else old)
    segments.append(segment)
