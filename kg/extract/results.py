"""Numeric results: a value with a unit, tied to the metric, dataset and method of its sentence.

A value is a number written with a unit that makes it a score ("82.1%", "+2.8%", "250 fps",
"$0.031", "3.2% to 6.1%", "4.8 BLEU", a score in [0, 1] written ".88"); plain counts ("1,000
images", "3 datasets") are not results. "from 73.7% to 89.3%" gives two results, the one before
(no method) and the one after; a range ("ranging from 87% to 99%", "by 3%-13%") stays one, and
so does each pair of a "respectively" list. Within the sentence the metric and dataset are the
nearest mentions (a metric before the value is preferred: "accuracy of 82.1%"); the method is
the paper's proposed method when the sentence speaks of it (by name, "our", "we", "it"), else
the method the value is given for ("7-18% for GPT-3.5"), else the nearest method mention before
the value. "respectively" pairs a list of values with a list of datasets, metrics or methods in
order.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Mention, Result, abstract_sents, doc_text, main_method

_NUM = r"[+\-\u2212~\u223c\u2248]?\s?\$?\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = (
    r"(?:\s?\\?%|\s?(?:fps|FPS)\b|\s?frames(?:\s+per\s+second|/s(?:ec)?)\b|"
    r"\s?(?:x|\u00d7)(?![\w])|\s?percent(?:age)?\s+points?\b|"
    r"\s?(?:pp|points?|dB|ms|cm|mm|mJ|J|mAP|AP|BLEU|CIDEr|F1)\b)"
)
# "8-12x faster": a range sharing the unit of its second number.
_RANGE = r"(?:\s?(?:-|\u2013|\u2212)\s?\d+(?:\.\d+)?(?=\s?(?:x|\u00d7|%)))?"
VALUE_RE = re.compile(
    rf"(?<![\w.]){_NUM}{_RANGE}{_UNIT}(?:\s?(?:to|-|\u2013)\s?{_NUM}{_UNIT})?|"
    r"(?<![\w.])\$\d+(?:\.\d+)?|"
    # ".88": no leading zero, as correlations and other scores in [0, 1] are written
    # (not a p-value "p < .001", "C4 .5", ".001-accurate")
    r"(?<=[\s(])(?<!<\s)(?<!p\s=\s)(?<!\d\s)\.\d{1,3}(?![\w-]|\.\d)|"
    # Model sizes stated as a result ("has only 2M parameters").
    r"(?:(?<=has )|(?<=have )|(?<=with )|(?<=uses )|(?<=only )|(?<=just )|(?<=requires ))"
    r"\d+(?:\.\d+)?[MBK]\s+parameters\b"
)
# A bare number given as the value of a named metric: "an FID of 23.4", "BLEU = 31.2".
_METRIC_VALUE = re.compile(
    # ".88": a value with no leading zero, as statistics write correlations
    r"\s?(?:scores?\s+)?(?:of|=|:)\s?(\d+(?:\.\d+)?|\.\d+)(?![\w%]|\.\d)"
    # Not a count or a measure with a unit ("an error of 8 meters", "1.83 +-1.16 mm").
    r"(?!\s?(?:\+|\u00b1|(?!(?:on|in|and|for|with|at|compared|while|which|when|by)\b)[a-zA-Z]))"
)
_BEATEN = re.compile(
    r"(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|over|than|compared\s+(?:to|with)|vs\.?|"
    r"versus|against)\s+(?:the\s+|a\s+|strong\s+)?$",
    re.I,
)
_SELF = re.compile(r"\b(?:our|we|it|this|proposed|the\s+model|the\s+method|the\s+approach)\b", re.I)


# Numbers that share one unit written after a bracket: "(8.4, 16.7/5.43)%".
_SHARED_UNIT = re.compile(r"\((\s*\d+(?:\.\d+)?(?:\s*[,/]\s*\d+(?:\.\d+)?)+\s*)\)\s?\\?%")
_SHARED_NUM = re.compile(r"\d+(?:\.\d+)?")
_DIGIT = re.compile(r"\d")


def values(text: str) -> list[tuple[int, int, str]]:
    """Score-like values with their offsets: ``values("reaches 82.1% top-1")``.

    Numbers sharing one bracketed unit each become a value: ``values("(8.4, 5.43)%")`` gives
    "8.4%" and "5.43%"."""
    out: list[tuple[int, int, str]] = []
    if not _DIGIT.search(text):
        return out  # every value holds a digit: most sentences have none
    for m in _SHARED_UNIT.finditer(text):
        for n in _SHARED_NUM.finditer(m.group(1)):
            s = m.start(1) + n.start()
            out.append((s, s + len(n.group()), n.group() + "%"))
    for m in VALUE_RE.finditer(text):
        v = m.group().strip().replace("\\%", "%")
        lead = len(m.group()) - len(m.group().lstrip())
        start = m.start() + lead
        split = _FROM_TO.fullmatch(m.group().strip())
        if (
            split
            and _FROM_BEFORE.search(text, max(0, start - 30), start)
            # "of A and B improves from 75.2% to 79% and 79.1% to 83%, respectively": each
            # pair stays one value, so that the pairs line up with what they are listed for
            and "respectively" not in text
        ):
            # "improves the state of the art from 73.7% to 89.3%": the result before, then
            # the result after (eval/README.md call 32); "ranging from 87% to 99%" stays one
            for g in (1, 2):
                out.append((start + split.start(g), start + split.end(g), split.group(g)))
            continue
        out.append((start, start + len(m.group().strip()), v))
    return sorted(out)


# "73.7% to 89.3%": two values, each with its unit.
_FROM_TO = re.compile(r"(.*?\d.*?\S)\s?to\s?(\S*\d.*)")
# "from" right before the first, not a range ("ranging from", "varies from", "between").
_FROM_BEFORE = re.compile(
    r"(?<!rang)(?<!ranging)(?<!ranges)(?<!vary)(?<!varies)(?<!varying)\sfrom\s$", re.I
)
# What follows the first value of such a pair.
_TO_NEXT = re.compile(r"\s?to\s?")


# A unit that is itself a metric: "250 fps", "4.8 BLEU".
_METRIC_UNIT = re.compile(r"\s?(fps|FPS|frames\s+per\s+second|mAP|AP|BLEU|CIDEr|F1)$")
# "lifts of up to 120% for recall@1", "8 points in RP@5": the metric after the value.
_FOR_METRIC = re.compile(r"\s+(?:for|in)\s+(?:the\s+)?")
# "34-52% for Mistral, 7-18% for GPT-3.5": the method a value is given for.
_FOR_METHOD = re.compile(r"\s+for\s+(?:the\s+)?")


def _nearest(cands: list[Mention], pos: int, prefer_before: bool = True) -> Mention | None:
    if not cands:
        return None
    before = [m for m in cands if m.end <= pos]
    if prefer_before and before:
        return max(before, key=lambda m: m.end)
    return min(cands, key=lambda m: abs(m.start - pos))


_EXAMPLE_BEFORE = re.compile(r"\((?:e\.g\.|for\s+example|for\s+instance)\s*,?\s*$", re.I)
_BRACKET_CLOSES = re.compile(r"\s*(?:[A-Za-z\-]+\s*)?\)")


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _lists_in_order(
    sent: str, s0: int, vals: list[tuple[int, int, str]], metrics: list[Mention]
) -> bool:
    """Two or more values written as one list ("4.8% and 21.5%"), then as many metrics
    written as one list after them ("BLEU@4 and CIDEr")."""
    if len(vals) < 2 or len(metrics) != len(vals):
        return False
    mets = sorted(metrics, key=lambda m: m.start)
    return (
        all(_LIST_SEP.fullmatch(sent, a[1], b[0]) for a, b in zip(vals, vals[1:], strict=False))
        and all(
            _LIST_SEP.fullmatch(sent, a.end - s0, b.start - s0)
            for a, b in zip(mets, mets[1:], strict=False)
        )
        and mets[0].start - s0 >= vals[-1][1]
    )


def _in_brackets(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a round bracket opened before it in ``text``."""
    opened = text.rfind("(", 0, pos)
    return opened >= 0 and text.find(")", opened, pos) < 0


@Language.component("kg_results")
def find_results(doc: Doc) -> Doc:
    mentions: list[Mention] = doc._.mentions
    main = main_method(mentions)
    text = doc_text(doc)
    for sent in abstract_sents(doc):
        vals = values(sent.text)
        s0, s1 = sent.start_char, sent.end_char
        inside = [m for m in mentions if s0 <= m.start < s1]
        metrics = [m for m in inside if m.kind == "metric"]
        for m in metrics:
            mv = _METRIC_VALUE.match(text, m.end, min(s1, m.end + 20))
            if mv and not any(a <= mv.start(1) - s0 < b for a, b, _ in vals):
                vals.append((mv.start(1) - s0, mv.end(1) - s0, mv.group(1)))
        vals.sort()
        datasets = [m for m in inside if m.kind == "dataset"]
        methods = [m for m in inside if m.kind == "method"]
        respectively = "respectively" in sent.text.lower()
        # "4.8% and 21.5% improvements in terms of BLEU@4 and CIDEr": two lists of the same
        # length, the values' then the metrics', pair in order as with "respectively".
        in_order = respectively or _lists_in_order(sent.text, s0, vals, metrics)
        for k, (vs, ve, v) in enumerate(vals):
            if _EXAMPLE_BEFORE.search(sent.text, max(0, vs - 20), vs) and _BRACKET_CLOSES.match(
                sent.text, ve
            ):
                # "even when the error rate is high (e.g., 90%)": an illustration; not "(e.g.
                # 6.4% gain on F1@50)", an example of the results
                continue
            pos = s0 + vs
            if respectively and len(datasets) == len(vals):
                ds: Mention | None = sorted(datasets, key=lambda m: m.start)[k]
            else:
                # "on DAVIS 2017 (88.1%), YouTube-VOS (86.6%)": a value in brackets belongs
                # to what the bracket follows
                ds = _nearest(datasets, pos, prefer_before=_in_brackets(sent.text, vs))
            unit = _METRIC_UNIT.search(v)
            within = [
                m
                for m in metrics
                if pos <= m.start and m.end <= s0 + ve and any(c.isalpha() for c in m.text)
            ]
            met_name: str | None
            if within:  # "43.3 FPS": the unit written with the value is its metric
                met_name = within[0].text
            elif unit:  # "10fps", which no metric mention covers
                met_name = unit.group(1)
            elif in_order and len(metrics) == len(vals):
                met_name = sorted(metrics, key=lambda m: m.start)[k].text
            else:
                # "99% TPR and less than 2% FPR", "120% for recall@1": a metric written right
                # after the value is its metric; otherwise the nearest, preferring one before ("accuracy of 82.1%")
                right_after = [
                    m
                    for m in metrics
                    if 0 <= m.start - (s0 + ve) <= 1
                    or _FOR_METRIC.fullmatch(text, s0 + ve, max(s0 + ve, m.start))
                ]
                met = right_after[0] if right_after else _nearest(metrics, pos)
                met_name = met.text if met else None
            own = [m for m in methods if m.proposed and m.start < pos]
            meth: str | None
            if (
                k + 1 < len(vals)
                and _TO_NEXT.fullmatch(sent.text, ve, vals[k + 1][0])
                and _FROM_BEFORE.search(sent.text, max(0, vs - 30), vs)
            ):
                meth = None  # "from 73.7% to 89.3%": the first is the result before
            elif own:
                meth = own[-1].text
            elif main and _SELF.search(sent.text[:vs]):
                meth = main
            elif respectively and len(vals) > 1 and len(methods) == len(vals):
                # "of MobileNetV3 and ResNet50-D improved from 75.2% to 79% and 79.1% to 83%,
                # respectively"
                meth = sorted(methods, key=lambda m: m.start)[k].text
            elif not respectively and (
                given_for := [
                    m
                    for m in methods
                    if _FOR_METHOD.fullmatch(text, s0 + ve, max(s0 + ve, m.start))
                ]
            ):
                meth = given_for[0].text
            else:
                # Not a method named as what is beaten ("beats BM25 by 100%").
                prior = [
                    m
                    for m in methods
                    if m.end <= pos and not _BEATEN.search(text[max(0, m.start - 40) : m.start])
                ]
                meth = prior[-1].text if prior else None
            if not (met_name or ds or meth):
                continue
            conf = 0.4 + 0.15 * sum(x is not None for x in (met_name, ds, meth))
            doc._.results.append(
                Result(
                    pos,
                    s0 + ve,
                    v,
                    meth,
                    ds.text if ds else None,
                    met_name,
                    round(conf, 2),
                )
            )
    return doc
