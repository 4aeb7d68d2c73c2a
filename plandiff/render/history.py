"""Clause histories and the multi-column table, as Markdown and for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..lineage import ClauseTable, History, HistoryEntry, SubPoint
from ..model import ChangeKind, Located, SegmentOp, VersionInfo
from . import phrases
from .markdown import block_safe, escape, escape_inline, segment_markdown
from .options import RenderOptions
from .sanitize import markdown_code, terminal_line, terminal_safe
from .terminal import Paragraph, marked


def _facts(version: VersionInfo) -> str:
    return " · ".join(
        f for f in (version.label, version.date, version.status.value if version.status else None) if f
    )


def _marks(entry: HistoryEntry) -> list[str]:
    assert entry.located is not None
    clause = entry.located.clause
    marks = [phrases.provenance_label(clause) or "published"]
    if clause.bracketed:
        marks.append("bracketed")
    if entry.segments:
        marks.append(f"changed since {entry.since}")
    elif entry.since:
        marks.append(f"same text as {entry.since}")
    return marks


def _version_heading(version: VersionInfo, version_href: str | None) -> str:
    """``us-28-point · 2025-11-20 · leaked``, the label linked to its page on the site."""
    if not (version_href and version.plan):
        return escape(_facts(version))
    rest = " · ".join(f for f in (version.date, version.status.value if version.status else None) if f)
    label = f"[{escape_inline(version.label)}]({version_href.format(slug=version.plan)})"
    return label + (f" · {escape_inline(rest)}" if rest else "")


def history_markdown(history: History, version_href: str | None = None) -> str:
    """The clause in every version, with word diffs; ends with one newline.

    ``version_href`` links each version's label, ``{slug}`` standing for its slug (the site).
    """
    present = sum(1 for e in history.entries if e.located)
    lines = [
        f"# Clause {markdown_code(history.clause_id)} in {present} of {len(history.entries)} versions",
        "",
    ]
    for entry in history.entries:
        if entry.located is None:
            lines += [f"## {_version_heading(entry.version, version_href)} — absent", ""]
            continue
        number = phrases.address_text(entry.located.address)
        lines += [
            f"## {_version_heading(entry.version, version_href)}",
            "",
            f"**Point {escape(number)}** · {escape(', '.join(_marks(entry)))}",
            "",
        ]
        if entry.segments:
            lines += [block_safe("".join(segment_markdown(s.op, s.text) for s in entry.segments)), ""]
        else:
            lines += [escape(entry.located.clause.text), ""]
        lines += [f"- {escape(phrases.quantity_text(q))}" for q in entry.quantities]
        if entry.quantities:
            lines.append("")
        lines += _subpoints_markdown(entry)
    return "\n".join(lines).rstrip("\n") + "\n"


def _side(sub: SubPoint) -> Located:
    side = sub.new or sub.old
    assert side is not None, "a sub-point exists on at least one side"
    return side


def _subpoint_head(sub: SubPoint) -> str:
    """``14(a)``, ``14(a) removed [carried]``, ``21(d) modified, no longer bracketed [reported]``."""
    side = _side(sub)
    words = [phrases.address_text(side.address)]
    if sub.kind is not ChangeKind.UNCHANGED:
        words.append(sub.kind.value)
    if sub.old and sub.new and sub.old.clause.bracketed != sub.new.clause.bracketed:
        words.append("bracketed" if sub.new.clause.bracketed else "no longer bracketed")
    label = phrases.provenance_label(side.clause)
    return words[0] + (" " + ", ".join(words[1:]) if words[1:] else "") + (f" [{label}]" if label else "")


def _changed_subpoints(entry: HistoryEntry) -> list[SubPoint]:
    return [s for s in entry.subpoints if s.kind is not ChangeKind.UNCHANGED]


def _subpoints_intro(entry: HistoryEntry) -> str | None:
    """``sub-points:`` where there is no ancestor, ``sub-points changed: 21(a), 21(d)``, or None."""
    if not entry.subpoints:
        return None
    if entry.since is None:
        return "sub-points:"
    changed = _changed_subpoints(entry)
    if not changed:
        return f"sub-points: same as {entry.since}"
    names = ", ".join(phrases.address_text(_side(s).address) for s in changed)
    return f"sub-points changed: {names}"


def _subpoints_shown(entry: HistoryEntry) -> list[SubPoint]:
    return list(entry.subpoints) if entry.since is None else _changed_subpoints(entry)


def _subpoints_markdown(entry: HistoryEntry) -> list[str]:
    intro = _subpoints_intro(entry)
    if intro is None:
        return []
    lines = [f"*{escape_inline(intro)}*", ""]
    for sub in _subpoints_shown(entry):
        head = f"- **{escape_inline(_subpoint_head(sub))}** "
        if sub.segments:
            body = "".join(segment_markdown(s.op, s.text) for s in sub.segments)
        elif sub.kind is ChangeKind.REMOVED and sub.old:
            body = segment_markdown(SegmentOp.DELETE, sub.old.clause.text)
        elif sub.kind is ChangeKind.ADDED and sub.new:
            body = segment_markdown(SegmentOp.INSERT, sub.new.clause.text)
        else:
            side = sub.new or sub.old
            body = escape_inline(side.clause.text) if side else ""
        lines.append(head + block_safe(body))
        lines += [f"  - {escape_inline(phrases.quantity_text(q))}" for q in sub.quantities]
    return [*lines, ""]


def history_terminal(history: History, options: RenderOptions) -> RenderableType:
    """The clause in every version for the terminal."""
    titles = [e.located.clause.title for e in history.entries if e.located and e.located.clause.title]
    heading = f"Clause {history.clause_id}" + (f" · {titles[-1]}" if titles else "")  # the latest title
    parts: list[RenderableType] = [Text(terminal_line(heading), style="bold")]
    for entry in history.entries:
        parts.append(Text(""))
        head = Text(terminal_line(_facts(entry.version)), style="bold cyan")
        if entry.located is None:
            head.append("  absent", style="dim")
            parts.append(head)
            continue
        head.append(f"  point {terminal_line(phrases.address_text(entry.located.address))}", style="bold")
        head.append(terminal_line("  " + ", ".join(_marks(entry))), style="magenta")
        body = Paragraph()
        if entry.segments:
            for s in entry.segments:
                body.append_text(marked(s.text, s.op, options))
        else:
            body.append(terminal_safe(entry.located.clause.text))
        lines: list[RenderableType] = [body]
        lines += [
            Text(terminal_line("• " + phrases.quantity_text(q)), style="bold") for q in entry.quantities
        ]
        lines += _subpoints_terminal(entry, options)
        parts += [head, Padding(Group(*lines), (0, 0, 0, 4), expand=False)]
    return Group(*parts)


def _subpoints_terminal(entry: HistoryEntry, options: RenderOptions) -> list[RenderableType]:
    intro = _subpoints_intro(entry)
    if intro is None:
        return []
    out: list[RenderableType] = [Text(terminal_line(intro), style="bold")]
    for sub in _subpoints_shown(entry):
        line = Text(terminal_line(_subpoint_head(sub)) + "  ", style="bold")
        if sub.segments:
            for s in sub.segments:
                line.append_text(marked(s.text, s.op, options))
        elif sub.kind is ChangeKind.REMOVED and sub.old:
            line.append_text(marked(sub.old.clause.text, SegmentOp.DELETE, options))
        elif sub.kind is ChangeKind.ADDED and sub.new:
            line.append_text(marked(sub.new.clause.text, SegmentOp.INSERT, options))
        else:
            side = sub.new or sub.old
            line.append(terminal_safe(side.clause.text) if side else "")
        out.append(Padding(line, (0, 0, 0, 2)))
        out += [
            Padding(Text(terminal_line("• " + phrases.quantity_text(q)), style="bold"), (0, 0, 0, 4))
            for q in sub.quantities
        ]
    return out


def table_markdown(table: ClauseTable, id_href: str | None = None) -> str:
    """One row per clause id, one column per version; ✎ marks a cell that changed.

    A cell's provenance is marked (``[reported]``, ``[carried]``, ``[text carried, status
    reported]``); a warning row under the header says which versions have no published text and
    how many of their clauses are reported or carried. ``id_href`` links each id, ``{id}`` standing
    for it (the published site links its histories).
    """
    header = ["id", *(escape_inline(f"{v.label} ({v.date})" if v.date else v.label) for v in table.versions)]
    lines = [
        "# Clauses across versions",
        "",
        (
            "✎ changed since the nearest earlier version in its lineage that had the clause (text, title, "
            "topics or bracket, as `compare` counts it: a change of provenance alone is not one); "
            "[reported] wording known only from press accounts; [carried] assumed unchanged from the "
            "parent version, not confirmed; — absent."
        ),
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    warnings = [_table_warning(v) for v in table.versions]
    if any(warnings):
        lines.append("| ⚠ | " + " | ".join(escape_inline(w) if w else "" for w in warnings) + " |")
    for clause_id, cells in table.rows:
        code = markdown_code(clause_id)
        row = [f"[{code}]({id_href.format(id=clause_id)})" if id_href else code]
        for cell in cells:
            if cell.located is None:
                row.append("—")
                continue
            clause = cell.located.clause
            label = phrases.provenance_label(clause)
            flags = (
                ("✎ " if cell.changed else "")
                + ("[bracketed] " if clause.bracketed else "")
                + (f"[{label}] " if label else "")
            )
            row.append(
                f"{flags}**{escape_inline(phrases.address_text(cell.located.address))}** {escape_inline(clause.text)}"
            )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def _table_warning(version: VersionInfo) -> str | None:
    """``reconstructed, no published text; of its 43 clauses, 12 reported and 31 carried …``."""
    coverage = phrases.coverage_text(version)
    if version.status in phrases.UNVERIFIED_STATUSES and version.status:
        head = f"{version.status.value}: no published text"
        return f"{head}; {coverage}" if coverage else head
    return coverage if version.coverage.carried else None
