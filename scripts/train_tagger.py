#!/usr/bin/env python3
"""Train the CRF span tagger (kg/extract/tagger.py) on the TDMSci *train* split.

    python scripts/train_tagger.py [--tdmsci ../shared/eval/external/tdmsci] [--c1 0.05 --c2 0.05]

Writes kg/data/tdm_tagger.crfsuite. Features include the rule components' BIO tags, so the
rules run (without the tagger) over each training sentence first. Self-training (on by
default): a first model tags sentences of NLP-venue abstracts from the unlabelled shared
corpus, and the confidently tagged ones join the training data of the final model (--cv with
self-training is slightly optimistic: the first model saw every fold). The test split is never
read here; measure it afterwards with ``kg eval --tdmsci``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from kg.extract.pipeline import build_nlp
from kg.extract.tagger import MODEL_FILE, features
from kg.tdmsci import Sentence, train_sentences

REPO = Path(__file__).resolve().parents[1]


def sentence_doc(nlp, sentence: Sentence) -> Doc:  # type: ignore[no-untyped-def]
    """The sentence as the pipeline sees it (spaCy's tokens, after an empty title), so the
    model is trained on the tokenization it will tag."""
    doc = nlp.make_doc("\n" + sentence.text)
    # The rule components that run before the tagger in the pipeline, and only those.
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


SCIERC_LABELS = {"Task": "TASK", "Metric": "METRIC", "Material": "MATERIAL"}


def scierc_examples(nlp, path: Path) -> list[tuple[list[list[str]], list[str]]]:  # type: ignore[no-untyped-def]
    """SciERC *train* sentences: Task -> TASK, Metric -> METRIC, Material -> MATERIAL (a label
    the tagger learns but never emits, so datasets among SciERC's materials are not taught as
    non-entities); other types are O."""
    import json

    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            base = 0
            for sent, ner in zip(d["sentences"], d["ner"], strict=True):
                starts, pos = [], 0
                for tok in sent:
                    starts.append(pos)
                    pos += len(tok) + 1
                text = " ".join(sent)
                spans = [
                    (starts[a - base], starts[b - base] + len(sent[b - base]), SCIERC_LABELS[t])
                    for a, b, t in ner
                    if t in SCIERC_LABELS
                ]
                base += len(sent)
                doc = sentence_doc(nlp, Sentence(tokens=list(sent), offsets=starts))
                labels = ["O"] * (len(doc) - 1)
                for start, end, label in spans:
                    inside = [
                        t.i - 1 for t in doc[1:] if t.idx - 1 >= start and t.idx - 1 + len(t) <= end
                    ]
                    for n, k in enumerate(inside):
                        labels[k] = ("B-" if n == 0 else "I-") + label
                assert doc.text[1:] == text
                out.append((features(doc, list(range(1, len(doc)))), labels))
    return out


def pseudo_labelled(
    nlp, model: str, corpus: Path, n_abstracts: int, min_confidence: float, seed: int = 1
) -> list[tuple[list[list[str]], list[str]]]:  # type: ignore[no-untyped-def]
    """Self-training data: sentences of NLP-venue abstracts of the unlabelled shared corpus,
    tagged by ``model``, kept when they hold a span and every token's label has marginal
    probability >= ``min_confidence``."""
    import gzip
    import json
    import random

    from kg.extract.sentences import split_sentences

    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if r["venue"].lower().startswith(("acl", "naacl", "coling", "emnlp"))]
    random.Random(seed).shuffle(rows)
    out = []
    for r in rows[:n_abstracts]:
        abstract = r.get("abstract") or ""
        for s0, s1 in split_sentences(abstract):
            doc = nlp.make_doc("\n" + abstract[s0:s1])
            for name, proc in nlp.pipeline:
                if name == "kg_tagger":
                    break
                doc = proc(doc)
            x = features(doc, list(range(1, len(doc))))
            y = tagger.tag(x)
            if all(label == "O" for label in y):
                continue
            if min(tagger.marginal(label, i) for i, label in enumerate(y)) >= min_confidence:
                out.append((x, y))
    return out


def span_f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    """Exact-match micro F1 of BIO spans."""
    from kg.extract.tagger import bio_spans

    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        gs = {x for x in bio_spans(g) if x[2] in ("TASK", "DATASET", "METRIC")}
        ps = {x for x in bio_spans(p) if x[2] in ("TASK", "DATASET", "METRIC")}
        tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def cross_validate(
    data: list[tuple[list[list[str]], list[str]]],
    folds: int,
    params: dict,
    extra: list | None = None,
) -> float:
    """Mean span F1 over ``folds`` folds of the TRAIN split (model selection never sees test)."""
    import tempfile

    scores = []
    for k in range(folds):
        trainer = pycrfsuite.Trainer(algorithm=params.get("algorithm", "lbfgs"), verbose=False)
        for i, (x, y) in enumerate(data):
            if i % folds != k:
                trainer.append(x, y)
        for x, y in extra or []:
            trainer.append(x, y)
        trainer.set_params({k: v for k, v in params.items() if k != "algorithm"})
        with tempfile.NamedTemporaryFile(suffix=".crfsuite") as tmp:
            trainer.train(tmp.name)
            tagger = pycrfsuite.Tagger()
            tagger.open(tmp.name)
            held = [(x, y) for i, (x, y) in enumerate(data) if i % folds == k]
            scores.append(span_f1([y for _, y in held], [tagger.tag(x) for x, _ in held]))
    return sum(scores) / len(scores)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--tdmsci", default=None, help="TDMSci folder (default ../shared/eval/external/tdmsci)"
    )
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument(
        "--algorithm", default="lbfgs", help="CRFsuite algorithm (lbfgs, ap, pa, arow, l2sgd)"
    )
    ap.add_argument("--out", default=str(REPO / "kg" / "data" / MODEL_FILE))
    ap.add_argument("--scierc", default=None, help="also train on SciERC train.json (Task, Metric)")
    ap.add_argument(
        "--self-train",
        type=int,
        default=1500,
        help="pseudo-label this many NLP-venue abstracts of the shared corpus (0: off)",
    )
    ap.add_argument("--min-confidence", type=float, default=0.9)
    ap.add_argument("--cv", type=int, default=0, help="only report K-fold CV span F1 on train")
    args = ap.parse_args()
    nlp = build_nlp(with_tagger=True)
    sentences = train_sentences(args.tdmsci)
    data = []
    for s in sentences:
        doc = sentence_doc(nlp, s)
        data.append((features(doc, list(range(1, len(doc)))), labels_of(doc, s)))
    params = {"max_iterations": args.iterations, "feature.possible_transitions": True}
    if args.algorithm == "lbfgs":
        params.update(c1=args.c1, c2=args.c2)
    extra = scierc_examples(nlp, Path(args.scierc)) if args.scierc else []
    params["algorithm"] = args.algorithm
    if args.cv:
        score = cross_validate(data, args.cv, params, extra)
        print(f"{args.cv}-fold CV span F1 on TDMSci train: {score:.4f}")
        return
    trainer = pycrfsuite.Trainer(algorithm=args.algorithm, verbose=False)
    for x, y in [*data, *extra]:
        trainer.append(x, y)
    trainer.set_params({k: v for k, v in params.items() if k != "algorithm"})
    trainer.train(args.out)
    print(f"trained on {len(sentences)} TDMSci train sentences -> {args.out}")


if __name__ == "__main__":
    main()
