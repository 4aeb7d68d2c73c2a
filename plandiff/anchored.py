"""The patience-anchored diff of two token sequences under a counted work budget (never a timer).

Tokens are one character each (as ``worddiff`` encodes them); the runs it returns are
``(op, count)`` with op -1 delete, 0 equal, 1 insert. diff-match-patch itself is called through
the ``myers`` argument, so that ``worddiff`` stays its one home.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

Runs = list[tuple[int, int]]

DIRECT_TOKENS = 1_200
"""Token sequences (both sides together) handed to diff-match-patch whole. Its Myers diff costs
about the square of the tokens when they are reordered — the token-count estimate above cannot
see reordering — and with ``Diff_Timeout = 0`` nothing stops it: 1,000 words reversed took 2.5 s
and 8,000 more than a minute. 1,200 tokens (about 600 words) take at most ~0.2 s here."""
MAX_CELLS = 3_000_000
"""Work budget of one granularity: diff-match-patch runs on gaps of at most DIRECT_TOKENS, each
costing ``(len + len)² / 4`` (a bound on its search when the gap is reordered), and the sum may not
pass CELLS_PER_TOKEN per token of input, nor this in all (about 1.5 s of worst-case searching
here). Proportional below the cap, so the cost grows at most linearly with the text until it is
constant."""
CELLS_PER_TOKEN = 40
"""Budget per token of input, in the units of MAX_CELLS (never less than one direct diff)."""
SCAN_PER_TOKEN = 16
"""Anchoring budget: tokens read while looking for anchors, per token of input (plus one
DIRECT_TOKENS). Each level of anchoring reads its gaps once; this bounds how deep it may go."""


class Work:
    """What one diff may spend and has spent (counted as it runs, never timed)."""

    __slots__ = ("cell_limit", "cells", "exhausted", "scan_limit", "scanned")

    def __init__(self, tokens: int) -> None:
        self.cells = 0
        """diff-match-patch cost charged so far (see MAX_CELLS)."""
        self.cell_limit = min(MAX_CELLS, max(DIRECT_TOKENS**2 // 4, CELLS_PER_TOKEN * tokens))
        self.scanned = 0
        """Tokens read while anchoring so far."""
        self.scan_limit = SCAN_PER_TOKEN * tokens + DIRECT_TOKENS

        self.exhausted = False
        """Set when a step was refused: the diff at this granularity was given up."""

    def spend(self, cells: int, scanned: int) -> bool:
        """Charge a step before it runs; False (and nothing charged) when it would pass a limit."""
        if self.cells + cells > self.cell_limit or self.scanned + scanned > self.scan_limit:
            self.exhausted = True
            return False
        self.cells += cells
        self.scanned += scanned
        return True


def anchored_runs(x: str, y: str, work: Work, myers: Callable[[str, str], Runs]) -> Runs | None:
    """(op, count) runs turning ``x`` into ``y`` (one character per token), or None past the budget.

    Patience diff: strip the common ends of a gap, hand a gap of at most DIRECT_TOKENS to
    diff-match-patch, and split a longer one at the longest in-order run of tokens that occur
    once on each side. Worst cases: reordered text has anchors in no useful order, so its gaps
    stay long and have no anchors of their own (budget spent: the caller goes coarser); nested
    gaps re-read their tokens on each level (bounded by the scan budget).
    """
    runs: list[tuple[int, int]] = []
    tasks: list[tuple[int, int, int, int, int]] = [(2, 0, len(x), 0, len(y))]  # op 2: a gap
    while tasks:
        op, i0, i1, j0, j1 = tasks.pop()
        if op != 2:
            _emit(runs, op, i1)
            continue
        if not work.spend(0, (i1 - i0) + (j1 - j0)):  # reading the gap: its ends, then anchors
            return None
        head = 0
        while i0 + head < i1 and j0 + head < j1 and x[i0 + head] == y[j0 + head]:
            head += 1
        _emit(runs, 0, head)
        i0, j0 = i0 + head, j0 + head
        tail = 0
        while i1 - tail > i0 and j1 - tail > j0 and x[i1 - tail - 1] == y[j1 - tail - 1]:
            tail += 1
        tasks.append((0, 0, tail, 0, 0))  # the common tail follows whatever the middle becomes
        i1, j1 = i1 - tail, j1 - tail
        if i0 == i1 or j0 == j1:
            _emit(runs, -1, i1 - i0)
            _emit(runs, 1, j1 - j0)
        elif (i1 - i0) + (j1 - j0) <= DIRECT_TOKENS:
            if not work.spend(((i1 - i0) + (j1 - j0)) ** 2 // 4, 0):
                return None
            for run in myers(x[i0:i1], y[j0:j1]):
                _emit(runs, *run)
        else:
            anchors = _anchors(x[i0:i1], y[j0:j1])
            if not anchors and set(x[i0:i1]).isdisjoint(y[j0:j1]):
                _emit(runs, -1, i1 - i0)  # nothing in common: replaced, and that is the whole diff
                _emit(runs, 1, j1 - j0)
                continue
            if not anchors:
                work.exhausted = True  # long, sharing only repeated tokens: no cheap way in
                return None
            children: list[tuple[int, int, int, int, int]] = []
            pi, pj = i0, j0
            for ai, aj in anchors:
                children.append((2, pi, i0 + ai, pj, j0 + aj))
                children.append((0, 0, 1, 0, 0))
                pi, pj = i0 + ai + 1, j0 + aj + 1
            children.append((2, pi, i1, pj, j1))
            tasks.extend(reversed(children))
    return runs


def _emit(runs: list[tuple[int, int]], op: int, n: int) -> None:
    if n <= 0:
        return
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + n)
    else:
        runs.append((op, n))


def _anchors(x: str, y: str) -> list[tuple[int, int]]:
    """Positions of the longest in-order run of tokens found exactly once in ``x`` and in ``y``."""
    cx, cy = Counter(x), Counter(y)
    where = {c: j for j, c in enumerate(y) if cy[c] == 1 and cx[c] == 1}
    pairs = [(i, where[c]) for i, c in enumerate(x) if c in where]
    # Longest increasing subsequence of the y positions (patience sorting, n log n).
    tops: list[int] = []  # smallest y ending an increasing run of each length
    ends: list[int] = []  # index into pairs of that run's last element
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        length = bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[length], ends[length] = j, k
        back[k] = ends[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]
