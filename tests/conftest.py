"""Shared fixtures: paths to the samples and the shared evaluation data, and one spaCy model per run."""

from __future__ import annotations

import os
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
