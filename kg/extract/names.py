"""Names no list has: words shaped like method / model / dataset names, typed by context.

A candidate is a whitespace-delimited word shaped like a proper name (CamelCase, acronym,
letters with digits or joined by hyphens: ``DenseCLIP``, ``GPT-4o``, ``ResNet-50``), extended
by version or size words that follow (``LLaMA-2 70B``, ``SQuAD 2.0``, ``Gemini 1.5 Flash``).
It becomes a dataset when a cue says so ("the X dataset", "benchmarks such as X"), a task or
nothing when an acronym's long form says it is a task or a generic family ("large language
models (LLMs)"), and a method otherwise. A model series the corpus writes before its releases
(``Llama``, ``Claude``: the method lexicon's "series") is a name too, alone or with its release.

Some words of that shape are no names: function words in capitals ("AND", "FOR" of an
all-caps title), problems ("Text-to-SQL"), brain areas ("V1"), quantities ("VC dimension",
"ROC curve"), what a defined acronym's problem detects ("Human-Object Interaction (HOI)
detection"); a metric acronym that the corpus defines as no measure ("EM", "MAP") is a metric
only where something is measured.

Two more readings follow: Title-Case names given as examples of methods ("prompting methods
such as Chain of Thought, Tree of Thought, and Self-Consistency") are methods, and a release
written by its version alone after a versioned name ("PASCAL VOC 2007 and 2012",
"CIFAR-10/100") is that name's release.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg import gazetteer
from kg.extract.doc import Mention, doc_text, is_name_shaped
from kg.extract.gazetteer_matcher import (
    DATASET_CUES,
    SUBJECT_VERB,
    common_words,
    gazetteer_names,
)
from kg.extract.words import LIST_GOES_ON, STOP, whole_word_spans
from kg.names import name_key
from kg.paths import data_file

_WORD = re.compile(r"\S+")
# A full stop between a word (two or more letters, ending lower-case) and a capital letter,
# or a comma between a word and a letter ("on CUB200,and 80.9%"): a lost space.
_GLUED = re.compile(r"(?<=[A-Za-z][a-z])\.(?=[A-Z])|(?<=[A-Za-z0-9]),(?=[A-Za-z])")
_STRIP_LEAD = "([{\"'\u201c\u2018"
_X_TO_Y = re.compile(r"[A-Z][a-z]+-to-[A-Z][A-Za-z]*$")
# Function words, which a title or a logic formula writes in capitals ("AND", "FOR").
_FUNCTION_WORDS = frozenset(
    "a an and as at be but by can do does for from if in is it not of on or the to vs we "
    "with".split()
)
_GLUE_PUNCT = ".,;:-\u2013\u2014/"
_GLUED_WORDS = _FUNCTION_WORDS | {"that", "are", "was", "were", "has", "this"}
# Not "a" at the end: names end in -a ("Llama", "Gemma").
_GLUED_ENDS = _GLUED_WORDS - {"a"}


def unglued(word: str, text: str) -> tuple[int, int]:
    """How many characters of ``word`` at its start and its end are a lower-case function word
    that lost its space ("thatVertAttack", "VertAttackis", "ofHMM", "LSTMand": text extracted
    from PDFs), when the rest is written on its own elsewhere in ``text``; else (0, 0)."""
    if word[:1].islower():
        for k in range(1, min(5, len(word) - 1)):
            if word[k].isupper() and word[:k] in _GLUED_WORDS:
                if whole_word_spans(text, word[k:]):
                    return k, 0
                break
    if word[-1:].islower():
        for k in (4, 3, 2):
            if (
                len(word) > k + 1
                and word[-k:] in _GLUED_ENDS
                and word[-k - 1].isalnum()
                and whole_word_spans(text, word[:-k])
            ):
                return 0, k
    return 0, 0


_GLUED_AFTER_BRACKET = re.compile(r"[.,;:\u2013\u2014]|--|[a-z]{2,}$")
_STRIP_TRAIL = ".,;:!?)]}\"'\u201d\u2019"
_SUFFIX = re.compile(
    r"-(?:based|like|style|type|specific|level|driven|generated|only|free|aware|guided|enhanced|powered|derived|augmented|inspired)$",
    re.I,
)
_VERSION = re.compile(
    r"^(?:v?\d+(?:\.\d+)*[A-Za-z]?|r\d+(?:\.\d+)+|(?:\d+x)?\d+(?:\.\d+)?[BMKbmk]|[A-Z]\d*|"
    r"\(\d+[BM]\))$"
)
_BARE_RELEASE = re.compile(r"^[rv]\d+(?:\.\d+)+$")
_VARIANT_WORDS = {
    "Pro",
    "Flash",
    "Ultra",
    "Mini",
    "Large",
    "Base",
    "Small",
    "Tiny",
    "Turbo",
    "Instruct",
    "Chat",
    "XL",
    "XXL",
    "Plus",
    "Max",
    "Nano",
    "Lite",
    "Sonnet",
    "Opus",
    "Haiku",
}
_VARIANT_ALT = "|".join(sorted(_VARIANT_WORDS))
_VARIANT = r"(?:\s(?:" + _VARIANT_ALT + r"))"
# A release written by its version alone after the named one, a list of them or one: "PASCAL
# VOC 2007 and 2012", "CERT r4.2 and r5.2", "Gemini 1.0 Pro and 1.5 Flash", "LLaMA 7B and 13B".
_RELEASE = r"(?:\d+(?:\.\d+)?[BM]|[vr]?\d+(?:\.\d+)*[a-z]?)"
_NAMED_RELEASE = re.compile(r"^(.*\S)\s(" + _RELEASE + r")" + _VARIANT + r"*$")
_MORE_RELEASES = re.compile(
    r"(?:,\s*"
    + _RELEASE
    + _VARIANT
    + r"*)*,?\s(?:and|or|&)\s"
    + _RELEASE
    + _VARIANT
    + r"*"
    # not a number with a unit: "on SQuAD 1.1 and 2.0 points", "iPhone 8 and 125 FPS"
    + r"(?![\w%]|\.\d|\s*(?:%|points?\b|pp\b|percent\b|[A-Z]{2,}\b))"
)
_ONE_RELEASE = re.compile(r"(" + _RELEASE + r")" + _VARIANT + r"*")
_RELEASE_SHAPE = re.compile(r"([vr]?)(\d+)((?:\.\d+)*)([A-Za-z]?)")


def _release_shape(version: str) -> tuple[object, ...]:
    """What must agree between releases of one name: a prefix, a year or not, the number of
    dotted parts and of decimals, a size or suffix letter ("2007" and "2012", not "2012" and
    "80.3"; "2.0" and "2.1", not "2.0" and "8.41")."""
    m = _RELEASE_SHAPE.fullmatch(version)
    if m is None:
        return (version,)
    prefix, lead, dotted, suffix = m.groups()
    year = len(lead) == 4 and lead[:2] in ("19", "20")
    last = dotted.rsplit(".", 1)[-1] if dotted else ""
    size = suffix if suffix and suffix in "BM" else None
    # a plain number keeps its digits: "iPhone 8 and 125 FPS" are no two iPhones
    digits = len(lead) if not (prefix or dotted or size or year) else None
    return prefix, year, dotted.count("."), len(last), size or bool(suffix), digits


_SLASHED_RELEASES = re.compile(r"^([A-Za-z][\w.]*-)(\d+)/(\d+)$")


def coordinated_releases(
    text: str, mentions: list[Mention], known: frozenset[str]
) -> list[Mention]:
    """``mentions`` with the other releases of a versioned dataset or method name written by
    their versions alone: "PASCAL VOC 2007 and 2012" names PASCAL VOC 2012 too (a mention of
    the full name over the version's own characters), and "CIFAR-10/100" is CIFAR-10 and
    CIFAR-100. ``known``: the dataset names of the lists."""
    out = []
    for m in mentions:
        if m.kind not in ("dataset", "method"):
            out.append(m)
            continue
        slashed = _SLASHED_RELEASES.match(m.text)
        if slashed:
            base, first, second = slashed.groups()
            cut = m.start + len(base) + len(first)
            # a listed dataset's releases are data whatever the sentence says
            kind = "dataset" if known & {base + first, base + second} else m.kind
            out.append(Mention(m.start, cut, base + first, kind, m.extractor, m.confidence))
            out.append(Mention(cut + 1, m.end, base + second, kind, "kg_releases", m.confidence))
            continue
        out.append(m)
        head = _NAMED_RELEASE.match(m.text)
        tail = _MORE_RELEASES.match(text, m.end) if head else None
        if head is None or tail is None:
            continue
        base, shape = head.group(1), _release_shape(head.group(2))
        for r in _ONE_RELEASE.finditer(text, tail.start(), tail.end()):
            if _release_shape(r.group(1)) != shape:
                break
            name = base + " " + r.group()
            out.append(Mention(r.start(), r.end(), name, m.kind, "kg_releases", m.confidence))
    return out


# Generic families, fields, organisations and units: never a method or dataset by themselves.
GENERIC = {
    # a theory of bounds, no method ("Tighter PAC-Bayes Bounds")
    "PAC-Bayes",
    "PAC-Bayesian",
    "AI",
    "ML",
    "DL",
    "NLP",
    "NLU",
    "NLG",
    "CV",
    "LLM",
    "LLMs",
    "VLM",
    "VLMs",
    "MLLM",
    "MLLMs",
    "LM",
    "LMs",
    "PLM",
    "PLMs",
    "LVLM",
    "LVLMs",
    "GNN",
    "GNNs",
    "CNN",
    "CNNs",
    "RNN",
    "RNNs",
    "DNN",
    "DNNs",
    "ViTs",
    "GANs",
    "MLPs",
    "RL",
    "SSL",
    "SOTA",
    "SoTA",
    "API",
    "APIs",
    "GPU",
    "GPUs",
    "CPU",
    "CPUs",
    "TPU",
    "TPUs",
    "IoT",
    "US",
    "USA",
    "UK",
    "EU",
    "QA",
    "VQA",
    "OOD",
    "IID",
    "ID",
    "PDF",
    "HTML",
    "URL",
    "RGB",
    "RGB-D",
    "FLOPs",
    "FPS",
    "MB",
    "GB",
    "TB",
    "KB",
    "ms",
    "AGI",
    "XAI",
    "HCI",
    "NN",
    "NNs",
    "DRL",
    "MARL",
    "FL",
    "KD",
    "KG",
    "KGs",
    "DA",
    "TTA",
    "OCR",
    "ASR",
    "TTS",
    "MT",
    "NMT",
    "NER",
    "POS",
    "SFT",
    "RLHF",
    "ICL",
    "CoT",
    "RAG",
    "PEFT",
    "LoRA",
    "MoE",
    "VAEs",
    "Transformers",
    "LiDAR",
    "MRI",
    "CT",
    "EHR",
    "EHRs",
    "ECG",
    "EEG",
    "fMRI",
    "COVID-19",
    "COVID",
    "SARS-CoV-2",
    "GitHub",
    "HuggingFace",
    "ArXiv",
    "arXiv",
    "YouTube",
    "Twitter",
    "Reddit",
    "Wikipedia",
    "Google",
    "OpenAI",
    "Meta",
    "Microsoft",
    "NVIDIA",
    "IEEE",
    "ACM",
    "ACL",
    "NeurIPS",
    "ICML",
    "ICLR",
    "CVPR",
    "ICCV",
    "ECCV",
    "AAAI",
    "IJCAI",
    "EMNLP",
    "NAACL",
    "COLING",
    "SIGIR",
    "KDD",
    "WWW",
    "II",
    "III",
    "IV",
    "NP",
    "PhD",
    "MSc",
    "LaTeX",
    "SQL",
    "JSON",
    "XML",
    "CUDA",
    "PyPI",
    "README",
    "TL;DR",
    "I/O",
    "3D",
    "2D",
    "1D",
    "4D",
    "6D",
}
GENERIC |= {
    # divergences, learning frameworks, problems and boards named like methods
    "KL",
    "PAC",
    # problem formalisms and token names, not methods
    "MDP",
    "MDPs",
    "POMDP",
    "POMDPs",
    "ODE",
    "ODEs",
    "PDE",
    "PDEs",
    "EOS",
    "BOS",
    "CLS",
    "L0",
    "L1",
    "L2",
    "SLAM",
    "seq2seq",
    "Seq2Seq",
    "FC",
    "FCN",
    "ReLU",
    "SoTAs",
    "SOTAs",
    "U.S",
    "U.K",
    "AUC",
    "F1",
    "mAP",
    "mIoU",
    "BLEU",
    "ROUGE",
    "PSNR",
    # venues and journals, as cited in abstracts ("(Corander et al., NIPS 2013)")
    "NIPS",
    "UAI",
    "AISTATS",
    "COLT",
    "STOC",
    "FOCS",
    "SODA",
    "WACV",
    "BMVC",
    "ICRA",
    "IROS",
    "CoRL",
    "ICASSP",
    "INTERSPEECH",
    "CIKM",
    "WSDM",
    "ICDM",
    "ECML",
    "PKDD",
    "JMLR",
    "TPAMI",
    "PAMI",
    "IJCV",
    "TACL",
    # hardware and circuit technology, as GPU / TPU above
    "VLSI",
    "FPGA",
    "FPGAs",
    "ASIC",
    "ASICs",
    "CMOS",
}
# Modalities, media, formats and problems written like names ("RGBD input", "AR/VR headsets",
# "A/B tests", "X-ray images", "action units (AUs)", "ReID models"): neither a method nor a
# dataset, unless the paper defines the acronym as its own ("context-aware decoding (CAD)")
# or names its title after it ("DNA: Improving Few-Shot Transfer Learning ...").
_MEDIA_ACRONYMS = frozenset(
    {
        "RGBD",
        "RGB-Ds",
        "AR",
        "VR",
        "XR",
        "AR/VR",
        "VR/AR",
        "A/B",
        "AND/OR",
        "Q/A",
        "X-ray",
        "X-rays",
        "DNA",
        "RNA",
        "MEG",
        "EEG/MEG",
        "MEG/EEG",
        "JPEG",
        "PNG",
        "GPS",
        "IMU",
        "CAD",
        "AU",
        "AUs",
        "HOI",
        "ReID",
        # a region of interest, the input of "RoI pooling" or "RoI Align"
        "RoI",
        "RoIs",
        "ROI",
        "ROIs",
        # areas of the visual cortex ("simple cells in V1")
        "V1",
        "V4",
        "Re-ID",
        "reID",
        "re-ID",
        "RE-ID",
    }
)

# Acronyms that ARE specific techniques although they read like families (see GUIDELINES).
NOT_GENERIC = {"CoT", "MoE", "LoRA", "RAG", "SFT", "RLHF", "PEFT", "ICL"}
GENERIC -= NOT_GENERIC
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


_TASK_HEADS = re.compile(
    # Heads that name a problem. Not "learning" / "modeling" / "training": long forms ending so
    # are usually methods ("masked language modeling (MLM)").
    r"(?:detection|segmentation|recognition|classification|processing|translation|"
    r"estimation|retrieval|answering|understanding|grounding|summarization|captioning|"
    r"parsing|tagging|extraction|reconstruction|completion|localization|forecasting|"
    r"disambiguation|(?<![a-z])tracking|"
    # "X-augmented generation" names the augmentation technique, not a generation task.
    r"navigation|discovery|counting|generalization|(?<!augmented\s)generation)$|^(?:natural\s+)?language\s+inference$|"
    r"^(?:unsupervised\s+)?domain\s+adaptation$",
    re.I,
)
_FAMILY_LONG = re.compile(
    r"^(?:(?:large|small|pre-?trained|multi-?modal|vision|visual|neural|deep|generative|"
    r"foundation|convolutional|recurrent|graph|language|diffusion)\s+)+"
    r"(?:language\s+)?(?:models?|networks?|nets?|transformers?)$|"
    # "Adversarial Networks", "Deep Adversarial Nets": the GAN family, unnamed
    r"^(?:deep\s+)?adversarial\s+(?:networks?|nets?)$",
    re.I,
)


_METRIC_LONG = re.compile(
    r"\b(?:score|rate|accuracy|error|distance|index|precision|recall|measure|metric|ratio|"
    r"coefficient|similarity|divergence|loss|gain|curve|likelihood|perplexity)s?\b",
    re.I,
)


_DOTTED_VERSION = re.compile(r"^v?\d+\.\d+[A-Za-z]?$|^\d+(?:\.\d+)?[BM]$")


def _versioned_name(word: str, next_word: str, common: frozenset[str]) -> bool:
    """A plain capitalised word followed by a version is a model name ("Gemini 2.0",
    "Llama 70B"), unless it is an ordinary word ("Table 2.1", "Version 1.5")."""
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and word.lower() not in common
        and bool(_DOTTED_VERSION.match(next_word))
    )


# "LSTMs", "CNNs", "ViTs": a plural acronym names a family, not one method.
_PLURAL_FAMILY = re.compile(r"^[A-Z][A-Za-z0-9-]*[A-Z]s$")


def _generic_compound(word: str) -> bool:
    """ "human-AI", "ML-ready", "LLM-based": every part generic or an ordinary word."""
    parts = re.split(r"[-/]", word)
    return len(parts) > 1 and all(p in GENERIC or p.islower() or not p for p in parts)


# Letters only, with a capital after the first letter and a lower-case letter after that:
# "DEtector", "RelAtional", but also "SCoRe" and "ImageNet".
_EMPHASIS = re.compile(r"^[A-Za-z][a-z]*[A-Z][A-Za-z]*[a-z][A-Za-z]*$")


def _acronym_letters(word: str, common: frozenset[str], ws: list[tuple[int, int, str]]) -> bool:
    """A common word whose capitals mark letters of an acronym among the text's words ``ws``
    ("TILDE: A Temporally Invariant Learned DEtector"), not a name; a coined name that spells
    a word with capitals of its own ("SCoRe") is kept. Few words get past the first test, so
    the acronyms are looked up only then."""
    if not _EMPHASIS.match(word) or word.lower() not in common:
        return False
    caps = "".join(c for c in word if c.isupper())
    return any(caps in a for _, _, a in ws if len(a) > 2 and a.isupper() and a != word)


# Accelerators ("GTX1080Ti", "RTX", "TX2", "V100", "TPUv2s"): hardware, not a method or data.
_HARDWARE = re.compile(r"^(?:(?:GTX|RTX)-?\d{0,4}(?:Ti)?|TX[12]|[VAH]100|TPU(?:v\d)?s?)$")
# Units of power, frequency, energy and size ("mW", "GHz", "kWh/month", "GB", "dB"): no names,
# unless the text defines the letters as an acronym.
_UNIT = re.compile(r"^(?:[kKMGTm]?(?:W|Wh|Hz|B|bps)|dB|dBm)(?:/[a-z]+)?$")
# "transfOlmation", "infoIIDation": PDF text-layer noise inside an ordinary word.
_OCR_NOISE = re.compile(
    r"^[a-z]{3,}[A-Z]+[a-z]*(?:ation|tion|ment|ness|ing|ity|ive|ous|able|ance|ence)$"
)


def _plain_word(word: str, common: frozenset[str], defined: dict[str, str]) -> bool:
    """An ordinary English word, not a name: an all-capitals word of 6+ letters that is a
    common word ("IMPRESSIONS", a report section), unless the text defines it or it is an
    established name ("REINFORCE"), and OCR noise inside a word ("transfOlmation", "signaL")."""
    if _OCR_NOISE.match(word):
        return True
    if word[0].islower() and word.isalpha() and not word.islower():
        # "partiCUlar", "signaL", "fIrst", "controJJer": capitals inside an ordinary word,
        # where the text layer misread letters (I and J for l), not a coined name ("mBERT")
        for low in {word.lower(), word.replace("I", "l").replace("J", "l").lower()}:
            if low in common or _singular_key(low) in common:
                return True
    if len(word) < 6 or not word.isalpha() or not word.isupper() or word in defined:
        return False
    low = word.lower()
    if low not in common and _singular_key(low) not in common:
        return False
    return low not in method_lexicon_keys()


@lru_cache(maxsize=1)
def _task_keys() -> frozenset[str]:
    """Normalised task names of the gazetteer that the method lexicon does not also list
    ("Gaussian processes" is both)."""
    methods = {name_key(m) for m in method_lexicon()}
    return frozenset(k for t in gazetteer.load()["tasks"] if (k := name_key(t)) not in methods)


def listed_task(long: str) -> bool:
    """``long`` is a task name of the gazetteer (and no established method)."""
    return name_key(long) in _task_keys()


@lru_cache(maxsize=1)
def method_lexicon_keys() -> frozenset[str]:
    """The method lexicon's names, lower-cased (what the lexicon matcher compares)."""
    return frozenset(x.lower() for x in method_lexicon())


_CITATION = re.compile(r"\[\d+(?:[,\u2013-]\s*\d+)*\]?$")


def words(text: str) -> list[tuple[int, int, str]]:
    """Whitespace words with surrounding brackets/quotes/punctuation stripped, and a sentence
    break that lost its space split off ("methods.RFN" gives "methods" and "RFN"; URLs and
    domains such as "github.com/org/BALF" or "fast.ai" stay whole)."""
    out: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if w.isalnum():  # no bracket, quote or punctuation to strip: most words
            out.append((m.start(), m.end(), w))
            continue
        s, e = m.span()
        close = w.find(")")
        if (
            w[0] == "("
            and 0 < close < len(w) - 1
            and _GLUED_AFTER_BRACKET.match(w, close + 1)
            and any(c.isupper() for c in w[1:close])
        ):
            # "(MaskedLM).Furthermore", "(DGGAN),to", "(TCN)to", "(NMF)---a": a bracketed name
            # glued to the next word (not "(K+1)-way", "(GAN)-based": one word; nor "(d+1)n")
            _add_stripped(text, s, s + close + 1, out)
            rest = w[close + 1 :]
            skip = len(rest) - len(rest.lstrip(_GLUE_PUNCT))
            if skip < len(rest):
                _add_stripped(text, s + close + 1 + skip, e, out)
            continue
        if (
            ("." in w or "," in w)
            and "/" not in w
            and _GLUED.search(w)
            and not w.lower().startswith("www.")
        ):
            cuts = [s, *(s + g.start() + 1 for g in _GLUED.finditer(w)), e]
            for a, b in zip(cuts, cuts[1:], strict=False):
                _add_stripped(text, a, b, out)
        else:
            _add_stripped(text, s, e, out)
    return out


def _add_stripped(text: str, s: int, e: int, out: list[tuple[int, int, str]]) -> None:
    """Append text[s:e] to ``out`` without surrounding brackets, quotes, punctuation, a
    citation mark or a possessive 's, unless nothing is left."""
    w = text[s:e]
    while w and w[0] in _STRIP_LEAD:
        w, s = w[1:], s + 1
    while w and w[-1] in _STRIP_TRAIL and not (w.endswith("+") or (w[-1] == ")" and "(" in w)):
        w, e = w[:-1], e - 1
    # "ABE[14]" -> "ABE": a citation mark, not part of the name
    cite = _CITATION.search(w)
    if cite and cite.start() > 0:
        w, e = w[: cite.start()], e - (len(w) - cite.start())
    # "GPT-4o's" -> "GPT-4o"
    if w.endswith(("'s", "\u2019s")):
        w, e = w[:-2], e - 2
    if w:
        out.append((s, e, w))


def classify_by_long(long: str) -> str | None:
    """What an acronym's long form says it is: "task", "generic", "dataset" or None."""
    low = long.lower().strip()
    if _FAMILY_LONG.match(low):
        return "generic"
    if re.search(r"\b(dataset|benchmark|corpus|database|challenge|suite)\b", low):
        return "dataset"
    if _TASK_HEADS.search(low):
        return "task"
    if low.endswith(("learning", "distillation")) and len(low.split()) <= 4:
        return "paradigm"  # "continual learning (CL)": a problem setting unless proposed
    return None


_EVAL_BEFORE = re.compile(
    r"(?:experiments?|evaluat\w*|results?|tested|test|benchmark\w*|accuracy|performance|"
    r"trained|fine-?tuned|state-of-the-art|sota|gains?|improvements?|scores?|validated|"
    r"conducted|achiev\w*|outperform\w*|surpass\w*|exceed\w*)\b(?:[^.;]|\.(?=\d)){0,80}?\b(?:on|across|over|using|with|in)\s+"
    r"(?:the\s+|both\s+|several\s+|multiple\s+|\w+\s+(?:public\s+)?(?:datasets?|benchmarks?)\s*(?:,|:|\()?\s*)?"
    r"(?:(?-i:[A-Z0-9][\w\-+.'/]*)(?:\s[rv]?\d[\w.]*)?,?\s+(?:and\s+|or\s+|&\s+)?)*$",
    re.I,
)
# A reporting verb or "than" after the cue starts a clause about something else:
# "experiments on a variety of data sets show that PPC ...", "on 4 of 7 data sets it yields
# lower test error than kNN" (not a pronoun: "a new dataset which we call CIFAR10H").
_CLAUSE_WORD = (
    r"(?:shows?|showed|shown|demonstrates?|demonstrated|suggests?|indicates?|confirms?|"
    r"reveals?|than)\b"
)
_LIST_BEFORE = re.compile(
    r"(?:datasets?|data\s+sets?|benchmarks?|corpora|corpus|suites?)(?:\s+(?!"
    + _CLAUSE_WORD
    + r")(?-i:[a-z-]+)){0,6}\s*(?:,|:|\()?\s*(?:such\s+as|like|including|"
    r"e\.g\.,?|i\.e\.,?|namely|viz\.)?\s*(?:(?-i:[A-Z0-9][\w\-+.'/]*)(?:\s[rv]?\d[\w.]*)?,?\s+(?:and\s+|or\s+|&\s+)?)*$",
    re.I,
)
# Words one of which _EVAL_BEFORE / _LIST_BEFORE needs (a quick test before the search).
_EVAL_CUES = (
    "experiment evaluat result test benchmark accuracy performance trained fine state-of-the-art "
    "sota gain improvement score validated conducted achiev outperform surpass exceed"
).split()
_LIST_CUES = ("dataset", "data set", "benchmark", "corpora", "corpus", "suite")
# "On benchmarks, RFNs are compared to ...": one name after a comma is the sentence's subject,
# unless a list goes on after it (words.LIST_GOES_ON: "benchmarks, COCO and VOC").
_COMMA_AFTER_CUE = re.compile(
    r"\b(?:datasets?|data\s+sets?|benchmarks?|corpora|corpus|suites?)\s*,\s*$", re.I
)
# "SGD and Weather benchmarks": a list of names that ends in a dataset cue.
_LIST_THEN_CUE = re.compile(
    r"(?:\s*(?:,|and|or|&)\s*(?:the\s+)?[A-Z0-9][\w\-+.]*(?:\s[rv]?\d[\w.]*)?){1,6}"
    r"\s+(?:datasets?|benchmarks?|corpora|data\s+sets?)\b"
)


# Nouns after a name that make it a unit of what is counted ("MAC operations", "FP32 units").
_COUNTED_UNITS = frozenset("operations ops units cycles instructions gates".split())
# "our Recurrent Reinforcement Learning (RRL) algorithm": the paper's own, before a long form.
_OUR_BEFORE = re.compile(r"\bour\s+(?:[\w-]+\s+){0,2}$", re.I)
CALLED_DATASET = re.compile(r"\)?\s*(?:dataset|benchmark|corpus|data\s+set)\b", re.I)
_NAME_NEXT = re.compile(r"\s+(?:[A-Z][\w-]*[A-Z0-9]|[A-Z][a-z]+[A-Z])")


def called_dataset(text: str, end: int) -> bool:
    """The word after ``end`` calls what ends there a dataset ("(PrACo) benchmark"), and no name
    follows that word ("the general face recognition (GFR) dataset LFW" names LFW)."""
    m = CALLED_DATASET.match(text, end)
    return m is not None and not _NAME_NEXT.match(text, m.end())


_BASE = re.compile(r"^(.+?)[-_ ]?(?:\d+[kKmM]?|v\d+(?:\.\d+)?|\d{4}|[A-Z]{1,3})$")


# Well-known model families (general knowledge, not from any gold): names starting with these
# are models, whatever the context ("evaluated on GPT-4" is a model, not a dataset).
MODEL_FAMILIES = re.compile(
    r"^(?:GPT|ChatGPT|LLaMA|Llama|Alpaca|Vicuna|BERT|RoBERTa|ALBERT|DeBERTa|ELECTRA|XLNet|T5|"
    r"mT5|BART|CLIP|BLIP|ViT|DeiT|Swin|ResNet|ResNeXt|VGG|Inception|EfficientNet|MobileNet|"
    r"DenseNet|ConvNeXt|YOLO|DETR|SAM|Gemini|Gemma|Claude|Mistral|Mixtral|Qwen|PaLM|Falcon|"
    r"OPT|BLOOM|Phi|DeepSeek|CodeLlama|StarCoder|Codex|Whisper|wav2vec|HuBERT|DALL|Imagen|"
    r"Stable\s?Diffusion|U-Net|UNet|LSTM|GRU|Transformer|SimCLR|MoCo|BYOL|DINO|MAE|"
    r"(?:Fast|Faster|Mask|Cascade)?\s?R-CNN|mBERT|XLM|LeNet|AlexNet|GoogLeNet|SqueezeNet|"
    r"ShuffleNet|C3D|I3D|SlowFast)s?(?![a-z])"
)


# Words that end a dataset name's trailing description ("X on large-scale simulated data").
_NOT_IN_NAME = frozenset(
    "on in of with for from to at by using over across and or via than achieves achieved "
    "obtains outperforms shows performs".split()
)


_SCORE_BRACKET = re.compile(r"\d(?:\.\d+)?\s?%?\s\($")
# Heads after a name that make it a method or a part of one, whatever the context.
_METHOD_NEXT = frozenset(
    "objective objectives loss losses model models network networks method methods framework "
    "algorithm architecture module encoder decoder backbone regularizer optimizer".split()
)


# Where code or models are put: "available in / released at / implemented in X" (X is a
# library, a repository or a language), unless a data word follows X (tested before).
_HOSTED_IN = re.compile(
    r"\b(?:available|released|implemented|hosted|open-sourced)\s+(?:in|at|on|from)\s+(?:the\s+)?$"
)


def looks_like_dataset(
    text: str, start: int, next_word: str, name: str, known: frozenset[str]
) -> bool:
    """Context and shape cues that a name is a dataset / benchmark, not a method."""
    if MODEL_FAMILIES.match(name) or next_word in _COUNTED_UNITS:
        return False  # "evaluated on GPT-4"; "2.8x fewer MAC operations"
    if next_word in DATASET_CUES:
        return True
    if next_word in _METHOD_NEXT:
        return False  # "pre-trained using the InfoNCE objective"
    # "LiTS liver tumor dataset": a cue word within three lower-case words after the name.
    after = text[start + len(name) : start + len(name) + 50].split()[:4]
    for w in after:
        w = w.strip(".,;:()")
        if w in DATASET_CUES:
            return True
        if not w.islower() or w in _NOT_IN_NAME:
            break  # "X on a simulated dataset": X is what is run on the dataset
    if _SCORE_BRACKET.search(text, max(0, start - 12), start):
        return True  # "85.9 (AMR2.0) and 84.3 (AMR3.0)": the data a score was measured on
    before = text[max(0, start - 160) : start]
    if _HOSTED_IN.search(before):
        return False  # "pretrained models ... are available in PaddleClas": software
    low = before.lower()  # the patterns below are slow: tried only when their cue word is there
    if (
        any(cue in low for cue in _LIST_CUES)
        and _LIST_BEFORE.search(before)
        and not (
            _COMMA_AFTER_CUE.search(before) and not LIST_GOES_ON.match(text, start + len(name))
        )
    ):
        return True
    if (
        any(cue in low for cue in _EVAL_CUES)
        and _EVAL_BEFORE.search(before)
        # "On 0-shot MMLU, UL2 20B outperforms T0": after the comma, the clause's subject
        and not (before.rstrip().endswith(",") and SUBJECT_VERB.match(text, start + len(name)))
    ):
        return True
    base = _BASE.match(name)
    return bool(base and base.group(1) in known)


# "datasets such as", "benchmarks (": what an example of data follows straight after.
_DATA_EXAMPLE_BEFORE = re.compile(
    r"\b(?:datasets?|data\s+sets?|benchmarks?|corpora)\s*,?\s*"
    r"(?:such\s+as|like|including|e\.g\.,?|\(|:)\s*(?:the\s+)?$",
    re.I,
)


def _listed_as_data(text: str, start: int, long: str) -> bool:
    """A capitalised long form at ``start`` is the first example of a list of data
    ("datasets such as Open X-Embodiment (OXE)")."""
    return all(w[:1].isupper() or w[:1].isdigit() for w in long.split()) and bool(
        _DATA_EXAMPLE_BEFORE.search(text, max(0, start - 40), start)
    )


_METHOD_NOUN_AFTER = re.compile(
    r"^\)?\s*(?:method|framework|model|approach|algorithm|architecture|network|technique|"
    r"scheme|strategy|module|paradigm|system)s?\b",
    re.I,
)
_PROPOSE_IN_SENT = re.compile(
    r"\b(?:propos|introduc|present|develop|design|devis)\w*|"
    r"\bwe\s+(?:term|call|name|dub)\b|\b(?:termed|dubbed|coined)\b",
    re.I,
)


# Words a Title-Case name leaves in lower case ("Caption Grounding and Generation").
MINOR_WORDS = frozenset("a an and for in of on or the to with".split())


def paradigm_or(ab, text: str) -> str | None:  # type: ignore[no-untyped-def]
    """classify_by_long, but a "learning" long form that the sentence proposes, or that is
    followed by "method"/"framework", is a method ("MCL method is proposed"); and so is a
    problem-named one that is both ("we devise a joint Caption Grounding and Generation (CGG)
    framework": the acronym names the framework, not the problem)."""
    kind = classify_by_long(ab.long.text)
    if kind not in ("paradigm", "task"):
        return kind
    after = text[ab.short.end_char : ab.short.end_char + 20]
    start = max(0, text.rfind(". ", 0, ab.short.start_char))
    end = text.find(". ", ab.short.end_char)
    sentence = text[start : end if end > 0 else len(text)]
    method_noun = _METHOD_NOUN_AFTER.match(after)
    proposing = _PROPOSE_IN_SENT.search(sentence)
    if kind == "paradigm":
        return None if method_noun or proposing else kind
    # Spelled like a name (Title Case, or a mixed-case acronym: "semantically-guided depth
    # estimation (SGDepth) method"), not like the problem ("a presentation attack detection
    # (PAD) method" is a method for PAD).
    named = not ab.short.text.isupper() or all(
        not w[:1].islower() for w in ab.long.text.split() if w not in MINOR_WORDS
    )
    return None if method_noun and proposing and named else kind


# Heads of long forms that name no method: data, modalities, quantities, properties, settings
# ("Hyperspectral Imaging (HSI)", "Degrees-of-Freedom (DOF)", "Bird's-eye View (BeV)").
_NON_METHOD_HEADS = {
    "resource",  # "human resources (HR)"
    "imaging",
    "image",
    "view",
    "freedom",
    "independence",
    "data",
    "signal",
    "rate",
    "ratio",
    "error",
    "score",
    "distance",
    "space",
    "time",
    "domain",
    "region",
    "interest",
    "map",
    "representation",
    "reality",
    "intelligence",
    "vehicle",
    "device",
    "sensor",
    "camera",
    "problem",
    "equation",
    "property",
    "condition",
    "constraint",
    "bound",
    "inequality",
    "theorem",
    "lemma",
    "hypothesis",
    "principle",
    "assumption",
    "setting",
    "scenario",
    "disease",
    "disorder",
    "resonance",
    "tomography",
    "microscopy",
    "spectroscopy",
    # bodies ("World Health Organization (WHO)")
    "organization",
    "organisation",
    "institute",
    "agency",
    "university",
    "foundation",
    "society",
    "committee",
    "council",
    "sensing",
    "video",
    "speech",
    "text",
    "record",
    "scan",
    "measurement",
    "recording",
    "modality",
    "interface",
    "range",
    "resolution",
    "level",
    "order",
    "point",
    "language",
    "game",
    "graph",
    "knowledge",
    "cloud",
    "field-of-view",
    "dimension",
    "complexity",
    # problems and things that no method is named after ("person re-identification (ReID)",
    # "rhetorical structure theory (RST)", "rolling shutter (RS)", "visual cortex (V1)",
    # "ground truth (GT)"); not "interaction", which ends names of modules too
    # ("Complementary Feature Interaction (CFI)")
    "identification",
    "re-identification",
    "theory",
    "shutter",
    "infrared",
    "cortex",
    "truth",
}
_NOUNISH = {
    "logic",
    "heuristic",
    "metric",
    "topic",
    "objective",
    "primitive",
    "derivative",
    "alternative",
    "arithmetic",
    "music",
    "critic",
    "mechanic",
    "dynamic",
    "dynamics",
}
_ADJECTIVE_END = re.compile(r"(?:ic|ical|ive|ous|concave|convex|smooth)$")


_PURPOSE = re.compile(r"\s(?:for|using|via|with|by|through|towards?)\s")


def names_no_method(long: str) -> bool:
    """An acronym's long form names data, a quantity, a property or a setting, or ends in an
    adjective ("magnetoencephalographic (MEG)", "nonconvex-strongly-concave (NC-SC)"). A
    long form with a purpose or a means is so only if its head before them is too:
    "Self-supervised Attention for Vehicle Re-identification (SAVER)" is an attention
    method."""
    low = long.strip().lower()
    head = _PURPOSE.split(low, maxsplit=1)[0]
    return _ends_no_method(low) and (head == low or _ends_no_method(head))


def _ends_no_method(phrase: str) -> bool:
    last = re.split(r"[\s-]+", phrase)[-1].strip(".,;:'\"")
    if not last:
        return False
    sing = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    if sing in _NON_METHOD_HEADS or last in _NON_METHOD_HEADS:
        return True
    return bool(_ADJECTIVE_END.search(last)) and last not in _NOUNISH


# A name followed by one of these is data, a setting or a problem here, not a method
# ("MEG recordings", "EQA settings", "the NC-SC setting").
_NOT_METHOD_AFTER = re.compile(
    r"(?=[A-Z])(?<![\w-])([A-Z][\w-]*[A-Z][\w-]*)\s+(?:signals?|data|recordings?|measurements?|scans?|"
    r"sensors?|modalit(?:y|ies)|settings?|tasks?|problems?|regimes?|sequences?|tokens?|"
    r"boards?|GPUs?|CPUs?|devices?|chips?|processors?|dimensions?|curves?|areas?)\b"
)


# An acronym whose definition is followed by a device or data noun names that kind of thing
# ("time-of-flight (ToF) cameras", "electroencephalography (EEG) signals").
_DEFINED_NOT_METHOD = re.compile(
    r"\(([^()]{2,12})\)\s+(?:cameras?|sensors?|signals?|data|recordings?|images?|imagery|"
    r"scans?|devices?|measurements?|modalit(?:y|ies)|settings?|problems?)\b"
)

_NO_METHOD = ("generic", "task", "paradigm", "other")
# A built thing named right after an acronym's bracket; "model" but not "models", which
# follows classes of models too ("text-to-video (T2V) models").
_BUILT_THING_AFTER = re.compile(
    r"\)?\s+(?:method|framework|approach|algorithm|architecture|network|technique|"
    r"scheme|strategy|module|regularizer|regularization|loss|layer|block|mechanism|operator|"
    r"estimator|classifier|encoder|decoder|sampler|optimizer)s?\b|\)?\s+model\b"
)
# A problem's head right after an acronym's bracket: "facial action unit (AU) recognition".
_TASK_HEAD_AFTER = re.compile(r"\)\s+(?:detection|recognition|anticipation)\b")
# A long form right after "the problem of" names the problem, not a method.
_PROBLEM_OF = re.compile(r"\b(?:problems?|tasks?)\s+of\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=1)
def _method_lexicon_file() -> dict[str, object]:
    f = data_file("method_lexicon.json.gz")
    if not f.is_file():
        return {}
    with f.open("rb") as fh:
        data: dict[str, object] = json.loads(gzip.decompress(fh.read()).decode("utf-8"))
    return data


def method_lexicon() -> list[str]:
    """Established method names (scripts/build_method_lexicon.py), e.g. "Gibbs sampling"."""
    return list(_method_lexicon_file().get("methods", []))  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def model_series() -> frozenset[str]:
    """Model series names the corpus writes before a release ("Llama", "Claude", "Mistral";
    scripts/build_method_lexicon.py), as written: case-sensitive. They find plain capitalised
    words as names; :data:`MODEL_FAMILIES` only types names already found by their shape."""
    return frozenset(_method_lexicon_file().get("series", []))  # type: ignore[call-overload]


_RELEASE_WORD = re.compile(r"[\s-]+(?:" + _RELEASE + r"|" + _VARIANT_ALT + r")")


def is_series_release(name: str) -> bool:
    """``name`` is a model series with at most its release, size and variant words ("Llama",
    "Llama 2 7B", "Llama-3-8B", "Claude 3 Opus"; not "Llama-Med")."""
    first = re.match(r"[A-Z][a-z]+", name)
    if first is None or first.group() not in model_series():
        return False
    pos = first.end()
    while pos < len(name):
        step = _RELEASE_WORD.match(name, pos)
        if step is None:
            return False
        pos = step.end()
    return True


@lru_cache(maxsize=1)
def _unmeasured_acronyms() -> frozenset[str]:
    """Acronyms the corpus defines, each time, as something other than a measure ("EM",
    "MAP", "CS"), though a metric list holds them (exact match, mean average precision)."""
    return frozenset(
        short
        for short, longs in defined_acronyms().items()
        if not any(_METRIC_LONG.search(long) or _COUNT_LONG.search(long) for long in longs)
    )


# Long forms of measures that no metric word ends: "floating point operations (FLOPs)",
# "intersection over union (IoU)".
_COUNT_LONG = re.compile(r"\b(?:operations|intersection)\b", re.I)
_MEASURED_NEAR = re.compile(r"\d|@|\b(?:scores?|metrics?|measures?|performance|terms\s+of)\b", re.I)


def _measured_here(text: str, start: int, end: int, metrics: list[tuple[int, int]]) -> bool:
    """A metric acronym at ``text[start:end]`` is used as one: a number or a metric word is
    within a few characters ("EM of 71.2", "the MAP performance", "in terms of MAP"), or another
    metric is ("EM and F1", "F1/EM")."""
    if _MEASURED_NEAR.search(text, max(0, start - 16), min(len(text), end + 16)):
        return True
    return any((s, e) != (start, end) and s < end + 12 and start - 12 < e for s, e in metrics)


@lru_cache(maxsize=1)
def defined_acronyms() -> dict[str, list[str]]:
    """Acronyms many abstracts of the corpus define the same way, whatever they name: "EM" ->
    ["Expectation-Maximisation", "Expectation-Maximization"], "AU" -> ["action unit"]
    (scripts/build_method_lexicon.py). Shared: callers must not change it."""
    return dict(_method_lexicon_file().get("defined", {}))  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def method_acronyms() -> dict[str, str]:
    """Acronyms the corpus defines for established methods: "SGD" -> "stochastic gradient
    descent" (scripts/build_method_lexicon.py). Shared: callers must not change it."""
    return dict(_method_lexicon_file().get("acronyms", {}))  # type: ignore[call-overload]


def established_method(name: str) -> bool:
    """``name`` is a known method or model on its own: the method lexicon's, a model family's
    or a release of one, or an acronym the corpus defines as a method."""
    return bool(
        name.lower() in method_lexicon_keys()
        or MODEL_FAMILIES.match(name)
        or is_series_release(name)
        or name in method_acronyms()
        or name in defined_acronyms()
    )


# "a residual network-like approach" still mentions the residual network.
_LEXICON_SUFFIX = re.compile(r"^-(?:like|based|style|type|inspired)\b")


_BEFORE_NAME = {
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
    "via",
    "using",
    "than",
    "use",
    "uses",
    "used",
    "vanilla",
    "standard",
    "original",
    "plain",
    "causal",
    "small",
    "large",
    "simple",
    "single",
    "deep",
    "linear",
    "classic",
    "classical",
}


def _singular_key(name: str) -> str:
    key = " ".join(re.split(r"[\s-]+", name.lower()))
    if key.endswith(("sses", "xes", "ches", "shes")):
        return key[:-2]
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def _tail_of(text: str, start: int, end: int, longs: Iterable[str]) -> bool:
    """The hit ``text[start:end]`` ends one of the longer defined long forms ``longs``, written
    here too, maybe in the plural ("... with Hidden Parameter Markov Decision Processes" in the
    title)."""
    hit = _singular_key(text[start:end])
    before = re.split(r"[\s-]+", text[max(0, start - 80) : start].lower().strip())
    for long in longs:
        full = _singular_key(long)
        if hit == full or not full.endswith(" " + hit):
            continue
        lead = full[: -len(hit)].split()
        if before[-len(lead) :] == lead:  # "Self-supervised vIsion Transformer" (SiT)
            return True
    return False


def _capitalised_lead(doc: Doc, i: int, start: int, listed: set[int]) -> int:
    """Where a Title-Case lexicon hit at token ``i`` really starts: a run of capitalised
    words before it inside a sentence is part of the one name ("Gradient Boosted Decision
    Trees", not "Decision Trees"); ``start`` when there is none, in the title (where every
    word is capitalised), and unless a comma or a lower-case word comes before the run (not
    the end of a hyphenated compound, "Least-Squares Support Vector Machine", where which
    words belong is unknown). The run stops at a word of another lexicon hit (``listed``,
    token indices): "Deep Boltzmann Machine Gibbs sampler" is two names."""
    if not doc[i].text[:1].isupper() or start < doc._.title_end:
        return start
    starts = {a for a, _ in doc._.sentences}
    k = i
    while k > 0:
        prev = doc[k - 1]
        if not (prev.is_alpha and prev.text[:1].isupper() and prev.text[1:].islower()):
            break
        if prev.idx in starts or prev.lower_ in STOP or prev.i in listed:
            break
        k -= 1
    before = doc[k - 1] if k > 0 else None
    if k == i or before is None or not (before.text == "," or before.text.islower()):
        return start  # a sentence may open after a quote or "(iii)": "Unlike Fourier ..."
    return doc[k].idx


def _alone(doc: Doc, i: int) -> bool:
    """A one-word name ("Transformer", "dropout") stands alone: no modifier word before it
    but a determiner or a few adjectives ("a transformer-based aggregator" still counts, as
    the dev gold has it)."""
    prev = doc[i - 1].text if i > 0 else ""
    if i > 1 and doc[i - 2].text == "-":
        return True  # a hyphenated modifier: "an attribute-guided Transformer network"
    return not prev.isalpha() or prev.lower() in _BEFORE_NAME


class NameFinder:
    """Component ``kg_names``: name-shaped words (see the module docstring) and established
    method names of the packaged lexicon, matched case-insensitively with a PhraseMatcher."""

    def __init__(self, nlp: Language, name: str = "kg_names") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        tok = nlp.tokenizer
        assert isinstance(tok, Tokenizer)
        names = method_lexicon()
        # "a differentiable label-propagation method", "least-squares policy iteration": two
        # words of a name joined by a hyphen instead of a space (one pair at a time)
        hyphened = [
            " ".join([*words[:i], words[i] + "-" + words[i + 1], *words[i + 2 :]])
            for words in (n.split(" ") for n in names)
            if len(words) <= 4
            for i in range(len(words) - 1)
        ]
        # and the other way: "cross attention", "self attention" for "cross-attention", and
        # "Chain of Thought", "Mixture of Experts" for names hyphenated round a minor word
        spaced = [
            n.replace("-", " ")
            for n in names
            if re.fullmatch(r"[a-z]+-[a-z]+", n) or MINOR_WORDS & set(n.lower().split("-")[1:-1])
        ]
        self.matcher.add("method", list(tok.pipe([*names, *hyphened, *spaced])))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = filter_spans(self.matcher(doc, as_spans=True))
        longs = [(ab.long.start_char, ab.long.end_char) for ab in doc._.abbreviations]
        long_texts = {ab.long.text for ab in doc._.abbreviations}
        if long_texts:
            # A listed method of two or more words ending a long form written here ("SiT:
            # Self-supervised vIsion Transformer") is part of that name, as for lexicon hits
            # below; one word ("Metaphor-relation BERT") is the model built on.
            doc._.mentions = [
                m
                for m in doc._.mentions
                if m.kind != "method"
                or " " not in m.text
                or not _tail_of(text, m.start, m.end, long_texts)
            ]
        listed = {i for span in spans for i in range(span.start, span.end)}
        for span in spans:
            s, e = span.start_char, span.end_char
            if (s > 0 and text[s - 1] in "-/") or (
                e < len(text) and text[e] in "-/" and not _LEXICON_SUFFIX.match(text[e:])
            ):
                continue  # part of a longer compound ("non-Gaussian process")
            if any(ls <= s and e <= le and (ls, le) != (s, e) for ls, le in longs) or _tail_of(
                text, s, e, long_texts
            ):
                continue  # inside a longer defined name ("Hidden Parameter Markov ... (HiP-MDP)")
            if len(span) == 1 and not _alone(doc, span.start):
                continue  # "view transformer", "Vision Transformer"
            # A longer name round a listed one is not itself established: it may be proposed.
            lead = _capitalised_lead(doc, span.start, s, listed)
            how = "kg_lexicon" if lead == s else "kg_lexicon.lead"
            doc._.mentions.append(Mention(lead, e, text[lead:e], "method", how, 0.6))
        return find_names(doc)


@Language.factory("kg_names")
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    return NameFinder(nlp, name)


# Heads of long forms that name a class of models ("Hinge-loss Markov random fields (HL-MRFs)",
# "support vector machines (SVMs)"), unlike "action units (AUs)" or "adversarial examples".
_MODEL_CLASS_HEAD = re.compile(
    r"(?:network|net|machine|field|model|process|autoencoder|filter|tree|forest|classifier|"
    r"kernel|vector|transformer|gan|regressor|estimator|automat(?:on|a)|chain|mixture)s?$",
    re.I,
)


def _defined_model_class(word: str, kinds: dict[str, str | None], longs: dict[str, str]) -> bool:
    """A plural acronym this paper defines by a model class name is a method ("SVMs")."""
    long = longs.get(word, "").lower()
    return (
        word in kinds
        and kinds[word] is None
        and word[:-1] not in GENERIC  # "MDPs"
        and "language model" not in long  # "Large Audio Language Models (LALMs)"
        and bool(_MODEL_CLASS_HEAD.search(long))
    )


# "artificial neural networks (ANNs)", "conditional GANs (cGANs)": families of networks
_NETWORK_FAMILY = re.compile(r"(?:neural|adversarial)\s+networks$", re.I)


@lru_cache(maxsize=1)
def _model_class_plurals() -> frozenset[str]:
    """Plural acronyms the corpus defines for one model class, which name it as the singular
    does ("SVMs", "HMMs", "LSTMs", "CRFs"), unlike families of networks ("ANNs", "cGANs")."""
    return frozenset(
        short
        for short, long in method_acronyms().items()
        if _PLURAL_FAMILY.match(short) and not _NETWORK_FAMILY.search(long)
    )


# A list of examples after a noun for methods: "prompting methods such as Chain of Thought,
# Tree of Thought, and Self-Consistency", "techniques including Frequent Directions".
_METHODS_CUE = re.compile(
    r"\b(?:methods?|approach(?:es)?|techniques?|algorithms?|models?|variants?|baselines?|"
    r"strateg(?:y|ies)|frameworks?|architectures?|schemes?)\s*,?\s*\(?"
    r"(?:such\s+as|like|including|e\.g\.,?)\s+"
)
_LIST_ITEM_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
# A name that a noun follows is a modifier: "such as Natural Language Processing tasks".
_HEAD_AFTER = re.compile(
    r"-|\s+(?:tasks?|models?|methods?|approach(?:es)?|systems?|data|datasets?|networks?|"
    r"architectures?|algorithms?|techniques?|frameworks?|problems?|applications?|settings?|"
    r"domains?|features?|modules?|layers?|loss(?:es)?|variants?|famil(?:y|ies)|style)\b"
)
_MINOR = "|".join(sorted(MINOR_WORDS - {"and", "or"}))  # "and" / "or" separate items
# Every word capitalised but minor ones, two to five words ("Tree of Thought"), or one word
# of capitalised parts ("Self-Consistency").
_TITLED_NAME = re.compile(
    r"[A-Z][\w'\u2019+-]*(?:\s+(?:[A-Z][\w'\u2019+-]*|(?:" + _MINOR + r")\b)){0,3}"
    r"\s+[A-Z][\w'\u2019+-]*(?<!-)|[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b"
)


# "Variational Auto Encoders", "Deep Belief Networks": a class of models, not one method.
_MODEL_CLASSES = re.compile(
    r"(?:network|net|machine|model|encoder|field|process|classifier|regressor|transformer|"
    r"tree|GAN|VAE|CNN|RNN)s$",
    re.I,
)


def listed_method_names(text: str) -> list[tuple[int, int]]:
    """Offsets of Title-Case names of two to five words given as examples of methods
    ("prompting methods such as Chain of Thought, Tree of Thought, and Self-Consistency")."""
    out = []
    for cue in _METHODS_CUE.finditer(text):
        out.extend(_list_items(text, cue.end()))
    return out


_OTHER_ITEM = re.compile(r"[^\s,;.()]+")


def _list_items(text: str, pos: int) -> list[tuple[int, int]]:
    """The Title-Case names of the list that starts at ``pos``, skipping items of another
    shape ("such as EM, Gibbs Sampling"), up to the list's end."""
    out: list[tuple[int, int]] = []
    while True:
        item = _TITLED_NAME.match(text, pos)
        if item is None:
            other = _OTHER_ITEM.match(text, pos)
            sep = _LIST_ITEM_SEP.match(text, other.end()) if other else None
            if sep is None:
                return out
            pos = sep.end()
            continue
        sep = _LIST_ITEM_SEP.match(text, item.end())
        if sep is None and _HEAD_AFTER.match(text, item.end()):
            return out  # "such as Natural Language Processing tasks": a modifier
        out.append(item.span())
        if sep is None:
            return out
        pos = sep.end()


def find_names(doc: Doc) -> Doc:
    text = doc_text(doc)
    known_bases = gazetteer_names()
    common = common_words()
    taken = [(m.start, m.end) for m in doc._.mentions if m.kind in ("dataset", "method", "metric")]
    abbrev_kind: dict[str, str | None] = {}
    long_spans = []
    for ab in doc._.abbreviations:
        kind = paradigm_or(ab, text)
        if (
            kind is None
            and names_no_method(ab.long.text)
            # "Negative View-based Contrastive (NVC) regularizer": the noun after it says what
            and not _BUILT_THING_AFTER.match(text, ab.short.end_char)
        ):
            kind = "other"
        if (
            kind is None
            and _TASK_HEAD_AFTER.match(text, ab.short.end_char)
            and not _MODEL_CLASS_HEAD.search(ab.long.text)
        ):
            kind = "other"  # "Human-Object Interaction (HOI) detection": what is detected
        if kind is None and _PROBLEM_OF.search(
            text[max(0, ab.long.start_char - 40) : ab.long.start_char]
        ):
            kind = "task"  # "the problem of off-policy policy evaluation (OPPE)"
        if (
            kind is None
            and listed_task(ab.long.text)
            # not the paper's own: "our Recurrent Reinforcement Learning (RRL) algorithm"
            and not _OUR_BEFORE.search(text, max(0, ab.long.start_char - 40), ab.long.start_char)
        ):
            kind = "task"  # "semantic textual similarity (STS)", a task of the list
        if kind == "task" and called_dataset(text, ab.short.end_char):
            kind = "dataset"  # "the Prompt-Aware Counting (PrACo) benchmark"
        if kind is None and _listed_as_data(text, ab.long.start_char, ab.long.text):
            kind = "dataset"  # "datasets such as Open X-Embodiment (OXE)"
        abbrev_kind[ab.short.text] = kind
        long_spans.append((ab.long.start_char, ab.long.end_char))
    for dm in _DEFINED_NOT_METHOD.finditer(text):
        if abbrev_kind.get(dm.group(1), "") is None:
            abbrev_kind[dm.group(1)] = "other"
    # A gazetteer dataset hit on an acronym this paper defines as something else is a method
    # ("masked language modeling (MLM)" is not the MLM dataset).
    # But not one the text calls a dataset ("the Microsoft COCO (MS COCO) dataset").
    for m in doc._.mentions:
        if (
            m.kind == "dataset"
            and m.text in abbrev_kind
            and abbrev_kind[m.text] != "dataset"
            and not (abbrev_kind[m.text] is None and CALLED_DATASET.match(text, m.end))
        ):
            m.kind = "method"
        # Likewise a task list's acronym that the paper defines as a method of its own
        # ("the tangent adversarial regularization (TAR)" is not the TAR task).
        elif (
            m.kind == "task"
            and m.extractor == "kg_gazetteer"
            and m.text in abbrev_kind
            and abbrev_kind[m.text] is None
        ):
            m.kind = "method"
    # Likewise one that the corpus defines as an established method ("SGD", "SVD"), unless the
    # text calls it a dataset ("the SGD dataset", "datasets such as SGD and MultiWOZ").
    established = method_acronyms()
    for m in doc._.mentions:
        if (
            m.kind == "dataset"
            and m.text in established
            and m.text not in abbrev_kind
            and not CALLED_DATASET.match(text, m.end)
            and not _LIST_THEN_CUE.match(text, m.end)
            and not _LIST_BEFORE.search(text, max(0, m.start - 160), m.start)
        ):
            m.kind = "method"
    media = _MEDIA_ACRONYMS - set(abbrev_kind) - {title_name(text[: doc._.title_end])}
    doc._.mentions = [
        m
        for m in doc._.mentions
        if not (m.kind == "method" and (abbrev_kind.get(m.text) in _NO_METHOD or m.text in GENERIC))
        and not (m.kind in ("method", "dataset") and m.text in media)
    ]
    # Likewise a metric acronym defined here as something else ("collaborative filtering (CF)").
    longs = {ab.short.text: ab.long.text for ab in doc._.abbreviations}
    doc._.mentions = [
        m
        for m in doc._.mentions
        if not (m.kind == "metric" and m.text in longs and not _METRIC_LONG.search(longs[m.text]))
    ]
    # And a metric acronym that the corpus defines as no measure ("EM": Expectation-
    # Maximization, "MAP": maximum a posteriori) is the metric only where it is measured.
    metric_spans = [(m.start, m.end) for m in doc._.mentions if m.kind == "metric"]
    doc._.mentions = [
        m
        for m in doc._.mentions
        if not (
            m.kind == "metric"
            and m.text not in longs
            and m.text in _unmeasured_acronyms()
            and not _measured_here(text, m.start, m.end, metric_spans)
        )
    ]
    not_method = {m.group(1) for m in _NOT_METHOD_AFTER.finditer(text)} - set(abbrev_kind)
    multi_word = [short for short in longs if re.match(r"^\S+(?: [a-z][a-z-]*){1,2}$", short)]
    ws = words(text)
    series = model_series()
    link_spans = [(link.start, link.end) for link in doc._.links]
    i = 0
    while i < len(ws):
        s, e, w = ws[i]
        if w.islower() and w.isalpha():
            i += 1  # a plain lower-case word is never name-shaped: most words, skipped fast
            continue
        m = _SUFFIX.search(w)
        if m:
            w, e = w[: m.start()], e - (len(w) - m.start())
            if w.endswith(")") and "(" not in w:  # "(IS)-based"
                w, e = w[:-1], e - 1
        cut_start, cut_end = unglued(w, text) if w[-1:].islower() or w[:1].islower() else (0, 0)
        if cut_start or cut_end:
            s, e, w = s + cut_start, e - cut_end, w[cut_start : len(w) - cut_end]
        nxt_word = ws[i + 1][2] if i + 1 < len(ws) and ws[i + 1][0] == e + 1 else ""
        if (
            not (is_name_shaped(w) or _versioned_name(w, nxt_word, common) or w in series)
            or w in GENERIC
            or w in media
            or (
                _PLURAL_FAMILY.match(w)
                and not _defined_model_class(w, abbrev_kind, longs)
                and w not in _model_class_plurals()
            )
            or abbrev_kind.get(w) in _NO_METHOD
            or "\\" in text[max(0, s - 1) : e]  # LaTeX ("\\hatB"), not a name
            or _generic_compound(w)
            or (_UNIT.match(w) and w not in longs)  # "Gromov-Wasserstein (GW)" stays
            or _HARDWARE.match(w)
            or _X_TO_Y.match(w)  # "Text-to-SQL", "Image-to-Image": a problem, not a method
            # "AND does not mean OR", "FILTER SHAPING FOR ...": a function word in capitals
            or (w.lower() in _FUNCTION_WORDS and w.isupper() and w not in longs)
            or _BARE_RELEASE.match(w)  # "on CERT r4.2 and r5.2": a release of the name before
            or _plain_word(w, common, longs)
            or _acronym_letters(w, common, ws)
            or any(ls <= s and e <= le for ls, le in long_spans)
            or any(ls < e and s < le for ls, le in link_spans)  # "github.com/org/BALF"
        ):
            i += 1
            continue
        # Extend with version / size / variant words: "LLaMA-2 70B", "Gemini 1.5 Flash".
        j = i + 1
        while (
            j < len(ws)
            and ws[j][0] == e + 1
            # a variant word after a version, or right after a series name ("Gemini Ultra")
            and (
                _VERSION.match(ws[j][2])
                or ((j > i + 1 or w in series) and ws[j][2] in _VARIANT_WORDS)
            )
            and text[e] == " "
        ):
            if ws[j][2].isdigit() and len(ws[j][2]) == 4:  # a year, not a version
                break
            e = ws[j][1]
            j += 1
        # "(MS loss)": an acronym defined with its head noun keeps it at every mention.
        for short in multi_word:
            if short.startswith(text[s:e] + " ") and text.startswith(short, s):
                e = s + len(short)
                while j < len(ws) and ws[j][0] < e:
                    j += 1
        if any(s < te and ts < e for ts, te in taken):
            i = j
            continue
        name = text[s:e]
        nxt = ws[j][2].lower() if j < len(ws) else ""
        kind = "method"
        if abbrev_kind.get(w) == "dataset" or looks_like_dataset(text, s, nxt, name, known_bases):
            kind = "dataset"
        elif w in not_method:
            i = j
            continue
        doc._.mentions.append(Mention(s, e, name, kind, "kg_names", 0.5))
        i = j
    occupied = [(m.start, m.end) for m in doc._.mentions]
    for s, e in listed_method_names(text):
        name = text[s:e]
        if any(s < te and ts < e for ts, te in occupied) or name in GENERIC or "- " in name:
            continue  # "GPT- J": a line break's hyphen in the source text
        if classify_by_long(name) is None and not _MODEL_CLASSES.search(name):
            doc._.mentions.append(Mention(s, e, name, "method", "kg_names.listed", 0.5))
    doc._.mentions = coordinated_releases(text, doc._.mentions, known_bases)
    return doc
