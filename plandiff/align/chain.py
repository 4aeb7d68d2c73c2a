"""Order-keeping subsets of pairs: the longest increasing run (for moves and anchors) and the
heaviest chain of scored candidate pairs (for pairing inside a gap between anchors)."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise


def longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (patience sorting, O(n log n))."""
    if all(a < b for a, b in pairwise(values)):
        return set(range(len(values)))  # the usual case: siblings kept their order
    tails: list[int] = []
    tail_index: list[int] = []
    back: list[int] = [-1] * len(values)
    for k, v in enumerate(values):
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tail_index.append(k)
        else:
            tails[pos] = v
            tail_index[pos] = k
        back[k] = tail_index[pos - 1] if pos else -1
    keep: set[int] = set()
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        keep.add(k)
        k = back[k]
    return keep


def _lis_lengths(values: list[int]) -> list[int]:
    """For each index, the length of the longest strictly increasing run ending there."""
    tails: list[int] = []
    out = []
    for v in values:
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
        else:
            tails[pos] = v
        out.append(pos + 1)
    return out


def certain_increasing(values: list[int]) -> set[int]:
    """Indices that belong to every longest strictly increasing subsequence, O(n log n).

    Where several longest runs exist (two clauses swapped), a pick among them would depend on
    which version is called old; the elements common to all of them do not, so anchors chosen
    this way give a comparison and its reverse the same gaps.
    """
    if all(a < b for a, b in pairwise(values)):
        return set(range(len(values)))
    ending = _lis_lengths(values)
    starting = _lis_lengths([-v for v in reversed(values)])[::-1]
    total = max(ending, default=0)
    on_some = [k for k in range(len(values)) if ending[k] + starting[k] - 1 == total]
    per_level: dict[int, list[int]] = {}
    for k in on_some:
        per_level.setdefault(ending[k], []).append(k)
    return {members[0] for members in per_level.values() if len(members) == 1}


def heaviest_chain(edges: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The subset of ``(a, b, weight)`` edges, strictly increasing in both ``a`` and ``b``, whose
    weights sum highest; O(E log E) with a Fenwick tree of prefix maxima.

    Ties go to the chain found first in ``(a, b)`` order, which is the same chain whichever side
    is called ``a`` only when weights differ; callers pass weights rounded alike on both sides.
    """
    if not edges:
        return []
    bs = sorted({b for _, b, _ in edges})
    rank = {b: k + 1 for k, b in enumerate(bs)}
    size = len(bs)
    tree_value = [0.0] * (size + 1)
    tree_edge = [-1] * (size + 1)
    # Edges of one `a` must not chain with each other: visit them with `b` descending.
    order = sorted(range(len(edges)), key=lambda e: (edges[e][0], -edges[e][1]))
    best = [0.0] * len(edges)
    back = [-1] * len(edges)
    for e in order:
        _, b, w = edges[e]
        k, value, prev = rank[b] - 1, 0.0, -1
        while k > 0:  # best chain ending below b
            if tree_value[k] > value:
                value, prev = tree_value[k], tree_edge[k]
            k -= k & -k
        best[e], back[e] = value + w, prev
        k = rank[b]
        while k <= size:
            if best[e] > tree_value[k]:
                tree_value[k], tree_edge[k] = best[e], e
            k += k & -k
    e = max(range(len(edges)), key=lambda x: (best[x], -x))
    chain = []
    while e >= 0:
        chain.append(edges[e])
        e = back[e]
    return chain[::-1]
