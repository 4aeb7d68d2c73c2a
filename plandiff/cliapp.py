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
STDIN = "-"
"""The plan argument that stands for standard input."""


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


def emit(text: str, pager: bool) -> None:
    """Write a report to stdout, through a pager when stdout is a terminal and the text is long.

    The pager is ``$PAGER`` (``less`` when unset; ``LESS=FRX`` as git sets it: colours pass,
    one screen's worth quits at once, the screen is not cleared). Never when piped or with
    ``--no-pager``; when the pager cannot start, the text goes to stdout.
    """
    import shutil  # the terminal size, and whether the pager exists

    command = os.environ.get("PAGER", "less").strip()
    if (
        not pager
        or not command
        or command == "cat"
        or not sys.stdout.isatty()
        or text.count("\n") < shutil.get_terminal_size().lines
    ):
        sys.stdout.write(text)
        return
    import subprocess  # only paged output starts a process

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager_process = subprocess.Popen(
            command, shell=True, stdin=subprocess.PIPE, env=env
        )  # $PAGER is a shell command line, as git runs it
    except OSError:
        sys.stdout.write(text)
        return
    assert pager_process.stdin is not None  # stdin=PIPE
    try:
        pager_process.stdin.write(text.encode("utf-8"))
        pager_process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early: nothing more to show
        pass
    pager_process.wait()


def complete_plan(incomplete: str) -> list[str]:
    """Shell completion of a plan argument: the bundled plan names (the shell adds file names)."""
    from .load import bundled_slugs

    return [slug for slug in bundled_slugs() if slug.startswith(incomplete)]


def complete_clause(incomplete: str) -> list[str]:
    """Shell completion of ``--clause``/``ID``: the clause ids of the plans already on the command
    line (files and bundled names), else of every bundled plan. Completion never fails: a plan
    that does not load adds nothing."""
    import shlex

    from .load import bundled_slugs

    # typer hands completion callbacks no parsed arguments for a command's variadic argument; the
    # words typed so far are in the environment of its completion scripts (bash: COMP_WORDS;
    # zsh, fish, PowerShell: _TYPER_COMPLETE_ARGS).
    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    slugs = set(bundled_slugs())
    given = [w for w in words[2:] if w != incomplete and (w in slugs or w.endswith((".yaml", ".yml")))]
    plans: list[PlanVersion] = []
    try:
        if given:
            plans = [load_arg(p)[0] for p in given]
        else:
            from .catalog import load_bundled

            plans = list(load_bundled())
    except PlandiffError:
        pass
    ids: set[str] = set()
    todo = [clause for plan in plans for clause in plan.clauses]
    while todo:
        clause = todo.pop()
        ids.update([clause.id] if clause.id else [])
        todo.extend(clause.clauses)
    return sorted(i for i in ids if i.startswith(incomplete))


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
        usage_failed(error, argv)
    except BrokenPipeError:  # the reader went away (plandiff … | head): stop quietly, as click does
        quiet_stdout()
        return 1
    return result if isinstance(result, int) else 0


def usage_error_types() -> tuple[type[Exception], ...]:
    """The exception typer raises for a bad command line (click's ``ClickException``)."""
    try:
        from typer._click.exceptions import ClickException  # typer >= 0.28 vendors click
    except ImportError:  # older typer depends on click itself
        from click.exceptions import ClickException  # type: ignore[no-redef,import-not-found,unused-ignore]  # absent with typer >= 0.28
    return (ClickException,)


def usage_failed(error: Exception, argv: list[str]) -> NoReturn:
    """A bad command line as one line on stderr, ``plandiff: error: …`` (exit 2), like every error.

    ``plandiff`` alone (no command) shows the help instead.
    """
    if type(error).__name__ == "NoArgsIsHelpError":
        show = getattr(error, "show", None)
        if show is not None:
            show()
        sys.exit(2)
    ctx = getattr(error, "ctx", None)
    command = getattr(ctx, "command_path", "plandiff") or "plandiff"
    format_message = getattr(error, "format_message", None)
    message = format_message() if format_message is not None else str(error)
    where = command.partition(" ")[2]
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    if not where and argv and argv[0] in names:  # an error while parsing the command's own options
        where, command = argv[0], f"plandiff {argv[0]}"
    prefix = f"{where}: " if where else ""
    hint = f"see '{command} --help'"
    sys.stderr.write(f"plandiff: error: {prefix}{terminal_line(message.rstrip('.'))} ({hint})\n")
    sys.exit(2)


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so that nothing more is written to a reader that went away."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


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
