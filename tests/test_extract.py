"""Extraction on real seed abstracts and on the pure helpers of each component.

Expected values were read off the abstracts by hand (see each test's comment).
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from kg.evaluate import shared_dir
from kg.extract.abbreviations import find_long_form, title_long_form
from kg.extract.doc import is_name_shaped
from kg.extract.links import clean_url, link_kind
from kg.extract.names import title_name
from kg.extract.pipeline import extract
from kg.extract.results import values
from kg.extract.sentences import split_sentences
from kg.extract.tasks import task_phrases
from kg.model import Paper
from kg.paths import schema_file
from kg.sources import read_papers

SEED = shared_dir() / "data" / "seed_abstracts.txt"


@pytest.fixture(scope="module")
def seed_records():
    papers = [p for p in read_papers([SEED]) if isinstance(p, Paper)]
    return {r.title.split(":")[0]: r for r in extract(papers)}, papers


def _by_title(records, prefix):
    return next(r for t, r in records.items() if t.startswith(prefix))


def test_one_record_per_paper_in_input_order(seed_records):
    records, papers = seed_records
    recs = list(extract(papers))
    assert [r.id for r in recs] == [p.id for p in papers]
    assert len(recs) == 64


def test_mcl_proposed_with_long_form_and_beats_electra(seed_records):
    # "a multi-perspective course learning (MCL) method is proposed ... our method significantly
    # improves ELECTRA's average performance by 2.8% and 3.2% ... respectively on GLUE and
    # SQuAD 2.0 benchmarks"; the model is at https://huggingface.co/McmanusChen/MCL-base.
    rec = _by_title(seed_records[0], "Pre-training Language Model as a Multi-perspective")
    assert [(p.name, p.long) for p in rec.proposed] == [
        ("MCL", "multi-perspective course learning")
    ]
    assert ("MCL", "ELECTRA") in [(c.winner, c.loser) for c in rec.outperforms]
    results = {(r.method, r.dataset, r.value) for r in rec.results}
    assert ("MCL", "GLUE", "2.8%") in results
    assert ("MCL", "SQuAD 2.0", "3.2%") in results
    assert [(x.url, x.kind) for x in rec.links] == [
        ("https://huggingface.co/McmanusChen/MCL-base", "model")
    ]


def test_mugs_result_and_components(seed_records):
    # "Mugs sets new SoTA linear probing accuracy 82.1% on ImageNet-1K"
    rec = _by_title(seed_records[0], "Mugs")
    assert ("Mugs", "ImageNet-1K", "linear probing accuracy", "82.1%") in {
        (r.method, r.dataset, r.metric, r.value) for r in rec.results
    }
    names = {p.name: p.long for p in rec.proposed}
    assert names["Mugs"] == "MUlti-Granular Self-supervised learning"
    assert names["LGDS"] == "local-group discrimination supervision"
    assert [d.name for d in rec.datasets] == ["ImageNet-1K"]


def test_gconet_code_link_and_components(seed_records):
    rec = _by_title(seed_records[0], "GCoNet+")
    assert [(x.url, x.kind) for x in rec.links] == [
        ("https://github.com/ZhengPeng7/GCoNet_plus", "code")
    ]
    assert rec.code_available
    proposed = {p.name for p in rec.proposed}
    assert {"GCoNet+", "GAM", "GCM"} <= proposed


def test_evidence_points_into_the_original_text(seed_records):
    records, papers = seed_records
    by_id = {p.id: p for p in papers}
    checked = 0
    for rec in records.values():
        paper = by_id[rec.id]
        items = [*rec.proposed, *rec.methods, *rec.datasets, *rec.tasks, *rec.metrics]
        for ev in [m for it in items for m in it.mentions] + [
            m for x in rec.links for m in x.mentions
        ]:
            assert paper.text_of(ev.field)[ev.start : ev.end] == ev.text
            assert 0 < ev.confidence <= 1 and ev.extractor.startswith("kg_")
            checked += 1
    assert checked > 300


def test_records_validate_against_the_published_schema(seed_records):
    schema = json.loads(schema_file("record.schema.json").read_text())
    for rec in seed_records[0].values():
        jsonschema.validate(rec.to_json(), schema)


def test_latex_markup_is_cleaned_and_offsets_kept():
    abstract = (
        "We propose FooNet, which improves accuracy by 3.2\\% on ImageNet-1K. "
        "Code: \\url{https://github.com/foo/FooNet}."
    )
    rec = next(extract([Paper("x", "FooNet: a test", abstract)]))
    assert "3.2%" in [r.value for r in rec.results]
    link = rec.links[0]
    assert link.url == "https://github.com/foo/FooNet"
    ev = link.mentions[0]
    assert abstract[ev.start : ev.end] == "https://github.com/foo/FooNet"


def test_find_long_form_schwartz_hearst():
    before = "generator with only masked language modeling "
    assert before[find_long_form("MLM", before) :].strip() == "masked language modeling"
    assert find_long_form("XYZ", "nothing matches here ") is None


def test_name_shapes():
    for w in ("CLIP", "DenseCLIP", "GPT-4o", "ResNet-50", "GCoNet+", "MiniWoB++", "NT-Xent"):
        assert is_name_shaped(w), w
    for w in ("3DETR", "4DGen", "2D-TAN", "3DGS"):
        assert is_name_shaped(w), w
    for w in ("The", "Self-Supervised", "e.g.", "3D", "6DoF", "70B", "2D-3D", "3D-Reconstruction"):
        assert not is_name_shaped(w), w
    # lower-case coined names: "<thing>2vec" and "<x>2<x>"; not a family or a paradigm
    for w in ("word2vec", "node2vec", "pix2pix", "vid2vid"):
        assert is_name_shaped(w), w
    for w in ("seq2seq", "sequence2sequence", "text2text", "sim2real", "im2text", "b2b"):
        assert not is_name_shaped(w), w


def test_clean_url_and_kind():
    assert clean_url("https://github.com/a/b).") == "https://github.com/a/b"
    assert clean_url("https://en.wikipedia.org/wiki/X_(y)") == "https://en.wikipedia.org/wiki/X_(y)"
    assert link_kind("https://github.com/a/b", "") == "code"
    assert link_kind("https://huggingface.co/datasets/a/b", "") == "dataset"
    assert link_kind("https://huggingface.co/org/model", "") == "model"
    assert link_kind("https://foo.github.io/proj", "Project page:") == "project"


def test_urls_broken_by_a_pdf_space_are_joined():
    abstract = (
        "Code: https://github. com/foo/BarNet. Data at www.cs.uni.edu/ jdoe/data.html and "
        "models at github.com/ org/repo. See http://x.org/ as well."
    )
    rec = next(extract([Paper("x", "A test", abstract)]))
    urls = [(link.url, link.kind) for link in rec.links]
    assert urls == [
        ("https://github.com/foo/BarNet", "code"),
        ("www.cs.uni.edu/~jdoe/data.html", "dataset"),  # the "~" of a home directory
        ("github.com/org/repo", "code"),
        ("http://x.org/", "project"),
    ]
    ev = rec.links[0].mentions[0]
    assert abstract[ev.start : ev.end] == "https://github. com/foo/BarNet"
    # the pieces of an address are no names
    assert not [m.name for m in rec.methods + rec.proposed if "/" in m.name]


def test_scores_written_without_a_leading_zero_are_values_but_p_values_are_not():
    got = [v for _, _, v in values("AUC rose from .677 to .748 (r = .66; p < .001, p = .045).")]
    assert got == [".677", ".748", ".66"]
    assert not values("C4 .5 reaches the same .001-accurate solution")


def test_values_are_scores_not_counts():
    got = [v for _, _, v in values("reaches 82.1% at 250 fps on 1,000 images, +2.8% over 3 runs")]
    assert got == ["82.1%", "250 fps", "+2.8%"]
    assert [v for _, _, v in values("improves it by 3.2% to 6.1% overall")] == ["3.2% to 6.1%"]


def test_title_name():
    assert title_name("ReCo: Retrieve and Co-segment for Zero-shot Transfer") == "ReCo"
    assert title_name("Mugs: A Multi-Granular Self-Supervised Learning Framework") == "Mugs"
    assert title_name("Therapy as an NLP Task: Psychologists' Comparison") is None
    assert title_name("Towards an AI co-scientist") is None


def test_task_phrases():
    text = "we study co-salient object detection and zero-shot multilingual visual captioning."
    phrases = [text[s:e] for s, e in task_phrases(text)]
    assert "co-salient object detection" in phrases
    assert "zero-shot multilingual visual captioning" in phrases


def test_a_title_name_is_spelled_by_the_words_after_its_colon():
    def pair(title: str) -> tuple[str, str] | None:
        found = title_long_form(title)
        return None if found is None else (title[found[0] : found[1]], title[found[2] : found[3]])

    assert pair("PPT: Pre-trained Prompt Tuning for Few-shot Learning") == (
        "PPT",
        "Pre-trained Prompt Tuning",
    )
    assert pair("GenCo: Generative Co-training for GANs") == ("GenCo", "Generative Co-training")
    assert pair("ReefNets: Reef Ecology Neural Networks") == (
        "ReefNets",
        "Reef Ecology Neural Networks",
    )
    assert pair("YOLOv3: An Incremental Improvement") is None
    assert pair("CLIP: Connecting Text and Images") is None  # no "L", "I", "P" before "and"
    assert pair("DETR: End-to-End Object Detection") is None
    # One item, with its long form, not two proposed names.
    rec = next(
        extract(
            [
                Paper(
                    "x",
                    "ReFu: Recursive Fusion for 3D Learning",
                    "We introduce a novel Recursive Fusion model dubbed ReFu.",
                )
            ]
        )
    )
    assert [(m.name, m.long) for m in rec.proposed] == [("ReFu", "Recursive Fusion")]


def test_sentences_do_not_split_on_abbreviations():
    text = "We use e.g. CLIP. It works (see Fig. 2). Done."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "We use e.g. CLIP.",
        "It works (see Fig. 2).",
        "Done.",
    ]


def test_sentences_split_where_extraction_lost_the_space_but_not_in_names():
    text = (
        "We build a module.We further propose X. Code: name.github.io/Our. Use node.js now.The end."
    )
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "We build a module.",
        "We further propose X.",
        "Code: name.github.io/Our.",
        "Use node.js now.",
        "The end.",
    ]
