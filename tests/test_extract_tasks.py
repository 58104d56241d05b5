"""Task, metric and result phrases on sentences written for these tests (not from any gold)."""

from __future__ import annotations

from kg.extract.metrics import metric_phrases
from kg.extract.pipeline import extract
from kg.extract.results import values
from kg.extract.tasks import framed_tasks, title_tasks
from kg.model import Paper


def _found(text: str, spans) -> list[str]:  # type: ignore[no-untyped-def]
    return [text[s:e] for s, e, *_ in spans]


def test_framed_task_after_problem_of_and_before_task():
    text = "we study the problem of coral reef segmentation. it is a hard bird song detection task."
    assert _found(text, framed_tasks(text)) == ["coral reef segmentation", "bird song detection"]


def test_framed_task_after_for_needs_a_problem_head():
    text = "a benchmark for glacier calving forecasting and for leveraging expert intervention."
    assert _found(text, framed_tasks(text)) == ["glacier calving forecasting"]


def test_generic_field_is_not_a_framed_task():
    text = "these models are popular for machine learning."
    assert framed_tasks(text) == []


def test_title_task_is_the_problem_not_the_means():
    title = "Sparse Attention Tricks for Underwater Pipe Inspection via Graph Factorization"
    assert _found(title, title_tasks(title)) == ["Underwater Pipe Inspection"]


def test_title_piece_with_a_name_is_no_task():
    title = "ReefNet: Coral Counting by Integer Programming"
    assert _found(title, title_tasks(title)) == ["Coral Counting"]


def test_metric_phrase_needs_a_measuring_context():
    text = "it lowers the mean absolute depth error to 3.1 cm and keeps a high accuracy."
    assert _found(text, metric_phrases(text)) == ["mean absolute depth error"]
    assert metric_phrases("the learning rate is tuned and score maps are drawn.") == []


def test_soft_metric_needs_a_number_or_a_result_sentence():
    assert metric_phrases("we hope to improve annotation efficiency.") == []
    text = "experiments show gains in both retrieval accuracy and annotation efficiency."
    assert _found(text, metric_phrases(text)) == ["retrieval accuracy", "annotation efficiency"]


def test_values_with_shared_unit_and_latex_percent():
    got = [v for _, _, v in values(r"a gain of (3.5, 7.25/1.0)% and 64.2\% mAP at 12 cm")]
    assert got == ["3.5%", "7.25%", "1.0%", "64.2%", "12 cm"]


def test_acronym_metric_before_a_noun_is_no_metric():
    rec = next(
        extract(
            [
                Paper(
                    "t1",
                    "Lesion Grading in MR Scans",
                    "We grade lesions in MR scans. Our model reaches 71.0% mAP on the test set.",
                )
            ]
        )
    )
    names = {m.name for m in rec.metrics}
    assert "MR" not in names
    assert "mAP" in names


def test_title_task_drops_an_opening_verb_or_manner_adjective():
    title = "ReefNet: Language-Guided Coral Reef Segmentation"
    assert _found(title, title_tasks(title)) == ["Coral Reef Segmentation"]
    title = "Enhancing Bird Song Detection with Weak Labels"
    assert _found(title, title_tasks(title)) == ["Bird Song Detection"]


def test_framed_task_skips_judging_words_and_verb_heads():
    text = (
        "a model for complex coral reef segmentation. we study urban sound tagging achieving gains."
    )
    assert _found(text, framed_tasks(text)) == ["coral reef segmentation"]


def test_plural_gazetteer_task_names_things_not_problems():
    rec = next(
        extract(
            [Paper("t", "A study", "We map point clouds to knowledge graphs for image retrieval.")]
        )
    )
    names = [t.name for t in rec.tasks]
    assert "point clouds" not in names and "knowledge graphs" not in names
