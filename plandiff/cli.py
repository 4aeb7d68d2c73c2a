"""The ``plandiff`` commands compare, validate and list, and the console-script entry point."""

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer

from . import cli_publish, cli_review, cli_views  # noqa: F401  # register their commands on the app
from .catalog import clause_count, load_bundled
from .cli_gitcompare import compare_git
from .cli_shell import complete_clause, complete_plan, deliver
from .cliapp import (
    Markers,
    MaxBytes,
    NoHeader,
    NoPager,
    Quiet,
    app,
    colored,
    console_for,
    fail,
    load_input,
    run_app,
    split_values,
    to_text,
    warn,
)
from .diff import compare as compare_versions
from .errors import PlandiffError, UsageError, quoted
from .load import MAX_BYTES
from .model import CompareOptions, PlanVersion
from .output import GuardedStdout, StdoutError
from .render import FORMATS, RenderOptions, renderer
from .render.sanitize import terminal_line
from .select import KINDS, Selection, select_changes

if TYPE_CHECKING:
    from rich.console import RenderableType


@app.command()
def compare(
    plans: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW (or BASE A B): files, REV:PATH, bundled names or - (stdin). With --git: paths.",
            show_default=False,
            autocompletion=complete_plan,
        ),
    ] = None,
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
            "--clause",
            "-c",
            help="Only this clause (id or number such as 6 or 10(b)); repeatable.",
            autocompletion=complete_clause,
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
        bool, typer.Option("--summary", help="Counts and a one-line-per-change index with amounts only.")
    ] = False,
    order: cli_views.Order = "consequence",
    unchanged: Annotated[bool, typer.Option("--unchanged", help="Also show unchanged clauses.")] = False,
    no_ids: Annotated[
        bool,
        typer.Option(
            "--no-ids",
            help="Ignore clause ids: pair by text and wording only (audits the ids; weak pairs get a ?).",
        ),
    ] = False,
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REV|A..B",
            help="Compare every plan file changed between REV and the working tree, or between A and B.",
        ),
    ] = None,
    markers: Markers = False,
    quiet: Quiet = False,
    no_header: NoHeader = False,
    no_pager: NoPager = False,
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Show what changed between two versions, clause by clause, what matters first.

    Examples:

      plandiff compare us-28-point geneva

      plandiff compare us-28-point geneva --format markdown -o report.md

      plandiff compare old.yaml new.yaml --clause army-cap --format json

      plandiff compare us-28-point ukraine-20-point --only substantive --summary

      plandiff compare us-28-point e3-counterproposal geneva   (three-way: BASE A B)

      plandiff compare HEAD~1:plans/geneva.yaml plans/geneva.yaml

      plandiff compare --git main          (every plan file changed since main)

      curl -s https://example.org/draft.yaml | plandiff compare geneva -    (- is standard input)

      plandiff compare -q us-28-point geneva || echo changed     (exit code only)
    """
    try:
        if fmt not in FORMATS:
            raise UsageError(f"--format: unknown format {quoted(fmt)} (choose from {', '.join(FORMATS)})")
        options = CompareOptions(ignore_case, ignore_whitespace, ignore_punctuation, use_ids=not no_ids)
        selection = Selection(tuple(clause or ()), tuple(topic or ()), split_values(only), unchanged, order)
        console = console_for(color, width, output) if fmt == "terminal" else None
        render_options = RenderOptions(
            color=console is not None and colored(console),
            summary_only=summary,
            markers=markers,
            header=not no_header,
        )

        def show(old_plan: PlanVersion, new_plan: PlanVersion) -> tuple[str, bool]:
            report = select_changes(compare_versions(old_plan, new_plan, options), selection)
            result = renderer(fmt)(report, render_options)
            if isinstance(result, str):
                return result, report.has_changes
            assert console is not None  # only the terminal format returns a renderable
            return to_text(console, cast("RenderableType", result)), report.has_changes

        inputs: tuple[Path, ...] = ()
        if git is not None:
            if fmt == "html":
                raise UsageError("--format html makes one page per comparison; use markdown with --git")
            text, changed, inputs = compare_git(git, tuple(plans or ()), fmt, show, max_bytes)
        else:
            if plans is not None and len(plans) == 3:
                # The three-way view has no selection or layout options: say so rather than
                # print the whole view as if --clause 22 had been applied.
                given = {"--clause": clause, "--topic": topic, "--only": only, "--summary": summary,
                         "--unchanged": unchanged, "--order": order != "consequence",
                         "--markers": markers, "--no-header": no_header}  # fmt: skip
                ignored = [name for name, value in given.items() if value]
                if ignored:
                    raise UsageError(
                        f"{', '.join(ignored)}: not available in the three-way view (BASE A B); "
                        "compare two of the versions for that, e.g. plandiff compare BASE A --clause ID"
                    )
            screen = (color, width, output)
            text, changed, inputs = cli_views.compare_plans(
                tuple(plans or ()), show, fmt, screen, max_bytes, options
            )
        if output is not None or not quiet:  # -q: exit status only, unless a file was asked for
            deliver(text, output, inputs, pager=not no_pager)
    except PlandiffError as error:
        fail(error)
    raise typer.Exit(1 if changed else 0)


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="Plan files or bundled plan names.")],
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Check plan files: one line per file; problems go to stderr and make the exit code 2.

    Example:

      plandiff validate plans/*.yaml
    """
    failed = False
    for arg in files:
        try:
            plan, _ = load_input(arg, max_bytes)
        except PlandiffError as error:
            warn(error)
            failed = True
            continue
        count = clause_count(plan)
        sys.stdout.write(
            f"{terminal_line(plan.label)}: ok ({len(plan.clauses)} clauses, {count} counting sub-points)\n"
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
        fail(error)
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in ("plan", "date", "status", "clauses", "parent", "drafted by"):
        table.add_column(column, overflow="fold", justify="right" if column == "clauses" else "left")
    for plan in plans:
        cells = (
            plan.plan or plan.label,
            plan.date or "",
            plan.status.value if plan.status else "",
            str(clause_count(plan)),
            plan.parent or "—",
            ", ".join(plan.drafted_by),
        )
        table.add_row(*(Text(terminal_line(cell)) for cell in cells))  # Text: rich markup is never parsed
    sys.stdout.write(to_text(console_for(None, None, None), table))


def main() -> None:
    """Run the command line; any unexpected exception is a bug, reported with exit code 2."""
    # A run is short-lived and builds no reference cycles worth collecting; the cyclic collector's
    # passes over the hundreds of thousands of objects of a big comparison cost more than a tenth
    # of its time (bench/run.py), so it stays off for the life of the process.
    gc.disable()
    if not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout)
    try:
        sys.exit(run_app(sys.argv[1:]))
    except SystemExit:
        raise
    except StdoutError as err:
        _stdout_failed(err)
    except KeyboardInterrupt:
        sys.stderr.write("plandiff: interrupted\n")
        sys.exit(130)
    except BaseException:  # noqa: BLE001  # the last resort: never exit 1 ("differences") on a crash
        import traceback

        traceback.print_exc()
        sys.stderr.write("plandiff: error: internal error (a bug in plandiff; please report it)\n")
        sys.exit(2)


def _stdout_failed(err: OSError) -> NoReturn:
    """A report that could not be written is an error (exit 2), never a silent 0 or 1."""
    reason = (err.strerror or str(err)).lower()
    sys.stderr.write(f"plandiff: error: cannot write to standard output ({reason})\n")
    sys.exit(2)


def entry() -> NoReturn:
    """Console-script entry point: :func:`main`, then exit without tearing down the heap.

    Freeing a big comparison's objects one by one at interpreter exit took about 30 ms at 5,000
    clauses (bench/run.py); mypy leaves the same way. Output is flushed first, and nothing else
    needs an exit handler. (A reader that went away, as in ``plandiff compare … | head``, is
    handled by run_app: a quiet exit with status 1.)
    """
    try:
        main()
        code = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:  # sys.exit("message"): Python prints it and exits 1
            sys.stderr.write(f"{done.code}\n")
            code = 1
    try:
        sys.stdout.flush()
    except StdoutError as err:  # the last of the report did not reach a full disk or a dead device
        try:
            _stdout_failed(err)
        except SystemExit:
            code = 2
    except (OSError, ValueError, AttributeError):  # a reader that went away: nothing more to say
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # a closed stream: nothing more can be said
        pass
    os._exit(code)
