"""SHACL on a real export: the seed build's graph.ttl conforms to schemas/shapes.ttl (validated
with the ontology, as schemas/RDF_MAPPING.md says), and the shapes do bite on seed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF, SH

from kg.evaluate import shared_dir
from kg.paths import schema_file

SEED = shared_dir() / "data" / "seed_abstracts.txt"
SHS = Namespace("https://w3id.org/kg-papers/shapes#")
SDO = Namespace("https://schema.org/")  # a plain Namespace: pytest probes module globals


@pytest.fixture(scope="module")
def seed_ttl(seed_build_dir: Path) -> Graph:
    return Graph().parse(seed_build_dir / "graph.ttl", format="turtle")


def validate(data: Graph) -> tuple[bool, Graph, str]:
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(data=schema_file("shapes.ttl").read_text(), format="turtle")
    ont = Graph().parse(data=schema_file("ontology.ttl").read_text(), format="turtle")
    conforms, report, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="none"
    )
    return bool(conforms), report, str(text)


def test_seed_graph_ttl_conforms(seed_ttl: Graph) -> None:
    assert len(set(seed_ttl.subjects(RDF.type, SDO.ScholarlyArticle))) == 64
    conforms, _, text = validate(seed_ttl)
    assert conforms, text[:4000]


def test_shapes_catch_a_broken_seed_paper(seed_ttl: Graph) -> None:
    # One seed paper's own triples, with its title removed: the title shape must report it,
    # so the conformance above is not vacuous (the shapes target what the export writes).
    paper = min(seed_ttl.subjects(RDF.type, SDO.ScholarlyArticle), key=str)
    part = Graph()
    for t in seed_ttl.triples((paper, None, None)):
        if t[1] != DCTERMS.title:
            part.add(t)
    conforms, report, _ = validate(part)
    assert not conforms
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    shapes = {str(report.value(r, SH.sourceShape)) for r in results}
    focus = {report.value(r, SH.focusNode) for r in results}
    assert str(SHS["Paper-title"]) in shapes, shapes
    assert focus == {paper}
