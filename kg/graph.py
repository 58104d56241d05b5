"""The one property-graph model. Neo4j, RDF and every export are views of a :class:`Graph`.

Node labels: Paper, Method, Dataset, Task, Metric, Result, Repository, Link.

Relationship types (all carry provenance: ``paper``, ``field``, ``start``, ``end``,
``sentence``, ``extractor``, ``confidence``):

=============  =====================  =====================================================
type           from -> to             meaning
=============  =====================  =====================================================
PROPOSES       Paper -> Method        the paper introduces the method
USES           Paper -> Method        the paper uses, builds on or compares with the method
INTRODUCES     Paper -> Dataset       the paper creates / releases the dataset
EVALUATED_ON   Paper -> Dataset       the paper uses or evaluates on the dataset
ADDRESSES      Paper -> Task          the paper addresses or evaluates on the task
MEASURES       Paper -> Metric        the paper reports the metric
REPORTS        Paper -> Result        the paper states the numeric result
FOR_METHOD     Result -> Method       the result is of this method
ON_DATASET     Result -> Dataset      the result is on this dataset
BY_METRIC      Result -> Metric       the result is measured by this metric
OUTPERFORMS    Method -> Method       the paper claims the first beats the second
HAS_CODE       Paper -> Repository    code link
LINKS_TO       Paper -> Link          model / dataset / project / other link (``kind``)
=============  =====================  =====================================================

An edge is identified by (source, type, target, paper): the same claim made by two papers is two
edges, so each keeps its own evidence, and a paper's facts can be replaced as a whole.

Identity (``docs/IDENTITY.md``): every edge at an entity also carries the paper's own words for
it -- ``surface`` (the names it uses), on Paper -> entity edges ``long`` (its long form) and
``aliases``, on OUTPERFORMS ``source_surface`` for the winner. :func:`build_graph` ends with
:func:`reconcile`, which decides acronym senses over all papers and recomputes every entity,
Repository and Link property from those per-paper votes (preferred name = the form most
papers use, ties by text; aliases = every other form). So the graph is a function of the set
of records: the same whatever their order, and :func:`merge_graphs` of separately built
graphs equals the graph built from all records at once. The Neo4j loader applies the same
functions to what the database holds.

Example::

    >>> g = Graph()
    >>> _ = g.add_node(Node("paper/p1", "Paper", {"title": "T"}))
    >>> len(g.nodes)
    1
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.model import Evidence, PaperRecord
from kg.resolve import (
    ENTITY_LABELS,
    FamilyDecision,
    GazetteerEntry,
    Resolver,
    Votes,
    decide_family,
    entity_props,
    family_of,
    identity_key,
    key_of_id,
    primary_long,
)

NODE_LABELS = ("Paper", "Method", "Dataset", "Task", "Metric", "Result", "Repository", "Link")
EDGE_TYPES = (
    "PROPOSES",
    "USES",
    "INTRODUCES",
    "EVALUATED_ON",
    "ADDRESSES",
    "MEASURES",
    "REPORTS",
    "FOR_METHOD",
    "ON_DATASET",
    "BY_METRIC",
    "OUTPERFORMS",
    "HAS_CODE",
    "LINKS_TO",
)
# Paper -> entity edges: they carry the paper's own words (surface, long form, aliases).
MENTION_EDGES = frozenset(
    {"PROPOSES", "USES", "INTRODUCES", "EVALUATED_ON", "ADDRESSES", "MEASURES"}
)
# Edge properties that are a paper's votes for its entities' names (unioned on merge).
VOTE_LISTS = ("surface", "source_surface", "aliases")


@dataclass
class Node:
    """``props`` hold only str / int / float / bool values or lists of str (Neo4j-storable)."""

    id: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Edge:
    source: str
    type: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.source, self.type, self.target, str(self.props.get("paper", "")))


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        """Add a node, or merge ``node.props`` into the existing one (aliases are unioned)."""
        old = self.nodes.get(node.id)
        if old is None:
            self.nodes[node.id] = node
            return node
        for k, v in node.props.items():
            if k == "aliases":
                merged = list(old.props.get("aliases", []))
                merged += [a for a in v if a not in merged]
                old.props["aliases"] = merged
            elif old.props.get(k) in (None, "", []):
                old.props[k] = v
        return old

    def add_edge(self, edge: Edge) -> None:
        """Add an edge; the same claim in the same paper again keeps the most confident
        evidence (ties: the earlier), and the paper's name votes of both are unioned."""
        old = self.edges.get(edge.key)
        if old is None:
            self.edges[edge.key] = edge
            return
        keep = edge if _evidence_rank(edge.props) < _evidence_rank(old.props) else old
        merged = dict(keep.props)
        for k in VOTE_LISTS:
            values = {*(old.props.get(k) or ()), *(edge.props.get(k) or ())}
            if values:
                merged[k] = sorted(values)
        longs = [x for x in (old.props.get("long"), edge.props.get("long")) if x]
        if longs:
            merged["long"] = primary_long(longs)
        self.edges[edge.key] = Edge(keep.source, keep.type, keep.target, merged)

    def nodes_by_label(self, label: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.label == label)

    def counts(self) -> dict[str, int]:
        """Node counts per label and edge counts per type, for summaries and tests."""
        c: Counter[str] = Counter(n.label for n in self.nodes.values())
        c.update(e.type for e in self.edges.values())
        return dict(c)


def _evidence_rank(props: dict[str, Any]) -> tuple[Any, ...]:
    """Order of preference between two evidences of one claim: most confident first, then a
    fixed order of the rest, so the kept evidence does not depend on input order."""
    return (
        -float(props.get("confidence", 0) or 0),
        str(props.get("field", "")),
        int(props.get("start", 0) or 0),
        int(props.get("end", 0) or 0),
        str(props.get("extractor", "")),
        str(props.get("sentence", "")),
        str(props.get("url", "")),
        str(props.get("kind", "")),
    )


def paper_node_id(paper_id: str) -> str:
    return f"paper/{paper_id}"


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _provenance(paper_id: str, mentions: list[Evidence], confidence: float) -> dict[str, Any]:
    props: dict[str, Any] = {"paper": paper_id, "confidence": round(float(confidence), 3)}
    if mentions:
        ev = max(mentions, key=lambda m: m.confidence)
        props.update(
            field=ev.field,
            start=ev.start,
            end=ev.end,
            sentence=ev.sentence,
            extractor=ev.extractor,
        )
    return props


def build_graph(records: Iterable[PaperRecord], resolver: Resolver | None = None) -> Graph:
    """Turn extraction records into the one graph, resolving names to canonical entities.

    The result depends only on the set of records, not on their order: ids come from
    :mod:`kg.resolve` and every entity, Repository and Link property is recomputed from the
    per-paper votes on the edges at the end (:func:`reconcile`).
    """
    resolver = resolver or Resolver()
    g = Graph()
    for rec in records:
        _add_record(g, rec, resolver)
    return reconcile(g, resolver)


def merge_graphs(graphs: Iterable[Graph], resolver: Resolver | None = None) -> Graph:
    """One graph from graphs built separately (say, two runs): equal to building all their
    records at once. Nodes and edges are unioned, then :func:`reconcile` settles ids and
    properties from the edges' votes."""
    g = Graph()
    for part in graphs:
        for node in part.nodes.values():
            if node.id not in g.nodes:
                g.nodes[node.id] = Node(node.id, node.label, dict(node.props))
        for edge in part.edges.values():
            g.add_edge(Edge(edge.source, edge.type, edge.target, dict(edge.props)))
    return reconcile(g, resolver or Resolver())


def _add_record(g: Graph, rec: PaperRecord, resolver: Resolver) -> None:
    pid = paper_node_id(rec.id)
    paper = rec.paper
    props: dict[str, Any] = {"paper_id": rec.id, "title": rec.title}
    if paper is not None:
        props["abstract"] = paper.abstract
        for key in ("year", "venue", "url", "doi", "arxiv_id", "source"):
            value = getattr(paper, key)
            if value not in (None, ""):
                props[key] = value
        for k, v in paper.extra.items():
            if isinstance(v, (str, int, float, bool)) and k not in props:
                props[k] = v
    props["code_available"] = rec.code_available
    g.add_node(Node(pid, "Paper", props))

    def entity(label: str, name: str, long: str | None = None, aliases: Iterable[str] = ()) -> str:
        ent = resolver.resolve(label, name, long=long, aliases=aliases, paper_id=rec.id)
        node_props: dict[str, Any] = {
            "name": ent.name,
            "key": ent.key,
            "aliases": list(ent.aliases),
        }
        if ent.long:
            node_props["long"] = ent.long
        if ent.gazetteer:
            node_props["gazetteer"] = True
        if ent.external_id:
            node_props["pwc_id"] = ent.external_id
        g.add_node(Node(ent.id, label, node_props))
        return ent.id

    def mention(it: Any) -> dict[str, Any]:
        """The paper's own words for an entity, kept on the edge: votes for its name."""
        votes: dict[str, Any] = {"surface": [it.name]}
        if it.long:
            votes["long"] = it.long
        aliases = sorted({a for a in it.aliases if a})
        if aliases:
            votes["aliases"] = aliases
        return votes

    # surface -> (node id, the item's name) for results and comparisons naming an item
    method_ids: dict[str, tuple[str, str]] = {}
    for rel, items in (("PROPOSES", rec.proposed), ("USES", rec.methods)):
        for it in items:
            mid = entity("Method", it.name, it.long, it.aliases)
            for n in (it.name, it.long, *it.aliases):
                if n:
                    method_ids.setdefault(n, (mid, it.name))
            prov = _provenance(rec.id, it.mentions, it.confidence)
            g.add_edge(Edge(pid, rel, mid, {**prov, **mention(it)}))
    dataset_ids: dict[str, tuple[str, str]] = {}
    for it in rec.datasets:
        did = entity("Dataset", it.name, it.long, it.aliases)
        for n in (it.name, it.long, *it.aliases):
            if n:
                dataset_ids.setdefault(n, (did, it.name))
        rel = "INTRODUCES" if it.introduced else "EVALUATED_ON"
        prov = _provenance(rec.id, it.mentions, it.confidence)
        g.add_edge(Edge(pid, rel, did, {**prov, **mention(it)}))
    for it in rec.tasks:
        tid = entity("Task", it.name)
        prov = _provenance(rec.id, it.mentions, it.confidence)
        g.add_edge(Edge(pid, "ADDRESSES", tid, {**prov, "surface": [it.name]}))
    metric_ids: dict[str, tuple[str, str]] = {}
    for it in rec.metrics:
        xid = entity("Metric", it.name)
        metric_ids[it.name] = (xid, it.name)
        prov = _provenance(rec.id, it.mentions, it.confidence)
        g.add_edge(Edge(pid, "MEASURES", xid, {**prov, "surface": [it.name]}))

    def named(ids: dict[str, tuple[str, str]], label: str, name: str) -> tuple[str, str]:
        return ids.get(name) or (entity(label, name), name)

    for r in rec.results:
        rid = "result/" + _digest(rec.id, r.method, r.dataset, r.metric, r.value)
        rprops: dict[str, Any] = {"value": r.value, "paper": rec.id}
        number = _numeric(r.value)
        if number is not None:
            rprops["numeric_value"] = number
        for key in ("method", "dataset", "metric"):
            if getattr(r, key):
                rprops[key] = getattr(r, key)
        prov = _provenance(rec.id, r.mentions, r.confidence)
        if "sentence" in prov:
            rprops["sentence"] = prov["sentence"]
        g.add_node(Node(rid, "Result", rprops))
        g.add_edge(Edge(pid, "REPORTS", rid, prov))
        if r.method:
            mid, surface = named(method_ids, "Method", r.method)
            g.add_edge(Edge(rid, "FOR_METHOD", mid, {**prov, "surface": [surface]}))
        if r.dataset:
            did, surface = named(dataset_ids, "Dataset", r.dataset)
            g.add_edge(Edge(rid, "ON_DATASET", did, {**prov, "surface": [surface]}))
        if r.metric:
            xid, surface = named(metric_ids, "Metric", r.metric)
            g.add_edge(Edge(rid, "BY_METRIC", xid, {**prov, "surface": [surface]}))

    for c in rec.outperforms:
        win, win_name = named(method_ids, "Method", c.winner)
        lose, lose_name = named(method_ids, "Method", c.loser)
        if win != lose:
            prov = _provenance(rec.id, c.mentions, c.confidence)
            g.add_edge(
                Edge(
                    win,
                    "OUTPERFORMS",
                    lose,
                    {**prov, "source_surface": [win_name], "surface": [lose_name]},
                )
            )

    for link in rec.links:
        prov = _provenance(rec.id, link.mentions, link.confidence)
        if link.kind == "code":
            repo = resolver.repository(link.url)
            g.add_node(Node(repo.id, "Repository", {"url": repo.url, "host": repo.host}))
            g.add_edge(Edge(pid, "HAS_CODE", repo.id, {**prov, "url": link.url}))
        else:
            lid = "link/" + _digest(link.url)
            g.add_node(Node(lid, "Link", {"url": link.url, "kind": link.kind}))
            g.add_edge(Edge(pid, "LINKS_TO", lid, {**prov, "kind": link.kind}))


# --------------------------------------------------------------------------- identity


def is_family_node(node: Node) -> bool:
    """An entity node whose id is a family id (not a gazetteer dataset)."""
    return node.label in ENTITY_LABELS and not node.props.get("gazetteer")


def paper_defs(
    ends: Iterable[tuple[str, str, str, str | None]],
) -> dict[str, dict[str, str | None]]:
    """family -> paper -> the paper's primary long form, from (family, label, paper, long)
    rows, one per edge end at a family node (``long`` only for mention edges)."""
    longs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for family, label, paper, long in ends:
        bucket = longs[family][paper]
        if long and identity_key(label, long) != key_of_id(family):
            bucket.append(long)
    return {f: {p: primary_long(ls) for p, ls in by_p.items()} for f, by_p in longs.items()}


def edge_end_votes(edge: Edge, end: str) -> tuple[list[str], list[str], list[str]]:
    """(names, long forms, aliases) an edge's paper uses for its ``end`` ("source"/"target")."""
    p = edge.props
    if end == "source":
        return list(p.get("source_surface") or []), [], []
    longs = [p["long"]] if p.get("long") and edge.type in MENTION_EDGES else []
    return list(p.get("surface") or []), longs, list(p.get("aliases") or [])


def node_props(
    node: Node,
    votes: Votes | None,
    decision: FamilyDecision | None,
    resolver: Resolver,
    urls: Counter[str] | None = None,
    kinds: Counter[str] | None = None,
) -> dict[str, Any]:
    """The order-independent properties of an entity, Repository or Link node."""
    if node.label == "Repository":
        props = dict(node.props)
        if urls:
            best = min(urls, key=lambda u: (-urls[u], u))
            props["url"] = best
            props["host"] = resolver.repository(best).host
        return props
    if node.label == "Link":
        props = dict(node.props)
        if kinds:
            props["kind"] = min(kinds, key=lambda k: (-kinds[k], k))
        return props
    if votes is None or not votes.names:
        return dict(node.props)
    gaz = None
    if node.props.get("gazetteer"):
        gaz = resolver.gazetteer_entry(node.id) or GazetteerEntry(
            node.id,
            str(node.props.get("name") or key_of_id(node.id)),
            str(node.props.get("key") or key_of_id(node.id)),
            node.props.get("pwc_id"),
        )
    return entity_props(node.id, node.label, votes, gaz, decision)


def family_ends(g: Graph) -> list[tuple[str, str, str, str | None]]:
    """(family, label, paper, long form) for every edge end at a family node."""
    ends = []
    for e in g.edges.values():
        paper = str(e.props.get("paper", ""))
        for end, which in ((e.source, "source"), (e.target, "target")):
            node = g.nodes.get(end)
            if node is not None and is_family_node(node):
                longs = edge_end_votes(e, which)[1]
                ends.append((family_of(end), node.label, paper, longs[0] if longs else None))
    return ends


def apply_decisions(g: Graph, decisions: dict[str, FamilyDecision]) -> Graph:
    """Move every edge end at a family node to the node its paper's sense decides; nodes
    left without edges by the move are dropped. Changes ``g`` in place and returns it."""

    def moved(end: str, paper: str) -> str:
        node = g.nodes.get(end)
        decision = decisions.get(family_of(end))
        if node is None or decision is None or not is_family_node(node):
            return end
        return decision.node_of.get(paper, end)

    old_edges = list(g.edges.values())
    referenced = {n for e in old_edges for n in (e.source, e.target)}
    labels = {nid: n.label for nid, n in g.nodes.items()}
    g.edges = {}
    for e in old_edges:
        paper = str(e.props.get("paper", ""))
        s, t = moved(e.source, paper), moved(e.target, paper)
        for nid, old in ((s, e.source), (t, e.target)):
            if nid not in g.nodes:
                g.nodes[nid] = Node(nid, labels[old], {})
        g.add_edge(Edge(s, e.type, t, e.props))
    now = {n for e in g.edges.values() for n in (e.source, e.target)}
    for nid in list(g.nodes):
        if nid in referenced and nid not in now:
            del g.nodes[nid]
    return g


class VoteTally:
    """Per node and paper, the names, long forms, aliases, repository URLs and link kinds the
    paper's edges use; the input of :func:`node_props`."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.words: dict[str, dict[str, tuple[set[str], set[str], set[str]]]] = defaultdict(dict)
        self.urls: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.kinds: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def add(self, node_id: str, label: str, edge: Edge, which: str) -> None:
        """Count ``edge`` for the node at its ``which`` end ("source" / "target")."""
        paper = str(edge.props.get("paper", ""))
        if label in ENTITY_LABELS:
            names, longs, aliases = edge_end_votes(edge, which)
            bucket = self.words[node_id].setdefault(paper, (set(), set(), set()))
            bucket[0].update(names)
            bucket[1].update(longs)
            bucket[2].update(aliases)
        elif which == "target" and edge.type == "HAS_CODE" and edge.props.get("url"):
            self.urls[node_id][paper].add(self.resolver.repository(str(edge.props["url"])).url)
        elif which == "target" and edge.type == "LINKS_TO" and edge.props.get("kind"):
            self.kinds[node_id][paper].add(str(edge.props["kind"]))

    def props(self, node: Node, decision: FamilyDecision | None) -> dict[str, Any] | None:
        """The node's recomputed properties, or None when no edge voted for it."""
        nid = node.id
        if node.label in ENTITY_LABELS and nid in self.words:
            votes = Votes()
            for paper, (names, longs, aliases) in self.words[nid].items():
                votes.add_paper(paper, names, longs, aliases, node.label)
            return node_props(node, votes, decision, self.resolver)
        if node.label == "Repository" and nid in self.urls:
            return node_props(node, None, None, self.resolver, urls=_count(self.urls[nid]))
        if node.label == "Link" and nid in self.kinds:
            return node_props(node, None, None, self.resolver, kinds=_count(self.kinds[nid]))
        return None


def reconcile(g: Graph, resolver: Resolver) -> Graph:
    """Settle identity over the whole graph: move each paper's mentions of an ambiguous
    short name to the node of its sense (:func:`kg.resolve.decide_family`), then recompute
    every entity, Repository and Link node's properties from the per-paper votes on its
    edges. A pure function of the set of edges; returns ``g`` (changed in place)."""
    decisions = {f: decide_family(f, defs) for f, defs in paper_defs(family_ends(g)).items()}
    apply_decisions(g, decisions)
    tally = VoteTally(resolver)
    for e in g.edges.values():
        for end, which in ((e.source, "source"), (e.target, "target")):
            node = g.nodes.get(end)
            if node is not None:
                tally.add(end, node.label, e, which)
    for node in g.nodes.values():
        decision = decisions.get(family_of(node.id)) if is_family_node(node) else None
        props = tally.props(node, decision)
        if props is not None:
            node.props = props
    return g


def _count(by_paper: dict[str, set[str]]) -> Counter[str]:
    c: Counter[str] = Counter()
    for values in by_paper.values():
        c.update(values)
    return c


def _numeric(value: str) -> float | None:
    """The first number in a value string ("82.1%" -> 82.1, "+2.8%" -> 2.8), else None."""
    import re

    m = re.search(r"[-+−]?\d+(?:[.,]\d+)*", value)
    if not m:
        return None
    try:
        return float(m.group().replace(",", "").replace("−", "-"))
    except ValueError:
        return None
