"""What git tells (or does not tell) an external diff driver about colour and width.

Git passes an external driver no colour flag: ``git diff --color`` and a pager only show in the
driver's environment (``GIT_PAGER_IN_USE``, ``COLUMNS``) and in the command line of the git
process that started it. This module reads those, so the driver looks like git's own diff.
"""

from __future__ import annotations

import os
import subprocess
import sys

ANCESTORS = 3
"""Parent processes searched for git's command line (git may start the driver through ``sh -c``)."""
GIT_TIMEOUT = 10
"""Seconds ``git config --get-colorbool`` may take."""


def _parent_git_args() -> list[str] | None:
    """The arguments of the git process that started this driver (Linux /proc only), or None."""
    pid = os.getppid()
    for _ in range(ANCESTORS):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                argv = [a.decode("utf-8", "replace") for a in handle.read().split(b"\0") if a]
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read().decode("ascii", "replace")
        except OSError:
            return None
        if argv and os.path.basename(argv[0]) in ("git", "git.exe"):
            return argv[1:]
        # /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) < 2 or not fields[1].isdigit() or int(fields[1]) <= 1:
            return None
        pid = int(fields[1])
    return None


def _flag_colour(args: list[str]) -> bool | None:
    """``--color``/``--color=always`` → True, ``--no-color``/``--color=never`` → False; last one wins."""
    found: bool | None = None
    for arg in args:
        if arg == "--":
            break
        if arg in ("--color", "--color=always"):
            found = True
        elif arg in ("--no-color", "--color=never"):
            found = False
        elif arg == "--color=auto":
            found = None
    return found


def git_wants_colour() -> bool:
    """Whether git would colour its own diff here: its ``--color`` flag, then ``NO_COLOR``, then
    ``color.diff``/``color.ui`` with git's pager counted as a terminal."""
    args = _parent_git_args()
    flag = _flag_colour(args) if args is not None else None
    if flag is not None:
        return flag  # a per-command flag beats NO_COLOR, as the NO_COLOR convention asks
    if "NO_COLOR" in os.environ:
        return False
    to_terminal = sys.stdout.isatty() or os.environ.get("GIT_PAGER_IN_USE", "").lower() in ("1", "true")
    try:
        run = subprocess.run(
            ["git", "config", "--get-colorbool", "color.diff", "true" if to_terminal else "false"],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return to_terminal
    return run.returncode == 0 and run.stdout.strip() == b"true"


def columns() -> int | None:
    """The width git (or the shell) exported in ``COLUMNS``, when it is a sensible number."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and 20 <= int(value) <= 1000 else None
