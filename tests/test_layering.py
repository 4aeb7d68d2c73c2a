"""Import direction and library homes (STYLE.md §1), checked on the source with ast."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "plandiff"
MODULES = {
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): path
    for path in PACKAGE.rglob("*.py")
}
HOMES = {
    "yaml": {"plandiff.load"},
    "diff_match_patch": {"plandiff.worddiff"},
    "typer": {
        "plandiff.cli",
        "plandiff.cliapp",
        "plandiff.cli_review",
        "plandiff.cli_publish",
        "plandiff.cli_views",
        "plandiff.cli_shell",
    },
    "rich": {
        "plandiff.cli",
        "plandiff.cliapp",
        "plandiff.render.terminal",
        "plandiff.render.history",
        "plandiff.render.threeway_terminal",
        "plandiff.render.brief",
    },
    "markdown_it": {"plandiff.render.html", "plandiff.importmd"},
    "Stemmer": {"plandiff.align.similarity"},
}
"""Each third-party library and the only modules allowed to import it."""
STDLIB_ONLY = {
    "plandiff.model", "plandiff.errors", "plandiff.rawtree", "plandiff.lineage", "plandiff.obligation",
    "plandiff.classes",
    "plandiff.provenance",
}  # fmt: skip
RENDER_MAY_NOT_IMPORT = {
    "plandiff.align",
    "plandiff.diff",
    "plandiff.worddiff",
    "plandiff.quantities",
    "plandiff.load",
    "plandiff.history",
    "plandiff.classify",
    "plandiff.obligation",
}


def imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text())
    package = module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base)
                name = f"{prefix}.{node.module}" if node.module else prefix
                found.add(name)
                if not node.module:
                    found.update(f"{prefix}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module or "")
    return found


CLI = {
    "plandiff.cli",
    "plandiff.cliapp",
    "plandiff.cli_views",
    "plandiff.cli_gitenv",
    "plandiff.cli_shell",
    "plandiff.cli_gitcompare",
    "plandiff.cli_review",
    "plandiff.cli_publish",
    "plandiff.__main__",
}
"""The command-line layer: the only modules that touch consoles and exit codes."""


def test_module_table_is_complete() -> None:
    assert {"plandiff.cli", "plandiff.load", "plandiff.render.terminal", "plandiff.model"} <= set(MODULES)


@pytest.mark.parametrize("library", sorted(HOMES))
def test_each_library_has_one_home(library: str) -> None:
    users = {m for m in MODULES if any(i == library or i.startswith(library + ".") for i in imports(m))}
    assert users <= HOMES[library], f"{library} imported by {sorted(users - HOMES[library])}"


@pytest.mark.parametrize("module", sorted(STDLIB_ONLY))
def test_core_values_use_only_the_standard_library(module: str) -> None:
    for name in imports(module):
        top = name.split(".")[0]
        assert top == "plandiff" and name in STDLIB_ONLY or top in sys.stdlib_module_names, (
            f"{module} imports {name}"
        )


def test_only_main_imports_cli() -> None:
    users = {m for m in MODULES if "plandiff.cli" in imports(m)}
    assert users == {"plandiff.__main__"}
    for module in MODULES:
        if module not in CLI:
            assert not {i for i in imports(module) if i in CLI}, f"{module} imports the CLI layer"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("plandiff.render")))
def test_renderers_never_diff_align_or_load(module: str) -> None:
    found = imports(module)
    assert not found & RENDER_MAY_NOT_IMPORT
    assert not [name for name in found if name.startswith("plandiff.align.")]


ALIGN_LAYERS = ["similarity", "chain", "moves", "candidates", "splits", "exact", "passes", "__init__"]
"""Modules of the pairing engine, lowest first: each imports only modules listed before it."""
ALIGN_MAY_USE = {"plandiff.model", "plandiff.flat"}
"""What the pairing engine may import from the rest of plandiff: values, never stages."""


def test_align_layers_are_complete() -> None:
    inside = {m for m in MODULES if m.startswith("plandiff.align")}
    assert inside == {f"plandiff.align.{name}" for name in ALIGN_LAYERS[:-1]} | {"plandiff.align"}


@pytest.mark.parametrize("layer", range(len(ALIGN_LAYERS)))
def test_align_imports_point_down(layer: int) -> None:
    name = ALIGN_LAYERS[layer]
    module = "plandiff.align" if name == "__init__" else f"plandiff.align.{name}"
    below = {f"plandiff.align.{n}" for n in ALIGN_LAYERS[:layer]}
    for found in imports(module):
        if found.startswith("plandiff"):
            assert found in below | ALIGN_MAY_USE, f"{module} imports {found}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m not in CLI))
def test_core_never_prints_or_exits(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            assert name not in {"print", "exit"}, f"{module}:{node.lineno} calls {name}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module: str) -> None:
    lines = len(MODULES[module].read_text().splitlines())
    assert lines <= 320, f"{module} has {lines} lines; split it by concept"


SITE_STRUCTURE_MAY_NOT_IMPORT = {
    "plandiff.render",
    "plandiff.diff",
    "plandiff.publish",
    "plandiff.sitepages",
    "plandiff.sitenav",
}


def test_site_layers_point_one_way() -> None:
    """sitemap is structure only; the site's pages (sitenav, sitepages, publish) sit above the renderers."""
    assert not {i for i in imports("plandiff.sitemap") if i.split(".")[:2] == ["plandiff", "render"]}
    assert not imports("plandiff.sitemap") & SITE_STRUCTURE_MAY_NOT_IMPORT
    for module in (m for m in MODULES if m.startswith("plandiff.render")):
        assert not imports(module) & {
            "plandiff.sitemap",
            "plandiff.sitenav",
            "plandiff.sitepages",
            "plandiff.publish",
        }, module


def test_change_classes_are_core() -> None:
    """Classification is computed in the core (diff imports it) and never by a renderer."""
    assert "plandiff.classify" in imports("plandiff.diff")
    assert imports("plandiff.classify") <= {
        "__future__", "re", "collections",
        "plandiff.model", "plandiff.obligation", "plandiff.quantities", "plandiff.classes", "plandiff.provenance",
    }  # fmt: skip


def test_views_are_core_and_rendered_in_render() -> None:
    """The brief, the three-way view and the order by consequence are computed in the core; only
    render/ modules turn them into text, and the core views never import a renderer."""
    for module in ("plandiff.brief", "plandiff.threeway", "plandiff.consequence", "plandiff.attribution"):
        assert not {i for i in imports(module) if i.startswith(("plandiff.render", "plandiff.cli"))}, module
        assert not {i for i in imports(module) if i.split(".")[0] in {"rich", "typer"}}, module
    assert "plandiff.threeway" in imports("plandiff.render.threeway")
    assert "plandiff.brief" in imports("plandiff.render.brief")
