"""kg.resolve: canonical ids for mentions -- Papers-with-Code variants, surface variants,
acronym senses, repository URLs -- and that the graph does not depend on record order."""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from typing import Any

import pytest

from kg.evaluate import shared_dir
from kg.graph import Graph, build_graph
from kg.model import ComparisonItem, EntityItem, LinkItem, Paper, PaperRecord, ResultItem
from kg.names import name_key
from kg.resolve import (
    Resolver,
    decide_family,
    identity_key,
    sense_signature,
)

PWC_DOCUMENTS = shared_dir() / "resources" / "pwc_datasets" / "documents.jsonl"


def snapshot(g: Graph) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Everything a graph says: nodes with labels and properties, edges with properties."""
    return (
        {i: (n.label, n.props) for i, n in g.nodes.items()},
        {k: e.props for k, e in g.edges.items()},
    )


def paper(pid: str, **kw: Any) -> PaperRecord:
    return PaperRecord(id=pid, title=f"Paper {pid}", paper=Paper(pid, f"Paper {pid}", "text"), **kw)


def no_gaz() -> Resolver:
    return Resolver(use_gazetteer=False)


# ------------------------------------------------------------- Papers-with-Code variants


def _ok_name(name: str) -> bool:
    """The names scripts/build_gazetteers.py packages (2-80 characters, with a letter)."""
    return 2 <= len(name) <= 80 and bool(re.search(r"[A-Za-z]", name))


def pwc_variant_sets() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Datasets with two or more usable variants -> those variants, and why others left.

    Left out (each with its reason, counted below): variants the packaged gazetteer does not
    hold (scripts/build_gazetteers.py drops names shorter than 2 or longer than 80
    characters, or without a letter), and variants whose identity key is also a variant or
    the name of ANOTHER dataset (e.g. "ImageNet-A" is both an ImageNet variant and a dataset
    of its own; "CoLA" is a GLUE variant and a dataset): such a name cannot mean both, and
    resolving it to the dataset that owns the name is tested separately below.
    """
    docs = [json.loads(line) for line in PWC_DOCUMENTS.open(encoding="utf-8")]
    owners: dict[str, set[str]] = defaultdict(set)
    variants: dict[str, list[str]] = {}
    for d in docs:
        names = [" ".join(v.split()) for v in [d["id"], *(d.get("variants") or [])]]
        names = list(dict.fromkeys(v for v in names if v))
        variants[d["id"]] = names
        for v in names:
            owners[identity_key("Dataset", v)].add(d["id"])
    kept: dict[str, list[str]] = {}
    excluded: dict[str, str] = {}
    for ident, names in variants.items():
        usable = []
        for v in names:
            if not _ok_name(v):
                excluded[v] = "not packaged (length / no letter)"
            elif len(owners[identity_key("Dataset", v)]) > 1:
                excluded[v] = "shared with another dataset"
            else:
                usable.append(v)
        if len(set(usable)) >= 2:
            kept[ident] = usable
    return kept, excluded


def test_every_pwc_variant_of_a_dataset_resolves_to_one_node() -> None:
    kept, excluded = pwc_variant_sets()
    # Most multi-variant datasets are tested; the exclusions are the few shared names.
    assert len(kept) >= 400, len(kept)
    assert len(excluded) < 200, len(excluded)
    records = []
    expected: dict[str, set[str]] = defaultdict(set)
    for ident, names in kept.items():
        for i, v in enumerate(names):
            pid = f"{ident}#{i}"
            records.append(paper(pid, datasets=[EntityItem(v, confidence=0.9)]))
            expected[ident].add(pid)
    g = build_graph(records, Resolver())
    papers_of: dict[str, set[str]] = defaultdict(set)
    pwc_of: dict[str, str] = {}
    for e in g.edges.values():
        if e.type == "EVALUATED_ON":
            papers_of[e.target].add(str(e.props["paper"]))
            pwc_of[e.target] = g.nodes[e.target].props.get("pwc_id", "")
    node_of_paper = {p: nid for nid, ps in papers_of.items() for p in ps}
    wrong = []
    for ident, pids in expected.items():
        nodes = {node_of_paper[p] for p in pids}
        if len(nodes) != 1 or pwc_of[next(iter(nodes))] != ident:
            wrong.append((ident, sorted(nodes)))
    assert wrong == []
    # One node per dataset, no more.
    assert sum(1 for n in g.nodes.values() if n.label == "Dataset") == len(kept)


def test_a_dataset_own_name_beats_another_datasets_variant() -> None:
    r = Resolver()
    # "ImageNet-A" is listed as an ImageNet variant and is also its own dataset.
    assert r.resolve("Dataset", "ImageNet-A").external_id == "ImageNet-A"
    assert r.resolve("Dataset", "ILSVRC 2015").external_id == "ImageNet"
    assert r.resolve("Dataset", "CoLA").external_id == "CoLA"  # a GLUE variant too
    # A variant several datasets list, owned by none: the longest name prefix decides.
    assert r.resolve("Dataset", "XNLI French").external_id == "XNLI"
    # Surface variants of a variant, and the hand-checked ImageNet-1K / ILSVRC 2012.
    for name in (
        "imagenet",
        "ImageNet dataset",
        "the ImageNet benchmark",
        "ImageNet-1K",
        "ILSVRC-2012",
        "ILSVRC2012",
    ):
        ent = r.resolve("Dataset", name)
        assert (ent.id, ent.name, ent.external_id) == ("dataset/imagenet", "ImageNet", "ImageNet")


def test_gazetteer_name_is_the_preferred_name_and_every_form_an_alias() -> None:
    recs = [
        paper("p1", datasets=[EntityItem("ImageNet-1k")]),
        paper("p2", datasets=[EntityItem("ILSVRC 2012")]),
        paper("p3", datasets=[EntityItem("ImageNet")]),
    ]
    g = build_graph(recs, Resolver())
    [node] = [n for n in g.nodes.values() if n.label == "Dataset"]
    assert node.id == "dataset/imagenet"
    assert node.props["name"] == "ImageNet" and node.props["pwc_id"] == "ImageNet"
    assert node.props["aliases"] == ["ILSVRC 2012", "ImageNet-1k"]


# ------------------------------------------------------------------- surface variants


@pytest.mark.parametrize(
    ("label", "a", "b"),
    [
        ("Dataset", "ImageNet-1K", "imagenet 1k"),
        ("Dataset", "CIFAR-10", "CIFAR10"),
        ("Dataset", "CIFAR-10 dataset", "the CIFAR 10 data set"),
        ("Dataset", "Fashion-MNIST", "FashionMNIST"),
        ("Method", "Faster R-CNN", "FasterRCNN"),
        ("Method", "CNNs", "CNN"),
        ("Method", "GPT-3.5", "GPT 3.5"),
        ("Method", "\u201cSQuAD_2.0\u201d.", "squad 2.0"),
        ("Task", "multi-view clustering", "multiview clustering"),
        ("Method", "U-Net", "UNet"),
        ("Metric", "Top-1 accuracy", "top1 accuracy"),
    ],
)
def test_surface_variants_share_an_id(label: str, a: str, b: str) -> None:
    r = no_gaz()
    assert r.resolve(label, a).id == r.resolve(label, b).id


@pytest.mark.parametrize(
    ("label", "a", "b"),
    [
        ("Method", "T-S", "TS"),  # short: teacher-student is not TS
        ("Method", "ResNet-50", "ResNet-101"),
        ("Dataset", "FaceForensics", "FaceForensics++"),
        ("Dataset", "Meta-Dataset", "Meta"),
        ("Method", "GATS", "GAT"),  # an upper-case S is a letter of the acronym
        ("Dataset", "CIFAR-10", "CIFAR-100"),
    ],
)
def test_different_names_keep_different_ids(label: str, a: str, b: str) -> None:
    r = no_gaz()
    assert r.resolve(label, a).id != r.resolve(label, b).id


def test_identity_key_is_idempotent() -> None:
    for label, name in [
        ("Dataset", "The CIFAR-10 dataset"),
        ("Method", "Faster R-CNN"),
        ("Method", "T-S"),
        ("Task", "Top 1 accuracy"),
        ("Method", "LLMs"),
    ]:
        key = identity_key(label, name)
        assert identity_key(label, key) == key


def test_acronym_and_long_form_of_one_paper_are_one_node() -> None:
    g = build_graph(
        [paper("p1", proposed=[EntityItem("MCL", long="multi-perspective course learning")])],
        no_gaz(),
    )
    [m] = [n for n in g.nodes.values() if n.label == "Method"]
    assert m.id == "method/mcl"
    assert (m.props["name"], m.props["long"]) == ("MCL", "multi-perspective course learning")
    assert m.props["aliases"] == ["multi-perspective course learning"]


def test_preferred_name_is_the_form_most_papers_use() -> None:
    recs = [
        paper("p1", methods=[EntityItem("Bert")]),
        paper("p2", methods=[EntityItem("BERT")]),
        paper("p3", methods=[EntityItem("BERT")]),
        paper("p4", methods=[EntityItem("bert")]),
    ]
    for order in (recs, recs[::-1]):
        [m] = [n for n in build_graph(order, no_gaz()).nodes.values() if n.label == "Method"]
        assert m.props["name"] == "BERT"
        assert m.props["aliases"] == ["Bert", "bert"]
    # A tie is broken by the text, not by which paper came first.
    tie = [paper("p1", methods=[EntityItem("Bert")]), paper("p2", methods=[EntityItem("BERT")])]
    names = {
        next(n for n in build_graph(o, no_gaz()).nodes.values() if n.label == "Method").props[
            "name"
        ]
        for o in (tie, tie[::-1])
    }
    assert names == {"BERT"}


def test_acronym_plural_is_named_by_its_singular() -> None:
    g = build_graph([paper("p1", methods=[EntityItem("GANs")])], no_gaz())
    [m] = [n for n in g.nodes.values() if n.label == "Method"]
    assert (m.id, m.props["name"], m.props["aliases"]) == ("method/gan", "GAN", ["GANs"])


# --------------------------------------------------------------------- acronym senses

MCL_A = "multi-perspective course learning"
MCL_B = "multi-view contrastive learning"


def mcl(pid: str, long: str | None, rel: str = "proposed") -> PaperRecord:
    item = EntityItem("MCL", long=long, confidence=0.9)
    rec = paper(pid, **{rel: [item]}, datasets=[EntityItem("GLUE")])
    rec.results = [ResultItem("80.1", method="MCL", dataset="GLUE")]
    rec.outperforms = [ComparisonItem("MCL", "ELECTRA")]
    return rec


def method_nodes(g: Graph) -> dict[str, dict[str, Any]]:
    return {n.id: n.props for n in g.nodes.values() if n.label == "Method"}


def papers_at(g: Graph, node_id: str) -> set[str]:
    return {str(e.props["paper"]) for e in g.edges.values() if node_id in (e.source, e.target)}


def test_an_acronym_with_disagreeing_long_forms_is_not_merged() -> None:
    g = build_graph([mcl("p1", MCL_A), mcl("p2", MCL_B), mcl("p3", None, "methods")], no_gaz())
    nodes = method_nodes(g)
    qa = "method/mcl--" + sense_signature(MCL_A)
    qb = "method/mcl--" + sense_signature(MCL_B)
    assert {qa, qb, "method/mcl"} <= set(nodes)
    assert papers_at(g, qa) == {"p1"} and papers_at(g, qb) == {"p2"}
    # Without a long form of its own, p3's MCL stays on the plain node.
    assert papers_at(g, "method/mcl") == {"p3"}
    # The decision is recorded on the nodes.
    assert nodes["method/mcl"]["ambiguous_short"] is True
    assert nodes["method/mcl"]["senses"] == sorted([qa, qb])
    assert nodes[qa]["disambiguated_by"] == sense_signature(MCL_A)
    assert nodes[qa]["name"] == f"MCL ({MCL_A})" and nodes[qa]["short"] == "MCL"
    # Every mention of MCL in p1 (proposal, result, comparison) went to p1's sense.
    for e in g.edges.values():
        if e.props.get("paper") == "p1" and e.type in ("PROPOSES", "FOR_METHOD", "OUTPERFORMS"):
            assert qa in (e.source, e.target), e
    # Distinct names: no two Method nodes share a name key.
    keys = [name_key(p["name"]) for p in nodes.values()]
    assert len(keys) == len(set(keys))


def test_spelling_variants_of_one_long_form_are_one_sense() -> None:
    g = build_graph(
        [
            mcl("p1", MCL_A),
            mcl("p2", "Multi-Perspective Course-Learning"),
            mcl("p3", None, "methods"),
        ],
        no_gaz(),
    )
    assert "method/mcl" in method_nodes(g)
    assert not any("--" in i for i in method_nodes(g))
    assert papers_at(g, "method/mcl") == {"p1", "p2", "p3"}
    assert "ambiguous_short" not in method_nodes(g)["method/mcl"]


def test_a_dominant_sense_keeps_the_plain_id() -> None:
    recs = [mcl(f"a{i}", MCL_A) for i in range(4)] + [mcl("b", MCL_B), mcl("c", None, "methods")]
    g = build_graph(recs, no_gaz())
    nodes = method_nodes(g)
    qb = "method/mcl--" + sense_signature(MCL_B)
    assert set(nodes) >= {"method/mcl", qb}
    assert papers_at(g, "method/mcl") == {"a0", "a1", "a2", "a3", "c"}
    assert nodes["method/mcl"]["long"] == MCL_A
    assert nodes["method/mcl"]["senses"] == [qb]
    # One paper fewer for the majority and it no longer dominates: both senses qualified.
    g3 = build_graph(recs[1:], no_gaz())
    assert papers_at(g3, "method/mcl") == {"c"}


def test_decide_family_is_a_function_of_the_set() -> None:
    defs = {"p1": MCL_A, "p2": MCL_B, "p3": None, "p4": MCL_A.upper()}
    first = decide_family("method/mcl", defs)
    again = decide_family("method/mcl", dict(reversed(list(defs.items()))))
    assert first == again
    assert first.ambiguous and first.dominant is None


# ----------------------------------------------------------------------- repositories


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/ZhengPeng7/GCoNet_plus",
        "http://github.com/ZhengPeng7/GCoNet_plus",
        "https://www.github.com/ZhengPeng7/GCoNet_plus",
        "https://GitHub.com/zhengpeng7/gconet_plus",
        "https://github.com/ZhengPeng7/GCoNet_plus/",
        "https://github.com/ZhengPeng7/GCoNet_plus.git",
        "https://github.com/ZhengPeng7/GCoNet_plus.GIT/",
        "https://github.com/ZhengPeng7/GCoNet_plus/tree/main/models",
        "https://github.com/ZhengPeng7/GCoNet_plus/blob/main/README.md#usage",
        "https://github.com/ZhengPeng7/GCoNet_plus?tab=readme-ov-file",
        "github.com/ZhengPeng7/GCoNet_plus",
        "git@github.com:ZhengPeng7/GCoNet_plus.git",
        "  https://github.com/ZhengPeng7/GCoNet_plus  ",
    ],
)
def test_repository_url_variants_are_one_node(url: str) -> None:
    assert Resolver.repository(url).id == "repo/github.com/zhengpeng7/gconet_plus"
    assert Resolver.repository(url).host == "github.com"


def test_different_repositories_stay_apart() -> None:
    ids = {
        Resolver.repository(u).id
        for u in (
            "https://github.com/a/b",
            "https://github.com/a/c",
            "https://github.com/b/b",
            "https://gitlab.com/a/b",
            "https://gitlab.com/group/sub/project",  # not github: whole path kept
            "https://example.org/code/x.git",
        )
    }
    assert len(ids) == 6
    assert Resolver.repository("https://example.org/Code/X.git/").id == "repo/example.org/code/x"


def test_repository_url_property_does_not_depend_on_order() -> None:
    def rec(pid: str, url: str) -> PaperRecord:
        return paper(pid, links=[LinkItem(url, "code", 0.9)], code_available=True)

    recs = [
        rec("p1", "https://github.com/owner/Repo.git"),
        rec("p2", "https://github.com/Owner/Repo"),
        rec("p3", "https://github.com/Owner/Repo/tree/dev"),
    ]
    urls = set()
    for order in (recs, recs[::-1], [recs[1], recs[0], recs[2]]):
        g = build_graph(order, no_gaz())
        [repo] = [n for n in g.nodes.values() if n.label == "Repository"]
        urls.add((repo.id, repo.props["url"]))
    assert urls == {("repo/github.com/owner/repo", "https://github.com/Owner/Repo")}


# ---------------------------------------------------------------- order independence


def varied_records() -> list[PaperRecord]:
    """Records whose merges depend on ties, votes, senses, links and evidence confidence."""
    return [
        mcl("p1", MCL_A),
        mcl("p2", MCL_B),
        mcl("p3", None, "methods"),
        paper(
            "p4",
            methods=[EntityItem("Bert"), EntityItem("ResNet-50")],
            datasets=[EntityItem("ImageNet-1K"), EntityItem("ImageNet-1k", aliases=["IN-1k"])],
            links=[LinkItem("https://example.org/x", "project", 0.5)],
        ),
        paper(
            "p5",
            methods=[EntityItem("BERT", long="Bidirectional Encoder Representations")],
            datasets=[EntityItem("imagenet 1k")],
            links=[
                LinkItem("https://example.org/x", "other", 0.5),
                LinkItem("https://github.com/a/B.git", "code", 0.9),
            ],
        ),
        paper(
            "p6",
            methods=[EntityItem("ResNet50"), EntityItem("BERTs")],
            links=[LinkItem("https://github.com/A/b", "code", 0.9)],
        ),
    ]


@pytest.mark.parametrize("seed", range(8))
def test_shuffled_records_give_the_same_graph(seed: int) -> None:
    recs = varied_records()
    base = snapshot(build_graph(recs, no_gaz()))
    shuffled = list(recs)
    random.Random(seed).shuffle(shuffled)
    assert snapshot(build_graph(shuffled, no_gaz())) == base


def test_shuffled_seed_records_give_the_same_graph(seed_records: list[PaperRecord]) -> None:
    base = snapshot(build_graph(seed_records))
    for seed in range(3):
        shuffled = list(seed_records)
        random.Random(seed).shuffle(shuffled)
        assert snapshot(build_graph(shuffled)) == base


@pytest.fixture(scope="module")
def seed_records() -> list[PaperRecord]:
    from kg.extract.pipeline import extract
    from kg.sources import read_papers

    papers = [
        p
        for p in read_papers([shared_dir() / "data" / "seed_abstracts.txt"])
        if isinstance(p, Paper)
    ]
    return list(extract(papers))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("conditional random field", "conditional random filed", True),  # a typo
        ("long short-term memory", "Long Short-Term Memory networks", True),  # head word
        ("chain of thought", "chain-of-thought reasoning", True),  # contained, long
        ("face verification", "fact verification", False),  # two ordinary words
        ("language", "English-as-a-foreign-language", False),  # contained, too short
        ("model contrastive learning", "mutual contrastive learning", False),
    ],
)
def test_long_forms_are_one_sense_only_when_they_spell_one_meaning(
    a: str, b: str, same: bool
) -> None:
    d = decide_family("method/x", {"p1": a, "p2": b})
    assert (not d.ambiguous) is same
