"""The bundled record is in plandiff's own words: no long runs copied from the fact sheets.

Every ``text``, ``note`` and ``notes`` in ``plans/*.yaml`` may share at most ``MAX_RUN``
consecutive words with any fact sheet in ``../shared/sources/`` (quotations inside the sheets
included). Numbers, names, dates and places are kept exactly as the sheets give them, so short
shared runs are expected; a run longer than ``MAX_RUN`` means a sentence was copied.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheets import SHEETS, SOURCES, needs_sources

from plandiff.flat import flatten
from plandiff.load import bundled_dir, load_plan

MAX_RUN = 10  # words; the longest run of consecutive normalised words a field may share with a sheet


def words(text: str) -> list[str]:
    """Normalised words: case-folded, accents and apostrophes dropped, digit groups joined.

    ``Ukraine’s`` → ``ukraines``; ``600,000`` → ``600000``; ``arms-control`` → ``arms``,
    ``control``; punctuation never separates a run, so a copy cannot hide behind commas.
    """
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`ʼ]", "", text)
    text = re.sub(r"(?<=\d)[,.](?=\d)", "", text)
    return re.findall(r"[^\W_]+", text)


def shingles(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def longest_shared_run(tokens: list[str], sheet_grams: dict[int, set[tuple[str, ...]]]) -> tuple[int, int]:
    """(length, start) of the longest run of ``tokens`` found in a sheet, up to ``max(sheet_grams)``."""
    best = (0, 0)
    top = max(sheet_grams)
    for start in range(len(tokens)):
        n = best[0] + 1
        while n <= top and start + n <= len(tokens) and tuple(tokens[start : start + n]) in sheet_grams[n]:
            best = (n, start)
            n += 1
    return best


def fields(path: Path) -> Iterator[tuple[str, str]]:
    """(location, string) for the plan's notes and every clause's text and note."""
    plan = load_plan(path, path.name)
    if plan.notes:
        yield f"{path.name}: notes", plan.notes
    for flat in flatten(plan.clauses):
        clause, address = flat.located.clause, flat.located.address
        where = f"{path.name}: {address[0]}" + "".join(f"({a})" for a in address[1:])
        yield f"{where} text", clause.text
        if clause.note:
            yield f"{where} note", clause.note


@pytest.fixture(scope="module")
def sheet_grams() -> dict[int, set[tuple[str, ...]]]:
    tokens = [words(p.read_text(encoding="utf-8")) for p in SHEETS]
    # Runs are measured up to 40 words so a failure can say how long the copied run is.
    return {n: set().union(*(shingles(t, n) for t in tokens)) for n in range(1, 41)}


def plan_fields() -> list[tuple[str, str]]:
    return [field for path in sorted(bundled_dir().glob("*.yaml")) for field in fields(path)]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        pytest.param("Ukraine’s army: 600,000.", ["ukraines", "army", "600000"], id="apostrophe-and-number"),
        pytest.param("Zaporizhzhia NPP—50:50", ["zaporizhzhia", "npp", "50", "50"], id="dash-and-ratio"),
        pytest.param("Élysée", ["elysee"], id="accents"),
    ],
)
def test_words_normalise(tokens: str, expected: list[str]) -> None:
    assert words(tokens) == expected


def test_longest_shared_run_finds_the_copied_run() -> None:
    sheet = words("one two three four five six seven eight nine ten eleven twelve")
    grams = {n: shingles(sheet, n) for n in range(1, 41)}
    copied = words("Intro: Four five six seven eight nine ten eleven, then more.")
    assert longest_shared_run(copied, grams) == (8, 1)
    assert longest_shared_run(words("nothing here"), grams) == (0, 0)


def test_fields_cover_notes_texts_and_sub_point_notes(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "notes: n\nclauses:\n  - number: 1\n    text: t\n    note: x\n"
        "    clauses:\n      - number: a\n        text: s\n"
    )
    assert list(fields(plan)) == [
        ("p.yaml: notes", "n"),
        ("p.yaml: 1 text", "t"),
        ("p.yaml: 1 note", "x"),
        ("p.yaml: 1(a) text", "s"),
    ]


@needs_sources
def test_no_field_copies_more_than_ten_words_from_a_fact_sheet(
    sheet_grams: dict[int, set[tuple[str, ...]]],
) -> None:
    copied = []
    for where, value in plan_fields():
        tokens = words(value)
        length, start = longest_shared_run(tokens, sheet_grams)
        if length > MAX_RUN:
            copied.append(f"{where}: {length} words shared: {' '.join(tokens[start : start + length])}")
    assert not copied, "\n".join(copied)


@needs_sources
def test_the_check_sees_the_sheets(sheet_grams: dict[int, set[tuple[str, ...]]]) -> None:
    # A sentence lifted from a sheet must fail: guards against reading the wrong folder.
    sheet = words((SOURCES / "us-28-point-2025-11-20.md").read_text(encoding="utf-8"))
    assert longest_shared_run(sheet[100:140], sheet_grams)[0] == 40
