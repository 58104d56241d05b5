"""Read papers from files: the first stage of the pipeline.

:func:`read_papers` takes any mix of files and yields one :class:`~kg.model.Paper` or one
:class:`~kg.model.Reject` per input record, in file order. Bad input never stops the run: a
missing, empty, undecodable, truncated or malformed file, or a record without a title or an
abstract, or a duplicate id, becomes a Reject naming the file, the place and the reason.

Formats (one small module each), chosen by extension, else by sniffing the content; any of
them may be gzip-compressed (recognised by its magic bytes, with or without ``.gz``):

======================  =========================================  ===================
extension               format                                     module
======================  =========================================  ===================
.txt                    title line + abstract paragraph, repeated  :mod:`.pagetext`
.jsonl .ndjson          one JSON object per line                   :mod:`.jsonl`
.json                   a JSON array of objects (or JSON Lines)    :mod:`.jsonl`
.csv .tsv               table with a header row                    :mod:`.csvfile`
.xml .atom              arXiv API Atom response                    :mod:`.atom`
======================  =========================================  ===================

Example::

    from kg.model import Paper
    from kg.sources import read_papers

    items = list(read_papers(["seed_abstracts.txt", "more.jsonl.gz"]))
    papers = [p for p in items if isinstance(p, Paper)]
"""

from __future__ import annotations

import codecs
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator

from kg.model import Paper, Reject

from .atom import read_atom
from .csvfile import read_csv, read_tsv
from .fields import Record, stable_id, to_paper
from .jsonl import read_json, read_jsonl
from .pagetext import read_page_text
from .rawfile import RawFile

__all__ = ["FORMATS", "detect_format", "read_papers", "stable_id"]

log = logging.getLogger(__name__)

Reader = Callable[[RawFile, str], Iterator[Record | Reject]]

FORMATS: dict[str, Reader] = {
    "text": read_page_text,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "tsv": read_tsv,
    "atom": read_atom,
}

_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "atom",
    ".atom": "atom",
}
_COMPRESSED = (".gz", ".gzip")

PathLike = str | os.PathLike[str]


def read_papers(
    paths: PathLike | Iterable[PathLike], *, encoding: str = "utf-8"
) -> Iterator[Paper | Reject]:
    """Yield a Paper or a Reject for every record of every file in ``paths``, in order.

    ``encoding`` is the text encoding of the files (Atom files declare their own; a value
    other than utf-8 overrides that). Ids are unique across the call: a later record with an
    id already seen is rejected, naming where the first one was. Raises ``ValueError`` at
    once for an unknown encoding name; nothing about the files themselves raises.

    Example::

        for item in read_papers(["papers.jsonl.gz"], encoding="latin-1"):
            print(item.message() if isinstance(item, Reject) else item.title)
    """
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _read_all([os.fspath(p) for p in paths], encoding)


def _read_all(paths: list[str], encoding: str) -> Iterator[Paper | Reject]:
    first_seen: dict[str, str] = {}  # paper id -> "path:location" of its first record
    for path in paths:
        for item in _read_file(path, encoding):
            if isinstance(item, Paper):
                if item.id in first_seen:
                    location = item.source[len(path) + 1 :]
                    reason = f"duplicate id {item.id!r}, first seen at {first_seen[item.id]}"
                    yield Reject(path, location, reason, item.id)
                    continue
                first_seen[item.id] = item.source
            yield item


def _read_file(path: str, encoding: str) -> Iterator[Paper | Reject]:
    raw = RawFile(path)
    try:
        error = raw.open()
        if error:
            yield Reject(path, "", error)
            return
        if raw.is_empty:
            yield Reject(path, "", "empty file")
            return
        count = 0
        try:
            for item in FORMATS[detect_format(path, raw.head)](raw, encoding):
                count += 1
                yield to_paper(path, item) if isinstance(item, Record) else item
        except Exception as e:  # a reader bug must not stop the run either; say where
            log.exception("reading %s failed", path)
            yield Reject(path, "", f"unreadable after {count} records ({type(e).__name__}: {e})")
            return
        if count == 0:
            yield Reject(path, "", "no records found" if raw.saw_content else "empty file")
    finally:
        raw.close()


def detect_format(path: str, head: bytes = b"") -> str:
    """The reader for ``path``: by its extension (``.gz`` ignored), else by ``head``, the
    first (decompressed) bytes. One of the keys of :data:`FORMATS`.

    >>> detect_format("a.jsonl.gz"), detect_format("data", b'[{"title": "X"}]')
    ('jsonl', 'json')
    """
    name = os.path.basename(path).lower()
    for suffix in _COMPRESSED:
        name = name.removesuffix(suffix)
    ext = os.path.splitext(name)[1]
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    return sniff_format(head)


def sniff_format(head: bytes) -> str:
    """Guess the format from the first bytes of the content."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "atom"
    if text.startswith("["):
        return "json"
    first_line = text.split("\n", 1)[0].strip()
    if text.startswith("{"):
        try:
            return "jsonl" if isinstance(json.loads(first_line), dict) else "json"
        except ValueError:
            return "json"
    for delimiter, fmt in (("\t", "tsv"), (",", "csv")):
        if delimiter in first_line:
            columns = [c.strip().strip('"').lower() for c in first_line.split(delimiter)]
            if "title" in columns:
                return fmt
    return "text"
