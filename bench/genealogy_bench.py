"""Benchmark of clause genealogy: growth from 10 to 80 (and 1,000) synthetic instruments, against baselines.

Not a timed test: every figure is a ratio against a baseline measured in the same run, with the absolute
seconds beside it.

* **the corpus** — synthetic instruments × 50 provisions in the real record format (a Russian verbatim
  text and an English paraphrase each, on one of 12 topics), written to a temporary folder and loaded with
  ``load_corpus``. Its wording is built like a real collection's: function words found in every provision,
  a vocabulary of 150 terms per topic shared by the whole corpus, terms of each instrument's own (names,
  bodies, places: the vocabulary grows with the corpus, as a real one does), and a quarter of each
  instrument's provisions carried forward from one of the four instruments before it with a quarter of
  the words changed — the clause lines genealogy is for. Seeded: the same corpus on every run.
* **baselines** — loading the same corpus (``load_corpus``: linear work every command does first), and the
  previous implementation (:func:`pairwise_genealogy`: every later provision compared with every provision
  of every earlier instrument that shares a topic) on the sizes where it finishes in reasonable time.
* **growth exponent** — the slope of log(seconds) over log(instruments) from the smallest to the largest
  size, for ``clause_genealogy`` alone (the corpus already loaded; NumPy imported before any timing), in
  wall-clock and in CPU seconds (the CPU time of the process is what other jobs on a shared machine
  disturb least).
* **memory** — the process's peak resident memory after loading each corpus and after its genealogy
  (``ru_maxrss``: a high-water mark, so each figure is at least the one above it).

Run: ``.venv/bin/python bench/genealogy_bench.py [--write] [--big]`` (``make bench`` writes
bench/RESULTS.md; ``--big`` adds 1,000 instruments, about a minute more for loading alone).
"""

from __future__ import annotations

import functools
import math
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import cli, measured_on, publish, python
from legalgen.analysis.genealogy import ClauseLink, _link, _renumbered, corpus_weights
from legalgen.analysis.positions import topic_of
from legalgen.analysis.wording import THRESHOLD, Weights, compare
from legalgen.ids import ProvisionRef
from legalgen.records import Corpus, Instrument, Provision, load_corpus
from legalgen.records.corpus import cores

TOPICS = [f"topic-{n:02d}" for n in range(12)]
RU_FUNCTION = [
    "и",
    "в",
    "на",
    "с",
    "по",
    "о",
    "не",
    "а",
    "также",
    "или",
    "к",
    "от",
    "для",
    "при",
    "его",
    "их",
    "это",
    "быть",
    "которые",
    "этот",
]
EN_FUNCTION = [
    "and",
    "in",
    "on",
    "with",
    "by",
    "of",
    "not",
    "also",
    "or",
    "to",
    "from",
    "for",
    "at",
    "its",
    "their",
    "this",
    "be",
    "which",
    "the",
    "a",
]
RU_SYLLABLES = [
    "ба",
    "ве",
    "ги",
    "до",
    "ку",
    "ла",
    "ме",
    "ни",
    "по",
    "ру",
    "са",
    "те",
    "фи",
    "ха",
    "це",
    "чу",
    "ша",
    "ер",
    "ов",
    "ан",
    "ст",
    "пр",
    "тр",
    "ко",
]
EN_SYLLABLES = [
    "ba",
    "ve",
    "gi",
    "do",
    "ku",
    "la",
    "me",
    "ni",
    "po",
    "ru",
    "sa",
    "te",
    "fi",
    "ha",
    "ce",
    "chu",
    "sha",
    "er",
    "ov",
    "an",
    "st",
    "pr",
    "tr",
    "co",
]


# --------------------------------------------------------------------------- the previous implementation


def pairwise_genealogy(
    corpus: Corpus, topic: str | None = None, threshold: float = THRESHOLD
) -> tuple[ClauseLink, ...]:
    """``clause_genealogy`` as it was before the index: each later provision compared with every provision
    of every earlier instrument sharing a topic (quadratic). Kept as the reference the index must equal."""
    if topic is not None:
        topic_of(corpus, topic)
    order = {inst.id: n for n, inst in enumerate(corpus.instruments)}
    place = {
        f"{inst.id}/{p.id}": (order[inst.id], n)
        for inst in corpus.instruments
        for n, p in enumerate(inst.provisions_in_order)
    }
    weights = corpus_weights(corpus)
    links: list[ClauseLink] = []
    for later in corpus.instruments:
        renumbered = _renumbered(later)
        for q in later.provisions:
            recorded_from: set[str] = set()
            for ref_text in dict.fromkeys([*q.continues, *renumbered.get(q.id, ())]):
                ref = ProvisionRef.parse(ref_text)
                earlier = corpus.instrument(ref.instrument)
                p = earlier.provision(ref.provision)
                if p is None:
                    continue
                recorded_from.add(earlier.id)
                links.append(_link(earlier, p, later, q, compare(p, q, weights), recorded=True))
            links.extend(_pairwise_inferred(corpus, later, q, recorded_from, threshold, weights))
    if topic is not None:
        links = [link for link in links if topic in _topics_of(corpus, link)]
    links.sort(key=lambda k: (place[k.later.ref], place[k.earlier.ref]))
    return tuple(links)


def _pairwise_inferred(
    corpus: Corpus, later: Instrument, q: Provision, skip: set[str], threshold: float, weights: Weights
) -> list[ClauseLink]:
    found = []
    signed = later.dated
    for earlier in corpus.instruments:
        if earlier.id in skip or earlier.id == later.id:
            continue
        e_signed = earlier.dated
        if signed is None or e_signed is None or not e_signed < signed:
            continue
        best: tuple[tuple[bool, float], ClauseLink] | None = None
        for p in earlier.provisions_in_order:
            if not set(p.topics) & set(q.topics):
                continue
            link = _link(earlier, p, later, q, compare(p, q, weights), recorded=False)
            if link.score is None or link.score < threshold:
                continue
            rank = (link.compared == "verbatim", link.score)
            if best is None or rank > best[0]:
                best = (rank, link)
        if best is not None:
            found.append(best[1])
    return found


def _topics_of(corpus: Corpus, link: ClauseLink) -> set[str]:
    topics = set(link.topics)
    for c in (link.earlier, link.later):
        prov = corpus.instrument(c.instrument).provision(c.provision)
        if prov is not None:
            topics.update(prov.topics)
    return topics


# --------------------------------------------------------------------------- the synthetic corpus


def _term(n: int, syllables: list[str]) -> str:
    out = []
    n += 1
    while n:
        n, r = divmod(n, len(syllables))
        out.append(syllables[r])
    return "".join(out) + ("ость" if syllables is RU_SYLLABLES else "ity")


def _concept(n: int) -> tuple[str, str]:
    return _term(n * 7919 % 1_000_003, RU_SYLLABLES), _term(n * 7919 % 1_000_003, EN_SYLLABLES)


def _clause(rng: random.Random, topic: int, instrument: int) -> list[int]:
    """A provision's content words as concept numbers: topic terms and the instrument's own."""
    topic_terms = [100_000 + topic * 150 + rng.randrange(150) for _ in range(6)]
    own = [1_000_000 + instrument * 40 + rng.randrange(40) for _ in range(6)]
    return topic_terms + own


def _texts(rng: random.Random, concepts: list[int]) -> tuple[str, str]:
    ru, en = [], []
    for c in concepts:
        r, e = _concept(c)
        ru += [rng.choice(RU_FUNCTION), r]
        en += [rng.choice(EN_FUNCTION), e]
    return " ".join(ru).capitalize() + ".", " ".join(en).capitalize() + "."


def write_corpus(folder: Path, instruments: int, provisions: int = 50, seed: int = 1999) -> None:
    """``instruments`` synthetic records of ``provisions`` provisions each, and a topics.yaml, in ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["topics:"]
    for t in TOPICS:
        lines += [
            f"  - id: {t}",
            f"    title: Topic {t}",
            "    dimensions:",
            "      - {id: stance, label: Stance, measure: nominal, values: [{id: stated, label: Stated}]}",
        ]
    (folder / "topics.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    clauses: list[list[tuple[int, list[int]]]] = []
    for i in range(instruments):
        mine: list[tuple[int, list[int]]] = []
        for _ in range(provisions):
            if i > 0 and rng.random() < 0.25:
                topic, words = rng.choice(clauses[max(0, i - 4) + rng.randrange(min(i, 4))])
                words = [w if rng.random() > 0.25 else _clause(rng, topic, i)[rng.randrange(12)] for w in words]
            else:
                topic = rng.randrange(len(TOPICS))
                words = _clause(rng, topic, i)
            mine.append((topic, words))
        clauses.append(mine)
        (folder / f"{_iid(i)}.yaml").write_text(_record(i, mine, rng), encoding="utf-8")


def _iid(i: int) -> str:
    return f"{1900 + i // 10:04d}-synthetic-{i:04d}"


def _record(i: int, clauses: list[tuple[int, list[int]]], rng: random.Random) -> str:
    year = 1900 + i // 10
    lines = [
        f"id: {_iid(i)}",
        "kind: treaty",
        "titles:",
        f"  ru: Договор номер {i}",
        f"  en: Treaty number {i}",
        f"short_title: Synthetic treaty {i} ({year})",
        "parties: [Russian Federation, Republic of Belarus]",
        "sources:",
        "  - id: S1",
        f'    title: "Official portal: Treaty number {i}"',
        f'    url: "https://example.org/treaties/{i}"',
        "    reliability: official_publication",
        "    language: ru",
        "events:",
        "  - type: signature",
        f"    date: {year}-{1 + i % 10:02d}-0{1 + i % 9}",
        "    sources: [S1]",
        "provisions:",
    ]
    for n, (topic, words) in enumerate(clauses, start=1):
        ru, en = _texts(rng, words)
        lines += [
            f'  - article: "{n}"',
            f"    topics: [{TOPICS[topic]}]",
            "    texts:",
            "      - kind: verbatim",
            "        language: ru",
            f"        text: {ru}",
            "        source: S1",
            f"        locator: art. {n}",
            "      - kind: paraphrase",
            "        language: en",
            f"        text: {en}",
            "        basis: Working translation of the verbatim Russian text by the editors.",
            "        sources: [S1]",
        ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- measuring


def timed(func, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = func(*args)
    return time.perf_counter() - start, out


def cpu_timed(func, *args):  # type: ignore[no-untyped-def]
    """Wall and CPU seconds of ``func(*args)`` (CPU time: what the other jobs of a shared machine take less of)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = func(*args)
    return time.perf_counter() - start, time.process_time() - cpu, out


def peak_mib() -> int:
    """The process's peak resident memory so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def exponent(sizes: list[int], seconds: list[float]) -> float:
    return math.log(seconds[-1] / seconds[0]) / math.log(sizes[-1] / sizes[0])


def run(sizes: list[int], pairwise_up_to: int) -> str:
    from legalgen.analysis import genealogy_pairs  # noqa: F401 -- NumPy imported once, before any timing
    from legalgen.analysis.genealogy import clause_genealogy

    rows = []
    new_s: list[float] = []
    cpu_s: list[float] = []
    load_s: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"c{n}"
            write_corpus(folder, n)
            # as the command line loads it: on every core, then frozen out of the collector's sight
            t_load, corpus = timed(functools.partial(load_corpus, workers=cores(), freeze=True), [folder])
            mem_load = peak_mib()
            t_new, cpu_new, links = cpu_timed(clause_genealogy, corpus)
            mem = peak_mib()
            inferred = sum(not link.recorded for link in links)
            if n <= pairwise_up_to:
                t_old, old = timed(pairwise_genealogy, corpus)
                same = "yes" if old == links else "**NO**"
                old_cell, speedup = f"{t_old:.2f}", f"{t_old / t_new:.1f}×"
            else:
                same, old_cell, speedup = "not run", "—", "—"
            rows.append(
                f"| {n} × 50 | {inferred} | {t_load:.2f} | {t_new:.2f} | {cpu_new:.2f} | {t_new / t_load:.2f}× "
                f"| {mem_load} → {mem} | {old_cell} | {speedup} | {same} |"
            )
            new_s.append(t_new)
            cpu_s.append(cpu_new)
            load_s.append(t_load)
            print(rows[-1], file=sys.stderr, flush=True)
    small = [n for n in sizes if n <= 80]
    grow = exponent(small, new_s[: len(small)])
    grow_load = exponent(small, load_s[: len(small)])
    grow_cpu = exponent(small, cpu_s[: len(small)])
    lines = [
        "### Clause genealogy on synthetic corpora (instruments × 50 provisions, RU verbatim + EN paraphrase)",
        "",
        "| corpus | links inferred | load s (baseline) | genealogy s | genealogy CPU s | × load "
        "| peak MiB after load → after genealogy | pairwise s | pairwise ÷ now | same links as pairwise |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
        "",
        f"Growth exponent {small[0]} → {small[-1]} instruments: genealogy **{grow:.2f}** (CPU time: "
        f"{grow_cpu:.2f}; loading the same corpora: {grow_load:.2f}).",
    ]
    if sizes[-1] > 80:
        big = [small[-1], sizes[-1]]
        lines.append(
            f"{small[-1]} → {sizes[-1]}: genealogy {exponent(big, [new_s[len(small) - 1], new_s[-1]]):.2f} "
            f"(CPU time: {exponent(big, [cpu_s[len(small) - 1], cpu_s[-1]]):.2f})."
        )
    lines += [
        "",
        measured_on(python(), machine=platform.processor() or platform.machine()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = cli(__doc__)
    parser.add_argument("--big", action="store_true", help="add a corpus of 1,000 instruments")
    parser.add_argument("--pairwise-up-to", type=int, default=40, help="largest corpus to run the previous code on")
    args = parser.parse_args()
    sizes = [10, 20, 40, 80] + ([1000] if args.big else [])
    publish(run(sizes, args.pairwise_up_to), "genealogy_bench", "Clause genealogy", args.write)


if __name__ == "__main__":
    main()
