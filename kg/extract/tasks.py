"""Task phrases no list has, found by their head noun.

A task is written as a lower-case noun phrase ending in a word that names a problem
("co-salient object detection", "procedure planning", "zero-shot multilingual visual
captioning"). From each such head word the phrase extends left over modifier words (lower-case
words and hyphenated compounds that are not function words or generic adjectives), up to four.
A bare head ("detection") is kept only in a list of other tasks. Learning paradigms ("few-shot
learning") count only where the text frames them as the problem ("for / in / on X learning",
or in the title), as the annotation guidelines ask.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer
from kg.extract.doc import Mention, is_name_shaped
from kg.extract.names import paradigm_or
from kg.extract.words import STOP, TASK_HEADS, verb_words

HEADS = {
    "learning",
    "segmentation",
    "detection",
    "captioning",
    "classification",
    "modeling",
    "modelling",
    "recognition",
    "processing",
    "grounding",
    "generation",
    "discovery",
    "transfer",
    "prediction",
    "adaptation",
    "planning",
    "retrieval",
    "summarization",
    "summarisation",
    "translation",
    "answering",
    "question-answering",
    "reasoning",
    "estimation",
    "tracking",
    "forecasting",
    "parsing",
    "tagging",
    "extraction",
    "matching",
    "completion",
    "reconstruction",
    "synthesis",
    "localization",
    "localisation",
    "alignment",
    "generalization",
    "navigation",
    "manipulation",
    "editing",
    "inpainting",
    "super-resolution",
    "denoising",
    "labeling",
    "clustering",
    "regression",
    "ranking",
    "recommendation",
    "filtering",
    "understanding",
    "verification",
    "identification",
    "anticipation",
    "restoration",
    "enhancement",
    "deblurring",
    "dehazing",
    "registration",
    "retargeting",
    "simulation",
    "imputation",
}
_NEEDS_FRAME = {
    "learning",
    "transfer",
    "alignment",
    "generalization",
    "adaptation",
    "modeling",
    "modelling",
    "processing",
    "understanding",
    "reasoning",
    "generation",
    "analysis",
    # Techniques a paper uses far more often than it studies ("data augmentation").
    "augmentation",
    "distillation",
}
_WORD = re.compile(r"(?<!['\u2019])\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# A noun right after the phrase means the phrase only modifies it ("confidence enhancement
# module", "dense prediction models"): not a task mention there.
_NOUN_AFTER = re.compile(
    r"^\s(?:module|block|layer|loss|network|head|mechanism|strategy|model|models|framework|"
    r"method|methods|approach|score|scores|map|maps|branch|unit|component|pipeline|system|"
    r"systems|architecture|backbone|encoder|decoder|objective|paradigm|setting|settings)\b",
    re.I,
)
_FRAME_BEFORE = re.compile(
    r"\b(?:for|in|on|of|to|task\s+of|problem\s+of|tasks?\s*(?:,|:)?\s*(?:such\s+as|like|including)?)\s+$",
    re.I,
)


@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset[str], frozenset[str]]:
    """(words of Papers-with-Code task names, verbs seen after "we" in the corpus)."""
    gaz = gazetteer.load()
    words = {w for t in gaz["tasks"] for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", t.lower())}
    verbs = verb_words()
    return frozenset(words - verbs - STOP), verbs


_ADJ_COMPOUND = re.compile(
    r"-(?:based|consuming|quality|efficient|intensive|like|aware|art|specific|scale|level|free|"
    r"friendly|agnostic|dependent|independent|driven|oriented|intensive|related)$"
)


@lru_cache(maxsize=2)
def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the lower-case words of ``text``; task_phrases and framed_tasks
    read the same lowered Doc text, so it is split once."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


# Hyphenated adjectives of manner or quality that open a phrase without naming the problem
# ("Language-Guided Dense Prediction", "high-quality ...", "top-down ...").
_MANNER = re.compile(
    r"^(?:top-down|bottom-up|[a-z0-9]+-(?:guided|quality|aware|driven|based|efficient|"
    r"consuming|friendly|agnostic|oriented|like|art))$"
)
_VERB_S = re.compile(r"(?:ates|izes|ises|ifies)$")


def verb_form(word: str, verbs: frozenset[str]) -> bool:
    """An inflected verb: "-ing" or "-s" form of a verb the corpus writes after "we"
    ("achieving", "explores"), or a third-person "-ates/-izes" form ("alleviates")."""
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return (
            stem in verbs
            or stem + "e" in verbs
            or (stem[-1:] == stem[-2:-1] and stem[:-1] in verbs)
        )
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1] in verbs or word[:-2] in verbs or bool(_VERB_S.search(word))
    return False


def lead_modifier(word: str) -> bool:
    """A word that may not open a task phrase: a verb form ("mitigating network
    overthinking"), a judging adjective ("complex reasoning") or a manner compound
    ("language-guided dense prediction")."""
    vocab, verbs = _vocab()
    if word in HEADS or word in TASK_HEADS:
        return False
    if word.endswith("ing") and len(word) > 5:
        return word not in vocab  # a gerund no task name uses: the verb of the clause
    return verb_form(word, verbs) or word in _JUDGING or bool(_MANNER.match(word))


def _task_compound(word: str, vocab: frozenset[str]) -> bool:
    """A hyphenated modifier of a task ("zero-shot", "co-salient"), not an adjective
    compound ("time-consuming", "high-quality")."""
    return "-" in word and not _ADJ_COMPOUND.search(word)


def task_phrases(text: str) -> list[tuple[int, int]]:
    """Offsets of candidate task phrases: ``task_phrases("for image captioning.")``.

    A modifier is a word seen in Papers-with-Code task names or a hyphenated compound, never
    a verb ("address", "achieve") or a function word.
    """
    vocab, verbs = _vocab()
    toks = _tokens(text)
    out = []
    for i, (_, e, w) in enumerate(toks):
        if w not in HEADS and not (w.endswith("-learning") or w.endswith("-answering")):
            continue
        j = i
        # Modifiers must be adjacent words separated by one space.
        while j > 0 and i - j < 4:
            ps, pe, pw = toks[j - 1]
            if pe + 1 != toks[j][0] or text[pe] != " " or pw in STOP or pw in verbs:
                break
            if pw not in vocab and not _task_compound(pw, vocab) or lead_modifier(pw):
                break
            j -= 1
        start = toks[j][0]
        # Capitalised word right before: part of a name, not a task phrase.
        if start > 0 and text[start - 1].isalnum():
            continue
        out.append((start, e))
    return out


# Problem words outside HEADS that end a task phrase where the text frames it as a problem
# ("information design", "legged locomotion", "clinical diagnosis", "line counting").
_EXTRA_HEADS = {"design", "control", "inference", "analysis"}
_NOT_HEADS = {
    "training",
    "setting",
    "settings",
    "using",
    "following",
    "including",
    "being",
    "existing",
    "during",
    "thing",
    "nothing",
    "something",
    "string",
    "building",
    "morning",
    "information",
    "function",
    "distribution",
    "representation",
    "condition",
    "position",
    "section",
    "question",
    "solution",
    "application",
    "applications",
    "operation",
    "relation",
    "basis",
    "thesis",
    "hypothesis",
    "version",
    "dimension",
    "attention",
    "motion",
    "emotion",
    "population",
    "direction",
    "region",
    "decision",
    "decisions",
    # Nominals that name a technique rather than a problem ("Integer Programming",
    # "Matrix Factorization", "Belief Propagation"): read on random corpus titles.
    "programming",
    "embedding",
    "embeddings",
    "convolution",
    "regularization",
    "regularisation",
    "factorization",
    "factorisation",
    "elimination",
    "decomposition",
    "approximation",
    "propagation",
    "integration",
    "pre-training",
    "pretraining",
    "fine-tuning",
    "encoding",
    "pooling",
    "boosting",
    "normalization",
    "distillation",
    "augmentation",
    "transformation",
    "optimization",
    "optimisation",
    "consisting",
    "comprising",
    "ignoring",
    "requiring",
    "involving",
    "regarding",
    "according",
    "concerning",
}
_PROBLEM_SUFFIX = re.compile(r"(?:tion|sion|sis|ing)$")


@lru_cache(maxsize=65536)
def problem_head(word: str) -> bool:
    """A word that can end a task phrase: ``problem_head("locomotion")``."""
    if word in HEADS or word in _EXTRA_HEADS or word.endswith("-learning"):
        return True
    verbs = _vocab()[1]
    return (
        len(word) > 6
        and word not in _NOT_HEADS
        and word not in verbs
        and bool(_PROBLEM_SUFFIX.search(word))
        and not (word.endswith("ing") and verb_form(word, verbs))  # "... achieving"
    )


def _plain(word: str, verbs: frozenset[str]) -> bool:
    """A word that may sit inside a framed task phrase (no function word, verb, adverb)."""
    return (
        word not in STOP
        and word not in verbs
        and word not in _JUDGING
        and not word.endswith("ly")
        and bool(_PLAIN.fullmatch(word))
    )


_PLAIN = re.compile(r"[a-z0-9][a-z0-9]*(?:-[a-z0-9]+)*")
_JUDGING = set(
    """challenging enhanced accurate scalable robust efficient effective reliable interpretable
explainable better improved faster novel generic general standard classical classic
fundamental long-standing longstanding open important hard difficult crucial critical
emerging increasingly widely interesting yet often-challenging complex original""".split()
)
# "the problem of X", "a X task", "we address X", "for X": frames that present X as a task.
_FRAME_AFTER = re.compile(
    r"\b(?:(?P<of>(?:problems?|tasks?|challenges?)\s+of)|(?P<for>for))\s+(?:the\s+|a\s+|an\s+)?$"
)
_FRAME_NOUN = re.compile(r"^\s(?:task|tasks|problem|problems)\b")


def framed_tasks(text: str) -> list[tuple[int, int, str]]:
    """Offsets of task phrases the lower-cased ``text`` frames as problems:
    ``framed_tasks("a grand challenge for legged locomotion.")``.

    The phrase is two to five plain words ending in a problem head (:func:`problem_head`),
    right after a frame ("problem of", "we address", "for", "in") or right before "task" /
    "problem"."""
    verbs = _vocab()[1]
    toks = _tokens(text)
    out = []
    n = len(toks)
    for i in range(n):
        if not problem_head(toks[i][2]):
            continue
        j = i
        while j > 0 and i - j < 4:
            ps, pe, pw = toks[j - 1]
            if text[pe : toks[j][0]] != " " or pw in STOP:
                break
            if not _plain(pw, verbs) and (pw.endswith("ing") or not lead_modifier(pw)):
                break
            j -= 1
        s0 = toks[j][0]  # where the frame is read
        while j < i and lead_modifier(toks[j][2]) and not toks[j][2].endswith("ing"):
            j += 1  # "for complex dense prediction": the problem starts after the judgement
        s, e = toks[j][0], toks[i][1]
        first = toks[j][2]
        if i - j < 1 or (s > 0 and text[s - 1] in "-/'") or first in _NOT_HEADS:
            continue
        if first.endswith("ing") and first not in HEADS:
            continue  # "for leveraging expert intervention": a verb phrase
        if text[s:e] in _GENERIC:
            continue
        fa = _FRAME_AFTER.search(text[max(0, s0 - 40) : s0])
        if _NOUN_AFTER.match(text[e : e + 16]):
            continue  # "for compact object detection models": the phrase modifies a noun
        if _FRAME_NOUN.match(text[e : e + 10]):
            out.append((s, e, "noun"))
        elif fa:
            out.append((s, e, fa.lastgroup or ""))
    # Only the longest phrase where several end at heads ("glacier calving forecasting").
    return [x for x in out if not any(y[0] <= x[0] and x[1] < y[1] for y in out)]


# Fields too broad to be the task of one paper.
_GENERIC = {
    "machine learning",
    "deep learning",
    "unsupervised learning",
    "supervised learning",
    "natural language processing",
    "computer vision",
    "statistical learning",
    "representation learning",
}

# Research fields, never the problem of one paper even where a head word ends them.
_FIELDS = {"machine learning", "deep learning", "natural language processing", "computer vision"}

_TITLE_SPLIT = re.compile(
    r"\s*[:?!]\s*|\s+(?:for|via|by|using|with|in|on|from|towards?|through|over|under|"
    r"against|beyond|without|to|at|and\s+its|as|into)\s+|^(?:towards?|on|learning\s+to)\s+",
    re.I,
)


_MEANS = re.compile(r"via|by|using|with|through|from|as|into")


def title_tasks(title: str) -> list[tuple[int, int]]:
    """Offsets of task phrases in a title: a piece between separators ("for", "via", "by",
    ":") made of two to five plain words that ends in a problem head
    ("Crowd Counting by Integer Programming") or starts with one of HEADS ("Tracking
    Translucent Objects over Time"). Name-shaped words ("FinderNet") disqualify a piece."""
    verbs = _vocab()[1]
    out = []
    pos, means = 0, False
    for m in [*_TITLE_SPLIT.finditer(title), None]:
        end = m.start() if m else len(title)
        piece, offset, after_means = title[pos:end], pos, means
        pos = m.end() if m else len(title)
        sep = m.group().strip().lower() if m else ""
        means = bool(_MEANS.fullmatch(sep))
        if after_means or sep == "for":
            continue  # "X for Y", "Y by X": X is the means, not the problem
        words = [
            (w.start() + offset, w.end() + offset, w.group()) for w in re.finditer(r"\S+", piece)
        ]
        # The longest run of plain words at the end of the piece.
        k = len(words)
        while k > 0:
            raw = words[k - 1][2]
            low = raw.lower()
            if not _plain(low, verbs) or (is_name_shaped(raw) and not re.fullmatch(r"\d[dD]", raw)):
                break
            k -= 1
        while k < len(words) and lead_modifier(words[k][2].lower()):
            k += 1  # "Enhancing Visual Continual Learning", "Language-Guided Dense Prediction"
        run = words[k:]
        if not 2 <= len(run) <= 5:
            continue
        first, last = run[0][2].lower(), run[-1][2].lower()
        phrase = " ".join(w[2].lower() for w in run)
        if phrase in _GENERIC:
            continue
        if problem_head(last) or (k == 0 and first in HEADS and first.endswith("ing")):
            out.append((run[0][0], run[-1][1]))
    return out


@Language.component("kg_tasks")
def find_tasks(doc: Doc) -> Doc:
    text = doc.text
    title_end = doc._.title_end
    lowered = text.lower()
    spans = task_phrases(lowered)
    for k, (s, e) in enumerate(spans):
        phrase = lowered[s:e]
        n_words = len(phrase.split())
        in_list = any(
            abs(s - e2) < 8 or abs(s2 - e) < 8
            for s2, e2 in spans[max(0, k - 1) : k + 2]
            if (s2, e2) != (s, e)
        )
        if (n_words == 1 and not in_list) or phrase in _FIELDS:
            continue
        # Upper-case letters inside the original phrase mean a name ("Video Swin Transformer").
        original = text[s:e]
        if any(c.isupper() for c in original[1:]) and not original.istitle():
            continue
        if _NOUN_AFTER.match(text[e : e + 16]):
            continue
        doc._.mentions.append(Mention(s, e, original, "task", "kg_tasks", 0.45))
    for s, e, how in framed_tasks(lowered):
        if s < title_end:
            continue
        if text[s].isupper() and text[s + 1 : s + 2].islower():
            continue  # "After reviewing ...": a capitalised sentence start, or a name
        doc._.mentions.append(Mention(s, e, text[s:e], "task", "kg_tasks.framed." + how, 0.5))
    for s, e in title_tasks(text[:title_end]):
        doc._.mentions.append(Mention(s, e, text[s:e], "task", "kg_tasks.title", 0.5))
    # Paradigms ("contrastive learning") are tasks only where framed as the problem.
    doc._.mentions = [
        m
        for m in doc._.mentions
        if m.kind != "task"
        or m.text.lower().split()[-1] not in _NEEDS_FRAME
        or m.start < title_end
        or _FRAME_BEFORE.search(text[max(0, m.start - 40) : m.start])
    ]
    # An acronym whose long form names a problem ("Video Temporal Grounding (VTG)").
    for ab in doc._.abbreviations:
        long = ab.long.text
        kind = paradigm_or(ab, text)
        if kind == "paradigm" or (
            kind == "task" and not _NOUN_AFTER.match(text[ab.short.end_char + 1 :])
        ):
            doc._.mentions.append(
                Mention(ab.long.start_char, ab.long.end_char, long, "task", "kg_tasks", 0.6)
            )
    return doc
