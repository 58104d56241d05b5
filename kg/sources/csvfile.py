"""CSV (``.csv``) and tab-separated (``.tsv``) files with a header row.

The header names the fields (case and surrounding spaces ignored for the known ones: ``id``,
``title``, ``abstract``, ``year``, ``venue``, ``url``, ``doi``, ``arxiv_id``); other columns go
to ``Paper.extra`` under their header name. Quoted fields may span lines; a record's location
is the line it starts on.

Example::

    id,title,abstract,year
    p1,"X: a model","We propose X. It works.",2021
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from kg.model import Reject

from .fields import KNOWN_FIELDS, Record
from .rawfile import RawFile


def read_csv(raw: RawFile, encoding: str, delimiter: str = ",") -> Iterator[Record | Reject]:
    bad: dict[int, str] = {}  # line number -> decode error, for the rows that hold them
    last = 0

    def text() -> Iterator[str]:
        nonlocal last
        for lineno, line, error in raw.text_lines(encoding):
            last = lineno
            if error:
                bad[lineno] = error  # the row holding this line is rejected below
            yield line + "\n"

    reader = csv.reader(text(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    keys: list[str] = []
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield Reject(raw.path, f"line {start}", f"malformed CSV ({e})")
            continue
        errors = [bad[n] for n in range(start, last + 1) if n in bad]
        if header is None:
            if errors:
                yield Reject(raw.path, f"line {start}", f"header row: {errors[0]}")
                return
            if not row or all(not c.strip() for c in row):
                continue
            header = row
            keys = [_key(h) for h in header]
            missing = [k for k in ("title", "abstract") if k not in keys]
            if missing:
                yield Reject(
                    raw.path,
                    f"line {start}",
                    f"the header has no {' or '.join(repr(m) for m in missing)} column "
                    f"(columns: {', '.join(header)})",
                )
                return
            continue
        where = f"line {start}"
        if errors:
            yield Reject(raw.path, where, errors[0])
            continue
        if not row:
            continue  # blank line
        if len(row) != len(keys):
            yield Reject(raw.path, where, f"row has {len(row)} fields, the header has {len(keys)}")
            continue
        yield Record(where, dict(zip(keys, row, strict=True)))
    if header is None and not raw.cut:
        yield Reject(raw.path, "", "no header row (a CSV file needs one naming its columns)")
    if raw.cut:
        yield raw.cut_reject(f"line {raw.lines_done}")


def read_tsv(raw: RawFile, encoding: str) -> Iterator[Record | Reject]:
    return read_csv(raw, encoding, delimiter="\t")


def _key(name: str) -> str:
    k = name.strip().lower()
    return k if k in KNOWN_FIELDS else name.strip()
