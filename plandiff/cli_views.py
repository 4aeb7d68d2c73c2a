"""The commands that read a comparison for a purpose: ``brief`` and ``three-way``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from .cli_shell import deliver
from .cliapp import MaxBytes, NoPager, app, colored, console_for, fail, load_inputs, to_text
from .errors import PlandiffError, UsageError, quoted
from .load import MAX_BYTES
from .model import CompareOptions, PlanVersion
from .render import RenderOptions

Order = Annotated[
    str,
    typer.Option(
        "--order", help="consequence (substantive first, status-only grouped, editorial last) or clause."
    ),
]
"""The ``--order`` option of ``compare``."""
VIEW_FORMATS = ("terminal", "markdown", "html")
THREE_WAY_FORMATS = ("terminal", "markdown", "json", "html")
Format = Annotated[
    str, typer.Option("--format", "-f", help="Output format: terminal, markdown, html (three-way: json too).")
]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")]
Color = Annotated[bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")]
Width = Annotated[int | None, typer.Option("--width", min=20, help="Terminal-format width.")]


def _format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise UsageError(f"--format: unknown format {quoted(fmt)} (choose from {', '.join(allowed)})")


@app.command()
def brief(
    old: Annotated[str, typer.Argument(help="The old version: a YAML file, REV:PATH or bundled plan name.")],
    new: Annotated[str, typer.Argument(help="The new version.")],
    fmt: Format = "terminal",
    output: Output = None,
    color: Color = None,
    width: Width = None,
    max_bytes: MaxBytes = MAX_BYTES,
    no_pager: NoPager = False,
) -> None:
    """A one-page brief: the five to ten most consequential changes, one sentence each.

    Each sentence gives the numbers, whose change it is and its status; then the rest are
    counted and every changed point is listed by class.

    Examples:

      plandiff brief us-28-point geneva

      plandiff brief us-28-point e3-counterproposal --format markdown -o brief.md
    """
    from .brief import make_brief
    from .diff import compare
    from .render.brief import render_markdown, render_terminal

    try:
        _format(fmt, VIEW_FORMATS)
        (old_plan, old_path), (new_plan, new_path) = load_inputs((old, new), max_bytes)
        made = make_brief(compare(old_plan, new_plan))
        if fmt in ("markdown", "html"):
            text = render_markdown(made, RenderOptions())
            if fmt == "html":
                from .render.html import page

                text = page(text, f"Brief: {made.report.old.label} → {made.report.new.label}")
        else:
            console = console_for(color, width, output)
            text = to_text(console, render_terminal(made, RenderOptions(color=colored(console))))
        deliver(text, output, tuple(p for p in (old_path, new_path) if p is not None), not no_pager)
    except PlandiffError as error:
        fail(error)
    raise typer.Exit(1 if made.report.has_changes else 0)


@app.command("three-way")
def three_way_command(
    base: Annotated[str, typer.Argument(help="The common base version.")],
    a: Annotated[str, typer.Argument(help="Revision A of the base.")],
    b: Annotated[str, typer.Argument(help="Revision B of the base.")],
    fmt: Format = "terminal",
    output: Output = None,
    color: Color = None,
    width: Width = None,
    max_bytes: MaxBytes = MAX_BYTES,
    no_pager: NoPager = False,
) -> None:
    """Two revisions of one base, clause by clause: where they converge and where they differ.

    Each clause is unchanged by both, changed only by A or only by B, changed by both the same
    way (convergence), changed differently (contested: both shown), or removed by one or both.
    Also: plandiff compare BASE A B.

    Examples:

      plandiff three-way us-28-point e3-counterproposal geneva

      plandiff compare us-28-point e3-counterproposal geneva --format json
    """
    try:
        text, changed, inputs = run_three_way((base, a, b), fmt, color, width, output, max_bytes)
        deliver(text, output, inputs, not no_pager)
    except PlandiffError as error:
        fail(error)
    raise typer.Exit(1 if changed else 0)


def compare_plans(
    plans: tuple[str, ...],
    show: Callable[[PlanVersion, PlanVersion], tuple[str, bool]],
    fmt: str,
    screen: tuple[bool | None, int | None, Path | None],
    max_bytes: int,
    options: CompareOptions,
) -> tuple[str, bool, tuple[Path, ...]]:
    """``compare``'s plans: OLD NEW through ``show``, or BASE A B as the three-way view.

    ``screen`` is (colour, width, output) for the terminal format. Also returns the files read.
    """
    if len(plans) == 3:
        return run_three_way(plans, fmt, *screen, max_bytes, options)
    if len(plans) != 2:
        raise UsageError("compare needs two plans, OLD and NEW (three for a three-way view, or --git REV)")
    (old_plan, old_path), (new_plan, new_path) = load_inputs(plans, max_bytes)
    text, changed = show(old_plan, new_plan)
    return text, changed, tuple(p for p in (old_path, new_path) if p is not None)


def run_three_way(
    plans: tuple[str, ...],
    fmt: str,
    color: bool | None,
    width: int | None,
    output: Path | None,
    max_bytes: int,
    options: CompareOptions | None = None,
) -> tuple[str, bool, tuple[Path, ...]]:
    """Load BASE A B, build the three-way view and render it; also returns the files read."""
    from .render.threeway import render_json, render_markdown
    from .threeway import three_way

    _format(fmt, THREE_WAY_FORMATS)
    (base, _), (a, _), (b, _) = loaded = load_inputs(plans, max_bytes)
    view = three_way(base, a, b, options)
    inputs = tuple(path for _, path in loaded if path is not None)
    if fmt == "json":
        return render_json(view), view.has_changes, inputs
    if fmt == "markdown":
        return render_markdown(view), view.has_changes, inputs
    if fmt == "html":
        from .render.html import page

        title = f"Three-way: {view.base.label} → A {view.a.label}, B {view.b.label}"
        return page(render_markdown(view), title), view.has_changes, inputs
    from .render.threeway_terminal import render

    console = console_for(color, width, output)
    renderable = render(view, RenderOptions(color=colored(console)))
    return to_text(console, renderable), view.has_changes, inputs
