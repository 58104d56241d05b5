"""Triples JSONL: a plain, line-per-fact view of a :class:`kg.graph.Graph`.

Two kinds of line, nodes first, in graph order:

* node attribute: ``{"subject": id, "predicate": attr, "object": value}`` where ``attr`` is
  ``"type"`` (the node label) or one of :data:`NODE_ATTRIBUTES` for that label
  (``title`` for papers, ``name`` for methods, datasets, tasks and metrics, ...);
* edge: ``{"subject": id, "predicate": TYPE, "object": id, "provenance": {...}}`` with all of
  ``paper, field, start, end, sentence, extractor, confidence`` (``null`` when unknown) and,
  when the edge has other properties (``url`` of HAS_CODE, ``kind`` of LINKS_TO), an
  ``"attributes"`` object holding them.

Edge lines are told apart by their ``provenance`` key; edge predicates are the upper-case
relationship types, attribute predicates lower-case.

Example::

    >>> from kg.graph import Edge, Graph, Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("paper/p1", "Paper", {"title": "T", "abstract": "A"}))
    >>> _ = g.add_node(Node("method/x", "Method", {"name": "X"}))
    >>> g.add_edge(Edge("paper/p1", "PROPOSES", "method/x", {"paper": "p1", "confidence": 0.9}))
    >>> [(d["subject"], d["predicate"], d["object"]) for d in triple_dicts(g)][-1]
    ('paper/p1', 'PROPOSES', 'method/x')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.graph import Edge, Graph, Node

PROVENANCE_KEYS = ("paper", "field", "start", "end", "sentence", "extractor", "confidence")

#: The node attributes written (besides ``type``), per label.
NODE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "Paper": ("title", "year", "url"),
    "Method": ("name", "long"),
    "Dataset": ("name", "long", "pwc_id"),
    "Task": ("name",),
    "Metric": ("name",),
    "Result": ("value",),
    "Repository": ("url",),
    "Link": ("url", "kind"),
}


def node_dicts(node: Node) -> Iterator[dict[str, Any]]:
    yield {"subject": node.id, "predicate": "type", "object": node.label}
    for attr in NODE_ATTRIBUTES.get(node.label, ()):
        value = node.props.get(attr)
        if value is not None:
            yield {"subject": node.id, "predicate": attr, "object": value}


def edge_dict(edge: Edge) -> dict[str, Any]:
    d: dict[str, Any] = {
        "subject": edge.source,
        "predicate": edge.type,
        "object": edge.target,
        "provenance": {k: edge.props.get(k) for k in PROVENANCE_KEYS},
    }
    extra = {k: v for k, v in edge.props.items() if k not in PROVENANCE_KEYS}
    if extra:
        d["attributes"] = extra
    return d


def triple_dicts(graph: Graph) -> Iterator[dict[str, Any]]:
    """Every line of the JSONL view, as dicts: node attributes first, then edges."""
    for node in graph.nodes.values():
        yield from node_dicts(node)
    for edge in graph.edges.values():
        yield edge_dict(edge)


def dumps_line(d: dict[str, Any]) -> str:
    """One JSONL line: UTF-8 JSON, with U+2028 / U+2029 escaped so no tool splits the line."""
    text = json.dumps(d, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def write_triples(graph: Graph, path: str | Path) -> int:
    """Write the triples JSONL of ``graph`` to ``path``; return the number of lines."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for d in triple_dicts(graph):
            f.write(dumps_line(d))
            n += 1
    return n


def iter_triples_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """The line dicts of a triples JSONL file (blank lines skipped)."""
    with Path(path).open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: not JSON: {e}") from None
            if not isinstance(d, dict) or not {"subject", "predicate", "object"} <= d.keys():
                raise ValueError(f"{path}:{lineno}: expected subject, predicate and object")
            yield d


def read_triples(path: str | Path) -> Graph:
    """Rebuild a :class:`Graph` from triples JSONL.

    The result has every node with its label and the :data:`NODE_ATTRIBUTES` written, and
    every edge with all its properties; other node properties (abstract, aliases, ...) are not
    in the file and so not restored.
    """
    g = Graph()
    pending: list[dict[str, Any]] = []
    for d in iter_triples_jsonl(path):
        if "provenance" in d:
            props = {k: v for k, v in (d.get("provenance") or {}).items() if v is not None}
            props.update(d.get("attributes") or {})
            g.add_edge(Edge(d["subject"], d["predicate"], d["object"], props))
        elif d["predicate"] == "type":
            g.add_node(Node(d["subject"], d["object"], {}))
        else:
            pending.append(d)
    for d in pending:
        node = g.nodes.get(d["subject"])
        if node is None:
            raise ValueError(f"attribute {d['predicate']!r} of {d['subject']!r}: no type line")
        node.props[d["predicate"]] = d["object"]
    return g
