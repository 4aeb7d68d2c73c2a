"""Finds runs of clauses renumbered only because something before them was inserted or deleted."""

from __future__ import annotations

from .model import RenumberedRange

MIN_RUN = 2
"""Clauses in a run before it is reported as one range instead of clause by clause."""

Entry = tuple[tuple[str, ...] | None, tuple[str, ...] | None, bool]
"""One change in reading order: old address, new address, and whether it can shift (a plain pair
that was not moved)."""


def _shift(entry: Entry) -> int | None:
    """The offset new − old of a shiftable pair whose own numeric number changed."""
    old, new, eligible = entry
    if not eligible or old is None or new is None:
        return None
    a, b = old[-1], new[-1]
    if not (a.isdigit() and b.isdigit()) or a == b:
        return None
    return int(b) - int(a)


def find_ranges(entries: list[Entry]) -> tuple[set[int], tuple[RenumberedRange, ...]]:
    """Indices of entries renumbered only as part of a run, and one range per run.

    A run is at least MIN_RUN consecutive siblings in new order with the same non-zero shift and
    consecutive numbers. Sub-points of a shifted clause that kept their own number are shifted too.
    """
    runs: list[list[int]] = []
    open_runs: dict[tuple[str, ...], tuple[list[int], int, int]] = {}  # parent → (run, shift, last number)
    for k, entry in enumerate(entries):
        shift = _shift(entry)
        if shift is None or entry[1] is None:
            continue
        parent = entry[1][:-1]
        number = int(entry[1][-1])
        current = open_runs.get(parent)
        if current and current[1] == shift and current[2] + 1 == number:
            run = current[0]
            run.append(k)
        else:
            run = [k]
            runs.append(run)
        open_runs[parent] = (run, shift, number)
    shifted: set[int] = set()
    ranges: list[RenumberedRange] = []
    shifted_to: dict[tuple[str, ...], tuple[str, ...]] = {}  # old address → new address
    for run in runs:
        if len(run) < MIN_RUN:
            continue
        (first_old, first_new, _), (last_old, last_new, _) = entries[run[0]], entries[run[-1]]
        assert first_old and first_new and last_old and last_new
        ranges.append(
            RenumberedRange(first_new[:-1], first_old[-1], last_old[-1], first_new[-1], last_new[-1])
        )
        shifted.update(run)
        for k in run:
            old, new, _ = entries[k]
            assert old and new
            shifted_to[old] = new
    for k, (old, new, _) in enumerate(entries):
        if k in shifted or old is None or new is None or len(old) < 2 or old == new or len(old) != len(new):
            continue  # (a top-level clause cannot be shifted by its parent)
        if any(shifted_to.get(old[:d]) == new[:d] and old[d:] == new[d:] for d in range(1, len(old))):
            shifted.add(k)
    return shifted, tuple(ranges)
