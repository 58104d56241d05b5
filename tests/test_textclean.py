"""kg.textclean: each cleaning rule, the offset map back to the original, and the fast path.

Most inputs are real abstract fragments from the shared corpus (ids in the comments).
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
import unicodedata

import pytest

from kg.evaluate import shared_dir
from kg.textclean import CleanText, clean_view

CORPUS = shared_dir() / "data" / "paperlists_abstracts.jsonl.gz"
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"


def orig(v: CleanText, needle: str, nth: int = 0) -> str:
    """The original text behind the ``nth`` occurrence of ``needle`` in the clean text."""
    starts = [m.start() for m in re.finditer(re.escape(needle), v.text)]
    assert len(starts) > nth, f"{needle!r} not in {v.text!r}"
    a, b = v.original_span(starts[nth], starts[nth] + len(needle))
    return v.original[a:b]


# -- fast path ---------------------------------------------------------------------------------
def test_plain_text_is_an_identity_view() -> None:
    text = "Debate Helps Weak-to-Strong Generalization"
    v = clean_view(text)
    assert v.is_identity
    assert v.text is text
    assert [v.to_original(i) for i in (0, 7, len(text))] == [0, 7, len(text)]
    assert v.original_span(7, 12) == (7, 12)
    assert text[7:12] == "Helps"


@pytest.mark.parametrize(
    "text",
    [
        "two  spaces",
        " leading",
        "trailing ",
        "a\nb",
        "a\u00a0b",
        "x$",
        "R&D",
        "a<b",
        "~3x",
        "efﬁcient",
        "soft\u00adhyphen",
        "a\\b",
        "{x}",
    ],
)
def test_any_trigger_leaves_the_fast_path(text: str) -> None:
    assert not clean_view(text).is_identity


def test_offsets_outside_the_text() -> None:
    v = clean_view("  a  b  ")
    assert v.text == "a b"
    assert v.to_original(3) == 6  # the end maps to the end of the last char's source
    with pytest.raises(IndexError):
        v.to_original(4)
    assert v.original_span(-5, 99) == (2, 6)  # clamped to the clean text
    assert v.original_span(1, 1) == (3, 3)


# -- LaTeX -------------------------------------------------------------------------------------
def test_url() -> None:
    # acl2021-2021.acl-long.273
    text = r"The source code has been made available at \url{https://github.com/liam0949/DCLOOS}."
    v = clean_view(text)
    assert (
        v.text == "The source code has been made available at https://github.com/liam0949/DCLOOS."
    )
    assert orig(v, "https://github.com/liam0949/DCLOOS") == "https://github.com/liam0949/DCLOOS"
    assert orig(v, "at https") == r"at \url{https"


def test_url_wrapped_over_a_line_and_with_escapes() -> None:
    v = clean_view("code: \\url{https://github.com/liam09\n49/a\\_b}")
    assert v.text == "code: https://github.com/liam0949/a_b"
    assert orig(v, "liam0949") == "liam09\n49"
    assert orig(v, "a_b") == "a\\_b"


def test_href_gives_text_then_url() -> None:
    # corl2025-FCHl2ybdAm
    text = r"Video results are available at our \href{https://rola-2025.github.io/}{project page}."
    v = clean_view(text)
    assert v.text == "Video results are available at our project page https://rola-2025.github.io/."
    assert orig(v, "project page") == "project page"
    assert orig(v, "https://rola-2025.github.io/") == "https://rola-2025.github.io/"
    i = v.text.index("project")
    assert text[v.to_original(i)] == "p" and v.to_original(i) == text.index("project")
    j = v.text.index("https")
    assert v.to_original(j) == text.index("https")  # before the text, in the original
    # the whole "TEXT URL" maps back to the whole command argument area
    a, b = v.original_span(i, j + len("https://rola-2025.github.io/"))
    assert text[a:b] == "https://rola-2025.github.io/}{project page"


def test_href_text_ending_in_space() -> None:
    # the space after "page" and the one before the URL come from places in the wrong order
    text = "see \\href{https://x.org/p}{our page }now"
    v = clean_view(text)
    assert v.text == "see our page https://x.org/p now"
    i = v.text.index(" https")
    a, b = v.original_span(i, i + 1)
    assert text[a:b] == "}{our page "


def test_href_text_with_markup() -> None:
    # eccv2022-b04bea662c
    v = clean_view(
        r"available at \href{https://github.com/kangyeolk/AnimeCeleb}{\textit{this url}}."
    )
    assert v.text == "available at this url https://github.com/kangyeolk/AnimeCeleb."


def test_escaped_characters() -> None:
    # colm2025-7qhBXq0NLN
    text = r"as human in \textbf{44.44\%} of interactions, R\&D, file\_name, item \#3, \$5"
    v = clean_view(text)
    assert v.text == "as human in 44.44% of interactions, R&D, file_name, item #3, $5"
    assert orig(v, "44.44%") == r"44.44\%"
    assert orig(v, "&") == r"\&"
    assert orig(v, "_") == r"\_"


def test_text_formatting_commands() -> None:
    text = r"\textbf{Bold} \emph{Em} \textit{It} \texttt{TT} {\em group} {\it \textbf{physics}}"
    v = clean_view(text)
    assert v.text == "Bold Em It TT group physics"
    for word in ("Bold", "Em", "It", "TT", "group", "physics"):
        assert orig(v, word) == word
    # eccv2022-5a61205005
    v = clean_view(r"we present \textbf{Malle}able \textbf{Conv}olution (\textbf{MalleConv}),")
    assert v.text == "we present Malleable Convolution (MalleConv),"
    assert orig(v, "Malleable") == r"Malle}able"


def test_latex_tie_and_other_tildes() -> None:
    v = clean_view(r"see Table~2, models~\citep{UnifiedSKG2022} on 16, ~3x faster, by 2~3%")
    assert v.text == "see Table 2, models on 16, ~3x faster, by 2~3%"
    assert orig(v, "Table 2") == "Table~2"
    assert orig(v, "~3x") == "~3x"


def test_accents_and_unknown_macros() -> None:
    v = clean_view(r"na\"ive caf\'{e} gar\c{c}on H\"older")
    assert v.text == "naïve café garçon Hölder"
    assert orig(v, "é") == r"\'{e}"
    # colm2024-F2yGbwXJAi: a paper's own macro keeps its name
    v = clean_view(r"we introduce \textbf{\agentname{}}, an agent; \LaTeX{} and \ie the rest")
    assert v.text == "we introduce agentname, an agent; LaTeX and i.e. the rest"
    # nips2018-11432 lost its backslashes on the way
    v = clean_view("the KD process emph{per se} poses textit{one-layer GCN} sets {1, 2}")
    assert v.text == "the KD process per se poses one-layer GCN sets {1, 2}"
    assert orig(v, "per se") == "per se"


# -- inline math -------------------------------------------------------------------------------
def test_math_symbols() -> None:
    text = (
        r"a dataset of $\sim$1,000 robots, $2.5\times$ faster, $\pm 0.5$, $\approx$3, "
        r"$k \leq n$, $k \le n$, $x\geq 1$, $x \ge 1$, $a \to b$, $a\rightarrow b$, "
        r"$50\%$"
    )
    v = clean_view(text)
    assert v.text == (
        "a dataset of ~1,000 robots, 2.5× faster, ± 0.5, ≈3, k ≤ n, k ≤ n, x≥ 1, "
        "x ≥ 1, a → b, a→ b, 50%"
    )
    # dropped delimiters belong to no clean char: the span runs from \sim to the last 0
    assert orig(v, "~1,000") == r"\sim$1,000"
    assert orig(v, "×") == r"\times"
    assert orig(v, "50%") == r"50\%"


def test_math_scripts_braces_and_commands() -> None:
    text = (
        r"rate $10^{-3}$, entries $x_i$, cost $\mathcal{O}(n^2)$, half $\frac{1}{2}$, "
        r"vector $\mathbf{x}$, norm $\ell_p$, privacy $\epsilon$, bias $\tilde\Omega(k/n)$"
    )
    v = clean_view(text)
    assert v.text == (
        "rate 10-3, entries xi, cost O(n2), half 1/2, vector x, norm ℓp, privacy ε, bias Ω(k/n)"
    )
    assert orig(v, "10-3") == "10^{-3"
    assert orig(v, "O(n2)") == "O}(n^2)"  # from the first to the last source char
    assert orig(v, "1/2") == "1}{2"


def test_math_in_real_abstracts() -> None:
    # colm2025-0Qbwjd0fxB, corl2023-keAPCON4jHC
    v = clean_view(
        r"we propose $\textbf{JEPA4Rec}$, a framework that combines $\textbf{J}$oint "
        r"$\textbf{E}$mbedding"
    )
    assert v.text == "we propose JEPA4Rec, a framework that combines Joint Embedding"
    assert orig(v, "JEPA4Rec") == "JEPA4Rec"
    assert orig(v, "Joint") == r"J}$oint"


def test_dollar_signs_that_are_money() -> None:
    for text in (
        "at a cost of $5.2K USD, which is under $1000 USD",
        "prices from $5-$10 per model",
        "a low-cost (< $200) sensorized reacher-grabber",
    ):
        assert clean_view(text).text == text


# -- HTML --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "entity",
    [
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&#39;",
        "&#x27;",
        "&eacute;",
        "&mdash;",
        "&nbsp;",
        "&#8220;",
    ],
)
def test_html_entities_as_html_unescape(entity: str) -> None:
    text = f"A{entity}B"
    expected = html.unescape(text).replace("\xa0", " ")  # NBSP is whitespace: one space
    v = clean_view(text)
    assert v.text == expected
    assert v.original_span(1, len(v.text) - 1) == (1, 1 + len(entity))


def test_html_entities_map_to_their_source() -> None:
    v = clean_view("AT&amp;T&#39;s R&D and Q&A: a&nbsp;b")
    assert v.text == "AT&T's R&D and Q&A: a b"
    assert orig(v, "AT&T's") == "AT&amp;T&#39;s"
    assert orig(v, "a b") == "a&nbsp;b"


def test_html_tags_removed_content_kept() -> None:
    text = (
        'H<sub>2</sub>O and x<SUP>2</SUP>, <i>italic</i>, <b class="k">bold</b>, '
        "line<br/>break, tuple <i, j>, token </s>, p < 0.05"
    )
    v = clean_view(text)
    assert v.text == ("H2O and x2, italic, bold, line break, tuple <i, j>, token </s>, p < 0.05")
    assert orig(v, "H2O") == "H<sub>2</sub>O"
    assert orig(v, "italic") == "italic"


# -- PDF artefacts -----------------------------------------------------------------------------
def test_ligatures() -> None:
    # colm2024-LKEJPySnlt, eccv2018-ae55f346dd
    text = "models facilitate efﬁcient scaling; ﬂow, eﬀectiveness, coeﬃcients, baﬄe"
    v = clean_view(text)
    assert (
        v.text == "models facilitate efficient scaling; flow, effectiveness, coefficients, baffle"
    )
    assert orig(v, "efficient") == "efﬁcient"
    i = v.text.index("fi")
    assert v.to_original(i) == v.to_original(i + 1) == text.index("ﬁ")


def test_soft_hyphen_zero_width_and_c1_controls() -> None:
    v = clean_view("seg\u00admen\u200btation of \x93quoted\x94 text")
    assert v.text == "segmentation of \u201cquoted\u201d text"
    assert orig(v, "segmentation") == "seg\u00admen\u200btation"
    # UTF-8 bytes read as latin-1 (a real corpus artefact)
    v = clean_view("only a limited \u00e2\x80\x9cblack box\u00e2\x80\x9d interface")
    assert v.text == "only a limited \u201cblack box\u201d interface"
    assert orig(v, "\u201c") == "\u00e2\x80\x9c"


def test_words_hyphenated_across_lines() -> None:
    text = "are impor-\ntant for state-of-the-\nart and Camacho-\nCollados or knowl-\n   edge"
    v = clean_view(text)
    assert v.text == "are important for state-of-the-art and Camacho-Collados or knowledge"
    assert orig(v, "important") == "impor-\ntant"
    assert orig(v, "knowledge") == "knowl-\n   edge"
    # the rest of the text decides between pretraining and pre-training
    assert clean_view("pre-\ntraining helps; pretraining is").text.startswith("pretraining helps")
    assert clean_view("pre-\ntraining helps; pre-training is").text.startswith("pre-training")
    assert clean_view("a non-\npreferred one").text == "a non-preferred one"


def test_whitespace_runs() -> None:
    text = "  Self-supervised\tlearning\n\nof  the\u00a0\u3000world  "
    v = clean_view(text)
    assert v.text == "Self-supervised learning of the world"
    assert orig(v, "learning of") == "learning\n\nof"
    assert orig(v, "the world") == "the\u00a0\u3000world"


# -- the whole corpus --------------------------------------------------------------------------
def corpus_texts() -> list[str]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out += [d["title"], d["abstract"]]
    return out


def test_every_corpus_text_cleans() -> None:
    texts = corpus_texts()
    assert len(texts) == 2 * 38521
    identity = 0
    for text in texts:
        v = clean_view(text)
        t = v.text
        assert t == t.strip() and "  " not in t and "\n" not in t and "\t" not in t, text[:80]
        assert v.to_original(len(t)) <= len(text)
        if v.is_identity:
            identity += 1
            assert t is text
    assert identity > 0.8 * len(texts)  # the common case stays cheap


def test_copied_letters_and_digits_point_at_themselves() -> None:
    # Property: every clean letter/digit made from exactly one original letter/digit is that
    # character (or one letter of the ligature it came from). Checked on the first 2,000
    # corpus texts with markup or PDF artefacts, where the map is not the identity.
    markup = re.compile(r"[\\$&<~\ufb00-\ufb06\x80-\x9f\u00ad]|-\n")
    texts = [t for t in corpus_texts() if markup.search(t)][:2000]
    assert len(texts) == 2000
    checked = 0
    for text in texts:
        v = clean_view(text)
        assert not v.is_identity
        span = v.original_span
        for i, ch in enumerate(v.text):
            if not ch.isalnum():
                continue
            a, b = span(i, i + 1)
            assert 0 <= a < b <= len(text)
            if b - a == 1 and text[a].isalnum():
                source = text[a]
                checked += 1
                assert ch == source or (
                    source in LIGATURES and ch in unicodedata.normalize("NFKC", source)
                ), (text[max(0, a - 30) : a + 30], ch)
            assert v.to_original(i) == a
    assert checked > 1_000_000


def test_random_markup_never_breaks_the_map() -> None:
    # Random mixes of every construct the cleaner knows, well-formed or not.
    pieces = [
        "\\", "$", "$$", "{", "}", "^", "_", "~", "&", "&amp;", "&#39;", "&nbsp;", "<", ">",
        "<sub>", "</sub>", "<br/>", "\\url{", "\\href{", "}{", "\\textbf{", "\\emph", "\\frac{",
        "\\sim", "\\'", '\\"', "\\c", "\\i", "\\(", "\\)", "\\[", "\\]", "\ufb01", "\u00ad",
        "\x93", "\u00e2\x80\x9c", "-\n", "-", "\n", " ", "  ", "\t", "\u00a0", "a", "b", "1",
        "\u00e9", "emph{", "\\%", "\\\\", "\\ ", "\\cite{", "\\citep[", "]", "[", "%",
    ]  # fmt: skip
    rng = random.Random(0)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        v = clean_view(text)
        t = v.text
        assert t == t.strip() and "  " not in t and "\n" not in t, (text, t)
        for i in range(len(t)):
            a, b = v.original_span(i, i + 1)
            assert 0 <= a < b <= len(text), (text, t, i)
            assert v.to_original(i) == a
        a, b = v.original_span(0, len(t))
        assert 0 <= a <= b <= len(text)


def test_word_broken_at_a_line_end_whose_newline_became_a_space() -> None:
    v = clean_view("a mean aver- age precision and pre- and post-training")
    assert v.text == "a mean average precision and pre- and post-training"
    assert orig(v, "average") == "aver- age"
    # a compound head keeps its hyphen and space; so does a joined form no one writes
    assert clean_view("multi- output heads").text == "multi- output heads"
    assert clean_view("a well- known fact").text == "a well- known fact"


def test_word_broken_before_a_suffix_or_with_many_spaces() -> None:
    # A suffix alone is no word: "Hash- ing" is one word broken at a line end, whatever the
    # spaces that replaced the newline.
    v = clean_view("called Locality Sensitive Hash-          ing (LSH) for classifica- tion")
    assert v.text == "called Locality Sensitive Hashing (LSH) for classification"
    assert orig(v, "Hashing") == "Hash-          ing"
    assert clean_view("pre-  and post-processing").text == "pre- and post-processing"
