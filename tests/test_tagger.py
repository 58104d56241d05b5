"""kg.extract.tagger's span stage: exact span marginals from the CRF's own weights, the
candidates, the non-overlapping choice, and the packaged span classifier."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import numpy as np
import pycrfsuite
import pytest

from kg.extract import tagger as tg
from kg.extract.tagger import (
    CRF_LABELS,
    SPAN_TYPES,
    CRFWeights,
    SpanMarginals,
    choose_spans,
)
from kg.tdmsci import bio_spans


def _brute_force(e: np.ndarray, trans: np.ndarray):
    """Token marginals and exact-span probabilities by enumerating every label sequence."""
    n, nl = e.shape
    z = 0.0
    marg = np.zeros_like(e)
    spans: dict[tuple[int, int, str], float] = {}
    for seq in itertools.product(range(nl), repeat=n):
        p = float(
            np.exp(e[range(n), seq].sum() + sum(trans[seq[i - 1], seq[i]] for i in range(1, n)))
        )
        z += p
        marg[range(n), seq] += p
        labels = [CRF_LABELS[k] for k in seq]
        for a, label in enumerate(labels):
            if label.startswith("B-"):
                b = a + 1
                while b < n and labels[b] == "I-" + label[2:]:
                    b += 1
                spans[(a, b, label[2:])] = spans.get((a, b, label[2:]), 0.0) + p
    return marg / z, {s: p / z for s, p in spans.items()}


def test_span_marginals_match_enumeration():
    rng = np.random.default_rng(3)
    n = 4
    e = rng.normal(size=(n, len(CRF_LABELS)))
    trans = rng.normal(size=(len(CRF_LABELS), len(CRF_LABELS)))
    sm = SpanMarginals(e, trans)
    marg, spans = _brute_force(e, trans)
    assert np.allclose(sm.marg, marg)
    for label in SPAN_TYPES:
        t = sm.span_table(label)
        for a in range(n):
            for length in range(1, n - a + 1):
                want = spans.get((a, a + length, label), 0.0)
                assert np.exp(t[a, length - 1]) == pytest.approx(want, abs=1e-12)
            # past the end of the sentence: impossible
            assert np.all(np.isneginf(t[a, n - a :]))
    # the exact-span probabilities of the spans starting at a sum to P(B- at a)
    for label in SPAN_TYPES:
        t = sm.span_table(label)
        b = CRF_LABELS.index("B-" + label)
        assert np.exp(t).sum(axis=1) == pytest.approx(sm.marg[:, b])


def _toy_data():
    rng = np.random.default_rng(0)
    vocab = ["we", "use", "the", "squad", "dataset", "bleu", "score", "parsing", "for", "and"]
    kind = {"squad": "DATASET", "bleu": "METRIC", "parsing": "TASK"}
    data = []
    for _ in range(60):
        ws = [vocab[k] for k in rng.integers(0, len(vocab), size=7)]
        y = []
        for w in ws:
            if w in kind:
                y.append("B-" + kind[w])
            elif w in ("dataset", "score") and y and y[-1] != "O":
                y.append("I-" + y[-1][2:])
            else:
                y.append("O")
        x = [[f"w={w}", f"w-1={ws[i - 1] if i else '<s>'}"] for i, w in enumerate(ws)]
        data.append((ws, x, y))
    return data


def test_weights_give_crfsuites_marginals(tmp_path):
    data = _toy_data()
    trainer = pycrfsuite.Trainer(verbose=False)
    for _, x, y in data:
        trainer.append(x, y)
    trainer.set_params({"c2": 0.1, "max_iterations": 50, "feature.possible_transitions": True})
    model = str(tmp_path / "toy.crfsuite")
    trainer.train(model)
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    weights = CRFWeights(tagger)
    for _, x, _ in data[:10]:
        sm = SpanMarginals(weights.emissions(x), weights.trans)
        tagger.set(x)
        for i in range(len(x)):
            for label in tagger.labels():
                assert sm.marg[i, CRF_LABELS.index(label)] == pytest.approx(
                    tagger.marginal(label, i), abs=1e-4
                )


def test_candidates_hold_likely_spans_and_viterbi_neighbours():
    n = 6
    e = np.full((n, len(CRF_LABELS)), -5.0)
    e[:, 0] = 5.0  # O everywhere ...
    e[2, CRF_LABELS.index("B-TASK")] = 9.0  # ... but a sure TASK at token 2
    sm = SpanMarginals(e, np.zeros((len(CRF_LABELS), len(CRF_LABELS))))
    cands = sm.candidates([(2, 3, "TASK")])
    assert cands[(2, 3, "TASK")] > 0.9
    # the Viterbi span moved by one token on either edge is a candidate, however unlikely
    for span in [(1, 3, "TASK"), (2, 4, "TASK"), (1, 4, "TASK"), (3, 4, "TASK")]:
        assert span in cands and cands[span] < 0.01
    # other unlikely spans are not
    assert (4, 6, "DATASET") not in cands


def test_choose_spans_best_first_without_overlaps():
    scored = [
        ((0, 3, "TASK"), 0.6),
        ((1, 3, "TASK"), 0.7),  # best, overlaps the first
        ((3, 4, "METRIC"), 0.4),
        ((5, 6, "DATASET"), 0.2),  # below the threshold
    ]
    assert choose_spans(scored, 0.3) == [(1, 3, "TASK"), (3, 4, "METRIC")]
    assert choose_spans(scored, 0.65) == [(1, 3, "TASK")]
    assert choose_spans([], 0.3) == []


def test_packaged_span_stage_is_used():
    from kg.extract.pipeline import build_nlp

    assert tg.data_file(tg.SPAN_MODEL_FILE).is_file(), "the span model ships in kg/data"
    config = json.loads(tg.data_file(tg.SPAN_CONFIG_FILE).read_text())
    assert 0.1 <= config["threshold"] <= 0.6
    nlp = build_nlp(with_tagger=True)
    component = nlp.get_pipe("kg_tagger")
    assert component.scorer is not None
    doc = nlp.make_doc("We report BLEU scores on the WMT 2014 English-German translation task.")
    for name, proc in nlp.pipeline:
        if name == "kg_tagger":
            break
        doc = proc(doc)
    words = [t.text for t in doc]
    x = tg.features(doc, list(range(len(doc))))
    with pytest.raises(ValueError):
        component.spans(words[:-1], x)
    spans = component.spans(words, x)
    # the chosen spans are the classifier's choice among the candidates, not overlapping
    assert spans == sorted(spans)
    assert all(b <= c for (_, b, _), (c, _, _) in zip(spans, spans[1:], strict=False))
    assert (2, 3, "METRIC") in spans  # BLEU
    # with the classifier off, the CRF's own spans come back
    component.scorer = None
    assert component.spans(words, x) == bio_spans(component.tagger.tag(x))


_FEATURE_ORDER = """
from kg.extract.pipeline import build_nlp
from kg.extract.tagger import features, packaged_lexicon, span_items
nlp = build_nlp(with_tagger=True)
tagger = nlp.get_pipe("kg_tagger")
doc = nlp("We evaluate named entity recognition on the CoNLL 2003 dataset with F1 score .")
toks = [t.i for t in doc if not t.is_space]
x = features(doc, toks)
items = span_items([doc[t].text for t in toks], x, tagger.tagger.tag(x), tagger.weights,
                   packaged_lexicon())
print([list(f) for _, f in items])
"""


def test_span_features_come_in_the_same_order_whatever_the_hash_seed():
    """CRFsuite numbers attributes in the order it first sees them, so a training run is only
    reproducible if each item's features come in a fixed order."""
    outs = {
        subprocess.run(
            [sys.executable, "-c", _FEATURE_ORDER],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1


def test_neighbour_contexts_hold_the_words_of_the_sentences_around_only():
    sents = [
        ["we", "study", "parsing"],
        ["the", "parser", "is", "fast"],
        ["dependency", "parsing", "accuracy", "rises"],
        ["far", "away", "words"],
        ["nothing", "else"],
    ]
    ctx = tg.neighbour_contexts(sents, window=1)
    uni, bi = ctx[1]
    assert uni == {"study", "parsing", "dependency", "accuracy", "rises"}  # not "parser"
    assert "the" not in ctx[0][0] and "we" not in ctx[1][0]  # stop words are no context
    assert ("dependency", "parsing") in bi and ("we", "study") in bi
    assert "far" not in uni  # two sentences away with window 1
    assert "far" in tg.neighbour_contexts(sents, window=2)[1][0]


def test_context_features_mark_words_the_neighbours_write():
    from kg.extract.pipeline import build_nlp

    nlp = build_nlp()
    doc = nlp("We improve dependency parsing accuracy .")
    toks = list(range(len(doc)))
    context = tg.neighbour_contexts(
        [["dependency", "parsing", "matters"], [t.lower_ for t in doc]]
    )[1]
    x = tg.features(doc, toks, tg.packaged_lexicon(), context)
    marks = [[f for f in fs if f.startswith("nb")] for fs in x]
    assert marks == [[], [], ["nb", "nb2r"], ["nb2l", "nb"], [], []]
    assert tg.features(doc, toks, tg.packaged_lexicon()) == [
        [f for f in fs if not f.startswith("nb")] for fs in x
    ]


def test_short_form_in_brackets_joins_the_span_before_it():
    from kg.extract.spans import with_short_forms

    text = "We use labeled precision ( lp ) and BLEU ( see ) on Penn Treebank ( PTB ) ."
    lp = (text.index("labeled"), text.index(" ( lp"), "METRIC")
    bleu = (text.index("BLEU"), text.index(" ( see"), "METRIC")
    ptb = (text.index("Penn"), text.index(" ( PTB"), "DATASET")
    inner = (text.index("PTB"), text.index("PTB") + 3, "DATASET")
    got = with_short_forms(text, [lp, bleu, ptb, inner])
    assert [text[a:b] for a, b, _ in got] == [
        "labeled precision ( lp )",  # lower-case short forms count too
        "BLEU",  # "see" abbreviates nothing
        "Penn Treebank ( PTB )",  # and the inner mention goes
    ]
    assert with_short_forms("parsing (NER)", [(0, 7, "TASK")]) == [(0, 7, "TASK")]
    # the abbreviation alone, after its long form, widens to the long form
    text = "Scores are unlabeled attachment score (UAS) and the best ( LAS )."
    uas = (text.index("UAS"), text.index("UAS") + 3, "METRIC")
    las = (text.index("LAS"), text.index("LAS") + 3, "METRIC")
    got = with_short_forms(text, [uas, las])
    assert [text[a:b] for a, b, _ in got] == ["unlabeled attachment score (UAS)", "LAS"]


def test_conjoined_modifier_joins_the_span_it_shares_a_head_with():
    from kg.extract.spans import with_conjoined_modifiers

    text = "Joint syntactic and semantic parsing , language processing and information retrieval"
    parsing = (text.index("semantic"), text.index(" ,"), "TASK")
    retrieval = (text.index("information"), len(text), "TASK")
    got = with_conjoined_modifiers(text, [parsing, retrieval])
    # "syntactic" is alike "semantic"; "processing" is a head of its own, unlike "information"
    assert [text[a:b] for a, b, _ in got] == [
        "syntactic and semantic parsing",
        "information retrieval",
    ]
    # a word that ends another span stays there: "text and [image classification]" widens,
    # "[text] and [image classification]" are two tasks
    text = "We study text and image classification ."
    image = (text.index("image"), text.index(" ."), "TASK")
    assert with_conjoined_modifiers(text, [image]) == [(text.index("text"), image[1], "TASK")]
    spans = [(text.index("text"), text.index(" and"), "TASK"), image]
    assert with_conjoined_modifiers(text, spans) == spans
