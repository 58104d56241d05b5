"""What the paper itself introduces: proposed methods and introduced datasets.

Cues (each a pure function of the text, so they generalise beyond any one abstract):

* a title of the form ``X: ...`` (or ``X - ...``) whose head is a short name;
* "we propose / introduce / present / develop X", "a ... framework, termed / dubbed / called X",
  "our X";
* an acronym defined in a contribution sentence, or naming a component ("group affinity module
  (GAM)") of the paper's method;
* "a new dataset / benchmark, X" or "X, a new benchmark" marks a dataset as introduced.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Mention, abstract_sents, is_name_shaped, resolve_overlaps
from kg.extract.names import _FAMILY_LONG, _TASK_HEADS, GENERIC, method_lexicon

_CONTRIB = re.compile(
    r"\b(?:we|this\s+(?:paper|work|study|article)|our\s+(?:work|paper)|here)\s+(?:\w+\s+){0,3}?"
    r"(?:propose|introduce|present|develop|design|devise|contribute|build|construct|create|"
    r"release|curate|collect|put\s+forward|formulate|establish|offer|name|call|term)(?:s|d|ed)?\b",
    re.I,
)
_NAMING = re.compile(
    r"\b(?:(?:termed|dubbed|called|named|coined)(?:\s+as)?|denoted(?:\s+as)?|referred\s+to\s+as|"
    r"abbreviated\s+as|short\s+for)\b\s*[:,]?\s*$",
    re.I,
)
_OUR = re.compile(
    r"\b(?:our|the\s+proposed)\s+(?:(?:[\w-]+\s+){0,3}(?:model|method|framework|approach|system|"
    r"agent|network|architecture|algorithm)s?\s*,?\s*(?:(?:called|named|termed|dubbed)(?:\s+as)?)?\s*)?$",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:proposed|introduced|presented|developed|designed|devised)\b",
    re.I,
)
_COMPONENT = re.compile(
    r"\b(?:module|block|layer|loss|mechanism|strategy|network|head|encoder|decoder|unit|"
    r"attention|supervision|regularizer|regularization|objective|algorithm|framework|model|"
    r"method|approach|paradigm|scheme|pipeline|architecture|system|agent|prompting|policy)s?$",
    re.I,
)
_TITLE_HEAD = re.compile(r"^\s*([^:]{2,60}?)\s*(?::|\s-\s|\s\u2013\s)\s*\S")


def title_name(title: str) -> str | None:
    """The name a title gives its method: "ReCo: Retrieve and Co-segment ..." -> "ReCo"."""
    m = _TITLE_HEAD.match(title)
    if not m:
        return None
    head = m.group(1)
    ws = head.split()
    if len(ws) > 3:
        return None
    if any(is_name_shaped(w.strip("()")) for w in ws) or (
        len(ws) == 1 and ws[0][:1].isupper() and ws[0].isalpha()
    ):
        return head if head not in GENERIC else None
    return None


# A title splits into noun phrases at prepositions, conjunctions, punctuation and participles
# with their agent ("... Model Guided by Human Attention").
_TITLE_SPLIT = re.compile(
    r"\s+(?:[A-Za-z]+ed\s+)?(?i:for|with|via|using|in|on|from|by|through|of|to|and|or|under|"
    r"against|towards?|beyond|without|as|at|into|is|are|the|a|an|vs\.?|versus)\s+|"
    r"\s*[:?!,;.]\s+|\s[-\u2013\u2014]\s|\s*[()]\s*"
)
_TITLE_WORD = re.compile(r"^[A-Z0-9][\w'\u2019+]*(?:-[\w'\u2019+]+)*$")
# Heads of things a paper builds (not "learning", "detection": those name problems).
_ARTEFACT = (
    r"(?:network|net|model|transformer|filter|loss|router|convolution|attention|module|layer|"
    r"machine|autoencoder|encoder|decoder|sampler|estimator|algorithm|framework|pipeline|"
    r"architecture|mechanism|operator|unit|block|pooling|prompting|regularizer|tree|forest|"
    r"gan|agent)s?"
)
_ARTEFACT_END = re.compile(_ARTEFACT + r"$", re.I)
_GENERIC_HEAD = re.compile(
    r"(?:model|framework|method|approach|system|algorithm|architecture)s?$", re.I
)
# Separators after which a title phrase is the means ("X with / via / using Y"), not the
# problem or domain ("X for Y", "X in Y").
_MEANS_SEP = {"", "with", "via", "using", "by", "through", "and", ":"}


def _singular(low: str) -> str:
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def title_phrases(title: str) -> list[tuple[int, int, str, str]]:
    """The Title-Case noun phrases of a title (2-6 words, a leading article dropped), with
    their offsets and the separator before them: "Action Quality Assessment with Temporal
    Parsing Transformer" -> [(0, 25, "Action Quality Assessment", ""), (31, 58, "Temporal
    Parsing Transformer", "with")]."""
    out = []
    pos, sep = 0, ""
    for m in [*_TITLE_SPLIT.finditer(title), None]:
        end = m.start() if m else len(title)
        seg = title[pos:end]
        ws = seg.split()
        start = pos + (len(seg) - len(seg.lstrip()))
        if ws and ws[0] in ("Towards", "Toward", "Beyond", "On"):
            sep = ws[0].lower()  # a goal or a study of the phrase, not its name
        while ws and ws[0] in ("The", "A", "An", "Towards", "Toward", "Beyond", "On"):
            start = title.index(ws[0], start) + len(ws[0]) + 1
            ws = ws[1:]
        if 2 <= len(ws) <= 6 and all(_TITLE_WORD.match(w) for w in ws):
            out.append((start, start + len(" ".join(ws)), " ".join(ws), sep))
        if m:
            sep = " ".join(m.group().lower().split())
            pos = m.end()
    return out


def _acronym_of(words: list[str]) -> str:
    return "".join(p[:1] for w in words for p in w.split("-")).upper()


def title_proposals(title: str, sentences: list[str], contrib: list[bool]) -> list[tuple[int, int]]:
    """Title phrases that name the paper's own contribution (call 8 of eval/README.md): a
    Title-Case noun phrase of the title, in the means position, that either ends in the head
    of a built thing ("Temporal Parsing Transformer", "The Extended Parameter Filter") or is
    echoed before such a head in a contribution sentence ("an object-level proposal model is
    presented"). An abstract without a contribution sentence proposes nothing; a phrase the
    abstract already mentions before its first contribution sentence is an existing concept
    ("Spectral Mixture Kernels for ..."), and so are lexicon names and families whose
    acronym is generic ("Generative Adversarial Networks")."""
    if not any(contrib):
        return []
    first = contrib.index(True)
    background = " ".join(sentences[:first]).lower()
    contribution = " ".join(s for s, c in zip(sentences, contrib, strict=True) if c).lower()
    known = _lexicon_keys()
    out = []
    for start, end, phrase, sep in title_phrases(title):
        ws = phrase.split()
        low = phrase.lower()
        sing = _singular(low)
        if (
            sep not in _MEANS_SEP
            or ws[0].lower().endswith("ing")
            or sing in background
            or low in known
            or sing in known
            or _FAMILY_LONG.match(low)
            or _acronym_of(ws) in GENERIC
            or _acronym_of(ws).rstrip("S") in GENERIC
            or _TASK_HEADS.search(low)
            or low.endswith("learning")
        ):
            continue
        if _GENERIC_HEAD.search(low) and (
            len(ws) < 3 or low.endswith("s") or ws[-2].lower().endswith("ing")
        ):
            continue  # "A Unified Framework", "Deep Structured Models", "... Learning Framework"
        echoed = re.search(re.escape(sing) + r"s?\s+" + _ARTEFACT + r"\b", contribution)
        if _ARTEFACT_END.search(low) or echoed:
            out.append((start, end))
    return out


@lru_cache(maxsize=1)
def _lexicon_keys() -> frozenset[str]:
    return frozenset(x.lower() for x in method_lexicon())


@Language.component("kg_contributions")
def find_contributions(doc: Doc) -> Doc:
    text = doc.text
    title = text[: doc._.title_end]
    doc._.mentions = mentions = resolve_overlaps(doc._.mentions)
    proposed_names: set[str] = set()

    tname = title_name(title)
    if tname:
        start = title.index(tname)
        hit = next((m for m in mentions if m.start == start and m.end == start + len(tname)), None)
        if hit is None:
            hit = Mention(start, start + len(tname), tname, "method", "kg_contributions", 0.9)
            mentions.append(hit)
        hit.kind, hit.proposed, hit.confidence = "method", True, 0.9
        hit.extractor = "kg_contributions"
        # Other mentions of the same title name (e.g. a gazetteer dataset hit) are this method.
        for m in mentions:
            if m.text == tname:
                m.kind = "method"
        proposed_names.add(tname)
        # A plain-word title name ("Mugs") is no name shape: find its other mentions here.
        taken = [(m.start, m.end) for m in mentions]
        for occ in re.finditer(rf"(?<![\w-]){re.escape(tname)}(?![\w-])", text):
            if not any(occ.start() < e and s < occ.end() for s, e in taken):
                mentions.append(
                    Mention(occ.start(), occ.end(), tname, "method", "kg_contributions", 0.85, True)
                )

    if not tname and title_phrases(title):  # cheap test first: most titles have none
        sents = abstract_sents(doc)
        flags = [bool(_CONTRIB.search(x.text) or _PASSIVE.search(x.text)) for x in sents]
        for s0, s1 in title_proposals(title, [x.text for x in sents], flags):
            phrase = text[s0:s1]
            acronym = _acronym_of(phrase.split())
            named = [m for m in mentions if m.text in (acronym, acronym + "s") and m.start > s1]
            if named:  # the title spells out the acronym the abstract uses ("DCCF")
                for m in named:
                    m.long = m.long or phrase
                continue
            _propose_title_phrase(doc, mentions, s0, s1, proposed_names)

    long_start = {ab.short.start_char: ab.long.start_char for ab in doc._.abbreviations}
    contrib_spans: list[tuple[int, int]] = []  # from the contribution verb to the sentence end
    for sent in abstract_sents(doc):
        s_text = sent.text
        for nm in _NAMED_TITLED.finditer(s_text):
            s0, s1 = sent.start_char + nm.start(1), sent.start_char + nm.end(1)
            if not any(s0 < m.end and m.start < s1 for m in mentions):
                mentions.append(
                    Mention(s0, s1, nm.group(1), "method", "kg_contributions", 0.75, True)
                )
                proposed_names.add(nm.group(1))
        cm = _CONTRIB.search(s_text)
        pm = None if cm else _PASSIVE.search(s_text)
        if not (cm or pm):
            continue
        verb = cm or pm
        assert verb is not None
        contrib_spans.append((sent.start_char + (verb.start() if cm else 0), sent.end_char))
        in_sent = sorted(
            (
                m
                for m in mentions
                if sent.start_char <= m.start < sent.end_char and m.kind in ("method", "dataset")
            ),
            key=lambda m: m.start,
        )
        if pm:  # "a ... (MCL) method is proposed": the last name before the verb
            verb_at = sent.start_char + pm.start()
            before = [m for m in in_sent if m.end <= verb_at]
            chosen = before[-1:] if before else []
        else:
            assert cm is not None
            after = sent.start_char + cm.end()
            chosen = _chosen_after(
                text, [m for m in in_sent if m.start >= after], after, long_start
            )
            for s0, s1 in _titled_names(text, after, sent.end_char):
                if not any(s0 < m.end and m.start < s1 for m in mentions):
                    hit = Mention(s0, s1, text[s0:s1], "method", "kg_contributions", 0.7)
                    mentions.append(hit)
                    chosen.append(hit)
        for m in chosen:
            if m.extractor == "kg_lexicon":
                continue  # an established method is used, not introduced
            if _is_dataset_apposition(text, m) or (
                m.kind == "dataset" and m.extractor != "kg_names"
            ):
                m.kind = "dataset"
            m.proposed = True
            m.confidence = max(m.confidence, 0.8)
            proposed_names.add(m.text)

    # "our X" anywhere names the paper's own method.
    for m in mentions:
        if (
            m.kind == "method"
            and not m.proposed
            and _OUR.search(
                text[
                    max(0, long_start.get(m.start, m.start) - 30) : long_start.get(m.start, m.start)
                ]
            )
        ):
            m.proposed = True
            proposed_names.add(m.text)

    # Acronyms: defined in a contribution sentence, or naming a component of the paper's method.
    for ab in doc._.abbreviations:
        short, long = ab.short.text, ab.long.text
        # Defined after the contribution verb, and named like a thing that is built (a
        # component noun or a Title-Case name): "we introduce ... a group affinity module (GAM)"
        # but not "we study uncertainty quantification (UQ)".
        in_contrib = (
            any(start <= ab.short.start_char < end for start, end in contrib_spans)
            and bool(
                _COMPONENT.search(long)
                or all(w[:1].isupper() for w in long.split())
                # "a group-based symmetric triplet (GST) loss"
                or _COMPONENT.search(
                    " ".join(text[ab.short.end_char : ab.short.end_char + 20].split()[1:2])
                )
            )
        )
        component = _COMPONENT.search(long) and not long[:1].isupper()
        for m in mentions:
            if m.text == short and m.kind == "method":
                m.long = m.long or long
                if (
                    in_contrib or component or short in proposed_names
                ) and m.extractor != "kg_gazetteer":
                    m.proposed = True
                    proposed_names.add(short)
        if short in proposed_names:
            for m in mentions:
                if m.text == short:
                    m.proposed = True
                    m.long = m.long or long
    # Every mention of a proposed name is proposed; a name introduced as a benchmark or
    # dataset anywhere ("NEVIS'22, a benchmark of ...") is a dataset everywhere.
    datasets = {
        m.text for m in mentions if m.text in proposed_names and _is_dataset_apposition(text, m)
    }
    for m in mentions:
        if m.text in proposed_names and m.kind in ("method", "dataset"):
            m.proposed = True
            if m.text in datasets:
                m.kind = "dataset"
    return doc


def _propose_title_phrase(
    doc: Doc, mentions: list[Mention], s0: int, s1: int, proposed_names: set[str]
) -> None:
    """Make the title phrase ``doc.text[s0:s1]`` a proposed method, replacing the mentions
    inside it, and mark its other occurrences in the abstract (any case) as the same."""
    text = doc.text
    phrase = text[s0:s1]
    mentions[:] = [m for m in mentions if not (s0 <= m.start and m.end <= s1)]
    if any(m.start < s1 and s0 < m.end for m in mentions):
        return
    mentions.append(Mention(s0, s1, phrase, "method", "kg_contributions", 0.75, True))
    proposed_names.add(phrase)
    for occ in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text[s1:], re.I):
        o0, o1 = s1 + occ.start(), s1 + occ.end()
        if not any(o0 < m.end and m.start < o1 for m in mentions):
            mentions.append(Mention(o0, o1, occ.group(), "method", "kg_contributions", 0.7, True))


_USED_BEFORE = re.compile(
    r"\b(?:from|of|on|upon|using|use|uses|with|by|via|than|over|like|including|as|into|"
    r"to|for|leverag\w+|adopt\w*|extend\w*|based)\s+(?:the\s+|a\s+|an\s+)?"
    # "a framework for multi-hop NLI": the name after a preposition is used or addressed
    r"(?-i:[a-z][\w-]*\s+){0,2}$",
    re.I,
)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+(?:[a-z-]+\s+){0,3})?$")
_DS_BEFORE = re.compile(
    r"\b(?:dataset|benchmark|corpus|suite|testbed)s?\s*,?\s*(?:called|named|termed|dubbed)?\s*$",
    re.I,
)
_DS_AFTER = re.compile(
    r"^\)?\s*(?:,|\(|:)?\s*(?:a|an|the|which\s+is\s+a)?\s*(?:[\w-]+\s+){0,4}?(?:dataset|benchmark|corpus|suite|testbed)s?\b",
    re.I,
)


_TITLED = re.compile(
    r"\b(?:a|an|the|our|featuring\s+a|featuring\s+an|with\s+a|comprising\s+a|including\s+a)\s+"
    r"((?:[A-Z][\w-]*\s+){1,4}?[A-Z][\w-]*)\s+"
    r"(?=(?:framework|model|method|module|network|architecture|algorithm|approach|system|agent|"
    r"mechanism|strategy|pipeline|block|layer|loss)s?\b)"
)
_TITLED_COMPONENT = re.compile(
    r"\b(?:featuring|comprising|consisting\s+of|including|with)\s+(?:a|an)\s+"
    r"((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*))?)(?=[\s,.;]|$)"
)


# A Title-Case phrase given right after a naming verb, maybe in quotes: 'which we term
# "Comparative Knowledge Distillation"', "a scheme called Knowledge Router".
_NAMED_TITLED = re.compile(
    r"\b(?:(?:we|they)\s+(?:term|call|name|dub)|termed|dubbed|called|named|coined)\s+"
    r"(?:it\s+|this\s+|them\s+)?(?:as\s+)?[\"\u201c']?"
    r"((?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*)(?=[\"\u201d'\s,.;:)]|$)"
)


def _titled_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Title-case names given to what is proposed: "we propose a Hybrid LVLMs Collaboration
    framework, featuring a Frame Selector" -> the two names' offsets."""
    out = []
    for rx in (_TITLED, _TITLED_COMPONENT):
        for m in rx.finditer(text, start, end):
            words = m.group(1).split()
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                out.append((m.start(1), m.end(1)))
    return out


def _chosen_after(
    text: str, cands: list[Mention], after: int, long_start: dict[int, int]
) -> list[Mention]:
    """After "we propose/introduce ...": the first name (unless it is plainly used: "from CLIP"),
    the names listed right after it, and any name introduced by "termed/dubbed/called".
    ``long_start`` maps an acronym's offset to its long form's, whose lead then counts
    ("using Laplacian approximation (LA)" is used, not proposed)."""
    chosen: list[Mention] = []
    for m in cands:
        at = long_start.get(m.start, m.start)
        lead = text[max(after, at - 40) : at]
        if _NAMING.search(lead) or _OUR.search(lead):
            chosen.append(m)
        elif not chosen and m.start - after < 160:
            if _USED_BEFORE.search(lead):
                continue
            if m.extractor in ("kg_gazetteer", "kg_lexicon") and m.kind == "method":
                continue  # a known, existing method is used, not proposed
            chosen.append(m)
        elif chosen and _LIST_GAP.match(text[chosen[-1].end : m.start]):
            chosen.append(m)
    return chosen


def _is_dataset_apposition(text: str, m: Mention) -> bool:
    """ "a new dataset, X" / "X, a large-scale benchmark" / "the X benchmark"."""
    return bool(_DS_BEFORE.search(text[max(0, m.start - 40) : m.start])) or bool(
        _DS_AFTER.match(text[m.end : m.end + 60])
    )
