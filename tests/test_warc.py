"""WARC/ARC reader: HTML responses become articles, the rest is counted, a corrupt
record costs only itself. The archives are written by the tests with warcio."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from dateline.model import Failure, RawDocument, Skipped
from dateline.readers import iter_documents
from dateline.readers.warc import warc_documents

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body} The council said the works would take two years and cost more than planned.</p>
<p>Residents were told on Monday that the road through the centre will close in stages, starting next month.</p>
<p>Engineers have found the old bridge needs more repair than expected after the winter floods.</p>
</article></body></html>"""


def _response(writer: WARCWriter, url: str, body: bytes, ctype: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2024-05-02T10:00:00Z"):
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                    warc_headers_dict={"WARC-Date": date})
    writer.write_record(rec)


def _request(writer: WARCWriter, url: str):
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http))


def _archive(path: Path, gz: bool, pages: int = 2) -> Path:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for i in range(pages):
            url = f"http://news.example.org/story-{i}"
            _request(writer, url)
            body = PAGE.format(title=f"Bridge repairs delayed in town {i}", body=f"Story number {i}.").encode()
            _response(writer, url, body)
        _response(writer, "http://news.example.org/logo.png", b"\x89PNG....", ctype="image/png")
        _response(writer, "http://news.example.org/gone", b"<html>gone</html>", status="404 Not Found")
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path, gz):
    path = _archive(tmp_path / ("a.warc.gz" if gz else "a.warc"), gz)
    items = list(warc_documents(str(path), max_bytes=1 << 20))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = {i.reason: i.count for i in items if isinstance(i, Skipped)}
    assert [d.url for d in docs] == ["http://news.example.org/story-0", "http://news.example.org/story-1"]
    assert all(d.published == "2024-05-02" for d in docs)          # capture date as the fallback
    assert "road through the centre" in docs[0].content
    assert skipped == {"request records": 2, "non-HTML records": 1, "non-2xx responses": 1}
    assert not [i for i in items if isinstance(i, Failure)]


def test_warc_files_go_through_iter_documents_and_a_folder(tmp_path):
    _archive(tmp_path / "crawl.warc.gz", True, pages=3)
    docs = [i for i in iter_documents([str(tmp_path)]) if isinstance(i, RawDocument)]
    assert len(docs) == 3 and all(d.source_format == "warc" for d in docs)


def test_a_corrupt_record_costs_only_itself(tmp_path):
    good = _archive(tmp_path / "good.warc", False, pages=3).read_bytes()
    # damage the second response's WARC header block: its Content-Length becomes garbage
    marker = b"WARC-Type: response"
    first = good.find(marker)
    second = good.find(marker, first + 1)
    length_at = good.find(b"Content-Length: ", second)
    bad = good[:length_at] + b"Content-Length: xyz" + good[good.find(b"\r\n", length_at):]
    path = tmp_path / "bad.warc"
    path.write_bytes(bad)
    items = list(warc_documents(str(path), max_bytes=1 << 20))
    failures = [i for i in items if isinstance(i, Failure)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert failures and all(str(path) in str(f) and "byte" in f.reason for f in failures)
    assert "\n" not in failures[0].reason
    urls = [d.url for d in docs]
    assert "http://news.example.org/story-0" in urls and "http://news.example.org/story-2" in urls


def test_truncated_gzip_archive_reports_and_keeps_what_came_before(tmp_path):
    data = _archive(tmp_path / "t.warc.gz", True, pages=3).read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.6)])
    items = list(warc_documents(str(path), max_bytes=1 << 20))
    assert any(isinstance(i, RawDocument) for i in items)
    assert any(isinstance(i, Failure) for i in items)


def test_record_over_the_size_limit_is_a_failure(tmp_path):
    path = _archive(tmp_path / "big.warc.gz", True, pages=1)
    items = list(warc_documents(str(path), max_bytes=200))
    assert any(isinstance(i, Failure) and "size limit" in i.reason for i in items)


def test_arc_file_is_read(tmp_path):
    body = PAGE.format(title="Flood defences finished", body="An old story.").encode()
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    url = "http://archive.example.org/flood.html"
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    header = b"filedesc://test.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(version) + version + b"\n"
    record = b"%s 1.2.3.4 20240315120000 text/html %d\n" % (url.encode(), len(http)) + http + b"\n"
    path = tmp_path / "old.arc"
    path.write_bytes(header + record)
    docs = [i for i in warc_documents(str(path), max_bytes=1 << 20) if isinstance(i, RawDocument)]
    assert len(docs) == 1 and docs[0].url == url and docs[0].published == "2024-03-15"


def test_ingest_stores_warc_articles_and_reports_skipped_counts(tmp_path):
    import json

    from click.testing import CliRunner

    from dateline.cli import main

    _archive(tmp_path / "crawl.warc.gz", True, pages=2)
    db = tmp_path / "w.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "crawl.warc.gz"), "--db", str(db),
                                       "--json", "--no-nlp", "--no-progress"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["stored"] == 2 and summary["failed"] == 0
    assert summary["skipped"] == {"non-2xx responses": 1, "non-HTML records": 1, "request records": 2}
