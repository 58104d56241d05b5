"""kg.sources: every reader, on the shared seed page and corpus and on small real files.

Bad inputs (truncated gzip, latin-1 bytes, broken XML, ...) are made at test time in
``tmp_path`` from real text; the small fixed inputs live in tests/data/.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from itertools import islice
from pathlib import Path

import pytest

from kg.evaluate import shared_dir
from kg.model import Paper, Reject
from kg.names import name_key
from kg.sources import detect_format, read_papers, stable_id

DATA = Path(__file__).parent / "data"
SEED = shared_dir() / "data" / "seed_abstracts.txt"
CORPUS = shared_dir() / "data" / "paperlists_abstracts.jsonl.gz"
DEV = shared_dir() / "eval" / "dev_papers.jsonl"
ATOM = DATA / "arxiv_sample.atom"
MIXED = DATA / "papers_mixed.jsonl"
CSV = DATA / "papers.csv"

SEED_FIRST = "SiT: Self-supervised vIsion Transformer"
SEED_LAST = "NEVIS'22: A Stream of 100 Tasks Sampled from 30 Years of Computer Vision Research"
CLIP = "Learning Transferable Visual Models From Natural Language Supervision"
SCORE = "Training Language Models to Self-Correct via Reinforcement Learning"


def papers(items: list) -> list[Paper]:
    return [x for x in items if isinstance(x, Paper)]


def rejects(items: list) -> list[Reject]:
    return [x for x in items if isinstance(x, Reject)]


def seed_pairs() -> list[tuple[str, str]]:
    """The seed's (title, abstract) pairs, read the plain way: blocks after the 5 header lines."""
    blocks = SEED.read_text(encoding="utf-8").split("\n\n")[5:]
    return list(zip(blocks[0::2], blocks[1::2], strict=True))


def corpus_lines(n: int) -> list[bytes]:
    with gzip.open(CORPUS, "rb") as fh:
        return list(islice(fh, n))


def write_page(path: Path, pairs: list[tuple[str, str]], header: str = "") -> Path:
    path.write_text(header + "\n\n".join(f"{t}\n\n{a}" for t, a in pairs) + "\n", "utf-8")
    return path


def test_shared_inputs_exist() -> None:
    for p in (SEED, CORPUS, DEV):
        assert p.is_file(), f"{p} missing: set KG_SHARED to the shared data folder"


# -- the trending-papers page -----------------------------------------------------------------
def test_seed_page_yields_exactly_the_64_papers() -> None:
    items = list(read_papers([SEED]))
    assert rejects(items) == []
    got = papers(items)
    assert len(got) == 64
    assert got[0].title == SEED_FIRST
    assert got[-1].title == SEED_LAST
    assert got[0].abstract.startswith("Self-supervised learning methods are gaining increasing")
    assert got[0].abstract.endswith("available under: https://github.com/Sara-Ahmed/SiT.")
    assert got[-1].abstract.endswith("trade-off between accuracy and compute.")
    # header lines 1-9 ("new", "Subscribe", "Mar 11", ...) are not papers; titles sit on
    # lines 11, 15, 19, ... (title, blank, abstract, blank)
    assert got[0].source == f"{SEED}:line 11"
    assert got[1].source == f"{SEED}:line 15"
    assert got[-1].source == f"{SEED}:line 263"
    titles = {p.title for p in got}
    assert not titles & {
        "new",
        "Subscribe",
        "Mar 11",
        "byAK and the research community",
        "Get trending papers in your email inbox!",
    }
    assert [(p.title, p.abstract) for p in got] == seed_pairs()


def test_seed_ids_are_stable_title_hashes() -> None:
    got = papers(list(read_papers(SEED)))  # a single path works too
    first = got[0]
    expected = "t-" + hashlib.sha1(b"sit: self supervised vision transformer").hexdigest()[:12]
    assert name_key(first.title) == "sit: self supervised vision transformer"
    assert first.id == expected == stable_id(first.title)
    assert len({p.id for p in got}) == 64
    assert [p.id for p in got] == [p.id for p in papers(list(read_papers([SEED])))]


def test_seed_matches_the_dev_papers() -> None:
    # The 32 dev papers were cut from the same page: same titles, same abstracts.
    seed = {p.title: p.abstract for p in papers(list(read_papers([SEED])))}
    dev = papers(list(read_papers([DEV])))
    assert len(dev) == 32
    assert dev[0].id == "seed-02"
    for p in dev:
        assert seed[p.title] == p.abstract


def test_page_without_header_and_with_crlf(tmp_path: Path) -> None:
    pairs = seed_pairs()[:3]
    path = tmp_path / "page.txt"
    path.write_bytes("\r\n\r\n".join(f"{t}\r\n\r\n{a}" for t, a in pairs).encode())
    got = list(read_papers([path]))
    assert [(p.title, p.abstract) for p in papers(got)] == pairs
    assert [p.source for p in papers(got)] == [f"{path}:line {n}" for n in (1, 5, 9)]


def test_page_title_without_abstract_is_rejected(tmp_path: Path) -> None:
    pairs = seed_pairs()[:4]
    text = SEED.read_text("utf-8")
    # drop the abstract of the third paper (title on line 19, abstract on line 21)
    text = text.replace(pairs[2][1] + "\n\n", "")
    path = tmp_path / "page.txt"
    path.write_text(text, "utf-8")
    got = list(read_papers([path]))
    assert len(papers(got)) == 63
    assert rejects(got) == [Reject(str(path), "line 19", "title with no abstract after it")]
    assert got[2] == rejects(got)[0]  # in file order
    assert got[3].title == pairs[3][0]


def test_page_trailing_title_and_stray_paragraph(tmp_path: Path) -> None:
    (t1, a1), (t2, a2), (t3, _) = seed_pairs()[:3]
    path = tmp_path / "page.txt"
    path.write_text(f"Mar 11\n\n{t1}\n\n{a1}\n\n{a2}\n\n{t3}\n", "utf-8")
    got = list(read_papers([path]))
    assert [p.title for p in papers(got)] == [t1]
    assert rejects(got) == [
        Reject(str(path), "line 7", "paragraph with no title line before it"),
        Reject(str(path), "line 9", "title with no abstract after it"),
    ]


def test_page_title_directly_above_abstract(tmp_path: Path) -> None:
    (t1, a1), (t2, a2) = seed_pairs()[:2]
    path = tmp_path / "page.txt"
    path.write_text(f"{t1}\n{a1}\n\n{t2}\n\n{a2}\n", "utf-8")
    got = list(read_papers([path]))
    assert [(p.title, p.abstract) for p in papers(got)] == [(t1, a1), (t2, a2)]
    assert got[1].source.endswith(":line 4")


def test_page_with_no_papers(tmp_path: Path) -> None:
    path = tmp_path / "header.txt"
    path.write_text("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n", "utf-8")
    got = list(read_papers([path]))
    assert len(got) == 1
    assert got[0].location == ""
    assert got[0].reason.startswith("no papers found")


def test_page_shape_rules() -> None:
    from kg.sources.pagetext import could_be_title, reads_like_abstract

    pairs = seed_pairs()
    assert all(reads_like_abstract(a) and not could_be_title(a) for _, a in pairs)
    assert all(could_be_title(t) and not reads_like_abstract(t) for t, _ in pairs)
    header = ["new", "Get trending papers in your email inbox!", "Subscribe",
              "byAK and the research community", "Mar 11"]  # fmt: skip
    assert not any(reads_like_abstract(h) for h in header)
    # an abstract: 25 words in 2 sentences, or 60 words whatever the punctuation
    two = "word " * 12 + "end. " + "word " * 11 + "end."
    assert reads_like_abstract(two) and not could_be_title(two)
    assert not reads_like_abstract(two.replace("word ", "", 1))  # 24 words
    assert reads_like_abstract("word " * 60) and not reads_like_abstract("word " * 59)
    assert not could_be_title("word " * 41)


@functools.cache
def latin1_paper() -> tuple[str, str]:
    """The first corpus paper whose abstract has a non-ASCII character latin-1 can encode."""
    with gzip.open(CORPUS, "rb") as fh:
        lines = list(fh)
    for line in lines:
        d = json.loads(line)
        a = d["abstract"]
        if any(ord(c) > 127 for c in a):
            try:
                a.encode("latin-1")
            except UnicodeEncodeError:
                continue
            return d["title"], a
    raise AssertionError("no latin-1 abstract in the corpus")


def test_page_in_latin1_rejects_only_that_paper(tmp_path: Path) -> None:
    title, abstract = latin1_paper()
    pairs = seed_pairs()[:2] + [(title, abstract)] + seed_pairs()[2:3]
    path = tmp_path / "page.txt"
    write_page(path, pairs)
    data = path.read_text("utf-8").encode("latin-1")
    path.write_bytes(data)
    bad_at = re.search(rb"[\x80-\xff]", data).start()  # type: ignore[union-attr]
    got = list(read_papers([path]))
    assert [p.title for p in papers(got)] == [pairs[0][0], pairs[1][0], pairs[3][0]]
    assert rejects(got) == [
        Reject(str(path), "line 11", f"not valid utf-8 at byte {bad_at}; try --encoding latin-1")
    ]
    fixed = list(read_papers([path], encoding="latin-1"))
    assert [(p.title, p.abstract) for p in papers(fixed)] == pairs


# -- JSON Lines ---------------------------------------------------------------------------------
def test_corpus_loads_every_paper() -> None:
    got = list(read_papers([CORPUS]))
    assert len(got) == 38521
    assert rejects(got) == []
    first, last = got[0], got[-1]
    assert first.id == "aaai2022-00444"
    assert first.title == "(2.5+1)D Spatio-Temporal Scene Graphs for Video Question Answering"
    assert (first.year, first.venue) == (2022, "aaai")
    assert first.source == f"{CORPUS}:line 1"
    assert first.extra == {
        "github": "",
        "site": "https://aaai.org/papers/00444-2-5-1-d-spatio-temporal-scene-graphs-for-"
        "video-question-answering/",
    }
    assert last.id == "wacv2025-0ff9bc196e"
    assert last.source == f"{CORPUS}:line 38521"
    assert last.extra["github"] == "https://github.com/JonathanLee112/uLayout"
    by_title = {p.title: p for p in got}
    assert by_title["Attention is All you Need"].year == 2017
    assert by_title["Attention is All you Need"].id == "nips2017-9372"
    assert by_title["Deep Residual Learning for Image Recognition"].venue == "cvpr"
    assert sum(1 for p in got if p.extra["github"]) == 4692  # as SOURCES.md says


def test_mixed_jsonl_gives_one_result_per_record() -> None:
    got = list(read_papers([MIXED]))
    path = str(MIXED)
    records = [line for line in MIXED.read_text("utf-8").splitlines() if line.strip()]
    assert len(got) == len(records) == 9
    sit, reco = got[0], got[1]
    assert isinstance(sit, Paper) and isinstance(reco, Paper)
    assert (sit.id, sit.year, sit.venue, sit.arxiv_id, sit.doi) == (
        "2104.03602",
        2021,
        "arXiv",
        "2104.03602",
        None,
    )
    assert sit.url == "http://arxiv.org/abs/2104.03602"
    assert sit.extra == {
        "github": "https://github.com/Sara-Ahmed/SiT",
        "tags": '["self-supervised", "vision transformer"]',
        "code_available": True,
    }
    assert reco.id == stable_id("ReCo: Retrieve and Co-segment for Zero-shot Transfer")
    assert reco.year == 2022  # given as the string "2022"
    assert got[2:8] == [
        Reject(path, "line 4", "invalid JSON: Unterminated string starting at (column 115)"),
        Reject(path, "line 5", "expected a JSON object, got an array"),
        Reject(path, "line 6", "no abstract", "noabs-1"),
        Reject(path, "line 7", "no title", "notitle-1"),
        Reject(
            path, "line 8", f"duplicate id '2104.03602', first seen at {path}:line 1", "2104.03602"
        ),
        Reject(path, "line 9", "year is not a whole number: '2023a'", "year-1"),
    ]
    assert isinstance(got[8], Paper)
    assert (got[8].id, got[8].year) == ("12345", 2025)  # int id, float year 2025.0


def test_ndjson_and_gzip_by_magic_not_name(tmp_path: Path) -> None:
    lines = corpus_lines(5)
    plain = tmp_path / "five.ndjson"
    plain.write_bytes(b"".join(lines))
    disguised = tmp_path / "five.jsonl"  # gzip bytes, no .gz in the name
    disguised.write_bytes(gzip.compress(b"".join(lines)))
    named = tmp_path / "five2.jsonl.gz"
    named.write_bytes(gzip.compress(b"".join(lines)))
    ids = [json.loads(x)["id"] for x in lines]
    for path in (plain, disguised, named):
        got = list(read_papers([path]))
        assert [p.id for p in papers(got)] == ids, path
    # a ".gz" name on plain bytes is read as plain
    liar = tmp_path / "plain.jsonl.gz"
    liar.write_bytes(b"".join(lines))
    assert [p.id for p in papers(list(read_papers([liar])))] == ids


def test_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    lines = corpus_lines(2000)
    blob = gzip.compress(b"".join(lines))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(blob[: len(blob) // 2])
    got = list(read_papers([path]))
    kept = papers(got)
    assert 0 < len(kept) < 2000
    assert [p.id for p in kept] == [json.loads(x)["id"] for x in lines[: len(kept)]]
    assert got[-1] == Reject(
        str(path), "", f"truncated gzip after line {len(kept)}; the rest of the file is lost"
    )
    assert len(rejects(got)) == 1


def test_corrupt_gzip_is_a_reject(tmp_path: Path) -> None:
    lines = corpus_lines(50)
    blob = bytearray(gzip.compress(b"".join(lines)))
    blob[-8:-4] = b"\0\0\0\0"  # wrong CRC in the trailer
    path = tmp_path / "crc.jsonl.gz"
    path.write_bytes(bytes(blob))
    got = list(read_papers([path]))
    assert len(papers(got)) == 50  # the data itself was whole
    (rej,) = rejects(got)
    assert rej.reason.startswith("corrupt gzip (CRC check failed")
    assert "after line 50" in rej.reason


def test_latin1_line_in_jsonl_costs_one_line(tmp_path: Path) -> None:
    title, abstract = latin1_paper()
    good = corpus_lines(2)
    bad = json.dumps({"id": "l1", "title": title, "abstract": abstract}, ensure_ascii=False)
    raw_bad = bad.encode("latin-1") + b"\n"
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good[0] + raw_bad + good[1])
    offset = len(good[0]) + re.search(rb"[\x80-\xff]", raw_bad).start()  # type: ignore[union-attr]
    got = list(read_papers([path]))
    assert [type(x) for x in got] == [Paper, Reject, Paper]
    assert got[1] == Reject(
        str(path), "line 2", f"not valid utf-8 at byte {offset}; try --encoding latin-1"
    )
    ok = papers(list(read_papers([path], encoding="latin-1")))
    assert ok[1].abstract == abstract.strip()


def test_utf8_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(corpus_lines(2)))
    assert len(papers(list(read_papers([path])))) == 2


# -- JSON ---------------------------------------------------------------------------------------
def test_json_array_object_and_jsonl(tmp_path: Path) -> None:
    recs = [json.loads(x) for x in corpus_lines(3)]
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps(recs, indent=2), "utf-8")
    got = list(read_papers([arr]))
    assert [p.id for p in papers(got)] == [r["id"] for r in recs]
    assert [p.source for p in papers(got)] == [f"{arr}:record {n}" for n in (1, 2, 3)]
    one = tmp_path / "one.json"
    one.write_text(json.dumps(recs[0], indent=2), "utf-8")
    assert [p.source for p in papers(list(read_papers([one])))] == [f"{one}:record 1"]
    lines = tmp_path / "lines.json"
    lines.write_bytes(b"".join(corpus_lines(3)))
    assert [p.source for p in papers(list(read_papers([lines])))][-1] == f"{lines}:line 3"


def test_json_array_with_a_syntax_error_keeps_earlier_records(tmp_path: Path) -> None:
    recs = [json.loads(x) for x in corpus_lines(3)]
    text = json.dumps(recs, indent=1)
    cut = text.index('"id": "' + recs[2]["id"])
    text = text[:cut] + "oops " + text[cut:]
    path = tmp_path / "broken.json"
    path.write_text(text, "utf-8")
    got = list(read_papers([path]))
    assert [p.id for p in papers(got)] == [recs[0]["id"], recs[1]["id"]]
    line = text[:cut].count("\n") + 1
    assert rejects(got) == [
        Reject(
            str(path),
            "record 3",
            f"invalid JSON at line {line} column 3 (Expecting property name enclosed in "
            "double quotes); the records after it were not read",
        )
    ]


def test_truncated_gzip_json_array(tmp_path: Path) -> None:
    recs = [json.loads(x) for x in corpus_lines(300)]
    blob = gzip.compress(json.dumps(recs, indent=1).encode())
    path = tmp_path / "cut.json.gz"
    path.write_bytes(blob[: len(blob) // 2])
    got = list(read_papers([path]))
    n = len(papers(got))
    assert 0 < n < 300
    assert [p.id for p in papers(got)] == [r["id"] for r in recs[:n]]
    assert rejects(got) == [
        Reject(str(path), "", f"truncated gzip after record {n}; the rest of the file is lost")
    ]


def test_json_array_of_non_objects_and_empty_array(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"title": "T", "abstract": "A."}, 3]', "utf-8")
    got = list(read_papers([path]))
    assert isinstance(got[0], Paper)
    assert got[1] == Reject(str(path), "record 2", "expected a JSON object, got a number")
    empty = tmp_path / "empty.json"
    empty.write_text("[ ]\n", "utf-8")
    assert list(read_papers([empty])) == [Reject(str(empty), "", "no records found")]


# -- CSV ----------------------------------------------------------------------------------------
def test_csv_file() -> None:
    got = list(read_papers([CSV]))
    path = str(CSV)
    assert len(got) == 5
    sct, tips = got[0], got[1]
    assert isinstance(sct, Paper) and isinstance(tips, Paper)
    assert (sct.id, sct.title, sct.year, sct.venue) == (
        "sct-1",
        "Supervised Chain of Thought",
        2024,
        "arXiv",
    )
    # a quoted field across two lines keeps its line break; the record starts on line 2
    assert sct.abstract.startswith("Large Language Models (LLMs) have revolutionized")
    assert "Intelligence.\nHowever, the core architecture" in sct.abstract
    assert sct.source == f"{path}:line 2"
    assert sct.extra == {"code": ""}
    assert tips.id == stable_id("TIPS: Text-Image Pretraining with Spatial Awareness")
    assert (tips.year, tips.venue, tips.source) == (None, None, f"{path}:line 4")
    assert tips.extra == {"code": "https://github.com/google-deepmind/tips"}
    assert got[2:4] == [
        Reject(path, "line 5", "no abstract", "mopl-1"),
        Reject(path, "line 6", "row has 4 fields, the header has 6"),
    ]
    assert isinstance(got[4], Paper) and got[4].venue == "TPAMI"


def test_tsv_and_sniffed_csv(tmp_path: Path) -> None:
    (t1, a1), (t2, a2) = seed_pairs()[:2]
    tsv = tmp_path / "p.tsv"
    tsv.write_text(f"title\tabstract\tyear\n{t1}\t{a1}\t2021\n{t2}\t{a2}\t2022\n", "utf-8")
    got = papers(list(read_papers([tsv])))
    assert [(p.title, p.year) for p in got] == [(t1, 2021), (t2, 2022)]
    noext = tmp_path / "export"
    noext.write_text(CSV.read_text("utf-8"), "utf-8")
    tips = stable_id("TIPS: Text-Image Pretraining with Spatial Awareness")
    assert [p.id for p in papers(list(read_papers([noext])))] == ["sct-1", tips, "gconet-1"]


def test_csv_without_title_column_and_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("paper_title,summary\nX,Y\n", "utf-8")
    assert list(read_papers([path])) == [
        Reject(
            str(path),
            "line 1",
            "the header has no 'title' or 'abstract' column (columns: paper_title, summary)",
        )
    ]
    (t1, a1), (t2, a2) = seed_pairs()[:2]
    bad = tmp_path / "quote.csv"
    bad.write_text(f'title,abstract\n"{t1}","{a1}"\n"{t2}","{a2}\n', "utf-8")
    got = list(read_papers([bad]))
    assert [p.title for p in papers(got)] == [t1]
    assert got[1] == Reject(str(bad), "line 3", "malformed CSV (unexpected end of data)")


def test_csv_latin1_row_costs_one_row(tmp_path: Path) -> None:
    title, abstract = latin1_paper()
    (t1, a1), (t2, a2) = seed_pairs()[:2]
    path = tmp_path / "l1.csv"
    text = f'title,abstract\n"{t1}","{a1}"\n"{title}","{abstract}"\n"{t2}","{a2}"\n'
    path.write_bytes(text.encode("latin-1"))
    got = list(read_papers([path]))
    assert [p.title for p in papers(got)] == [t1, t2]
    assert rejects(got)[0].location == "line 3"
    assert rejects(got)[0].reason.startswith("not valid utf-8 at byte ")


# -- arXiv Atom ---------------------------------------------------------------------------------
def test_arxiv_atom_sample() -> None:
    got = list(read_papers([ATOM]))
    assert rejects(got) == []
    sit, clip, score = got
    assert [p.id for p in got] == ["2104.03602", "2103.00020", "2409.12917"]
    assert [p.arxiv_id for p in got] == [p.id for p in got]
    assert [p.title for p in got] == [SEED_FIRST, CLIP, SCORE]  # wrapped titles joined
    assert [p.year for p in got] == [2021, 2021, 2024]
    assert clip.url == "http://arxiv.org/abs/2103.00020v1"
    assert clip.source == f"{ATOM}:entry 2"
    assert clip.doi is None
    assert clip.extra["primary_category"] == "cs.CV"
    assert clip.extra["categories"] == "cs.CV cs.LG"
    assert clip.extra["authors"].startswith("Alec Radford; Jong Wook Kim;")
    assert clip.extra["pdf_url"] == "http://arxiv.org/pdf/2103.00020v1"
    assert score.extra["primary_category"] == "cs.LG"
    # the summary, wrapped over many lines in the feed, is the seed abstract again
    seed = dict(seed_pairs())
    for p in got:
        assert "\n" not in p.abstract
        assert p.abstract == seed[p.title]


def test_atom_doi_old_style_id_and_api_error(tmp_path: Path) -> None:
    text = ATOM.read_text("utf-8")
    text = text.replace(
        '    <link href="http://arxiv.org/abs/2104.03602v1"',
        '    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.5555/example.sit'
        '</arxiv:doi>\n    <link href="http://arxiv.org/abs/2104.03602v1"',
    ).replace(
        "<id>http://arxiv.org/abs/2409.12917v1</id>",
        "<id>http://arxiv.org/abs/hep-th/9901001v2</id>",
    )
    path = tmp_path / "doi.atom"
    path.write_text(text, "utf-8")
    got = papers(list(read_papers([path])))
    assert got[0].doi == "10.5555/example.sit"
    assert got[2].arxiv_id == "hep-th/9901001"
    error_feed = tmp_path / "error.xml"
    error_feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <entry>\n    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v</id>\n"
        "    <title>Error</title>\n    <summary>incorrect id format for 1234.1234v</summary>\n"
        "  </entry>\n</feed>\n",
        "utf-8",
    )
    assert list(read_papers([error_feed])) == [
        Reject(str(error_feed), "entry 1", "arXiv API error: incorrect id format for 1234.1234v")
    ]


def test_malformed_atom_keeps_the_entries_before(tmp_path: Path) -> None:
    lines = ATOM.read_text("utf-8").split("\n")
    third = [i for i, x in enumerate(lines) if x.strip() == "<entry>"][2]
    broken = lines[: third + 3] + ["</feed>"]  # entry 3 is never closed
    path = tmp_path / "broken.atom"
    path.write_text("\n".join(broken) + "\n", "utf-8")
    got = list(read_papers([path]))
    assert [p.id for p in papers(got)] == ["2104.03602", "2103.00020"]
    line = len(broken)
    assert rejects(got) == [
        Reject(
            str(path),
            f"line {line}",
            f"malformed XML at line {line}, column 2 (mismatched tag); "
            "the 2 entries before it were kept",
        )
    ]


def test_atom_gzip_without_extension_and_truncated(tmp_path: Path) -> None:
    blob = gzip.compress(ATOM.read_bytes())
    path = tmp_path / "feed.atom"
    path.write_bytes(blob)
    assert len(papers(list(read_papers([path])))) == 3
    sniffed = tmp_path / "response"  # no extension: gzip magic, then "<" says XML
    sniffed.write_bytes(blob)
    assert len(papers(list(read_papers([sniffed])))) == 3
    cut = tmp_path / "cut.atom.gz"
    cut.write_bytes(blob[: len(blob) * 2 // 3])
    got = list(read_papers([cut]))
    n = len(papers(got))
    assert n < 3
    assert rejects(got) == [
        Reject(str(cut), "", f"truncated gzip after entry {n}; the rest of the file is lost")
    ]


def test_atom_in_latin1_and_empty_feed(tmp_path: Path) -> None:
    title, abstract = latin1_paper()
    body = (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x1</id><title>{title}'
        f"</title><summary>{abstract}</summary></entry></feed>"
    )
    path = tmp_path / "l1.atom"
    path.write_bytes(body.replace("&", "&amp;").encode("latin-1"))
    (rej,) = list(read_papers([path]))
    assert isinstance(rej, Reject)
    assert rej.reason.startswith("malformed XML at line 1")
    assert "not valid utf-8 at byte" in rej.reason and "try --encoding latin-1" in rej.reason
    (ok,) = list(read_papers([path], encoding="latin-1"))
    assert isinstance(ok, Paper) and ok.id == "x1" and ok.abstract.startswith(abstract[:40])
    empty = tmp_path / "none.xml"
    empty.write_text('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "utf-8")
    assert list(read_papers([empty])) == [Reject(str(empty), "", "no Atom <entry> elements found")]


# -- whole files, several files, detection --------------------------------------------------------
def test_missing_empty_and_directory(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n   \n\n", "utf-8")
    empty_gz = tmp_path / "empty.jsonl.gz"
    empty_gz.write_bytes(gzip.compress(b""))
    missing = tmp_path / "nope.jsonl"
    got = list(read_papers([missing, empty, blank, empty_gz, tmp_path]))
    assert got == [
        Reject(str(missing), "", "file not found"),
        Reject(str(empty), "", "empty file"),
        Reject(str(blank), "", "empty file"),
        Reject(str(empty_gz), "", "empty file"),
        Reject(str(tmp_path), "", "is a directory, not a file"),
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    path = tmp_path / "again.txt"
    path.write_text(SEED.read_text("utf-8"), "utf-8")
    got = list(read_papers([SEED, path]))
    assert len(papers(got)) == 64
    dups = rejects(got)
    assert len(dups) == 64
    assert dups[0] == Reject(
        str(path),
        "line 11",
        f"duplicate id {stable_id(SEED_FIRST)!r}, first seen at {SEED}:line 11",
        stable_id(SEED_FIRST),
    )


def test_unknown_encoding_fails_at_once() -> None:
    with pytest.raises(ValueError, match="unknown encoding 'utf-99'"):
        read_papers([SEED], encoding="utf-99")


def test_detect_format() -> None:
    assert detect_format("a/b.jsonl.gz") == "jsonl"
    assert detect_format("b.NDJSON") == "jsonl"
    assert detect_format("b.json") == "json"
    assert detect_format("b.csv.gz") == "csv"
    assert detect_format("b.atom") == detect_format("b.xml") == "atom"
    assert detect_format("seed.txt") == "text"
    assert detect_format("x", b'{"title": "T"}\n{"title": "U"}\n') == "jsonl"
    assert detect_format("x", b'{\n  "title": "T"\n}') == "json"
    assert detect_format("x", b"\xef\xbb\xbf[{}]") == "json"
    assert detect_format("x", b'<?xml version="1.0"?><feed/>') == "atom"
    assert detect_format("x", b"id,Title,abstract\n") == "csv"
    assert detect_format("x", b"title\tabstract\n") == "tsv"
    assert detect_format("x", SEED.read_bytes()[:4096]) == "text"


def test_every_mixed_input_yields_exactly_one_item_per_record() -> None:
    # The invariant over one call with every kind of file: papers + rejects == records.
    got = list(read_papers([SEED, MIXED, CSV, ATOM]))
    assert len(got) == 64 + 9 + 5 + 3
    # Ids are unique across the call: ReCo (no id in MIXED) and TIPS (no id in CSV) get the
    # same title id as on the seed page, and SiT has arXiv id 2104.03602 in MIXED and ATOM.
    dups = [r for r in rejects(got) if r.reason.startswith("duplicate id")]
    assert [(Path(r.source).name, r.location, r.record_id) for r in dups] == [
        (
            "papers_mixed.jsonl",
            "line 2",
            stable_id("ReCo: Retrieve and Co-segment for Zero-shot Transfer"),
        ),
        ("papers_mixed.jsonl", "line 8", "2104.03602"),
        ("papers.csv", "line 4", stable_id("TIPS: Text-Image Pretraining with Spatial Awareness")),
        ("arxiv_sample.atom", "entry 1", "2104.03602"),
    ]
    assert len(papers(got)) == 64 + (3 - 1) + (3 - 1) + (3 - 1)


def test_a_reader_failure_becomes_a_reject(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.sources as sources

    def broken(raw, encoding):  # type: ignore[no-untyped-def]
        yield from islice(sources.read_jsonl(raw, encoding), 2)
        raise RuntimeError("reader bug")

    monkeypatch.setitem(sources.FORMATS, "jsonl", broken)
    got = list(read_papers([MIXED, SEED]))
    assert [type(x) for x in got[:3]] == [Paper, Paper, Reject]
    assert got[2] == Reject(str(MIXED), "", "unreadable after 2 records (RuntimeError: reader bug)")
    # the next file is still read: 64 records, ReCo's a duplicate of MIXED line 2
    assert len(got[3:]) == 64
    assert len(papers(got[3:])) == 63
