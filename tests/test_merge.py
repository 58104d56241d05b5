"""Building A and B separately and merging equals building A+B (RDF included)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from kg.build import build, merge_builds
from kg.evaluate import shared_dir
from kg.model import Paper
from kg.sources import read_papers


def _write(papers: list[Paper], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for p in papers:
            d = {
                k: v for k, v in asdict(p).items() if k not in ("extra", "source") and v is not None
            }
            fh.write(json.dumps(d) + "\n")
    return path


def _lines(path: Path) -> set[str]:
    """N-Triples lines, without kgo:sourceRecord (the input file and line, which differ)."""
    return {
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and "ontology#sourceRecord>" not in line
    }


def test_merge_of_two_halves_equals_the_whole(tmp_path: Path) -> None:
    papers = [
        p
        for p in read_papers([shared_dir() / "data" / "seed_abstracts.txt"])
        if isinstance(p, Paper)
    ]
    assert len(papers) == 64
    a = _write(papers[::2], tmp_path / "a.jsonl")  # interleaved halves share many entities
    b = _write(papers[1::2], tmp_path / "b.jsonl")
    whole = _write(papers, tmp_path / "whole.jsonl")
    build([a], tmp_path / "out-a", progress=False, rdf_formats=("nt",))
    build([b], tmp_path / "out-b", progress=False, rdf_formats=("nt",))
    build([whole], tmp_path / "out-whole", progress=False, rdf_formats=("nt",))
    summary = merge_builds([tmp_path / "out-a", tmp_path / "out-b"], tmp_path / "merged", ("nt",))
    assert summary.papers == 64
    merged, ref = (
        _lines(tmp_path / "merged" / "graph.nt"),
        _lines(tmp_path / "out-whole" / "graph.nt"),
    )
    assert merged == ref, (sorted(merged - ref)[:5], sorted(ref - merged)[:5])
    # The halves alone are not the whole: the merge is doing the work.
    assert _lines(tmp_path / "out-a" / "graph.nt") | _lines(tmp_path / "out-b" / "graph.nt") != ref


def test_a_later_folder_replaces_a_paper(tmp_path: Path) -> None:
    papers = [
        p
        for p in read_papers([shared_dir() / "data" / "seed_abstracts.txt"])
        if isinstance(p, Paper)
    ][:3]
    changed = Paper(
        id=papers[0].id, title=papers[0].title, abstract="We propose ZetaNet, which beats CLIP."
    )
    build(
        [_write(papers, tmp_path / "old.jsonl")],
        tmp_path / "old",
        progress=False,
        rdf_formats=("nt",),
    )
    build(
        [_write([changed], tmp_path / "new.jsonl")],
        tmp_path / "new",
        progress=False,
        rdf_formats=("nt",),
    )
    merge_builds([tmp_path / "old", tmp_path / "new"], tmp_path / "merged", ("nt",))
    records = [json.loads(line) for line in open(tmp_path / "merged" / "records.jsonl")]
    assert len(records) == 3
    first = next(r for r in records if r["id"] == papers[0].id)
    assert first["paper"]["abstract"] == changed.abstract
    assert [p["name"] for p in first["proposed"]] == ["SiT", "ZetaNet"]  # title + new abstract
    assert ("ZetaNet", "CLIP") in [(c["winner"], c["loser"]) for c in first["outperforms"]]
