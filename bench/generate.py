"""Synthetic plan pairs for the benchmark, with the true pairing.

    python bench/generate.py N OUTDIR [--no-ids] [--mix default|harsh] [--paraphrase] [--seed S]

writes OUTDIR/old.yaml, OUTDIR/new.yaml and OUTDIR/truth.json (a list of [old address, new
address] pairs, addresses joined with "."). The vocabulary has a few thousand distinct words, as
a long real plan does. Mixes of changes:

- ``default``: about 10% of top-level clauses edited (a word or two changed), 3% deleted, 3%
  inserted, 5% moved elsewhere, a clause inserted first so that every later clause is renumbered,
  10% of clauses with 2–3 sub-points (left as they were).
- ``harsh``: the same rates applied at every level (sub-points edited, deleted, inserted and
  moved too), heavier edits (two or three words replaced, one inserted or dropped), 20% of
  clauses with 2–4 sub-points, and every clause renumbered (a point inserted first; sub-points
  lettered afresh).

``--paraphrase`` then rewrites every clause of the new version the way a second drafter would:
about a third of its words are swapped for a synonym (a fixed other word of the vocabulary) or
moved to another place in the sentence.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import yaml

VOCABULARY = 3000

Item = list  # [key, text, [sub items]]: keys identify the same clause in both versions


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


def _edit(rng: random.Random, text: str, vocab: list[str], heavy: bool) -> str:
    words = text.rstrip(".").split(" ")
    for _ in range(rng.randint(2, 3) if heavy else rng.randint(1, 2)):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    if heavy and rng.random() < 0.5 and len(words) > 4:
        words.pop(rng.randrange(len(words)))
    elif rng.random() < (0.5 if heavy else 0.3):
        words.insert(rng.randrange(len(words)), rng.choice(vocab))
    return " ".join(words) + "."


def _paraphrase(rng: random.Random, text: str, synonyms: dict[str, str]) -> str:
    words = text.rstrip(".").lower().split(" ")
    for k in rng.sample(range(len(words)), max(1, len(words) // 3)):
        if rng.random() < 0.5:
            words[k] = synonyms.get(words[k], words[k])
        else:
            other = rng.randrange(len(words))
            words[k], words[other] = words[other], words[k]
    return " ".join(words).capitalize() + "."


def _revise(rng: random.Random, items: list[Item], vocab: list[str], harsh: bool, level: int) -> list[Item]:
    """The new version of a list of sibling items (deep-copied)."""
    out: list[Item] = []
    for key, text, subs in items:
        if rng.random() < 0.03:
            continue  # deleted
        if rng.random() < 0.10:
            text = _edit(rng, text, vocab, harsh)
        if harsh and subs:
            subs = _revise(rng, subs, vocab, harsh, level + 1)
        out.append([key, text, [list(s) for s in subs]])
        if rng.random() < 0.03:
            out.append([f"{key}-new{len(out)}", _sentence(rng, vocab), []])  # inserted
    if level == 0 or harsh:
        for _ in range(max(int(0.05 * len(out)), 1 if harsh and len(out) > 2 and rng.random() < 0.05 else 0)):
            item = out.pop(rng.randrange(len(out)))
            out.insert(rng.randrange(len(out) + 1), item)  # moved
    return out


def generate(
    n: int, with_ids: bool, seed: int, mix: str = "default", paraphrase: bool = False
) -> tuple[dict[str, object], dict[str, object], list[list[str]]]:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    harsh = mix == "harsh"
    old: list[Item] = []
    for k in range(n):
        if rng.random() < (0.2 if harsh else 0.1):
            subs = [[f"{k}.{s}", _sentence(rng, vocab), []] for s in range(rng.randint(2, 4 if harsh else 3))]
        else:
            subs = []
        old.append([k, _sentence(rng, vocab), subs])
    new = _revise(rng, old, vocab, harsh, 0)
    new.insert(0, ["new-first", _sentence(rng, vocab), []])  # renumbers everything after it
    if paraphrase:
        shuffled = vocab[:]
        rng.shuffle(shuffled)
        synonyms = dict(zip(vocab, shuffled))
        for item in new:
            item[1] = _paraphrase(rng, item[1], synonyms)
            for sub in item[2]:
                sub[1] = _paraphrase(rng, sub[1], synonyms)

    def dump(items: list[Item]) -> tuple[dict[str, object], dict[object, str]]:
        clauses, numbers = [], {}
        for position, (key, text, subs) in enumerate(items, 1):
            clause: dict[str, object] = {"number": str(position), "text": text}
            if with_ids:
                clause["id"] = f"c-{key}"
            numbers[key] = str(position)
            if subs:
                clause["clauses"] = []
                for s, (sub_key, sub_text, _) in enumerate(subs):
                    letter = chr(ord("a") + s)
                    sub: dict[str, object] = {"number": letter, "text": sub_text}
                    if with_ids:
                        sub["id"] = f"c-{sub_key}".replace(".", "-")
                    clause["clauses"].append(sub)  # type: ignore[attr-defined]
                    numbers[sub_key] = f"{position}.{letter}"
            clauses.append(clause)
        return {"title": "synthetic", "clauses": clauses}, numbers

    old_doc, old_numbers = dump(old)
    new_doc, new_numbers = dump(new)
    truth = [[old_numbers[key], number] for key, number in new_numbers.items() if key in old_numbers]
    return old_doc, new_doc, truth


def write(
    n: int, out: Path, with_ids: bool, seed: int = 1, mix: str = "default", paraphrase: bool = False
) -> None:
    old, new, truth = generate(n, with_ids, seed, mix, paraphrase)
    out.mkdir(parents=True, exist_ok=True)
    for name, doc in (("old.yaml", old), ("new.yaml", new)):
        (out / name).write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100))
    (out / "truth.json").write_text(json.dumps(truth))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-ids", action="store_true")
    parser.add_argument("--mix", choices=("default", "harsh"), default="default")
    parser.add_argument("--paraphrase", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.n, args.out, not args.no_ids, args.seed, args.mix, args.paraphrase)


if __name__ == "__main__":
    main()
