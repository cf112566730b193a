"""The PostgreSQL store: the same schema and queries as SQLite, on PostgreSQL 15+ (psycopg 3).

The shared queries live in :mod:`dateline.store.base` and reach the server through
:class:`~dateline.store.pg.PgConnection`, which translates SQLite's dialect. This
module adds what PostgreSQL does its own way:

* writes: ``BEGIN`` then a transaction-level advisory lock per schema, so two
  ingesters are serialised and the incremental incident merge of one always
  sees the other's committed reports (the article id is the primary key and the
  insert is ``ON CONFLICT DO NOTHING``, so the same article is stored once);
* reads: one ``REPEATABLE READ READ ONLY`` snapshot per call; MVCC means a
  running ingest never blocks a reader and is never half-seen;
* search: a generated, GIN-indexed ``tsvector`` (english stemming, headline
  weighted A, body D), ``websearch_to_tsquery`` plus the FTS5 forms the CLI
  documents (``NOT``, ``prefix*``, ``headline:word``), ranked by ``ts_rank_cd``
  with the headline five times the body, snippets by ``ts_headline`` (for the rows shown
  only). Ranking reads each row's TOASTed tsvector, so a common word matching tens of
  thousands of articles is ranked over a bounded candidate set: the GIN-matched rows,
  headline matches first (a regex pre-test, then ``to_tsvector`` of the headline), then the
  most recently stored, at most :data:`CANDIDATES`; matches outside it are not ranked (the
  web pages give them score 0, after the ranked ones). ``ts_rank`` would be no cheaper (the
  detoast dominates), so ``ts_rank_cd`` (proximity-aware) stays. Below the cap, results
  are exactly those of ranking every match;
* ``array_agg`` for the aggregated lists, ``left(id, n)`` for id prefixes
  (correct in every collation).

Every ``psycopg.Error`` becomes :class:`~dateline.errors.StoreError` with a one-line
reason; the URL in messages and in :meth:`stats` has its password masked.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from ..errors import StoreError
from ..model import Article
from .base import SearchSQL, Store, check_count, check_query, dicts
from .pg import WRITE_LOCK, PgConnection, connect, current_version_pg, lock_sql, migrate_pg, reason, safe_url

__all__ = ["PostgresStore", "pg_query"]

_CONFIG = "english"
#: ts_rank_cd weights {D, C, B, A}: body (D) 1, headline (A) 5, as SQLite's bm25 weights
_WEIGHTS = "{0.2, 0, 0, 1.0}"
_HEADLINE_OPTIONS = "StartSel=[, StopSel=], MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1"
_SCHEME = re.compile(r"^postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)
#: urlsplit's hostname: after "scheme://" (or "//") and any "user@", up to the port, path,
#: query or fragment; an IPv6 address keeps its brackets here (trimmed below)
_HOST_RE = r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^/?#]*@)?(\[[^]/?#]*\]|[^/?#:]*)"


class PostgresStore(Store):
    """A dateline store in a PostgreSQL database (the schema first on ``search_path``).

    ``url`` is a libpq URL, ``postgresql://user:password@host:port/dbname``;
    ``?options=-csearch_path%3Dnews`` keeps the store in schema ``news``. Use as a
    context manager, or call :meth:`close`. A store is used from one thread.
    """

    _DB_ERRORS = (psycopg.Error,)
    _INTEGRITY_ERRORS = (psycopg.errors.IntegrityError,)
    _ARTICLE_ORDER = "a.ingested_at DESC, a.id DESC"

    def __init__(self, url: str) -> None:
        url = _SCHEME.sub("postgresql://", url)
        self.path = safe_url(url)
        self._conn: PgConnection | None = None
        self._conn = connect(url)
        try:
            migrate_pg(self._conn, where=self.path)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "PostgresStore":
        return self

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over headline and body, best first.

        ``query`` is web-search syntax (``"exact phrase"``, ``OR``, ``-word``) plus
        the FTS5 forms ``NOT word``, ``prefix*`` and ``headline:word`` (these are
        ANDed with the rest); no query is a syntax error. Words are english-stemmed
        (``bombing`` finds ``bombs``). ``score`` is ``ts_rank_cd`` with headline hits
        weighted five times body hits: higher is better. Hits in ``snippet`` are
        marked with ``[`` and ``]``, ``…`` marks cut text.
        """
        limit = check_count("limit", limit)
        words, extra = pg_query(check_query(query))
        if not words and not extra:
            return []
        tsquery, params = _tsquery(words, extra)
        sql = (
            f"WITH q AS ({_q_sql(tsquery)}), "
            f"cand AS ({_candidates('q')}), "
            f"hits AS (SELECT c.id, {_rank('c.tsv', 'q.q')} AS score FROM cand c, q "
            "ORDER BY score DESC, c.id LIMIT ?), "
            # the snippet's text and ts_headline only for the rows shown
            "shown AS (SELECT h.id, h.score, f.headline, f.body, ts_filter(f.tsv, '{d}') @@ q.q AS in_body "
            "FROM hits h JOIN articles_fts f ON f.id = h.id, q) "
            "SELECT s.id, a.headline, a.published, s.score, s.in_body, s.body, "
            f"ts_headline('{_CONFIG}', CASE WHEN s.in_body THEN s.body ELSE s.headline END, q.q, "
            f"'{_HEADLINE_OPTIONS}') AS snippet "
            "FROM shown s JOIN articles a ON a.id = s.id, q ORDER BY s.score DESC, s.id"
        )
        with self._reading() as conn:
            rows = dicts(conn.execute(sql, (*params, limit)))
        return [{"id": r["id"], "headline": r["headline"], "published": r["published"],
                 "snippet": _ellipsis(r["snippet"], r["body"] if r["in_body"] else r["headline"] or ""),
                 "score": float(r["score"])} for r in rows]

    # -- PostgreSQL's parts ---------------------------------------------------

    def _begin(self, conn: PgConnection) -> None:
        conn.raw.execute("BEGIN")
        conn.raw.execute(lock_sql(WRITE_LOCK))

    def _snapshot(self, conn: PgConnection) -> bool:
        if conn.in_transaction:
            return False
        conn.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return True

    def _schema_version(self, conn: PgConnection) -> int:
        return current_version_pg(conn)

    def _collect(self, expr: str, distinct: bool = False) -> str:
        return f"array_agg({'DISTINCT ' if distinct else ''}{expr})"

    def _collected(self, value: Any) -> list:
        return list(value or [])

    def _prefix(self, column: str, key: str) -> tuple[str, list]:
        return f"left({column}, ?) = ?", [len(key), key]

    def _reason(self, exc: BaseException) -> str:
        return reason(exc)

    # -- PostgreSQL's parts of the read-only pages --------------------------------

    def _read_only(self) -> None:
        # session-wide: every later transaction of this connection is READ ONLY
        self._live().raw.execute("SET default_transaction_read_only = on")

    def _source_sql(self, path: str, url: str) -> str:
        # source_name in SQL: the URL's host, lower case, without "www.", else the path's last part
        host = (f"regexp_replace(NULLIF(btrim(lower(substring({url} from '{_HOST_RE}')), '[]'), ''), "
                "'^www[.]', '')")
        name = f"COALESCE(NULLIF(regexp_replace(rtrim({path}, '/\\'), '^.*/', ''), ''), {path})"
        return f"COALESCE({host}, CASE WHEN {path} <> '' THEN {name} END)"

    def _search_sql(self, query: str) -> list[SearchSQL]:
        words, extra = pg_query(query)
        if not words and not extra:
            return []
        tsquery, params = _tsquery(words, extra)
        q_sql = _q_sql(tsquery)
        # r: the bounded candidate set, ranked; its ids are unique (GROUP BY), so the facets'
        # queries, which read no score, drop this join. Other matches score 0 and come after.
        ranked = (f"SELECT c.id, max({_rank('c.tsv', 'q.q')}) AS score, "
                  "bool_or(ts_filter(c.tsv, '{d}') @@ q.q) AS in_body "
                  f"FROM ({_candidates(f'({q_sql}) q')}) c, ({q_sql}) q GROUP BY c.id")
        # the snippet's text, cheap for every match (it is computed before the sort): a candidate's
        # body when the body matches, else its headline; a match past the candidates, its body
        text = "CASE WHEN COALESCE(r.in_body, TRUE) THEN f.body ELSE f.headline END"
        return [SearchSQL(
            from_=(f"articles_fts f JOIN articles a ON a.id = f.id CROSS JOIN ({q_sql}) tq "
                   f"LEFT JOIN ({ranked}) r ON r.id = f.id"),
            match="f.tsv @@ tq.q", params=(*params, *params, *params),
            score="COALESCE(r.score, 0)",
            snippet=f"ts_headline('{_CONFIG}', {text}, tq.q, '{_HEADLINE_OPTIONS}')", snippet_text=text)]

    def _clip_snippet(self, snippet: str | None, text: str | None) -> str | None:
        return _ellipsis(snippet, text or "")

    def _has_table(self, conn: PgConnection, name: str) -> bool:
        return conn.execute("SELECT to_regclass(CAST(? AS TEXT))", (name,)).fetchone()[0] is not None

    def _columns(self, conn: PgConnection, table: str) -> set[str]:
        return {r[0] for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(CAST(? AS TEXT)) "
            "AND attnum > 0 AND NOT attisdropped", (table,))}

    def _insert_article(self, conn: Any, article: Article, now: str) -> bool:
        if "\x00" in (getattr(article, "text", "") or ""):
            raise StoreError(f"article {article.id}: its text holds NUL characters, "
                             "which PostgreSQL cannot store")
        return super()._insert_article(conn, article, now)


#: the candidate cap: at most this many matches are ranked (see the module docstring)
CANDIDATES = 2000


def _q_sql(tsquery: str) -> str:
    """``q``: the query's tsquery, and ``re``: a case-insensitive regex of its lexemes at a
    word start (each less its last letter, so ``economi`` finds "economy"), a cheap pre-test
    of a headline before ``to_tsvector``."""
    lexemes = "regexp_matches(CAST(t.q AS TEXT), '''((?:[^'']|'''')*)''', 'g')"
    stem = "regexp_replace(left(m[1], greatest(3, length(m[1]) - 1)), '([^[:alnum:]])', '\\\\\\1', 'g')"
    return (f"SELECT t.q, (SELECT '\\m(' || string_agg({stem}, '|') || ')' FROM {lexemes} m) AS re "
            f"FROM (SELECT {tsquery} AS q) t OFFSET 0")   # OFFSET 0: not folded into a constant,
    # whose selectivity estimate for a common word would pick a seq scan (detoasting every row)


def _candidates(q_from: str) -> str:
    """The GIN-matched rows (``q`` from ``q_from``), headline matches first, then the most
    recently stored (highest ctid: no lookups beyond the bitmap heap scan's), at most
    :data:`CANDIDATES` of them."""
    return (f"SELECT f.id, f.tsv FROM articles_fts f, {q_from} WHERE f.tsv @@ q.q "
            f"ORDER BY (f.headline ~* q.re AND to_tsvector('{_CONFIG}', f.headline) @@ q.q) DESC, "
            f"f.ctid DESC LIMIT {CANDIDATES}")


def _rank(tsv: str, q: str) -> str:
    return f"ts_rank_cd('{_WEIGHTS}', {tsv}, {q})"


def _tsquery(words: str, extra: str) -> tuple[str, list[str]]:
    """The tsquery SQL of :func:`pg_query`'s two parts and its parameters."""
    parts, params = [], []
    if words:
        parts.append(f"websearch_to_tsquery('{_CONFIG}', ?)")
        params.append(words)
    if extra:
        parts.append(f"to_tsquery('{_CONFIG}', ?)")
        params.append(extra)
    return " && ".join(parts), params


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_SPECIAL = re.compile(r"^(?:(headline|body):)?([^\W_][\w'-]*?)(\*)?$", re.IGNORECASE)


def pg_query(query: str) -> tuple[str, str]:
    """Split a search query into ``websearch_to_tsquery`` text and ``to_tsquery`` text.

    Quoted phrases, ``OR``, ``-word`` and plain words go to ``websearch_to_tsquery``
    (which accepts any input); ``NOT x`` becomes ``-x``, a bare ``AND`` is dropped;
    ``word*`` (prefix), ``headline:word`` and ``body:word`` become ``to_tsquery``
    terms (``word:*``, ``word:A``, ``word:D``), ANDed with the rest.
    """
    words: list[str] = []
    extra: list[str] = []
    negate = False
    for token in _TOKEN.findall(query):
        if token == "NOT":
            negate = True
            continue
        if token == "AND":
            continue
        m = None if token.startswith(('"', '-"')) else _SPECIAL.match(token.lstrip("-"))
        if m and (m.group(1) or m.group(3)):
            word = re.sub(r"[^\w]", "", m.group(2))
            if word:
                weight = {"headline": "A", "body": "D"}.get((m.group(1) or "").lower(), "")
                neg = "!" if negate or token.startswith("-") else ""
                extra.append(f"{neg}{word}:{'*' if m.group(3) else ''}{weight}")
        else:
            words.append(("-" if negate and not token.startswith("-") else "") + token)
        negate = False
    return " ".join(words), " & ".join(extra)


def _ellipsis(snippet: str | None, text: str) -> str:
    """``…`` before and after a snippet that does not reach the start or end of its text."""
    if not snippet:
        return ""
    plain = _TRIM.sub("", snippet.replace("[", "").replace("]", ""))
    whole = _TRIM.sub("", text.replace("[", "").replace("]", ""))
    head = "" if whole.startswith(plain) else "…"
    tail = "" if whole.endswith(plain) else "…"
    return f"{head}{snippet.strip()}{tail}"


_TRIM = re.compile(r"^\W+|\W+$")
