"""The three-way view for the terminal, as a rich renderable (the CLI owns the console)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..threeway import Row, ThreeWay
from . import phrases
from .options import RenderOptions
from .sanitize import terminal_line
from .terminal import change_body
from .threeway import (
    SECTIONS,
    VERDICT_TEXT,
    one_side,
    row_name,
    row_point,
    section_title,
    side_name,
    side_state,
    status_text,
    unchanged_points,
)

_INDENT = (0, 0, 0, 4)


def render(view: ThreeWay, options: RenderOptions) -> RenderableType:
    """Versions, one section per verdict, unchanged points listed, counts."""
    title = Text(style="bold")
    title.append(f"three-way: {terminal_line(view.base.label)} → A {terminal_line(view.a.label)}, ")
    title.append(f"B {terminal_line(view.b.label)}")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for tag, info, by in (("base", view.base, ""), ("A", view.a, view.a_by), ("B", view.b, view.b_by)):
        status = info.status.value if info.status else None
        facts = " · ".join(
            f for f in (info.title or info.label, info.date, status, by and f"drafted by {by}") if f
        )
        grid.add_row(tag, Text(terminal_line(facts)))
    for info in (view.base, view.a, view.b):  # unpublished versions are flagged, as in compare
        if warning := phrases.warning_text(info):
            grid.add_row(Text("!", style="bold magenta"), Text(terminal_line(warning), style="bold magenta"))
    parts: list[RenderableType] = [title, Padding(grid, (0, 0, 0, 2))]
    for heading, verdicts in SECTIONS:
        rows = [r for r in view.rows if r.verdict in verdicts]
        if not rows:
            continue
        parts += [Text(""), Text(terminal_line(section_title(heading, view)), style="bold magenta")]
        for row in rows:
            parts += [Text(""), _row(row, view, options)]
    unchanged = unchanged_points(view)
    parts.append(Text(""))
    if unchanged:
        parts.append(Text(terminal_line(f"Unchanged by both ({len(unchanged)}): {', '.join(unchanged)}")))
    counts = ", ".join(f"{n} {VERDICT_TEXT[v]}" for v, n in view.counts if n)
    summary = Text("Summary: ", style="bold")
    summary.append(counts or "no clauses")
    parts.append(summary)
    return Group(*parts)


def _row(row: Row, view: ThreeWay, options: RenderOptions) -> RenderableType:
    head = Text()
    head.append(terminal_line(row_point(row)), style="bold")
    name = row_name(row)
    if name:
        head.append("  " + terminal_line(name), style="cyan")
    head.append("  " + VERDICT_TEXT[row.verdict], style="bold yellow")
    body: list[RenderableType] = []
    one = one_side(row, view)
    if one is not None:
        shown, who, other = one
        body.append(change_body(shown, options))
        if status_text(shown):  # bracketing, provenance, title: what the diff of the text cannot show
            body.append(Text(terminal_line(f"{who}: {status_text(shown)}"), style="dim"))
        if other is not None:
            label, change = other
            body.append(Text(terminal_line(f"{label}: {side_state(change)}"), style="dim"))
    else:
        for label, change in ((side_name(view, "A"), row.a), (side_name(view, "B"), row.b)):
            body.append(Text(terminal_line(f"{label}:"), style="bold"))
            body.append(change_body(change, options) if change is not None else Text("unchanged"))
            if status_text(change):
                body.append(Text(terminal_line(status_text(change)), style="dim"))
    return Group(head, Padding(Group(*body), _INDENT))
