"""Reads plan files out of git: ``REV:PATH`` arguments and the plan files changed between revisions."""

from __future__ import annotations

import re
import subprocess
from typing import NamedTuple

from .errors import PlanLoadError, UsageError

GIT_TIMEOUT = 60
"""Seconds a single git command may take before plandiff gives up."""
_REV_PATH = re.compile(r"^(?P<rev>[^:\s][^:]*):(?P<path>[^:].*)$")


def split_rev_path(arg: str) -> tuple[str, str] | None:
    """``HEAD~1:plans/geneva.yaml`` → ``("HEAD~1", "plans/geneva.yaml")``; None if not that form."""
    m = _REV_PATH.match(arg)
    if not m or "/" in m.group("rev") and m.group("rev").startswith(("/", ".")):
        return None
    return m.group("rev"), m.group("path")


def _git(args: list[str], what: str) -> bytes:
    try:
        run = subprocess.run(
            ["git", *args], capture_output=True, timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise PlanLoadError(what, "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise PlanLoadError(what, f"git did not answer within {GIT_TIMEOUT} s") from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"git exited with {run.returncode}"
        raise PlanLoadError(what, f"git: {reason.removeprefix('fatal: ')}")
    return run.stdout


def read_blob(rev: str, path: str) -> bytes:
    """The bytes of ``path`` at revision ``rev`` (``git show REV:PATH``)."""
    if rev.startswith("-"):
        raise PlanLoadError(f"{rev}:{path}", "a revision may not start with '-'")
    return _git(["show", f"{rev}:{path}"], f"{rev}:{path}")


class ChangedFile(NamedTuple):
    """A plan file that differs between two revisions."""

    status: str
    """``A`` added, ``D`` deleted, ``M`` modified (renames are split into D and A)."""
    path: str
    """Path relative to the repository root."""


def changed_plan_files(spec: str, paths: tuple[str, ...]) -> tuple[str, str | None, tuple[ChangedFile, ...]]:
    """Plan files changed by ``spec`` (``REV``: REV to the working tree; ``A..B``: between revisions).

    Returns the old revision, the new revision (None for the working tree) and the files, limited
    to ``paths`` when given, else to ``*.yaml`` and ``*.yml``.
    """
    if spec.startswith("-"):
        raise UsageError(f"--git: a revision may not start with '-': {spec}")
    old, _, new = spec.partition("..")
    old = old or "HEAD"
    revs = [old, new] if new else [old]
    pathspec = list(paths) or ["*.yaml", "*.yml"]
    out = _git(["diff", "--name-status", "--no-renames", "-z", *revs, "--", *pathspec], spec)
    fields = out.decode("utf-8", "replace").split("\0")
    files = [ChangedFile(fields[k][0], fields[k + 1]) for k in range(0, len(fields) - 1, 2) if fields[k]]
    return old, new or None, tuple(sorted(files, key=lambda f: f.path))


def repository_root() -> str:
    """The top directory of the current repository."""
    return _git(["rev-parse", "--show-toplevel"], "git").decode().strip()
