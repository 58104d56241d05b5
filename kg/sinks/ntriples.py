"""Streaming N-Triples writer: the RDF view of a :class:`kg.graph.Graph` written line by line.

Produces exactly the triples of :func:`kg.sinks.rdf.to_rdflib` (both consume
:func:`kg.sinks.rdf.iter_triples`) without building an rdflib graph. Terms are rdflib terms and
are serialised by rdflib itself: IRIs with ``URIRef.n3()``, literals with rdflib's own
N-Triples literal quoting (``Literal.n3()`` would emit Turtle long strings for multi-line
text, which N-Triples does not allow). Each line is what ``rdflib.Graph.serialize(format="nt")``
writes for that triple. IRI serialisations are cached, which is most of the speed-up.

Example::

    >>> from kg.graph import Graph, Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("task/qa", "Task", {"name": 'Q"A'}))
    >>> print("".join(sorted(iter_ntriples(g))), end="")
    <https://w3id.org/kg-papers/id/task/qa> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .
    <https://w3id.org/kg-papers/id/task/qa> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg-papers/ontology#Task> .
    <https://w3id.org/kg-papers/id/task/qa> <http://www.w3.org/2004/02/skos/core#prefLabel> "Q\\"A" .
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.graph import Graph
from kg.sinks.rdf import iter_triples


def iter_ntriples(graph: Graph) -> Iterator[str]:
    """One N-Triples line (with its newline) per triple of the RDF view of ``graph``."""
    iris: dict[URIRef, str] = {}
    literals: dict[Literal, str] = {}

    def iri(term: URIRef) -> str:
        text = iris.get(term)
        if text is None:
            text = iris[term] = term.n3()
        return text

    for s, p, o in iter_triples(graph):
        if isinstance(o, Literal):
            obj = literals.get(o)
            if obj is None:
                obj = _quoteLiteral(o)
                if len(literals) < 1 << 16:  # short, repeated values: fields, offsets, scores
                    literals[o] = obj
        else:
            obj = iri(o)
        yield f"{iri(s)} {iri(p)} {obj} .\n"


def write_ntriples(graph: Graph, path: str | Path) -> int:
    """Write the RDF view of ``graph`` to ``path`` as N-Triples (UTF-8); return the triple count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        write = f.write
        for line in iter_ntriples(graph):
            write(line)
            n += 1
    return n
