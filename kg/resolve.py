"""Resolution: every mention becomes one canonical entity with a deterministic id.

The rules (the full write-up is ``docs/IDENTITY.md``):

* **Gazetteer datasets.** A Dataset mention whose name, long form or an alias is a known
  Papers-with-Code variant resolves to that dataset: id ``dataset/<key of the PwC id>``,
  ``pwc_id`` set, preferred name the gazetteer's name. A dataset's own name beats another
  dataset's variant ("ImageNet-A" is its own dataset, not the ImageNet variant); a variant
  listed by several datasets and owned by none goes to the one whose name is its longest
  prefix ("XNLI French" -> XNLI), else it is left unresolved.
* **Everything else** is keyed by :func:`identity_key` (the name key; for methods, "CNNs" ->
  "cnn"): id ``<label>/<slug of key>``. That node is the *family* of the short name.
* **Acronyms with different long forms.** A paper that defines the short name ("multi-
  perspective course learning (MCL)") gives it a *sense*, :func:`sense_signature` of the long
  form. Which node a paper's mentions go to is decided per family over all papers
  (:func:`decide_family`): with one sense (or one sense used by at least 4x as many papers as
  all others together) that sense keeps the plain id; every other sense gets a qualified id
  ``<label>/<key>--<signature>``; mentions without a long form stay on the plain id.
  All mentions of a family in one paper go to one node.

Ids therefore depend only on the set of papers, never on their order; :mod:`kg.graph` and the
Neo4j loader apply the same functions.

Example::

    >>> r = Resolver(use_gazetteer=False)
    >>> r.resolve("Dataset", "ImageNet-1K").id == r.resolve("Dataset", "imagenet 1k").id
    True
    >>> r.repository("https://GitHub.com/Owner/Repo.git/tree/main/src").id
    'repo/github.com/owner/repo'
    >>> sense_signature("Multi-Perspective Course Learning") == sense_signature(
    ...     "multi perspective course-learning")
    True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from kg.names import name_key, slug

ENTITY_LABELS = ("Method", "Dataset", "Task", "Metric")
# Separates a family's plain id from the sense qualifier. Never inside a slug: name keys have
# no "-" (hyphens become spaces) and no double spaces.
SENSE_SEP = "--"
# A sense is dominant (keeps the plain id) when its papers are at least this many times the
# papers of all other senses together.
DOMINANCE = 4
# Minority senses this similar to the dominant one are taken as spelling variants of it.
SENSE_SIMILARITY = 0.9


@dataclass
class Entity:
    """One resolved mention.

    ``id`` is the id the mention has on its own (in a graph of this paper alone);
    ``family`` is the plain id of the short name (None for gazetteer datasets) and ``sense``
    the signature of the long form it was resolved with (None without one).
    """

    id: str
    label: str
    key: str
    name: str
    long: str | None = None
    aliases: list[str] = field(default_factory=list)
    external_id: str | None = None
    family: str | None = None
    sense: str | None = None
    gazetteer: bool = False


@dataclass
class Repository:
    id: str
    url: str
    host: str


_REPO_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org")

# Hand-checked equivalences that the Papers-with-Code variant lists lack (PwC's "ImageNet" is
# the ILSVRC 2012 classification set, i.e. ImageNet-1K). Only certain ones belong here.
_CURATED_VARIANTS: dict[str, tuple[str, ...]] = {
    "ImageNet": (
        "ImageNet-1K",
        "ImageNet1K",
        "ILSVRC 2012",
        "ILSVRC2012",
        "ILSVRC-12",
        "ILSVRC12",
        "IN-1K",
    ),
}

_ACRONYM_PLURAL = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9\-]*[A-Z]s$")
_EDGE = " \t\"'`()[]{}<>\u201c\u201d\u2018\u2019"
# "CIFAR 10" / "CIFAR-10" / "CIFAR10", "GPT 3.5" / "GPT-3.5": a number after a word is part of it
_DIGIT_JOIN = re.compile(r"(?<=[^\W\d_]) (?=\d+(?:\.\d+)*(?: |$))")
# "CIFAR-10 dataset", "GLUE benchmark", "Penn Treebank corpus": the head word is not the name
# (only after a space: "Meta-Dataset" keeps it).
_DATASET_SUFFIX = re.compile(
    r"\s+(?:data ?sets?|datasets?|benchmarks?|corpus|corpora|databases?)\W*$", re.I
)
# Removed by compaction: spaces (hyphens are spaces in a name key), quotes, apostrophes and
# brackets. "+" and "." stay: "FaceForensics++" is not "FaceForensics".
_COMPACT = re.compile(r"[\s'`\"\u2018\u2019\u201c\u201d()\[\]{}]+")
# Shorter compact keys keep their spaces: "T-S" (teacher-student) is not "TS".
COMPACT_MIN = 4


def _plural_acronym(name: str) -> bool:
    return bool(_ACRONYM_PLURAL.match(unicodedata.normalize("NFKC", name).strip(_EDGE)))


def identity_key(label: str, name: str) -> str:
    """The key a name is identified by: :func:`kg.names.name_key`, then a leading "the"
    dropped, for datasets a trailing " dataset", " benchmark" or " corpus" dropped, for
    methods an acronym plural folded to the singular ("CNNs", "LLMs", "ViTs"), a number
    joined to the word before it, and -- when at least 4 characters remain -- spaces,
    hyphens, quotes and brackets dropped ("Faster R-CNN" = "FasterRCNN", "multi-view" =
    "multiview"). Case never counts
    ("CoT" = "COT"). Idempotent.

    >>> identity_key("Dataset", "The CIFAR-10 dataset") == identity_key("Dataset", "CIFAR10")
    True
    >>> identity_key("Method", "GANs"), identity_key("Method", "Faster R-CNN")
    ('gan', 'fasterrcnn')
    >>> identity_key("Method", "T-S"), identity_key("Dataset", "Meta-Dataset")
    ('t s', 'metadataset')
    """
    raw = unicodedata.normalize("NFKC", name).strip()
    if label == "Dataset":
        while True:
            shorter = _DATASET_SUFFIX.sub("", raw)
            if shorter == raw or not name_key(shorter):
                break
            raw = shorter
    key = name_key(raw)
    if key.startswith("the ") and len(key) > 4:
        key = key[4:]
    if label == "Method" and key.endswith("s") and _plural_acronym(raw):
        key = key[:-1]
    key = _DIGIT_JOIN.sub("", key)
    compact = _COMPACT.sub("", key)
    return compact if len(compact) >= COMPACT_MIN else key


def display_form(label: str, name: str) -> str:
    """How a surface form is shown as a preferred name: an acronym plural as the singular
    ("GANs" -> "GAN") for methods, anything else as written."""
    if label == "Method" and _plural_acronym(name):
        return unicodedata.normalize("NFKC", name).strip(_EDGE)[:-1]
    return name


def key_of_id(node_id: str) -> str:
    """The name key in an entity id (``method/mcl--x`` -> ``mcl``)."""
    frag = node_id.split("/", 1)[1] if "/" in node_id else node_id
    frag = frag.split(SENSE_SEP, 1)[0]
    return unquote(frag.replace("-", " "))


def family_of(node_id: str) -> str:
    """The plain id of a family id (``method/mcl--x`` -> ``method/mcl``)."""
    return node_id.split(SENSE_SEP, 1)[0]


def family_id(label: str, key: str) -> str:
    return f"{label.lower()}/{slug(key)}"


def sense_id(family: str, signature: str) -> str:
    return f"{family}{SENSE_SEP}{slug(signature)}"


# ------------------------------------------------------------------------------ senses

_ARTICLES = frozenset({"a", "an", "the"})
# Trailing head words that do not change what an expansion means ("LSTM network").
_GENERIC_HEADS = frozenset(
    "network model framework method algorithm approach task problem module architecture "
    "system technique strategy scheme classifier descriptor feature mechanism paradigm "
    "procedure".split()
)
_SPELLING = (
    (re.compile(r"is(ation|ations|ing|ed|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z])our(hood|s)?$"), r"or\1"),
    (re.compile(r"^(neighb|behavi|col|lab|fav)our"), r"\1or"),
)


def _singular(w: str) -> str:
    if len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def _spell(w: str) -> str:
    for pat, rep in _SPELLING:
        w = pat.sub(rep, w)
    return w


@lru_cache(maxsize=1 << 16)
def sense_words(long: str) -> tuple[str, ...]:
    """The words of a long form that say what it means: case, hyphens, punctuation,
    plurals, British spellings, a leading article and trailing head words ("network",
    "model", ...) do not count."""
    words = re.sub(r"[^\w\s]", "", name_key(long).replace("/", " ")).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    words = [_spell(_singular(w)) for w in words]
    while len(words) > 1 and words[-1] in _GENERIC_HEADS:
        words.pop()
    return tuple(words)


def sense_signature(long: str) -> str:
    """What a long form means, as a compact string (:func:`sense_words` joined).

    >>> sense_signature("Long Short-Term Memory networks")
    'longshorttermmemory'
    """
    return "".join(sense_words(long)) or name_key(long)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from kg.gazetteer import load

    return frozenset(load().get("common_words") or ())


def _close(a: str, b: str, wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """Whether two sense signatures (with their words) are spellings of one meaning: equal;
    one containing the other when the shorter is long (12+ characters, or 3/4 of the
    longer: "chain of thought" / "chain of thought reasoning"); or 90% alike by difflib
    unless the difference swaps one ordinary English word for another ("face verification"
    is not "fact verification", while "random filed" is a typo of "random field")."""
    if a == b:
        return True
    short, longer = sorted((a, b), key=len)
    if short in longer and (len(short) >= 12 or len(short) >= 0.75 * len(longer)):
        return True
    if difflib.SequenceMatcher(None, a, b).ratio() < SENSE_SIMILARITY:
        return False
    common = _common_words()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(wa[i1:i2], wb[j1:j2], strict=True):
                if x != y and x in common and y in common:
                    return False
    return True


def primary_long(longs: Iterable[str]) -> str | None:
    """The one long form a paper defines a short name with (several: the first by
    signature, then by text), so all its mentions of that name go to one node."""
    cands = [x for x in longs if x]
    if not cands:
        return None
    return min(cands, key=lambda x: (sense_signature(x), x))


@dataclass
class FamilyDecision:
    """Where the papers of one family (one short name in one label) go.

    ``node_of`` maps each paper to its node id; ``senses`` maps every node id of the family
    to the sense signature it stands for (None for the plain node of an undefined acronym);
    ``ambiguous`` is true when papers define the short name with two or more senses.
    """

    family: str
    node_of: dict[str, str]
    senses: dict[str, str | None]
    ambiguous: bool
    dominant: str | None  # signature of the sense on the plain id, if any


def decide_family(family: str, defs: Mapping[str, str | None]) -> FamilyDecision:
    """Decide one family from each paper's primary long form (None: the paper gives none).

    A pure function of the set of (paper, long form) pairs: the same whatever the order of
    papers and however they were split between runs.
    """
    by_sig: dict[str, set[str]] = defaultdict(set)
    words: dict[str, tuple[str, ...]] = {}
    for paper, long in sorted(defs.items(), key=lambda x: (x[1] or "", x[0])):
        if long:
            sig = sense_signature(long)
            by_sig[sig].add(paper)
            words.setdefault(sig, sense_words(long))
    # Greedy clustering: signatures by papers (desc), then text; each joins the first
    # earlier head it is close to. Deterministic given the set.
    heads: list[str] = []
    cluster: dict[str, str] = {}
    for sig in sorted(by_sig, key=lambda s: (-len(by_sig[s]), s)):
        head = next((h for h in heads if _close(sig, h, words[sig], words[h])), None)
        if head is None:
            heads.append(sig)
            head = sig
        cluster[sig] = head
    papers_of: dict[str, set[str]] = defaultdict(set)
    for sig, ps in by_sig.items():
        papers_of[cluster[sig]] |= ps
    total = sum(len(p) for p in papers_of.values())
    ranked = sorted(papers_of, key=lambda h: (-len(papers_of[h]), h))
    dominant = None
    if ranked:
        top = len(papers_of[ranked[0]])
        if len(ranked) == 1 or top >= DOMINANCE * (total - top):
            dominant = ranked[0]
    node_of: dict[str, str] = {}
    senses: dict[str, str | None] = {}
    for paper, long in defs.items():
        if not long:
            node_of[paper] = family
            senses.setdefault(family, dominant)
            continue
        head = cluster[sense_signature(long)]
        nid = family if head == dominant else sense_id(family, head)
        node_of[paper] = nid
        senses[nid] = head
    return FamilyDecision(family, node_of, senses, len(ranked) > 1, dominant)


# ------------------------------------------------------------------------------ gazetteer


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    key: str
    pwc_id: str | None


def _prefix_owner(key: str, owners: dict[str, GazetteerEntry], cands: set[str]) -> str | None:
    best: list[tuple[int, str]] = []
    for c in cands:
        own = owners.get(c)
        if own is None:
            continue
        for k in {name_key(own.pwc_id or own.name), name_key(own.name)}:
            if key.startswith(k) and (len(key) == len(k) or not key[len(k)].isalnum()):
                best.append((len(k), c))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[0][0] == best[1][0] and best[0][1] != best[1][1]:
        return None
    return best[0][1]


@lru_cache(maxsize=1)
def gazetteer_index() -> tuple[dict[str, GazetteerEntry], dict[str, GazetteerEntry]]:
    """(variant key -> dataset, node id -> dataset) from the packaged Papers-with-Code list.

    Priority: a dataset's own name or PwC id, then a variant listed by one dataset only, then
    a shared variant whose longest-prefix owner is unique; other shared variants are left out.
    """
    from kg.gazetteer import load

    entries: dict[str, GazetteerEntry] = {}
    own: dict[str, set[str]] = defaultdict(set)
    alias: dict[str, set[str]] = defaultdict(set)
    spaced: dict[str, str] = {}  # identity key -> the name key of a variant (word breaks)
    for d in load()["datasets"]:
        ident = d.get("pwc_id") or d["name"]
        key = name_key(ident)
        entry = GazetteerEntry(f"dataset/{slug(key)}", d["name"], key, d.get("pwc_id"))
        entries.setdefault(ident, entry)
        own[identity_key("Dataset", d["name"])].add(ident)
        own[identity_key("Dataset", ident)].add(ident)
        for v in [*d.get("aliases", []), *_CURATED_VARIANTS.get(ident, ())]:
            alias[identity_key("Dataset", v)].add(ident)
            spaced.setdefault(identity_key("Dataset", v), name_key(v))
    index: dict[str, GazetteerEntry] = {}
    for key, idents in own.items():
        index[key] = entries[min(idents)]
    for key, idents in alias.items():
        if key in index:
            continue
        if len(idents) == 1:
            index[key] = entries[next(iter(idents))]
            continue
        owner = _prefix_owner(spaced[key], entries, idents)
        if owner is not None:
            index[key] = entries[owner]
    by_id = {e.id: e for e in entries.values()}
    return index, by_id


class Resolver:
    """Maps (label, surface name) to a canonical :class:`Entity`.

    Canonical key: the Papers-with-Code id for a known dataset variant, else
    :func:`identity_key`.
    """

    def __init__(self, use_gazetteer: bool = True) -> None:
        self._use_gazetteer = use_gazetteer

    def _index(self) -> dict[str, GazetteerEntry]:
        return gazetteer_index()[0] if self._use_gazetteer else {}

    def gazetteer_entry(self, node_id: str) -> GazetteerEntry | None:
        """The gazetteer dataset a node id stands for, if it is one."""
        if not self._use_gazetteer:
            return None
        return gazetteer_index()[1].get(node_id)

    def gazetteer_hit(
        self, label: str, name: str, long: str | None = None, aliases: Iterable[str] = ()
    ) -> GazetteerEntry | None:
        if label != "Dataset" or not self._use_gazetteer:
            return None
        index = self._index()
        for candidate in (name, long, *aliases):
            if candidate:
                hit = index.get(identity_key("Dataset", candidate))
                if hit is not None:
                    return hit
        return None

    def resolve(
        self,
        label: str,
        name: str,
        long: str | None = None,
        aliases: Iterable[str] = (),
        paper_id: str | None = None,
        definition: str | None = None,
    ) -> Entity:
        """Resolve one mention. ``definition`` is the long form the paper defines the short
        name with (default: ``long``); it only picks the sense, see :func:`decide_family`."""
        aliases = [a for a in aliases if a]
        surface = [a for a in dict.fromkeys([name, long, *aliases]) if a]
        hit = self.gazetteer_hit(label, name, long, aliases)
        if hit is not None:
            return Entity(
                id=hit.id,
                label=label,
                key=hit.key,
                name=hit.name,
                long=long,
                aliases=[a for a in surface if a != hit.name],
                external_id=hit.pwc_id,
                gazetteer=True,
            )
        key = identity_key(label, name)
        fam = family_id(label, key)
        definition = definition or long
        if definition and identity_key(label, definition) == key:
            definition = None
        return Entity(
            id=fam,
            label=label,
            key=key,
            name=name,
            long=long,
            aliases=[a for a in surface if a != name],
            family=fam,
            sense=sense_signature(definition) if definition else None,
        )

    @staticmethod
    def repository(url: str) -> Repository:
        """One node per repository: scheme, ``www.``, host and owner case, ``.git``,
        ``/tree/...`` (any path below the repository), query, fragment and trailing slashes
        do not make a new node. The id is lower case; the URL keeps the case it was given."""
        s = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url.strip())
        s = re.sub(r"^www\.", "", s, flags=re.I)
        s = re.split(r"[?#]", s, maxsplit=1)[0]
        s = re.sub(r"^[^/@]*@", "", s)  # user info (git@github.com:owner/repo.git)
        s = re.sub(r"^([^/:]+):(?!\d+(?:/|$))", r"\1/", s)  # scp-like "host:owner/repo"
        parts = [p for p in s.split("/") if p]
        host = parts[0].lower() if parts else s.lower()
        host = re.sub(r":(80|443)$", "", host)
        if host in _REPO_HOSTS and len(parts) >= 3:
            owner = parts[1]
            name = re.sub(r"\.git$", "", parts[2], flags=re.I)
            canon = f"https://{host}/{owner}/{name}"
            rid = f"repo/{host}/{owner.lower()}/{name.lower()}"
        else:
            path = "/".join(parts[1:])
            path = re.sub(r"\.git$", "", path, flags=re.I)
            canon = f"https://{host}/{path}" if path else f"https://{host}"
            rid = f"repo/{host}/{path.lower()}" if path else f"repo/{host}"
        return Repository(id=rid, url=canon, host=host)


# ------------------------------------------------------------------------------ properties


def _best(votes: Mapping[str, int]) -> str | None:
    """Most votes, ties broken by the text (code-point order: "BERT" before "Bert")."""
    if not votes:
        return None
    return min(votes, key=lambda v: (-votes[v], v))


@dataclass
class Votes:
    """What the papers that mention one node call it: per form, the number of papers."""

    names: Counter[str] = field(default_factory=Counter)  # name forms as displayed
    longs: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    papers: set[str] = field(default_factory=set)

    def add_paper(
        self,
        paper: str,
        names: Iterable[str],
        longs: Iterable[str],
        aliases: Iterable[str],
        label: str = "",
    ) -> None:
        """Count one paper's words once each; name votes go to :func:`display_form`."""
        names, longs, aliases = set(names) - {""}, set(longs) - {""}, set(aliases) - {""}
        self.papers.add(paper)
        self.names.update({display_form(label, n) for n in names})
        self.longs.update(longs)
        self.forms.update(names | longs | aliases)


def entity_props(
    node_id: str,
    label: str,
    votes: Votes,
    gazetteer: GazetteerEntry | None = None,
    decision: FamilyDecision | None = None,
) -> dict[str, Any]:
    """A canonical entity's properties: a pure function of its id, the (paper, form) votes
    and its family's decision, so independent of paper order and of how loads were split."""
    props: dict[str, Any] = {}
    long = _best(votes.longs)
    if gazetteer is not None:
        name = gazetteer.name
        props.update(name=name, key=gazetteer.key, gazetteer=True)
        if gazetteer.pwc_id:
            props["pwc_id"] = gazetteer.pwc_id
    else:
        short = _best(votes.names) or key_of_id(node_id)
        name = short
        props.update(name=name, key=key_of_id(node_id))
        if decision is not None and decision.ambiguous:
            props["ambiguous_short"] = True
            if node_id == decision.family:
                others = sorted(n for n in decision.senses if n != node_id)
                if others:
                    props["senses"] = others
            else:
                props["short"] = short
                props["disambiguated_by"] = decision.senses.get(node_id) or ""
                if long:
                    name = f"{short} ({long})"
                    props["name"] = name
    if long:
        props["long"] = long
    rest = [f for f in votes.forms if f != name]
    rest.sort(key=lambda f: (f != long, -votes.forms[f], f))
    props["aliases"] = rest
    return props
