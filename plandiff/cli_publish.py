"""Commands that write files: publish (a static site) and import (Markdown → plan YAML)."""

import gc
import sys
from pathlib import Path
from typing import Annotated

import typer

from .catalog import load_record
from .cli_shell import deliver
from .cliapp import MaxBytes, PlansDir, app, fail
from .errors import PlandiffError, PlanFormatError, quoted
from .load import MAX_BYTES, parse_plan, read_text
from .render.sanitize import terminal_line
from .sitedir import write_site


@app.command()
def publish(
    outdir: Annotated[
        Path, typer.Argument(help="Directory for the site (created, or replaced if an earlier site).")
    ],
    plans_dir: PlansDir = None,
) -> None:
    """Build a static HTML site of the whole record: timeline, versions, diffs, clause histories, table.

    Output is deterministic (same plans, byte-identical site) and written atomically.

    Example:

      plandiff publish site/
    """
    from .publish import build_site

    try:
        plans = load_record(plans_dir)
        # The process runs with the cyclic collector off (cli.main: loading and one comparison
        # make few cycles). A site renders hundreds of pages through markdown-it, whose token
        # trees are cycles: collected, 25 versions × 1,000 clauses peaked at 140 MB instead of
        # 165 MB, and the peak no longer grows with every page rendered.
        gc.freeze()  # the loaded plans live to the end: never scanned again
        gc.enable()
        pages = build_site(plans)
        write_site(outdir, pages)
    except PlandiffError as error:
        fail(error)
    sys.stdout.write(f"{terminal_line(str(outdir))}: {len(pages)} files\n")


@app.command("import")
def import_markdown(
    file: Annotated[Path, typer.Argument(help="A plan published as a Markdown or plain numbered list.")],
    plan: Annotated[str | None, typer.Option("--plan", help="Slug for the new version.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the new version.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="ISO date of the new version.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the YAML to this file.")
    ] = None,
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Turn a numbered text into plan YAML, numbers kept: Markdown lists, or plain text numbered
    "1.", "1)", "(1)", "Article 1", "Point 1:", with sub-points "a)", "(a)", "i.", … at any depth.

    Text before the first point becomes the plan's preamble, text after the last its closing;
    text between points is named on stderr, never put into a clause. The result validates and is
    ready for ids to be added. From a PDF or Word file: pdftotext -layout, or pandoc -t
    commonmark, first (docs/format.md).

    Example:

      plandiff import plan.md --plan my-draft --title "My draft" --date 2025-11-20 -o plans/my-draft.yaml
    """
    from .importmd import import_document, locate, to_yaml

    try:
        text = read_text(file, str(file), max_bytes)
        found = import_document(text, str(file))
        yaml_text = to_yaml(found.points, plan, title, date, preamble=found.preamble, closing=found.closing)
        try:
            parse_plan(yaml_text, str(output or file))  # what we write must load, or we say why
        except PlanFormatError as error:  # said at the line of the source, not of the YAML
            line, problem = locate(found.points, error.where, error.problem)
            raise PlanFormatError(str(file), line, "", problem) from None
        for line, skipped in found.skipped:
            where = f"{file}:{line}" if line else str(file)
            sys.stderr.write(f"plandiff: note: {terminal_line(where)}: text between points, kept in no clause: "
                             f"{terminal_line(quoted(skipped))}\n")  # fmt: skip
        deliver(yaml_text, output, (file,))
    except PlandiffError as error:
        fail(error)
