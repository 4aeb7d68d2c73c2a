"""Writes a published site into its folder: staged beside it, swapped in, the owner's own files kept."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .errors import OutputError
from .output import cleanup_on_signal

SITE_MARKER = ".plandiff-site"
"""File in every published site, listing the files plandiff wrote there: only a directory holding
it is ever replaced by publish, and only the files it lists are plandiff's."""
MARKER_HEAD = "written by plandiff publish"
"""First line of the marker; the files written follow, one per line."""
OLD_PAGES = re.compile(r"(index\.html|table\.html|style\.css|(versions|diffs|clauses)/[^/]+\.html)\Z")
"""Files an earlier plandiff, whose marker listed nothing, may have written."""


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def _written_before(outdir: Path) -> set[str] | None:
    """The files the earlier site's marker lists; None when the marker predates the list."""
    lines = (outdir / SITE_MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    return set(lines[1:]) if len(lines) > 1 else None


def _user_files(outdir: Path, ours: set[str] | None) -> list[str]:
    """Relative paths in ``outdir`` that plandiff did not write: whole folders where possible.

    A folder holding nothing of plandiff's (``.git/``) is one entry; a folder plandiff writes
    into (``versions/``) is walked for the owner's files inside it.
    """
    written = ours if ours is not None else set()
    folders = {str(Path(w).parent) for w in written} | {"versions", "diffs", "clauses"}
    found: list[str] = []
    pending = [outdir]
    while pending:
        folder = pending.pop()
        for entry in sorted(folder.iterdir()):
            rel = entry.relative_to(outdir).as_posix()
            if rel == SITE_MARKER:
                continue
            if entry.is_dir() and not entry.is_symlink() and rel in folders:
                pending.append(entry)
            elif ours is not None and rel not in ours or ours is None and not OLD_PAGES.match(rel):
                found.append(rel)
    return sorted(found)


def write_site(outdir: Path, pages: dict[str, str]) -> None:
    """Write every page under ``outdir`` at once: build a sibling directory, then swap it in.

    A directory that exists and is not an earlier plandiff site is never replaced; no page path
    may leave ``outdir``. Files in an earlier site that plandiff did not write (a ``CNAME``, a
    ``.git/`` folder) move into the new site; one that a new page would overwrite is an error.
    """
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: exists and is not a directory")
    try:
        if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / SITE_MARKER).exists():
            raise OutputError(f"{outdir}: not empty and not a plandiff site; refusing to replace it")
        keep = (
            _user_files(outdir, _written_before(outdir)) if outdir.is_dir() and any(outdir.iterdir()) else []
        )
    except OSError as err:
        raise OutputError(f"{outdir}: cannot read ({_reason(err)})") from None
    clash = sorted(set(keep) & set(pages))
    if clash:
        raise OutputError(
            f"{outdir / clash[0]}: not written by plandiff and in the way of a page; move it away"
        )
    parent = outdir.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"{outdir}: directory {parent} does not exist")
    import tempfile  # imported by the command that writes, not on every run

    marker = "\n".join([MARKER_HEAD, *sorted(pages)]) + "\n"
    staging: Path | None = None
    with cleanup_on_signal():
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=parent))
            for rel, content in sorted({**pages, SITE_MARKER: marker}.items()):
                target = (staging / rel).resolve()
                if not target.is_relative_to(staging.resolve()):
                    raise OutputError(f"{rel}: page path would leave {outdir}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8", newline="\n")
            os.chmod(staging, 0o755)
            if outdir.exists():
                _swap(outdir, staging, parent, keep)
            else:
                os.replace(staging, outdir)
        except OSError as err:
            raise OutputError(f"{outdir}: cannot write ({_reason(err)})") from None
        finally:
            if staging is not None and staging.exists():
                shutil.rmtree(staging)


def _swap(outdir: Path, staging: Path, parent: Path, keep: list[str]) -> None:
    """Put ``staging`` in place of ``outdir``, then move the owner's files across.

    The earlier site is only deleted once every kept file has moved; if a move fails, it stays
    where the error message says.
    """
    import tempfile

    old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old.", dir=parent))
    os.replace(outdir, old / "site")
    os.replace(staging, outdir)
    try:
        for rel in keep:
            (outdir / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(old / "site" / rel, outdir / rel)
    except OSError as err:
        raise OutputError(
            f"{outdir}: published, but could not move {rel} across ({_reason(err)}); "
            f"the earlier site, with it, is in {old / 'site'}"
        ) from None
    shutil.rmtree(old)
