"""Reads plan files out of git: ``REV:PATH`` arguments and the plan files changed between revisions."""

from __future__ import annotations

import re
import subprocess
from typing import NamedTuple

from .errors import PlanLoadError, UsageError, quoted

GIT_TIMEOUT = 60
"""Seconds a single git command may take before plandiff gives up."""
_REV_PATH = re.compile(r"^(?P<rev>[^:\s][^:]*):(?P<path>[^:].*)$")


def split_rev_path(arg: str) -> tuple[str, str] | None:
    """``HEAD~1:plans/geneva.yaml`` → ``("HEAD~1", "plans/geneva.yaml")``; None if not that form."""
    m = _REV_PATH.match(arg)
    if not m or "/" in m.group("rev") and m.group("rev").startswith(("/", ".")):
        return None
    return m.group("rev"), m.group("path")


def _run_git(args: list[str], what: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Run git with ``stdin`` as its input; a missing git or a timeout is a PlanLoadError on ``what``."""
    try:
        return subprocess.run(
            ["git", *args], input=stdin, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise PlanLoadError(what, "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise PlanLoadError(what, f"git did not answer within {GIT_TIMEOUT} s") from None


def _git(args: list[str], what: str) -> bytes:
    run = _run_git(args, what)
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"git exited with {run.returncode}"
        raise PlanLoadError(what, f"git: {reason.removeprefix('fatal: ')}")
    return run.stdout


def check_revision(rev: str, what: str) -> None:
    """Refuse a revision git could read as an option: no part of ``A..B`` may start with ``-``.

    Raises UsageError naming ``what`` (the argument as the user wrote it).
    """
    for part in re.split(r"\.\.\.?", rev):
        if part.startswith("-"):
            raise UsageError(f"{what}: a revision may not start with '-' ({quoted(part)})")


def resolve_revision(rev: str, what: str) -> str:
    """The commit id of ``rev``, checked first (``git rev-parse --verify``), so that only a
    hexadecimal id ever reaches the git command that reads files."""
    check_revision(rev, what)
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], what)
    except PlanLoadError as error:
        if error.reason.startswith("git: git exited"):  # --quiet: not a commit, and git says nothing
            raise PlanLoadError(what, f"git: invalid object name {quoted(rev)}.") from None
        raise
    return out.decode("ascii", "replace").strip()


def read_blob(rev: str, path: str) -> bytes:
    """The bytes of ``path`` at revision ``rev`` (``git show REV:PATH``)."""
    what = f"{rev}:{path}"
    try:
        commit = resolve_revision(rev, what)
    except UsageError as error:
        raise PlanLoadError(what, error.message.removeprefix(what + ": ")) from None
    try:
        return _git(["show", "--end-of-options", f"{commit}:{path}"], what)
    except PlanLoadError as error:  # name the revision as the user wrote it, not its commit id
        raise PlanLoadError(what, error.reason.replace(commit, rev)) from None


class ChangedFile(NamedTuple):
    """A plan file that differs between two revisions."""

    status: str
    """``A`` added, ``D`` deleted, ``M`` modified (renames are split into D and A)."""
    path: str
    """Path relative to the repository root."""
    old_blob: str = ""
    """Object id of the old side (empty when there is none)."""
    new_blob: str = ""
    """Object id of the new side (empty when there is none, or it is only in the working tree)."""


NO_BLOB = "0" * 40
"""What ``git diff --raw`` prints for a side that does not exist or is not in the object store."""


def changed_plan_files(spec: str, paths: tuple[str, ...]) -> tuple[str, str | None, tuple[ChangedFile, ...]]:
    """Plan files changed by ``spec`` (``REV``: REV to the working tree; ``A..B``: between revisions).

    Returns the old revision, the new revision (None for the working tree) and the files, limited
    to ``paths`` when given, else to ``*.yaml`` and ``*.yml``.
    """
    check_revision(spec, spec)
    check_repository(spec)
    old, dots, new = spec.partition("...") if "..." in spec else spec.partition("..")
    old = old or "HEAD"
    if dots and not new:
        new = "HEAD"
    revs = [resolve_revision(old, spec)] + ([resolve_revision(new, spec)] if new else [])
    if dots == "...":  # A...B: the changes on B since it branched from A
        revs[0] = _git(["merge-base", "--end-of-options", *revs], spec).decode("ascii").strip()
    pathspec = list(paths) or ["*.yaml", "*.yml"]
    # --raw with full object ids: the blobs are then read in one `git cat-file --batch` instead of
    # two processes per file (1,000 files took 4,000 processes, about 10 s).
    out = _git(
        ["diff", "--raw", "--no-abbrev", "--no-renames", "-z", "--end-of-options", *revs, "--", *pathspec],
        spec,
    )
    fields = out.decode("utf-8", "replace").split("\0")
    files = []
    for k in range(0, len(fields) - 1, 2):
        if not fields[k].startswith(":"):
            continue
        _, _, old_blob, new_blob, status = fields[k][1:].split(" ")
        files.append(
            ChangedFile(
                status[0],
                fields[k + 1],
                "" if old_blob == NO_BLOB else old_blob,
                "" if new_blob == NO_BLOB or not new else new_blob,
            )
        )
    return old, new or None, tuple(sorted(files, key=lambda f: f.path))


NOT_A_REPOSITORY = "not a git repository (run plandiff inside the repository that holds the plans)"
"""The message for a git command run outside any repository."""


def check_repository(what: str) -> None:
    """Raise UsageError when the current directory is not inside a git repository.

    Outside one, ``git diff A B`` turns into ``git diff --no-index`` and answers with its usage
    text, whose last line would make no sense as the error.
    """
    try:
        _git(["rev-parse", "--git-dir"], what)
    except PlanLoadError as error:
        if "not a git repository" in error.reason:
            raise UsageError(f"{what}: {NOT_A_REPOSITORY}") from None
        raise


def untracked_plan_files(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Files under ``paths`` (default ``*.yaml``, ``*.yml``) that git does not track and does not ignore."""
    pathspec = list(paths) or ["*.yaml", "*.yml"]
    out = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *pathspec], "git")
    return tuple(sorted(p for p in out.decode("utf-8", "replace").split("\0") if p))


def read_blobs(ids: list[str], what: str) -> dict[str, bytes]:
    """The content of each object id, read by one ``git cat-file --batch``."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    run = _run_git(["cat-file", "--batch"], what, "".join(f"{i}\n" for i in wanted).encode("ascii"))
    data, found, at = run.stdout, {}, 0
    for blob in wanted:
        end = data.find(b"\n", at)
        header = data[at:end].split(b" ")
        if run.returncode != 0 or end < 0 or len(header) != 3:
            raise PlanLoadError(f"{what}: {blob}", "git could not read this object")
        size = int(header[2])
        found[blob] = data[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found


def repository_root() -> str:
    """The top directory of the current repository."""
    return _git(["rev-parse", "--show-toplevel"], "git").decode().strip()
