"""`legalgen diff` as a user meets it: exit status like diff(1), readable redlines, every format."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli, want_color

from .conftest import TREATIES, article, dump_yaml, event, instrument


def diff(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["diff", *args, "--corpus", str(TREATIES)], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def records(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of one record, in a folder of the user's own with its topics.yaml."""
    from .conftest import TOPICS

    (tmp_path / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    old = instrument(
        "2000-a",
        provisions=[
            article("1", "Граждане обладают равными правами избирать в выборные органы Союза.", ("electoral-rights",)),
            article("2", "Официальными языками являются русский и белорусский языки."),
        ],
    )
    new = instrument(
        "2000-a",
        provisions=[
            article("1", "Граждане обладают равными правами избирать в органы местного самоуправления.",
                    ("electoral-rights",)),
            article("3", "Официальными языками являются русский и белорусский языки."),
        ],
    )  # fmt: skip
    a, b = tmp_path / "old.yaml", tmp_path / "new.yaml"
    a.write_text(dump_yaml(old), encoding="utf-8")
    b.write_text(dump_yaml(new), encoding="utf-8")
    return a, b


@pytest.mark.slow
def test_exit_status_is_like_diff(records: tuple[Path, Path]) -> None:
    a, b = records
    assert diff(str(a), str(a))[0] == 0
    assert diff("1997-union", "1997-union")[0] == 0
    code, out, err = diff(str(a), str(b))
    assert (code, err) == (1, "")
    assert "art. 1   changed" in out
    assert (
        "Граждане обладают равными правами избирать в [-выборные органы Союза-]{+органы местного самоуправления+}."
        in out
    )
    assert "art. 2 → art. 3   moved (renumbered, same text)   [text similarity, score 1.00: wording 1.00]" in out


@pytest.mark.slow
def test_every_instrument_of_the_corpus_compared_with_itself_has_no_differences() -> None:
    from legalgen.records import load_corpus

    for iid in load_corpus([TREATIES]).ids:
        code, out, _ = diff(iid, iid)
        assert code == 0, iid
        assert "  no differences" in out.splitlines()


@pytest.mark.slow
def test_unknown_id_suggests_close_matches() -> None:
    code, out, err = diff("1997-unoin", "1999-union-state")
    assert (code, out) == (2, "")
    assert err.startswith("error: unknown instrument '1997-unoin'; did you mean '1997-union'")


def test_invalid_record_file_is_named_with_its_line(tmp_path: Path, records: tuple[Path, Path]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump_yaml(instrument("2000-a")).replace("kind: treaty", "kind: treatise"), encoding="utf-8")
    code, out, err = diff(str(records[0]), str(bad))
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith(f"{bad}:2:1: kind: 'treatise' is not allowed here; fix: use one of")
    assert err.splitlines()[-1] == "1 problem found; nothing was written."
    code, _, err = diff(str(records[0]), str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml: no such file" in err


def test_plain_when_piped_coloured_when_asked(records: tuple[Path, Path]) -> None:
    a, b = records
    plain = diff(str(a), str(b))[1]
    assert "\x1b[" not in plain
    coloured = diff(str(a), str(b), "--color", "always")[1]
    assert "\x1b[31m[-выборные органы Союза-]\x1b[0m\x1b[32m{+органы местного самоуправления+}\x1b[0m" in coloured
    assert "\x1b[" not in diff(str(a), str(b), "--color", "always", "--format", "unified")[1]


def test_auto_colour_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert want_color("auto", to_stdout=True)
    assert not want_color("auto", to_stdout=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not want_color("auto", to_stdout=True)
    assert want_color("always", to_stdout=True) and not want_color("never", to_stdout=True)


@pytest.mark.slow
def test_summary_comes_first_then_the_details() -> None:
    code, out, _ = diff("1997-union", "1999-union-state")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "legalgen diff 1997-union → 1999-union-state"
    assert lines.index("Summary") < lines.index("Provisions")
    summary = lines[lines.index("Summary") : lines.index("Provisions")]
    assert (
        "    Sovereignty — Statehood of the parties: Retained within the union (1997; evidence: text from a legal "
        "database) → Retained within the union (1999; partly on paraphrase: art. 6; evidence: accounts or a draft "
        "only, the text itself not seen)  [unchanged]" in summary
    )
    assert (
        "    Sovereignty — Powers given to union bodies: not addressed (1997) → Powers transferred (1999; partly on "
        "paraphrase: art. 6; evidence: accounts or a draft only, the text itself not seen)  [not addressed by A]"
        in summary
    )
    # the records' facts come after the law, listed only on request
    assert lines.index("Provisions") < lines.index("Metadata")
    assert not any(line.startswith("    status:") for line in summary)
    listed = diff("1997-union", "1999-union-state", "--metadata")[1].split("\nMetadata\n")[1].splitlines()
    assert "  status: ceased to have effect (26 January 2000) → in force since 26 January 2000" in listed


@pytest.mark.slow
def test_topic_narrows_provisions_and_positions() -> None:
    code, out, _ = diff("1998-equal-rights", "2025-equal-rights-protocol", "--topic", "electoral-rights")
    assert code == 1
    assert (
        "    Electoral rights — Vote — local elections: not addressed (1998) → Permanent residents from the other "
        "party (2025; rests on paraphrase only; evidence: accounts or a draft only, the text itself not seen)  [not addressed by A]"
        in out
    )
    assert "[up]" not in out  # the Protocol adds local rights; it does not raise the 1998 union-body rights
    assert "Citizenship" not in out
    details = out.split("\nProvisions\n")[1].splitlines()
    headings = [line.split("   ")[:2] for line in details if line[:3].strip() and not line.startswith("  legend")]
    assert headings == [
        ["  art. 1 → article not identified", "paraphrase — not redlined"],
        ["  article not identified, item b", "only in B"],
    ]
    code, _, err = diff("1998-equal-rights", "2025-equal-rights-protocol", "--topic", "electoral")
    assert code == 2 and "unknown topic 'electoral'; did you mean 'electoral-rights'?" in err


@pytest.mark.slow
def test_stat_gives_counts_only() -> None:
    code, out, _ = diff("1997-union", "1999-union-state", "--stat")
    assert code == 1
    assert out == (
        "Union Treaty (1997) → Union State Treaty (1999): 1 paired (1 paraphrase — not redlined), 2 only in A, "
        "11 only in B; "
        "0 words deleted, 0 inserted; 0 positions and 8 metadata fields differ; 6 dimensions addressed by one side "
        "only\n"
    )
    data = json.loads(diff("1997-union", "1999-union-state", "--stat", "--format", "json")[1])
    assert set(data) == {"schema", "a", "b", "topic", "differences", "stat", "pair_threshold", "summary", "pairs"}
    assert data["summary"] is None and data["pairs"] is None
    assert data["stat"]["only_in_b"] == 11
    code, _, err = diff("1997-union", "1999-union-state", "--stat", "--format", "unified")
    assert code == 2 and "--stat gives counts as text or json" in err


def test_unified_format_is_familiar_to_git_users(records: tuple[Path, Path]) -> None:
    code, out, _ = diff(str(records[0]), str(records[1]), "--format", "unified")
    lines = out.splitlines()
    assert code == 1
    assert lines[:2] == ["--- a/2000-a\tTreaty 2000-a", "+++ b/2000-a\tTreaty 2000-a"]
    assert lines[2] == (
        "@@ Treaty 2000-a, art. 1 → Treaty 2000-a, art. 1 @@ changed; "
        "topic + similarity, score 0.68: shared topic electoral-rights; wording 0.50"
    )
    assert "-Граждане обладают равными правами избирать в выборные органы Союза." in lines
    assert "+Граждане обладают равными правами избирать в органы местного самоуправления." in lines


@pytest.mark.slow
def test_unified_never_marks_a_paraphrase_as_removed_or_added_text() -> None:
    out = diff("1997-union", "1999-union-state", "--format", "unified")[1]
    hunk = out.split("@@ Union Treaty (1997), art. 1 ")[1].split("\n@@")[0].splitlines()
    assert hunk[0].endswith(
        "recorded link, score 1.00: Union State Treaty (1999), art. 6, carries forward Union Treaty (1997), art. 1"
    )
    assert all(not line.startswith(("-", "+")) for line in hunk if "Each member state keeps" in line)
    assert "\\ B (paraphrase — not redlined): Each member state keeps, taking into account the powers" in out


@pytest.mark.slow
def test_json_shape_is_tagged_documented_and_deterministic() -> None:
    code, out, _ = diff("1997-union", "1999-union-state", "--format", "json")
    assert code == 1
    assert out == diff("1997-union", "1999-union-state", "--format", "json")[1]
    data = json.loads(out)
    assert data["schema"] == "legalgen.diff/3"
    assert set(data) == {"schema", "a", "b", "topic", "differences", "stat", "pair_threshold", "summary", "pairs"}
    link = next(p for p in data["pairs"] if p["alignment"] and p["alignment"]["reason"] == "recorded-link")
    assert (link["a"]["ref"], link["b"]["ref"], link["status"]) == (
        "1997-union/art-1",
        "1999-union-state/art-6",
        "paraphrase",
    )
    assert [(t["language"], t["redlined"], t["operations"]) for t in link["texts"]] == [
        ("en", False, []),
        ("ru", False, []),
    ]
    assert link["texts"][0]["b"]["kind"] == "paraphrase" and "text" in link["texts"][0]["b"]
    positions = {(p["topic"], p["dimension"]): p for p in data["summary"]["positions"]}
    statehood = positions[("sovereignty", "statehood")]
    assert (statehood["direction"], statehood["a"]["grade"], statehood["b"]["grade"]) == (
        "same",
        "legal-database",
        "account",
    )
    assert statehood["b"]["basis"] == "partly-paraphrase"
    assert statehood["b"]["paraphrase_only"] == ["art-6"]


def test_json_operations_of_a_redline(records: tuple[Path, Path]) -> None:
    data = json.loads(diff(str(records[0]), str(records[1]), "--format", "json")[1])
    (text,) = data["pairs"][0]["texts"]
    assert [(o["op"], o["a_text"], o["b_text"]) for o in text["operations"]] == [
        ("equal", "Граждане обладают равными правами избирать в", "Граждане обладают равными правами избирать в"),
        ("replace", "выборные органы Союза", "органы местного самоуправления"),
        ("equal", ".", "."),
    ]
    assert text["operations"][1]["a"] == [6, 9] and text["operations"][1]["b"] == [6, 9]


@pytest.mark.slow
def test_markdown_format() -> None:
    code, out, _ = diff("1997-charter", "1999-union-state", "--format", "md")
    assert code == 1
    assert out.startswith("# Charter of the Union (1997) → Union State Treaty (1999)\n")
    assert "Legend: ~~deleted~~ **inserted**." in out
    assert "### art. 3 — changed" in out
    assert "на принципах суверенного равенства государств - участников ~~Союза" in out  # a dash is no change


@pytest.mark.slow
def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "union.json"
    code, out, err = diff("1997-union", "1999-union-state", "--format", "json", "-o", str(target))
    assert (code, out, err) == (1, "", f"wrote {target}\n")
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "legalgen.diff/3"
    assert [p.name for p in target.parent.iterdir()] == ["union.json"]
    code, out, _ = diff("1997-union", "1999-union-state", "--format", "json", "-o", "-")
    assert code == 1 and json.loads(out)["a"]["id"] == "1997-union"


@pytest.mark.slow
def test_docs_describe_every_json_field() -> None:
    """The example in docs/json.md (section "diff") has exactly the fields the command prints."""
    from .conftest import ROOT

    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8").split("\n## diff — `legalgen.diff/3`\n")[1]
    example = json.loads(doc.split("```json\n")[1].split("```")[0])
    actual = json.loads(diff("1997-charter", "1999-union-state", "--format", "json")[1])

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return shape(value[0]) if value else []
        return type(value).__name__

    changed = next(p for p in actual["pairs"] if p["status"] == "changed")
    changed["texts"] = [t for t in changed["texts"] if t["redlined"]]
    actual["pairs"] = [changed]
    assert shape(example) == shape(actual)
    assert example["stat"] == actual["stat"]
    assert example["pairs"][0]["texts"][0]["operations"] == changed["texts"][0]["operations"][:2]
    assert example["pairs"][0]["alignment"] == changed["alignment"]
    assert example["summary"]["positions"][0]["line"] == actual["summary"]["positions"][0]["line"]


@pytest.mark.slow
def test_json_is_the_same_bytes_in_every_process() -> None:
    """Word weights and sets must not leak Python's per-process hash order into scores or order."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    outputs = set()
    for seed in ("1", "2", "3"):
        proc = subprocess.run(
            [sys.executable, "-m", "legalgen", "diff", "1997-charter", "1999-union-state", "--format", "json"],
            capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, check=False,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1


@pytest.mark.slow
def test_identical_provisions_are_named_not_repeated(records: tuple[Path, Path]) -> None:
    a, _ = records
    code, out, _ = diff(str(a), str(a))
    assert code == 0
    details = out.split("\nProvisions\n")[1]
    assert "  art. 1   identical   [topic + similarity, score 1.00" in details
    assert "Граждане" not in details  # the text is not printed again
    assert (
        diff(str(a), str(a), "--format", "unified")[1] == "--- a/2000-a\tTreaty 2000-a\n+++ b/2000-a\tTreaty 2000-a\n"
    )


@pytest.mark.parametrize("named_by", ["id", "file"])
def test_an_instrument_another_terminates_is_terminated_in_the_diff_as_in_as_of(
    make_corpus: Callable[..., Path], named_by: str
) -> None:
    """B terminates A by a relation (A records no termination): ``diff`` and ``as-of`` give the same end."""
    old = instrument(
        "1997-a",
        signed="1997-04-02",
        events=[event("signature", "1997-04-02"), event("entry_into_force", "1997-06-11")],
    )
    new = instrument(
        "1999-b",
        signed="1999-12-08",
        events=[event("signature", "1999-12-08"), event("entry_into_force", "2000-01-26")],
        relations=[{"type": "terminates", "target": "1997-a", "via": "art-1"}],
    )
    folder = make_corpus(old, new)
    names = ["1997-a", "1999-b"] if named_by == "id" else [str(folder / "1997-a.yaml"), str(folder / "1999-b.yaml")]

    result = CliRunner().invoke(cli, ["diff", *names, "--corpus", str(folder), "--metadata"])
    assert (result.exit_code, result.stderr) == (1, "")
    assert "  termination: 26 January 2000 by Treaty 1999-b, art. 1 → —" in result.stdout
    assert "  status: ceased to have effect (26 January 2000) → in force since 26 January 2000" in result.stdout

    as_of = CliRunner().invoke(cli, ["as-of", "2000-01-26", "--corpus", str(folder)])
    assert "  1997-a  ceased to have effect on 2000-01-26 (by art. 1 of 1999-b" in as_of.stdout
    day_before = CliRunner().invoke(cli, ["as-of", "2000-01-25", "--corpus", str(folder)])
    assert "  1997-a  in force since 1997-06-11" in day_before.stdout


def test_an_instrument_a_third_one_terminates_is_terminated_in_the_diff(make_corpus: Callable[..., Path]) -> None:
    """The end comes from the corpus, not only from the two instruments compared."""
    old = instrument("1997-a", events=[event("signature", "1997-04-02"), event("entry_into_force", "1997-06-11")])
    other = instrument("1998-b", signed="1998-12-25")
    ender = instrument(
        "1999-c",
        events=[event("signature", "1999-12-08"), event("entry_into_force", "2000-01-26")],
        relations=[{"type": "supersedes", "target": "1997-a"}],
    )
    folder = make_corpus(old, other, ender)
    result = CliRunner().invoke(cli, ["diff", "1997-a", "1998-b", "--corpus", str(folder), "--metadata"])
    assert "  termination: 26 January 2000 by Treaty 1999-c → —" in result.stdout  # named, not by its id
    assert "  status: ceased to have effect (26 January 2000) → signed; entry into force not recorded" in result.stdout
