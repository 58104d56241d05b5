"""kg.sinks.neo4j against a real Neo4j 5 (see the ``neo4j_uri`` fixture in conftest.py).

The graphs are built by hand from kg.model records. Paper p1 proposes MCL, uses ELECTRA,
evaluates on GLUE for natural language understanding by accuracy, reports one result, claims
MCL outperforms ELECTRA and links its code: 8 nodes (Paper, 2 Methods, Dataset, Task, Metric,
Result, Repository) and 11 relationships (PROPOSES, USES, EVALUATED_ON, ADDRESSES, MEASURES,
REPORTS, FOR_METHOD, ON_DATASET, BY_METRIC, OUTPERFORMS, HAS_CODE).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from kg.graph import NODE_LABELS, Edge, Graph, Node, build_graph
from kg.model import (
    ComparisonItem,
    EntityItem,
    Evidence,
    LinkItem,
    Paper,
    PaperRecord,
    ResultItem,
)
from kg.resolve import Resolver
from kg.sinks.neo4j import Neo4jSinkError, load_graph, run_cypher, schema_statements

pytestmark = pytest.mark.neo4j

ABSTRACT_V1 = (
    "We propose MCL, a multi-view contrastive learning method for language models. "
    "MCL outperforms ELECTRA on GLUE, reaching 89.1 accuracy on natural language understanding."
)
ABSTRACT_V2 = (
    "We propose MCL, a multi-view contrastive learning method for language models. "
    "MCL outperforms BERT on GLUE, reaching 90.2 accuracy on natural language understanding."
)


def _ev(text: str, needle: str, extractor: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    sentence = next(s for s in text.split(". ") if needle in s)
    return Evidence("abstract", start, start + len(needle), needle, sentence, extractor, 0.9)


def record_p1(abstract: str = ABSTRACT_V1, rival: str = "ELECTRA", value: str = "89.1"):
    return PaperRecord(
        id="p1",
        title="MCL: Multi-view Contrastive Learning",
        proposed=[
            EntityItem(
                "MCL",
                long="Multi-view Contrastive Learning",
                confidence=0.9,
                mentions=[_ev(abstract, "MCL", "proposed_method")],
            )
        ],
        methods=[EntityItem(rival, confidence=0.8, mentions=[_ev(abstract, rival, "methods")])],
        datasets=[EntityItem("GLUE", introduced=False, confidence=0.8)],
        tasks=[EntityItem("natural language understanding", confidence=0.7)],
        metrics=[EntityItem("accuracy", confidence=0.7)],
        results=[
            ResultItem(
                value=value,
                method="MCL",
                dataset="GLUE",
                metric="accuracy",
                confidence=0.6,
                mentions=[_ev(abstract, value, "results")],
            )
        ],
        outperforms=[
            ComparisonItem(
                "MCL", rival, confidence=0.85, mentions=[_ev(abstract, "outperforms", "compare")]
            )
        ],
        links=[LinkItem("https://github.com/someone/MCL.git", "code", confidence=1.0)],
        code_available=True,
        paper=Paper(
            id="p1",
            title="MCL: Multi-view Contrastive Learning",
            abstract=abstract,
            year=2024,
            source="test.jsonl:1",
        ),
    )


def record_p2() -> PaperRecord:
    abstract = "We fine-tune MCL-base on GLUE."
    return PaperRecord(
        id="p2",
        title="Fine-tuning MCL",
        methods=[EntityItem("MCL", aliases=["MCL-base"], confidence=0.7)],
        datasets=[EntityItem("GLUE", confidence=0.7)],
        paper=Paper(id="p2", title="Fine-tuning MCL", abstract=abstract),
    )


def graph_of(*records: PaperRecord) -> Graph:
    return build_graph(records, Resolver(use_gazetteer=False))


def one(uri: str, query: str, **params: Any) -> Any:
    rows = run_cypher(query, params, uri=uri)
    assert len(rows) == 1, rows
    return next(iter(rows[0].values()))


def db_counts(uri: str) -> tuple[int, int]:
    return (
        one(uri, "MATCH (n) RETURN count(n) AS n"),
        one(uri, "MATCH ()-[r]->() RETURN count(r) AS n"),
    )


def test_nodes_and_relationships_with_provenance(neo4j_empty: str) -> None:
    uri = neo4j_empty
    counts = load_graph(graph_of(record_p1()), uri)

    assert counts["papers"] == 1
    assert (counts["nodes"], counts["relationships"]) == (8, 11)
    assert (counts["nodes_created"], counts["relationships_created"]) == (8, 11)
    assert (counts["nodes_deleted"], counts["relationships_deleted"]) == (0, 0)
    assert db_counts(uri) == (8, 11)
    labels = run_cypher(
        "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label", uri=uri
    )
    assert {r["label"]: r["n"] for r in labels} == {
        "Dataset": 1,
        "Method": 2,
        "Metric": 1,
        "Paper": 1,
        "Repository": 1,
        "Result": 1,
        "Task": 1,
    }

    paper = one(uri, "MATCH (p:Paper {id: 'paper/p1'}) RETURN properties(p) AS p")
    assert paper["paper_id"] == "p1"
    assert paper["abstract"] == ABSTRACT_V1
    assert paper["year"] == 2024
    assert paper["code_available"] is True

    # Provenance of the claim: which paper, where in the abstract, by which extractor.
    rel = one(
        uri,
        "MATCH (:Method {id: 'method/mcl'})-[r:OUTPERFORMS]->(:Method {id: 'method/electra'}) "
        "RETURN properties(r) AS r",
    )
    assert rel["paper"] == "p1"
    assert rel["field"] == "abstract"
    assert (rel["start"], rel["end"]) == (82, 93)
    assert ABSTRACT_V1[82:93] == "outperforms"
    assert rel["sentence"].startswith("MCL outperforms ELECTRA on GLUE")
    assert rel["extractor"] == "compare"
    assert rel["confidence"] == 0.85

    proposes = one(
        uri,
        "MATCH (:Paper {id: 'paper/p1'})-[r:PROPOSES]->(m:Method) "
        "RETURN [m.name, m.long, m.aliases, r.start, r.end, r.extractor] AS x",
    )
    assert proposes == [
        "MCL",
        "Multi-view Contrastive Learning",
        ["Multi-view Contrastive Learning"],
        11,
        14,
        "proposed_method",
    ]

    result = one(
        uri,
        "MATCH (:Paper {id: 'paper/p1'})-[:REPORTS]->(r:Result)-[:FOR_METHOD]->(:Method {name: 'MCL'}),"
        " (r)-[:ON_DATASET]->(:Dataset {name: 'GLUE'}), (r)-[:BY_METRIC]->(:Metric {name: 'accuracy'})"
        " RETURN [r.value, r.numeric_value, r.paper] AS x",
    )
    assert result == ["89.1", 89.1, "p1"]

    code = one(
        uri,
        "MATCH (:Paper {id: 'paper/p1'})-[r:HAS_CODE]->(g:Repository) RETURN [g.id, g.url, r.url] AS x",
    )
    assert code == [
        "repo/github.com/someone/mcl",
        "https://github.com/someone/MCL",
        "https://github.com/someone/MCL.git",
    ]


def test_loading_twice_changes_no_counts(neo4j_empty: str) -> None:
    uri = neo4j_empty
    graph = graph_of(record_p1())
    load_graph(graph, uri)
    ids_before = {r["id"] for r in run_cypher("MATCH (n) RETURN n.id AS id", uri=uri)}
    counts = load_graph(graph, uri)

    assert db_counts(uri) == (8, 11)
    assert {r["id"] for r in run_cypher("MATCH (n) RETURN n.id AS id", uri=uri)} == ids_before
    # The paper's 11 facts were replaced: deleted, then written again; only its Result node
    # (a fact of the paper itself) was re-created, every shared node was kept.
    assert counts["relationships_deleted"] == 11
    assert counts["relationships_created"] == 11
    assert (counts["nodes_deleted"], counts["nodes_created"]) == (1, 1)
    # Aliases are unioned, not appended again.
    assert one(uri, "MATCH (m:Method {id: 'method/mcl'}) RETURN m.aliases AS a") == [
        "Multi-view Contrastive Learning"
    ]


def test_changed_record_replaces_the_papers_old_facts(neo4j_empty: str) -> None:
    uri = neo4j_empty
    load_graph(graph_of(record_p1()), uri)
    load_graph(graph_of(record_p1(ABSTRACT_V2, rival="BERT", value="90.2")), uri)

    beaten = run_cypher(
        "MATCH (:Method {id: 'method/mcl'})-[r:OUTPERFORMS]->(m:Method) "
        "RETURN m.name AS name, r.paper AS paper",
        uri=uri,
    )
    assert beaten == [{"name": "BERT", "paper": "p1"}]
    # ELECTRA was only there because of p1's old abstract: gone with it.
    assert one(uri, "MATCH (m:Method {name: 'ELECTRA'}) RETURN count(m) AS n") == 0
    values = run_cypher("MATCH (r:Result) RETURN r.value AS v", uri=uri)
    assert values == [{"v": "90.2"}]
    assert one(uri, "MATCH (p:Paper {id: 'paper/p1'}) RETURN p.abstract AS a") == ABSTRACT_V2
    assert db_counts(uri) == (8, 11)


def test_two_papers_in_two_loads_share_one_method(neo4j_empty: str) -> None:
    uri = neo4j_empty
    load_graph(graph_of(record_p1()), uri)
    counts = load_graph(graph_of(record_p2()), uri)

    # p2 adds its Paper node and two relationships; MCL and GLUE are merged, not duplicated.
    assert (counts["nodes_created"], counts["relationships_created"]) == (1, 2)
    assert counts["relationships_deleted"] == 0
    assert db_counts(uri) == (9, 13)
    assert one(uri, "MATCH (m:Method {name: 'MCL'}) RETURN count(m) AS n") == 1
    links = run_cypher(
        "MATCH (p:Paper)-[r]->(:Method {id: 'method/mcl'}) "
        "RETURN p.id AS paper, type(r) AS type ORDER BY paper",
        uri=uri,
    )
    assert links == [
        {"paper": "paper/p1", "type": "PROPOSES"},
        {"paper": "paper/p2", "type": "USES"},
    ]
    mcl = one(uri, "MATCH (m:Method {id: 'method/mcl'}) RETURN properties(m) AS m")
    # The later load adds its alias and keeps what the first one knew.
    assert mcl["aliases"] == ["Multi-view Contrastive Learning", "MCL-base"]
    assert mcl["long"] == "Multi-view Contrastive Learning"
    # Reloading p1 alone leaves p2's facts alone.
    load_graph(graph_of(record_p1()), uri)
    assert db_counts(uri) == (9, 13)


def test_schema_is_applied(neo4j_empty: str) -> None:
    from neo4j.exceptions import ConstraintError

    uri = neo4j_empty
    assert run_cypher("SHOW CONSTRAINTS YIELD name RETURN name", uri=uri) == []
    load_graph(graph_of(record_p1()), uri)

    rows = run_cypher(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "RETURN type, labelsOrTypes[0] AS label, properties",
        uri=uri,
    )
    assert len(rows) == len(NODE_LABELS) == 8
    assert {r["label"] for r in rows} == set(NODE_LABELS)
    assert all(r["type"] == "UNIQUENESS" and r["properties"] == ["id"] for r in rows)

    fulltext = one(
        uri,
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE name = 'entity_names' "
        "RETURN [type, labelsOrTypes, properties] AS x",
    )
    assert fulltext == [
        "FULLTEXT",
        ["Method", "Dataset", "Task", "Metric"],
        ["name", "long", "aliases"],
    ]
    run_cypher("CALL db.awaitIndexes(60)", uri=uri)
    hits = run_cypher(
        "CALL db.index.fulltext.queryNodes('entity_names', 'contrastive') YIELD node "
        "RETURN node.id AS id",
        uri=uri,
    )
    assert hits == [{"id": "method/mcl"}]
    with pytest.raises(ConstraintError):
        run_cypher("CREATE (:Method {id: 'method/mcl'})", uri=uri)


def test_label_or_type_outside_the_model_is_refused(neo4j_empty: str) -> None:
    uri = neo4j_empty
    bad_label = Graph()
    bad_label.add_node(Node("x/1", "Method) DETACH DELETE (x", {"name": "x"}))
    with pytest.raises(ValueError, match="not one of kg.graph.NODE_LABELS"):
        load_graph(bad_label, uri)

    bad_type = graph_of(record_p1())
    bad_type.add_edge(Edge("paper/p1", "CITES", "method/mcl", {"paper": "p1"}))
    with pytest.raises(ValueError, match="not one of kg.graph.EDGE_TYPES"):
        load_graph(bad_type, uri)

    dangling = graph_of(record_p1())
    dangling.add_edge(Edge("paper/p1", "USES", "method/nowhere", {"paper": "p1"}))
    with pytest.raises(ValueError, match="method/nowhere"):
        load_graph(dangling, uri)

    # Refused before anything was written, schema included.
    assert db_counts(uri) == (0, 0)
    assert run_cypher("SHOW CONSTRAINTS YIELD name RETURN name", uri=uri) == []


def test_password_is_not_logged(neo4j_empty: str, caplog: pytest.LogCaptureFixture) -> None:
    # The local test server has auth disabled and accepts any login.
    with caplog.at_level(logging.DEBUG):
        load_graph(graph_of(record_p2()), neo4j_empty, user="neo4j", password="s3cret-Pa55")
    assert "connecting to Neo4j at" in caplog.text
    assert "s3cret-Pa55" not in caplog.text


def test_unreachable_server_names_uri_and_fix() -> None:
    with pytest.raises(Neo4jSinkError) as err:
        run_cypher("RETURN 1", uri="bolt://127.0.0.1:9")
    assert "bolt://127.0.0.1:9" in str(err.value)
    assert "scripts/neo4j-local start" in str(err.value)


def test_schema_file_statements() -> None:
    stmts = schema_statements()
    # 8 uniqueness constraints, 4 name indexes, 1 Result.paper index, 13 relationship
    # paper indexes, 1 full-text index.
    assert len(stmts) == 27
    assert sum(s.startswith("CREATE CONSTRAINT") for s in stmts) == 8
    assert all("IF NOT EXISTS" in s for s in stmts)
    assert not any("//" in s for s in stmts)
    assert schema_statements("RETURN 'a;b' // x;y\n; RETURN 2;") == ["RETURN 'a;b'", "RETURN 2"]
