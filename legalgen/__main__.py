"""``python -m legalgen`` runs the command-line interface."""

from legalgen.cli import main

main()
