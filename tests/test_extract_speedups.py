"""Fast paths in the extraction helpers give what the general path gives, and the module
docstrings of tasks.py and gazetteer_matcher.py name every extractor label the module sets."""

from __future__ import annotations

import inspect
import re

from kg.extract import gazetteer_matcher, tasks
from kg.extract.doc import abstract_sents, sents
from kg.extract.names import words
from kg.extract.pipeline import build_nlp


def test_words_strips_only_words_with_marks():
    text = 'DenseCLIP [12] (ReCo), "GPT-4o\'s" ABE[14]. GCoNet+ (IS)-based naïve 3D'
    assert [w for _, _, w in words(text)] == [
        "DenseCLIP",
        "12",
        "ReCo",
        "GPT-4o",
        "ABE",
        "GCoNet+",
        "IS)-based",
        "naïve",
        "3D",
    ]
    for s, e, w in words(text):
        assert text[s:e] == w


def test_abstract_sents_are_the_sentences_after_the_title():
    doc = build_nlp()("A Title: With Parts\nWe propose X. It works well.")
    after = abstract_sents(doc)
    assert [s.text for s in after] == ["We propose X.", "It works well."]
    assert after == [s for s in sents(doc) if s.start_char >= doc._.title_end]


def _labels(module, prefix: str) -> set[str]:
    """The extractor labels the module's code writes, to the first dot after ``prefix``:
    "kg_tasks.head", "kg_tasks.framed"."""
    source = inspect.getsource(module)
    body = source[source.index('"""', 3) + 3 :]  # after the module docstring
    return set(re.findall(rf'"({re.escape(prefix)}[a-z_]*)', body))


def test_tasks_docstring_names_every_cue():
    labels = _labels(tasks, "kg_tasks.")
    assert labels == {
        "kg_tasks.head",
        "kg_tasks.framed",
        "kg_tasks.listed",
        "kg_tasks.title",
        "kg_tasks.long",
        "kg_tasks.split",
    }
    for label in labels:
        assert f"``{label}" in (tasks.__doc__ or ""), label


def test_gazetteer_docstring_names_every_extractor():
    assert _labels(gazetteer_matcher, "kg_") == {"kg_gazetteer", "kg_metrics"}
    for label in ("kg_gazetteer", "kg_gazetteer.listed", "kg_metrics"):
        assert f"``{label}``" in (gazetteer_matcher.__doc__ or ""), label
