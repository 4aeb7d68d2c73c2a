"""Values for what matters in a change: its class, its obligation direction, status groups."""

from __future__ import annotations

import enum
from typing import NamedTuple


class ChangeClass(enum.Enum):
    """How much a change matters (plandiff.classify): SUBSTANTIVE (amounts, parties, modals, negation,
    conditions, deadlines, clauses added or removed), STATUS (same text; bracketing, provenance or
    attribution changed) or EDITORIAL (wording, case, punctuation, order, spelling only)."""

    SUBSTANTIVE = "substantive"
    STATUS = "status"
    EDITORIAL = "editorial"


class Strength(enum.Enum):
    """Which way an obligation moved (see plandiff.obligation)."""

    WEAKER = "weaker"
    STRONGER = "stronger"


class StatusGroup(NamedTuple):
    """Status-only changes that changed the same way, shown once (plandiff.consequence)."""

    what: str
    """What changed, e.g. ``bracketed, provenance published → reported``."""
    points: tuple[str, ...]
    """The points, as printed (``21(a)``), in report order."""
    notes: tuple[tuple[tuple[str, ...], str], ...] = ()
    """Each distinct clause note once, with the points that carry it."""
    who: str | None = None
    """Whose change it is, when every point of the group says the same."""
