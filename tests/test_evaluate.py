"""kg.evaluate: hand-worked gold/prediction pairs, and gold vs. itself on dev_gold.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import (
    FIELDS,
    ITEM_FIELDS,
    Score,
    evaluate,
    format_report,
    load_jsonl,
    shared_dir,
)
from kg.model import PaperRecord


def paper(pid: str, **fields) -> dict:
    return {"id": pid, **fields}


def prf(s: Score) -> tuple[float, float, float]:
    return (s.precision, s.recall, s.f1)


def counts(s: Score) -> tuple[int, int, int]:
    return (s.tp, s.fp, s.fn)


# ------------------------------------------------------------------------- Score


def test_score_conventions():
    assert prf(Score(2, 1, 1)) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert prf(Score(0, 0, 0)) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert prf(Score(0, 0, 3)) == (0.0, 0.0, 0.0)  # found nothing
    assert prf(Score(0, 2, 0)) == (0.0, 0.0, 0.0)  # only spurious


def test_empty_papers_are_perfect():
    r = evaluate([paper("a")], [paper("a")])
    for f in FIELDS:
        assert counts(r.fields[f]) == (0, 0, 0)
        assert r.fields[f].f1 == 1.0
    assert r.overall.f1 == 1.0


# -------------------------------------------------------------------- entity fields


def test_dataset_alias_long_and_normalisation():
    gold = paper(
        "p",
        datasets=[
            {"name": "MSD", "long": "Medical Segmentation Decathlon", "introduced": False},
            {"name": "ImageNet-1K", "introduced": False},
            {"name": "LiTS", "introduced": False},
        ],
    )
    pred = paper(
        "p",
        datasets=[
            {"name": "Medical Segmentation Decathlon", "introduced": None},  # via gold long
            {"name": "imagenet_1k", "introduced": True},  # name key; introduced wrong
            {"name": "COCO", "introduced": False},  # spurious
        ],
    )
    r = evaluate([gold], [pred])
    d = r.fields["datasets"]
    assert counts(d) == (2, 1, 1)
    assert prf(d) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # introduced accuracy over the 2 matched datasets: MSD (None counts as false) right,
    # ImageNet wrong
    assert (r.introduced_correct, r.introduced_total) == (1, 2)
    assert r.papers[0].missed == {"datasets": ["LiTS"]}
    assert r.papers[0].spurious == {"datasets": ["COCO"]}


def test_alias_on_predicted_side_and_unicode():
    gold = paper("p", methods=[{"name": "Gemini 1.5 Flash"}, {"name": "BERT", "long": None}])
    pred = paper(
        "p",
        methods=[
            {"name": "1.5 Flash", "aliases": ["Gemini 1.5 Flash"]},  # pred alias = gold name
            {"name": "\uff22\uff25\uff32\uff34"},  # full-width BERT, NFKC
        ],
    )
    assert counts(evaluate([gold], [pred]).fields["methods"]) == (2, 0, 0)


def test_one_to_one():
    gold = paper("p", methods=[{"name": "BERT"}])
    pred = paper("p", methods=[{"name": "BERT"}, {"name": "bert"}])
    m = evaluate([gold], [pred]).fields["methods"]
    assert counts(m) == (1, 1, 0)
    assert prf(m) == pytest.approx((0.5, 1.0, 2 / 3))
    # and the other way round: two gold, one prediction
    m = evaluate([pred], [gold]).fields["methods"]
    assert counts(m) == (1, 0, 1)


def test_exact_name_matches_first():
    # Gold A has alias "B"; greedy on any form in list order would give gold A the
    # prediction "B" and leave gold B unmatched. Name-to-name first matches both.
    gold = paper("p", proposed=[{"name": "A", "aliases": ["B"]}, {"name": "B"}])
    pred = paper("p", proposed=[{"name": "B"}, {"name": "A"}])
    assert counts(evaluate([gold], [pred]).fields["proposed"]) == (2, 0, 0)


def test_alias_pass_is_a_maximum_matching():
    # G1 could take P1 (x) or P2 (y); G2 only P1 (x). Greedy in order would pair G1-P1 and
    # leave G2 out; the documented second pass finds G1-P2, G2-P1.
    gold = paper(
        "p",
        methods=[{"name": "g1", "aliases": ["x", "y"]}, {"name": "g2", "aliases": ["x"]}],
    )
    pred = paper("p", methods=[{"name": "x"}, {"name": "y"}])
    assert counts(evaluate([gold], [pred]).fields["methods"]) == (2, 0, 0)


def test_tasks_and_metrics_strings_or_objects():
    gold = paper("p", tasks=["semantic segmentation", "job-resume matching"], metrics=["BLEU@4"])
    pred = paper(
        "p",
        tasks=[
            {"name": "Semantic  Segmentation.", "mentions": []},
            {"name": '"Job_Resume matching"', "mentions": []},
            {"name": "object detection", "mentions": []},
        ],
        metrics=["bleu@4", "CIDEr"],
    )
    r = evaluate([gold], [pred])
    assert counts(r.fields["tasks"]) == (2, 1, 0)
    assert prf(r.fields["tasks"]) == pytest.approx((2 / 3, 1.0, 0.8))
    assert counts(r.fields["metrics"]) == (1, 1, 0)


# --------------------------------------------------------- results, links, outperforms


def test_results_by_value_key():
    gold = paper(
        "p",
        results=[{"value": "82.1%", "method": "X"}, {"value": "+2.8%", "method": "X"}],
    )
    pred = paper(
        "p",
        results=[
            {"value": "82.1%.", "method": "Y"},  # trailing punctuation stripped: match
            {"value": "82.1 %"},  # space kept: no match (documented)
            {"value": "2.8%"},  # sign kept: no match
        ],
    )
    s = evaluate([gold], [pred]).fields["results"]
    assert counts(s) == (1, 2, 1)
    assert prf(s) == pytest.approx((1 / 3, 0.5, 0.4))


def test_links_without_scheme_www_and_slash():
    gold = paper("p", links=[{"url": "https://github.com/a/b", "kind": "code"}])
    pred = paper(
        "p",
        links=[
            {"url": "www.github.com/a/b/", "kind": "project"},
            {"url": "http://github.com/a/c", "kind": "code"},
        ],
    )
    r = evaluate([gold], [pred])
    assert counts(r.fields["links"]) == (1, 1, 0)
    assert (r.kind_correct, r.kind_total) == (0, 1)
    assert r.kind_accuracy == 0.0


def test_outperforms_via_long_forms_and_aliases_on_each_side():
    gold = paper(
        "p",
        proposed=[{"name": "MCL", "long": "multi-perspective course learning"}],
        methods=[{"name": "ELECTRA"}, {"name": "BERT"}],
        outperforms=[
            {"winner": "MCL", "loser": "ELECTRA"},
            {"winner": "MCL", "loser": "BERT"},
        ],
    )
    pred = paper(
        "p",
        proposed=[{"name": "CL", "aliases": ["MCL"]}],
        outperforms=[
            # gold side: MCL's long form
            {"winner": "Multi-perspective course learning", "loser": "electra"},
            # predicted side: this record's CL has alias MCL
            {"winner": "CL", "loser": "BERT"},
            # reversed: no match
            {"winner": "ELECTRA", "loser": "MCL"},
        ],
    )
    s = evaluate([gold], [pred]).fields["outperforms"]
    assert counts(s) == (2, 1, 0)
    assert prf(s) == pytest.approx((2 / 3, 1.0, 0.8))


# ------------------------------------------------------ code_available, papers, overall


def test_code_available_confusion_and_missing_paper():
    gold = [
        paper("tp", code_available=True),
        paper("fp", code_available=False),
        paper("fn", code_available=True),
        paper("tn", code_available=False),
        paper("gone", code_available=True, tasks=["a", "b"], methods=[{"name": "M"}]),
    ]
    records = [
        paper("tp", code_available=True),
        paper("fp", code_available=True),
        paper("fn", code_available=False),
        paper("tn", code_available=False),
        paper("extra", code_available=True, tasks=["z"]),  # no gold: ignored
    ]
    r = evaluate(gold, records)
    c = r.fields["code_available"]
    assert counts(c) == (1, 1, 2)  # "gone" has gold true and no record: FN
    assert prf(c) == pytest.approx((0.5, 1 / 3, 0.4))
    assert counts(r.fields["tasks"]) == (0, 0, 2)  # "extra"'s z is not counted
    assert counts(r.overall) == (0, 0, 3)  # 2 tasks + 1 method; code_available not in it
    assert r.missing_records == ["gone"]
    assert r.ignored_records == ["extra"]
    gone = next(p for p in r.papers if p.id == "gone")
    assert gone.missing
    assert gone.missed == {"methods": ["M"], "tasks": ["a", "b"], "code_available": ["true"]}
    text = format_report(r)
    assert "records without gold, ignored (1): extra" in text
    assert "gold papers without a record (1, all items missed): gone" in text
    assert "gone  [no record]" in text


def test_overall_is_micro_over_item_fields():
    gold = paper(
        "p",
        methods=[{"name": "A"}, {"name": "B"}],
        tasks=["t"],
        links=[{"url": "https://x.org", "kind": "project"}],
        code_available=True,
    )
    pred = paper(
        "p",
        methods=[{"name": "A"}, {"name": "C"}],
        tasks=["t", "u"],
        code_available=False,
    )
    r = evaluate([gold], [pred])
    # methods 1/1/1, tasks 1/1/0, links 0/0/1
    assert counts(r.overall) == (2, 2, 2)
    assert prf(r.overall) == pytest.approx((0.5, 0.5, 0.5))
    assert sum(r.fields[f].tp for f in ITEM_FIELDS) == r.overall.tp


def test_format_report_layout():
    gold = paper("p1", methods=[{"name": "A", "long": "Alpha"}], tasks=["t"])
    pred = paper("p1", methods=[{"name": "B"}], tasks=["t"])
    text = format_report(evaluate([gold], [pred]))
    lines = text.splitlines()
    assert lines[0].split() == ["field", "P", "R", "F1", "TP", "FP", "FN"]
    assert any(line.split()[:1] == ["overall"] for line in lines)
    assert "p1" in lines
    assert "  - methods: A (Alpha)" in lines
    assert "  + methods: B" in lines
    assert "p1" not in format_report(evaluate([gold], [pred]), errors=False).splitlines()


def test_paper_record_objects_and_duplicates():
    g = paper("p", tasks=["t"], datasets=[{"name": "D", "introduced": True}])
    rec = PaperRecord.from_json({**g, "title": ""})
    r = evaluate([g], [rec, paper("p")])
    assert r.overall.f1 == 1.0
    assert r.duplicate_records == ["p"]


# ------------------------------------------------------------------------------ files


def test_load_jsonl(tmp_path: Path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert [d["id"] for d in load_jsonl(p)] == ["a", "b"]
    p.write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.jsonl:2"):
        load_jsonl(p)


def test_shared_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SHARED", str(tmp_path))
    assert shared_dir() == tmp_path
    monkeypatch.delenv("KG_SHARED")
    assert shared_dir().name == "shared"


@pytest.fixture
def dev_gold() -> list[dict]:
    path = shared_dir() / "eval" / "dev_gold.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found (set KG_SHARED)")
    return load_jsonl(path)


def test_dev_gold_against_itself(dev_gold):
    r = evaluate(dev_gold, dev_gold)
    for f in FIELDS:
        assert prf(r.fields[f]) == (1.0, 1.0, 1.0), f
        assert r.fields[f].fp == r.fields[f].fn == 0
    assert prf(r.overall) == (1.0, 1.0, 1.0)
    assert r.overall.tp > 0
    assert r.introduced_accuracy == 1.0 and r.kind_accuracy == 1.0
    assert all(p.empty for p in r.papers)
    assert not r.missing_records and not r.ignored_records


def test_dev_gold_through_paper_record(dev_gold):
    # records carry tasks/metrics as objects; evaluation accepts both shapes
    records = [PaperRecord.from_json({**g, "title": ""}).to_json() for g in dev_gold]
    assert all(isinstance(t, dict) for r in records for t in r["tasks"])
    r = evaluate(dev_gold, records)
    assert prf(r.overall) == (1.0, 1.0, 1.0)
    assert r.fields["code_available"].f1 == 1.0


def test_dev_gold_with_everything_missing(dev_gold):
    r = evaluate(dev_gold, [])
    assert r.overall.tp == r.overall.fp == 0
    assert r.overall.fn == sum(len(g.get(f) or []) for g in dev_gold for f in ITEM_FIELDS)
    assert len(r.missing_records) == len(dev_gold)
    json.dumps(r.as_dict())  # serialisable
