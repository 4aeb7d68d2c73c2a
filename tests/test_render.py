"""Each golden case × each format, through the real CLI, compared with its golden in full."""

from __future__ import annotations

import pytest
from conftest import CASES, DATA, ROOT
from typer.testing import CliRunner

from plandiff.cli import app

FORMATS = {
    "terminal": ("expected.txt", ["--no-color", "--width", "100"]),
    "markdown": ("expected.md", ["--format", "markdown"]),
    "json": ("expected.json", ["--format", "json"]),
}
SAME = {"identical", "provenance-only"}
"""Cases whose versions do not differ (exit code 0)."""


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_case_matches_golden(case: str, fmt: str, runner: CliRunner, golden, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)  # labels in reports are the paths as given: keep them relative
    name, extra = FORMATS[fmt]
    options = DATA / case / "args"  # extra compare options for the case, e.g. --no-ids
    extra = [*extra, *(options.read_text().split() if options.exists() else [])]
    args = ["compare", f"tests/data/{case}/v1.yaml", f"tests/data/{case}/v2.yaml", *extra]
    result = runner.invoke(app, args)
    assert result.stderr == ""
    assert result.exit_code == (0 if case in SAME else 1)
    golden(DATA / case / name, result.stdout)


def test_every_case_has_all_goldens() -> None:
    for case in CASES:
        for name, _ in FORMATS.values():
            assert (DATA / case / name).exists(), f"{case}/{name} missing"
