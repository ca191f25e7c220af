"""`legalgen build` shows a progress bar on a terminal, and nothing of it in a pipe, a file or a CI log."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from legalgen import build
from legalgen.cli import progress_wanted
from legalgen.records import load_corpus

from .conftest import instrument


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize(
    ("stream", "environ", "wanted"),
    [
        (Terminal(), {"TERM": "xterm-256color"}, True),
        (Terminal(), {}, True),
        (Terminal(), {"TERM": "xterm", "CI": "true"}, False),  # a CI job given a terminal still logs
        (Terminal(), {"TERM": "dumb"}, False),
        (io.StringIO(), {"TERM": "xterm"}, False),  # a pipe or a file
        (Closed(), {"TERM": "xterm"}, False),
        (object(), {"TERM": "xterm"}, False),  # no isatty at all
    ],
    ids=["terminal", "terminal, no TERM", "CI", "dumb terminal", "pipe", "closed", "not a stream"],
)
def test_a_progress_bar_is_drawn_only_on_a_terminal(stream: object, environ: dict[str, str], wanted: bool) -> None:
    assert progress_wanted(stream, environ) is wanted


def run_build(corpus: Path, out: Path, *, stderr_on_terminal: bool) -> tuple[int, str, str]:
    """Run `legalgen build` in a child process; (exit code, stdout, stderr as the terminal or pipe got it)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"SOURCE_DATE_EPOCH": "1767225600", "TERM": "xterm"}
    command = [sys.executable, "-m", "legalgen", "build", "--corpus", str(corpus), "--out", str(out)]
    if not stderr_on_terminal:
        done = subprocess.run(command, capture_output=True, env=env, check=False)
        return done.returncode, done.stdout.decode(), done.stderr.decode()
    main, side = pty.openpty()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=side, env=env)
    os.close(side)
    got = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal's other side closed: the child is done
            break
        if not chunk:
            break
        got += chunk
    os.close(main)
    stdout, _ = child.communicate()
    return child.returncode, stdout.decode(), got.decode()


@pytest.mark.slow
def test_build_shows_progress_on_a_terminal_and_none_in_a_pipe(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    folder = make_corpus(instrument("2000-one"))
    documents = len(build.standard_jobs(load_corpus([folder])))
    code, stdout, terminal = run_build(folder, tmp_path / "tty", stderr_on_terminal=True)
    assert code == 0, terminal
    assert "rendering" in terminal
    counts = re.findall(r"(\d+)/(\d+)", terminal)
    assert counts[-1] == (str(documents), str(documents))  # it ends full
    assert "wrote" in stdout and "rendering" not in stdout  # the bar is on stderr only

    code, stdout_piped, piped = run_build(folder, tmp_path / "pipe", stderr_on_terminal=False)
    assert code == 0, piped
    assert piped == ""  # nothing on stderr: no bar, no label, no carriage return
    assert stdout_piped.replace("/pipe/", "/tty/") == stdout
    assert (tmp_path / "pipe" / "timeline-report.pdf").read_bytes() == (
        tmp_path / "tty" / "timeline-report.pdf"
    ).read_bytes()
