"""kg.tdmsci: reading the CoNLL files, rebuilding sentence text, scoring char-span taggers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.tdmsci import (
    conll_path,
    evaluate_tdmsci,
    format_span_report,
    read_conll,
    sentence_text,
    snap,
    tdmsci_dir,
    train_sentences,
)

# Offsets per document, as in the real files: sentence 2 continues sentence 1's numbering;
# sentence 3 starts a new document and has a bad offset ("in" points inside "gain", and the
# following offsets are off too), as train sentence 876 does.
CONLL = """\
We\t100\tO
use\t103\tO
SQuAD\t107\tB-DATASET
-\t112\tI-DATASET
v2\t113\tI-DATASET
for\t116\tO
QA\t120\tB-TASK
.\t123\tO

Top\t125\tB-METRIC
-\t128\tI-METRIC
1\t129\tI-METRIC
accuracy\t131\tI-METRIC
on\t140\tO
X\t143\tB-DATASET
.\t144\tO

significant\t0\tO
gain\t12\tO
in\t13\tO
human\t17\tB-METRIC
judgment\t25\tI-METRIC
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    p = tmp_path / "small.conll"
    p.write_text(CONLL + "\n\n", encoding="utf-8")
    return p


def test_read_small(small):
    s1, s2, s3 = read_conll(small)
    assert s1.tokens == ["We", "use", "SQuAD", "-", "v2", "for", "QA", "."]
    assert s1.offsets[0] == 100 and s1.line == 1 and s2.line == 10
    assert s1.spans == [(2, 5, "DATASET"), (6, 7, "TASK")]
    assert s2.spans == [(0, 4, "METRIC"), (5, 6, "DATASET")]
    assert sentence_text(s1) == "We use SQuAD-v2 for QA ."
    assert sentence_text(s2) == "Top-1 accuracy on X."
    assert s1.char_spans() == [(7, 15, "DATASET"), (20, 22, "TASK")]
    assert s2.char_spans() == [(0, 14, "METRIC"), (18, 19, "DATASET")]
    # bad offsets repaired: no overlap, no gluing, the rest as written
    assert sentence_text(s3) == "significant gain in human judgment"
    assert s3.starts == [0, 12, 17, 20, 26]
    assert s3.char_spans() == [(20, 34, "METRIC")]


def test_read_errors(tmp_path):
    p = tmp_path / "bad.conll"
    p.write_text("We\t0\tO\nuse\tx\tO\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.conll:2"):
        read_conll(p)
    p.write_text("We\t0\tX-TASK\n", encoding="utf-8")
    with pytest.raises(ValueError, match="BIO"):
        read_conll(p)


def test_snap(small):
    s1 = read_conll(small)[0]  # "We use SQuAD-v2 for QA ."
    assert snap(s1, 7, 15) == (2, 5)  # aligned
    assert snap(s1, 8, 16) == (2, 5)  # inside SQuAD .. the space after v2
    assert snap(s1, 5, 8) == (1, 3)  # partly "use", partly "SQuAD"
    assert snap(s1, 15, 16) is None  # only the space
    assert snap(s1, 9, 9) is None  # empty


def test_small_gold_and_empty(small):
    sents = read_conll(small)
    r = evaluate_tdmsci(small, lambda texts: [s.char_spans() for s in sents])
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (5, 0, 0)
    assert r.n_snapped == 0
    r = evaluate_tdmsci(small, lambda texts: [[] for _ in texts])
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (0, 0, 5)
    assert r.overall.recall == 0.0


def test_small_shifted_by_one(small):
    sents = read_conll(small)

    def shifted(texts):
        return [[(a + 1, b + 1, lab) for a, b, lab in s.char_spans()] for s in sents]

    r = evaluate_tdmsci(small, shifted)
    # s1 DATASET (8,16) -> SQuAD - v2: hit.  s1 TASK (21,23) -> QA: hit.
    # s2 METRIC (1,15) -> Top - 1 accuracy: hit.  s2 DATASET (19,20) is exactly ".": a wrong
    # span (FP) and X missed (FN).  s3 METRIC (21,35) -> human judgment (35 is past the end): hit.
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (4, 1, 1)
    assert r.overall.precision == pytest.approx(0.8)
    d = r.per_label["DATASET"]
    assert (d.tp, d.fp, d.fn) == (1, 1, 1)
    assert r.per_label["TASK"].f1 == r.per_label["METRIC"].f1 == 1.0
    assert r.n_snapped == 4  # the "." span is on token boundaries
    assert r.n_unaligned == 0


def test_unaligned_duplicates_and_wrong_length(small):
    def tagger(texts):
        return [[(15, 16, "TASK"), (7, 15, "DATASET"), (8, 14, "DATASET")], [], []]

    r = evaluate_tdmsci(small, tagger)
    assert r.n_unaligned == 1 and r.n_duplicates == 1 and r.n_snapped == 1
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 1, 4)
    text = format_span_report(r)
    assert text.splitlines()[0].split() == ["label", "P", "R", "F1", "TP", "FP", "FN"]
    assert "1 covering no token" in text
    with pytest.raises(ValueError, match="2 results for 3 texts"):
        evaluate_tdmsci(small, lambda texts: [[], []])


# ------------------------------------------------------------------------ real data


@pytest.fixture(scope="module")
def test_file() -> Path:
    p = conll_path()
    if not p.exists():
        pytest.skip(f"{p} not found (set KG_SHARED)")
    return p


@pytest.fixture(scope="module")
def test_sents(test_file):
    return read_conll(test_file)


@pytest.fixture(scope="module")
def train_sents(test_file):
    return train_sentences()


def _labels(sents) -> Counter:
    return Counter(lab for s in sents for _, _, lab in s.spans)


def test_counts(train_sents, test_sents):
    # Counted from the files: blank-line separated blocks, and B- tags (there is no I- tag
    # without a B- before it). The file names say 1500 / 500 but these are the real numbers.
    assert len(train_sents) == 1523
    assert len(test_sents) == 487
    assert _labels(train_sents) == {"TASK": 1219, "DATASET": 420, "METRIC": 536}
    assert _labels(test_sents) == {"TASK": 396, "DATASET": 192, "METRIC": 174}
    assert tdmsci_dir() == conll_path().parent
    assert train_sentences(tdmsci_dir()) == train_sents  # the conllFormat folder works too


def test_tokens_sit_at_their_offsets(train_sents, test_sents):
    moved = []
    for name, sents in (("train", train_sents), ("test", test_sents)):
        for i, s in enumerate(sents):
            text = sentence_text(s)
            for tok, start in zip(s.tokens, s.starts, strict=True):
                assert text[start : start + len(tok)] == tok
            assert text == text.strip() and "\n" not in text
            if s.starts != [o - s.offsets[0] for o in s.offsets]:
                moved.append((name, i))
    # offsets are per document (sentence 2 of an abstract does not start at 0) ...
    assert sum(s.offsets[0] > 0 for s in test_sents) > 400
    # ... and only two train sentences have bad offsets that had to be repaired
    assert moved == [("train", 876), ("train", 1170)]
    assert "gain in human judgment" in sentence_text(train_sents[876])
    assert "introduce a social media text" in sentence_text(train_sents[1170])


def test_real_gold_and_empty(test_file, test_sents):
    r = evaluate_tdmsci(test_file, lambda texts: [s.char_spans() for s in test_sents])
    assert (r.overall.precision, r.overall.recall, r.overall.f1) == (1.0, 1.0, 1.0)
    assert r.overall.tp == 762 and r.n_snapped == 0
    for lab in ("TASK", "DATASET", "METRIC"):
        assert r.per_label[lab].f1 == 1.0
    r = evaluate_tdmsci(test_file, lambda texts: [[] for _ in texts])
    assert r.overall.recall == 0.0 and r.overall.tp == 0 and r.overall.fn == 762


def test_real_shifted_by_one(test_file, test_sents):
    # A span shifted right by one char keeps its first token iff that token is longer than one
    # char, and keeps its last token iff the char after it is a space or the end (otherwise
    # the adjacent token is pulled in). Exactly those spans should still be hits.
    expected = 0
    for s in test_sents:
        text = sentence_text(s)
        for a, _b, _lab in s.spans:
            e = s.char_spans()[s.spans.index((a, _b, _lab))][1]
            if len(s.tokens[a]) > 1 and (e == len(text) or text[e] == " "):
                expected += 1
    r = evaluate_tdmsci(
        test_file,
        lambda texts: [[(a + 1, b + 1, lab) for a, b, lab in s.char_spans()] for s in test_sents],
    )
    assert r.overall.tp == expected
    assert 0 < expected < 762
    assert r.overall.tp + r.overall.fn == 762
