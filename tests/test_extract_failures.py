"""A paper the extractor fails on is reported as a reject and the run goes on (nothing lost).

The failure is a real extra pipeline component that raises on one paper's text: it stands in
for an extractor bug, not for the error handling under test, which is the real code."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from kg import build as kg_build
from kg.extract import pipeline
from kg.model import Paper, Reject


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc):  # type: ignore[no-untyped-def]
    if "BOOM" in doc.text:
        raise RuntimeError("cannot read this")
    return doc


_BUILD_NLP = pipeline.build_nlp.__wrapped__  # a fresh pipeline, not the cached one


def _nlp_with_bug() -> Language:
    nlp = _BUILD_NLP()
    nlp.add_pipe("test_fails_on_boom", after="kg_links")
    return nlp


PAPERS = [
    Paper("p1", "FooNet: a detector", "We propose FooNet.", source="in.jsonl:line 1"),
    Paper("p2", "Bad", "The BOOM paper.", source="in.jsonl:line 2"),
    Paper(
        "p3",
        "BarNet: a parser",
        "We propose BarNet and compare it with BERT.",
        source="in.jsonl:line 3",
    ),
]


def test_failed_paper_is_reported_and_the_others_keep_their_order() -> None:
    failed: list[Reject] = []
    records = list(pipeline.extract(PAPERS, batch_size=2, failed=failed, nlp=_nlp_with_bug()))
    assert [r.paper.id for r in records] == ["p1", "p3"]
    assert [p.name for p in records[1].proposed] == ["BarNet"]
    assert len(failed) == 1
    message = failed[0].message()
    assert message.startswith("in.jsonl:line 2 (id p2): extraction failed in test_fails_on_boom")
    assert "RuntimeError: cannot read this" in message


def test_without_a_failed_list_the_error_propagates() -> None:
    with pytest.raises(RuntimeError, match="cannot read this"):
        list(pipeline.extract(PAPERS, nlp=_nlp_with_bug()))


def test_a_guarded_run_leaves_the_shared_pipeline_raising() -> None:
    from spacy.util import raise_error

    assert len(list(pipeline.extract(PAPERS, failed=[]))) == 3
    assert pipeline.build_nlp().default_error_handler is raise_error


@pytest.mark.parametrize("workers", [1, 2])
def test_build_writes_the_failed_paper_to_rejects(tmp_path, monkeypatch, workers) -> None:  # type: ignore[no-untyped-def]
    def guarded_with_bug():  # type: ignore[no-untyped-def]
        nlp, sink = _nlp_with_bug(), pipeline._Sink()
        nlp.set_error_handler(sink)
        return nlp, sink

    # build() runs extraction in guarded mode; forked workers inherit the patch
    monkeypatch.setattr(pipeline, "_guarded_nlp", guarded_with_bug)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) + "\n"
            for p in PAPERS
        )
    )
    summary = kg_build.build(
        [src], tmp_path / "out", workers=workers, progress=False, rdf_formats=()
    )
    assert (summary.papers, summary.rejects, summary.papers_read) == (2, 1, 3)
    ids = [json.loads(line)["paper"]["id"] for line in open(tmp_path / "out/records.jsonl")]
    assert ids == ["p1", "p3"]
    [reject] = [json.loads(line) for line in open(tmp_path / "out/rejects.jsonl")]
    assert reject["record_id"] == "p2" and reject["source"] == str(src)
    assert reject["location"] == "line 2"
    assert "test_fails_on_boom" in reject["reason"]
