"""Datasets, tasks, metrics and known methods from the Papers-with-Code lists, and the dataset
and metric phrases around them (component ``kg_gazetteer``).

* List hits: a spaCy ``PhraseMatcher`` on lower-cased tokens finds every listed name (datasets
  with their aliases, metrics, tasks, methods), never inside a hyphenated or slashed compound;
  a task name also matches with a hyphen or a space in its compounds ("skeleton-based" /
  "skeleton based", "few-shot" / "few shot"), and a dataset name also with a space for a
  hyphen next to a name-like part ("Fashion MNIST", "Kinetics 400"), where every word of the
  hit is capitalised or a number.
  Shape filters keep what an expert would: a dataset or method hit needs a capital or a digit,
  and one that is an ordinary English word ("Places", "Wild"), or ordinary words capitalised
  by a title or a sentence start, stays only as a dataset with a cue word after it ("dataset",
  "benchmark", ...); acronym and symbol metrics must match in case ("AUC", not "auc") and are
  dropped before a noun they modify ("MR images"), and an ordinary word is a metric only if
  it is one of a few ("accuracy", "recall" but not the verb); a task name that is generic,
  one ordinary word, or ends in a plural or "model" ("point clouds") is dropped.
* Named collections (abstract only): capitalised words before "Dataset", "Benchmark",
  "Corpus", "Treebank" or "data set" ("Adobe Matting Dataset") are datasets; ordinary words
  before a lower-case cue only after "the" ("the Object Discovery dataset").
* Listed datasets (``kg_gazetteer.listed``, abstract only): names written in one list with a
  dataset hit ("on CIFAR-10, Stanford Cars and Tiny-ImageNet"), but not a name after a comma
  that a verb follows ("On MMLU, UL2 20B outperforms ...": the clause's subject).
* Dataset hits extend over a following version, release, year or split ("SQuAD v1.1",
  "CERT r4.2", "COCO 2014"),
  and overlapping hits are joined ("MS COCO" + "COCO 2014" -> "MS COCO 2014").
* Metric phrases (``kg_metrics``): the lower-case measures of
  :func:`kg.extract.metrics.metric_phrases` ("average inference cost"), except an abstract
  phrase with capitalised inner words (part of a name); and ranking measures at a cut-off
  (``kg_metrics.at_k``: "RP@5", "NDCG@10", "pass@1") whose measure is a known one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kg import gazetteer
from kg.extract.doc import Mention, doc_lower, doc_text
from kg.extract.metrics import metric_phrases
from kg.extract.words import PLURAL_NOUN, STOP, verb_words

DATASET_CUES = {
    "dataset",
    "datasets",
    "benchmark",
    "benchmarks",
    "corpus",
    "corpora",
    "suite",
    "challenge",
    "database",
    "collection",
    "testbed",
    "leaderboard",
    "splits",
    "split",
    # the guidelines count taxonomies as data ("the ESCO taxonomy")
    "taxonomy",
    "taxonomies",
}
# Task names that are too generic to mean a task on their own.
_GENERIC_TASKS = {
    "all",
    "model",
    "models",
    "data",
    "learning",
    "training",
    "time",
    "language",
    "image",
    "video",
    "text",
    "graph",
    "network",
    "networks",
    "memory",
    "attention",
    "inference",
    "optimization",
    "performance",
    "generalization",
    "robustness",
    "reasoning",
    "search",
    "planning",
    "control",
    "prediction",
    "representation",
    "representation learning",
    "decision making",
    "deep learning",
    "machine learning",
    "computer vision",
    "natural language processing",
    "benchmarking",
    "evaluation",
    "experiments",
    "architecture",
    "efficiency",
    "interpretability",
    "fairness",
    "privacy",
    "safety",
    "scalability",
    "generation",
    "fine-tuning",
    "pre-training",
    "transfer",
    "adaptation",
    "alignment",
    "retrieval",
    "ranking",
    "clustering",
    "regression",
    "classification",
    "recognition",
    "detection",
    "segmentation",
    "tracking",
    "translation",
    "summarization",
    "compression",
    "sampling",
    "quantization",
    "pruning",
    "distillation",
    "augmentation",
    "explanation",
    "misinformation",
    "general knowledge",
    "2d",
    "3d",
    "music",
    "speech",
    "audio",
    "code",
    "math",
    "art",
    "games",
    "physics",
    "chemistry",
    "biology",
    "medical",
    "healthcare",
    "finance",
    "robotics",
    "autonomous driving",
    "recommendation",
    # List entries that name a kind of knowledge, a modality, a thing or a setting, which
    # running text writes as such ("the 3D geometry of objects", "EEG data", "world
    # knowledge", "a multiple-choice format", "the graph attention mechanism").
    "3d geometry",
    "multiple-choice",
    "world knowledge",
    "common sense",
    "graph attention",
    "deep attention",
    "eeg",
    "electroencephalogram",
    "electromyography",
    "electrocardiography",
    "computed tomography",
    "mixed reality",
    "ai agent",
    "miscellaneous",
    "holdout set",
    "sand",
    "rhythm",
    "caricature",
    "human aging",
    "humanitarian",
}
# A field of study (Papers-with-Code lists MMLU's subjects as tasks: "Philosophy", "Anatomy")
# or a resolution ("4K") is no task.
_NOT_A_TASK = re.compile(r"[a-z]+(?:ology|onomy|ophy|ics)|\d+k", re.I)


# Ordinary words that are metrics when written alone.
COMMON_METRIC_WORDS = {
    "accuracy",
    "precision",
    "recall",
    "perplexity",
    "latency",
    "throughput",
    "sensitivity",
    "specificity",
    "purity",
    "fps",
}


_AFTER_VERB_RECALL = {"the", "a", "an", "past", "their", "its", "that", "how", "what", "prior"}
# Nouns a metric acronym may head ("BLEU scores", "F1 points"); any other lower-case word
# after an acronym shows the acronym is a modifier ("MR images").
_METRIC_NOUNS = {
    "score",
    "scores",
    "value",
    "values",
    "metric",
    "metrics",
    "points",
    "point",
    "improvement",
    "improvements",
    "gain",
    "gains",
    "drop",
    "increase",
    "reduction",
    "margin",
    "measure",
    "performance",
    "results",
    "result",
    "loss",
    "evaluation",
}


def _modifies(word: str) -> bool:
    """A lower-case content word after an acronym makes the acronym its modifier."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word not in _METRIC_NOUNS
        and word not in STOP
        and word not in verb_words()
    )


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words the corpus writes mostly in lower case (scripts/build_gazetteers.py)."""
    return frozenset(gazetteer.load().get("common_words", []))


@lru_cache(maxsize=1)
def gazetteer_names() -> frozenset[str]:
    """Dataset names and aliases as written (case kept), for shape-based lookups."""
    gaz = gazetteer.load()
    return frozenset(v for d in gaz["datasets"] for v in [d["name"], *d["aliases"]])


def _sentence_initial(span) -> bool:  # type: ignore[no-untyped-def]
    """The span starts a sentence (after a newline or a sentence end)."""
    i = span.start - 1
    while i >= 0 and span.doc[i].is_space:
        if "\n" in span.doc[i].text:
            return True  # the abstract's first word, after the title
        i -= 1
    return i < 0 or span.doc[i].text in (".", "!", "?", ":")


# A ranking measure at a cut-off: "RP@5", "NDCG@10", "pass@1", "Recall@20", "mAP@0.5".
_AT_K = re.compile(r"(?<![\w@.])([A-Za-z][A-Za-z\-]{0,11})@(\d{1,4}(?:\.\d{1,2})?)(?![\w@]|\.\d)")
_AT_K_MEASURES = frozenset(
    "p r rp hr ndcg dcg mrr map ap recall precision hit hits acc accuracy f1 pass success sr "
    "top r-precision".split()
)
# A version, release year or split written after a dataset name: "SQuAD v1.1", "COCO 2014",
# "SQuAD 2.0", "ImageNet ILSVRC-2012", "CERT r4.2".
_DATASET_VERSION = re.compile(
    r" (?:[vV]\d+(?:\.\d+)*|[rR]\d+\.\d+|\d+\.\d+|(?:19|20)\d\d|[A-Z]{2,}[A-Za-z]*-(?:19|20)\d\d)"
    r"(?![\w%]|\.\d| ?(?:%|x\b|\u00d7))"
)
# Prepositions after a capitalised sentence-initial word: "Inspired by ...", not a dataset.
_PREP_AFTER = {"by", "to", "with", "from", "on", "in", "of", "for", "at", "upon"}
# Capitalised words before a dataset cue: "Adobe Matting Dataset", "the Adobe Matting dataset".
# (The look-ahead for the capital lets the search skip other positions fast.)
_NAMED_COLLECTION = re.compile(
    # (inner words may open with a digit: "SYSU 3D Human-Object Interaction dataset")
    r"(?=[A-Z])\b((?:[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\s)(?:(?:[A-Z]|\d+[A-Z])[A-Za-z0-9]*"
    r"(?:-[A-Za-z0-9]+)*\s){0,2}[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Z][A-Za-z0-9]*"
    r"(?:-[A-Za-z0-9]+)*)"
    r"\s(Dataset|Benchmark|Corpus|Treebank|dataset|benchmark|corpus|treebank|data\sset)\b"
)
_NAME_GOES_ON = re.compile(r"[A-Z][\w\-]* (?:and|of|for|on|in|to|&) $")
_CAPITAL_BEFORE = re.compile(r"(?:[A-Z][\w\-!]*\s|/)$")
_CAPITAL_AFTER = re.compile(r"\s[A-Z][a-z]")
_NOT_NAME_START = STOP | {"experiments", "results", "evaluation", "extensive", "finally", "here"}


# A name in a list with a known dataset ("on CIFAR-10, Stanford Cars and Tiny-ImageNet"):
# capitalised words (up to four; "IU X-Ray") or a word with inner capitals or digits
# ("nuScenes").
_LISTED_NAME = (
    r"(?:[A-Z][\w\-+.']*[\w+]|[a-z]+[A-Z][\w\-+]*|[A-Z])"
    r"(?:\s(?:[A-Z][a-z][a-z\-]*|[A-Z]-[A-Z][a-z]+|\d[\w\-]*(?:\.[\w\-]+)*|v\d\w*(?:\.\w+)*)){0,3}"
)
_LIST_SEP = r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)(?:the\s+)?"
# A bracketed result after a listed name: "Market1501 (95.42%), DukeMTMC (88.64%)".
_SCORE_BRACKET = r"(?:\s*\([^()]{0,40}\d[^()]{0,40}\))?"
_NEXT_IN_LIST = re.compile(_SCORE_BRACKET + _LIST_SEP + "(" + _LISTED_NAME + r")(?![\w\-])")
_PREV_IN_LIST = re.compile(r"(?<![\w\-.])(" + _LISTED_NAME + ")" + _SCORE_BRACKET + _LIST_SEP + "$")
_NOT_LISTED = STOP | {"table", "fig", "figure", "section", "experiments", "results", "code"}


# A verb right after a name makes it the clause's subject: "On 0-shot MMLU, UL2 20B outperforms
# T0" lists no dataset "UL2 20B".
SUBJECT_VERB = re.compile(
    r"\s+(?:outperforms|achieves|obtains|surpasses|reaches|beats|attains|yields|improves|"
    r"performs|shows|is|was|remains)\b"
)


def _listed_name_ok(name: str, text: str, start: int) -> bool:
    """A listed name that is no ordinary capitalised word, model family or sentence start."""
    from kg.extract.names import MODEL_FAMILIES  # names imports this module

    words = name.split()
    if words[0].lower() in _NOT_LISTED or MODEL_FAMILIES.match(name) or len(name) < 3:
        return False
    shaped = any(any(c.isdigit() for c in w) or any(c.isupper() for c in w[1:]) for w in words)
    if not shaped and (len(words) < 2 or all(w.lower() in common_words() for w in words)):
        return False  # "Places", "Social Media": ordinary words
    if text[start - 2 : start] == ", " and SUBJECT_VERB.match(text, start + len(name)):
        return False
    return not (start > 1 and text[start - 2 : start] in (". ", ": "))


def listed_datasets(
    text: str, spans: list[tuple[int, int]], title_end: int
) -> list[tuple[int, int]]:
    """Names written in one list with a dataset hit: ``listed_datasets("on COCO and
    Foo-10K.", [(3, 7)], 0)`` gives the span of "Foo-10K"."""
    found: list[tuple[int, int]] = []
    taken = set(spans)

    def add(span: tuple[int, int]) -> None:
        # Not over two known names ("Pascal VOC Cityscapes and ADE20K", where the commas were
        # lost, must not give "VOC Cityscapes"); over one is fine ("NTU RGB+D 60").
        if span not in taken and sum(a < span[1] and span[0] < b for a, b in spans) < 2:
            found.append(span)
            taken.add(span)

    for s0, e0 in sorted(spans):
        if s0 < title_end:
            continue
        e = e0
        while (m := _NEXT_IN_LIST.match(text, e)) and _listed_name_ok(m.group(1), text, m.start(1)):
            add(m.span(1))
            e = m.end(1)
        s = s0
        while (m := _PREV_IN_LIST.search(text, max(title_end, s - 60), s)) and _listed_name_ok(
            m.group(1), text, m.start(1)
        ):
            add(m.span(1))
            s = m.start(1)
    return found


# A lower-case cue word ending a name ("the ShapeNet dataset", "Waymo Open data set").
_LOWER_CUE_END = re.compile(
    r"\s+(?:dataset|datasets|benchmark|benchmarks|corpus|data set|data sets)$"
)


def merge_datasets(mentions: list[Mention], text: str) -> list[Mention]:
    """Extend dataset hits over a following version (:data:`_DATASET_VERSION`) and join hits
    that overlap ("MS COCO" + "COCO 2014" -> "MS COCO 2014"), leaving out a lower-case cue
    one of them ends in ("SYSU 3D Human-Object Interaction" + "Interaction dataset")."""
    out: list[Mention] = []  # the parts stay: a later filter may drop the longer form
    unions: list[Mention] = []
    cut: list[tuple[int, int]] = []  # unions whose lower-case cue was left out
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        v = _DATASET_VERSION.match(text, m.end)
        if v:
            m.end = v.end()
            m.text = text[m.start : m.end]
        out.append(m)
        if unions and m.start < unions[-1].end:
            if m.end > unions[-1].end:
                end = m.end
                cue = _LOWER_CUE_END.search(text, unions[-1].end, end)
                if cue:  # "... Interaction" + "Interaction dataset": the cue is no name
                    end = cue.start()
                    cut.append((unions[-1].start, end))
                unions[-1] = replace(unions[-1], end=end, text=text[unions[-1].start : end])
        else:
            unions.append(m)
    # ... and a part reaching over the cue ("Crowd dataset" in "WWW Crowd dataset") goes.
    out = [m for m in out if not any(a <= m.start < b < m.end for a, b in cut)]
    spans = {(m.start, m.end) for m in out}
    return out + [u for u in unions if (u.start, u.end) not in spans]


def named_collections(text: str, title_end: int) -> list[tuple[int, int]]:
    """Capitalised names written before a dataset cue: ``named_collections("on the Adobe
    Matting Dataset", 0)`` gives the span of "Adobe Matting Dataset". A capitalised cue
    stays in the name; a lower-case one is left out ("NYU Depth v2 dataset" -> "NYU Depth
    v2", eval/README.md call 28)."""
    found = []
    for m in _NAMED_COLLECTION.finditer(text):
        if m.start() < title_end or text[max(0, m.start() - 2) : m.start()].strip() == "-":
            continue  # a title capitalises every word; "Lidar- UrbanFly": a broken compound
        words = m.group(1).split()
        while words and words[0].lower() in _NOT_NAME_START:
            words = words[1:]
        if not words:
            continue
        start = m.end(1) - len(" ".join(words))
        if (
            _NAME_GOES_ON.search(text, max(0, m.start() - 30), m.start())
            or _CAPITAL_BEFORE.search(text, max(0, m.start() - 30), m.start())
            or _CAPITAL_AFTER.match(text, m.end())
        ):
            continue  # part of a longer name: "Thai Cultural and Linguistic Intelligence
            # Benchmark", "Yahoo! Front Page Today Module ...", "Progressive Dataset Construction"
        plain = all(w.lower() in common_words() and w[1:].islower() for w in words)
        # "the Object Discovery dataset": one collection, named in capitals by its authors
        one_named = text.endswith("the ", 0, start) and m.group(2) in (
            "dataset",
            "benchmark",
            "corpus",
        )
        if m.group(2).islower() and ((plain and not one_named) or len(words) < 2):
            continue  # "Large dataset", "English dataset": one word is left to the name rules
        if words[-1].lower().endswith(("-based", "-like", "-style", "-domain")):
            continue  # "a Common Crawl-based dataset": a description
        end = m.end(2) if m.group(2)[0].isupper() else m.end(1)
        found.append((start, end))
    return found


def _with_singulars(names: Iterable[str]) -> list[str]:
    """Dataset names and aliases, each followed by its singular when its last word is a
    capitalised plural ("Cityscapes" -> "Cityscape", "Conceptual Captions" -> "Conceptual
    Caption"): abstracts write both. A singular that is an ordinary word ("Place") is kept
    out later by the case and cue checks of ``_keep``."""
    out = []
    for name in names:
        out.append(name)
        last = name.rsplit(" ", 1)[-1]
        if len(last) > 4 and last[0].isupper() and last.endswith("s") and last[-2] not in "sSuU":
            out.append(name[:-1])
    return out


_SPACED = "dataset (spaced)"
_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])")
_NAME_PART = re.compile(r"[A-Z0-9].*[A-Z0-9]|\d")  # "MNIST", "ImageNet", "10"; not "Fashion"


def _spaced(names: Iterable[str]) -> Iterator[str]:
    """Dataset names with a hyphen that joins a name-like part (capitals inside, or digits) to
    its neighbour, spelt with a space instead: abstracts write "Fashion-MNIST" and "Fashion
    MNIST", "Kinetics-400" and "Kinetics 400". Not when a part is one letter or a function
    word ("IS-A", "SYNTHIA-to-Cityscapes")."""
    for name in names:
        parts = _HYPHEN.split(name)
        if (
            len(parts) > 1
            and any(_NAME_PART.search(p) for p in parts)
            and all(len(p) > 1 and p.lower() not in STOP for p in parts)
        ):
            yield " ".join(parts)


_JOINED = "dataset (joined)"
_TWO_PARTS = re.compile(r"([A-Za-z0-9]{2,})[- ]([A-Za-z0-9]{2,})")
_CAMEL_PREFIX = re.compile(r"([a-z]{3,})([A-Z][A-Za-z0-9]+)")


def _joined(names: Iterable[str]) -> Iterator[str]:
    """Dataset names in two other spellings abstracts write: two capitalised parts, one of
    them name-like, run together ("CIFAR-10" -> "CIFAR10", "VGG-Sound" -> "VGGSound",
    "Total-Text" -> "TotalText", "ICDAR 2017" -> "ICDAR2017"), and a lower-case prefix glued
    to a name split off by a hyphen ("miniImageNet" -> "mini-ImageNet"). Not a part that is a
    function word or a cue ("MLB Dataset")."""
    for name in names:
        m = _TWO_PARTS.fullmatch(name)
        if m:
            a, b = m.groups()
            if (
                (a[0].isupper() or a[0].isdigit())
                and (b[0].isupper() or b[0].isdigit())
                and (_NAME_PART.search(a) or _NAME_PART.search(b))
                and not {a.lower(), b.lower()} & (STOP | DATASET_CUES)
            ):
                yield a + b
        m = _CAMEL_PREFIX.fullmatch(name)
        if m:
            yield m.group(1) + "-" + m.group(2)


# Words joined to a neighbour by a hyphen or a space, as writers please: "few-shot" / "few
# shot", "skeleton-based" / "skeleton based" (the first word of a pair, then the second).
_JOIN_FIRST = frozenset("few zero one multi cross self semi weakly fine non single".split())
_JOIN_SECOND = frozenset(
    "based shot aware supervised driven guided grained level agnostic oriented modal lingual "
    "view label class".split()
)


def _with_joined_variants(names: Iterable[str]) -> list[str]:
    """Task names, each followed by its spelling with the other joint between the word pairs
    of ``_JOIN_FIRST`` / ``_JOIN_SECOND`` ("Skeleton Based Action Recognition" ->
    "Skeleton-Based Action Recognition", "Few-Shot Learning" -> "Few Shot Learning")."""
    out = []
    for name in names:
        out.append(name)
        parts = re.split(r"([ -])", name)  # words and the joints between them
        flipped = list(parts)
        for i in range(1, len(parts) - 1, 2):
            if parts[i - 1].lower() in _JOIN_FIRST or parts[i + 1].lower() in _JOIN_SECOND:
                flipped[i] = "-" if parts[i] == " " else " "
        if flipped != parts:
            out.append("".join(flipped))
    return out


class GazetteerMatcher:
    """Component ``kg_gazetteer``: adds dataset / task / metric / method mentions."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer") -> None:
        self.name = name
        gaz = gazetteer.load()
        self.common = set(gaz.get("common_words", []))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.case: dict[str, set[str]] = {}
        tok = nlp.tokenizer
        assert isinstance(tok, Tokenizer)
        for kind, names in (
            (
                "dataset",
                _with_singulars(v for d in gaz["datasets"] for v in [d["name"], *d["aliases"]]),
            ),
            ("metric", gaz["metrics"]),
            (
                "task",
                _with_joined_variants(
                    t
                    for t in gaz["tasks"]
                    if t.lower() not in _GENERIC_TASKS and not _NOT_A_TASK.fullmatch(t)
                ),
            ),
            ("method", gaz["methods"]),
        ):
            names = [n for n in dict.fromkeys(names) if len(n) >= 2]
            self.case[kind] = set(names)
            self.matcher.add(kind, list(tok.pipe(names)))
        # "Fashion MNIST" for "Fashion-MNIST": matched apart, kept only where every word is
        # written as a name's ("3D future" is no 3D-FUTURE)
        spaced = set(_spaced(self.case["dataset"])) - {n.lower() for n in self.case["dataset"]}
        self.matcher.add(_SPACED, list(tok.pipe(sorted(spaced))))
        # "CIFAR10" for "CIFAR-10", "mini-ImageNet" for "miniImageNet": unless the joined
        # spelling is some other list's name or an ordinary word
        taken = {n.lower() for names in self.case.values() for n in names} | self.common
        joined = set(_joined(self.case["dataset"])) - taken
        self.matcher.add(_JOINED, list(tok.pipe(sorted(joined))))
        # Metrics the list writes only in capitals ("FED", "TER"): a lower-case word of those
        # letters ("fed into", "cf.") is that metric only beside a number ("30 fps", the
        # usual spelling of frames per second). Such a task ("LEMMA") is never lower-case.
        self.capitals_only = {k: _capitals_only(self.case[k]) for k in ("metric", "task")}
        self.capitals_only["metric"].discard("fps")
        self.case_lower = {k: {n.lower() for n in v} for k, v in self.case.items()}
        self.camel_methods = {
            n.lower()
            for n in self.case["method"]
            if " " not in n and any(c.isupper() for c in n[1:]) and any(c.islower() for c in n)
        }

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab
        full = doc_text(doc)
        datasets: list[Mention] = []
        for match_id, start, end in self.matcher(doc):
            kind = vocab.strings[match_id]
            span = doc[start:end]
            text = span.text
            if kind == _SPACED:
                if not all(w[0].isupper() or w[0].isdigit() for w in text.split()):
                    continue
                kind = "dataset"
            elif kind == _JOINED:
                kind = "dataset"
            # Never inside a hyphenated compound ("tug-of-war", "pixel-text score").
            s, e = span.start_char, span.end_char
            if (s > 0 and full[s - 1] in "-/") or (e < len(full) and full[e] in "-/"):
                continue
            if not self._keep(kind, text, span):
                continue
            conf = {"dataset": 0.8, "metric": 0.7, "task": 0.55, "method": 0.7}[kind]
            end = span.end_char
            cue = _LOWER_CUE_END.search(text) if kind == "dataset" else None
            if cue and text[: cue.start()].lower() in self.case_lower["dataset"]:
                # "the ShapeNet dataset" (a list alias): the name is ShapeNet, which the list
                # holds too ("Waymo Open dataset" stays: the list has no "Waymo Open")
                text, end = text[: cue.start()], span.start_char + cue.start()
            mention = Mention(span.start_char, end, text, kind, self.name, conf)
            (datasets if kind == "dataset" else doc._.mentions).append(mention)
        for s, e in named_collections(full, doc._.title_end):
            datasets.append(Mention(s, e, full[s:e], "dataset", self.name, 0.6))
        known = [(m.start, m.end) for m in datasets]
        for s, e in listed_datasets(full, known, doc._.title_end):
            datasets.append(Mention(s, e, full[s:e], "dataset", self.name + ".listed", 0.55))
        doc._.mentions.extend(merge_datasets(datasets, full))
        for s, e in metric_phrases(doc_lower(doc)):
            words = full[s:e].split()
            if s >= doc._.title_end and any(_name_word(w) for w in words[1:-1]):
                continue  # "In-Shop Clothes Retrieval dataset at Recall": a name's words
            if len(words) == 2 and words[1] == "scores" and not words[0].islower():
                e = s + len(words[0])  # "FID scores" are values of the metric FID
            if (
                len(words) > 1
                and words[0].endswith(("-level", "-like"))
                and words[0][1:] != words[0][1:].lower()
            ):
                s += len(words[0]) + 1  # "GoogLeNet-level accuracy": accuracy, at a model's level
            lead = next((d.end for d in datasets if d.start == s and d.end < e), None)
            if lead is not None:  # "boosts MATH accuracy": the dataset MATH, then the metric
                s = lead + len(full[lead:e]) - len(full[lead:e].lstrip())
            doc._.mentions.append(Mention(s, e, full[s:e], "metric", "kg_metrics", 0.6))
        if "@" in full:
            spans = [(m.start, m.end) for m in doc._.mentions if m.kind == "metric"]
            for m in _AT_K.finditer(full):
                s, e = m.span()
                measure = m.group(1).lower() in _AT_K_MEASURES or m.group(1) in self.case["metric"]
                if measure and not any(ts < e and s < te for ts, te in spans):
                    doc._.mentions.append(
                        Mention(s, e, m.group(), "metric", "kg_metrics.at_k", 0.65)
                    )
        return doc

    def _keep(self, kind: str, text: str, span) -> bool:  # type: ignore[no-untyped-def]
        low = text.lower()
        if kind == "task":
            if low in self.capitals_only["task"] and not text.isupper():
                return False  # "a lemma" is not the LEMMA task
            # A name ending in a plural or in "model" names things, not a problem ("point
            # clouds", "knowledge graphs", "gaussian processes", "large language model").
            # The head is the last word before "with", "from" or "under": "learning with noisy
            # labels", "image generation from scene graphs" ("action recognition in videos" is
            # a setting of "action recognition", and stays out).
            last = re.split(r" (?:with|from|under) ", low)[0].rsplit(" ", 1)[-1]
            if PLURAL_NOUN.search(last) or last in ("model", "system", "method"):
                return False
            # One ordinary word ("form", "segmentation") is no task name by itself.
            return low not in _GENERIC_TASKS and not (len(span) == 1 and low in self.common)
        if kind == "metric":
            if text in self.case["metric"]:
                exact = True
            elif any(c.isupper() for c in text[1:]) or not text.replace(" ", "").isalpha():
                return False  # acronyms and symbols must match in case ("AUC", "BLEU@4")
            elif (
                len(span) == 1
                and low not in COMMON_METRIC_WORDS
                and not (text.islower() and (_beside_number(span) or _metric_noun_after(span)))
            ):
                # Leaderboard columns named after a data split or subset ("Abductive",
                # "Kitchen", "Spider") or cased symbols ("APt", "mATE", "FED"): another
                # writing of the word is not them. A lower-case acronym is a metric where a
                # score or a metric noun is beside it ("66.6 miou", "the dice metric").
                return False
            else:
                exact = False
            if (
                text.islower()
                and low in self.capitals_only["metric"]
                and not _beside_number(span, digits=True)
            ):
                return False  # "is fed to a four-layer CNN": the verb, though "four" is a number
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            nxt_word = "" if nxt is None else nxt.text
            if span.start_char < span.doc._.title_end:
                nxt_word = nxt_word.lower()  # a title capitalises every word
            if len(span) == 1 and text.isupper() and _modifies(nxt_word):
                return False  # "MR images": an acronym naming the kind of a noun
            if len(span) == 1 and low in self.common and not any(c.isupper() for c in text[1:]):
                if low == "recall" and (nxt is None or nxt.lower_ in _AFTER_VERB_RECALL):
                    return False  # "recall past experiences": the verb
                return low in COMMON_METRIC_WORDS
            return exact or text.islower() or text[:1].isupper() and text[1:].islower()
        if kind in ("dataset", "method"):
            if not any(c.isupper() or c.isdigit() for c in text):
                return False
            if len(span) > 1 and span[0].lower_ in _CONJUNCTIONS and span[0].is_lower:
                return False  # "Code and Dataset are available": not the AND Dataset
            nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            if kind == "dataset" and nxt not in DATASET_CUES:
                if _DIMENSION_AND_WORDS.fullmatch(text):
                    return False  # "regress full 3D hand pose": ordinary words, no name
                if low in self.case_lower["task"] and _PROBLEM_END.search(low):
                    return False  # "the task of Visual Question Answering": the problem
                prev = span.doc[span.start - 1].text if span.start > 0 else ""
                if (
                    len(span) == 1
                    and text.istitle()
                    and low.endswith("ed")
                    and (nxt == "by" or prev.endswith("ly") or prev.istitle())
                ):
                    return False  # "... Inspired by Object Detection", "Brain Inspired": a verb
            if len(span) == 1 and text not in self.case[kind] and text.istitle():
                # "Violin" is not the VIOLIN dataset; but "Tensorflow" is TensorFlow, a name
                # with capitals inside that writers often write this way (not in a title,
                # which capitalises every word: "Rotate to Attend")
                return (
                    kind == "method"
                    and low in self.camel_methods
                    and low not in self.common
                    and span.start_char >= span.doc._.title_end
                    and not _sentence_initial(span)
                )
            if len(span) == 1 and text.istitle() and nxt in _PREP_AFTER and _sentence_initial(span):
                return False  # "Inspired by human vision": a sentence's first word
            if (
                kind == "dataset"
                and len(span) == 1
                and text.istitle()
                and text.isalpha()
                and nxt not in DATASET_CUES
                and span.start_char >= span.doc._.title_end
                and _inside_longer_name(span)
            ):
                return False  # "The Cancer Genome Atlas", "Multi Atlas Labeling": not Atlas
            if len(span) == 1 and (low in self.common or len(text) <= 2):
                return text in self.case[kind] and nxt in DATASET_CUES and kind == "dataset"
            words = [t.lower_ for t in span if t.is_alpha]
            title_cased = span.start_char < span.doc._.title_end or _sentence_initial(span)
            if title_cased and words and all(w in self.common for w in words):
                # "Social Media" in a title: ordinary words that any title capitalises.
                # Mid-sentence capitals ("Conceptual Captions") do mark a name.
                return nxt in DATASET_CUES and kind == "dataset"
            return True
        return True


_CONJUNCTIONS = frozenset("and or of for to with in on".split())
# A dimension and ordinary lower-case words ("3D hand pose"): no dataset's name.
_DIMENSION_AND_WORDS = re.compile(r"(?:\d[dD]|[a-z][a-z-]*)(?: (?:\d[dD]|[a-z][a-z-]*))*")
# Listed names that end like a problem ("Visual Question Answering", "Text-to-SQL" does not):
# a dataset only with a cue word after it ("the Visual Question Answering dataset").
_PROBLEM_END = re.compile(
    r"(?:answering|retrieval|tracking|detection|segmentation|recognition|classification|"
    r"dialog|dialogue|deraining|translation|generation|parsing)$"
)


def _capitals_only(names: set[str]) -> set[str]:
    """Lower-cased names that ``names`` write in capitals only ("FED", not also "Fed")."""
    return {n.lower() for n in names if n.isupper()} - {n.lower() for n in names if not n.isupper()}


def _metric_noun_after(span) -> bool:  # type: ignore[no-untyped-def]
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in _METRIC_NOUNS


def _name_word(word: str) -> bool:
    """A word with a capital, "Clothes", "ImageNet", "F1" (the metric of "average F1 score"),
    but not a norm ("trajectory L2 error" is one metric)."""
    return any(c.isupper() for c in word) and not _NORM.fullmatch(word)


_NORM = re.compile(r"L[0-9]")


_TITLE_WORD = re.compile(r"[A-Z][a-z]+$")


def _inside_longer_name(span) -> bool:  # type: ignore[no-untyped-def]
    """A one-word span after a capitalised word that opens no sentence ("The Cancer Genome
    Atlas", "Multi Atlas Labeling", "Prepare Breakfast") or before "of" and a capitalised
    word ("Atlas of Digital Pathology"). A capitalised word right after it may be the rest
    of the dataset's own longer name ("Breakfast Actions"), which the list reader finds."""
    doc = span.doc
    i, j = span.start, span.end
    if j + 1 < len(doc) and doc[j].lower_ == "of" and _TITLE_WORD.match(doc[j + 1].text):
        return True
    return (
        i > 0 and bool(_TITLE_WORD.match(doc[i - 1].text)) and not _sentence_initial(doc[i - 1 : i])
    )


def _beside_number(span, digits: bool = False) -> bool:  # type: ignore[no-untyped-def]
    """A number within two tokens before or after the span ("30 fps", "rmse of 0.3"); with
    ``digits``, one written in digits ("a four-layer CNN" has none)."""
    doc = span.doc
    near = [*doc[max(0, span.start - 2) : span.start], *doc[span.end : span.end + 3]]
    return any(t.like_num and (not digits or any(c.isdigit() for c in t.text)) for t in near)


@Language.factory("kg_gazetteer")
def make_gazetteer_matcher(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name)
