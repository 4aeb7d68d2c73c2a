"""Where the fact sheets behind the bundled record are, for the tests that check plans against them.

They live next to the repository, in ``../shared/sources/`` from its root (CI has them).
``PLANDIFF_SOURCES`` points elsewhere, e.g. from a git worktree that is not beside ``shared/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SOURCES = Path(
    os.environ.get("PLANDIFF_SOURCES") or Path(__file__).resolve().parent.parent.parent / "shared" / "sources"
)
SHEETS = sorted(SOURCES.glob("*.md")) if SOURCES.is_dir() else []
"""Every fact sheet (the README included: its text is a sheet too)."""

needs_sources = pytest.mark.skipif(
    not SHEETS,
    reason=f"fact sheets not found at {SOURCES} (../shared/sources/ from the repository root, "
    "or set PLANDIFF_SOURCES); this check needs them and runs in CI",
)
