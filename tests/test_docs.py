"""Docs checked by tests: every command, option and setting is in the README, and the
README's example document is what the pipeline gives today."""

from __future__ import annotations

import json
import re
from dataclasses import fields

import click
import pytest

import dateline
from dateline.cli import main
from dateline.settings import Settings

from .conftest import REPO, SAMPLES

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_public_api_is_pinned():
    assert sorted(dateline.__all__) == sorted([
        "extract", "open_store", "Pipeline", "Settings", "Article", "Span", "Caption", "Entity", "Mention",
        "Failure", "SCHEMA", "DatelineError", "InputError", "__version__"])
    for name in dateline.__all__:
        assert hasattr(dateline, name)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command):
    assert f"dateline {command}" in README, f"README does not document `dateline {command}`"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_option_is_documented(command):
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in README, f"README does not mention {opt} of `dateline {command}`"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(name):
    assert f"`{name}`" in README and f"DATELINE_{name.upper()}" in README


def test_readme_example_document_is_current(pipeline):
    match = re.search(r"<!-- example:wire-0002 -->\s*```json\n(.*?)```", README, re.S)
    assert match, "README lacks the example document block"
    shown = json.loads(match.group(1))
    (article,) = [a for a in dateline.extract(SAMPLES / "wire.jsonl", pipeline=pipeline)
                  if a.source.id == "wire-0002"]
    produced = article.to_dict()
    produced["source"]["path"] = shown["source"]["path"]
    assert shown == produced, "regenerate the README example: make readme-example"
