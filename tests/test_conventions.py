"""Command-line conventions through the real entry point (a subprocess, as a shell runs it): the
one-line usage errors, -V, unknown topics, -q, ``-`` for standard input, --no-header, the pager,
shell completion, colour-blind-safe changes and wrapped headers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import DATA, ROOT

from plandiff import __version__

CASE = DATA / "cap-600k-to-800k"


def _run(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "PAGER", "PLANDIFF_OPTIONS")
    }
    clean.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "plandiff", *args], capture_output=True, text=True, input=stdin,
                          env=clean, check=False, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        pytest.param(
            ["compare", "--bogus"],
            "plandiff: error: compare: No such option: --bogus (see 'plandiff compare --help')\n",
            id="unknown-option",
        ),
        pytest.param(
            ["compar", "a", "b"],
            "plandiff: error: No such command 'compar'. Did you mean 'compare'? (see 'plandiff --help')\n",
            id="unknown-command",
        ),
        pytest.param(
            ["compare", "--width", "5", "a", "b"],
            "plandiff: error: compare: Invalid value for '--width': 5 is not in the range x>=20 "
            "(see 'plandiff compare --help')\n",
            id="bad-value",
        ),
        pytest.param(
            ["compare", "--format"],
            "plandiff: error: compare: Option '--format' requires an argument (see 'plandiff compare --help')\n",
            id="missing-value",
        ),
    ],
)
def test_usage_errors_are_one_line_with_exit_two(args: list[str], stderr: str) -> None:
    run = _run(*args)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", stderr)


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str) -> None:
    run = _run(flag)
    assert (run.returncode, run.stdout, run.stderr) == (0, f"plandiff {__version__}\n", "")


def test_unknown_topic_is_an_error_with_suggestions_and_the_known_list() -> None:
    run = _run("compare", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"), "--topic", "armi")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        "plandiff: error: --topic 'armi': no clause has that topic (did you mean army? known topics: army)\n"
    )
    none = _run(
        "compare", str(DATA / "identical" / "v1.yaml"), str(DATA / "identical" / "v2.yaml"), "-t", "x"
    )
    assert (none.returncode, none.stdout) == (2, "")
    assert none.stderr == (
        "plandiff: error: --topic 'x': no clause has that topic "
        "(known topics: none: no clause of either version has a topic)\n"
    )
    known = _run("compare", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"), "--topic", "army", "--summary")
    assert known.returncode == 1 and known.stderr == "" and "army-cap" in known.stdout
