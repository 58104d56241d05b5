"""Cookbook: questions a researcher asks the graph, each as SPARQL (RDF view) and Cypher (Neo4j).

Every :class:`Entry` answers one question twice: ``sparql`` over the RDF view of a build
directory (:func:`kg.query.sparql`) and ``cypher`` over a Neo4j loaded with the same graph
(:func:`kg.sinks.neo4j.load_graph`). Both give the same answer once their rows go through the
entry's :meth:`Entry.normalise` (strings, ints, rounded floats and sorted lists, in
``columns`` order); ``tests/test_cookbook.py`` checks this for every entry on the seed graph.
Answers on the seed graph, checked by hand against the abstracts: ``docs/COOKBOOK.md``.

Parameters: both query texts write a parameter as ``$name``. Cypher passes it as a query
parameter; for SPARQL :func:`render_sparql` replaces ``$name`` with a quoted literal (``$name``
is also SPARQL variable syntax, so the raw text still parses). Names are matched without regard
to case against an entity's name, long form and aliases (``skos:prefLabel`` /
``skos:altLabel`` in RDF).

Example::

    >>> e = entry("outperforms")
    >>> e.params
    {'method': 'CLOOB'}
    >>> 'FILTER(LCASE(STR(?nl)) = LCASE("MCL"))' in render_sparql(e, method="MCL")
    True
    >>> sparql_answer(e, "out", method="MCL")              # doctest: +SKIP
    [('MCL', 'ELECTRA', 'Pre-training Language Model as a Multi-perspective Course Learner', ...)]
    >>> cypher_answer(e, "bolt://127.0.0.1:7687", method="MCL")  # doctest: +SKIP
    [('MCL', 'ELECTRA', 'Pre-training Language Model as a Multi-perspective Course Learner', ...)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Column kinds understood by :func:`normalise_value`.
KINDS = ("str", "int", "float", "list")

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Entry:
    """One cookbook question with its SPARQL and Cypher answers.

    ``columns`` are (name, kind) pairs: both queries return these variables / keys, and
    :meth:`normalise` turns each engine's rows into tuples of them. ``ordered`` says the
    question asks for a ranking (rows are compared in order); otherwise rows are compared as
    a sorted list. ``params`` are the defaults, also used for the examples in the docs.
    ``normaliser`` replaces the column-wise normalisation when set.
    """

    id: str
    question: str
    sparql: str
    cypher: str
    columns: tuple[tuple[str, str], ...]
    params: dict[str, Any] = field(default_factory=dict)
    ordered: bool = False
    notes: str = ""
    normaliser: Callable[[Entry, list[dict[str, Any]]], list[Row]] | None = None

    def normalise(self, rows: list[dict[str, Any]]) -> list[Row]:
        """Rows of either engine as comparable tuples (sorted unless ``ordered``)."""
        if self.normaliser is not None:
            return self.normaliser(self, rows)
        out = [
            tuple(normalise_value(row.get(name), kind) for name, kind in self.columns)
            for row in rows
        ]
        return out if self.ordered else sorted(out)


#: The separator used by the SPARQL queries' GROUP_CONCAT (Cypher returns real lists).
LIST_SEPARATOR = "|"


def normalise_value(value: Any, kind: str) -> Any:
    """One cell as a comparable value: SPARQL gives strings, Cypher typed values.

    >>> normalise_value("82.1", "float"), normalise_value(82.1, "float")
    (82.1, 82.1)
    >>> normalise_value("b|a", "list"), normalise_value(["b", "a"], "list")
    (('a', 'b'), ('a', 'b'))
    >>> normalise_value(None, "str"), normalise_value("", "list")
    ('', ())
    """
    if kind == "str":
        return "" if value is None else str(value)
    if kind == "int":
        return None if value in (None, "") else int(value)
    if kind == "float":
        return None if value in (None, "") else round(float(value), 6)
    if kind == "list":
        if value in (None, ""):
            return ()
        items = value.split(LIST_SEPARATOR) if isinstance(value, str) else value
        return tuple(sorted(str(v) for v in items))
    raise ValueError(f"unknown column kind {kind!r}; choose from {KINDS}")


# ------------------------------------------------------------------------------- query parts

# An entity (?n) one of whose names (prefLabel, long form, aliases) is $PARAM, case-folded.
_SPARQL_NAMED = (
    "FILTER EXISTS {{ ?{var} skos:prefLabel|skos:altLabel ?nl . "
    "FILTER(LCASE(STR(?nl)) = LCASE(${param})) }}"
)


def _sparql_named(var: str, param: str) -> str:
    return _SPARQL_NAMED.format(var=var, param=param)


def _cypher_named(var: str, param: str) -> str:
    return (
        f"toLower(${param}) IN [x IN [{var}.name, {var}.long] + coalesce({var}.aliases, []) "
        f"WHERE x IS NOT NULL | toLower(x)]"
    )


# Every edge predicate of the RDF view (kg.sinks.rdf.EDGE_PREDICATES), either direction.
_EDGE_PREDICATES = (
    "kgo:proposes",
    "kgo:uses",
    "kgo:introduces",
    "kgo:evaluatedOn",
    "kgo:addresses",
    "kgo:measures",
    "kgo:reports",
    "kgo:method",
    "kgo:dataset",
    "mls:specifiedBy",
    "kgo:outperforms",
    "kgo:hasCode",
    "kgo:linksTo",
)
_ANY_EDGE = "(" + "|".join(f"{p}|^{p}" for p in _EDGE_PREDICATES) + ")"


# ------------------------------------------------------------------------------------ entries

ENTRIES: list[Entry] = [
    Entry(
        id="methods_on_dataset_with_code",
        question="Which methods were evaluated on a dataset by papers that released code?",
        params={"dataset": "ImageNet-1k"},
        columns=(("method", "str"), ("paper", "str"), ("code", "str")),
        notes=(
            "A method is evaluated on the dataset when the paper proposing it evaluates on "
            "(or introduces) the dataset, or when the paper reports a result of the method "
            "on it. The paper must have a HAS_CODE repository."
        ),
        sparql=f"""
SELECT DISTINCT ?method ?paper ?code WHERE {{
  ?d a dcat:Dataset .
  {_sparql_named("d", "dataset")}
  {{ ?p kgo:proposes ?m . ?p kgo:evaluatedOn|kgo:introduces ?d . }}
  UNION
  {{ ?p kgo:reports ?r . ?r kgo:dataset ?d ; kgo:method ?m . }}
  ?p kgo:hasCode/schema:codeRepository ?code ;
     dcterms:title ?paper .
  ?m skos:prefLabel ?method .
}}
ORDER BY ?method ?paper ?code""",
        cypher=f"""
MATCH (d:Dataset) WHERE {_cypher_named("d", "dataset")}
CALL (d) {{
  MATCH (p:Paper)-[:PROPOSES]->(m:Method)
  WHERE (p)-[:EVALUATED_ON|INTRODUCES]->(d)
  RETURN p, m
  UNION
  MATCH (p:Paper)-[:REPORTS]->(r:Result)-[:ON_DATASET]->(d), (r)-[:FOR_METHOD]->(m:Method)
  RETURN p, m
}}
MATCH (p)-[:HAS_CODE]->(c:Repository)
RETURN DISTINCT m.name AS method, p.title AS paper, c.url AS code
ORDER BY method, paper, code""",
    ),
    Entry(
        id="outperforms",
        question="What does a method outperform, according to which paper and sentence?",
        params={"method": "CLOOB"},
        columns=(("winner", "str"), ("loser", "str"), ("paper", "str"), ("evidence", "str")),
        notes="The evidence sentence comes from the edge's provenance (an rdf:Statement in RDF).",
        sparql=f"""
SELECT ?winner ?loser ?paper ?evidence WHERE {{
  ?st rdf:predicate kgo:outperforms ;
      rdf:subject ?w ;
      rdf:object ?l ;
      prov:wasDerivedFrom ?p .
  OPTIONAL {{ ?st kgo:sentence ?evidence }}
  {_sparql_named("w", "method")}
  ?w skos:prefLabel ?winner .
  ?l skos:prefLabel ?loser .
  ?p dcterms:title ?paper .
}}
ORDER BY ?loser ?paper""",
        cypher=f"""
MATCH (w:Method)-[o:OUTPERFORMS]->(l:Method) WHERE {_cypher_named("w", "method")}
MATCH (p:Paper {{paper_id: o.paper}})
RETURN w.name AS winner, l.name AS loser, p.title AS paper, o.sentence AS evidence
ORDER BY loser, paper""",
    ),
    Entry(
        id="datasets_introduced_for_task",
        question="Which datasets were introduced by papers on a task?",
        params={"task": "preference learning"},
        columns=(("dataset", "str"), ("paper", "str")),
        sparql=f"""
SELECT DISTINCT ?dataset ?paper WHERE {{
  ?t a kgo:Task .
  {_sparql_named("t", "task")}
  ?p kgo:addresses ?t ;
     kgo:introduces ?d ;
     dcterms:title ?paper .
  ?d skos:prefLabel ?dataset .
}}
ORDER BY ?dataset ?paper""",
        cypher=f"""
MATCH (t:Task) WHERE {_cypher_named("t", "task")}
MATCH (p:Paper)-[:ADDRESSES]->(t), (p)-[:INTRODUCES]->(d:Dataset)
RETURN DISTINCT d.name AS dataset, p.title AS paper
ORDER BY dataset, paper""",
    ),
    Entry(
        id="results_on_dataset",
        question="Which results were reported on a dataset, best value first?",
        params={"dataset": "ImageNet-1k"},
        ordered=True,
        columns=(
            ("method", "str"),
            ("metric", "str"),
            ("value", "str"),
            ("number", "float"),
            ("paper", "str"),
        ),
        notes=(
            "Ranked by the first number of the value as written (`numeric_value`), across "
            "metrics; results without a number come last. Method and metric are '' when the "
            "result has none."
        ),
        sparql=f"""
SELECT DISTINCT ?method ?metric ?value ?number ?paper WHERE {{
  ?d a dcat:Dataset .
  {_sparql_named("d", "dataset")}
  ?r kgo:dataset ?d ;
     mls:hasValue ?value .
  ?p kgo:reports ?r ;
     dcterms:title ?paper .
  OPTIONAL {{ ?r kgo:numericValue ?number }}
  OPTIONAL {{ ?r kgo:method/skos:prefLabel ?m }}
  OPTIONAL {{ ?r mls:specifiedBy/skos:prefLabel ?x }}
  BIND(COALESCE(?m, "") AS ?method)
  BIND(COALESCE(?x, "") AS ?metric)
}}
ORDER BY DESC(?number) ?value ?method ?metric ?paper""",
        cypher=f"""
MATCH (d:Dataset) WHERE {_cypher_named("d", "dataset")}
MATCH (p:Paper)-[:REPORTS]->(r:Result)-[:ON_DATASET]->(d)
OPTIONAL MATCH (r)-[:FOR_METHOD]->(m:Method)
OPTIONAL MATCH (r)-[:BY_METRIC]->(x:Metric)
WITH DISTINCT coalesce(m.name, '') AS method, coalesce(x.name, '') AS metric,
     r.value AS value, r.numeric_value AS number, p.title AS paper
RETURN method, metric, value, number, paper
ORDER BY number IS NULL, number DESC, value, method, metric, paper""",
    ),
    Entry(
        id="method_neighbourhood",
        question="What is around a method: papers, datasets and tasks within two hops?",
        params={"method": "CLIP"},
        columns=(("kind", "str"), ("name", "str")),
        notes=(
            "Two hops in either direction over any relationship, e.g. method <- paper -> "
            "dataset, or method <- result -> dataset. Papers are named by title."
        ),
        sparql=f"""
SELECT DISTINCT ?kind ?name WHERE {{
  ?m a kgo:Method .
  {_sparql_named("m", "method")}
  ?m {_ANY_EDGE}/{_ANY_EDGE}? ?n .
  VALUES (?cls ?kind ?nameProp) {{
    (schema:ScholarlyArticle "Paper" dcterms:title)
    (dcat:Dataset "Dataset" skos:prefLabel)
    (kgo:Task "Task" skos:prefLabel)
  }}
  ?n a ?cls ;
     ?nameProp ?name .
}}
ORDER BY ?kind ?name""",
        cypher=f"""
MATCH (m:Method) WHERE {_cypher_named("m", "method")}
MATCH (m)-[*1..2]-(n)
WHERE n:Paper OR n:Dataset OR n:Task
RETURN DISTINCT labels(n)[0] AS kind, coalesce(n.title, n.name) AS name
ORDER BY kind, name""",
    ),
    Entry(
        id="papers_sharing_datasets",
        question="Which pairs of papers share the most datasets?",
        ordered=True,
        columns=(("paper_a", "str"), ("paper_b", "str"), ("shared", "int"), ("datasets", "list")),
        notes=(
            "A paper uses a dataset when it evaluates on or introduces it. Each pair once "
            "(paper_a has the smaller paper id); most shared first, then by titles."
        ),
        sparql="""
SELECT ?paper_a ?paper_b (COUNT(DISTINCT ?d) AS ?shared)
       (GROUP_CONCAT(DISTINCT ?dn; separator="|") AS ?datasets) WHERE {
  ?p1 kgo:evaluatedOn|kgo:introduces ?d .
  ?p2 kgo:evaluatedOn|kgo:introduces ?d .
  ?p1 dcterms:identifier ?id1 ; dcterms:title ?paper_a .
  ?p2 dcterms:identifier ?id2 ; dcterms:title ?paper_b .
  FILTER(STR(?id1) < STR(?id2))
  ?d skos:prefLabel ?dn .
}
GROUP BY ?p1 ?p2 ?paper_a ?paper_b
ORDER BY DESC(?shared) ?paper_a ?paper_b""",
        cypher="""
MATCH (p1:Paper)-[:EVALUATED_ON|INTRODUCES]->(d:Dataset)<-[:EVALUATED_ON|INTRODUCES]-(p2:Paper)
WHERE p1.paper_id < p2.paper_id
WITH p1, p2, collect(DISTINCT d.name) AS datasets, count(DISTINCT d) AS shared
RETURN p1.title AS paper_a, p2.title AS paper_b, shared, datasets
ORDER BY shared DESC, paper_a, paper_b""",
    ),
    Entry(
        id="code_for_proposed_methods",
        question="Which papers released code for a method they propose?",
        columns=(("paper", "str"), ("method", "str"), ("code", "str")),
        sparql="""
SELECT DISTINCT ?paper ?method ?code WHERE {
  ?p kgo:proposes ?m ;
     kgo:hasCode/schema:codeRepository ?code ;
     dcterms:title ?paper .
  ?m skos:prefLabel ?method .
}
ORDER BY ?paper ?method ?code""",
        cypher="""
MATCH (p:Paper)-[:PROPOSES]->(m:Method), (p)-[:HAS_CODE]->(c:Repository)
RETURN DISTINCT p.title AS paper, m.name AS method, c.url AS code
ORDER BY paper, method, code""",
    ),
    Entry(
        id="most_used_datasets",
        question="Which datasets are used by the most papers?",
        ordered=True,
        columns=(("dataset", "str"), ("papers", "int")),
        notes="A paper uses a dataset when it evaluates on or introduces it.",
        sparql="""
SELECT ?dataset (COUNT(DISTINCT ?p) AS ?papers) WHERE {
  ?p kgo:evaluatedOn|kgo:introduces ?d .
  ?d skos:prefLabel ?dataset .
}
GROUP BY ?d ?dataset
ORDER BY DESC(?papers) ?dataset""",
        cypher="""
MATCH (p:Paper)-[:EVALUATED_ON|INTRODUCES]->(d:Dataset)
WITH d, count(DISTINCT p) AS papers
RETURN d.name AS dataset, papers
ORDER BY papers DESC, dataset""",
    ),
    Entry(
        id="papers_on_task",
        question="Which papers address a task, and what do they propose?",
        params={"task": "semantic segmentation"},
        columns=(("paper", "str"), ("proposes", "list")),
        sparql=f"""
SELECT ?paper (GROUP_CONCAT(DISTINCT ?method; separator="|") AS ?proposes) WHERE {{
  ?t a kgo:Task .
  {_sparql_named("t", "task")}
  ?p kgo:addresses ?t ;
     dcterms:title ?paper .
  OPTIONAL {{ ?p kgo:proposes/skos:prefLabel ?method }}
}}
GROUP BY ?p ?paper
ORDER BY ?paper""",
        cypher=f"""
MATCH (t:Task) WHERE {_cypher_named("t", "task")}
MATCH (p:Paper)-[:ADDRESSES]->(t)
OPTIONAL MATCH (p)-[:PROPOSES]->(m:Method)
WITH p, collect(DISTINCT m.name) AS proposes
RETURN p.title AS paper, proposes
ORDER BY paper""",
    ),
    Entry(
        id="search_entity_names",
        question="Which methods, datasets, tasks or metrics have a name containing a word?",
        params={"q": "imagenet"},
        columns=(("label", "str"), ("name", "str")),
        notes=(
            "Cypher uses the full-text index `entity_names` (name, long form and aliases of "
            "Method / Dataset / Task / Metric; Lucene's standard analyzer). The SPARQL twin "
            "approximates it for one plain word: a case-insensitive match between "
            "non-alphanumeric characters (the standard tokenizer also keeps `.` and `'` "
            "inside words). Score order is dropped; rows are (label, name)."
        ),
        sparql="""
SELECT DISTINCT ?label ?name WHERE {
  VALUES (?cls ?label) {
    (kgo:Method "Method") (dcat:Dataset "Dataset") (kgo:Task "Task") (kgo:Metric "Metric")
  }
  ?n a ?cls ;
     skos:prefLabel ?name .
  FILTER EXISTS {
    ?n skos:prefLabel|skos:altLabel ?l .
    FILTER(REGEX(STR(?l), CONCAT("(^|[^a-z0-9_])", $q, "([^a-z0-9_]|$)"), "i"))
  }
}
ORDER BY ?label ?name""",
        cypher="""
CALL db.index.fulltext.queryNodes("entity_names", $q) YIELD node, score
RETURN DISTINCT labels(node)[0] AS label, node.name AS name
ORDER BY label, name""",
    ),
]

_BY_ID = {e.id: e for e in ENTRIES}
assert len(_BY_ID) == len(ENTRIES), "duplicate cookbook ids"


def entry(entry_id: str) -> Entry:
    """The entry with this id (KeyError listing the ids otherwise)."""
    try:
        return _BY_ID[entry_id]
    except KeyError:
        raise KeyError(f"no cookbook entry {entry_id!r}; ids: {', '.join(_BY_ID)}") from None


# ------------------------------------------------------------------------------------ running


def sparql_literal(value: Any) -> str:
    """A SPARQL literal for a parameter value (strings quoted and escaped).

    >>> sparql_literal('say "hi"\\n'), sparql_literal(3), sparql_literal(True)
    ('"say \\\\"hi\\\\"\\\\n"', '3', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    s = str(value)
    for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        s = s.replace(a, b)
    return f'"{s}"'


def _params(e: Entry, params: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(params) - set(e.params)
    if unknown:
        raise ValueError(f"{e.id}: unknown parameter(s) {sorted(unknown)}; has {sorted(e.params)}")
    return {**e.params, **params}


def render_sparql(e: Entry, **params: Any) -> str:
    """The entry's SPARQL with every ``$name`` parameter replaced by a literal."""
    values = _params(e, params)

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        return sparql_literal(values[name]) if name in values else m.group(0)

    return re.sub(r"\$([A-Za-z_]\w*)", sub, e.sparql)


def sparql_rows(e: Entry, out_dir: str | Path, **params: Any) -> list[dict[str, str]]:
    """Raw SPARQL rows over a build directory (:func:`kg.query.sparql`)."""
    from kg.query import sparql

    return sparql(out_dir, render_sparql(e, **params))


def cypher_rows(e: Entry, uri: str | None = None, **params: Any) -> list[dict[str, Any]]:
    """Raw Cypher rows from Neo4j (:func:`kg.sinks.neo4j.run_cypher`; NEO4J_* environment)."""
    from kg.sinks.neo4j import run_cypher

    return run_cypher(e.cypher, _params(e, params), uri=uri)


def sparql_answer(e: Entry, out_dir: str | Path, **params: Any) -> list[Row]:
    """The normalised SPARQL answer (comparable with :func:`cypher_answer`)."""
    return e.normalise(sparql_rows(e, out_dir, **params))


def cypher_answer(e: Entry, uri: str | None = None, **params: Any) -> list[Row]:
    """The normalised Cypher answer (comparable with :func:`sparql_answer`)."""
    return e.normalise(cypher_rows(e, uri, **params))
