"""Commands for reviewing plans: git-diff, show, pr-comment, history and table."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .catalog import load_record
from .cli_shell import complete_clause, deliver, emit
from .cli_views import Order
from .cliapp import (
    Markers,
    MaxBytes,
    NoHeader,
    NoPager,
    PlansDir,
    app,
    changed_versions,
    colored,
    console_for,
    fail,
    load_input,
    split_values,
    to_text,
    warn,
)
from .diff import compare
from .errors import PlandiffError, PlanFormatError, PlanLoadError, UsageError, quoted
from .load import MAX_BYTES, load_plan
from .model import CompareOptions, PlanVersion
from .render import renderer
from .render.options import RenderOptions
from .render.sanitize import terminal_line
from .select import Selection, select_changes

NULL_FILE = "/dev/null"
"""What git passes for the missing side of an added or deleted file."""


def _side(file: str, label: str, max_bytes: int) -> PlanVersion:
    if file == NULL_FILE:
        return PlanVersion(label=label, clauses=())
    return load_plan(Path(file), label, max_bytes)


@app.command("git-diff", context_settings={"ignore_unknown_options": True})
def git_diff(
    args: Annotated[list[str], typer.Argument(help="The seven arguments git passes to an external diff.")],
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Force colour on or off (default: as git would colour its own diff: --color, color.diff, pager).",
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option("--width", min=20, help="Width (default: COLUMNS, the terminal's, else 100)."),
    ] = None,
    ignore_case: Annotated[bool, typer.Option("--ignore-case", help="As for compare.")] = False,
    ignore_whitespace: Annotated[bool, typer.Option("--ignore-whitespace", help="As for compare.")] = False,
    ignore_punctuation: Annotated[bool, typer.Option("--ignore-punctuation", help="As for compare.")] = False,
    clause: Annotated[list[str] | None, typer.Option("--clause", "-c", help="As for compare.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", "-t", help="As for compare.")] = None,
    only: Annotated[list[str] | None, typer.Option("--only", help="As for compare.")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="As for compare.")] = False,
    order: Order = "consequence",
    unchanged: Annotated[bool, typer.Option("--unchanged", help="Also show unchanged clauses.")] = False,
    no_ids: Annotated[bool, typer.Option("--no-ids", help="As for compare.")] = False,
    markers: Markers = False,
    no_header: NoHeader = False,
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Git external diff driver: clause-level diffs in `git diff` and `git log -p --ext-diff`.

    Git calls it as: plandiff git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
    It shows the changed clauses only, like compare, and takes compare's options, either in the
    git config command line or in the PLANDIFF_OPTIONS environment variable. Labels come from
    PATH, never from git's temporary file names; a rename without clause changes is one line.
    Colour follows git (--color, color.diff, the pager), width COLUMNS. It exits 0 whenever it
    printed a diff or its reader went away (git stops on any other exit code), 2 on real trouble.

    Setup (see docs/review.md):

      git config diff.plandiff.command "plandiff git-diff"

      echo 'plans/*.yaml diff=plandiff' >> .gitattributes

      git config diff.plandiff.command "plandiff git-diff --ignore-case --summary"
    """
    from .cli_gitenv import columns, git_wants_colour

    if len(args) == 1:  # an unmerged path: git passes only the name
        write_quietly(f"* Unmerged path {terminal_line(args[0])}\n")
        raise typer.Exit(0)
    if len(args) not in (7, 9):  # 9: renames add the new path and a similarity line
        fail(UsageError(f"git-diff: expected the 7 arguments git passes, got {len(args)}"))
    path, old_file, _, _, new_file = args[:5]
    new_path = args[7] if len(args) == 9 else path
    name = terminal_line(path if new_path == path else f"{path} → {new_path}")
    try:
        old = _side(old_file, f"a/{path}", max_bytes)
        new = _side(new_file, f"b/{new_path}", max_bytes)
    except (PlanLoadError, PlanFormatError) as error:
        # A file git hands over that is not a readable plan (binary, broken YAML): say so on its
        # own line and carry on, since git stops the whole diff at any other exit code.
        warn(error)
        write_quietly(f"plandiff {name} (not compared: not a readable plan, see the error above)\n")
        raise typer.Exit(0) from None
    try:
        options = CompareOptions(ignore_case, ignore_whitespace, ignore_punctuation, use_ids=not no_ids)
        selection = Selection(tuple(clause or ()), tuple(topic or ()), split_values(only), unchanged, order)
        report = select_changes(compare(old, new, options), selection)
    except PlandiffError as error:
        warn(error)
        raise typer.Exit(2) from None
    if not report.changes and not summary:
        what = "renamed, no clause changes" if new_path != path else "no clause changes"
        write_quietly(f"plandiff {name} ({what})\n")
        raise typer.Exit(0)
    use_colour = git_wants_colour() if color is None else color
    console = console_for(use_colour, width or columns(), None)
    render_options = RenderOptions(
        color=colored(console), summary_only=summary, markers=markers, header=not no_header
    )
    text = to_text(console, renderer("terminal")(report, render_options))  # type: ignore[arg-type]  # terminal returns a renderable
    write_quietly(f"plandiff {name}\n{text}")
    raise typer.Exit(0)


def write_quietly(text: str) -> None:
    """Write to stdout; a reader that went away (``git log -p --ext-diff | head``) ends the run with 0."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the flush at exit cannot fail again, then stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise typer.Exit(0) from None


@app.command("pr-comment")
def pr_comment(
    base: Annotated[str, typer.Argument(help="Base revision of the pull request, e.g. origin/main.")],
    head: Annotated[str, typer.Argument(help="Head revision, e.g. HEAD.")],
    paths: Annotated[
        list[str] | None, typer.Argument(help="Limit to these paths (default: *.yaml, *.yml).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the comment to this file.")
    ] = None,
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """One Markdown pull-request comment for every plan file changed between BASE and HEAD.

    A summary table first, then each file's changes in a <details> block; it stays under GitHub's
    65,536-character limit by shortening unchanged context, then folding whole files (and says
    so). Exits 0 when the comment was written, 2 on trouble.

    Example:

      plandiff pr-comment origin/main HEAD -o comment.md
    """
    from .render.prcomment import FileReport, render_comment  # imported by the command that uses it

    try:
        skipped: list[str] = []  # YAML that is not a plan, such as the workflow files
        files = [
            FileReport(path, status, select_changes(compare(old, new), Selection()))
            for path, status, old, new in changed_versions(
                f"{base}..{head}", tuple(paths or ()), max_bytes, skipped
            )
        ]
        text = render_comment(files, base, head, tuple(skipped))
        deliver(text, output, ())
    except PlandiffError as error:
        fail(error)
    raise typer.Exit(0)


@app.command()
def show(
    plan: Annotated[str, typer.Argument(help="A plan file, REV:PATH or bundled plan name.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: text.")] = "text",
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Print a plan as plain text, one clause per paragraph (a textconv for `git diff --word-diff`).

    Setup: git config diff.plantext.textconv "plandiff show --format text"
    """
    try:
        if fmt != "text":
            raise UsageError(f"--format: unknown format {quoted(fmt)} (choose from text)")
        loaded, _ = load_input(plan, max_bytes)
    except PlandiffError as error:
        fail(error)
    from .render.plaintext import plan_text

    sys.stdout.write(plan_text(loaded))


@app.command()
def history(
    clause_id: Annotated[
        str, typer.Argument(metavar="ID", help="A clause id, e.g. army-cap.", autocompletion=complete_clause)
    ],
    plans_dir: PlansDir = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: terminal, markdown.")
    ] = "terminal",
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")] = None,
    no_pager: NoPager = False,
) -> None:
    """One clause through every version, by date, with the word diff from its nearest ancestor that had it.

    A parent clause also shows its sub-points: all of them where it first appears, then
    "sub-points changed: 21(a), 21(d)" with each change. Marks say how each text is known
    (published, reported, carried, "text carried, status reported").

    Examples:

      plandiff history army-cap

      plandiff history territory --format markdown
    """
    try:
        if fmt not in ("terminal", "markdown"):
            raise UsageError(f"--format: unknown format {quoted(fmt)} (choose from terminal, markdown)")
        from .history import clause_history

        found = clause_history(load_record(plans_dir), clause_id)
    except PlandiffError as error:
        fail(error)
    from .render.history import history_markdown, history_terminal  # rich: only when asked

    if fmt == "markdown":
        emit(history_markdown(found), pager=not no_pager)
    else:
        console = console_for(color, None, None)
        text = to_text(console, history_terminal(found, RenderOptions(color=colored(console))))
        emit(text, pager=not no_pager)


@app.command()
def table(
    ids: Annotated[
        list[str] | None, typer.Argument(metavar="[ID]...", help="Clause ids (default: all).")
    ] = None,
    versions: Annotated[
        str | None,
        typer.Option("--versions", help="Comma-separated version slugs (default: all, in lineage order)."),
    ] = None,
    plans_dir: PlansDir = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: markdown, html.")] = "markdown",
) -> None:
    """The negotiators' view: one row per clause id, one column per version, changed cells marked.

    ✎ marks a cell that changed since its nearest ancestor as compare counts it (provenance alone
    is not a change); [reported] and [carried] say how a cell's text is known; a ⚠ row warns of
    versions with no published text or with carried clauses.

    Example:

      plandiff table army-cap elections --versions us-28-point,e3-counterproposal,ukraine-20-point
    """
    try:
        if fmt not in ("markdown", "html"):
            raise UsageError(f"--format: unknown format {quoted(fmt)} (choose from markdown, html)")
        from .history import clause_table, select_versions
        from .render.history import table_markdown  # rich: only when asked

        record = load_record(plans_dir)
        chosen = select_versions(record, split_values([versions] if versions else None))
        text = table_markdown(clause_table(chosen, tuple(ids or ()), record))
    except PlandiffError as error:
        fail(error)
    if fmt == "html":
        from .render.html import page

        text = page(text, "Clauses across versions", kind="table")
    sys.stdout.write(text)
