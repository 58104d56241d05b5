"""Score extraction records against gold annotations (GUIDELINES.md format).

``evaluate(gold, records)`` gives micro precision / recall / F1 per field and overall, plus
per-paper errors; ``format_report`` renders it as text. Both sides are plain JSON dicts (one per
paper, as in ``dev_gold.jsonl`` and ``PaperRecord.to_json()``); tasks and metrics may be plain
strings (gold) or objects ``{"name": ...}`` (records), and any entity item may be a string.

Matching rules (all matching is one-to-one within a paper):

* Names are compared by :func:`kg.names.name_key` (NFKC, case-fold, whitespace / hyphens /
  underscores to one space, surrounding quotes and brackets and trailing punctuation stripped).
* proposed, methods, datasets: a gold item matches a predicted item when any form of one
  (name, long, aliases) has the same key as any form of the other. Matching is done in two
  passes: first name-to-name (greedy, in list order), then the remaining items by any shared
  form (a maximum matching over what is left, so an alias match never blocks a second match
  that was possible). The dataset ``introduced`` flag is not part of the match; its accuracy
  over matched datasets is reported separately (a missing/null flag counts as false).
* tasks, metrics: by the key of the name only.
* results: by ``name_key(value)`` only (method / dataset / metric are not compared). The value
  is not otherwise normalised: ``"82.1 %"`` does not match ``"82.1%"``, nor ``"3.2\\%"``.
* outperforms: by (winner, loser). Each side of a pair stands for the set of keys of its
  name plus, when the same record lists a proposed/methods item with that name among its forms,
  all the forms of that item; gold and predicted pairs match when both the winner sets and the
  loser sets intersect (exact key pairs are matched first).
* links: by :func:`kg.names.url_key` (no scheme, no ``www.``, no trailing slash); ``kind`` is
  not part of the match, its accuracy over matched links is reported separately.
* code_available: one yes/no decision per paper, scored over the positive class: TP when
  gold and prediction are both true, FP when predicted true and gold false, FN when gold true
  and predicted false (a correct "false" counts nowhere).

"overall" is the micro average over the item fields (everything except code_available).
Gold papers with no record count all their gold items (and a true code_available) as missed;
records with no gold paper are ignored and listed in the report.

Empty denominators: precision is 1.0 when nothing was predicted and nothing was missed (i.e.
both sides are empty), else 0.0; the same for recall. So gold vs. itself is 1.0 everywhere.

Example::

    >>> g = {"id": "p", "datasets": [{"name": "MSD", "long": "Medical Segmentation Decathlon"}]}
    >>> r = {"id": "p", "datasets": [{"name": "Medical Segmentation Decathlon"}]}
    >>> evaluate([g], [r]).fields["datasets"].f1
    1.0
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.names import name_key, url_key

ENTITY_FIELDS = ("proposed", "methods", "datasets")
NAME_FIELDS = ("tasks", "metrics")
ITEM_FIELDS = (
    "proposed",
    "methods",
    "datasets",
    "tasks",
    "metrics",
    "results",
    "outperforms",
    "links",
)
FIELDS = (*ITEM_FIELDS, "code_available")


# --------------------------------------------------------------------------------- scores


@dataclass
class Score:
    """True positives, false positives and false negatives, with micro P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class PaperErrors:
    """Missed (gold, unmatched) and spurious (predicted, unmatched) items of one paper, as
    display strings per field. ``missing`` is true when the paper had no record at all."""

    id: str
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    missing: bool = False

    @property
    def empty(self) -> bool:
        return not any(self.missed.values()) and not any(self.spurious.values())


@dataclass
class EvalReport:
    fields: dict[str, Score]
    overall: Score
    papers: list[PaperErrors]
    n_gold: int = 0
    missing_records: list[str] = field(default_factory=list)  # gold ids with no record
    ignored_records: list[str] = field(default_factory=list)  # record ids with no gold
    duplicate_records: list[str] = field(default_factory=list)  # ids seen twice (first kept)
    introduced_correct: int = 0  # matched datasets whose introduced flag agrees
    introduced_total: int = 0  # matched datasets
    kind_correct: int = 0  # matched links whose kind agrees
    kind_total: int = 0  # matched links

    @property
    def introduced_accuracy(self) -> float | None:
        return self.introduced_correct / self.introduced_total if self.introduced_total else None

    @property
    def kind_accuracy(self) -> float | None:
        return self.kind_correct / self.kind_total if self.kind_total else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": {k: v.as_dict() for k, v in self.fields.items()},
            "overall": self.overall.as_dict(),
            "n_gold": self.n_gold,
            "missing_records": self.missing_records,
            "ignored_records": self.ignored_records,
            "duplicate_records": self.duplicate_records,
            "introduced_accuracy": self.introduced_accuracy,
            "introduced_total": self.introduced_total,
            "kind_accuracy": self.kind_accuracy,
            "kind_total": self.kind_total,
            "papers": [
                {"id": p.id, "missing": p.missing, "missed": p.missed, "spurious": p.spurious}
                for p in self.papers
                if not p.empty
            ],
        }


# ------------------------------------------------------------------------------- matching


def _match(
    n_gold: int,
    n_pred: int,
    exact: Callable[[int, int], bool],
    loose: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one matching: greedy on ``exact`` in list order, then a maximum matching of the
    rest on ``loose`` (augmenting paths; deterministic). Returns (gold, pred) index pairs."""
    g_of: dict[int, int] = {}  # pred -> gold
    p_of: dict[int, int] = {}  # gold -> pred
    for i in range(n_gold):
        for j in range(n_pred):
            if j not in g_of and exact(i, j):
                g_of[j], p_of[i] = i, j
                break
    if loose is not None:
        free_p = [j for j in range(n_pred) if j not in g_of]
        adj = {i: [j for j in free_p if loose(i, j)] for i in range(n_gold) if i not in p_of}
        match: dict[int, int] = {}  # pred -> gold, for this pass

        def augment(i: int, seen: set[int]) -> bool:
            for j in adj[i]:
                if j in seen:
                    continue
                seen.add(j)
                if j not in match or augment(match[j], seen):
                    match[j] = i
                    return True
            return False

        for i in adj:
            augment(i, set())
        for j, i in match.items():
            g_of[j], p_of[i] = i, j
    return sorted(p_of.items())


def _keys(*names: Any) -> set[str]:
    out = set()
    for n in names:
        if isinstance(n, str):
            k = name_key(n)
            if k:
                out.add(k)
    return out


def _entity(item: Any) -> dict[str, Any]:
    """An entity item as a dict (strings become ``{"name": s}``)."""
    if isinstance(item, str):
        return {"name": item}
    return dict(item or {})


def _forms(item: dict[str, Any]) -> set[str]:
    return _keys(item.get("name"), item.get("long"), *(item.get("aliases") or []))


def _show_entity(item: dict[str, Any]) -> str:
    s = str(item.get("name"))
    if item.get("long"):
        s += f" ({item['long']})"
    return s


def _method_forms(rec: dict[str, Any]) -> dict[str, set[str]]:
    """name key -> all keys of the proposed/methods items carrying that key as a form."""
    out: dict[str, set[str]] = {}
    for it in [*(rec.get("proposed") or []), *(rec.get("methods") or [])]:
        forms = _forms(_entity(it))
        for k in forms:
            out.setdefault(k, set()).update(forms)
    return out


@dataclass
class _FieldResult:
    score: Score
    missed: list[str]
    spurious: list[str]
    pairs: list[tuple[int, int]]


def _score_field(
    gold: list[Any],
    pred: list[Any],
    show: Callable[[Any], str],
    exact: Callable[[Any, Any], bool],
    loose: Callable[[Any, Any], bool] | None = None,
) -> _FieldResult:
    pairs = _match(
        len(gold),
        len(pred),
        lambda i, j: exact(gold[i], pred[j]),
        (lambda i, j: loose(gold[i], pred[j])) if loose else None,
    )
    mg = {i for i, _ in pairs}
    mp = {j for _, j in pairs}
    return _FieldResult(
        Score(tp=len(pairs), fp=len(pred) - len(mp), fn=len(gold) - len(mg)),
        [show(g) for i, g in enumerate(gold) if i not in mg],
        [show(p) for j, p in enumerate(pred) if j not in mp],
        pairs,
    )


def _list(rec: dict[str, Any], key: str) -> list[Any]:
    v = rec.get(key)
    return list(v) if v else []


def _as_dict(rec: Any) -> dict[str, Any]:
    if isinstance(rec, dict):
        return rec
    to_json = getattr(rec, "to_json", None)  # a PaperRecord
    if callable(to_json):
        return to_json()
    raise TypeError(f"expected a dict or PaperRecord, got {type(rec).__name__}")


def _score_paper(
    g: dict[str, Any], p: dict[str, Any], report: EvalReport, errors: PaperErrors
) -> None:
    res: dict[str, _FieldResult] = {}

    for f in ENTITY_FIELDS:
        gl = [_entity(x) for x in _list(g, f)]
        pl = [_entity(x) for x in _list(p, f)]
        res[f] = _score_field(
            gl,
            pl,
            _show_entity,
            lambda a, b: (
                bool(_keys(a.get("name"))) and _keys(a.get("name")) == _keys(b.get("name"))
            ),
            lambda a, b: bool(_forms(a) & _forms(b)),
        )
        if f == "datasets":
            for i, j in res[f].pairs:
                report.introduced_total += 1
                report.introduced_correct += bool(gl[i].get("introduced")) == bool(
                    pl[j].get("introduced")
                )

    for f in NAME_FIELDS:
        gl = [_entity(x) for x in _list(g, f)]
        pl = [_entity(x) for x in _list(p, f)]
        res[f] = _score_field(
            gl,
            pl,
            lambda x: str(x.get("name")),
            lambda a, b: name_key(str(a.get("name"))) == name_key(str(b.get("name"))),
        )

    def show_result(r: dict[str, Any]) -> str:
        ctx = ", ".join(f"{k}={r[k]}" for k in ("method", "dataset", "metric") if r.get(k))
        return f"{r.get('value')}" + (f" [{ctx}]" if ctx else "")

    res["results"] = _score_field(
        _list(g, "results"),
        _list(p, "results"),
        show_result,
        lambda a, b: name_key(str(a.get("value", ""))) == name_key(str(b.get("value", ""))),
    )

    gm, pm = _method_forms(g), _method_forms(p)

    def side(name: Any, forms: dict[str, set[str]]) -> set[str]:
        ks = _keys(name)
        for k in list(ks):
            ks |= forms.get(k, set())
        return ks

    def pair_exact(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return all(
            _keys(a.get(k)) and _keys(a.get(k)) == _keys(b.get(k)) for k in ("winner", "loser")
        )

    def pair_loose(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return all(side(a.get(k), gm) & side(b.get(k), pm) for k in ("winner", "loser"))

    res["outperforms"] = _score_field(
        _list(g, "outperforms"),
        _list(p, "outperforms"),
        lambda c: f"{c.get('winner')} > {c.get('loser')}",
        pair_exact,
        pair_loose,
    )

    gl, pl = _list(g, "links"), _list(p, "links")
    res["links"] = _score_field(
        gl,
        pl,
        lambda x: f"{x.get('url')} ({x.get('kind')})",
        lambda a, b: url_key(str(a.get("url", ""))) == url_key(str(b.get("url", ""))),
    )
    for i, j in res["links"].pairs:
        report.kind_total += 1
        report.kind_correct += gl[i].get("kind") == pl[j].get("kind")

    gc, pc = bool(g.get("code_available")), bool(p.get("code_available"))
    code = Score(tp=int(gc and pc), fp=int(pc and not gc), fn=int(gc and not pc))
    res["code_available"] = _FieldResult(
        code, ["true"] if code.fn else [], ["true"] if code.fp else [], []
    )

    for f in FIELDS:
        r = res[f]
        report.fields[f].add(r.score)
        if f != "code_available":
            report.overall.add(r.score)
        if r.missed:
            errors.missed[f] = r.missed
        if r.spurious:
            errors.spurious[f] = r.spurious


def evaluate(gold: Iterable[dict[str, Any]], records: Iterable[Any]) -> EvalReport:
    """Score ``records`` (dicts or PaperRecords) against ``gold`` dicts; see module doc."""
    report = EvalReport(fields={f: Score() for f in FIELDS}, overall=Score(), papers=[])
    by_id: dict[str, dict[str, Any]] = {}
    for rec in records:
        d = _as_dict(rec)
        rid = str(d.get("id"))
        if rid in by_id:
            report.duplicate_records.append(rid)
            continue
        by_id[rid] = d
    gold_ids: set[str] = set()
    for g in gold:
        gid = str(g.get("id"))
        gold_ids.add(gid)
        report.n_gold += 1
        errors = PaperErrors(id=gid)
        pred = by_id.get(gid)
        if pred is None:
            report.missing_records.append(gid)
            errors.missing = True
            pred = {"id": gid}
        _score_paper(g, pred, report, errors)
        report.papers.append(errors)
    report.ignored_records = [rid for rid in by_id if rid not in gold_ids]
    return report


# ------------------------------------------------------------------------------- output


def _row(name: str, s: Score) -> str:
    return (
        f"{name:<15} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
    )


def format_report(report: EvalReport, errors: bool = True) -> str:
    """A P/R/F1/TP/FP/FN table per field and overall, then each paper's missed (-) and
    spurious (+) items."""
    lines = [f"{'field':<15} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    lines.append("-" * len(lines[0]))
    for f in ITEM_FIELDS:
        lines.append(_row(f, report.fields[f]))
    lines.append("-" * len(lines[0]))
    lines.append(_row("overall", report.overall))
    lines.append(_row("code_available", report.fields["code_available"]))
    lines.append("")
    lines.append("overall = micro over item fields (not code_available); code_available is")
    lines.append("scored per paper over the positive class.")
    acc = report.introduced_accuracy
    lines.append(
        f"dataset 'introduced' accuracy: {acc:.3f} "
        f"({report.introduced_correct}/{report.introduced_total} matched datasets)"
        if acc is not None
        else "dataset 'introduced' accuracy: n/a (no matched datasets)"
    )
    acc = report.kind_accuracy
    lines.append(
        f"link kind accuracy: {acc:.3f} ({report.kind_correct}/{report.kind_total} matched links)"
        if acc is not None
        else "link kind accuracy: n/a (no matched links)"
    )
    lines.append(f"gold papers: {report.n_gold}")
    if report.missing_records:
        lines.append(
            f"gold papers without a record ({len(report.missing_records)}, all items missed): "
            + ", ".join(report.missing_records)
        )
    if report.ignored_records:
        lines.append(
            f"records without gold, ignored ({len(report.ignored_records)}): "
            + ", ".join(report.ignored_records)
        )
    if report.duplicate_records:
        lines.append("duplicate record ids (first kept): " + ", ".join(report.duplicate_records))
    if errors:
        bad = [p for p in report.papers if not p.empty]
        if bad:
            lines.append("")
            lines.append("errors per paper (- missed, + spurious):")
        for p in bad:
            lines.append(f"{p.id}" + ("  [no record]" if p.missing else ""))
            for f in FIELDS:
                if p.missed.get(f):
                    lines.append(f"  - {f}: " + "; ".join(p.missed[f]))
                if p.spurious.get(f):
                    lines.append(f"  + {f}: " + "; ".join(p.spurious[f]))
    return "\n".join(lines)


# ------------------------------------------------------------------------------- files


def load_jsonl(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read one JSON object per non-blank line; errors name the file and line."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: invalid JSON: {e}") from e
    return out


def shared_dir() -> Path:
    """The shared data folder: ``$KG_SHARED`` if set, else ``<repo root>/../shared``."""
    env = os.environ.get("KG_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kg.evaluate GOLD.jsonl RECORDS.jsonl [--no-errors] [--json]``"""
    args = list(sys.argv[1:] if argv is None else argv)
    flags = {a for a in args if a.startswith("--")}
    paths = [a for a in args if not a.startswith("--")]
    if len(paths) != 2 or flags - {"--no-errors", "--json"}:
        print(main.__doc__, file=sys.stderr)
        return 2
    report = evaluate(load_jsonl(paths[0]), load_jsonl(paths[1]))
    if "--json" in flags:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report, errors="--no-errors" not in flags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
