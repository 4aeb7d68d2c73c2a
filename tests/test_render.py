"""Each golden case × each format, through the real CLI, compared with its golden in full."""

from __future__ import annotations

import pytest
from conftest import CASES, DATA, ROOT
from typer.testing import CliRunner

from plandiff.cli import app

FORMATS = {
    "terminal": ("expected.txt", ["--no-color", "--width", "100"]),
    "markdown": ("expected.md", ["--format", "markdown"]),
    "json": ("expected.json", ["--format", "json"]),
}
SAME = {"identical", "provenance-only"}
"""Cases whose versions do not differ (exit code 0)."""


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_case_matches_golden(case: str, fmt: str, runner: CliRunner, golden, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)  # labels in reports are the paths as given: keep them relative
    name, extra = FORMATS[fmt]
    options = DATA / case / "args"  # extra compare options for the case, e.g. --no-ids
    extra = [*extra, *(options.read_text().split() if options.exists() else [])]
    args = ["compare", f"tests/data/{case}/v1.yaml", f"tests/data/{case}/v2.yaml", *extra]
    result = runner.invoke(app, args)
    assert result.stderr == ""
    assert result.exit_code == (0 if case in SAME else 1)
    golden(DATA / case / name, result.stdout)


def test_every_case_has_all_goldens() -> None:
    for case in CASES:
        for name, _ in FORMATS.values():
            assert (DATA / case / name).exists(), f"{case}/{name} missing"


def test_json_lines_have_sorted_keys() -> None:
    """The JSON renderer writes each change's keys in sorted order itself (for speed, the encoder
    does not sort them): every line must equal its canonical sorted-key encoding."""
    import json

    from plandiff import compare, load_plan, parse_plan, render
    from plandiff.model import CompareOptions
    from plandiff.render import RenderOptions
    from plandiff.render.sanitize import json_inert

    pairs = [tuple(load_plan(DATA / case / f"{v}.yaml") for v in ("v1", "v2")) for case in CASES]
    case_only = "clauses:\n  - {number: '1', text: 'The Army cap is 600,000.'}\n"
    pairs.append(
        (parse_plan(case_only, "a.yaml"), parse_plan(case_only.lower().replace("600", "800"), "b.yaml"))
    )
    # Strings that need escaping, or must pass unescaped (ensure_ascii=False): quotes, backslash,
    # tab, newline, non-Latin text; a line separator, which json_inert writes as \u2028.
    tricky = 'clauses:\n  - {number: "1", text: "Say \\"no\\" \\\\ a\\tb\\nc \\u2028 Київ 😀", title: "T"}\n'
    pairs.append((parse_plan(tricky, "a.yaml"), parse_plan(tricky.replace("Say", "Said"), "b.yaml")))
    seen: set[str] = set()
    for old, new in pairs:
        for options in (CompareOptions(), CompareOptions(ignore_case=True, ignore_whitespace=True)):
            text = render("json")(compare(old, new, options), RenderOptions())
            lines = text.split("\n")[:-1]  # not splitlines(): U+2028 inside a string is no line break
            for line in lines[1:-1]:
                change = json.loads(line.rstrip(","))
                canonical = json.dumps(change, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                assert line.rstrip(",") == json_inert(canonical)
                seen.update(change)
                seen.update(key for seg in change["segments"] for key in seg)
                seen.update(key for q in change["quantities"] for key in q)
                seen.update(key for part in change["parts"] for key in part)
    # Every optional shape was exercised: segments with old_text, quantities, parts of a split.
    assert {"old_text", "new_value", "provenance"} - seen == set()
