"""Value types for a clause followed through versions and for the clauses × versions table."""

from __future__ import annotations

from typing import NamedTuple

from .model import ChangeKind, Located, QuantityChange, Segment, VersionInfo


class SubPoint(NamedTuple):
    """A sub-point of the followed clause, compared with the same sub-point in the ancestor."""

    kind: ChangeKind
    """ADDED, REMOVED, MODIFIED, or UNCHANGED (also every sub-point where there is no ancestor)."""
    old: Located | None
    """In the ancestor version; None when added or when there is no ancestor."""
    new: Located | None
    """In this version; None when removed."""
    segments: tuple[Segment, ...] = ()
    """Word diff of the texts when both exist and differ."""
    quantities: tuple[QuantityChange, ...] = ()


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
    subpoints: tuple[SubPoint, ...] = ()
    """The clause's sub-points (at any depth) in document order, removed ones after the rest."""


class History(NamedTuple):
    """A clause id through a sequence of versions."""

    clause_id: str
    entries: tuple[HistoryEntry, ...]


class TableCell(NamedTuple):
    """One clause in one version of the multi-column table."""

    located: Located | None
    changed: bool
    """True when the clause changed since the previous column that had it, as ``compare`` counts a
    change: text, title, topics or bracket (:func:`plandiff.history.content_changed`); a change of
    provenance alone is not one."""


class ClauseTable(NamedTuple):
    """Rows of clause ids, columns of versions."""

    versions: tuple[VersionInfo, ...]
    rows: tuple[tuple[str, tuple[TableCell, ...]], ...]
