"""Plain typed records that cross the stages of the pipeline.

sources -> extract -> resolve -> graph -> sinks

* :class:`Paper` is what a source reader yields (one per input record).
* :class:`Reject` is what a reader yields instead when a record cannot be used.
* :class:`Evidence` pins one extracted fact to a span of the *original* title or abstract.
* :class:`PaperRecord` is what extraction yields per paper; its JSON form is described by
  ``schemas/record.schema.json`` and matches the gold format of ``GUIDELINES.md``.
* :class:`Node` / :class:`Edge` (in :mod:`kg.graph`) are the one graph model every sink views.

Example::

    >>> p = Paper(id="p1", title="X: a model", abstract="We propose X.")
    >>> p.text_of("title")
    'X: a model'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Field = Literal["title", "abstract"]
LinkKind = Literal["code", "model", "dataset", "project", "other"]


@dataclass
class Paper:
    """One input paper. ``title`` and ``abstract`` are the original text, markup and all."""

    id: str
    title: str
    abstract: str
    year: int | None = None
    venue: str | None = None
    url: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    # Where the paper was read from: "file:line" (or "file:entry N" for Atom).
    source: str = ""
    # Any other input fields, kept as paper properties (primitive values only).
    extra: dict[str, Any] = field(default_factory=dict)

    def text_of(self, which: Field) -> str:
        return self.title if which == "title" else self.abstract


@dataclass
class Reject:
    """A record that could not become a paper, and why. Written to ``rejects.jsonl``."""

    source: str  # file path
    location: str  # "line 12", "record 3", "entry 5", or "" for the whole file
    reason: str
    record_id: str | None = None

    def message(self) -> str:
        where = f"{self.source}:{self.location}" if self.location else self.source
        rid = f" (id {self.record_id})" if self.record_id else ""
        return f"{where}{rid}: {self.reason}"


@dataclass
class Evidence:
    """Where a fact was read: character offsets into the original ``field`` text."""

    field: Field
    start: int
    end: int
    text: str  # the original characters [start:end]
    sentence: str  # the (clean) sentence the mention sits in
    extractor: str  # name of the spaCy component that produced it
    confidence: float


@dataclass
class EntityItem:
    """A method, proposed method, dataset, task or metric found in one paper."""

    name: str
    long: str | None = None
    aliases: list[str] = field(default_factory=list)
    introduced: bool | None = None  # datasets only
    confidence: float = 0.0
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class ResultItem:
    """A numeric result: (method, dataset, metric, value) as far as the text ties them."""

    value: str
    method: str | None = None
    dataset: str | None = None
    metric: str | None = None
    confidence: float = 0.0
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class ComparisonItem:
    """An explicit comparative claim: ``winner`` outperforms ``loser``."""

    winner: str
    loser: str
    confidence: float = 0.0
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class LinkItem:
    url: str
    kind: LinkKind
    confidence: float = 0.0
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class PaperRecord:
    """Everything extracted from one paper, in the gold format plus evidence."""

    id: str
    title: str
    proposed: list[EntityItem] = field(default_factory=list)
    methods: list[EntityItem] = field(default_factory=list)
    datasets: list[EntityItem] = field(default_factory=list)
    tasks: list[EntityItem] = field(default_factory=list)
    metrics: list[EntityItem] = field(default_factory=list)
    results: list[ResultItem] = field(default_factory=list)
    outperforms: list[ComparisonItem] = field(default_factory=list)
    links: list[LinkItem] = field(default_factory=list)
    code_available: bool = False
    code_evidence: list[Evidence] = field(default_factory=list)
    paper: Paper | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form (schemas/record.schema.json); tasks and metrics are objects."""
        d = asdict(self)
        paper = d.pop("paper")
        if paper is not None:
            d["paper"] = {k: v for k, v in paper.items() if k not in ("title",)}
        for key in ("proposed", "methods", "tasks", "metrics"):
            for item in d[key]:
                item.pop("introduced", None)
                if key in ("tasks", "metrics"):
                    item.pop("long", None)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PaperRecord:
        def ev(items: list[dict[str, Any]]) -> list[Evidence]:
            return [Evidence(**e) for e in items or []]

        def ent(items: list[Any]) -> list[EntityItem]:
            out = []
            for it in items or []:
                if isinstance(it, str):  # gold style tasks / metrics
                    out.append(EntityItem(name=it))
                    continue
                out.append(
                    EntityItem(
                        name=it["name"],
                        long=it.get("long"),
                        aliases=list(it.get("aliases") or []),
                        introduced=it.get("introduced"),
                        confidence=it.get("confidence", 0.0),
                        mentions=ev(it.get("mentions", [])),
                    )
                )
            return out

        paper = None
        if d.get("paper"):
            p = dict(d["paper"])
            p.setdefault("title", d.get("title", ""))
            paper = Paper(**p)
        return cls(
            id=d["id"],
            title=d.get("title", ""),
            proposed=ent(d.get("proposed", [])),
            methods=ent(d.get("methods", [])),
            datasets=ent(d.get("datasets", [])),
            tasks=ent(d.get("tasks", [])),
            metrics=ent(d.get("metrics", [])),
            results=[
                ResultItem(
                    value=r["value"],
                    method=r.get("method"),
                    dataset=r.get("dataset"),
                    metric=r.get("metric"),
                    confidence=r.get("confidence", 0.0),
                    mentions=ev(r.get("mentions", [])),
                )
                for r in d.get("results", []) or []
            ],
            outperforms=[
                ComparisonItem(
                    winner=c["winner"],
                    loser=c["loser"],
                    confidence=c.get("confidence", 0.0),
                    mentions=ev(c.get("mentions", [])),
                )
                for c in d.get("outperforms", []) or []
            ],
            links=[
                LinkItem(
                    url=x["url"],
                    kind=x.get("kind", "other"),
                    confidence=x.get("confidence", 0.0),
                    mentions=ev(x.get("mentions", [])),
                )
                for x in d.get("links", []) or []
            ],
            code_available=bool(d.get("code_available", False)),
            code_evidence=ev(d.get("code_evidence", [])),
            paper=paper,
        )
