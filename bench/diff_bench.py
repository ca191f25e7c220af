"""Benchmark of ``diff_instruments`` on two synthetic 1,000-article instruments.

Not a timed test: it prints figures as ratios against baselines measured in the same run, so they mean
the same on a fast or a slow machine:

* **vs plain difflib** — one ``difflib.SequenceMatcher`` pass (``autojunk=False``) over the same
  articles' tokens, article by article, with no alignment, scoring or results: the floor of any word
  diff of this text;
* **1,000 vs 100 articles** — how the comparison scales (10× is linear);
* **rendering** — the terminal and JSON renderings against the comparison itself.

Run: ``.venv/bin/python bench/diff_bench.py [ARTICLES]``.
"""

from __future__ import annotations

import difflib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import best_of
from legalgen.analysis.diff import diff_instruments, plain_words, tokenize, words_of
from legalgen.records import Instrument, TopicCatalogue
from legalgen.render.diff import render_json, render_terminal

TOPICS = ["sovereignty", "citizenship", "electoral-rights", "customs", "defence", "currency", "courts", "borders"]
STEMS = [
    "государств", "участник", "союз", "договор", "граждан", "права", "обязательств", "суверенитет", "территори",
    "конституци", "орган", "парламент", "выбор", "референдум", "валют", "эмисси", "центр", "граница", "оборон",
    "безопасност", "суд", "решени", "совет", "комитет", "полномочи", "ведени", "предмет", "закон",
    "законодательств", "порядок", "процедур", "уведомлени", "срок", "месяц", "выход",
]  # fmt: skip
ENDINGS = ["", "а", "ы", "ов", "ам", "ами", "ах", "е", "и", "ой", "ого", "ому", "ых"]
COMMON = ["и", "в", "на", "с", "по", "о", "не", "а", "также", "или", "Союзного", "государства", "Стороны"]


def make_vocabulary(rng: random.Random) -> list[str]:
    words = sorted({s + e for s in STEMS for e in ENDINGS})
    rng.shuffle(words)
    return words


def sentence(rng: random.Random, vocabulary: list[str], n: int) -> str:
    # function words a third of the time; content words by Zipf's law (the r-th most common has weight 1/r)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    out = [rng.choice(COMMON) if rng.random() < 0.35 else rng.choices(vocabulary, weights)[0] for _ in range(n)]
    out[0] = out[0].capitalize()
    return " ".join(out) + rng.choice([".", ";", ", если иное не предусмотрено."])


def synthetic_pair(articles: int, seed: int = 1999) -> tuple[Instrument, Instrument, TopicCatalogue, dict[str, str]]:
    """A, and a B made from it: 75% kept or lightly edited, 10% renumbered, 5% edited and linked,
    10% dropped, and 10% new; with the true pairing (A's provision id → B's)."""
    rng = random.Random(seed)
    vocabulary = make_vocabulary(rng)

    def provision(number: int, text: str, topics: list[str], **extra: Any) -> dict[str, Any]:
        return {
            "article": str(number),
            "topics": topics,
            "texts": [
                {"kind": "verbatim", "language": "ru", "text": text, "source": "S1", "locator": f"art. {number}"}
            ],
            **extra,
        }

    a_provs, b_provs = [], []
    truth: dict[str, str] = {}
    next_b = articles + 1
    for n in range(1, articles + 1):
        text = " ".join(sentence(rng, vocabulary, rng.randint(12, 30)) for _ in range(rng.randint(1, 3)))
        topics = rng.sample(TOPICS, rng.choice([0, 1, 1, 2]))
        a_provs.append(provision(n, text, topics))
        fate = rng.random()
        if fate < 0.10:
            continue  # dropped
        words = text.split(" ")
        truth[f"art-{n}"] = f"art-{next_b}" if fate < 0.25 else f"art-{n}"
        if fate < 0.20:
            b_provs.append(provision(next_b, text, topics))  # renumbered, same text
            next_b += 1
        elif fate < 0.25:
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            b_provs.append(provision(next_b, " ".join(words), topics, continues=[f"bench-a/art-{n}"]))
            next_b += 1
        else:
            for _ in range(rng.choice([0, 0, 1, 2, 4])):  # kept, or a few words edited
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            b_provs.append(provision(n, " ".join(words), topics))
    for _ in range(articles // 10):
        text = sentence(rng, vocabulary, rng.randint(12, 30))
        b_provs.append(provision(next_b, text, rng.sample(TOPICS, rng.choice([0, 1]))))
        next_b += 1

    def instrument(iid: str, provisions: list[dict[str, Any]]) -> Instrument:
        record = {
            "id": iid,
            "kind": "treaty",
            "titles": {"en": f"Synthetic treaty {iid}"},
            "short_title": iid,
            "parties": ["A", "B"],
            "sources": [
                {"id": "S1", "title": "synthetic", "url": "https://example.org/", "reliability": "official_publication"}
            ],
            "provisions": provisions,
        }
        return Instrument.model_validate_json(json.dumps(record))

    values = [{"id": "no", "label": "No"}, {"id": "yes", "label": "Yes"}]
    dimension = {"id": "coded", "label": "Coded", "measure": "ordinal", "values": values}
    topics = {"topics": [{"id": t, "title": t, "dimensions": [dimension]} for t in TOPICS]}
    catalogue = TopicCatalogue.model_validate_json(json.dumps(topics))
    return instrument("bench-a", a_provs), instrument("bench-b", b_provs), catalogue, truth


def cold(runs: int, func: Callable[[], object]) -> float:
    """The best of ``runs`` calls of ``func``, each tokenizing from scratch (the baseline too)."""
    return best_of(runs, func, before=clear_caches)


def clear_caches() -> None:
    tokenize.cache_clear()
    words_of.cache_clear()
    plain_words.cache_clear()


def plain_difflib(a: Instrument, b: Instrument) -> None:
    """The floor: one SequenceMatcher pass per same-numbered article, no alignment and no results kept."""
    by_id = {p.id: p for p in b.provisions}
    for prov in a.provisions:
        other = by_id.get(prov.id)
        if other is not None:
            x, y = tokenize(prov.texts[0].text).words, tokenize(other.texts[0].text).words
            difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()


def main(articles: int = 1000, runs: int = 3) -> None:
    a, b, topics, truth = synthetic_pair(articles)
    small_a, small_b, _, _ = synthetic_pair(articles // 10)
    words = sum(len(tokenize(p.texts[0].text).words) for inst in (a, b) for p in inst.provisions)

    t_plain = cold(runs, lambda: plain_difflib(a, b))
    t_diff = cold(runs, lambda: diff_instruments(a, b, topics))
    t_small = cold(runs, lambda: diff_instruments(small_a, small_b, topics))
    result = diff_instruments(a, b, topics)
    t_text = cold(runs, lambda: render_terminal(result))
    t_json = cold(runs, lambda: render_json(result))

    counts = {s: result.count(s) for s in ("identical", "moved", "changed", "only-in-a", "only-in-b")}
    reasons: dict[str, int] = {}
    for row in result.pairs:
        reasons[str(row.reason)] = reasons.get(str(row.reason), 0) + 1
    print(f"diff_bench: {len(a.provisions)} vs {len(b.provisions)} articles, {words} tokens, best of {runs} runs")
    print(f"  rows: {counts}")
    print(f"  pairs by reason: {dict(sorted(reasons.items()))}")
    found = {r.a.id: r.b.id for r in result.pairs if r.a and r.b}
    right = sum(1 for k, v in found.items() if truth.get(k) == v)
    print(
        f"  alignment against the truth: {right / len(found):.1%} of pairs right, {right / len(truth):.1%} of true pairs found"
    )
    print(f"  diff_instruments / plain difflib pass over the same articles:  {t_diff / t_plain:6.1f}x")
    print(f"  diff_instruments, {articles} / {articles // 10} articles (10x = linear):   {t_diff / t_small:6.1f}x")
    print(f"  terminal rendering / diff_instruments:                     {t_text / t_diff:6.2f}x")
    print(f"  JSON rendering / diff_instruments:                         {t_json / t_diff:6.2f}x")
    print(f"  (absolute, this machine: plain difflib {t_plain:.3f}s, diff_instruments {t_diff:.3f}s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
