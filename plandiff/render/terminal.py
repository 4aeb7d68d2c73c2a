"""Terminal report as a rich renderable; never prints (the CLI owns the console)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..classes import ChangeClass, StatusGroup
from ..model import Change, ChangeKind, Report, SegmentOp
from . import phrases
from .blocks import STATUS_HEADING, blocks, group_line, group_note_lines
from .options import RenderOptions
from .sanitize import show_invisible, terminal_line, terminal_safe

_KIND_STYLE = {
    ChangeKind.ADDED: "bold green",
    ChangeKind.REMOVED: "bold red",
    ChangeKind.MODIFIED: "bold yellow",
    ChangeKind.UNCHANGED: "dim",
    ChangeKind.SPLIT: "bold yellow",
    ChangeKind.MERGED: "bold yellow",
    ChangeKind.REPLACED: "bold red",
}
_CLASS_STYLE = {
    ChangeClass.SUBSTANTIVE: "bold",
    ChangeClass.STATUS: "magenta",
    ChangeClass.EDITORIAL: "dim",
}
_INDENT = (0, 0, 0, 4)


FAST_WRAP_CHARS = 100_000
"""Paragraphs longer than this (plain ASCII, no tabs) are wrapped by Paragraph itself: rich
measures every word in Python, about 5 s per megabyte, while cutting at the last space before the
width is a string search per line. Shorter text keeps rich's wrapping exactly."""


class Paragraph(Text):
    """Clause text: rendered like ``Text``, but one wrapped line at a time.

    Worst case it removes: ``Text`` joins all its wrapped lines into one segment, which rich then
    splits line by line with ``str.partition``, copying the rest of the text each time — one 5 MB
    word folded at 100 columns took 47 s (quadratic). Line by line it is linear: 2 MB, 0.2 s.
    """

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        plain = self.plain
        if len(plain) > FAST_WRAP_CHARS and plain.isascii() and "\t" not in plain:
            lines: Iterable[Text] = _fast_wrap(self, max(options.max_width, 1))
        else:
            lines = self.wrap(
                console,
                options.max_width,
                justify=self.justify or options.justify or "default",
                overflow=self.overflow or options.overflow or "fold",
                tab_size=(console.tab_size if self.tab_size is None else self.tab_size) or 8,
                no_wrap=bool(self.no_wrap if self.no_wrap is not None else options.no_wrap),
            )
        for k, line in enumerate(lines):
            if k:
                yield Segment("\n")
            yield from line.render(console)
        if self.end:
            yield Segment(self.end)


def _fast_wrap(text: Text, width: int) -> Iterator[Text]:
    """Lines of at most ``width`` characters, broken after the last space that fits (a longer word
    is cut), keeping the styles; for ASCII text, where a character is one cell."""
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        cuts = []
        start = 0
        while len(plain) - start > width:
            space = plain.rfind(" ", start, start + width)
            start = space + 1 if space > start else start + width
            cuts.append(start)
        yield from paragraph.divide(cuts) if cuts else (paragraph,)


def _text(value: str, style: str = "") -> Text:
    """An untrusted one-line field as a Text: markup is not parsed, control codes and line breaks are written out."""
    return Text(terminal_line(value), style=style)


def render(report: Report, options: RenderOptions) -> RenderableType:
    """The whole report: header, one block per change, notes and summary line."""
    parts: list[RenderableType] = [_header(report) if options.header else _warnings(report)]
    if report.renumbered_ranges:
        parts.append(Text(""))
        parts.extend(_text(phrases.range_text(r), "bold") for r in report.renumbered_ranges)
    by_text = not report.options.use_ids
    if options.summary_only:
        parts.append(_index(report))
    else:
        status_heading = False
        for block in blocks(report):
            parts.append(Text(""))
            if isinstance(block, StatusGroup):
                if not status_heading:
                    parts.extend((Text(STATUS_HEADING, style="bold magenta"), Text("")))
                    status_heading = True
                parts.append(_group(block))
            else:
                parts.append(_change(block, options, by_text))
    parts.append(Text(""))
    for note in report.notes:
        parts.append(_text(f"note: {note}", "dim"))
    summary = Text("Summary: ", style="bold")
    summary.append(terminal_line(phrases.summary_text(report.summary)))
    parts.append(summary)
    by_class = Text("By class: ", style="bold")
    by_class.append(phrases.class_counts_text(report.summary))
    parts.append(by_class)
    return Group(*parts)


def _header(report: Report) -> RenderableType:
    title = Text(style="bold")
    title.append(terminal_line(report.old.label))
    title.append(" → ")
    title.append(terminal_line(report.new.label))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for tag, info in (("old", report.old), ("new", report.new)):
        facts = phrases.version_facts(info)
        drafted = [f for f in facts if f.startswith("drafted by ")]
        grid.add_row(tag, _text(" · ".join(f for f in facts if f not in drafted)))
        for fact in drafted:
            grid.add_row("", _text(fact, "dim"))
    for warning in phrases.warnings(report.old, report.new):
        if warning:
            grid.add_row(Text("!", style="bold magenta"), _text(warning, "bold magenta"))
    opts = report.options
    ignored = [n for n, on in (("case", opts.ignore_case), ("whitespace", opts.ignore_whitespace),
                               ("punctuation", opts.ignore_punctuation)) if on]  # fmt: skip
    if ignored:
        grid.add_row("", _text(f"ignoring differences of {', '.join(ignored)}", "dim"))
    return Group(title, Padding(grid, (0, 0, 0, 2)))


def _warnings(report: Report) -> RenderableType:
    """Without the header, the warnings of unpublished versions still head the report."""
    return Group(*(_text(f"! {w}", "bold magenta") for w in phrases.warnings(report.old, report.new)))


def _group(group: StatusGroup) -> RenderableType:
    body = [_text(line, "dim italic") for line in group_note_lines(group)]
    head = _numbered("•", _text(group_line(group), "magenta"))  # wraps under itself, not at column 0
    return Group(head, Padding(Group(*body), _INDENT))


def _index(report: Report) -> RenderableType:
    lines: list[RenderableType] = []
    for change in blocks(report):
        if isinstance(change, StatusGroup):
            lines.append(Padding(_text(group_line(change), "magenta"), (0, 0, 0, 2)))  # wraps at 2, not 0
            continue
        line = Text()
        name = phrases.name_text(change)
        if name:
            line.append(terminal_line(name) + "  ", style="cyan")
        line.append(phrases.status_text(change, not report.options.use_ids), style=_KIND_STYLE[change.kind])
        if change.change_class is not None:
            line.append(" · " + phrases.class_text(change), style=_CLASS_STYLE[change.change_class])
        for badge in phrases.badges(change):
            line.append(f"  [{badge}]", style="magenta")
        lines.append(Padding(_numbered(phrases.number_text(change), line), (0, 0, 0, 2)))
        lines.extend(_text("      " + phrases.quantity_text(q), "bold") for q in change.quantities)
    return Group(Text(""), *lines) if lines else Group()


def _numbered(number: str, rest: Text) -> RenderableType:
    """``number  rest``, the number in a column of its own: a line that wraps continues under
    ``rest``, never at column 0 where it would read as the next clause."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    grid.add_row(Text(terminal_line(number)), rest)  # Text: a number is data, never rich markup
    return grid


def _change(change: Change, options: RenderOptions, by_text: bool) -> RenderableType:
    head = Text()
    name = phrases.name_text(change)
    if name:
        head.append(terminal_line(name) + "  ", style="cyan")
    head.append(phrases.status_text(change, by_text), style=_KIND_STYLE[change.kind])
    if change.change_class is not None:
        head.append(" · " + phrases.class_text(change), style=_CLASS_STYLE[change.change_class])
    for badge in phrases.badges(change):
        head.append(f"  [{badge}]", style="magenta")
    body: list[RenderableType] = [change_body(change, options)]
    for line in phrases.attribute_lines(change):
        body.append(_text(line, "yellow"))
    for q in change.quantities:
        body.append(_text("• " + phrases.quantity_text(q), "bold"))
    why = phrases.reasons_text(change)
    if why:
        body.append(_text(why, "cyan"))
    if change.who:
        body.append(_text(f"who: {change.who}", "cyan"))
    provenance = phrases.provenance_text(change)
    if provenance:
        body.append(_text(provenance, "dim"))
    note = phrases.main_side(change).clause.note
    if note:
        body.append(Paragraph(terminal_safe(f"note: {note}"), style="dim italic"))
    return Group(_numbered(phrases.number_text(change), head), Padding(Group(*body), _INDENT))


def change_body(change: Change, options: RenderOptions) -> Text:
    """A change's text: whole when added, removed or unchanged, else its word diff."""
    whole = phrases.body_text(change)
    if whole is not None:
        if change.kind is ChangeKind.REMOVED:
            return marked(whole, SegmentOp.DELETE, options)
        if change.kind is ChangeKind.ADDED:
            return marked(whole, SegmentOp.INSERT, options)
        return Paragraph(terminal_safe(whole))
    out = Paragraph()
    previous = SegmentOp.EQUAL
    for k, segment in enumerate(change.segments):
        if change.kind is ChangeKind.REPLACED and k:
            out.append("\n")  # old text out, new text in: one per line, never interleaved
        elif options.color and not options.markers and SegmentOp.EQUAL not in (previous, segment.op):
            out.append(" ")  # a deleted run never touches an inserted one: "600,000 800,000", not one number
        out.append_text(marked(segment.text, segment.op, options))
        previous = segment.op
    return out


def marked(text: str, op: SegmentOp, options: RenderOptions) -> Paragraph:
    """A run of text styled by its operation: with colour, red struck through or green underlined;
    with colour off or ``markers`` on, wrapped in [-…-] or {+…+}.

    Inserted and deleted runs show their invisible characters (``\u200b``), so a change made of
    them alone is seen.
    """
    if op is SegmentOp.EQUAL:
        return Paragraph(terminal_safe(text))
    safe = terminal_safe(show_invisible(text))
    deleted = op is SegmentOp.DELETE
    if options.markers or not options.color:
        safe = f"[-{safe}-]" if deleted else f"{{+{safe}+}}"
    if options.color:
        # Not by colour alone (red and green look alike to many readers): struck through or underlined.
        return Paragraph(safe, style="red strike" if deleted else "green underline")
    return Paragraph(safe)
