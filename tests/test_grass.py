"""schemas/neo4j.grass (Neo4j Browser style sheet): a colour and a caption for every label."""

from __future__ import annotations

import re

from kg.graph import EDGE_TYPES, NODE_LABELS
from kg.paths import schema_file

# The property each label is captioned by (what a reader recognises the node by).
CAPTIONS = {
    "Paper": "title",
    "Method": "name",
    "Dataset": "name",
    "Task": "name",
    "Metric": "name",
    "Result": "value",
    "Repository": "url",
    "Link": "url",
}

# selector { declarations }, where a quoted value may hold braces ("{title}").
_RULE = re.compile(r'([A-Za-z_.][\w.]*)\s*\{((?:"[^"]*"|[^{}"])*)\}')
_DECL = re.compile(r'\s*([\w-]+)\s*:\s*("[^"]*"|[^;"]+?)\s*;')


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """{selector: {property: value}} of a GraSS style sheet; fails on anything else."""
    rules: dict[str, dict[str, str]] = {}
    rest = _RULE.sub("", text)
    assert not rest.strip(), f"text outside rules: {rest.strip()[:80]!r}"
    for selector, body in _RULE.findall(text):
        assert selector not in rules, f"{selector} styled twice"
        decls: dict[str, str] = {}
        left = _DECL.sub("", body)
        assert not left.strip(), f"{selector}: bad declaration(s) {left.strip()!r}"
        for key, value in _DECL.findall(body):
            assert key not in decls, f"{selector}: {key} given twice"
            decls[key] = value
        rules[selector] = decls
    return rules


def test_every_label_has_a_colour_and_its_caption() -> None:
    rules = parse_grass(schema_file("neo4j.grass").read_text(encoding="utf-8"))
    assert set(CAPTIONS) == set(NODE_LABELS)
    colours = {}
    for label in NODE_LABELS:
        style = rules.get(f"node.{label}")
        assert style is not None, f"no style for :{label}"
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", style.get("color", "")), label
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", style.get("border-color", "")), label
        assert style.get("caption") == f'"{{{CAPTIONS[label]}}}"', label
        colours[label] = style["color"].upper()
    assert len(set(colours.values())) == len(NODE_LABELS), f"labels share a colour: {colours}"


def test_styles_only_name_labels_and_types_of_the_model() -> None:
    rules = parse_grass(schema_file("neo4j.grass").read_text(encoding="utf-8"))
    assert "node" in rules and "relationship" in rules
    for selector in rules:
        kind, _, name = selector.partition(".")
        assert kind in ("node", "relationship"), selector
        if name:
            assert name in (NODE_LABELS if kind == "node" else EDGE_TYPES), selector


def test_captioned_properties_exist_on_the_nodes() -> None:
    # The captioned property is one the graph model really sets for that label.
    from kg.graph import build_graph
    from kg.model import PaperRecord

    rec = PaperRecord.from_json(
        {
            "id": "p1",
            "title": "MCL: multi-perspective course learning",
            "proposed": [{"name": "MCL"}],
            "datasets": [{"name": "GLUE"}],
            "tasks": [{"name": "language modeling"}],
            "metrics": [{"name": "accuracy"}],
            "results": [
                {"method": "MCL", "dataset": "GLUE", "metric": "accuracy", "value": "2.8%"}
            ],
            "links": [
                {"url": "https://github.com/a/b", "kind": "code"},
                {"url": "https://example.org/model/b", "kind": "model"},
            ],
        }
    )
    g = build_graph([rec])
    seen = set()
    for node in g.nodes.values():
        assert CAPTIONS[node.label] in node.props, (node.label, node.props)
        seen.add(node.label)
    assert seen == set(NODE_LABELS)
