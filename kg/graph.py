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

Example::

    >>> g = Graph()
    >>> g.add_node(Node("paper/p1", "Paper", {"title": "T"}))
    >>> len(g.nodes)
    1
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.model import Evidence, PaperRecord
from kg.resolve import Resolver

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
        old = self.edges.get(edge.key)
        # Keep the most confident evidence for the same claim in the same paper.
        if old is None or edge.props.get("confidence", 0) > old.props.get("confidence", 0):
            self.edges[edge.key] = edge

    def nodes_by_label(self, label: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.label == label)

    def counts(self) -> dict[str, int]:
        """Node counts per label and edge counts per type, for summaries and tests."""
        c: Counter[str] = Counter(n.label for n in self.nodes.values())
        c.update(e.type for e in self.edges.values())
        return dict(c)


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
    """Turn extraction records into the one graph, resolving names to canonical entities."""
    resolver = resolver or Resolver()
    g = Graph()
    for rec in records:
        _add_record(g, rec, resolver)
    return g


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
        if ent.external_id:
            node_props["pwc_id"] = ent.external_id
        g.add_node(Node(ent.id, label, node_props))
        return ent.id

    method_ids: dict[str, str] = {}
    for rel, items in (("PROPOSES", rec.proposed), ("USES", rec.methods)):
        for it in items:
            mid = entity("Method", it.name, it.long, it.aliases)
            for n in (it.name, it.long, *it.aliases):
                if n:
                    method_ids.setdefault(n, mid)
            g.add_edge(Edge(pid, rel, mid, _provenance(rec.id, it.mentions, it.confidence)))
    dataset_ids: dict[str, str] = {}
    for it in rec.datasets:
        did = entity("Dataset", it.name, it.long, it.aliases)
        for n in (it.name, it.long, *it.aliases):
            if n:
                dataset_ids.setdefault(n, did)
        rel = "INTRODUCES" if it.introduced else "EVALUATED_ON"
        g.add_edge(Edge(pid, rel, did, _provenance(rec.id, it.mentions, it.confidence)))
    for it in rec.tasks:
        tid = entity("Task", it.name)
        g.add_edge(Edge(pid, "ADDRESSES", tid, _provenance(rec.id, it.mentions, it.confidence)))
    metric_ids: dict[str, str] = {}
    for it in rec.metrics:
        xid = entity("Metric", it.name)
        metric_ids[it.name] = xid
        g.add_edge(Edge(pid, "MEASURES", xid, _provenance(rec.id, it.mentions, it.confidence)))

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
            mid = method_ids.get(r.method) or entity("Method", r.method)
            g.add_edge(Edge(rid, "FOR_METHOD", mid, prov))
        if r.dataset:
            did = dataset_ids.get(r.dataset) or entity("Dataset", r.dataset)
            g.add_edge(Edge(rid, "ON_DATASET", did, prov))
        if r.metric:
            xid = metric_ids.get(r.metric) or entity("Metric", r.metric)
            g.add_edge(Edge(rid, "BY_METRIC", xid, prov))

    for c in rec.outperforms:
        win = method_ids.get(c.winner) or entity("Method", c.winner)
        lose = method_ids.get(c.loser) or entity("Method", c.loser)
        if win != lose:
            g.add_edge(
                Edge(win, "OUTPERFORMS", lose, _provenance(rec.id, c.mentions, c.confidence))
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
