"""Word lists shared by the phrase finders (tasks, metrics): function words and verbs.

There is no part-of-speech tagger in the pipeline, so a noun phrase is read as a run of words
that are neither function words / generic adjectives (:data:`STOP`) nor verbs
(:func:`verb_words`, the words the corpus writes right after "we").
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg import gazetteer

# A lower-case word of the lower-cased text, hyphenated parts included; not the "s" of a
# possessive ("model's accuracy") nor a word starting inside another.
WORD = re.compile(r"(?<!['\u2019])\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@lru_cache(maxsize=2)
def lower_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the :data:`WORD` matches of a lower-cased text. The metric and
    task finders read the same lowered Doc text, so it is split once per Doc; callers must
    not change the list."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


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
includes e.g. i.e. etc. it they them he she you your my me us self own same like whose whom
whereby wherein whether upon through beyond against onto about but nor yet if because although
though""".split()
)


@lru_cache(maxsize=1)
def verb_words() -> frozenset[str]:
    """Words seen right after "we" in the corpus (scripts/build_gazetteers.py): verbs, which
    end a noun phrase: ``"propose" in verb_words()``."""
    return frozenset(gazetteer.load().get("verbs", []))


# Gerunds that name a task ("tracking accuracy", "parsing accuracy"): not verbs there.
TASK_HEADS = frozenset(
    """tracking parsing tagging matching ranking clustering filtering labeling labelling
    modeling modelling captioning grounding answering reasoning forecasting editing
    inpainting denoising deblurring dehazing retargeting planning learning processing
    understanding""".split()
)


# An acronym in capitals, as a task name carries it: "RL", "MWP", "DeepQA"; not "kNN", "3D".
ACRONYM = re.compile(r"[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*")

# A plural noun (last word "models", "clouds"), not a singular ending in s ("analysis",
# "consensus", "basis", "physics").
PLURAL_NOUN = re.compile(r"[a-z0-9](?<!s)(?<!i)(?<!u)(?<!ic)s$")
# A bracket with no bracket inside: "(FKD)", "(i.e. the networks obtained on ResNet)".
BRACKETED = re.compile(r"\([^()]*\)")
# After a name: the list it is an item of goes on ("COCO, VOC", "COCO and VOC", "ILSVRC 2013").
LIST_GOES_ON = re.compile(r"\s*(?:,|\(|and\b|or\b|&|\d)")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


def whole_word_spans(text: str, phrase: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Offsets of ``phrase`` in ``text`` not inside a longer word (no letter, digit, "_" or
    "-" on either side); what ``re.finditer(rf"(?<![\\w-]){re.escape(phrase)}(?![\\w-])")``
    finds, without compiling a pattern for every phrase.

    >>> whole_word_spans("GAN and DCGAN, GAN-based, GAN.", "GAN")
    [(0, 3), (26, 29)]
    """
    if not phrase:
        return []
    hay, needle = text, phrase
    if ignore_case:
        hay, needle = text.lower(), phrase.lower()
        if len(hay) != len(text) or len(needle) != len(phrase):  # lower() changed lengths
            flags = re.I
            rx = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", flags)
            return [m.span() for m in rx.finditer(text)]
    out = []
    i = hay.find(needle)
    while i >= 0:
        j = i + len(needle)
        if (i == 0 or not _is_word_char(hay[i - 1])) and (
            j == len(hay) or not _is_word_char(hay[j])
        ):
            out.append((i, j))
            i = hay.find(needle, j)
        else:
            i = hay.find(needle, i + 1)
    return out
