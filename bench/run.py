"""Benchmark: plandiff compare against the YAML-loading floor, in one run, as ratios.

    python bench/run.py [--sizes 1000,5000,20000] [--repeat 3] [--mix default|harsh|both]

For each mix of changes (bench/generate.py: ``default``, and ``harsh``: every level edited, moved,
inserted and deleted, every clause renumbered), each size, with and without ids, and a paraphrased
5,000-clause pair of each mix without ids, it times whole processes (best of --repeat,
interleaved so machine noise hits both alike): `plandiff compare old new --format json
--unchanged` and the floor, a process that only loads both files with yaml.CSafeLoader. It prints
CPU times (user + system: on shared cores wall time counts the wait for a core), their ratio, the 20,000/5,000 ratio (linearity), peak RSS of both, and the pairing
precision and recall against the generator's truth (each piece of a split or merge counts as a
pair). Also start-up: `plandiff compare us-28-point geneva` against `python -c "import yaml"`.
Targets (README, Performance) are printed beside the measurements. The machine is shared: only
ratios measured within one run mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent

FLOOR = "import sys, yaml\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as h: yaml.load(h, Loader=yaml.CSafeLoader)\n"


CWD = tempfile.gettempdir()
"""Where the measured processes run: never the source tree, whose ``plandiff/`` would shadow the
installed package under ``python -m`` (and, with PYTHONDONTWRITEBYTECODE set, be compiled from
source on every start)."""


def run(argv: list[str], output: Path) -> tuple[float, int]:
    """CPU time (user + system, s) and peak RSS (KiB) of one process, its stdout sent to ``output``.

    CPU time rather than wall time: the machine's cores are shared, and a process waiting for a
    core would count the wait as its own cost (wall time gave floors from 0.4 s to 7 s for one
    file within a minute). The report goes to a file, never into this process: Linux passes a
    parent's peak RSS on to every child it starts (ru_maxrss survives exec), so this process must
    stay small for the children's peaks to be their own.
    """
    with output.open("wb") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, cwd=CWD)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def best(argv: list[str], floor: list[str], repeat: int, output: Path) -> tuple[float, int, float, int]:
    times, rss, ftimes, frss = [], [], [], []
    for _ in range(repeat):
        t, r = run(argv, output)
        times.append(t)
        rss.append(r)
        ft, fr = run(floor, Path(os.devnull))
        ftimes.append(ft)
        frss.append(fr)
    return min(times), max(rss), min(ftimes), max(frss)


def accuracy(report: Path, truth_path: Path) -> tuple[float, float]:
    """Precision and recall of a JSON report against the generator's truth (run in a child
    process by ``main``, so that the parsed report never enlarges this one)."""
    truth = {tuple(p) for p in json.loads(truth_path.read_text())}
    predicted = set()
    for change in json.loads(report.read_bytes())["changes"]:
        if change["old"] and change["new"]:
            old, new = ".".join(change["old"]["address"]), ".".join(change["new"]["address"])
            predicted.add((old, new))
            for part in change["parts"]:
                where = ".".join(part["address"])
                predicted.add((old, where) if change["kind"] == "split" else (where, new))
    hit = len(truth & predicted)
    return hit / max(len(predicted), 1), hit / max(len(truth), 1)


def measure(
    label: str, out: Path, files: list[str], compare: list[str], floor: list[str], repeat: int
) -> float:
    report = out / "report.json"
    t, rss, ft, frss = best(
        [*compare, *files, "--format", "json", "--unchanged"], [*floor, *files], repeat, report
    )
    scored = subprocess.run(
        [sys.executable, __file__, "--accuracy", str(report), str(out / "truth.json")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    precision, recall = map(float, scored.stdout.split())
    print(f"{label:<24} {t:>10.3f} {ft:>8.3f} {t / ft:>6.2f} {rss / 1024:>8.1f} "
          f"{frss / 1024:>9.1f} {rss / frss:>9.2f} {precision:>9.4f} {recall:>7.4f}")  # fmt: skip
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mix", choices=("default", "harsh", "both"), default="both")
    parser.add_argument("--accuracy", nargs=2, type=Path, metavar=("REPORT", "TRUTH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.accuracy:
        print(*accuracy(*args.accuracy))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    mixes = ["default", "harsh"] if args.mix == "both" else [args.mix]
    python = sys.executable
    compare = [python, "-m", "plandiff", "compare"]
    floor = [python, "-c", FLOOR]
    where = subprocess.run([python, "-c", "import plandiff; print(plandiff.__file__)"], cwd=CWD,
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    print(f"measuring {where}")
    with tempfile.TemporaryDirectory() as tmp:
        for mix in mixes:
            results: dict[tuple[int, bool], float] = {}
            print(f"\nmix: {mix}")
            print(f"{'clauses':>8} {'ids':>4} {'paraphrased':>11} {'compare s':>10} {'floor s':>8} {'ratio':>6} "
                  f"{'RSS MiB':>8} {'floor MiB':>9} {'RSS ratio':>9} {'precision':>9} {'recall':>7}")  # fmt: skip
            runs = [(n, ids, False) for n in sizes for ids in (True, False)]
            if 5000 in sizes:
                runs.append((5000, False, True))
            for n, ids, paraphrase in runs:
                out = Path(tmp) / f"{mix}-{n}-{ids}-{paraphrase}"
                # In a child process: a parent grown by generating 20,000 clauses would pass its
                # peak RSS on to every process it starts (Linux keeps ru_maxrss across exec).
                subprocess.run(
                    [python, str(HERE / "generate.py"), str(n), str(out), "--mix", mix]
                    + ([] if ids else ["--no-ids"])
                    + (["--paraphrase"] if paraphrase else []),
                    check=True,
                )
                files = [str(out / "old.yaml"), str(out / "new.yaml")]
                label = f"{n:>8} {'yes' if ids else 'no':>4} {'yes' if paraphrase else 'no':>11}"
                t = measure(label, out, files, compare, floor, args.repeat)
                if not paraphrase:
                    results[(n, ids)] = t
            for ids in (True, False):
                if (20000, ids) in results and (5000, ids) in results:
                    ratio = results[(20000, ids)] / results[(5000, ids)]
                    print(f"linearity ({mix}, {'ids' if ids else 'no ids'}): 20,000 / 5,000 clauses = {ratio:.2f}x "
                          "(target <= 4.5)")  # fmt: skip
    start, _, base, _ = best(
        [*compare, "us-28-point", "geneva"],
        [python, "-c", "import yaml"],
        max(args.repeat, 5),
        Path(os.devnull),
    )
    print(f"start-up: compare us-28-point geneva {start * 1000:.0f} ms, import yaml {base * 1000:.0f} ms, "
          f"ratio {start / base:.2f} (target <= 4)")  # fmt: skip
    print("targets: ratio <= 1.3 (5,000, ids), <= 1.6 (5,000, no ids), <= 3 (5,000 paraphrased); RSS ratio <= 1.5;\n"
          "         precision, recall >= 0.99 (>= 0.98 / 0.95 paraphrased)")  # fmt: skip


if __name__ == "__main__":
    main()
