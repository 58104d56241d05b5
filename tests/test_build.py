"""The main job end to end through the real CLI: kg build, kg query --sparql, kg extract."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
import rdflib

from kg.evaluate import shared_dir

SEED = shared_dir() / "data" / "seed_abstracts.txt"


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, check=check
    )


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "out"
    proc = kg("build", str(SEED), "--out", str(out), "--quiet")
    return out, proc


def test_build_seed_gives_64_papers_and_a_summary(seed_out):
    out, proc = seed_out
    assert "papers read   64" in proc.stdout
    assert "in graph    64" in proc.stdout
    records = [json.loads(line) for line in open(out / "records.jsonl")]
    assert len(records) == 64
    assert (out / "rejects.jsonl").read_text() == ""
    for name in ("triples.jsonl", "graph.ttl", "graph.nt", "graph.jsonld", "void.ttl"):
        assert (out / name).stat().st_size > 0, name


def test_turtle_parses_and_sparql_counts_64_papers(seed_out):
    out, _ = seed_out
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    q = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://schema.org/ScholarlyArticle> }"
    assert int(next(iter(g.query(q)))[0]) == 64
    proc = kg("query", str(out), "--sparql", q, "--json")
    assert json.loads(proc.stdout.splitlines()[0])["n"] in ("64", 64)


def test_sparql_finds_what_clip_is_beaten_by(seed_out):
    # Seed abstract of CLOOB: "CLOOB consistently outperforms CLIP at zero-shot transfer ..."
    out, _ = seed_out
    q = """PREFIX kgo: <https://w3id.org/kg-papers/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?w WHERE { ?a kgo:outperforms ?b . ?a skos:prefLabel ?w . ?b skos:prefLabel "CLIP" }"""
    rows = [
        json.loads(line)
        for line in kg("query", str(out), "--sparql", q, "--json").stdout.splitlines()
    ]
    assert "CLOOB" in {r["w"] for r in rows}


def test_extract_keeps_input_ids_and_order(tmp_path):
    src = shared_dir() / "eval" / "dev_papers.jsonl"
    out = tmp_path / "records.jsonl"
    kg("extract", str(src), "-o", str(out))
    ids_in = [json.loads(line)["id"] for line in open(src)]
    ids_out = [json.loads(line)["id"] for line in open(out)]
    assert ids_out == ids_in


def test_bad_input_is_reported_and_the_run_goes_on(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"id": "a", "title": "FooNet: x", "abstract": "We propose FooNet."})
        + "\n"
        + json.dumps({"id": "b", "title": "", "abstract": "No title here."})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "a", "title": "Dup", "abstract": "Same id again."})
        + "\n",
        encoding="utf-8",
    )
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(good.read_bytes())[:-12])
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    out = tmp_path / "out"
    proc = kg(
        "build",
        str(good),
        str(empty),
        str(tmp_path / "missing.jsonl"),
        "--out",
        str(out),
        "--quiet",
    )
    rejects = [json.loads(line) for line in open(out / "rejects.jsonl")]
    records = [json.loads(line) for line in open(out / "records.jsonl")]
    assert [r["id"] for r in records] == ["a"]
    # 3 bad records in good.jsonl + the empty file + the missing file
    assert len(rejects) == 5, rejects
    assert all(r["source"] and r["reason"] for r in rejects)
    assert "papers read   6" in proc.stdout


def test_nothing_readable_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    proc = kg("build", str(empty), "--out", str(tmp_path / "out"), "--quiet", check=False)
    assert proc.returncode != 0
    assert "empty" in (proc.stderr + proc.stdout).lower()
