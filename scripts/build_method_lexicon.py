#!/usr/bin/env python3
"""Build kg/data/method_lexicon.json.gz: established method names mined from unlabelled abstracts.

Usage:  python scripts/build_method_lexicon.py [--shared ../shared] [--out kg/data/method_lexicon.json.gz]

Established names are often lower-case or generic-looking ("principal component analysis",
"Gibbs sampling", "extended Kalman filter"), so the name-shape rules of kg.extract.names miss
them. Three corpus signals say that a phrase is one established name, not a description:

A. Acronym definitions. A long form defined with the same kind of acronym ("multilayer
   perceptron (MLP)") in at least ``MIN_ACRONYM_PAPERS`` different abstracts is a term of art.
B. Eponyms. A phrase whose modifiers hold a proper noun (a word the corpus writes capitalised
   mid-sentence at least 80% of the time: Kalman, Gibbs, Gaussian, Dirichlet) before a method
   head, in at least ``MIN_EPONYM_PAPERS`` abstracts ("Kalman filter", "Gibbs sampling").
C. Eponymous compounds. A hyphenated word of proper nouns ("Levenberg-Marquardt",
   "Frank-Wolfe") that is followed by a method head ("algorithm", "method", ...) in at least
   30% of its uses and appears in at least ``MIN_COMPOUND_PAPERS`` abstracts.

Every candidate must end in a method head (network, algorithm, filter, sampling, regression,
kernel, transform, analysis, descent, ...; C needs none) and is dropped when it is a family or
paradigm the guidelines exclude (large language models, CNNs, GANs, reinforcement learning:
kg.extract.names.classify_by_long and GENERIC), a task (a Papers-with-Code task name, or a task
head such as "estimation"), or a general mathematical field ("convex optimization", "integer
programming"). A few names the annotation guidelines themselves list as methods (SEED_NAMES)
are added, and a few textbook learners no signal finds (CLASSIC_NAMES: "decision trees", "naive
Bayes"). Singular and plural forms of the head are both listed.

E. Model series (a separate key, matched case-sensitively): a capitalised word the corpus
   writes right before a release number or size ("Llama 2", "Llama-3-8B", "Claude 3",
   "Mistral 7B", "Mixtral 8x7B") in at least ``MIN_SERIES_PAPERS`` abstracts and in at least
   ``MIN_SERIES_SHARE`` of its capitalised uses, written capitalised mid-sentence (at least
   ``MIN_SERIES_USES`` uses, ``PROPER_SHARE`` of them); not the first word of a listed dataset
   ("Cifar", "Wikitext") nor a month or licence (``SERIES_DENY``). kg.extract.names reads such
   a word, with or without its release, as a model name.

F. Defined acronyms (a separate key, whatever the head): every long form that at least
   ``MIN_DEFINED_PAPERS`` abstracts define with the same acronym ("EM": "expectation
   maximization", "CRF": "conditional random field"). kg.extract.contributions reads such an
   acronym, where the paper gives it no other long form, as one it uses, not one it proposes.

Output (gzip JSON, keys sorted, deterministic for the same corpus):
    {"methods": ["Gibbs sampling", ...], "counts": {"gibbs sampling": 89, ...},
     "acronyms": {"SGD": "stochastic gradient descent", ...}, "series": ["Claude", ...],
     "defined": {"EM": ["expectation maximization", ...], ...}}
``counts`` is the number of abstracts holding the phrase (for later thresholds / review).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract.abbreviations import find_long_form, is_short_form  # noqa: E402
from kg.extract.names import GENERIC, classify_by_long  # noqa: E402
from kg.extract.words import STOP, verb_words  # noqa: E402
from kg.names import name_key  # noqa: E402

# Heads whose plural is no one method ("Detection Transformers" are a family).
NO_PLURAL = {"squares", "analysis", "carlo", "transformer", "clustering", "search"}
MIN_ACRONYM_PAPERS = 3
MIN_DEFINED_PAPERS = 5
MIN_EPONYM_PAPERS = 3
MIN_COMPOUND_PAPERS = 4
MIN_TERM_PAPERS = 8
MIN_VARIANT_PAPERS = 4
MIN_SERIES_PAPERS = 3
MIN_SERIES_SHARE = 0.25
MIN_SERIES_USES = 5
# E. No modifier variants of model families, and no variants by these modifiers.
NO_VARIANT_HEADS = {"transformer"}
NO_VARIANT_MODIFIERS = {
    "pretrained",
    "pre-trained",
    "state-of-the-art",
    "vanilla",
    "pure",
    "large",
    "small",
    "large-scale",
    "baseline",
    "end-to-end",
    "unified",
    "lightweight",
    "multiple",
    "various",
    "like",
    "through",
    "between",
    "without",
    "deep",
    "improved",
}
MIN_TERM_NAME_USES = 2
PROPER_SHARE = 0.8  # share of mid-sentence uses written capitalised
MIN_PROPER_USES = 10
MIN_COMPOUND_PART_USES = 3  # parts of a Capitalised-Capitalised compound: rare names count
# Words after an eponymous compound that say it names a method ("Bradley-Terry model").
COMPOUND_NEXT = {"method", "update", "model", "scheme", "routine", "loss"}

# Heads of method names (singular). "model", "method", "process", "field", "unit" etc. are too
# often generic ("the learning process", "receptive field", "action unit"): they only count
# from acronym definitions with a Title-Case long form ("Hidden Markov Model (HMM)").
METHOD_HEADS = {
    "network",
    "net",
    "machine",
    "algorithm",
    "filter",
    "sampling",
    "sampler",
    "regression",
    "kernel",
    "transform",
    "analysis",
    "descent",
    "propagation",
    "autoencoder",
    "perceptron",
    "transformer",
    "estimator",
    "carlo",
    "squares",
    "factorization",
    "decomposition",
    "embedding",
    "allocation",
    "iteration",
    "pursuit",
    "regularization",
    "normalization",
    "clustering",
    "classifier",
    "forest",
    "boosting",
    "annealing",
    "prompting",
    "minimization",
    "search",
    "suppression",
    "gradient",
    "neighbor",
    "neighbour",
}
# D. Heads of lower-case terms of art ("kernel trick", "self-attention", "kernel PCA",
# "structured SVM", "particle filter"): a modifier word and one of these heads.
TERM_HEADS = {
    "gradient",  # "policy gradient", "natural gradient", "conjugate gradient"
    "propagation",  # "label propagation", "back-propagation"
    "connection",  # "skip connections", "residual connections"
    "cut",  # "normalized cut"
    "attention",
    "trick",
    "pca",
    "svm",
    "gan",
    "vae",
    "lstm",
    "filter",
    "autoencoder",
    "regression",
    "sampling",
    "clustering",
    "convolution",
}
# Words before a term that say it is used or named as one method ("using the kernel trick").
NAME_CUES = {
    "using",
    "with",
    "via",
    "apply",
    "applies",
    "applying",
    "applied",
    "adopt",
    "adopts",
    "adopted",
    "employ",
    "employs",
    "employed",
    "use",
    "uses",
    "used",
    "like",
    "as",
    "than",
    "including",
    "exploit",
    "exploits",
    "leverage",
    "leverages",
    "leveraging",
    "utilize",
    "utilizes",
    "on",
}
# Modifiers that describe rather than name: scope, judgement, data, place ("visual attention",
# "much attention", "image compression").
DESCRIPTIVE_MODIFIERS = {
    "unsupervised",  # a setting, not a name: "unsupervised clustering"
    "interesting",  # "an interesting connection"
    "vanishing",  # a problem: "vanishing gradients"
    "true",
    "full",
    "noisy",
    "online",
    "oriented",  # "histograms of oriented gradients": a fragment
    "reduced",
    "accelerated",  # "accelerated gradient descent": a fragment
    "regular",
    "multi-view",
    "more",
    "much",
    "less",
    "little",
    "increasing",
    "increased",
    "considerable",
    "significant",
    "great",
    "growing",
    "widespread",
    "limited",
    "research",
    "human",
    "visual",
    "spatial",
    "temporal",
    "spatio-temporal",
    "channel",
    "global",
    "local",
    "hierarchical",
    "learned",
    "different",
    "multiple",
    "recent",
    "hard",
    "selective",
    "neural",
    "semantic",
    "contextual",
    "hybrid",
    "dual",
    "graph",
    "pay",
    "attracted",
    "gained",
    "received",
    "draw",
    "drawn",
    "training",
    "pre-trained",
    "pretrained",
    "deep",
    "linear",
    "nonlinear",
    "non-linear",
    "random",
    "uniform",
    "posterior",
    "efficient",
    "adaptive",
    "active",
    "data",
    "dense",
    "sparse",
    "weighted",
    "stochastic",
    "direct",
    "box",
    "pose",
    "image",
    "video",
    "convolutional",
    "dynamic",
    "state-of-the-art",
    "sub",
    "down",
    "up",
    "re",
    "non-uniform",
    "uncertainty",
    "negative",
    "randomly",
    "nonparametric",
    "regularized",
    "multivariate",
    "component",
    "process",
    "squares",
    "least-squares",
    "mixed",
    "cross-modal",
    "multi-modal",
    "multimodal",
    "correlation",
    "special",
    "careful",
    "particular",
    "close",
    "guided",
}
WEAK_HEADS = {"model", "process", "field", "unit", "optimization", "method", "tree", "memory"}
# Heads of general mathematical fields and tools (eval/README.md, "Model classes").
FIELD_PHRASES = re.compile(
    r"\b(?:convex|non-?convex|combinatorial|stochastic|global|constrained|online|discrete|"
    r"continuous|integer|linear|quadratic|semidefinite|dynamic|mathematical)\s+"
    r"(?:optimization|programming)$|^(?:local|global|exhaustive|grid|random|visual|image|"
    r"policy|architecture|neural architecture)\s+search$|"
    r"^(?:gradient|steepest)\s+(?:descent|ascent)$|^lipschitz\s+(?:continuous\s+)?gradient$|"  # a property
    r"\b(?:bayesian|fourier|theoretical|empirical|statistical|data|error|convergence|sentiment|qualitative|"
    r"quantitative|comprehensive|detailed|further|image|video|correlation|regression|"
    r"sensitivity|complexity|risk|formal|semantic|spectral|topological data)\s+analysis$",
    re.I,
)
# Modifiers that make a phrase a description, not a name.
GENERIC_MODIFIERS = {
    "the",
    "a",
    "an",
    "our",
    "new",
    "novel",
    "proposed",
    "existing",
    "standard",
    "simple",
    "efficient",
    "effective",
    "first",
    "second",
    "two",
    "three",
    "several",
    "different",
    "other",
    "such",
    "this",
    "that",
    "each",
    "same",
    "single",
    "learning",
    "based",
    "previous",
    "prior",
    "current",
    "recent",
    "general",
    "original",
    "resulting",
    "generic",
    "classical",
    "classic",
    "traditional",
    "conventional",
    "popular",
    "modern",
    "fast",
    "scalable",
    "robust",
    "approximate",
    "exact",
    "optimal",
    "iterative",
}
TASK_HEADS = re.compile(
    r"(?:detection|segmentation|recognition|classification|processing|translation|estimation|"
    r"retrieval|answering|understanding|summarization|captioning|generation|prediction|"
    r"tracking|synthesis|reconstruction|completion|localization|forecasting)$",
    re.I,
)
# Names the annotation guidelines (GUIDELINES.md Addendum, eval/README.md item 6) list as
# methods though no shape rule finds them.
SEED_NAMES = [
    "Transformer",
    "k-means",
    "Chain-of-Thought",
    "Dropout",
    "Nested Dropout",
    "Co-teaching",
    "modern Hopfield networks",
    "masked language modeling",
    "Mixture-of-Experts",
]
# Textbook learners whose heads no corpus signal above reads as a method's ("tree", "Bayes",
# "boosting"), in both numbers. Not "linear regression": abstracts mostly study it as a
# problem ("convergence in linear regression"). Not "boosting" or "bagging" alone: families.
# Not "memory network": older abstracts use it for any network that stores patterns ("an
# associative memory network").
CLASSIC_NAMES = [
    ("decision tree", "decision trees"),
    ("naive Bayes", "naive Bayes"),
    ("gradient boosting", "gradient boosting"),
]

# Reviewed entries that are usually no method in an abstract: concepts, tasks, services.
# A word before a number that is no model: dates ("July 4") and licences ("Apache 2.0").
SERIES_DENY = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "apache",
}
# "Llama 2", "Llama-3-8B", "Mistral 7B": a capitalised word and a release number or size.
_SERIES = re.compile(
    r"(?<![\w-])([A-Z][a-z]+)[ -](?:\d{1,2}(?:\.\d+)?|(?:\d+x)?\d+(?:\.\d+)?[BM])"
    r"(?![\w.%]|\.\d)"
)
_CAPITALISED = re.compile(r"(?<![\w-])([A-Z][a-z]+)(?!\w)")
DENY = {
    "light field",
    "light fields",
    "turing machine",
    "turing machines",
    "google search",
    "google searches",
    "key point analysis",
    "policy optimization",
    "policy optimizations",
    "johnson-lindenstrauss",  # a lemma
    "johnson\u2013lindenstrauss",
    "nearest neighbor search",
    "maximum inner product search",
    # how every network is trained: the gold never lists it
    "back-propagation",
    "error back-propagation",
    "gradient back-propagation",
    # what a network has or suffers, not a method
    "error propagation",
    "error propagations",
    "lateral connection",
    "lateral connections",
    "feedback connection",
    "feedback connections",
    "recurrent connection",
    "recurrent connections",
}
# Words keep inner hyphens and en dashes ("self-attention", "Bradley\u2013Terry").
_WORD = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*(?:\u2013[A-Za-z0-9][A-Za-z0-9'\u2019-]*)*|[^\sA-Za-z0-9]"
)
_DASH = re.compile("[-\u2013]")
_PAREN = re.compile(r"\(([^()]{1,12})\)")
# An eponym is written "Kalman" / "Levenberg-Marquardt": not an acronym ("SVM") nor CamelCase
# ("ImageNet"), which name a model or dataset that the name-shape rules find anyway.
_EPONYM = re.compile(r"^[A-Z][a-z\u00e0-\u00ff]+(?:[-\u2013][A-Z][a-z\u00e0-\u00ff]+)*$")
# Adjectives made from names ("Bayesian", "Gaussian", "Euclidean") often only describe
# ("a Bayesian algorithm"): phrases led by one need MIN_ADJECTIVAL_PAPERS abstracts.
_ADJECTIVAL = re.compile(r"^[A-Z][a-z]+(?:ian|ean)$")
MIN_ADJECTIVAL_PAPERS = 10
FUNCTION_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "in",
    "on",
    "for",
    "to",
    "with",
    "by",
    "from",
    "as",
    "at",
    "into",
    "via",
    "using",
    "use",
    "than",
    "that",
    "this",
    "these",
    "those",
    "is",
    "are",
    "be",
    "we",
    "our",
    "its",
    "their",
    "train",
    "design",
    "version",
    "bounds",
    "variance",
    "sampling",
    "arise",
    "both",
    "structure",
}


def read_abstracts(corpus: Path) -> Iterator[str]:
    """Title + abstract text of every corpus row."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield (row.get("title") or "") + ". " + (row.get("abstract") or "")


def singular(word: str) -> str:
    """ "networks" -> "network", "processes" -> "process", "squares" stays."""
    low = word.lower()
    if low in ("squares", "analysis", "carlo"):
        return word
    if low.endswith(("sses", "xes")):
        return word[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return word[:-1]
    return word


def inflections(phrase: str) -> list[str]:
    """The phrase with its head in singular and plural: "particle filter(s)"."""
    *mods, head = phrase.split(" ")
    sing = singular(head)
    plural_heads = METHOD_HEADS | TERM_HEADS | {"process", "model", "field", "tree"}
    if sing.lower() not in plural_heads or sing.lower() in NO_PLURAL or not mods:
        return [phrase]
    if sing.lower() in {"sampling", "boosting", "annealing", "prompting", "attention"}:
        return [" ".join([*mods, sing])]
    plural = sing + ("es" if sing.lower().endswith(("ss", "x", "ch")) else "s")
    return [" ".join([*mods, sing]), " ".join([*mods, plural])]


def is_excluded(phrase: str, tasks: set[str]) -> bool:
    """Families, paradigms, tasks and general fields never become lexicon methods."""
    low = phrase.lower()
    words = low.split()
    if classify_by_long(phrase) is not None or low in tasks or TASK_HEADS.search(low):
        return True
    if FIELD_PHRASES.search(low) or low in ("monte carlo", "monte-carlo"):
        return True  # bare "Monte Carlo" is a family of techniques
    return words[0] in GENERIC_MODIFIERS or any(w in ("learning", "based") for w in words)


def terms_at(toks: list[str], i: int) -> list[tuple[str, str, int]]:
    """Source D candidates ending at token i: (key, surface, index of first token).

    "self-attention" (one hyphenated word) and "kernel PCA" (lower-case modifier + head) both
    count; the key joins the modifier and the singular head with a space."""
    tok = toks[i]
    low = tok.lower()
    out = []
    parts = low.split("-")
    if len(parts) == 2 and parts[0].isalpha() and singular(parts[1]) in TERM_HEADS:
        out.append((f"{parts[0]} {singular(parts[1])}", tok, i))
    if singular(low) in TERM_HEADS and i > 0:
        mod = toks[i - 1]
        if (
            re.fullmatch(r"[a-z][a-z-]*[a-z]", mod)
            and mod not in FUNCTION_WORDS
            and mod not in GENERIC_MODIFIERS
            and mod not in DESCRIPTIVE_MODIFIERS
        ):
            out.append((f"{mod} {singular(low)}", f"{mod} {tok}", i - 1))
    return [c for c in out if c[0].split()[0] not in DESCRIPTIVE_MODIFIERS | GENERIC_MODIFIERS]


def named_at(toks: list[str], first: int, last: int) -> bool:
    """The term at toks[first..last] is used as a name here: a use cue before it (maybe over an
    article: "with the kernel trick") or an acronym after it ("kernel PCA (KPCA)")."""
    j = first - 1
    if j >= 0 and toks[j].lower() in ("the", "a", "an"):
        j -= 1
    if j >= 0 and toks[j].lower() in NAME_CUES:
        return True
    return (
        last + 2 < len(toks)
        and toks[last + 1] == "("
        and re.fullmatch(r"[A-Z][A-Za-z-]*[A-Z]s?", toks[last + 2]) is not None
    )


def variants(texts: list[str], names: dict[str, str]) -> dict[str, int]:
    """E. Modifier variants: an established name with one lower-case modifier before it that
    makes it a different, named technique ("loopy belief propagation", "restricted Boltzmann
    machine", "nonlinear independent component analysis"), in at least
    ``MIN_VARIANT_PAPERS`` abstracts. Function words, verbs, judgements and model-family
    names (transformers) are left out. Returns surface -> number of abstracts."""
    keys = sorted(
        (k for k in names if singular(k.split()[-1]) not in NO_VARIANT_HEADS), key=len, reverse=True
    )  # longest first, so the alternation prefers the longer name
    pattern = re.compile(r"\b([a-z][a-z-]*[a-z])\s+(" + "|".join(map(re.escape, keys)) + r")\b")
    skip = FUNCTION_WORDS | GENERIC_MODIFIERS | STOP | NO_VARIANT_MODIFIERS | verb_words()
    df: Counter[str] = Counter()
    for text in texts:
        found = {
            f"{mod} {names[key]}"
            for mod, key in pattern.findall(text.lower())
            if mod not in skip and not mod.endswith(("ly", "ing"))
        }
        df.update(found)
    return {surface: n for surface, n in df.items() if n >= MIN_VARIANT_PAPERS}


def model_series(
    texts: list[str], uses: Counter[str], cap: Counter[str], gaz: dict[str, list]
) -> list[str]:
    """Source E of the module docstring: model series names ("Llama", "Claude"). ``gaz``:
    the gazetteer's lists, whose dataset names are no series."""
    dataset_firsts = {
        v.split()[0].split("-")[0].lower()
        for d in gaz["datasets"]
        for v in [d["name"], *d["aliases"]]
        if v.strip()
    }
    before_release: Counter[str] = Counter()
    df: Counter[str] = Counter()
    for text in texts:
        found = [m.group(1) for m in _SERIES.finditer(text)]
        before_release.update(found)
        df.update(set(found))
    candidates = {w for w, n in df.items() if n >= MIN_SERIES_PAPERS}
    capitalised: Counter[str] = Counter()
    for text in texts:
        capitalised.update(w for w in _CAPITALISED.findall(text) if w in candidates)
    return sorted(
        w
        for w in candidates
        if before_release[w] >= MIN_SERIES_SHARE * capitalised[w]
        and uses[w.lower()] >= MIN_SERIES_USES
        and cap[w.lower()] >= PROPER_SHARE * uses[w.lower()]
        and w.lower() not in dataset_firsts | SERIES_DENY
    )


def build(corpus: Path, gazetteer: Path) -> dict[str, object]:
    texts = list(read_abstracts(corpus))
    gaz = json.loads(gzip.decompress(gazetteer.read_bytes()))
    tasks = {t.lower() for t in gaz["tasks"]}

    # Word case statistics (mid-sentence only) for proper-noun detection.
    cap, uses = Counter(), Counter()
    rare_cap, rare_uses = Counter(), Counter()
    for text in texts:
        prev = "."
        for w in _WORD.findall(text):
            if w[0].isalpha() and prev not in (".", "!", "?", ":"):
                uses[w.lower()] += 1
                cap[w.lower()] += w[0].isupper()
                if _DASH.search(w):  # parts of compounds ("Plackett" in "Plackett-Luce")
                    for part in _DASH.split(w):
                        if part[:1].isalpha():
                            rare_uses[part.lower()] += 1
                            rare_cap[part.lower()] += part[0].isupper()
            prev = w
    proper = {w for w, n in uses.items() if n >= MIN_PROPER_USES and cap[w] / n >= PROPER_SHARE}
    rare_uses.update(uses)
    rare_cap.update(cap)
    rare_proper = {
        w
        for w, n in rare_uses.items()
        if n >= MIN_COMPOUND_PART_USES and rare_cap[w] / n >= PROPER_SHARE
    }

    def is_proper(word: str) -> bool:
        parts = _DASH.split(word)
        return all(p.lower() in proper for p in parts if p)

    def is_proper_compound(word: str) -> bool:
        parts = _DASH.split(word)
        return all(p.lower() in rare_proper for p in parts if p)

    acr_df: Counter[str] = Counter()
    acr_surface: dict[str, Counter[str]] = defaultdict(Counter)
    acr_short: dict[str, Counter[str]] = defaultdict(Counter)
    phrase_df: Counter[str] = Counter()
    phrase_surface: dict[str, Counter[str]] = defaultdict(Counter)
    compound_uses: Counter[str] = Counter()
    compound_before_head: Counter[str] = Counter()
    compound_df: Counter[str] = Counter()
    compound_surface: dict[str, Counter[str]] = defaultdict(Counter)
    heads = METHOD_HEADS | {h + "s" for h in METHOD_HEADS} | {"processes", "searches"}
    term_df: Counter[str] = Counter()
    term_named: Counter[str] = Counter()
    term_surface: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        seen: set[tuple[str, str]] = set()
        # A. acronym definitions
        for m in _PAREN.finditer(text):
            short = m.group(1).strip()
            if not is_short_form(short):
                continue
            start = max(text.rfind(". ", 0, m.start()) + 1, m.start() - 150)
            before = text[start : m.start()]
            rel = find_long_form(short, before)
            if rel is None:
                continue
            long = before[rel:].strip()
            key = name_key(long)
            acr_surface[key][long] += 1
            acr_short[key][short] += 1
            if ("A", key) not in seen:
                seen.add(("A", key))
                acr_df[key] += 1
        # B. eponym phrases, C. eponymous compounds
        toks = _WORD.findall(text)
        for i, tok in enumerate(toks):
            low = tok.lower()
            if _DASH.search(tok[1:-1]) and _EPONYM.match(tok) and is_proper_compound(tok):
                compound_uses[low] += 1
                compound_surface[low][tok] += 1
                nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
                if singular(nxt) in METHOD_HEADS or singular(nxt) in COMPOUND_NEXT:
                    compound_before_head[low] += 1
                if ("C", low) not in seen:
                    seen.add(("C", low))
                    compound_df[low] += 1
            for key, surface, first in terms_at(toks, i):
                term_surface[key][surface] += 1
                if ("D", key) not in seen:
                    seen.add(("D", key))
                    term_df[key] += 1
                if ("DN", key) not in seen and named_at(toks, first, i):
                    seen.add(("DN", key))
                    term_named[key] += 1
            if low not in heads:
                continue
            for n in (1, 2, 3):
                if i - n < 0:
                    break
                mods = toks[i - n : i]
                if not all(w[0].isalnum() and w.lower() not in FUNCTION_WORDS for w in mods):
                    break
                if not any(_EPONYM.match(w) and is_proper(w) for w in mods):
                    continue
                phrase = " ".join([*mods, tok])
                key = phrase.lower()
                phrase_surface[key][phrase] += 1
                if ("B", key) not in seen:
                    seen.add(("B", key))
                    phrase_df[key] += 1

    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    acronyms: dict[str, str] = {}  # "SGD" -> "stochastic gradient descent"

    def add(surface: str, df: int) -> None:
        surface = " ".join(surface.split())
        if is_excluded(surface, tasks):
            return
        for form in inflections(surface):
            names.setdefault(form.lower(), form)
            counts[form.lower()] = max(counts.get(form.lower(), 0), df)

    for key, df in acr_df.items():
        if df < MIN_ACRONYM_PAPERS:
            continue
        surface = acr_surface[key].most_common(1)[0][0].strip("\"'\u201c\u201d")
        short = acr_short[key].most_common(1)[0][0]
        head = singular(surface.split()[-1]).lower()
        if short in GENERIC or short.rstrip("s") in GENERIC:
            continue
        title_case = all(w[:1].isupper() for w in surface.split())
        eponym = any(_EPONYM.match(w) and w.lower() in proper for w in surface.split()[:-1])
        if head in METHOD_HEADS or (
            head in WEAK_HEADS and (title_case or eponym) and head != "method"
        ):
            add(surface, df)
            acronyms[short] = " ".join(surface.split())  # kept if the long form is kept
    for key, df in phrase_df.items():
        if df < MIN_EPONYM_PAPERS:
            continue
        surface = phrase_surface[key].most_common(1)[0][0]
        mods = surface.split()[:-1]
        if any(_ADJECTIVAL.match(w) for w in mods) and not any(
            _EPONYM.match(w) and not _ADJECTIVAL.match(w) for w in mods
        ):
            if df < MIN_ADJECTIVAL_PAPERS:
                continue
        if singular(surface.split()[-1]).lower() in METHOD_HEADS:
            add(surface, df)
    for key, df in compound_df.items():
        if df >= MIN_COMPOUND_PAPERS and compound_before_head[key] / compound_uses[key] >= 0.3:
            surface = compound_surface[key].most_common(1)[0][0]
            add(surface, df)  # both dashes: "Bradley-Terry" and "Bradley\u2013Terry"
            add(_DASH.sub(lambda m: "\u2013" if m.group() == "-" else "-", surface), df)
    for key, df in term_df.items():
        if df >= MIN_TERM_PAPERS and term_named[key] >= MIN_TERM_NAME_USES:
            add(term_surface[key].most_common(1)[0][0], df)
    # A fragment of a longer candidate ("chain Monte Carlo", "Dirichlet Allocation") goes.
    for key in list(names):
        longer = [k for k in names if k.endswith(" " + key) and k.count(" ") == key.count(" ") + 1]
        if any(counts[k] >= 0.8 * counts[key] for k in longer):
            del names[key]
    for key in DENY:
        names.pop(key, None)
    for surface, df in variants(texts, names).items():
        add(surface, df)
    for seed in SEED_NAMES:  # singular only: "transformers" is a family
        names.setdefault(seed.lower(), seed)
    for forms in CLASSIC_NAMES:
        for form in forms:
            names.setdefault(form.lower(), form)
    defined: dict[str, list[str]] = defaultdict(list)
    for key, df in sorted(acr_df.items()):
        if df >= MIN_DEFINED_PAPERS:
            short = acr_short[key].most_common(1)[0][0]
            defined[short].append(" ".join(acr_surface[key].most_common(1)[0][0].split()))
    return {
        "defined": {short: sorted(longs) for short, longs in sorted(defined.items())},
        "series": model_series(texts, uses, cap, gaz),
        "methods": sorted(names.values(), key=str.lower),
        "counts": dict(sorted(counts.items())),
        "acronyms": {
            short: long for short, long in sorted(acronyms.items()) if long.lower() in names
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "kg" / "data" / "method_lexicon.json.gz")
    args = ap.parse_args()
    corpus = args.shared / "data" / "paperlists_abstracts.jsonl.gz"
    if not corpus.is_file():
        sys.exit(f"corpus not found: {corpus} (pass --shared DIR holding data/)")
    lexicon = build(corpus, REPO / "kg" / "data" / "gazetteer.json.gz")
    payload = json.dumps(lexicon, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, mtime=0))
    print(f"wrote {len(lexicon['methods'])} names to {args.out}")


if __name__ == "__main__":
    main()
