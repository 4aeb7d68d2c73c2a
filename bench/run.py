"""Benchmark: plandiff compare against the YAML-loading floor, in one run, as ratios.

    python bench/run.py [--sizes 1000,5000,20000] [--repeat 3]

For each size, with and without ids, it times whole processes (best of --repeat, interleaved so
machine noise hits both alike): `plandiff compare old new --format json --unchanged` and the floor,
a process that only loads both files with yaml.CSafeLoader. It prints wall times, their ratio,
the 20,000/5,000 ratio (linearity), peak RSS of both, and the pairing precision and recall
against the generator's truth. Also start-up: `plandiff compare us-28-point geneva` against
`python -c "import yaml"`. Targets (README, Performance) are printed beside the measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write  # noqa: E402  # bench/ is not a package

FLOOR = "import sys, yaml\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as h: yaml.load(h, Loader=yaml.CSafeLoader)\n"


CWD = tempfile.gettempdir()
"""Where the measured processes run: never the source tree, whose ``plandiff/`` would shadow the
installed package under ``python -m`` (and, with PYTHONDONTWRITEBYTECODE set, be compiled from
source on every start)."""


def run(argv: list[str]) -> tuple[float, int, bytes]:
    """Wall time (s), peak RSS (KiB) and stdout of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=CWD)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss, out


def best(argv: list[str], floor: list[str], repeat: int) -> tuple[float, int, float, int, bytes]:
    times, rss, ftimes, frss, out = [], [], [], [], b""
    for _ in range(repeat):
        t, r, out = run(argv)
        times.append(t)
        rss.append(r)
        ft, fr, _ = run(floor)
        ftimes.append(ft)
        frss.append(fr)
    return min(times), max(rss), min(ftimes), max(frss), out


def accuracy(report: bytes, truth_path: Path) -> tuple[float, float]:
    truth = {tuple(p) for p in json.loads(truth_path.read_text())}
    predicted = set()
    for change in json.loads(report)["changes"]:
        if change["old"] and change["new"]:
            predicted.add((".".join(change["old"]["address"]), ".".join(change["new"]["address"])))
    hit = len(truth & predicted)
    return hit / max(len(predicted), 1), hit / max(len(truth), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    python = sys.executable
    compare = [python, "-m", "plandiff", "compare"]
    results: dict[tuple[int, bool], float] = {}
    where = subprocess.run([python, "-c", "import plandiff; print(plandiff.__file__)"], cwd=CWD,
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    print(f"measuring {where}")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'clauses':>8} {'ids':>4} {'compare s':>10} {'floor s':>8} {'ratio':>6} {'RSS MiB':>8} "
              f"{'floor MiB':>9} {'RSS ratio':>9} {'precision':>9} {'recall':>7}")  # fmt: skip
        for n in sizes:
            for ids in (True, False):
                out = Path(tmp) / f"{n}-{ids}"
                write(n, out, ids)
                files = [str(out / "old.yaml"), str(out / "new.yaml")]
                t, rss, ft, frss, report = best(
                    [*compare, *files, "--format", "json", "--unchanged"],
                    [python, "-c", FLOOR, *files],
                    args.repeat,
                )
                precision, recall = accuracy(report, out / "truth.json")
                results[(n, ids)] = t
                print(f"{n:>8} {'yes' if ids else 'no':>4} {t:>10.3f} {ft:>8.3f} {t / ft:>6.2f} {rss / 1024:>8.1f} "
                      f"{frss / 1024:>9.1f} {rss / frss:>9.2f} {precision:>9.4f} {recall:>7.4f}")  # fmt: skip
    for ids in (True, False):
        if (20000, ids) in results and (5000, ids) in results:
            ratio = results[(20000, ids)] / results[(5000, ids)]
            print(
                f"linearity ({'ids' if ids else 'no ids'}): 20,000 / 5,000 clauses = {ratio:.2f}x (target <= 4.2)"
            )
    start, _, base, _, _ = best(
        [*compare, "us-28-point", "geneva"], [python, "-c", "import yaml"], max(args.repeat, 5)
    )
    print(f"start-up: compare us-28-point geneva {start * 1000:.0f} ms, import yaml {base * 1000:.0f} ms, "
          f"ratio {start / base:.2f} (target <= 4)")  # fmt: skip
    print(
        "targets: ratio <= 1.3 (5,000, ids), <= 1.6 (5,000, no ids); RSS ratio <= 1.5; precision, recall >= 0.99"
    )


if __name__ == "__main__":
    main()
