"""Benchmark of validate + as-of + matrix on synthetic corpora (instruments × 50 provisions).

One child process per run does the pipeline as ``legalgen validate``, ``legalgen as-of DATE --format
json`` and ``legalgen matrix --format json`` would, on one loaded corpus: load (read, validate,
cross-check), the position on a date, the matrix by instrument and by year, each analysis and its JSON
timed apart, with the child's peak resident memory (``wait4``: the largest of the child and its
workers). Each corpus is loaded four ways, side by side in one run: without the cache of validated
records in one process (as before the cache), without it in 2 worker processes, cold (an empty cache
folder, 2 workers, writing the cache) and warm (every record in the cache). The baseline is composing
every file with PyYAML's C composer, measured in the same run (the floor of any YAML reader). The
corpora come from ``bench/loader_bench.py``'s generator.

Run: ``.venv/bin/python bench/analysis_bench.py [--write] [--sizes 100 1000]``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import COMPARE_RATIOS, cli, measured_on, publish, python, run_child
from bench.loader_bench import COMPOSE_ALL, write_corpus

PIPELINE = """
import datetime as dt, json, sys, time
from pathlib import Path
t = [time.perf_counter()]
from legalgen.analysis import rights_matrix, status_as_of
from legalgen.records import load_corpus
from legalgen.records.cache import RecordCache
from legalgen.render.data import as_of_json, matrix_json
t.append(time.perf_counter())
cache = RecordCache(Path(sys.argv[3])) if sys.argv[3] != "-" else None
corpus = load_corpus([Path(sys.argv[1])], cache=cache, workers=int(sys.argv[2]), freeze=True)  # as the command line
t.append(time.perf_counter())
state = status_as_of(corpus, dt.date(2001, 1, 1))
t.append(time.perf_counter())
as_of_json(state)
t.append(time.perf_counter())
matrices = [rights_matrix(corpus, by=by) for by in ("instrument", "year")]
t.append(time.perf_counter())
for m in matrices:
    matrix_json(m)
t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""

STAGES = ("import", "load + validate", "as-of analysis", "as-of JSON", "matrix analysis (2)", "matrix JSON (2)")


#: How each corpus is loaded: (row label, workers, cache: None = off, "cold" = an empty folder, "warm").
MODES = (
    ("no cache, 1 process", 1, None),
    ("no cache, 2 workers", 2, None),
    ("cache cold (written), 2 workers", 2, "cold"),
    ("cache warm", 2, "warm"),
)


def run(sizes: tuple[int, ...]) -> str:
    lines = [
        "### validate + as-of + matrix in one process (instruments × 50 provisions)",
        "",
        "| corpus | loaded | compose every file s (baseline) | pipeline s | × baseline | peak MiB | "
        + " / ".join(STAGES)
        + " s |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"c{n}"
            write_corpus(folder, n)
            cache = Path(tmp) / f"cache{n}"
            t_compose = run_child([sys.executable, "-c", COMPOSE_ALL, str(folder)]).seconds
            for label, workers, mode in MODES:
                where = "-" if mode is None else str(cache)
                args = [sys.executable, "-c", PIPELINE, str(folder), str(workers), where]
                child = run_child(args, stdout=True)
                t_all, peak = child.seconds, child.peak_mib
                split = " / ".join(f"{x:.2f}" for x in json.loads(child.stdout))
                lines.append(
                    f"| {n} × 50 | {label} | {t_compose:.2f} | {t_all:.2f} | {t_all / t_compose:.2f}× | {peak:.0f} "
                    f"| {split} |"
                )
    lines += ["", measured_on(python(), note=COMPARE_RATIOS)]
    return "\n".join(lines)


def main() -> None:
    parser = cli(__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    publish(run(tuple(args.sizes)), "analysis_bench", "Analysis at 1,000 instruments", args.write)


if __name__ == "__main__":
    main()
