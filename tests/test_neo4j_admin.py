"""kg.sinks.neo4j_admin: CSV files for `neo4j-admin database import full`.

The real test imports the seed graph with Neo4j 5.26's own import tool (org.neo4j.cli.AdminTool
from neo4j/lib, via scripts/neo4j-admin-import and the written import.sh) into a fresh Neo4j
home, serves that home with the embedded launcher on a free port, and compares it with a Bolt
load (load_graph) of the same graph: node counts per label, relationship counts per type, and
every node's and relationship's properties.
"""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from kg.build import load_graph as graph_of_build
from kg.evaluate import shared_dir
from kg.graph import Edge, Graph, Node
from kg.sinks.neo4j import load_graph
from kg.sinks.neo4j_admin import write_admin_csv

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "neo4j-admin-import"
SEED = shared_dir() / "data" / "seed_abstracts.txt"
IMPORT_TIMEOUT_S = 1200  # the first run may fetch the Neo4j jars with Maven


def small_graph() -> Graph:
    g = Graph()
    g.add_node(
        Node(
            "paper/p1",
            "Paper",
            {
                "paper_id": "p1",
                "title": 'MCL: a "course" learner',
                "year": 2023,
                "code_available": True,
                "abstract": "Line one,\nline two.",
            },
        )
    )
    g.add_node(
        Node("paper/p2", "Paper", {"paper_id": "p2", "title": "Other", "year": 2021, "venue": ""})
    )
    g.add_node(
        Node(
            "method/mcl",
            "Method",
            {"name": "MCL", "key": "mcl", "aliases": ["multi; course", "M-C-L"]},
        )
    )
    g.add_node(
        Node("method/electra", "Method", {"name": "ELECTRA", "key": "electra", "aliases": []})
    )
    g.add_edge(
        Edge(
            "paper/p1",
            "PROPOSES",
            "method/mcl",
            {"paper": "p1", "confidence": 0.85, "start": 0, "end": 3, "field": "title"},
        )
    )
    g.add_edge(
        Edge("method/mcl", "OUTPERFORMS", "method/electra", {"paper": "p1", "confidence": 0.9})
    )
    return g


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


# ------------------------------------------------------------------------ files (no server)


def test_headers_are_typed_for_the_import_tool(tmp_path: Path) -> None:
    paths = write_admin_csv(small_graph(), tmp_path)
    assert [p.name for p in paths] == [
        "nodes_Paper.csv",
        "nodes_Method.csv",
        "rels_PROPOSES.csv",
        "rels_OUTPERFORMS.csv",
        "import.sh",
    ]
    header, rows = read(tmp_path / "nodes_Paper.csv")
    assert header[:2] == ["id:ID", ":LABEL"]
    assert {"year:int", "code_available:boolean", "title", "abstract", "paper_id", "venue"} <= set(
        header
    )
    p1 = dict(zip(header, rows[0], strict=True))
    assert p1["id:ID"] == "paper/p1" and p1[":LABEL"] == "Paper"
    assert p1["title"] == 'MCL: a "course" learner' and p1["year:int"] == "2023"
    assert p1["abstract"] == "Line one,\nline two." and p1["code_available:boolean"] == "true"
    assert p1["venue"] == ""  # not set on p1: an empty unquoted field
    header, rows = read(tmp_path / "nodes_Method.csv")
    assert "aliases:string[]" in header
    aliases = dict(zip(header, rows[0], strict=True))["aliases:string[]"]
    assert aliases.split("|") == ["multi; course", "M-C-L"]
    header, rows = read(tmp_path / "rels_PROPOSES.csv")
    assert header[:4] == [":START_ID", ":END_ID", ":TYPE", "paper"]
    assert {"confidence:float", "start:int", "end:int", "field"} <= set(header)
    rel = dict(zip(header, rows[0], strict=True))
    assert (rel[":START_ID"], rel[":END_ID"], rel[":TYPE"], rel["paper"]) == (
        "paper/p1",
        "method/mcl",
        "PROPOSES",
        "p1",
    )
    assert float(rel["confidence:float"]) == 0.85


def test_empty_string_and_missing_value_differ_in_the_csv(tmp_path: Path) -> None:
    write_admin_csv(small_graph(), tmp_path)
    text = (tmp_path / "nodes_Paper.csv").read_text(encoding="utf-8")
    # Columns: id, label, paper_id, title, year, code_available, abstract, venue. p2 has venue
    # "" (quoted: an empty string) and no code_available / abstract (bare: no property).
    assert '"paper/p2",Paper,"p2","Other",2021,,,""\n' in text
    assert '"Line one,\nline two.",\n' in text  # p1: no venue


def test_import_script_has_the_exact_command(tmp_path: Path) -> None:
    write_admin_csv(small_graph(), tmp_path)
    script = (tmp_path / "import.sh").read_text()
    assert os.access(tmp_path / "import.sh", os.X_OK)
    assert 'database import full "${1:-neo4j}"' in script
    for opt in (
        "--id-type=string",
        "--normalize-types=true",
        "--array-delimiter=U+007C",
        "--multiline-fields=true",  # the abstract holds a line break
        "--nodes=nodes_Paper.csv",
        "--nodes=nodes_Method.csv",
        "--relationships=rels_PROPOSES.csv",
        "--relationships=rels_OUTPERFORMS.csv",
    ):
        assert opt in script, opt


def test_array_delimiter_avoids_characters_in_the_data(tmp_path: Path) -> None:
    g = small_graph()
    g.nodes["method/mcl"].props["aliases"] = ["a|b", "c;d"]
    write_admin_csv(g, tmp_path)
    assert "--array-delimiter=U+00A6" in (tmp_path / "import.sh").read_text()
    header, rows = read(tmp_path / "nodes_Method.csv")
    assert dict(zip(header, rows[0], strict=True))["aliases:string[]"].split("¦") == ["a|b", "c;d"]
    with pytest.raises(ValueError, match="array delimiter"):
        write_admin_csv(g, tmp_path / "x", array_delimiter="|")


def test_bad_property_names_and_dangling_edges_are_refused(tmp_path: Path) -> None:
    g = small_graph()
    g.nodes["paper/p1"].props["arxiv:id"] = "1234"
    with pytest.raises(ValueError, match="arxiv:id"):
        write_admin_csv(g, tmp_path / "a")
    g = small_graph()
    g.edges[("paper/p1", "USES", "method/none", "p1")] = Edge(
        "paper/p1", "USES", "method/none", {"paper": "p1"}
    )
    with pytest.raises(ValueError, match="method/none"):
        write_admin_csv(g, tmp_path / "b")


# --------------------------------------------------------------- the real neo4j-admin import


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _driver(uri: str, auth: Any = None):  # type: ignore[no-untyped-def]
    from neo4j import GraphDatabase

    return GraphDatabase.driver(uri, auth=auth, connection_timeout=3)


def _bolt_auth() -> Any:
    user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
    return (user or "neo4j", password or "") if (user or password) else None


def _dump(uri: str, auth: Any = None) -> dict[str, Any]:
    with _driver(uri, auth) as d:
        labels = {
            r["label"]: r["n"]
            for r in d.execute_query(
                "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
            ).records
        }
        types = {
            r["type"]: r["n"]
            for r in d.execute_query(
                "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
            ).records
        }
        nodes = {
            r["id"]: (tuple(r["labels"]), {k: v for k, v in r["props"].items() if v != []})
            for r in d.execute_query(
                "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
            ).records
        }
        rels = {
            (r["a"], r["t"], r["b"], r["p"]): {k: v for k, v in r["props"].items() if v != []}
            for r in d.execute_query(
                "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, r.paper AS p, "
                "properties(r) AS props"
            ).records
        }
    return {"labels": labels, "types": types, "nodes": nodes, "rels": rels}


def _wait_for_bolt(uri: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"the Neo4j serving the imported home exited:\n{log.read_text()[-3000:]}")
        try:
            with _driver(uri) as d, d.session() as s:
                s.run("RETURN 1").consume()
            return
        except Exception:
            if time.monotonic() > deadline:
                pytest.fail(f"{uri} did not answer in {timeout}s:\n{log.read_text()[-3000:]}")
            time.sleep(1)


@pytest.mark.neo4j
def test_neo4j_admin_import_equals_a_bolt_load(
    tmp_path: Path, seed_build_dir: Path, neo4j_uri: str
) -> None:
    graph = graph_of_build(seed_build_dir)
    write_admin_csv(graph, tmp_path / "csv")

    # 1. The real import tool, through the written import.sh.
    home = tmp_path / "home"
    proc = subprocess.run(
        [str(SCRIPT), str(tmp_path / "csv"), str(home)],
        capture_output=True,
        text=True,
        timeout=IMPORT_TIMEOUT_S,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "IMPORT DONE" in proc.stdout
    assert f"{len(graph.nodes)} nodes" in proc.stdout
    assert f"{len(graph.edges)} relationships" in proc.stdout

    # 2. A DBMS on the imported home, next to the test server; while it starts, 3. the same
    # graph over Bolt into the test server.
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(SCRIPT), "serve", str(home), str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        with _driver(neo4j_uri, _bolt_auth()) as d:  # empty the data, keep kg's schema
            d.execute_query("MATCH (n) DETACH DELETE n")
        load_graph(graph, neo4j_uri)
        uri = f"bolt://127.0.0.1:{port}"
        _wait_for_bolt(uri, server, log, timeout=180)
        imported = _dump(uri)
        loaded = _dump(neo4j_uri, _bolt_auth())
    finally:
        # The script exec'd java, so this is the server itself. Its database is a throwaway
        # copy in tmp_path: no clean shutdown (a checkpoint, ~10 s) needed.
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=60)

    expected = graph.counts()
    assert imported["labels"] == loaded["labels"]
    assert imported["types"] == loaded["types"]
    assert {**imported["labels"], **imported["types"]} == expected
    # Same properties with the same types (0.85 a float, 2023 an int, aliases a list), except
    # that the import leaves an empty list unset (dropped from both dumps above).
    assert imported["nodes"] == loaded["nodes"]
    assert imported["rels"] == loaded["rels"]
