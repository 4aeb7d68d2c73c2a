"""How plan text is known: the provenance of clauses and versions, and a version's counts of it."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Provenance(enum.Enum):
    """How a clause's wording is known."""

    PUBLISHED = "published"
    """From a published or leaked full text (the default)."""
    REPORTED = "reported"
    """Known only from press accounts of the text."""
    CARRIED = "carried"
    """Assumed unchanged from the parent version; not confirmed by any source."""


class Status(enum.Enum):
    """How a whole version is known."""

    PUBLISHED = "published"
    LEAKED = "leaked"
    REPORTED = "reported"
    RECONSTRUCTED = "reconstructed"


def provenance_label(text: Provenance, status: Provenance | None) -> str | None:
    """``reported``, ``carried`` or ``text carried, status reported``; None for published text."""
    if status is None or status is text:
        return None if text is Provenance.PUBLISHED else text.value
    return f"text {text.value}, status {status.value}"


class Coverage(NamedTuple):
    """How a version's clauses are known, counted: what report headers, table and site warn about."""

    clauses: int = 0
    """Clauses recorded in the version, sub-points included."""
    reported: int = 0
    """Clauses whose wording is known only from press accounts."""
    carried: int = 0
    """Clauses whose wording is assumed unchanged from the parent version, not confirmed."""
    status_reported: int = 0
    """Carried clauses whose standing (kept, bracketed) was reported: "text carried, status reported"."""
    reported_points: int | None = None
    """How many points the version was reported to have, when known."""
    carried_from: str | None = None
    """Slug of the parent version the carried clauses come from."""
