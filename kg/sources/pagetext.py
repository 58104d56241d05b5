"""Plain text as copied from a paper-listing web page: title line, abstract paragraph, repeat.

The structure is found, not assumed: text is cut into blocks at blank lines, and a paper is a
single-line block that could be a title followed by a block that reads like an abstract
(at least :data:`MIN_WORDS` words in at least two sentences, or :data:`LONG_WORDS` words).
Whatever comes before the first paper is page chrome (menus, "Subscribe", a date) and is
skipped; after it, every block belongs to a paper or becomes a Reject. A block that holds a
title line directly above its abstract (no blank line between) is read as a paper too.

One consequence: a title without its abstract *before the first paper* is taken for page
header and skipped (a page header line cannot be told from a title by its shape alone).

Example input::

    SiT: Self-supervised vIsion Transformer

    Self-supervised learning methods are gaining increasing traction in ...

The location of a paper is the line of its title.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import Reject

from .fields import Record
from .rawfile import RawFile

log = logging.getLogger(__name__)

MIN_WORDS = 25  # an abstract has at least this many words in two or more sentences ...
LONG_WORDS = 60  # ... or this many words in any case
MAX_TITLE_WORDS = 40
MAX_TITLE_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?:\s|$)")


@dataclass
class _Block:
    lineno: int  # first line
    lines: list[str]
    error: tuple[int, str] | None = None  # (line, reason) of a line that did not decode

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def reads_like_abstract(text: str) -> bool:
    """A paragraph of prose: long enough, and more than one sentence unless very long."""
    words = len(text.split())
    if words >= LONG_WORDS:
        return True
    return words >= MIN_WORDS and len(_SENTENCE_END.findall(text)) >= 2


def could_be_title(line: str) -> bool:
    line = line.strip()
    return (
        bool(line)
        and len(line) <= MAX_TITLE_CHARS
        and len(line.split()) <= MAX_TITLE_WORDS
        and not reads_like_abstract(line)
    )


def _blocks(raw: RawFile, encoding: str) -> Iterator[_Block]:
    block: _Block | None = None
    for lineno, text, error in raw.text_lines(encoding):
        if not error and not text.strip():
            if block is not None:
                yield block
                block = None
            continue
        if block is None:
            block = _Block(lineno, [])
        if error and block.error is None:
            block.error = (lineno, error)
        block.lines.append(text)
    if block is not None:
        yield block


def read_page_text(raw: RawFile, encoding: str) -> Iterator[Record | Reject]:
    path = raw.path
    started = False  # a paper has been seen; before that, blocks are page header
    skipped: list[int] = []  # first lines of the header blocks skipped
    title: _Block | None = None  # a title line waiting for its abstract

    def paper(lineno: int, title_text: str, abstract: str, blocks: list[_Block]) -> Record | Reject:
        for b in blocks:
            if b.error:  # a line of this paper did not decode: reject the paper there
                return Reject(path, f"line {b.error[0]}", b.error[1])
        return Record(f"line {lineno}", {"title": title_text, "abstract": abstract})

    def drop_title() -> Iterator[Reject]:
        nonlocal title
        if title is not None:
            if started:
                yield Reject(path, f"line {title.lineno}", "title with no abstract after it")
            else:
                skipped.append(title.lineno)
        title = None

    for block in _blocks(raw, encoding):
        text = block.text
        if len(block.lines) == 1 and could_be_title(text):
            yield from drop_title()
            title = block
        elif reads_like_abstract(text):
            if title is not None:
                yield paper(title.lineno, title.text, text, [title, block])
                title = None
                started = True
            elif (
                len(block.lines) > 1
                and could_be_title(block.lines[0])
                and reads_like_abstract(rest := "\n".join(block.lines[1:]).strip())
            ):
                yield paper(block.lineno, block.lines[0].strip(), rest, [block])
                started = True
            else:
                yield Reject(path, f"line {block.lineno}", "paragraph with no title line before it")
        else:
            yield from drop_title()
            if started:
                if block.error:
                    yield Reject(path, f"line {block.error[0]}", block.error[1])
                else:
                    reason = "neither a title line nor an abstract paragraph"
                    yield Reject(path, f"line {block.lineno}", reason)
            else:
                skipped.append(block.lineno)
    yield from drop_title()
    if skipped and started:
        log.debug("%s: skipped page header at lines %s", path, skipped)
    if raw.cut:
        yield raw.cut_reject(f"line {raw.lines_done}")
    elif not started and raw.saw_content:
        yield Reject(
            path,
            "",
            "no papers found: expected a title line, then an abstract paragraph, "
            "separated by blank lines",
        )
