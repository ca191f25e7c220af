"""bench/_harness.py, which every benchmark writes bench/RESULTS.md through: a bench's section replaced between
its own markers and nothing else touched, a new section added under its heading, a failed child stopping the
bench with the end of its stderr."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench._harness import run_child, write_section

RESULTS = """# Benchmark results

## Loader (`bench/loader_bench.py`)

<!-- loader_bench: begin -->
old loader figures
<!-- loader_bench: end -->

Reading these figures: the loader's paragraph.

## Start-up (`bench/startup_bench.py`)

<!-- startup_bench: begin -->
old start-up figures
<!-- startup_bench: end -->
"""


def test_a_section_is_replaced_between_its_markers_only(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(RESULTS, encoding="utf-8")
    write_section("loader_bench", "Loader", "new loader figures\n\nMeasured today.", results=results)
    assert results.read_text(encoding="utf-8") == RESULTS.replace(
        "old loader figures", "new loader figures\n\nMeasured today."
    )


def test_a_bench_without_a_section_gets_one_at_the_end(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(RESULTS, encoding="utf-8")
    write_section("memory_bench", "Peak memory", "figures", results=results)
    assert results.read_text(encoding="utf-8") == RESULTS + (
        "\n## Peak memory (`bench/memory_bench.py`)\n\n<!-- memory_bench: begin -->\nfigures\n"
        "<!-- memory_bench: end -->\n"
    )


def test_a_child_that_fails_stops_the_bench_with_its_error() -> None:
    command = [sys.executable, "-c", "import sys; sys.exit('no such corpus')"]
    with pytest.raises(SystemExit, match=r"failed \(1\):\nno such corpus"):
        run_child(command)


def test_a_child_that_succeeds_gives_its_output_and_peak_memory() -> None:
    child = run_child([sys.executable, "-c", "print('figures')"], stdout=True)
    assert child.stdout == "figures\n"
    assert child.peak_mib > 1  # a Python interpreter is several MiB resident
