"""``python -m legalgen`` runs the command-line interface."""

from .cli import main

main()
