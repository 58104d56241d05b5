"""The self-contained HTML view, checked in a real headless Chromium.

Needs the ``playwright`` Python package and a system Chromium (``/usr/bin/chromium``, or
``KG_CHROMIUM``); Playwright's own browser download is not used. Without them the browser tests
are skipped, unless ``KG_REQUIRE_BROWSER=1`` makes that an error (for CI).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.graph import Graph, build_graph
from kg.model import ComparisonItem, EntityItem, Evidence, LinkItem, Paper, PaperRecord
from kg.resolve import Resolver
from kg.sinks.html import CSP, embed_json, render_html, view_data, write_html

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
XSS_TITLE = "Attack <script>window.__xss=1</script> paper"
XSS_ABSTRACT = 'We test "><img src=x onerror="window.__xss=2"> and </script><b>bold</b>.'
ELECTRA_SENTENCE = "We propose ELECTRA, a more sample-efficient pre-training task."
VIEWER_JS = Path(__file__).resolve().parents[1] / "kg" / "sinks" / "html_assets" / "viewer.js"


def ev(sentence: str) -> list[Evidence]:
    return [Evidence("abstract", 0, 5, sentence[:5], sentence, "test", 0.9)]


def small_graph() -> Graph:
    recs = [
        PaperRecord(
            id="electra",
            title="ELECTRA: Pre-training Text Encoders as Discriminators",
            proposed=[
                EntityItem(
                    "ELECTRA",
                    long="Efficiently Learning an Encoder",
                    aliases=["ELECTRA-Base"],
                    confidence=0.95,
                    mentions=ev(ELECTRA_SENTENCE),
                )
            ],
            methods=[EntityItem("BERT", confidence=0.8, mentions=ev("ELECTRA beats BERT."))],
            datasets=[EntityItem("GLUE", confidence=0.8, mentions=ev("Results on GLUE."))],
            outperforms=[ComparisonItem("ELECTRA", "BERT", 0.8, ev("ELECTRA beats BERT."))],
            links=[
                LinkItem("https://github.com/google/electra", "code", 0.9, ev("Code online.")),
                LinkItem("javascript:alert(1)", "other", 0.5, ev("A bad link.")),
            ],
            paper=Paper("electra", "ELECTRA: Pre-training", "We propose ELECTRA.", year=2020),
        ),
        PaperRecord(
            id="xss",
            title=XSS_TITLE,
            methods=[EntityItem("BERT", confidence=0.8, mentions=ev("We use <b>BERT</b>."))],
            paper=Paper("xss", XSS_TITLE, XSS_ABSTRACT),
        ),
        PaperRecord(
            id="roberta",
            title="RoBERTa: A Robustly Optimized BERT Pretraining Approach",
            proposed=[EntityItem("RoBERTa", confidence=0.9, mentions=ev("We present RoBERTa."))],
            methods=[EntityItem("BERT", confidence=0.8, mentions=ev("We revisit BERT."))],
            datasets=[EntityItem("GLUE", confidence=0.8, mentions=ev("RoBERTa on GLUE."))],
            paper=Paper("roberta", "RoBERTa", "We present RoBERTa.", year=2019),
        ),
    ]
    return build_graph(recs, Resolver(use_gazetteer=False))


def big_graph(n_papers: int = 40) -> Graph:
    """Papers that share a few hub methods and datasets, each with its own proposed method."""
    hubs = ["BERT", "ResNet", "Transformer", "LSTM"]
    recs = []
    for i in range(n_papers):
        recs.append(
            PaperRecord(
                id=f"p{i}",
                title=f"Paper {i}",
                proposed=[EntityItem(f"Model{i}", mentions=ev(f"We propose Model{i}."))],
                methods=[EntityItem(hubs[i % 4], mentions=ev(f"We use {hubs[i % 4]}."))],
                datasets=[EntityItem("GLUE" if i % 2 else "SQuAD", mentions=ev("Data."))],
                paper=Paper(f"p{i}", f"Paper {i}", "Abstract."),
            )
        )
    return build_graph(recs, Resolver(use_gazetteer=False))


# ---------- without a browser ----------


def test_embed_json_escapes_markup_and_line_separators() -> None:
    data = {"s": "</script><!-- & \u2028\u2029 'x' \"y\""}
    text = embed_json(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == data


def test_page_is_self_contained(tmp_path: Path) -> None:
    html = render_html(small_graph())
    assert f'content="{CSP}"' in html
    assert "default-src 'none'" in CSP
    assert '<script type="application/json" id="kg-data">' in html
    # One data block and one inline script: no script src, no stylesheet or other fetch.
    assert len(re.findall(r"<script\b", html)) == 2
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)=\"(?!data:)", html)
    assert "window.__xss" not in html.split('id="kg-data">')[0]
    assert html.count("</script>") == 2  # the data's own </script> is escaped
    assert "innerHTML" not in VIEWER_JS.read_text(encoding="utf-8")


def test_view_data_keeps_best_connected() -> None:
    g = big_graph()
    data = view_data(g, max_nodes=6)
    assert data["truncated"] and data["total_nodes"] == len(g.nodes)
    assert len(data["nodes"]) == 6
    kept = {n["id"] for n in data["nodes"]}
    degree = {nid: 0 for nid in g.nodes}
    for e in g.edges.values():
        degree[e.source] += 1
        degree[e.target] += 1
    assert min(degree[k] for k in kept) >= max(degree[k] for k in g.nodes if k not in kept)
    assert all(0 <= s < 6 and 0 <= t < 6 for s, t, _ in data["edges"])
    assert not view_data(g)["truncated"]


# ---------- in Chromium ----------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    required = os.environ.get("KG_REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            raise
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        if required:
            raise FileNotFoundError(CHROMIUM)
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class View:
    """An opened page plus everything it logged or requested."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 850})
        self.page.on(
            "console",
            lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']")
        self.page.wait_for_function("() => window.kgView.settled()", timeout=30000)

    def eval(self, js: str) -> Any:
        return self.page.evaluate(js)

    def panel(self) -> str:
        return str(self.page.inner_text("#panel"))


@pytest.fixture()
def open_view(browser: Any, tmp_path: Path) -> Iterator[Any]:
    views: list[View] = []

    def open_(graph: Graph, **kw: Any) -> View:
        path = write_html(graph, tmp_path / f"view{len(views)}.html", **kw)
        views.append(View(browser, path))
        return views[-1]

    yield open_
    for v in views:
        v.page.close()


def test_loads_cleanly_and_counts_nodes(open_view: Any) -> None:
    g = small_graph()
    v = open_view(g)
    assert v.errors == []
    assert all(u.startswith("file:") for u in v.requests), v.requests
    n = len(g.nodes)
    assert v.page.inner_text("#count") == f"showing {n} of {n} nodes"
    assert v.page.is_hidden("#notice")
    assert v.eval("() => window.kgView.nodeCount") == n
    # The type filters change the visible count.
    papers = sum(1 for x in g.nodes.values() if x.label == "Paper")
    v.page.uncheck("#filters input[data-type='Paper']")
    assert v.page.inner_text("#count") == f"showing {n - papers} of {n} nodes"
    v.page.check("#filters input[data-type='Paper']")
    assert v.page.inner_text("#count") == f"showing {n} of {n} nodes"
    assert v.errors == []


def test_search_finds_and_selects_electra(open_view: Any) -> None:
    v = open_view(small_graph())
    v.page.fill("#search", "ELECTRA")
    hits = v.page.locator("#results button[data-id='method/electra']")
    assert hits.count() == 1
    assert v.eval("() => window.kgView.selected()") == "method/electra"
    assert v.page.inner_text("#panel h2") == "ELECTRA"
    assert "ELECTRA-Base" in v.panel() and "Method" in v.panel()
    assert ELECTRA_SENTENCE in v.panel()
    # An alias finds the node too; picking a result selects it.
    v.page.fill("#search", "robustly")
    v.page.click("#results button[data-id='paper/roberta']")
    assert v.eval("() => window.kgView.selected()") == "paper/roberta"
    assert v.errors == []


def test_click_on_node_shows_evidence_and_safe_links(open_view: Any) -> None:
    v = open_view(small_graph())
    pos = v.eval("() => window.kgView.screenPos('method/electra')")
    v.page.mouse.click(pos["x"], pos["y"])
    assert v.eval("() => window.kgView.selected()") == "method/electra"
    assert ELECTRA_SENTENCE in v.panel()
    assert "PROPOSES" in v.panel()
    # The paper's panel: its code link is a safe anchor; a javascript: url stays text.
    v.eval("() => window.kgView.select('paper/electra')")
    anchors = v.eval(
        "() => Array.from(document.querySelectorAll('#panel a'))"
        ".map(a => [a.getAttribute('href'), a.rel, a.textContent])"
    )
    assert [
        "https://github.com/google/electra",
        "noopener noreferrer",
        "https://github.com/google/electra",
    ] in anchors
    assert all(a[0].startswith(("http://", "https://")) for a in anchors)
    assert "javascript:alert(1)" in v.panel()
    # Clicking empty canvas clears the selection.
    box = v.page.locator("#canvas").bounding_box()
    v.page.mouse.click(box["x"] + 3, box["y"] + 3)
    assert v.eval("() => window.kgView.selected()") is None
    assert v.errors == []


def test_markup_in_data_is_shown_as_text(open_view: Any) -> None:
    v = open_view(small_graph())
    v.page.fill("#search", "attack")
    v.page.click("#results button[data-id='paper/xss']")
    v.page.wait_for_timeout(200)  # give any injected handler a chance to run
    text = v.panel()
    assert XSS_TITLE in text
    assert XSS_ABSTRACT in text
    assert "<script>window.__xss=1</script>" in v.page.inner_text("#results")
    assert v.eval("() => typeof window.__xss") == "undefined"
    assert v.eval("() => document.querySelectorAll('img, #panel script, #panel b').length") == 0
    assert v.errors == []


def test_large_graph_shows_top_n_notice(open_view: Any) -> None:
    g = big_graph()
    total = len(g.nodes)
    assert total > 12
    v = open_view(g, max_nodes=12)
    assert v.page.is_visible("#notice")
    assert v.page.inner_text("#notice") == f"showing the 12 best-connected of {total} nodes"
    assert v.page.inner_text("#count") == f"showing 12 of {total} nodes"
    assert v.eval("() => window.kgView.nodeCount") == 12
    assert v.errors == []


def test_screenshot(open_view: Any) -> None:
    v = open_view(big_graph(60))
    v.page.fill("#search", "BERT")
    v.page.screenshot(path="/tmp/kg_view.png")
    assert Path("/tmp/kg_view.png").stat().st_size > 10_000
    assert v.errors == []


def test_empty_graph_page(open_view: Any) -> None:
    v = open_view(Graph())
    assert v.page.inner_text("#count") == "showing 0 of 0 nodes"
    v.page.fill("#search", "ELECTRA")
    assert v.page.inner_text("#results") == "No match."
    assert v.errors == []
