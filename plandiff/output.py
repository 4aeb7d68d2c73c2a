"""Writes a finished report to a file: atomically, and never over one of the inputs."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_report(path: Path, text: str, inputs: tuple[Path, ...]) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename.

    A reader never sees half a report, and a failed run leaves any earlier file untouched.
    """
    for source in inputs:
        if _same_file(path, source) or path.resolve() == source.resolve():
            raise OutputError(f"{path}: refusing to overwrite an input file")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    try:
        import tempfile  # imported when a file is written, not on every run

        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({(err.strerror or str(err)).lower()})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(temp, path)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({(err.strerror or str(err)).lower()})") from None
