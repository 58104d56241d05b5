"""Identity across Neo4j loads, against a real server (``neo4j_empty`` in conftest.py).

The database after any sequence of loads must equal one load of the whole graph of the papers
loaded so far -- same node and relationship counts, same ids, same properties -- and equal
the in-memory graph of those papers: loads in halves, in either order, repeated loads, a
paper coming back with a changed abstract, short names whose senses change across loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_resolve import MCL_A, MCL_B, mcl, paper

from kg.build import build, read_records
from kg.evaluate import shared_dir
from kg.graph import Graph, build_graph
from kg.model import EntityItem, Paper, PaperRecord
from kg.resolve import Resolver, sense_signature
from kg.sinks.neo4j import load_graph, run_cypher

pytestmark = pytest.mark.neo4j

SEED = shared_dir() / "data" / "seed_abstracts.txt"
State = tuple[
    dict[str, tuple[str, dict[str, Any]]], dict[tuple[str, str, str, str], dict[str, Any]]
]


def db_state(uri: str) -> State:
    """Every node (id -> label, properties) and relationship (key -> properties)."""
    nodes = {
        r["id"]: (r["label"], {k: v for k, v in r["props"].items() if k != "id"})
        for r in run_cypher(
            "MATCH (n) RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props",
            uri=uri,
        )
    }
    rels = {}
    for r in run_cypher(
        "MATCH (a)-[r]->(b) RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS props",
        uri=uri,
    ):
        key = (r["s"], r["t"], r["o"], str(r["props"].get("paper", "")))
        assert key not in rels, f"two relationships {key}"
        rels[key] = r["props"]
    return nodes, rels


def graph_state(g: Graph) -> State:
    """What a load of ``g`` into an empty database holds (None values are not stored)."""
    nodes = {
        i: (n.label, {k: v for k, v in n.props.items() if v is not None})
        for i, n in g.nodes.items()
    }
    rels = {k: {p: v for p, v in e.props.items() if v is not None} for k, e in g.edges.items()}
    return nodes, rels


def wipe(uri: str) -> None:
    run_cypher("MATCH (n) DETACH DELETE n", uri=uri)


def counts(state: State) -> tuple[int, int]:
    return len(state[0]), len(state[1])


@pytest.fixture(scope="module")
def seed_records() -> list[PaperRecord]:
    from kg.extract.pipeline import extract
    from kg.sources import read_papers

    return list(extract(p for p in read_papers([SEED]) if isinstance(p, Paper)))


# ----------------------------------------------------------------------- halves = whole


def test_seed_graph_in_two_halves_equals_one_whole_load(
    neo4j_empty: str, seed_records: list[PaperRecord]
) -> None:
    uri = neo4j_empty
    whole = build_graph(seed_records)
    load_graph(whole, uri)
    once = db_state(uri)
    assert once == graph_state(whole)
    assert counts(once) == (len(whole.nodes), len(whole.edges))

    first, second = seed_records[::2], seed_records[1::2]
    for halves in ((first, second), (second, first)):
        wipe(uri)
        for half in halves:
            load_graph(build_graph(half), uri)
        split = db_state(uri)
        assert counts(split) == counts(once)
        assert set(split[0]) == set(once[0])  # the same ids
        assert split == once  # and the same properties, names, aliases, evidence


def test_senses_are_settled_across_loads(neo4j_empty: str) -> None:
    """p1 alone gives MCL one sense (the plain id); p2 brings another: p1's facts move to
    their sense node; p3 and two more papers of p1's sense make it dominant again."""
    uri = neo4j_empty
    r = Resolver(use_gazetteer=False)
    recs = [
        mcl("p1", MCL_A),
        mcl("p2", MCL_B),
        mcl("p3", None, "methods"),
        mcl("p4", MCL_A),
        mcl("p5", MCL_A),
        mcl("p6", MCL_A),
    ]
    qa = "method/mcl--" + sense_signature(MCL_A)
    load_graph(build_graph(recs[:1], r), uri)
    assert {x["id"] for x in run_cypher("MATCH (m:Method) RETURN m.id AS id", uri=uri)} == {
        "method/mcl",
        "method/electra",
    }
    load_graph(build_graph(recs[1:3], r), uri)
    state = db_state(uri)
    assert state == graph_state(build_graph(recs[:3], r))
    assert qa in state[0] and state[0]["method/mcl"][1]["ambiguous_short"] is True
    load_graph(build_graph(recs[3:], r), uri)
    state = db_state(uri)
    assert state == graph_state(build_graph(recs, r))
    assert qa not in state[0]  # 4 papers against 1: the plain id is p1's sense again
    assert state[0]["method/mcl"][1]["long"] == MCL_A
    # Reloading p2 without its long form removes the second sense altogether.
    recs[1] = mcl("p2", None, "methods")
    load_graph(build_graph(recs[1:2], r), uri)
    state = db_state(uri)
    assert state == graph_state(build_graph(recs, r))
    assert "ambiguous_short" not in state[0]["method/mcl"][1]
    assert not [i for i in state[0] if i.startswith("method/mcl--")]


def test_preferred_name_and_aliases_follow_the_loaded_papers(neo4j_empty: str) -> None:
    uri = neo4j_empty
    r = Resolver(use_gazetteer=False)
    recs = [
        paper("p1", methods=[EntityItem("Bert")]),
        paper("p2", methods=[EntityItem("BERT")]),
        paper("p3", methods=[EntityItem("BERT", aliases=["BERT-base"])]),
    ]
    load_graph(build_graph(recs[:1], r), uri)
    assert db_state(uri)[0]["method/bert"][1]["name"] == "Bert"
    load_graph(build_graph(recs[1:], r), uri)
    bert = db_state(uri)[0]["method/bert"][1]
    assert (bert["name"], bert["aliases"]) == ("BERT", ["BERT-base", "Bert"])
    # p3 comes again without its alias: the alias goes (it was p3's word only).
    load_graph(build_graph([paper("p3", methods=[EntityItem("BERT")])], r), uri)
    assert db_state(uri)[0]["method/bert"][1]["aliases"] == ["Bert"]


# ------------------------------------------------------------------ kg build, end to end


def write_jsonl(path: Path, records: list[PaperRecord]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            p = rec.paper
            assert p is not None
            fh.write(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) + "\n")
    return path


def test_build_a_then_b_links_b_to_a(
    neo4j_empty: str, seed_records: list[PaperRecord], tmp_path: Path
) -> None:
    uri = neo4j_empty
    a = write_jsonl(tmp_path / "a.jsonl", seed_records[:32])
    b = write_jsonl(tmp_path / "b.jsonl", seed_records[32:])
    build([a], tmp_path / "out_a", neo4j_uri=uri, progress=False)
    after_a = db_state(uri)
    build([b], tmp_path / "out_b", neo4j_uri=uri, progress=False)
    after_ab = db_state(uri)
    # The database is the graph of A and B built together.
    records = [
        *read_records(tmp_path / "out_a" / "records.jsonl"),
        *read_records(tmp_path / "out_b" / "records.jsonl"),
    ]
    assert after_ab == graph_state(build_graph(records))
    # B's mentions reached A's nodes: entity nodes with papers from both files.
    a_ids = {f"paper/{r.id}" for r in seed_records[:32]}
    shared = run_cypher(
        "MATCH (pa:Paper)-[]->(e)<-[]-(pb:Paper) WHERE pa.id IN $a AND NOT pb.id IN $a "
        "AND (e:Method OR e:Dataset OR e:Task OR e:Metric) RETURN DISTINCT e.id AS id",
        {"a": sorted(a_ids)},
        uri=uri,
    )
    assert shared, "no entity of A is mentioned by B"
    assert {r["id"] for r in shared} <= set(after_a[0])  # nodes A created, now B's too

    # The same input again changes no count and no id.
    build([b], tmp_path / "out_b2", neo4j_uri=uri, progress=False)
    assert db_state(uri) == after_ab


def test_changed_abstract_replaces_the_papers_facts_end_to_end(
    neo4j_empty: str, seed_records: list[PaperRecord], tmp_path: Path
) -> None:
    uri = neo4j_empty
    recs = seed_records[:16]
    first = write_jsonl(tmp_path / "v1.jsonl", recs)
    build([first], tmp_path / "v1", neo4j_uri=uri, progress=False)
    # Pick a paper that mentions entities, and cut its abstract to a sentence naming none.
    victim = next(r for r in recs if r.methods or r.proposed or r.datasets)
    before = run_cypher(
        "MATCH (:Paper {id: $p})-[r]->(e) RETURN count(r) AS n",
        {"p": f"paper/{victim.id}"},
        uri=uri,
    )[0]["n"]
    assert before > 0
    changed = [
        PaperRecord(r.id, r.title, paper=Paper(r.id, r.title, "We report nothing here."))
        if r.id == victim.id
        else r
        for r in recs
    ]
    second = write_jsonl(tmp_path / "v2.jsonl", changed)
    build([second], tmp_path / "v2", neo4j_uri=uri, progress=False)
    state = db_state(uri)
    assert state[0][f"paper/{victim.id}"][1]["abstract"] == "We report nothing here."
    # Only what the new abstract says is left of the paper's facts ...
    new_records = list(read_records(tmp_path / "v2" / "records.jsonl"))
    assert state == graph_state(build_graph(new_records))
    left = [k for k in state[1] if k[3] == victim.id]
    new_victim = next(r for r in new_records if r.id == victim.id)
    assert len(left) < before or not (new_victim.methods or new_victim.datasets)
    # ... and a fresh load of the new version gives the same database.
    wipe(uri)
    build([second], tmp_path / "v3", neo4j_uri=uri, progress=False)
    assert db_state(uri) == state
