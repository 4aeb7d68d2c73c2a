"""Which pairs moved: those outside the longest increasing run of sibling positions."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

from ..flat import Flat


def moved_pairs(old: tuple[Flat, ...], new: tuple[Flat, ...], partner: dict[int, int]) -> set[int]:
    """Old indices of pairs that changed parent or fall outside their siblings' in-order run."""
    groups: dict[int | None, list[tuple[int, int]]] = {}
    moved: set[int] = set()
    for i, j in partner.items():
        op, np = old[i].parent, new[j].parent
        if (op is None and np is None) or (op is not None and partner.get(op) == np and np is not None):
            groups.setdefault(op, []).append((old[i].position, i))
        else:
            moved.add(i)
    for members in groups.values():
        members.sort()
        keep = longest_increasing([new[partner[i]].position for _, i in members])
        moved.update(i for k, (_, i) in enumerate(members) if k not in keep)
    return moved


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
