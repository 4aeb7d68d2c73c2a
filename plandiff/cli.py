"""The ``plandiff`` command line: arguments, files, consoles and exit codes (0 same, 1 differ, 2 error)."""

from __future__ import annotations

import gc
import io
import os
import re
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer

from . import __version__
from .catalog import clause_count, load_bundled
from .diff import compare as compare_versions
from .errors import PlandiffError, UsageError
from .load import MAX_BYTES, load_plan, resolve_plan
from .model import CompareOptions, PlanVersion
from .output import write_report
from .render import FORMATS, RenderOptions, renderer
from .render.sanitize import terminal_safe
from .select import KINDS, Selection, select_changes

if TYPE_CHECKING:  # rich costs ~40 ms to import: only the terminal format and `list` load it
    from rich.console import Console, RenderableType

_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)\n")
PIPE_WIDTH = 100
"""Terminal-format width when stdout is not a terminal (pipes, files): stable, readable output."""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=(
        "Clause-by-clause diffs of negotiated documents kept as YAML.\n\n"
        "Plans are YAML files or the names of bundled plans (see 'plandiff list').\n\n"
        "Exit codes: 0 no differences, 1 differences found, 2 error."
    ),
)


def _fail(error: PlandiffError) -> NoReturn:
    sys.stderr.write(f"plandiff: error: {terminal_safe(error.message)}\n")
    raise typer.Exit(2)


def _load(arg: str, max_bytes: int) -> tuple[PlanVersion, Path]:
    path, label = resolve_plan(arg)
    return load_plan(path, label, max_bytes), path


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"plandiff {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """Clause-by-clause diffs of negotiated documents kept as YAML."""


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="Old version: a YAML file or a bundled plan name.")],
    new: Annotated[str, typer.Argument(help="New version: a YAML file or a bundled plan name.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "terminal",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file (atomically).")
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Force colour on or off (default: on for terminals, off when NO_COLOR is set).",
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", min=20, help="Terminal-format width (default: the terminal's, 100 when piped)."
        ),
    ] = None,
    ignore_case: Annotated[
        bool, typer.Option("--ignore-case", help="Treat upper and lower case as equal.")
    ] = False,
    ignore_whitespace: Annotated[
        bool, typer.Option("--ignore-whitespace", help="Treat any run of whitespace as one space.")
    ] = False,
    ignore_punctuation: Annotated[
        bool,
        typer.Option("--ignore-punctuation", help="Ignore punctuation when deciding whether a text changed."),
    ] = False,
    clause: Annotated[
        list[str] | None,
        typer.Option(
            "--clause", "-c", help="Only this clause (id or number such as 6 or 10(b)); repeatable."
        ),
    ] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", "-t", help="Only clauses with this topic; repeatable.")
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help=f"Only these kinds, comma-separated: {', '.join(KINDS)}."),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Counts and a one-line-per-change index only.")
    ] = False,
    unchanged: Annotated[bool, typer.Option("--unchanged", help="Also show unchanged clauses.")] = False,
    no_ids: Annotated[
        bool,
        typer.Option("--no-ids", help="Ignore clause ids: pair by text and position only (audits the ids)."),
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse plan files larger than this.")
    ] = MAX_BYTES,
) -> None:
    """Show what changed between two versions, clause by clause.

    Examples:

      plandiff compare us-28-point geneva

      plandiff compare us-28-point geneva --format markdown -o report.md

      plandiff compare old.yaml new.yaml --clause army-cap --format json
    """
    try:
        if fmt not in FORMATS:
            raise UsageError(f"--format: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        old_plan, old_path = _load(old, max_bytes)
        new_plan, new_path = _load(new, max_bytes)
        options = CompareOptions(ignore_case, ignore_whitespace, ignore_punctuation, use_ids=not no_ids)
        report = compare_versions(old_plan, new_plan, options)
        selection = Selection(tuple(clause or ()), tuple(topic or ()), _split(only), unchanged)
        report = select_changes(report, selection)
        render_options = RenderOptions(
            color=fmt == "terminal" and _colored(_console(color, width, output)), summary_only=summary
        )
        result = renderer(fmt)(report, render_options)
        text = (
            result
            if isinstance(result, str)
            else _to_text(_console(color, width, output), cast("RenderableType", result))
        )
        if output is not None:
            write_report(output, text, (old_path, new_path))
        else:
            sys.stdout.write(text)
    except PlandiffError as error:
        _fail(error)
    raise typer.Exit(1 if report.has_changes else 0)


def _console(color: bool | None, width: int | None, output: Path | None) -> Console:
    """The stdout console (or a string buffer when writing a file); honours NO_COLOR."""
    from rich.console import Console

    if output is not None:
        return Console(
            file=io.StringIO(), width=width or PIPE_WIDTH, color_system=None, highlight=False, emoji=False
        )
    tty = sys.stdout.isatty()
    no_color = color is False or (color is None and "NO_COLOR" in os.environ)
    return Console(
        file=sys.stdout,
        width=width or (None if tty else PIPE_WIDTH),
        force_terminal=True if color else None,
        color_system=None if no_color else ("standard" if color and not tty else "auto"),
        no_color=no_color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _to_text(console: Console, renderable: RenderableType) -> str:
    """Render through the console (width, colour) and drop the padding rich leaves at line ends."""
    with console.capture() as captured:
        console.print(renderable)
    return _TRAILING.sub(r"\1\n", captured.get())


def _colored(console: Console) -> bool:
    return console.color_system is not None and not console.no_color and console.is_terminal


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="Plan files or bundled plan names.")],
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse plan files larger than this.")
    ] = MAX_BYTES,
) -> None:
    """Check plan files: one line per file; problems go to stderr and make the exit code 2.

    Example:

      plandiff validate plans/*.yaml
    """
    failed = False
    for arg in files:
        try:
            plan, _ = _load(arg, max_bytes)
        except PlandiffError as error:
            sys.stderr.write(f"plandiff: error: {terminal_safe(error.message)}\n")
            failed = True
            continue
        count = clause_count(plan)
        sys.stdout.write(
            f"{terminal_safe(plan.label)}: ok ({len(plan.clauses)} clauses, {count} counting sub-points)\n"
        )
    raise typer.Exit(2 if failed else 0)


@app.command("list")
def list_plans() -> None:
    """List the bundled plan versions, parents before the versions that revise them.

    Example:

      plandiff list
    """
    try:
        plans = load_bundled()
    except PlandiffError as error:
        _fail(error)
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in ("plan", "date", "status", "clauses", "parent", "drafted by"):
        table.add_column(column, overflow="fold", justify="right" if column == "clauses" else "left")
    for plan in plans:
        table.add_row(
            terminal_safe(plan.plan or plan.label),
            plan.date or "",
            plan.status.value if plan.status else "",
            str(clause_count(plan)),
            terminal_safe(plan.parent or "—"),
            terminal_safe(", ".join(plan.drafted_by)),
        )
    sys.stdout.write(_to_text(_console(None, None, None), table))


def main() -> None:
    """Console-script entry point: any unexpected exception is a bug, reported with exit code 2."""
    # A run is short-lived and builds no reference cycles worth collecting; the cyclic collector's
    # passes over the hundreds of thousands of objects of a big comparison cost more than a tenth
    # of its time (bench/run.py), so it stays off for the life of the process.
    gc.disable()
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("plandiff: interrupted\n")
        sys.exit(130)
    except BaseException:  # noqa: BLE001  # the last resort: never exit 1 ("differences") on a crash
        traceback.print_exc()
        sys.stderr.write("plandiff: error: internal error (a bug in plandiff; please report it)\n")
        sys.exit(2)
