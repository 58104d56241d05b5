"""The cookbook (kg/cookbook.py) on the seed graph: SPARQL over a seed build and Cypher over a
real Neo4j loaded with the same graph give the same answers, and those answers hold facts
checked by hand against the seed abstracts (../shared/data/seed_abstracts.txt; the sentence
behind each fact is quoted next to it).

Only facts that are true in the abstracts are asserted, as containment unless the whole answer
was checked; where the extractor is wrong for a question (docs/COOKBOOK.md lists what), the
wrong rows are neither asserted nor excluded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from kg import cookbook
from kg.build import load_graph as graph_of_build
from kg.evaluate import shared_dir
from kg.query import sparql
from kg.sinks.neo4j import load_graph

SEED = shared_dir() / "data" / "seed_abstracts.txt"
DOC = Path(__file__).resolve().parents[1] / "docs" / "COOKBOOK.md"

# Paper titles (exact, from the seed file).
CLOOB = "CLOOB: Modern Hopfield Networks with InfoLOOB Outperform CLIP"
MCL = "Pre-training Language Model as a Multi-perspective Course Learner"
MUGS = "Mugs: A Multi-Granular Self-Supervised Learning Framework"
SMMIX = "SMMix: Self-Motivated Image Mixing for Vision Transformers"
BEYOND = (
    "Beyond Self-Supervision: A Simple Yet Effective Network Distillation Alternative to "
    "Improve Backbones"
)
GCONET = "GCoNet+: A Stronger Group Collaborative Co-Salient Object Detector"
UNIVTG = "UniVTG: Towards Unified Video-Language Temporal Grounding"
SCORE = "Training Language Models to Self-Correct via Reinforcement Learning"
GUIDING = "Guiding Through Complexity: What Makes Good Supervision for Hard Reasoning Tasks?"
PSYCHO = "Preference Learning Unlocks LLMs' Psycho-Counseling Skills"
POLARIS = "Polaris: A Safety-focused LLM Constellation Architecture for Healthcare"
UL2 = "UL2: Unifying Language Learning Paradigms"
RECO = "ReCo: Retrieve and Co-segment for Zero-shot Transfer"
DENSECLIP = "DenseCLIP: Language-Guided Dense Prediction with Context-Aware Prompting"
COOP = "Learning to Prompt for Vision-Language Models"
MOCOOP = "Mixture of Prompt Learning for Vision Language Models"
TIPS = "TIPS: Text-Image Pretraining with Spatial Awareness"
FST = "Learning from Future: A Novel Self-Training Framework for Semantic Segmentation"
RADDINO = "RAD-DINO: Exploring Scalable Medical Image Encoders Beyond Text Supervision"

# Besides every entry with its default parameters, these are compared across the engines.
EXTRA_CASES: list[tuple[str, dict[str, Any]]] = [
    ("outperforms", {"method": "MCL"}),
    ("outperforms", {"method": "polaris"}),
    ("outperforms", {"method": "UL2"}),
    ("methods_on_dataset_with_code", {"dataset": "CoSOD3k"}),
    ("methods_on_dataset_with_code", {"dataset": "TACoS"}),
    ("results_on_dataset", {"dataset": "MATH"}),
    ("method_neighbourhood", {"method": "Mixture-of-Denoisers"}),
    ("papers_on_task", {"task": "prompt learning"}),
    ("search_entity_names", {"q": "denoisers"}),
    ("search_entity_names", {"q": "segmentation"}),
]
CASES: list[tuple[str, dict[str, Any]]] = [(e.id, {}) for e in cookbook.ENTRIES] + EXTRA_CASES


def _case_id(case: tuple[str, dict[str, Any]]) -> str:
    eid, params = case
    return eid + "".join(f"-{v}" for v in params.values())


@pytest.fixture(scope="module")
def seed_out(seed_build_dir: Path) -> Path:
    return seed_build_dir


@pytest.fixture(scope="module")
def seed_neo4j(neo4j_uri: str, seed_out: Path) -> str:
    """The seed graph loaded over Bolt into an emptied Neo4j (once for this module)."""
    from neo4j import GraphDatabase

    user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
    auth = (user or "neo4j", password or "") if (user or password) else None
    with GraphDatabase.driver(neo4j_uri, auth=auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    load_graph(graph_of_build(seed_out), neo4j_uri)
    return neo4j_uri


def answer(engine: str, entry_id: str, seed_out: Path, uri: str | None, **params: Any) -> list:
    e = cookbook.entry(entry_id)
    if engine == "sparql":
        return cookbook.sparql_answer(e, seed_out, **params)
    return cookbook.cypher_answer(e, uri, **params)


@pytest.fixture(params=["sparql", "cypher"])
def ask(request: pytest.FixtureRequest, seed_out: Path):  # type: ignore[no-untyped-def]
    """ask(entry_id, **params) -> normalised rows, from one engine per test run."""
    uri = request.getfixturevalue("seed_neo4j") if request.param == "cypher" else None
    return lambda entry_id, **params: answer(request.param, entry_id, seed_out, uri, **params)


# --------------------------------------------------------------------------------- agreement


@pytest.mark.neo4j
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_sparql_and_cypher_agree(
    case: tuple[str, dict[str, Any]], seed_out: Path, seed_neo4j: str
) -> None:
    eid, params = case
    s = answer("sparql", eid, seed_out, None, **params)
    c = answer("cypher", eid, seed_out, seed_neo4j, **params)
    assert s, f"{eid} {params}: empty answer on the seed graph (nothing to compare)"
    assert s == c


# ------------------------------------------------------------------------ hand-checked facts


def test_methods_on_a_dataset_with_code(ask) -> None:  # type: ignore[no-untyped-def]
    # SMMix: "by more than +1% on ImageNet-1k ... available at https://github.com/ChenMnZ/SMMix"
    # (the other ImageNet-1k papers, Mugs and Beyond Self-Supervision, give no code URL).
    assert ("SMMix", SMMIX, "https://github.com/ChenMnZ/SMMix") in ask(
        "methods_on_dataset_with_code", dataset="ImageNet-1k"
    )
    # "our GCoNet+ outperforms ... on CoCA, CoSOD3k, and CoSal2015. Code has been released at
    # https://github.com/ZhengPeng7/GCoNet_plus"
    assert ("GCoNet+", GCONET, "https://github.com/ZhengPeng7/GCoNet_plus") in ask(
        "methods_on_dataset_with_code", dataset="cosod3k"
    )
    # TACoS appears only in UniVTG ("... TACoS, Ego4D ... https://github.com/showlab/UniVTG").
    assert ask("methods_on_dataset_with_code", dataset="TACoS") == [
        ("UniVTG", UNIVTG, "https://github.com/showlab/UniVTG")
    ]


def test_what_a_method_outperforms(ask) -> None:  # type: ignore[no-untyped-def]
    sentence = (
        "CLOOB consistently outperforms CLIP at zero-shot transfer learning across all "
        "considered architectures and datasets."
    )
    assert ask("outperforms", method="CLOOB") == [("CLOOB", "CLIP", CLOOB, sentence)]
    # "our method significantly improves ELECTRA's average performance by 2.8% and 3.2%"
    assert [r[:3] for r in ask("outperforms", method="MCL")] == [("MCL", "ELECTRA", MCL)]
    # "our LLM agents significantly outperform ... (GPT-4) as well as ... (LLaMA-2 70B)"
    assert [r[:3] for r in ask("outperforms", method="Polaris")] == [
        ("Polaris", "GPT-4", POLARIS),
        ("Polaris", "LLaMA-2 70B", POLARIS),
    ]
    # UL2: "outperforming T5 & GPT-like models", "outperforming 175B GPT-3 on zero-shot SuperGLUE"
    assert {"T5", "GPT-3"} <= {r[1] for r in ask("outperforms", method="UL2")}


def test_datasets_introduced_for_a_task(ask) -> None:  # type: ignore[no-untyped-def]
    # The only seed paper on preference learning: "we create a preference dataset,
    # PsychoCounsel-Preference".
    assert ask("datasets_introduced_for_task", task="preference learning") == [
        ("PsychoCounsel-Preference", PSYCHO)
    ]


def test_results_on_a_dataset_best_first(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("results_on_dataset", dataset="ImageNet-1K")
    # "Mugs sets new SoTA linear probing accuracy 82.1% on ImageNet-1K" is the best value.
    assert rows[0] == ("Mugs", "linear probing accuracy", "82.1%", 82.1, MUGS)
    numbers = [r[3] for r in rows if r[3] is not None]
    assert numbers == sorted(numbers, reverse=True)
    # "improving the base models' self-correction by 15.6% and 9.1% respectively on the MATH
    # and HumanEval benchmarks"
    assert ("SCoRe", "", "15.6%", 15.6, SCORE) in ask("results_on_dataset", dataset="MATH")


def test_neighbourhood_of_clip(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("method_neighbourhood", method="CLIP")
    # The five seed papers that name CLIP in their abstract (the CLIP paper itself names it
    # only in its code URL).
    assert {name for kind, name in rows if kind == "Paper"} == {
        RECO,
        DENSECLIP,
        COOP,
        MOCOOP,
        CLOOB,
    }
    # CLOOB: "after pre-training on the Conceptual Captions and the YFCC dataset ... CLOOB
    # consistently outperforms CLIP at zero-shot transfer learning" (ReCo's title: "for
    # Zero-shot Transfer"); ReCo and DenseCLIP: semantic segmentation; CoOp / MoCoOp: prompt
    # learning.
    assert ("Dataset", "Conceptual Captions") in rows
    assert {("Task", "semantic segmentation"), ("Task", "prompt learning")} <= set(rows)
    assert any(kind == "Task" and name.startswith("zero-shot transfer") for kind, name in rows)


def test_papers_sharing_datasets(ask) -> None:  # type: ignore[no-untyped-def]
    pairs = {(frozenset(r[:2]), r[2], r[3]) for r in ask("papers_sharing_datasets")}
    # MATH: SCoRe ("on the MATH and HumanEval benchmarks") and Guiding Through Complexity
    # ("a 30% accuracy gap on MATH benchmark").
    assert (frozenset({SCORE, GUIDING}), 1, ("MATH",)) in pairs
    # SMMix and Mugs both use ImageNet-1k (however the graph names that dataset).
    assert any(p[0] == frozenset({SMMIX, MUGS}) and p[1] >= 1 for p in pairs)


def test_code_for_proposed_methods(ask) -> None:  # type: ignore[no-untyped-def]
    rows = set(ask("code_for_proposed_methods"))
    # Each paper names its method and gives this code URL in its abstract.
    assert {
        (GCONET, "GCoNet+", "https://github.com/ZhengPeng7/GCoNet_plus"),
        (SMMIX, "SMMix", "https://github.com/ChenMnZ/SMMix"),
        (UNIVTG, "UniVTG", "https://github.com/showlab/UniVTG"),
        (
            "Disentangled Contrastive Collaborative Filtering",
            "DCCF",
            "https://github.com/HKUDS/DCCF",
        ),
        (
            "Meta-DMoE: Adapting to Domain Shift by Meta-Distillation from Mixture-of-Experts",
            "Meta-DMoE",
            "https://github.com/n3il666/Meta-DMoE",
        ),
        ("SiT: Self-supervised vIsion Transformer", "SiT", "https://github.com/Sara-Ahmed/SiT"),
    } <= rows


def test_most_used_datasets(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("most_used_datasets")
    # ImageNet (8 seed abstracts name an ImageNet) is the most used; MATH is used by exactly two
    # papers: SCoRe ("on the MATH and HumanEval benchmarks") and Guiding Through Complexity.
    assert rows[0][0] == "ImageNet"
    assert dict(rows)["MATH"] == 2


def test_papers_on_semantic_segmentation(ask) -> None:  # type: ignore[no-untyped-def]
    rows = dict(ask("papers_on_task", task="semantic segmentation"))
    # Exactly these six seed abstracts mention semantic segmentation.
    assert set(rows) == {RECO, DENSECLIP, TIPS, FST, BEYOND, RADDINO}
    assert rows[RECO] == ("ReCo",)
    assert rows[TIPS] == ("TIPS",)
    assert rows[RADDINO] == ("RAD-DINO",)
    assert "FST" in rows[FST]  # "our future-self-training (FST) framework"


def test_full_text_search(ask, seed_out: Path) -> None:  # type: ignore[no-untyped-def]
    # Mugs: "By only pretraining on ImageNet-1K ... 82.1% on ImageNet-1K": searching "imagenet"
    # finds the node that ImageNet-1K resolved to (whatever its preferred name), and ImageNet.
    found = set(ask("search_entity_names", q="imagenet"))
    node = sparql(
        seed_out,
        "SELECT DISTINCT ?name WHERE { ?d a dcat:Dataset ; skos:prefLabel ?name ; "
        'skos:prefLabel|skos:altLabel ?n . FILTER(LCASE(STR(?n)) = "imagenet-1k") }',
    )
    assert len(node) == 1
    assert {("Dataset", node[0]["name"]), ("Dataset", "ImageNet")} <= found
    # UL2: "We then propose Mixture-of-Denoisers (MoD)" - found through the long form.
    assert ask("search_entity_names", q="denoisers") == [("Method", "MoD")]


# ------------------------------------------------------------------------------ definitions


def test_every_entry_is_documented_with_both_queries() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for e in cookbook.ENTRIES:
        assert f"`{e.id}`" in doc, e.id
        assert e.sparql.strip() in doc, f"{e.id}: SPARQL in docs/COOKBOOK.md is out of date"
        assert e.cypher.strip() in doc, f"{e.id}: Cypher in docs/COOKBOOK.md is out of date"


def test_entries_are_well_formed() -> None:
    assert len(cookbook.ENTRIES) >= 8
    assert any("db.index.fulltext.queryNodes" in e.cypher for e in cookbook.ENTRIES)
    for e in cookbook.ENTRIES:
        for name, kind in e.columns:
            assert kind in cookbook.KINDS, (e.id, name)
            assert f"?{name}" in e.sparql, (e.id, name)
            assert re.search(rf"\b{name}\b", e.cypher.split("RETURN")[-1]), (e.id, name)
        for p in e.params:
            assert f"${p}" in e.sparql and f"${p}" in e.cypher, (e.id, p)
        assert not re.search(r"\$[A-Za-z_]", cookbook.render_sparql(e)), e.id


def test_parameters_are_rendered_as_safe_literals() -> None:
    e = cookbook.entry("outperforms")
    q = cookbook.render_sparql(e, method='x" } DROP ALL #')
    assert 'LCASE("x\\" } DROP ALL #")' in q
    with pytest.raises(ValueError, match="unknown parameter"):
        cookbook.render_sparql(e, dataset="ImageNet")
