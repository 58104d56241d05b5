"""NetworkX view, GraphML / GEXF / Cytoscape JSON exports and graph statistics."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import Graph, build_graph
from kg.model import (
    ComparisonItem,
    EntityItem,
    Evidence,
    Field,
    LinkItem,
    Paper,
    PaperRecord,
    ResultItem,
)
from kg.resolve import Resolver
from kg.sinks import netx
from kg.stats import format_stats, stats, write_stats


def ev(sentence: str, field: Field = "abstract") -> list[Evidence]:
    return [Evidence(field, 3, 10, sentence[3:10], sentence, "test", 0.9)]


def records() -> list[PaperRecord]:
    electra = PaperRecord(
        id="p1",
        title="ELECTRA: Pre-training Text Encoders as Discriminators",
        proposed=[
            EntityItem(
                "ELECTRA",
                long="Efficiently Learning an Encoder",
                aliases=["ELECTRA-Base"],
                confidence=0.9,
                mentions=ev("We propose ELECTRA, a replaced token detection method."),
            )
        ],
        methods=[EntityItem("BERT", confidence=0.8, mentions=ev("ELECTRA beats BERT on GLUE."))],
        datasets=[EntityItem("GLUE", confidence=0.8, mentions=ev("ELECTRA beats BERT on GLUE."))],
        tasks=[EntityItem("language understanding", mentions=ev("We study NLU."))],
        metrics=[EntityItem("accuracy")],
        results=[
            ResultItem("89.4", "ELECTRA", "GLUE", "accuracy", 0.7, ev("It reaches 89.4 on GLUE."))
        ],
        outperforms=[ComparisonItem("ELECTRA", "BERT", 0.8, ev("ELECTRA beats BERT on GLUE."))],
        links=[
            LinkItem("https://github.com/google/electra", "code", 0.9, ev("Code: see github.")),
            LinkItem("https://example.org/electra", "project", 0.6, ev("Project page online.")),
        ],
        code_available=True,
        paper=Paper(
            "p1",
            "ELECTRA: Pre-training Text Encoders as Discriminators",
            "We propose ELECTRA & more <b>bold</b> claims.",
            year=2020,
            # Input fields whose names clash with export attribute names.
            extra={"type": "journal", "label": "x", "id": "ignored", "start": 5},
        ),
    )
    # A second paper repeating the same OUTPERFORMS claim: the same (source, type, target).
    roberta = PaperRecord(
        id="p2",
        title="RoBERTa",
        proposed=[EntityItem("RoBERTa", confidence=0.9, mentions=ev("We present RoBERTa."))],
        methods=[EntityItem("BERT", confidence=0.8, mentions=ev("We revisit BERT."))],
        datasets=[EntityItem("GLUE", confidence=0.8, mentions=ev("Results on GLUE."))],
        outperforms=[ComparisonItem("ELECTRA", "BERT", 0.7, ev("ELECTRA also beats BERT."))],
        paper=Paper("p2", "RoBERTa", "We present RoBERTa."),
    )
    third = PaperRecord(
        id="p3",
        title="A study",
        methods=[EntityItem("BERT", confidence=0.8, mentions=ev("We fine-tune BERT."))],
        datasets=[
            EntityItem("GLUE", confidence=0.8, mentions=ev("On GLUE.")),
            EntityItem("SQuAD", confidence=0.8, mentions=ev("On SQuAD.")),
        ],
        paper=Paper("p3", "A study", "We fine-tune BERT on GLUE and SQuAD."),
    )
    return [electra, roberta, third]


@pytest.fixture()
def graph() -> Graph:
    return build_graph(records(), Resolver(use_gazetteer=False))


def test_to_networkx_is_a_view(graph: Graph) -> None:
    G = netx.to_networkx(graph)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == len(graph.nodes)
    assert G.number_of_edges() == len(graph.edges)
    electra = G.nodes["method/electra"]
    assert electra["type"] == "Method"
    assert electra["label"] == "ELECTRA"
    assert electra["aliases"] == "Efficiently Learning an Encoder|ELECTRA-Base"
    paper = G.nodes["paper/p1"]
    assert paper["label"] == "ELECTRA: Pre-training Text Encoders as Discriminators"
    assert paper["type"] == "Paper" and paper["prop_type"] == "journal"
    assert paper["prop_label"] == "x" and paper["prop_id"] == "ignored"
    for n, data in G.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), n
    data = G.get_edge_data("paper/p1", "method/electra", key="PROPOSES")
    assert data["type"] == "PROPOSES"
    assert data["sentence"] == "We propose ELECTRA, a replaced token detection method."
    assert (data["paper"], data["field"], data["start"], data["end"]) == ("p1", "abstract", 3, 10)
    # Two papers making the same claim stay two edges, each with its own evidence.
    claims = G.get_edge_data("method/electra", "method/bert")
    assert set(claims) == {"OUTPERFORMS", "OUTPERFORMS@p2"}
    assert claims["OUTPERFORMS@p2"]["sentence"] == "ELECTRA also beats BERT."


def test_graphml_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = netx.write_graphml(graph, tmp_path / "g.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.number_of_nodes() == len(graph.nodes)
    assert H.number_of_edges() == len(graph.edges)
    assert H.nodes["method/electra"]["aliases"] == "Efficiently Learning an Encoder|ELECTRA-Base"
    assert H.nodes["paper/p1"]["abstract"] == "We propose ELECTRA & more <b>bold</b> claims."
    types = sorted(d["type"] for _, _, d in H.edges(data=True))
    assert types == sorted(e.type for e in graph.edges.values())


def test_gexf_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = netx.write_gexf(graph, tmp_path / "g.gexf")
    text = path.read_text(encoding="utf-8")
    assert 'mode="static"' in text  # provenance start/end must not make a dynamic graph
    H = nx.read_gexf(path)
    assert H.number_of_nodes() == len(graph.nodes)
    assert H.number_of_edges() == len(graph.edges)
    assert H.nodes["method/electra"]["label"] == "ELECTRA"
    assert H.nodes["method/electra"]["type"] == "Method"
    relations = sorted(d["relation"] for _, _, d in H.edges(data=True))
    assert relations == sorted(e.type for e in graph.edges.values())
    proposes = [d for _, _, d in H.edges(data=True) if d["relation"] == "PROPOSES"]
    assert {(d["span_start"], d["span_end"]) for d in proposes} == {(3, 10)}


def test_cytoscape_json(graph: Graph, tmp_path: Path) -> None:
    path = netx.write_cyjs(graph, tmp_path / "g.cyjs")
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == len(graph.nodes) and len(edges) == len(graph.edges)
    ids = {n["data"]["id"] for n in nodes}
    assert ids == set(graph.nodes)
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    names = {n["data"]["id"]: n["data"]["name"] for n in nodes}
    assert names["paper/p3"] == "A study"
    H = nx.cytoscape_graph(data)
    assert H.number_of_nodes() == len(graph.nodes)
    assert H.number_of_edges() == len(graph.edges)


def test_export_writes_named_files(graph: Graph, tmp_path: Path) -> None:
    for fmt, name in (("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("cyjs", "graph.cyjs")):
        path = netx.export(graph, fmt, tmp_path / "out")
        assert path == tmp_path / "out" / name
        assert path.stat().st_size > 0
    with pytest.raises(ValueError, match="unknown export format"):
        netx.export(graph, "dot", tmp_path)


def test_empty_graph_exports(tmp_path: Path) -> None:
    g = Graph()
    for fmt in netx.FORMATS:
        assert netx.export(g, fmt, tmp_path).exists()
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_nodes() == 0


def test_stats_counts_and_top_entities(graph: Graph) -> None:
    d = stats(graph)
    counts = graph.counts()
    assert d["total_nodes"] == len(graph.nodes) and d["total_edges"] == len(graph.edges)
    assert d["nodes"] == {k: counts[k] for k in d["nodes"]}
    assert sum(d["nodes"].values()) == len(graph.nodes)
    assert sum(d["edges"].values()) == len(graph.edges)
    assert d["edges"]["OUTPERFORMS"] == 2
    # GLUE and BERT are in all three papers; SQuAD in one; ELECTRA in p1 and (claimed) p2.
    top_ds = [(r["name"], r["papers"]) for r in d["top_datasets"]]
    assert top_ds == [("GLUE", 3), ("SQuAD", 1)]
    top_m = [(r["name"], r["papers"]) for r in d["top_methods"]]
    assert top_m[:2] == [("BERT", 3), ("ELECTRA", 2)]
    assert ("RoBERTa", 1) in top_m
    deg = d["degree"]
    assert deg["max"] == max(
        sum(1 for e in graph.edges.values() if n in (e.source, e.target)) for n in graph.nodes
    )
    assert sum(deg["histogram"].values()) == len(graph.nodes)
    assert deg["min"] <= deg["median"] <= deg["max"]


def test_stats_top_ten_limit() -> None:
    recs = [
        PaperRecord(
            id=f"p{i}",
            title=f"P{i}",
            datasets=[EntityItem(f"D{j}", mentions=ev("x")) for j in range(i % 15 + 1)],
        )
        for i in range(30)
    ]
    d = stats(build_graph(recs, Resolver(use_gazetteer=False)))
    assert len(d["top_datasets"]) == 10
    papers = [r["papers"] for r in d["top_datasets"]]
    assert papers == sorted(papers, reverse=True) and papers[0] == 30
    assert d["top_methods"] == []


def test_format_and_write_stats(graph: Graph, tmp_path: Path) -> None:
    text = format_stats(stats(graph))
    assert f"{len(graph.nodes)} nodes, {len(graph.edges)} edges" in text
    assert "1. GLUE  3 papers" in text and "1. BERT  3 papers" in text
    pytest.importorskip("matplotlib")
    paths = write_stats(graph, tmp_path / "s")
    assert [p.name for p in paths] == ["stats.json", "stats.png"]
    assert json.loads(paths[0].read_text()) == stats(graph)
    assert paths[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
