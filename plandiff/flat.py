"""Clauses of a version listed in document order, with parents, positions and subtree ends."""

from __future__ import annotations

from typing import NamedTuple

from .model import Clause, Located


class Flat(NamedTuple):
    """A clause in a pre-order listing of its version."""

    located: Located
    parent: int | None
    """Flat index of the parent clause; None at the top level."""
    position: int
    """Index among its siblings."""
    end: int
    """Flat index one past its last descendant."""


def flatten(clauses: tuple[Clause, ...]) -> tuple[Flat, ...]:
    """List every clause in document order (parents before their sub-points)."""
    rows: list[tuple[Located, int | None, int]] = []
    ends: list[int] = []

    def visit(items: tuple[Clause, ...], prefix: tuple[str, ...], parent: int | None) -> None:
        for position, clause in enumerate(items):
            index = len(rows)
            address = (*prefix, clause.number)
            rows.append((Located(address, clause), parent, position))
            ends.append(0)
            if clause.clauses:
                visit(clause.clauses, address, index)
            ends[index] = len(rows)

    visit(clauses, (), None)
    return tuple(Flat(located, parent, position, end) for (located, parent, position), end in zip(rows, ends))


def children_of(flat: tuple[Flat, ...]) -> dict[int | None, list[int]]:
    out: dict[int | None, list[int]] = {}
    for k, f in enumerate(flat):
        out.setdefault(f.parent, []).append(k)
    return out
