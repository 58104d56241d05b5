#!/usr/bin/env python3
"""Train the CRF span tagger (kg/extract/tagger.py) on the TDMSci *train* split.

    python scripts/train_tagger.py [--tdmsci DIR] [--self-train 1800] [--cv 5]

Writes kg/data/tdm_tagger.crfsuite and kg/data/tdm_lexicon.json.gz. The test split is never
read here; measure it afterwards with ``kg eval --tdmsci``.

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
- ``--cv K`` only reports K-fold span F1 on train, with the whole recipe (lexicon and
  self-training) redone inside each fold, so no fold sees its held-out sentences.

Measured choices (5-fold CV on train): SciERC train as extra data lowered F1 (0.589 against
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
    LEXICON_FILE,
    MODEL_FILE,
    Lexicon,
    bio_spans,
    build_lexicon,
    features,
    save_lexicon,
)
from kg.tdmsci import Sentence, train_sentences

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
    return features(doc, list(range(1, len(doc))), lexicon)


def jackknife(examples: list[Example], k: int = 5) -> Data:
    """Features of each example with the lexicon of the other (k-1)/k of ``examples``."""
    out: Data = []
    lexicons = [
        build_lexicon((words(d), y) for i, (d, y) in enumerate(examples) if i % k != j)
        for j in range(k)
    ]
    for i, (doc, y) in enumerate(examples):
        out.append((featurize(doc, lexicons[i % k]), y))
    return out


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


def fit(
    examples: list[Example],
    unlabelled: list[Doc],
    out: str,
    params: dict[str, object],
    min_confidence: float,
) -> Lexicon:
    """Train on ``examples`` (plus self-training on ``unlabelled``) into ``out``; returns the
    lexicon to tag new text with."""
    lexicon = build_lexicon((words(d), y) for d, y in examples)
    data = jackknife(examples)
    train_crf(data, out, params)
    if unlabelled:
        extra = pseudo_labelled(out, unlabelled, lexicon, min_confidence)
        print(f"  self-training: {len(extra)} of {len(unlabelled)} corpus sentences kept")
        train_crf(data + extra, out, params)
    return lexicon


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
) -> float:
    """Micro span F1 over ``folds`` folds of the TRAIN split, the whole recipe in each fold."""
    tp = fp = fn = 0
    for k in range(folds):
        train = [e for i, e in enumerate(examples) if i % folds != k]
        held = [e for i, e in enumerate(examples) if i % folds == k]
        with tempfile.NamedTemporaryFile(suffix=".crfsuite") as tmp:
            lexicon = fit(train, unlabelled, tmp.name, params, min_confidence)
            tagger = pycrfsuite.Tagger()
            tagger.open(tmp.name)
            pred = [tagger.tag(featurize(d, lexicon)) for d, _ in held]
        a, b, c = span_f1([y for _, y in held], pred)
        tp, fp, fn = tp + a, fp + b, fn + c
        print(f"  fold {k}: F1 {2 * a / max(1, 2 * a + b + c):.4f}")
    return 2 * tp / max(1, 2 * tp + fp + fn)


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
    ap.add_argument("--out", default=str(REPO / "kg" / "data" / MODEL_FILE))
    ap.add_argument("--lexicon-out", default=str(REPO / "kg" / "data" / LEXICON_FILE))
    args = ap.parse_args()
    nlp = build_nlp(with_tagger=True)
    examples: list[Example] = []
    for s in train_sentences(args.tdmsci):
        doc = rule_doc(nlp, s.text)
        examples.append((doc, labels_of(doc, s)))
    unlabelled = corpus_docs(nlp, args.self_train) if args.self_train else []
    params: dict[str, object] = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.possible_states": True,
    }
    if args.cv:
        score = cross_validate(examples, unlabelled, args.cv, params, args.min_confidence)
        print(f"{args.cv}-fold CV span F1 on TDMSci train: {score:.4f}")
        return
    lexicon = fit(examples, unlabelled, args.out, params, args.min_confidence)
    save_lexicon(lexicon, args.lexicon_out)
    print(
        f"trained on {len(examples)} TDMSci train sentences -> {args.out} "
        f"(lexicon of {len(lexicon)} phrases -> {args.lexicon_out})"
    )


if __name__ == "__main__":
    main()
