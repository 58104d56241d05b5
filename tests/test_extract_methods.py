"""Methods and proposed methods: the established-name lexicon, acronym typing by long form and
context, and naming cues. Sentences are written for these tests."""

from __future__ import annotations

from kg.extract.names import method_lexicon, names_no_method
from kg.extract.pipeline import extract
from kg.model import Paper


def _names(rec, field: str) -> set[str]:  # type: ignore[no-untyped-def]
    items = getattr(rec, field)
    return {i.name for i in items} | {i.long for i in items if i.long}


def _one(title: str, abstract: str):  # type: ignore[no-untyped-def]
    return next(extract([Paper("t1", title, abstract)]))


def test_lexicon_holds_established_names_not_families():
    lex = {n.lower() for n in method_lexicon()}
    for name in ("gibbs sampling", "kalman filter", "principal component analysis", "k-means"):
        assert name in lex
    for family in ("large language models", "convolutional neural networks", "transformers"):
        assert family not in lex


def test_lower_case_established_methods_are_found():
    rec = _one(
        "Tracking with noisy sensors",
        "We smooth the trajectories with an extended Kalman filter and draw posterior samples "
        "by Gibbs sampling; the features are reduced by principal component analysis.",
    )
    methods = {n.lower() for n in _names(rec, "methods")}
    assert {"extended kalman filter", "gibbs sampling", "principal component analysis"} <= methods


def test_one_word_name_inside_a_compound_is_not_the_method():
    rec = _one("A lifting module", "Our view transformer maps camera images to a top view.")
    assert "transformer" not in {n.lower() for n in _names(rec, "methods")}


def test_long_form_heads_that_name_no_method():
    assert names_no_method("Hyperspectral Imaging")
    assert names_no_method("Degrees-of-Freedom")
    assert names_no_method("magnetoencephalographic")
    assert not names_no_method("multilayer perceptron")
    assert not names_no_method("neural arithmetic logic unit")


def test_acronyms_of_data_and_settings_are_not_methods():
    rec = _one(
        "Sensing the brain",
        "We decode electrocorticographic (ECOG) signals with a multilayer perceptron (MLP). "
        "Unlike usual ZQA settings, our robot must remember what it saw.",
    )
    methods = _names(rec, "methods")
    assert "MLP" in methods
    assert "ECOG" not in methods and "ZQA" not in methods


def test_established_method_in_contribution_sentence_is_not_proposed():
    rec = _one(
        "Faster inference for topic models",
        "We propose a blocked Gibbs sampling scheme for topic models.",
    )
    assert "Gibbs sampling" not in _names(rec, "proposed")


def test_termed_as_names_the_proposed_method():
    rec = _one(
        "Relational parts for recognition",
        "Our method, termed as Part Relation Graph Network (PRGN), is trained end-to-end.",
    )
    assert "PRGN" in _names(rec, "proposed")


def test_long_form_tail_is_not_a_separate_method():
    rec = _one(
        "Planning with Hidden Context Markov Decision Processes",
        "We study the Hidden Context Markov Decision Process (HC-MDP) for families of tasks.",
    )
    assert "Markov Decision Processes" not in _names(rec, "methods")
