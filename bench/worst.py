"""Worst cases: every attack of issue 11 at n, 2n and 4n, timed in one run, with growth per doubling.

    python bench/worst.py [--only NAME[,NAME…]] [--no-limits]

For each attack it builds the hostile input at three sizes, runs the plandiff command that meets
it as a separate process (outside the source tree, like bench/run.py), and prints wall time, peak
RSS and the time ratio per doubling. Then the limits: `compare` in every format on inputs at the
default 16 MiB file limit, and `publish` of 25 versions × 1,000 clauses. Targets, from the issue:
≤ 2.3× per doubling; ≤ 30 s and ≤ 1 GiB for compare at the limit; ≤ 60 s and ≤ 1 GiB for publish.

The machine may be shared: ratios compare runs made minutes apart in one process, never a time
against a number written down elsewhere. A run that passes its cap (300 s) is stopped and shown
as such.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

CAP = 300.0
"""Seconds after which one measured process is stopped (a hang shows as ≥ CAP)."""
GROWTH = 2.3
LIMIT_SECONDS, PUBLISH_SECONDS, MEMORY_KIB = 30.0, 60.0, 1024 * 1024
MAX_BYTES = 16 * 1024 * 1024
"""plandiff's default --max-bytes."""
FORMATS = ("terminal", "markdown", "json", "html")
PLANDIFF = [sys.executable, "-m", "plandiff"]


def measure(argv: list[str], cwd: Path, repeat: int = 1) -> tuple[float, int, int]:
    """Best wall time (s) of ``repeat`` runs, their peak RSS (KiB) and exit status."""
    runs = [_measure_once(argv, cwd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), max(runs, key=lambda r: r[2] not in (0, 1))[2]


def _measure_once(argv: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall time (s), peak RSS (KiB) and exit status of one process (status -9: stopped at CAP)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + CAP
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            elapsed = time.perf_counter() - started
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1) and proc.stderr is not None:
                sys.stderr.write(proc.stderr.read().decode(errors="replace")[-500:])
            return elapsed, usage.ru_maxrss, code
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return CAP, usage.ru_maxrss, -9
        time.sleep(0.01)


def dump(path: Path, doc: dict[str, object]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        yaml.safe_dump(doc, handle, allow_unicode=True, sort_keys=False, width=10**9)


def one_clause(folder: Path, old: str, new: str) -> list[str]:
    dump(folder / "old.yaml", {"title": "old", "clauses": [{"number": "1", "id": "c", "text": old}]})
    dump(folder / "new.yaml", {"title": "new", "clauses": [{"number": "1", "id": "c", "text": new}]})
    return [*PLANDIFF, "compare", "old.yaml", "new.yaml"]


def words(n: int) -> list[str]:
    return [f"w{k}" for k in range(n)]


# Each attack: name, what it exercises, sizes (n, 2n, 4n), builder(folder, n) -> argv.
Attack = tuple[str, str, tuple[int, int, int], Callable[[Path, int], list[str]]]


def _reversed(folder: Path, n: int) -> list[str]:
    return one_clause(folder, " ".join(words(n)), " ".join(reversed(words(n))))


def _shuffled(folder: Path, n: int) -> list[str]:
    return one_clause(folder, " ".join(words(n)), " ".join(random.Random(n).sample(words(n), n)))


def _rotated(folder: Path, n: int) -> list[str]:
    w = words(n)
    return one_clause(folder, " ".join(w), " ".join(w[n // 2 :] + w[: n // 2]))


def _same_text(ids: bool) -> Callable[[Path, int], list[str]]:
    def build(folder: Path, n: int) -> list[str]:
        # JSON: this attack is on the pairing; the terminal's cost per change is rich's (measured
        # by the attacks that print one change).
        for side, prefix in (("old", "a"), ("new", "b")):
            clauses = [
                {"number": str(k + 1), **({"id": f"{prefix}{k}"} if ids else {}), "text": "Reserved."}
                for k in range(n)
            ]
            dump(folder / f"{side}.yaml", {"title": side, "clauses": clauses})
        return [*PLANDIFF, "compare", "old.yaml", "new.yaml", "-f", "json"]

    return build


def _numbers(folder: Path, n: int) -> list[str]:
    old = " ".join(f"{k} days" for k in range(n))
    return one_clause(folder, old, " ".join(f"{k + n} days" for k in range(n)))


def _huge_word(folder: Path, n: int) -> list[str]:
    return one_clause(folder, "a " + "x" * n, "b " + "x" * n)


def _digits(folder: Path, n: int) -> list[str]:
    return one_clause(folder, "1" * n + "a1", "2" * n + "a1")


def _import(folder: Path, n: int) -> list[str]:
    lines = "".join(f"   part {k} of one very long point\n" for k in range(n))
    (folder / "plan.md").write_text("1. start\n" + lines + "2. next\n", encoding="utf-8")
    return [*PLANDIFF, "import", "plan.md", "-o", "plan.yaml"]


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def _pr_files(folder: Path, n: int) -> list[str]:
    (folder / "plans").mkdir()
    _git(folder, "init", "-q")
    for rev in (0, 1):
        for k in range(n):
            text = f"The cap is {k + 5 * rev} troops, clause {k}{' changed' if rev else ''}."
            (folder / "plans" / f"p{k:05d}.yaml").write_text(
                f"plan: p{k}\nclauses:\n  - {{number: '1', id: a, text: '{text}'}}\n", encoding="utf-8"
            )
        _git(folder, "add", "-A")
        _git(folder, "commit", "-q", "-m", str(rev))
    return [*PLANDIFF, "pr-comment", "HEAD~1", "HEAD", "-o", "comment.md"]


def record(folder: Path, versions: int, clauses: int, new_ids: bool = False) -> None:
    """A lineage of versions, each revising ~10% of its parent's clauses by a word."""
    rng = random.Random(versions * 7919 + clauses)
    vocabulary = [f"w{k}" for k in range(2000)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(20)) + "." for _ in range(clauses)]
    folder.mkdir(exist_ok=True)
    for v in range(versions):
        for k in rng.sample(range(clauses), clauses // 10) if v else ():
            parts = texts[k].split(" ")
            parts[rng.randrange(len(parts))] = rng.choice(vocabulary)
            texts[k] = " ".join(parts)
        doc: dict[str, object] = {
            "plan": f"v{v:02d}",
            "title": f"Version {v}",
            "date": f"2025-01-{v + 1:02d}",
        }
        if v:
            doc["parent"] = f"v{v - 1:02d}"
        doc["clauses"] = [
            {"number": str(k + 1), "id": f"v{v}-c{k}" if new_ids else f"c{k}", "text": t}
            for k, t in enumerate(texts)
        ]
        dump(folder / f"v{v:02d}.yaml", doc)


def _publish(
    clauses: int, new_ids: bool = False, versions: int | None = None
) -> Callable[[Path, int], list[str]]:
    def build(folder: Path, n: int) -> list[str]:
        record(folder / "plans", versions or n, clauses if versions is None else n, new_ids)
        return [*PLANDIFF, "publish", "site", "--plans", "plans"]

    return build


ATTACKS: list[Attack] = [
    ("words-reversed", "item 6: one clause, its words reversed", (8_000, 16_000, 32_000), _reversed),
    ("words-shuffled", "item 6: one clause, its words shuffled", (8_000, 16_000, 32_000), _shuffled),
    ("words-rotated", "item 6: one clause, its halves swapped", (8_000, 16_000, 32_000), _rotated),
    ("same-text-ids", "item 7: n × 'Reserved.', ids renamed (align)", (4_000, 8_000, 16_000), _same_text(True)),
    ("same-text-no-ids", "item 7: n × 'Reserved.', no ids (align)", (8_000, 16_000, 32_000), _same_text(False)),
    ("numbers-changed", "item 7: n changed numbers in one clause", (10_000, 20_000, 40_000), _numbers),
    ("huge-word", "item 7: one word of n bytes, terminal", (1_250_000, 2_500_000, 5_000_000), _huge_word),
    ("digits-backtrack", "number pattern: n digits then 'a1'", (1_000_000, 2_000_000, 4_000_000), _digits),
    ("import-long-point", "item 7: import, one point of n lines", (25_000, 50_000, 100_000), _import),
    ("pr-comment-files", "item 7: pr-comment, n changed files", (1_000, 2_000, 4_000), _pr_files),
    ("publish-versions", "item 8: publish, n versions × 800 clauses", (5, 10, 20), _publish(800)),
    ("publish-new-ids", "item 8: publish, 25 versions × n clauses, new ids each", (25, 50, 100),
     _publish(0, new_ids=True, versions=25)),
]  # fmt: skip


LIMITS = ("16MiB words shuffled", "16MiB one word", "16MiB numbers", "16MiB 'Reserved.' no ids")
"""Pairs of files each just under the 16 MiB limit, one per worst case."""


def build_limit(name: str, folder: Path) -> None:
    budget = MAX_BYTES - 4096
    if name == LIMITS[0]:
        w = words(budget // 9)  # "w1234567 " is at most 9 bytes
        one_clause(folder, " ".join(w), " ".join(random.Random(1).sample(w, len(w))))
    elif name == LIMITS[1]:
        one_clause(folder, "a " + "x" * (budget - 16), "b " + "x" * (budget - 16))
    elif name == LIMITS[2]:
        numbers = " ".join(str(k) for k in range(budget // 8))[: budget - 16]
        one_clause(folder, numbers, numbers.replace("1", "2"))
    else:
        _same_text(False)(folder, budget // 40)  # a clause: "- number: '123456'\n  text: Reserved.\n"


def build_in_child(kind: str, name: str, n: int, folder: Path) -> list[str]:
    """Build an input in a separate process and return the command that meets it.

    The measured process is forked from this one, and its peak RSS counts this process's pages
    until it execs: inputs built here (16 MiB strings) would show up as plandiff's memory.
    """
    out = subprocess.run(
        [sys.executable, __file__, "--build", kind, name, str(n), str(folder)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def _build(kind: str, name: str, n: int, folder: Path) -> None:
    if kind == "attack":
        build = next(b for a, _, _, b in ATTACKS if a == name)
        print(json.dumps(build(folder, n)))
    elif kind == "limit":
        build_limit(name, folder)
        print(json.dumps([]))
    else:
        record(folder / "plans", 25, 1000)
        print(json.dumps([]))


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        _build(sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="", help="comma-separated attack names")
    parser.add_argument("--no-limits", action="store_true", help="skip the 16 MiB and publish limits")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best time counts")
    args = parser.parse_args()
    chosen = [a for a in ATTACKS if not args.only or a[0] in args.only.split(",")]
    root = Path(tempfile.mkdtemp(prefix="plandiff-worst-"))
    failed: list[str] = []
    try:
        print(f"{'attack':20} {'n':>10} {'time n':>8} {'2n':>8} {'4n':>8} {'×/2n':>6} {'×/4n':>6} "
              f"{'peak RSS at 4n':>15}  target ≤ {GROWTH}× per doubling")  # fmt: skip
        for name, _, sizes, _build_unused in chosen:
            times, peaks = [], []
            for n in sizes:
                folder = root / f"{name}-{n}"
                folder.mkdir()
                argv = build_in_child("attack", name, n, folder)
                elapsed, peak, code = measure(argv, folder, args.repeat)
                times.append(elapsed)
                peaks.append(peak)
                shutil.rmtree(folder)
                if code not in (0, 1):
                    failed.append(f"{name} at {n}: exit {code}")
            ratios = [times[1] / times[0], times[2] / times[1]]
            ok = all(r <= GROWTH for r in ratios) and max(times) < CAP
            failed += [] if ok else [f"{name}: growth {ratios[0]:.2f}, {ratios[1]:.2f}"]
            print(f"{name:20} {sizes[0]:>10,} {times[0]:>7.2f}s {times[1]:>7.2f}s {times[2]:>7.2f}s "
                  f"{ratios[0]:>5.2f}× {ratios[1]:>5.2f}× {peaks[2] / 1024:>11.0f} MiB  {'ok' if ok else 'MISSED'}")  # fmt: skip
        if not args.no_limits:
            _limits(root, failed)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("\nall targets met" if not failed else "\nmissed: " + "; ".join(failed))


def _limits(root: Path, failed: list[str]) -> None:
    print(f"\n{'at the 16 MiB limit':28} " + " ".join(f"{f:>17}" for f in FORMATS)
          + f"   target ≤ {LIMIT_SECONDS:.0f} s and ≤ 1 GiB each")  # fmt: skip
    for name in LIMITS:
        folder = root / "limit"
        folder.mkdir()
        build_in_child("limit", name, 0, folder)
        sizes = [(folder / f).stat().st_size for f in ("old.yaml", "new.yaml")]
        assert max(sizes) <= MAX_BYTES, (name, sizes)
        cells = []
        for fmt in FORMATS:
            elapsed, peak, code = measure([*PLANDIFF, "compare", "old.yaml", "new.yaml", "-f", fmt], folder)
            ok = code in (0, 1) and elapsed <= LIMIT_SECONDS and peak <= MEMORY_KIB
            failed += [] if ok else [f"{name} -f {fmt}: {elapsed:.1f} s, {peak // 1024} MiB, exit {code}"]
            cells.append(f"{elapsed:6.1f}s {peak / 1024:5.0f}MiB{'' if ok else '!'}")
        print(f"{name:28} " + " ".join(f"{c:>17}" for c in cells))
        shutil.rmtree(folder)
    folder = root / "publish"
    folder.mkdir()
    build_in_child("record", "publish", 0, folder)
    elapsed, peak, code = measure([*PLANDIFF, "publish", "site", "--plans", "plans"], folder)
    ok = code == 0 and elapsed <= PUBLISH_SECONDS and peak <= MEMORY_KIB
    failed += [] if ok else [f"publish 25 × 1,000: {elapsed:.1f} s, {peak // 1024} MiB, exit {code}"]
    print(f"\npublish 25 versions × 1,000 clauses: {elapsed:.1f} s, {peak / 1024:.0f} MiB peak RSS "
          f"(target ≤ {PUBLISH_SECONDS:.0f} s and ≤ 1 GiB) {'ok' if ok else 'MISSED'}")  # fmt: skip
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
