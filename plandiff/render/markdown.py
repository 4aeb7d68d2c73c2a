"""Markdown report for GitHub and for the HTML pages: every piece of plan text is escaped."""

from __future__ import annotations

from ..classes import StatusGroup
from ..model import Change, ChangeKind, Report, SegmentOp, VersionInfo
from . import phrases
from .blocks import STATUS_HEADING, blocks, group_line, group_note_lines
from .options import RenderOptions
from .sanitize import markdown_block_safe, markdown_code, markdown_inline, markdown_text, show_invisible

escape_inline = markdown_inline
"""Plan text inside a line (see :func:`.sanitize.markdown_inline`); kept under its old name."""
escape = markdown_text
"""Plan text that starts a line (see :func:`.sanitize.markdown_text`); kept under its old name."""
block_safe = markdown_block_safe
_code = markdown_code


def render(report: Report, options: RenderOptions) -> str:
    """The Markdown report; ends with exactly one newline, no trailing spaces."""
    lines = (
        [f"# Changes: {escape(report.old.label)} → {escape(report.new.label)}", ""]
        if options.headline and options.header
        else []
    )
    lines += _versions(report.old, report.new) if options.header else []
    for warning in phrases.warnings(report.old, report.new):
        lines += [f"> **Warning:** {escape(warning)}.", ""]
    s = report.summary
    counts = [("Added", s.added), ("Removed", s.removed), ("Modified", s.modified), ("Moved", s.moved),
              ("Renumbered", s.renumbered), ("Unchanged", s.unchanged)]  # fmt: skip
    counts += [
        (name, n) for name, n in (("Split", s.split), ("Merged", s.merged), ("Replaced", s.replaced)) if n
    ]
    lines += [
        "| " + " | ".join(name for name, _ in counts) + " |",
        "|" + "---:|" * len(counts),
        "| " + " | ".join(str(n) for _, n in counts) + " |",
        "",
        f"By class: {phrases.class_counts_text(s)}.",
        "",
    ]
    if report.renumbered_ranges:
        lines += [f"- {escape(phrases.range_text(r))}" for r in report.renumbered_ranges] + [""]
    by_text = not report.options.use_ids
    if options.summary_only:
        for block in blocks(report):
            if isinstance(block, StatusGroup):
                lines.append(f"- {escape_inline(group_line(block))}")
            else:
                lines.append(_index_line(block, by_text))
                lines += [f"  - {escape_inline(phrases.quantity_text(q))}" for q in block.quantities]
        if report.changes:
            lines.append("")
    else:
        status_heading = False
        for block in blocks(report):
            if isinstance(block, StatusGroup):
                if not status_heading:
                    lines += ["#" * options.heading_level + f" {STATUS_HEADING}", ""]
                    status_heading = True
                lines += [f"- **{escape_inline(group_line(block))}**"]
                lines += [f"  - {escape_inline(n)}" for n in group_note_lines(block)]
                lines.append("")
            else:
                lines += _change(block, by_text, options.context, options.clause_href, options.heading_level)
    if not report.changes:
        # A preamble or closing change is a difference, but not a clause's: it is in the notes.
        lines += ["No clause differs." if report.framing_changed else "No differences.", ""]
    lines += [f"*Note: {escape(note)}.*" for note in report.notes]
    return "\n".join(lines).rstrip("\n") + "\n"


def _versions(old: VersionInfo, new: VersionInfo) -> list[str]:
    rows = [
        ("Version", _code(old.label), _code(new.label)),
        ("Title", escape(old.title or ""), escape(new.title or "")),
        ("Date", escape_inline(old.date or ""), escape_inline(new.date or "")),
        ("Status", old.status.value if old.status else "", new.status.value if new.status else ""),
        ("Drafted by", escape(", ".join(old.drafted_by)), escape(", ".join(new.drafted_by))),
    ]
    out = ["| | Old | New |", "|---|---|---|"]
    # A fact both versions share is written once: "same" says so without repeating it.
    out += [f"| {name} | {a or '—'} | {'same' if a == b else b or '—'} |" for name, a, b in rows if a or b]
    return out + [""]


def _heading(change: Change, by_text: bool, clause_href: str | None = None, level: int = 2) -> str:
    parts = [f"Point {escape(phrases.number_text(change))}"]
    clause = phrases.main_side(change).clause
    if clause.id:
        code = _code(clause.id)
        # Ids are slugs (load validates them), so they go into a link target as they are.
        parts.append(f"[{code}]({clause_href.format(id=clause.id)})" if clause_href else code)
    title = clause.title or (change.old.clause.title if change.old else None)
    if title:
        parts.append(escape(title))
    badges = "".join(f" `{b}`" for b in phrases.badges(change))
    status = escape_inline(phrases.status_text(change, by_text))
    if change.change_class is not None:
        status += f" · **{phrases.class_text(change)}**"
    return "#" * level + " " + " · ".join(parts) + f" — {status}{badges}"


def _index_line(change: Change, by_text: bool) -> str:
    name = phrases.name_text(change)
    label = f"**{escape(phrases.number_text(change))}**"
    status = escape_inline(phrases.status_text(change, by_text))
    if change.change_class is not None:
        status += f" · {phrases.class_text(change)}"
    return f"- {label}{' ' + escape(name) if name else ''} — {status}"


def _change(
    change: Change,
    by_text: bool,
    context: int | None = None,
    clause_href: str | None = None,
    level: int = 2,
) -> list[str]:
    out = [_heading(change, by_text, clause_href, level), ""]
    whole = phrases.body_text(change)
    if whole is not None:
        if change.kind is ChangeKind.REMOVED:
            body = f"<del>{escape_inline(whole)}</del>" if whole else ""
        elif change.kind is ChangeKind.ADDED:
            body = f"<ins>{escape_inline(whole)}</ins>" if whole else ""
        else:
            body = escape(whole)
    elif change.kind is ChangeKind.REPLACED:
        body = "\n\n".join(block_safe(segment_markdown(s.op, s.text)) for s in change.segments)
    else:
        last = len(change.segments) - 1
        body = block_safe(
            "".join(
                segment_markdown(
                    s.op, _trim(s.text, context, k == 0, k == last) if s.op is SegmentOp.EQUAL else s.text
                )
                for k, s in enumerate(change.segments)
            )
        )
    if body.strip():
        out += [body.rstrip(), ""]
    details = list(phrases.attribute_lines(change))
    details += [phrases.quantity_text(q) for q in change.quantities]
    why = phrases.reasons_text(change)
    if why:
        details.append(why)
    if change.who:
        details.append(f"who: {change.who}")
    if details:
        out += [f"- {escape(d)}" for d in details] + [""]
    provenance = phrases.provenance_text(change)
    note = phrases.main_side(change).clause.note
    if provenance:
        out += [f"*{escape(provenance)}*", ""]
    if note:
        out += [f"> Note: {escape(note)}", ""]
    return out


def _trim(text: str, context: int | None, first: bool, last: bool) -> str:
    """Unchanged text cut to ``context`` characters beside each change, with an ellipsis."""
    if context is None or len(text) <= 2 * context + 1:
        return text
    head = "" if first else text[:context]
    tail = "" if last else text[-context:]
    return f"{head}…{tail}"


def segment_markdown(op: SegmentOp, text: str) -> str:
    """A run of a word diff; inserted and deleted runs show their invisible characters."""
    if op is SegmentOp.EQUAL:
        return escape_inline(text)
    tag = "del" if op is SegmentOp.DELETE else "ins"
    return f"<{tag}>{escape_inline(show_invisible(text))}</{tag}>"
