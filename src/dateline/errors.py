"""One exception tree for dateline.

    DatelineError                 root: catch this to catch everything we raise
    ├── ConfigError               a setting has a bad value or a model cannot be loaded
    ├── InputError                one input (file, record) cannot become an article
    │   ├── UnreadableInput       binary, undecodable, truncated or unreadable bytes
    │   ├── InputTooLarge         over the configured size limit
    │   ├── EmptyInput            nothing but whitespace
    │   ├── MalformedRecord       a JSON Lines record that does not parse or lacks text
    │   └── NoArticleFound        the input holds no article text (chrome only, empty HTML)
    ├── StoreError                the database cannot be opened, migrated or written
    │   └── NotFound              a requested article or entity does not exist
    └── EvalError                 a gold file has an unknown shape or task

Every InputError carries the ``path`` and, where it applies, the ``line`` of the
input, and ``str(error)`` is a one-line reason naming them
(``data/feed.jsonl:17: malformed JSON: Expecting value``).
"""

from __future__ import annotations

__all__ = [
    "DatelineError",
    "ConfigError",
    "InputError",
    "UnreadableInput",
    "InputTooLarge",
    "EmptyInput",
    "MalformedRecord",
    "NoArticleFound",
    "StoreError",
    "NotFound",
    "EvalError",
]


class DatelineError(Exception):
    """Root of every exception dateline raises on purpose."""


class ConfigError(DatelineError):
    """A setting is invalid or a resource it names (a spaCy model) is missing."""


class InputError(DatelineError):
    """An input item could not become an article; the run goes on without it."""

    kind = "input"

    def __init__(self, reason: str, path: str | None = None, line: int | None = None):
        self.reason = reason
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def located(self, path: str | None = None, line: int | None = None) -> "InputError":
        """Return the same error with a path (and line) filled in where missing."""
        if self.path is None and path is not None:
            self.path = path
        if self.line is None and line is not None:
            self.line = line
        self.args = (self.__str__(),)
        return self

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}"


class UnreadableInput(InputError):
    kind = "unreadable"


class InputTooLarge(InputError):
    kind = "too-large"


class EmptyInput(InputError):
    kind = "empty"


class MalformedRecord(InputError):
    kind = "malformed"


class NoArticleFound(InputError):
    kind = "no-article"


class StoreError(DatelineError):
    """The store cannot be opened, migrated, read or written."""


class NotFound(StoreError):
    """An article or entity id that is not in the store."""


class EvalError(DatelineError):
    """An evaluation task or gold file that dateline cannot read."""
