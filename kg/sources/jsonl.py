"""JSON Lines (``.jsonl``, ``.ndjson``) and JSON (``.json``: an array, one object, or JSONL).

One object per record with ``title`` and ``abstract`` (and optionally ``id``, ``year``,
``venue``, ``url``, ``doi``, ``arxiv_id``; other fields go to ``Paper.extra``).

Example line::

    {"id": "p1", "title": "X: a model", "abstract": "We propose X.", "year": 2021}

Locations are "line N" for JSON Lines and "record N" for a JSON array.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from kg.model import Reject

from .fields import Record
from .rawfile import RawFile, decode_error

_WS = re.compile(r"[ \t\n\r]*")
_BAD_CHAR = re.compile("[\udc80-\udcff]")  # bytes that did not decode (surrogateescape)
_decoder = json.JSONDecoder()


def _kind(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def read_jsonl(raw: RawFile, encoding: str, data: bytes | None = None) -> Iterator[Record | Reject]:
    """One JSON object per line; blank lines are skipped."""
    loads = json.loads
    for lineno, text, error in raw.text_lines(encoding, data):
        where = f"line {lineno}"
        if error:
            yield Reject(raw.path, where, error)
            continue
        if not text or text.isspace():
            continue
        try:
            obj = loads(text)
        except json.JSONDecodeError as e:
            yield Reject(raw.path, where, f"invalid JSON: {e.msg} (column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield Reject(raw.path, where, f"expected a JSON object, got {_kind(obj)}")
            continue
        yield Record(where, obj)
    if raw.cut:
        yield raw.cut_reject(f"line {raw.lines_done}")


def read_json(raw: RawFile, encoding: str) -> Iterator[Record | Reject]:
    """A JSON array of objects, a single object, or (if neither) JSON Lines."""
    first = raw.head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        first_line = raw.head.split(b"\n", 1)[0]
        try:
            is_jsonl = isinstance(json.loads(first_line.decode(encoding)), dict)
        except (ValueError, UnicodeDecodeError):
            is_jsonl = False
        if is_jsonl:
            yield from read_jsonl(raw, encoding)
            return
    data = raw.read_all()
    text = data.decode(encoding, "surrogateescape").removeprefix("\ufeff")
    start = _WS.match(text).end()  # type: ignore[union-attr]
    if text[start : start + 1] == "[":
        yield from _read_array(raw, encoding, text, start + 1)
        return
    if text[start : start + 1] == "{":
        try:
            obj, end = _decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            obj, end = None, -1
        if isinstance(obj, dict) and _WS.match(text, end).end() == len(text):  # type: ignore[union-attr]
            bad = _bad_bytes(raw.path, text, encoding, start, end, "record 1")
            yield bad if bad else Record("record 1", obj)
            if raw.cut:
                yield raw.cut_reject("record 1")
            return
    yield from read_jsonl(raw, encoding, data)


def _bad_bytes(
    path: str, text: str, encoding: str, start: int, end: int, where: str
) -> Reject | None:
    m = _BAD_CHAR.search(text, start, end)
    if m is None:
        return None
    offset = len(text[: m.start()].encode(encoding, "surrogateescape"))
    return Reject(path, where, decode_error(encoding, offset))


def _line_col(text: str, i: int) -> str:
    line = text.count("\n", 0, i) + 1
    return f"line {line} column {i - (text.rfind(chr(10), 0, i) + 1) + 1}"


def _read_array(raw: RawFile, encoding: str, text: str, i: int) -> Iterator[Record | Reject]:
    # Parse element by element, so the records before a syntax error are kept.
    n = 0
    i = _WS.match(text, i).end()  # type: ignore[union-attr]
    if text[i : i + 1] == "]":
        i += 1
    else:
        while True:
            where = f"record {n + 1}"
            try:
                obj, end = _decoder.raw_decode(text, i)
            except json.JSONDecodeError as e:
                if raw.cut:
                    yield raw.cut_reject(f"record {n}")
                    return
                yield Reject(
                    raw.path,
                    where,
                    f"invalid JSON at line {e.lineno} column {e.colno} ({e.msg}); "
                    "the records after it were not read",
                )
                return
            n += 1
            bad = _bad_bytes(raw.path, text, encoding, i, end, where)
            if bad is not None:
                yield bad
            elif isinstance(obj, dict):
                yield Record(where, obj)
            else:
                yield Reject(raw.path, where, f"expected a JSON object, got {_kind(obj)}")
            i = _WS.match(text, end).end()  # type: ignore[union-attr]
            sep = text[i : i + 1]
            if sep == ",":
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                continue
            if sep == "]":
                i += 1
                break
            if raw.cut:
                yield raw.cut_reject(f"record {n}")
                return
            yield Reject(
                raw.path,
                f"record {n + 1}",
                f"invalid JSON at {_line_col(text, i)} (expected ',' or ']' after record {n}); "
                "the records after it were not read",
            )
            return
    if raw.cut:
        yield raw.cut_reject(f"record {n}")
    elif _WS.match(text, i).end() != len(text):  # type: ignore[union-attr]
        yield Reject(raw.path, "", f"extra data after the JSON array at {_line_col(text, i)}")
