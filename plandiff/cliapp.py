"""The Typer app and what every command shares: loading plan arguments, consoles, errors."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .cli_shell import STDIN, quiet_stdout, usage_error_types, usage_failed
from .errors import NotAPlanError, PlandiffError, PlanLoadError, UsageError
from .gitsource import ChangedFile, changed_plan_files, read_blobs, repository_root, untracked_plan_files
from .load import load_arg, load_blob, load_plan, parse_blob, parse_plan
from .model import PlanVersion
from .render.sanitize import terminal_line

if TYPE_CHECKING:  # rich costs ~40 ms to import: only the terminal format and tables load it
    from rich.console import Console, RenderableType

_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)\n")
PIPE_WIDTH = 100
"""Terminal-format width when stdout is not a terminal (pipes, files): stable, readable output."""

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=(
        "Clause-by-clause diffs of negotiated documents kept as YAML.\n\n"
        "Plans are YAML files, REV:PATH (a file in git), or the names of bundled plans "
        "(see 'plandiff list').\n\n"
        "Exit codes: 0 no differences, 1 differences found, 2 error."
    ),
)


MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse plan files larger than this.")]
"""The ``--max-bytes`` option every command that reads plans takes (default ``load.MAX_BYTES``)."""
PlansDir = Annotated[
    Path | None, typer.Option("--plans", help="Directory of plan files (default: the bundled plans).")
]
"""The ``--plans`` option of the commands that read a whole record."""


Markers = Annotated[
    bool, typer.Option("--markers", help="Keep the [-…-] {+…+} marks in colour too (colour-blind readers).")
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing: the exit code alone says 0 same, 1 different.")
]
NoHeader = Annotated[
    bool, typer.Option("--no-header", help="Leave out the title and version facts at the top.")
]
NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager", help="Never page. (Long output to a terminal goes through $PAGER, else less -R.)"
    ),
]


def load_input(arg: str, max_bytes: int) -> tuple[PlanVersion, Path | None]:
    """A plan argument as ``load_arg`` reads it, or ``-``: plan YAML on standard input."""
    if arg != STDIN:
        return load_arg(arg, max_bytes)
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PlanLoadError("(stdin)", f"more than the {max_bytes:,}-byte limit (raise it with --max-bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PlanLoadError("(stdin)", f"not UTF-8 text (byte {err.start})") from None
    return parse_plan(text, "(stdin)"), None


def load_inputs(args: tuple[str, ...], max_bytes: int) -> list[tuple[PlanVersion, Path | None]]:
    """Several plan arguments through :func:`load_input`; at most one of them may be ``-``."""
    if args.count(STDIN) > 1:
        raise UsageError("only one plan can come from standard input ('-')")
    return [load_input(arg, max_bytes) for arg in args]


def fail(error: PlandiffError) -> NoReturn:
    """Report a user-facing error on stderr and exit 2."""
    warn(error)
    raise typer.Exit(2)


def warn(error: PlandiffError) -> None:
    """Report an error on stderr without exiting: always one line, whatever a path or value holds."""
    sys.stderr.write(f"plandiff: error: {terminal_line(error.message)}\n")


def changed_versions(
    spec: str, paths: tuple[str, ...], max_bytes: int, skipped: list[str] | None = None
) -> list[tuple[str, str, PlanVersion, PlanVersion]]:
    """(path, status, old, new) for each plan file changed by ``spec`` (``REV`` or ``A..B``).

    A side that does not exist (an added or deleted file) is an empty plan. Against the working
    tree, plan files git does not track are named on stderr: git diff cannot see them.
    """
    old_rev, new_rev, files = changed_plan_files(spec, paths)
    root = Path(repository_root())
    if new_rev is None:
        untracked = untracked_plan_files(paths)
        if untracked:
            names = ", ".join(terminal_line(p) for p in untracked)
            sys.stderr.write(
                f"plandiff: note: not compared, untracked by git (git add them first): {names}\n"
            )
    blobs = read_blobs([b for f in files for b in (f.old_blob, f.new_blob) if b], spec)
    out = []
    for f in files:
        try:
            out.append(_versions(f, old_rev, new_rev, root, blobs, max_bytes))
        except NotAPlanError:
            if skipped is None:
                raise
            skipped.append(f.path)
    return out


def _versions(
    f: ChangedFile, old_rev: str, new_rev: str | None, root: Path, blobs: dict[str, bytes], max_bytes: int
) -> tuple[str, str, PlanVersion, PlanVersion]:
    """Both sides of one changed file; an added or deleted side is an empty, named plan."""
    old = (
        PlanVersion(label=f"(not in {old_rev})", clauses=())
        if f.status == "A"
        else _from_git(blobs, f.old_blob, old_rev, f.path, max_bytes)
    )
    if f.status == "D":
        new = PlanVersion(label=f"(deleted in {new_rev or 'the working tree'})", clauses=())
    elif new_rev:
        new = _from_git(blobs, f.new_blob, new_rev, f.path, max_bytes)
    else:
        new = load_plan(root / f.path, f.path, max_bytes)
    return (f.path, {"A": "added", "D": "deleted"}.get(f.status, "modified"), old, new)


def driver_arguments(argv: list[str]) -> list[str]:
    """``git-diff`` arguments with the options of ``PLANDIFF_OPTIONS`` put in front of git's."""
    extra = os.environ.get("PLANDIFF_OPTIONS", "")
    if argv[:1] != ["git-diff"] or not extra.strip():
        return argv
    import shlex  # only the driver with PLANDIFF_OPTIONS needs it

    try:
        return [argv[0], *shlex.split(extra), *argv[1:]]
    except ValueError as err:  # an unclosed quote
        fail(UsageError(f"PLANDIFF_OPTIONS: {err}"))


def run_app(argv: list[str]) -> int:
    """Run the app on ``argv``; returns the exit code. Bad command lines get the one-line error format."""
    try:
        # Not standalone: usage errors come back here instead of typer's boxed usage text.
        result = app(args=driver_arguments(argv), prog_name="plandiff", standalone_mode=False)
    except usage_error_types() as error:
        names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
        usage_failed(error, argv, names)
    except BrokenPipeError:  # the reader went away (plandiff … | head): stop quietly, as click does
        quiet_stdout()
        return 1
    return result if isinstance(result, int) else 0


def _from_git(blobs: dict[str, bytes], blob: str, rev: str, path: str, max_bytes: int) -> PlanVersion:
    if blob in blobs:
        return parse_blob(blobs[blob], f"{rev}:{path}", max_bytes)
    return load_blob(rev, path, max_bytes)


def split_values(values: list[str] | None) -> tuple[str, ...]:
    """``["a,b", "c"]`` → ``("a", "b", "c")``."""
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
            "--version", "-V", callback=_version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """Clause-by-clause diffs of negotiated documents kept as YAML."""


def console_for(color: bool | None, width: int | None, output: Path | None) -> Console:
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


def to_text(console: Console, renderable: RenderableType) -> str:
    """Render through the console (width, colour) and drop the padding rich leaves at line ends."""
    with console.capture() as captured:
        console.print(renderable)
    return _TRAILING.sub(r"\1\n", captured.get())


def colored(console: Console) -> bool:
    return console.color_system is not None and not console.no_color and console.is_terminal
