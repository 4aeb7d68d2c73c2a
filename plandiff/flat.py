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


def children_of(flat: tuple[Flat, ...]) -> dict[int | None, list[int]]:
    out: dict[int | None, list[int]] = {}
    for k, f in enumerate(flat):
        out.setdefault(f.parent, []).append(k)
    return out
