"""The command line: ingest, extract and the read commands, with exit codes and JSON output."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from dateline.cli import main

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("cli") / "news.db"
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_summary_and_rerun_stores_nothing_new(runner, db):
    result = runner.invoke(main, ["ingest", str(SAMPLES), "--db", str(db), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["read"] == 6 and report["stored"] == 0 and report["duplicates"] == 6
    assert report["failed"] == 0


def test_articles_lists_everything(runner, db):
    rows = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--json"]).output)
    assert len(rows) == 6
    text = runner.invoke(main, ["articles", "--db", str(db)]).output
    assert "Daesh leader Baghdadi" in text and "2017-03-09" in text


def test_show_by_prefix_with_entities(runner, db):
    rows = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--json"]).output)
    seed = next(r for r in rows if r["headline"].startswith("Daesh leader"))
    out = runner.invoke(main, ["show", seed["id"][:8], "--db", str(db), "--no-color"]).output
    assert "dateline MOSUL, Iraq" in out
    assert "[Abu Bakr Al-Baghdadi]" in out
    assert "## Still a major threat" in out
    doc = json.loads(runner.invoke(main, ["show", seed["id"], "--db", str(db), "--json"]).output)
    assert doc["id"] == seed["id"] and doc["schema"] == "dateline.article/1"


def test_show_unknown_id_fails_cleanly(runner, db):
    result = runner.invoke(main, ["show", "ffffffffffff", "--db", str(db)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_search_ranks_and_snippets(runner, db):
    rows = json.loads(runner.invoke(main, ["search", "suicide bombers", "--db", str(db), "--json"]).output)
    assert rows and rows[0]["headline"].startswith("Daesh leader")
    assert "[suicide]" in rows[0]["snippet"]
    assert runner.invoke(main, ["search", '"unbalanced', "--db", str(db)]).exit_code == 0


def test_entities_by_type(runner, db):
    rows = json.loads(runner.invoke(main, ["entities", "--type", "person", "--db", str(db), "--json"]).output)
    names = {r["name"] for r in rows}
    assert {"Abu Bakr al-Baghdadi", "Dror Bin", "Benjamin Netanyahu"} <= names
    assert all(r["type"] == "PERSON" for r in rows)


def test_extract_prints_documents(runner):
    result = runner.invoke(main, ["extract", str(SAMPLES / "seed_dump.txt"), "--no-nlp"])
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [d["source"]["index"] for d in docs] == [0, 1]
    arr = json.loads(runner.invoke(main, ["extract", str(SAMPLES / "seed_dump.txt"), "--no-nlp",
                                          "--format", "json"]).output)
    assert [d["id"] for d in arr] == [d["id"] for d in docs]


def test_extract_reads_stdin(runner, seed_path):
    result = runner.invoke(main, ["extract", "-", "--no-nlp"], input=seed_path.read_bytes())
    assert result.exit_code == 0 and len(result.output.splitlines()) == 2


def _bad_inputs(folder):
    folder.mkdir()
    (folder / "good.txt").write_text((SAMPLES / "seed_dump.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    data = gzip.compress(("Headline of a gz article\n\n" + "Body sentence here. " * 200).encode())
    (folder / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "a", "text": "A fire broke out in the old town on Monday, officials said."}) + "\n"
        + '{"id": "b", "text": broken\n'
        + json.dumps({"id": "c", "text": "Trains were cancelled across the region after the storm."}) + "\n",
        encoding="utf-8")
    (folder / "chrome.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners protest rent rise\n\nThe owners of the caf\xe9 said rents rose by \xa3500 a month.\n".encode("latin-1"))
    return folder


def test_bad_inputs_are_reported_and_the_rest_is_stored(runner, tmp_path, nlp):
    folder = _bad_inputs(tmp_path / "in")
    dbfile = tmp_path / "bad.db"
    result = runner.invoke(main, ["ingest", str(folder), "--db", str(dbfile), "--json", "--max-bytes", "1000000"])
    assert result.exit_code == 1
    report = json.loads(result.output[result.output.index("{"):])
    reasons = {f["path"].rsplit("/", 1)[-1] + (f":{f['line']}" if f["line"] else ""): f["reason"]
               for f in report["failures"]}
    assert set(reasons) == {"empty.txt", "picture.txt", "cut.txt.gz", "feed.jsonl:2", "chrome.html"}
    assert "binary" in reasons["picture.txt"] and "gzip" in reasons["cut.txt.gz"]
    assert report["stored"] == 5            # two seed articles, two JSON Lines records, the latin-1 file
    rows = json.loads(runner.invoke(main, ["search", "café", "--db", str(dbfile), "--json"]).output)
    assert rows and "£500" in json.loads(runner.invoke(
        main, ["show", rows[0]["id"], "--db", str(dbfile), "--json"]).output)["text"]


def test_size_limit_is_reported(runner, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 1000)
    result = runner.invoke(main, ["extract", str(big), "--max-bytes", "100", "--no-nlp"])
    assert result.exit_code == 1
    assert "big.txt" in result.output and "limit" in result.output


def test_store_errors_are_one_line(runner, tmp_path):
    notdb = tmp_path / "notes.db"
    notdb.write_text("this is not a database " * 100)
    result = runner.invoke(main, ["articles", "--db", str(notdb)])
    assert result.exit_code == 2
    assert "notes.db" in result.output and "Traceback" not in result.output


def test_ingest_with_progress_bar_and_a_failure(runner, tmp_path, nlp):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "seed.txt").write_bytes((SAMPLES / "seed_dump.txt").read_bytes())
    result = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "p.db"), "--progress"])
    assert result.exit_code == 1, result.output
    assert "skipped" in result.output and "empty.txt" in result.output
    assert "stored      2" in result.output
