"""Benchmark: rdflib Turtle serialisation vs the streaming N-Triples writer, same process.

Builds a synthetic but realistically shaped graph (papers with proposed and used methods,
datasets, tasks, metrics, results, comparisons and links, every fact with evidence) through
kg.graph.build_graph, then times

* ``to_rdflib(graph)`` (building the rdflib graph; reported, not part of the ratio),
* ``rdflib.Graph.serialize(format="turtle")`` of that graph,
* ``kg.sinks.ntriples.write_ntriples(graph, ...)`` straight from the property graph,

and prints the ratio Turtle / streaming N-Triples (target >= 5x). Run::

    python bench/bench_ntriples.py --papers 3000
    kg extract ../shared/data/paperlists_abstracts.jsonl.gz -o corpus.jsonl --workers 2
    python bench/bench_ntriples.py --records corpus.jsonl     # the real corpus graph
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from kg.graph import Graph, build_graph
from kg.model import (
    ComparisonItem,
    EntityItem,
    Evidence,
    LinkItem,
    Paper,
    PaperRecord,
    ResultItem,
)
from kg.resolve import Resolver
from kg.sinks.ntriples import write_ntriples
from kg.sinks.rdf import to_rdflib

EXTRACTORS = ("ner", "proposed_method", "results", "comparison", "links")


def _zipf(rng: random.Random, n: int) -> int:
    """A rank in [0, n) with a long tail (few popular entities, many rare ones)."""
    return min(int(rng.paretovariate(1.1)) - 1, n - 1)


def synthetic_records(n_papers: int, seed: int = 7) -> list[PaperRecord]:
    rng = random.Random(seed)
    methods = [f"Net-{i}" for i in range(max(50, n_papers))]
    datasets = [f"Bench-{i}K" for i in range(max(20, n_papers // 10))]
    tasks = [f"task number {i}" for i in range(max(10, n_papers // 30))]
    metrics = [f"metric {i} accuracy" for i in range(max(5, n_papers // 100))]
    records = []
    for p in range(n_papers):
        pid = f"syn-{p}"
        prop = f"Prop{p}Net"
        used = [methods[_zipf(rng, len(methods))] for _ in range(rng.randint(1, 4))]
        ds = [datasets[_zipf(rng, len(datasets))] for _ in range(rng.randint(1, 3))]
        ts = [tasks[_zipf(rng, len(tasks))] for _ in range(rng.randint(1, 2))]
        ms = [metrics[_zipf(rng, len(metrics))] for _ in range(rng.randint(1, 2))]
        sentences = [
            f'We propose {prop}, a "new" approach to {ts[0]} building on {", ".join(used)}.',
            f"Experiments on {', '.join(ds)} measure {', '.join(ms)}.",
            f"{prop} outperforms {used[0]} and reaches {rng.uniform(40, 99):.1f}% {ms[0]} "
            f"on {ds[0]}.",
            f"Code: https://github.com/lab{p % 97}/{prop.lower()} ; weights: "
            f"https://example.org/{pid}/weights.",
        ]
        abstract = " ".join(sentences)

        def ev(
            mention: str, extractor: str, conf: float, _a: str = abstract, _s: list = sentences
        ) -> Evidence:
            start = max(_a.find(mention), 0)
            sent = next((s for s in _s if mention in s), _s[0])
            return Evidence("abstract", start, start + len(mention), mention, sent, extractor, conf)

        def ent(name: str, conf: float) -> EntityItem:
            return EntityItem(name, confidence=conf, mentions=[ev(name, "ner", conf)])

        value = sentences[2].split(" reaches ")[1].split("%")[0] + "%"
        records.append(
            PaperRecord(
                id=pid,
                title=f"{prop}: Towards Better {ts[0].title()}",
                proposed=[
                    EntityItem(
                        prop,
                        long=f"proposed network {p}",
                        aliases=[f"{prop}-L"],
                        confidence=0.9,
                        mentions=[ev(prop, "proposed_method", 0.9)],
                    )
                ],
                methods=[ent(m, 0.8) for m in dict.fromkeys(used)],
                datasets=[ent(d, 0.85) for d in dict.fromkeys(ds)],
                tasks=[ent(t, 0.6) for t in dict.fromkeys(ts)],
                metrics=[ent(m, 0.7) for m in dict.fromkeys(ms)],
                results=[
                    ResultItem(
                        value,
                        method=prop,
                        dataset=ds[0],
                        metric=ms[0],
                        confidence=0.75,
                        mentions=[ev(value, "results", 0.75)],
                    )
                ],
                outperforms=[
                    ComparisonItem(
                        prop,
                        used[0],
                        confidence=0.7,
                        mentions=[ev(f"{prop} outperforms {used[0]}", "comparison", 0.7)],
                    )
                ],
                links=[
                    LinkItem(
                        f"https://github.com/lab{p % 97}/{prop.lower()}",
                        "code",
                        0.95,
                        [ev("https://github.com", "links", 0.95)],
                    ),
                    LinkItem(
                        f"https://example.org/{pid}/weights",
                        "model",
                        0.9,
                        [ev("https://example.org", "links", 0.9)],
                    ),
                ],
                code_available=True,
                paper=Paper(
                    id=pid,
                    title=f"{prop}: Towards Better {ts[0].title()}",
                    abstract=abstract,
                    year=2015 + p % 10,
                    url=f"https://example.org/papers/{pid}",
                ),
            )
        )
    return records


def run(n_papers: int, records: str | None = None) -> float:
    if records:
        # The real graph of an extraction run (e.g. the 38,521-paper corpus).
        from kg.build import read_records

        recs = list(read_records(records))
        n_papers = len(recs)
        graph: Graph = build_graph(recs)
    else:
        graph = build_graph(synthetic_records(n_papers), Resolver(use_gazetteer=False))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        n = write_ntriples(graph, Path(tmp) / "graph.nt")
        t_nt = time.perf_counter() - t0

        t0 = time.perf_counter()
        g = to_rdflib(graph)
        t_build = time.perf_counter() - t0

        t0 = time.perf_counter()
        g.serialize(destination=Path(tmp) / "graph.ttl", format="turtle", encoding="utf-8")
        t_ttl = time.perf_counter() - t0
    assert n == len(g)
    print(
        f"papers={n_papers} nodes={len(graph.nodes)} edges={len(graph.edges)} triples={n}\n"
        f"streaming N-Triples : {t_nt:8.2f} s\n"
        f"to_rdflib (build)   : {t_build:8.2f} s\n"
        f"rdflib Turtle       : {t_ttl:8.2f} s\n"
        f"ratio Turtle / streaming N-Triples           = {t_ttl / t_nt:5.1f}x\n"
        f"ratio (build + Turtle) / streaming N-Triples = {(t_build + t_ttl) / t_nt:5.1f}x"
    )
    return t_ttl / t_nt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=3000)
    ap.add_argument("--records", default=None, help="records.jsonl of a real run instead")
    args = ap.parse_args()
    run(args.papers, args.records)


if __name__ == "__main__":
    main()
