"""Task phrases no list has (component ``kg_tasks``), found by six cues.

* Head words (``kg_tasks.head``): a lower-case phrase ending in a word that names a problem
  (:data:`HEADS`: "detection", "captioning", "X-learning"), extended left over up to four
  modifiers (words of Papers-with-Code task names or hyphenated compounds, never function
  words, verbs or judging adjectives): "co-salient object detection". Dropped: a bare head, a
  research field, a phrase with inner capitals that is not title-cased (a name), one right
  before a noun it modifies ("detection module") or after "via / by / using" (the means).
* Frames (``kg_tasks.framed.*``, abstract only): two to five plain words ending in a problem
  head (:func:`problem_head`) right after "problem(s) / task(s) / challenge(s) of" or "for",
  or right before "task(s) / problem(s)": "a grand challenge for legged locomotion".
* Lists and problem statements (``kg_tasks.listed.*``, abstract only): items of a list right
  before "tasks" / "problems" ("on chess and reward modeling tasks") or after "tasks /
  problems / applications such as / like / including / e.g.", the subject of "X is a ...
  problem / task / challenge" at a sentence start, and X in "the / address / solve / tackle
  ... X problem". Here a bare head counts.
* Title (``kg_tasks.title``): the last two to five plain words of a title piece between
  separators (":", "for", "via", "by", ...) ending in a problem head, or a whole piece opening
  with an "-ing" head ("Tracking Translucent Objects over Time"); not the piece before "for"
  or after "via / by / using / with", which names the means, nor a leading "Beyond" /
  "Towards", nor the subject of the title's verb ("Debate Helps Weak-to-Strong
  Generalization" gives "weak-to-strong generalization").
* Long forms (``kg_tasks.long``): an acronym's long form that names a problem or a learning
  paradigm ("Video Temporal Grounding (VTG)").
* Split by the acronym (``kg_tasks.split``): a lower-case long form, its bracketed acronym
  and a problem head after it, "math word problem (MWP) solving"; the record names the task
  without the bracket and keeps "MWP solving" as an alias (:func:`_split_task_end`).

Before the long forms are added, task mentions in the abstract (the gazetteer's too) are
filtered: a head-word or gazetteer phrase followed by a noun it only classifies ("face
recognition losses") is dropped, and a paradigm or broad capability (:data:`_NEEDS_FRAME`:
"contrastive learning", "domain adaptation", "data augmentation") is kept only after a frame
("for / in / on / of X") or in a list, as the annotation guidelines ask; and a rule-found
phrase loses a leading quantifier ("numerous", "multiple", ...) unless the list knows the
whole phrase ("multiple object tracking").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer
from kg.extract.doc import Mention, doc_lower, doc_text, is_name_shaped
from kg.extract.names import (
    called_dataset,
    defined_acronyms,
    listed_task,
    method_acronyms,
    method_lexicon_keys,
    paradigm_or,
)
from kg.extract.words import (
    ACRONYM,
    PLURAL_NOUN,
    STOP,
    TASK_HEADS,
    WORD,
    lower_words,
    verb_words,
)

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
# A noun right after the phrase means the phrase only modifies it ("confidence enhancement
# module", "dense prediction models"): not a task mention there.
_NOUN_AFTER = re.compile(
    r"^\s(?:module|block|layer|loss|network|head|mechanism|strategy|model|models|framework|"
    r"method|methods|approach|score|scores|map|maps|branch|unit|component|pipeline|system|"
    r"systems|architecture|backbone|encoder|decoder|objective|paradigm|setting|settings|"
    # "hardware simulation results", "a simulation setup", "a treatment simulation domain".
    r"results|setup|domain)\b",
    re.I,
)
# Nouns after a task name that make it the kind of a built or used thing.
_THING_AFTER = re.compile(
    r"^\s(?:baselines?|losses|criterion|criteria|"
    r"modules|embeddings?|features?|engines?|toolkits?|"
    r"libraries|library|software|pipelines|heads|layers|objectives|regularizers?|"
    r"metrics?|vectors?|uncertaint(?:y|ies))\b",
    re.I,
)
_FRAME_BEFORE = re.compile(
    r"\b(?:for|in|on|of|to|task\s+of|problem\s+of|tasks?\s*(?:,|:)?\s*(?:such\s+as|like|including)?)\s+$",
    re.I,
)
# Frames of a field or a quality, not of the paper's problem: "the lack of fine-grained
# alignment", "the importance of representation alignment", "success in semi-supervised
# learning", "recent work in causal reasoning" (read on samples A and D).
_NOT_FRAME = re.compile(
    r"\b(?:(?:lack|absence|importance|efficiency|effectiveness|success|benefits?|quality|need|"
    r"role|cost|power|notion)\s+of|(?:work|research|success|advances|progress|problems|"
    r"studies|interest|algorithms?|literature)\s+in)\s+$",
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


# Hyphenated adjectives of manner or quality that open a phrase without naming the problem
# ("Language-Guided Dense Prediction", "high-quality ...", "top-down ...").
_MANNER = re.compile(
    r"^(?:top-down|bottom-up|[a-z0-9]+-(?:guided|quality|aware|driven|based|efficient|"
    r"consuming|friendly|agnostic|oriented|like|art)|"
    # how known or used a thing is: "well-known", "widely-used", "less-studied"
    r"(?:well|widely|commonly|less|least|most|poorly|rarely|often|frequently|extensively|"
    r"newly|recently|under|over)-[a-z]+(?:ed|en|wn))$"
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
        return (
            word[:-1] in verbs
            or (word.endswith("es") and word[:-2] in verbs)
            or bool(_VERB_S.search(word))
        )
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
    toks = lower_words(text)
    out = []
    for i, (_, e, w) in enumerate(toks):
        if w not in HEADS and not (w.endswith("-learning") or w.endswith("-answering")):
            continue
        j = i
        # Modifiers must be adjacent words separated by one space.
        while j > 0 and i - j < 4:
            ps, pe, pw = toks[j - 1]
            if pe + 1 != toks[j][0] or text[pe] != " " or pw in STOP:
                break
            noun = _NOUN_VERBS.get(pw)
            noun_here = noun is not None and (not noun or toks[j][2] in noun)
            if pw in verbs and not (noun_here and (j < 2 or toks[j - 2][2] not in _BEFORE_A_VERB)):
                break
            known = pw in vocab or noun_here or _task_compound(pw, vocab)
            if not known or lead_modifier(pw):
                break
            if _ing_verb(pw, verbs):
                break  # "for making semantic segmentation interpretable": a verb
            j -= 1
        start = toks[j][0]
        dim = _DIMENSION_WORD.search(text, max(0, start - 4), start)
        if dim:
            start = dim.start()  # "3d scene object detection"
        # Capitalised word right before: part of a name, not a task phrase.
        if start > 0 and text[start - 1].isalnum():
            continue
        out.append((start, e))
    return out


# Words that are verbs too, but nouns in task names ("human pose estimation", "point cloud
# segmentation": before any word, or before these), unless a subject or "to" comes before them
# ("we pose detection as").
_NOUN_VERBS: dict[str, frozenset[str]] = {
    "pose": frozenset(),
    "point": frozenset({"cloud", "clouds", "set", "sets"}),
}
_BEFORE_A_VERB = frozenset("we to they it which that can also i you one first then".split())
_DIMENSION_WORD = re.compile(r"(?<![\w-])[1-6]d $")
_DIMENSION_LEAD = re.compile(r"^[1-6][dD] ")

# Participles that describe the object of a task ("moving object segmentation", "referring
# segmentation") and nouns in -ing ("building segmentation").
_ING_ADJECTIVES = frozenset(
    "moving missing emerging evolving changing varying growing rising falling referring vanishing "
    "building clothing housing".split()
)
_NOT_ING_VERBS = frozenset(HEADS) | _ING_ADJECTIVES


def _ing_verb(word: str, verbs: frozenset[str]) -> bool:
    """An inflected verb in -ing ("making", "enhancing"), not a task head ("tracking") nor a
    participle or noun of ``_ING_ADJECTIVES`` ("moving", "building")."""
    return word.endswith("ing") and word not in _NOT_ING_VERBS and verb_form(word, verbs)


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
        and word not in _JUDGING  # "challenging"
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
emerging increasingly widely interesting yet often-challenging complex original
successful thorough rapid tedious fast quick expensive costly laborious cheap simple easy
practical powerful precise extensive comprehensive careful detailed sufficient subsequent
further additional widespread realistic given limited fixed predicted complicated known
studied desired required""".split()
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
    right after a frame ("problem of", "tasks of", "challenge of", "for") or right before
    "task" / "problem"."""
    verbs = _vocab()[1]
    toks = lower_words(text)
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
            if _ing_verb(pw, verbs):
                break  # "spurious correlations enhancing novelty detection": a verb
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
        if (
            toks[i][2].endswith("ing")
            and i + 1 < n
            and text[e : toks[i + 1][0]] == " "
            and _plain(toks[i + 1][2], verbs)
            and not verb_form(toks[i + 1][2], verbs)  # "for structured pruning aims to"
            and not _FRAME_NOUN.match(text[e : e + 10])
            and not listed_task(text[s:e])  # "for autonomous driving applications"
        ):
            continue  # "the needs for expensive bounding box annotations": a gerund modifier
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


# Words that open a title piece without being part of its task: "Beyond Self-Supervision".
_TITLE_LEADS = frozenset(("beyond", "towards", "toward"))
# Verbs of claim titles that the corpus seldom writes after "we": "Debate Helps ...".
_TITLE_VERBS = frozenset("helps meets matters becomes boosts beats".split())


# "open" judges a problem ("an open problem") but starts the spaced forms of open-vocabulary,
# open-set, open-domain and open-world task names.
_OPEN_COMPOUND = re.compile(r"open (?:vocabulary|set|domain|world|ended)")


def _open_compound(words: list[tuple[int, int, str]], i: int) -> bool:
    """Words ``i`` and ``i + 1`` are a spaced open compound ("Open Vocabulary")."""
    return (
        0 <= i
        and i + 1 < len(words)
        and bool(_OPEN_COMPOUND.fullmatch(f"{words[i][2].lower()} {words[i + 1][2].lower()}"))
    )


# Adverbs that grade a participle rather than say how it is done ("Fully Automated").
_INTENSIFIERS = frozenset(
    "extremely completely fully highly very truly really purely largely mostly entirely totally"
    " partially slightly".split()
)


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
            nxt = words[k][2].lower() if k < len(words) else ""
            if _open_compound(words, k - 2):
                k -= 2  # "Open Vocabulary Instance Segmentation", "Open Set Recognition"
                continue
            if low.endswith("ly") and nxt.endswith("ed") and low not in _INTENSIFIERS:
                k -= 1  # "Distantly Supervised Skill Extraction" (not "Fully Automated")
                break
            if not _plain(low, verbs) or (is_name_shaped(raw) and not re.fullmatch(r"\d[dD]", raw)):
                break
            if (
                k < len(words)
                and low[-1:] == "s"
                and (verb_form(low, verbs) or low in _TITLE_VERBS)
            ):
                break  # "Debate Helps Weak-to-Strong Generalization": the object of a verb
            k -= 1
        while (
            k < len(words)
            and (lead_modifier(words[k][2].lower()) or words[k][2].lower() in _TITLE_LEADS)
            and not _open_compound(words, k)
        ):
            k += 1  # "Enhancing Visual Continual Learning", "Language-Guided Dense Prediction"
        run = words[k:]
        if not 2 <= len(run) <= 5:
            continue
        first, last = run[0][2].lower(), run[-1][2].lower()
        phrase = " ".join(w[2].lower() for w in run)
        if phrase in _GENERIC:
            continue
        if problem_head(last):
            if first == "learning" and len(run) > 2:
                run = run[1:]  # "Learning Image Deblurring ...": the task is image deblurring
            out.append((run[0][0], run[-1][1]))
        elif k == 0 and first in HEADS and first.endswith("ing"):
            out.append((run[0][0], run[-1][1]))  # "Learning Video Representations"
    return out


_MEANS_BEFORE = re.compile(r"\b(?:via|by|using|through)\s+$")


def _inside_word(text: str, start: int) -> bool:
    """Whether ``start`` follows a hyphen that follows a letter, digit or apostrophe, unless
    what the hyphen ends is a dimension ("2D-homography estimation" is homography
    estimation, in 2D)."""
    if start < 2 or text[start - 1] != "-":
        return False
    if _DIMENSION_BEFORE.search(text, max(0, start - 5), start):
        return False
    return text[start - 2].isalnum() or text[start - 2] in "'\u2019"


_DIMENSION_BEFORE = re.compile(r"(?<![\w-])[1-4][dD]-$")


@Language.component("kg_tasks")
def find_tasks(doc: Doc) -> Doc:
    text = doc_text(doc)
    title_end = doc._.title_end
    lowered = doc_lower(doc)
    spans = task_phrases(lowered)
    for s, e in spans:
        phrase = lowered[s:e]
        n_words = len(phrase.split())
        # A bare head ("detection", "planning") is a task only in a framed list (listed_tasks):
        # in other lists it is a step or a capability ("excels in grounding, reasoning, and
        # planning"), read on samples C and D.
        if n_words == 1 or phrase in _FIELDS:
            continue
        if n_words == 2 and _DIMENSION_LEAD.match(phrase) and not listed_task(phrase):
            continue  # "3d editing": a bare head in 3D (not "3d reconstruction", a listed task)
        # Upper-case letters inside the original phrase mean a name ("Video Swin Transformer").
        original = text[s:e]
        bare = _DIMENSION_LEAD.sub("", original)  # "3D object manipulation": no name
        if any(c.isupper() for c in bare[1:]) and not bare.istitle():
            continue
        if _NOUN_AFTER.match(text[e : e + 16]):
            continue
        if _MEANS_BEFORE.search(lowered, max(0, s - 12), s):
            continue  # "estimate crowd counts via density regression": the means
        how = ".title" if s < title_end else ""
        doc._.mentions.append(Mention(s, e, original, "task", "kg_tasks.head" + how, 0.45))
    for s, e, how in framed_tasks(lowered):
        if s < title_end:
            continue
        if text[s].isupper() and text[s + 1 : s + 2].islower():
            continue  # "After reviewing ...": a capitalised sentence start, or a name
        doc._.mentions.append(Mention(s, e, text[s:e], "task", "kg_tasks.framed." + how, 0.5))
    for s, e, how in listed_tasks(lowered):
        upper = any(c.isupper() for c in text[s + 1 : e]) or (text[s].isupper() and how != "isa")
        if s >= title_end and not upper and not _NOUN_AFTER.match(text[e : e + 16]):
            doc._.mentions.append(Mention(s, e, text[s:e], "task", "kg_tasks.listed." + how, 0.5))
    for s, e in title_tasks(text[:title_end]):
        doc._.mentions.append(Mention(s, e, text[s:e], "task", "kg_tasks.title", 0.5))
    # A phrase that starts inside a hyphenated word ("shot classification" of "5-way 5-shot
    # classification", "eye-view segmentation" of "bird's-eye-view segmentation") is cut from
    # a longer one: no task (gazetteer and metric phrases are not read there either).
    doc._.mentions = [
        m
        for m in doc._.mentions
        if not (
            m.kind == "task" and m.extractor.startswith("kg_tasks") and _inside_word(text, m.start)
        )
    ]
    # A gazetteer or head-word task phrase in the abstract that only says which kind of thing follows
    # ("image translation baselines", "face recognition losses", "feature selection
    # criterion") names no problem the paper addresses.
    doc._.mentions = [
        m
        for m in doc._.mentions
        if m.kind != "task"
        or not (m.extractor == "kg_gazetteer" or m.extractor.startswith("kg_tasks.head"))
        or m.start < title_end
        or not _THING_AFTER.match(text[m.end :])
    ]
    # Paradigms ("contrastive learning") are tasks only where framed as the problem.
    doc._.mentions = [
        m
        for m in doc._.mentions
        if m.kind != "task"
        or m.extractor.startswith("kg_tasks.listed")
        or m.text.lower().split()[-1] not in _NEEDS_FRAME
        or m.start < title_end
        or (
            _FRAME_BEFORE.search(text[max(0, m.start - 40) : m.start])
            and not _NOT_FRAME.search(text[max(0, m.start - 40) : m.start])
        )
    ]
    _drop_quantifiers(doc._.mentions)
    _drop_cut_title_tasks(text, doc._.mentions)
    # An acronym whose long form names a problem ("Video Temporal Grounding (VTG)").
    for ab in doc._.abbreviations:
        long = ab.long.text
        kind = paradigm_or(ab, text)
        if called_dataset(text, ab.short.end_char):
            continue  # "the Prompt-Aware Counting (PrACo) benchmark" names data
        if kind == "paradigm" or (
            kind == "task" and not _NOUN_AFTER.match(text[ab.short.end_char + 1 :])
        ):
            doc._.mentions.append(
                Mention(ab.long.start_char, ab.long.end_char, long, "task", "kg_tasks.long", 0.6)
            )
        elif kind is None and (end := _split_task_end(text, title_end, ab)):
            doc._.mentions.append(
                Mention(
                    ab.long.start_char,
                    end,
                    text[ab.long.start_char : end],
                    "task",
                    "kg_tasks.split",
                    0.5,
                )
            )
    return doc


# The problem head right after an acronym's bracket: "(MWP) solving", "(ADR) detection".
_HEAD_AFTER_BRACKET = re.compile(r"\) ([a-z]+)\b")
# Paradigm heads ("positive-unlabeled (PU) learning") have their own rules.
_SPLIT_HEADS = (HEADS | {"solving"}) - {"learning", "modeling", "modelling", "processing"}
_SPLIT_LONG = re.compile(r"[a-z0-9][a-z0-9\-]*(?: [a-z0-9][a-z0-9\-]*)*")
_PROCEDURE_AFTER = re.compile(
    r"^\s(?:algorithms?|procedures?|techniques?|schem(?:e|a)s?|process|steps?)\b"
)


def _split_task_end(text: str, title_end: int, ab) -> int | None:  # type: ignore[no-untyped-def]
    """Where a task ends whose words an acronym's bracket interrupts: "math word problem
    (MWP) solving" is the task "math word problem solving" (the record names it so, with
    "MWP solving" as an alias). The acronym is written in capitals, the long form in plain
    lower-case words with no coordination or judging word, the head is followed by no noun
    of a built thing ("matching algorithm"), and the title names neither the acronym nor the
    long form (the paper's own method then: "Deformable Spatial Pyramid Matching"). A phrase
    the task list lacks must not spell out an established acronym: "maximum a posteriori
    (MAP) estimation", "nearest neighbor (NN) retrieval" and "signal-to-noise ratio (SNR)
    enhancement" name a means or a quantity."""
    m = _HEAD_AFTER_BRACKET.match(text, ab.short.end_char)
    short, long = ab.short.text, ab.long.text
    if not m or m.group(1) not in _SPLIT_HEADS or not ACRONYM.fullmatch(short):
        return None
    long_words = long.split()
    if (
        not _SPLIT_LONG.fullmatch(long)
        or long_words[0] in STOP
        or any(w in _JUDGING or w in ("and", "or") for w in long_words)
    ):
        return None
    after = text[m.end() : m.end() + 16]
    if _NOUN_AFTER.match(after) or _THING_AFTER.match(after) or _PROCEDURE_AFTER.match(after):
        return None
    title = text[:title_end].lower()
    if re.search(rf"\b{re.escape(short.lower())}\b", title) or long in title:
        return None
    task = f"{long} {m.group(1)}"
    if not listed_task(task) and (
        short in defined_acronyms() or short in method_acronyms() or long in method_lexicon_keys()
    ):
        return None
    return m.end()


def _drop_cut_title_tasks(text: str, mentions: list[Mention]) -> None:
    """A title task cut short by a modifier the rules skip ("Open Vocabulary Instance
    Segmentation" -> "vocabulary instance segmentation") goes when the abstract names the
    whole phrase, the title's word before it included ("open vocabulary instance
    segmentation"), unless the list knows the short one."""
    tasks = [m for m in mentions if m.kind == "task"]
    names = {m.text.lower() for m in tasks}
    for m in tasks:
        before = text[: m.start].split()[-1:]
        if (
            "title" in m.extractor
            and before
            and f"{before[0]} {m.text}".lower() in names
            and not listed_task(m.text)
        ):
            mentions.remove(m)


# Words that say how many tasks, not which: "numerous natural language processing tasks".
_QUANTIFIERS = frozenset("numerous various several many diverse multiple few some".split())


def _drop_quantifiers(mentions: list[Mention]) -> None:
    """A task phrase of these rules that opens with a quantifier loses it ("multiple medical
    image segmentation" -> "medical image segmentation"), unless the list knows the whole
    phrase ("multiple object tracking"); one that is then a lone modifier ("multiple
    self-supervised") is dropped."""
    for m in list(mentions):
        if m.kind != "task" or not m.extractor.startswith("kg_tasks") or "title" in m.extractor:
            continue  # a title's "Multiple Structured-Instance Learning" is a name
        first, _, rest = m.text.partition(" ")
        if first.lower() not in _QUANTIFIERS or not rest or listed_task(m.text):
            continue
        if " " not in rest and rest.lower() not in HEADS:
            mentions.remove(m)
            continue
        m.start, m.text = m.start + len(first) + 1, rest


# Broad frames that present lower-case phrases as tasks, wherever the head word: a list
# right before "tasks" / "problems" ("on nlp, chess, and reward modeling tasks"), a list after
# "tasks such as" ("tasks such as video pose estimation and video object detection"), a
# sentence that calls its subject a problem ("face clustering is a fundamental problem") and
# "the X problem" ("address the domain shift problem").
_ITEM = r"[a-z0-9][a-z0-9\-]*(?: [a-z0-9][a-z0-9\-]*){0,3}"
_PAREN = r"(?: \([^()]{1,15}\))?"
_LIST = rf"{_ITEM}{_PAREN}(?:(?:, | and |, and | or |, or ){_ITEM}{_PAREN}){{0,5}}"
_SEP = re.compile(r", and |, or |, | and | or ")
_LIST_BEFORE_NOUN = re.compile(rf"(?<![\w\-(])({_LIST}) (?:tasks|problems)\b")
_LIST_AFTER_FRAME = re.compile(
    rf"\b(?:tasks|problems|applications)(?: \([^()]*\))?,? (?:such as|like|including|e\.g\.,?|\()\s?"
    rf"({_LIST})(?=[.,;:)]| (?:and so|etc|as well|with|where|which|that|using|by|via)\b)"
)
_IS_PROBLEM = r" (?:is|remains|has been|has become) (?:a|an|one of the) (?:[a-z\-]+ ){0,3}(?:problems?|tasks?|challenges?)\b"
_SUBJECT_IS_PROBLEM = re.compile(rf"(?:^|(?<=[.!?] )|(?<=\n))({_ITEM}){_IS_PROBLEM}")
# Its second half alone, searched first: it starts with a plain space, so the search skips
# fast, and it is in few abstracts (1 in 15), while the whole pattern tries every position.
_IS_PROBLEM_RE = re.compile(_IS_PROBLEM)
_THE_X_PROBLEM = re.compile(
    r"\b(?:the|address\w*|solv\w*|tackl\w*|alleviat\w*|mitigat\w*|overcom\w*) (?:the )?"
    r"([a-z0-9][a-z0-9\-]*(?: [a-z0-9][a-z0-9\-]*){0,2}) problems?\b"
)
# Words before "tasks" / "problems" that say which tasks, not what they are.
# Words that say which tasks: "downstream tasks", "other similar problems".
_WHICH = set(
    """downstream various several many multiple diverse these those such both other similar
    related following above same real-world auxiliary individual specific new unseen seen
    held-out""".split()
)
_NOT_TASK_WORDS = _WHICH | set(
    """real world practical complex hard difficult simple easy benchmark evaluation test
    target source pretext proxy main primary secondary prediction inference optimization
    learning vision language modeling modelling machine research open long-standing this
    that two three four five six seven eight nine ten reasoning algorithmic standard common
    general generic classical key core original resulting toy inverse large-scale small-scale
    challenging nlp cv""".split()
)


def _task_item(
    text: str, s: int, e: int, verbs: frozenset[str], trim: bool = True
) -> tuple[int, int] | None:
    """The task phrase of one list item: its plain words after any lead verb or judgement
    (``trim=False``: the item must be the phrase as it stands)."""
    words = [(m.start() + s, m.end() + s, m.group()) for m in WORD.finditer(text[s:e])]
    n = len(words)
    if trim:  # the phrase is the run of plain words at the end ("results on | leaf counting")
        cut = [k for k, (_, _, w) in enumerate(words) if not _inner(w)]
        words = words[cut[-1] + 1 :] if cut else words
    while words and not _inner(words[0][2]) or words and _opens_clause(words, verbs):
        words = words[1:]
    if not words or (not trim and len(words) < n):
        return None
    last = words[-1][2]
    if any(not _inner(w) for _, _, w in words) or PLURAL_NOUN.search(last):
        return None  # "nonlinear systems": things, not a problem
    if _ADJ_COMPOUND.search(last) or last.endswith("-shot") or last in _FIELD_WORDS:
        return None  # "handle zero-shot tasks": the item only says which tasks
    if _adjective_like(last):
        return None  # "possible auxiliary tasks", "ultra high-dimensional problems": likewise
    if any(w in verbs and w not in _task_words() for _, _, w in words[:-1]):
        return None  # "mixtures contain few temporal tasks": a clause
    if any(w in ("task", "tasks", "problem", "problems") for _, _, w in words):
        return None
    if all(w in _NOT_TASK_WORDS or w in _NOT_HEADS for _, _, w in words):
        return None
    if len(words) == 1 and not (last in HEADS or problem_head(last) and last[-3:] != "ing"):
        return None  # "zero-shot tasks", "the non-convex problem": a property, not a task
    phrase = text[words[0][0] : words[-1][1]]
    if phrase in _GENERIC or phrase in _FIELDS:
        return None
    return words[0][0], words[-1][1]


# Adjective endings ("identical", "synthetic", "collaborative", "continuous", "feasible"). A
# word with one ends a task phrase only if it ends a Papers-with-Code task ("retrieval") or is a
# noun below; "-ment" nouns ("placement") and "-ent" / "-ant" words are not tested at all.
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ous|ible|able|ary)$")
_NOUNS_WITH_ADJECTIVE_END = {"topic", "logic", "music", "traffic", "arithmetic", "summary"}
# Words that say which tasks ("two single tasks", "other auxiliary tasks"), never what they
# are: no task phrase ends in one.
_WHICH_WORDS = _WHICH | {"single", "different"}


def _adjective_like(word: str) -> bool:
    """``word`` reads as an adjective or determiner, so it cannot end a task phrase."""
    if word in _WHICH_WORDS:
        return True
    return (
        bool(_ADJECTIVE_END.search(word))
        and word not in _NOUNS_WITH_ADJECTIVE_END
        and word not in _task_last_words()
    )


@lru_cache(maxsize=1)
def _task_last_words() -> frozenset[str]:
    """The last word of every Papers-with-Code task name ("retrieval", "alignment")."""
    return frozenset(t.lower().split()[-1] for t in gazetteer.load()["tasks"] if t.strip())


@lru_cache(maxsize=1)
def _task_words() -> frozenset[str]:
    """Every word of a Papers-with-Code task name, verbs too ("transfer", "pose")."""
    return frozenset(
        w
        for t in gazetteer.load()["tasks"]
        for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", t.lower())
    )


def _inner(word: str) -> bool:
    """A word that may sit inside a listed task ("pose" is also a verb: "video pose estimation")."""
    return (
        word not in STOP
        and word not in _JUDGING
        and not word.endswith("ly")
        and bool(_PLAIN.fullmatch(word))
    )


def _opens_clause(words: list[tuple[int, int, str]], verbs: frozenset[str]) -> bool:
    """The first word is a verb of the sentence, not the start of the task phrase."""
    w = words[0][2]
    if "-" in w:
        return False  # "over-smoothing", "multi-hop": compounds are nouns or modifiers
    if verb_form(w, verbs):
        return True  # "solving inverse imaging problems", "boosts vision tasks"
    if w in verbs:
        return w not in _task_words() or len(words) < 2 or not problem_head(words[-1][2])
    return lead_modifier(w)


_FIELD_WORDS = {
    "benchmark",
    "vision",
    "language",
    "speech",
    "audio",
    "text",
    "image",
    "video",
    "graph",
    "data",
}


def _last_word(text: str, end: int) -> str:
    """The whitespace-separated word that ends at ``end`` ("" when there is none)."""
    words = text[max(0, end - 40) : end].split()
    return words[-1] if words else ""


_TASKS_WORD = re.compile(r" (?:tasks|problems)\b")


def _lists_before_noun(text: str) -> Iterator[re.Match[str]]:
    """``_LIST_BEFORE_NOUN.finditer(text)``, but tried only in a window before each "tasks" /
    "problems": the pattern can only end there, and trying it from every word of the text
    made it the slowest step of extraction."""
    done = 0
    for w in _TASKS_WORD.finditer(text):
        if w.start() < done:
            continue
        m = _LIST_BEFORE_NOUN.search(text, max(done, w.start() - 500), w.end())
        if m:
            done = m.end()
            yield m


def listed_tasks(text: str) -> list[tuple[int, int, str]]:
    """Offsets of task phrases that the lower-cased ``text`` frames as tasks by a list or a
    problem statement: ``listed_tasks("on chess and reward modeling tasks.")`` gives "chess"
    and "reward modeling"."""
    verbs = _vocab()[1]
    out = []
    for how, matches in (
        ("list", _lists_before_noun(text)),
        ("such", _LIST_AFTER_FRAME.finditer(text)),
    ):
        for m in matches:
            pos, items = m.start(1), _SEP.split(m.group(1))
            spans = []
            for item in items:
                s = text.index(item, pos)
                pos = s + len(item)
                bare = re.sub(r" \([^()]*\)$", "", item)
                spans.append(_task_item(text, s, s + len(bare), verbs))
            # The list runs from the frame: before "tasks" back from its last item, after
            # "such as" on from its first, up to the first item that is no task phrase.
            if how == "list":
                spans.reverse()
            for k, span in enumerate(spans):
                if span is None or (
                    how == "list" and k and not problem_head(_last_word(text, span[1]))
                ):
                    break  # "limited to a single modality and ... problems": a clause
                out.append((*span, how))
    for m in _SUBJECT_IS_PROBLEM.finditer(text) if _IS_PROBLEM_RE.search(text) else ():
        span = _task_item(text, m.start(1), m.end(1), verbs, trim=False)
        if span:
            out.append((*span, "isa"))
    for m in _THE_X_PROBLEM.finditer(text):
        span = _task_item(text, m.start(1), m.end(1), verbs, trim=False)
        if span:
            out.append((*span, "problem"))
    return out
