"""RDF view of the one :class:`kg.graph.Graph` (Turtle, N-Triples, JSON-LD and a VoID summary).

Nothing is derived here: every node becomes one resource, every node property one triple (or
none, see ``schemas/RDF_MAPPING.md``), every edge one direct triple plus one reified
``rdf:Statement`` carrying its provenance. All IRIs are deterministic and there are no blank
nodes, so the RDF of inputs A and B, built separately and unioned, equals the RDF of A+B.

:func:`iter_triples` is the single mapping; :func:`to_rdflib` and the streaming writer in
:mod:`kg.sinks.ntriples` both consume it.

Example::

    >>> from kg.graph import Graph, Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("paper/p 1", "Paper", {"title": "T", "paper_id": "p 1"}))
    >>> str(node_iri("paper/p 1"))
    'https://w3id.org/kg-papers/id/paper/p%201'
    >>> node_id_of(node_iri("paper/p 1"))
    'paper/p 1'
    >>> len(to_rdflib(g))  # rdf:type, dcterms:title, dcterms:identifier
    3
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from rdflib import Graph as RDFGraph
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.graph import Edge, Graph, Node, paper_node_id

Triple = tuple[URIRef, URIRef, URIRef | Literal]

BASE = "https://w3id.org/kg-papers/"
KGO = Namespace(BASE + "ontology#")
KGID = Namespace(BASE + "id/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
SDO = Namespace("https://schema.org/")
MLS = Namespace("http://www.w3.org/ns/mls#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: Prefixes bound in every serialisation and offered to SPARQL queries (:mod:`kg.query`).
PREFIXES: dict[str, str] = {
    "kgo": str(KGO),
    "kgid": str(KGID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "dcat": str(DCAT),
    "prov": str(PROV),
    "mls": str(MLS),
    "void": str(VOID),
}

# RFC 3987 ipchar minus "%" (escaped so the mapping is reversible) plus "/" for readability.
_IRI_SAFE = "/:@!$&'()*+,;=-._~"

LABEL_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Paper": (SDO.ScholarlyArticle,),
    "Method": (SKOS.Concept, KGO.Method),
    "Task": (SKOS.Concept, KGO.Task),
    "Metric": (SKOS.Concept, KGO.Metric),
    "Dataset": (DCAT.Dataset, SDO.Dataset),
    "Result": (MLS.ModelEvaluation,),
    "Repository": (SDO.SoftwareSourceCode,),
    "Link": (SDO.WebPage,),
}

EDGE_PREDICATES: dict[str, URIRef] = {
    "PROPOSES": KGO.proposes,
    "USES": KGO.uses,
    "INTRODUCES": KGO.introduces,
    "EVALUATED_ON": KGO.evaluatedOn,
    "ADDRESSES": KGO.addresses,
    "MEASURES": KGO.measures,
    "REPORTS": KGO.reports,
    "FOR_METHOD": KGO.method,
    "ON_DATASET": KGO.dataset,
    "BY_METRIC": MLS.specifiedBy,
    "OUTPERFORMS": KGO.outperforms,
    "HAS_CODE": KGO.hasCode,
    "LINKS_TO": KGO.linksTo,
}

# Node property -> (predicate, kind); kind: str | anyURI | double | boolean | gYear | list.
_ENTITY_PROPS: dict[str, tuple[URIRef, str]] = {
    "name": (SKOS.prefLabel, "str"),
    "aliases": (SKOS.altLabel, "list"),
    "long": (KGO.longForm, "str"),
    "key": (SKOS.hiddenLabel, "str"),
    "pwc_id": (DCTERMS.identifier, "str"),
}
NODE_PROPS: dict[str, dict[str, tuple[URIRef, str]]] = {
    "Paper": {
        "title": (DCTERMS.title, "str"),
        "abstract": (DCTERMS.abstract, "str"),
        "year": (DCTERMS.issued, "gYear"),
        "paper_id": (DCTERMS.identifier, "str"),
        "url": (SDO.url, "anyURI"),
        "doi": (KGO.doi, "str"),
        "arxiv_id": (KGO.arxivId, "str"),
        "venue": (KGO.venue, "str"),
        "source": (KGO.sourceRecord, "str"),
        "code_available": (KGO.codeAvailable, "boolean"),
    },
    "Method": _ENTITY_PROPS,
    "Task": _ENTITY_PROPS,
    "Metric": _ENTITY_PROPS,
    "Dataset": _ENTITY_PROPS,
    "Result": {
        "value": (MLS.hasValue, "str"),
        "numeric_value": (KGO.numericValue, "double"),
        "method": (KGO.methodMention, "str"),
        "dataset": (KGO.datasetMention, "str"),
        "metric": (KGO.metricMention, "str"),
        "sentence": (KGO.sentence, "str"),
        # "paper" is carried by the kgo:reports edge and its statement.
    },
    "Repository": {
        "url": (SDO.codeRepository, "anyURI"),
        "host": (KGO.host, "str"),
    },
    "Link": {
        "url": (SDO.url, "anyURI"),
        "kind": (KGO.linkKind, "str"),
    },
}

# Edge property -> (predicate, kind) on the reified statement ("paper" and "extractor" are IRIs).
EDGE_PROPS: dict[str, tuple[URIRef, str]] = {
    "sentence": (KGO.sentence, "str"),
    "start": (KGO.startOffset, "int"),
    "end": (KGO.endOffset, "int"),
    "field": (KGO.textField, "str"),
    "confidence": (KGO.confidence, "decimal"),
    "url": (SDO.url, "anyURI"),
    "kind": (KGO.linkKind, "str"),
}


# --------------------------------------------------------------------------------------- IRIs


@lru_cache(maxsize=1 << 16)
def node_iri(node_id: str) -> URIRef:
    """The IRI of a node: the instance base plus the percent-escaped id (reversible)."""
    return URIRef(KGID + quote(node_id, safe=_IRI_SAFE))


def node_id_of(iri: str) -> str:
    """Inverse of :func:`node_iri`."""
    if not iri.startswith(str(KGID)):
        raise ValueError(f"not a node IRI: {iri}")
    return unquote(iri[len(KGID) :])


def statement_iri(edge: Edge) -> URIRef:
    """Deterministic IRI of an edge's reified statement: a hash of the edge key."""
    digest = hashlib.sha256(json.dumps(list(edge.key), ensure_ascii=False).encode()).hexdigest()
    return URIRef(KGID + "statement/" + digest[:32])


@lru_cache(maxsize=1024)
def activity_iri(extractor: str) -> URIRef:
    """The extraction activity of one extractor (a prov:Activity)."""
    return URIRef(KGID + "activity/" + quote(extractor, safe=_IRI_SAFE))


def agent_iri(extractor: str) -> URIRef:
    """The extractor itself (a prov:SoftwareAgent)."""
    return URIRef(KGID + "agent/" + quote(extractor, safe=_IRI_SAFE))


# Plain URIRefs looked up once (attribute access on rdflib's DefinedNamespace is slow).
_TYPE, _ALT = RDF.type, SKOS.altLabel
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = RDF.Statement, RDF.subject, RDF.predicate, RDF.object
_DERIVED, _GENERATED = PROV.wasDerivedFrom, PROV.wasGeneratedBy

# ----------------------------------------------------------------------------------- literals


def decimal_literal(x: float | int | str) -> Literal:
    """An xsd:decimal in canonical form ("0.9", "1.0"), never exponent notation."""
    d = Decimal(repr(float(x))) if not isinstance(x, str) else Decimal(x)
    s = format(d, "f")
    if "." not in s:
        s += ".0"
    return Literal(s, datatype=XSD.decimal)


@lru_cache(maxsize=1 << 16, typed=True)  # typed: 1, 1.0 and True are different keys
def _literal(value: Any, kind: str) -> Literal | None:
    if kind == "str":
        return Literal(str(value))
    if kind == "anyURI":
        return Literal(str(value), datatype=XSD.anyURI)
    if kind == "double":
        return Literal(float(value))
    if kind == "decimal":
        return decimal_literal(value)
    if kind == "int":
        return Literal(int(value))
    if kind == "boolean":
        return Literal(bool(value))
    if kind == "gYear":
        try:
            year = int(value)
        except (TypeError, ValueError):
            return None
        if not 0 < year <= 9999:
            return None
        return Literal(f"{year:04d}", datatype=XSD.gYear)
    raise ValueError(f"unknown literal kind {kind!r}")


# ------------------------------------------------------------------------------------ mapping


def node_triples(node: Node) -> Iterator[Triple]:
    """The triples of one node: its classes and its mapped properties (no duplicates)."""
    try:
        classes = LABEL_CLASSES[node.label]
    except KeyError:
        raise ValueError(f"node {node.id!r}: unknown label {node.label!r}") from None
    s = node_iri(node.id)
    for cls in classes:
        yield (s, _TYPE, cls)
    props = NODE_PROPS[node.label]
    seen: set[tuple[URIRef, Literal]] = set()
    for key, value in node.props.items():
        spec = props.get(key)
        if spec is None or value is None:
            continue
        pred, kind = spec
        values = value if kind == "list" else [value]
        lit_kind = "str" if kind == "list" else kind
        for v in values:
            if v is None:
                continue
            lit = _literal(v, lit_kind)
            if lit is None or (pred, lit) in seen:
                continue
            if pred == _ALT and v == node.props.get("name"):
                continue  # SKOS: a label is not both preferred and alternative
            seen.add((pred, lit))
            yield (s, pred, lit)
            if key == "long" and (_ALT, lit) not in seen and v != node.props.get("name"):
                # kgo:longForm is a sub-property of skos:altLabel; state both so plain SKOS
                # consumers see the long form as an alternative label.
                seen.add((_ALT, lit))
                yield (s, _ALT, lit)


def edge_predicate(edge: Edge) -> URIRef:
    try:
        return EDGE_PREDICATES[edge.type]
    except KeyError:
        raise ValueError(f"edge {edge.key!r}: unknown type {edge.type!r}") from None


def statement_triples(edge: Edge) -> Iterator[Triple]:
    """The reified statement of one edge, with its provenance."""
    st = statement_iri(edge)
    props = edge.props
    yield (st, _TYPE, _STATEMENT)
    yield (st, _SUBJECT, node_iri(edge.source))
    yield (st, _PREDICATE, edge_predicate(edge))
    yield (st, _OBJECT, node_iri(edge.target))
    paper = props.get("paper")
    if paper not in (None, ""):
        yield (st, _DERIVED, node_iri(paper_node_id(str(paper))))
    extractor = props.get("extractor")
    if extractor not in (None, ""):
        yield (st, _GENERATED, activity_iri(str(extractor)))
    for key, (pred, kind) in EDGE_PROPS.items():
        value = props.get(key)
        if value is None:
            continue
        lit = _literal(value, kind)
        if lit is not None:
            yield (st, pred, lit)


def extractor_triples(extractor: str) -> Iterator[Triple]:
    act, agent = activity_iri(extractor), agent_iri(extractor)
    yield (act, RDF.type, PROV.Activity)
    yield (act, RDFS.label, Literal(f"extraction by {extractor}"))
    yield (act, PROV.wasAssociatedWith, agent)
    yield (agent, RDF.type, PROV.SoftwareAgent)
    yield (agent, RDFS.label, Literal(extractor))


def iter_triples(graph: Graph) -> Iterator[Triple]:
    """Every triple of the RDF view of ``graph``, each exactly once.

    Order: nodes, then per edge its direct triple (once per distinct (s, p, o)) and its
    statement, then one activity/agent pair per extractor name.
    """
    for node in graph.nodes.values():
        yield from node_triples(node)
    direct: set[tuple[str, str, str]] = set()
    extractors: dict[str, None] = {}
    for edge in graph.edges.values():
        pred = edge_predicate(edge)
        spo = (edge.source, edge.type, edge.target)
        if spo not in direct:
            direct.add(spo)
            yield (node_iri(edge.source), pred, node_iri(edge.target))
        yield from statement_triples(edge)
        extractor = edge.props.get("extractor")
        if extractor not in (None, ""):
            extractors.setdefault(str(extractor), None)
    for name in extractors:
        yield from extractor_triples(name)


def bind_prefixes(g: RDFGraph) -> RDFGraph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def to_rdflib(graph: Graph) -> RDFGraph:
    """The RDF view of ``graph`` as an in-memory rdflib graph (prefixes bound)."""
    g = bind_prefixes(RDFGraph())
    add = g.add
    for t in iter_triples(graph):
        add(t)
    return g


# --------------------------------------------------------------------------------------- VoID

VOID_DATASET = URIRef(KGID + "void/kg")
_FORMAT_IRIS = {"ttl": FORMATS.Turtle, "nt": FORMATS["N-Triples"], "jsonld": FORMATS["JSON-LD"]}


def _vocabulary(iri: str) -> str:
    best = ""
    for ns in PREFIXES.values():
        if iri.startswith(ns) and len(ns) > len(best):
            best = ns
    if best:
        return best
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def _partition_iri(kind: str, term: str) -> URIRef:
    vocab = _vocabulary(term)
    prefix = next((p for p, ns in PREFIXES.items() if ns == vocab), None)
    local = f"{prefix}/{term[len(vocab) :]}" if prefix else term
    return URIRef(VOID_DATASET + f"/{kind}/" + quote(local, safe="/-._~"))


def void_graph(triples: Iterable[Triple], formats: Iterable[str] = ()) -> RDFGraph:
    """A VoID description of the given (distinct) triples."""
    n = 0
    subjects: set[Any] = set()
    objects: set[Any] = set()
    properties: Counter[URIRef] = Counter()
    classes: Counter[URIRef] = Counter()
    for s, p, o in triples:
        n += 1
        subjects.add(s)
        objects.add(o)
        properties[p] += 1
        if p == RDF.type:
            classes[o] += 1  # type: ignore[index]
    entities = sum(1 for s in subjects if str(s).startswith(str(KGID)))
    vocabularies = sorted({_vocabulary(str(t)) for t in (*properties, *classes)})

    v = bind_prefixes(RDFGraph())
    d = VOID_DATASET
    v.add((d, RDF.type, VOID.Dataset))
    v.add((d, DCTERMS.title, Literal("Knowledge graph of machine-learning papers")))
    v.add((d, VOID.uriSpace, Literal(str(KGID))))
    v.add((d, DCTERMS.conformsTo, ONTOLOGY_IRI))
    for f in formats:
        if f in _FORMAT_IRIS:
            v.add((d, VOID.feature, _FORMAT_IRIS[f]))
    v.add((d, VOID.triples, Literal(n)))
    v.add((d, VOID.entities, Literal(entities)))
    v.add((d, VOID.distinctSubjects, Literal(len(subjects))))
    v.add((d, VOID.distinctObjects, Literal(len(objects))))
    v.add((d, VOID.properties, Literal(len(properties))))
    v.add((d, VOID.classes, Literal(len(classes))))
    for vocab in vocabularies:
        v.add((d, VOID.vocabulary, URIRef(vocab)))
    for cls, count in sorted(classes.items()):
        part = _partition_iri("class", str(cls))
        v.add((d, VOID.classPartition, part))
        v.add((part, VOID["class"], cls))
        v.add((part, VOID.entities, Literal(count)))
    for prop, count in sorted(properties.items()):
        part = _partition_iri("property", str(prop))
        v.add((d, VOID.propertyPartition, part))
        v.add((part, VOID.property, prop))
        v.add((part, VOID.triples, Literal(count)))
    return v


# -------------------------------------------------------------------------------------- write

ALL_FORMATS = ("ttl", "nt", "jsonld")
_FILE_NAMES = {"ttl": "graph.ttl", "nt": "graph.nt", "jsonld": "graph.jsonld", "void": "void.ttl"}


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` used for graph.jsonld: just the prefixes."""
    return dict(PREFIXES)


def write_rdf(
    graph: Graph, out_dir: str | Path, formats: Iterable[str] = ALL_FORMATS
) -> dict[str, Path]:
    """Write graph.ttl / graph.nt / graph.jsonld (as requested) and always void.ttl.

    Returns ``{"ttl": path, "nt": path, "jsonld": path, "void": path}`` for what was written.
    graph.nt is written by the streaming writer (:mod:`kg.sinks.ntriples`).
    """
    from kg.sinks.ntriples import write_ntriples

    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown:
        raise ValueError(f"unknown RDF format(s) {unknown}; choose from {ALL_FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    if "nt" in formats:
        paths["nt"] = out / _FILE_NAMES["nt"]
        write_ntriples(graph, paths["nt"])
    if "ttl" in formats or "jsonld" in formats:
        g = to_rdflib(graph)
        if "ttl" in formats:
            paths["ttl"] = out / _FILE_NAMES["ttl"]
            g.serialize(destination=paths["ttl"], format="turtle", encoding="utf-8")
        if "jsonld" in formats:
            paths["jsonld"] = out / _FILE_NAMES["jsonld"]
            g.serialize(
                destination=paths["jsonld"],
                format="json-ld",
                context=jsonld_context(),
                auto_compact=True,
                encoding="utf-8",
            )
    paths["void"] = out / _FILE_NAMES["void"]
    void_graph(iter_triples(graph), formats).serialize(
        destination=paths["void"], format="turtle", encoding="utf-8"
    )
    return {k: paths[k] for k in (*ALL_FORMATS, "void") if k in paths}
