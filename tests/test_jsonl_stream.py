"""JSON Lines files over the size limit are read line by line, not refused."""

from __future__ import annotations

import gzip
import json
import tracemalloc

from dateline.model import Failure, RawDocument
from dateline.readers import iter_documents
from dateline.settings import Settings


def _records(n, pad=0):
    return [json.dumps({"id": f"a{i}", "headline": f"Headline {i}",
                        "text": f"Article number {i} says something. " + "x" * pad}) for i in range(n)]


def read(path, max_bytes):
    return list(iter_documents([str(path)], Settings(max_bytes=max_bytes)))


def test_big_jsonl_is_streamed_not_refused(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text("\n".join(_records(50)) + "\n", encoding="utf-8")
    assert p.stat().st_size > 1000
    docs = read(p, 1000)
    assert [d.id for d in docs] == [f"a{i}" for i in range(50)]
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.line for d in docs] == list(range(1, 51))
    # the same records as reading the file whole
    whole = read(p, 10_000_000)
    assert [(d.id, d.content, d.line) for d in whole] == [(d.id, d.content, d.line) for d in docs]


def test_bad_lines_cost_one_record_each(tmp_path):
    p = tmp_path / "mixed.ndjson"
    lines = _records(3)
    lines.insert(1, "{not json")
    lines.insert(3, json.dumps({"id": "long", "text": "y" * 5000}))    # over the per-line limit
    lines.insert(4, "")
    p.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n' + lines[-1].encode())
    items = read(p, 1000)
    fails = [i for i in items if isinstance(i, Failure)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.id for d in docs] == ["a0", "a1", "a2", "a2"]
    assert [(f.line, f.kind) for f in fails] == [(2, "malformed"), (4, "too-large"), (7, "malformed")]
    assert str(fails[1]) == f"{p}:4: line is over the 1000 bytes limit (set max_bytes)"
    assert "not UTF-8" in str(fails[2])


def test_gzip_that_unpacks_over_the_limit_is_streamed(tmp_path):
    p = tmp_path / "big.jsonl.gz"
    p.write_bytes(gzip.compress(("\n".join(_records(200)) + "\n").encode()))
    assert p.stat().st_size < 5000
    docs = read(p, 5000)
    assert len(docs) == 200 and all(isinstance(d, RawDocument) for d in docs)


def test_truncated_gzip_keeps_what_came_before(tmp_path):
    p = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(_records(300, pad=200)) + "\n").encode())
    p.write_bytes(data[: len(data) // 2])
    items = read(p, 2000)
    assert isinstance(items[-1], Failure) and items[-1].kind == "unreadable"
    assert "truncated" in str(items[-1]) and str(items[-1]).startswith(str(p))
    good = items[:-1]
    assert len(good) > 10 and all(isinstance(d, RawDocument) for d in good)


def test_other_formats_over_the_limit_are_still_refused(tmp_path):
    p = tmp_path / "big.json"          # a JSON array must be read whole: refused, not streamed
    p.write_text(json.dumps([{"text": "a" * 500}, {"text": "b" * 500}]), encoding="utf-8")
    (fail,) = read(p, 100)
    assert isinstance(fail, Failure) and fail.kind == "too-large"


def test_streaming_memory_is_bounded_by_a_line(tmp_path):
    p = tmp_path / "many.jsonl"
    with p.open("w", encoding="utf-8") as out:
        for line in _records(4000, pad=500):
            out.write(line + "\n")
    size = p.stat().st_size
    tracemalloc.start()
    n = 0
    for item in iter_documents([str(p)], Settings(max_bytes=10_000)):
        n += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 4000
    assert peak < size / 4, (peak, size)
