"""Turn an annotated Doc into a :class:`~kg.model.PaperRecord` (the gold format + evidence).

Mentions are grouped by normalised name; a long form defined by an acronym joins its short
form's item, and so does a proposed name that ends in it ("Deep Texture Encoding Network" and
"Texture Encoding Network (TEN)"); offsets are mapped from the clean view back to the original
title or abstract.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.doc import doc_text, resolve_overlaps, sentence_bounds
from kg.extract.gazetteer_matcher import COMMON_METRIC_WORDS
from kg.extract.names import established_method
from kg.extract.words import ACRONYM
from kg.model import (
    ComparisonItem,
    EntityItem,
    Evidence,
    LinkItem,
    Paper,
    PaperRecord,
    ResultItem,
)
from kg.names import name_key, url_key
from kg.textclean import CleanText


class EvidenceMapper:
    """Maps Doc character offsets to :class:`Evidence` on the original paper text."""

    def __init__(self, doc: Doc, paper: Paper, title: CleanText, abstract: CleanText) -> None:
        self.doc, self.paper, self.title, self.abstract = doc, paper, title, abstract
        self.title_end = doc._.title_end
        self.text = doc_text(doc)

    def evidence(self, start: int, end: int, extractor: str, confidence: float) -> Evidence:
        s, e = sentence_bounds(self.doc, start)
        sentence = self.text[s:e].strip()
        if start < self.title_end:
            view, field, offset = self.title, "title", 0
        else:
            view, field, offset = self.abstract, "abstract", self.title_end + 1
        o_start, o_end = view.original_span(max(0, start - offset), max(0, end - offset))
        original = self.paper.title if field == "title" else self.paper.abstract
        return Evidence(
            field=field,  # type: ignore[arg-type]
            start=o_start,
            end=o_end,
            text=original[o_start:o_end],
            sentence=sentence,
            extractor=extractor,
            confidence=round(confidence, 3),
        )


def _fold_bare_metrics(items: dict[tuple[str, str], EntityItem]) -> dict[str, str]:
    """A bare "accuracy" in a paper that names one kind of accuracy ("tracking accuracy")
    refers back to it: the bare item joins the named one (as an alias, with its evidence).
    Returns bare name -> named metric, for the results that used the bare word."""
    named: dict[str, list[EntityItem]] = {}
    for (field, key), it in items.items():
        head = key.rsplit(" ", 1)[-1]
        if field == "metrics" and " " in key and head in COMMON_METRIC_WORDS:
            named.setdefault(head, []).append(it)
    refers_to: dict[str, str] = {}
    for head, [target] in ((h, its) for h, its in named.items() if len(its) == 1):
        bare = items.pop(("metrics", head), None)
        if bare is None:
            continue
        for alias in (bare.name, *bare.aliases):
            if alias not in target.aliases and alias != target.name:
                target.aliases.append(alias)
            refers_to[alias] = target.name
        target.mentions.extend(bare.mentions)
    return refers_to


# Words of a sentence that measures something: a bare "accuracy" there is the paper's metric;
# elsewhere it is the everyday word ("a dependence on accuracy", "verify the model's accuracy").
_MEASURING = re.compile(
    r"\d|\b(?:outperform|improv|achiev|high|low|better|best|gain|boost|drop|increas|reduc|"
    r"state-of-the-art|competitive|comparable|superior|significant|surpass|attain|reach|"
    r"experiment|evaluat|result|benchmark|dataset|metric|score|terms of|measur|satisf|"
    r"illustrat|demonstrat|show|trad(?:e|ing)|maximi|balanc)",
    re.IGNORECASE,
)


def _drop_idle_bare_metrics(items: dict[tuple[str, str], EntityItem], used: set[str]) -> None:
    """A bare common measure word ("accuracy", "precision") that no sentence of the paper
    measures with, and no result names, is no metric of the paper."""
    for (field, key), it in list(items.items()):
        if field != "metrics" or key not in COMMON_METRIC_WORDS or key in used:
            continue
        if not any(_measured_near(m.sentence, m.text) for m in it.mentions):
            del items[(field, key)]


_NEAR = 80  # characters either side of a bare measure word that may say it is measured


def _measured_near(sentence: str, word: str) -> bool:
    """Whether a measuring cue (:data:`_MEASURING`) comes within :data:`_NEAR` characters of
    an occurrence of ``word`` in ``sentence``."""
    low, w = sentence.lower(), word.lower()
    i = low.find(w)
    while i >= 0:
        if _MEASURING.search(sentence, max(0, i - _NEAR), i + len(w) + _NEAR):
            return True
        i = low.find(w, i + 1)
    return False


_WEB_ADDRESS = re.compile(
    r"(?:^|[^\w.])(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|ai|me|be|edu|dev|cn|de|uk|ly|co|gov|"
    r"info|html?)(?:/|$)|^(?:com|org|io|net)/",
    re.I,
)
# A task list name that carries its acronym: "Automatic Speech Recognition (ASR)".
_WITH_ACRONYM = re.compile(rf"^(.*\S)\s*\(({ACRONYM.pattern})\)( [a-z]+)?$")


def _task_and_acronym(text: str) -> tuple[str, str | None]:
    """``("reinforcement learning", "RL")`` for "reinforcement learning (RL)", and
    ``("math word problem solving", "MWP solving")`` for "math word problem (MWP) solving";
    a name without a bracketed acronym comes back alone."""
    m = _WITH_ACRONYM.match(text)
    if not m:
        return text, None
    head = m.group(3) or ""
    return m.group(1) + head, m.group(2) + head


def _used_singular(plural: str, texts: set[str]) -> str | None:
    """The singular of a plural acronym that the text also writes: "SPN" for "SPNs" when
    ``texts`` holds "SPN" (eval/README.md call 5), else None."""
    single = plural[:-1]
    return single if plural.endswith("s") and single[-1:].isupper() and single in texts else None


def _capitals(text: str) -> tuple[bool, bool]:
    """How capitalised a surface form is: Title Case first, then any capital."""
    return text.istitle(), text != text.lower()


def to_record(doc: Doc, paper: Paper, title: CleanText, abstract: CleanText) -> PaperRecord:
    ev = EvidenceMapper(doc, paper, title, abstract)
    rec = PaperRecord(id=paper.id, title=paper.title, paper=paper)
    # A web address ("zaidkhan.me/SIMLA", "com/org/repo" cut from a link) names no entity.
    mentions = resolve_overlaps([m for m in doc._.mentions if not _WEB_ADDRESS.search(m.text)])

    # Long forms defined by acronyms: short text -> long text.
    long_of: dict[str, str] = {}
    for ab in doc._.abbreviations:
        long_of.setdefault(ab.short.text, ab.long.text)
    long_keys = {name_key(v): k for k, v in long_of.items()}
    # "Deep Belief Network" written elsewhere in the singular joins "DBNs (Deep Belief Networks)".
    for lk, acronym in list(long_keys.items()):
        other = lk[:-1] if lk.endswith("s") and not lk.endswith("ss") else lk + "s"
        long_keys.setdefault(other, acronym)

    # A proposed name that ends in the long form of a proposed acronym names the same thing
    # (the title's "Deep Texture Encoding Network" and "Texture Encoding Network (TEN)";
    # "Convolutional Random Walk Network (RWN)", where the acronym spells fewer words), unless
    # the acronym is an established method the name builds on ("Hierarchical Statistical Shape
    # Model", SSM).
    proposed_texts = {m.text for m in mentions if m.proposed}
    for m in mentions:
        key = name_key(m.text)
        if not (m.proposed and m.kind == "method") or key in long_keys:
            continue
        for lk, acronym in list(long_keys.items()):
            if (
                key.endswith(" " + lk)
                and acronym in proposed_texts
                and not established_method(acronym)
            ):
                long_keys[key] = acronym
                break

    # A plural acronym ("SPNs") names its item in the singular when the text uses that too
    # (eval/README.md call 5): "SPN", long "Sum-Product Networks", alias "SPNs".
    texts = {m.text for m in mentions}
    for plural in list(long_of):
        single = _used_singular(plural, texts)
        if single:
            long_of.setdefault(single, long_of[plural])
            long_keys[name_key(plural)] = single
            for lk, acronym in list(long_keys.items()):
                if acronym == plural:
                    long_keys[lk] = single

    # Likewise an undefined one: "LSTMs" joins "LSTM" when the text writes both, and a plural
    # method name its singular in any case ("decision trees" and "Decision Tree").
    single_of = {t: single for t in texts if (single := _used_singular(t, texts))}
    method_texts: dict[str, str] = {}
    for m in mentions:  # the most capitalised form names the item ("Dynamic Filter Network")
        key = name_key(m.text)
        if m.kind == "method" and (
            key not in method_texts or _capitals(m.text) > _capitals(method_texts[key])
        ):
            method_texts[key] = m.text
    for t in {m.text for m in mentions if m.kind == "method"}:
        if t not in single_of and t.endswith("s") and not t.endswith("ss"):
            single = method_texts.get(name_key(t[:-1]))
            if single:
                single_of[t] = single

    items: dict[tuple[str, str], EntityItem] = {}
    proposed_keys = {name_key(m.text) for m in mentions if m.proposed and m.kind == "method"}
    introduced_keys = {name_key(m.text) for m in mentions if m.proposed and m.kind == "dataset"}
    # An acronym written only where it is defined ("we design the Attentive Feedback Modules
    # (AFMs)") has only long-form mentions; their being proposed proposes its item.
    method_shorts = {m.text for m in mentions if m.kind == "method"}
    named_shorts = {name_key(t) for t in method_shorts}
    for m in mentions:
        key = name_key(m.text)
        if m.proposed and m.kind == "method" and key in long_keys:
            short_key = name_key(long_keys[key])
            if short_key not in named_shorts:
                proposed_keys.add(short_key)
    kind_of_key: dict[str, str] = {}
    for m in mentions:
        text, abbr = _task_and_acronym(m.text) if m.kind == "task" else (m.text, None)
        if m.kind == "method" and text in single_of:
            text, abbr = single_of[text], text  # the plural becomes an alias
        key = name_key(text)
        if m.kind == "task" and long_keys.get(key) in method_shorts:
            continue  # the long form of a method's acronym belongs to that method's item
        # A mention of a long form counts for its acronym's item.
        if key in long_keys:
            key = name_key(long_keys[key])
        kind = m.kind
        if kind in ("method", "dataset"):
            # One name, one kind per paper: the strongest evidence decides.
            kind = kind_of_key.setdefault(key, kind)
        field = "proposed" if kind == "method" and key in proposed_keys else kind + "s"
        it = items.get((field, key))
        if it is None:
            short = long_keys.get(name_key(text))
            name = short or text
            it = EntityItem(name=name, long=m.long or long_of.get(name))
            if kind == "dataset":
                it.introduced = key in introduced_keys
            if kind == "task":
                # lower case, but an acronym keeps its capitals ("NER"; not a title in
                # capitals: "HIERARCHICAL REINFORCEMENT LEARNING")
                it.name = text if text.isupper() and " " not in text else text.lower()
            items[(field, key)] = it
        elif m.text != it.name and m.text != it.long and m.text not in it.aliases:
            if abbr is None:
                it.aliases.append(m.text)
        if abbr and abbr not in it.aliases:
            it.aliases.append(abbr)
        it.mentions.append(ev.evidence(m.start, m.end, m.extractor, m.confidence))
        it.confidence = max(it.confidence, m.confidence)

    refers_to = _fold_bare_metrics(items)
    _drop_idle_bare_metrics(items, {name_key(r.metric) for r in doc._.results if r.metric})
    for (field, _), it in items.items():
        getattr(rec, field).append(it)

    for r in doc._.results:
        rec.results.append(
            ResultItem(
                value=r.value,
                method=r.method,
                dataset=r.dataset,
                metric=refers_to.get(r.metric or "", r.metric),
                confidence=r.confidence,
                mentions=[ev.evidence(r.start, r.end, r.extractor, r.confidence)],
            )
        )
    seen_pairs: set[tuple[str, str]] = set()
    for c in doc._.comparisons:
        pair = (name_key(c.winner), name_key(c.loser))
        if pair in seen_pairs:
            continue
        seen_pairs.add(pair)
        rec.outperforms.append(
            ComparisonItem(
                winner=c.winner,
                loser=c.loser,
                confidence=c.confidence,
                mentions=[ev.evidence(c.start, c.end, c.extractor, c.confidence)],
            )
        )
    seen_urls: set[str] = set()
    for link in doc._.links:
        if url_key(link.url) in seen_urls:
            continue
        seen_urls.add(url_key(link.url))
        rec.links.append(
            LinkItem(
                url=link.url,
                kind=link.kind,
                confidence=link.confidence,  # type: ignore[arg-type]
                mentions=[ev.evidence(link.start, link.end, link.extractor, link.confidence)],
            )
        )
    rec.code_evidence = [ev.evidence(s, e, "kg_links", 0.8) for s, e in doc._.code_cues]
    rec.code_available = bool(rec.code_evidence) or any(x.kind == "code" for x in rec.links)
    return rec
