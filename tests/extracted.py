"""One paper through the extractor, for the extraction tests (tests/ is on sys.path)."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.model import Paper, PaperRecord


def record(title: str, abstract: str, paper_id: str = "p1") -> PaperRecord:
    """The record the extractor makes of one paper."""
    return next(extract([Paper(paper_id, title, abstract)]))
