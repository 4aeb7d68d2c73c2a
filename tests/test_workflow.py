"""docs/review.md as a user follows it: every shell command of the page, run as written in a real
temporary git repository, plus the driver's colour, width, rename and closed-pipe behaviour, the
action's structure and its shell steps, and the errors outside a repository."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GOLDENS = Path(__file__).parent / "goldens"
REVIEW = ROOT / "docs" / "review.md"
CASE = DATA / "cap-600k-to-800k"
_FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.DOTALL | re.MULTILINE)
_ESC = re.compile(r"\x1b\[[0-9;]*m")


def _env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no user git config, fixed dates (stable commit ids), ``plandiff`` on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PLANDIFF_")) and k not in
           ("NO_COLOR", "COLUMNS", "PAGER", "LESS")}  # fmt: skip
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_AUTHOR_DATE="2025-11-23T12:00:00Z", GIT_COMMITTER_DATE="2025-11-23T12:00:00Z",
               PATH=f"{home / 'bin'}{os.pathsep}{env.get('PATH', '')}", PYTHONPATH=str(ROOT))  # fmt: skip
    env.update(extra)
    return env


def _shell(repo: Path, command: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=repo, capture_output=True, text=True,
                          env=_env(repo.parent, **extra), check=False, timeout=120)  # fmt: skip


def _git(repo: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=_env(repo.parent),
                         check=True)  # fmt: skip
    return run.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plans repository on branch ``feature``: plans/geneva.yaml went from the 28-point plan to Geneva.

    The two versions are the small ``cap-600k-to-800k`` case, so that edits to the bundled record
    do not churn these goldens."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "plandiff"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m plandiff "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "plans" / "geneva.yaml").write_bytes((CASE / "v1.yaml").read_bytes())
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "28-point plan")
    _git(repo, "checkout", "-q", "-b", "feature")
    (repo / "plans" / "geneva.yaml").write_bytes((CASE / "v2.yaml").read_bytes())
    _git(repo, "commit", "-q", "-am", "Geneva revision")
    return repo


def doc_blocks(kind: str) -> list[str]:
    """The fenced blocks of docs/review.md in language ``kind``, in order (indented ones included)."""
    blocks = []
    for m in _FENCE.finditer(REVIEW.read_text()):
        if m.group(2) == kind:
            indent = len(m.group(1))
            blocks.append("".join(line[indent:] for line in m.group(3).splitlines(keepends=True)))
    return blocks


def doc_commands() -> list[str]:
    return [line for block in doc_blocks("sh") for line in block.splitlines() if line.strip()]


def test_every_command_of_review_md_runs_as_written(repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    transcript = []
    for command in doc_commands():
        run = _shell(repo, command)
        expected = 1 if command.startswith("plandiff compare") else 0  # 1: differences found
        assert (run.returncode, run.stderr) == (expected, ""), command
        transcript.append(f"$ {command}\n{run.stdout}[exit {run.returncode}]\n")
        if command == "git diff HEAD~1 -- plans/geneva.yaml":
            golden(GOLDENS / "git-diff-driver.txt", run.stdout)
    golden(GOLDENS / "review-md-commands.txt", "\n".join(transcript))
    assert (repo / "comment.md").read_text().startswith("<!-- plandiff-pr-comment -->\n## plandiff: 1 plan")
    assert (repo / ".gitattributes").read_text() == "plans/*.yaml diff=plandiff\n"  # one line, no override


def test_driver_orders_changes_as_compare_does(repo: Path) -> None:
    """With several changes the driver, like compare, puts substantive ones first and groups the
    status-only ones (it listed them in clause order: 3, 4, 5, 6, ... before)."""
    _shell(repo, 'git config diff.plandiff.command "plandiff git-diff"')
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    (repo / "plans" / "geneva.yaml").write_bytes((ROOT / "plans" / "us-28-point.yaml").read_bytes())
    _git(repo, "commit", "-q", "-am", "28-point plan")
    (repo / "plans" / "geneva.yaml").write_bytes((ROOT / "plans" / "geneva.yaml").read_bytes())
    _git(repo, "commit", "-q", "-am", "Geneva")
    driver = _shell(repo, "git diff HEAD~1 -- plans/geneva.yaml").stdout
    compare = _shell(repo, "plandiff compare HEAD~1:plans/geneva.yaml HEAD:plans/geneva.yaml").stdout
    body = driver.split("\n\n", 1)[1]
    assert body == compare.split("\n\n", 1)[1]
    assert body.index("6  army-cap") < body.index("5  security-guarantees") < body.index("Status only")
    by_clause = _shell(repo, "git diff HEAD~1 -- plans/geneva.yaml", PLANDIFF_OPTIONS="--order clause").stdout
    assert by_clause.index("3  no-further-expansion") < by_clause.index("6  army-cap")
    assert "Status only" not in by_clause


def test_driver_shows_changes_only_and_takes_compare_options(repo: Path) -> None:
    _shell(repo, 'git config diff.plandiff.command "plandiff git-diff"')
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    driver = _shell(repo, "git diff HEAD~1 -- plans/geneva.yaml").stdout
    compare = _shell(repo, "plandiff compare HEAD~1:plans/geneva.yaml HEAD:plans/geneva.yaml").stdout
    # The same changes as compare (after the header, whose labels differ), and only the changes.
    assert driver.split("\n\n", 1)[1] == compare.split("\n\n", 1)[1]
    assert driver.startswith("plandiff plans/geneva.yaml\na/plans/geneva.yaml → b/plans/geneva.yaml\n")
    assert "  unchanged" not in driver
    summary = _shell(repo, "git diff HEAD~1 -- plans/geneva.yaml", PLANDIFF_OPTIONS="--summary --clause 6")
    assert summary.stderr == ""
    lines = [line for line in summary.stdout.splitlines() if line.startswith("  6 ")]
    assert lines == ["  6  army-cap · Army size  modified · substantive  [reported]  [weaker]"]
    bad = _shell(repo, "git diff HEAD~1 -- plans/geneva.yaml", PLANDIFF_OPTIONS="--only 'oops")
    assert "plandiff: error: PLANDIFF_OPTIONS: No closing quotation" in bad.stderr


def test_driver_colour_follows_git_and_width_follows_columns(repo: Path) -> None:
    _shell(repo, 'git config diff.plandiff.command "plandiff git-diff"')
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    diff = "git diff HEAD~1 -- plans/geneva.yaml"
    plain = _shell(repo, diff).stdout
    assert not _ESC.search(plain) and "[-600,000-]{+800,000+}" in plain
    for command, extra in (
        ("git diff --color HEAD~1 -- plans/geneva.yaml", {}),
        ("git -c color.ui=always diff HEAD~1 -- plans/geneva.yaml", {}),
        (diff, {"GIT_PAGER_IN_USE": "true"}),  # git paging: colour.ui=auto counts it as a terminal
        ("git diff --color HEAD~1 -- plans/geneva.yaml", {"NO_COLOR": "1"}),  # the flag wins
    ):
        coloured = _shell(repo, command, **extra).stdout
        assert _ESC.search(coloured), (command, extra)
        assert _ESC.sub("", coloured).split("\n", 1)[0] == "plandiff plans/geneva.yaml"
    for command, extra in (
        (diff, {"GIT_PAGER_IN_USE": "true", "NO_COLOR": "1"}),
        ("git diff --no-color HEAD~1 -- plans/geneva.yaml", {"GIT_PAGER_IN_USE": "true"}),
        ("git -c color.ui=never diff HEAD~1 -- plans/geneva.yaml", {"GIT_PAGER_IN_USE": "true"}),
    ):
        assert not _ESC.search(_shell(repo, command, **extra).stdout), (command, extra)
    narrow = _shell(repo, diff, COLUMNS="60").stdout
    assert (
        max(len(line) for line in narrow.splitlines()) <= 60 < max(len(line) for line in plain.splitlines())
    )


def test_driver_is_one_line_for_a_pure_rename_and_an_edit_without_clause_changes(repo: Path) -> None:
    _shell(repo, 'git config diff.plandiff.command "plandiff git-diff"')
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    _git(repo, "add", ".gitattributes")
    _git(repo, "commit", "-q", "-m", "driver")
    _git(repo, "mv", "plans/geneva.yaml", "plans/geneva-2025-11-23.yaml")
    _git(repo, "commit", "-q", "-m", "rename")
    run = _shell(repo, "git show --ext-diff --format=%s HEAD")
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == (
        "rename\n\nplandiff plans/geneva.yaml → plans/geneva-2025-11-23.yaml (renamed, no clause changes)\n"
    )
    path = repo / "plans" / "geneva-2025-11-23.yaml"
    path.write_text("# a comment only\n" + path.read_text())
    edited = _shell(repo, "git diff")
    assert edited.stdout == "plandiff plans/geneva-2025-11-23.yaml (no clause changes)\n"


def test_closed_pipe_ends_the_driver_quietly_with_status_zero(repo: Path) -> None:
    _shell(repo, 'git config diff.plandiff.command "plandiff git-diff"')
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    for k in range(4):  # several commits, so that git runs the driver again after head has gone
        (repo / "plans" / f"copy{k}.yaml").write_bytes((CASE / "v2.yaml").read_bytes())
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", f"copy {k}")
    run = _shell(repo, "git log -p --ext-diff | head -n 3")
    assert run.returncode == 0 and run.stderr == "" and len(run.stdout.splitlines()) == 3
    # The driver alone, writing into a pipe whose reader has already gone.
    read_end, write_end = os.pipe()
    os.close(read_end)
    old = repo / "old.yaml"
    old.write_bytes((CASE / "v1.yaml").read_bytes())
    args = [
        "plans/x.yaml",
        str(old),
        "0" * 40,
        "100644",
        str(repo / "plans" / "geneva.yaml"),
        "1" * 40,
        "100644",
    ]
    try:
        driver = subprocess.run([sys.executable, "-m", "plandiff", "git-diff", *args], cwd=repo, stdout=write_end,
                                stderr=subprocess.PIPE, text=True, env=_env(repo.parent), check=False)  # fmt: skip
    finally:
        os.close(write_end)
    assert (driver.returncode, driver.stderr) == (0, "")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["compare", "--git", "main"], id="compare-git"),
        pytest.param(["pr-comment", "main", "HEAD"], id="pr-comment"),
    ],
)
def test_outside_a_repository_says_so(tmp_path: Path, args: list[str]) -> None:
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    run = subprocess.run([sys.executable, "-m", "plandiff", *args], cwd=outside, capture_output=True, text=True,
                         env=_env(tmp_path, GIT_CEILING_DIRECTORIES=str(tmp_path)), check=False)  # fmt: skip
    spec = "main" if args[0] == "compare" else "main..HEAD"
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"plandiff: error: {spec}: not a git repository (run plandiff inside the repository that holds the plans)\n"
    )


def test_untracked_plans_are_named(repo: Path) -> None:
    (repo / "plans" / "new-draft.yaml").write_bytes((CASE / "v2.yaml").read_bytes())
    run = _shell(repo, "plandiff compare --git HEAD")
    assert (run.returncode, run.stdout) == (0, "no plan files changed\n")
    assert (
        run.stderr
        == "plandiff: note: not compared, untracked by git (git add them first): plans/new-draft.yaml\n"
    )
    _git(repo, "add", "plans/new-draft.yaml")
    added = _shell(repo, "plandiff compare --git HEAD --summary --no-color")
    assert added.returncode == 1 and added.stderr == ""
    assert added.stdout.startswith("=== plans/new-draft.yaml (added)\n(not in HEAD) → plans/new-draft.yaml\n")


def test_action_structure() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(action["inputs"]) == {"plans", "base", "head", "comment-file", "post", "python-version"}
    assert action["inputs"]["plans"]["default"] == "plans/*.yaml"
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"  # the pinned version, not '.'
    for step in steps:
        # Values reach scripts through env only: an expression inside `run` is code injection.
        assert "${{" not in step.get("run", "") and "${{" not in step.get("with", {}).get("script", "")
        assert "shell" in step or "uses" in step
    post = steps[-1]
    assert post["if"] == "inputs.post == 'true'" and post["uses"].startswith("actions/github-script@")
    script = post["with"]["script"]
    from plandiff.render.prcomment import MARKER

    assert MARKER in script and "updateComment" in script and "createComment" in script
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "plandiff.yml").read_text())
    job = workflow["jobs"]["plan-diff"]["steps"]
    assert job[0]["with"]["fetch-depth"] == 0 and job[1]["uses"] == "./"
    assert workflow[True]["pull_request"]["paths"] == ["plans/**"]  # YAML 1.1 reads `on` as True


def test_review_md_workflows_are_safe_to_copy() -> None:
    text = REVIEW.read_text()
    assert "pip install ." not in text
    flows = [yaml.safe_load(block) for block in doc_blocks("yaml")]
    assert [sorted(f[True]) for f in flows] == [["pull_request"], ["pull_request"], ["workflow_run"]]
    simple, fork, poster = flows
    uses = [s.get("uses", "") for f in (simple, fork) for s in f["jobs"]["plan-diff"]["steps"]]
    assert "OWNER/plandiff@v1" in uses
    assert fork["permissions"] == {"contents": "read"}  # the fork side never holds a write token
    assert poster["permissions"] == {"actions": "read", "pull-requests": "write"}
    steps = poster["jobs"]["post"]["steps"]
    assert not any("checkout" in s.get("uses", "") or "run" in s for s in steps)  # never runs fork code
    script = steps[-1]["with"]["script"]
    assert "/^[0-9]{1,10}$/" in script and "head_sha" in script


def test_action_shell_steps_write_the_comment(repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    """The action's own shell steps, run as GitHub would run them (bash, the step's env)."""
    steps = yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
    env = {"PLANS": "plans/*.yaml", "BASE": "main", "BASE_REF": "main", "HEAD_REV": "HEAD", "OUT": "c.md"}
    for step in steps[2:4]:
        run = _shell(repo, step["run"], **{k: env[k] for k in step["env"]})
        assert (run.returncode, run.stderr) == (0, ""), step["name"]
    assert _shell(repo, "cat c.md").stdout == _shell(repo, "plandiff pr-comment main HEAD").stdout
    golden(GOLDENS / "pr-comment-geneva.md", (repo / "c.md").read_text())


def test_pr_comment_added_file_and_one_warning_per_file(repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    """An added file is not "(none) → …"; two reconstructed revisions give one warning; no H1."""
    v2 = (CASE / "v2.yaml").read_text()
    (repo / "plans" / "geneva.yaml").write_text(v2.replace("800,000 personnel", "850,000 personnel"))
    (repo / "plans" / "draft.yaml").write_text(v2)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "draft and an edit")
    run = _shell(repo, "plandiff pr-comment HEAD~1 HEAD")
    assert (run.returncode, run.stderr) == (0, "")
    golden(GOLDENS / "pr-comment-added.md", run.stdout)
    assert (
        "(none)" not in run.stdout
        and "| Version | `(not in HEAD~1)` | `HEAD:plans/draft.yaml` |" in run.stdout
    )
    assert not [line for line in run.stdout.splitlines() if line.startswith("# ")]
    geneva = run.stdout.split("<summary>plans/geneva.yaml")[1]
    assert geneva.count("**Warning:**") == 1 and "are both reconstructed" in geneva
    assert "| Title | Geneva framework (reconstructed) | same |" in geneva
