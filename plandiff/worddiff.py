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

from . import anchored
from .anchored import Work, anchored_runs
from .model import CompareOptions, Segment, SegmentOp

MAX_EDIT_ESTIMATE = 3_000
"""Largest lower bound on the edit distance (in tokens) diffed at a given granularity: texts that
share too little go straight to a coarser one. Real clauses have edit distances in the tens."""
MAX_TOKENS = {"word": 200_000, "sentence": 50_000}
"""Longest pair (tokens, both sides) diffed at each granularity at all; longer goes coarser
without trying. Every pass over a token list costs Python time per token: a 16 MiB clause is
about 4 million word tokens, and word-level work on it alone took minutes."""
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


def diff_words(
    old: str, new: str, options: CompareOptions | None = None, spent: list[Work] | None = None
) -> tuple[tuple[Segment, ...], str]:
    """Diff two texts; returns the segments and the granularity used (word, sentence, whole).

    EQUAL and DELETE segments rebuild ``old`` exactly, EQUAL and INSERT segments rebuild ``new``
    (an EQUAL run that differs only under an ignore option carries the old text in ``old_text``).
    Each granularity runs under its own :class:`Work` budget (appended to ``spent`` when given);
    one that runs out hands over to the next coarser one, so the cost is bounded whatever the
    input: linear in its length plus MAX_CELLS per granularity.
    """
    opts = options or CompareOptions()
    for granularity, pattern in ((WORD, _TOKEN), (SENTENCE, _SENTENCE)):
        a = [t for t in pattern.findall(old) if t]
        b = [t for t in pattern.findall(new) if t]
        if len(a) + len(b) > MAX_TOKENS[granularity]:
            continue
        if len(a) + len(b) > anchored.DIRECT_TOKENS and _edit_estimate(a, b, opts) > MAX_EDIT_ESTIMATE:
            continue
        work = Work(len(a) + len(b))
        if spent is not None:
            spent.append(work)
        segments = _diff_tokens(a, b, opts, work)
        if segments is not None:
            return segments, granularity
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


def _diff_tokens(
    a: list[str], b: list[str], options: CompareOptions, work: Work
) -> tuple[Segment, ...] | None:
    """Segments turning tokens ``a`` into ``b``; None when ``work`` ran out."""
    codes = _Codes()
    exact = not (options.ignore_case or options.ignore_whitespace or options.ignore_punctuation)

    keys_a = a if exact else [_key(token, options) for token in a]
    keys_b = b if exact else [_key(token, options) for token in b]
    x, y = "".join(map(codes.__getitem__, keys_a)), "".join(map(codes.__getitem__, keys_b))
    if len(x) + len(y) <= anchored.DIRECT_TOKENS:
        if not work.spend((len(x) + len(y)) ** 2 // 4, 0):
            return None
        runs = _myers(x, y)
    else:
        # One direction for both orders of the texts, mirrored after: a comparison and its
        # reverse then agree exactly (the tie-breaks of anchoring are not symmetric). The order
        # is decided on the tokens compared, since the codes depend on which text came first.
        flip = (len(keys_a), keys_a) > (len(keys_b), keys_b)
        found = anchored_runs(y, x, work, _myers) if flip else anchored_runs(x, y, work, _myers)
        if found is None:
            return None
        runs = [(-op, n) for op, n in found] if flip else found
    return _segments(a, b, runs)


def _myers(x: str, y: str) -> list[tuple[int, int]]:
    """diff-match-patch on two encoded sequences, semantically cleaned, as (op, count) runs."""
    engine = _engine()
    diffs = engine.diff_main(x, y, False)
    engine.diff_cleanupSemantic(diffs)
    return [(op, len(chars)) for op, chars in diffs]


def _segments(a: list[str], b: list[str], runs: list[tuple[int, int]]) -> tuple[Segment, ...]:
    """Segments from (op, count) runs; each block of edits between equal runs becomes one DELETE
    then one INSERT, whichever order the engine found them in (so mirrored diffs agree)."""
    segments: list[Segment] = []
    i = j = 0
    k = 0
    while k < len(runs):
        op, n = runs[k]
        if op == 0:
            old_text, new_text = "".join(a[i : i + n]), "".join(b[j : j + n])
            i += n
            j += n
            _append(segments, Segment(SegmentOp.EQUAL, new_text, None if old_text == new_text else old_text))
            k += 1
            continue
        deleted = inserted = 0
        while k < len(runs) and runs[k][0] != 0:
            if runs[k][0] == -1:
                deleted += runs[k][1]
            else:
                inserted += runs[k][1]
            k += 1
        if deleted:
            _append(segments, Segment(SegmentOp.DELETE, "".join(a[i : i + deleted])))
            i += deleted
        if inserted:
            _append(segments, Segment(SegmentOp.INSERT, "".join(b[j : j + inserted])))
            j += inserted
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
