"""``compare --git``: one section per plan file changed in git, in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .cliapp import changed_versions
from .gitsource import repository_root
from .model import PlanVersion
from .render.sanitize import terminal_line


def compare_git(
    spec: str,
    paths: tuple[str, ...],
    fmt: str,
    show: Callable[[PlanVersion, PlanVersion], tuple[str, bool]],
    max_bytes: int,
) -> tuple[str, bool, tuple[Path, ...]]:
    """One section per plan file changed by ``spec``; added and deleted files are reported as such.

    Also returns the working-tree files read, which ``--output`` must never overwrite.
    """
    sections: list[str] = []
    changed = False
    skipped: list[str] = []  # YAML that is not a plan, such as workflow files in the pathspec
    versions = changed_versions(spec, paths, max_bytes, skipped)
    if skipped:
        names = ", ".join(terminal_line(p) for p in skipped)
        sys.stderr.write(f"plandiff: note: skipped, not plan files (no top-level 'clauses'): {names}\n")
    for path, status, old, new in versions:
        text, differs = show(old, new)
        changed = changed or differs or status != "modified"
        sections.append(_section(fmt, path, status, text))
    root = Path(repository_root())
    inputs = tuple(root / path for path, _, _, _ in versions)
    if fmt == "json":
        return ("[\n" + ",\n".join(sections) + "\n]\n" if sections else "[]\n"), changed, inputs
    # Markdown rules go between sections only: a leading "---" reads as YAML front matter to
    # Jekyll and GitHub's file view.
    text = "".join(sections).removeprefix("---\n\n") if fmt == "markdown" else "".join(sections)
    return text or "no plan files changed\n", changed, inputs


def _section(fmt: str, path: str, status: str, text: str) -> str:
    if fmt == "json":
        import json  # only --git with --format json needs it here

        return (
            json.dumps({"path": path, "status": status}, sort_keys=True)[:-1]
            + ',"report":'
            + text.rstrip("\n")
            + "}"
        )
    if fmt == "markdown":
        from .render.markdown import escape  # only --git with --format markdown needs it

        return f"---\n\n**{escape(path)}** ({status})\n\n{text}\n"
    return f"=== {terminal_line(path)} ({status})\n{text}\n"
