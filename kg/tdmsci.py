"""TDMSci (Hou et al., 2021): task / dataset / metric mentions in NLP paper sentences.

The CoNLL files (``conllFormat/train_1500_v2.conll``, ``conllFormat/test_500_v2.conll``) have
one ``token<TAB>char_offset<TAB>BIO-label`` line per token and a blank line between sentences;
labels are TASK, DATASET and METRIC.

What the data looks like (checked on both files): the offsets are per *document*, not per
sentence -- they keep growing across the sentences of an abstract and restart at 0 (or jump)
where a new document starts. Within a sentence the gap between tokens is 0 (``domain - specific``
is written ``domain-specific``), 1 or 2 spaces, but a handful of offsets are wrong (the token
``in`` after ``gain`` points *inside* ``gain``, and the next tokens are off too). So
:func:`read_conll` places token i at its offset minus the sentence's first offset, except that
a token that would overlap the previous one, or touch it where the file has a gap, is put one
space after it instead (13 tokens, in 2 train sentences; none in test). ``Sentence.starts``
holds the positions actually used, and :func:`sentence_text` rebuilds the text from them (so
``text[starts[i]:][:len(tok)] == tok``).

Counts: train 1,523 sentences, test 487 (the file names say 1500 / 500).

:func:`evaluate_tdmsci` runs a character-span tagger over the sentence texts and scores exact
token-span matches (micro over all labels, and per label). The test split is for measuring
only (:func:`conll_path` gives either file); train a tagger on :func:`train_sentences`.

Example::

    >>> s = Sentence(tokens=["We", "use", "SQuAD"], offsets=[10, 13, 17], spans=[(2, 3, "DATASET")])
    >>> sentence_text(s)
    'We use SQuAD'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.evaluate import Score, shared_dir

LABELS = ("TASK", "DATASET", "METRIC")
TRAIN_FILE = "train_1500_v2.conll"
TEST_FILE = "test_500_v2.conll"

Span = tuple[int, int, str]  # (start, end, label); end exclusive (tokens or characters)
Tagger = Callable[[list[str]], Sequence[Sequence[tuple[int, int, str]]]]


def _place(tokens: Sequence[str], offsets: Sequence[int]) -> list[int]:
    """Character starts of the tokens in the sentence text (see module doc): token i goes to
    its offset minus the first token's offset, unless that would overlap the previous token or
    glue it to it (when the file has a gap there); then it goes one space after it."""
    starts: list[int] = []
    base = offsets[0] if offsets else 0
    end = 0
    for i, (tok, off) in enumerate(zip(tokens, offsets, strict=True)):
        pos = max(off - base, 0)
        if i:
            file_gap = off - (offsets[i - 1] + len(tokens[i - 1]))
            pos = max(pos, end + (0 if file_gap == 0 else 1))
        starts.append(pos)
        end = pos + len(tok)
    return starts


@dataclass
class Sentence:
    """One sentence: tokens, their offsets as in the file, gold token spans
    ``(start_token, end_token, label)`` with ``end_token`` exclusive, and ``starts``, the
    character start of each token in :func:`sentence_text` (computed from the offsets)."""

    tokens: list[str]
    offsets: list[int]
    spans: list[Span] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    line: int = 0  # 1-based line of the first token in the file

    def __post_init__(self) -> None:
        if not self.starts:
            self.starts = _place(self.tokens, self.offsets)

    @property
    def text(self) -> str:
        return sentence_text(self)

    def char_spans(self) -> list[Span]:
        """The gold spans as character spans of :func:`sentence_text`."""
        return [
            (self.starts[a], self.starts[b - 1] + len(self.tokens[b - 1]), lab)
            for a, b, lab in self.spans
        ]


def sentence_text(sentence: Sentence) -> str:
    """The sentence with each token at its (sentence-relative) character position."""
    parts: list[str] = []
    end = 0
    for tok, start in zip(sentence.tokens, sentence.starts, strict=True):
        parts.append(" " * (start - end))
        parts.append(tok)
        end = start + len(tok)
    return "".join(parts)


def bio_labels(spans: Iterable[Span], n: int) -> list[str]:
    """BIO tags of ``n`` tokens from token spans (the inverse of :func:`bio_spans`)."""
    labels = ["O"] * n
    for a, b, label in spans:
        labels[a] = "B-" + label
        for k in range(a + 1, b):
            labels[k] = "I-" + label
    return labels


def bio_spans(labels: Sequence[str]) -> list[Span]:
    """Token spans from BIO tags; an I- tag that does not continue a span starts one."""
    spans: list[Span] = []
    cur: list = []  # [start, label]
    for i, tag in enumerate([*labels, "O"]):
        kind, _, lab = tag.partition("-")
        if cur and not (kind == "I" and lab == cur[1]):
            spans.append((cur[0], i, cur[1]))
            cur = []
        if kind in ("B", "I") and not cur:
            cur = [i, lab]
    return spans


def read_conll(path: str | os.PathLike[str]) -> list[Sentence]:
    """Read a TDMSci CoNLL file into sentences (errors name the file and line)."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    offsets: list[int] = []
    tags: list[str] = []
    first = 0

    def flush() -> None:
        if tokens:
            sentences.append(Sentence(list(tokens), list(offsets), bio_spans(tags), line=first))
            tokens.clear()
            offsets.clear()
            tags.clear()

    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{path}:{n}: expected token<TAB>offset<TAB>label: {line!r}")
            tok, off, tag = parts
            try:
                offset = int(off)
            except ValueError:
                raise ValueError(f"{path}:{n}: offset is not an integer: {off!r}") from None
            if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
                raise ValueError(f"{path}:{n}: bad BIO label {tag!r}")
            if not tokens:
                first = n
            tokens.append(tok)
            offsets.append(offset)
            tags.append(tag)
    flush()
    return sentences


def tdmsci_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the .conll files: ``directory`` (the tdmsci folder or its
    conllFormat folder), default ``<shared>/eval/external/tdmsci``."""
    d = Path(directory) if directory is not None else shared_dir() / "eval/external/tdmsci"
    return d / "conllFormat" if (d / "conllFormat").is_dir() else d


def train_sentences(directory: str | os.PathLike[str] | None = None) -> list[Sentence]:
    """The train split (``conllFormat/train_1500_v2.conll``), for training a tagger."""
    return read_conll(conll_path("train", directory))


def conll_path(split: str = "test", directory: str | os.PathLike[str] | None = None) -> Path:
    """Path of the ``"train"`` or ``"test"`` CoNLL file (the test one is for measuring only)."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    return tdmsci_dir(directory) / (TRAIN_FILE if split == "train" else TEST_FILE)


# ------------------------------------------------------------------------------- scoring


def snap(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The token span ``(first, last + 1)`` of the tokens a character span ``[start, end)``
    overlaps (an aligned span maps to exactly its tokens); None if it covers no token."""
    if end <= start:
        return None
    covered = [
        i
        for i, (tok, s) in enumerate(zip(sentence.tokens, sentence.starts, strict=True))
        if s < end and s + len(tok) > start
    ]
    return (covered[0], covered[-1] + 1) if covered else None


@dataclass
class SpanReport:
    overall: Score
    per_label: dict[str, Score]
    n_sentences: int = 0
    n_gold: int = 0
    n_pred: int = 0  # predicted spans as returned by the tagger
    n_snapped: int = 0  # predictions not on token boundaries, snapped to the tokens they cover
    n_unaligned: int = 0  # predictions covering no token (counted as false positives)
    n_duplicates: int = 0  # predictions equal to another one after snapping (counted once)


def evaluate_tdmsci(
    path: str | os.PathLike[str], tagger: Tagger, sentences: Iterable[Sentence] | None = None
) -> SpanReport:
    """Run ``tagger`` on every sentence text of the CoNLL file at ``path`` (one call with all
    texts) and score exact token-span matches, micro over all labels and per label.

    ``tagger(texts)`` returns, per text, character spans ``(start, end, label)`` with ``end``
    exclusive. Spans not on token boundaries are snapped to the tokens they overlap; spans
    covering no token count as false positives; identical spans are counted once.
    ``sentences`` may be given instead of re-reading ``path`` (then ``path`` is unused)."""
    sents = list(sentences) if sentences is not None else read_conll(path)
    texts = [sentence_text(s) for s in sents]
    preds = list(tagger(texts))
    if len(preds) != len(texts):
        raise ValueError(f"tagger returned {len(preds)} results for {len(texts)} texts")
    report = SpanReport(overall=Score(), per_label={lab: Score() for lab in LABELS})
    report.n_sentences = len(sents)

    def score(lab: str) -> Score:
        return report.per_label.setdefault(lab, Score())

    for sent, spans in zip(sents, preds, strict=True):
        gold = set(sent.spans)
        report.n_gold += len(sent.spans)
        pred: set[Span] = set()
        for start, end, lab in spans:
            report.n_pred += 1
            tok = snap(sent, start, end)
            if tok is None:
                report.n_unaligned += 1
                score(lab).fp += 1
                report.overall.fp += 1
                continue
            a, b = tok
            if (sent.starts[a], sent.starts[b - 1] + len(sent.tokens[b - 1])) != (start, end):
                report.n_snapped += 1
            if (a, b, lab) in pred:
                report.n_duplicates += 1
            pred.add((a, b, lab))
        for s in gold:
            sc = score(s[2])
            if s in pred:
                sc.tp += 1
                report.overall.tp += 1
            else:
                sc.fn += 1
                report.overall.fn += 1
        for s in pred - gold:
            score(s[2]).fp += 1
            report.overall.fp += 1
    return report


def format_span_report(report: SpanReport) -> str:
    """A P/R/F1/TP/FP/FN table per label and overall, then the counts."""
    head = f"{'label':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"
    lines = [head, "-" * len(head)]

    def row(name: str, s: Score) -> str:
        return (
            f"{name:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.tp:5d} {s.fp:5d} {s.fn:5d}"
        )

    for lab, s in report.per_label.items():
        lines.append(row(lab, s))
    lines.append("-" * len(head))
    lines.append(row("overall", report.overall))
    lines.append("")
    lines.append(
        f"{report.n_sentences} sentences, {report.n_gold} gold spans, {report.n_pred} predicted "
        f"({report.n_snapped} snapped to token boundaries, {report.n_unaligned} covering no "
        f"token, {report.n_duplicates} duplicates); exact token-span match."
    )
    return "\n".join(lines)
