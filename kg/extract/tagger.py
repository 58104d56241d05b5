"""A linear-chain CRF (Lafferty et al. 2001, via CRFsuite) over tokens for TASK / DATASET /
METRIC spans, stacked on the rule components.

Each token's features are its own shape and affixes, its neighbours' words and shapes, the
BIO tags the rule components (gazetteer, task phrases, name shapes) gave it and its neighbours,
and the tags of a lexicon of the spans annotated in the training data (longest match; see
:func:`build_lexicon`). The model and its lexicon are trained by ``scripts/train_tagger.py`` on
the TDMSci *train* split only and ship in the package (``kg/data/tdm_tagger.crfsuite``,
``kg/data/tdm_lexicon.json.gz``); nothing is downloaded at run time.

Example::

    >>> token_shape("ImageNet-1K")
    'XxXx-dX'
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Mention, doc_text, resolve_overlaps
from kg.paths import data_file

MODEL_FILE = "tdm_tagger.crfsuite"
LEXICON_FILE = "tdm_lexicon.json.gz"
LEXICON_MAX_WORDS = 7
Lexicon = dict[tuple[str, ...], tuple[str, str]]  # lower-cased words -> (label, "hi" | "lo")
LABELS = {"TASK": "task", "DATASET": "dataset", "METRIC": "metric"}


def token_shape(word: str) -> str:
    """Character classes with runs collapsed: "BLEU-4" -> "X-d", "ImageNet" -> "XxXx"."""
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1", s)


def rule_tags(doc: Doc, tokens: list[int]) -> list[str]:
    """BIO tags from the rule mentions, per (non-space) token index in ``tokens``."""
    tags = ["O"] * len(tokens)
    starts = {doc[t].idx: k for k, t in enumerate(tokens)}
    ends = {doc[t].idx + len(doc[t]): k for k, t in enumerate(tokens)}
    for m in resolve_overlaps(list(doc._.mentions)):
        a, b = starts.get(m.start), ends.get(m.end)
        if a is None or b is None:
            continue
        tags[a] = "B-" + m.kind
        for k in range(a + 1, b + 1):
            tags[k] = "I-" + m.kind
    return tags


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(task-name words, dataset-name words, ordinary lower-case words) from the gazetteer."""
    from kg import gazetteer

    gaz = gazetteer.load()
    task_words = {w for t in gaz["tasks"] for w in t.lower().split()}
    ds_words = {w for d in gaz["datasets"] for w in d["name"].split()}
    return frozenset(task_words), frozenset(ds_words), frozenset(gaz.get("common_words", []))


@lru_cache(maxsize=1)
def _clusters() -> dict[str, list[int]]:
    """Distributional word clusters (scripts/build_clusters.py), word -> [c64, c256, c1024]."""
    f = data_file("word_clusters.json.gz")
    if not f.is_file():
        return {}
    with f.open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()))


def build_lexicon(
    examples: Iterable[tuple[list[str], list[str]]], min_ratio: float = 0.3
) -> Lexicon:
    """Spans annotated in ``examples`` (words, BIO labels), lower-cased, with their majority
    label; kept when at least ``min_ratio`` of the phrase's occurrences are annotated, and
    marked "hi" when at least 70% are."""
    annotated: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    data = [([w.lower() for w in words], labels) for words, labels in examples]
    for lows, labels in data:
        for a, b, label in bio_spans(labels):
            if b - a <= LEXICON_MAX_WORDS:
                annotated[tuple(lows[a:b])][label] += 1
    seen: Counter[tuple[str, ...]] = Counter()
    for lows, _ in data:
        for i in range(len(lows)):
            for n in range(1, min(LEXICON_MAX_WORDS, len(lows) - i) + 1):
                phrase = tuple(lows[i : i + n])
                if phrase in annotated:
                    seen[phrase] += 1
    lexicon: Lexicon = {}
    for phrase, counts in annotated.items():
        label, k = counts.most_common(1)[0]
        ratio = k / max(seen[phrase], k)
        if ratio >= min_ratio:
            lexicon[phrase] = (label, "hi" if ratio >= 0.7 else "lo")
    return lexicon


def lexicon_tags(lows: list[str], lexicon: Lexicon) -> list[str | None]:
    """Greedy longest-match tags ("B-TASK|hi", "I-TASK|hi", ...) of ``lexicon`` over ``lows``."""
    tags: list[str | None] = [None] * len(lows)
    i = 0
    while i < len(lows):
        for n in range(min(LEXICON_MAX_WORDS, len(lows) - i), 0, -1):
            hit = lexicon.get(tuple(lows[i : i + n]))
            if hit:
                label, quality = hit
                tags[i] = f"B-{label}|{quality}"
                for k in range(i + 1, i + n):
                    tags[k] = f"I-{label}|{quality}"
                i += n
                break
        else:
            i += 1
    return tags


def save_lexicon(lexicon: Lexicon, path: str | Path) -> None:
    rows = sorted([" ".join(k), *v] for k, v in lexicon.items())
    raw = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
    Path(path).write_bytes(gzip.compress(raw, mtime=0))


@lru_cache(maxsize=1)
def packaged_lexicon() -> Lexicon:
    f = data_file(LEXICON_FILE)
    if not f.is_file():
        return {}
    rows = json.loads(gzip.decompress(f.read_bytes()))
    return {tuple(phrase.split(" ")): (label, quality) for phrase, label, quality in rows}


def features(doc: Doc, tokens: list[int], lexicon: Lexicon | None = None) -> list[list[str]]:
    """CRFsuite feature strings for each token of ``tokens`` (indices into ``doc``), with
    ``lexicon`` tags (default: the packaged lexicon)."""
    task_words, ds_words, common = _lexicons()
    clusters = _clusters()
    words = [doc[t].text for t in tokens]
    lows = [w.lower() for w in words]
    cl = [clusters.get(w) for w in lows]
    shapes = [token_shape(w) for w in words]
    rtags = rule_tags(doc, tokens)
    ltags = lexicon_tags(lows, packaged_lexicon() if lexicon is None else lexicon)
    n = len(tokens)
    out = []
    for i in range(n):
        w, low = words[i], lows[i]
        f = [
            "b",
            "w=" + low,
            "s=" + shapes[i],
            "p3=" + low[:3],
            "x3=" + low[-3:],
            "x2=" + low[-2:],
            "r=" + rtags[i],
        ]
        if w.isupper() and len(w) > 1:
            f.append("upper")
        if w[:1].isupper():
            f.append("title")
        if any(c.isdigit() for c in w):
            f.append("digit")
        f.append("p4=" + low[:4])
        f.append("x4=" + low[-4:])
        if low in task_words:
            f.append("taskword")
        if w in ds_words:
            f.append("dsword")
        if low in common:
            f.append("common")
        for d in (-1, 0, 1):
            j = i + d
            c = cl[j] if 0 <= j < n else None
            if c:
                f.extend((f"c64{d}={c[0]}", f"c256{d}={c[1]}", f"c1k{d}={c[2]}"))
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}=" + lows[j])
                f.append(f"s{d}=" + shapes[j])
                f.append(f"r{d}=" + rtags[j])
            else:
                f.append(f"w{d}=<pad>")
        if i > 0:
            f.append("w-1|w=" + lows[i - 1] + "|" + low)
        if i + 1 < n:
            f.append("w|w+1=" + low + "|" + lows[i + 1])
        for d in (-1, 0, 1):
            j = i + d
            if 0 <= j < n and ltags[j]:
                f.append(f"lx{d}=" + str(ltags[j]))
        if ltags[i]:
            f.append("lx=" + str(ltags[i]).split("|")[0])
        out.append(f)
    return out


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token exclusive, label) spans from BIO labels."""
    spans = []
    start, label = None, None
    for i, tag in enumerate([*labels, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != label):
            if start is not None and label is not None:
                spans.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


@lru_cache(maxsize=1)
def _model_path() -> str | None:
    f = data_file(MODEL_FILE)
    return str(f) if f.is_file() else None


class CRFTagger:
    """Component ``kg_tagger``: adds the CRF's spans as mentions (extractor ``kg_tagger``)."""

    def __init__(self, nlp: Language, name: str = "kg_tagger") -> None:
        import pycrfsuite

        self.name = name
        self.tagger = pycrfsuite.Tagger()
        path = _model_path()
        self.ready = path is not None
        if path:
            self.tagger.open(path)

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            return doc
        tokens = [t.i for t in doc if not t.is_space]
        if not tokens:
            return doc
        labels = self.tagger.tag(features(doc, tokens))
        text = doc_text(doc)
        for a, b, label in bio_spans(labels):
            start = doc[tokens[a]].idx
            last = doc[tokens[b - 1]]
            end = last.idx + len(last)
            kind = LABELS.get(label)
            if kind:
                doc._.mentions.append(Mention(start, end, text[start:end], kind, self.name, 0.6))
        return doc


@Language.factory("kg_tagger")
def make_tagger(nlp: Language, name: str) -> CRFTagger:
    return CRFTagger(nlp, name)
