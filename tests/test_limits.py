"""Each document renders in a process of its own under a time and a memory limit; workers die with
their parent; Ctrl-C ends with "interrupted", exit 130, the previous outputs as they were.

The tests of :func:`legalgen.build.render_isolated` use small planned documents that misbehave on purpose
(sleep, grow, crash); the kill tests run ``legalgen build`` of the real corpus in a subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legalgen.build import Document, DocumentErrors, Limits, Planned, render_isolated
from legalgen.errors import RenderError, UnknownName

from .test_output import snapshot

pytestmark = pytest.mark.slow  # each test waits for a limit or for a real build

ROOT = Path(__file__).resolve().parent.parent


def fine(name: str) -> Planned:
    return Planned(name, lambda: Document(name, f"<p>{name}</p>".encode(), ("a warning",)))


def sleeps(name: str) -> Planned:
    def render() -> Document:
        time.sleep(60)
        raise AssertionError("not reached")

    return Planned(name, render)


def grows(name: str) -> Planned:
    def render() -> Document:
        hoard = []
        for _ in range(400):  # up to 8 GiB, 20 MiB at a time: the parent stops it long before
            hoard.append(bytearray(20 << 20))
            time.sleep(0.01)
        raise AssertionError("not reached")

    return Planned(name, render)


def crashes(name: str) -> Planned:
    def render() -> Document:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("not reached")

    return Planned(name, render)


def unknown(name: str) -> Planned:
    def render() -> Document:
        raise UnknownName("topic", "citizenshp", ["citizenship"])

    return Planned(name, render)


def resident_mb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS:"))


def test_the_documents_come_back_in_order_with_their_warnings() -> None:
    docs = render_isolated([fine("a.html"), fine("b.html"), fine("c.html")], workers=2)
    assert [(d.name, d.warnings) for d in docs] == [(n, ("a warning",)) for n in ("a.html", "b.html", "c.html")]


def test_over_the_time_limit_fails_that_document_only() -> None:
    with pytest.raises(RenderError) as caught:
        render_isolated([sleeps("slow.pdf"), fine("b.html")], workers=2, limits=Limits(seconds=1, memory_mb=4096))
    assert (str(caught.value), caught.value.exit_code) == (
        "slow.pdf: over the time limit of 1 s; nothing was written; fix: raise --time-limit",
        4,
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="resident memory is read from /proc")
def test_over_the_memory_limit_fails_that_document_only() -> None:
    limit = resident_mb() + 200
    with pytest.raises(RenderError) as caught:
        render_isolated([grows("big.pdf"), fine("b.html")], workers=2, limits=Limits(seconds=60, memory_mb=limit))
    assert (str(caught.value), caught.value.exit_code) == (
        f"big.pdf: over the memory limit of {limit} MiB; nothing was written; fix: raise --memory-limit",
        4,
    )


def test_every_failure_is_one_line_and_keeps_its_exit_code() -> None:
    with pytest.raises(DocumentErrors) as caught:
        render_isolated([unknown("brief-x.pdf"), fine("b.html"), crashes("c.pdf")], workers=2)
    assert str(caught.value).splitlines() == [
        "unknown topic 'citizenshp'; did you mean 'citizenship'?",
        "c.pdf: the render process ended with signal SIGKILL; it may have run out of memory (limit 2048 MiB); "
        "nothing was written",
    ]
    assert caught.value.exit_code == 2


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie is dead, waiting for its parent to collect it


@pytest.fixture
def previous_set(tmp_path: Path) -> Path:
    """An output folder holding a previous set (stand-ins with the standard names)."""
    out = tmp_path / "reports"
    out.mkdir()
    for name in ("timeline-report.pdf", "timeline-report.html", "corpus-summary.md", "legalgen-manifest.json"):
        (out / name).write_bytes(f"previous {name}".encode())
    return out


def _start_build(out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.Popen(
        [sys.executable, "-m", "legalgen", "build", "--corpus", str(ROOT / "treaties"), "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def _wait_for_workers(process: subprocess.Popen[bytes]) -> set[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = _children(process.pid)
        if len(workers) >= 2:
            return workers
        time.sleep(0.05)
    raise AssertionError("the build started no workers within a minute")


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_a_killed_or_interrupted_build_leaves_no_worker_and_the_previous_set(previous_set: Path, how: str) -> None:
    before = snapshot(previous_set)
    process = _start_build(previous_set)
    workers = _wait_for_workers(process)
    if how == "SIGKILL":
        process.kill()
    else:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole foreground group
    try:
        _, stderr = process.communicate(timeout=60)  # EOF: no worker holds the pipes open
    finally:  # a timeout must not leave the pipes open for a later test to trip over
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    time.sleep(1)
    assert [pid for pid in workers if _alive(pid)] == []
    assert snapshot(previous_set) == before
    if how == "SIGINT":
        assert (process.returncode, stderr.decode()) == (130, "interrupted\n")
    else:
        assert process.returncode == -signal.SIGKILL
