"""Refinements found by reading the records of unlabelled abstracts (the seed file and random
corpus abstracts), each tested on sentences written for the test."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.model import Paper


def _record(title: str, abstract: str):  # type: ignore[no-untyped-def]
    return next(extract([Paper("p1", title, abstract)]))


def test_a_problem_named_acronym_of_a_proposed_framework_is_the_method():
    rec = _record(
        "Reef Captions",
        "We devise a joint Reef Grounding and Generation (RGG) framework for coral images. "
        "We also propose a fast coral bleaching detection (CBD) method. RGG is accurate.",
    )
    assert "RGG" in {m.name for m in rec.proposed}
    # Spelled like the problem, the acronym names the problem, not the method.
    assert "CBD" not in {m.name for m in rec.proposed + rec.methods}


def test_a_named_part_the_method_relies_on_is_used_not_proposed():
    rec = _record(
        "T-Reef: Coral Learning",
        "We propose T-Reef, a method for reef data. Our approach, T-Reef, relies on a Joint "
        "Coral Predictive Architecture (JCPA) and is akin to masking. It adds the Coral "
        "Attention Module (CAM) to it.",
    )
    proposed = {m.name for m in rec.proposed}
    assert "JCPA" not in proposed
    assert {"T-Reef", "CAM"} <= proposed


def test_an_acronym_defined_for_short():
    rec = _record(
        "Reef Teaching",
        "We call this problem \\textit{g-reefability}, or gRF for short. We propose a coral "
        "counting network (CCN for short). We name our method as ``learning to teach with "
        "dynamic reef functions'' (L2T-DRF for short).",
    )
    assert "g-reefability" not in {m.name for m in rec.proposed}
    assert {"CCN", "L2T-DRF"} <= {m.name for m in rec.proposed}
    ccn = next(m for m in rec.proposed if m.name == "CCN")
    assert ccn.long == "coral counting network"


def test_a_quantifier_does_not_open_a_task_name():
    rec = _record(
        "Coral Reefs",
        "Transformers help numerous natural language processing tasks. We train on multiple "
        "self-supervised tasks and evaluate on multiple object tracking.",
    )
    tasks = {t.name for t in rec.tasks}
    assert "natural language processing" in tasks
    assert "multiple object tracking" in tasks  # a task of the list keeps its first word
    assert not {t for t in tasks if t.startswith(("numerous", "multiple self"))}


def test_a_title_task_is_the_object_of_the_titles_verb_and_not_what_it_goes_beyond():
    rec = _record(
        "Coral Debate Helps Reef-to-Ocean Generalization",
        "We study reefs.",
    )
    assert {t.name.lower() for t in rec.tasks} == {"reef-to-ocean generalization"}
    rec = _record("Beyond Coral Image Retrieval: Captions for Reefs", "We study reefs.")
    assert {t.name.lower() for t in rec.tasks} == {"coral image retrieval"}
