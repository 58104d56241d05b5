"""Summary statistics of the one :class:`~kg.graph.Graph`: counts, degrees, top entities.

``stats.png`` needs matplotlib (the optional ``viz`` extra); without it only ``stats.json``
is written and a warning says why.

Example::

    >>> from kg.graph import Graph, Node, Edge
    >>> g = Graph()
    >>> for i in (1, 2):
    ...     _ = g.add_node(Node(f"paper/p{i}", "Paper", {"title": f"T{i}"}))
    ...     g.add_edge(Edge(f"paper/p{i}", "EVALUATED_ON", "dataset/glue", {"paper": f"p{i}"}))
    >>> _ = g.add_node(Node("dataset/glue", "Dataset", {"name": "GLUE"}))
    >>> d = stats(g)
    >>> d["nodes"]["Paper"], d["top_datasets"][0]["name"], d["top_datasets"][0]["papers"]
    (2, 'GLUE', 2)
"""

from __future__ import annotations

import json
import statistics
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from kg.graph import EDGE_TYPES, NODE_LABELS, Graph

TOP_N = 10


def _ordered(counter: Counter[str], order: tuple[str, ...]) -> dict[str, int]:
    out = {k: counter[k] for k in order if counter[k]}
    out.update({k: v for k, v in sorted(counter.items()) if k not in out})
    return out


def _degree_buckets(degrees: list[int]) -> dict[str, int]:
    """Counts of nodes with degree 0, 1, 2-3, 4-7, 8-15, ... (powers of two)."""
    buckets: Counter[int] = Counter()
    for d in degrees:
        buckets[0 if d == 0 else d.bit_length()] += 1
    out: dict[str, int] = {}
    for b in range(max(buckets, default=-1) + 1):
        if b <= 1:
            if b or buckets[0]:
                out[str(b)] = buckets[b]
        else:
            lo, hi = 1 << (b - 1), (1 << b) - 1
            out[f"{lo}-{hi}"] = buckets[b]
    return out


def _percentile(sorted_values: list[int], q: float) -> float:
    if not sorted_values:
        return 0.0
    i = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return float(sorted_values[i])


def stats(graph: Graph) -> dict[str, Any]:
    """Counts per node label and edge type, the degree distribution, and the ten datasets and
    methods connected to the most papers (distinct ``paper`` provenance of their edges)."""
    node_counts: Counter[str] = Counter(n.label for n in graph.nodes.values())
    edge_counts: Counter[str] = Counter(e.type for e in graph.edges.values())

    degree: dict[str, int] = {nid: 0 for nid in graph.nodes}
    papers_of: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges.values():
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
        paper = e.props.get("paper")
        if paper not in (None, ""):
            papers_of[e.source].add(str(paper))
            papers_of[e.target].add(str(paper))

    values = sorted(degree.get(nid, 0) for nid in graph.nodes)
    by_label: dict[str, list[int]] = defaultdict(list)
    for n in graph.nodes.values():
        by_label[n.label].append(degree.get(n.id, 0))
    degree_summary: dict[str, Any] = {
        "min": values[0] if values else 0,
        "max": values[-1] if values else 0,
        "mean": round(statistics.fmean(values), 3) if values else 0.0,
        "median": float(statistics.median(values)) if values else 0.0,
        "p90": _percentile(values, 0.9),
        "isolated": sum(1 for v in values if v == 0),
        "histogram": _degree_buckets(values),
        "mean_by_type": {
            label: round(statistics.fmean(by_label[label]), 3)
            for label in _ordered(node_counts, NODE_LABELS)
        },
    }

    def top(label: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = [
            {
                "id": n.id,
                "name": str(n.props.get("name") or n.id),
                "papers": len(papers_of.get(n.id, ())),
                "degree": degree.get(n.id, 0),
            }
            for n in graph.nodes_by_label(label)
        ]
        rows.sort(key=lambda r: (-r["papers"], -r["degree"], r["name"].casefold(), r["id"]))
        return rows[:TOP_N]

    return {
        "total_nodes": len(graph.nodes),
        "total_edges": len(graph.edges),
        "nodes": _ordered(node_counts, NODE_LABELS),
        "edges": _ordered(edge_counts, EDGE_TYPES),
        "degree": degree_summary,
        "top_datasets": top("Dataset"),
        "top_methods": top("Method"),
    }


def format_stats(d: dict[str, Any]) -> str:
    """A plain-text report of :func:`stats` output."""
    lines = [f"{d['total_nodes']} nodes, {d['total_edges']} edges"]
    width = max((len(k) for k in (*d["nodes"], *d["edges"])), default=0)
    lines.append("Nodes:")
    lines += [f"  {k:<{width}}  {v:>8}" for k, v in d["nodes"].items()]
    lines.append("Edges:")
    lines += [f"  {k:<{width}}  {v:>8}" for k, v in d["edges"].items()]
    deg = d["degree"]
    lines.append(
        f"Degree: min {deg['min']}, median {deg['median']:g}, mean {deg['mean']:g}, "
        f"p90 {deg['p90']:g}, max {deg['max']}, isolated {deg['isolated']}"
    )
    if deg["histogram"]:
        lines.append("  " + ", ".join(f"{k}: {v}" for k, v in deg["histogram"].items()))
    for key, title in (("top_datasets", "Top datasets"), ("top_methods", "Top methods")):
        lines.append(f"{title} (by papers):")
        if not d[key]:
            lines.append("  (none)")
        for i, row in enumerate(d[key], 1):
            lines.append(f"  {i:>2}. {row['name']}  {row['papers']} papers")
    return "\n".join(lines)


def _plot(d: dict[str, Any], path: Path) -> None:
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    fig = Figure(figsize=(14, 9), layout="constrained")
    axes = fig.subplots(2, 3)

    def bars(ax: Any, data: dict[str, int], title: str, color: str, horizontal: bool) -> None:
        labels, values = list(data), list(data.values())
        if horizontal:
            labels, values = labels[::-1], values[::-1]
            ax.barh(range(len(values)), values, color=color)
            ax.set_yticks(range(len(labels)), [str(x)[:32] for x in labels], fontsize=8)
        else:
            ax.bar(range(len(values)), values, color=color)
            ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
        ax.set_title(title, fontsize=10)
        if not values:
            ax.text(0.5, 0.5, "none", ha="center", va="center", transform=ax.transAxes)

    bars(axes[0][0], d["nodes"], "Nodes per type", "#4e79a7", False)
    bars(axes[0][1], d["edges"], "Edges per type", "#f28e2b", False)
    bars(axes[0][2], d["degree"]["histogram"], "Nodes per degree", "#76b7b2", False)
    axes[0][2].set_yscale("symlog")
    bars(
        axes[1][0],
        {r["name"]: r["papers"] for r in d["top_datasets"]},
        "Top datasets (papers)",
        "#59a14f",
        True,
    )
    bars(
        axes[1][1],
        {r["name"]: r["papers"] for r in d["top_methods"]},
        "Top methods (papers)",
        "#f28e2b",
        True,
    )
    bars(axes[1][2], d["degree"]["mean_by_type"], "Mean degree per type", "#b07aa1", False)
    fig.suptitle(f"{d['total_nodes']} nodes, {d['total_edges']} edges")
    fig.savefig(path, dpi=100)


def write_stats(graph: Graph, out_dir: str | Path) -> list[Path]:
    """Write ``stats.json`` and (with matplotlib) ``stats.png`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    d = stats(graph)
    json_path = out / "stats.json"
    json_path.write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written = [json_path]
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        warnings.warn(
            "matplotlib is not installed (optional 'viz' extra): stats.png not written",
            stacklevel=2,
        )
        return written
    png_path = out / "stats.png"
    _plot(d, png_path)
    written.append(png_path)
    return written
