"""Synthetic plan pairs for the benchmark, with the true pairing.

    python bench/generate.py N OUTDIR [--no-ids] [--seed S]

writes OUTDIR/old.yaml, OUTDIR/new.yaml and OUTDIR/truth.json (a list of [old address, new
address] pairs, addresses joined with "."). The new version is the old one with about 10% of
clauses edited (a word or two changed), 3% deleted, 3% inserted, 5% moved elsewhere, a clause
inserted first so that every later clause is renumbered, and some clauses with sub-points. The
vocabulary has a few thousand distinct words, as a long real plan does.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import yaml

VOCABULARY = 3000


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 10))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    # Zipf-like choice: common words recur, as function words do in real text.
    words = [vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1) if rng.random() < 0.4 else rng.randrange(len(vocab))]
             for _ in range(rng.randint(8, 30))]  # fmt: skip
    return " ".join(words).capitalize() + "."


def _edit(rng: random.Random, text: str, vocab: list[str]) -> str:
    words = text.rstrip(".").split(" ")
    for _ in range(rng.randint(1, 2)):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(vocab))
    return " ".join(words) + "."


def generate(
    n: int, with_ids: bool, seed: int
) -> tuple[dict[str, object], dict[str, object], list[list[str]]]:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    # A clause is [key, text, [sub texts]]; keys identify the same clause in both versions.
    old = []
    for k in range(n):
        subs = [_sentence(rng, vocab) for _ in range(rng.randint(2, 3))] if rng.random() < 0.1 else []
        old.append([k, _sentence(rng, vocab), subs])
    new = []
    for key, text, subs in old:
        if rng.random() < 0.03:
            continue  # deleted
        if rng.random() < 0.10:
            text = _edit(rng, text, vocab)
        new.append([key, text, list(subs)])
        if rng.random() < 0.03:
            new.append([f"new{len(new)}", _sentence(rng, vocab), []])  # inserted
    for _ in range(int(0.05 * len(new))):
        item = new.pop(rng.randrange(len(new)))
        new.insert(rng.randrange(len(new) + 1), item)  # moved
    new.insert(0, ["new-first", _sentence(rng, vocab), []])  # renumbers everything after it

    def dump(items: list[list[object]]) -> tuple[dict[str, object], dict[object, str]]:
        clauses, numbers = [], {}
        for position, (key, text, subs) in enumerate(items, 1):
            clause: dict[str, object] = {"number": str(position), "text": text}
            if with_ids:
                clause["id"] = f"c-{key}"
            if subs:
                clause["clauses"] = [
                    {"number": chr(ord("a") + s), "text": sub, **({"id": f"c-{key}-{s}"} if with_ids else {})}
                    for s, sub in enumerate(subs)  # type: ignore[arg-type]
                ]
            clauses.append(clause)
            numbers[key] = str(position)
        return {"title": "synthetic", "clauses": clauses}, numbers

    old_doc, old_numbers = dump(old)
    new_doc, new_numbers = dump(new)
    truth = []
    sub_counts = {key: len(subs) for key, _, subs in old}
    for key, number in new_numbers.items():
        if key in old_numbers:
            truth.append([old_numbers[key], number])
            truth.extend(
                [f"{old_numbers[key]}.{chr(97 + s)}", f"{number}.{chr(97 + s)}"]
                for s in range(sub_counts[key])
            )
    return old_doc, new_doc, truth


def write(n: int, out: Path, with_ids: bool, seed: int = 1) -> None:
    old, new, truth = generate(n, with_ids, seed)
    out.mkdir(parents=True, exist_ok=True)
    for name, doc in (("old.yaml", old), ("new.yaml", new)):
        (out / name).write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100))
    (out / "truth.json").write_text(json.dumps(truth))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-ids", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.n, args.out, not args.no_ids, args.seed)


if __name__ == "__main__":
    main()
