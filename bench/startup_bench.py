"""Benchmark of start-up: terminal commands against ``python -c "import pydantic, yaml"``.

Not a timed test: each figure is a ratio against the baseline measured in the same run (best of N child
processes each, interleaved so that a burst of other work on the machine hits every row alike), with the
seconds beside it. The baseline is the floor of any command that reads records: the two libraries the
loader stands on, imported and nothing else.

Each command runs twice per round: with the cache of validated records warm (a cache folder of the
bench's own, filled before timing: never the user's) and with ``--no-cache`` (every record read and
validated, as before the cache). Two more rows show floors that are not legalgen's: Pydantic's model
machinery (``BaseModel`` and ``Field``, which every record model needs, and which ``import pydantic``
alone does not load) and click with legalgen's command definitions (``legalgen --help``).

Run: ``.venv/bin/python bench/startup_bench.py [--write] [--runs 9]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"

BASELINE = ('`python -c "import pydantic, yaml"` (baseline)', [sys.executable, "-c", "import pydantic, yaml"])
COMMANDS = [
    ("`legalgen --help`", ["--help"]),
    ("`legalgen validate treaties/`", ["validate", "treaties"]),
    ("`legalgen list`", ["list"]),
    ("`legalgen as-of 2000-01-26`", ["as-of", "2000-01-26"]),
    ("`legalgen diff 1997-union 1999-union-state`", ["diff", "1997-union", "1999-union-state"]),
]
FLOORS = [
    ('`python -c "import legalgen.records.models"` (the models alone)', "import legalgen.records.models"),
    (
        '`python -c "import pydantic, yaml; from pydantic import BaseModel, Field"` (Pydantic\'s model machinery)',
        "import pydantic, yaml; from pydantic import BaseModel, Field",
    ),
]


def seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def run(runs: int) -> str:
    legalgen = [sys.executable, "-m", "legalgen"]
    rows: list[tuple[str, list[str]]] = [BASELINE]
    for name, args in COMMANDS:
        if args == ["--help"]:
            rows.append((name, [*legalgen, *args]))
            continue
        rows.append((f"{name}, cache warm", [*legalgen, *args]))
        rows.append((f"{name}, `--no-cache`", [*legalgen, "--no-cache", *args]))
    rows += [(name, [sys.executable, "-c", code]) for name, code in FLOORS]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "LEGALGEN_CACHE_DIR": cache}
        env.pop("LEGALGEN_NO_CACHE", None)
        for _, command in rows:  # fills the cache (and the OS's file cache) before anything is timed
            seconds(command, env)
        best = {name: float("inf") for name, _ in rows}
        for _ in range(runs):
            for name, command in rows:
                best[name] = min(best[name], seconds(command, env))
    base = best[BASELINE[0]]
    lines = [
        f"### Start-up (treaties/, best of {runs} child processes each)",
        "",
        "| command | s | × baseline |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {best[name]:.3f} | {best[name] / base:.2f}× |" for name, _ in rows),
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; load average at the end {os.getloadavg()[0]:.1f}.",
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    begin, end = "<!-- startup_bench: begin -->", "<!-- startup_bench: end -->"
    old = RESULTS.read_text(encoding="utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n## Start-up (`bench/startup_bench.py`)\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    text = run(args.runs)
    print(text)
    if args.write:
        write_results(text)


if __name__ == "__main__":
    main()
