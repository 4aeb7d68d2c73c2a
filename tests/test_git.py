"""git integration against a real repository in tmp_path: REV:PATH, compare --git, the diff driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA
from markdown_it import MarkdownIt

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PLANDIFF = f"{sys.executable} -m plandiff"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=_env(repo)
    ).stdout


def _env(repo: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(repo.parent), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", NO_COLOR="1", PAGER="cat")  # fmt: skip
    env["PYTHONPATH"] = str(Path(__file__).parent.parent)
    return env


def _plandiff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plandiff", *args], cwd=repo, capture_output=True, text=True,
                          env=_env(repo), check=False)  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "plans" / "x.yaml").write_bytes((DATA / "cap-600k-to-800k" / "v1.yaml").read_bytes())
    (repo / "plans" / "gone.yaml").write_bytes((DATA / "clause-removed" / "v1.yaml").read_bytes())
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    (repo / "plans" / "x.yaml").write_bytes((DATA / "cap-600k-to-800k" / "v2.yaml").read_bytes())
    (repo / "plans" / "gone.yaml").unlink()
    (repo / "plans" / "new.yaml").write_bytes((DATA / "subclause-added" / "v1.yaml").read_bytes())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "second")
    return repo


def test_rev_path_arguments(repo: Path) -> None:
    run = _plandiff(repo, "compare", "HEAD~1:plans/x.yaml", "plans/x.yaml", "--no-color")
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("HEAD~1:plans/x.yaml → plans/x.yaml\n")
    assert "personnel: 600,000 → 800,000 (+200,000, +33.3%)" in run.stdout
    same = _plandiff(repo, "compare", "HEAD:plans/x.yaml", "plans/x.yaml")
    assert same.returncode == 0, same.stderr


@pytest.mark.parametrize(
    ("arg", "fragment"),
    [
        ("nosuchrev:plans/x.yaml", "nosuchrev:plans/x.yaml: git: invalid object name 'nosuchrev'."),
        (
            "HEAD:plans/missing.yaml",
            "HEAD:plans/missing.yaml: git: path 'plans/missing.yaml' does not exist in 'HEAD'",
        ),
    ],
)
def test_bad_rev_path(repo: Path, arg: str, fragment: str) -> None:
    run = _plandiff(repo, "compare", arg, "plans/x.yaml")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith("plandiff: error: ") and run.stderr.count("\n") == 1
    assert fragment in run.stderr


def test_compare_git_sections(repo: Path) -> None:
    run = _plandiff(repo, "compare", "--git", "HEAD~1..HEAD", "--summary", "--no-color")
    assert run.returncode == 1, run.stderr
    heads = [line for line in run.stdout.splitlines() if line.startswith("=== ")]
    assert heads == [
        "=== plans/gone.yaml (deleted)",
        "=== plans/new.yaml (added)",
        "=== plans/x.yaml (modified)",
    ]
    markdown = _plandiff(repo, "compare", "--git", "HEAD~1..HEAD", "--summary", "--format", "markdown")
    assert markdown.stdout.startswith(
        "**plans/gone.yaml** (deleted)\n\n"
    )  # no leading rule: not front matter
    assert markdown.stdout.count("\n---\n\n**plans/") == 2  # a rule between the three sections
    worktree = _plandiff(repo, "compare", "--git", "HEAD", "--format", "json")
    assert (worktree.returncode, worktree.stdout, worktree.stderr) == (0, "[]\n", "")
    (repo / "plans" / "x.yaml").write_bytes((DATA / "cap-600k-to-800k" / "v1.yaml").read_bytes())
    edited = _plandiff(repo, "compare", "--git", "HEAD", "--format", "json")
    assert edited.returncode == 1, edited.stderr
    files = json.loads(edited.stdout)
    assert [(f["path"], f["status"]) for f in files] == [("plans/x.yaml", "modified")]
    assert files[0]["report"]["changes"][0]["quantities"][0]["old"] == "800,000"


def test_git_diff_driver(repo: Path) -> None:
    _git(repo, "config", "diff.plandiff.command", f"{PLANDIFF} git-diff")
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    out = _git(repo, "diff", "HEAD~1", "HEAD", "--", "plans/x.yaml")
    assert out.startswith("plandiff plans/x.yaml\na/plans/x.yaml → b/plans/x.yaml\n")
    assert "[-600,000-]{+800,000+}" in out and "personnel: 600,000 → 800,000 (+200,000, +33.3%)" in out
    log = _git(repo, "log", "-p", "--ext-diff", "--format=%s", "--", "plans/gone.yaml")
    assert "a/plans/gone.yaml → b/plans/gone.yaml" in log and "amnesty · Amnesty  removed" in log


def test_git_diff_driver_reports_an_unreadable_plan_and_lets_git_go_on(tmp_path: Path) -> None:
    """Exit 0 with one line: git stops the whole diff (every later file) at any other code."""
    bad = tmp_path / "tmpfile"
    bad.write_text("clauses: [\n")
    run = _plandiff(
        tmp_path, "git-diff", "plans/x.yaml", str(bad), "abc", "100644", str(bad), "def", "100644"
    )
    assert run.returncode == 0
    assert run.stdout == "plandiff plans/x.yaml (not compared: not a readable plan, see the error above)\n"
    assert run.stderr.startswith("plandiff: error: a/plans/x.yaml:2: YAML syntax error")
    assert run.stderr.count("\n") == 1


def test_textconv_word_diff(repo: Path) -> None:
    _git(repo, "config", "diff.plantext.textconv", f"{PLANDIFF} show --format text")
    (repo / ".gitattributes").write_text("plans/*.yaml diff=plantext\n")
    out = _git(repo, "diff", "--word-diff", "HEAD~1", "HEAD", "--", "plans/x.yaml")
    assert "[-600,000 personnel.-]{+800,000 personnel in peacetime.+}" in out
    assert "6 [army-cap] Army size" in out


@pytest.fixture
def three_files(tmp_path: Path) -> Path:
    repo = tmp_path / "prrepo"
    (repo / "plans").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    cases = ("cap-600k-to-800k", "clause-removed", "bracketed-changed")
    for case in cases:
        (repo / "plans" / f"{case}.yaml").write_bytes((DATA / case / "v1.yaml").read_bytes())
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    for case in cases:
        (repo / "plans" / f"{case}.yaml").write_bytes((DATA / case / "v2.yaml").read_bytes())
    _git(repo, "commit", "-q", "-am", "head")
    return repo


def test_pr_comment_golden(three_files: Path, golden) -> None:  # type: ignore[no-untyped-def]
    run = _plandiff(three_files, "pr-comment", "HEAD~1", "HEAD")
    assert run.returncode == 0 and run.stderr == ""
    golden(Path(__file__).parent / "goldens" / "pr-comment.md", run.stdout)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(run.stdout)
    assert html.count("<details>") == 3 and html.count("</details>") == 3
    assert [line.split(" | ")[0] for line in run.stdout.splitlines() if line.startswith("| `plans/")] == [
        "| `plans/bracketed-changed.yaml`", "| `plans/cap-600k-to-800k.yaml`", "| `plans/clause-removed.yaml`",
    ]  # fmt: skip
    assert len(run.stdout) < 65_536


def test_pr_comment_stays_under_the_limit(tmp_path: Path) -> None:
    repo = tmp_path / "big"
    (repo / "plans").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    words = [f"word{k}" for k in range(60)]
    for name in ("a", "b", "c"):
        body = "".join(f"  - {{number: {n}, text: '{' '.join(words)} {n}'}}\n" for n in range(1, 400))
        (repo / "plans" / f"{name}.yaml").write_text("clauses:\n" + body)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    for name in ("a", "b", "c"):
        body = "".join(f"  - {{number: {n}, text: '{' '.join(words)} changed {n}'}}\n" for n in range(1, 400))
        (repo / "plans" / f"{name}.yaml").write_text("clauses:\n" + body)
    _git(repo, "commit", "-q", "-am", "head")
    run = _plandiff(repo, "pr-comment", "HEAD~1", "HEAD")
    assert run.returncode == 0, run.stderr
    assert len(run.stdout) <= 65_000
    assert "Unchanged text around changes is shortened to fit GitHub's comment limit." in run.stdout
    assert "Folded to fit the limit: plans/" in run.stdout
    assert (
        run.stdout.count("<details>") == 3 and "| `plans/a.yaml` | modified | 0 | 0 | 399 | 0 |" in run.stdout
    )


def test_compare_git_output_never_overwrites_a_plan(repo: Path) -> None:
    before = (repo / "plans" / "x.yaml").read_bytes()
    (repo / "plans" / "x.yaml").write_bytes((DATA / "cap-600k-to-800k" / "v1.yaml").read_bytes())
    edited = (repo / "plans" / "x.yaml").read_bytes()
    run = _plandiff(repo, "compare", "--git", "HEAD", "-o", "plans/x.yaml")
    assert run.returncode == 2 and run.stdout == ""
    assert "plans/x.yaml: refusing to overwrite an input file" in run.stderr
    assert (repo / "plans" / "x.yaml").read_bytes() == edited != before
