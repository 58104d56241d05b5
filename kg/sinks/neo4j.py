"""Neo4j sink: load a :class:`kg.graph.Graph` into Neo4j 5, idempotently, paper by paper.

What :func:`load_graph` does, in order (after the ways of neo4j-graphrag's ``kg_writer``:
schema before data, ``UNWIND $rows`` batches, parameters only):

1. applies ``schemas/neo4j_constraints.cypher`` (uniqueness on ``id`` per label, name indexes,
   the ``entity_names`` full-text index);
2. deletes the old facts of every paper in the graph: relationships whose ``paper`` property is
   one of its ids and Result nodes whose ``paper`` is one of them, so a paper loaded again (say
   with a changed abstract) has its facts replaced, not added to;
3. merges nodes by ``id`` per label. Paper and Result properties are replaced; entity,
   Repository and Link properties are updated, and entity ``aliases`` are unioned with what
   the node already has (a later load adds aliases, never drops them);
4. merges relationships by (source, type, target, ``paper``);
5. deletes entity / Repository / Link nodes left without any relationship.

Loading the same graph twice leaves node and relationship counts unchanged. Labels and
relationship types are checked against :data:`kg.graph.NODE_LABELS` / :data:`kg.graph.EDGE_TYPES`
before they are put into a query; every value is a query parameter.

Connection settings come from the arguments, else from the environment: ``NEO4J_URI`` (default
``bolt://127.0.0.1:7687``, what ``scripts/neo4j-local start`` serves), ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. The password is never logged.

Example::

    >>> from kg.graph import build_graph                           # doctest: +SKIP
    >>> load_graph(build_graph(records), "bolt://127.0.0.1:7687")  # doctest: +SKIP
    {'papers': 2, 'nodes': 17, 'relationships': 21, ...}
    >>> run_cypher("MATCH (m:Method) RETURN m.name AS name ORDER BY name")  # doctest: +SKIP
    [{'name': 'ELECTRA'}, {'name': 'MCL'}]
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from kg.graph import EDGE_TYPES, NODE_LABELS, Graph
from kg.paths import schema_file

log = logging.getLogger(__name__)

DEFAULT_URI = "bolt://127.0.0.1:7687"
SCHEMA_FILE = "neo4j_constraints.cypher"

# Nodes that only exist because some paper links to them; removed when no paper does any more.
SHARED_LABELS = ("Method", "Dataset", "Task", "Metric", "Repository", "Link")
# Canonical entities: their aliases accumulate over loads.
ENTITY_LABELS = ("Method", "Dataset", "Task", "Metric")
# Nodes whose properties are all facts of one paper: replaced as a whole on reload.
REPLACED_LABELS = ("Paper", "Result")

T = TypeVar("T")


class Neo4jSinkError(RuntimeError):
    """Neo4j cannot be reached, refused the credentials, or rejected the schema."""


# --------------------------------------------------------------------------------------------
# Connection


@contextmanager
def _connect(
    uri: str | None, user: str | None, password: str | None
) -> Iterator[tuple[neo4j.Driver, str]]:
    """A verified driver, with connection and auth failures turned into helpful errors."""
    uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = user or os.environ.get("NEO4J_USER") or None
    if password is None:
        password = os.environ.get("NEO4J_PASSWORD")
    auth = None
    if user or password:
        # The image's default user; a server with auth disabled accepts any token.
        auth = (user or "neo4j", password or "")
    log.info("connecting to Neo4j at %s as %s", uri, auth[0] if auth else "(no auth)")
    try:
        driver = GraphDatabase.driver(uri, auth=auth)
    except ValueError as e:  # malformed URI
        raise Neo4jSinkError(f"bad Neo4j URI {uri!r}: {e}") from e
    try:
        with driver:
            driver.verify_connectivity()
            yield driver, uri
    except ServiceUnavailable as e:
        raise Neo4jSinkError(
            f"cannot reach Neo4j at {uri} ({e}). Start a local server with "
            "`scripts/neo4j-local start` (or `docker compose up -d neo4j`), "
            "or point NEO4J_URI at a running one."
        ) from e
    except AuthError as e:
        who = auth[0] if auth else "no credentials"
        raise Neo4jSinkError(
            f"Neo4j at {uri} refused the credentials ({who}). Set NEO4J_USER and "
            "NEO4J_PASSWORD (or pass user= / password=) to a valid login."
        ) from e


def _database(database: str | None) -> str | None:
    return database or os.environ.get("NEO4J_DATABASE") or None


def run_cypher(
    query: str,
    params: dict[str, Any] | None = None,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run one Cypher query (in a write transaction) and return its records as dicts.

    Example::

        >>> run_cypher("MATCH (p:Paper {id: $id}) RETURN p.title AS title",
        ...            {"id": "paper/p1"})                    # doctest: +SKIP
        [{'title': 'MCL: multi contrastive learning'}]
    """
    with _connect(uri, user, password) as (driver, _):
        records, _summary, _keys = driver.execute_query(
            query, params or {}, database_=_database(database)
        )
        return [r.data() for r in records]


# --------------------------------------------------------------------------------------------
# Schema


def schema_statements(text: str | None = None) -> list[str]:
    """The statements of ``schemas/neo4j_constraints.cypher`` (``;``-separated, ``//`` comments).

    >>> schema_statements("// c\\nCREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y); // d\\n")
    ['CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y)']
    """
    if text is None:
        text = schema_file(SCHEMA_FILE).read_text(encoding="utf-8")
    out: list[str] = []
    buf: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            buf.append(ch)
            if ch == "\\" and i + 1 < len(text):
                buf.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
            buf.append(ch)
        elif text.startswith("//", i):
            nl = text.find("\n", i)
            i = len(text) if nl < 0 else nl
            continue
        elif ch == ";":
            out.append(" ".join("".join(buf).split()))
            buf = []
        else:
            buf.append(ch)
        i += 1
    out.append(" ".join("".join(buf).split()))
    return [s for s in out if s]


def apply_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    """Create the constraints and indexes (idempotent) and wait until they are online."""
    for stmt in schema_statements():
        try:
            driver.execute_query(stmt, database_=database)
        except neo4j.exceptions.ClientError as e:
            raise Neo4jSinkError(
                f"Neo4j rejected a schema statement of schemas/{SCHEMA_FILE}: {stmt}\n{e}"
            ) from e
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


# --------------------------------------------------------------------------------------------
# Loading


def _label(label: str) -> str:
    if label not in NODE_LABELS:
        raise ValueError(f"node label {label!r} is not one of kg.graph.NODE_LABELS {NODE_LABELS}")
    return label


def _rel_type(rel_type: str) -> str:
    if rel_type not in EDGE_TYPES:
        raise ValueError(
            f"relationship type {rel_type!r} is not one of kg.graph.EDGE_TYPES {EDGE_TYPES}"
        )
    return rel_type


def _batches(rows: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _node_query(label: str) -> str:
    label = _label(label)
    if label in REPLACED_LABELS:
        # row.props carries the id too, so `=` keeps it.
        return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"
    if label in ENTITY_LABELS:
        return (
            f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
            "WITH n, row, coalesce(n.aliases, []) AS old "
            "SET n += row.props "
            "SET n.aliases = old + [a IN coalesce(row.props.aliases, []) WHERE NOT a IN old]"
        )
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"


def _rel_query(rel_type: str, source_label: str, target_label: str) -> str:
    t, s, d = _rel_type(rel_type), _label(source_label), _label(target_label)
    return (
        f"UNWIND $rows AS row MATCH (a:{s} {{id: row.s}}) MATCH (b:{d} {{id: row.t}}) "
        f"MERGE (a)-[r:{t} {{paper: row.paper}}]->(b) SET r += row.props"
    )


def _plan(
    graph: Graph,
) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str, str, str], list[dict[str, Any]]]]:
    """Rows per label and per (type, source label, target label); checks everything first."""
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in graph.nodes.values():
        _label(node.label)
        props = {k: v for k, v in node.props.items() if v is not None}
        if node.label in REPLACED_LABELS:
            props["id"] = node.id
        node_rows[node.label].append({"id": node.id, "props": props})
    rel_rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in graph.edges.values():
        _rel_type(edge.type)
        ends = []
        for end in (edge.source, edge.target):
            if end not in graph.nodes:
                raise ValueError(
                    f"edge {edge.key} refers to node {end!r}, which is not in the graph"
                )
            ends.append(graph.nodes[end].label)
        paper = str(edge.props.get("paper") or "")
        props = {k: v for k, v in edge.props.items() if v is not None and k != "paper"}
        rel_rows[(edge.type, ends[0], ends[1])].append(
            {"s": edge.source, "t": edge.target, "paper": paper, "props": props}
        )
    return node_rows, rel_rows


def _paper_ids(graph: Graph) -> list[str]:
    ids = {str(n.props["paper_id"]) for n in graph.nodes_by_label("Paper") if "paper_id" in n.props}
    ids |= {str(e.props["paper"]) for e in graph.edges.values() if e.props.get("paper")}
    return sorted(ids)


def _write(
    session: neo4j.Session, query: str, batches: Iterable[dict[str, Any]], counts: dict[str, int]
) -> None:
    """Run ``query`` once per parameter batch, each in its own (retried) write transaction."""

    def work(tx: neo4j.ManagedTransaction, params: dict[str, Any]) -> neo4j.SummaryCounters:
        return tx.run(query, params).consume().counters

    for params in batches:
        c = session.execute_write(work, params)
        counts["nodes_created"] += c.nodes_created
        counts["nodes_deleted"] += c.nodes_deleted
        counts["relationships_created"] += c.relationships_created
        counts["relationships_deleted"] += c.relationships_deleted


def load_graph(
    graph: Graph,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    batch_size: int = 1000,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Load ``graph`` into Neo4j, replacing the earlier facts of the papers it holds.

    Returns counts: ``papers``, ``nodes`` and ``relationships`` (in the graph), and what the
    database did: ``nodes_created``, ``nodes_deleted``, ``relationships_created``,
    ``relationships_deleted``.

    Raises :class:`ValueError` for a label, type or dangling edge the model does not allow
    (before anything is written) and :class:`Neo4jSinkError` when Neo4j cannot be used.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    node_rows, rel_rows = _plan(graph)
    papers = _paper_ids(graph)
    database = _database(database)
    say = progress or (lambda msg: log.info("%s", msg))
    counts = {
        "papers": len(papers),
        "nodes": len(graph.nodes),
        "relationships": len(graph.edges),
        "nodes_created": 0,
        "nodes_deleted": 0,
        "relationships_created": 0,
        "relationships_deleted": 0,
    }
    with _connect(uri, user, password) as (driver, resolved_uri):
        say(f"neo4j: applying schemas/{SCHEMA_FILE} on {resolved_uri}")
        apply_schema(driver, database)
        with driver.session(database=database) as session:
            say(f"neo4j: replacing the facts of {len(papers)} papers")
            paper_batches = [{"papers": b} for b in _batches(papers, batch_size)]
            for rel_type in EDGE_TYPES:
                q = f"MATCH ()-[r:{_rel_type(rel_type)}]->() WHERE r.paper IN $papers DELETE r"
                _write(session, q, paper_batches, counts)
            _write(
                session,
                "MATCH (n:Result) WHERE n.paper IN $papers DETACH DELETE n",
                paper_batches,
                counts,
            )
            for label in NODE_LABELS:
                rows = node_rows.get(label, [])
                if rows:
                    say(f"neo4j: merging {len(rows)} {label} nodes")
                    batches = ({"rows": b} for b in _batches(rows, batch_size))
                    _write(session, _node_query(label), batches, counts)
            for (rel_type, src, dst), rows in sorted(rel_rows.items()):
                say(f"neo4j: merging {len(rows)} {rel_type} relationships ({src} -> {dst})")
                batches = ({"rows": b} for b in _batches(rows, batch_size))
                _write(session, _rel_query(rel_type, src, dst), batches, counts)
            for label in SHARED_LABELS:
                q = f"MATCH (n:{_label(label)}) WHERE NOT EXISTS {{ (n)--() }} DELETE n"
                _write(session, q, [{}], counts)
    say(
        "neo4j: {nodes_created} nodes created, {nodes_deleted} deleted; "
        "{relationships_created} relationships created, {relationships_deleted} deleted".format(
            **counts
        )
    )
    return counts
