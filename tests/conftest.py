"""Shared fixtures: golden-file comparison with --update-goldens, case directories, CLI runner."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# In CI (CI=true, as .ci/run is run) every property draws the same examples on every run and keeps
# no example database: a landing must not pass or fail by the luck of the seed. Locally the
# default profile keeps exploring new examples.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
CASES = sorted(p.name for p in DATA.iterdir() if (p / "v1.yaml").exists())
"""Every directory under tests/data with a v1.yaml/v2.yaml pair is a golden case."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing (review the diff!).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with a golden file in full; show a unified diff on mismatch."""
    update = request.config.getoption("--update-goldens")

    def check(path: Path, actual: str) -> None:
        if update:
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden {path}; run pytest --update-goldens and review it"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=str(path),
                    tofile="actual",
                )
            )
            pytest.fail(f"output differs from golden {path.name}:\n{diff}")

    return check


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
