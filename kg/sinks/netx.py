"""NetworkX view of the one :class:`~kg.graph.Graph`, and GraphML / GEXF / Cytoscape JSON files.

Every export is a view: one networkx node per graph node, one networkx edge per graph edge,
attributes copied (lists joined with ``"|"`` because GraphML and GEXF only store scalars).

Node attributes: ``type`` (the label), ``label`` (display name: name, title, value or url),
``aliases`` (``"|"``-joined) and every other scalar property. A property whose name would clash
with those (``id``, ``type``, ``label``) is kept as ``prop_<name>``.

Edge attributes: ``type`` plus the provenance properties. The edge key is the relationship type;
the rare second edge with the same (source, type, target), made by another paper (e.g. two
papers both claiming A OUTPERFORMS B), gets the key ``"<type>@<paper>"`` so no edge is lost.

Example::

    >>> from kg.graph import Graph, Node, Edge
    >>> g = Graph()
    >>> _ = g.add_node(Node("paper/p1", "Paper", {"title": "T"}))
    >>> _ = g.add_node(Node("method/x", "Method", {"name": "X", "aliases": ["x1", "x2"]}))
    >>> g.add_edge(Edge("paper/p1", "PROPOSES", "method/x", {"paper": "p1"}))
    >>> G = to_networkx(g)
    >>> G.nodes["method/x"]["aliases"], G.nodes["paper/p1"]["label"]
    ('x1|x2', 'T')
    >>> list(G.edges(keys=True))
    [('paper/p1', 'method/x', 'PROPOSES')]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import Graph, Node

FORMATS = {"graphml": "graph.graphml", "gexf": "graph.gexf", "cyjs": "graph.cyjs"}

_RESERVED_NODE = frozenset({"id", "type", "label"})
# Keys networkx's GEXF writer treats specially (XML attributes, dynamics, viz, and "key",
# which it renames to networkx_key) instead of as plain data.
_GEXF_NODE = frozenset({"id", "label", "key", "pid", "start", "end", "spells", "viz", "parents"})
_GEXF_EDGE = frozenset({"id", "label", "weight", "type", "start", "end", "spells", "viz"})


def display_name(node: Node) -> str:
    """What a person calls the node: name, title, value or url, else its id."""
    for key in ("name", "title", "value", "url"):
        value = node.props.get(key)
        if value not in (None, ""):
            return str(value)
    return node.id


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set)):
        return "|".join(str(v) for v in value)
    return str(value)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` with one node per graph node and one edge per graph edge."""
    G = nx.MultiDiGraph()
    for node in graph.nodes.values():
        attrs: dict[str, Any] = {"type": node.label, "label": display_name(node)}
        for key, value in node.props.items():
            v = _scalar(value)
            if v is None:
                continue
            attrs[f"prop_{key}" if key in _RESERVED_NODE else key] = v
        G.add_node(node.id, **attrs)
    for edge in graph.edges.values():
        attrs = {"type": edge.type}
        for key, value in edge.props.items():
            v = _scalar(value)
            if v is None:
                continue
            attrs[f"prop_{key}" if key == "type" else key] = v
        for n in (edge.source, edge.target):
            if n not in G:  # dangling edge: keep it, with a bare node
                G.add_node(n, type="", label=n)
        key = edge.type
        if G.has_edge(edge.source, edge.target, key):
            key = f"{edge.type}@{edge.props.get('paper', '')}"
            i = 2
            while G.has_edge(edge.source, edge.target, key):
                key = f"{edge.type}@{edge.props.get('paper', '')}#{i}"
                i += 1
        G.add_edge(edge.source, edge.target, key=key, **attrs)
    return G


def write_graphml(graph: Graph, path: str | Path) -> Path:
    path = Path(path)
    nx.write_graphml(to_networkx(graph), path, encoding="utf-8")
    return path


def _gexf_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Rename the attributes networkx's GEXF writer would turn into XML attributes.

    Node ``label`` stays (it is the GEXF label); an edge's ``type`` becomes its GEXF label and
    the ``relation`` attribute; provenance ``start`` / ``end`` become ``span_start`` /
    ``span_end`` (GEXF reads ``start`` / ``end`` as time)."""
    H = nx.MultiDiGraph()
    for n, data in G.nodes(data=True):
        attrs = {}
        for name, value in data.items():
            if name in ("start", "end"):
                attrs[f"span_{name}"] = value
            elif name in _GEXF_NODE and name != "label":
                attrs[f"prop_{name}"] = value
            else:
                attrs[name] = value
        H.add_node(n, **attrs)
    for u, v, k, data in G.edges(keys=True, data=True):
        attrs = {}
        for name, value in data.items():
            if name == "type":
                attrs["label"] = value
                attrs["relation"] = value
            elif name in ("start", "end"):
                attrs[f"span_{name}"] = value
            elif name in _GEXF_EDGE:
                attrs[f"prop_{name}"] = value
            else:
                attrs[name] = value
        H.add_edge(u, v, key=k, **attrs)
    return H


def write_gexf(graph: Graph, path: str | Path) -> Path:
    path = Path(path)
    nx.write_gexf(_gexf_view(to_networkx(graph)), path, encoding="utf-8")
    return path


def cytoscape_json(graph: Graph) -> dict[str, Any]:
    """Cytoscape JSON (``elements.nodes[].data.id``, ``elements.edges[].data.source/target``).

    Also readable by ``networkx.cytoscape_graph`` (nodes carry ``value`` = id and ``name`` =
    display name; edges carry ``key``)."""
    G = to_networkx(graph)
    nodes = []
    for n, data in G.nodes(data=True):
        d = dict(data)
        d.update(id=n, value=n, name=data.get("label", n))
        nodes.append({"data": d})
    edges = []
    for i, (u, v, k, data) in enumerate(G.edges(keys=True, data=True)):
        d = dict(data)
        d.update(id=f"e{i}", source=u, target=v, key=k)
        edges.append({"data": d})
    return {
        "data": {"name": "kg"},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cyjs(graph: Graph, path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        json.dump(cytoscape_json(graph), fh, ensure_ascii=False)
    return path


def export(graph: Graph, fmt: str, out_dir: str | Path) -> Path:
    """Write ``out_dir/graph.<fmt>`` for ``fmt`` in graphml, gexf, cyjs; return the path."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / FORMATS[fmt]
    writer = {"graphml": write_graphml, "gexf": write_gexf, "cyjs": write_cyjs}[fmt]
    return writer(graph, path)
