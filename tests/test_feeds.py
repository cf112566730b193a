"""Feeds, URL fetching and `dateline watch`: files and loopback servers written by the
tests; nothing reaches the internet."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.errors import InputTooLarge, UnreadableInput
from dateline.fetch import fetch
from dateline.model import Failure, RawDocument, Skipped
from dateline.readers import iter_documents
from dateline.settings import Settings
from dateline.store import open_store
from dateline.watch import parse_interval, watch

pytest.importorskip("feedparser")

PARA = ("The regional council said on Tuesday that the new tram line would open in stages, with the first "
        "section between the station and the university running from the spring. Engineers finished testing "
        "the overhead wires last week, and drivers have been training on the route at night. ")


def _article_html(title: str, n: int) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{PARA} Paragraph {i} of story {n}.</p>" for i in range(3))
            + "</article></body></html>")


def _rss(items: list[tuple[str, str, str]]) -> str:
    """items: (title, link, content-or-empty)."""
    body = []
    for title, link, content in items:
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        body.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                    f"<pubDate>Tue, 03 Mar 2026 09:30:00 GMT</pubDate><description>Short teaser.</description>"
                    f"{encoded}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>City news</title>'
            f'<link>http://example.org/</link>{"".join(body)}</channel></rss>')


class _Site:
    """A loopback web server whose pages the test sets in a dict."""

    def __init__(self):
        pages = self.pages = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                page = pages.get(self.path)
                if page is None:
                    self.send_error(404)
                    return
                if page == "SLOW":
                    time.sleep(3)
                    page = "late"
                if page.startswith("REDIRECT "):
                    self.send_response(302)
                    self.send_header("Location", page.split(" ", 1)[1])
                    self.end_headers()
                    return
                data = page.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml" if page.startswith("<?xml") else "text/html")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass    # the timeout test hangs up on the slow page: not an error here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site():
    s = _Site()
    yield s
    s.close()


def test_feed_file_with_full_content_gives_one_document_per_entry(tmp_path):
    feed = tmp_path / "city.rss"
    feed.write_text(_rss([(f"Tram line {i} opens", f"http://example.org/tram-{i}", _article_html("x", i))
                          for i in range(3)]))
    docs = [d for d in iter_documents([str(feed)]) if isinstance(d, RawDocument)]
    assert [d.headline for d in docs] == ["Tram line 0 opens", "Tram line 1 opens", "Tram line 2 opens"]
    assert all(d.published == "2026-03-03" and d.source_format == "feed" for d in docs)
    assert docs[1].url == "http://example.org/tram-1" and "overhead wires" in docs[1].content


def test_teaser_entries_fetch_their_link_only_when_private_addresses_are_allowed(tmp_path, site):
    site.pages["/story-1"] = _article_html("Tram line opens", 1)
    feed = tmp_path / "teasers.xml"
    feed.write_text(_rss([("Tram line opens", f"{site.url}/story-1", ""),
                          ("Missing page", f"{site.url}/gone", "")]))
    refused = list(iter_documents([str(feed)]))
    assert all(isinstance(i, Failure) for i in refused)
    assert "private or local address" in refused[0].reason and "--allow-private" in refused[0].reason
    items = list(iter_documents([str(feed)], Settings(allow_private=True)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(docs) == 1 and docs[0].url == f"{site.url}/story-1" and docs[0].published == "2026-03-03"
    assert len(failures) == 1 and "HTTP 404" in failures[0].reason and "entry 2" in failures[0].reason


def test_a_feed_url_is_fetched_and_sniffed(site):
    site.pages["/feed"] = _rss([("Tram line opens", "http://example.org/t", _article_html("x", 7))])
    docs = [i for i in iter_documents([f"{site.url}/feed"], Settings(allow_private=True))
            if isinstance(i, RawDocument)]
    assert len(docs) == 1 and docs[0].headline == "Tram line opens"


def test_fetch_limits_and_reasons(site):
    site.pages["/big"] = "x" * 5000
    site.pages["/slow"] = "SLOW"
    site.pages["/hop"] = f"REDIRECT {site.url}/big"
    with pytest.raises(InputTooLarge):
        fetch(f"{site.url}/big", max_bytes=1000, allow_private=True)
    with pytest.raises(UnreadableInput, match="timed out"):
        fetch(f"{site.url}/slow", timeout=1, allow_private=True)
    assert fetch(f"{site.url}/hop", allow_private=True).url == f"{site.url}/big"
    with pytest.raises(UnreadableInput, match="only http"):
        fetch("file:///etc/passwd")


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]:8080/", "http://192.168.0.1/"])
def test_private_and_local_addresses_are_refused_by_default(url):
    with pytest.raises(UnreadableInput, match="private or local"):
        fetch(url, timeout=1)


def test_watch_ingests_only_what_is_new(tmp_path):
    feed = tmp_path / "city.rss"
    entries = [(f"Tram line {i} opens", f"http://example.org/tram-{i}", _article_html("x", i)) for i in range(2)]
    feed.write_text(_rss(entries))
    pauses = []

    def sleep(seconds):
        pauses.append(seconds)
        entries.append(("Tram line 9 opens", "http://example.org/tram-9", _article_html("x", 9)))
        feed.write_text(_rss(entries))

    with open_store(tmp_path / "w.db") as store:
        reports = watch([str(feed)], store, Settings(nlp=False), every=60, rounds=2, sleep=sleep)
        assert [r.stored for r in reports] == [2, 1]
        assert reports[1].skipped == {"feed entries already seen": 2}
        assert pauses == [60] and store.count() == 3


def test_parse_interval():
    assert parse_interval("10m") == 600 and parse_interval("90s") == 90 and parse_interval("1h") == 3600
    assert parse_interval("45") == 45
    from dateline.errors import ConfigError
    with pytest.raises(ConfigError):
        parse_interval("soon")


def test_watch_command_runs_rounds_and_reports(tmp_path):
    feed = tmp_path / "city.rss"
    feed.write_text(_rss([("Tram line opens", "http://example.org/t", _article_html("x", 1))]))
    result = CliRunner().invoke(main, ["watch", str(feed), "--rounds", "1", "--every", "1s", "--no-nlp",
                                       "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 0, result.output
    assert "round 1: 1 new" in result.stderr
    bad = CliRunner().invoke(main, ["watch", str(feed), "--every", "soon", "--db", str(tmp_path / "w.db")])
    assert bad.exit_code == 2 and "90s" in bad.stderr


def test_a_broken_feed_is_one_failure_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.rss").write_text("<rss><channel><item><title>unclosed")
    (tmp_path / "b.txt").write_text("Plain text article.\n\n" + PARA * 3)
    items = list(iter_documents([str(tmp_path)], Settings()))
    assert any(isinstance(i, RawDocument) and i.source_format == "text" for i in items)
    bad = [i for i in items if isinstance(i, Failure)]
    assert len(bad) == 1 and bad[0].path.endswith("a.rss")
