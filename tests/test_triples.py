"""Triples JSONL: one line per edge with provenance, one per node attribute; round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_rdf import build, nasty_graph, records  # shared fixtures (tests/ is on sys.path)

from kg.graph import Edge, Node
from kg.graph import Graph as PGraph
from kg.sinks.triples import (
    NODE_ATTRIBUTES,
    PROVENANCE_KEYS,
    iter_triples_jsonl,
    read_triples,
    write_triples,
)


@pytest.fixture()
def pgraph() -> PGraph:
    return build(records())


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x]


def test_one_line_per_edge_and_node_attribute(pgraph: PGraph, tmp_path: Path) -> None:
    path = tmp_path / "triples.jsonl"
    n = write_triples(pgraph, path)
    rows = lines(path)
    assert n == len(rows)
    edges = [r for r in rows if "provenance" in r]
    attrs = [r for r in rows if "provenance" not in r]
    assert len(edges) == len(pgraph.edges)
    expected_attrs = sum(
        1 + sum(1 for a in NODE_ATTRIBUTES[node.label] if node.props.get(a) is not None)
        for node in pgraph.nodes.values()
    )
    assert len(attrs) == expected_attrs
    assert {(r["subject"], r["object"]) for r in attrs if r["predicate"] == "type"} == {
        (node.id, node.label) for node in pgraph.nodes.values()
    }
    for r in edges:
        assert list(r["provenance"]) == list(PROVENANCE_KEYS)


def test_edge_line_content(pgraph: PGraph, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    write_triples(pgraph, path)
    rows = lines(path)
    names = {r["subject"]: r["object"] for r in rows if r["predicate"] == "name"}
    [win] = [r for r in rows if r["predicate"] == "OUTPERFORMS" and names[r["subject"]] == "MCL"]
    assert names[win["object"]] == "ELECTRA"
    prov = win["provenance"]
    assert prov["paper"] == "seed-10" and prov["extractor"] == "comparison"
    assert prov["field"] == "abstract" and prov["confidence"] == 0.8
    assert prov["sentence"].startswith("MCL outperforms ELECTRA")
    assert prov["end"] - prov["start"] == len("MCL outperforms ELECTRA")
    titles = {r["subject"]: r["object"] for r in rows if r["predicate"] == "title"}
    assert titles["paper/seed-11"].startswith("Mugs:")
    [code] = [r for r in rows if r["predicate"] == "HAS_CODE"]
    assert code["attributes"] == {"url": "https://github.com/ZhengPeng7/GCoNet_plus"}
    values = [r["object"] for r in rows if r["predicate"] == "value"]
    assert values == ["82.1%"]


def test_round_trip(pgraph: PGraph, tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    write_triples(pgraph, first)
    back = read_triples(first)
    assert {k: e.props for k, e in back.edges.items()} == {
        k: e.props for k, e in pgraph.edges.items()
    }
    assert {i: n.label for i, n in back.nodes.items()} == {
        i: n.label for i, n in pgraph.nodes.items()
    }
    for node in pgraph.nodes.values():
        kept = {a: node.props[a] for a in NODE_ATTRIBUTES[node.label] if a in node.props}
        assert back.nodes[node.id].props == kept
    second = tmp_path / "b.jsonl"
    write_triples(back, second)
    assert second.read_bytes() == first.read_bytes()


def test_nasty_strings_stay_one_line_each(tmp_path: Path) -> None:
    g = nasty_graph()
    g.add_node(Node("task/x", "Task", {"name": "line\u2028sep\u2029para\r\n\x0b"}))
    g.add_edge(Edge("paper/p 1", "ADDRESSES", "task/x", {"paper": "p 1", "confidence": 1.0}))
    path = tmp_path / "n.jsonl"
    n = write_triples(g, path)
    raw = path.read_text(encoding="utf-8")
    assert raw.count("\n") == n and "\u2028" not in raw
    assert len(raw.splitlines()) == n  # even str.splitlines sees one line per record
    back = read_triples(path)
    assert back.nodes["task/x"].props["name"] == "line\u2028sep\u2029para\r\n\x0b"
    assert {k: e.props for k, e in back.edges.items()} == {k: e.props for k, e in g.edges.items()}


def test_reader_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"subject": "a", "predicate": "type", "object": "Task"}\n\n{oops\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:3"):
        list(iter_triples_jsonl(path))
    path.write_text('{"subject": "a", "predicate": "name", "object": "X"}\n')
    with pytest.raises(ValueError, match="no type line"):
        read_triples(path)
