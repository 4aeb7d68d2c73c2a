"""``python -m plandiff``: the same as the ``plandiff`` command."""

from .cli import main

main()
