"""File safety: what plandiff writes never replaces what it should not, and a lost write is an error.

Output files (``-o``), standard output and the published site folder, each with the ways they go
wrong: non-regular targets, symbolic links, signals mid-write, full or closed streams, unwritable
folders, and files of the site's owner.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

from plandiff import output
from plandiff.cli import app
from plandiff.errors import OutputError
from plandiff.output import write_report

V1 = DATA / "cap-600k-to-800k" / "v1.yaml"
V2 = DATA / "cap-600k-to-800k" / "v2.yaml"


def _plandiff(
    *args: str, stdout: int | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it (a real process, real file descriptors)."""
    return subprocess.run(
        [sys.executable, "-m", "plandiff", *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        cwd=cwd,
    )


def _expected_markdown(runner: CliRunner) -> str:
    result = runner.invoke(app, ["compare", str(V1), str(V2), "-f", "markdown"])
    assert result.exit_code == 1 and result.stdout.startswith("# Changes: ")
    return result.stdout


def test_output_to_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path, runner: CliRunner) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = runner.invoke(app, ["compare", str(V1), str(V2), "-f", "markdown", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert received == [_expected_markdown(runner)]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_output_through_a_symlink_replaces_the_target_not_the_link(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "real.md").write_text("earlier report\n")
    (tmp_path / "link.md").symlink_to("real.md")
    result = runner.invoke(
        app, ["compare", str(V1), str(V2), "-f", "markdown", "-o", str(tmp_path / "link.md")]
    )
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text() == _expected_markdown(runner)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_output_to_a_character_device_writes_through(tmp_path: Path) -> None:
    # /dev/zero accepts and discards writes, like /dev/null; a rename over it would need root and
    # replace the device, which is what this guards against.
    before = os.stat("/dev/zero")
    write_report(Path("/dev/zero"), "a report\n", ())
    after = os.stat("/dev/zero")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    target = tmp_path / "report.md"
    target.write_text("earlier report\n")
    real_chmod = os.chmod

    def chmod_then_signal(path: str, mode: int) -> None:  # the temp file is written, not yet renamed
        real_chmod(path, mode)
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(output.os, "chmod", chmod_then_signal)
    previous = signal.getsignal(signum)
    with pytest.raises(SystemExit) as stopped:
        write_report(target, "new report\n", ())
    assert stopped.value.code == 128 + signum
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]
    assert target.read_text() == "earlier report\n"
    assert signal.getsignal(signum) == previous


def test_a_terminated_process_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A real ``kill -TERM`` of a process blocked mid-write (on a FIFO nobody reads)."""
    script = (
        "import os, sys, tempfile\n"
        "from pathlib import Path\n"
        "from plandiff import output\n"
        "real = os.replace\n"
        "def stall(a, b):\n"
        "    sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
        "    os.open(sys.argv[2], os.O_WRONLY)  # blocks: the FIFO has no reader\n"
        "output.os.replace = stall\n"
        "output.write_report(Path(sys.argv[1]), 'x' * 100000, ())\n"
    )
    fifo = tmp_path.parent / f"{tmp_path.name}-stall"
    os.mkfifo(fifo)
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / "report.md"), str(fifo)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
        process.stdout.close()
    finally:
        fifo.unlink()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json", "html"])
def test_a_full_disk_on_stdout_is_an_error(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        result = _plandiff("compare", str(V1), str(V2), "-f", fmt, stdout=full.fileno())
    assert result.returncode == 2
    assert result.stderr == "plandiff: error: cannot write to standard output (no space left on device)\n"


@pytest.mark.parametrize("command", [["compare", str(V1), str(V2)], ["list"], ["show", str(V1)]])
@pytest.mark.parametrize("when", ["at-start", "after-start"])
def test_a_closed_stdout_is_an_error(command: list[str], when: str) -> None:
    if when == "at-start":  # the shell's >&-: Python starts without sys.stdout
        argv = ["sh", "-c", 'exec "$0" -m plandiff "$@" >&-', sys.executable, *command]
    else:  # descriptor 1 closed under a running Python
        code = "import os, runpy; os.close(1); runpy.run_module('plandiff', run_name='__main__')"
        argv = [sys.executable, "-c", code, *command]
    result = subprocess.run(argv, stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == "plandiff: error: cannot write to standard output (standard output is closed)\n"


def test_output_error_names_the_file_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"missing/report\.md: directory .*missing does not exist"):
        write_report(tmp_path / "missing" / "report.md", "x", ())
    with pytest.raises(OutputError, match=r"report\.md: is a directory"):
        (tmp_path / "report.md").mkdir()
        write_report(tmp_path / "report.md", "x", ())


def test_publish_to_an_unwritable_place_is_one_line(runner: CliRunner) -> None:
    result = _plandiff("publish", "/proc/plandiff-site")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "plandiff: error: /proc/plandiff-site: cannot write (no such file or directory)\n"


def test_republishing_keeps_the_owners_files(tmp_path: Path, runner: CliRunner) -> None:
    site = tmp_path / "site"
    assert runner.invoke(app, ["publish", str(site)]).exit_code == 0
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (site / "CNAME").write_text("plans.example.org\n")
    (site / ".git" / "objects").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "versions" / "README.txt").write_text("mine\n")
    result = runner.invoke(app, ["publish", str(site)])
    assert result.exit_code == 0, result.stderr
    now = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert now == {
        **first,
        "CNAME": b"plans.example.org\n",
        ".git/HEAD": b"ref: refs/heads/gh-pages\n",
        "versions/README.txt": b"mine\n",
    }
    assert (site / ".git" / "objects").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_page_written_by_plandiff_before_and_gone_now_is_removed(tmp_path: Path, runner: CliRunner) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for slug in ("a", "b"):
        (plans / f"{slug}.yaml").write_text(
            f"plan: {slug}\ntitle: {slug}\nclauses:\n  - {{number: 1, id: x, text: t}}\n"
        )
    site = tmp_path / "site"
    assert runner.invoke(app, ["publish", str(site), "--plans", str(plans)]).exit_code == 0
    assert (site / "versions" / "b.html").is_file()
    (plans / "b.yaml").unlink()
    assert runner.invoke(app, ["publish", str(site), "--plans", str(plans)]).exit_code == 0
    assert not (site / "versions" / "b.html").exists()


def test_an_owners_file_in_the_way_of_a_page_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text("plan: a\ntitle: a\nclauses:\n  - {number: 1, id: x, text: t}\n")
    site = tmp_path / "site"
    assert runner.invoke(app, ["publish", str(site), "--plans", str(plans)]).exit_code == 0
    (plans / "b.yaml").write_text("plan: b\ntitle: b\nclauses:\n  - {number: 1, id: x, text: t}\n")
    (site / "versions" / "b.html").write_text("the owner's page\n")
    result = runner.invoke(app, ["publish", str(site), "--plans", str(plans)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"plandiff: error: {site}/versions/b.html: not written by plandiff and in the way of a page; move it away\n"
    )
    assert (site / "versions" / "b.html").read_text() == "the owner's page\n"
