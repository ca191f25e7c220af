"""The same records and the same SOURCE_DATE_EPOCH give the same bytes, in separate processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, rich_records

pytestmark = pytest.mark.slow  # renders every PDF three times, in separate processes

COMMANDS = [
    ["report", "-o", "report.pdf"],
    ["report", "--pdf-a", "-o", "report-a.pdf"],
    ["report", "-o", "report.html"],
    ["report", "--embed", "-o", "report.embed.html"],
    ["brief", "1999-union-state", "--pdf-a", "-o", "brief.pdf"],
    ["brief", "citizenship", "-o", "brief-topic.pdf"],
]


def render_all(corpus: Path, out: Path, epoch: str, commands: list[list[str]] = COMMANDS) -> dict[str, str]:
    out.mkdir()
    script = (
        "from legalgen.cli import main\n"
        f"for argv in {commands!r}:\n"
        "    try:\n"
        f"        main([*argv[:-1], {str(out)!r} + '/' + argv[-1], '--corpus', {str(corpus)!r}])\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, (argv, exc.code)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"SOURCE_DATE_EPOCH": epoch}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def test_rendering_twice_gives_identical_bytes(make_corpus: Callable[..., Path], tmp_path: Path) -> None:
    corpus = make_corpus(*rich_records())
    first = render_all(corpus, tmp_path / "a", "1767225600")
    second = render_all(corpus, tmp_path / "b", "1767225600")
    assert len(first) == len(COMMANDS)
    assert first == second
    # one day later: the dates, so the bytes, change
    later = render_all(corpus, tmp_path / "c", "1767312000", [COMMANDS[2], COMMANDS[5]])
    assert later["brief-topic.pdf"] != first["brief-topic.pdf"]
    assert b"2 January 2026" in (tmp_path / "c" / "report.html").read_bytes()
