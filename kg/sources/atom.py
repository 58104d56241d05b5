"""arXiv API responses (Atom 1.0, ``.atom`` / ``.xml``), one paper per ``<entry>``.

Per entry: ``id`` ``http://arxiv.org/abs/2104.03602v1`` gives ``arxiv_id`` "2104.03602" (no
version) and the paper id; ``title`` and ``summary`` are whitespace-collapsed (the API wraps
both across lines); ``published`` gives the year; ``link rel="alternate"`` the url;
``arxiv:doi`` the doi. ``Paper.extra`` gets ``primary_category``, ``categories``
(space-separated), ``authors`` ("; "-separated), ``published``, ``updated``, ``pdf_url``,
``comment`` and ``journal_ref`` where present. Other Atom feeds work too; their entry id is
then kept as the paper id.

The feed is parsed incrementally, so the entries before malformed XML (or a gzip cut) are kept.
An API error answer (an entry whose id is ``.../api/errors#...``) becomes a Reject.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from kg.model import Reject

from .fields import Record
from .rawfile import RawFile, decode_error

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ENTRY = ATOM + "entry"
_ARXIV_ID = re.compile(r"arxiv\.org/abs/(.+?)(?:v\d+)?$", re.I)
_SPACE = re.compile(r"\s+")


def _collapse(s: str | None) -> str:
    return _SPACE.sub(" ", s or "").strip()


class _EntryCollector(ET.TreeBuilder):
    """Builds the tree as usual and notes each ``<entry>`` as soon as it is complete."""

    def __init__(self) -> None:
        super().__init__()
        self.done: list[ET.Element] = []

    def end(self, tag: str) -> ET.Element:
        elem = super().end(tag)
        if tag == _ENTRY:
            self.done.append(elem)
        return elem


def entry_fields(entry: ET.Element) -> dict[str, Any]:
    """The Paper fields of one Atom ``<entry>``."""
    raw_id = _collapse(entry.findtext(ATOM + "id"))
    f: dict[str, Any] = {
        "title": _collapse(entry.findtext(ATOM + "title")),
        "abstract": _collapse(entry.findtext(ATOM + "summary")),
    }
    m = _ARXIV_ID.search(raw_id)
    if m:
        f["id"] = f["arxiv_id"] = m.group(1)
    elif raw_id:
        f["id"] = raw_id
    published = _collapse(entry.findtext(ATOM + "published"))
    updated = _collapse(entry.findtext(ATOM + "updated"))
    year = (published or updated)[:4]
    if year.isdigit():
        f["year"] = int(year)
    for link in entry.iter(ATOM + "link"):
        rel = link.get("rel", "alternate")
        if rel == "alternate" and "url" not in f:
            f["url"] = link.get("href")
        elif link.get("title") == "pdf" or link.get("type") == "application/pdf":
            f["pdf_url"] = link.get("href")
    doi = _collapse(entry.findtext(ARXIV + "doi"))
    if doi:
        f["doi"] = doi
    primary = entry.find(ARXIV + "primary_category")
    if primary is not None and primary.get("term"):
        f["primary_category"] = primary.get("term")
    cats = [c.get("term") for c in entry.iter(ATOM + "category") if c.get("term")]
    if cats:
        f["categories"] = " ".join(c for c in cats if c)
    authors = [_collapse(a.findtext(ATOM + "name")) for a in entry.iter(ATOM + "author")]
    if any(authors):
        f["authors"] = "; ".join(a for a in authors if a)
    if published:
        f["published"] = published
    if updated:
        f["updated"] = updated
    for key in ("comment", "journal_ref"):
        value = _collapse(entry.findtext(ARXIV + key))
        if value:
            f[key] = value
    return f


def read_atom(raw: RawFile, encoding: str) -> Iterator[Record | Reject]:
    collector = _EntryCollector()
    # The document declares its own encoding; only a non-default --encoding overrides it.
    override = codecs.lookup(encoding).name != "utf-8"
    parser = ET.XMLParser(target=collector, encoding=encoding if override else None)
    seen: list[bytes] = []
    n = 0

    def drain() -> Iterator[Record | Reject]:
        nonlocal n
        for entry in collector.done:
            n += 1
            where = f"entry {n}"
            fields = entry_fields(entry)
            if "/api/errors" in str(fields.get("id", "")):
                yield Reject(raw.path, where, f"arXiv API error: {fields['abstract']}")
            else:
                yield Record(where, fields)
            entry.clear()
        collector.done.clear()

    try:
        for chunk in raw.chunks():
            seen.append(chunk)
            parser.feed(chunk)
            yield from drain()
        if raw.cut:
            yield from drain()
            yield raw.cut_reject(f"entry {n}")
            return
        parser.close()
        yield from drain()
    except ET.ParseError as e:
        yield from drain()
        if raw.cut:
            yield raw.cut_reject(f"entry {n}")
            return
        line, col = e.position
        reason = f"malformed XML at line {line}, column {col} ({_expat_message(e)})"
        if not override:
            try:
                b"".join(seen).decode(encoding)
            except UnicodeDecodeError as u:
                reason += f"; {decode_error(encoding, u.start)}"
        if n:
            reason += f"; the {n} entries before it were kept"
        yield Reject(raw.path, f"line {line}", reason)
        return
    if n == 0:
        yield Reject(raw.path, "", "no Atom <entry> elements found")


def _expat_message(e: ET.ParseError) -> str:
    return str(e).split(":", 1)[0]
