"""plandiff: clause-by-clause diffs of negotiated documents kept as structured YAML.

Public API: ``load_plan`` (file → PlanVersion), ``compare`` (two versions → Report) and
``render`` (Report → text in one of ``FORMATS``).
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diff import compare
from .load import load_plan, parse_plan
from .model import CompareOptions, PlanVersion, Report
from .render import FORMATS, RenderOptions, renderer

render = renderer

__all__ = [
    "FORMATS",
    "CompareOptions",
    "PlanVersion",
    "RenderOptions",
    "Report",
    "__version__",
    "compare",
    "load_plan",
    "parse_plan",
    "render",
]
