"""What the paper itself introduces: proposed methods and introduced datasets.

Cues (each a pure function of the text, so they generalise beyond any one abstract), applied in
this order by ``find_contributions``:

* the title's name, ``X: ...`` or ``X - ...`` with a short name-shaped head, and its other
  occurrences;
* otherwise a Title-Case title phrase in the means position ("... with Temporal Parsing
  Transformer") that ends in the head of a built thing or is named again where the authors
  introduce something, or, with less confidence, ends in a technique's head right after the
  means word or as the title's subject ("... via Lifted Structured Feature Embedding",
  "Proposition-Level Clustering for ..."), unless the abstract already mentions it before its
  contribution sentences or it is a known name (an acronym the abstract uses for it, or one it
  spells, "Harmonic Networks" / "H-Nets", gets it as long form and is proposed; one that is
  a fragment of a longer long form the abstract defines yields that acronym instead);
* a title, or its head before a colon, that is a known method under Title-Case modifiers
  ("Zap Q-Learning", "Magnetic Hamiltonian Monte Carlo"): the paper's variant;
* an acronym the title defines ("... Concept Activation Vectors (TCAV)"), unless generic or
  known;
* in each abstract sentence: a Title-Case name after a naming verb ('which we term "X"',
  "called X", "called Mesh R-CNN", whose inner known name is a word of it); a Title-Case
  appositive after a contribution verb ("we present Reflective Decoding, a novel ..."); a
  Title-Case name ending in a built-thing head ("a novel ... Attention
  Block"), in a contribution sentence or marked novel / new / ours; in a contribution
  sentence, a lower-case name after a naming verb ("a method we call information gain
  filtration"); a lower-case name in apposition ("we introduce paired-dual learning, a
  framework ...") that recurs;
* a contribution sentence, active ("we / this paper propose / introduce / present / develop /
  ... X", "which we refer to as X", "we provide / describe / derive a new <built thing> X") or
  passive ("X is proposed", "the X algorithm introduced
  in this paper"): the first name after the
  verb unless it is used ("from CLIP", named earlier, a known method), the names listed with
  it, any name after "termed / dubbed / called" or "our", new Title-Case names before a
  framework head ("a Hybrid LVLMs Collaboration framework, featuring a Frame Selector"); only
  the named ones after "we propose to exploit ..."; for a passive verb the last name before it;
* "our X" / "the proposed X" anywhere, and "our (new) X benchmark" for a dataset;
* an acronym defined after a contribution verb and named like a built thing (a component
  noun or a Title-Case long form, not "using ..."), or as the verb's own object ("we further
  propose a mixed-supervised hierarchical contrastive learning (HCL)"), or with a lower-case
  long form headed by a part ("group affinity module (GAM)") in a sentence about the paper's
  own work; a name a list knows too, when
  the paper spells it out with a Title-Case long form no lexicon knows ("the Stealthy
  Terrain-Aware Reconnaissance (STAR) algorithm");
* named parts: after the method is first named, a Title-Case acronym no lexicon knows, in a
  sentence that cites no other work ("... the Constrained Part Attention (CPA) branch");
* appositions: "X, an algorithm ..." makes X a method, "X, a ... task" not one (unless
  proposed); "a new dataset, X", "X, a new benchmark" or "the X benchmark" make a proposed X a
  dataset. Every mention of a proposed name is proposed;
* last, an established method's acronym ("GAN", "MCMC") is unproposed unless it is the title's
  name, the paper names it ("which we call ...") or spells it out as another method, and so is
  a model series' release ("our Mistral model") and a well-known model family's own name
  ("a novel recurrent U-Net architecture", "a case study with GPT-4") unless the title
  writes it as a name of its own or a naming verb gives it ("we call our method R-CNN"); a
  name the text introduces as a task ("we formulate a novel task Corr2Cause", "Corr2Cause is
  a challenging task") is a task; a name written only inside a longer proposed name ("S2" of
  "Agent S2") is a piece of it, unless it is an established method ("R-CNN" of "Libra
  R-CNN").

A contribution sentence also opens with "our (main) contribution is / are / include"; an
acronym right after "we propose a novel model with / of ..." is the verb's own object.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import (
    Mention,
    Sent,
    abstract_sents,
    doc_lower,
    doc_text,
    is_name_shaped,
    resolve_overlaps,
)
from kg.extract.gazetteer_matcher import common_words
from kg.extract.names import (
    _FAMILY_LONG,
    _TASK_HEADS,
    GENERIC,
    MINOR_WORDS,
    MODEL_FAMILIES,
    classify_by_long,
    defined_acronyms,
    established_method,
    is_series_release,
    listed_task,
    method_acronyms,
    method_lexicon_keys,
    title_name,
)
from kg.extract.words import LIST_GOES_ON, whole_word_spans

# Extractors of known names (Papers-with-Code lists, the method lexicon): established methods.
_KNOWN_EXTRACTORS = ("kg_gazetteer", "kg_lexicon")
# _CONTRIB, _PASSIVE and _WIDE_CONTRIB are in lower case and run over lower-cased text (see
# doc_lower).
_CONTRIB = re.compile(
    r"\b(?:we|this\s+(?:paper|work|study|article|research)|our\s+(?:work|paper|research|study)|here)\s+(?:\w+\s+){0,3}?"
    r"(?:propose|introduce|present|develop|design|devise|contribute|build|construct|create|"
    r"release|curate|collect|put\s+forward|formulate|establish|offer|name|call|term|"
    # "we provide a new learning to search algorithm, LOLS": only before "a new / novel" built
    # thing (not "a new bound", "a novel view", "a new analysis")
    r"(?:provide|describe|derive|suggest|give)(?=(?:s|d|ed)?\s+an?\s+(?:new|novel)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:algorithm|method|model|framework|approach|architecture|network|"
    r"technique|scheme|loss|estimator|procedure|system)s?\b)|"
    # "our approach, which we refer to as LOVE"
    # not "we propose that ...": a claim, not a thing
    r"refer\s+to\s+(?:it\s+|this\s+|them\s+)?as)(?:s|d|ed)?\b(?!\s+that\b)|"
    # "We tackle this inefficiency by introducing the Attention Word Embedding (AWE) model"
    r"\b(?:we|this\s+(?:paper|work))\b[^.;]{0,60}?\b(?:by|through)\s+(?:proposing|introducing|"
    r"presenting|developing|designing|devising|constructing|creating)\b|"
    # "Our key contributions include the establishment of CardBench ... and the CardGen pipeline"
    r"\bour\s+(?:\w+\s+){0,2}contributions?\s+(?:include|are|is)\b"
)
_NAMING = re.compile(
    r"\b(?:(?:termed|dubbed|called|named|coined)(?:\s+as)?|denoted(?:\s+as)?|refer(?:s|red)?\s+to\s+as|"
    r"abbreviated\s+as|short\s+for)\b\s*[:,]?\s*$",
    re.I,
)
_OUR = re.compile(
    # "our proposed robust SHIELD algorithm"
    r"\b(?:our|the\s+proposed)\s+(?:proposed\s+(?:(?-i:[a-z])[\w-]*\s+)?|(?:new|novel)\s+)?(?:(?:[\w-]+\s+){0,3}(?:model|method|framework|approach|system|"
    r"agent|network|architecture|algorithm)s?\s*,?\s*(?:(?:called|named|termed|dubbed)(?:\s+as)?)?\s*)?$",
    re.I,
)
_THE_PROPOSED = re.compile(r"\bthe\s+(?:newly\s+)?(?:proposed|suggested|introduced)\s+$", re.I)
_OWN_DATA_HEAD = re.compile(r"\s+(?:benchmark|dataset|data\s+set|corpus|suite)s?\b", re.I)
_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:proposed|introduced|presented|developed|designed|devised)\b"
    # "The Zap Q-learning algorithm introduced in this paper is ..."
    r"|\b(?:algorithm|method|model|approach|framework|technique|system|network|architecture|"
    r"scheme|estimator|procedure)s?\s+(?:proposed|introduced|presented|developed)\s+(?:in|by)\s+"
    r"this\s+(?:paper|work)\b"
)
_COMPONENT = re.compile(
    r"\b(?:module|block|layer|loss|mechanism|strategy|network|head|encoder|decoder|unit|"
    r"attention|supervision|regularizer|regularization|objective|algorithm|framework|model|"
    r"method|approach|paradigm|scheme|pipeline|architecture|system|agent|prompting|policy)s?$",
    re.I,
)
_PART = re.compile(
    r"\b(?:module|block|layer|loss|mechanism|head|encoder|decoder|unit|attention|branch|"
    r"sub-?network|subnet|stream|cell|"
    r"regularizer|regularization|supervision|objective|prompting)s?$",
    re.I,
)
# A title splits into noun phrases at prepositions, conjunctions, punctuation and participles
# with their agent ("... Model Guided by Human Attention").
_TITLE_SPLIT = re.compile(
    r"\s+(?:[A-Za-z]+ed\s+)?(?i:for|with|via|using|in|on|from|by|through|of|to|and|or|under|"
    r"against|towards?|beyond|without|as|at|into|is|are|the|a|an|vs\.?|versus)\s+|"
    r"\s*[:?!,;.]\s+|\s[-\u2013\u2014]\s|\s*[()]\s*"
)
# Words that make a title segment a clause ("... Diversity Also Predicts Visual Attention").
_CLAUSE_WORDS = frozenset(
    "Also Can Cannot Could Did Do Does Don't Doesn't May Might Must Should Will Would".split()
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
# Heads of a technique (not a built thing, not a problem: those end in _TASK_HEADS), named by a
# title phrase in the means position: "... via Lifted Structured Feature Embedding",
# "Proposition-Level Clustering for ...". Weaker evidence than a built thing's head.
_TECHNIQUE_END = re.compile(
    r"\b(?:embedding|distance|clustering|transfer|replay|hashing|sampling|saliency|"
    r"regularization|pruning|connection|kernel|critic|distillation|augmentation|alignment|"
    r"matching|fusion|quantization|normalization|propagation|aggregation|decomposition|"
    r"factorization|encoding|descent|dropout|relaxation|projection|initialization|"
    r"calibration|smoothing|scheduling|routing|reasoning)s?$",
    re.I,
)
_TECHNIQUE_CONFIDENCE = 0.55
_ARTEFACT_AFTER = re.compile(r"s?\s+" + _ARTEFACT + r"\b")


def _followed_by(text: str, phrase: str, head: re.Pattern[str] = _ARTEFACT_AFTER) -> bool:
    """Whether ``phrase`` occurs in ``text`` right before a match of ``head`` (default: an
    artefact word, "... model", the phrase's plural too), without compiling a pattern per
    phrase."""
    i = text.find(phrase)
    while i >= 0:
        if head.match(text, i + len(phrase)):
            return True
        i = text.find(phrase, i + 1)
    return False


_GENERIC_HEAD = re.compile(
    r"(?:model|framework|method|approach|system|algorithm|architecture)s?$", re.I
)
# Separators after which a title phrase is the means ("X with / via / using Y"), not the
# problem or domain ("X for Y", "X in Y").
_MEANS_SEP = {"", "with", "via", "using", "by", "through", "and", ":"}


def _singular(low: str) -> str:
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


# (start, end, phrase, separator before, separator after): see title_phrases
TitlePhrase = tuple[int, int, str, str, str]


def title_phrases(title: str) -> list[TitlePhrase]:
    """The Title-Case noun phrases of a title (2-6 words, a leading capitalised article
    dropped), with their offsets and the separators before and after them: "Action Quality
    Assessment with Temporal Parsing Transformer" -> [(0, 25, "Action Quality Assessment", "",
    "with"), (31, 59, "Temporal Parsing Transformer", "with", "")]. After a lower-case article
    a phrase is a description ("with a Simple Regression Model") unless it is new: "Using a New
    Transformation Distance" gives "Transformation Distance", as "A New ..." does at the start."""
    out: list[TitlePhrase] = []
    pos, sep = 0, ""
    for m in [*_TITLE_SPLIT.finditer(title), None]:
        end = m.start() if m else len(title)
        after = " ".join(m.group().lower().split()) if m else ""
        seg = title[pos:end]
        ws = seg.split()
        start = pos + (len(seg) - len(seg.lstrip()))
        if ws and ws[0] in ("Towards", "Toward", "Beyond", "On"):
            sep = ws[0].lower()  # a goal or a study of the phrase, not its name
        if len(ws) > 2 and ws[0].lower() in ("a", "an", "the") and ws[1] in ("New", "Novel"):
            start = title.index(ws[1], start) + len(ws[1]) + 1
            ws = ws[2:]
        while ws and ws[0] in ("The", "A", "An", "Towards", "Toward", "Beyond", "On"):
            start = title.index(ws[0], start) + len(ws[0]) + 1
            ws = ws[1:]
        phrase = (
            2 <= len(ws) <= 6
            and all(_TITLE_WORD.match(w) for w in ws)
            and not any(w in _CLAUSE_WORDS for w in ws)
            # "Divide and Conquer Networks": "and" joins the words of one name
            and (sep != "and" or bool(out and out[-1][4] == "and"))
        )
        if phrase:
            out.append((start, start + len(" ".join(ws)), " ".join(ws), sep, after))
        if m:
            sep = after
            pos = m.end()
    return out


def _acronym_of(words: list[str]) -> str:
    return "".join(p[:1] for w in words for p in w.split("-")).upper()


def title_proposals(
    title: str,
    sentences: list[str],
    contrib: list[bool],
    phrases: list[TitlePhrase] | None = None,
) -> list[tuple[int, int, float]]:
    """Title phrases that name the paper's own contribution (call 8 of eval/README.md): a
    Title-Case noun phrase of the title, in the means position, that either ends in the head
    of a built thing ("Temporal Parsing Transformer", "The Extended Parameter Filter") or is
    echoed before such a head in a contribution sentence ("an object-level proposal model is
    presented"). An abstract without a contribution sentence, or failing that a sentence about
    "our method / approach / ...", proposes nothing; a phrase the
    abstract already mentions before its first contribution sentence is an existing concept
    ("Spectral Mixture Kernels for ..."), and so are lexicon names and families whose
    acronym is generic ("Generative Adversarial Networks").

    A phrase ending in a technique's head ("Lifted Structured Feature Embedding") qualifies
    only right after the means word or as the title's subject ("Proposition-Level Clustering
    for ..."), with a lower confidence, and not if the abstract describes it in lower case
    ("a novel feature alignment technique"); see :func:`_technique`. ``phrases``:
    ``title_phrases(title)``, if the caller has it already. Returns (start, end, confidence)
    per phrase."""
    lows = [s.lower() for s in sentences]
    contrib = _own_work(lows, contrib)
    if not any(contrib):
        return []
    first = contrib.index(True)
    background = " ".join(lows[:first])
    contribution = " ".join(s for s, c in zip(lows, contrib, strict=True) if c)
    # Sentences where the authors introduce or name something, any verb form ("by introducing").
    wide = " ".join(s for s in lows if _WIDE_CONTRIB.search(s))
    written = " ".join(sentences)  # case kept
    known = method_lexicon_keys()
    out = []
    for start, end, phrase, sep, after in title_phrases(title) if phrases is None else phrases:
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
        ):
            continue
        if low.endswith("learning"):
            # A paradigm ("Few-Shot Learning") unless the paper builds one of its own.
            if _learning_name(ws, sep, after, contribution):
                out.append((start, end, _TECHNIQUE_CONFIDENCE))
            continue
        if _GENERIC_HEAD.search(low) and (
            len(ws) < 3 or low.endswith("s") or ws[-2].lower().endswith("ing")
        ):
            continue  # "A Unified Framework", "Deep Structured Models", "... Learning Framework"
        echoed = _followed_by(contribution, sing)
        if (
            _ARTEFACT_END.search(low)
            or echoed
            or (not _GENERIC_HEAD.search(low) and _echoed_whole(ws, wide))
        ):
            out.append((start, end, 0.75))
        elif _followed_by(written, low, _DESCRIPTION_HEAD):
            continue
        elif _technique(ws, sep, after, title[:start].endswith(("New ", "Novel "))) or (
            _head_name(title, start, end, ws, after) and low in " ".join(lows[first:])
        ):
            out.append((start, end, _TECHNIQUE_CONFIDENCE))
    return out


# A built thing after a paradigm's name: "we propose a contrastive learning model".
_LEARNING_BUILT = re.compile(
    r"\s+(?:model|framework|algorithm|method|approach|scheme|architecture|network)s?\b"
)


_LEARNING_SETTING = re.compile(
    r"(?:deep|large|scale|large-scale|weakly|multimodal|multi-label|pac|end-to-end)$", re.I
)


def _learning_name(ws: list[str], sep: str, after: str, contribution: str) -> bool:
    """Title phrase ``ws``, ending in "Learning", names the paper's own learning method
    (call 35 of eval/README.md): it has three or more words, opens the title before its
    purpose or means ("Sequence Level Contrastive Learning for Text Summarization", not
    "Unsupervised Learning of Edges") and a contribution sentence builds a thing of its
    paradigm ("we propose a contrastive learning model"). "Large Scale Incremental
    Learning", whose abstract only cites "incremental learning methods" of others, is no
    name. Nor is a paradigm in a setting or with praise: leading words of a setting, praise,
    depth or scale leave two words or fewer ("Efficient Few-Shot Learning", "Deep Metric
    Learning", "Large Scale Online Learning")."""
    if sep != "" or after not in {"", ":", "for", "with", "via", "using"}:
        return False
    k = 0
    while k < len(ws) and (
        _SETTING.match(ws[k]) or _EVALUATIVE.match(ws[k]) or _LEARNING_SETTING.match(ws[k])
    ):
        k += 1
    if len(ws) - k < 3:
        return False
    return _followed_by(contribution, " ".join(ws[-2:]).lower(), _LEARNING_BUILT)


# What a title says after its head when the paper is data, a survey or a study, not a method.
_NOT_A_METHOD_AFTER = re.compile(
    r"\s*(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?(?:dataset|benchmark|corpus|survey|review|"
    r"study|analysis|perspective|tutorial|position|overview|challenge|competition|metric|"
    r"measure)s?\b",
    re.I,
)


def _head_name(title: str, start: int, end: int, ws: list[str], after: str) -> bool:
    """Title phrase ``ws`` (``title[start:end]``) is the title's head before a colon, of two or
    three words, and what follows the colon is no dataset, survey, study or metric ("Neural
    Map: Structured Memory for ...", not "Visual Recipe Flow: A Dataset for ..." nor
    "Agreement Volatility: A Second-Order Metric ..."). Such a head names the paper's method
    when the abstract writes it again after its first contribution sentence, which
    catchphrases ("Style Over Substance: ...") seldom are (call 35)."""
    return (
        after == ":"
        and not title[:start].strip()
        and len(ws) <= 3
        and not _NOT_A_METHOD_AFTER.match(title, title.index(":", end) + 1)
    )


def _own_work(lows: list[str], contrib: list[bool]) -> list[bool]:
    """Which sentences say what the authors' own work is: the contribution sentences, or
    failing those the ones about "our (novel) method / approach / ..."."""
    return contrib if any(contrib) else [bool(_OUR_WORK.search(low)) for low in lows]


_MEANS_WORDS = {"with", "via", "using", "by", "through"}
_OUR_WORK = re.compile(
    r"\bour\s+(?:[\w-]+\s+){0,2}?(?:method|approach|model|framework|technique|algorithm|"
    r"system|architecture|network)s?\b"
)
# "a novel unsupervised feature alignment technique": a description, not a name
_DESCRIPTION_HEAD = re.compile(r"\s+(?:technique|method|approach|strategy|scheme)s?\b")


def _technique(ws: list[str], sep: str, after: str, new: bool) -> bool:
    """Title phrase ``ws`` (between separators ``sep`` and ``after``; ``new`` if "a New" comes
    before it) names a technique of the paper's own: it ends in a technique's head, comes
    right after the means word ("... via Lifted Structured Feature Embedding") or opens the
    title and is no problem that a means follows ("Camera Calibration by ..."), its first word
    is no common one if it has two ("Smooth Regularization") and is not new, and it is no task
    alone or after common words, nor a known method alone or after praise ("Efficient Thompson
    Sampling", not "Dynamic Label Propagation"), nor a task in a setting ("Differentially
    Private Clustering")."""
    if not _TECHNIQUE_END.search(ws[-1]):
        return False
    if not (sep in _MEANS_WORDS or (sep == "" and after not in _MEANS_WORDS | {"and"})):
        return False
    if len(ws) == 2 and _common(ws[0]) and not (new or (sep == "" and after == ":")):
        return False  # but "Privacy Regularization: ...", the title's head, is a name
    known = method_lexicon_keys()
    for k in range(len(ws)):
        rest = " ".join(ws[k:])
        before = ws[:k]
        shorter = k < len(ws) - 1
        if listed_task(rest) and (
            (shorter and all(map(_common, before))) or all(map(_SETTING.match, before))
        ):
            return False  # "Differentially Private Clustering": a task in a setting
        if rest.lower() in known and shorter and all(map(_EVALUATIVE.match, before)):
            return False  # "Efficient Thompson Sampling", not "Dynamic Label Propagation"
    return True


# Words that praise a known method rather than name a new one ("Efficient Thompson Sampling").
_EVALUATIVE = re.compile(
    r"(?:efficient|fast(?:er)?|provabl[ey]|scalable|improved|robust|simple|practical|"
    r"accelerated|better|optimal|near-optimal|exact|rapidly|mixing|effective|stable|tight|"
    r"sharp)$",
    re.I,
)


# Words that set a problem in a setting ("Few-shot", "Differentially Private", "Multi-Task").
_SETTING = re.compile(
    r"(?:(?:few|zero|one|low|multi)-?(?:shot|resource|task|lingual|modal|agent)|"
    r"(?:un|semi|self|weakly)-?supervised|cross-\w+|differentially|private|online|"
    r"distributed|federated|continual|incremental|controllable)$",
    re.I,
)


_WIDE_CONTRIB = re.compile(
    r"\b(?:we|our)\b.*\b(?:introduc|propos|defin|present|develop|design|call|term|nam)\w*"
)
_ECHO_PREP = re.compile(
    r"\b(?:through|for|in|on|to|from|with|via|using|by|under|towards?|across|than|over)\s+$"
)
_ECHO_END = re.compile(
    r"\s*(?:[,.;:)\"'}\u201d]|$)|\s+(?:that|which|to|as|and|for|in|on|with|of|is|are|we)\b"
)
_STEM_END = re.compile(r"(?:ations?|izers?|ers?|ing|s)$")


def _echoed_whole(ws: list[str], contribution: str) -> bool:
    """The whole title phrase, of 3+ words, named again in a contribution sentence, the last
    word in any inflection: "Entropic Graph-based Posterior Regularization" and "we define a
    new class of entropic graph-based posterior regularizers"."""
    if len(ws) < 3:
        return False
    stem = _STEM_END.sub("", ws[-1].lower())
    if len(stem) < 3 or stem not in contribution:
        return False  # the pattern below needs the stem: skip compiling it
    pat = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", " ".join(ws[:-1]).lower()))
    for m in re.finditer(r"\b" + pat + r"[\s-]+" + re.escape(stem) + r"\w*", contribution):
        # "... through flexible interlimb coordination": the means or goal, not the name;
        # "... co-training (UMCT)": the acronym names it.
        # "... a novel unsupervised domain adaptation technique": a description with a head;
        # a name ends at punctuation, a relative clause or a verb.
        after = contribution[m.end() : m.end() + 60]
        if (
            not _ECHO_PREP.search(contribution[: m.start()])
            and _ECHO_END.match(after)
            and not re.match(r"(?:\s+[\w-]+){0,5}\s*\(", after)
        ):
            return True
    return False


def _common(word: str) -> bool:
    low = word.lower()
    common = common_words()
    return low in common or _singular(low) in common


Verbs = list[tuple[Sent, re.Match[str] | None, re.Match[str] | None]]


def contribution_verbs(doc: Doc) -> Verbs:
    """Each abstract sentence with its active contribution verb ("we propose", :data:`_CONTRIB`)
    or, failing that, its passive one ("is proposed", :data:`_PASSIVE`); offsets in the
    sentence."""
    low = doc_lower(doc)
    out: Verbs = []
    for sent in abstract_sents(doc):
        s_low = low[sent.start_char : sent.end_char]
        cm = _CONTRIB.search(s_low)
        out.append((sent, cm, None if cm else _PASSIVE.search(s_low)))
    return out


@Language.component("kg_contributions")
def find_contributions(doc: Doc) -> Doc:
    """Mark the methods and datasets the paper introduces (``Mention.proposed``), adding the
    names the earlier components missed; the cues, in order, are those of the module
    docstring."""
    text = doc_text(doc)
    title = text[: doc._.title_end]
    doc._.mentions = mentions = resolve_overlaps(doc._.mentions)
    proposed_names: set[str] = set()

    verbs = contribution_verbs(doc)
    head = title_name(title)
    titled_data = _introduce_title_dataset(title, head, mentions)
    tname = (
        None if titled_data else _propose_title_name(text, title, head, mentions, proposed_names)
    )
    phrases = [] if tname or titled_data else title_phrases(title)
    if phrases:  # cheap test first: most titles have none
        _propose_title_phrases(doc, text, title, phrases, verbs, mentions, proposed_names)
        _propose_modified_title_method(text, title, phrases, verbs, mentions, proposed_names)
    _propose_title_acronyms(doc, mentions, proposed_names)
    long_start = {ab.short.start_char: ab.long.start_char for ab in doc._.abbreviations}
    contrib_spans = _propose_in_sentences(doc, text, verbs, mentions, long_start, proposed_names)
    _propose_ours(text, mentions, long_start, proposed_names)
    _propose_acronyms(doc, text, mentions, contrib_spans, proposed_names)
    _propose_parts(doc, mentions, proposed_names)
    _apply_appositions(text, mentions, proposed_names)
    _spread_proposed(text, mentions, proposed_names)
    _drop_long_form_fragments(doc, mentions, tname)
    _unpropose_established(text, mentions, tname, long_start)
    _unpropose_families(text, title, mentions)
    _absorb_inner_names(text, mentions)
    _type_defined_tasks(mentions)
    _named_tasks(text, doc_lower(doc), mentions, long_start)
    return doc


# "we formulate a novel task Corr2Cause", "defines a new task named Sub-Slot based ...",
# "a novel CLT problem named FreeTransfer-X" (lower-case text before the name).
_NEW_TASK_BEFORE = re.compile(
    r"\b(?:introduc|defin|propos|formulat|present|stud|consider|establish|pos)\w*\s+(?:a|an|the)"
    r"\s+(?:novel|new)\s+(?:[\w-]+\s+){0,2}?(?:task|problem),?\s+"
    r"(?:(?:called|named|termed|dubbed)\s+)?$"
)
# "Corr2Cause is a challenging task for LLMs", "... suggest that XOR QA is a challenging task"
_IS_TASK_AFTER = re.compile(r"\s+is\s+an?\s+(?:[\w-]+\s+){0,2}?(?:task|problem)\b")
# "Bayesian optimization (BO) is a well-established methodology for ...": a method, whatever
# list calls it a task
_IS_METHOD_AFTER = re.compile(
    r"(?:\s+\([^()]{1,20}\))?\s+is\s+(?:an?|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:method|methodology|algorithm|heuristic|procedure)s?\b"
)
# the abstract's first word follows the title's newline
_SUBJECT_BEFORE = re.compile(r"(?:^|[.;:!?]\s+|\n\s*|\bthat\s+)$")


def _named_tasks(text: str, low: str, mentions: list[Mention], long_start: dict[int, int]) -> None:
    """A name the text introduces as a task or calls one ("we formulate a novel task
    Corr2Cause", "a new task named Sub-Slot based Task-Oriented Dialog (SSTOD)", "Corr2Cause
    is a challenging task") names a problem, not a method: its method mentions become tasks
    (datasets stay data). A task the text calls a method ("Bayesian optimization (BO) is a
    well-established methodology") is a method. ``low``: the text lowered (``doc_lower``)."""
    tasks = set()
    for m in mentions:
        if m.kind != "method":
            continue
        at = long_start.get(m.start, m.start)  # an acronym's long form comes first
        if _NEW_TASK_BEFORE.search(low, max(0, at - 90), at) or (
            _IS_TASK_AFTER.match(text, m.end)
            and _SUBJECT_BEFORE.search(text, max(0, m.start - 6), m.start)
        ):
            tasks.add(m.text.lower())
    methods = {
        m.text.lower()
        for m in mentions
        if m.kind == "task"
        and _IS_METHOD_AFTER.match(text, m.end)
        and _SUBJECT_BEFORE.search(text, max(0, m.start - 6), m.start)
        and classify_by_long(m.text) is None  # "Knowledge distillation" is a paradigm
        and not _TASK_HEADS.search(m.text)  # "Density estimation is a widely used method"
    }
    for m in mentions:
        # the title's "Spectral Clustering" too
        if m.text.lower() in tasks and m.kind == "method":
            m.kind, m.proposed = "task", False
        elif m.text.lower() in methods and m.kind == "task":
            m.kind = "method"


_OWN_WORK = re.compile(
    r"\b(?:we|our|this\s+(?:paper|work)|the\s+proposed|consists?|comprises?|composed|"
    r"components?|modules?|novel|new)\b",
    re.I,
)
_WE_CALL = re.compile(r"\b(?:call|name|term|dub|coin)s?\s+$", re.I)


def _long_key(long: str) -> str:
    """A long form for comparison: "Deep Deterministic Policy Gradient algorithm" and "deep
    deterministic policy gradient" agree, as do "Auto-Encoders" and "autoencoder"."""
    words = [_singular(w) for w in long.lower().replace("-", " ").split()]
    while len(words) > 1 and words[-1] in ("algorithm", "model", "method", "framework"):
        words.pop()
    return "".join("network" if w == "net" else w for w in words)


_BASE_SUFFIX = re.compile(r"-(?:based|type|like|style|inspired|guided|driven)\b")


def _unpropose_established(
    text: str, mentions: list[Mention], tname: str | None, long_start: dict[int, int]
) -> None:
    """An established method's acronym ("GAN", "MCMC", "GP"), an acronym many abstracts define
    the same way ("EM", "ADMM", "GRU": :func:`kg.extract.names.defined_acronyms`) or a model
    series' release ("Mistral", "Llama 2 7B") names what the paper builds on, not what it
    proposes ("we develop a dual motion Generative Adversarial Net (GAN) architecture", "an
    EM framework is proposed"), unless it is the title's name, the paper names it ("which we
    call stochastic variance reduced gradient (SVRG)"), or spells it out as something else
    ("we introduce Range Batch-Normalization (BN)", "the Stroke Feature Transform (SFT)")."""
    established, defined = method_acronyms(), defined_acronyms()
    named = set()
    for m in mentions:
        at = long_start.get(m.start)
        if at is not None:
            lead = text[max(0, at - 40) : at]
            if _NAMING.search(lead) or _WE_CALL.search(lead):
                named.add(m.text)
    # "a new RANSAC-based approach", "a UCB-type algorithm": what is new is built on the name
    base_only = {m.text for m in mentions if m.proposed and _BASE_SUFFIX.match(text, m.end)} - {
        m.text for m in mentions if m.proposed and not _BASE_SUFFIX.match(text, m.end)
    }
    for m in mentions:
        if not m.proposed or m.kind != "method" or m.text == tname or m.text in named:
            continue
        if m.text in base_only:
            m.proposed = False
            continue
        if is_series_release(m.text):  # "Our Mistral model": the paper's copy of Mistral
            m.proposed = False
            continue
        longs = [established[m.text]] if m.text in established else defined.get(m.text)
        if not longs:
            continue
        own = _long_key(m.long or "")
        if not own or any(own.endswith(_long_key(long)) for long in longs):
            m.proposed = False


def _unpropose_families(text: str, title: str, mentions: list[Mention]) -> None:
    """A well-known model family's own name, with at most a version ("GPT-4", "U-Net",
    "R-CNN", "ResNet-50"), is what the paper builds on or tests ("a case study with GPT-3.5
    and GPT-4", "we introduce a novel recurrent U-Net architecture"), unless the title writes
    it ("YOLOv3: ...") or spells it ("You Only Look Once" and YOLO) or the paper names it so
    ("we call our method R-CNN")."""
    # A family's name with a version at most: not "LSTM-A", "SAM+" (variants), nor "spatial
    # attention module (SAM)" (the paper's own acronym).
    families = [
        m
        for m in mentions
        if m.proposed
        and m.kind == "method"
        and not m.long
        and (family := MODEL_FAMILIES.match(m.text))
        and _FAMILY_REST.fullmatch(m.text, family.end())
    ]
    if not families:
        return  # most papers: nothing to check
    named = {
        m.text
        for m in families
        if _NAMING.search(text, max(0, m.start - 60), m.start)
        or _WE_CALL_METHOD.search(text, max(0, m.start - 60), m.start)
    }
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", title)).upper()
    for m in families:
        if m.text in named or m.start < len(title):
            continue
        if _title_names(title, m.text) or m.text.upper() in initials:
            continue
        m.proposed = False


# A proposed name that inner names may belong to: words and joints only ("Agent S2", "OPEN
# TEACH"), not a list ("ErfAct and Pserf") nor a broken span ("MVAE).These").
_WHOLE_NAME = re.compile(
    r"(?!.* (?:and|or|of|for|with|via|to|in|on|the) )\w[\w\-.+]*(?: \w[\w\-.+]*)+"
)


def _absorb_inner_names(text: str, mentions: list[Mention]) -> None:
    """A name written only inside a longer proposed name is a piece of it ("S2" where the
    text always writes "Agent S2", "TEACH" of "OPEN TEACH", "AnyMesh" of "Articulate
    AnyMesh"): its mentions become mentions of the longer name. That is a name taken as
    proposed, or a short word in capitals ("WEB" of "GECTurk WEB"). Not an established method
    or model ("R-CNN" of "Libra R-CNN", "GAN" of "Lifelong GAN"), nor another name taken as a
    method ("PointNet" of "Hand PointNet"): the paper builds on it, and an established
    architecture named inside a name is a method of its own."""
    longer = {
        m.text: m.kind
        for m in mentions
        if m.proposed and m.kind in ("method", "dataset") and _WHOLE_NAME.fullmatch(m.text)
    }
    if not longer:
        return  # most papers
    spans = [(s, e, kind) for name, kind in longer.items() for s, e in whole_word_spans(text, name)]
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.kind in ("method", "dataset") and m.text not in longer:
            by_name.setdefault(m.text, []).append(m)
    for name, group in by_name.items():
        homes = [[sp for sp in spans if sp[0] <= m.start and m.end <= sp[1]] for m in group]
        if not all(homes) or established_method(name):
            continue
        if not any(m.proposed for m in group) and not (name.isupper() and len(name) <= 5):
            continue
        for m, home in zip(group, homes, strict=True):
            s, e, kind = home[0]
            m.start, m.end, m.text, m.kind, m.proposed = s, e, text[s:e], kind, True
            m.long = None


def _title_names(title: str, name: str) -> bool:
    """The title writes ``name`` as a name of its own, not as the head of a longer
    capitalised one ("YOLOv3: An Incremental Improvement", not "A Variational U-Net for
    ..." nor "Recurrent U-Net for ...")."""
    at = title.find(name)
    while at >= 0:
        before = title[:at].split()
        if not before or not before[-1][:1].isupper() or before[-1] in ("A", "An", "The"):
            return True
        at = title.find(name, at + 1)
    return False


# "we call our method R-CNN", "which we call YOLO"
_WE_CALL_METHOD = re.compile(
    r"\b(?:call|name|term|dub)s?\s+(?:our|the|this)?\s*(?:[\w-]+\s+){0,2}?(?:method|model|"
    r"approach|system|network|framework|architecture)?\s*[:,]?\s*$",
    re.I,
)
# What may follow a family's name in the name of one of its releases: a plural, a version or
# a size ("ResNet-152", "GPT-4o", "MobileNetV2", "Llama-2-7B"), nothing that makes a variant.
_FAMILY_REST = re.compile(r"s|[-\s]?[vV]?\d[\d.]*[a-z]?(?:[-\s]?\d+[BMK])?|")


def _drop_long_form_fragments(doc: Doc, mentions: list[Mention], tname: str | None) -> None:
    """A proposed name inside the long form of a proposed acronym is a piece of that name
    ("a novel alignment framework called Reinforcement Learning from Knowledge Feedback
    (RLKF)" proposes RLKF, not "Reinforcement Learning"): there it goes, elsewhere it is no
    longer proposed."""
    spans = [
        (ab.long.start_char, ab.long.end_char)
        for ab in doc._.abbreviations
        if any(m.proposed and m.text == ab.short.text for m in mentions)
    ]
    if not spans:
        return

    def inside(m: Mention) -> bool:
        return any(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for s, e in spans)

    pieces = {
        m.text
        for m in mentions
        if m.proposed and m.kind == "method" and m.text != tname and inside(m)
    }
    if not pieces:
        return
    mentions[:] = [m for m in mentions if not (m.text in pieces and inside(m))]
    for m in mentions:
        if m.text in pieces:
            m.proposed = False


def _type_defined_tasks(mentions: list[Mention]) -> None:
    """An acronym the paper does not spell out, which the corpus always defines as a problem
    ("NLI": "natural language inference", "VOS": "video object segmentation";
    :func:`kg.extract.names.defined_acronyms`), names that task, not a method."""
    defined = defined_acronyms()
    for m in mentions:
        if m.kind != "method" or m.proposed or m.long or m.extractor != "kg_names":
            continue
        longs = defined.get(m.text)
        if longs and all(classify_by_long(long) == "task" for long in longs):
            m.kind = "task"


def _introduce_title_dataset(title: str, tname: str | None, mentions: list[Mention]) -> bool:
    """A title named after a dataset (its :func:`title_name` ``tname``, "The SYNTHIA Dataset:
    A Large Collection of ...") introduces it, by its name without the article and the cue
    word; whether it does."""
    data = _TITLE_DATASET.fullmatch(tname) if tname else None
    if not tname or not data:
        return False
    start = title.index(tname) + data.start(1)
    name = data.group(1)
    for m in mentions:
        if m.text == name:
            m.kind = "dataset"
    mentions[:] = [m for m in mentions if not (m.start < start + len(name) and start < m.end)]
    mentions.append(
        Mention(start, start + len(name), name, "dataset", "kg_contributions", 0.9, True)
    )
    return True


# A title name that is a dataset's: "The S-Hock Dataset", "MegaFace Benchmark".
_TITLE_DATASET = re.compile(
    r"(?:The\s+)?(\S+(?:\s\S+)?)\s+(?:Dataset|Corpus|Benchmark|Treebank|dataset|corpus|benchmark)"
)


def _propose_title_name(
    text: str, title: str, tname: str | None, mentions: list[Mention], proposed_names: set[str]
) -> str | None:
    """The title's name ``tname`` (:func:`title_name`: "ReCo: Retrieve and Co-segment ...") is
    a proposed method, and so are its other occurrences; returns the name, or None if the
    title gives none."""
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
        _add_occurrences(text, tname, mentions, 0.85)
    return tname


def _add_occurrences(
    text: str,
    name: str,
    mentions: list[Mention],
    confidence: float,
    start: int = 0,
    ignore_case: bool = False,
) -> None:
    """A proposed method mention at each whole-word occurrence of ``name`` in ``text`` from
    ``start`` on that no mention covers yet."""
    for r0, r1 in whole_word_spans(text[start:], name, ignore_case=ignore_case):
        o0, o1 = start + r0, start + r1
        if not any(o0 < m.end and m.start < o1 for m in mentions):
            mentions.append(
                Mention(o0, o1, text[o0:o1], "method", "kg_contributions", confidence, True)
            )


def _claim_occurrences(
    text: str,
    name: str,
    mentions: list[Mention],
    kinds: tuple[str, ...],
    confidence: float = 0.7,
    ignore_case: bool = False,
) -> None:
    """``name`` is the paper's own at each of its whole-word occurrences: the mentions of
    ``kinds`` inside one (not proposed ones) give way, and a proposed method mention is added
    where no other mention is."""
    spans = whole_word_spans(text, name, ignore_case=ignore_case)
    inner = [
        m
        for m in mentions
        if m.kind in kinds
        and not m.proposed
        and any(o0 <= m.start and m.end <= o1 for o0, o1 in spans)
    ]
    mentions[:] = [m for m in mentions if all(m is not x for x in inner)]
    _add_occurrences(text, name, mentions, confidence, ignore_case=ignore_case)


def _propose_title_phrases(
    doc: Doc,
    text: str,
    title: str,
    phrases: list[TitlePhrase],
    verbs: Verbs,
    mentions: list[Mention],
    proposed_names: set[str],
) -> None:
    """Title-Case title phrases that name the contribution (``title_proposals``) become
    proposed methods, unless the abstract uses their acronym, which then gets the phrase as
    its long form."""
    sents = [sent for sent, _, _ in verbs]
    flags = [bool(cm or pm) for _, cm, pm in verbs]
    # An acronym the abstract defines otherwise, or a known name, is another method.
    defined = {ab.short.text for ab in doc._.abbreviations}
    starts = {end: start for start, end, *_ in phrases}
    for s0, s1, confidence in title_proposals(title, [x.text for x in sents], flags, phrases):
        phrase = text[s0:s1]
        acronym = _acronym_of(phrase.split())
        named = [
            m
            for m in mentions
            if m.start > s1
            and (
                m.text in (acronym, acronym + "s")
                or (
                    m.kind == "method"
                    and m.extractor not in _KNOWN_EXTRACTORS
                    and m.text not in defined
                    and m.text.lower() not in method_lexicon_keys()
                    and _spells(phrase, m.text)
                )
            )
        ]
        if named:  # the title spells out the acronym the abstract uses ("DCCF", "M3CoL")
            for m in named:
                m.long = m.long or phrase
                m.proposed = True
                proposed_names.add(m.text)
            # Names inside the phrase ("... Relation Networks") are words of its name.
            mentions[:] = [
                m for m in mentions if not (s0 <= m.start and m.end <= s1 and m.kind == "method")
            ]
            continue
        # "Action Elimination" of "Action Elimination Network (AEN)": the acronym is the name
        wider = {
            ab.short.text
            for ab in doc._.abbreviations
            if phrase.lower() in ab.long.text.lower() and phrase.lower() != ab.long.text.lower()
        }
        own = [m for m in mentions if m.text in wider and m.kind == "method"]
        for m in own:
            m.proposed = True
            proposed_names.add(m.text)
        if own:
            continue
        # "Recurrent Tubelet Proposal and Recognition Networks" is RTPR's name: the phrase
        # after "and" is none of its own
        before = title[:s0].rstrip()
        if before.endswith(" and") and (start := starts.get(len(before) - 4)) is not None:
            joined = title[start:s1]
            if any(
                _spells(joined, short) or _spells(joined.rsplit(" ", 1)[0], short)
                for short in defined
            ):
                continue
        _propose_title_phrase(doc, mentions, s0, s1, proposed_names, confidence)


def _propose_modified_title_method(
    text: str,
    title: str,
    phrases: list[TitlePhrase],
    verbs: Verbs,
    mentions: list[Mention],
    proposed_names: set[str],
) -> None:
    """A title (or its head before a colon) that is a known method under one to three
    Title-Case modifiers names the paper's variant of it: "Zap Q-Learning", "Magnetic
    Hamiltonian Monte Carlo", "Cartesian K-Means", "Supervised Chain of Thought". Not when
    the first word is a verb in -ing
    ("Revisiting Dilated Convolution", "Attacking Binarized Neural Networks"), when the
    modifiers only praise ("Efficient Thompson Sampling"), when the abstract says nothing is
    the authors' own, or when it names the phrase before its first contribution sentence."""
    head = title.split(":")[0].rstrip()
    whole = [p for p in phrases if p[1] == len(head) and not title[: p[0]].strip(" \"'")]
    # The known name may hold a minor word the title phrases split at ("Chain of Thought").
    s0, s1 = (whole[0][0], whole[0][1]) if whole else (len(head) - len(head.lstrip()), len(head))
    phrase = title[s0:s1]
    if (
        not phrase.strip()
        or phrase.split()[0].lower().endswith("ing")
        or any(m.proposed and m.start < s1 for m in mentions)
    ):
        return
    inner = [
        m for m in mentions if m.kind == "method" and m.end == s1 and s0 < m.start and not m.long
    ]
    if not inner:
        return
    mods = text[s0 : inner[0].start].split()
    if len(mods) > 3 or all(_EVALUATIVE.match(w) for w in mods):
        return
    if not whole and (
        not all(_TITLE_WORD.match(w) for w in mods)
        or _TITLE_SPLIT.search(" " + " ".join(mods) + " ")  # "On Nesting", "GANs With"
    ):
        return
    lows = [sent.text.lower() for sent, _, _ in verbs]
    flags = _own_work(lows, [bool(cm or pm) for _, cm, pm in verbs])
    if not any(flags):
        return
    if phrase.lower() in " ".join(lows[: flags.index(True)]):
        return
    # The known name is a word of the variant's, in the title and wherever the variant recurs.
    _claim_occurrences(text, phrase, mentions, ("method",), 0.65, ignore_case=True)
    proposed_names.add(phrase)


def _spells(phrase: str, short: str) -> bool:
    """``phrase`` spells out the acronym ``short``: the acronym's capitals are initials of the
    phrase's words, in order, from the first word's to the last's ("M3CoL" and "Multimodal
    Mixup Contrastive Learning", "H-Nets" and "Harmonic Networks"; not "LSTM" and "LSTM Pose
    Machines")."""
    caps = [c.lower() for c in short if c.isupper()]
    initials = [w[0].lower() for w in re.split(r"[\s-]+", phrase) if w and w not in MINOR_WORDS]
    if (
        len(caps) < len(initials) - 1  # one word may go unspelled
        or len(caps) < min(3, len(initials))
        or caps[0] != initials[0]
        or caps[-1] != initials[-1]
    ):
        return False
    rest = iter(initials[1:-1])
    return all(c in rest for c in caps[1:-1])


def _propose_title_acronyms(doc: Doc, mentions: list[Mention], proposed_names: set[str]) -> None:
    """ "Quantitative Testing with Concept Activation Vectors (TCAV)": an acronym the title
    defines names the paper's method, unless it is an established or generic name."""
    for ab in doc._.abbreviations:
        long = ab.long.text
        if (
            ab.short.start_char < doc._.title_end
            and ab.short.text not in GENERIC
            and long.lower() not in method_lexicon_keys()
            and not (_FAMILY_LONG.match(long.lower()) or _TASK_HEADS.search(long.lower()))
            and any(m.text == ab.short.text and m.kind == "method" for m in mentions)
        ):
            proposed_names.add(ab.short.text)


def _propose_in_sentences(
    doc: Doc,
    text: str,
    verbs: Verbs,
    mentions: list[Mention],
    long_start: dict[int, int],
    proposed_names: set[str],
) -> list[tuple[int, int]]:
    """Read the abstract sentence by sentence: names given by naming verbs, Title-Case
    built-thing names, lower-case names and appositions, and the names a contribution sentence
    ("we propose ...", "... is proposed") introduces. Returns the contribution spans, from the
    contribution verb (or the sentence start, if passive) to the sentence end."""
    contrib_spans: list[tuple[int, int]] = []
    for sent, cm, pm in verbs:
        _propose_named_titled(text, sent, mentions, proposed_names)
        from_at = sent.start_char + (cm.start() if cm else 0)
        _propose_headed(doc, text, sent, from_at, bool(cm or pm), mentions, proposed_names)
        if cm:
            _propose_capitalised_appositive(text, sent, cm, mentions, proposed_names)
        if cm or pm:
            _propose_plain_named(doc, text, sent, mentions, proposed_names)
        _propose_plain_appositions(doc, text, sent, mentions, proposed_names)
        if not (cm or pm):
            continue
        verb = cm or pm
        assert verb is not None
        contrib_spans.append((sent.start_char + (verb.start() if cm else 0), sent.end_char))
        chosen = _chosen_in_contribution(doc, text, sent, cm, pm, mentions, long_start)
        _mark_chosen(text, chosen, proposed_names)
    return contrib_spans


# An apposition that says the name is a problem: "Semantic Frame Forecast, a task that ..."
_PROBLEM_APPOSITION = re.compile(
    r"(?:[\w-]+\s+){0,3}?(?:task|problem|challenge|setting)s?(?![\w-])"
)
# "we propose Della, a novel variational Transformer framework": one to three capitalised
# words right after the verb, in apposition to what they are
_CAPITALISED_APPOSITIVE = re.compile(
    r"\s+(?!Ours\b)((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s*,\s+(?:an?|the)\s"
)


def _propose_capitalised_appositive(
    text: str, sent: Sent, cm: re.Match[str], mentions: list[Mention], proposed_names: set[str]
) -> None:
    """One to three plain capitalised words that the contribution verb introduces and an
    apposition describes ("we propose Della, a novel variational Transformer framework", "we
    present Reflective Decoding, a novel unsupervised algorithm") are the paper's name for
    its method (or dataset, by the apposition's head: see ``_apply_appositions``); so are its
    other occurrences, and task mentions of them give way."""
    m = _CAPITALISED_APPOSITIVE.match(sent.text, cm.end())
    if not m:
        return
    s0, s1 = sent.start_char + m.start(1), sent.start_char + m.end(1)
    if _PROBLEM_APPOSITION.match(sent.text, m.end()):
        return  # "We introduce Semantic Frame Forecast, a task that predicts ..."
    if any(s0 < x.end and x.start < s1 and x.kind != "task" for x in mentions):
        return  # already a name (or part of one)
    # "we present Reflective Decoding, a novel unsupervised algorithm": no task
    _claim_occurrences(text, m.group(1), mentions, ("task",))
    proposed_names.add(m.group(1))


def _propose_named_titled(
    text: str, sent: Sent, mentions: list[Mention], proposed_names: set[str]
) -> None:
    """A Title-Case name after a naming verb ('which we term "Comparative Knowledge
    Distillation"', "called Knowledge Router") is a proposed method, unless a mention already
    covers part of it, or it is no name as written (``_glued``). A method name inside it ("Our
    system, called Mesh R-CNN") is one of its words, there and wherever the whole name occurs
    again, unless it is a defined acronym ("Deep MANTA (Deep Many-Tasks)") or the name is a
    dataset's. In a sentence about the authors' own thing ("This network, named CPNet, ...",
    "our model, called X"), a method mention right after the naming verb is proposed too,
    unless it is a known name."""
    for nm in _NAMED_TITLED.finditer(sent.text):
        s0, s1 = sent.start_char + nm.start(1), sent.start_char + nm.end(1)
        inside = [m for m in mentions if s0 < m.end and m.start < s1]
        if any(
            m.kind != "method"
            or m.start < s0
            or m.end > s1
            or (m.start, m.end) == (s0, s1)
            or m.long
            for m in inside
        ) or _glued(nm.group(1)):
            continue
        if inside and _DATA_BEFORE.search(sent.text[max(0, nm.start() - 60) : nm.start()]):
            continue
        mentions.append(Mention(s0, s1, nm.group(1), "method", "kg_contributions", 0.75, True))
        proposed_names.add(nm.group(1))
        if inside:  # its other occurrences (the title's too) are the new name, not the old
            _claim_occurrences(text, nm.group(1), mentions, ("method",))
    if not _OWN_THING.search(sent.text):
        return
    for nm in _NAMING_VERB.finditer(sent.text):
        at = sent.start_char + nm.end()
        for m in mentions:
            if m.start == at and m.kind == "method" and m.extractor not in _KNOWN_EXTRACTORS:
                m.proposed = True
                proposed_names.add(m.text)


def _glued(name: str) -> bool:
    """``name``, given after a naming verb, is an acronym glued to its long form ("PISA
    Pixelwise Image Saliency Aggregating", "Spatial-Neighbor Adapter SN-Adapter"), or in
    capitals throughout with a function word ("IN SEC"): no name as written."""
    ws = name.split()
    if len(ws) > 2 and (_spells(" ".join(ws[:-1]), ws[-1]) or _spells(" ".join(ws[1:]), ws[0])):
        return True
    return all(w.isupper() for w in ws) and any(w.lower() in MINOR_WORDS for w in ws)


_DATA_BEFORE = re.compile(r"\b(?:dataset|benchmark|corpus|collection)s?\b", re.I)


_NAMING_VERB = re.compile(r"\b(?:termed|dubbed|called|named|coined)\s+(?:as\s+)?[\"\u201c']?")
# (The look-ahead for the first letters lets the search skip other positions fast.)
_OWN_THING = re.compile(r"(?=[TOtwo])(?:^(?:This|Our|The\s+proposed)\b|\b(?:we|our)\b)")


def _propose_headed(
    doc: Doc,
    text: str,
    sent: Sent,
    from_at: int,
    in_contrib: bool,
    mentions: list[Mention],
    proposed_names: set[str],
) -> None:
    """Title-Case built-thing names ("a novel Multi-Domain Query Cascaded Attention
    mechanism", see ``_headed_names``) from ``from_at`` on (the contribution verb, if any)."""
    for s0, s1 in _headed_names(text, sent.start_char, sent.end_char, in_contrib):
        if s0 >= from_at:
            _propose_title_phrase(doc, mentions, s0, s1, proposed_names)


def _propose_plain_named(
    doc: Doc, text: str, sent: Sent, mentions: list[Mention], proposed_names: set[str]
) -> None:
    """In a contribution sentence, a lower-case name after a naming verb ("a method that we
    call information gain filtration") that no lexicon knows."""
    for s0, s1 in _plain_names(text, sent.start_char, sent.end_char):
        if text[s0:s1].lower() not in method_lexicon_keys():
            _propose_title_phrase(doc, mentions, s0, s1, proposed_names)


def _propose_plain_appositions(
    doc: Doc, text: str, sent: Sent, mentions: list[Mention], proposed_names: set[str]
) -> None:
    """ "we introduce paired-dual learning, a framework that ...": a lower-case name in
    apposition to a method head, if it is no description ("a new ..."), no lexicon name, and
    occurs again in the text."""
    for am in _PLAIN_APPOSITION.finditer(sent.text):
        phrase = am.group(1)
        s0, s1 = sent.start_char + am.start(1), sent.start_char + am.end(1)
        if (
            phrase.split()[0] not in _NOT_NAME_START
            and phrase.lower() not in method_lexicon_keys()
            and len(re.findall(re.escape(phrase), text, re.I)) > 1
        ):
            _propose_title_phrase(doc, mentions, s0, s1, proposed_names)


def _chosen_in_contribution(
    doc: Doc,
    text: str,
    sent: Sent,
    cm: re.Match[str] | None,
    pm: re.Match[str] | None,
    mentions: list[Mention],
    long_start: dict[int, int],
) -> list[Mention]:
    """The method and dataset mentions a contribution sentence introduces: with a passive verb
    ("a ... (MCL) method is proposed") the last name before it; with an active verb ``cm``
    the names ``_chosen_after`` picks (only the named ones after "we propose to exploit"),
    plus new Title-Case names of what is proposed (``_titled_names``)."""
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
        return before[-1:] if before else []
    assert cm is not None
    after = sent.start_char + cm.end()
    # "When we released this dataset in November 2023, GPT-4 achieved 39%": a name after a
    # comma that a verb follows is the subject of the next clause, not the verb's object
    in_sent = [
        m
        for m in in_sent
        if not (
            m.start >= after
            and "," in text[after : m.start]
            and _CLAUSE_VERB_AFTER.match(text, m.end)
        )
    ]
    chosen = _chosen_after(
        text,
        [m for m in in_sent if m.start >= after],
        after,
        long_start,
        text[doc._.title_end : after],
    )
    if _USE_INFINITIVE.match(text, after):  # "we propose to exploit X": X is used
        chosen = [m for m in chosen if _names_it(text, m, after, long_start)]
    for s0, s1 in _titled_names(text, after, sent.end_char):
        # "We propose M3CoL, a Multimodal Mixup Contrastive Learning approach": the long form.
        spelled = [
            m
            for m in in_sent
            if _SPELLED_GAP.fullmatch(text, m.end, s0) and _spells(text[s0:s1], m.text)
        ]
        for m in spelled:
            m.long = m.long or text[s0:s1]
        if not spelled and not any(s0 < m.end and m.start < s1 for m in mentions):
            hit = Mention(s0, s1, text[s0:s1], "method", "kg_contributions", 0.7)
            mentions.append(hit)
            chosen.append(hit)
    return chosen


_CLAUSE_VERB_AFTER = re.compile(
    r"\s+(?:(?:also|then|still|now|only)\s+)?(?:is|was|are|were|has|had|achieve[sd]|obtain(?:s|ed)|"
    r"reach(?:es|ed)|score[sd]|perform(?:s|ed)|outperform(?:s|ed)|show(?:s|ed)|yield(?:s|ed))\b"
)


def _mark_chosen(text: str, chosen: list[Mention], proposed_names: set[str]) -> None:
    """Mark what a contribution sentence introduces as proposed (never a lexicon method), a
    method or a dataset as its apposition says."""
    for m in chosen:
        if m.extractor == "kg_lexicon":
            continue  # an established method is used, not introduced
        if _METHOD_APPOSITION.match(text[m.end : m.end + 80]):
            m.kind = "method"  # "we propose VIPER, an algorithm" (not the VIPER dataset)
        elif _is_dataset_apposition(text, m) or (m.kind == "dataset" and m.extractor != "kg_names"):
            m.kind = "dataset"
        m.proposed = True
        m.confidence = max(m.confidence, 0.8)
        proposed_names.add(m.text)


_DATA_AFTER = re.compile(
    r"\)?\s+(?:annotations?|labels?|traces?|rationales?|demonstrations?|questions?|prompts?)\b"
)
_CODE_AFTER = re.compile(r"\s+(?:source\s+)?(?:code|implementation|codebase)s?\b", re.I)


def _propose_ours(
    text: str, mentions: list[Mention], long_start: dict[int, int], proposed_names: set[str]
) -> None:
    """ "our X" / "the proposed X" anywhere names the paper's own method (not "our GAN-based
    method"); "our (new) X benchmark" its own dataset."""
    for m in mentions:
        if (
            m.kind == "method"
            and not m.proposed
            and not re.match(r"\)?-based", text[m.end : m.end + 8])  # "our GAN-based method"
            # "our Caffe code": a known tool the code is written in ("our TDGAN code" is theirs)
            and not (m.extractor in _KNOWN_EXTRACTORS and _CODE_AFTER.match(text, m.end))
            and _OUR.search(
                text[
                    max(0, long_start.get(m.start, m.start) - 30) : long_start.get(m.start, m.start)
                ]
            )
        ):
            m.proposed = True
            proposed_names.add(m.text)
        # "In our INJ benchmark, we ...", "on the proposed CDDB": a dataset the paper calls its
        # own is introduced.
        elif (
            m.kind == "dataset"
            and not m.proposed
            and (
                (
                    re.search(r"\bour\s+(?:new\s+)?$", text[max(0, m.start - 12) : m.start], re.I)
                    and _OWN_DATA_HEAD.match(text, m.end)
                )
                or _THE_PROPOSED.search(text, max(0, m.start - 25), m.start)
            )
        ):
            m.proposed = True
            proposed_names.add(m.text)


def _propose_acronyms(
    doc: Doc,
    text: str,
    mentions: list[Mention],
    contrib_spans: list[tuple[int, int]],
    proposed_names: set[str],
) -> None:
    """Acronyms: every method mention of one gets its long form; it is proposed if defined in
    a contribution span and named like a built thing, if its lower-case long form is headed
    by a part, or if its name is already proposed (then all its mentions are)."""
    for ab in doc._.abbreviations:
        short, long = ab.short.text, ab.long.text
        title_case = all(w[:1].isupper() for w in long.split())
        # Defined after the contribution verb, and named like a thing that is built (a
        # component noun or a Title-Case name): "we introduce ... a group affinity module (GAM)"
        # but not "we study uncertainty quantification (UQ)".
        in_contrib = (
            any(start <= ab.short.start_char < end for start, end in contrib_spans)
            # "... using Generative Adversarial Networks (GAN)": used, not introduced; but a name
            # coined "for short" is the authors' own ("a method based on Leave-One-Out
            # K-Nearest-Neighbor, or LOOK for short")
            and (
                _FOR_SHORT_AFTER.match(text, ab.short.end_char) is not None
                or not _USING_BEFORE.search(
                    text[max(0, ab.long.start_char - 40) : ab.long.start_char]
                )
            )
            # "offering Cognitive Behavioral Therapy (CBT)-based responses": what is new is
            # built on it
            and not _BUILT_ON.match(text, ab.short.end_char)
            and bool(
                _COMPONENT.search(long)
                or title_case
                # "a group-based symmetric triplet (GST) loss"
                or _COMPONENT.search(
                    " ".join(text[ab.short.end_char : ab.short.end_char + 20].split()[1:2])
                )
            )
        )
        # A lower-case long form headed by a part ("group affinity module (GAM)"); not a whole
        # model class ("a popular deep latent-variable model (DLVM)").
        # Only where the paper speaks of its own work: "Facial action unit (AU) detection is
        # important" names a thing to detect.
        s0 = max(0, text.rfind(". ", 0, ab.long.start_char))
        component = (
            _PART.search(long)
            and not long[:1].isupper()
            and (
                _OWN_WORK.search(text, s0, ab.short.end_char)
                # "Mugs has three ... supervisions: 1) an instance discrimination supervision"
                or any(whole_word_spans(text[s0 : ab.short.end_char], n) for n in proposed_names)
            )
        )
        # Or the object of the contribution verb itself: "we further propose a mixed-supervised
        # hierarchical contrastive learning (HCL)".
        in_contrib = in_contrib or any(
            start <= ab.long.start_char < end
            and _DIRECT_OBJECT.search(text, max(start, ab.long.start_char - 90), ab.long.start_char)
            is not None
            for start, end in contrib_spans
        )
        # "we develop video Chain-of-Thought (CoT) annotations": the data are new, not CoT
        in_contrib = in_contrib and not _DATA_AFTER.match(text, ab.short.end_char)
        # A leaderboard name spelled out by the paper itself in its contribution sentence
        # ("We present the Stealthy Terrain-Aware Reconnaissance (STAR) algorithm") is the
        # paper's own name that happens to collide with the list, unless the long form is known.
        own_definition = in_contrib and title_case and long.lower() not in method_lexicon_keys()
        for m in mentions:
            if m.text == short and m.kind == "method":
                m.long = m.long or long
                if (in_contrib or component or short in proposed_names) and (
                    m.extractor != "kg_gazetteer" or own_definition
                ):
                    m.proposed = True
                    proposed_names.add(short)
        if short in proposed_names:
            for m in mentions:
                if m.text == short:
                    m.proposed = True
                    m.long = m.long or long


def _apply_appositions(text: str, mentions: list[Mention], proposed_names: set[str]) -> None:
    """ "X, an algorithm ..." makes every mention of X a method, "X, a comprehensive dataset
    ..." a dataset; "X, a ... task" drops the method mentions of X, unless X is proposed."""
    as_method = {m.text for m in mentions if _METHOD_APPOSITION.match(text[m.end : m.end + 80])}
    as_data = {m.text for m in mentions if _DATA_APPOSITION.match(text[m.end : m.end + 80])}
    for m in mentions:
        if m.text in as_data - as_method and m.kind == "method":
            m.kind = "dataset"
    as_task = {
        m.text
        for m in mentions
        if m.kind == "method" and _TASK_APPOSITION.match(text[m.end : m.end + 60])
    }
    as_task -= proposed_names
    mentions[:] = [m for m in mentions if not (m.kind == "method" and m.text in as_task)]
    for m in mentions:
        if m.text in as_method and m.kind == "dataset":
            m.kind = "method"
    # "(ii) MA-SORT, a novel object association approach": what the paper calls novel is its own.
    for m in mentions:
        if (
            m.kind == "method"
            and not m.proposed
            and m.extractor not in _KNOWN_EXTRACTORS
            and _NOVEL_APPOSITION.match(text[m.end : m.end + 80])
        ):
            m.proposed = True
            proposed_names.add(m.text)


def _spread_proposed(text: str, mentions: list[Mention], proposed_names: set[str]) -> None:
    """Every mention of a proposed name is proposed, and so is a method named as its variant
    (:data:`_VARIANT`); a name introduced as a benchmark or dataset anywhere ("NEVIS'22, a
    benchmark of ...") is a dataset everywhere."""
    datasets = {
        m.text for m in mentions if m.text in proposed_names and _is_dataset_apposition(text, m)
    }
    for m in mentions:
        if m.text in proposed_names and m.kind in ("method", "dataset"):
            m.proposed = True
            if m.text in datasets:
                m.kind = "dataset"
    # Not the variants of a name others use too ("ResNet-18" when "ResNet" was taken for the
    # paper's), nor of two letters ("PS-NeRF").
    known = {m.text for m in mentions if m.extractor in _KNOWN_EXTRACTORS}
    own = [
        p
        for p in proposed_names
        if len(p) >= 3
        and p not in known
        and p not in method_acronyms()
        and p not in defined_acronyms()
        and p.lower() not in method_lexicon_keys()
    ]
    for m in mentions:
        if m.kind == "method" and not m.proposed:
            if any(m.text.startswith(p) and _VARIANT.fullmatch(m.text, len(p)) for p in own):
                m.proposed = True  # "two variants of our FST framework, FST-D and FST-W"


# What a variant adds to its method's name: a release, size or letter ("FST-D", "AMSU-2",
# "DaViT-Tiny", "RT-DETRv3-R101", "ProtGNN+"), not a description ("CYBORG-trained").
_VARIANT = re.compile(r"\+{1,2}|[- ](?:[A-Z0-9][\w.]{0,7}|tiny|small|base|large|lite|mini|xx?l)")


# A sentence that talks about others' work: its acronyms are not the paper's parts.
_EXTERNAL = re.compile(
    r"\b(?:compar\w+|outperform\w*|than|existing|previous\w*|prior\s+(?:work|art|method|approach|stud)\w*|baselines?|such\s+as|"
    r"e\.g\.|unlike|using|uses?|based\s+on|follow\w*|adopt\w*|employ\w*|utili[sz]\w+|"
    r"popular|standard|conventional|traditional|state-of-the-art|widely|recent(?:ly)?|"
    # evaluation sentences name what is evaluated on or against
    r"experiment\w*|validat\w*|evaluat\w*|competitive|applications?|benchmarks?|vary\w*)\b",
    re.I,
)


def _propose_parts(doc: Doc, mentions: list[Mention], proposed_names: set[str]) -> None:
    """Named parts of the paper's own method: after the abstract first names its proposed
    method, an acronym defined with a Title-Case long form that no lexicon knows, in a
    sentence that cites no other work, names one of its parts ("RGEN consists of two
    branches: the Constrained Part Attention (CPA) branch and ...")."""
    title_end = doc._.title_end
    starts = [m.start for m in mentions if m.proposed and m.start >= title_end]
    if not starts:
        return
    first = min(starts)
    text = doc_text(doc)
    known = method_lexicon_keys()
    for ab in doc._.abbreviations:
        short, long = ab.short.text, ab.long.text
        if (
            ab.long.start_char <= first
            or short in proposed_names
            or short in GENERIC
            or long.lower() in known
            or not all(w[:1].isupper() for w in re.split(r"[\s-]+", long) if w)
            or len(long.split()) < 2
        ):
            continue
        hits = [m for m in mentions if m.text == short and m.kind == "method"]
        if not hits or any(m.extractor in _KNOWN_EXTRACTORS for m in hits):
            continue
        s0 = max(text.rfind(". ", 0, ab.long.start_char), title_end)
        s1 = text.find(". ", ab.short.end_char)
        if (
            _EXTERNAL.search(text[s0 : s1 if s1 > 0 else len(text)])
            or re.search(r"\bwith\s+(?:a|an|the)\s+$", text[s0 : ab.long.start_char])
            or _USING_BEFORE.search(text[max(s0, ab.long.start_char - 40) : ab.long.start_char])
        ):
            continue  # "... with a Gaussian Mixture Model (GMM)", "relies on a ...": used
        for m in hits:
            m.proposed = True
            m.long = m.long or long
        proposed_names.add(short)


def _propose_title_phrase(
    doc: Doc,
    mentions: list[Mention],
    s0: int,
    s1: int,
    proposed_names: set[str],
    confidence: float = 0.75,
) -> None:
    """Make the title phrase ``doc.text[s0:s1]`` a proposed method, replacing the mentions
    inside it, and mark its other occurrences in the abstract (any case) as the same."""
    text = doc_text(doc)
    phrase = text[s0:s1]
    mentions[:] = [m for m in mentions if not (s0 <= m.start and m.end <= s1)]
    if any(m.start < s1 and s0 < m.end for m in mentions):
        return
    mentions.append(Mention(s0, s1, phrase, "method", "kg_contributions", confidence, True))
    proposed_names.add(phrase)
    _add_occurrences(text, phrase, mentions, confidence - 0.05, start=s1, ignore_case=True)


_USED_BEFORE = re.compile(
    r"\b(?:from|of|on|upon|using|use|uses|with|by|via|than|over|like|including|as|into|"
    r"to|for|leverag\w+|adopt\w*|extend\w*|based)\s+(?:the\s+|a\s+|an\s+)?"
    # "a framework for multi-hop NLI": the name after a preposition is used or addressed
    r"(?-i:[a-z][\w-]*\s+){0,2}$",
    re.I,
)
# From a contribution verb to the start of its object: "we propose a novel ", "We present the ".
_DIRECT_OBJECT = re.compile(
    r"\b(?:we|this\s+(?:paper|work))\s+(?:further\s+|also\s+|then\s+|first\s+)?"
    r"(?:propose|introduce|present|develop|design|devise)[sd]?\s+(?:a|an|the)?\s*"
    r"(?:(?:novel|new|simple|general|unified|effective|efficient|[a-z]+-[a-z]+)\s+){0,2}"
    # "we propose a novel model with spatial reasoning and temporal stack learning (SR-TSL)"
    r"(?:(?:[\w-]+\s+)?(?:model|framework|method|approach|network|architecture|algorithm)"
    r"\s+(?:with|of)\s+(?:a\s+|an\s+|the\s+)?)?$",
    re.I,
)
# Narrower than _USED_BEFORE: "the concept of Sub-Pseudo Label (SPL)" is still introduced.
_USING_BEFORE = re.compile(
    r"\b(?:using|use|uses|via|from|upon|than|like|leverag\w+|adopt\w*|employ\w*|utili[sz]\w+|"
    r"applying|based\s+on|rel(?:y|ies|ying)\s+on|buil(?:t|ds?|ding)\s+on|(?:formulation|version|variant|extension|generali[sz]ation|"
    r"improvement|modification)\s+of)\s+(?:the\s+|a\s+|an\s+)?(?-i:[a-z][\w-]*\s+){0,2}$",
    re.I,
)
_FOR_SHORT_AFTER = re.compile(r"\)?\s+for\s+short\b")
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+(?:[a-z-]+\s+){0,3})?$")
_DS_BEFORE = re.compile(
    r"\b(?:dataset|benchmark|corpus|suite|testbed)s?\s*,?\s*(?:called|named|termed|dubbed)?\s*$",
    re.I,
)
_ON_CUE_COMMA = re.compile(
    r"\b(?:on|in|across|over|for)\s+(?:[\w-]+\s+)?(?:dataset|benchmark|corpus|suite|testbed)s?"
    r"\s*,\s*$",
    re.I,
)
_DS_AFTER = re.compile(
    r"^\)?\s*(?:,|\(|:)?\s*(?:a|an|the|which\s+is\s+a)?\s*"
    # the words between describe the data; a preposition or verb means the name is run on it
    # ("Gen6D achieves ... on two datasets")
    r"(?:(?!(?:on|in|of|with|for|from|to|at|by|using|over|across|and|or|via|than)\b)"
    r"[\w-]+\s+){0,4}?(?:dataset|benchmark|corpus|suite|testbed)s?\b"
    # "the BoX, a collection of 32 instruction tasks"
    r"|^\)?\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:collection|compilation)\s+of\b",
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
    r"(?=[WwTtdcn])\b(?:(?:[Ww]e|[Tt]hey)\s+(?:term|call|name|dub)|termed|dubbed|called|named|coined)\s+"
    r"(?:it\s+|this\s+|them\s+)?(?:as\s+)?[\"\u201c']?"
    r"((?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*)(?=[\"\u201d'\s,.;:()]|$)"
)


# A name the text gives in lower case after a naming verb: "a fine-tuning method that we call
# information gain filtration", "a new graph property, called hierarchy width".
_NAMED_PLAIN = re.compile(
    r"\b(?:(?:[Ww]e|[Tt]hey)\s+(?:term|call|name|dub|coin)|(?:termed|dubbed|coined)|"
    r"(?:method|model|framework|approach|algorithm|technique|scheme|strategy|module|loss|"
    r"network|procedure|measure|property|notion|phenomenon|setting|variant|criterion|"
    r"regularizer|architecture|mechanism|operator|objective)s?,?\s+(?:called|named))\s+"
    r"(?:it\s+|this\s+(?:[a-z]+\s+)?|them\s+)?(?:as\s+)?([\"\u201c']?)"
    r"([a-z][\w()'-]*(?:\s+[\w()'-]+){0,5})"
)
_PLAIN_STOP = frozenset(
    "for to that which in of with by and as where because since is are was were on from via "
    "using or when while whose it can will we this these its their our a an the".split()
)


def _plain_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the lower-case names given after naming verbs in ``text[start:end]``."""
    out = []
    for m in _NAMED_PLAIN.finditer(text, start, end):
        words = m.group(2).split()
        if m.group(1):  # quoted: the name ends at the closing quote
            close = re.search(r"[\"\u201d']", text[m.start(2) : end])
            if not close:
                continue
            words = text[m.start(2) : m.start(2) + close.start()].split()
        keep: list[str] = []
        for w in words:
            if w.lower() in _PLAIN_STOP or w[:1] == "(":
                break
            if keep and any(c.isupper() for c in w):
                keep = []  # "importance-sampling-based MVSNet": a name-shaped word follows
                break
            keep.append(w)
        while keep and (not keep[-1] or keep[-1][-1] in ".,;:'"):
            keep[-1] = keep[-1].rstrip(".,;:'")
            if not keep[-1]:
                keep.pop()  # a word of punctuation only: "we call it foo '."
        if keep and keep[-1].endswith(")") and "(" not in keep[-1]:
            keep[-1] = keep[-1][:-1]
        keep = [w for w in keep if w]
        if keep and keep[-1].count("(") != keep[-1].count(")"):
            continue  # "log-COP-TD(λ, β)": cut inside its brackets
        if not keep or len(keep) > 4 or (len(keep) == 1 and _common(keep[0])):
            continue  # "the models (which we call "experts")": a word, not a name
        if re.search(
            r"\b(?:phenomen\w+|effects?|behaviou?rs?|issues?|problems?|challenges?|tasks?)\W+"
            r"(?:\w+\W+){0,3}$",
            text[max(0, m.start() - 40) : m.start() + 3],
        ):
            continue  # "a phenomenon we call weak-to-strong generalization": no method
        s0 = m.start(2)
        s1 = s0 + len(" ".join(keep))
        if text[s0:s1] != " ".join(keep) or text[s1 : s1 + 2] == " (":
            continue  # spaces inside, or an acronym follows (the acronym names it then)
        out.append((s0, s1))
    return out


# "we introduce paired-dual learning, a framework that ...": a lower-case name in apposition.
_PLAIN_APPOSITION = re.compile(
    r"\b(?:propose|introduce|present|develop|describe)s?\s+"
    r"((?:[a-z][\w-]*\s+){1,3}[a-z][\w-]*)(?=\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:framework|method|algorithm|model|approach|technique|architecture|estimator|procedure)s?\b)"
)
_NOT_NAME_START = frozenset(
    "a an the our two three four several some new novel this these efficient simple general "
    "generic robust effective practical principled first".split()
)


# A Title-Case name ending in the head of a built thing, introduced with an article:
# "we propose a Spatio-Spectro Fusion-Based Attention Block", "a novel Multi-Domain Query
# Cascaded Attention mechanism" (the lower-case head then stays outside the name).
_HEADED = re.compile(
    r"\b(?:a|an|the|our)\s+((?:(?:novel|new|proposed|simple|lightweight|efficient|effective|"
    r"unified|generic|general|robust|dedicated|learnable|adaptive)\s+)*)"
    r"((?:[A-Z][\w-]*\s+){1,5}(?:Network|Net|Module|Block|Layer|Mechanism|Loss|Attention|"
    r"Transformer|Encoder|Decoder|Framework|Model|Algorithm|Architecture|Unit|Head|Branch|"
    r"Pipeline|Filter|Estimator|Sampler|Operator|Regularizer|Regularization|Optimizer|"
    r"Generator|Discriminator|Pooling|Convolution|Prompting|Fusion|Aggregation|Aggregator|"
    r"Memory|Router|Adapter|Tokenizer|Embedding|Strategy)s?)(?![\w-])"
    # not a longer name ("Guided Multimodal Fusion Approach", "Efficient Transformer for
    # Re-ranking (ETR)"), whose acronym or full form is found elsewhere
    r"(?!\s+[A-Z]|\s+(?:for|of|with)\s+(?:[A-Z][\w-]*\s+){1,3}\()"
)


def _headed_names(text: str, start: int, end: int, in_contrib: bool) -> list[tuple[int, int]]:
    """Offsets of Title-Case built-thing names; outside a contribution span only those marked
    new or proposed ("a novel ...", "our ...")."""
    out = []
    for m in _HEADED.finditer(text, start, end):
        marked = bool(re.search(r"\b(?:novel|new|proposed)\b", m.group(1))) or text[
            m.start() : m.start() + 4
        ].lower().startswith("our")
        if not (in_contrib or marked):
            continue
        name = m.group(2)
        low = name.lower()
        if (
            _FAMILY_LONG.match(low)
            or low in method_lexicon_keys()
            or _singular(low) in method_lexicon_keys()
        ):
            continue
        out.append((m.start(2), m.end(2)))
    return out


_SPELLED_GAP = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}")


def _titled_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Title-case names given to what is proposed: "we propose a Hybrid LVLMs Collaboration
    framework, featuring a Frame Selector" -> the two names' offsets."""
    out = []
    for rx in (_TITLED, _TITLED_COMPONENT):
        for m in rx.finditer(text, start, end):
            words = m.group(1).split()
            # "combines a Deep RL algorithm with ...": a family, not a name
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1] not in GENERIC:
                out.append((m.start(1), m.end(1)))
    return out


def _chosen_after(
    text: str, cands: list[Mention], after: int, long_start: dict[int, int], background: str = ""
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
            # "as a backbone X" is used; "We name our method as ``learning to ...''" names it.
            if _USED_BEFORE.search(lead) and not text.startswith(_OPEN_QUOTES, at):
                continue
            if whole_word_spans(background, m.text):
                continue  # "Unlike methods using GANs, we propose a novel GAN framework"
            if m.extractor in _KNOWN_EXTRACTORS and m.kind == "method":
                continue  # a known, existing method is used, not proposed
            if _BUILT_ON.match(text, m.end) or _DATA_AFTER.match(text, m.end):
                continue  # "a UCB-based strategy": the strategy is new, UCB is used
            chosen.append(m)
        elif (
            chosen
            and _LIST_GAP.match(text[chosen[-1].end : m.start])
            and not _BUILT_ON.match(text, m.end)  # "X, the CLIP-based module": CLIP is used
        ):
            chosen.append(m)
    return chosen


_OPEN_QUOTES = ("``", '"', "\u201c", "'", "\u2018")
_BUILT_ON = re.compile(r"\)?-(?:based|like|style|inspired|driven|guided|powered)\b", re.I)

# "we propose to exploit / use / leverage X": the paper uses X, it does not introduce it.
_USE_INFINITIVE = re.compile(
    r"\s*to\s+(?:exploit|use|leverage|employ|apply|adopt|utili[sz]e|incorporate|combine|"
    r"integrate|borrow|reuse|extend)\b",
    re.I,
)


def _names_it(text: str, m: Mention, after: int, long_start: dict[int, int]) -> bool:
    at = long_start.get(m.start, m.start)
    lead = text[max(after, at - 40) : at]
    return bool(_NAMING.search(lead) or _OUR.search(lead))


def _is_dataset_apposition(text: str, m: Mention) -> bool:
    """ "a new dataset, X" / "X, a large-scale benchmark" / "the X benchmark", but not "on
    the LINEMOD dataset, X achieves" (a named dataset before the comma)."""
    if _METHOD_APPOSITION.match(text[m.end : m.end + 80]):
        return False
    before = _DS_BEFORE.search(text[max(0, m.start - 40) : m.start])
    if (
        before
        and _ON_CUE_COMMA.search(text[max(0, m.start - 40) : m.start])
        and not LIST_GOES_ON.match(text, m.end)
    ):
        before = None  # "On benchmarks, RFNs are compared": the sentence's subject
    if before and not re.search(r"(?:called|named|termed|dubbed)\s*$", before.group()):
        prev = text[max(0, m.start - 40) : m.start][: before.start()].split()[-1:]
        if prev and is_name_shaped(prev[0].strip("(),")):
            before = None
    return bool(before) or bool(_DS_AFTER.match(text[m.end : m.end + 60]))


# "VIPER, an algorithm that ...": the apposition says what the name is.
def _apposition(heads: str, max_words: int, lead: str = "") -> re.Pattern[str]:
    """', a/an' + ``lead`` + up to ``max_words`` modifier words (no preposition or conjunction)
    + one of ``heads`` (an alternation), right after a name: "X, a scalable method"."""
    return re.compile(
        rf"^\)?\s*,\s*(?:a|an)\s+{lead}(?:(?!(?:on|in|of|with|for|from|to|at|by|using|and|or)\b)"
        rf"[\w-]+\s+){{0,{max_words}}}?(?:{heads})s?\b",
        re.I,
    )


_METHOD_HEADS = (
    r"method|algorithm|framework|model|approach|architecture|network|technique|estimator|"
    r"pipeline|module|loss|agent|system|solver|procedure"
)
_METHOD_APPOSITION = _apposition(_METHOD_HEADS, 4)
# "MA-SORT, a novel object association approach": the paper's own.
_NOVEL_APPOSITION = _apposition(_METHOD_HEADS, 4, lead=r"(?:novel|new)\s+")
_DATA_APPOSITION = _apposition(r"dataset|benchmark|corpus|data\s+set", 4)
_TASK_APPOSITION = _apposition(r"task|problem|setting|paradigm", 3)
