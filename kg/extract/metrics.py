"""Metric phrases no list has, found by their head noun in a measuring context.

A metric is often written as a lower-case noun phrase ending in a word that names a measure
("mean absolute translation error", "average inference cost", "exploration efficiency",
"identity switches"). From such a head the phrase extends left over up to three modifier
words (lower-case words that are not function words, verbs, adverbs or evaluative adjectives:
"high accuracy" is no metric, "segmentation accuracy" is). A phrase counts only in a context
that measures something: a score-like number close by ("an average error of 0.90 cm"), a
change or comparison word just before it ("reduces the average inference cost", "gains in
answer accuracy", "in terms of"), or as the next item of a list that started with one. A bare
head ("accuracy") is left to the gazetteer.
"""

from __future__ import annotations

import re

from kg.extract.words import STOP, TASK_HEADS, lower_words, verb_words

HEADS = {
    "accuracy",
    "accuracies",
    "precision",
    "recall",
    "error",
    "errors",
    "cost",
    "costs",
    "rate",
    "rates",
    "score",
    "scores",
    "efficiency",
    "effectiveness",
    "switches",  # multi-object tracking counts "ID switches" (IDSW)
    "distance",
    "latency",
    "throughput",
    "correlation",
    "quality",
    "fidelity",
    "regret",
    "speedup",
    "speed-up",
    "ratio",
    "usage",
    "consumption",
    "footprint",
    "overhead",
    "perplexity",
    "time",
}
# "time" is a measure only after the thing timed ("inference time", not "test time").
_TIMED = {
    "inference",
    "running",
    "run",
    "training",
    "computation",
    "computational",
    "execution",
    "processing",
    "convergence",
    "response",
    "wall-clock",
    "decoding",
    "runtime",
    "search",
}
# Measures that are also everyday words ("quality", "coverage"): a metric alone only where
# the sentence measures by it ("in terms of robustness, accuracy, quality", "improve both
# quality and diversity", "trade off coverage and accuracy"). Technical measures of theory
# papers ("regret", "sample complexity", "mixing time") are metrics wherever they are written.
_SOFT_BARE = re.compile(
    r"\b(?:quality|diversity|coverage|robustness|fidelity|realism|faithfulness|fluency)\b"
)
_HARD_BARE = re.compile(
    r"(?<![\w-])(?:regret|sample complexity|mixing time|frames per second|success rates?|"
    r"parameter counts?)(?![\w-])"
)
# A speed-up factor names its measure: "3.5x and 3.0x speedups", "2x acceleration".
_FACTOR_MEASURE = re.compile(r"\d(?:\.\d+)?\s?(?:x|\u00d7)\s+(speed-?ups?|accelerations?)(?![\w-])")
# "Pearson's r", "Spearman's rho", "Kendall tau": a correlation named by its author
_NAMED_CORRELATION = re.compile(
    r"\b(?:pearson|spearman|kendall)(?:['\u2019]s)?(?:\s+rank)?\s+"
    r"(?:correlations?(?:\s+coefficients?)?|rho|tau|r|\u03c1|\u03c4|\U0001d70c|\U0001d70f)"
    r"(?![\w-])"
)
_NOT_MEASURED = re.compile(r" (?:minimi[sz]\w*|matching)\b")
_ITEMS = r"(?:[a-z0-9\-]+(?:\s[a-z0-9\-]+){0,2}(?:,\s*and\s+|,\s*|\s+and\s+|\s+or\s+)){0,4}$"
_BARE_CUE = re.compile(
    r"(?:\bin\s+terms\s+of|\b(?:improv\w*|boost\w*|enhanc\w*|trade(?:s|-)?\s?off|"
    r"balanc\w*|measured\s+by|evaluated\s+(?:on|by|for))(?:\s+(?:both|the|its|their))?)\s+" + _ITEMS
)
# "across dimensions such as medical safety, clinical readiness, and bedside manner".
# A list item's word is never "and"/"or": otherwise a long list can be split in exponentially
# many ways before the match fails (catastrophic backtracking).
_W = r"(?!(?:and|or)\b)[a-z][a-z\-]*"
_W0 = r"(?!(?:and|or)\b)[a-z0-9][a-z0-9\-@]*"
_MEASURE_LIST = re.compile(
    r"\b(?:dimensions|measures|metrics|criteria)\s+(?:such\s+as|including|like)\s+"
    rf"((?:{_W}(?:\s{_W}){{0,2}}(?:,\s*and\s+|,\s*|\s+and\s+))+"
    rf"{_W}(?:\s{_W}){{0,2}})(?=[.,;)]|\s+(?:on|in|for|to)\b)"
)
# "in terms of accuracy, latency and memory usage", "measured by word error rate": what
# follows names what is measured, whatever its head word.
_TERMS_LIST = re.compile(
    r"(?=[ime])\b(?:in\s+terms\s+of|measured\s+(?:by|in|with)|(?:evaluation\s+)?metrics?\s*(?:such\s+as|"
    r"including|like|:|,\s*namely))\s+(?:both\s+|the\s+)?"
    rf"((?:{_W0}(?:\s{_W0}){{0,2}}(?:,\s*and\s+|,\s*|\s+and\s+|\s+or\s+))*"
    rf"{_W0}(?:\s{_W0}){{0,2}})(?=\s*[.,;:)(]|\s+(?:on|in|for|to|than|over|with|while|compared|across|at|by|of)\b)"
)
# Items of such a list that name things, tasks or budgets, not measures ("quantitative
# results", "detail generation", "model size": eval/README.md call 27).
# Nor methods, models or data ("in terms of teacher network").
_NOT_A_MEASURE = re.compile(
    r"(?:[^s]s|tion|sion|ing|matrix|size|network|model|module|encoder|decoder|architecture|"
    r"framework|algorithm|method|approach|backbone|teacher|student|data|dataset)$"
)
# One-word items that name no measure: adjectives sharing the next item's head ("both
# objective and subjective metrics", "statistical and computational efficiency"), adverbs and
# list markers ("BLEU and METEOR, respectively", "etc.", "i)"), "with respect to", and
# "performance", of which every measure is one.
_NOT_A_MEASURE_WORD = re.compile(
    r"(?:\w{3,}(?:al|ive|ic|ous)|\w+ly|etc|respect|performance|[ivx]{1,4})$"
)
_LIST_SPLIT = re.compile(r",\s*and\s+|,\s*|\s+and\s+")
# Gerunds that act as verbs before a measure ("surpassing human accuracy").
_VERB_ING = re.compile(
    r"^(?:surpass|exceed|achiev|reach|improv|increas|reduc|decreas|yield|obtain|outperform|"
    r"boost|enhanc|maintain|preserv|attain|retain|keep|sacrific|los|gain|hurt|compromis|"
    r"deliver|show|report|giv|provid|produc|offer|demonstrat|ensur|guarantee|maximi[sz]|"
    r"minimi[sz]|optimi[sz]|lower|rais|trad|balanc|measur|evaluat|comput|estimat|predict|"
    r"us|hav|be|match|bring|leav|caus|result|lead|affect|degrad|harm|limit)ing$"
)
_DETERMINER = {"the", "a", "an", "its", "their", "our", "his", "her"}
# Words that judge a value rather than name what is measured ("competitive accuracy").
_JUDGING = set(
    """higher lower better worse competitive comparable superior inferior remarkable impressive
improved increased reduced decreased excellent promising reasonable satisfactory similar
substantial considerable notable marginal minimal maximal optimal favorable favourable
acceptable desired desirable theoretical empirical reported resulting final total
small smaller large larger huge poor higher-order reliable leading greater lowest highest
fixed constant arbitrary given certain fast faster slow slower linear exponential
polynomial sublinear quadratic logarithmic optimal near-optimal minimax worst-case
single half double mixed arithmetic computation numerical floating-point expected evaluation
bit severe prohibitive elevated individual significant alarming surprising astonishing
staggering outstanding striking unprecedented negligible art limited perfect zero times
sub-linear sublinear super-linear superlinear""".split()
)

# Verbs that change a measure, which "we ..." rarely starts ("X boosts parsing accuracy").
_CHANGE_VERBS = set(
    """boost cause hurt harm degrade encompass raise lower double halve sacrifice preserve
    maintain attain reach yield obtain deliver bring""".split()
)


def _third_person(word: str, verbs: frozenset[str]) -> bool:
    """A verb's third person ("boosts", "achieves", "encompasses"): of a word the corpus writes
    after "we" (``verbs``) or of a verb that changes a measure."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    stem = word[:-1]
    return (
        stem in verbs
        or stem in _CHANGE_VERBS
        or (word.endswith("es") and (word[:-2] in verbs or word[:-2] in _CHANGE_VERBS))
    )


# "learning rate" and "dropout rate" are settings, not measures.
_SETTING_OF = {"learning", "dropout", "masking", "mask", "sampling", "discount", "decay"}
_NUMBER = re.compile(r"(?<![\w.])[+\-\u2212]?\d+(?:\.\d+)?\s?(?:%|[a-zA-Z]{1,3}\b)?")
_CUE_BEFORE = re.compile(
    r"\b(?:improv\w*|boost\w*|enhanc\w*|increas\w*|reduc\w*|decreas\w*|minimi[sz]\w*|"
    r"maximi[sz]\w*|lower\w*|rais\w*|gains?|terms|achiev\w*|yield\w*|obtain\w*|higher|better|"
    r"measured|evaluated|reports?|reported|trade-?offs?|number|metrics?|measures?|outperform\w*|"
    r"surpass\w*|drops?|loss)\b[^.;:]{0,40}$"
)
# "the projection error can be significantly reduced": the change comes after the measure.
_CUE_AFTER = re.compile(
    r"\s+(?:(?:can|could|may|is|are|was|were|has|have)\s+)?(?:be(?:en)?\s+)?(?:[a-z]+ly\s+)?"
    r"(?:reduced|decreased|improved|increased|lowered|halved|doubled|dropped|drops|"
    r"fell|falls|rises|rose)\b"
)
_NOUN_AFTER = re.compile(r"^\s(?:maps?|bars?|functions?|terms?|bounds?)\b")
# Qualities that papers also merely hope for ("improving therapeutic effectiveness"): a
# metric only beside a number or in a sentence that reports results.
_SOFT = {"efficiency", "effectiveness", "cost", "costs"}
_REPORT = re.compile(
    r"\b(?:experiment\w*|results?|evaluat\w*|outperform\w*|gains?|achiev\w*|yield\w*|"
    r"show(?:s|n)?\s+that)\b"
)
_AUXILIARY = frozenset(
    "is are was were be been being can could will would may might should must do does did "
    "has have had".split()
)
_CHAIN = re.compile(r"^(?:,\s*|\s+(?:and|or)\s+|,\s*and\s+)$")


def metric_phrases(text: str) -> list[tuple[int, int]]:
    """Offsets of metric phrases in a lower-cased sentence:
    ``metric_phrases("it reduces the average inference cost by 50%")``."""
    verbs = verb_words()
    toks = lower_words(text)
    found: list[tuple[int, int]] = []
    for i, (_, he, w) in enumerate(toks):
        if w not in HEADS:
            continue
        j = i
        while j > 0 and i - j < 3:
            ps, pe, pw = toks[j - 1]
            if text[pe : toks[j][0]] != " " or pw in STOP or pw in verbs or pw in _JUDGING:
                break
            if pw.endswith("ly") or pw in HEADS and pw not in ("error", "rate"):
                break
            if _third_person(pw, verbs):
                break  # "BERT further boosts parsing accuracy": a verb
            if pw.endswith("ing") and pw not in TASK_HEADS:
                # "surpassing human accuracy": a verb. "the driving accuracy" and "keystroke
                # saving rate" are kept: the gerund follows a determiner or a noun.
                adjacent = j >= 2 and text[toks[j - 2][1] : ps] == " "
                prev = toks[j - 2][2] if adjacent else ""
                if _VERB_ING.match(pw) or not (
                    prev in _DETERMINER
                    or (prev and prev not in STOP and prev not in verbs and prev[-3:] != "ing")
                ):
                    break
                j -= 1
                if prev in _DETERMINER:
                    break
                continue
            j -= 1
        if j == i or (w in ("rate", "rates") and toks[i - 1][2] in _SETTING_OF):
            continue
        if w == "time" and toks[i - 1][2] not in _TIMED:
            continue
        start = toks[j][0]
        if _NOUN_AFTER.match(text[he : he + 12]):
            continue  # "score maps", "error bars": the measure only modifies a noun
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
            continue
        before, after = text[max(0, start - 60) : start], text[he : he + 40]
        chained = bool(found) and bool(_CHAIN.match(text[found[-1][1] : start]))
        number = _NUMBER.search(after) or _NUMBER.search(before[-25:])
        if w in _SOFT and not number:
            sent_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
            if not _REPORT.search(text, sent_start + 1, start):
                continue
        if chained or number or _CUE_BEFORE.search(before) or _CUE_AFTER.match(text, he):
            found.append((start, he))
    taken = list(found)

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _HARD_BARE.finditer(text):
        if _NOT_MEASURED.match(text, m.end()) or text.endswith("without ", 0, m.start()):
            continue  # "regret minimization" is a method, "without regret" a claim
        if free(m.start(), m.end()):
            found.append(m.span())
    for m in _NAMED_CORRELATION.finditer(text):
        if free(m.start(), m.end()):
            found.append(m.span())
    for m in _FACTOR_MEASURE.finditer(text):
        if free(m.start(1), m.end(1)):
            found.append(m.span(1))
    for m in _SOFT_BARE.finditer(text):
        s, e = m.span()
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-/") or text[e : e + 1] == "-":
            continue
        if text.startswith(" of ", e) or not free(s, e):
            continue  # "improves the quality of the images": not a named measure
        cue = _BARE_CUE.search(text, max(0, s - 90), s)
        if not cue:
            continue
        sent_start = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s))
        if "terms" in cue.group() or _REPORT.search(text, sent_start + 1, s):
            found.append((s, e))  # a design goal ("improving robustness") is no measure
    for m in _TERMS_LIST.finditer(text):
        pos = m.start(1)
        for part in _LIST_SPLIT.split(m.group(1)):
            s = text.index(part, pos)
            pos = s + len(part)
            words = part.split()
            if (
                free(s, pos)
                and len(words) <= 2 + (words[-1] in HEADS)
                and not any(w in STOP or w in _JUDGING or w in verbs for w in words)
                and not _NOT_A_MEASURE.search(words[-1])
                and not (
                    len(words) == 1 and words[0] not in HEADS and _NOT_A_MEASURE_WORD.match(part)
                )
                and not text.startswith(" of", pos)  # "in terms of the parameters of"
            ):
                found.append((s, pos))
    for m in _MEASURE_LIST.finditer(text):
        pos = m.start(1)
        for part in _LIST_SPLIT.split(m.group(1)):
            s = text.index(part, pos)
            pos = s + len(part)
            ws = part.split()
            if (
                free(s, pos)
                and ws[-1] not in STOP
                and ws[0] not in STOP  # not "the ability (to register images)"
                and not _AUXILIARY.intersection(ws)  # not "PSNR are inadequate"
            ):
                found.append((s, pos))
    return sorted(set(found))
