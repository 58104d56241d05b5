#!/usr/bin/env python3
"""Paired cross-validation of TDMSci tagger variants (an experiment tool; ships nothing).

    python scripts/tagger_variants.py cache DIR [--window 3] [--rule-phrases] [--folds 0,1]
    python scripts/tagger_variants.py spans DIR [VARIANT ...] [--alt DIR2] [--folds 0,1]

``cache`` trains, for each block fold of scripts/train_tagger.py's ``--cv 5``, the CRFs that
the recipe trains there (the outer CRF and the span stage's five inner jackknife CRFs, all
with self-training) and stores them in DIR with the sentences' features and Viterbi labels
(``f{k}.pkl``: a pickle this tool wrote itself; load no other). CRF-level variants are options
of this step: ``--window`` (sentences of neighbour context, default 2) and ``--rule-phrases``
(the rule components' phrases in the neighbouring sentences, matched longest-first, as
"nbrp=B-task" features: Krishnan & Manning 2006 style); ``--seed`` picks other corpus
abstracts for self-training. A cache takes about 25 minutes.

``spans`` then runs the span stage over a cache, as train_tagger.py does (candidates from the
inner CRFs train the classifier, its threshold comes from a jackknife over them, the outer
CRF's candidates are scored), for each VARIANT, in seconds per fold. Variants add span
features (joined with "+"): ``bigr`` first / last word pairs and the two words either side,
``head`` cluster and suffix of the last word, ``rank`` rank and share among overlapping
candidates, ``nbv`` whether the neighbouring sentences' Viterbi spans hold the phrase,
``conj2`` the marginal bin joined with every other binary feature, ``ens`` the span marginal
of a second cache's CRF (``--alt``); a trailing ``+pl`` picks one threshold per label.
``base`` is the shipped recipe: on a cache with the defaults it reproduces ``--cv 5``.

The results of the runs are in scripts/train_tagger.py's docstring.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_tagger as tt  # noqa: E402

from kg.extract import tagger as tg  # noqa: E402
from kg.tdmsci import bio_spans  # noqa: E402

K = 5
PARAMS: dict[str, object] = {
    "c1": 0.05,
    "c2": 1.0,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.possible_states": True,
}


# ---- cache: the CRFs of each fold -------------------------------------------------------


def _rule_phrases(doc) -> tg.Lexicon:  # type: ignore[no-untyped-def]
    """The rule components' phrases of a doc, shaped as a lexicon for :func:`tg.lexicon_tags`."""
    toks = [t for t in doc if not t.is_space]
    tags = tg.rule_tags(doc, [t.i for t in toks])
    lows = [t.lower_ for t in toks]
    return {tuple(lows[a:b]): (kind, "nb") for a, b, kind in bio_spans(tags)}


def set_contexts(docs: list, window: int, rule_phrases: bool) -> None:  # type: ignore[type-arg]
    """tg.set_contexts, and with ``rule_phrases`` the rule phrases of each doc's neighbours."""
    tg.set_contexts(docs, window)
    if rule_phrases:
        own = [_rule_phrases(d) for d in docs]
        for i, d in enumerate(docs):
            near: tg.Lexicon = {}
            for j in range(max(0, i - window), min(len(docs), i + window + 1)):
                if j != i:
                    near.update(own[j])
            d.user_data["nbrp"] = near


def features_with_rule_phrases(doc, tokens, lexicon=None, context=None):  # type: ignore[no-untyped-def]
    """tg.features plus the neighbours' rule phrases, matched longest-first ("nbrp=B-task")."""
    out = tg.features(doc, tokens, lexicon, context)
    near = doc.user_data.get("nbrp")
    if near:
        tags = tg.lexicon_tags([doc[t].lower_ for t in tokens], near)
        for f, tag in zip(out, tags, strict=True):
            if tag:
                f.append("nbrp=" + tag.split("|")[0])
    return out


def cache(out: Path, window: int, rule_phrases: bool, folds: list[int], seed: int = 1) -> None:
    if rule_phrases:
        tt.features = features_with_rule_phrases  # featurize() calls it by this name
    out.mkdir(parents=True, exist_ok=True)
    nlp = tt.build_nlp(with_tagger=True)
    examples = []
    for s in tt.train_sentences(None):
        doc = tt.rule_doc(nlp, s.text)
        examples.append((doc, tt.labels_of(doc, s)))
    unlabelled = tt.corpus_docs(nlp, 1800, seed)
    set_contexts([d for d, _ in examples], window, rule_phrases)
    set_contexts(unlabelled, window, rule_phrases)
    n = len(examples)
    for k in folds:
        train_idx = [i for i in range(n) if tt.group(i, n, K) != k]
        train = [examples[i] for i in train_idx]
        lexicon = tt.build_lexicon((tt.words(d), y) for d, y in train)
        data = tt.jackknife(train)
        outer = str(out / f"f{k}_outer.crf")
        tt.train_model(data, unlabelled, lexicon, outer, PARAMS, 0.9)
        lexicons = tt.jackknife_lexicons(train, K)
        inner = []
        for j in range(K):
            path = str(out / f"f{k}_inner{j}.crf")
            rest = [e for i, e in enumerate(data) if tt.group(i, len(data), K) != j]
            tt.train_model(rest, unlabelled, lexicons[j], path, PARAMS, 0.9)
            inner.append(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(outer)
        held = []
        for i in range(n):
            if tt.group(i, n, K) == k:
                d, y = examples[i]
                x = tt.featurize(d, lexicon)
                held.append((i, tt.words(d), x, tagger.tag(x), y, None))
        taggers = []
        for path in inner:
            t = pycrfsuite.Tagger()
            t.open(path)
            taggers.append(t)
        rows = []
        for pos, i in enumerate(train_idx):
            j = tt.group(pos, len(data), K)
            x = data[pos][0]
            rows.append((i, tt.words(examples[i][0]), x, taggers[j].tag(x), examples[i][1], j))
        state = {"held": held, "train": rows, "lexicon": lexicon, "lexicons": lexicons}
        state |= {"outer": outer, "inner": inner}
        with (out / f"f{k}.pkl").open("wb") as fh:
            pickle.dump(state, fh)
        print(f"fold {k} cached", flush=True)


# ---- spans: the span stage over a cache -------------------------------------------------

Feats = dict[str, float]
Extra = Callable[..., None]  # (words, span, feats, prob, candidates, neighbours) -> None


def _bigr(words, span, f, prob, cands, nb):  # type: ignore[no-untyped-def]
    a, b, label = span
    low = [w.lower() for w in words]
    n, lab = len(low), label[0]
    if b - a >= 2:
        f[f"{lab}|fb={low[a]}_{low[a + 1]}"] = 1.0
        f[f"{lab}|lb={low[b - 2]}_{low[b - 1]}"] = 1.0
    before = (low[a - 2] if a > 1 else "<s>") + "_" + (low[a - 1] if a > 0 else "<s>")
    after = (low[b] if b < n else "</s>") + "_" + (low[b + 1] if b + 1 < n else "</s>")
    f[f"{lab}|b2={before}"] = f[f"{lab}|a2={after}"] = 1.0


def _head(words, span, f, prob, cands, nb):  # type: ignore[no-untyped-def]
    a, b, label = span
    last = words[b - 1].lower()
    c = tg.word_clusters().get(last)
    if c:
        f[f"{label[0]}|cl64={c[0]}"] = f[f"{label[0]}|cl1k={c[2]}"] = 1.0
    f[f"{label[0]}|lx3={last[-3:]}"] = 1.0


def _rank(words, span, f, prob, cands, nb):  # type: ignore[no-untyped-def]
    a, b, label = span
    better = [p for s, p in cands.items() if s[0] < b and a < s[1] and s != span and p > prob]
    rank = f"rk={min(len(better), 3)}"
    f[rank] = f[f"{label[0]}|{rank}"] = 1.0
    f["ratio"] = f[f"{label[0]}|ratio"] = prob / max(prob + max(better, default=0.0), 1e-9)


def _nbv(words, span, f, prob, cands, nb):  # type: ignore[no-untyped-def]
    a, b, label = span
    phrase = " ".join(w.lower() for w in words[a:b])
    for p, pl in nb:
        if p == phrase:
            tag = "same" if pl == label else "other"
        elif f" {phrase} " in f" {p} ":
            tag = "sub"
        elif f" {p} " in f" {phrase} ":
            tag = "sup"
        else:
            continue
        f["nbv=" + tag] = f[f"{label[0]}|nbv={tag}"] = 1.0


def _conj2(words, span, f, prob, cands, nb):  # type: ignore[no-untyped-def]
    lab, pbin = span[2][0], "pbin=" + tg._bin(prob)
    skip = ("w=", "first=", "last=", "before=", "after=", "c", "T|", "D|", "M|", "pbin")
    for k in [k for k, v in f.items() if v == 1.0 and not k.startswith(skip)]:
        f[f"{lab}|{pbin}|{k}"] = 1.0


EXTRAS: dict[str, Extra] = {
    "bigr": _bigr,
    "head": _head,
    "rank": _rank,
    "nbv": _nbv,
    "conj2": _conj2,
}
Row = tuple  # (index, words, x, viterbi, gold labels, inner group or None)
Item = tuple[int, tg.Span, Feats, bool]


def _weights(path: str) -> tg.CRFWeights:
    t = pycrfsuite.Tagger()
    t.open(path)
    return tg.CRFWeights(t)


def _neighbour_spans(rows: list[Row], window: int = 2) -> dict[int, set[tuple[str, str]]]:
    pred = {
        r[0]: {(" ".join(w.lower() for w in r[1][a:b]), lab) for a, b, lab in bio_spans(r[3])}
        for r in rows
    }
    return {
        i: set().union(*(pred.get(j, set()) for j in range(i - window, i + window + 1) if j != i))
        for i in pred
    }


def items_of(rows, weights_of, lexicon_of, extras, neighbours, alt=None) -> list[Item]:  # type: ignore[no-untyped-def]
    """The candidates of ``rows`` with their features (and the extras'); ``alt``: {index:
    (row, weights)} of a second CRF whose candidates join and whose span marginal is a
    feature."""
    out: list[Item] = []
    for row in rows:
        i, words, x, vit, y = row[:5]
        key = row[5] if len(row) > 5 else None
        if not x:
            continue
        w = weights_of(key)
        sm = tg.SpanMarginals(w.emissions(x), w.trans)
        spans = bio_spans(vit)
        cands = sm.candidates(spans, tg.SPAN_MIN_PROB)
        tables = {lab: sm.span_table(lab) for lab in tg.SPAN_TYPES}
        alt_tables = None
        if alt is not None:
            row, aw = alt[i]
            sm2 = tg.SpanMarginals(aw.emissions(row[2]), aw.trans)
            alt_tables = {lab: sm2.span_table(lab) for lab in tg.SPAN_TYPES}
            for s in sm2.candidates(bio_spans(row[3]), tg.SPAN_MIN_PROB):
                if s not in cands:
                    cands[s] = _marginal(tables, s)
        vset, rules, gold = set(spans), tg.rule_spans(x), set(bio_spans(y))
        for span, p in cands.items():
            f = tg.span_features(words, sm, span, p, vset, lexicon_of(key), rules)
            if alt_tables is not None:
                q, lab = _marginal(alt_tables, span), span[2][0]
                f["p2"] = f[lab + "|p2"] = q
                f["pbin2=" + tg._bin(q)] = f[f"{lab}|pbin2={tg._bin(q)}"] = 1.0
                f["pavg"] = f[lab + "|pavg"] = (p + q) / 2
            for extra in extras:
                extra(words, span, f, p, cands, neighbours.get(i, set()))
            out.append((i, span, f, span in gold))
    return out


def _marginal(tables: dict[str, np.ndarray], span: tg.Span) -> float:
    a, b, label = span
    return float(np.exp(tables[label][a, b - a - 1])) if b - a <= tg.SPAN_MAX_WORDS else 0.0


def _decode(items: list[Item], scores: list[float], th: dict[str, float]) -> dict[int, set]:  # type: ignore[type-arg]
    by: dict[int, list[tuple[tg.Span, float]]] = {}
    for (i, span, _, _), p in zip(items, scores, strict=True):
        if p >= th[span[2]]:
            by.setdefault(i, []).append((span, p))
    return {i: set(tg.choose_spans(sc, 0.0)) for i, sc in by.items()}


def _counts(gold: dict[int, set], pred: dict[int, set]) -> tuple[int, int, int]:  # type: ignore[type-arg]
    tp = fp = fn = 0
    for i, g in gold.items():
        p = pred.get(i, set())
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    return tp, fp, fn


def spans(cache_dir: Path, variants: list[str], alt_dir: Path | None, folds: list[int]) -> None:
    total = {v: [0, 0, 0] for v in variants}
    for k in folds:
        with (cache_dir / f"f{k}.pkl").open("rb") as fh:
            d = pickle.load(fh)  # noqa: S301 - written by this tool's cache step
        inner = [_weights(p) for p in d["inner"]]
        outer = _weights(d["outer"])
        neighbours = _neighbour_spans(d["train"] + d["held"])
        alt_train = alt_held = None
        if any("ens" in v for v in variants):
            if alt_dir is None:
                raise SystemExit("variant ens needs --alt DIR (a second cache)")
            with (alt_dir / f"f{k}.pkl").open("rb") as fh:
                a = pickle.load(fh)  # noqa: S301 - written by this tool's cache step
            ai, ao = [_weights(p) for p in a["inner"]], _weights(a["outer"])
            alt_train = {r[0]: (r, ai[r[5]]) for r in a["train"]}
            alt_held = {r[0]: (r, ao) for r in a["held"]}
        order = {r[0]: pos for pos, r in enumerate(d["train"])}
        n_train = len(d["train"])
        gold_train = {r[0]: set(bio_spans(r[4])) for r in d["train"]}
        gold_held = {r[0]: set(bio_spans(r[4])) for r in d["held"]}
        for v in variants:
            names = v.split("+")
            extras = [EXTRAS[x] for x in names if x in EXTRAS]
            ens = "ens" in names
            train = items_of(
                d["train"],
                inner.__getitem__,
                d["lexicons"].__getitem__,
                extras,
                neighbours,
                alt_train if ens else None,
            )
            held = items_of(
                d["held"],
                {None: outer}.__getitem__,
                {None: d["lexicon"]}.__getitem__,
                extras,
                neighbours,
                alt_held if ens else None,
            )
            scores = [0.0] * len(train)
            for j in range(K):
                out_j = [q for q, it in enumerate(train) if tt.group(order[it[0]], n_train, K) == j]
                rest = [it for it in train if tt.group(order[it[0]], n_train, K) != j]
                for q, p in zip(
                    out_j, tt.span_scores(rest, [train[q] for q in out_j]), strict=True
                ):
                    scores[q] = p

            def f1(th: dict[str, float]) -> float:
                return tt.f1_of(*_counts(gold_train, _decode(train, scores, th)))  # noqa: B023

            t = max(
                tt.SPAN_THRESHOLDS,
                key=lambda t: (f1(dict.fromkeys(tg.SPAN_TYPES, t)), -abs(t - 0.35)),
            )
            th = dict.fromkeys(tg.SPAN_TYPES, t)
            if "pl" in names:
                for _ in range(2):
                    for lab in tg.SPAN_TYPES:
                        th[lab] = max(
                            tt.SPAN_THRESHOLDS,
                            key=lambda t: (f1({**th, lab: t}), -abs(t - th[lab])),  # noqa: B023
                        )
            counts = _counts(gold_held, _decode(held, tt.span_scores(train, held), th))
            total[v] = [x + y for x, y in zip(total[v], counts, strict=True)]
            print(f"fold {k} {v}: {tt.f1_of(*counts):.4f} thresholds {th}", flush=True)
    for v in variants:
        print(f"{v}: {tt.f1_of(*total[v]):.4f} over folds {folds}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="step", required=True)
    c = sub.add_parser("cache")
    c.add_argument("dir", type=Path)
    c.add_argument("--window", type=int, default=tg.CONTEXT_WINDOW)
    c.add_argument("--rule-phrases", action="store_true")
    c.add_argument("--folds", default="0,1,2,3,4")
    c.add_argument("--seed", type=int, default=1, help="which corpus abstracts self-train")
    s = sub.add_parser("spans")
    s.add_argument("dir", type=Path)
    s.add_argument("variants", nargs="*", default=["base"])
    s.add_argument("--alt", type=Path)
    s.add_argument("--folds", default="0,1,2,3,4")
    args = ap.parse_args()
    folds = [int(f) for f in args.folds.split(",")]
    if args.step == "cache":
        cache(args.dir, args.window, args.rule_phrases, folds, args.seed)
    else:
        spans(args.dir, args.variants, args.alt, folds)


if __name__ == "__main__":
    main()
