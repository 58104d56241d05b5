"""The ``kg`` command. Each command parses options and calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

_NEO4J_HELP = "Neo4j Bolt URI (or env NEO4J_URI); user/password from NEO4J_USER / NEO4J_PASSWORD."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg-papers")
def main() -> None:
    """Turn ML paper titles and abstracts into a knowledge graph."""


def _report_rejects(rejects: list) -> None:  # type: ignore[type-arg]
    for r in rejects[:20]:
        click.echo(f"rejected: {r.message()}", err=True)
    if len(rejects) > 20:
        click.echo(f"... and {len(rejects) - 20} more rejects", err=True)


@main.command()
@click.argument("papers", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="records JSONL"
)
@click.option("--workers", default=1, show_default=True, help="extraction processes")
@click.option("--encoding", default="utf-8", show_default=True, help="input text encoding")
def extract(papers: tuple[Path, ...], output: Path, workers: int, encoding: str) -> None:
    """Extract one record per input paper (input order, input ids kept).

    Example: kg extract ../shared/eval/dev_papers.jsonl -o records.jsonl
    """
    from kg.build import extract_to_file

    n, rejects = extract_to_file(papers, output, workers=workers, encoding=encoding)
    _report_rejects(rejects)
    click.echo(f"{n} records written to {output}; {len(rejects)} rejected", err=True)
    if n == 0:
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", "out_dir", required=True, type=click.Path(path_type=Path), help="output folder"
)
@click.option("--neo4j", "neo4j_uri", default=None, help="also load into this Neo4j (bolt://...)")
@click.option("--workers", default=1, show_default=True, help="extraction processes")
@click.option("--encoding", default="utf-8", show_default=True, help="input text encoding")
@click.option("--quiet", is_flag=True, help="no progress bar")
@click.option(
    "--rdf",
    "rdf_formats",
    default="ttl,nt,jsonld",
    show_default=True,
    help="RDF files to write; graph.nt is streamed, ttl and jsonld build an in-memory graph "
    "(slow for tens of thousands of papers: use --rdf nt there)",
)
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    neo4j_uri: str | None,
    workers: int,
    encoding: str,
    quiet: bool,
    rdf_formats: str,
) -> None:
    """Read papers, extract, build the graph; write records, triples and RDF to OUT.

    Example: kg build ../shared/data/seed_abstracts.txt --out out
    """
    from kg.build import build as run_build

    summary = run_build(
        inputs,
        out_dir,
        neo4j_uri=neo4j_uri,
        workers=workers,
        progress=not quiet,
        encoding=encoding,
        rdf_formats=[f.strip() for f in rdf_formats.split(",") if f.strip()],
    )
    click.echo(summary.format())
    for msg in summary.reject_messages[:20]:
        click.echo(f"rejected: {msg}", err=True)
    if summary.rejects:
        click.echo(
            f"{summary.rejects} input record(s) rejected; reasons in {out_dir}/rejects.jsonl",
            err=True,
        )
    if summary.papers == 0:
        click.echo("error: no paper could be read from the input", err=True)
        sys.exit(1)


@main.command()
@click.argument(
    "build_dirs",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path))
@click.option("--rdf", "rdf_formats", default="ttl,nt,jsonld", show_default=True)
def merge(build_dirs: tuple[Path, ...], out_dir: Path, rdf_formats: str) -> None:
    """Merge build folders into one, equal to building all their inputs at once (a paper in a
    later folder replaces the same paper id in an earlier one).

    Example: kg merge out-a out-b --out out-ab
    """
    from kg.build import merge_builds

    summary = merge_builds(
        build_dirs, out_dir, rdf_formats=[f.strip() for f in rdf_formats.split(",") if f.strip()]
    )
    click.echo(summary.format())


@main.command()
@click.argument("out_dir", required=False, type=click.Path(path_type=Path))
@click.option("--sparql", default=None, help="SPARQL query over OUT_DIR's RDF (no server)")
@click.option("--cypher", default=None, help="Cypher query (needs --neo4j)")
@click.option("--neo4j", "neo4j_uri", default=None, envvar="NEO4J_URI", help=_NEO4J_HELP)
@click.option("--json", "as_json", is_flag=True, help="print rows as JSON lines")
def query(
    out_dir: Path | None,
    sparql: str | None,
    cypher: str | None,
    neo4j_uri: str | None,
    as_json: bool,
) -> None:
    """Ask the graph: SPARQL over a build folder, or Cypher against Neo4j.

    Example: kg query out --sparql 'SELECT (COUNT(?p) AS ?n) WHERE { ?p a <http://schema.org/ScholarlyArticle> }'
    """
    if bool(sparql) == bool(cypher):
        raise click.UsageError("give exactly one of --sparql or --cypher")
    if sparql:
        if out_dir is None:
            raise click.UsageError("--sparql needs the build folder: kg query OUT --sparql '...'")
        from kg.query import sparql as run_sparql

        rows = run_sparql(out_dir, sparql)
    else:
        if not neo4j_uri:
            raise click.UsageError("--cypher needs --neo4j URI (or NEO4J_URI)")
        from kg.sinks.neo4j import run_cypher

        rows = run_cypher(cypher or "", uri=neo4j_uri)
    _print_rows(rows, as_json)


def _print_rows(rows: list[dict], as_json: bool) -> None:  # type: ignore[type-arg]
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    from kg.query import format_table

    click.echo(format_table(rows))


@main.group()
def load() -> None:
    """Load a build folder into a database."""


@load.command("neo4j")
@click.argument("out_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--uri", default=None, envvar="NEO4J_URI", help=_NEO4J_HELP)
@click.option("--user", default=None, envvar="NEO4J_USER")
@click.option(
    "--password", default=None, envvar="NEO4J_PASSWORD", help="better: env NEO4J_PASSWORD"
)
def load_neo4j(out_dir: Path, uri: str | None, user: str | None, password: str | None) -> None:
    """Load OUT_DIR's graph into Neo4j (constraints first, then batched MERGE; idempotent).

    Example: NEO4J_URI=bolt://127.0.0.1:7687 kg load neo4j out
    """
    from kg.build import load_graph
    from kg.sinks.neo4j import load_graph as load_neo4j

    stats = load_neo4j(load_graph(out_dir), uri, user, password)
    click.echo(", ".join(f"{k} {v}" for k, v in stats.items()))


@main.command("eval")
@click.argument("papers", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", type=click.Path(exists=True, path_type=Path), help="gold JSONL")
@click.option(
    "--records", type=click.Path(exists=True, path_type=Path), help="score existing records"
)
@click.option(
    "--tdmsci", type=click.Path(exists=True, path_type=Path), help="TDMSci folder or .conll"
)
@click.option("--no-errors", is_flag=True, help="only the score table")
def eval_cmd(
    papers: Path | None,
    gold: Path | None,
    records: Path | None,
    tdmsci: Path | None,
    no_errors: bool,
) -> None:
    """Score extraction against gold (per field P/R/F1, then errors per paper).

    Example: kg eval --gold ../shared/eval/dev_gold.jsonl ../shared/eval/dev_papers.jsonl
    """
    if tdmsci:
        from kg.extract.spans import tag_sentences
        from kg.tdmsci import evaluate_tdmsci, format_span_report

        path = tdmsci
        if path.is_dir():
            from kg.tdmsci import conll_path

            path = conll_path("test", path)
        click.echo(format_span_report(evaluate_tdmsci(path, tag_sentences)))
        return
    if gold is None:
        raise click.UsageError("give --gold GOLD.jsonl with PAPERS or --records, or --tdmsci DIR")
    from kg.evaluate import evaluate, format_report, load_jsonl

    if records is not None:
        recs = load_jsonl(records)
    elif papers is not None:
        from kg.build import extract_records, split_rejects
        from kg.sources import read_papers

        rejects: list = []  # type: ignore[type-arg]
        extracted = extract_records(split_rejects(read_papers([papers]), rejects), failed=rejects)
        recs = [r.to_json() for r in extracted]
        _report_rejects(rejects)
    else:
        raise click.UsageError("give PAPERS.jsonl to extract, or --records RECORDS.jsonl")
    click.echo(format_report(evaluate(load_jsonl(gold), recs), errors=not no_errors))


@main.command("export")
@click.argument("fmt", type=click.Choice(["graphml", "gexf", "cyjs", "neo4j-admin"]))
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def export_cmd(fmt: str, out_dir: Path) -> None:
    """Write OUT_DIR/graph.graphml, graph.gexf, graph.cyjs (Gephi, Cytoscape), or CSV files
    for `neo4j-admin database import full` under OUT_DIR/neo4j-admin/ with an import.sh.

    Example: kg export graphml out
    """
    from kg.build import load_graph

    graph = load_graph(out_dir)
    if fmt == "neo4j-admin":
        from kg.sinks.neo4j_admin import write_admin_csv

        for path in write_admin_csv(graph, out_dir / "neo4j-admin"):
            click.echo(str(path))
        return
    from kg.sinks.netx import export

    click.echo(str(export(graph, fmt, out_dir)))


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="HTML file (default OUT_DIR/graph.html)",
)
@click.option(
    "--max-nodes",
    default=1500,
    show_default=True,
    help="show the best-connected N nodes of larger graphs",
)
def viz(out_dir: Path, output: Path | None, max_nodes: int) -> None:
    """One self-contained interactive HTML view of the graph (no network needed to view it).

    Example: kg viz out -o graph.html
    """
    from kg.build import load_graph
    from kg.sinks.html import write_html

    path = write_html(load_graph(out_dir), output or out_dir / "graph.html", max_nodes=max_nodes)
    click.echo(str(path))


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def stats(out_dir: Path) -> None:
    """Counts per type, degree distribution, top datasets and methods; writes stats.json/.png.

    Example: kg stats out
    """
    from kg.build import load_graph
    from kg.stats import format_stats, write_stats
    from kg.stats import stats as compute

    graph = load_graph(out_dir)
    write_stats(graph, out_dir)
    click.echo(format_stats(compute(graph)))


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("name")
def entity(out_dir: Path, name: str) -> None:
    """Show one entity of OUT_DIR's graph: its id, names, aliases, Papers-with-Code id, papers.

    Example: kg entity out ImageNet-1K
    """
    from kg.build import load_graph
    from kg.identity import describe_entity, format_entity

    try:
        click.echo(format_entity(describe_entity(load_graph(out_dir), name)))
    except LookupError as e:
        raise click.ClickException(f"{e}; try `kg duplicates` or a shorter name") from e


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--threshold", default=0.85, show_default=True, help="name similarity, 0..1")
@click.option("--limit", default=50, show_default=True, help="rows to print")
def duplicates(out_dir: Path, threshold: float, limit: int) -> None:
    """List suspected duplicates: near-identical names that were NOT merged, for review.

    Example: kg duplicates out --threshold 0.9
    """
    from kg.build import load_graph
    from kg.identity import format_duplicates, suspected_duplicates

    items = suspected_duplicates(load_graph(out_dir), threshold)
    click.echo(format_duplicates(items, limit=limit))


if __name__ == "__main__":
    main()
