"""Character spans of TASK / DATASET / METRIC mentions in plain sentences (for TDMSci).

Runs the same pipeline as paper extraction on each sentence (an empty title). The CRF tagger
(``kg_tagger``) is the learned combination of the rule components' evidence, so where it ran,
its spans are the answer; the rule mentions are the fallback when no model is packaged. The
texts are taken as consecutive sentences: the tagger sees the words of the two before and the
two after each one (:func:`kg.extract.tagger.neighbour_contexts`), as in its training.
"""

from __future__ import annotations

from kg.extract.doc import resolve_overlaps
from kg.extract.pipeline import build_nlp
from kg.extract.tagger import set_contexts

_LABELS = {"dataset": "DATASET", "task": "TASK", "metric": "METRIC"}


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
        out.append([(m.start - 1, m.end - 1, _LABELS[m.kind]) for m in chosen])
    return out
