"""Clause histories and the multi-column table, as Markdown and for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..lineage import ClauseTable, History, HistoryEntry
from ..model import VersionInfo
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
    marks = [clause.provenance.value]
    if clause.bracketed:
        marks.append("bracketed")
    if entry.segments:
        marks.append(f"changed since {entry.since}")
    elif entry.since:
        marks.append(f"same text as {entry.since}")
    return marks


def history_markdown(history: History) -> str:
    """The clause in every version, with word diffs; ends with one newline."""
    present = sum(1 for e in history.entries if e.located)
    lines = [
        f"# Clause {markdown_code(history.clause_id)} in {present} of {len(history.entries)} versions",
        "",
    ]
    for entry in history.entries:
        if entry.located is None:
            lines += [f"## {escape(_facts(entry.version))} — absent", ""]
            continue
        number = phrases.address_text(entry.located.address)
        lines += [
            f"## {escape(_facts(entry.version))}",
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
    return "\n".join(lines).rstrip("\n") + "\n"


def history_terminal(history: History, options: RenderOptions) -> RenderableType:
    """The clause in every version for the terminal."""
    parts: list[RenderableType] = [Text(terminal_line(f"Clause {history.clause_id}"), style="bold")]
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
        parts += [head, Padding(Group(*lines), (0, 0, 0, 4), expand=False)]
    return Group(*parts)


def table_markdown(table: ClauseTable, id_href: str | None = None) -> str:
    """One row per clause id, one column per version; ✎ marks a cell that changed.

    ``id_href`` links each id, ``{id}`` standing for it (the published site links its histories).
    """
    header = ["id", *(escape_inline(f"{v.label} ({v.date})" if v.date else v.label) for v in table.versions)]
    lines = [
        "# Clauses across versions",
        "",
        "✎ the text, bracket or provenance changed since the previous version that had the clause; — absent.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for clause_id, cells in table.rows:
        code = markdown_code(clause_id)
        row = [f"[{code}]({id_href.format(id=clause_id)})" if id_href else code]
        for cell in cells:
            if cell.located is None:
                row.append("—")
                continue
            clause = cell.located.clause
            flags = ("✎ " if cell.changed else "") + ("[bracketed] " if clause.bracketed else "")
            row.append(
                f"{flags}**{escape_inline(phrases.address_text(cell.located.address))}** {escape_inline(clause.text)}"
            )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"
