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

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import ROOT, cli, measured_on, publish, python, run_child, source_date_env
from bench.loader_bench import write_corpus


def report(corpus: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MiB, pages) of one ``legalgen report`` PDF."""
    import pypdf

    command = [sys.executable, "-m", "legalgen", "report", "--corpus", str(corpus), "-o", str(out)]
    command += ["--time-limit", "3600", "--memory-limit", "8192"]
    child = run_child(command, env=source_date_env())
    return child.seconds, child.peak_mib, len(pypdf.PdfReader(out).pages)


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
        measured_on(python()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = cli(__doc__)
    parser.add_argument("--instruments", type=int, default=65, help="synthetic instruments (about 4.6 pages each)")
    args = parser.parse_args()
    publish(run(args.instruments), "memory_bench", "Peak memory", args.write)


if __name__ == "__main__":
    main()
