"""Readers: bytes from files, folders, gzip and stdin -> RawDocument or Failure.

Every input is written by hand into ``tmp_path``; the HTML reader is replaced by
a fake where a test is about the routing, not about HTML extraction.
"""

from __future__ import annotations

import gzip
import importlib.util
import inspect
import io
import json
import sys
import types

import pytest

from dateline.errors import EmptyInput, NoArticleFound, UnreadableInput
from dateline.model import Failure, RawDocument
from dateline.readers import (
    decode_bytes,
    document_from_text,
    format_for_path,
    iter_documents,
    looks_like_html,
    sniff_format,
)
from dateline.readers import files as files_module
from dateline.settings import Settings

SETTINGS = Settings()


def read(*paths, settings=SETTINGS, stdin=None):
    return list(iter_documents([str(p) for p in paths], settings, stdin=stdin))


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.fixture
def fake_html(monkeypatch):
    """Replace readers.html with a fake that records its calls."""
    calls = []

    def html_document(html, path=None, url=None, id=None, line=None, published=None, headline=None):
        calls.append(dict(html=html, path=path, url=url, id=id, line=line,
                          published=published, headline=headline))
        if "NOARTICLE" in html:
            raise NoArticleFound("no article text found in HTML")
        return RawDocument(content="extracted", format="article", source_format="html", path=path,
                           line=line, url=url, id=id, headline=headline, published=published)

    module = types.ModuleType("dateline.readers.html")
    module.html_document = html_document
    monkeypatch.setitem(sys.modules, "dateline.readers.html", module)
    return calls


# --- text files and folders -------------------------------------------------

def test_text_file_is_one_dump(tmp_path):
    p = tmp_path / "news.txt"
    p.write_text("Headline\n\nFirst paragraph.\n\nSecond article.\n", encoding="utf-8")
    doc = only(read(p))
    assert isinstance(doc, RawDocument)
    assert (doc.format, doc.source_format, doc.path, doc.line) == ("dump", "text", str(p), 1)
    assert doc.content == "Headline\n\nFirst paragraph.\n\nSecond article.\n"


def test_text_is_not_stripped_or_changed(tmp_path):
    p = tmp_path / "a.md"
    text = "  \u00a0Indented\t line  \n\n\u200bzero width, non-breaking spaces  \n\n\n"
    p.write_text(text, encoding="utf-8")
    assert only(read(p)).content == text


def test_folder_walked_recursively_in_sorted_order(tmp_path):
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    for rel in ["z.txt", "a/2.txt", "a/10.txt", "b/deep/x.txt", "b/c.txt", "m.txt",
                ".hidden.txt", "a/.secret/s.txt", "notes.txt~"]:
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(f"text of {rel}\n")
    got = [d.path for d in read(root)]
    rels = [p[len(str(root)) + 1:] for p in got]
    assert rels == ["a/10.txt", "a/2.txt", "b/c.txt", "b/deep/x.txt", "m.txt", "z.txt"]


def test_several_paths_keep_their_order(tmp_path):
    a, b = tmp_path / "b.txt", tmp_path / "a.txt"
    a.write_text("one")
    b.write_text("two")
    assert [d.content for d in read(a, b)] == ["one", "two"]


def test_reading_is_lazy(tmp_path):
    for name in ("1.txt", "2.txt"):
        (tmp_path / name).write_text(name)
    items = iter_documents([str(tmp_path)], SETTINGS)
    assert inspect.isgenerator(items)
    assert next(items).content == "1.txt"
    (tmp_path / "2.txt").unlink()  # not read yet, so its loss shows up as a failure
    failure = next(items)
    assert isinstance(failure, Failure) and "no such file or directory" in str(failure)


def test_missing_path_is_a_failure(tmp_path):
    missing = tmp_path / "nope.txt"
    items = iter_documents([str(missing)], SETTINGS)  # nothing raised before iterating
    failure = only(list(items))
    assert isinstance(failure, Failure)
    assert failure.kind == "unreadable" and failure.path == str(missing)
    assert str(failure) == f"{missing}: no such file or directory"


def test_os_error_becomes_unreadable(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text("secret")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files_module, "open", denied, raising=False)
    failure = only(read(p))
    assert failure.kind == "unreadable"
    assert str(failure) == f"{p}: permission denied"


def test_a_single_path_string_is_accepted(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("hello")
    assert only(list(iter_documents(str(p), SETTINGS))).content == "hello"


# --- gzip and size limits ---------------------------------------------------

def test_gzip_file(tmp_path):
    p = tmp_path / "news.txt.gz"
    p.write_bytes(gzip.compress("Zürich, Monday.\r\nText.".encode("utf-8")))
    doc = only(read(p))
    assert doc.content == "Zürich, Monday.\nText." and doc.source_format == "text"


def test_gzipped_jsonl_keeps_its_format(tmp_path):
    p = tmp_path / "feed.JSONL.GZ"
    p.write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    assert [(d.content, d.line, d.source_format) for d in read(p)] == [
        ("one", 1, "jsonl"), ("two", 2, "jsonl")]


def test_truncated_gzip_is_a_failure(tmp_path):
    p = tmp_path / "cut.txt.gz"
    p.write_bytes(gzip.compress(b"a long enough text to compress " * 50)[:-20])
    failure = only(read(p))
    assert failure.kind == "unreadable"
    assert str(failure).startswith(f"{p}: truncated or corrupt gzip: ")


def test_gz_name_on_plain_bytes_is_corrupt_gzip(tmp_path):
    p = tmp_path / "plain.gz"
    p.write_bytes(b"not gzip at all")
    assert "truncated or corrupt gzip" in str(only(read(p)))


def test_file_over_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 150)
    failure = only(read(p, settings=Settings(max_bytes=100)))
    assert failure.kind == "too-large"
    assert str(failure) == f"{p}: file is 150 bytes, over the 100 bytes limit (set max_bytes)"


def test_size_message_in_megabytes():
    assert files_module._size(int(73.2 * 1024 * 1024)) == "73.2 MB"
    assert files_module._size(50 * 1024 * 1024) == "50.0 MB"


def test_gzip_bomb_stops_at_the_limit(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 100_000))
    assert p.stat().st_size < 1000
    failure = only(read(p, settings=Settings(max_bytes=1000)))
    assert failure.kind == "too-large" and "decompressed" in failure.reason


# --- binary, empty and encodings ----------------------------------------------

def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR")
    failure = only(read(p))
    assert failure.kind == "unreadable"
    assert str(failure) == f"{p}: binary file (looks like PNG image)"


def test_nul_bytes_are_binary(tmp_path):
    p = tmp_path / "blob.dat"
    p.write_bytes(b"some\x00thing\x00\x01\x02\x03 binary" * 20)
    assert only(read(p)).reason == "binary file (has NUL bytes)"


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "PDF document"),
    (b"PK\x03\x04rest", "ZIP archive"),
    (b"\xff\xd8\xff\xe0rest", "JPEG image"),
    (b"GIF89a....", "GIF image"),
    (b"\x7fELF\x02\x01", "ELF executable"),
])
def test_magic_numbers(data, kind):
    with pytest.raises(UnreadableInput, match=f"looks like {kind}"):
        decode_bytes(data, "f")


def test_empty_and_whitespace_files(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_bytes(b"")
    blank.write_bytes(b" \n\t\r\n  \n")
    first, second = read(empty, blank)
    assert (first.kind, second.kind) == ("empty", "empty")
    assert str(first).startswith(f"{empty}: ") and str(second).startswith(f"{blank}: ")


def test_latin1_file(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("café £5".encode("latin-1"))
    assert only(read(p)).content == "café £5"


def test_cp1252_curly_quotes(tmp_path):
    p = tmp_path / "quotes.txt"
    text = "He said \u201cwe will rebuild\u201d \u2014 it\u2019s 5\u20ac now."
    p.write_bytes(text.encode("cp1252"))
    assert only(read(p)).content == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_encodings(tmp_path, encoding):
    p = tmp_path / "bom.txt"
    data = "Ångström said “hi”.\r\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    p.write_bytes(data)
    assert only(read(p)).content == "Ångström said “hi”.\n"


def test_utf16_without_bom():
    assert decode_bytes("Plain news text.\n".encode("utf-16-le")) == "Plain news text.\n"


def test_newlines_normalised(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"one\r\ntwo\rthree\n\r\nfour")
    assert only(read(p)).content == "one\ntwo\nthree\n\nfour"


def test_cyrillic_legacy_encoding_is_guessed():
    text = "Привет, как дела? Сегодня хорошая погода в Москве.\n" * 2
    assert decode_bytes(text.encode("cp1251")) == text


def test_meta_charset_is_honoured():
    html = '<html><head><meta charset="windows-1251"></head><body><p>Новости дня</p></body></html>'
    assert "Новости дня" in decode_bytes(html.encode("cp1251"), "page.html")


def test_declared_latin1_is_read_as_cp1252():
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    text = decode_bytes((html + "<p>\u201cQuoted\u201d caf\u00e9</p>").encode("cp1252"))
    assert text.endswith("<p>\u201cQuoted\u201d caf\u00e9</p>")


def test_mostly_utf8_with_stray_cp1252_bytes():
    data = "Zürich — “Genève”".encode("utf-8") + b" and caf\xe9"
    assert decode_bytes(data) == "Zürich — “Genève” and café"


def test_undecodable_bytes_never_crash():
    data = bytes(range(0x80, 0x100)) * 4 + b" words"
    text = decode_bytes(data, "odd.txt")
    assert isinstance(text, str) and text.endswith(" words")


# --- JSON Lines and JSON ------------------------------------------------------

def test_jsonl_broken_line_in_the_middle(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text('{"id": 1, "text": "First."}\n'
                 '{"id": 2 "text": "Broken."}\n'
                 '\n'
                 '{"id": 3, "text": "Third."}\n', encoding="utf-8")
    first, failure, third = read(p)
    assert (first.content, first.line, first.id) == ("First.", 1, "1")
    assert (third.content, third.line, third.id) == ("Third.", 4, "3")
    assert isinstance(failure, Failure) and failure.kind == "malformed"
    assert (failure.path, failure.line) == (str(p), 2)
    assert str(failure) == f"{p}:2: malformed JSON: Expecting ',' delimiter"


def test_jsonl_record_without_text(tmp_path):
    p = tmp_path / "feed.ndjson"
    p.write_text('{"title": "no body"}\n[1, 2]\n{"text": "  "}\n{"text": "ok"}\n')
    a, b, c, d = read(p)
    assert str(a) == f"{p}:1: record has no 'text' or 'html' field"
    assert str(b) == f"{p}:2: record is a JSON array, not an object"
    assert str(c) == f"{p}:3: record's 'text' field is empty"
    assert d.content == "ok"


def test_jsonl_metadata_and_id_as_str(tmp_path):
    p = tmp_path / "feed.jsonl"
    record = {"id": 12345, "text": "Body.\r\nMore.", "url": "https://ex.org/a", "title": "Title",
              "date": "2024-03-01", "updated_at": "2024-03-02", "author": ["A. Writer", "B. Other"]}
    p.write_text(json.dumps(record) + "\n")
    doc = only(read(p))
    assert doc.id == "12345" and isinstance(doc.id, str)
    assert (doc.format, doc.source_format, doc.line) == ("article", "jsonl", 1)
    assert doc.content == "Body.\nMore."
    assert (doc.url, doc.headline, doc.published, doc.updated, doc.byline) == (
        "https://ex.org/a", "Title", "2024-03-01", "2024-03-02", "A. Writer, B. Other")


def test_json_array_file(tmp_path):
    p = tmp_path / "items.json"
    p.write_text(json.dumps([{"text": "a", "id": "x"}, {"nope": 1}, {"text": "c"}], indent=2))
    a, b, c = read(p)
    assert (a.content, a.line, a.id) == ("a", 1, "x")
    assert (b.line, b.reason) == (2, "record has no 'text' or 'html' field")
    assert (c.content, c.line) == ("c", 3)


def test_json_single_pretty_object(tmp_path):
    p = tmp_path / "one.json"
    p.write_text('\n' + json.dumps({"text": "Only one.", "headline": "H"}, indent=2))
    doc = only(read(p))
    assert (doc.content, doc.headline, doc.line) == ("Only one.", "H", 2)


def test_json_file_holding_json_lines(tmp_path):
    p = tmp_path / "lines.json"
    p.write_text('{"text": "a"}\n{"text": "b"}\n')
    assert [d.content for d in read(p)] == ["a", "b"]


def test_broken_json_array_is_one_failure(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('[\n  {"text": "a"},\n  {"text": "b",}\n]')
    failure = only(read(p))
    assert failure.kind == "malformed" and failure.line == 3 and str(failure).startswith(f"{p}:3: ")


def test_jsonl_html_record_goes_to_html_reader(tmp_path, fake_html):
    p = tmp_path / "pages.jsonl"
    p.write_text(json.dumps({"html": "<html><body><p>x</p></body></html>", "id": 7,
                             "url": "https://ex.org", "published_at": "2024-01-01",
                             "headline": "H", "byline": "By Someone"}) + "\n"
                 + json.dumps({"html": "<html>NOARTICLE</html>"}) + "\n")
    doc, failure = read(p)
    assert fake_html[0] == dict(html="<html><body><p>x</p></body></html>", path=str(p),
                                url="https://ex.org", id="7", line=1, published="2024-01-01",
                                headline="H")
    assert (doc.format, doc.source_format, doc.byline) == ("article", "jsonl", "By Someone")
    assert failure.kind == "no-article" and str(failure).startswith(f"{p}:2: ")


# --- HTML files, stdin and sniffing -------------------------------------------

def test_html_file_goes_to_html_reader(tmp_path, fake_html):
    p = tmp_path / "page.HTM"
    p.write_text("<!doctype html><html><body><p>Story</p></body></html>")
    doc = only(read(p))
    assert doc.format == "article" and doc.path == str(p)
    assert fake_html[0]["path"] == str(p) and fake_html[0]["html"].startswith("<!doctype html>")


def test_html_without_article_is_a_failure(tmp_path, fake_html):
    p = tmp_path / "chrome.html"
    p.write_text("<html><body>NOARTICLE</body></html>")
    failure = only(read(p))
    assert failure.kind == "no-article" and str(failure).startswith(f"{p}: ")


def test_stdin_text():
    doc = only(read("-", stdin=io.BytesIO(b"From stdin.\r\n")))
    assert (doc.content, doc.path, doc.format) == ("From stdin.\n", "<stdin>", "dump")


def test_stdin_is_sniffed_and_may_be_gzipped():
    data = gzip.compress(b'{"text": "one"}\n{"text": "two"}\n')
    assert [d.content for d in read("-", stdin=io.BytesIO(data))] == ["one", "two"]


def test_stdin_failure_names_stdin():
    failure = only(read("-", stdin=io.BytesIO(b"")))
    assert str(failure) == "<stdin>: empty input"


def test_unknown_extension_is_sniffed(tmp_path, fake_html):
    html, lines, plain = tmp_path / "page.dat", tmp_path / "feed.log", tmp_path / "README"
    html.write_text("\n  <!DOCTYPE html>\n<html><body><p>x</p></body></html>")
    lines.write_text('{"text": "a"}\n{"text": "b"}\n')
    plain.write_text("Just words, <b>one</b> tag.\n")
    docs = read(html, lines, plain)
    assert [(d.source_format, d.content) for d in docs] == [
        ("html", "extracted"), ("jsonl", "a"), ("jsonl", "b"),
        ("text", "Just words, <b>one</b> tag.\n")]


def test_format_for_path():
    assert format_for_path("a/B.TXT.gz") == "text"
    assert format_for_path("x.xhtml") == "html"
    assert format_for_path("x.ndjson") == "jsonl"
    assert format_for_path("x.csv") is None and format_for_path("noext") is None


def test_sniff_and_looks_like_html():
    assert sniff_format("\ufeff <html lang=en><p>x") == "html"
    assert sniff_format('[{"text": "x"}]') == "jsonl"
    assert sniff_format("WASHINGTON (Reuters) - Words.") == "text"
    assert looks_like_html("<div><p>One</p><p>Two</p></div>")
    assert looks_like_html("intro <body> stuff")
    assert not looks_like_html("A story that mentions <p> once.")
    assert not looks_like_html("<b>Breaking</b> news: <i>quake</i> hits the coast.")


# --- document_from_text (Python API) ------------------------------------------

def test_document_from_text_plain():
    doc = document_from_text("\ufeffHeadline\r\n\r\nBody text.", path="api")
    assert (doc.content, doc.format, doc.source_format, doc.path, doc.line) == (
        "Headline\n\nBody text.", "dump", "text", "api", 1)


def test_document_from_text_html(fake_html):
    doc = document_from_text("  <!doctype html><html><body><p>Story</p></body></html>")
    assert doc.format == "article" and len(fake_html) == 1
    document_from_text("<p>One paragraph.</p>\n<p>Another paragraph.</p>")
    assert len(fake_html) == 2


def test_document_from_text_empty():
    with pytest.raises(EmptyInput):
        document_from_text(" \n\t ")


@pytest.mark.skipif(importlib.util.find_spec("dateline.readers.html") is None,
                    reason="readers/html.py not written yet")
def test_real_html_reader_smoke(tmp_path):
    p = tmp_path / "story.html"
    body = " ".join(["The council met on Monday and voted to rebuild the bridge."] * 8)
    p.write_text(f"<!doctype html><html><head><title>Bridge vote</title></head>"
                 f"<body><article><h1>Bridge vote</h1><p>{body}</p><p>{body}</p></article>"
                 f"</body></html>", encoding="utf-8")
    item = only(read(p))
    assert item.path == str(p)
    if isinstance(item, RawDocument):
        assert item.format == "article" and "bridge" in item.content
    else:
        assert item.kind == "no-article"
