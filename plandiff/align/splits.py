"""Splits and merges: one clause whose content is spread over several clauses of the other version.

A piece is an unpaired clause whose best candidate is the whole; the whole's own partner, if it
has one from wording, is its main piece. The pieces are kept only if together they cover the
whole clearly better than the best of them alone (the coverage test), each adds to that cover,
and they cover a fair share of the whole's weighted terms. One procedure serves both directions
(splits: old wholes, new pieces; merges the reverse), so a comparison and its reverse agree: a
split one way is a merge the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .similarity import Vector, combine, cosine

PIECE_MIN = 0.25
"""Cosine a piece needs with the whole; below it the clause is new, not a piece."""
GAIN_MIN = 0.08
"""How much closer to the whole the pieces together must be than the best piece alone."""
COVER_MIN = 0.55
"""Share of the whole's weight (sum of squared unit weights) found among the pieces' terms."""


class Group(NamedTuple):
    """A split (one old clause → several new) or a merge (several old → one new)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    confidence: float
    """How much of the whole the parts cover, in [0, 1]."""


def find_groups(
    whole_vectors: dict[int, Vector],
    part_vectors: dict[int, Vector],
    free_parts: list[int],
    best_whole: Callable[[int], tuple[int, float] | None],
    main_piece: Callable[[int], int | None],
) -> list[tuple[int, tuple[int, ...], float]]:
    """``(whole, pieces in order, coverage)`` for each whole that passes the coverage test.

    ``best_whole(p)`` gives a free piece's best candidate and its cosine; ``main_piece(w)`` the
    clause the whole is already paired with by wording (None when unpaired or paired by id/text).
    """
    offered: dict[int, list[int]] = {}
    for p in free_parts:
        best = best_whole(p)
        if best is not None and best[1] >= PIECE_MIN and best[0] in whole_vectors:
            offered.setdefault(best[0], []).append(p)
    found = []
    for w in sorted(offered):
        whole = whole_vectors[w]
        main = main_piece(w)
        pieces = sorted(offered[w], key=lambda p: (-cosine(whole, part_vectors[p]), p))
        chosen = [main] if main is not None and main in part_vectors else []
        if not chosen:
            chosen, pieces = pieces[:1], pieces[1:]
        score = cosine(whole, part_vectors[chosen[0]]) if chosen else 0.0
        single = score
        for p in pieces:  # each piece must bring the joined text closer to the whole
            trial = cosine(whole, combine([part_vectors[k] for k in (*chosen, p)]))
            if trial > score + 0.02:
                chosen.append(p)
                score = trial
        if len(chosen) < 2 or score < single + GAIN_MIN:
            continue
        terms = set().union(*(part_vectors[k] for k in chosen))
        cover = sum(v * v for t, v in whole.items() if t in terms)
        if cover >= COVER_MIN:
            found.append((w, tuple(sorted(chosen)), round(cover, 2)))
    return found
