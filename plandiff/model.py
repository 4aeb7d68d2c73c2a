"""Immutable values shared by every stage: plan versions, clauses, changes and reports.

Values are ``typing.NamedTuple`` rather than STYLE.md's frozen dataclasses: a big comparison
builds hundreds of thousands of them, and a NamedTuple is about four times cheaper to construct
(and to define at import) while just as immutable. Unlike a dataclass it compares equal to a plain
tuple of the same fields; nothing here relies on either behaviour.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from .classes import ChangeClass, StatusGroup, Strength

# Re-exported for mypy --strict (no implicit re-export): these types have always been importable from here.
from .provenance import Coverage as Coverage  # noqa: PLC0414 - explicit re-export
from .provenance import Provenance as Provenance  # noqa: PLC0414 - explicit re-export
from .provenance import Status as Status  # noqa: PLC0414 - explicit re-export


class Source(NamedTuple):
    """A document a plan version was built from."""

    title: str
    """Human-readable title of the source."""
    url: str
    """Where the source was read; any scheme is kept verbatim (renderers decide on links)."""
    date: str | None = None
    """ISO date of publication, when known."""


class Clause(NamedTuple):
    """One numbered point of a plan, with its sub-points."""

    number: str
    """The point's own number or letter as printed, e.g. ``"6"`` or ``"b"``; never empty."""
    text: str
    """Verbatim text of this point only (sub-points live in ``clauses``)."""
    id: str | None = None
    """Stable slug pairing this clause across versions; unique within a file."""
    title: str | None = None
    """Short heading, e.g. ``"Army size"``."""
    topics: tuple[str, ...] = ()
    """Topic slugs such as ``army`` or ``territory``, in file order."""
    provenance: Provenance = Provenance.PUBLISHED
    """How this clause's wording is known."""
    bracketed: bool = False
    """True when the point is explicitly left open or disputed."""
    note: str | None = None
    """Editorial note: variants, what is and is not known."""
    clauses: tuple[Clause, ...] = ()
    """Sub-points in document order."""
    line: int = 0
    """1-based line of the clause in its file; 0 for clauses built in code."""
    proposed_by: str | None = None
    """The side the text attributes this point to (``Ukraine``), when it names one."""
    status_provenance: Provenance | None = None
    """How the clause's standing (kept, bracketed) is known, if not as its wording; None: same."""


class PlanVersion(NamedTuple):
    """One version of a plan, as loaded from a file."""

    label: str
    """How reports name this version: the bundled slug or the path as given."""
    clauses: tuple[Clause, ...]
    """Top-level clauses in document order."""
    plan: str | None = None
    """Slug of this version (bundled files are named after it)."""
    title: str | None = None
    date: str | None = None
    """ISO date (YYYY-MM-DD)."""
    drafted_by: tuple[str, ...] = ()
    status: Status | None = None
    sources: tuple[Source, ...] = ()
    parent: str | None = None
    """Slug of the version this one revises."""
    notes: str | None = None
    preamble: str | None = None
    """The document's text before its first point (verbatim; not a clause, never diffed as one)."""
    closing: str | None = None
    """The document's text after its last point (verbatim; not a clause)."""
    reported_points: int | None = None
    """How many points the version was reported to have (the Geneva draft: 19), when known."""


class Located(NamedTuple):
    """A clause together with where it sits in its version."""

    address: tuple[str, ...]
    """Numbers from the top, e.g. ``("10", "b")`` for point 10(b)."""
    clause: Clause


class SegmentOp(enum.Enum):
    """What a piece of word diff does, relative to the old text."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Segment(NamedTuple):
    """A run of words with one diff operation."""

    op: SegmentOp
    """EQUAL, INSERT or DELETE, relative to the old text."""
    text: str
    """Verbatim text; for EQUAL the new version's text."""
    old_text: str | None = None
    """For EQUAL runs that differ only under an ignore option: the old version's text."""


class QuantityChange(NamedTuple):
    """A number in a clause whose value changed, appeared or disappeared."""

    old: str | None
    """The old number as written (``"600,000"``, ``"$100 billion"``), None if it appeared."""
    new: str | None
    """The new number as written, None if it disappeared."""
    unit: str | None
    """Normalised unit: ``personnel``, ``USD``, ``%``, ``days``, ``years`` …; None if bare."""
    old_value: float | int | None
    """Old value in the unit (``$100 billion`` → 100000000000)."""
    new_value: float | int | None
    delta: float | int | None
    """new_value − old_value, when both exist."""
    percent: float | None
    """Relative change in percent, rounded to one decimal; None when undefined."""
    delta_text: str | None = None
    """The delta written like the old number (``+200,000``, ``+$700 billion``); None if unpaired."""


class ChangeKind(enum.Enum):
    """What happened to a clause between two versions."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    UNCHANGED = "unchanged"
    SPLIT = "split"
    """One old clause became several new ones (``new`` and ``parts``)."""
    MERGED = "merged"
    """Several old clauses (``old`` and ``parts``) became one new one."""
    REPLACED = "replaced"
    """Same id or slot, wholly new text: shown as old text out, new text in."""


class MatchKind(enum.Enum):
    """Which evidence paired an old clause with a new one."""

    ID = "id"
    TEXT = "text"
    """Identical text."""
    SIMILAR = "similar"
    """Similar wording, clearly ahead of any other candidate (see ``Change.confidence``)."""
    WORDING = "wording"
    """Paired by wording alone, with weak similarity or a narrow margin over the next candidate:
    shown with a ``?`` and a note giving both figures."""


class Change(NamedTuple):
    """One clause's fate between two versions."""

    kind: ChangeKind
    old: Located | None
    """The clause in the old version; None when ADDED."""
    new: Located | None
    """The clause in the new version; None when REMOVED."""
    moved: bool = False
    """Reordered among its siblings, or now under another parent."""
    renumbered: bool = False
    """Its address differs between versions."""
    match: MatchKind | None = None
    """How the pair was found; None for ADDED and REMOVED."""
    segments: tuple[Segment, ...] = ()
    """Word diff of the text; empty when the text is unchanged or the clause is unpaired."""
    quantities: tuple[QuantityChange, ...] = ()
    """Numbers that changed, in reading order."""
    attributes: tuple[str, ...] = ()
    """Names of changed attributes besides text: ``title``, ``topics``, ``bracketed``."""
    granularity: str = "word"
    """Unit of the text diff: ``word``; ``sentence`` or ``whole`` for very long texts."""
    parts: tuple[Located, ...] = ()
    """SPLIT: the new clauses after ``new``; MERGED: the old clauses after ``old``."""
    confidence: float | None = None
    """How sure the pairing is, in [0, 1]; None for ADDED and REMOVED."""
    shifted: bool = False
    """Renumbered only as part of a range in ``Report.renumbered_ranges`` (not shown on its own)."""
    similarity: float | None = None
    """Wording pairs (``similar``, ``wording``): cosine of the two texts' weighted terms, in [0, 1]."""
    runner_up: float | None = None
    """Wording pairs: the same for the next best candidate of either clause (0 when none)."""
    may_continue: Located | None = None
    """ADDED or REMOVED: the clause on the other side it shares some wording with, too little to pair."""
    hint_similarity: float | None = None
    """The similarity behind ``may_continue``."""
    change_class: ChangeClass | None = None
    """SUBSTANTIVE, STATUS or EDITORIAL; None for a clause that did not change."""
    reasons: tuple[str, ...] = ()
    """Why it has its class, one short phrase each (``amount changed: 600,000 → 800,000``)."""
    strength: Strength | None = None
    """Whether the obligation got WEAKER or STRONGER; None when it did not move."""
    who: str | None = None
    """Whose edit it is, e.g. ``E3's edit of US point 6``; None when unchanged."""

    @property
    def is_difference(self) -> bool:
        """True when this change is something a reader must see."""
        return self.kind is not ChangeKind.UNCHANGED or self.moved or (self.renumbered and not self.shifted)


class Summary(NamedTuple):
    """Counts of changes by kind and flag."""

    added: int = 0
    removed: int = 0
    modified: int = 0
    unchanged: int = 0
    moved: int = 0
    renumbered: int = 0
    """Clauses renumbered on their own (not as part of a renumbered range)."""
    split: int = 0
    merged: int = 0
    replaced: int = 0
    renumbered_ranges: int = 0
    substantive: int = 0
    """Changes of class SUBSTANTIVE (likewise ``status`` and ``editorial``)."""
    status: int = 0
    editorial: int = 0

    @property
    def total_differences(self) -> int:
        """Clauses added, removed, modified, split, merged or replaced, and renumbered ranges."""
        return (
            self.added
            + self.removed
            + self.modified
            + self.split
            + self.merged
            + self.replaced
            + self.renumbered_ranges
        )


class RenumberedRange(NamedTuple):
    """A run of sibling clauses renumbered by the same offset, as after an insertion."""

    parent: tuple[str, ...]
    """Address of the parent clause; empty at the top level."""
    old_first: str
    old_last: str
    new_first: str
    new_last: str


class VersionInfo(NamedTuple):
    """What a report says about one of the two versions."""

    label: str
    plan: str | None = None
    title: str | None = None
    date: str | None = None
    status: Status | None = None
    drafted_by: tuple[str, ...] = ()
    parent: str | None = None
    """Slug of the version this one revises."""
    coverage: Coverage = Coverage()
    """How its clauses are known: counts by provenance, reported size, where carried ones come from."""


class CompareOptions(NamedTuple):
    """Normalisation applied before texts are compared; recorded in the report."""

    ignore_case: bool = False
    ignore_whitespace: bool = False
    ignore_punctuation: bool = False
    use_ids: bool = True
    """False pairs clauses by text and position only (``--no-ids``), to audit a file's ids."""


class Report(NamedTuple):
    """Everything a renderer needs; renderers recompute nothing."""

    old: VersionInfo
    new: VersionInfo
    changes: tuple[Change, ...]
    """Changes to show, in reading order (new order; removed after their old predecessor)."""
    summary: Summary
    """Counts over every compared clause (before unchanged clauses are hidden)."""
    options: CompareOptions = CompareOptions()
    notes: tuple[str, ...] = ()
    """Remarks for the reader, e.g. the filters in force or low-confidence pairs."""
    renumbered_ranges: tuple[RenumberedRange, ...] = ()
    """Runs of clauses renumbered only because something was inserted or deleted before them."""
    order: str = "clause"
    """``clause`` (new-version order) or ``consequence`` (see plandiff.consequence)."""
    status_groups: tuple[StatusGroup, ...] = ()
    """By consequence: the status-only changes gathered by what changed (shown once each)."""
    framing_changed: bool = False
    """The preamble or closing text differs (shown whole in ``notes``; they are not clauses)."""

    @property
    def has_changes(self) -> bool:
        """True when the comparison found any difference (exit code 1)."""
        s = self.summary
        return bool(s.total_differences or s.moved or s.renumbered or self.framing_changed)
