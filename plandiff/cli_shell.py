"""Where the command line meets the shell: the pager, completion, usage errors, a closed stdout."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

from .errors import PlandiffError
from .load import load_arg
from .model import PlanVersion
from .render.sanitize import terminal_line

STDIN = "-"
"""The plan argument that stands for standard input."""


def deliver(text: str, output: Path | None, inputs: tuple[Path, ...], pager: bool = False) -> None:
    """Write a command's result to ``-o`` (atomically, never over one of ``inputs``) or stdout."""
    if output is not None:
        from .output import write_report

        write_report(output, text, inputs)
    else:
        emit(text, pager)


def emit(text: str, pager: bool) -> None:
    """Write a report to stdout, through a pager when stdout is a terminal and the text is long.

    The pager is ``$PAGER`` (``less`` when unset; ``LESS=FRX`` as git sets it: colours pass,
    one screen's worth quits at once, the screen is not cleared). Never when piped or with
    ``--no-pager``; when the pager cannot start, the text goes to stdout.
    """
    import shutil  # the terminal size, and whether the pager exists

    command = os.environ.get("PAGER", "less").strip()
    program = command.split()[0] if command.split() else ""
    if (
        not pager
        or not command
        or ("/" not in program and "=" not in program and shutil.which(program) is None)  # not installed
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


def usage_error_types() -> tuple[type[Exception], ...]:
    """The exception typer raises for a bad command line (click's ``ClickException``)."""
    try:
        from typer._click.exceptions import ClickException  # typer >= 0.28 vendors click
    except ImportError:  # older typer depends on click itself
        from click.exceptions import ClickException  # type: ignore[no-redef,import-not-found,unused-ignore]  # absent with typer >= 0.28
    return (ClickException,)


def usage_failed(error: Exception, argv: list[str], commands: set[str]) -> NoReturn:
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
    if not where and argv and argv[0] in commands:  # an error while parsing the command's own options
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
