"""Wording shared by every output format: clause labels, quantity lines, version lines."""

from __future__ import annotations

from ..classes import ChangeClass
from ..model import (
    Change,
    ChangeKind,
    Clause,
    Located,
    MatchKind,
    Provenance,
    QuantityChange,
    RenumberedRange,
    Status,
    Summary,
    VersionInfo,
)
from ..provenance import provenance_label as label_of
from .sanitize import show_invisible

UNVERIFIED_STATUSES = (Status.RECONSTRUCTED, Status.REPORTED)
"""Versions whose text was never published: every report flags them."""


def address_text(address: tuple[str, ...]) -> str:
    """``("10", "b")`` → ``10(b)``."""
    if not address:
        return ""
    return address[0] + "".join(f"({part})" for part in address[1:])


def number_text(change: Change) -> str:
    """The clause's place: ``6``, ``6 → 4`` when its address changed, ``10 → 10, 11`` when split."""
    old = address_text(change.old.address) if change.old else None
    new = address_text(change.new.address) if change.new else None
    extra = ", ".join(address_text(p.address) for p in change.parts)
    if change.kind is ChangeKind.SPLIT:
        return f"{old} → {new}, {extra}"
    if change.kind is ChangeKind.MERGED:
        return f"{old}, {extra} → {new}"
    if old and new and old != new:
        return f"{old} → {new}"
    return new or old or ""


def main_side(change: Change) -> Located:
    """The side a heading describes: the new clause, or the old one when removed."""
    side = change.new or change.old
    assert side is not None
    return side


def name_text(change: Change) -> str:
    """``army-cap · Army size``: the id and title, whichever exist."""
    clause = main_side(change).clause
    old_title = change.old.clause.title if change.old else None
    title = clause.title or old_title
    return " · ".join(part for part in (clause.id, title) if part)


def status_text(change: Change, by_text_only: bool = False) -> str:
    """``modified``, ``removed``, ``unchanged, renumbered``, ``modified (similar text, 0.82)`` …

    The evidence that paired the clause is named when it was text, or always when the report
    was made without ids (``by_text_only``).
    """
    words = [change.kind.value]
    if change.moved:
        words.append("moved")
    if change.renumbered and not change.moved and not change.shifted:
        words.append("renumbered")
    text = ", ".join(words)
    match = change.match
    if match is MatchKind.WORDING:
        return f"? {text} (paired by wording, similarity {change.similarity:.2f}, next candidate {change.runner_up:.2f})"
    if match is not None and (by_text_only or match in (MatchKind.TEXT, MatchKind.SIMILAR)):
        evidence = {
            MatchKind.ID: "same id",
            MatchKind.TEXT: "identical text",
            MatchKind.SIMILAR: "similar text",
        }[match]
        if change.kind in (ChangeKind.SPLIT, ChangeKind.MERGED) and change.confidence is not None:
            evidence += f", coverage {change.confidence:.2f}"
        elif match is MatchKind.SIMILAR and change.similarity is not None:
            evidence += f", similarity {change.similarity:.2f}"
        elif change.confidence is not None and change.confidence < 1:
            evidence += f", {change.confidence:.2f}"
        text += f" ({evidence})"
    if change.may_continue is not None:
        side = "old" if change.kind is ChangeKind.ADDED else "new"
        text += (
            f" (may continue {side} point {address_text(change.may_continue.address)}, "
            f"similarity {change.hint_similarity:.2f})"
        )
    return text


def range_text(r: RenumberedRange) -> str:
    """``points 15–28 renumbered to 14–27`` (``points 10(b)–(d)`` for sub-points)."""
    where = f"{address_text(r.parent)}: " if r.parent else ""
    if r.old_first == r.old_last:
        return f"{where}point {r.old_first} renumbered to {r.new_first}"
    return f"{where}points {r.old_first}–{r.old_last} renumbered to {r.new_first}–{r.new_last}"


def percent_text(percent: float) -> str:
    """``33.3`` → ``+33.3%``, ``700.0`` → ``+700%``."""
    text = f"{percent:+.1f}"
    text = text.removesuffix(".0")
    return text + "%"


def quantity_text(q: QuantityChange) -> str:
    """``personnel: 600,000 → 800,000 (+200,000, +33.3%)``, or a number that came or went."""
    prefix = f"{q.unit}: " if q.unit and q.unit not in ("USD", "EUR", "GBP", "%") else ""
    if q.old is not None and q.new is not None:
        detail = [q.delta_text] if q.delta_text else []
        if q.percent is not None:
            detail.append(percent_text(q.percent))
        tail = f" ({', '.join(detail)})" if detail else ""
        return f"{prefix}{q.old} → {q.new}{tail}"
    if q.old is not None:
        return f"{prefix}{q.old} → no longer in the text"
    return f"{prefix}new in the text → {q.new}"


def attribute_lines(change: Change) -> tuple[str, ...]:
    """One line per changed attribute: ``bracketed: no → yes``."""
    if change.old is None or change.new is None:
        return ()
    o, n = change.old.clause, change.new.clause
    lines = []
    for name in change.attributes:
        if name == "bracketed":
            lines.append(f"bracketed: {_yes(o.bracketed)} → {_yes(n.bracketed)}")
        elif name == "title":  # changed values: invisible characters written out, as in a word diff
            lines.append(
                f"title: {show_invisible(o.title or '(none)')} → {show_invisible(n.title or '(none)')}"
            )
        elif name == "proposed_by":
            old, new = o.proposed_by or "(not said)", n.proposed_by or "(not said)"
            lines.append(f"proposed by: {show_invisible(old)} → {show_invisible(new)}")
        elif name == "topics":
            old, new = ", ".join(o.topics) or "(none)", ", ".join(n.topics) or "(none)"
            lines.append(f"topics: {show_invisible(old)} → {show_invisible(new)}")
    return tuple(lines)


def provenance_label(clause: Clause) -> str | None:
    """``reported``, ``carried`` or ``text carried, status reported``; None for published text."""
    return label_of(clause.provenance, clause.status_provenance)


def provenance_text(change: Change) -> str | None:
    """``provenance: published → reported`` (or ``→ text carried, status reported``) when it changed."""
    if change.old and change.new:
        old = provenance_label(change.old.clause) or Provenance.PUBLISHED.value
        new = provenance_label(change.new.clause) or Provenance.PUBLISHED.value
        if old != new:
            return f"provenance: {old} → {new}"
    return None


def badges(change: Change) -> tuple[str, ...]:
    """Marks a reader must not miss: ``bracketed``, ``reported``, ``carried``, ``text carried, status reported``."""
    clause = main_side(change).clause
    marks = []
    if clause.bracketed:
        marks.append("bracketed")
    label = provenance_label(clause)
    if label:
        marks.append(label)
    if change.strength is not None:
        marks.append(change.strength.value)
    return tuple(marks)


def class_text(change: Change) -> str:
    """``substantive``, ``status`` or ``editorial``; empty for an unchanged clause."""
    return change.change_class.value if change.change_class is not None else ""


def reasons_text(change: Change) -> str | None:
    """``why: amount changed: 600,000 → 800,000; bracketed``; None for status-only changes (their
    attribute and provenance lines already say it) and unchanged clauses."""
    if not change.reasons or change.change_class is ChangeClass.STATUS:
        return None
    if change.kind not in (ChangeKind.MODIFIED, ChangeKind.UNCHANGED):  # the kind says it
        return None
    # The provenance line says the provenance change; the rest is why the class is what it is.
    return "why: " + "; ".join(r for r in change.reasons if not r.startswith("provenance "))


def version_facts(info: VersionInfo) -> tuple[str, ...]:
    """Title, date, status and drafters of a version, whichever are known."""
    facts = [info.title or info.label]
    if info.date:
        facts.append(info.date)
    if info.status:
        facts.append(info.status.value)
    if info.drafted_by:
        facts.append("drafted by " + ", ".join(info.drafted_by))
    return tuple(facts)


def coverage_text(info: VersionInfo) -> str | None:
    """How many clauses are reported or carried, and the reported size when it differs."""
    parts = []
    c = info.coverage
    if c.reported or c.carried:
        counted = []
        if c.reported:
            counted.append(f"{c.reported} reported")
        if c.carried:
            source = f" from {c.carried_from}" if c.carried_from else ""
            status = (
                f"; for {c.status_reported} of them the standing was reported" if c.status_reported else ""
            )
            counted.append(f"{c.carried} carried{source} (not confirmed{status})")
        parts.append(f"of its {c.clauses} clauses, " + " and ".join(counted))
    if c.reported_points is not None and c.reported_points != c.clauses:
        parts.append(f"the draft was reported to have {c.reported_points} points")
    return "; ".join(parts) or None


def warning_text(info: VersionInfo) -> str | None:
    """A warning for versions whose text was never published, or that carry unconfirmed clauses."""
    coverage = coverage_text(info)
    c = info.coverage
    if info.status in UNVERIFIED_STATUSES:
        text = (
            f"{info.label} is {info.status.value if info.status else ''}: no text was published; "
            "its clauses are built from press reports (see each clause's provenance)"
        )
        return f"{text}; {coverage}" if coverage else text
    if c.carried or (c.reported_points is not None and c.reported_points != c.clauses):
        return f"{info.label}: {coverage}"
    return None


def warnings(old: VersionInfo, new: VersionInfo) -> list[str]:
    """The warnings of a report's two versions: one, naming both, when they share the status."""
    if old.status == new.status and old.status in UNVERIFIED_STATUSES:
        status = old.status.value if old.status else ""
        both = f"{old.label} and {new.label} are both {status}: no text was published; "
        line = both + "their clauses are built from press reports (see each clause's provenance)"
        # The shared status is said once; how each version's clauses are known, per version.
        counts = [f"{info.label}: {c}" for info in (old, new) if (c := coverage_text(info))]
        return [line + "".join(f"; {c}" for c in counts)]
    return [w for w in (warning_text(old), warning_text(new)) if w]


def summary_text(summary: Summary) -> str:
    """``2 added, 1 removed, …``; split, merged, replaced and ranges only when there are any."""
    core = [
        ("added", summary.added),
        ("removed", summary.removed),
        ("modified", summary.modified),
        ("moved", summary.moved),
        ("renumbered", summary.renumbered),
        ("unchanged", summary.unchanged),
    ]
    extra = [
        ("split", summary.split),
        ("merged", summary.merged),
        ("replaced", summary.replaced),
        ("renumbered range" + ("s" if summary.renumbered_ranges != 1 else ""), summary.renumbered_ranges),
    ]
    return ", ".join(f"{value} {name}" for name, value in core + [e for e in extra if e[1]])


def class_counts_text(summary: Summary) -> str:
    """``4 substantive, 10 status only, 0 editorial``."""
    return f"{summary.substantive} substantive, {summary.status} status only, {summary.editorial} editorial"


def body_text(change: Change) -> str | None:
    """Text to show whole (added, removed, or unchanged-text clauses); None when diffed."""
    if change.segments:
        return None
    if change.kind in (ChangeKind.REMOVED, ChangeKind.SPLIT) and change.old:
        return change.old.clause.text
    return main_side(change).clause.text


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
