"""Entity identity as library calls: look an entity up, find suspected duplicates, measure.

The identity rules themselves live in :mod:`kg.resolve` (ids, senses, the preferred name) and
:func:`kg.graph.reconcile` (applied over a whole graph); ``docs/IDENTITY.md`` explains them.
This module is what ``kg entity`` and ``kg duplicates`` call:

* :func:`describe_entity` -- one entity with its aliases, Papers-with-Code id, senses and the
  papers that mention it (and the words each paper uses);
* :func:`suspected_duplicates` -- pairs of entity nodes of one label whose names are nearly the
  same but were NOT merged (edit similarity over name keys), each with the
  reason it is suspected;
* :func:`format_entity` / :func:`format_duplicates` -- plain-text renderings;
* :func:`name_collisions` / :func:`merged_entities` -- the figures ``bench/measure_identity.py``
  reports.

Example::

    >>> from kg.graph import build_graph
    >>> from kg.model import EntityItem, PaperRecord
    >>> from kg.resolve import Resolver
    >>> g = build_graph([PaperRecord("p1", "T", methods=[EntityItem("BERT")]),
    ...                  PaperRecord("p2", "U", methods=[EntityItem("Bert")])],
    ...                 Resolver(use_gazetteer=False))
    >>> d = describe_entity(g, "bert")
    >>> d["id"], d["name"], d["aliases"], [p["paper"] for p in d["papers"]]
    ('method/bert', 'BERT', ['Bert'], ['p1', 'p2'])
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from kg.graph import Graph, Node, edge_end_votes, merge_graphs, paper_node_id
from kg.names import name_key
from kg.resolve import ENTITY_LABELS, family_of

__all__ = [
    "describe_entity",
    "format_duplicates",
    "format_entity",
    "merge_graphs",
    "merged_entities",
    "name_collisions",
    "suspected_duplicates",
    "surface_forms",
]


# ------------------------------------------------------------------------------- lookup


def surface_forms(node: Node) -> list[str]:
    """Every distinct form a node goes by: name, long form, aliases (in that order)."""
    forms = [node.props.get("name"), node.props.get("long"), *(node.props.get("aliases") or [])]
    return list(dict.fromkeys(str(f) for f in forms if f))


def _find(graph: Graph, name_or_id: str) -> tuple[Node, list[Node]]:
    node = graph.nodes.get(name_or_id)
    if node is not None:
        return node, []
    key = name_key(name_or_id)
    by_name: list[Node] = []
    by_alias: list[Node] = []
    for n in graph.nodes.values():
        if n.label not in ENTITY_LABELS:
            continue
        if name_key(str(n.props.get("name", ""))) == key or n.props.get("key") == key:
            by_name.append(n)
        elif any(name_key(f) == key for f in surface_forms(n)):
            by_alias.append(n)
    found = by_name or by_alias
    if not found:
        raise LookupError(f"no Method, Dataset, Task or Metric is called {name_or_id!r}")
    papers = _paper_counts(graph)
    found.sort(key=lambda n: (-papers.get(n.id, 0), n.label, n.id))
    return found[0], found[1:]


def _paper_counts(graph: Graph) -> Counter[str]:
    seen: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges.values():
        paper = str(e.props.get("paper", ""))
        seen[e.source].add(paper)
        seen[e.target].add(paper)
    return Counter({k: len(v) for k, v in seen.items()})


def describe_entity(graph: Graph, name_or_id: str) -> dict[str, Any]:
    """One entity, looked up by id, else by name, else by any alias (case, hyphens and
    spacing do not matter; with several matches the one most papers mention wins and the
    others are listed in ``other_matches``).

    Returns ``id``, ``label``, ``name``, ``key``, ``long``, ``aliases``, ``pwc_id``,
    ``ambiguous_short``, ``senses`` (other nodes of the same short name),
    ``disambiguated_by``, ``papers`` (one dict per paper: ``paper``, ``title``,
    ``relations``, ``forms`` -- the words that paper uses), ``paper_count``,
    ``surface_forms`` ({form: number of papers}) and ``other_matches``.
    Raises :class:`LookupError` when nothing matches.
    """
    node, others = _find(graph, name_or_id)
    per_paper: dict[str, dict[str, Any]] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges.values():
        for end, which in ((e.source, "source"), (e.target, "target")):
            if end != node.id:
                continue
            paper = str(e.props.get("paper", ""))
            entry = per_paper.setdefault(paper, {"relations": set(), "forms": set()})
            rel = e.type if which == "target" else f"{e.type} (as subject)"
            entry["relations"].add(rel)
            names, longs, aliases = edge_end_votes(e, which)
            for f in (*names, *longs, *aliases):
                entry["forms"].add(f)
                forms[f].add(paper)
    papers = []
    for paper in sorted(per_paper):
        pnode = graph.nodes.get(paper_node_id(paper))
        papers.append(
            {
                "paper": paper,
                "title": str(pnode.props.get("title", "")) if pnode else "",
                "relations": sorted(per_paper[paper]["relations"]),
                "forms": sorted(per_paper[paper]["forms"]),
            }
        )
    p = node.props
    senses = list(p.get("senses") or [])
    if not senses and p.get("ambiguous_short"):
        fam = family_of(node.id)
        senses = sorted(
            n.id
            for n in graph.nodes.values()
            if n.id != node.id and n.label == node.label and family_of(n.id) == fam
        )
    return {
        "id": node.id,
        "label": node.label,
        "name": p.get("name"),
        "key": p.get("key"),
        "long": p.get("long"),
        "aliases": list(p.get("aliases") or []),
        "pwc_id": p.get("pwc_id"),
        "ambiguous_short": bool(p.get("ambiguous_short", False)),
        "senses": senses,
        "disambiguated_by": p.get("disambiguated_by"),
        "papers": papers,
        "paper_count": len(papers),
        "surface_forms": dict(
            sorted(((f, len(ps)) for f, ps in forms.items()), key=lambda x: (-x[1], x[0]))
        ),
        "other_matches": [n.id for n in others],
    }


def format_entity(d: dict[str, Any], max_papers: int = 20) -> str:
    """Plain text of a :func:`describe_entity` result."""
    lines = [f"{d['label']} {d['name']}  ({d['id']})"]
    if d.get("long"):
        lines.append(f"  long form        {d['long']}")
    if d.get("pwc_id"):
        lines.append(f"  Papers-with-Code {d['pwc_id']}")
    if d.get("aliases"):
        lines.append("  aliases          " + "; ".join(d["aliases"]))
    if d.get("ambiguous_short"):
        if d.get("disambiguated_by"):
            lines.append(f"  ambiguous short name; this sense: {d['disambiguated_by']}")
        else:
            lines.append("  ambiguous short name")
        if d.get("senses"):
            lines.append("  other senses     " + ", ".join(d["senses"]))
    if d.get("surface_forms"):
        lines.append(
            "  written as       " + ", ".join(f"{f} ({n})" for f, n in d["surface_forms"].items())
        )
    lines.append(f"  papers           {d['paper_count']}")
    for p in d["papers"][:max_papers]:
        title = p["title"] if len(p["title"]) <= 70 else p["title"][:67] + "..."
        lines.append(f"    {p['paper']}  {', '.join(p['relations'])}  {title}")
    if d["paper_count"] > max_papers:
        lines.append(f"    ... and {d['paper_count'] - max_papers} more")
    if d.get("other_matches"):
        lines.append("  also matching    " + ", ".join(d["other_matches"]))
    return "\n".join(lines)


# --------------------------------------------------------------------------- duplicates

_PUNCT = re.compile(r"[\s'`\"\u2018\u2019\u201c\u201d()\[\]{},;:/*]+")
_DIGITS = re.compile(r"\d+")
# A trailing word that does not change what is named ("X task", "X model").
_GENERIC_TAIL = re.compile(
    r" (?:task|tasks|problem|problems|dataset|datasets|data|benchmark|model|models|method|"
    r"methods|network|networks|framework|approach|algorithm)$"
)
MIN_EDIT_LENGTH = 6  # shorter names are acronyms: one letter apart is another acronym


def _compact(key: str) -> str:
    return _PUNCT.sub("", key)


def _plural_pair(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    return b in (a + "s", a + "es") or (a.endswith("y") and b == a[:-1] + "ies")


def _levenshtein(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _reason(ka: str, kb: str, ca: str, cb: str, na: str, nb: str) -> str | None:
    """Why two name keys look like one entity, or None (the reasons are deliberately
    concrete: a similarity alone is not enough)."""
    if ca == cb:
        return "same name apart from spacing and punctuation"
    short, long_ = sorted((ca, cb), key=len)
    if _plural_pair(ca, cb):
        plural_name = nb if len(cb) > len(ca) else na
        if len(short) >= 5 or plural_name.rstrip()[-1:] == "s":
            return "singular and plural"
        return None
    ta, tb = _GENERIC_TAIL.sub("", ka), _GENERIC_TAIL.sub("", kb)
    if (ta != ka or tb != kb) and _compact(ta) == _compact(tb):
        return "same name apart from a generic head word"
    if len(short) < MIN_EDIT_LENGTH or ca[0] != cb[0] or ca[-1] != cb[-1]:
        return None  # a different first or last letter makes a variant ("P-MVSNet")
    limit = 1 if len(short) < 20 else 2
    d = _levenshtein(ca, cb, limit)
    if d <= limit:
        return f"{d} character edit{'s' if d > 1 else ''} apart (a typo?)"
    return None


def suspected_duplicates(
    graph: Graph,
    threshold: float = 0.85,
    labels: Iterable[str] = ENTITY_LABELS,
    window: int = 20,
) -> list[dict[str, Any]]:
    """Pairs of entity nodes of one label that look like one entity but are separate nodes.

    A pair is suspected when one's long form or an alias is another's name, or when their
    name keys, without spaces and punctuation, are at least ``threshold`` similar (difflib
    ratio; candidates are the ``window`` nearest keys in sorted order, forwards and
    reversed), carry the same numbers ("ResNet-50" and "ResNet-101" are never suspects) AND
    differ in a way that names one thing: only spacing or punctuation, singular and plural,
    a generic head word ("X" and "X task"), or one character edit inside the name (two for
    names of 20 characters or more; none for names under 6 characters, which are acronyms,
    nor at the first or last letter, which makes a variant: "MVSNet" / "P-MVSNet").
    Deliberate splits -- the senses of one ambiguous short name -- are left out.

    Each item: ``label``, ``a`` and ``b`` ({``id``, ``name``, ``papers``}), ``similarity``
    and ``reason``; sorted by similarity (highest first), then ids.
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    papers = _paper_counts(graph)
    out: dict[tuple[str, str], dict[str, Any]] = {}

    def entry(n: Node) -> dict[str, Any]:
        return {"id": n.id, "name": n.props.get("name"), "papers": papers.get(n.id, 0)}

    def add(a: Node, b: Node, sim: float, reason: str) -> None:
        if family_of(a.id) == family_of(b.id):
            return  # senses of one ambiguous short name: split on purpose
        x, y = sorted((a, b), key=lambda n: n.id)
        pair = (x.id, y.id)
        if pair in out and out[pair]["similarity"] >= sim:
            return
        out[pair] = {
            "label": x.label,
            "a": entry(x),
            "b": entry(y),
            "similarity": round(sim, 3),
            "reason": reason,
        }

    for label in labels:
        nodes = [n for n in graph.nodes.values() if n.label == label and n.props.get("name")]
        keys = {n.id: name_key(str(n.props["name"])) for n in nodes}
        if any(n.props.get("short") for n in nodes):
            keys.update(
                {n.id: name_key(str(n.props["short"])) for n in nodes if n.props.get("short")}
            )
        compact = {nid: _compact(k) for nid, k in keys.items()}
        by_id = {n.id: n for n in nodes}
        # 1. one node's name or long form is another node's name
        by_key: dict[str, list[str]] = defaultdict(list)
        for nid, k in keys.items():
            by_key[k].append(nid)
        for n in nodes:
            for form in (n.props.get("long"), *(n.props.get("aliases") or [])):
                if not form:
                    continue
                for other in by_key.get(name_key(str(form)), ()):
                    if other != n.id:
                        kind = "long form" if form == n.props.get("long") else "alias"
                        add(
                            n,
                            by_id[other],
                            1.0,
                            f"{kind} {form!r} of {n.id} is the name of {other}",
                        )
        # 2. near-identical names: sorted neighbourhoods of the compact keys, forwards and
        # backwards (a typo near the start still leaves the ends in order), then difflib.
        ids = [nid for nid, c in compact.items() if c]
        seen: set[tuple[str, str]] = set()
        for order in (
            sorted(ids, key=lambda i: (compact[i], i)),
            sorted(ids, key=lambda i: (compact[i][::-1], i)),
        ):
            for i, nid in enumerate(order):
                ca = compact[nid]
                for other in order[i + 1 : i + 1 + window]:
                    cb = compact[other]
                    pair = (nid, other) if nid < other else (other, nid)
                    if pair in seen:
                        continue
                    seen.add(pair)
                    if 2 * min(len(ca), len(cb)) / (len(ca) + len(cb)) < threshold:
                        continue
                    if _DIGITS.findall(ca) != _DIGITS.findall(cb):
                        continue
                    if ca == cb:
                        sim = 1.0
                    else:
                        m = difflib.SequenceMatcher(None, ca, cb, autojunk=False)
                        if m.real_quick_ratio() < threshold or m.quick_ratio() < threshold:
                            continue
                        sim = m.ratio()
                    if sim < threshold:
                        continue
                    na = str(by_id[nid].props.get("short") or by_id[nid].props["name"])
                    nb = str(by_id[other].props.get("short") or by_id[other].props["name"])
                    reason = _reason(keys[nid], keys[other], ca, cb, na, nb)
                    if reason:
                        add(by_id[nid], by_id[other], sim, reason)
    return sorted(
        out.values(), key=lambda d: (-d["similarity"], d["label"], d["a"]["id"], d["b"]["id"])
    )


def format_duplicates(items: list[dict[str, Any]], limit: int | None = 50) -> str:
    """Plain text of :func:`suspected_duplicates`, one pair per line."""
    if not items:
        return "no suspected duplicates"
    shown = items if limit is None else items[:limit]
    lines = [f"{len(items)} suspected duplicate pair{'s' if len(items) != 1 else ''}"]
    for d in shown:
        a, b = d["a"], d["b"]
        lines.append(
            f"  {d['similarity']:.2f}  {d['label']}: {a['name']!s} ({a['id']}, {a['papers']}p)"
            f"  ~  {b['name']!s} ({b['id']}, {b['papers']}p)  -- {d['reason']}"
        )
    if limit is not None and len(items) > limit:
        lines.append(f"  ... and {len(items) - limit} more")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ figures


def name_collisions(
    graph: Graph, labels: Iterable[str] = ("Dataset", "Method")
) -> dict[str, list[list[str]]]:
    """Per label, the groups of two or more nodes whose names have the same
    :func:`kg.names.name_key` (an identity failure: should be empty)."""
    out: dict[str, list[list[str]]] = {}
    for label in labels:
        groups: dict[str, list[str]] = defaultdict(list)
        for n in graph.nodes.values():
            if n.label == label and n.props.get("name"):
                groups[name_key(str(n.props["name"]))].append(n.id)
        out[label] = sorted(sorted(ids) for ids in groups.values() if len(ids) > 1)
    return out


def merged_entities(graph: Graph, labels: Iterable[str] = ENTITY_LABELS) -> list[Node]:
    """Entity nodes that merged two or more distinct surface forms, sorted by id."""
    labels = tuple(labels)
    return sorted(
        (n for n in graph.nodes.values() if n.label in labels and len(surface_forms(n)) >= 2),
        key=lambda n: n.id,
    )
