"""Benchmark of the record loader: one ~50 kB record, and synthetic corpora of 100 and 1,000 instruments.

Not a timed test: every figure is a ratio against a baseline measured in the same run, so it means the
same on a fast or a slow machine, with the absolute seconds beside it. The baseline is PyYAML's C
composer, ``yaml.compose(text, Loader=yaml.CSafeLoader)``: a node tree with marks and nothing checked,
the floor of any safe YAML reading in Python.

* **one record** — legalgen's ``read_record`` (and ``+ validate_record``) against the baseline, and the
  alternatives it was chosen over: ruamel.yaml round-trip (what legalgen used before, with its separate
  pass over the events), ruamel.yaml safe (C where ``ruamel.yaml.clib`` is installed), PyYAML's pure
  composer, PyYAML's C loader building Python objects, and libyaml's event stream alone;
* **corpora** — ``legalgen validate`` on 100 and 1,000 synthetic instruments × 50 provisions (Russian
  text and English paraphrase, in the real record format, written into a temporary folder), each in a
  child process whose peak memory is read with ``os.wait4``; against composing every file of the corpus.

Run: ``.venv/bin/python bench/loader_bench.py [--write]`` (``make bench`` writes bench/RESULTS.md).
"""

from __future__ import annotations

import importlib.util
import io
import platform
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import COMPARE_RATIOS, best_of, cpu_model, measured_on, python, run_child, write_section
from legalgen.records import Instrument
from legalgen.records.read import read_record, validate_record


def words(text: str) -> list[str]:
    return text.split()


RU_WORDS = words(
    "государства участники союза договора граждан права обязательства суверенитет территории конституции органы "
    "парламент выборы референдум валюта эмиссия центр граница оборона безопасность суд решение совет комитет "
    "полномочия ведение предмет закон законодательство порядок процедура уведомление срок месяц выход и в на с по "
    "о не а также или Союзного государства Стороны"
)
EN_WORDS = words(
    "states parties union treaty citizens rights obligations sovereignty territory constitution bodies parliament "
    "elections referendum currency issue centre border defence security court decision council committee powers "
    "jurisdiction subject law legislation procedure notice period month withdrawal and in on with by of not also "
    "or the Union State Parties"
)
TOPIC_IDS = ["citizenship", "electoral-rights", "sovereignty"]


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    out = [rng.choice(words) for _ in range(n)]
    return " ".join(out).capitalize() + "."


def record_text(index: int, provisions: int, rng: random.Random) -> str:
    """One instrument in the real record format: sources, events, a relation to the one before, ``provisions``
    articles each with a verbatim Russian text and an English paraphrase, and an assessment."""
    iid = f"{1950 + index // 100:04d}-synthetic-{index:04d}"
    year = 1950 + index // 100
    lines = [
        "# yaml-language-server: $schema=../schema/instrument.schema.json",
        f"id: {iid}",
        "kind: treaty",
        "titles:",
        f"  ru: Договор номер {index} о сотрудничестве Сторон",
        f"  en: Treaty number {index} on the cooperation of the Parties",
        f"short_title: Synthetic treaty {index} ({year})",
        "parties:",
        "  - Russian Federation",
        "  - Republic of Belarus",
        "summary: >-",
        f"  {sentence(rng, EN_WORDS, 25)}",
        f"  {sentence(rng, EN_WORDS, 25)}",
        "sources:",
        "  - id: S1",
        f'    title: "Official portal: Treaty number {index}, full text"',
        f'    url: "https://example.org/treaties/{index}"',
        "    reliability: official_publication",
        "    language: ru",
        "  - id: S2",
        f'    title: "Legal database: Treaty number {index}"',
        f'    url: "https://example.net/doc/{index}?print=1"',
        "    reliability: legal_database",
        "    language: ru",
        "events:",
        "  - type: signature",
        f"    date: {year}-03-0{1 + index % 9}",
        "    place: Moscow",
        "    signatories:",
        "      - name: First Signatory",
        "        for_party: Russian Federation",
        "      - name: Second Signatory",
        "        for_party: Republic of Belarus",
        "    sources: [S1]",
        "  - type: entry_into_force",
        f"    date: {year}-06-1{index % 9}",
        "    sources: [S1, S2]",
    ]
    if index > 0:
        prev = f"{1950 + (index - 1) // 100:04d}-synthetic-{index - 1:04d}"
        lines += ["relations:", f"  - {{type: builds_on, target: {prev}, provision: art-1, sources: [S1]}}"]
    lines.append("provisions:")
    for n in range(1, provisions + 1):
        ru = " ".join(sentence(rng, RU_WORDS, rng.randint(14, 24)) for _ in range(2))
        en = " ".join(sentence(rng, EN_WORDS, rng.randint(14, 24)) for _ in range(1))
        lines += [
            f'  - article: "{n}"',
            f"    heading: {sentence(rng, EN_WORDS, 4)[:-1]}",
            f"    topics: [{rng.choice(TOPIC_IDS)}]",
            "    texts:",
            "      - kind: verbatim",
            "        language: ru",
            f"        text: {ru}",
            "        source: S1",
            f"        locator: art. {n}",
            "      - kind: paraphrase",
            "        language: en",
            "        text: >-",
            f"          {en}",
            "        basis: Working translation of the verbatim Russian text by the editors.",
            "        sources: [S1]",
        ]
    lines += [
        "assessments:",
        "  - topic: citizenship",
        f"    summary: {sentence(rng, EN_WORDS, 20)}",
        "    codes:",
        "      - {dimension: status, value: equal-rights, provisions: [art-1]}",
    ]
    return "\n".join(lines) + "\n"


TOPICS_YAML = """\
topics:
  - id: citizenship
    title: Citizenship
    dimensions:
      - id: status
        label: Status of each other's citizens
        measure: ordinal
        values:
          - {id: equal-rights, label: Equal rights}
          - {id: union-citizenship, label: Union citizenship}
  - id: electoral-rights
    title: Electoral rights
    dimensions:
      - {id: vote-local, label: Vote — local elections, measure: ordinal, values: [{id: residents, label: Residents}]}
  - id: sovereignty
    title: Sovereignty
    dimensions:
      - {id: statehood, label: Statehood, measure: nominal, values: [{id: retained, label: Retained}]}
"""


def write_corpus(folder: Path, instruments: int, provisions: int = 50, seed: int = 1999) -> list[Path]:
    """``instruments`` synthetic records of ``provisions`` provisions each, and a topics.yaml, in ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "topics.yaml").write_text(TOPICS_YAML, encoding="utf-8")
    paths = []
    for i in range(instruments):
        text = record_text(i, provisions, rng)
        path = folder / f"{text.split(chr(10), 2)[1].removeprefix('id: ')}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- one record


def one_record_alternatives(path: Path) -> list[tuple[str, Callable[[], object]]]:
    """(name, how) for each way of reading ``path``; the first is the baseline."""
    import legalgen.records.read as read

    def compose() -> object:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def events_only() -> None:
        for _ in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader):
            pass

    def pure_read() -> object:
        saved, read._PARSER = read._PARSER, yaml.BaseLoader
        try:
            return read_record(path)
        finally:
            read._PARSER = saved

    ways: list[tuple[str, Callable[[], object]]] = [
        ("PyYAML C composer, yaml.compose(CSafeLoader) (baseline)", compose),
        ("legalgen read_record (libyaml events, one walk)", lambda: read_record(path)),
        ("legalgen read_record + validate_record(Instrument)", lambda: validate_record(read_record(path), Instrument)),
        ("legalgen read_record, pure-Python parser (no libyaml)", pure_read),
        ("libyaml event stream alone, yaml.parse(CBaseLoader)", events_only),
        (
            "PyYAML C loader to Python objects, yaml.load(CSafeLoader)",
            lambda: yaml.load(path.read_text(), yaml.CSafeLoader),
        ),
        (
            "PyYAML pure-Python composer, yaml.compose(SafeLoader)",
            lambda: yaml.compose(path.read_text(), yaml.SafeLoader),
        ),
    ]
    try:
        from ruamel.yaml import YAML
    except ImportError:  # ruamel.yaml is a dev dependency only now
        return ways

    def ruamel(typ: str, pure: bool = False) -> Callable[[], object]:
        def load() -> object:
            return YAML(typ=typ, pure=pure).load(path.read_text(encoding="utf-8"))

        return load

    def previous_loader() -> object:
        """What read.py did before: a pass over ruamel's events for anchors, tags and depth, then a
        round-trip load (and a walk turning its tree into plain data, left out here: this is a floor)."""
        text = path.read_text(encoding="utf-8")
        for _ in YAML(typ="rt").parse(io.StringIO(text)):
            pass
        return YAML(typ="rt").load(text)

    has_clib = importlib.util.find_spec("_ruamel_yaml") is not None  # ruamel.yaml.clib, optional
    c_safe = "ruamel.yaml safe, C (ruamel.yaml.clib)" if has_clib else "ruamel.yaml safe (no ruamel.yaml.clib: pure)"
    return [
        *ways,
        (c_safe, ruamel("safe")),
        ("ruamel.yaml safe, pure Python", ruamel("safe", pure=True)),
        ("ruamel.yaml round-trip load (keeps marks)", ruamel("rt")),
        ("previous legalgen loader: ruamel event pass + round-trip load", previous_loader),
    ]


# --------------------------------------------------------------------------- corpora, in child processes


COMPOSE_ALL = """
import sys, pathlib, yaml
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    yaml.compose(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

STAGES = """
import sys, time, pathlib
t0 = time.perf_counter()
from legalgen.records import Instrument
from legalgen.records.read import read_record, validate_record, iter_record_paths
from legalgen.records.rules import check_corpus
t1 = time.perf_counter()
paths = list(iter_record_paths([pathlib.Path(sys.argv[1])]))
raws = [read_record(p) for p in paths]
t2 = time.perf_counter()
records = [(raw, validate_record(raw, Instrument)) for raw in raws]
t3 = time.perf_counter()
problems = check_corpus(records, None)
t4 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f} {t4 - t3:.3f}")
"""


def stages(folder: Path) -> tuple[float, float, float, float]:
    """Import, read, validate and cross-check times of one corpus, in a child (topics left out)."""
    out = subprocess.run([sys.executable, "-c", STAGES, str(folder)], capture_output=True, text=True, check=True)
    a, b, c, d = (float(x) for x in out.stdout.split())
    return a, b, c, d


# --------------------------------------------------------------------------- report


def libyaml() -> str:
    try:
        from yaml import _yaml  # type: ignore[attr-defined]
    except ImportError:
        return "absent"
    version: str = _yaml.get_version_string()
    return version


def main(write: bool = False, sizes: tuple[int, ...] = (100, 1000), runs: int = 15) -> str:
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="legalgen-bench-") as tmp:
        root = Path(tmp)
        (one,) = write_corpus(root / "one", 1)
        say(f"### One record: {one.stat().st_size:,} bytes, 50 provisions (best of {runs} runs)")
        say()
        say("| reading | ms | × baseline |")
        say("| --- | ---: | ---: |")
        base = 0.0
        for name, how in one_record_alternatives(one):
            t = best_of(runs, how)
            base = base or t
            say(f"| {name} | {t * 1000:.2f} | {t / base:.2f}× |")
        say()
        say("### Corpora: instruments × 50 provisions, each command in a child process")
        say()
        say(
            "| corpus | files | `legalgen validate` s | compose every file s | × compose | peak MiB (validate) | import / read / validate / cross-check s |"
        )
        say("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        legalgen = str(Path(sys.executable).with_name("legalgen"))
        for n in sizes:
            folder = root / f"corpus-{n}"
            paths = write_corpus(folder, n)
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            t_base = run_child([sys.executable, "-c", COMPOSE_ALL, str(folder)]).seconds
            validate = run_child([legalgen, "--no-cache", "validate", str(folder)])  # reading, not the cache
            t_validate, rss = validate.seconds, int(validate.peak_mib)
            parts = " / ".join(f"{x:.2f}" for x in stages(folder))
            say(
                f"| {n} × 50 ({megabytes:.0f} MB) | {n} | {t_validate:.2f} | {t_base:.2f} | "
                f"{t_validate / t_base:.2f}× | {rss} | {parts} |"
            )
    say()
    say(
        measured_on(
            f"{platform.system()} {platform.release()}",
            python(),
            f"PyYAML {yaml.__version__} with libyaml {libyaml()}",
            machine=cpu_model(),
            note=COMPARE_RATIOS,
        )
    )
    report = "\n".join(lines)
    if write:
        write_section("loader_bench", "Loader", report)
    return report


if __name__ == "__main__":
    main(write="--write" in sys.argv)
