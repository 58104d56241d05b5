#!/usr/bin/env python3
"""Distributional word clusters from the shared corpus, for the CRF tagger's features.

    python scripts/build_clusters.py [--shared ../shared]

Counts left and right neighbours of the 30,000 most frequent lower-cased words over the
38,521 abstracts (unlabelled text), weights the counts by positive PMI, reduces them with a
randomized SVD (Halko et al. 2011) to 100 dimensions and clusters the unit vectors with
k-means at three granularities (64, 256, 1024). Writes kg/data/word_clusters.json.gz:
{word: [c64, c256, c1024]}. Deterministic for a fixed --seed. No labelled data is used.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*|\d+(?:\.\d+)?|[^\sa-z\d]", re.I)


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> np.ndarray:
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        # cosine similarity (rows are unit vectors)
        labels = np.argmax(x @ centers.T, axis=1)
        for c in range(k):
            members = x[labels == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) + 1e-9)
    return labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--vocab", type=int, default=30000)
    ap.add_argument("--contexts", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(REPO / "kg/data/word_clusters.json.gz"))
    args = ap.parse_args()

    docs = []
    with gzip.open(
        Path(args.shared) / "data/paperlists_abstracts.jsonl.gz", "rt", encoding="utf-8"
    ) as fh:
        for line in fh:
            d = json.loads(line)
            docs.append(
                [t.lower() for t in TOKEN.findall(f"{d['title']} . {d.get('abstract') or ''}")]
            )
    freq = Counter(t for doc in docs for t in doc)
    vocab = [w for w, _ in freq.most_common(args.vocab)]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[: args.contexts])}
    m = np.zeros((len(vocab), 2 * len(ctx)), dtype=np.float64)
    for doc in docs:
        ids = [index.get(t, -1) for t in doc]
        cids = [ctx.get(t, -1) for t in doc]
        for i in range(1, len(doc) - 1):
            w = ids[i]
            if w < 0:
                continue
            if cids[i - 1] >= 0:
                m[w, cids[i - 1]] += 1
            if cids[i + 1] >= 0:
                m[w, len(ctx) + cids[i + 1]] += 1
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw @ pc))
    ppmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0)
    rng = np.random.default_rng(args.seed)
    # Randomized SVD: project, orthonormalise, decompose the small matrix.
    omega = rng.standard_normal((ppmi.shape[1], 150))
    q, _ = np.linalg.qr(ppmi @ omega)
    _, s, vt = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vec = ppmi @ vt[:100].T
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    levels = [kmeans(vec, k, rng) for k in (64, 256, 1024)]
    clusters = {w: [int(lv[i]) for lv in levels] for w, i in index.items()}
    raw = json.dumps(clusters, sort_keys=True, separators=(",", ":")).encode()
    Path(args.out).write_bytes(gzip.compress(raw, mtime=0))
    print(f"{len(clusters)} words -> {args.out}")


if __name__ == "__main__":
    main()
