"""Which pairs moved: those outside the longest increasing run of sibling positions."""

from __future__ import annotations

from ..flat import Flat
from .chain import longest_increasing


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
