"""Shared fixtures: paths to the samples and the shared evaluation data, one spaCy model per run,
and empty stores on both backends (SQLite, and PostgreSQL when DATELINE_TEST_PG names a server)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def shared_dir() -> Path:
    return Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))


def need_shared(*parts: str) -> Path:
    """A path under ../shared; skip when missing on a user's machine, fail under CI."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must run with ../shared beside the repository")
        pytest.skip(f"{path} not found (set DATELINE_SHARED)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SAMPLES / "seed_dump.txt"


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp import load_model
    from dateline.settings import DEFAULT_MODEL

    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def pipeline(nlp):
    from dateline.pipeline import Pipeline

    return Pipeline(nlp=nlp)


# -- stores on both backends ---------------------------------------------------

BACKENDS = ["sqlite", "postgres"]


def pg_server() -> str:
    """The test server's URL (DATELINE_TEST_PG); skip when unset on a user's machine, fail under CI."""
    url = os.environ.get("DATELINE_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail('DATELINE_TEST_PG is not set; CI must start PostgreSQL: eval "$(scripts/pg-test-server)"')
        pytest.skip('DATELINE_TEST_PG not set (eval "$(scripts/pg-test-server)")')
    return url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A URL whose search_path is a fresh schema on the test server, dropped afterwards."""
    import psycopg

    server = pg_server()
    schema = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def store_target(backend: str, folder: Path) -> Iterator[str]:
    """What open_store takes for an empty store on ``backend``: a file path, or a URL."""
    if backend == "sqlite":
        yield str(folder / "store.db")
    else:
        with pg_schema() as url:
            yield url


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> Iterator[str]:
    """An empty store's target on each backend: a SQLite file, then a PostgreSQL schema."""
    with store_target(request.param, tmp_path) as target:
        yield target


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema's URL (PostgreSQL-only tests)."""
    with pg_schema() as url:
        yield url
