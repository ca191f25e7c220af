"""Benchmark of peak memory: ``legalgen report`` as a PDF on treaties/ and on a synthetic corpus of ~300 pages.

Each report is ``legalgen report`` in a child process; the figure is the peak resident set of that child
and its descendants (``wait4``: the kernel's ``ru_maxrss``, the largest single process of the tree — the
report is laid out in a forked render process, so this is the larger of the CLI and that process). The
pages are counted with pypdf. The synthetic corpus comes from ``bench/loader_bench.py``'s generator (the
real record format, Russian verbatim text and English paraphrases, 50 provisions an instrument); about
4.6 pages an instrument (208 pages at 45 instruments), so 65 instruments give a report of about 300 pages.

Targets (issue 13): report ≤ 250 MiB at 33 pages, ≤ 600 MiB at 300 pages. The ``build`` tree is measured by
``bench/chromium_bench.py`` (parent, largest worker and their sum, sampled from /proc).

Run: ``.venv/bin/python bench/memory_bench.py [--write] [--instruments 65]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loader_bench import write_corpus

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"


def report(corpus: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MiB, pages) of one ``legalgen report`` PDF."""
    import pypdf

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    command = [sys.executable, "-m", "legalgen", "report", "--corpus", str(corpus), "-o", str(out)]
    command += ["--time-limit", "3600", "--memory-limit", "8192"]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    stderr = child.stderr.read().decode("utf-8")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"legalgen report failed: {stderr}")
    return seconds, usage.ru_maxrss / 1024, len(pypdf.PdfReader(out).pages)


def run(instruments: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        treaties = Path(tmp) / "treaties"
        shutil.copytree(ROOT / "treaties", treaties)
        synthetic = Path(tmp) / "synthetic"
        write_corpus(synthetic, instruments)
        rows = [
            ("treaties/", *report(treaties, Path(tmp) / "treaties.pdf"), 250),
            (f"synthetic, {instruments} × 50 provisions", *report(synthetic, Path(tmp) / "synthetic.pdf"), 600),
        ]
    lines = [
        "### Peak memory of `legalgen report` (PDF), each in a child process",
        "",
        "| corpus | pages | s | peak MiB | target MiB | met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        *(
            f"| {name} | {pages} | {s:.1f} | {mib:.0f} | ≤ {target} | {'yes' if mib <= target else 'no'} |"
            for name, s, mib, pages, target in rows
        ),
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; load average at the end {os.getloadavg()[0]:.1f}.",
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    begin, end = "<!-- memory_bench: begin -->", "<!-- memory_bench: end -->"
    old = RESULTS.read_text(encoding="utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n## Peak memory (`bench/memory_bench.py`)\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    parser.add_argument("--instruments", type=int, default=65, help="synthetic instruments (about 4.6 pages each)")
    args = parser.parse_args()
    text = run(args.instruments)
    print(text)
    if args.write:
        write_results(text)


if __name__ == "__main__":
    main()
