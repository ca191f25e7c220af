"""Benchmark of ``legalgen build``: a cold build against a build with nothing changed, and 2 workers against 1.

Not a timed test: each figure is a ratio against a baseline measured in the same run, with the seconds
beside it. Every build is ``legalgen build`` of ``treaties/`` (copied into a temporary folder) in a child
process, with ``SOURCE_DATE_EPOCH`` fixed so the bytes can be compared:

1. a cold build with ``--jobs 1`` into an empty folder;
2. a cold build with ``--jobs 2`` into another empty folder (the baseline of the rebuilds);
3. the same build again with nothing changed: every document comes from ``.legalgen-cache/``;
4. the same build after one record's summary was edited: only the documents it changes are rendered.

The bytes of 1, 2 and 3 must be the same (the bench stops if not). Peak memory is the largest resident set
of the build and its workers (``wait4``).

Run: ``.venv/bin/python bench/build_bench.py [--write]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
EDITED = "2024-security-guarantees"


def legalgen_build(corpus: Path, out: Path, *options: str) -> tuple[float, float, str, dict[str, bytes]]:
    """(seconds, peak MiB, stderr, files written) of one ``legalgen build`` in a child process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    command = [sys.executable, "-m", "legalgen", "build", "--corpus", str(corpus), "--out", str(out), *options]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    stderr = child.stderr.read().decode("utf-8")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"legalgen build failed ({child.returncode}): {stderr}")
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    return seconds, usage.ru_maxrss / 1024, stderr, files


def rendered(stderr: str, total: int) -> str:
    match = re.search(r"rendered (\d+) of (\d+) documents", stderr)
    return f"{match[1]} of {match[2]}" if match else f"{total} of {total}"


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "treaties"
        shutil.copytree(ROOT / "treaties", corpus)
        one, two = Path(tmp) / "one", Path(tmp) / "two"
        t_one, m_one, _, files_one = legalgen_build(corpus, one, "--jobs", "1")
        t_two, m_two, _, files_two = legalgen_build(corpus, two, "--jobs", "2")
        documents = sum(1 for name in files_two if name.endswith((".pdf", ".html")))
        t_again, m_again, err_again, files_again = legalgen_build(corpus, two, "--jobs", "2")
        if not files_one == files_two == files_again:
            raise SystemExit("the builds wrote different bytes")
        record = corpus / f"{EDITED}.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("summary: >-\n", "summary: >-\n  Edited for the benchmark.\n", 1), "utf-8")
        t_edit, m_edit, err_edit, _ = legalgen_build(corpus, two, "--jobs", "2")
    rows = [
        ("cold build, `--jobs 2` (baseline)", t_two, m_two, f"{documents} of {documents}", 1.0),
        ("cold build, `--jobs 1`", t_one, m_one, f"{documents} of {documents}", t_one / t_two),
        ("again, nothing changed", t_again, m_again, rendered(err_again, documents), t_again / t_two),
        (f"again, the summary of {EDITED} edited", t_edit, m_edit, rendered(err_edit, documents), t_edit / t_two),
    ]
    lines = [
        f"### `legalgen build` of treaties/ ({documents} documents), each build in a child process",
        "",
        "| build | s | × baseline | documents rendered | peak MiB |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(f"| {name} | {s:.2f} | {r:.3f}× | {n} | {m:.0f} |" for name, s, m, n, r in rows),
        "",
        f"2 workers against 1: **{t_one / t_two:.2f}×** faster (target ≥ 1.7×); nothing changed against a cold "
        f"build: **{t_again / t_two:.3f}×** (target < 0.05×). The bytes of both cold builds and of the rebuild "
        "are the same.",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"{platform.platform()}; Python {platform.python_version()}; load average at the end "
        f"{os.getloadavg()[0]:.1f} (other work shares the cores: compare ratios).",
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    begin, end = "<!-- build_bench: begin -->", "<!-- build_bench: end -->"
    old = RESULTS.read_text(encoding="utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n## Incremental and parallel builds (`bench/build_bench.py`)\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    args = parser.parse_args()
    text = run()
    print(text)
    if args.write:
        write_results(text)


if __name__ == "__main__":
    main()
