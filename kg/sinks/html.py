"""A single self-contained interactive HTML view of the one :class:`~kg.graph.Graph`.

The page needs no network: the viewer's own script and style (``html_assets/``) are inlined,
the graph is embedded as JSON in a ``<script type="application/json">`` block, and a
Content-Security-Policy forbids every fetch. All text reaches the DOM through ``textContent``.

Large graphs: only the ``max_nodes`` best-connected nodes (by degree in the whole graph) are
drawn, and the page says so. Degrees, evidence and links of the drawn nodes still come from the
whole graph.

Example::

    >>> from kg.graph import Graph, Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("method/x", "Method", {"name": "X</script>"}))
    >>> data = view_data(g)
    >>> data["total_nodes"], data["nodes"][0]["n"]
    (1, 'X</script>')
    >>> "</script>" in embed_json(data)
    False
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from kg.graph import NODE_LABELS, Edge, Graph, Node
from kg.sinks.netx import display_name

EVIDENCE_PER_NODE = 40
LINKS_PER_NODE = 20

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

# Properties shown elsewhere in the panel (or internal), not in its property table.
_HIDDEN_PROPS = frozenset({"name", "aliases", "key"})

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
{css}
</style>
</head>
<body>
<header id="top">
  <h1>{title}</h1>
  <input id="search" type="search" placeholder="Search names and aliases (e.g. ELECTRA)"
         autocomplete="off" spellcheck="false" aria-label="Search nodes">
  <span id="count" aria-live="polite"></span>
  <span id="notice" hidden></span>
</header>
<div id="layout">
  <nav id="side">
    <section>
      <h2>Types</h2>
      <div id="filters"></div>
    </section>
    <section>
      <h2>Matches <span id="match-count"></span></h2>
      <ul id="results"></ul>
    </section>
  </nav>
  <main id="stage">
    <canvas id="canvas" aria-label="Graph drawing"></canvas>
    <div id="tooltip" hidden></div>
    <div id="hint">Scroll to zoom, drag to pan or move a node, click a node for details.</div>
  </main>
  <aside id="panel" aria-live="polite">
    <p class="empty">Click a node or a match to see its details and evidence.</p>
  </aside>
</div>
<script type="application/json" id="kg-data">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""


def _asset(name: str) -> str:
    return resources.files("kg.sinks").joinpath("html_assets", name).read_text(encoding="utf-8")


def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def _html_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _panel_props(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.props.items():
        if key in _HIDDEN_PROPS or value in (None, "", []):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[key] = value
    return out


def _links(graph: Graph, node: Node, items: list[tuple[str, Edge]]) -> list[dict[str, str]]:
    """The node's own url, then the urls of its Repository / Link neighbours."""
    links: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(url: Any, kind: Any) -> None:
        if isinstance(url, str) and url and url not in seen and len(links) < LINKS_PER_NODE:
            seen.add(url)
            links.append({"u": url, "k": str(kind or "")})

    add(node.props.get("url"), node.props.get("kind") or node.label.lower())
    for direction, edge in items:
        other = graph.nodes.get(edge.target if direction == "out" else edge.source)
        if other is not None and other.label in ("Repository", "Link"):
            add(other.props.get("url"), other.props.get("kind") or "code")
    return links


def view_data(graph: Graph, max_nodes: int = 1500) -> dict[str, Any]:
    """The JSON the page embeds: the drawn nodes, edges among them, evidence and links."""
    degree: dict[str, int] = defaultdict(int)
    incident: dict[str, list[tuple[str, Edge]]] = defaultdict(list)
    for edge in graph.edges.values():
        degree[edge.source] += 1
        degree[edge.target] += 1
        incident[edge.source].append(("out", edge))
        incident[edge.target].append(("in", edge))

    label_order = {label: i for i, label in enumerate(NODE_LABELS)}
    ranked = sorted(
        graph.nodes.values(),
        key=lambda n: (-degree[n.id], label_order.get(n.label, 99), n.id),
    )
    max_nodes = max(0, int(max_nodes))
    shown = ranked[:max_nodes]
    index = {n.id: i for i, n in enumerate(shown)}

    types = [t for t in NODE_LABELS if any(n.label == t for n in graph.nodes.values())]
    types += sorted({n.label for n in graph.nodes.values()} - set(types))
    edge_types: list[str] = []
    edge_type_index: dict[str, int] = {}

    def etype(name: str) -> int:
        if name not in edge_type_index:
            edge_type_index[name] = len(edge_types)
            edge_types.append(name)
        return edge_type_index[name]

    sentences: list[str] = []
    sentence_index: dict[str, int] = {}

    def sentence(text: str) -> int:
        if text not in sentence_index:
            sentence_index[text] = len(sentences)
            sentences.append(text)
        return sentence_index[text]

    nodes: list[dict[str, Any]] = []
    for node in shown:
        evidence: list[dict[str, Any]] = []
        items = sorted(
            incident.get(node.id, []),
            key=lambda pair: (-float(pair[1].props.get("confidence") or 0), pair[1].key),
        )
        n_evidence = 0
        for direction, edge in items:
            other_id = edge.target if direction == "out" else edge.source
            other = graph.nodes.get(other_id)
            text = edge.props.get("sentence")
            if not text:
                continue
            n_evidence += 1
            if len(evidence) >= EVIDENCE_PER_NODE:
                continue
            evidence.append(
                {
                    "r": etype(edge.type),
                    "o": display_name(other) if other is not None else other_id,
                    "oi": index.get(other_id, -1),
                    "out": direction == "out",
                    "s": sentence(str(text)),
                    "p": str(edge.props.get("paper", "")),
                    "f": str(edge.props.get("field", "")),
                }
            )
        entry: dict[str, Any] = {
            "id": node.id,
            "t": node.label,
            "n": display_name(node),
            "d": degree[node.id],
            "p": _panel_props(node),
            "ev": evidence,
            "ne": n_evidence,
            "ln": _links(graph, node, items),
        }
        aliases = node.props.get("aliases")
        if aliases:
            entry["a"] = [str(a) for a in aliases]
        nodes.append(entry)

    edges = [
        [index[e.source], index[e.target], etype(e.type)]
        for e in graph.edges.values()
        if e.source in index and e.target in index
    ]
    return {
        "total_nodes": len(graph.nodes),
        "total_edges": len(graph.edges),
        "max_nodes": max_nodes,
        "truncated": len(graph.nodes) > len(shown),
        "types": types,
        "type_totals": {t: sum(1 for n in graph.nodes.values() if n.label == t) for t in types},
        "edge_types": edge_types,
        "sentences": sentences,
        "nodes": nodes,
        "edges": edges,
    }


def render_html(graph: Graph, max_nodes: int = 1500, title: str = "Knowledge graph") -> str:
    js = _asset("viewer.js")
    css = _asset("viewer.css")
    if "</script" in js.lower() or "</style" in css.lower():
        raise ValueError("viewer assets must not contain a closing script/style tag")
    return _PAGE.format(
        csp=CSP,
        title=_html_escape(title),
        css=css,
        js=js,
        data=embed_json(view_data(graph, max_nodes)),
    )


def write_html(
    graph: Graph, path: str | Path, max_nodes: int = 1500, title: str = "Knowledge graph"
) -> Path:
    """Write the interactive page to ``path`` (parent directories are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, max_nodes, title), encoding="utf-8")
    return path
