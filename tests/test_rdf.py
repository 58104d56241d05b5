"""The RDF view: vocabulary, formats, SHACL, streaming N-Triples, merge property, SPARQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, VOID

from kg.graph import Edge, Node, build_graph
from kg.graph import Graph as PGraph
from kg.model import (
    ComparisonItem,
    EntityItem,
    Evidence,
    LinkItem,
    Paper,
    PaperRecord,
    ResultItem,
)
from kg.paths import schema_file
from kg.query import format_table, sparql, with_prefixes
from kg.resolve import Resolver
from kg.sinks.ntriples import iter_ntriples, write_ntriples
from kg.sinks.rdf import (
    KGID,
    KGO,
    MLS,
    PREFIXES,
    SDO,
    node_id_of,
    node_iri,
    statement_iri,
    to_rdflib,
    write_rdf,
)

SHS = "https://w3id.org/kg-papers/shapes#"
# A plain Namespace: pytest collection pokes at rdflib's DefinedNamespace XSD and warns.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PREFIX_HEAD = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


# ------------------------------------------------------------------------------ fixtures


def ev(text: str, mention: str, extractor: str, confidence: float, field="abstract") -> Evidence:
    start = text.index(mention)
    sentence = next(s for s in text.split(". ") if mention in s)
    return Evidence(field, start, start + len(mention), mention, sentence, extractor, confidence)


MCL_ABS = (
    "We propose multi-perspective course learning (MCL) for ELECTRA-style pre-training. "
    "MCL outperforms ELECTRA on the GLUE benchmark."
)
MUGS_ABS = (
    "We present Mugs, a multi-granular self-supervised learning framework. "
    "Mugs achieves 82.1% linear probing accuracy on ImageNet-1K."
)
GCO_ABS = (
    "GCoNet+ detects co-salient objects with a backbone pre-trained on ImageNet-1K. "
    "Code is at https://github.com/ZhengPeng7/GCoNet_plus and weights at "
    "https://example.org/gconet-plus/weights."
)


def rec_mcl() -> PaperRecord:
    a = MCL_ABS
    return PaperRecord(
        id="seed-10",
        title="MCL: Multi-perspective Course Learning for Language Model Pre-training",
        proposed=[
            EntityItem(
                "MCL",
                long="multi-perspective course learning",
                confidence=0.95,
                mentions=[ev(a, "MCL", "proposed_method", 0.95)],
            )
        ],
        methods=[EntityItem("ELECTRA", confidence=0.9, mentions=[ev(a, "ELECTRA", "ner", 0.9)])],
        datasets=[EntityItem("GLUE", confidence=0.85, mentions=[ev(a, "GLUE", "ner", 0.85)])],
        tasks=[
            EntityItem(
                "language model pre-training",
                confidence=0.6,
                mentions=[ev(a, "pre-training", "ner", 0.6)],
            )
        ],
        outperforms=[
            ComparisonItem(
                "MCL",
                "ELECTRA",
                confidence=0.8,
                mentions=[ev(a, "MCL outperforms ELECTRA", "comparison", 0.8)],
            )
        ],
        paper=Paper(
            id="seed-10", title="MCL", abstract=a, year=2023, url="https://arxiv.org/abs/2304.0"
        ),
    )


def rec_mugs() -> PaperRecord:
    a = MUGS_ABS
    return PaperRecord(
        id="seed-11",
        title="Mugs: A Multi-Granular Self-Supervised Learning Framework",
        proposed=[
            EntityItem("Mugs", confidence=0.9, mentions=[ev(a, "Mugs", "proposed_method", 0.9)])
        ],
        datasets=[
            EntityItem("ImageNet-1K", confidence=0.9, mentions=[ev(a, "ImageNet-1K", "ner", 0.9)])
        ],
        metrics=[
            EntityItem(
                "linear probing accuracy",
                confidence=0.7,
                mentions=[ev(a, "linear probing accuracy", "ner", 0.7)],
            )
        ],
        results=[
            ResultItem(
                "82.1%",
                method="Mugs",
                dataset="ImageNet-1K",
                metric="linear probing accuracy",
                confidence=0.75,
                mentions=[ev(a, "82.1%", "results", 0.75)],
            )
        ],
        paper=Paper(id="seed-11", title="Mugs", abstract=a, year=2022),
    )


def rec_gconet() -> PaperRecord:
    a = GCO_ABS
    code = "https://github.com/ZhengPeng7/GCoNet_plus"
    weights = "https://example.org/gconet-plus/weights"
    return PaperRecord(
        id="seed-12",
        title="GCoNet+: A Stronger Group Collaborative Co-Salient Object Detector",
        proposed=[
            EntityItem(
                "GCoNet+", confidence=0.9, mentions=[ev(a, "GCoNet+", "proposed_method", 0.9)]
            )
        ],
        datasets=[
            EntityItem("ImageNet-1K", confidence=0.8, mentions=[ev(a, "ImageNet-1K", "ner", 0.8)])
        ],
        links=[
            LinkItem(code, "code", 0.99, [ev(a, code, "links", 0.99)]),
            LinkItem(weights, "model", 0.9, [ev(a, weights, "links", 0.9)]),
        ],
        code_available=True,
        paper=Paper(id="seed-12", title="GCoNet+", abstract=a, year=2023),
    )


def records() -> list[PaperRecord]:
    return [rec_mcl(), rec_mugs(), rec_gconet()]


def build(recs: list[PaperRecord]) -> PGraph:
    return build_graph(recs, Resolver(use_gazetteer=False))


@pytest.fixture(scope="module")
def pgraph() -> PGraph:
    return build(records())


@pytest.fixture(scope="module")
def built(pgraph: PGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_rdf(pgraph, tmp_path_factory.mktemp("rdf"))


def parse(path: Path, fmt: str) -> Graph:
    return Graph().parse(path, format=RDFLIB_FORMAT[fmt])


def select(g: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in g.query(PREFIX_HEAD + "\n" + query)]  # type: ignore[arg-type]


def shacl(data: Graph) -> tuple[bool, Graph]:
    from pyshacl import validate

    shapes = Graph().parse(data=schema_file("shapes.ttl").read_text(), format="turtle")
    ont = Graph().parse(data=schema_file("ontology.ttl").read_text(), format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    return conforms, report


def violations(report: Graph) -> set[tuple[str, str]]:
    """(source shape or SPARQL constraint, focus node) of every violation in a SHACL report."""
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(r, SH.sourceConstraint) or report.value(r, SH.sourceShape)
        out.add((str(shape), str(report.value(r, SH.focusNode))))
    return out


# ------------------------------------------------------------------------- files & parsing


def test_write_rdf_writes_every_format(built: dict[str, Path]) -> None:
    assert set(built) == {"ttl", "nt", "jsonld", "void"}
    assert [p.name for p in built.values()] == ["graph.ttl", "graph.nt", "graph.jsonld", "void.ttl"]
    for p in built.values():
        assert p.stat().st_size > 0


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_each_format_parses_back_to_the_same_graph(
    built: dict[str, Path], pgraph: PGraph, fmt: str
) -> None:
    g = parse(built[fmt], fmt)
    expected = to_rdflib(pgraph)
    assert len(g) == len(expected)
    assert isomorphic(g, expected)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_sparql_answers_over_each_format(built: dict[str, Path], fmt: str) -> None:
    g = parse(built[fmt], fmt)
    [(n,)] = select(g, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }")
    assert int(n) == 3

    rows = select(
        g,
        """SELECT ?label WHERE {
             ?m skos:prefLabel "MCL" ; kgo:outperforms ?o . ?o skos:prefLabel ?label }""",
    )
    assert rows == [(Literal("ELECTRA"),)]

    rows = select(
        g,
        """SELECT ?v ?n ?metric ?ds WHERE {
             ?r a mls:ModelEvaluation ; mls:hasValue ?v ; kgo:numericValue ?n ;
                kgo:method/skos:prefLabel "Mugs" ;
                mls:specifiedBy/skos:prefLabel ?metric ;
                kgo:dataset/skos:prefLabel ?ds . }""",
    )
    assert len(rows) == 1
    v, n, metric, ds = rows[0]
    assert str(v) == "82.1%" and n.datatype == XSD.double and float(n) == 82.1
    assert (str(metric), str(ds)) == ("linear probing accuracy", "ImageNet-1K")

    rows = select(
        g,
        """SELECT ?url WHERE {
             ?p dcterms:identifier "seed-12" ; kgo:hasCode ?repo .
             ?repo a schema:SoftwareSourceCode ; schema:codeRepository ?url }""",
    )
    assert rows == [(Literal("https://github.com/ZhengPeng7/GCoNet_plus", datatype=XSD.anyURI),)]


def test_long_form_and_provenance_are_queryable(built: dict[str, Path]) -> None:
    g = parse(built["nt"], "nt")
    rows = select(
        g,
        """SELECT ?alt ?long WHERE { ?m a kgo:Method ; skos:prefLabel "MCL" ;
             skos:altLabel ?alt ; kgo:longForm ?long }""",
    )
    assert {(str(a), str(b)) for a, b in rows} == {
        ("multi-perspective course learning", "multi-perspective course learning")
    }
    rows = select(
        g,
        """SELECT ?paper ?sentence ?start ?end ?field ?conf ?agent WHERE {
             ?st a rdf:Statement ; rdf:predicate kgo:outperforms ;
                 prov:wasDerivedFrom/dcterms:identifier ?paper ; kgo:sentence ?sentence ;
                 kgo:startOffset ?start ; kgo:endOffset ?end ; kgo:textField ?field ;
                 kgo:confidence ?conf ;
                 prov:wasGeneratedBy/prov:wasAssociatedWith/rdfs:label ?agent }""",
    )
    assert len(rows) == 1
    paper, sentence, start, end, field, conf, agent = rows[0]
    assert str(paper) == "seed-10" and str(field) == "abstract" and str(agent) == "comparison"
    assert MCL_ABS[int(start) : int(end)] == "MCL outperforms ELECTRA"
    assert str(sentence).startswith("MCL outperforms ELECTRA")
    assert conf.datatype == XSD.decimal and str(conf) == "0.8"


def test_every_edge_is_a_direct_triple_and_a_statement(pgraph: PGraph) -> None:
    g = to_rdflib(pgraph)
    statements = set(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) == len(pgraph.edges)
    for edge in pgraph.edges.values():
        st = statement_iri(edge)
        assert st in statements
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        assert (s, p, o) in g
        assert node_id_of(str(s)) == edge.source and node_id_of(str(o)) == edge.target


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_no_blank_nodes(built: dict[str, Path], fmt: str) -> None:
    g = parse(built[fmt], fmt)
    assert not [t for t in g for term in t if isinstance(term, BNode)]
    v = Graph().parse(built["void"])
    assert not [t for t in v for term in t if isinstance(term, BNode)]


def test_node_classes(pgraph: PGraph) -> None:
    g = to_rdflib(pgraph)
    mcl = node_iri(next(n.id for n in pgraph.nodes_by_label("Method") if n.props["name"] == "MCL"))
    assert set(g.objects(mcl, RDF.type)) == {SKOS.Concept, KGO.Method}
    imagenet = node_iri(next(iter(pgraph.nodes_by_label("Dataset"))).id)
    assert {URIRef("http://www.w3.org/ns/dcat#Dataset"), SDO.Dataset} <= set(
        g.objects(imagenet, RDF.type)
    )
    paper = node_iri("paper/seed-10")
    assert g.value(paper, DCTERMS.issued) == Literal("2023", datatype=XSD.gYear)
    link = next(iter(pgraph.nodes_by_label("Link")))
    assert (node_iri(link.id), RDF.type, SDO.WebPage) in g
    assert g.value(node_iri(link.id), KGO.linkKind) == Literal("model")


# --------------------------------------------------------------------------------- IRIs


NASTY = "method/a b\"c<d>'e{ü}|^`\\x#y?z%41 \n中文/../."


def nasty_graph() -> PGraph:
    g = PGraph()
    g.add_node(Node("paper/p 1", "Paper", {"title": 'T "q" <x>\n\\', "paper_id": "p 1"}))
    g.add_node(Node(NASTY, "Method", {"name": 'a b"c\u2028\x0b\t', "aliases": ["ü", "a\r\nb"]}))
    g.add_edge(
        Edge(
            "paper/p 1",
            "USES",
            NASTY,
            {"paper": "p 1", "confidence": 0.5, "extractor": "x y/<z>", "sentence": 'a "b"\n'},
        )
    )
    return g


def test_nasty_ids_give_valid_reversible_iris(tmp_path: Path) -> None:
    iri = node_iri(NASTY)
    assert str(iri).startswith(str(KGID))
    assert not set(str(iri)) & set(' "<>{}|^`\\\n')
    assert str(iri).isascii()
    assert node_id_of(iri) == NASTY
    assert node_iri("method/a%41") != node_iri("method/aA")  # escaping is injective

    pg = nasty_graph()
    expected = to_rdflib(pg)
    paths = write_rdf(pg, tmp_path)
    for fmt in ("ttl", "nt", "jsonld"):
        assert isomorphic(parse(paths[fmt], fmt), expected), fmt
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(paths["nt"]), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(store) == len(expected)
    rows = sparql(tmp_path, "SELECT ?m WHERE { ?p kgo:uses ?m }")
    assert [node_id_of(r["m"]) for r in rows] == [NASTY]


# --------------------------------------------------------------------- streaming N-Triples


def test_streaming_ntriples_isomorphic_to_rdflib(pgraph: PGraph, tmp_path: Path) -> None:
    n = write_ntriples(pgraph, tmp_path / "s.nt")
    streamed = Graph().parse(tmp_path / "s.nt", format="nt")
    expected = to_rdflib(pgraph)
    assert n == len(expected) == len(streamed)  # no duplicate lines
    assert isomorphic(streamed, expected)


def test_same_claim_in_two_papers_is_one_triple_two_statements(tmp_path: Path) -> None:
    text = "Unlike MCL, we find that MCL outperforms ELECTRA only on small models."
    again = PaperRecord(
        id="seed-13",
        title="A replication",
        methods=[EntityItem("MCL", confidence=0.9), EntityItem("ELECTRA", confidence=0.9)],
        outperforms=[
            ComparisonItem(
                "MCL", "ELECTRA", 0.6, [ev(text, "MCL outperforms ELECTRA", "comparison", 0.6)]
            )
        ],
        paper=Paper(id="seed-13", title="A replication", abstract=text),
    )
    pg = build([rec_mcl(), again])
    g = to_rdflib(pg)
    mcl, electra = node_iri("method/mcl"), node_iri("method/electra")
    assert len(list(g.triples((mcl, KGO.outperforms, electra)))) == 1
    papers = {
        str(g.value(st, PROV.wasDerivedFrom))
        for st in g.subjects(RDF.predicate, KGO.outperforms)
        if g.value(st, RDF.subject) == mcl
    }
    assert papers == {str(node_iri("paper/seed-10")), str(node_iri("paper/seed-13"))}
    n = write_ntriples(pg, tmp_path / "g.nt")
    lines = (tmp_path / "g.nt").read_text(encoding="utf-8").split("\n")[:-1]
    assert n == len(lines) == len(set(lines)) == len(g)


def test_streaming_lines_equal_rdflib_ntriples_serializer() -> None:
    pg = nasty_graph()
    ours = sorted(iter_ntriples(pg))
    theirs = sorted(
        line + "\n" for line in to_rdflib(pg).serialize(format="nt").split("\n") if line
    )
    assert ours == theirs


# ------------------------------------------------------------------------------- merge


def test_merge_of_separate_builds_equals_joint_build(tmp_path: Path) -> None:
    a, b = [rec_mcl(), rec_mugs()], [rec_gconet()]
    pa = write_rdf(build(a), tmp_path / "a", formats=("nt",))["nt"]
    pb = write_rdf(build(b), tmp_path / "b", formats=("ttl",))["ttl"]
    pab = write_rdf(build(a + b), tmp_path / "ab", formats=("nt",))["nt"]
    union = Graph()
    union.parse(pa, format="nt")
    union.parse(pb, format="turtle")
    joint = Graph().parse(pab, format="nt")
    # A and B share ImageNet-1K and the extractor activities, so the union is not disjoint.
    assert len(union) < len(Graph().parse(pa, format="nt")) + len(Graph().parse(pb))
    assert set(union) == set(joint)
    assert to_isomorphic(union) == to_isomorphic(joint)


# --------------------------------------------------------------------------------- VoID


def test_void_description(built: dict[str, Path]) -> None:
    v = Graph().parse(built["void"])
    data = parse(built["nt"], "nt")
    [ds] = list(v.subjects(RDF.type, VOID.Dataset))
    assert int(str(v.value(ds, VOID.triples))) == len(data)
    subjects = {s for s in data.subjects() if str(s).startswith(str(KGID))}
    assert int(str(v.value(ds, VOID.entities))) == len(subjects)
    vocabularies = {str(x) for x in v.objects(ds, VOID.vocabulary)}
    assert {str(KGO), str(SDO), str(SKOS), str(DCTERMS), str(MLS), str(PROV), str(RDF)} <= (
        vocabularies
    )
    partitions = {
        v.value(p, VOID["class"]): int(str(v.value(p, VOID.entities)))
        for p in v.objects(ds, VOID.classPartition)
    }
    assert partitions[SDO.ScholarlyArticle] == 3
    assert partitions[MLS.ModelEvaluation] == 1
    assert partitions[RDF.Statement] == len(set(data.subjects(RDF.type, RDF.Statement)))
    assert partitions == {
        c: len(set(data.subjects(RDF.type, c))) for c in set(data.objects(None, RDF.type))
    }


# -------------------------------------------------------------------------------- SHACL


def test_shacl_conforms(built: dict[str, Path]) -> None:
    conforms, report = shacl(parse(built["ttl"], "ttl"))
    assert conforms, report.serialize(format="turtle")


def test_shacl_rejects_broken_graph(pgraph: PGraph) -> None:
    import copy

    pg = copy.deepcopy(pgraph)
    result = next(iter(pg.nodes_by_label("Result")))
    del result.props["value"]  # a result with no value
    edge = next(e for e in pg.edges.values() if e.type == "OUTPERFORMS")
    edge.props["confidence"] = 1.7  # out of [0, 1]
    g = to_rdflib(pg)
    paper = node_iri("paper/seed-10")
    g.add((paper, DCTERMS.title, Literal("A second title")))  # two titles
    repo = next(iter(pg.nodes_by_label("Repository")))
    g.remove((node_iri(repo.id), URIRef(SDO.codeRepository), None))

    conforms, report = shacl(g)
    assert not conforms
    found = violations(report)
    expected = {
        (SHS + "Paper-title", str(paper)),
        (SHS + "Result-hasValue", str(node_iri(result.id))),
        (SHS + "Statement-confidence", str(statement_iri(edge))),
        (SHS + "Repository-codeRepository", str(node_iri(repo.id))),
    }
    assert found == expected


def test_shacl_rejects_unasserted_statement_and_bad_offsets(pgraph: PGraph) -> None:
    g = to_rdflib(pgraph)
    edge = next(e for e in pgraph.edges.values() if e.type == "PROPOSES")
    st = statement_iri(edge)
    g.remove((node_iri(edge.source), KGO.proposes, node_iri(edge.target)))
    g.set((st, KGO.startOffset, Literal(99)))
    g.set((st, KGO.endOffset, Literal(3)))
    conforms, report = shacl(g)
    assert not conforms
    found = {shape for shape, focus in violations(report) if focus == str(st)}
    assert found == {SHS + "Statement-asserted", SHS + "Statement-startOffset"}


# ----------------------------------------------------------------------------- ontology


def test_every_own_term_is_defined_in_the_ontology(pgraph: PGraph) -> None:
    ont = Graph().parse(data=schema_file("ontology.ttl").read_text(), format="turtle")
    data = to_rdflib(pgraph) + to_rdflib(nasty_graph())
    used = {p for p in data.predicates()} | set(data.objects(None, RDF.type))
    own = {t for t in used if str(t).startswith(str(KGO))}
    for prop in EXPECTED_OWN_PROPERTIES:
        assert KGO[prop] in set(ont.subjects()), prop
    for term in own:
        kinds = set(ont.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term
        assert ont.value(term, RDFS.label) is not None and ont.value(term, RDFS.comment), term
    [onto] = list(ont.subjects(RDF.type, OWL.Ontology))
    assert ont.value(onto, OWL.versionInfo) is not None


EXPECTED_OWN_PROPERTIES = (
    "proposes uses introduces evaluatedOn addresses measures reports outperforms hasCode "
    "linksTo method dataset numericValue linkKind sentence startOffset endOffset textField "
    "confidence"
).split()


def test_domains_and_ranges_hold_in_the_data(pgraph: PGraph) -> None:
    """Every rdfs:domain / rdfs:range of the ontology holds without inference."""
    ont = Graph().parse(data=schema_file("ontology.ttl").read_text(), format="turtle")
    data = to_rdflib(pgraph)
    subclass = {(s, o) for s, o in ont.subject_objects(RDFS.subClassOf)}

    def has_type(x, cls) -> bool:  # type: ignore[no-untyped-def]
        types = set(data.objects(x, RDF.type))
        return cls in types or any((t, cls) in subclass for t in types)

    checked = 0
    for prop, dom in ont.subject_objects(RDFS.domain):
        for s in data.subjects(prop, None):
            assert has_type(s, dom), (s, prop, dom)
            checked += 1
    for prop, rng in ont.subject_objects(RDFS.range):
        for o in data.objects(None, prop):
            if isinstance(o, Literal):
                assert o.datatype == rng or (o.datatype is None and rng == XSD.string), (prop, o)
            else:
                assert has_type(o, rng), (prop, o, rng)
            checked += 1
    assert checked > 50


# -------------------------------------------------------------------------------- query


def test_query_over_build_dir(built: dict[str, Path]) -> None:
    out = built["nt"].parent
    q = """SELECT ?title WHERE { ?p a schema:ScholarlyArticle ; dcterms:title ?title }
           ORDER BY ?title"""
    rows = sparql(out, q)
    assert [r["title"] for r in rows] == sorted(r.title for r in records())
    assert sparql(out, q, engine="rdflib") == rows
    table = format_table(rows)
    assert table.splitlines()[0] == "title" and table.endswith("(3 rows)")
    assert "Mugs: A Multi-Granular" in table

    rows = sparql(out, 'SELECT ?m ?x WHERE { ?m skos:prefLabel "Mugs" OPTIONAL { ?m kgo:no ?x } }')
    assert rows == [{"m": str(node_iri("method/mugs"))}]  # unbound left out
    assert sparql(out, 'ASK { ?m skos:prefLabel "ELECTRA" }') == [{"boolean": "true"}]
    assert sparql(out, 'ASK { ?m skos:prefLabel "BERT" }', engine="rdflib") == [
        {"boolean": "false"}
    ]


def test_query_falls_back_to_turtle_and_keeps_own_prefixes(tmp_path: Path, pgraph: PGraph) -> None:
    write_rdf(pgraph, tmp_path, formats=("ttl",))
    q = "PREFIX schema: <https://schema.org/>\nSELECT (COUNT(*) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"
    assert with_prefixes(q).count("PREFIX schema:") == 1
    assert sparql(tmp_path, q) == [{"n": "3"}]
    with pytest.raises(FileNotFoundError):
        sparql(tmp_path / "nowhere", q)


def test_jsonld_uses_prefix_context(built: dict[str, Path]) -> None:
    doc = json.loads(built["jsonld"].read_text(encoding="utf-8"))
    assert doc["@context"]["kgo"] == str(KGO)
