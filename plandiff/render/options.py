"""Options every renderer receives: nothing comes from the environment or the console."""

from __future__ import annotations

from typing import NamedTuple


class RenderOptions(NamedTuple):
    """How to present a report."""

    color: bool = False
    """Terminal only: style insertions and deletions with colour instead of [-…-] {+…+} marks."""
    summary_only: bool = False
    """Counts and a one-line-per-change index instead of full changes."""
    context: int | None = None
    """Markdown: characters of unchanged text kept on each side of a change (None: all of it)."""
    headline: bool = True
    """Markdown: start with the "Changes: old → new" heading (the site writes its own)."""
    clause_href: str | None = None
    """Markdown: link target of clause ids, ``{id}`` standing for the id (None: ids not linked)."""
    heading_level: int = 2
    """Markdown: level of each change's heading (3 inside a pull-request comment headed by an H2)."""
    markers: bool = False
    """Terminal: keep the [-…-] {+…+} marks in colour too (colour-blind readers, copy and paste)."""
    header: bool = True
    """Terminal and Markdown: the title and version facts at the top (warnings are always shown)."""
