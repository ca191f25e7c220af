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

import platform
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import COMPARE_RATIOS, ROOT, cli, measured_on, publish, python, run_child, source_date_env

EDITED = "2024-security-guarantees"


def legalgen_build(corpus: Path, out: Path, *options: str) -> tuple[float, float, str, dict[str, bytes]]:
    """(seconds, peak MiB, stderr, files written) of one ``legalgen build`` in a child process."""
    command = [sys.executable, "-m", "legalgen", "build", "--corpus", str(corpus), "--out", str(out), *options]
    child = run_child(command, env=source_date_env())
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    return child.seconds, child.peak_mib, child.stderr, files


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
        measured_on(platform.platform(), python(), note=COMPARE_RATIOS),
    ]
    return "\n".join(lines)


def main() -> None:
    args = cli(__doc__).parse_args()
    publish(run(), "build_bench", "Incremental and parallel builds", args.write)


if __name__ == "__main__":
    main()
