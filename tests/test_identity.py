"""kg.identity (describe_entity, suspected_duplicates, formatting, figures) and merging
separately built graphs: the same graph, and the same RDF, as building everything at once."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph as RDFGraph
from rdflib.compare import to_isomorphic
from test_resolve import MCL_A, MCL_B, mcl, paper, snapshot, varied_records

from kg.graph import build_graph, merge_graphs
from kg.identity import (
    describe_entity,
    format_duplicates,
    format_entity,
    merged_entities,
    name_collisions,
    surface_forms,
    suspected_duplicates,
)
from kg.model import EntityItem, PaperRecord
from kg.resolve import Resolver, sense_signature
from kg.sinks.rdf import write_rdf


def no_gaz() -> Resolver:
    return Resolver(use_gazetteer=False)


# ------------------------------------------------------------------------ describe_entity


def test_describe_entity_by_name_alias_or_id() -> None:
    recs = [
        paper(
            "p1",
            proposed=[
                EntityItem(
                    "ELECTRA", long="Efficiently Learning an Encoder", aliases=["ELECTRA-Base"]
                )
            ],
        ),
        paper("p2", methods=[EntityItem("Electra")]),
        paper("p3", methods=[EntityItem("ELECTRA")]),
    ]
    g = build_graph(recs, no_gaz())
    by_name = describe_entity(g, "electra")
    assert by_name == describe_entity(g, "method/electra")
    assert by_name == describe_entity(g, "efficiently learning an encoder")  # via an alias
    assert by_name["id"] == "method/electra" and by_name["label"] == "Method"
    assert by_name["name"] == "ELECTRA"
    assert by_name["long"] == "Efficiently Learning an Encoder"
    assert by_name["aliases"] == ["Efficiently Learning an Encoder", "ELECTRA-Base", "Electra"]
    assert by_name["paper_count"] == 3
    assert [(p["paper"], p["relations"]) for p in by_name["papers"]] == [
        ("p1", ["PROPOSES"]),
        ("p2", ["USES"]),
        ("p3", ["USES"]),
    ]
    assert by_name["surface_forms"] == {
        "ELECTRA": 2,
        "ELECTRA-Base": 1,
        "Efficiently Learning an Encoder": 1,
        "Electra": 1,
    }
    text = format_entity(by_name)
    assert text.splitlines()[0] == "Method ELECTRA  (method/electra)"
    assert "Efficiently Learning an Encoder" in text and "p2  USES" in text
    with pytest.raises(LookupError, match="nothing-like-this"):
        describe_entity(g, "nothing-like-this")


def test_describe_entity_shows_pwc_id_and_senses() -> None:
    g = build_graph(
        [
            paper("d1", datasets=[EntityItem("ILSVRC 2012")]),
            mcl("p1", MCL_A),
            mcl("p2", MCL_B),
            mcl("p3", None, "methods"),
        ],
        Resolver(),
    )
    d = describe_entity(g, "ImageNet")
    assert (d["id"], d["pwc_id"], d["aliases"]) == ("dataset/imagenet", "ImageNet", ["ILSVRC 2012"])
    assert "Papers-with-Code ImageNet" in format_entity(d)
    bare = describe_entity(g, "method/mcl")
    assert bare["ambiguous_short"] and len(bare["senses"]) == 2
    sense = describe_entity(g, bare["senses"][0])
    assert sense["disambiguated_by"] in {sense_signature(MCL_A), sense_signature(MCL_B)}
    assert "ambiguous short name; this sense" in format_entity(sense)
    # By name, the plain node is found first; the senses are listed as other matches.
    assert describe_entity(g, "MCL")["id"] in {"method/mcl", *bare["senses"]}


# ------------------------------------------------------------------ suspected_duplicates


def dup_graph():
    recs = [
        paper(
            "p1",
            methods=[
                EntityItem("Transformer"),
                EntityItem("ResNet-50"),
                EntityItem("LSTM", long="long short-term memory"),
            ],
            datasets=[EntityItem("A-VI")],
            tasks=[EntityItem("image classification")],
        ),
        paper(
            "p2",
            methods=[
                EntityItem("Transformers"),
                EntityItem("ResNet-101"),
                EntityItem("long short-term memory"),
            ],
            datasets=[EntityItem("AVI")],
            tasks=[EntityItem("image clasification")],
        ),
        paper(
            "p3",
            methods=[
                EntityItem("DDIM"),
                EntityItem("DDM"),
                EntityItem("P-MVSNet"),
                EntityItem("MVSNet"),
            ],
            tasks=[EntityItem("object detection"), EntityItem("object detection task")],
        ),
        mcl("p4", MCL_A),
        mcl("p5", MCL_B),
    ]
    return build_graph(recs, no_gaz())


def test_suspected_duplicates_finds_near_identical_names_with_a_reason() -> None:
    dups = suspected_duplicates(dup_graph())
    pairs = {(d["a"]["name"], d["b"]["name"]): d["reason"] for d in dups}
    assert pairs[("Transformer", "Transformers")] == "singular and plural"
    assert pairs[("image clasification", "image classification")].startswith("1 character edit")
    assert pairs[("object detection", "object detection task")] == (
        "same name apart from a generic head word"
    )
    # "A-VI" / "AVI": too short for the key to drop the hyphen ("T-S" is not "TS"), but a
    # suspect.
    assert pairs[("A-VI", "AVI")] == "same name apart from spacing and punctuation"
    lstm = [r for (a, b), r in pairs.items() if {a, b} == {"LSTM", "long short-term memory"}]
    assert lstm and lstm[0].startswith("long form 'long short-term memory' of method/lstm")
    # Never suspects: other numbers, other acronyms, a prefixed variant, senses of one name.
    names = {n for pair in pairs for n in pair}
    assert not names & {"ResNet-50", "ResNet-101", "DDIM", "DDM", "MVSNet", "P-MVSNet"}
    assert not any("MCL" in n for n in names)
    assert all(d["a"]["id"] < d["b"]["id"] for d in dups)
    sims = [d["similarity"] for d in dups]
    assert sims == sorted(sims, reverse=True)
    text = format_duplicates(dups)
    assert text.splitlines()[0] == f"{len(dups)} suspected duplicate pairs"
    assert "Transformers" in text
    assert format_duplicates([]) == "no suspected duplicates"
    with pytest.raises(ValueError):
        suspected_duplicates(dup_graph(), threshold=0)


def test_suspected_duplicates_threshold_and_labels() -> None:
    g = dup_graph()
    strict = suspected_duplicates(g, threshold=0.99)
    assert all(d["similarity"] >= 0.99 for d in strict)
    assert len(strict) < len(suspected_duplicates(g))
    assert {d["label"] for d in suspected_duplicates(g, labels=["Task"])} == {"Task"}


# ------------------------------------------------------------------------------ figures


def test_name_collisions_and_merged_entities() -> None:
    g = dup_graph()
    assert name_collisions(g) == {"Dataset": [], "Method": []}
    merged = merged_entities(g)
    assert "method/lstm" in {n.id for n in merged}
    assert all(len(surface_forms(n)) >= 2 for n in merged)
    # A collision is found when two nodes carry names with one key.
    g.nodes["method/transformer"].props["name"] = "TRANSFORMERS"
    assert name_collisions(g)["Method"] == [["method/transformer", "method/transformers"]]


# ------------------------------------------------------------------- separate builds


def test_merging_separate_builds_equals_the_joint_build() -> None:
    recs = varied_records()
    joint = snapshot(build_graph(recs, no_gaz()))
    for seed in range(5):
        shuffled = list(recs)
        random.Random(seed).shuffle(shuffled)
        cut = 1 + seed % (len(recs) - 1)
        a, b = build_graph(shuffled[:cut], no_gaz()), build_graph(shuffled[cut:], no_gaz())
        assert snapshot(merge_graphs([a, b], no_gaz())) == joint
        assert snapshot(merge_graphs([b, a], no_gaz())) == joint


def test_rdf_of_merged_separate_builds_equals_rdf_of_joint_build(tmp_path: Path) -> None:
    recs: list[PaperRecord] = varied_records()
    a, b = build_graph(recs[:3], no_gaz()), build_graph(recs[3:], no_gaz())
    # Built apart, p1 and p2 each see one sense of MCL and a different majority spelling of
    # BERT; the merge settles both exactly as the joint build does.
    assert "method/mcl" in a.nodes or any(i.startswith("method/mcl--") for i in a.nodes)
    merged = write_rdf(merge_graphs([a, b], no_gaz()), tmp_path / "m", formats=("nt",))["nt"]
    joint = write_rdf(build_graph(recs, no_gaz()), tmp_path / "j", formats=("nt",))["nt"]
    gm, gj = RDFGraph().parse(merged, format="nt"), RDFGraph().parse(joint, format="nt")
    assert len(gm) == len(gj)
    assert to_isomorphic(gm) == to_isomorphic(gj)


def test_rdf_union_of_agreeing_builds_equals_joint_build(tmp_path: Path) -> None:
    # When the parts agree on every preferred name (one spelling each) and no short name
    # gains a second sense, the plain union of their triples is already the joint RDF.
    recs = [
        paper("p1", proposed=[EntityItem("MCL", long=MCL_A)], datasets=[EntityItem("GLUE")]),
        paper("p2", methods=[EntityItem("MCL"), EntityItem("BERT")], datasets=[EntityItem("GLUE")]),
        paper("p3", methods=[EntityItem("BERT")], datasets=[EntityItem("SQuAD")]),
    ]
    pa = write_rdf(build_graph(recs[:2], no_gaz()), tmp_path / "a", formats=("nt",))["nt"]
    pb = write_rdf(build_graph(recs[2:], no_gaz()), tmp_path / "b", formats=("nt",))["nt"]
    pj = write_rdf(build_graph(recs, no_gaz()), tmp_path / "j", formats=("nt",))["nt"]
    union = RDFGraph().parse(pa, format="nt").parse(pb, format="nt")
    assert set(union) == set(RDFGraph().parse(pj, format="nt"))
