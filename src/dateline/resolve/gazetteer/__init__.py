"""Offline gazetteer and toponym resolution.

* :mod:`.build` - builds the SQLite index from GeoNames data in PyPI packages;
* :mod:`.index` - :class:`Gazetteer` (``Gazetteer.load()``, ``lookup(name)``);
* :mod:`.resolve` - choosing one candidate per mention from document context.
"""

from .build import build_index, cache_dir, index_path, loose_key, name_key
from .index import Candidate, Gazetteer
from .resolve import Mention, Resolution, resolve_mentions, haversine_km, near_namesake

__all__ = ["Gazetteer", "Candidate", "build_index", "cache_dir", "index_path", "name_key",
           "loose_key", "Mention", "Resolution", "resolve_mentions", "haversine_km", "near_namesake"]
