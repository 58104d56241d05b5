"""The main job as library calls: read -> extract -> resolve/graph -> sinks.

Example::

    >>> summary = build(["../shared/data/seed_abstracts.txt"], "out")  # doctest: +SKIP
    >>> summary.papers
    64
"""

from __future__ import annotations

import json
import multiprocessing as mp
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from kg.graph import Graph, build_graph
from kg.model import Paper, PaperRecord, Reject
from kg.sources import read_papers


@dataclass
class BuildSummary:
    out_dir: str
    papers_read: int = 0
    papers: int = 0
    rejects: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    files: dict[str, str] = field(default_factory=dict)
    neo4j: dict[str, Any] | None = None
    reject_messages: list[str] = field(default_factory=list)

    def format(self) -> str:
        lines = [
            f"papers read   {self.papers_read}",
            f"  in graph    {self.papers}",
            f"  rejected    {self.rejects}" + (" (see rejects.jsonl)" if self.rejects else ""),
            "entities      " + ", ".join(f"{k} {v}" for k, v in self.entities.items()),
            "relations     " + ", ".join(f"{k} {v}" for k, v in self.relations.items()),
            f"RDF triples   {self.triples}",
            f"written to    {self.out_dir}/: "
            + ", ".join(sorted(Path(p).name for p in self.files.values())),
        ]
        if self.neo4j is not None:
            lines.append("neo4j         " + ", ".join(f"{k} {v}" for k, v in self.neo4j.items()))
        return "\n".join(lines)


def _chunks(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _extract_chunk(papers: list[Paper]) -> tuple[list[PaperRecord], list[Reject]]:
    from kg.extract.pipeline import extract

    failed: list[Reject] = []
    return list(extract(papers, failed=failed)), failed


def extract_records(
    papers: Iterable[Paper],
    workers: int = 1,
    progress: bool = False,
    total: int | None = None,
    failed: list[Reject] | None = None,
) -> Iterator[PaperRecord]:
    """Records in input order; ``workers`` > 1 extracts in that many processes. A paper the
    extractor fails on is reported in ``failed`` (see :func:`kg.extract.pipeline.extract`);
    without ``failed`` the error propagates."""
    # disable=None: a bar only on a terminal, never in logs.
    bar = tqdm(total=total, unit="paper", disable=None if progress else True, desc="extract")
    try:
        if workers <= 1:
            from kg.extract.pipeline import extract

            for rec in extract(papers, failed=failed):
                bar.update(1)
                yield rec
            return
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(workers) as pool:
            for recs, bad in pool.imap(_extract_chunk, _chunks(papers, 200)):
                if bad:
                    if failed is None:
                        raise RuntimeError(bad[0].message())
                    failed.extend(bad)
                bar.update(len(recs) + len(bad))
                yield from recs
    finally:
        bar.close()


def split_rejects(items: Iterable[Paper | Reject], rejects: list[Reject]) -> Iterator[Paper]:
    for item in items:
        if isinstance(item, Reject):
            rejects.append(item)
        else:
            yield item


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def read_records(path: str | Path) -> Iterator[PaperRecord]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield PaperRecord.from_json(json.loads(line))


def load_graph(out_dir: str | Path) -> Graph:
    """The graph of a build directory, rebuilt from its records.jsonl."""
    return build_graph(read_records(Path(out_dir) / "records.jsonl"))


def extract_to_file(
    inputs: Sequence[str | Path],
    output: str | Path,
    workers: int = 1,
    progress: bool = True,
    encoding: str = "utf-8",
) -> tuple[int, list[Reject]]:
    """``kg extract``: one record per input paper, in input order, to a JSONL file."""
    rejects: list[Reject] = []
    papers = split_rejects(read_papers(inputs, encoding=encoding), rejects)
    records = extract_records(papers, workers, progress, failed=rejects)
    n = write_jsonl(Path(output), (r.to_json() for r in records))
    return n, rejects


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    workers: int = 1,
    progress: bool = True,
    encoding: str = "utf-8",
    rdf_formats: Sequence[str] = ("ttl", "nt", "jsonld"),
) -> BuildSummary:
    """Read, extract, build the graph and write every output to ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary(out_dir=str(out))
    rejects: list[Reject] = []
    papers = split_rejects(read_papers(inputs, encoding=encoding), rejects)
    records: list[PaperRecord] = []
    with open(out / "records.jsonl", "w", encoding="utf-8") as fh:
        for rec in extract_records(papers, workers, progress, failed=rejects):
            fh.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")
            records.append(rec)
    write_jsonl(out / "rejects.jsonl", ({**asdict(r), "message": r.message()} for r in rejects))
    summary.files["records"] = str(out / "records.jsonl")
    summary.files["rejects"] = str(out / "rejects.jsonl")
    summary.papers = len(records)
    summary.rejects = len(rejects)
    summary.reject_messages = [r.message() for r in rejects]
    summary.papers_read = summary.papers + summary.rejects

    return write_outputs(records, out, summary, rdf_formats, neo4j_uri, neo4j_user, neo4j_password)


def write_outputs(
    records: list[PaperRecord],
    out: Path,
    summary: BuildSummary,
    rdf_formats: Sequence[str] = ("ttl", "nt", "jsonld"),
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
) -> BuildSummary:
    """Graph, triples, RDF (and Neo4j) from records: the part of a build after extraction."""
    from kg.sinks.rdf import write_rdf
    from kg.sinks.triples import write_triples

    graph = build_graph(records)
    counts = Counter(n.label for n in graph.nodes.values())
    summary.entities = {
        k: counts[k]
        for k in ("Paper", "Method", "Dataset", "Task", "Metric", "Result", "Repository", "Link")
        if counts[k]
    }
    rel = Counter(e.type for e in graph.edges.values())
    summary.relations = dict(sorted(rel.items()))
    write_triples(graph, out / "triples.jsonl")
    summary.files["triples"] = str(out / "triples.jsonl")
    for fmt, path in write_rdf(graph, out, formats=tuple(rdf_formats)).items():
        summary.files[fmt] = str(path)
    summary.triples = _count_nt(out / "graph.nt") if (out / "graph.nt").exists() else 0
    if neo4j_uri:
        from kg.sinks.neo4j import load_graph as load_neo4j

        summary.neo4j = load_neo4j(graph, neo4j_uri, neo4j_user, neo4j_password)
    return summary


def merge_builds(
    build_dirs: Sequence[str | Path],
    out_dir: str | Path,
    rdf_formats: Sequence[str] = ("ttl", "nt", "jsonld"),
) -> BuildSummary:
    """One build from several: their records (a paper in a later folder replaces the same id
    in an earlier one) give the same graph, triples and RDF as building all inputs at once,
    because the graph is a function of the records and does not depend on their order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    by_id: dict[str, PaperRecord] = {}
    rejects: list[dict[str, Any]] = []
    for d in build_dirs:
        for rec in read_records(Path(d) / "records.jsonl"):
            by_id.pop(rec.id, None)  # keep the latest version, at its latest position
            by_id[rec.id] = rec
        rej = Path(d) / "rejects.jsonl"
        if rej.exists():
            rejects += [json.loads(line) for line in open(rej, encoding="utf-8") if line.strip()]
    records = list(by_id.values())
    summary = BuildSummary(out_dir=str(out))
    write_jsonl(out / "records.jsonl", (r.to_json() for r in records))
    write_jsonl(out / "rejects.jsonl", rejects)
    summary.files["records"] = str(out / "records.jsonl")
    summary.files["rejects"] = str(out / "rejects.jsonl")
    summary.papers, summary.rejects = len(records), len(rejects)
    summary.papers_read = summary.papers + summary.rejects
    return write_outputs(records, out, summary, rdf_formats)


def _count_nt(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip() and not line.startswith(b"#"))
