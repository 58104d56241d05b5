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

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

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
from kg.textclean import CleanText, clean_view

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


@lru_cache(maxsize=2)
def build_nlp(with_tagger: bool = False) -> Language:
    """The pipeline: spaCy's English tokenizer and the components above, nothing downloaded.

    ``with_tagger=True`` adds the CRF span tagger trained on TDMSci (NLP-paper sentences and
    TDMSci's span conventions). It is off for paper extraction: on the dev papers it lowers
    F1 (its TASK/DATASET spans follow TDMSci, not our guidelines) and it costs 2.5x the time.
    ``kg eval --tdmsci`` runs with it."""
    register_extensions()
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        if with_tagger or name != "kg_tagger":
            nlp.add_pipe(name)
    return nlp


def extract(
    papers: Iterable[Paper],
    batch_size: int = 256,
    failed: list[Reject] | None = None,
    nlp: Language | None = None,
) -> Iterator[PaperRecord]:
    """One :class:`PaperRecord` per paper, in input order.

    If a component (or the record assembly) raises on a paper, the error propagates, unless
    ``failed`` is given: then that paper is left out, a :class:`Reject` naming the paper, the
    component and the error is appended to ``failed``, and the other papers go on.
    ``nlp`` is the pipeline to use (default :func:`build_nlp`)."""
    nlp = nlp or build_nlp()

    def docs() -> Iterator[tuple[str, tuple[Paper, CleanText, CleanText]]]:
        for paper in papers:
            title = clean_view(paper.title)
            abstract = clean_view(paper.abstract)
            yield title.text + "\n" + abstract.text, (paper, title, abstract)

    def reject(paper: Paper, where: str, error: Exception) -> Reject:
        reason = f"extraction failed in {where}: {type(error).__name__}: {error}"
        # paper.source is "file:line 12" (or "file:record 3", "file:entry 5")
        source, _, location = paper.source.rpartition(":")
        if not source or not location.startswith(("line ", "record ", "entry ")):
            source, location = paper.source or "<input>", ""
        return Reject(source=source, location=location, reason=reason, record_id=paper.id)

    if failed is None:
        for doc, (paper, title, abstract) in nlp.pipe(
            docs(), as_tuples=True, batch_size=batch_size
        ):
            yield to_record(doc, paper, title, abstract)
        return

    def on_error(name: str, proc: object, bad: list[Doc], error: Exception) -> None:
        for doc in bad:
            # as_tuples keeps each input's context on its Doc while it is in the pipeline
            failed.append(reject(doc._context[0], name, error))

    # The pipeline is shared (build_nlp is cached): the handler is ours only for this run.
    nlp.set_error_handler(on_error)  # type: ignore[arg-type]  # spaCy types it NoReturn
    try:
        for doc, (paper, title, abstract) in nlp.pipe(
            docs(), as_tuples=True, batch_size=batch_size
        ):
            try:
                record = to_record(doc, paper, title, abstract)
            except Exception as error:  # noqa: BLE001 - reported per paper, the run goes on
                failed.append(reject(paper, "record assembly", error))
                continue
            yield record
    finally:
        nlp.set_error_handler(raise_error)
