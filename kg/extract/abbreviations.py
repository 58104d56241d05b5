"""Acronym / long-form pairs, after Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text" (PSB 2003).

For every ``long form (SF)`` (and ``SF (long form)``, ``long form, or SF for short``) the short
form's characters are matched right to left against the words before the bracket; the first
character of the short form must start a word. A title "PPT: Pre-trained Prompt Tuning for
..." pairs its name with the capitalised words after the colon that spell it
(:func:`title_long_form`), unless the abstract defines the name itself. Pure helpers
(:func:`find_long_form`, :func:`title_long_form`) are testable alone.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Abbreviation, doc_text, sentence_bounds
from kg.extract.names import MINOR_WORDS, classify_by_long
from kg.extract.words import BRACKETED

_PAREN = re.compile(r"\(([^()]{1,20})\)")
_SPACE_WORD = re.compile(r"\S+")
_CLAUSE_IN_LONG = re.compile(r"\b(?:we|our|us|this paper|this work)\b", re.I)
_QUOTE_PAIRS = {'"': '"', "'": "'", "`": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
# "Leave-One-Out K-Nearest-Neighbor, or LOOK for short", "module (FLGC for short)".
_FOR_SHORT = re.compile(r"(?:,\s*or\s+|\s+or\s+|\s*\()([A-Za-z0-9][\w\-]{1,11})\s+for\s+short\b")


def is_short_form(text: str) -> bool:
    """A candidate short form: 2-10 chars, one word, has a letter and an upper-case letter."""
    words = text.split()
    return (
        0 < len(words) <= 2
        and 2 <= len(text) <= 12
        and any(c.isalpha() for c in text)
        and any(c.isupper() for c in text)
        and text[0].isalnum()
    )


def find_long_form(short: str, before: str) -> int | None:
    """Start offset (in ``before``) of the long form that ``short`` abbreviates, or None.

    >>> before = "we use masked language modeling "
    >>> before[find_long_form("MLM", before):].strip()
    'masked language modeling'
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters:
        return None
    capitals = _capitals_start(short, before)
    if capitals is not None:
        return capitals + _opening_quotes(before[capitals:])
    words = before.rstrip().split(" ")
    max_words = min(len(letters) + 5, len(letters) * 2)
    window = " ".join(words[-max_words:])
    offset = len(before.rstrip()) - len(window)
    s_i = len(letters) - 1
    l_i = len(window) - 1
    while s_i >= 0:
        c = letters[s_i]
        # Walk left to a matching char; the short form's first char must start a word.
        while l_i >= 0 and (
            window[l_i].lower() != c or (s_i == 0 and l_i > 0 and window[l_i - 1].isalnum())
        ):
            l_i -= 1
        if l_i < 0:
            return None
        s_i -= 1
        l_i -= 1
    start = window.rfind(" ", 0, l_i + 1) + 1
    if window[start : start + 1] == "(" and ")" not in window[start:]:
        start += 1  # "tasks (Grammatical Error Correction (GEC)": the outer bracket's opening
    start += _opening_quotes(window[start:])
    long = window[start:].strip()
    if len(long) <= len(short) or not long or long.endswith(short):
        return None
    if long.count("(") != long.count(")"):
        return None  # "deeply (FST-D) and widely (FST-W)": half a bracket, not a long form
    if _CLAUSE_IN_LONG.search(long):
        return None  # "this paper, we propose versaTile ... emOtion Recognition (TAILOR)"
    return offset + start


def _opening_quotes(long: str) -> int:
    """How many quotes open ``long`` that it does not close: '"Vision-language navigation'
    (a quote that opens the text, not the name) gives 1, '"Direct Optimization" ' 0."""
    k = 0
    while long[k : k + 1] in _QUOTE_PAIRS and _QUOTE_PAIRS[long[k]] not in long[k + 1 :]:
        k += 1
    return k


def _capitals_start(short: str, before: str) -> int | None:
    """Start of the words right before the bracket whose capitals, in order, spell the short
    form ("versaTile multi-modAl learning for multI-labeL emOtion Recognition (TAILOR)",
    "DEtection TRansformer (DETR)"), when some of them write a capital inside the word; else
    None (the letter-by-letter search decides)."""
    target = "".join(c for c in short if c.isalnum()).upper()
    if not target.isalpha() or len(target) < 2:
        return None
    text = before.rstrip()
    got = ""
    inner = False
    for m in reversed(list(_SPACE_WORD.finditer(text))):
        caps = "".join(c for c in m.group() if c.isupper())
        inner = inner or any(c.isupper() for c in m.group()[1:])
        got = caps + got
        if not target.endswith(got):
            return None
        if got == target:
            long = text[m.start() :]
            if not inner or "," in long or _CLAUSE_IN_LONG.search(long):
                return None
            return m.start()
    return None


# "PPT: Pre-trained Prompt Tuning for Few-shot Learning": a title's name before the colon,
# then the words that may spell it.
_TITLE_HEAD = re.compile(r"\s*([A-Za-z0-9][\w\-]{1,11}):\s+")
_TITLE_MINOR = MINOR_WORDS | {"from", "via", "by", "at", "as"}


def title_long_form(title: str) -> tuple[int, int, int, int] | None:
    """The name before a title's colon and the capitalised words right after it that spell
    it, as (short start, short end, long start, long end): "PPT: Pre-trained Prompt Tuning
    for ...", "GenCo: Generative Co-training for ...". Spelling: the name's capitals are
    initials of the words (and of their hyphenated parts), in order, the first word's first
    and the last word's last. The most such words ("BScNets: Block Simplicial Complex Neural
    Networks"), all capitalised, none past a function word; None when there are none.

    >>> t = "LAG: Lazily Aggregated Gradient for Communication-Efficient Learning"
    >>> s, e, ls, le = title_long_form(t)
    >>> t[s:e], t[ls:le]
    ('LAG', 'Lazily Aggregated Gradient')
    """
    m = _TITLE_HEAD.match(title)
    if m is None or not is_short_form(m.group(1)):
        return None
    caps = [c.lower() for c in m.group(1) if c.isupper()]
    if len(caps) < 2:
        return None
    initials: list[str] = []
    found = None
    for w in list(_SPACE_WORD.finditer(title, m.end()))[: len(caps) + 2]:
        word = w.group()
        if word.lower() in _TITLE_MINOR or not word[0].isupper():
            break
        initials += [part[0].lower() for part in word.split("-") if part]
        rest = iter(initials[1:])
        if (
            initials[0] == caps[0]
            and word[0].lower() == caps[-1]
            and len(initials) > 1
            and all(c in rest for c in caps[1:])
        ):
            found = m.start(1), m.end(1), m.end(), w.end()
    return found


@Language.component("kg_abbreviations")
def find_abbreviations(doc: Doc) -> Doc:
    text = doc_text(doc)
    cands = [(m.start(), m.start(1), m.group(1).strip()) for m in _PAREN.finditer(text)]
    if "for short" in text:
        cands += [(m.start(), m.start(1), m.group(1)) for m in _FOR_SHORT.finditer(text)]
    for before_end, short_start, inner in cands:
        if not is_short_form(inner):
            continue
        sent_start = sentence_bounds(doc, before_end)[0]
        # Earlier brackets are blanked out (offsets kept): "knowledge base (KB) question
        # answering (KBQA)" spells KBQA without the KB bracket.
        before = BRACKETED.sub(lambda b: "_" * len(b.group()), text[sent_start:before_end])
        rel = find_long_form(inner, before)
        if rel is None and any(c.isdigit() for c in inner):
            # "NEVIS'22", "GPT3": the digits are a version, not letters of the long form.
            rel = find_long_form("".join(c for c in inner if c.isalpha()), before)
        if rel is None:
            continue
        long_end = sent_start + len(before.rstrip())
        _add_pair(doc, short_start, short_start + len(inner), sent_start + rel, long_end)
    _add_title_pair(doc, text)
    return doc


def _add_pair(doc: Doc, short_start: int, short_end: int, long_start: int, long_end: int) -> None:
    """Record the acronym at ``short_start:short_end`` with its long form at
    ``long_start:long_end`` (character offsets), when both map onto tokens."""
    short_span = doc.char_span(short_start, short_end, alignment_mode="expand")
    long_span = doc.char_span(long_start, long_end, alignment_mode="expand")
    if long_span is not None and short_span is not None:
        doc._.abbreviations.append(Abbreviation(short=short_span, long=long_span))


def _add_title_pair(doc: Doc, text: str) -> None:
    """The title's "PPT: Pre-trained Prompt Tuning ..." pair, unless the abstract defines the
    name itself (its definition is the author's) or the words name a problem ("IVQA: Inverse
    Visual Question Answering" is the task, and stays one)."""
    pair = title_long_form(text[: doc._.title_end])
    if pair is None or any(ab.short.text == text[pair[0] : pair[1]] for ab in doc._.abbreviations):
        return
    if classify_by_long(text[pair[2] : pair[3]]) == "task":
        return
    _add_pair(doc, *pair)
