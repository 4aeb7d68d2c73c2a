"""Value types for a clause followed through versions and for the clauses × versions table."""

from __future__ import annotations

from typing import NamedTuple

from .model import Located, QuantityChange, Segment, VersionInfo


class HistoryEntry(NamedTuple):
    """The clause in one version, or its absence."""

    version: VersionInfo
    located: Located | None
    """None when this version has no clause with the id."""
    since: str | None = None
    """Slug of the nearest ancestor version that had the clause (what ``segments`` compare against)."""
    segments: tuple[Segment, ...] = ()
    """Word diff from that version; empty when the text is the same or there is none."""
    quantities: tuple[QuantityChange, ...] = ()


class History(NamedTuple):
    """A clause id through a sequence of versions."""

    clause_id: str
    entries: tuple[HistoryEntry, ...]


class TableCell(NamedTuple):
    """One clause in one version of the multi-column table."""

    located: Located | None
    changed: bool
    """True when the text, bracket or provenance differs from the previous version that had it."""


class ClauseTable(NamedTuple):
    """Rows of clause ids, columns of versions."""

    versions: tuple[VersionInfo, ...]
    rows: tuple[tuple[str, tuple[TableCell, ...]], ...]
