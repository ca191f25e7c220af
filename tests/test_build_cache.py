"""The render cache of `legalgen build`: keys that say what a document is made from, entries checked."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from legalgen import build
from legalgen.records import load_corpus

from .conftest import ROOT, rich_records

DAY = dt.date(2026, 1, 1)

KEYS = """
import datetime as dt, json, sys
from pathlib import Path
from legalgen import build
from legalgen.records import load_corpus
corpus = load_corpus([Path(sys.argv[1])])
day = dt.date(2026, 1, 1)
print(json.dumps({p.name: build.cache_key(p) for p in (build._planned(j, corpus, day, day) for j in build.standard_jobs(corpus))}))
"""


def _keys(folder: Path, seed: str, cwd: Path | None = None) -> dict[str, str]:
    env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", KEYS, str(folder)], capture_output=True, text=True, env=env, check=True, cwd=cwd
    )
    keys: dict[str, str] = json.loads(done.stdout)
    return keys


def test_the_keys_are_the_same_in_every_process_and_change_with_a_record(make_corpus: Callable[..., Path]) -> None:
    records = rich_records()
    folder = make_corpus(*records)
    first, second = _keys(folder, "1"), _keys(folder, "2")
    assert first == second  # set and dict orders differ between these two processes
    assert len(set(first.values())) == len(first)
    charter = next(r for r in records if r["id"] == "1997-charter")
    charter["short_title"] = "Charter (1997)"
    changed = _keys(make_corpus(*records), "1")
    same = {name for name in first if first[name] == changed[name]}
    # The charter's short title appears in every document that names it; the briefs on the 1995 treaty,
    # which names no later instrument, keep their keys.
    assert "brief-1997-charter.pdf" not in same and "timeline-report.pdf" not in same
    assert {"brief-1995-friendship.pdf", "brief-1995-friendship.html"} <= same


def test_the_keys_do_not_depend_on_the_folder_legalgen_is_started_from(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    """``python -m legalgen`` and ``-c`` put the current folder on ``sys.path``; a folder holding a
    distribution's metadata (a checkout's ``legalgen.egg-info``) must not make the same build miss."""
    folder = make_corpus(*rich_records())
    here = tmp_path / "checkout"
    (here / "something-1.0.dist-info").mkdir(parents=True)
    assert _keys(folder, "1", cwd=here) == _keys(folder, "1", cwd=tmp_path)


def test_an_entry_whose_bytes_were_changed_is_not_used(make_corpus: Callable[..., Path], tmp_path: Path) -> None:
    corpus = load_corpus([make_corpus(*rich_records())])
    planned = build._planned(build.standard_jobs(corpus)[1], corpus, DAY, DAY)  # the report as HTML
    key = build.cache_key(planned)
    assert key is not None
    cache = build.RenderCache(tmp_path / ".legalgen-cache")
    doc = build.Document(planned.name, b"<!doctype html>", ("a warning",))
    cache.put(key, doc)
    assert cache.get(key, planned.name) == doc
    assert cache.get(key, "another-name.html") is None
    path = tmp_path / ".legalgen-cache" / f"{key}.doc"
    path.write_bytes(path.read_bytes().replace(b"doctype", b"DOCTYPE"))
    assert cache.get(key, planned.name) is None


@pytest.mark.parametrize("value", [object(), b"bytes"])
def test_a_view_field_of_an_unknown_type_is_an_error_not_a_guess(value: object) -> None:
    with pytest.raises(TypeError, match="cannot fingerprint"):
        build._canonical(("text", value))


def test_every_option_that_changes_the_bytes_changes_the_key() -> None:
    """A PDF/UA report and a plain one, or a PDF/A one, are different files: never one from the other's
    cache entry."""
    corpus = load_corpus([ROOT / "treaties"])
    keys = {
        (pdf_a, pdf_ua): build.plan_report(corpus, as_of=DAY, generated=DAY, pdf_a=pdf_a, pdf_ua=pdf_ua).signature
        for pdf_a, pdf_ua in [(False, False), (True, False), (False, True)]
    }
    assert len(set(keys.values())) == 3
