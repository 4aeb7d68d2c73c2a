"""Output formats: ``FORMATS`` maps a name to its module's ``render(report, options)``.

Renderers are imported only when used, so a terminal report never pays for the JSON or Markdown
code (and a future HTML renderer's markdown-it-py import stays off the start-up path).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..model import Report
from .options import RenderOptions

FORMATS: tuple[str, ...] = ("terminal", "markdown", "json", "html")
"""Names accepted by ``--format``; each is a module in this package."""


def renderer(name: str) -> Callable[[Report, RenderOptions], object]:
    """The ``render`` function of a format (terminal returns a rich renderable, others str)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"{__name__}.{name}")
    render: Callable[[Report, RenderOptions], object] = module.render
    return render


__all__ = ["FORMATS", "RenderOptions", "renderer"]
