"""The published site as a reader navigates it: goldens of a small record, links, headings, the index."""

from __future__ import annotations

import posixpath
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

from plandiff.catalog import load_bundled, load_record
from plandiff.cli import app
from plandiff.model import Clause, PlanVersion, Provenance
from plandiff.sitemap import (
    DiffPage,
    ThreeWayPage,
    by_topic,
    clause_entries,
    diff_pages,
    steps_between,
    three_way_pages,
)
from plandiff.sitenav import clause_name, topic_name
from plandiff.sitepages import PROVENANCE_MEANING

SITE = DATA / "site"
"""A small record: draft → counter, draft → revision → final, and a separate declaration."""


class Page(HTMLParser):
    """Links, headings and the list nesting of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[tuple[str, str]] = []
        self.title = ""
        self.depth = 0
        self.list_links: list[tuple[int, str]] = []
        """(list depth, href) of each link inside a list item."""
        self._open: str | None = None
        self._text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
            if self.depth:
                self.list_links.append((self.depth, str(values["href"])))
        if tag == "ul":
            self.depth += 1
        if tag in ("h1", "h2", "h3", "title"):
            self._open, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth -= 1
        if tag == self._open:
            text = "".join(self._text).strip()
            if tag == "title":
                self.title = text
            else:
                self.headings.append((tag, text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def headings_of(self, level: str) -> list[str]:
        return [text for tag, text in self.headings if tag == level]


def publish(tmp_path: Path, plans: Path | None = None) -> Path:
    site = tmp_path / "site"
    args = ["publish", str(site)] + (["--plans", str(plans)] if plans else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return site


def parse(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text()) for p in sorted(site.rglob("*.html"))}


def internal(page: str, href: str) -> str | None:
    """The site path ``href`` points to from ``page`` (None for an external link)."""
    if href.startswith(("https://", "http://")):
        return None
    assert not href.startswith(("/", "javascript:", "data:", "file:")), f"{page}: {href}"
    target = href.split("#")[0] or page
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    return parse(publish(tmp_path_factory.mktemp("bundled")))


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish(tmp_path_factory.mktemp("small"), SITE / "plans")


@pytest.fixture(scope="module")
def small(small_site: Path) -> dict[str, Page]:
    return parse(small_site)


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "table.html",
        "versions/revision.html",
        "diffs/draft--final.html",
        "clauses/line.html",
        "three-way/draft--counter--revision.html",
    ],
)
def test_small_record_pages_match_goldens(page: str, small_site: Path, golden) -> None:  # type: ignore[no-untyped-def]
    golden(SITE / "expected" / page.replace("/", "--"), (small_site / page).read_text())


@pytest.mark.parametrize("record", ["small", "bundled"])
def test_no_dead_internal_link_and_every_page_reachable_from_the_index(
    record: str, request: pytest.FixtureRequest
) -> None:
    pages: dict[str, Page] = request.getfixturevalue(record)
    for name, page in pages.items():
        for href in page.links:
            target = internal(name, href)
            if target is None:
                continue
            assert target in pages or target == "style.css", f"{name} → {href}: no such page"
            if "#" in href:
                assert href.split("#")[1] in pages[target].ids, f"{name} → {href}: no such anchor"
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        name = queue.popleft()
        for href in pages[name].links:
            target = internal(name, href)
            if target in pages and target not in seen:
                seen.add(target)
                queue.append(target)
    assert seen == set(pages)


def test_no_page_is_a_dead_end(bundled: dict[str, Page]) -> None:
    """Beyond the two navigation links every page leads on: diffs, versions and clauses link onwards."""
    for name, page in bundled.items():
        nav = {"index.html", "table.html", "../index.html", "../table.html"}
        onward = {h for h in page.links if not h.startswith("http") and internal(name, h) != name} - nav
        assert len(onward) >= 3, f"{name}: only {sorted(onward)}"


def test_diff_pages_are_every_step_and_first_to_latest() -> None:
    plans = load_record(SITE / "plans")
    assert diff_pages(plans) == (
        DiffPage("draft", "counter"),
        DiffPage("draft", "revision"),
        DiffPage("revision", "final"),
        DiffPage("draft", "final", span=True),
    )
    assert steps_between(plans, DiffPage("draft", "final", True)) == (
        DiffPage("draft", "revision"),
        DiffPage("revision", "final"),
    )
    assert steps_between(plans, DiffPage("counter", "final", True)) == ()
    bundled = diff_pages(load_bundled())
    assert DiffPage("us-28-point", bundled[-1].new, span=True) == bundled[-1]
    steps = {(p.parent, p.plan) for p in load_bundled() if p.parent}
    assert {(d.old, d.new) for d in bundled if not d.span} == steps


def test_diff_pages_have_human_headings_and_link_versions_and_neighbours(small: dict[str, Page]) -> None:
    step = small["diffs/draft--revision.html"]
    assert step.headings_of("h1") == ["First draft → Revised framework"]
    assert step.title == "First draft → Revised framework"
    assert {"../versions/draft.html", "../versions/revision.html", "../diffs/revision--final.html"} <= set(
        step.links
    )
    after = small["diffs/revision--final.html"]
    assert "../diffs/draft--revision.html" in after.links  # previous in lineage
    span = small["diffs/draft--final.html"]
    assert span.headings_of("h1") == ["First draft → Final text"]
    assert {"../diffs/draft--revision.html", "../diffs/revision--final.html"} <= set(span.links)
    # clause ids in the report link to their histories
    assert {"../clauses/line.html", "../clauses/monitoring.html", "../clauses/buffer.html"} <= set(span.links)


def test_no_file_path_in_any_heading_or_title(bundled: dict[str, Page]) -> None:
    titles = {p.plan: p.title for p in load_bundled()}
    for name, page in bundled.items():
        for _, text in [*page.headings, ("title", page.title)]:
            assert ".yaml" not in text and "plans/" not in text, f"{name}: {text}"
        if name.startswith("diffs/"):
            old, new = name.removeprefix("diffs/").removesuffix(".html").split("--")
            assert page.headings_of("h1") == [f"{titles[old]} → {titles[new]}"]


def test_version_pages_link_their_diffs_parent_and_children(small: dict[str, Page]) -> None:
    draft = small["versions/draft.html"]
    for diff in ("draft--counter", "draft--revision", "draft--final"):
        assert f"../diffs/{diff}.html" in draft.links
    assert {"counter.html", "revision.html"} <= set(draft.links)  # revised by
    revision = small["versions/revision.html"]
    assert {
        "draft.html",
        "final.html",
        "../diffs/draft--revision.html",
        "../diffs/revision--final.html",
    } <= set(revision.links)


def test_table_ids_link_to_histories(small: dict[str, Page]) -> None:
    ids = [e.id for e in clause_entries(load_record(SITE / "plans"))]
    links = [h for h in small["table.html"].links if h.startswith("clauses/")]
    assert links == [f"clauses/{i}.html" for i in ids]


def test_clause_pages_link_parent_children_versions_and_topic_neighbours(small: dict[str, Page]) -> None:
    line = small["clauses/line.html"]
    assert {"territory.html", "../versions/draft.html", "../versions/final.html", "buffer.html"} <= set(
        line.links
    )
    territory = small["clauses/territory.html"]
    assert {"line.html", "buffer.html"} <= set(territory.links)


def test_index_explains_the_record_and_groups_clauses_by_topic(small: dict[str, Page]) -> None:
    index = small["index.html"]
    assert index.headings_of("h1") == ["Plan record"]
    assert index.headings_of("h3") == ["Territory", "Army", "Governance", "Security", "Other"]
    # each clause once, sub-points one list level below their clause
    clause_links = [(depth, href) for depth, href in index.list_links if href.startswith("clauses/")]
    assert clause_links == [
        (1, "clauses/territory.html"),
        (2, "clauses/line.html"),
        (2, "clauses/buffer.html"),
        (1, "clauses/army-cap.html"),
        (1, "clauses/elections.html"),
        (1, "clauses/monitoring.html"),
        (1, "clauses/guarantees.html"),
    ]


def test_bundled_index_lists_every_clause_once_under_a_topic(bundled: dict[str, Page]) -> None:
    plans = load_bundled()
    entries = clause_entries(plans)
    index = bundled["index.html"]
    assert sorted(h for _, h in index.list_links if h.startswith("clauses/")) == sorted(
        f"clauses/{e.id}.html" for e in entries
    )
    assert index.headings_of("h3") == [topic_name(t) for t, _ in by_topic(entries)]
    assert len(index.headings_of("h3")) >= 5


def test_index_paragraph_names_every_provenance(small_site: Path) -> None:
    assert set(PROVENANCE_MEANING) == set(Provenance)
    html = (small_site / "index.html").read_text()
    for kind in Provenance:
        assert f"<em>{kind.value}</em>: {PROVENANCE_MEANING[kind]}" in html


def _plan(
    slug: str, parent: str | None, clauses: tuple[Clause, ...], date: str = "2025-01-01"
) -> PlanVersion:
    return PlanVersion(f"{slug}.yaml", clauses, plan=slug, title=slug.upper(), date=date, parent=parent)


def test_sitemap_survives_parent_cycles_and_untitled_clauses() -> None:
    a = Clause("1", "x", "a", clauses=(Clause("a", "y", "b"),))
    b = Clause("1", "y", "b", clauses=(Clause("a", "x", "a"),))
    plans = (_plan("one", "two", (a,)), _plan("two", "one", (b,)))
    assert diff_pages(plans) == (DiffPage("two", "one"), DiffPage("one", "two"))
    entries = clause_entries(plans)
    grouped = by_topic(entries)
    assert sorted(e.id for _, rows in grouped for e, _ in rows) == ["a", "b"]  # each once
    long = Clause("1", "one two three four five six seven eight nine ten eleven twelve", "long")
    (entry,) = clause_entries((_plan("p", None, (long,)),))
    assert clause_name(entry) == "one two three four five six seven eight nine ten …"
    assert topic_name(entry.topic) == "Other" and topic_name("nato") == "NATO"
    assert topic_name("frozen-assets") == "Frozen assets"


def test_carried_and_reported_clauses_are_marked_on_their_version_page(small_site: Path) -> None:
    html = (small_site / "versions" / "revision.html").read_text()
    assert '<strong>1(b)</strong> · <a href="../clauses/buffer.html">buffer</a> · <em>carried</em>' in html
    assert (
        '<strong>3</strong> · <a href="../clauses/monitoring.html">monitoring</a> · Monitoring · <em>reported</em>'
        in html
    )


HOSTILE = "x\n\n<img src=x onerror=alert(1)> [a](javascript:alert(1)) `code` *em* # h | c @team"


def test_hostile_fields_reach_every_site_page_inert(tmp_path: Path) -> None:
    """Every string the site's own pages show (titles, topics, clause titles and texts, drafters,
    notes) comes from a plan: none of it becomes a tag, an attribute or a link."""
    import yaml
    from test_injection import foreign_tags

    plans = tmp_path / "plans"
    plans.mkdir()

    def clause(number: int, clause_id: str, **extra: object) -> dict[str, object]:
        return {"number": number, "id": clause_id, "title": HOSTILE, "topics": [HOSTILE.split()[0], "x-y"],
                "text": HOSTILE + str(number), "note": HOSTILE, **extra}  # fmt: skip

    root = {"plan": "a", "title": HOSTILE, "drafted_by": [HOSTILE], "notes": HOSTILE,
            "clauses": [clause(1, "one", clauses=[clause(1, "sub")]), clause(2, "two")]}  # fmt: skip
    child = {**root, "plan": "b", "parent": "a", "clauses": [clause(1, "one"), clause(3, "three")]}
    grandchild = {**root, "plan": "c", "parent": "b", "title": HOSTILE + "c"}
    for data in (root, child, grandchild):
        (plans / f"{data['plan']}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    site = publish(tmp_path, plans)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 2 + 3 + 3 + 4  # index, table; versions; a→b, b→c, a→c; clauses
    for page in pages:
        html = page.read_text()
        assert foreign_tags(html) == [], page.name
        assert "<img" not in html and 'href="javascript' not in html
    index = Page((site / "index.html").read_text())
    assert index.headings_of("h3") == ["X"]  # topic "x", one group


def test_three_way_pages_pair_neighbouring_revisions_of_one_base(small: dict[str, Page]) -> None:
    assert three_way_pages(load_record(SITE / "plans")) == (ThreeWayPage("draft", "counter", "revision"),)
    assert three_way_pages(load_bundled())[0] == ThreeWayPage("us-28-point", "e3-counterproposal", "geneva")
    children = tuple(_plan(f"c{k}", "root", ()) for k in range(5))
    views = three_way_pages((_plan("root", None, ()), *children))
    assert [(v.a, v.b) for v in views] == [("c0", "c1"), ("c1", "c2"), ("c2", "c3"), ("c3", "c4")]  # k - 1
    page = small["three-way/draft--counter--revision.html"]
    assert page.headings_of("h1") == ["Two revisions of First draft side by side"]
    assert page.title == "First draft: Counter-proposal and Revised framework side by side"
    assert {"../versions/draft.html", "../versions/counter.html", "../versions/revision.html",
            "../diffs/draft--counter.html", "../diffs/draft--revision.html",
            "../clauses/army-cap.html", "../clauses/line.html"} <= set(page.links)  # fmt: skip
    for name in (
        "index.html",
        "versions/draft.html",
        "diffs/draft--counter.html",
        "diffs/draft--revision.html",
    ):
        target = "three-way/draft--counter--revision.html"
        assert any(internal(name, h) == target for h in small[name].links), name


def test_clause_keeps_the_name_it_entered_the_record_with() -> None:
    first = _plan(
        "first", None, (Clause("1", "Army of 600,000.", "army", title="Army size", topics=("army",)),)
    )
    later = _plan(
        "later", None, (Clause("1", "No limits.", "army", title="No limits", topics=("security",)),)
    )
    untitled = _plan("zero", None, (Clause("1", "Army of 500,000.", "army"),))
    (entry,) = clause_entries((untitled, first, later))
    assert (entry.title, entry.topic, clause_name(entry)) == ("Army size", "army", "Army size")
    assert entry.texts == ("Army of 500,000.", "Army of 600,000.", "No limits.")
