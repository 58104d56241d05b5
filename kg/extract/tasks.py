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
from kg.extract.doc import Mention
from kg.extract.names import paradigm_or

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
}
STOP = set(
    """a an the of for and or in on with to by from as at into via over under our we their
its his her this that these those such both each every all any some many several various
different other others new novel existing previous prior recent current traditional
conventional standard typical popular common general generic simple effective efficient robust
accurate strong better best improved improving improve improves proposed propose present
presents introduce introduces our challenging difficult important key main major large
significant better state-of-the-art sota downstream future further more most less high low
good great real practical powerful additional related specific certain particular whole full
first second third two three four five one is are was were be been being can could may might
will would should must has have had do does did not no than then also only just well very
unified joint end-to-end based driven guided aware using used use via toward towards what
which who how where when while during across between among within without including include
includes e.g. i.e. etc. it they them he she you your my me us self own same like""".split()
)
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
    verbs = set(gaz.get("verbs", []))
    return frozenset(words - verbs - STOP), frozenset(verbs)


_ADJ_COMPOUND = re.compile(
    r"-(?:based|consuming|quality|efficient|intensive|like|aware|art|specific|scale|level|free|"
    r"friendly|agnostic|dependent|independent|driven|oriented|intensive|related)$"
)


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
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
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
            if pw not in vocab and not _task_compound(pw, vocab):
                break
            j -= 1
        start = toks[j][0]
        # Capitalised word right before: part of a name, not a task phrase.
        if start > 0 and text[start - 1].isalnum():
            continue
        out.append((start, e))
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
        if n_words == 1 and not in_list:
            continue
        # Upper-case letters inside the original phrase mean a name ("Video Swin Transformer").
        original = text[s:e]
        if any(c.isupper() for c in original[1:]) and not original.istitle():
            continue
        if _NOUN_AFTER.match(text[e : e + 16]):
            continue
        doc._.mentions.append(Mention(s, e, original, "task", "kg_tasks", 0.45))
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
