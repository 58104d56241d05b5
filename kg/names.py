"""Name and URL normalisation shared by resolution and evaluation.

Example::

    >>> name_key("ImageNet-1K")
    'imagenet 1k'
    >>> name_key('"SQuAD_2.0".')
    'squad 2.0'
    >>> url_key("https://www.github.com/a/b/")
    'github.com/a/b'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

_SEP = re.compile(r"[\s\-_\u2010-\u2015]+")
_EDGE = "\"'`\u201c\u201d\u2018\u2019()[]{}<>"
_TRAIL = ".,;:!?"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """NFKC, case-fold, hyphens/underscores/whitespace to one space, strip quotes, brackets
    and trailing punctuation. (Cached: extraction asks for the same names again and again.)"""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = _SEP.sub(" ", s)
    prev = None
    while prev != s:
        prev = s
        s = s.strip().strip(_EDGE).rstrip(_TRAIL)
    return s


def slug(key: str) -> str:
    """A URL-safe, readable id fragment for a name key (stable across runs)."""
    return quote(key.replace(" ", "-"), safe="-.~+")


def url_key(url: str) -> str:
    """Compare links without scheme, ``www.`` and trailing slash (the eval rule)."""
    s = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url.strip())
    if s.lower().startswith("www."):
        s = s[4:]
    return s.rstrip("/")
