"""Pairs the clauses of two versions: by id, then by number within paired parents.

This is the pairing step only; :mod:`plandiff.diff` classifies the pairs. Moves are the pairs
outside the longest increasing run of sibling positions, so an insertion does not make every
later clause "moved".
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .model import Clause, Located, MatchKind


@dataclass(frozen=True, slots=True)
class Flat:
    """A clause in a pre-order listing of its version."""

    located: Located
    parent: int | None
    """Flat index of the parent clause; None at the top level."""
    position: int
    """Index among its siblings."""
    end: int
    """Flat index one past its last descendant."""


@dataclass(frozen=True, slots=True)
class Pair:
    """An old clause paired with a new one."""

    old: int
    """Flat index in the old version."""
    new: int
    """Flat index in the new version."""
    match: MatchKind
    moved: bool
    """Outside the longest in-order run among its siblings, or under a different parent."""


def flatten(clauses: tuple[Clause, ...]) -> tuple[Flat, ...]:
    """List every clause in document order (parents before their sub-points)."""
    out: list[Flat] = []

    def visit(items: tuple[Clause, ...], prefix: tuple[str, ...], parent: int | None) -> None:
        for position, clause in enumerate(items):
            index = len(out)
            address = prefix + (clause.number,)
            out.append(Flat(Located(address, clause), parent, position, -1))
            visit(clause.clauses, address, index)
            done = out[index]
            out[index] = Flat(done.located, done.parent, done.position, len(out))

    visit(clauses, (), None)
    return tuple(out)


def align_clauses(old: tuple[Flat, ...], new: tuple[Flat, ...], use_ids: bool = True) -> tuple[Pair, ...]:
    """Pair clauses: equal ids anywhere first, then equal numbers under paired parents.

    Two clauses that both carry ids are never paired by number when the ids differ: an id says
    what a clause is about, and a number only where it stands.
    """
    partner: dict[int, tuple[int, MatchKind]] = {}
    taken: set[int] = set()
    if use_ids:
        by_id = {f.located.clause.id: i for i, f in enumerate(new) if f.located.clause.id}
        for i, f in enumerate(old):
            j = by_id.get(f.located.clause.id) if f.located.clause.id else None
            if j is not None:
                partner[i] = (j, MatchKind.ID)
                taken.add(j)
    children: dict[int | None, dict[str, int]] = {}
    for j, f in enumerate(new):
        if j not in taken:
            children.setdefault(f.parent, {}).setdefault(f.located.clause.number, j)
    for i, f in enumerate(old):  # pre-order: a parent is paired before its children are tried
        if i in partner:
            continue
        if f.parent is None:
            scope: int | None = None
        elif f.parent in partner:
            scope = partner[f.parent][0]
        else:
            continue
        j = children.get(scope, {}).get(f.located.clause.number)
        if j is None or j in taken or not _compatible(f, new[j], use_ids):
            continue
        partner[i] = (j, MatchKind.NUMBER)
        taken.add(j)
    moved = _moved(old, new, partner)
    return tuple(Pair(i, j, match, i in moved) for i, (j, match) in sorted(partner.items()))


def _compatible(old: Flat, new: Flat, use_ids: bool) -> bool:
    a, b = old.located.clause.id, new.located.clause.id
    return not (use_ids and a and b and a != b)


def _moved(
    old: tuple[Flat, ...], new: tuple[Flat, ...], partner: dict[int, tuple[int, MatchKind]]
) -> set[int]:
    """Old indices of pairs that changed parent or fall outside their siblings' in-order run."""
    groups: dict[int | None, list[tuple[int, int]]] = {}
    moved: set[int] = set()
    for i, (j, _) in partner.items():
        op, np = old[i].parent, new[j].parent
        same_parent = (op is None and np is None) or (
            op is not None and op in partner and partner[op][0] == np
        )
        if not same_parent:
            moved.add(i)
        else:
            groups.setdefault(op, []).append((old[i].position, i))
    for members in groups.values():
        members.sort()
        keep = _longest_increasing([new[partner[i][0]].position for _, i in members])
        moved.update(i for k, (_, i) in enumerate(members) if k not in keep)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (patience sorting, O(n log n))."""
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
