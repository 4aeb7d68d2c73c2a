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


SHORTENED = "Unchanged text around changes is shortened to fit GitHub's comment limit."
LEFT_OUT = "the comment would pass GitHub's limit."
NAMED_FOLDS = 10
"""Folded files named in the note; beyond this it gives their number (each file says so itself)."""


def render_comment(files: list[FileReport], base: str, head: str, skipped: tuple[str, ...] = ()) -> str:
    """The whole comment: a summary table, then each file's report in a ``<details>`` block.

    When it would pass BUDGET characters, unchanged context inside changed clauses is cut to
    CONTEXT characters first; then whole files are folded, largest first, and the comment says so;
    if even every file folded does not fit, the rows past what fits are left out and counted.
    ``skipped`` names the YAML files of the change set that are not plans (one note line).

    Cost: each file is rendered twice (full, then shortened context) and the comment is joined
    once; folding only adds and subtracts lengths. Joining the comment again after each fold was
    quadratic in files (1,000 files 17 s, 2,000 more than a minute).
    """
    title = (
        f"## plandiff: {len(files)} plan file{'s' if len(files) != 1 else ''} changed "
        f"({escape(base)} → {escape(head)})"
    )
    skip_note = [_skipped_note(skipped)] if skipped else []
    if not files:
        return (
            "\n".join([MARKER, title, "", *(f"> {n}\n" for n in skip_note), "No plan files changed."]) + "\n"
        )
    table = [
        "| file | status | added | removed | modified | moved | key quantity changes |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    rows = [_summary_row(f) for f in files]
    for context, note in ((None, []), (CONTEXT, [SHORTENED])):
        options = RenderOptions(context=context, headline=False, heading_level=3)
        bodies = [render_markdown(f.report, options) for f in files]
        details = [_details(f, body, base, head) for f, body in zip(files, bodies)]
        layout = _Layout([MARKER, title, "", *table], rows, [*skip_note, *note], details)
        if layout.size() <= BUDGET:
            return layout.join()
    folded_details = [_details(f, None, base, head) for f in files]
    order = sorted(range(len(files)), key=lambda k: -len(bodies[k]))
    layout.notes.append(_folded_note([]))
    names: list[str] = []
    for count, k in enumerate(order, 1):
        layout.replace_details(k, folded_details[k])
        if count <= NAMED_FOLDS:
            names.append(files[k].path)
        layout.replace_note(-1, _folded_note(names, count))
        if layout.size() <= BUDGET:
            return layout.join()
    layout.keep_first(BUDGET, base, head)
    return layout.join()


def _skipped_note(skipped: tuple[str, ...]) -> str:
    shown = ", ".join(markdown_code(p) for p in skipped[:NAMED_FOLDS])
    more = f" and {len(skipped) - NAMED_FOLDS} more" if len(skipped) > NAMED_FOLDS else ""
    return f"Skipped, not plan files (no top-level 'clauses'): {shown}{more}."


def _folded_note(names: list[str], count: int = 0) -> str:
    shown = ", ".join(escape_inline(p) for p in names)
    if count > len(names):
        return f"Folded to fit the limit: {count} files ({shown} and {count - len(names)} more)."
    return f"Folded to fit the limit: {shown}."


class _Layout:
    """The comment's parts and their total length, kept up to date as parts change."""

    def __init__(self, head: list[str], rows: list[str], notes: list[str], details: list[str]) -> None:
        self.head = head
        self.rows = rows
        self.notes = notes
        self.details = details
        self.tail: list[str] = []
        self._details_size = sum(len(d) for d in details)
        self._rows_size = sum(len(r) + 1 for r in rows)

    def _parts_head(self) -> str:
        return "\n".join([*self.head, *self.rows, ""])

    def size(self) -> int:
        head = sum(len(h) + 1 for h in self.head) + self._rows_size  # the "\n".join of head lines
        notes = sum(len(n) + 3 for n in self.notes)  # "> " and a newline
        parts = 1 + len(self.notes) + len(self.details) + len(self.tail)
        return head + notes + self._details_size + sum(len(t) for t in self.tail) + parts - 1

    def replace_details(self, k: int, text: str) -> None:
        self._details_size += len(text) - len(self.details[k])
        self.details[k] = text

    def replace_note(self, k: int, text: str) -> None:
        self.notes[k] = text

    def keep_first(self, budget: int, base: str, head: str) -> None:
        """Keep as many files (row and folded block) as fit, and say how many are left out."""
        total = len(self.rows)
        self.notes[-1] = "Every file is folded to fit the limit."
        command = markdown_code(shlex.join(["plandiff", "compare", "--git", f"{base}..{head}"]))
        while self.rows:
            left = total - len(self.rows)
            self.tail = (
                [f"*{left} more plan files are not listed: {LEFT_OUT} Run {command} to see every file.*\n"]
                if left
                else []
            )
            if self.size() <= budget:
                return
            self._rows_size -= len(self.rows.pop()) + 1
            self._details_size -= len(self.details.pop())
        self.tail = [f"*{total} plan files are not listed: {LEFT_OUT} Run {command} to see them.*\n"]

    def join(self) -> str:
        parts = [self._parts_head()]
        parts += [f"> {n}\n" for n in self.notes]
        parts += self.details
        parts += self.tail
        return "\n".join(parts)
