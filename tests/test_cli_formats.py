"""One output convention on every command: ``--format`` from the registry of formats, colour by styling."""

from __future__ import annotations

import re

import click
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import TREATIES


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--corpus", str(TREATIES)])
    return result.exit_code, result.stdout, result.stderr


def test_colour_is_styling_laid_over_the_plain_diff() -> None:
    code, plain, _ = invoke("diff", "1997-charter", "1999-union-state", "--color", "never")
    _, coloured, _ = invoke("diff", "1997-charter", "1999-union-state", "--color", "always")
    assert code == 1 and "\x1b[" not in plain
    assert click.unstyle(coloured) == plain
    redlines = "\n".join(line for line in coloured.splitlines() if "legend:" not in line)
    deletions, insertions = re.findall(r"(.{0,5})\[-", redlines), re.findall(r"(.{0,5})\{\+", redlines)
    assert deletions and all(before.endswith("\x1b[31m") for before in deletions)  # every deletion red
    assert insertions and all(before.endswith("\x1b[32m") for before in insertions)  # every insertion green
    assert "\x1b[1mSummary\x1b[0m" in coloured.splitlines()
