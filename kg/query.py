"""SPARQL over a build directory, with no server.

:func:`sparql` loads ``graph.nt`` (else ``graph.ttl``, else ``graph.jsonld``) of a build
directory into an in-memory pyoxigraph store (fast; rdflib is the fallback when pyoxigraph is
missing or cannot read the file) and answers one query. The prefixes of
:data:`kg.sinks.rdf.PREFIXES` (``kgo:``, ``schema:``, ``skos:``, ``mls:``, ``prov:``, ...) are
declared for the query unless it declares them itself.

Rows are ``{variable: value}`` with values as strings: an IRI as the IRI, a literal as its
lexical form, a blank node as ``_:id``; unbound variables are left out. ``ASK`` gives
``[{"boolean": "true"|"false"}]``; ``CONSTRUCT`` / ``DESCRIBE`` give
``subject`` / ``predicate`` / ``object`` rows.

Example::

    rows = sparql("out", "SELECT ?t WHERE { ?p a schema:ScholarlyArticle ; dcterms:title ?t }")
    print(format_table(rows))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.sinks.rdf import PREFIXES

DATA_FILES = ("graph.nt", "graph.ttl", "graph.jsonld")
_RDFLIB_FORMATS = {".nt": "nt", ".ttl": "turtle", ".jsonld": "json-ld"}

# One loaded store, keyed by (path, mtime, size): repeated CLI / notebook queries reuse it.
_cache: dict[tuple[str, int, int], Any] = {}


def data_file(out_dir: str | Path) -> Path:
    """The RDF file to query in a build directory (or ``out_dir`` itself if it is a file)."""
    p = Path(out_dir)
    if p.is_file():
        return p
    for name in DATA_FILES:
        if (p / name).is_file():
            return p / name
    raise FileNotFoundError(f"no {' / '.join(DATA_FILES)} in {p}")


def with_prefixes(query: str) -> str:
    """``query`` with PREFIX declarations added for the known prefixes it does not declare."""
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", query)}
    head = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*head, query])


def sparql(out_dir: str | Path, query: str, *, engine: str = "auto") -> list[dict[str, str]]:
    """Answer a SPARQL query over the RDF of a build directory (``engine``: auto, oxigraph,
    rdflib)."""
    path = data_file(out_dir)
    q = with_prefixes(query)
    if engine not in ("auto", "oxigraph", "rdflib"):
        raise ValueError(f"unknown engine {engine!r}")
    if engine in ("auto", "oxigraph"):
        try:
            store = _oxigraph_store(path)
        except ImportError:
            if engine == "oxigraph":
                raise
        except (SyntaxError, ValueError):
            if engine == "oxigraph":
                raise
        else:
            return _oxigraph_rows(store.query(q))
    return _rdflib_rows(_rdflib_graph(path).query(q))


# ---------------------------------------------------------------------------------- oxigraph


def _key(path: Path, engine: str) -> tuple[str, int, int]:
    st = path.stat()
    return (f"{engine}:{path.resolve()}", st.st_mtime_ns, st.st_size)


def _oxigraph_store(path: Path) -> Any:
    import pyoxigraph as ox

    key = _key(path, "oxigraph")
    if key not in _cache:
        fmt = {
            ".nt": ox.RdfFormat.N_TRIPLES,
            ".ttl": ox.RdfFormat.TURTLE,
            ".jsonld": ox.RdfFormat.JSON_LD,
        }.get(path.suffix)
        store = ox.Store()
        store.bulk_load(path=str(path), format=fmt)
        _cache.clear()
        _cache[key] = store
    return _cache[key]


def _ox_str(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _select_rows(
    names: list[str], solutions: Any, to_str: Callable[[Any], str]
) -> list[dict[str, str]]:
    """SELECT solutions as {variable: string}, unbound variables left out (either engine)."""
    return [
        {name: to_str(sol[name]) for name in names if sol[name] is not None} for sol in solutions
    ]


def _oxigraph_rows(result: Any) -> list[dict[str, str]]:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return [{"boolean": "true" if bool(result) else "false"}]
    if isinstance(result, ox.QueryTriples):
        return [
            {
                "subject": _ox_str(t.subject),
                "predicate": _ox_str(t.predicate),
                "object": _ox_str(t.object),
            }
            for t in result
        ]
    return _select_rows([v.value for v in result.variables], result, _ox_str)


# ------------------------------------------------------------------------------------ rdflib


def _rdflib_graph(path: Path) -> Any:
    from rdflib import Graph

    key = _key(path, "rdflib")
    if key not in _cache:
        g = Graph().parse(path, format=_RDFLIB_FORMATS.get(path.suffix, "nt"))
        _cache.clear()
        _cache[key] = g
    return _cache[key]


def _rd_str(term: Any) -> str:
    from rdflib import BNode

    return "_:" + str(term) if isinstance(term, BNode) else str(term)


def _rdflib_rows(result: Any) -> list[dict[str, str]]:
    if result.type == "ASK":
        return [{"boolean": "true" if result.askAnswer else "false"}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [
            {"subject": _rd_str(s), "predicate": _rd_str(p), "object": _rd_str(o)}
            for s, p, o in result.graph
        ]
    return _select_rows([str(v) for v in result.vars], result, _rd_str)


# ------------------------------------------------------------------------------------- table


def format_table(
    rows: Iterable[dict[str, str]], columns: Sequence[str] | None = None, max_width: int = 60
) -> str:
    """A plain aligned text table of query rows (cells cut to ``max_width``), for the CLI."""
    rows = list(rows)
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r))
    if not columns:
        return "(no results)"

    def cell(value: str) -> str:
        value = " ".join(str(value).split())
        return value if len(value) <= max_width else value[: max_width - 1] + "…"

    body = [[cell(r.get(c, "")) for c in columns] for r in rows]
    widths = [max([len(c), *(len(b[i]) for b in body)]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(b, widths, strict=True)).rstrip() for b in body]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
