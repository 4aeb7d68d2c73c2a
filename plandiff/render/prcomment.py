"""One GitHub pull-request comment for all changed plan files, kept under GitHub's size limit."""

from __future__ import annotations

import shlex
from typing import NamedTuple

from ..model import Report
from . import phrases
from .markdown import escape, escape_inline
from .markdown import render as render_markdown
from .options import RenderOptions
from .sanitize import html_text, markdown_code

GITHUB_LIMIT = 65_536
"""GitHub refuses issue and pull-request comments longer than this many characters."""
BUDGET = 65_000
"""What this comment may use: a margin for the marker line and the workflow's own wrapping."""
CONTEXT = 60
"""Characters of unchanged text kept beside each change once full context no longer fits."""
MARKER = "<!-- plandiff-pr-comment -->"
"""First line of the comment, so that a workflow finds and updates its own comment."""


class FileReport(NamedTuple):
    """One changed plan file of the pull request."""

    path: str
    status: str
    """``added``, ``deleted`` or ``modified``."""
    report: Report


def _summary_row(f: FileReport) -> str:
    s = f.report.summary
    quantities = [
        phrases.quantity_text(q)
        for change in f.report.changes
        for q in change.quantities
        if q.old is not None and q.new is not None
    ]
    shown = "; ".join(escape_inline(q) for q in quantities[:3]) + (" …" if len(quantities) > 3 else "")
    path = markdown_code(f.path)
    return f"| {path} | {f.status} | {s.added} | {s.removed} | {s.modified} | {s.moved} | {shown or '—'} |"


def _details(f: FileReport, body: str | None, base: str, head: str) -> str:
    s = f.report.summary
    title = f"{html_text(f.path)} — {html_text(phrases.summary_text(s))}"  # <summary> is raw HTML
    if body is None:
        command = shlex.join(["plandiff", "compare", "--git", f"{base}..{head}", "--", f.path])
        body = f"*Folded: too long for one comment. Run {markdown_code(command)} to see it.*\n"
    return f"<details>\n<summary>{title}</summary>\n\n{body}\n</details>\n"


def render_comment(files: list[FileReport], base: str, head: str) -> str:
    """The whole comment: a summary table, then each file's report in a ``<details>`` block.

    When it would pass BUDGET characters, unchanged context inside changed clauses is cut to
    CONTEXT characters first; then whole files are folded, largest first, and the comment says so.
    """
    head_lines = [
        MARKER,
        f"## plandiff: {len(files)} plan file{'s' if len(files) != 1 else ''} changed ({escape(base)} → {escape(head)})",
        "",
    ]
    if not files:
        return "\n".join([*head_lines, "No plan files changed."]) + "\n"
    head_lines += [
        "| file | status | added | removed | modified | moved | key quantity changes |",
        "|---|---|---:|---:|---:|---:|---|",
        *(_summary_row(f) for f in files),
        "",
    ]
    for context, note in (
        (None, ""),
        (CONTEXT, "Unchanged text around changes is shortened to fit GitHub's comment limit."),
    ):
        bodies: list[str | None] = [
            render_markdown(f.report, RenderOptions(context=context, headline=False, heading_level=3))
            for f in files
        ]
        text = _assemble(head_lines, files, bodies, [note] if note else [], base, head)
        if len(text) <= BUDGET:
            return text
    order = sorted(range(len(files)), key=lambda k: -len(bodies[k] or ""))
    folded: list[str] = []
    for k in order:
        bodies[k] = None
        folded.append(files[k].path)
        notes = [
            "Unchanged text around changes is shortened to fit GitHub's comment limit.",
            f"Folded to fit the limit: {', '.join(escape_inline(p) for p in folded)}.",
        ]
        text = _assemble(head_lines, files, bodies, notes, base, head)
        if len(text) <= BUDGET:
            return text
    return text


def _assemble(
    head_lines: list[str],
    files: list[FileReport],
    bodies: list[str | None],
    notes: list[str],
    base: str,
    head: str,
) -> str:
    parts = ["\n".join(head_lines)]
    parts += [f"> {n}\n" for n in notes]
    parts += [_details(f, body, base, head) for f, body in zip(files, bodies)]
    return "\n".join(parts)
