"""CSV files for ``neo4j-admin database import full``: the bulk way into a new Neo4j 5 database.

:func:`write_admin_csv` writes one node file per label (``nodes_Paper.csv``, ...) and one
relationship file per type (``rels_PROPOSES.csv``, ...) of a :class:`kg.graph.Graph`, plus
``import.sh`` holding the exact command. The database it gives holds what
:func:`kg.sinks.neo4j.load_graph` would load over Bolt into an empty database: the same nodes
(each with its ``id`` property), labels, relationship types and properties, property types
included. It does not create the constraints and indexes; apply
``schemas/neo4j_constraints.cypher`` afterwards (``cypher-shell -f``, or any
:func:`kg.sinks.neo4j.load_graph`, which applies it first).

Headers follow the import tool's format:

* nodes: ``id:ID`` (one global id space: kg ids are unique across labels and are also stored
  as the ``id`` property), ``:LABEL``, then one column per property, typed by its values:
  ``year:int`` (``long`` beyond 32 bits), ``confidence:float``, ``code_available:boolean``,
  ``aliases:string[]``, and plain strings untyped. A property whose values mix types is
  written as a string. The command passes ``--normalize-types=true`` (the tool's default),
  so ``int`` is stored as a 64-bit integer and ``float`` as a 64-bit double, as Bolt stores
  Python ints and floats (0.85 stays 0.85).
* relationships: ``:START_ID``, ``:END_ID``, ``:TYPE``, ``paper`` (always present, as the Bolt
  loader merges on it) and the other provenance properties (``start:int``, ``end:int``,
  ``confidence:float``, ...).

Every string is quoted (RFC 4180, ``""`` for a quote), so an empty string stays an empty
string; a missing property is an empty unquoted field, which the tool leaves unset. One
difference from a Bolt load: an empty list (say ``aliases: []``) is left unset, as the tool
reads an empty array field as no value (queries use ``coalesce(n.aliases, [])``). Arrays are
joined with the array delimiter: the first of :data:`ARRAY_DELIMITERS` that occurs in no
array element (or the one given). ``--multiline-fields=true`` is added to the command only
when some value holds a line break.

The command (what ``import.sh`` runs from its own folder; the database must not exist yet or
be empty, and the DBMS stopped)::

    neo4j-admin database import full neo4j --id-type=string --normalize-types=true \\
        --array-delimiter=U+007C \\
        --nodes=nodes_Paper.csv --nodes=nodes_Method.csv ... \\
        --relationships=rels_PROPOSES.csv ...

``NEO4J_ADMIN=/path/to/neo4j-admin NEO4J_HOME=... sh out/import.sh [DATABASE]``; without a
Neo4j installation, ``scripts/neo4j-admin-import CSV_DIR HOME_DIR`` runs the same import with
the import tool of the jars in ``neo4j/lib`` (see that script).

Example::

    >>> from kg.graph import Graph, Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("paper/p1", "Paper", {"title": "T", "year": 2021}))
    >>> import tempfile; d = tempfile.mkdtemp()
    >>> [p.name for p in write_admin_csv(g, d)]
    ['nodes_Paper.csv', 'import.sh']
    >>> open(f"{d}/nodes_Paper.csv").readline().strip()
    'id:ID,:LABEL,title,year:int'
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.graph import EDGE_TYPES, NODE_LABELS, Graph

#: Array delimiters tried in order; the first one found in no array element is used.
ARRAY_DELIMITERS = ("|", ";", "¦", "\x1f")
IMPORT_SCRIPT = "import.sh"

_INT32 = (-(2**31), 2**31 - 1)
# A property name the header syntax can carry: no ':' (type separator), no CSV specials.
_BAD_KEY = re.compile(r'[:,"\r\n]|^\s|\s$|^$')


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if _INT32[0] <= value <= _INT32[1] else "long"
    if isinstance(value, float):
        return "float"
    if isinstance(value, (list, tuple)):
        return "string[]"
    return "string"


def column_type(values: Iterable[Any]) -> str:
    """The import type of a property column from its (non-None) values.

    >>> column_type([2021, 1999]), column_type([1, 2**40]), column_type([0.5, 1])
    ('int', 'long', 'float')
    >>> column_type([["a"], []]), column_type(["x", 3]), column_type([True])
    ('string[]', 'string', 'boolean')
    """
    kinds = {_kind(v) for v in values}
    if not kinds:
        return "string"
    if len(kinds) == 1:
        return kinds.pop()
    if kinds <= {"int", "long"}:
        return "long"
    if kinds <= {"int", "long", "float"}:
        return "float"
    return "string"


def _header(key: str, typ: str) -> str:
    if _BAD_KEY.search(key) or key.startswith(":"):
        raise ValueError(
            f"property name {key!r} cannot be a neo4j-admin CSV header "
            "(no ':', ',', '\"', line breaks or surrounding spaces)"
        )
    return key if typ == "string" else f"{key}:{typ}"


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _cell(value: Any, typ: str, delimiter: str) -> str:
    """One CSV field. None -> empty (property left unset); strings always quoted."""
    if value is None:
        return ""
    if typ == "string[]":
        items = value if isinstance(value, (list, tuple)) else [value]
        return _quote(delimiter.join(str(v) for v in items))
    if typ == "string":
        if isinstance(value, (list, tuple)):
            return _quote(delimiter.join(str(v) for v in value))
        if isinstance(value, bool):
            return _quote("true" if value else "false")
        return _quote(str(value))
    if typ == "boolean":
        return "true" if value else "false"
    if typ in ("int", "long"):
        return str(int(value))
    if typ == "float":
        return repr(float(value))
    raise ValueError(f"unknown column type {typ!r}")


def _choose_delimiter(graph: Graph, delimiter: str | None) -> str:
    elements: set[str] = set()
    for node in graph.nodes.values():
        for v in node.props.values():
            if isinstance(v, (list, tuple)):
                elements.update(str(x) for x in v)
    for edge in graph.edges.values():
        for v in edge.props.values():
            if isinstance(v, (list, tuple)):
                elements.update(str(x) for x in v)
    candidates: Sequence[str] = (delimiter,) if delimiter is not None else ARRAY_DELIMITERS
    for d in candidates:
        if len(d) != 1 or d in '",\r\n':
            raise ValueError(
                f'array delimiter must be one character other than , " or a line break, not {d!r}'
            )
        if not any(d in e for e in elements):
            return d
    raise ValueError(
        f"every array delimiter {list(candidates)} occurs in some array element; "
        "pass array_delimiter= a character that does not"
    )


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> bool:
    """Write a CSV file; True when some field holds a line break."""
    multiline = False
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(header) + "\n")
        for row in rows:
            line = ",".join(row)
            if "\n" in line or "\r" in line:
                multiline = True
            fh.write(line + "\n")
    return multiline


def _columns(prop_maps: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    """(key, type) per property key, in order of first appearance."""
    keys: dict[str, list[Any]] = {}
    for props in prop_maps:
        for k, v in props.items():
            if k in skip or v is None:
                continue
            keys.setdefault(k, []).append(v)
    return [(k, column_type(vs)) for k, vs in keys.items()]


def admin_command(
    node_files: Sequence[str],
    rel_files: Sequence[str],
    array_delimiter: str = "|",
    multiline: bool = False,
    database: str = "neo4j",
    admin: str = "neo4j-admin",
) -> list[str]:
    """The ``neo4j-admin database import full`` argument list for these files.

    >>> admin_command(["nodes_Paper.csv"], ["rels_USES.csv"])  # doctest: +NORMALIZE_WHITESPACE
    ['neo4j-admin', 'database', 'import', 'full', 'neo4j', '--id-type=string',
     '--normalize-types=true', '--array-delimiter=U+007C', '--nodes=nodes_Paper.csv', '--relationships=rels_USES.csv']
    """
    # The database comes first: --nodes / --relationships take any number of files, so a
    # name after them would be read as one more file.
    cmd = [
        admin,
        "database",
        "import",
        "full",
        database,
        "--id-type=string",
        "--normalize-types=true",
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
    ]
    if multiline:
        cmd.append("--multiline-fields=true")
    cmd += [f"--nodes={f}" for f in node_files]
    cmd += [f"--relationships={f}" for f in rel_files]
    return cmd


def _script(cmd: list[str]) -> str:
    # cmd: admin, database, import, full, DATABASE, options...
    opts = " \\\n    ".join(shlex.quote(a) for a in cmd[5:])
    return f"""#!/bin/sh
# Bulk-import the CSV files of this folder (written by kg.sinks.neo4j_admin.write_admin_csv)
# into a new, empty Neo4j 5 database, with the DBMS stopped:
#
#   NEO4J_HOME=/path/to/neo4j sh import.sh [DATABASE]          # default database: neo4j
#   NEO4J_ADMIN=/path/to/bin/neo4j-admin sh import.sh ...       # neo4j-admin not on PATH
#   scripts/neo4j-admin-import THIS_DIR HOME_DIR                # no Neo4j installed (kg checkout)
#
# Add --overwrite-destination=true to replace an existing database. A database other than
# the default one must then be created: CREATE DATABASE name. Apply the kg constraints and
# indexes afterwards: cypher-shell -f schemas/neo4j_constraints.cypher
set -eu
cd "$(dirname "$0")"
exec "${{NEO4J_ADMIN:-neo4j-admin}}" database import full "${{1:-{cmd[4]}}}" \\
    {opts}
"""


def write_admin_csv(
    graph: Graph, out_dir: str | Path, array_delimiter: str | None = None
) -> list[Path]:
    """Write the graph as neo4j-admin import CSV files and ``import.sh``; return their paths
    (node files in :data:`kg.graph.NODE_LABELS` order, relationship files in
    :data:`kg.graph.EDGE_TYPES` order, then ``import.sh``).

    Raises :class:`ValueError` for a label or type outside the model, an edge whose end is not
    in the graph, or a property name a CSV header cannot carry.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    delimiter = _choose_delimiter(graph, array_delimiter)

    by_label: dict[str, list[Any]] = {label: [] for label in NODE_LABELS}
    for node in graph.nodes.values():
        if node.label not in by_label:
            raise ValueError(f"node {node.id!r}: label {node.label!r} is not in {NODE_LABELS}")
        by_label[node.label].append(node)
    by_type: dict[str, list[Any]] = {t: [] for t in EDGE_TYPES}
    for edge in graph.edges.values():
        if edge.type not in by_type:
            raise ValueError(f"edge {edge.key!r}: type {edge.type!r} is not in {EDGE_TYPES}")
        for end in (edge.source, edge.target):
            if end not in graph.nodes:
                raise ValueError(f"edge {edge.key} refers to node {end!r}, not in the graph")
        by_type[edge.type].append(edge)

    multiline = False
    node_files: list[Path] = []
    for label, nodes in by_label.items():
        if not nodes:
            continue
        cols = _columns([n.props for n in nodes], skip={"id"})
        header = ["id:ID", ":LABEL"] + [_header(k, t) for k, t in cols]
        rows = (
            [_quote(n.id), label] + [_cell(n.props.get(k), t, delimiter) for k, t in cols]
            for n in nodes
        )
        path = out / f"nodes_{label}.csv"
        multiline |= _write_csv(path, header, rows)
        node_files.append(path)

    rel_files: list[Path] = []
    for rel_type, edges in by_type.items():
        if not edges:
            continue
        cols = _columns([e.props for e in edges], skip={"paper"})
        header = [":START_ID", ":END_ID", ":TYPE", "paper"] + [_header(k, t) for k, t in cols]
        rows = (
            [_quote(e.source), _quote(e.target), rel_type, _quote(str(e.props.get("paper") or ""))]
            + [_cell(e.props.get(k), t, delimiter) for k, t in cols]
            for e in edges
        )
        path = out / f"rels_{rel_type}.csv"
        multiline |= _write_csv(path, header, rows)
        rel_files.append(path)

    cmd = admin_command(
        [p.name for p in node_files], [p.name for p in rel_files], delimiter, multiline
    )
    script = out / IMPORT_SCRIPT
    script.write_text(_script(cmd), encoding="utf-8")
    script.chmod(0o755)
    return [*node_files, *rel_files, script]
