"""``python -m plandiff``: the same as the ``plandiff`` command."""

from .cli import entry

entry()
