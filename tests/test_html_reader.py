"""readers/html.py: hand-written pages in, RawDocument (or a typed error) out; never the network."""

from __future__ import annotations

import pytest

from dateline.errors import InputError, NoArticleFound, UnreadableInput
from dateline.model import RawDocument
from dateline.readers.html import html_document

P1 = ("At least twelve people were killed when floods swept through the northern town of "
      "Exampletown on Monday, officials said, as rivers burst their banks after days of rain.")
P2 = ("\"We have never seen water like this,\" said Mayor Ann Smith, who added that rescue teams "
      "were still searching for missing residents in the lower districts of the town.")
P3 = ("Emergency crews from three neighbouring provinces joined the search on Tuesday morning, "
      "according to the regional civil protection agency, which set up two shelters.")
CAPTION = "Residents wade through a flooded street in Exampletown on Monday. (Photo: John Lens/Agency)"

ARTICLE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Floods kill 12 in northern town | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://example.com/news/floods-kill-12">
<script>var tracking = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script>
<style>.x {{ color: red }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport section</a></li></ul></nav>
<header><div class="menu">Subscribe now to the Daily Example | Sign in</div></header>
<article>
<h1>Floods kill 12 in northern town</h1>
<figure><img src="a.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>
<p>{P1}</p>
<p>{P2}</p>
<h2>Rescue efforts</h2>
<p>{P3}</p>
<ul><li>Schools were closed across the district on Tuesday.</li>
<li>The main bridge was declared unsafe by engineers.</li></ul>
</article>
<footer>Copyright 2024 The Daily Example. All rights reserved. Privacy policy.</footer>
<script>document.write("SCRIPT-TEXT-MUST-NOT-APPEAR")</script>
</body></html>
"""


@pytest.fixture(scope="module")
def doc() -> RawDocument:
    return html_document(ARTICLE)


def test_article_text_and_kind(doc):
    assert isinstance(doc, RawDocument)
    assert doc.format == "article" and doc.source_format == "html"
    lines = doc.content.split("\n")
    for para in (P1, P2, P3):
        assert para in lines            # each paragraph on a line of its own
    assert "Rescue efforts" in lines     # subhead kept as its own line
    assert lines.index(P1) < lines.index(P2) < lines.index("Rescue efforts") < lines.index(P3)
    assert any(line.endswith("Schools were closed across the district on Tuesday.") for line in lines)


def test_metadata(doc):
    assert doc.headline == "Floods kill 12 in northern town"   # site name stripped
    assert doc.byline == "Jane Reporter"
    assert doc.published == "2024-03-05"
    assert doc.url == "https://example.com/news/floods-kill-12"


def test_headline_not_repeated_in_content(doc):
    assert doc.content.split("\n")[0] != doc.headline
    assert doc.headline not in doc.content.split("\n")


def test_caption_on_its_own_line_before_its_paragraph(doc):
    lines = doc.content.split("\n")
    assert CAPTION in lines
    assert lines.index(CAPTION) == lines.index(P1) - 1


def test_captions_can_be_left_out():
    doc = html_document(ARTICLE, captions=False)
    assert CAPTION not in doc.content


def test_script_style_and_chrome_left_out(doc):
    for junk in ("SCRIPT-TEXT-MUST-NOT-APPEAR", "color: red", "Subscribe now", "Sport section",
                 "All rights reserved", "Privacy policy"):
        assert junk not in doc.content


def test_given_values_win():
    doc = html_document(ARTICLE, path="pages/a.html", url="https://mirror.example.org/a", id="a1",
                        line=3, published="2024-03-06", headline="Twelve dead in floods")
    assert (doc.path, doc.url, doc.id, doc.line) == ("pages/a.html", "https://mirror.example.org/a", "a1", 3)
    assert doc.published == "2024-03-06"
    assert doc.headline == "Twelve dead in floods"


def test_no_network_url_is_only_a_hint(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("html_document tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    doc = html_document(ARTICLE, url="https://example.com/news/floods-kill-12")
    assert P1 in doc.content


NO_ARTICLE = """<!DOCTYPE html><html><head><title>Example Portal</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/contact">Contact</a></li></ul></nav>
<form><input type="text" name="q"><button>Search</button></form>
<footer>© 2024 Example Portal</footer>
</body></html>"""


@pytest.mark.parametrize("html", [NO_ARTICLE, "", "   \n ", "<html><head></head><body></body></html>",
                                  "<html><body><script>var a = 1;</script></body></html>"])
def test_no_article(html):
    with pytest.raises(NoArticleFound) as info:
        html_document(html, path="page.html", line=7)
    assert info.value.path == "page.html" and info.value.line == 7
    assert "no article text found in HTML" in str(info.value)
    assert "\n" not in str(info.value)


BROKEN = [
    f"<html><body><div><p>{P1}<p>{P2}<div><p><b>{P3}",                   # unclosed everything
    f"<p>{P1}</p><p>{P2}</p>",                                         # bare fragment
    f"<html><body><article><p>{P1}</span></div></p></td><p>{P2}</article></em></body>",
    f"<<<>>><html><body><p>{P1}\x00\x01 broken\ud800 chars</p><p>{P2}</p></body></html>",
    "<html><body>" + "<div>" * 5000 + f"<p>{P1}</p>" + "</div>" * 10 + "</body></html>",
    "<html><body><p>" + "&#xD800; &#0; &bogus; &#99999999999;" + f"{P1}</p></body></html>",
    "\ufeff<?xml version='1.0' encoding='utf-8'?><html><body><p>" + P1 + "</p></body></html>",
    "not html at all, just a sentence without markup",
    "<html><body><table><tr><td>" * 300 + "</body></html>",
]


@pytest.mark.parametrize("html", BROKEN)
def test_broken_markup_never_raises_anything_else(html):
    try:
        doc = html_document(html)
    except InputError as exc:
        assert isinstance(exc, (NoArticleFound, UnreadableInput))
        assert "\n" not in str(exc)
    else:
        assert doc.content.strip()
        assert "\x00" not in doc.content


def test_broken_markup_keeps_text():
    doc = html_document(BROKEN[0])
    for para in (P1, P2, P3):
        assert para in doc.content


def test_not_a_string():
    with pytest.raises(UnreadableInput):
        html_document(b"<html><body><p>bytes</p></body></html>")  # type: ignore[arg-type]
    with pytest.raises(UnreadableInput):
        html_document(None)  # type: ignore[arg-type]
