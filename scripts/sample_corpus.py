#!/usr/bin/env python3
"""Draw a deterministic sample of papers from the shared abstracts corpus, for hand annotation.

Usage:  python scripts/sample_corpus.py [--shared ../shared] [--n 30] [--seed 2026]
                                        [--ids FILE] [--exclude FILE] --out papers.jsonl

Reads <shared>/data/paperlists_abstracts.jsonl.gz (one JSON object per line with id, venue,
year, title, abstract, github, site) and keeps the rows whose abstract is non-empty and at least
60 words long. Without --ids it sorts those rows by id and picks --n of them with
random.Random(seed).sample, so the same seed always gives the same papers in the same order.
With --ids it instead writes the rows whose ids are listed in FILE (one id per line, in that
order) and fails, naming them, if any id is not among the eligible rows.
With --exclude FILE (one id per line) the rows whose ids are listed there are removed from the
eligible rows before anything is picked, so a new sample can be drawn that is disjoint from an
earlier one (e.g. --seed 2027 --exclude eval/corpus_sample_ids.txt). The remaining rows keep
their id order, so the same seed and exclusion list always give the same papers.

The output is JSONL with the fields id, title and abstract, exactly as in the corpus. The
corpus's separate `github` field is deliberately not copied: gold links must come only from URLs
written in the title or abstract text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path("data") / "paperlists_abstracts.jsonl.gz"
MIN_WORDS = 60


def load_eligible(corpus: Path) -> list[dict[str, Any]]:
    """Return corpus rows with an abstract of at least MIN_WORDS words, sorted by id."""
    rows: list[dict[str, Any]] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            abstract = row.get("abstract") or ""
            if abstract.strip() and len(abstract.split()) >= MIN_WORDS:
                rows.append(row)
    rows.sort(key=lambda r: str(r["id"]))
    return rows


def read_ids(path: Path) -> list[str]:
    """Read one id per line, skipping blank lines."""
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def exclude_rows(rows: list[dict[str, Any]], exclude: list[str]) -> list[dict[str, Any]]:
    """Drop the rows whose id is in `exclude`, keeping the order of the others.

    Ids that are not among the rows are reported on stderr (they cannot be sampled anyway).
    """
    drop = set(exclude)
    unknown = drop - {str(r["id"]) for r in rows}
    if unknown:
        print(
            f"warning: {len(unknown)} excluded ids are not among the eligible rows: "
            + ", ".join(sorted(unknown)),
            file=sys.stderr,
        )
    return [r for r in rows if str(r["id"]) not in drop]


def select(
    rows: list[dict[str, Any]], n: int, seed: int, ids: list[str] | None
) -> list[dict[str, Any]]:
    """Pick rows by the listed ids (in that order) or by a seeded random sample."""
    if ids is not None:
        by_id = {str(r["id"]): r for r in rows}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise SystemExit(f"ids not found among eligible corpus rows: {', '.join(missing)}")
        return [by_id[i] for i in ids]
    if n > len(rows):
        raise SystemExit(f"--n {n} is larger than the {len(rows)} eligible rows")
    return random.Random(seed).sample(rows, n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="shared directory holding data/paperlists_abstracts.jsonl.gz",
    )
    ap.add_argument("--n", type=int, default=30, help="number of papers to sample (default 30)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument(
        "--ids",
        type=Path,
        default=None,
        help="file with one id per line: write exactly these rows, in this order",
    )
    ap.add_argument(
        "--exclude",
        type=Path,
        default=None,
        help="file with one id per line: remove these rows before picking (e.g. an earlier sample)",
    )
    ap.add_argument("--out", type=Path, required=True, help="output JSONL path")
    args = ap.parse_args(argv)

    rows = load_eligible(args.shared / CORPUS)
    if args.exclude is not None:
        rows = exclude_rows(rows, read_ids(args.exclude))
    ids = read_ids(args.ids) if args.ids is not None else None
    picked = select(rows, args.n, args.seed, ids)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in picked:
            rec = {"id": row["id"], "title": row["title"], "abstract": row["abstract"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} papers to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
