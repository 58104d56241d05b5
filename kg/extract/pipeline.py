"""The extraction pipeline, assembled in one place.

A blank English spaCy pipeline (tokenizer only: no downloaded model) plus our components, in
order: sentences -> abbreviations -> links -> gazetteer -> names -> contributions -> results
-> comparisons. Each paper becomes one Doc whose text is the clean title, a newline and the
clean abstract.

Example::

    >>> from kg.model import Paper
    >>> rec = next(extract([Paper("p1", "X: y", "We propose DenseCLIP.")]))
    >>> [p.name for p in rec.proposed]
    ['DenseCLIP']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kg.extract import (  # noqa: F401  (registers the components)
    abbreviations,
    comparisons,
    contributions,
    gazetteer_matcher,
    links,
    names,
    results,
    sentences,
    tagger,
    tasks,
)
from kg.extract.doc import register_extensions
from kg.extract.record import to_record
from kg.model import Paper, PaperRecord, Reject
from kg.textclean import clean_view

COMPONENTS = (
    "kg_sentences",
    "kg_abbreviations",
    "kg_links",
    "kg_gazetteer",
    "kg_tasks",
    "kg_names",
    "kg_tagger",
    "kg_contributions",
    "kg_results",
    "kg_comparisons",
)


# "(CBT)-based": a bracket closed right before a hyphenated word is split off, with the hyphen,
# so the acronym in it is a token of its own ("CBT"; spaCy keeps "CBT)-based" whole). Not
# where the bracket opens inside the word: "SE(3)-equivariant" stays one token.
_CLOSE_THEN_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])\)(?=-[A-Za-z])|(?<=[A-Za-z0-9]\))-(?=[A-Za-z])")
# "Distribution Calibration Module(DCM)": a bracket opened right after a word, around an
# acronym, is split off, so the acronym and its long form are tokens of their own. Not inside
# a word ("SE(3)", "f(X)"): the word before has two lower-case letters at least, the acronym
# two capitals.
_GLUED_OPEN = re.compile(r"(?<=[a-z]{2})\((?=[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*s?\)?$)")


def _with_close_then_hyphen(
    finditer: Callable[[str], Iterable[re.Match[str]]],
) -> Callable[[str], Iterable[re.Match[str]]]:
    """spaCy's infix search plus :data:`_CLOSE_THEN_HYPHEN` and :data:`_GLUED_OPEN` (run on
    what is left of a whitespace-separated chunk once prefixes such as "(" and suffixes such
    as ")" are split off)."""

    def infixes(chunk: str) -> Iterable[re.Match[str]]:
        if "(" in chunk:
            extra = [*_GLUED_OPEN.finditer(chunk)]
        elif ")-" in chunk:
            extra = [*_CLOSE_THEN_HYPHEN.finditer(chunk)]
        else:
            return finditer(chunk)
        if not extra:
            return finditer(chunk)
        return sorted([*finditer(chunk), *extra], key=lambda m: m.start())

    return infixes


@lru_cache(maxsize=2)
def build_nlp(with_tagger: bool = False) -> Language:
    """The pipeline: spaCy's English tokenizer and the components above, nothing downloaded.

    ``with_tagger=True`` adds the CRF span tagger trained on TDMSci (NLP-paper sentences and
    TDMSci's span conventions). It is off for paper extraction: on the dev papers it lowers
    F1 (its TASK/DATASET spans follow TDMSci, not our guidelines) and it costs 2.5x the time.
    ``kg eval --tdmsci`` runs with it."""
    register_extensions()
    nlp = spacy.blank("en")
    tok = nlp.tokenizer
    assert isinstance(tok, Tokenizer)
    tok.infix_finditer = _with_close_then_hyphen(tok.infix_finditer)
    for name in COMPONENTS:
        if with_tagger or name != "kg_tagger":
            nlp.add_pipe(name)
    return nlp


class _Sink:
    """Where a guarded pipeline's error handler puts the papers it fails on."""

    def __init__(self) -> None:
        self.failed: list[Reject] = []

    def __call__(self, name: str, proc: object, docs: list[Doc], error: Exception) -> None:
        for doc in docs:
            self.failed.append(_reject(doc._.kg_input[0], name, error))


@lru_cache(maxsize=1)
def _guarded_nlp() -> tuple[Language, _Sink]:
    """A pipeline of its own (not the shared one of :func:`build_nlp`) whose components
    report errors to a sink instead of raising."""
    nlp = build_nlp.__wrapped__()
    sink = _Sink()
    nlp.set_error_handler(sink)  # type: ignore[arg-type]  # spaCy types it NoReturn
    return nlp, sink


def _reject(paper: Paper, where: str, error: Exception) -> Reject:
    reason = f"extraction failed in {where}: {type(error).__name__}: {error}"
    # paper.source is "file:line 12" (or "file:record 3", "file:entry 5")
    source, _, location = paper.source.rpartition(":")
    if not source or not location.startswith(("line ", "record ", "entry ")):
        source, location = paper.source or "<input>", ""
    return Reject(source=source, location=location, reason=reason, record_id=paper.id)


def extract(
    papers: Iterable[Paper],
    batch_size: int = 256,
    failed: list[Reject] | None = None,
    nlp: Language | None = None,
) -> Iterator[PaperRecord]:
    """One :class:`PaperRecord` per paper, in input order.

    If a component (or the record assembly) raises on a paper, the error propagates, unless
    ``failed`` is given: then that paper is left out, a :class:`Reject` naming the paper, the
    component and the error is appended to ``failed``, and the other papers go on (this runs
    on a pipeline of its own, or on ``nlp``, whose error handler it then sets for good).
    ``nlp`` is the pipeline to use (default :func:`build_nlp`)."""
    sink: _Sink | None = None
    if failed is not None:
        if nlp is None:
            nlp, sink = _guarded_nlp()
        else:
            sink = _Sink()
            nlp.set_error_handler(sink)  # type: ignore[arg-type]
        sink.failed = failed
    nlp = nlp or build_nlp()

    def docs() -> Iterator[Doc]:
        for paper in papers:
            title = clean_view(paper.title)
            abstract = clean_view(paper.abstract)
            text = title.text + "\n" + abstract.text
            doc = nlp.make_doc(text)
            doc._.text_cache = text  # spaCy keeps the text exactly: no need to join it again
            doc._.kg_input = (paper, title, abstract)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        paper, title, abstract = doc._.kg_input
        doc._.kg_input = None
        if sink is None:
            yield to_record(doc, paper, title, abstract)
            continue
        try:
            record = to_record(doc, paper, title, abstract)
        except Exception as error:  # noqa: BLE001 - reported per paper, the run goes on
            sink.failed.append(_reject(paper, "record assembly", error))
            continue
        yield record
