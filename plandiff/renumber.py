"""Finds runs of clauses renumbered only because something before them was inserted or deleted."""

from __future__ import annotations

from .model import RenumberedRange

MIN_RUN = 2
"""Clauses in a run before it is reported as one range instead of clause by clause."""
MAX_DIGITS = 18
"""Longest clause number read as an integer. Anything else — longer numbers, circled or superscript
digits (``②``, ``²``: ``str.isdigit`` accepts them, ``int`` does not), other scripts' digits — is
compared as text and never takes part in a shift. Worst case without it: ``int()`` of 4,301
digits raises (Python's int-string limit) and smaller giants cost quadratic time to convert."""

Entry = tuple[tuple[str, ...] | None, tuple[str, ...] | None, bool]
"""One change in reading order: old address, new address, and whether it can shift (a plain pair
that was not moved)."""


def _shift(entry: Entry) -> int | None:
    """The offset new − old of a shiftable pair whose own numeric number changed."""
    old, new, eligible = entry
    if not eligible or old is None or new is None:
        return None
    a, b = _plain_int(old[-1]), _plain_int(new[-1])
    if a is None or b is None or a == b:
        return None
    return b - a


def _plain_int(number: str) -> int | None:
    """The value of a clause number of at most MAX_DIGITS ASCII digits; None for anything else."""
    if 0 < len(number) <= MAX_DIGITS and number.isascii() and number.isdigit():
        return int(number)
    return None


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
        number = _plain_int(entry[1][-1])
        assert number is not None  # _shift is only set for plain numbers
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
