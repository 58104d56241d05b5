"""One test per cue family of kg/extract/contributions.py (each a helper of
``find_contributions``), end to end, and the apposition and spreading helpers on their own.
Sentences are written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.contributions import _apply_appositions, _spread_proposed
from kg.extract.doc import Mention
from kg.extract.pipeline import extract
from kg.model import Paper


def _proposed(title: str, abstract: str) -> dict[str, str | None]:
    rec = next(extract([Paper("t1", title, abstract)]))
    return {i.name: i.long for i in rec.proposed}


@pytest.mark.parametrize(
    ("title", "abstract", "name", "long"),
    [
        pytest.param(
            "ReCo: Retrieve and Co-segment for Zero-shot Transfer",
            "We propose ReCo, a method for segmentation. ReCo works well on many images.",
            "ReCo",
            None,
            id="title-name",
        ),
        pytest.param(
            "Action Quality Assessment with Temporal Parsing Transformer",
            "Action quality assessment is hard. In this paper, we propose a temporal parsing "
            "transformer to decompose features. Experiments show gains.",
            "Temporal Parsing Transformer",
            None,
            id="title-phrase",
        ),
        pytest.param(
            "Quantitative Testing with Concept Activation Vectors (TCAV)",
            "Interpretability is hard. We show that TCAV explains a classifier's predictions.",
            "TCAV",
            "Testing with Concept Activation Vectors",
            id="title-acronym",
        ),
        pytest.param(
            "Distilling knowledge",
            'We introduce a new training scheme, which we term "Comparative Knowledge '
            'Distillation", for small students. It improves accuracy.',
            "Comparative Knowledge Distillation",
            None,
            id="naming-verb-title-case",
        ),
        pytest.param(
            "Segmentation of images",
            "We propose a novel Multi-Domain Query Cascaded Attention mechanism for "
            "segmentation. It helps.",
            "Multi-Domain Query Cascaded Attention",
            None,
            id="headed-name",
        ),
        pytest.param(
            "Fine-tuning language models",
            "We present a fine-tuning method that we call information gain filtration for "
            "language models. Information gain filtration improves perplexity.",
            "information gain filtration",
            None,
            id="naming-verb-lower-case",
        ),
        pytest.param(
            "Learning with structure",
            "We introduce paired-dual learning, a framework that learns structured models "
            "quickly. Experiments show paired-dual learning is fast.",
            "paired-dual learning",
            None,
            id="lower-case-apposition",
        ),
        pytest.param(
            "Sorting",
            "We propose QuickZ, an algorithm that sorts lists. QuickZ is fast.",
            "QuickZ",
            None,
            id="contribution-verb",
        ),
        pytest.param(
            "Planning agents",
            "Agents are hard to train. A novel planner called ZorbPlan is proposed to fix "
            "this. ZorbPlan is fast.",
            "ZorbPlan",
            None,
            id="passive-verb",
        ),
        pytest.param(
            "Reinforcement learning",
            "In this work we study agents. Our ZorbNet model learns fast and beats baselines.",
            "ZorbNet",
            None,
            id="our-x",
        ),
        pytest.param(
            "Image retrieval",
            "Existing methods are slow. A group affinity module (GAM) is proposed to relate "
            "images. Experiments show that GAM is fast.",
            "GAM",
            "group affinity module",
            id="part-acronym",
        ),
        pytest.param(
            "Search agents",
            "Search is hard. We present the Stealthy Terrain-Aware Reconnaissance (STAR) "
            "algorithm for search. STAR is fast.",
            "STAR",  # also a Papers-with-Code dataset name: the paper's own definition wins
            "Stealthy Terrain-Aware Reconnaissance",
            id="list-name-defined-by-the-paper",
        ),
        pytest.param(
            "Few-Shot Action Recognition with Hierarchical Matching and Contrastive Learning",
            "In this work, we propose a hierarchical matching model to support similarity "
            "measure at global levels via a zoom-in matching module.We further propose a "
            "mixed-supervised hierarchical contrastive learning (HCL) in training, which "
            "employs supervised contrastive learning to differentiate videos.",
            "HCL",
            "hierarchical contrastive learning",
            id="direct-object-acronym",
        ),
        pytest.param(
            "Person search",
            "We propose RGEN for person search. RGEN consists of two branches: the Constrained "
            "Part Attention (CPA) branch and the Global Branch. We train on images.",
            "CPA",
            "Constrained Part Attention",
            id="named-part",
        ),
    ],
)
def test_each_cue_proposes_its_name(title: str, abstract: str, name: str, long: str | None):
    proposed = _proposed(title, abstract)
    assert name in proposed
    assert proposed[name] == long


def test_proposing_to_exploit_a_known_model_proposes_nothing():
    assert _proposed("Learning to prompt", "We propose to exploit CLIP for detection.") == {}


def test_a_known_long_form_defined_in_a_contribution_sentence_is_used():
    proposed = _proposed(
        "Search agents",
        "We present the Long Short-Term Memory (LSTM) network for search. LSTM is fast.",
    )
    assert "LSTM" not in proposed


def test_new_benchmark_is_an_introduced_dataset():
    rec = next(
        extract(
            [
                Paper(
                    "t1",
                    "Continual learning",
                    "We introduce NEVIS, a new benchmark of vision tasks collected over thirty "
                    "years. We evaluate many models on NEVIS.",
                )
            ]
        )
    )
    assert [(d.name, d.introduced) for d in rec.datasets] == [("NEVIS", True)]


def test_task_apposition_drops_the_method_and_benchmark_apposition_spreads():
    text = "We study FooX, a new benchmark of images. FooX is hard. BarY, a classification task."
    mentions = [
        Mention(9, 13, "FooX", "method", "t", 0.5),
        Mention(42, 46, "FooX", "method", "t", 0.5),
        Mention(56, 60, "BarY", "method", "t", 0.5),
    ]
    _apply_appositions(text, mentions, set())
    assert [m.text for m in mentions] == ["FooX", "FooX"]
    _spread_proposed(text, mentions, {"FooX"})
    assert all(m.proposed and m.kind == "dataset" for m in mentions)


def test_a_name_written_only_inside_a_longer_proposed_name_is_part_of_it():
    rec = next(
        extract(
            [
                Paper(
                    "t1",
                    "Agent R7: A Compositional Framework for Reef Agents",
                    "We introduce Agent R7, a novel compositional framework. Agent R7 beats "
                    "Claude by 18.9% on ReefWorld. We also build Reef PointNet on PointNet.",
                )
            ]
        )
    )
    proposed = {m.name for m in rec.proposed}
    assert "Agent R7" in proposed and "R7" not in proposed
    assert "R7" not in {m.name for m in rec.methods}
    assert {(o.winner, o.loser) for o in rec.outperforms} == {("Agent R7", "Claude")}


def test_a_title_name_ending_in_a_proposed_acronyms_long_form_is_that_item():
    rec = next(
        extract(
            [
                Paper(
                    "t1",
                    "Convolutional Reef Walk Networks for Coral Segmentation",
                    "We introduce a simple Convolutional Reef Walk Network (RWN). "
                    "Our RWN beats FCNs.",
                )
            ]
        )
    )
    assert [m.name for m in rec.proposed] == ["RWN"]
    assert "Convolutional Reef Walk Networks" in rec.proposed[0].aliases


def test_providing_a_new_named_algorithm_proposes_it():
    assert "LOLS" in _proposed(
        "Learning to Search Better",
        "We provide a new learning to search algorithm, LOLS, which does well.",
    )
    assert "SVM" not in _proposed("Bounds", "We also provide a new bound for the SVM classifier.")
