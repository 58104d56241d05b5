"""Neo4j sink: load a :class:`kg.graph.Graph` into Neo4j 5, idempotently, paper by paper.

What :func:`load_graph` does, in order (after the ways of neo4j-graphrag's ``kg_writer``:
schema before data, ``UNWIND $rows`` batches, parameters only):

1. applies ``schemas/neo4j_constraints.cypher`` (uniqueness on ``id`` per label, name indexes,
   the ``entity_names`` full-text index);
2. deletes the old facts of every paper in the graph: relationships whose ``paper`` property is
   one of its ids and Result nodes whose ``paper`` is one of them, so a paper loaded again (say
   with a changed abstract) has its facts replaced, not added to;
3. settles identity with what the database already holds (``docs/IDENTITY.md``): for every
   short name ("family") the graph or the deleted facts touch, it reads the long forms the
   remaining papers define it with (kept on their relationships), decides each paper's node
   with :func:`kg.resolve.decide_family` over all papers, moves relationships whose node
   changed, and re-keys the graph's own edges the same way;
4. merges nodes by ``id`` per label and relationships by (source, type, target, ``paper``);
5. recomputes the properties of every entity, Repository and Link node it touched from the
   per-paper votes stored on its relationships (``surface``, ``long``, ``aliases``, ``url``,
   ``kind``) with the same functions as :func:`kg.graph.build_graph`: the preferred name is
   the form most papers use, aliases are exactly the forms the loaded papers use;
6. deletes entity / Repository / Link nodes left without any relationship.

So the database equals a load of the whole graph of all papers loaded so far, whatever the
order and split of the loads. Loading the same graph twice leaves node and relationship
counts unchanged. Labels and
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

from kg.graph import (
    EDGE_TYPES,
    NODE_LABELS,
    Edge,
    Graph,
    Node,
    VoteTally,
    apply_decisions,
    family_ends,
    is_family_node,
    paper_defs,
)
from kg.paths import schema_file
from kg.resolve import SENSE_SEP, FamilyDecision, Resolver, decide_family, family_of

log = logging.getLogger(__name__)

DEFAULT_URI = "bolt://127.0.0.1:7687"
SCHEMA_FILE = "neo4j_constraints.cypher"

# Nodes that only exist because some paper links to them; removed when no paper does any more.
SHARED_LABELS = ("Method", "Dataset", "Task", "Metric", "Repository", "Link")
# Canonical entities: their properties are recomputed from their relationships' votes.
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
    # Shared nodes: the recompute step then sets their properties from all their votes.
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


# --------------------------------------------------------------------------------------------
# Identity across loads (docs/IDENTITY.md)

_VOTE_FIELDS = (
    "paper: r.paper, surface: r.surface, source_surface: r.source_surface, "
    "long: r.long, aliases: r.aliases, url: r.url, kind: r.kind"
)


def _read(session: neo4j.Session, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [r.data() for r in tx.run(query, params)]

    return session.execute_read(work)


def _touched(
    session: neo4j.Session, papers: list[str], batch_size: int
) -> dict[str, tuple[str, bool]]:
    """Shared nodes at the ends of the relationships of ``papers``: id -> (label, gazetteer)."""
    out: dict[str, tuple[str, bool]] = {}
    for rel_type in EDGE_TYPES:
        q = (
            f"MATCH (a)-[r:{_rel_type(rel_type)}]->(b) WHERE r.paper IN $papers "
            "UNWIND [a, b] AS n WITH DISTINCT n WHERE n.id IS NOT NULL "
            "RETURN n.id AS id, labels(n)[0] AS label, coalesce(n.gazetteer, false) AS gaz"
        )
        for b in _batches(papers, batch_size):
            for row in _read(session, q, {"papers": b}):
                if row["label"] in SHARED_LABELS:
                    out[row["id"]] = (row["label"], bool(row["gaz"]))
    return out


def _family_rels(
    session: neo4j.Session, families: dict[str, str], batch_size: int
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """The database's nodes of the given families (plain id -> label) and every relationship
    at them: (family node ids -> label, relationship element id -> row)."""
    nodes: dict[str, str] = {}
    by_label: dict[str, list[str]] = defaultdict(list)
    for fam, label in families.items():
        by_label[label].append(fam)
    for label, fams in by_label.items():
        # The plain node by id, its sense nodes by id prefix (both index seeks).
        q = (
            f"UNWIND $fams AS f CALL {{ WITH f MATCH (n:{_label(label)} {{id: f}}) RETURN n "
            f"UNION WITH f MATCH (n:{_label(label)}) WHERE n.id STARTS WITH f + $sep "
            "RETURN n } WITH n WHERE NOT coalesce(n.gazetteer, false) RETURN n.id AS id"
        )
        for b in _batches(sorted(fams), batch_size):
            for row in _read(session, q, {"fams": b, "sep": SENSE_SEP}):
                nodes[row["id"]] = label
    rels: dict[str, dict[str, Any]] = {}
    ids_by_label: dict[str, list[str]] = defaultdict(list)
    for nid, label in nodes.items():
        ids_by_label[label].append(nid)
    for label, ids in ids_by_label.items():
        q = (
            f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}})-[r]-(m) "
            "RETURN elementId(r) AS rid, type(r) AS type, startNode(r).id AS s, "
            "endNode(r).id AS t, labels(startNode(r))[0] AS sl, labels(endNode(r))[0] AS tl, "
            "r.paper AS paper, r.long AS long"
        )
        for b in _batches(sorted(ids), batch_size):
            for row in _read(session, q, {"ids": b}):
                rels[row["rid"]] = row
    return nodes, rels


def _settle_families(
    session: neo4j.Session,
    graph: Graph,
    touched: dict[str, tuple[str, bool]],
    batch_size: int,
    counts: dict[str, int],
) -> tuple[Graph, dict[str, FamilyDecision], set[tuple[str, str]]]:
    """Decide every family the load touches over database + graph, move the database's
    relationships that change node, and return the re-keyed graph, the decisions and the
    (id, label) of every family node involved."""
    families: dict[str, str] = {}
    for node in graph.nodes.values():
        if is_family_node(node):
            families[family_of(node.id)] = node.label
    for nid, (label, gaz) in touched.items():
        if label in ENTITY_LABELS and not gaz:
            families[family_of(nid)] = label
    db_nodes, rels = _family_rels(session, families, batch_size)
    ends = family_ends(graph)
    for row in rels.values():
        for end, label in ((row["s"], row["sl"]), (row["t"], row["tl"])):
            if end in db_nodes:
                long = row["long"] if end == row["t"] and row["type"] in _MENTION else None
                ends.append((family_of(end), label, str(row["paper"] or ""), long))
    decisions = {f: decide_family(f, defs) for f, defs in paper_defs(ends).items()}

    def moved(end: str, paper: str) -> str:
        if end not in db_nodes:
            return end
        return decisions[family_of(end)].node_of.get(paper, end)

    moves: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    involved = {(nid, label) for nid, label in db_nodes.items()}
    for rid, row in rels.items():
        paper = str(row["paper"] or "")
        s, t = moved(row["s"], paper), moved(row["t"], paper)
        if (s, t) != (row["s"], row["t"]):
            moves[(row["type"], row["sl"], row["tl"])].append({"rid": rid, "s": s, "t": t})
            involved |= {(s, row["sl"]), (t, row["tl"])}
    for (rel_type, sl, tl), rows in sorted(moves.items()):
        q = (
            f"UNWIND $rows AS row MATCH ()-[r:{_rel_type(rel_type)}]->() "
            "WHERE elementId(r) = row.rid "
            f"MERGE (a:{_label(sl)} {{id: row.s}}) MERGE (b:{_label(tl)} {{id: row.t}}) "
            f"CREATE (a)-[r2:{rel_type}]->(b) SET r2 = properties(r) DELETE r"
        )
        _write(session, q, ({"rows": b} for b in _batches(rows, batch_size)), counts)
    copy = Graph(
        {nid: Node(n.id, n.label, dict(n.props)) for nid, n in graph.nodes.items()},
        {k: Edge(e.source, e.type, e.target, dict(e.props)) for k, e in graph.edges.items()},
    )
    apply_decisions(copy, decisions)
    involved |= {(n.id, n.label) for n in copy.nodes.values() if is_family_node(n)}
    return copy, decisions, involved


_MENTION = frozenset({"PROPOSES", "USES", "INTRODUCES", "EVALUATED_ON", "ADDRESSES", "MEASURES"})


def _recompute(
    session: neo4j.Session,
    nodes: dict[str, str],
    decisions: dict[str, FamilyDecision],
    batch_size: int,
    counts: dict[str, int],
) -> None:
    """Set the properties of the given shared nodes (id -> label) from their relationships'
    votes, with the same functions the in-memory graph uses."""
    tally = VoteTally(Resolver(use_gazetteer=False))
    by_label: dict[str, list[str]] = defaultdict(list)
    for nid, label in nodes.items():
        by_label[label].append(nid)
    for label, ids in sorted(by_label.items()):
        q = (
            f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) "
            "OPTIONAL MATCH (n)-[r]-() "
            "RETURN id, properties(n) AS props, collect(CASE WHEN r IS NULL THEN null ELSE "
            f"{{type: type(r), out: startNode(r) = n, {_VOTE_FIELDS}}} END) AS rels"
        )
        rows: list[dict[str, Any]] = []
        for b in _batches(sorted(ids), batch_size):
            for row in _read(session, q, {"ids": b}):
                node = Node(row["id"], label, dict(row["props"]))
                node.props.pop("id", None)
                for r in row["rels"]:
                    props = {k: v for k, v in r.items() if v is not None}
                    which = "source" if props.pop("out") else "target"
                    edge = Edge("", str(props.pop("type")), "", props)
                    tally.add(node.id, label, edge, which)
                decision = decisions.get(family_of(node.id)) if is_family_node(node) else None
                new = tally.props(node, decision)
                if new is not None:
                    new = {k: v for k, v in new.items() if v is not None}
                    rows.append({"id": node.id, "props": {**new, "id": node.id}})
        q = f"UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}}) SET n = row.props"
        _write(session, q, ({"rows": b} for b in _batches(rows, batch_size)), counts)


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
    _plan(graph)  # checks labels, types and dangling edges before anything is written
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
            touched = _touched(session, papers, batch_size)
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
            say("neo4j: settling identity with the loaded papers")
            graph, decisions, involved = _settle_families(
                session, graph, touched, batch_size, counts
            )
            node_rows, rel_rows = _plan(graph)
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
            shared = {nid: label for nid, (label, _gaz) in touched.items()}
            shared.update({nid: label for nid, label in involved})
            shared.update({n.id: n.label for n in graph.nodes.values() if n.label in SHARED_LABELS})
            say(f"neo4j: recomputing the properties of {len(shared)} shared nodes")
            _recompute(session, shared, decisions, batch_size, counts)
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
