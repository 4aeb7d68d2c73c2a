"""Commands that write files: publish (a static site) and import (Markdown → plan YAML)."""

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from .catalog import load_record
from .cliapp import MaxBytes, PlansDir, app, fail
from .errors import OutputError, PlandiffError
from .load import MAX_BYTES, parse_plan, read_text
from .output import write_report

SITE_MARKER = ".plandiff-site"
"""File in every published site: only a directory holding it is ever replaced by publish."""


def write_site(outdir: Path, pages: dict[str, str]) -> None:
    """Write every page under ``outdir`` at once: build a sibling directory, then swap it in.

    A directory that exists and is not an earlier plandiff site is never replaced; no page path
    may leave ``outdir``.
    """
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: exists and is not a directory")
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / SITE_MARKER).exists():
        raise OutputError(f"{outdir}: not empty and not a plandiff site; refusing to replace it")
    parent = outdir.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"{outdir}: directory {parent} does not exist")
    import tempfile  # imported by the command that writes, not on every run

    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=parent))
    try:
        for rel, content in sorted({**pages, SITE_MARKER: "written by plandiff publish\n"}.items()):
            target = (staging / rel).resolve()
            if not target.is_relative_to(staging.resolve()):
                raise OutputError(f"{rel}: page path would leave {outdir}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
        os.chmod(staging, 0o755)
        if outdir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old.", dir=parent))
            os.replace(outdir, old / "site")
            os.replace(staging, outdir)
            shutil.rmtree(old)
        else:
            os.replace(staging, outdir)
    except OSError as err:
        raise OutputError(f"{outdir}: cannot write ({(err.strerror or str(err)).lower()})") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)


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
        pages = build_site(plans)
        write_site(outdir, pages)
    except PlandiffError as error:
        fail(error)
    sys.stdout.write(f"{outdir}: {len(pages)} files\n")


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
    """Turn a numbered list ("1.", sub-points "a)", "(a)" or nested bullets) into plan YAML, numbers kept.

    The result validates and is ready for ids to be added.

    Example:

      plandiff import plan.md --plan my-draft --title "My draft" --date 2025-11-20 -o plans/my-draft.yaml
    """
    from .importmd import parse_markdown_plan, to_yaml

    try:
        text = read_text(file, str(file), max_bytes)
        yaml_text = to_yaml(parse_markdown_plan(text, str(file)), plan, title, date)
        parse_plan(yaml_text, str(output or file))  # what we write must load, or we say why
        if output is not None:
            write_report(output, yaml_text, (file,))
        else:
            sys.stdout.write(yaml_text)
    except PlandiffError as error:
        fail(error)
