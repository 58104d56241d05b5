"""Measure entity identity on the paper corpus (figures for docs/IDENTITY.md, never asserted).

Builds the graph of ``../shared/data/paperlists_abstracts.jsonl.gz`` (38,521 papers: several
minutes of extraction with 2 workers) and prints:

* node counts, and the Dataset / Method nodes whose names share one
  :func:`kg.names.name_key` (an identity failure: should be 0);
* how many entity nodes merged two or more distinct surface forms ("merges"), and writes a
  random sample of them (``--sample``, seeded) to ``--out`` for checking by reading;
* acronym families split by sense, suspected duplicates (:func:`kg.identity.suspected_duplicates`);
* order independence on the corpus: the graph of the shuffled records, and the merge of the
  graphs of two halves, compared with the graph of all records in order.

Usage::

    python bench/measure_identity.py                                  # extract, then measure
    python bench/measure_identity.py --save-records /tmp/corpus_records.jsonl
    python bench/measure_identity.py --records /tmp/corpus_records.jsonl   # reuse extraction
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from kg.build import extract_records, read_records
from kg.evaluate import shared_dir
from kg.graph import Graph, build_graph, merge_graphs
from kg.identity import merged_entities, name_collisions, surface_forms, suspected_duplicates
from kg.model import Paper, PaperRecord
from kg.resolve import ENTITY_LABELS
from kg.sources import read_papers


def snapshot(g: Graph) -> tuple[dict[str, Any], dict[Any, Any]]:
    nodes = {i: (n.label, n.props) for i, n in g.nodes.items()}
    edges = {k: e.props for k, e in g.edges.items()}
    return nodes, edges


def forms_with_papers(g: Graph, node_id: str) -> dict[str, int]:
    from kg.graph import edge_end_votes

    seen: dict[str, set[str]] = {}
    for e in g.edges.values():
        for end, which in ((e.source, "source"), (e.target, "target")):
            if end == node_id:
                names, longs, aliases = edge_end_votes(e, which)
                for f in (*names, *longs, *aliases):
                    seen.setdefault(f, set()).add(str(e.props.get("paper")))
    return {f: len(p) for f, p in sorted(seen.items(), key=lambda x: (-len(x[1]), x[0]))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(shared_dir() / "data/paperlists_abstracts.jsonl.gz"))
    ap.add_argument("--records", help="read extraction records from this JSONL instead")
    ap.add_argument("--save-records", help="write the extraction records to this JSONL")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default="/tmp/measure_identity_merges.txt")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    if args.records:
        records = list(read_records(args.records))
    else:
        papers = (p for p in read_papers([args.corpus]) if isinstance(p, Paper))
        records = list(extract_records(papers, workers=args.workers))
        if args.save_records:
            with open(args.save_records, "w", encoding="utf-8") as fh:
                for r in records:
                    fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
    t_extract = time.perf_counter() - t0
    t1 = time.perf_counter()
    g = build_graph(records)
    t_build = time.perf_counter() - t1
    counts = Counter(n.label for n in g.nodes.values())
    print(
        f"papers                      {len(records)}  (extract {t_extract:.0f}s, graph {t_build:.0f}s)"
    )
    print("nodes                       " + ", ".join(f"{k} {counts[k]}" for k in ENTITY_LABELS))

    collisions = name_collisions(g, ("Dataset", "Method"))
    n_coll = sum(len(ids) for groups in collisions.values() for ids in groups)
    print(
        f"same-key name collisions    {n_coll} nodes  "
        + ", ".join(f"{k} {sum(len(x) for x in v)}" for k, v in collisions.items())
    )
    for label, groups in collisions.items():
        for ids in groups[:10]:
            print(f"    {label}: {', '.join(ids)}")

    merges = merged_entities(g)
    by_label = Counter(n.label for n in merges)
    print(
        f"merges (>=2 surface forms)  {len(merges)}  "
        + ", ".join(f"{k} {by_label[k]}" for k in ENTITY_LABELS)
    )
    pwc = sum(1 for n in g.nodes.values() if n.props.get("pwc_id"))
    print(f"Papers-with-Code datasets   {pwc} nodes")
    amb = [n for n in g.nodes.values() if n.props.get("ambiguous_short")]
    fams = {n.id.split("--")[0] for n in amb}
    print(
        f"ambiguous short names       {len(fams)} families, {len(amb)} nodes "
        f"({sum(1 for n in amb if n.props.get('disambiguated_by'))} sense-qualified)"
    )
    t2 = time.perf_counter()
    dups = suspected_duplicates(g)
    print(
        f"suspected duplicates        {len(dups)} pairs ({time.perf_counter() - t2:.0f}s): "
        + ", ".join(f"{k} {v}" for k, v in Counter(d["label"] for d in dups).most_common())
    )

    # Order independence on the real corpus.
    shuffled: list[PaperRecord] = list(records)
    random.Random(args.seed).shuffle(shuffled)
    same_shuffled = snapshot(build_graph(shuffled)) == snapshot(g)
    half = len(shuffled) // 2
    merged = merge_graphs([build_graph(shuffled[:half]), build_graph(shuffled[half:])])
    same_halves = snapshot(merged) == snapshot(g)
    print(f"shuffled records -> same graph          {same_shuffled}")
    print(f"merge of two halves' graphs -> same     {same_halves}")

    rng = random.Random(args.seed)
    sample = rng.sample(merges, min(args.sample, len(merges)))
    out = Path(args.out)
    with out.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(sample)} of {len(merges)} merged entities (seed {args.seed})\n\n")
        for i, n in enumerate(sample, 1):
            fh.write(f"{i:3d}. {n.label} {n.id}\n     name: {n.props.get('name')}\n")
            if n.props.get("pwc_id"):
                fh.write(f"     pwc_id: {n.props['pwc_id']}\n")
            if n.props.get("long"):
                fh.write(f"     long: {n.props['long']}\n")
            if n.props.get("ambiguous_short"):
                fh.write(
                    f"     ambiguous short; disambiguated_by: "
                    f"{n.props.get('disambiguated_by')}; senses: {n.props.get('senses')}\n"
                )
            fh.write(
                f"     forms (papers): {json.dumps(forms_with_papers(g, n.id), ensure_ascii=False)}\n"
            )
            fh.write(f"     all surface forms: {surface_forms(n)}\n\n")
    print(f"sampled merges written to   {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
