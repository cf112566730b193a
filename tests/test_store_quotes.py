"""Quotes in the store: found through the speaker's entity whatever alias an article used."""

from __future__ import annotations

import sqlite3

from dateline.model import Article, Entity, Mention, Span
from dateline.store import open_store
from dateline.store.schema import MIGRATIONS, migrate


def _article(headline: str, body: str, speaker_form: str, published: str) -> Article:
    text = f"{headline}\n\n{body}"
    start = text.index("“") + 1
    end = text.index("”")
    s0 = text.index(speaker_form)
    ent = Entity("e1", "Dror Bin", "PERSON", ["Bin"] if speaker_form == "Bin" else [],
                 [Mention(s0, s0 + len(speaker_form), speaker_form, "PERSON")])
    quote = {"id": "q1", "kind": "direct", "content": Span.of(text, start, end).to_dict(),
             "pieces": [Span.of(text, start, end).to_dict()], "also": [],
             "cue": {"start": text.index("said"), "end": text.index("said") + 4, "text": "said", "lemma": "say"},
             "speaker": {"name": "Dror Bin", "entity": "e1", "description": None, "role": "IIA director",
                         "affiliation": None, "span": Span.of(text, s0, s0 + len(speaker_form)).to_dict()},
             "addressee": None, "confidence": 0.9}
    para = Span.of(text, len(headline) + 2, len(text))
    return Article(text=text, headline=headline, published=published, paragraphs=[para], entities=[ent],
                   quotes=[quote])


def test_quotes_by_speaker_alias_text_and_date(store_url):
    a = _article("Tech recovers", "“Investors are back,” Dror Bin said on Monday.", "Dror Bin", "2026-02-21")
    b = _article("Tech slows", "“Hiring has stalled,” Bin said.", "Bin", "2025-06-01")
    with open_store(store_url) as store:
        store.add([a, b])
        rows = store.quotes(speaker="bin")
        assert [r["text"] for r in rows] == ["Investors are back,", "Hiring has stalled,"]
        assert rows[0]["speaker_role"] == "IIA director" and rows[0]["cue"] == "say"
        assert [r["text"] for r in store.quotes(search="stalled")] == ["Hiring has stalled,"]
        assert [r["date"] for r in store.quotes(since="2026-01-01")] == ["2026-02-21"]
        assert [r["date"] for r in store.quotes(until="2025-12-31")] == ["2025-06-01"]
        assert store.quotes(speaker="Netanyahu") == []
        assert store.get(a.id).quotes == a.quotes


def test_a_version_1_database_gains_the_quotes_table(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, str(path), MIGRATIONS[:1])
    conn.close()
    with open_store(path) as store:
        assert store.stats()["schema_version"] == MIGRATIONS[-1].version
        assert store.quotes() == []
