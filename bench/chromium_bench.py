"""Benchmark of ``legalgen build`` against serial headless Chromium printing the same documents to PDF.

Not a timed test: the figure is a ratio measured in one run, with the seconds beside it.

1. ``legalgen build`` of ``treaties/`` (copied into a temporary folder) into a fresh output folder, so
   nothing comes from a cache, in a child process with the default ``--jobs`` (one per CPU). Its memory is
   sampled from ``/proc`` every 50 ms over the whole process tree (the parent and its render workers):
   peak of the parent, peak of the largest worker, peak of their sum; ``wait4`` adds the kernel's peak of
   the largest single process of the tree (``ru_maxrss``).
2. For every PDF the build wrote, the same document as an HTML page (``--format html``: legalgen's own
   ``page`` mode, with its screen stylesheet and its ``@media print`` rules), written by legalgen's
   Python API with the same dates, then printed by ``chromium --headless --print-to-pdf`` one after the
   other, each in a fresh browser process (what a serial "print the HTML" build would do).

It also reads with pypdf what Chromium's PDFs lack: the outline (bookmarks) and the page numbers that
legalgen's contents and table of authorities show (``target-counter``), which a browser leaves empty.

Without ``chromium`` on the PATH (``scripts/setup-system --test`` installs it) the bench prints one line
saying it skipped, and exits 0.

Run: ``.venv/bin/python bench/chromium_bench.py [--write]``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import (
    COMPARE_RATIOS,
    EPOCH,  # 2026-01-01, the generation date of the build and of the HTML pages
    ROOT,
    cli,
    measured_on,
    publish,
    python,
    run_child,
    source_date_env,
)

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found += [int(c) for c in children.read().split()]
    except OSError:
        pass
    return found


class TreeMemory:
    """Peaks of a process tree's resident memory, sampled from /proc every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval = pid, interval
        self.parent = self.child = self.total = 0.0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            parent = _rss_mib(self.pid)
            pending, sizes = _children(self.pid), []
            while pending:
                pid = pending.pop()
                sizes.append(_rss_mib(pid))
                pending += _children(pid)
            self.parent = max(self.parent, parent)
            self.child = max([self.child, *sizes])
            self.total = max(self.total, parent + sum(sizes))
            self.samples += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def legalgen_build(corpus: Path, out: Path) -> tuple[float, float, TreeMemory, float]:
    """(seconds, wait4 peak MiB, sampled tree peaks, CPU seconds of the tree) of one cold ``legalgen build``."""
    command = [sys.executable, "-m", "legalgen", "build", "--corpus", str(corpus), "--out", str(out)]
    trees: list[TreeMemory] = []
    try:
        child = run_child(command, env=source_date_env(), started=lambda pid: trees.append(TreeMemory(pid)))
    finally:
        for memory in trees:
            memory.stop()
    return child.seconds, child.peak_mib, trees[0], child.cpu_seconds


def html_pages(corpus_dir: Path, pdfs: list[str], folder: Path) -> dict[str, Path]:
    """The page-mode HTML of each PDF ``legalgen build`` wrote, by the PDF's file name."""
    from legalgen.records import load_corpus
    from legalgen.render.html import render_html
    from legalgen.views import brief_view, report_view

    day = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC).date()
    corpus = load_corpus([corpus_dir])
    views = {}
    report = report_view(corpus, as_of=day, generated=day)
    views[f"{report.meta.slug}.pdf"] = ("report.html", report)
    for target in [t.id for t in corpus.topics.topics] + list(corpus.ids):
        view = brief_view(corpus, target, as_of=day, generated=day)
        views[f"{view.meta.slug}.pdf"] = ("brief.html", view)
    missing = sorted(set(pdfs) - set(views))
    if missing:
        raise SystemExit(f"no HTML for {', '.join(missing)}: the bench does not know these documents")
    pages = {}
    for name in pdfs:
        template, view = views[name]
        path = folder / name.replace(".pdf", ".html")
        path.write_text(render_html(template, view, mode="page"), encoding="utf-8")
        pages[name] = path
    return pages


def chromium_print(chromium: str, page: Path, pdf: Path, profile: Path) -> None:
    command = [
        chromium,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not pdf.is_file():
        raise SystemExit(f"chromium failed on {page.name} ({done.returncode}): {done.stderr[-500:]}")


def pdf_facts(path: Path) -> tuple[int, int, int, int, int]:
    """(pages, outline entries, contents lines with a page number, "Cited on" page lists, hyphenated
    Russian line ends) of one PDF.

    legalgen draws the page numbers of the contents (``. . . 5``) and of the table of authorities ("Cited
    on: 4, 7") with CSS ``target-counter``, which a browser does not support: the HTML page says "Cited at:
    1, 2" (links) instead. A line ending in a Cyrillic letter and a hyphen is a word hyphenated there.
    """
    import pypdf

    reader = pypdf.PdfReader(path)

    def count(outline: list[object]) -> int:
        return sum(count(item) if isinstance(item, list) else 1 for item in outline)

    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    leaders = len(re.findall(r"(?:\. ){3,}\.?\s*\d+\s*$", text, flags=re.MULTILINE))
    cited_on = text.count("Cited on:")
    hyphens = len(re.findall(r"[а-яё]-$", text, flags=re.MULTILINE | re.IGNORECASE))
    return len(reader.pages), count(reader.outline), leaders, cited_on, hyphens


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(chromium: str, rounds: int) -> str:
    """Each round: a cold build, then Chromium printing the same PDFs; the best round of each counts, so
    that a change in the machine's load between the two falls on both alike."""
    builds, prints, cpu_builds, cpu_prints = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "treaties"
        shutil.copytree(ROOT / "treaties", corpus)
        for k in range(rounds):
            out = Path(tmp) / f"out-{k}"
            t_build, wait_peak, tree, cpu_build = legalgen_build(corpus, out)
            pdfs = sorted(p.name for p in out.glob("*.pdf"))
            outputs = sum(1 for p in out.iterdir() if p.is_file())
            pages = html_pages(corpus, pdfs, Path(tmp))
            printed = Path(tmp) / f"chromium-{k}"
            printed.mkdir()
            start, start_cpu = time.perf_counter(), children_cpu()
            for name in pdfs:
                chromium_print(chromium, pages[name], printed / name, Path(tmp) / "profile")
            builds.append(t_build)
            prints.append(time.perf_counter() - start)
            cpu_builds.append(cpu_build)
            cpu_prints.append(children_cpu() - start_cpu)
        t_build, t_chromium = min(builds), min(prints)
        ours = {name: pdf_facts(out / name) for name in pdfs}
        theirs = {name: pdf_facts(printed / name) for name in pdfs}
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    report = next(name for name in pdfs if not name.startswith("brief-"))

    def total(facts: dict[str, tuple[int, int, int, int, int]], i: int) -> int:
        return sum(f[i] for f in facts.values())

    ratio = t_build / t_chromium
    verdict = "faster" if ratio < 1 else "slower"
    lines = [
        f"### `legalgen build` of treaties/ ({len(pdfs)} PDFs) against serial headless Chromium on the same HTML",
        "",
        f"Best of {rounds} rounds, each a cold build then Chromium; every round's seconds in brackets.",
        "",
        "| rendering | s | × baseline | CPU s (all processes) |",
        "| --- | ---: | ---: | ---: |",
        f"| Chromium `--print-to-pdf`, {len(pdfs)} documents one after the other (baseline) | {t_chromium:.2f} "
        f"({', '.join(f'{t:.1f}' for t in prints)}) | 1.00× | {min(cpu_prints):.1f} |",
        f"| `legalgen build`, cold, fresh folder, default `--jobs` (all {outputs} "
        f"files, not only the PDFs) | {t_build:.2f} ({', '.join(f'{t:.1f}' for t in builds)}) | {ratio:.2f}× "
        f"| {min(cpu_builds):.1f} |",
        "",
        f"`legalgen build` is **{ratio:.2f}×** the time of Chromium ({verdict}; target: faster than Chromium).",
        "",
        "| the PDFs | legalgen | Chromium |",
        "| --- | ---: | ---: |",
        f"| pages, all {len(pdfs)} PDFs | {total(ours, 0)} | {total(theirs, 0)} |",
        f"| outline entries (bookmarks), all PDFs | {total(ours, 1)} | {total(theirs, 1)} |",
        f"| outline entries of the report ({report}) | {ours[report][1]} | {theirs[report][1]} |",
        f"| contents lines with a page number (`. . . 5`), report | {ours[report][2]} | {theirs[report][2]} |",
        f'| table of authorities: page lists ("Cited on:"), report | {ours[report][3]} | {theirs[report][3]} |',
        f"| lines ending in a hyphenated Russian word, all PDFs | {total(ours, 4)} | {total(theirs, 4)} |",
        "",
        f"Memory of the cold build (sampled every 50 ms over {tree.samples} samples): parent **{tree.parent:.0f}"
        f" MiB**, largest render worker **{tree.child:.0f} MiB**, whole tree at once **{tree.total:.0f} MiB**; "
        f"kernel peak of the largest single process (`wait4`): {wait_peak:.0f} MiB.",
        "",
        measured_on(version, python(), note=COMPARE_RATIOS),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = cli(__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of build then Chromium (default 3)")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium_bench: skipped, no chromium on the PATH (scripts/setup-system --test installs it)")
        return
    publish(run(chromium, max(1, args.rounds)), "chromium_bench", "`build` against Chromium", args.write)


if __name__ == "__main__":
    main()
