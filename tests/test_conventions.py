"""Command-line conventions through the real entry point (a subprocess, as a shell runs it): the
one-line usage errors, -V, unknown topics, -q, ``-`` for standard input, --no-header, the pager,
shell completion, colour-blind-safe changes and wrapped headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_quiet_prints_nothing_and_keeps_the_exit_code() -> None:
    changed = _run("compare", "-q", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"))
    same = _run("compare", "--quiet", str(CASE / "v1.yaml"), str(CASE / "v1.yaml"))
    assert (changed.returncode, changed.stdout, changed.stderr) == (1, "", "")
    assert (same.returncode, same.stdout, same.stderr) == (0, "", "")


def test_dash_reads_a_plan_from_standard_input() -> None:
    wide = ("--no-color", "--width", "300")  # no wrapping: the labels differ in length
    piped = _run("compare", str(CASE / "v1.yaml"), "-", *wide, stdin=(CASE / "v2.yaml").read_text())
    files = _run("compare", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"), *wide)
    assert piped.returncode == 1 and piped.stderr == ""
    assert piped.stdout == files.stdout.replace(str(CASE / "v2.yaml"), "(stdin)")
    both = _run("compare", "-", "-", stdin="clauses: []\n")
    assert (both.returncode, both.stdout) == (2, "")
    assert both.stderr == "plandiff: error: only one plan can come from standard input ('-')\n"
    bad = _run("validate", "-", stdin="clauses: [\n")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("plandiff: error: (stdin):2: YAML syntax error")
    shown = _run("show", "-", stdin=(CASE / "v2.yaml").read_text())
    assert shown.returncode == 0 and "army-cap" in shown.stdout


def test_no_header_leaves_out_title_and_facts_but_keeps_the_warning() -> None:
    args = ("compare", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"), "--no-header")
    terminal = _run(*args, "--no-color", "--width", "300")
    assert terminal.returncode == 1
    assert terminal.stdout.startswith(
        f"! {CASE / 'v2.yaml'} is reconstructed: no text was published; its clauses are built from press reports"
    )
    assert " → " not in terminal.stdout.splitlines()[0] and "\n  old  " not in terminal.stdout
    markdown = _run(*args, "--format", "markdown").stdout
    assert markdown.startswith("> **Warning:**") and "| Version |" not in markdown


def test_colour_keeps_deleted_and_inserted_runs_apart_with_non_colour_cues() -> None:
    args = ("compare", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"), "--color", "--clause", "army-cap")
    line = next(x for x in _run(*args).stdout.splitlines() if "Armed Forces" in x)
    # red struck through, a plain space, green underlined: never "600,000800,000" in two colours
    assert (
        "\x1b[9;31m600,000\x1b[0m \x1b[4;32m800,000\x1b[0m personnel\x1b[4;32m in peacetime\x1b[0m." in line
    )
    marked = next(x for x in _run(*args, "--markers").stdout.splitlines() if "Armed Forces" in x)
    assert "\x1b[9;31m[-600,000-]\x1b[0m\x1b[4;32m{+800,000+}\x1b[0m" in marked


LONG_TITLE = """clauses:
  - number: 12
    id: reconstruction-and-development
    title: Reconstruction, development and the sharing of future profits
    topics: [economy]
    text: {text}
"""


@pytest.mark.parametrize("width", [60, 100])
def test_wrapped_headings_indent_under_the_clause(tmp_path: Path, width: int) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(LONG_TITLE.format(text="A fund is set up."))
    new.write_text(
        LONG_TITLE.format(text="A fund is set up at once.").replace("[economy]", "[economy, assets]")
    )
    for summary in ((), ("--summary",)):
        run = _run("compare", str(old), str(new), "--no-header", "--width", str(width), *summary)
        lines = run.stdout.splitlines()
        start = next(k for k, x in enumerate(lines) if x.lstrip().startswith("12  "))
        head = lines[start]
        indent = head.index("12  ") + 4
        follow = lines[start + 1]
        assert follow[:indent].strip() == "" and follow[indent] != " ", (width, summary, lines)
        if width == 100 and not summary:
            assert (
                head
                == "12  reconstruction-and-development · Reconstruction, development and the sharing of future profits"
            )
            assert follow.startswith("    modified")


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        pytest.param(
            "plandiff compare us", "2", ["us-28-point", "us-revised-package"], id="bundled-plan-names"
        ),
        pytest.param(
            f"plandiff compare {CASE / 'v1.yaml'} {CASE / 'v2.yaml'} --clause ar",
            "5",
            ["army-cap"],
            id="clause-ids",
        ),
        pytest.param("plandiff history army-c", "2", ["army-cap"], id="history-id"),
    ],
)
def test_shell_completion(words: str, cword: str, expected: list[str]) -> None:
    run = _run(_PLANDIFF_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword)
    assert (run.returncode, run.stdout.split(), run.stderr) == (0, expected, "")


def _in_terminal(*args: str, **env: str) -> str:
    """Run plandiff with stdout on a pseudo-terminal; returns what reached the terminal."""
    import pty

    leader, follower = pty.openpty()
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PAGER", "LESS")}
    clean.update(PYTHONPATH=str(ROOT), LINES="10", COLUMNS="100", **env)
    try:
        subprocess.run([sys.executable, "-m", "plandiff", *args], stdout=follower, stderr=subprocess.DEVNULL,
                       env=clean, check=False, timeout=60)  # fmt: skip
    finally:
        os.close(follower)
    out = b""
    try:
        while chunk := os.read(leader, 65536):
            out += chunk
    except OSError:  # EIO: the terminal's other end is closed and drained
        pass
    os.close(leader)
    return out.decode("utf-8", "replace")


def test_long_output_to_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    args = ("compare", "us-28-point", "geneva", "--no-color")
    screen = _in_terminal(*args, PAGER=f"cat > {paged}")
    assert paged.read_text() == _run(*args, "--width", "100").stdout and screen == ""
    paged.unlink()
    direct = _in_terminal(*args, "--no-pager", PAGER=f"cat > {paged}")
    assert not paged.exists() and "army-cap" in direct
    piped = _run(*args, PAGER=f"cat > {paged}")  # stdout a pipe: never paged
    assert not paged.exists() and "army-cap" in piped.stdout
    short = _in_terminal(
        "compare", "-q", str(CASE / "v1.yaml"), str(CASE / "v2.yaml"), PAGER=f"cat > {paged}"
    )
    assert not paged.exists() and short == ""


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("history", "territory", "--no-color"), id="history"),
        pytest.param(("history", "territory", "--format", "markdown"), id="history-markdown"),
        pytest.param(
            ("brief", "us-28-point", "ukraine-20-point", "--no-color", "--width", "100"), id="brief"
        ),
        pytest.param(
            ("three-way", "us-28-point", "e3-counterproposal", "geneva", "--no-color", "--width", "100"),
            id="three-way",
        ),
    ],
)
def test_the_other_long_views_are_paged_too(args: tuple[str, ...], tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    screen = _in_terminal(*args, PAGER=f"cat > {paged}")
    assert screen == "" and paged.read_text() == _run(*args).stdout
    paged.unlink()
    direct = _in_terminal(*args, "--no-pager", PAGER=f"cat > {paged}")
    assert not paged.exists() and direct.replace("\r\n", "\n") == _run(*args).stdout


def test_a_pager_that_is_not_installed_leaves_the_output_on_the_terminal(tmp_path: Path) -> None:
    screen = _in_terminal("compare", "us-28-point", "geneva", "--no-color", PAGER="no-such-pager-here -R")
    assert "army-cap" in screen and "not found" not in screen
