"""Character spans of TASK / DATASET / METRIC mentions in plain sentences (for TDMSci).

Runs the same pipeline as paper extraction on each sentence (an empty title). The CRF tagger
(``kg_tagger``) is the learned combination of the rule components' evidence, so where it ran,
its spans are the answer; the rule mentions are the fallback when no model is packaged. The
texts are taken as consecutive sentences: the tagger sees the words of the two before and the
two after each one (:func:`kg.extract.tagger.neighbour_contexts`), as in its training.

Two output conventions are TDMSci's rather than the tagger's: a mention takes in a bracketed
abbreviation of its words (:func:`with_short_forms`) and the modifiers it shares a head with
(:func:`with_conjoined_modifiers`).
"""

from __future__ import annotations

import re

from kg.extract.abbreviations import find_long_form
from kg.extract.doc import resolve_overlaps
from kg.extract.pipeline import build_nlp
from kg.extract.tagger import set_contexts, word_clusters

_LABELS = {"dataset": "DATASET", "task": "TASK", "metric": "METRIC"}
_BRACKETED_WORD = re.compile(r"\s*\(\s*([^()\s]{2,12})\s*\)")
_OPENING = re.compile(r"\s*\(\s*$")
_CLOSING = re.compile(r"\s*\)")
_CONJOINED_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)\s+(?:and|or|/)\s+$")
_FIRST_WORD = re.compile(r"[A-Za-z]+(?=\s)")

Char = tuple[int, int, str]


def with_short_forms(text: str, spans: list[Char]) -> list[Char]:
    """Spans widened to take in a bracketed abbreviation of their words (Schwartz & Hearst,
    :func:`kg.extract.abbreviations.find_long_form`): a span followed by ``( SF )`` ends after
    the bracket, and a span that is the ``SF`` of ``long form ( SF )`` starts at the long form;
    spans inside a widened one are dropped.

    TDMSci's annotators take the bracket in: 84 train spans end with a bracketed abbreviation
    of their words ("named entity recognition ( NER )"); none stops right before one, and none
    is the bracketed abbreviation alone. The tagger often stops before the bracket or tags the
    abbreviation alone; in the block-CV predictions of the train split (the folds of
    scripts/tagger_variants.py) this widened 18 spans, 13 of them to the gold span.

    >>> text = "named entity recognition ( NER ) and unlabeled attachment score ( UAS )"
    >>> [text[a:b] for a, b, _ in with_short_forms(text, [(0, 24, "TASK"), (66, 69, "METRIC")])]
    ['named entity recognition ( NER )', 'unlabeled attachment score ( UAS )']
    """
    out: list[Char] = []
    for start, end, label in spans:
        after = _BRACKETED_WORD.match(text, end)
        opening = _OPENING.search(text, 0, start)
        closing = _CLOSING.match(text, end)
        if after and find_long_form(after.group(1), text[start:end] + " ") is not None:
            end = after.end()
        elif (
            opening and closing and _BRACKETED_WORD.fullmatch(text, opening.start(), closing.end())
        ):
            long_start = find_long_form(text[start:end], text[: opening.start()] + " ")
            if long_start is not None:
                start, end = long_start, closing.end()
        out.append((start, end, label))
    return _drop_nested(out, spans)


def _drop_nested(widened: list[Char], spans: list[Char]) -> list[Char]:
    """``widened`` without duplicates and without spans inside one that was widened (not in
    ``spans``)."""
    new = [s for s in widened if s not in spans]
    return [
        s
        for s in dict.fromkeys(widened)
        if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in new)
    ]


def with_conjoined_modifiers(text: str, spans: list[Char]) -> list[Char]:
    """A span of two or more words after ``W and`` / ``W or`` / ``W /`` starts at W instead,
    when W and the span's first word are alike (the same of the 64 word clusters,
    scripts/build_clusters.py) and W ends no other span: "syntactic and [semantic parsing]",
    "text and [image classification]", "Chinese and [English parsing]".

    TDMSci's annotators take the shared head's modifiers in: 30 train spans start with such a
    "W and" (of any likeness), 6 spans of two or more words follow one that does not end
    another span ("language processing and [information retrieval]": W is a head of its own,
    which the cluster test tells apart). In the block-CV predictions of the train split this
    widened 14 spans, 9 of them to the gold span.

    >>> text = "We study syntactic and semantic parsing and text and image retrieval ."
    >>> [text[a:b] for a, b, _ in with_conjoined_modifiers(text, [(23, 39, "TASK")])]
    ['syntactic and semantic parsing']
    """
    clusters = word_clusters()
    ends = {end for _, end, _ in spans}
    out: list[Char] = []
    for start, end, label in spans:
        conj = _CONJOINED_WORD.search(text, 0, start)
        first = _FIRST_WORD.match(text, start, end)
        if conj and first and conj.end(1) not in ends:
            left = clusters.get(conj.group(1).lower())
            right = clusters.get(first.group().lower())
            if left and right and left[0] == right[0]:
                start = conj.start(1)
        out.append((start, end, label))
    return _drop_nested(out, spans)


def tag_sentences(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """``[[(start, end, "DATASET"), ...], ...]`` with offsets into each input text."""
    nlp = build_nlp(with_tagger=True)
    # Up to the tagger: later components merge overlapping mentions for paper records.
    procs = []
    for name, proc in nlp.pipeline:
        procs.append(proc)
        if name == "kg_tagger":
            break
    out = []
    docs = list(nlp.tokenizer.pipe("\n" + t for t in texts))  # type: ignore[union-attr]
    set_contexts(docs)
    for doc in docs:
        for proc in procs:
            doc = proc(doc)
        mentions = [m for m in doc._.mentions if m.kind in _LABELS]
        learned = [m for m in mentions if m.extractor == "kg_tagger"]
        ready = getattr(nlp.get_pipe("kg_tagger"), "ready", False)
        chosen = learned if ready else resolve_overlaps(mentions)
        spans = [(m.start - 1, m.end - 1, _LABELS[m.kind]) for m in chosen]
        text = doc.text[1:]
        out.append(with_short_forms(text, with_conjoined_modifiers(text, spans)))
    return out
