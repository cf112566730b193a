"""dateline: raw news in, a verified record of facts out.

    >>> import dateline
    >>> for article in dateline.extract("data/"):
    ...     print(article.headline, [e.name for e in article.entities])

Every fact carries character offsets into ``Article.text``.
"""

from .api import extract, open_store
from .errors import DatelineError, InputError
from .model import SCHEMA, Article, Caption, Entity, Failure, Mention, Span
from .pipeline import Pipeline
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "extract",
    "open_store",
    "Pipeline",
    "Settings",
    "Article",
    "Span",
    "Caption",
    "Entity",
    "Mention",
    "Failure",
    "SCHEMA",
    "DatelineError",
    "InputError",
    "__version__",
]
