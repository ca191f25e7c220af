"""The cache of validated records: a warm run restores records without validating them, and changes
nothing a user sees — the same corpus, the same one-line errors, never an error of its own."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.errors import RecordError
from legalgen.records import cache as cache_module
from legalgen.records import corpus as corpus_module
from legalgen.records import load_corpus
from legalgen.records.cache import MAGIC, RecordCache, content_key

from .conftest import ROOT, TREATIES


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A copy of treaties/ that a test may edit."""
    return Path(shutil.copytree(TREATIES, tmp_path / "treaties"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder for this test alone (the suite's shared one may already be warm)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LEGALGEN_CACHE_DIR", str(folder))
    return folder


def entries(cache_dir: Path) -> list[Path]:
    return sorted(p for p in cache_dir.glob("*/*") if not p.name.startswith("."))


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args])
    return result.exit_code, result.output


def test_the_first_run_keeps_every_record_and_the_topics_in_a_private_folder(records: Path, cache_dir: Path) -> None:
    before = sorted(p.name for p in records.rglob("*"))
    assert validate("validate", str(records)) == (0, "ok: 11 instruments, 3 topics, no problems\n")
    assert len(entries(cache_dir)) == 13  # 11 records, topics.yaml and the verdict on the corpus
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert all(p.parent.stat().st_mode & 0o777 == 0o700 for p in entries(cache_dir))
    assert all(p.read_bytes().startswith(MAGIC) for p in entries(cache_dir))
    assert sorted(p.name for p in records.rglob("*")) == before  # nothing written among the records


def test_a_warm_run_builds_no_validator(records: Path, cache_dir: Path) -> None:
    """Pydantic builds a model's validator on first use: a command whose records all come from the cache
    never uses it (the start-up cost the cache saves). A cold run does, as the control."""
    code = (
        "import sys\nfrom legalgen.cli import main\n"
        f"try:\n    main([*sys.argv[1:], 'list', '--corpus', {str(records)!r}])\nexcept SystemExit:\n    pass\n"
        "from legalgen.records import models\n"
        "print('BUILT', sorted(n for n, o in vars(models).items() if getattr(o, '__pydantic_complete__', False)))\n"
    )

    def built(*args: str) -> str:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True)
        assert "1999-union-state" in out.stdout, out
        return out.stdout.splitlines()[-1]

    assert built() == "BUILT ['Instrument', 'TopicCatalogue']"  # cold: every record validated
    assert built() == "BUILT []"  # warm: restored from the cache
    assert built("--no-cache") == "BUILT ['Instrument', 'TopicCatalogue']"


def test_a_warm_cache_gives_the_same_corpus(records: Path, tmp_path: Path) -> None:
    cache = RecordCache(tmp_path / "cache")
    cold = load_corpus([records], cache=cache)
    warm = load_corpus([records], cache=cache)
    plain = load_corpus([records])
    assert warm.instruments == cold.instruments == plain.instruments
    assert warm.topics == plain.topics
    assert [i.model_dump_json() for i in warm.instruments] == [i.model_dump_json() for i in plain.instruments]


def test_an_edited_record_gives_the_same_error_with_a_warm_cache(records: Path, cache_dir: Path) -> None:
    assert validate("validate", str(records))[0] == 0
    charter = records / "1997-charter.yaml"
    text = charter.read_text(encoding="utf-8")
    charter.write_text(text.replace('article: "2"', "article: 2", 1), encoding="utf-8")
    warm = validate("validate", str(records))
    cold = validate("--no-cache", "validate", str(records))
    assert warm == cold
    assert warm[0] == 2
    assert 'provisions[1].article: YAML read this as the number 2, but text is expected; fix: quote it: "2"' in warm[1]
    # and putting the file back brings the kept entry back into use: no new entry for it
    charter.write_text(text, encoding="utf-8")
    before = entries(cache_dir)
    assert validate("validate", str(records))[0] == 0
    assert entries(cache_dir) == before


def test_a_cross_record_problem_is_found_with_every_record_cached(records: Path, cache_dir: Path) -> None:
    """Each record is cached alone; what the records say about each other is checked on every load."""
    assert validate("validate", str(records))[0] == 0
    shutil.copy(records / "1997-charter.yaml", records / "1997-charter-copy.yaml")  # same bytes: a cache hit
    code, out = validate("validate", str(records))
    assert code == 2
    assert "1997-charter-copy.yaml" in out and "'1997-charter'" in out, out
    assert validate("--no-cache", "validate", str(records)) == (code, out)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b.replace(b"legalgen-record-cache/1", b"legalgen-record-cache/0", 1), id="foreign"),
        pytest.param(lambda b: b[:-20] + b"\x00" * 20, id="body-changed"),
        pytest.param(lambda b: b.split(b"\n", 1)[0] + b"\n" + b"cos\nsystem\n(S'false'\ntR.", id="foreign-pickle"),
    ],
)
def test_a_damaged_entry_is_ignored_and_written_again(records: Path, cache_dir: Path, damage: object) -> None:
    assert validate("validate", str(records))[0] == 0
    good = {p: p.read_bytes() for p in entries(cache_dir)}
    for path, data in good.items():
        path.write_bytes(damage(data))  # type: ignore[operator]
    assert validate("validate", str(records)) == (0, "ok: 11 instruments, 3 topics, no problems\n")
    assert {p: p.read_bytes() for p in entries(cache_dir)} == good


def test_an_entry_of_another_version_is_not_read(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries live in a folder named by the version key, and each header names it too: an entry copied
    into another version's folder is refused."""
    cache = RecordCache(tmp_path / "cache")
    load_corpus([records], cache=cache)
    monkeypatch.setattr(cache_module, "version_key", lambda: "0" * 32)
    other = RecordCache(tmp_path / "cache")
    assert other.folder != cache.folder
    other.folder.mkdir(mode=0o700)
    for entry in entries(tmp_path / "cache"):
        shutil.copy(entry, other.folder / entry.name)
    data = (records / "1997-charter.yaml").read_bytes()
    assert (other.folder / content_key("instrument", data)).is_file()
    assert other.get("instrument", data) is None
    assert cache.get("instrument", data) is not None


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda tmp, recs: tmp / "a-file" / "cache", id="under-a-file"),
        pytest.param(lambda tmp, recs: recs / ".cache", id="inside-the-records"),
        pytest.param(lambda tmp, recs: recs, id="the-records-folder"),
    ],
)
def test_a_cache_that_cannot_or_must_not_be_written_is_no_error(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: object
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    before = sorted(p.name for p in records.rglob("*"))
    monkeypatch.setenv("LEGALGEN_CACHE_DIR", str(where(tmp_path, records)))  # type: ignore[operator]
    assert validate("validate", str(records)) == (0, "ok: 11 instruments, 3 topics, no problems\n")
    assert validate("validate", str(records)) == (0, "ok: 11 instruments, 3 topics, no problems\n")
    assert sorted(p.name for p in records.rglob("*")) == before


def test_a_cache_folder_others_can_write_to_is_not_used(records: Path, cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    assert validate("validate", str(records)) == (0, "ok: 11 instruments, 3 topics, no problems\n")
    assert entries(cache_dir) == []


def test_the_cache_can_be_turned_off(records: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate("--no-cache", "validate", str(records))[0] == 0
    assert not cache_dir.exists()
    monkeypatch.setenv("LEGALGEN_NO_CACHE", "1")
    assert validate("validate", str(records))[0] == 0
    assert not cache_dir.exists()
    monkeypatch.setenv("LEGALGEN_NO_CACHE", "0")
    assert validate("validate", str(records))[0] == 0
    assert len(entries(cache_dir)) == 13


def test_a_kept_warning_names_the_file_it_is_read_from(tmp_path: Path, cache_dir: Path) -> None:
    """The same bytes in another file are one cache entry; the warning names the file actually read."""
    first = Path(shutil.copytree(TREATIES, tmp_path / "first"))
    charter = first / "1997-charter.yaml"
    charter.write_text(charter.read_text(encoding="utf-8").replace("Charter of", "Charter\u200b of", 1), "utf-8")
    second = Path(shutil.copytree(first, tmp_path / "second"))
    code, out = validate("validate", str(first))
    assert code == 0 and "first/1997-charter.yaml:6:14: titles.en: holds U+200B ZERO WIDTH SPACE" in out, out
    code, again = validate("validate", str(second))
    assert code == 0
    assert again == out.replace(str(first), str(second))
    code, strict = validate("validate", "--strict-text", str(second))
    assert code == 2 and "second/1997-charter.yaml" in strict


def test_workers_give_the_same_corpus_and_the_same_errors(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_module, "PARALLEL_FROM", 2)
    alone = load_corpus([records], workers=1)
    cache = RecordCache(tmp_path / "cache")
    together = load_corpus([records], workers=2, cache=cache)
    assert together.instruments == alone.instruments
    assert len(entries(tmp_path / "cache")) == 13  # the workers kept what they validated
    (records / "1997-union.yaml").write_text("id: 1997-union\nkind: [treaty\n", encoding="utf-8")
    union = records / "1999-union-state.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace("kind: treaty", "kind: traety", 1), "utf-8")
    with pytest.raises(RecordError) as one:
        load_corpus([records], workers=1)
    with pytest.raises(RecordError) as two:
        load_corpus([records], workers=2, cache=cache)
    assert str(two.value) == str(one.value)
    assert "1997-union.yaml:3:1: not valid YAML" in str(one.value)
    assert "1999-union-state.yaml" in str(one.value)


def test_a_new_version_removes_only_stale_folders_legalgen_made(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version folder legalgen made and nobody wrote into for 30 days goes; a recent one (another
    checkout in use) stays, and so does any folder legalgen did not make, even one named like a version
    (the cache folder may be one the user named, holding other things)."""
    root = tmp_path / "cache"
    old = RecordCache(root)
    load_corpus([records], cache=old)
    assert (old.folder / cache_module.MARKER).is_file()
    stale = root / ("a" * 32)
    shutil.copytree(old.folder, stale)
    os.utime(stale, (0, 0))  # last written in 1970
    foreign = root / ("0123456789abcdef" * 2)
    (foreign / "keep").mkdir(parents=True)
    os.utime(foreign, (0, 0))
    (root / "not-a-version").mkdir()
    monkeypatch.setattr(cache_module, "version_key", lambda: "0" * 32)
    load_corpus([records], cache=RecordCache(root))
    assert sorted(p.name for p in root.iterdir()) == sorted(["0" * 32, old.folder.name, foreign.name, "not-a-version"])
    assert (foreign / "keep").is_dir()


@pytest.mark.parametrize("odd", ["pipe", "too large"])
def test_validate_with_a_cache_reads_no_file_the_reader_would_refuse(records: Path, cache_dir: Path, odd: str) -> None:
    """A pipe among the records must not block `validate` while it looks for a kept verdict, nor a huge
    file be read whole: the answer is the reader's own one-line refusal, as without the cache."""
    assert validate("validate", str(records))[0] == 0  # a verdict is kept for the corpus as it was
    target = records / "zz-odd.yaml"
    if odd == "pipe":
        os.mkfifo(target)
    else:
        target.write_bytes(b"#" * (3 * 1024 * 1024))
    command = [sys.executable, "-m", "legalgen", "validate", str(records)]
    env = {**os.environ, "LEGALGEN_CACHE_DIR": str(cache_dir)}
    warm = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    cold_command = [sys.executable, "-m", "legalgen", "--no-cache", "validate", str(records)]
    cold = subprocess.run(cold_command, capture_output=True, text=True, timeout=60, env=env)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert warm.returncode == 2 and "zz-odd.yaml" in warm.stdout + warm.stderr


def test_a_restored_record_is_the_record_and_shares_no_state_a_copy_could_change() -> None:
    corpus = load_corpus([TREATIES])
    for inst in corpus.instruments:
        back = pickle.loads(pickle.dumps(inst))
        assert back == inst
        assert back.model_dump_json() == inst.model_dump_json()
        assert back.model_fields_set == inst.model_fields_set
    # records restored together share one set of the fields their file set; a copy with another field set
    # changes its own set only
    first, second = pickle.loads(pickle.dumps(corpus.instrument("1997-charter"))).sources[:2]
    assert first.model_fields_set is second.model_fields_set
    assert "note" not in first.model_fields_set
    noted = first.model_copy(update={"note": "seen again"})
    assert "note" in noted.model_fields_set
    assert "note" not in first.model_fields_set and "note" not in second.model_fields_set


def test_validate_of_an_unchanged_corpus_gives_the_same_answer_and_sees_any_change(
    records: Path, cache_dir: Path
) -> None:
    ok = (0, "ok: 11 instruments, 3 topics, no problems\n")
    assert validate("validate", str(records)) == ok
    assert validate("validate", str(records)) == ok  # the kept verdict
    topics = records / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("measure: ordinal", "measure: ordinall", 1), "utf-8")
    warm = validate("validate", str(records))
    assert warm == validate("--no-cache", "validate", str(records))
    assert warm[0] == 2 and "topics.yaml:" in warm[1] and "'ordinall' is not allowed here" in warm[1], warm
    (records / "1997-charter.yaml").rename(records / "1997-charter.yml.bak")
    topics.write_text(topics.read_text(encoding="utf-8").replace("measure: ordinall", "measure: ordinal", 1), "utf-8")
    code, out = validate("validate", str(records))  # one record fewer: checked again, not the old verdict
    assert code == 2 and "1997-charter" in out


@pytest.mark.parametrize("how", ["symlink", "hard link", "writable by others"])
def test_an_entry_planted_in_the_cache_folder_is_never_unpickled(records: Path, tmp_path: Path, how: str) -> None:
    """An entry that is a link, or that others could have written, is passed over: the record is read and
    validated as without a cache."""
    cache = RecordCache(tmp_path / "cache")
    load_corpus([records], cache=cache)
    data = (records / "1997-charter.yaml").read_bytes()
    entry = cache.folder / content_key("instrument", data)
    assert cache.get("instrument", data) is not None
    planted = tmp_path / "planted"
    shutil.copyfile(entry, planted)
    entry.unlink()
    if how == "symlink":
        entry.symlink_to(planted)
    elif how == "hard link":
        os.link(planted, entry)
    else:
        shutil.copyfile(planted, entry)
        entry.chmod(0o666)
    assert RecordCache(tmp_path / "cache").get("instrument", data) is None
    assert load_corpus([records], cache=RecordCache(tmp_path / "cache")).instrument("1997-charter").id == "1997-charter"


#: Loads ``argv[1]`` in one process and in 2 with the worker sabotaged as ``argv[3]`` says ("kill": killed
#: by SIGKILL halfway through sending its second batch; "raise": an unexpected error in its second
#: batch); prints whether the two corpora are the same. The parent loads slowly, so that the worker
#: surely claims batches; the worker leaves ``argv[2]`` behind just before it is sabotaged.
SABOTAGED_WORKER = """
import os, signal, struct, sys, time
from multiprocessing import connection
from pathlib import Path
import legalgen.records.corpus as corpus

records, marker, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
corpus.PARALLEL_FROM = 2
parent = os.getpid()
sent = []
load_batch, send_bytes = corpus._load_batch, connection.Connection._send_bytes

def slow_or_raising_batch(batch, cache):
    if os.getpid() == parent:
        time.sleep(0.05)
    elif how == "raise" and len(sent) == 1:
        marker.touch()
        raise RuntimeError("a bug in the worker")
    return load_batch(batch, cache)

def dying_send(self, buf):
    sent.append(len(buf))
    if os.getpid() != parent and how == "kill" and len(sent) == 2:
        marker.touch()
        os.write(self.fileno(), struct.pack("!i", len(buf)) + bytes(buf)[: len(buf) // 2])
        os.kill(os.getpid(), signal.SIGKILL)
    send_bytes(self, buf)

corpus._load_batch, connection.Connection._send_bytes = slow_or_raising_batch, dying_send
alone = corpus.load_corpus([records])
together = corpus.load_corpus([records], workers=2)
print("same" if together == alone else "DIFFERENT", len(together.instruments))
"""


@pytest.mark.parametrize("how", ["kill", "raise"])
def test_a_worker_killed_while_sending_or_failing_leaves_its_batches_to_the_command(
    records: Path, tmp_path: Path, how: str
) -> None:
    """A worker that dies halfway through a message (SIGKILL, the out-of-memory killer) or meets an
    unexpected error must neither hang the load (a timeout fails the test) nor change the corpus, nor
    print a traceback: the command loads what the worker had claimed itself."""
    marker = tmp_path / "sabotaged"
    done = subprocess.run(
        [sys.executable, "-c", SABOTAGED_WORKER, str(records), str(marker), how],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert marker.exists()  # the worker was sabotaged (after delivering a batch)
    assert (done.returncode, done.stdout, done.stderr) == (0, "same 11\n", "")


def test_a_library_call_forks_no_worker_and_freezes_nothing_unless_asked(records: Path) -> None:
    """``load_corpus`` is called by other programs: it must not fork behind their back nor freeze their
    whole heap (``gc.freeze``); the command line asks for both."""
    code = (
        "import gc, os, sys\nfrom pathlib import Path\nimport legalgen.records.corpus as corpus\n"
        "corpus.PARALLEL_FROM = 2\nforks = []\nos.register_at_fork(before=lambda: forks.append(1))\n"
        "def load(**how):\n"
        "    forks.clear()\n"
        "    corpus.load_corpus([Path(sys.argv[1])], **how)\n"
        "    print(len(forks) > 0, gc.get_freeze_count() > 0)\n"
        "load()\nload(workers=2, freeze=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(records)], capture_output=True, text=True, cwd=ROOT)
    assert (done.stdout, done.stderr) == ("False False\nTrue True\n", "")
