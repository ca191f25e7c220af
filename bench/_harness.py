"""What every benchmark in bench/ measures with and writes through: one harness instead of a copy in each.

* timing — :func:`best_of` (the best of n runs of one function) and :func:`interleaved` (several
  functions in turn, the best of each, so that a change in the machine's load falls on all alike);
* child processes — :func:`run_child`: wall seconds, the exit status checked and ``os.wait4``'s resource
  usage (``ru_maxrss``: the peak resident set of the largest single process of the child's tree);
* reporting — :func:`measured_on` (the "Measured DATE on MACHINE …; load average at the end …" footer
  of each section), :func:`cli` and :func:`publish` (``--write`` puts a section between the bench's
  ``<!-- NAME: begin -->`` / ``<!-- NAME: end -->`` markers of bench/RESULTS.md, keeping everything else).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
#: 2026-01-01: the SOURCE_DATE_EPOCH of the builds and reports the benches run, so their bytes compare.
EPOCH = 1767225600
#: The footer's note where the figures are ratios taken on a shared machine.
COMPARE_RATIOS = "(other work shares the cores: compare ratios)"


# --------------------------------------------------------------------------- timing


def best_of(runs: int, func: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    """The fewest wall-clock seconds of ``runs`` calls of ``func``; ``before`` runs untimed before each."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved(
    runs: int, funcs: Sequence[Callable[[], object]], before: Callable[[], object] | None = None
) -> list[tuple[float, float]]:
    """(best wall-clock s, best CPU s of this process) of each of ``funcs``, run in turn ``runs`` times, so a
    change in the machine's load falls on all of them alike; ``before`` runs untimed before each call."""
    wall: list[list[float]] = [[] for _ in funcs]
    cpu: list[list[float]] = [[] for _ in funcs]
    for _ in range(runs):
        for i, func in enumerate(funcs):
            if before is not None:
                before()
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            wall[i].append(time.perf_counter() - start)
            cpu[i].append(time.process_time() - start_cpu)
    return [(min(w), min(c)) for w, c in zip(wall, cpu, strict=True)]


# --------------------------------------------------------------------------- child processes


@dataclass(frozen=True)
class Child:
    """One finished child process: its wall seconds, what it wrote, and ``os.wait4``'s resource usage."""

    seconds: float
    usage: resource.struct_rusage
    stdout: str
    stderr: str

    @property
    def peak_mib(self) -> float:
        """The kernel's peak resident set of the largest single process of the child's tree (Linux: KiB)."""
        return self.usage.ru_maxrss / 1024

    @property
    def cpu_seconds(self) -> float:
        """User and system CPU seconds of the child and the descendants it waited for."""
        return self.usage.ru_utime + self.usage.ru_stime


def run_child(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    stdout: bool = False,
    started: Callable[[int], object] | None = None,
) -> Child:
    """Run ``command`` to its end; stop the bench (``SystemExit``, the end of its stderr) if it fails.

    ``stdout``: keep what it writes there (else it goes to /dev/null); ``started(pid)`` is called as soon
    as the child runs (to sample it while it does). The clock stops when ``wait4`` has reaped the child.
    """
    start = time.perf_counter()
    child = subprocess.Popen(
        list(command), env=env, stdout=subprocess.PIPE if stdout else subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if started is not None:
        started(child.pid)
    assert child.stderr is not None
    out = child.stdout.read().decode("utf-8") if child.stdout is not None else ""
    err = child.stderr.read().decode("utf-8")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{err[-2000:]}")
    return Child(seconds, usage, out, err)


def source_date_env() -> dict[str, str]:
    """This process's environment with ``SOURCE_DATE_EPOCH`` fixed, so that outputs compare byte for byte."""
    return {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}


# --------------------------------------------------------------------------- reporting


def measured_on(*details: str, machine: str | None = None, note: str | None = None) -> str:
    """The footer of a section: "Measured DATE on MACHINE, N cores; DETAILS; load average at the end L."

    ``machine`` defaults to ``platform.machine()``; each of ``details`` stands between semicolons in the
    order given (``python()`` for the Python version); ``note`` follows the load average.
    """
    load = f"load average at the end {os.getloadavg()[0]:.1f}" + (f" {note}" if note else "")
    parts = [f"{machine or platform.machine()}, {os.cpu_count()} cores", *details, load]
    return f"Measured {dt.date.today().isoformat()} on {'; '.join(parts)}."


def python() -> str:
    return f"Python {platform.python_version()}"


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, else what ``platform`` says."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return cpu


def cli(doc: str | None) -> argparse.ArgumentParser:
    """A bench's argument parser: its docstring's first paragraph as the description, and ``--write``."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    return parser


def publish(text: str, name: str, title: str, write: bool) -> None:
    """Print ``text``; with ``write``, put it in bench/RESULTS.md (:func:`write_section`)."""
    print(text)
    if write:
        write_section(name, title, text)


def write_section(name: str, title: str, text: str, results: Path = RESULTS) -> None:
    """Put ``text`` between the ``<!-- name: begin -->`` and ``<!-- name: end -->`` markers of ``results``,
    keeping everything else; without the markers, add them at the end under ``## title (`bench/name.py`)``."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + block + rest.split(end, 1)[1]
    else:
        new = old.rstrip("\n") + f"\n\n## {title} (`bench/{name}.py`)\n\n" + block + "\n"
    results.write_text(new, encoding="utf-8")
