"""Turn one reader record (a dict of fields) into a :class:`~kg.model.Paper`, or say why not.

Every format reader yields :class:`Record` objects; this module is the one place that knows
which fields a Paper has, so the readers stay small and agree on the rules:

* ``title`` and ``abstract`` must be non-empty text (whitespace only counts as missing);
* ``year`` must be a whole number (``2021``, ``"2021"``, ``2021.0``), or empty;
* ``id``, ``venue``, ``url``, ``doi``, ``arxiv_id`` are kept as text, empty becomes None;
* a missing id becomes :func:`stable_id` of the title;
* every other field goes to ``Paper.extra``: primitive values as they are, lists and objects
  as compact JSON text (``extra`` holds primitive values only).

Example::

    >>> p = to_paper("a.jsonl", Record("line 1", {"title": "X", "abstract": "We do X.", "n": 3}))
    >>> (p.id, p.source, p.extra)
    ('t-11f6ad8ec52a', 'a.jsonl:line 1', {'n': 3})
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from kg.model import Paper, Reject
from kg.names import name_key

_TEXT_FIELDS = ("venue", "url", "doi", "arxiv_id")
KNOWN_FIELDS = frozenset(("id", "title", "abstract", "year", *_TEXT_FIELDS))
_PRIMITIVE = (str, int, float, bool, type(None))


@dataclass(slots=True)
class Record:
    """One input record before validation: where it is in its file, and its raw fields."""

    location: str  # "line 12", "record 3", "entry 5"
    fields: dict[str, Any]


def stable_id(title: str) -> str:
    """An id that depends only on the normalised title (same title, same id, every run).

    >>> stable_id("SiT: a model") == stable_id(" sit:  A-model.")
    True
    """
    return "t-" + hashlib.sha1(name_key(title).encode("utf-8")).hexdigest()[:12]


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def to_paper(path: str, rec: Record) -> Paper | Reject:
    """Validate one record; a Paper, or a Reject naming the file, location and reason."""
    f = rec.fields
    get = f.get
    raw_id = get("id")
    rid = None
    if raw_id is not None and not isinstance(raw_id, (dict, list, bool)):
        rid = str(raw_id).strip() or None

    def reject(reason: str) -> Reject:
        return Reject(path, rec.location, reason, rid)

    title = get("title")
    abstract = get("abstract")
    for key, value in (("title", title), ("abstract", abstract)):
        if value is None or (isinstance(value, str) and not value.strip()):
            return reject(f"no {key}")
        if not isinstance(value, str):
            return reject(f"{key} is {_kind(value)}, not text")
    assert isinstance(title, str) and isinstance(abstract, str)
    if rid is None and isinstance(raw_id, (dict, list, bool)):
        return reject(f"id is {_kind(raw_id)}, not text or a number")

    year = get("year")
    if year is not None and type(year) is not int:
        if year == "":
            year = None
        else:
            parsed = _year(year)
            if parsed is None:
                return reject(f"year is not a whole number: {year!r}")
            year = parsed

    opt: list[str | None] = []
    for key in _TEXT_FIELDS:
        value = get(key)
        if value is not None:
            if isinstance(value, (dict, list)):
                return reject(f"{key} is {_kind(value)}, not text")
            value = str(value).strip() or None
        opt.append(value)

    extra = {k: v for k, v in f.items() if k not in KNOWN_FIELDS}
    for k, v in extra.items():
        if not isinstance(v, _PRIMITIVE):  # lists and objects: kept as JSON text
            extra[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
    title = title.strip()
    return Paper(
        id=rid or stable_id(title),
        title=title,
        abstract=abstract.strip(),
        year=year,
        venue=opt[0],
        url=opt[1],
        doi=opt[2],
        arxiv_id=opt[3],
        source=f"{path}:{rec.location}",
        extra=extra,
    )


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        s = value.strip()
        if s.isdigit() and s.isascii():
            return int(s)
        try:
            x = float(s)
        except ValueError:
            return None
        return int(x) if x.is_integer() else None
    return None
