"""Explicit comparative claims: "X outperforms / surpasses / beats Y" (method vs. method),
and comparatives that can only favour their subject ("higher accuracy than Y", "lower error
than Y", "7 times faster than Y", "more efficient than Y").

The winner is the method named before the comparative verb in the same sentence (not one
inside a bracketed aside), or the paper's proposed method when the subject is "our ...",
"we", "it" or "the proposed ..."; the losers are the named methods after the verb, up to the
end of the clause. Vague losers ("state-of-the-art methods") and families ("other CutMix
variants") name no method and yield nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Comparison, Mention, abstract_sents, doc_lower, doc_text, main_method
from kg.extract.words import BRACKETED

# In lower case, run over the lower-cased text (see doc_lower).
VERB = re.compile(
    r"\b(?:outperform\w*|surpass\w*|beat(?:s|ing)?|exceed\w*|(?:is|are|performs?)\s+better\s+than|"
    r"superior\s+to|improv(?:e|es|ed|ing)?\s+(?:over|upon)|improv(?:es|ed|ing)?\s+on|advantage\s+over|outscore\w*|"
    r"outstrip\w*|overshadow\w*|outclass\w*|"
    # "demonstrate significant improvement over vanilla DQN and Double-DQN".
    # "accuracy improvement by up to 58% over ParM", "a speedup and added robustness over DQN"
    r"(?:improvements?|gains?|speed-?ups?)(?:\s+(?:of|by|and|in)\s+[^.;]{0,40}?)?\s+over|"
    # "improves ELECTRA's performance": the named method is beaten.
    r"improv(?:es|ed|ing)\s+(?=[a-z][\w\-.+]*['\u2019]s\b)|"
    r"compares\s+favou?rably\s+(?:to|with)|on\s+par\s+with|"
    # "a win rate of 87% against GPT-4o", "6% improvement on the average recall than X".
    r"win(?:s|ning)?\s+(?:rate\s+of\s+\S+\s+)?against|"
    r"(?:improvements?|gains?)\s+(?:of\s+\S+\s+)?(?:on|in)\s+(?:the\s+)?[\w\- ]{0,30}?\s+than|"
    # Comparatives that can only favour the subject: "higher accuracy than ResNet", "lower
    # error than X", "1500 times faster than the PCG chunking algorithm".
    r"(?:\d+(?:\.\d+)?\s*(?:x|\u00d7|times)\s+)?(?:faster|more\s+(?:accurate|efficient|robust))"
    r"\s+than|"
    r"(?:higher|better)\s+(?:[\w-]+\s+){0,2}?(?:accurac(?:y|ies)|performance|precision|recall|"
    r"f1|f-scores?|scores?|auc|bleu|map|success\s+rates?)\s+than|"
    r"lower\s+(?:[\w-]+\s+){0,2}?(?:errors?|error\s+rates?|loss|perplexity|latency|regret)"
    r"\s+than)\b"
)
_SELF = re.compile(r"\b(?:our|we|it|this|the\s+proposed|the\s+resulting)\b", re.I)
# A sentence that reports the paper's own evidence ("Experiments show ...", "Simulations
# demonstrate ..."): what it says is better is the paper's method.
_EVIDENCE = re.compile(
    r"^\s*(?:(?:extensive|comprehensive|empirical|experimental|numerical|our|the)\s+)*"
    r"(?:experiments?|results|simulations?|evaluations?|studies)\s+(?:\w+\s+)?"
    r"(?:show|shows|demonstrate|demonstrates|indicate|indicates|reveal|reveals|confirm|confirms)\b",
    re.I,
)
# A loser no extractor knows, named by capitalised words right after the comparison
# ("than Edge Boxes"); a vague loser ("the State-of-the-Art") is no name.
_NAMED_LOSER = re.compile(r"\s*((?:[A-Z][\w\-]*[a-z0-9][\w\-]*)(?:\s[A-Z][\w\-]*){0,2})\b")
_VAGUE = re.compile(
    r"^(?:The|A|An|All|Other|Existing|Previous|Prior|Current|Recent|State|(?i:sotas?)|Baselines?|"
    r"Conventional|Traditional|Standard|Strong|Several|Many|Most|Both|Human|Humans|This|These|"
    r"[A-Z]+s)\b"  # "LLMs", "CNNs": families
)
_KIND_OF = re.compile(r"-(?:based|like|style|type)\b")
_FAMILY_AFTER = re.compile(r"\s+(?:variants?|famil(?:y|ies)|extensions?|derivatives?)\b")
_CLAUSE_END = re.compile(r"[;]|\bwhile\b|\bwhereas\b|\bbut\b", re.I)
# After these, named methods are the setting of the comparison, not what is beaten
# ("outperforms X on COCO with the same ResNet-50 backbone").
_SETTING = re.compile(
    r"\b(?:with|using|on|in|across|under|at|via|for|when|by|given|based\s+on)\b", re.I
)


@Language.component("kg_comparisons")
def find_comparisons(doc: Doc) -> Doc:
    mentions: list[Mention] = doc._.mentions
    main = main_method(mentions)
    # A name typed as a method in most of its mentions is one here too ("... by up to 58% over
    # ParM", which a dataset cue typed in that sentence alone).
    kinds = Counter((m.text, m.kind == "method") for m in mentions)
    method_names = {t for (t, is_method), n in kinds.items() if is_method and n >= kinds[t, False]}
    text, low = doc_text(doc), doc_lower(doc)
    for sent in abstract_sents(doc):
        for vm in VERB.finditer(low[sent.start_char : sent.end_char]):
            if vm.group().startswith("on par"):
                continue
            vpos = sent.start_char + vm.start()
            methods = [
                m
                for m in mentions
                if (m.kind == "method" or m.text in method_names)
                and sent.start_char <= m.start < sent.end_char
            ]
            subject = text[sent.start_char : vpos]
            # Not a name inside a bracketed aside ("LM-ResNet (i.e. the networks obtained on
            # ResNet) achieves ..."), though a bracketed acronym is the subject ("the Fast
            # Knowledge Distillation (FKD) framework outperforms ...")
            asides = [
                (sent.start_char + b.start(), sent.start_char + b.end())
                for b in BRACKETED.finditer(subject)
                if len(b.group().split()) >= 3
            ]
            before = [
                m for m in methods if m.end <= vpos and not any(a <= m.start < b for a, b in asides)
            ]
            winner = None
            if before:
                winner = before[-1].text
                if (
                    main
                    and not before[-1].proposed
                    and _SELF.search(subject[subject.rfind(before[-1].text) :])
                ):
                    winner = main
            elif main and (_SELF.search(subject) or _EVIDENCE.match(subject)):
                winner = main
            if not winner:
                continue
            rest = text[vpos : sent.end_char]
            stop = _CLAUSE_END.search(rest, len(vm.group()))
            limit = vpos + (stop.start() if stop else len(rest))
            setting = _SETTING.search(text, vpos + len(vm.group()), limit)
            if setting:
                limit = setting.start()
            losers = [
                m
                for m in methods
                if vpos < m.start < limit
                and m.text != winner
                and not _KIND_OF.match(text, m.end)  # "over existing CRF-based models"
                and not _FAMILY_AFTER.match(text, m.end)  # "than other CutMix variants"
            ]
            for m in losers:
                doc._.comparisons.append(Comparison(vpos, m.end, winner, m.text, 0.6))
            vend = vpos + len(vm.group())
            named = _NAMED_LOSER.match(text, vend, limit)
            if not losers and named and not _VAGUE.match(named.group(1)):
                s, e = named.span(1)
                if not any(m.start < e and s < m.end for m in mentions):
                    doc._.comparisons.append(Comparison(s, e, winner, named.group(1), 0.45))
    return doc
