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

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import ROOT, cli, interleaved, measured_on, publish, python

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


def quietly(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)


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
            quietly(command, env)
        timings = interleaved(runs, [lambda command=command: quietly(command, env) for _, command in rows])
        best = {name: wall for (name, _), (wall, _) in zip(rows, timings, strict=True)}
    base = best[BASELINE[0]]
    lines = [
        f"### Start-up (treaties/, best of {runs} child processes each)",
        "",
        "| command | s | × baseline |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {best[name]:.3f} | {best[name] / base:.2f}× |" for name, _ in rows),
        "",
        measured_on(python()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = cli(__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    publish(run(args.runs), "startup_bench", "Start-up", args.write)


if __name__ == "__main__":
    main()
