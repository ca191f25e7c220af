"""The loader never crashes and never lets YAML silently change a record's meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalgen.errors import RecordError
from legalgen.records import Instrument
from legalgen.records.read import format_loc, read_record, validate_record

from .test_validate import BASE

YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab:-[]{}&*!|>'\"#\n \t1.9,?%@`", "–", "é", "\x00", "\ufeff"]), max_size=80
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_any_text_gives_a_record_or_a_record_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        validate_record(read_record(path), Instrument)
    except RecordError as exc:
        assert exc.problems
        assert all(str(p).startswith("x.yaml") or str(p).startswith(str(path)) for p in exc.problems)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(BASE)))
def test_a_truncated_record_is_an_error_not_a_crash(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "2000-a.yaml"
    path.write_text(BASE[:cut], encoding="utf-8")
    try:
        validate_record(read_record(path), Instrument)
    except RecordError as exc:
        assert all(p.message for p in exc.problems)


def test_a_duplicated_provision_key_never_drops_a_clause(tmp_path: Path) -> None:
    text = BASE.replace("        text: Устанавливается", "        text: Первый вариант.\n        text: Устанавливается")
    path = tmp_path / "2000-a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_record(path)
    assert str(caught.value).startswith(
        f"{path}:26:9: the key 'text' appears twice"
    ) or ":26:9: the key 'text' appears twice" in str(caught.value)


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("id: a\nnote: " + "x" * (3 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(RecordError, match="over the 2097152-byte limit"):
        read_record(path)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match="nests deeper than 32 levels"):
        read_record(path)


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        (("provisions", 3, "texts", 0, "source"), "provisions[3].texts[0].source"),
        (("titles", "xx", "[key]"), "titles.xx"),
    ],
)
def test_field_paths_read_like_the_file(loc: tuple[int | str, ...], text: str) -> None:
    assert format_loc(loc) == text


@pytest.mark.parametrize(("text", "line"), [("[]:\n", 1), ("id: x\nevents:\n  - {c: d}: 2\n", 3)])
def test_a_list_or_mapping_as_a_key_is_a_located_error(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_record(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (line, "uses a list or mapping as a key")
