"""Doc extensions shared by the extraction components, and small pure helpers.

Every component only *adds* annotations to a Doc:

* ``Doc._.title_end``: character offset where the title ends in ``doc.text`` (title, then a
  newline, then the abstract).
* ``Doc._.mentions``: list of :class:`Mention` (entity candidates with evidence).
* ``Doc._.abbreviations``: list of (short span, long span) pairs.
* ``Doc._.links``: list of :class:`Link`.
* ``Doc._.code_cues``: list of (start_char, end_char) of code-availability statements.
* ``Doc._.results`` / ``Doc._.comparisons``: numeric results and "X outperforms Y" claims.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span

Kind = str  # "method" | "dataset" | "task" | "metric"


@dataclass
class Mention:
    start: int  # character offsets into doc.text
    end: int
    text: str
    kind: Kind
    extractor: str
    confidence: float
    proposed: bool = False  # method / dataset introduced by this paper
    long: str | None = None  # long form given in the text (acronym definitions)


@dataclass
class Link:
    start: int
    end: int
    url: str
    kind: str
    extractor: str
    confidence: float


@dataclass
class Result:
    start: int
    end: int
    value: str
    method: str | None
    dataset: str | None
    metric: str | None
    confidence: float
    extractor: str = "kg_results"


@dataclass
class Comparison:
    start: int
    end: int
    winner: str
    loser: str
    confidence: float
    extractor: str = "kg_comparisons"


@dataclass
class Abbreviation:
    short: Span
    long: Span
    extras: dict[str, str] = field(default_factory=dict)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy's ``Doc.text`` joins every token on each read,
    which cost about a third of extraction time when each component read it."""
    text: str | None = doc._.text_cache
    if text is None:
        text = doc._.text_cache = doc.text
    return text


def lower_text(text: str) -> str:
    """``text.lower()`` with the same length, so offsets carry over: the few characters whose
    lower case is longer ("\u0130" gives two) are kept as they are."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def doc_lower(doc: Doc) -> str:
    """:func:`lower_text` of the Doc's text, once per Doc. Patterns written in lower case and
    run over it without ``re.I`` find what they would find with it over the text, several
    times faster: case-insensitive matching folds the case of every character it compares."""
    low: str | None = doc._.lower_cache
    if low is None:
        low = doc._.lower_cache = lower_text(doc_text(doc))
    return low


def register_extensions() -> None:
    for name, default in (
        ("title_end", 0),
        ("sentences", None),
        ("mentions", None),
        ("abbreviations", None),
        ("links", None),
        ("code_cues", None),
        ("results", None),
        ("comparisons", None),
        ("kg_input", None),  # (Paper, clean title, clean abstract) while in the pipeline
        ("text_cache", None),  # see doc_text
        ("lower_cache", None),  # see doc_lower
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def init_doc(doc: Doc) -> None:
    """Give a fresh Doc its own (mutable) annotation lists."""
    for name in ("mentions", "abbreviations", "links", "code_cues", "results", "comparisons"):
        if getattr(doc._, name) is None:
            setattr(doc._, name, [])


class Sent(NamedTuple):
    start_char: int
    end_char: int
    text: str


def sents(doc: Doc) -> list[Sent]:
    """The sentences found by ``kg_sentences`` (cheaper than spaCy's ``doc.sents``)."""
    text = doc_text(doc)
    return [Sent(s, e, text[s:e]) for s, e in doc._.sentences]


def abstract_sents(doc: Doc) -> list[Sent]:
    """The sentences after the title (where results, comparisons and contributions are read)."""
    text, title_end = doc_text(doc), doc._.title_end
    return [Sent(s, e, text[s:e]) for s, e in doc._.sentences if s >= title_end]


def sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    """(start, end) of the sentence holding character ``char``."""
    bounds = doc._.sentences
    i = bisect_right(bounds, (char, float("inf"))) - 1
    return bounds[max(i, 0)] if bounds else (0, len(doc_text(doc)))


def sentence_of(doc: Doc, char: int) -> str:
    """The text of the sentence holding character ``char``."""
    s, e = sentence_bounds(doc, char)
    return doc_text(doc)[s:e]


# A "name" word: something a method, model or dataset is called by.
_NAME = re.compile(
    r"""^(?:
        [A-Z][A-Z0-9]+s?                     # CLIP, MLM, GPT, T5, LLMs (filtered later)
      | [A-Za-z]*[a-z][A-Z][A-Za-z0-9]*     # CamelCase: ReCo, DenseCLIP, iBOT, wav2Vec
      | [A-Z]{2,}[a-z]+[A-Za-z0-9]*         # BERTopic, GPTSwarm, CLIPScore
      | [A-Z][A-Za-z]*\d[A-Za-z0-9]*          # ResNet50, Llama3, CIFAR10
      | [A-Za-z]+[A-Z0-9]*(?:[-+/.][A-Za-z0-9]+)+[+]*  # GPT-4o, ResNet-50, Meta-DMoE, DeiT-T/S/B
      | [A-Z][A-Za-z0-9]*\+\+?              # GCoNet+, MiniWoB++
      | [A-Z][A-Za-z0-9]*['\u2019]\d{2}       # NEVIS'22, COCO'14
      | \d+D(?![Oo]F)[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*  # 3DDG, 4DGen; not 6DoF
      | \d+D-(?=[A-Za-z0-9]*[A-Z0-9][a-z0-9]*[A-Z0-9])[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*  # 2D-TAN
      | [a-z]{2,}2vec                       # word2vec, wav2vec, node2vec
      | (?!(?:seq|sequence|text)2)(?P<x>[a-z]{2,})2(?P=x)  # pix2pix; not seq2seq (a family, call 23)
    )$""",
    re.X,
)


@lru_cache(maxsize=1 << 16)
def is_name_shaped(word: str) -> bool:
    """True for words shaped like a proper name of a method/dataset (not plain words).
    (Cached: most capitalised words of abstracts come back again and again.)"""
    if len(word) < 2 or not _NAME.match(word):
        return False
    if "-" in word and not any(c.isupper() for c in word):
        return False  # "rank-1", "top-5", "k-means": lower-case compounds are no names
    # Plain capitalised compounds like "Self-Supervised" or "State-of-the-Art" are not names.
    parts = re.split(r"[-/.]", word)
    if len(parts) > 1 and all(p[:1].isupper() and p[1:].islower() or p.islower() for p in parts):
        return bool(re.search(r"\d", word))
    return True


# When one span is found as two kinds, which wins.
_PRIORITY = {"dataset": 3, "metric": 2, "method": 1, "task": 0}


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest mention where spans overlap; on equal spans the higher-priority kind."""
    ordered = sorted(
        mentions,
        key=lambda m: (-(m.end - m.start), -_PRIORITY[m.kind], -m.confidence, m.start),
    )
    kept: list[Mention] = []
    for m in ordered:
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def main_method(mentions: list[Mention]) -> str | None:
    """The paper's own method: the first proposed method mentioned, if any."""
    proposed = [m for m in mentions if m.proposed and m.kind == "method"]
    return min(proposed, key=lambda m: m.start).text if proposed else None
