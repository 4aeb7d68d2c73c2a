"""The brief as Markdown and for the terminal: one sentence per consequential change."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..brief import Brief, BriefItem
from ..classes import ChangeClass
from ..model import ChangeKind, VersionInfo
from . import phrases
from .markdown import escape, escape_inline
from .options import RenderOptions
from .sanitize import terminal_line

EXCERPT_WORDS = 14
"""Words of clause text quoted in a sentence before an ellipsis."""
_REST = {
    ChangeClass.SUBSTANTIVE: "substantive",
    ChangeClass.STATUS: "status-only",
    ChangeClass.EDITORIAL: "editorial",
}


def excerpt(text: str) -> str:
    """The first words of a text, quoted, with an ellipsis when cut."""
    words = text.split()
    cut = " ".join(words[:EXCERPT_WORDS])
    return f"“{cut}…”" if len(words) > EXCERPT_WORDS else f"“{cut}”"


def item_parts(item: BriefItem) -> tuple[str, str, str]:
    """(where, what, who and status) of one brief sentence, as plain text."""
    if item.group is not None:
        g = item.group
        return (f"Points {', '.join(g.points)}", f"{g.what}; the text is unchanged", g.who or "")
    change = item.change
    assert change is not None
    side = phrases.main_side(change)
    title = side.clause.title or (change.old.clause.title if change.old else None) or side.clause.id
    where = f"Point {phrases.number_text(change)}" + (f" ({title})" if title else "")
    what: list[str] = [phrases.quantity_text(q) for q in change.quantities]
    reasons = [r for r in change.reasons if not r.startswith(("amount changed", "provenance "))]
    if change.kind is ChangeKind.REMOVED and change.old is not None:
        what.append(f"removed: {excerpt(change.old.clause.text)}")
    elif change.kind is ChangeKind.REPLACED and change.new is not None:
        what.append(f"rewritten, now {excerpt(change.new.clause.text)}")
    elif change.kind is ChangeKind.ADDED and change.new is not None:
        what.append(
            f"{'new bracketed point' if change.new.clause.bracketed else 'new'}: {excerpt(change.new.clause.text)}"
        )
    else:
        what += reasons
        if change.new is not None and not change.quantities:
            what.append(f"now {excerpt(change.new.clause.text)}")
    if item.folded:
        what.append("with its sub-points " + ", ".join(phrases.address_text(s.address) for s in item.folded))
    status = ", ".join(phrases.badges(change))
    who = (change.who or "") + (f" [{status}]" if status else "")
    return where, "; ".join(what), who


def rest_text(brief: Brief) -> str:
    """``Also changed: 14 more substantive, 0 status-only and 2 editorial changes.``"""
    if not any(n for _, n in brief.rest):
        return "Nothing else changed."
    parts = [f"{n} {'more ' if k is ChangeClass.SUBSTANTIVE else ''}{_REST[k]}" for k, n in brief.rest]
    return "Also changed: " + ", ".join(parts[:-1]) + f" and {parts[-1]} changes."


def _version(info: VersionInfo, by: str) -> str:
    facts = [f for f in (info.date, info.status.value if info.status else None, by) if f]
    return f"{info.title or info.label}" + (f" ({', '.join(facts)})" if facts else "")


def _points(brief: Brief) -> list[tuple[str, str]]:
    """Every changed point by class, for the anchor list: (class, points)."""
    out = []
    for klass in ChangeClass:
        points = [phrases.number_text(c) for c in brief.report.changes if c.change_class is klass]
        if points:
            out.append((_REST[klass], ", ".join(points)))
    return out


def render_markdown(brief: Brief, options: RenderOptions) -> str:
    """One page of Markdown: versions, numbered sentences, the rest counted, where to look."""
    r = brief.report
    lines = [f"# Brief: {escape(r.old.label)} → {escape(r.new.label)}", ""]
    lines += [f"- **Old:** {escape_inline(_version(r.old, brief.old_by))}"]
    lines += [f"- **New:** {escape_inline(_version(r.new, brief.new_by))}", ""]
    for warning in phrases.warnings(r.old, r.new):
        lines += [f"> **Warning:** {escape(warning)}.", ""]
    lines += ["## What changed most", ""]
    for k, item in enumerate(brief.items, 1):
        where, what, who = item_parts(item)
        tail = f" — *{escape_inline(who)}*" if who else ""
        lines.append(f"{k}. **{escape_inline(where)}**: {escape_inline(_sentence_end(what))}{tail}")
    if not brief.items:
        lines.append("No differences.")
    lines += ["", escape(rest_text(brief)), "", "## Where to look", ""]
    href = options.clause_href
    for klass, points in _points(brief):
        lines.append(f"- **{klass}:** {escape_inline(points)}")
    if href is None:
        lines += [
            "",
            f"Full report: `plandiff compare {escape_inline(r.old.plan or r.old.label)} {escape_inline(r.new.plan or r.new.label)}`",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_terminal(brief: Brief, options: RenderOptions) -> RenderableType:
    """The brief as rich text: the same sentences as the Markdown page, with hanging indents."""
    r = brief.report
    head = Table.grid(padding=(0, 2))
    head.add_column(style="dim", no_wrap=True)
    head.add_column(overflow="fold")
    head.add_row("old", Text(terminal_line(_version(r.old, brief.old_by))))
    head.add_row("new", Text(terminal_line(_version(r.new, brief.new_by))))
    for warning in phrases.warnings(r.old, r.new):
        head.add_row(Text("!", style="bold magenta"), Text(terminal_line(warning), style="bold magenta"))
    title = Text(terminal_line(f"brief: {r.old.label} → {r.new.label}"), style="bold")
    items = Table.grid(padding=(0, 1))
    items.add_column(justify="right", no_wrap=True)
    items.add_column(overflow="fold")
    for k, item in enumerate(brief.items, 1):
        where, what, who = item_parts(item)
        line = Text(terminal_line(where), style="bold")
        line.append(terminal_line(f": {_sentence_end(what)}"))
        if who:
            line.append(terminal_line(f" — {who}"), style="cyan")
        items.add_row(f"{k}.", line)
    where_to_look = Table.grid(padding=(0, 2))
    where_to_look.add_column(style="dim", no_wrap=True)
    where_to_look.add_column(overflow="fold")
    for klass, points in _points(brief):
        where_to_look.add_row(klass, Text(terminal_line(points)))
    body = items if brief.items else Text("No differences.")
    return Group(
        title, Padding(head, (0, 0, 0, 2)), Text(""), body, Text(""), Text(rest_text(brief)), Text(""),
        Text("Where to look", style="bold"), Padding(where_to_look, (0, 0, 0, 2)),
    )  # fmt: skip


def _sentence_end(what: str) -> str:
    """A sentence ends with one full stop, also after a quotation that has its own."""
    return what if what.endswith((".", ".”")) else what + "."
