"""The seed graph in a real Neo4j: `kg build --neo4j`, then Cypher answers checked by hand
against the seed abstracts (../shared/data/seed_abstracts.txt)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.evaluate import shared_dir
from kg.sinks.neo4j import run_cypher

SEED = shared_dir() / "data" / "seed_abstracts.txt"


@pytest.fixture
def seed_loaded(neo4j_empty: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(SEED),
            "--out",
            str(out),
            "--neo4j",
            neo4j_empty,
            "--quiet",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return neo4j_empty


def test_mcl_outperforms_electra(seed_loaded: str) -> None:
    # "our method significantly improves ELECTRA's average performance by 2.8% and 3.2%"
    rows = run_cypher(
        "MATCH (p:Paper)-[:PROPOSES]->(m:Method {name: 'MCL'})-[o:OUTPERFORMS]->(e:Method) "
        "WHERE o.paper = p.paper_id RETURN e.name AS loser, o.sentence AS sentence",
        uri=seed_loaded,
    )
    assert "ELECTRA" in {r["loser"] for r in rows}
    assert any("ELECTRA's average performance" in r["sentence"] for r in rows)


def test_mugs_reports_linear_probing_on_imagenet_1k(seed_loaded: str) -> None:
    # "Mugs sets new SoTA linear probing accuracy 82.1% on ImageNet-1K"
    rows = run_cypher(
        "MATCH (p:Paper)-[:REPORTS]->(r:Result)-[:FOR_METHOD]->(:Method {name: 'Mugs'}) "
        "MATCH (r)-[:BY_METRIC]->(x:Metric), (r)-[:ON_DATASET]->(d:Dataset) "
        "RETURN r.value AS value, x.name AS metric, d.name AS dataset, "
        "d.aliases AS aliases, p.title AS title",
        uri=seed_loaded,
    )
    hits = [r for r in rows if r["value"] == "82.1%"]
    assert hits, rows
    hit = hits[0]
    assert hit["metric"] == "linear probing accuracy"
    assert "ImageNet-1K" in [hit["dataset"], *(hit["aliases"] or [])]
    assert hit["title"].startswith("Mugs: A Multi-Granular Self-Supervised Learning Framework")


def test_gconet_paper_has_code(seed_loaded: str) -> None:
    rows = run_cypher(
        "MATCH (p:Paper)-[h:HAS_CODE]->(r:Repository) WHERE p.title STARTS WITH 'GCoNet+' "
        "RETURN r.url AS url, h.url AS as_written, h.extractor AS extractor",
        uri=seed_loaded,
    )
    assert [r["as_written"] for r in rows] == ["https://github.com/ZhengPeng7/GCoNet_plus"]
    assert rows[0]["url"].lower() == "https://github.com/zhengpeng7/gconet_plus"
    assert rows[0]["extractor"] == "kg_links"


def test_every_seed_paper_is_in_neo4j_and_a_second_load_changes_nothing(
    seed_loaded: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    count = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
    papers = run_cypher("MATCH (p:Paper) RETURN count(p) AS n", uri=seed_loaded)[0]["n"]
    assert papers == 64
    before = run_cypher(count, uri=seed_loaded)[0]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(SEED),
            "--out",
            str(tmp_path / "again"),
            "--neo4j",
            seed_loaded,
            "--quiet",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert run_cypher(count, uri=seed_loaded)[0] == before
