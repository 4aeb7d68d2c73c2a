"""Finds runs of clauses renumbered only because something before them was inserted or deleted."""

from __future__ import annotations

from dataclasses import replace

from .model import Change, ChangeKind, RenumberedRange

MIN_RUN = 2
"""Clauses in a run before it is reported as one range instead of clause by clause."""


def _shift(change: Change) -> int | None:
    """The offset new − old of a paired, unmoved clause whose own numeric number changed."""
    if change.old is None or change.new is None or change.moved or change.kind is ChangeKind.SPLIT:
        return None
    a, b = change.old.address[-1], change.new.address[-1]
    if not (a.isdigit() and b.isdigit()) or a == b:
        return None
    return int(b) - int(a)


def find_ranges(changes: list[Change]) -> tuple[list[Change], tuple[RenumberedRange, ...]]:
    """Mark runs of equally shifted siblings as ``shifted`` and describe each run once.

    A run is at least MIN_RUN consecutive siblings in new order with the same non-zero shift and
    consecutive numbers. Sub-points of a shifted clause that kept their own number are shifted too.
    """
    runs: list[list[int]] = []
    open_runs: dict[tuple[str, ...], tuple[list[int], int, int]] = {}  # parent → (run, shift, last number)
    for k, change in enumerate(changes):
        shift = _shift(change)
        if shift is None or change.new is None:
            continue
        parent = change.new.address[:-1]
        number = int(change.new.address[-1])
        current = open_runs.get(parent)
        if current and current[1] == shift and current[2] + 1 == number:
            run = current[0]
            run.append(k)
        else:
            run = [k]
            runs.append(run)
        open_runs[parent] = (run, shift, number)
    ranges: list[RenumberedRange] = []
    shifted_to: dict[tuple[str, ...], tuple[str, ...]] = {}  # old address → new address
    marked = list(changes)
    for run in runs:
        if len(run) < MIN_RUN:
            continue
        first, end = changes[run[0]], changes[run[-1]]
        assert first.old and first.new and end.old and end.new
        ranges.append(
            RenumberedRange(
                first.new.address[:-1],
                first.old.address[-1],
                end.old.address[-1],
                first.new.address[-1],
                end.new.address[-1],
            )
        )
        for k in run:
            c = changes[k]
            assert c.old and c.new
            marked[k] = replace(c, shifted=True)
            shifted_to[c.old.address] = c.new.address
    for k, change in enumerate(marked):
        if change.shifted or not change.renumbered or change.old is None or change.new is None:
            continue
        old, new = change.old.address, change.new.address
        if len(old) == len(new) and any(
            shifted_to.get(old[:d]) == new[:d] and old[d:] == new[d:] for d in range(1, len(old))
        ):
            marked[k] = replace(change, shifted=True)
    return marked, tuple(ranges)
