"""A linear-chain CRF (Lafferty et al. 2001, via CRFsuite) over tokens for TASK / DATASET /
METRIC spans, stacked on the rule components.

Each token's features are its own shape and affixes, its neighbours' words and shapes, the
BIO tags the rule components (gazetteer, task phrases, name shapes) gave it and its neighbours,
the tags of a lexicon of the spans annotated in the training data (longest match; see
:func:`build_lexicon`), and whether the two sentences before and after write the same word or
word pair (:func:`neighbour_contexts`). The model and its lexicon are trained by
``scripts/train_tagger.py`` on the TDMSci *train* split only and ship in the package
(``kg/data/tdm_tagger.crfsuite``, ``kg/data/tdm_lexicon.json.gz``); nothing is downloaded at
run time.

A span-level second stage picks the spans (:class:`SpanScorer`, when
``kg/data/tdm_spans.crfsuite`` ships): the CRF's exact span marginals (forward-backward over
its own weights, :class:`SpanMarginals`) propose candidate spans, the Viterbi spans and their
one-word extensions and shrinks join them, a maximum-entropy classifier (CRFsuite on
one-item sequences) scores each candidate from its words, its context, the CRF's scores, the
lexicon, the Papers-with-Code lists and the rule tags, and the non-overlapping candidates
scoring at least the shipped threshold win, best first.

Example::

    >>> token_shape("ImageNet-1K")
    'XxXx-dX'
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Mention, doc_text, resolve_overlaps
from kg.extract.words import STOP
from kg.paths import data_file
from kg.tdmsci import bio_spans

MODEL_FILE = "tdm_tagger.crfsuite"
LEXICON_FILE = "tdm_lexicon.json.gz"
SPAN_MODEL_FILE = "tdm_spans.crfsuite"
SPAN_CONFIG_FILE = "tdm_spans.json"
LEXICON_MAX_WORDS = 7
Lexicon = dict[tuple[str, ...], tuple[str, str]]  # lower-cased words -> (label, "hi" | "lo")
LABELS = {"TASK": "task", "DATASET": "dataset", "METRIC": "metric"}
# The words of neighbouring sentences (see :func:`neighbour_contexts`).
Context = tuple[frozenset[str], frozenset[tuple[str, str]]]
CONTEXT_KEY = "kg_tagger_context"  # Doc.user_data key of a sentence's Context
CONTEXT_WINDOW = 2


def _content(lows: Sequence[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """Content words (alphabetic, 3+ letters, no stop word) and the word pairs holding one."""
    uni = {w for w in lows if w.isalpha() and len(w) > 2 and w not in STOP}
    pairs = zip(lows, lows[1:], strict=False)
    return uni, {(a, b) for a, b in pairs if a in uni or b in uni}


def neighbour_contexts(
    sentences: Sequence[Sequence[str]], window: int = CONTEXT_WINDOW
) -> list[Context]:
    """For each sentence (its lower-cased words), the content words and word pairs of the
    ``window`` sentences before and after it, not its own. A paper names its task, data and
    measures more than once, so a phrase that a neighbour also writes is more likely one.

    >>> sorted(neighbour_contexts([["we", "parse"], ["parsing", "trees"]])[0][0])
    ['parsing', 'trees']
    """
    own = [_content(s) for s in sentences]
    out: list[Context] = []
    for i in range(len(sentences)):
        uni: set[str] = set()
        bi: set[tuple[str, str]] = set()
        for j in range(max(0, i - window), min(len(sentences), i + window + 1)):
            if j != i:
                uni |= own[j][0]
                bi |= own[j][1]
        out.append((frozenset(uni), frozenset(bi)))
    return out


def set_contexts(docs: Sequence[Doc], window: int = CONTEXT_WINDOW) -> None:
    """Store each doc's :func:`neighbour_contexts` (the docs being consecutive sentences) in
    its ``user_data``, where :func:`features` callers find it."""
    words = [[t.lower_ for t in doc if not t.is_space] for doc in docs]
    for doc, context in zip(docs, neighbour_contexts(words, window), strict=True):
        doc.user_data[CONTEXT_KEY] = context


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
def word_clusters() -> dict[str, list[int]]:
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


def features(
    doc: Doc, tokens: list[int], lexicon: Lexicon | None = None, context: Context | None = None
) -> list[list[str]]:
    """CRFsuite feature strings for each token of ``tokens`` (indices into ``doc``), with
    ``lexicon`` tags (default: the packaged lexicon) and, given the ``context`` of the
    neighbouring sentences, whether they write the token ("nb") and it with the word after
    ("nb2r" on it, "nb2l" on that word)."""
    task_words, ds_words, common = _lexicons()
    clusters = word_clusters()
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
    if context is not None:
        uni, bi = context
        for i, low in enumerate(lows):
            if low in uni:
                out[i].append("nb")
            if i + 1 < n and (low, lows[i + 1]) in bi:
                out[i].append("nb2r")
                out[i + 1].append("nb2l")
    return out


# ---- span-level second stage ----------------------------------------------------------

CRF_LABELS = ("O", "B-TASK", "I-TASK", "B-DATASET", "I-DATASET", "B-METRIC", "I-METRIC")
SPAN_TYPES = ("TASK", "DATASET", "METRIC")
SPAN_MAX_WORDS = 8
SPAN_MIN_PROB = 0.01  # candidates: spans whose CRF marginal is at least this
_LI = {label: i for i, label in enumerate(CRF_LABELS)}
_FUNCTION_WORDS = frozenset(
    "of for in on with to by from at as via and or the a an our this these its their we is are ,".split()
)
Span = tuple[int, int, str]  # first token, last token exclusive, label


def _lse(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return np.asarray((m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis))


class CRFWeights:
    """A trained CRF's state weights ({attribute: weight per label}) and transition matrix,
    in the order of :data:`CRF_LABELS`, read from the model's dump."""

    def __init__(self, tagger) -> None:  # type: ignore[no-untyped-def]
        info = tagger.info()
        self.state: dict[str, np.ndarray] = {}
        for (attr, label), w in info.state_features.items():
            v = self.state.get(attr)
            if v is None:
                v = self.state[attr] = np.zeros(len(CRF_LABELS))
            v[_LI[label]] = w
        self.trans = np.zeros((len(CRF_LABELS), len(CRF_LABELS)))
        for (a, b), w in info.transitions.items():
            self.trans[_LI[a], _LI[b]] = w

    def emissions(self, x: list[list[str]]) -> np.ndarray:
        e = np.zeros((len(x), len(CRF_LABELS)))
        for i, feats in enumerate(x):
            for f in feats:
                v = self.state.get(f)
                if v is not None:
                    e[i] += v
        return e


class SpanMarginals:
    """Forward-backward over one sequence's emission scores ``e`` (n x labels) and the
    transition matrix: token marginals and exact span marginals."""

    def __init__(self, e: np.ndarray, trans: np.ndarray) -> None:
        n = len(e)
        self.e, self.trans = e, trans
        la, lb = np.zeros_like(e), np.zeros_like(e)
        la[0] = e[0]
        for i in range(1, n):
            la[i] = e[i] + _lse(la[i - 1][:, None] + trans, 0)
        for i in range(n - 2, -1, -1):
            lb[i] = _lse(trans + (e[i + 1] + lb[i + 1])[None, :], 1)
        self.la, self.lb = la, lb
        self.logz = float(_lse(la[-1], 0))
        self.marg = np.exp(la + lb - self.logz)

    def span_table(self, label: str, max_len: int = SPAN_MAX_WORDS) -> np.ndarray:
        """``t[a, k]``: log P(tokens a .. a+k are exactly one ``label`` span: B- at a, I- after
        it, and the token after it not I-); -inf where the span would pass the end."""
        n = len(self.e)
        bi, ii = _LI["B-" + label], _LI["I-" + label]
        not_i = [k for k in range(len(CRF_LABELS)) if k != ii]
        tail = self.e[:, not_i] + self.lb[:, not_i]
        end_b = np.zeros(n + 1)
        end_i = np.zeros(n + 1)
        end_b[:n] = _lse(self.trans[bi, not_i][None, :] + tail, 1)
        end_i[:n] = _lse(self.trans[ii, not_i][None, :] + tail, 1)
        first = self.trans[bi, ii] + self.e[:, ii]
        cs = np.concatenate([[0.0], np.cumsum(self.trans[ii, ii] + self.e[:, ii])])
        t = np.full((n, max_len), -np.inf)
        for length in range(1, min(max_len, n) + 1):
            a = np.arange(0, n - length + 1)
            b = a + length
            s = self.la[a, bi].copy()
            if length == 1:
                s += end_b[b]
            else:
                s += first[a + 1] + (cs[b] - cs[a + 2]) + end_i[b]
            t[a, length - 1] = s - self.logz
        return t

    def candidates(
        self,
        viterbi: list[Span],
        min_prob: float = SPAN_MIN_PROB,
        max_len: int = SPAN_MAX_WORDS,
    ) -> dict[Span, float]:
        """{span: marginal} of the spans with marginal >= ``min_prob``, and of the ``viterbi``
        spans with each edge moved by up to one token."""
        n = len(self.e)
        tables = {label: self.span_table(label, max_len) for label in SPAN_TYPES}
        out: dict[Span, float] = {}
        for label, t in tables.items():
            starts, lens = np.nonzero(t >= np.log(min_prob))
            for a, k in zip(starts.tolist(), lens.tolist(), strict=True):
                out[(a, a + k + 1, label)] = float(np.exp(t[a, k]))
        for a, b, label in viterbi:
            if label not in tables:
                continue
            for a2 in (a - 1, a, a + 1):
                for b2 in (b - 1, b, b + 1):
                    if 0 <= a2 < b2 <= n and (a2, b2, label) not in out:
                        k = b2 - a2 - 1
                        out[(a2, b2, label)] = (
                            float(np.exp(tables[label][a2, k])) if k < max_len else 0.0
                        )
        return out


@lru_cache(maxsize=1)
def _pwc_names() -> dict[str, frozenset[str]]:
    """Lower-cased Papers-with-Code task, dataset (and alias), metric and method names."""
    from kg import gazetteer

    gaz = gazetteer.load()
    datasets = {v.lower() for d in gaz["datasets"] for v in [d["name"], *d.get("aliases", [])]}
    return {
        "TASK": frozenset(t.lower() for t in gaz["tasks"]),
        "DATASET": frozenset(datasets),
        "METRIC": frozenset(m.lower() for m in gaz["metrics"]),
        "METHOD": frozenset(m.lower() for m in gaz["methods"]),
    }


def _bin(p: float) -> str:
    for t in (0.9, 0.7, 0.5, 0.3, 0.15, 0.05, 0.02):
        if p >= t:
            return str(t)
    return "0"


def span_features(
    words: list[str],
    sm: SpanMarginals,
    span: Span,
    prob: float,
    viterbi: set[Span],
    lexicon: Lexicon,
    rules: dict[tuple[int, int], str],
) -> dict[str, float]:
    """Features of candidate ``span`` (CRF marginal ``prob``) of a sentence: its ``words``,
    the CRF's marginals ``sm`` and Viterbi spans, ``lexicon`` and the rule components' spans
    (:func:`rule_spans`). Each feature also comes conjoined with the span's label."""
    a, b, label = span
    n = len(words)
    lows = [w.lower() for w in words]
    inside = lows[a:b]
    lab = label[0]
    f: dict[str, float] = {"bias": 1.0, "t=" + lab: 1.0}

    def add(name: str, v: float = 1.0) -> None:
        f[name] = v
        f[lab + "|" + name] = v

    # the CRF's view
    add("lp", max(float(np.log(max(prob, 1e-6))), -14.0) / 14 + 1)
    add("p", prob)
    add("pbin=" + _bin(prob))
    m = sm.marg
    bi, ii = _LI["B-" + label], _LI["I-" + label]
    p_b = float(m[a, bi])
    p_in = [float(m[k, ii]) for k in range(a + 1, b)]
    add("pB", p_b)
    add("minI", min(p_in) if p_in else 1.0)
    add("pnext_notI", 1 - float(m[b, ii]) if b < n else 1.0)
    add(
        "ptok_prod", float(np.exp(np.log(max(p_b, 1e-9)) + sum(np.log(max(q, 1e-9)) for q in p_in)))
    )
    add("prev_inside", 1 - float(m[a - 1, 0]) if a > 0 else 0.0)
    if span in viterbi:
        add("vit")
    else:
        rel = "none"
        for va, vb, vl in sorted(viterbi):
            if va < b and a < vb:
                same = "=" if vl == label else "x"
                rel = f"ov{same}|{max(-2, min(2, a - va))}|{max(-2, min(2, b - vb))}"
                break
        add("vrel=" + rel)
    # words and shapes
    add("len=" + str(min(b - a, 6)))
    add("first=" + inside[0])
    add("last=" + inside[-1])
    add("before=" + (lows[a - 1] if a > 0 else "<s>"))
    add("after=" + (lows[b] if b < n else "</s>"))
    add("fshape=" + token_shape(words[a]))
    add("lshape=" + token_shape(words[b - 1]))
    add("bshape=" + (token_shape(words[a - 1]) if a > 0 else "<s>"))
    add("ashape=" + (token_shape(words[b]) if b < n else "</s>"))
    for w in sorted(set(inside)):  # a fixed order: training is then reproducible
        add("w=" + w)
    clusters = word_clusters()
    for name, k in (("cf", a), ("cl", b - 1), ("cb", a - 1), ("ca", b)):
        c = clusters.get(lows[k]) if 0 <= k < n else None
        if c:
            add(f"{name}256={c[1]}")
    # punctuation
    if inside.count("(") != inside.count(")"):
        add("unbalanced")
    if inside[0] in _FUNCTION_WORDS:
        add("first_func")
    if inside[-1] in _FUNCTION_WORDS:
        add("last_func")
    if "," in inside:
        add("comma")
    if "and" in inside or "or" in inside:
        add("conj")
    if b < n and lows[b] == "(":
        add("paren_after")
    if inside[-1] == ")":
        add("ends_paren")
    # lexicons
    hit = lexicon.get(tuple(inside))
    if hit:
        add("lex=" + ("same" if hit[0] == label else "other") + hit[1])
    else:
        k = len(inside)
        if any(
            tuple(inside[i:j]) in lexicon
            for i in range(k)
            for j in range(i + 1, k + 1)
            if (i, j) != (0, k)
        ):
            add("lex_sub")
        if any(
            (da or db) and a - da >= 0 and b + db <= n and tuple(lows[a - da : b + db]) in lexicon
            for da in range(3)
            for db in range(3)
        ):
            add("lex_sup")
    phrase = " ".join(inside)
    for kind, names in _pwc_names().items():
        if phrase in names:
            add("pwc=" + kind)
    r = rules.get((a, b))
    if r:
        add("rule=" + r)
    elif any(ra < b and a < rb for ra, rb in rules):
        add("rule_overlap")
    return f


def rule_spans(x: list[list[str]]) -> dict[tuple[int, int], str]:
    """The rule components' spans, read back from the CRF features' ``r=`` tags."""
    tags = [next((a[2:] for a in feats if a.startswith("r=")), "O") for feats in x]
    return {(a, b): label for a, b, label in bio_spans(tags)}


def span_items(
    words: list[str],
    x: list[list[str]],
    viterbi: list[str],
    weights: CRFWeights,
    lexicon: Lexicon,
    min_prob: float = SPAN_MIN_PROB,
) -> list[tuple[Span, dict[str, float]]]:
    """The candidate spans of one sentence (CRF features ``x``, its Viterbi labels) with
    their features."""
    if len(words) != len(x):
        raise ValueError(f"{len(words)} words but {len(x)} feature lists")
    if not x:
        return []
    sm = SpanMarginals(weights.emissions(x), weights.trans)
    vit = bio_spans(viterbi)
    cands = sm.candidates(vit, min_prob)
    vset, rules = set(vit), rule_spans(x)
    return [
        (span, span_features(words, sm, span, p, vset, lexicon, rules)) for span, p in cands.items()
    ]


def choose_spans(scored: list[tuple[Span, float]], threshold: float) -> list[Span]:
    """Non-overlapping spans scoring at least ``threshold``, best first."""
    used: set[int] = set()
    out = []
    for span, p in sorted(scored, key=lambda t: (-t[1], t[0])):
        if p < threshold or used.intersection(range(span[0], span[1])):
            continue
        used.update(range(span[0], span[1]))
        out.append(span)
    return sorted(out)


class SpanScorer:
    """The span classifier: P(candidate is a gold span), from a CRFsuite model trained on
    one-item sequences labelled "Y" / "N"."""

    def __init__(self, path: str, threshold: float) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(path)
        self.threshold = threshold

    def scores(self, feats: list[dict[str, float]]) -> list[float]:
        out = []
        for f in feats:
            self.tagger.set([f])
            out.append(self.tagger.marginal("Y", 0))
        return out

    def spans(self, items: list[tuple[Span, dict[str, float]]]) -> list[Span]:
        ps = self.scores([f for _, f in items])
        return choose_spans([(s, p) for (s, _), p in zip(items, ps, strict=True)], self.threshold)


@lru_cache(maxsize=1)
def _model_path() -> str | None:
    f = data_file(MODEL_FILE)
    return str(f) if f.is_file() else None


@lru_cache(maxsize=1)
def _span_model() -> tuple[str, dict[str, float]] | None:
    f, c = data_file(SPAN_MODEL_FILE), data_file(SPAN_CONFIG_FILE)
    if not (f.is_file() and c.is_file()):
        return None
    return str(f), json.loads(c.read_text())


class CRFTagger:
    """Component ``kg_tagger``: adds the CRF's spans as mentions (extractor ``kg_tagger``),
    chosen by the span classifier where it ships, else the CRF's Viterbi spans."""

    def __init__(self, nlp: Language, name: str = "kg_tagger") -> None:
        import pycrfsuite

        self.name = name
        self.tagger = pycrfsuite.Tagger()
        path = _model_path()
        self.ready = path is not None
        if path:
            self.tagger.open(path)
        self.scorer: SpanScorer | None = None
        self._weights: CRFWeights | None = None
        span_model = _span_model() if path else None
        if span_model:
            self.scorer = SpanScorer(span_model[0], float(span_model[1]["threshold"]))

    @property
    def weights(self) -> CRFWeights:
        if self._weights is None:
            self._weights = CRFWeights(self.tagger)
        return self._weights

    def spans(self, words: list[str], x: list[list[str]]) -> list[Span]:
        labels = self.tagger.tag(x)
        if self.scorer is None:
            return bio_spans(labels)
        items = span_items(words, x, labels, self.weights, packaged_lexicon())
        return self.scorer.spans(items)

    def __call__(self, doc: Doc) -> Doc:
        """Tag the doc as one sentence if it carries its neighbours' context (``user_data``,
        :func:`set_contexts`: as :func:`kg.extract.spans.tag_sentences` does), else sentence
        by sentence, each with the context of the doc's other sentences."""
        if not self.ready:
            return doc
        context = doc.user_data.get(CONTEXT_KEY)
        if context is not None:
            groups = [[t.i for t in doc if not t.is_space]]
            contexts = [context]
        else:
            groups = [
                [t.i for t in doc.char_span(s, e, alignment_mode="expand") or [] if not t.is_space]
                for s, e in doc._.sentences
            ]
            groups = [g for g in groups if g]
            contexts = neighbour_contexts([[doc[t].lower_ for t in g] for g in groups])
        text = doc_text(doc)
        for tokens, ctx in zip(groups, contexts, strict=True):
            if not tokens:
                continue
            x = features(doc, tokens, context=ctx)
            for a, b, label in self.spans([doc[t].text for t in tokens], x):
                start = doc[tokens[a]].idx
                last = doc[tokens[b - 1]]
                end = last.idx + len(last)
                kind = LABELS.get(label)
                if kind:
                    m = Mention(start, end, text[start:end], kind, self.name, 0.6)
                    doc._.mentions.append(m)
        return doc


@Language.factory("kg_tagger")
def make_tagger(nlp: Language, name: str) -> CRFTagger:
    return CRFTagger(nlp, name)
