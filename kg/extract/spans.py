"""Character spans of TASK / DATASET / METRIC mentions in plain sentences (for TDMSci).

Runs the same pipeline as paper extraction on each sentence (an empty title) and reports the
mentions that survive overlap resolution, labelled as TDMSci labels them.
"""

from __future__ import annotations

from kg.extract.doc import resolve_overlaps
from kg.extract.pipeline import build_nlp

_LABELS = {"dataset": "DATASET", "task": "TASK", "metric": "METRIC"}


def tag_sentences(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """``[[(start, end, "DATASET"), ...], ...]`` with offsets into each input text."""
    nlp = build_nlp()
    out = []
    for doc in nlp.pipe("\n" + t for t in texts):
        spans = [
            (m.start - 1, m.end - 1, _LABELS[m.kind])
            for m in resolve_overlaps(doc._.mentions)
            if m.kind in _LABELS
        ]
        out.append(spans)
    return out
