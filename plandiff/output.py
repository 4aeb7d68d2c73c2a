"""Writes finished output: reports to files (never over an input) and the guard on standard output."""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from .errors import OutputError

CAUGHT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that, while a file is being written, remove the half-written temporary file before the
process ends (SIGINT already arrives as KeyboardInterrupt; SIGKILL cannot be caught)."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def cleanup_on_signal() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit for the duration, so ``finally`` blocks run.

    Outside the main thread (where Python allows no handlers) it does nothing.
    """
    try:
        previous = [(sig, signal.signal(sig, _terminate)) for sig in CAUGHT_SIGNALS]
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)


def write_report(path: Path, text: str, inputs: tuple[Path, ...]) -> None:
    """Write ``text`` to ``path``: a regular file atomically, anything else written through.

    A regular file (or a new one) is written to a temporary file beside it and renamed over it,
    so a reader never sees half a report and a failed or terminated run leaves any earlier file
    untouched and no temporary file behind. A FIFO, a terminal or a device such as ``/dev/null``
    is opened and written like a shell redirection does: renaming over it would replace the
    device with a regular file. A symbolic link is followed, never replaced.
    """
    for source in inputs:
        if _same_file(path, source) or path.resolve() == source.resolve():
            raise OutputError(f"{path}: refusing to overwrite an input file")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({_reason(err)})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        _write_through(path, text)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    import tempfile  # imported when a file is written, not on every run

    with cleanup_on_signal():
        temp: str | None = None
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
            os.replace(temp, target)
            temp = None
        except OSError as err:
            raise OutputError(f"{path}: cannot write ({_reason(err)})") from None
        finally:
            if temp is not None:  # failed, interrupted or terminated: leave nothing behind
                Path(temp).unlink(missing_ok=True)


def _write_through(path: Path, text: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({_reason(err)})") from None


class StdoutError(OSError):
    """Standard output refused the report (full disk, I/O error, closed); not a broken pipe."""


class GuardedStdout(io.TextIOBase):
    """Standard output whose failed writes raise :class:`StdoutError` (the CLI reports them, exit 2).

    A broken pipe (the reader went away, as in ``plandiff … | head``) stays an ordinary
    ``BrokenPipeError``, which the CLI treats as a quiet end. ``stream`` None stands for a closed
    descriptor 1 (Python then has no ``sys.stdout``).
    """

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self._stream = stream

    def _failed(self, err: OSError) -> OSError:
        if isinstance(err, BrokenPipeError):
            return err
        if err.errno == errno.EBADF:
            return StdoutError(errno.EBADF, "standard output is closed")
        return StdoutError(err.errno, err.strerror or str(err))

    def write(self, text: str) -> int:
        if self._stream is None:
            raise StdoutError(errno.EBADF, "standard output is closed")
        try:
            return self._stream.write(text)
        except OSError as err:
            raise self._failed(err) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as err:
            raise self._failed(err) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        if self._stream is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase types it as a plain attribute
        return getattr(self._stream, "encoding", None) or "utf-8"
