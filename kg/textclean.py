"""A clean view of an abstract or title, with every clean character mapped back to the original.

Extraction reads the clean text; evidence offsets must point into the original text (markup
and all). :func:`clean_view` returns both, with a map from clean to original offsets:

* LaTeX: ``\\url{X}`` -> X; ``\\href{URL}{TEXT}`` -> "TEXT URL"; ``\\%`` ``\\&`` ``\\_`` ``\\#``
  ``\\$`` -> the character; ``\\textbf{X}`` ``\\emph{X}`` ``\\textit{X}`` ``\\texttt{X}`` (and the
  like) -> X; ``{\\em X}`` groups -> X; ``\\cite{..}`` dropped; accents (``\\'e``) -> é; other
  commands outside math keep their name as text (``\\LaTeX`` -> "LaTeX", a paper's own macro
  ``\\ours`` -> "ours"); ``~`` between a word and the next token (a LaTeX tie, as in
  "Table~2") -> a space, while "~3x" (approximately) stays.
* Inline math ``$...$`` (also ``$$...$$``, ``\\(...\\)``): dollars dropped; symbols mapped
  (``\\sim`` -> "~", ``\\times`` -> "×", ``\\pm`` -> "±", ``\\approx`` -> "≈", ``\\leq`` -> "≤",
  ``\\geq`` -> "≥", ``\\to`` -> "→", Greek letters -> α β ..., ``\\log`` -> "log"); ``^``/``_``
  and braces dropped with their content kept; ``\\frac{a}{b}`` -> "a/b"; other command names
  dropped. A ``$`` opens math only if the next unescaped ``$`` has a non-space before it and,
  when a digit follows it, the content looks like math ("$\\sim$90" yes, "$5-$10" no); so
  "costs $5 and $10" keeps its dollars (Pandoc's rule, loosened for "$\\sim$90").
* HTML: entities (``&amp;`` ``&lt;`` ``&#39;`` ``&nbsp;`` ...) -> their characters, as
  :func:`html.unescape` does for entities written with their ``;``; tags of the usual inline
  and block elements (``<sub>``, ``<i>``, ``<br>``, ...) removed, content kept; "<s>", "</s>"
  and other angle-bracket text left alone.
* PDF artefacts: ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ) -> letters; soft hyphens and zero-width characters
  removed; UTF-8 read as latin-1 ("â\x80\x9c") -> the character ("“"); other C1 control
  characters (cp1252 bytes read as latin-1) -> their cp1252 characters;
  "segmen-\\ntation" -> "segmentation" (the hyphen is kept, only the line break dropped, when
  the hyphenated word is a compound: "state-of-the-\\nart", "Camacho-\\nCollados", or the
  hyphenated form occurs elsewhere in the text).
* Whitespace: every run (newlines, tabs, NBSP, ...) -> one space; ends stripped.

Each clean character maps to the original characters it was made from: a copied character to
itself, "×" to ``\\times``, "&" to ``&amp;``, both letters of "fi" to "ﬁ". Dropped markup
(``$``, braces, command names) belongs to no clean character, so the original span of
"10-3" in ``$10^{-3}$`` is ``10^{-3``.

Text with none of the trigger characters gets an identity view (no per-character map), the
cheap common case.

Example::

    >>> v = clean_view("Accuracy of $\\\\sim$90\\\\% on \\\\textbf{ImageNet}.")
    >>> v.text
    'Accuracy of ~90% on ImageNet.'
    >>> s, e = v.original_span(v.text.index("ImageNet"), v.text.index("ImageNet") + 8)
    >>> v.original[s:e]
    'ImageNet'
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

__all__ = ["CleanText", "clean_view"]


class CleanText:
    """The clean text of ``original``, and the way back to ``original`` offsets."""

    __slots__ = ("original", "text", "_starts", "_ends")

    def __init__(
        self,
        original: str,
        text: str,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self.original = original
        self.text = text
        # For clean char i: original[_starts[i]:_ends[i]] is what it was made from.
        # None: the identity view (text is original).
        self._starts = starts
        self._ends = ends

    @property
    def is_identity(self) -> bool:
        return self._starts is None

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        kind = "identity" if self.is_identity else "mapped"
        return f"CleanText({self.text!r}, {kind})"

    def _check(self, i: int) -> None:
        if not 0 <= i <= len(self.text):
            raise IndexError(f"clean offset {i} outside 0..{len(self.text)}")

    def to_original(self, i: int) -> int:
        """The original offset of clean char ``i`` (``len(text)`` maps to the end of the last
        char's source)."""
        self._check(i)
        if self._starts is None:
            return i
        if i == len(self.text):
            return self._ends[-1] if self._ends else 0  # type: ignore[index]
        return self._starts[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` covering everything clean ``[start, end)`` came from.

        Offsets beyond either end of the clean text are clamped to it."""
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        starts, ends = self._starts, self._ends
        if starts is None or ends is None:
            return start, end
        if end - start == 1:
            return starts[start], ends[start]
        if start == end:
            p = self.to_original(start)
            return p, p
        return min(starts[start:end]), max(ends[start:end])


# -- the trigger test (fast path): any of these, a double space, or space at either end ----
_TRIGGER = re.compile(
    "[\\\\$&<~{\x80-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufb00-\ufb06"
    "\t\n\x0b\x0c\r\x1c-\x1f\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)

# -- tokens the scanner acts on; everything between them is copied as is -------------------
# A token starts with one of _CANDIDATE's characters (a fast scan), then _TOKEN says which.
_CANDIDATE = re.compile(
    r"[\\$\{\}^_~&<\-\ufb00-\ufb06\u00ad\u200b-\u200d\u2060\ufeff\x80-\x9f\xc2-\xf4]"
)
_TAGS = "sub|sup|b|i|u|em|strong|br|p|span|div|a|code|tt|small|big|font"
_ATTRS = r"""(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*"""
_TOKEN = re.compile(
    r"(?P<cmd>\\(?:[A-Za-z]+|[\s\S]))"
    r"|(?P<dollar>\$\$?)"
    r"|(?P<open>\{)"
    r"|(?P<close>\})"
    r"|(?P<script>[\^_])"
    r"|(?P<tilde>~)"
    r"|(?P<ent>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    rf"|(?P<tag></?(?i:{_TAGS}){_ATTRS}\s*/?>)"
    r"|(?P<lig>[\ufb00-\ufb06])"
    r"|(?P<drop>[\u00ad\u200b-\u200d\u2060\ufeff])"
    r"|(?P<mojibake>[\xc2-\xf4][\x80-\xbf]*[\x80-\x9f][\x80-\xbf]*)"
    r"|(?P<c1>[\x80-\x9f])"
    r"|(?P<hyph>(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_]))"
    r"|(?P<spaced>(?<=[a-z])- +(?=[a-z]))"
)
# A line-break hyphen whose newline became a space in the corpus ("aver- age precision").
_SPACED_HYPHEN = re.compile(r"[a-z]- +[a-z]")
# "emph{X}" whose backslash was lost on the way (seen in scraped abstracts).
_BARE = re.compile(r"(?<![A-Za-z])(?:emph|textit|textbf|texttt)$")
_NEXT_DOLLAR = re.compile(r"(?<!\\)\$")
_MATHY = re.compile(r"[\\^_{}=<>]")
_WS_FIX = re.compile(r"\s\s+|[^\S ]|^ | $")
_WORD_BEFORE = re.compile(r"[\w-]*$")
_WORD_AFTER = re.compile(r"[\w-]*")

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_BLOCK_TAGS = {"br", "p", "div"}
_ESCAPED = set("%&_#${}")
# Hyphenated compounds whose first part is one of these keep the hyphen across a line break.
_COMPOUND_HEADS = {"non", "multi", "self", "semi", "cross", "state", "fine", "zero", "few"}

_GREEK_SMALL = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega"
).split()
_GREEK_CAPITAL = "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split()


def _greek(name: str) -> str:
    case = "CAPITAL" if name[0].isupper() else "SMALL"
    return unicodedata.lookup(f"GREEK {case} LETTER {name.upper().replace('LAMBDA', 'LAMDA')}")


_GREEK = {name: _greek(name) for name in _GREEK_SMALL + _GREEK_CAPITAL}
_GREEK.update({"varepsilon": "ε", "eps": "ε", "vartheta": "ϑ", "varphi": "φ", "varrho": "ϱ",
               "varsigma": "ς", "varpi": "ϖ"})  # fmt: skip

# Commands that stand for a character or a word, in and out of math.
_SYMBOLS = {
    **_GREEK,
    "sim": "~", "times": "×", "pm": "±", "mp": "∓", "approx": "≈", "simeq": "≃",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "ll": "≪", "gg": "≫",
    "rightarrow": "→", "to": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦",
    "cdot": "·", "cdots": "…", "ldots": "…", "dots": "…", "infty": "∞", "ell": "ℓ",
    "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪",
    "cap": "∩", "forall": "∀", "exists": "∃", "partial": "∂", "nabla": "∇", "sum": "∑",
    "prod": "∏", "int": "∫", "sqrt": "√", "propto": "∝", "equiv": "≡", "mid": "|",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "star": "⋆", "circ": "∘", "top": "⊤", "bot": "⊥", "prime": "′", "div": "÷",
    "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "neg": "¬", "emptyset": "∅",
    "textasciitilde": "~", "textbackslash": "\\", "textendash": "–", "textemdash": "—",
    "texttimes": "×", "textdegree": "°", "degree": "°", "textregistered": "®",
    "texttrademark": "™", "copyright": "©", "textbullet": "•", "dag": "†", "ddag": "‡",
    "checkmark": "✓", "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı",
    "log": "log", "ln": "ln", "exp": "exp", "min": "min", "max": "max", "sin": "sin",
    "cos": "cos", "tan": "tan", "tanh": "tanh", "arg": "arg", "argmin": "argmin",
    "argmax": "argmax", "det": "det", "dim": "dim", "lim": "lim", "sup": "sup", "inf": "inf",
    "Pr": "Pr", "deg": "deg", "gcd": "gcd",
    "ie": "i.e.", "eg": "e.g.", "etal": "et al.", "LaTeX": "LaTeX", "TeX": "TeX",
    "quad": " ", "qquad": " ", "par": " ", "newline": " ", "linebreak": " ",
}  # fmt: skip
# Commands whose {argument} is text to keep (the command itself is formatting).
_KEEP_ARG = set(
    "textbf textit emph texttt textsc textrm textsf textsl textup textmd textnormal underline "
    "uline text mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr boldsymbol "
    "bm mbox hbox operatorname ensuremath hat bar tilde widetilde widehat overline underbrace "
    "overbrace vec dot ddot check breve footnote textsuperscript textsubscript mathnormal "
    "pmb bold".split()
)
# Commands dropped together with their {argument}.
_DROP_ARG = set(
    "cite citep citet citealp citealt citeauthor citeyear nocite ref eqref autoref cref Cref "
    "label footnotemark vspace hspace includegraphics".split()
)
# Commands with no text of their own (font switches, sizes, spacing, delimiters' sizes).
_SWITCHES = set(
    "em it bf rm sc tt sf sl md up small footnotesize scriptsize tiny large Large LARGE huge "
    "Huge normalsize bfseries itshape ttfamily rmfamily sffamily scshape normalfont noindent "
    "left right big Big bigg Bigg bigl bigr Bigl Bigr displaystyle textstyle scriptstyle "
    "limits nolimits centering xspace relax protect mathop nonumber displaystyle".split()
)
_FRACS = {"frac", "dfrac", "tfrac", "nicefrac"}
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "H": "\u030b", "u": "\u0306", "k": "\u0328",
    "r": "\u030a",
}  # fmt: skip
_MAX_DEPTH = 40


class _Builder:
    """Clean characters and, for each, the original [start, end) it came from."""

    __slots__ = ("chars", "starts", "ends", "s")

    def __init__(self, s: str) -> None:
        self.s = s
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, a: int, b: int) -> None:
        if a < b:
            self.chars.extend(self.s[a:b])
            self.starts.extend(range(a, b))
            self.ends.extend(range(a + 1, b + 1))

    def emit(self, text: str, a: int, b: int) -> None:
        n = len(text)
        if n:
            self.chars.extend(text)
            self.starts.extend([a] * n)
            self.ends.extend([b] * n)


def clean_view(text: str) -> CleanText:
    """The clean view of ``text``; see the module docstring for the rules.

    >>> clean_view("plain text").is_identity
    True
    """
    if not (
        _TRIGGER.search(text)
        or "  " in text
        or text[:1] == " "
        or text[-1:] == " "
        or _SPACED_HYPHEN.search(text)
    ):
        return CleanText(text, text)
    b = _Builder(text)
    _scan(b, 0, len(text), math=False, depth=0)
    return _collapse_space(text, "".join(b.chars), b.starts, b.ends)


def _collapse_space(original: str, t: str, starts: list[int], ends: list[int]) -> CleanText:
    """Every whitespace run -> one space (mapped to the whole run); ends stripped."""
    parts: list[str] = []
    ns: list[int] = []
    ne: list[int] = []
    prev = 0
    n = len(t)
    for m in _WS_FIX.finditer(t):
        a, z = m.span()
        parts.append(t[prev:a])
        ns.extend(starts[prev:a])
        ne.extend(ends[prev:a])
        if 0 < a and z < n:
            parts.append(" ")
            ns.append(min(starts[a:z]))  # (min/max: \href output is not in source order)
            ne.append(max(ends[a:z]))
        prev = z
    parts.append(t[prev:])
    ns.extend(starts[prev:])
    ne.extend(ends[prev:])
    return CleanText(original, "".join(parts), ns, ne)


def _match_brace(s: str, i: int, hi: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``i`` (escapes respected), or -1."""
    depth = 0
    j = i
    while j < hi:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _scan(b: _Builder, lo: int, hi: int, math: bool, depth: int) -> None:
    s = b.s
    pos = lo
    while pos < hi:
        c = _CANDIDATE.search(s, pos, hi)
        if c is None:
            break
        i = c.start()
        m = _TOKEN.match(s, i, hi)
        if m is None:  # "-", "&" or "<" that is just text
            b.copy(pos, i + 1)
            pos = i + 1
            continue
        j = m.end()
        b.copy(pos, i)
        kind = m.lastgroup
        if kind == "cmd":
            j = _command(b, m.group()[1:], i, j, hi, math, depth)
        elif kind == "dollar":
            j = _dollar(b, i, j, hi, math, depth)
        elif kind == "open":
            j = _open_brace(b, pos, i, j, hi, math, depth)
        elif kind in ("close", "script"):
            if not math:
                b.copy(i, j)  # text outside math; dropped inside
        elif kind == "tilde":
            if math or _is_tie(s, i, hi):
                b.emit(" ", i, j)
            else:
                b.copy(i, j)
        elif kind == "ent":
            value = html.unescape(m.group())
            if value == m.group():
                b.copy(i, j)
            else:
                b.emit(value, i, j)
        elif kind == "tag":
            if m.group().lstrip("</").split(None, 1)[0].rstrip("/>").lower() in _BLOCK_TAGS:
                b.emit(" ", i, j)
        elif kind == "lig":
            b.emit(_LIGATURES[m.group()], i, j)
        elif kind == "mojibake":  # UTF-8 bytes read as latin-1: "â\x80\x9c" -> "“"
            try:
                b.emit(m.group().encode("latin-1").decode("utf-8"), i, j)
            except UnicodeDecodeError:
                j = i + 1
                b.copy(i, j)
        elif kind == "c1":  # cp1252 bytes read as latin-1: "\x93" -> "“"
            try:
                b.emit(bytes([ord(m.group())]).decode("cp1252"), i, j)
            except UnicodeDecodeError:
                pass  # undefined in cp1252 too: noise
        elif kind == "hyph":
            if _keep_hyphen(s, i, j):
                b.copy(i, i + 1)
        elif kind == "spaced":
            if not _broken_word(s, i, j):
                b.copy(i, j)
        # kind == "drop": soft hyphen, zero-width characters
        pos = j
    b.copy(pos, hi)


def _open_brace(b: _Builder, pos: int, i: int, j: int, hi: int, math: bool, depth: int) -> int:
    s = b.s
    close = _match_brace(s, i, hi) if depth < _MAX_DEPTH else -1
    if close < 0:
        if not math:
            b.copy(i, j)  # an unmatched brace is text
        return j
    if not math:
        bare = _BARE.search(s, max(pos, i - 6), i)
        if bare:  # "emph{X}": take back the copied name, keep X
            n = i - bare.start()
            del b.chars[-n:], b.starts[-n:], b.ends[-n:]
        elif not s.startswith("\\", j):
            b.copy(i, j)  # a literal brace, as in the set {1, 2, 3}
            return j
    _scan(b, j, close, math, depth + 1)  # a TeX group: {\em X}, an argument, or any in math
    return close + 1


def _is_tie(s: str, i: int, hi: int) -> bool:
    """``~`` as LaTeX's unbreakable space ("Table~2", "models~\\cite"), not "~3x" or "2~3%"."""
    if i + 1 >= hi or s[i + 1].isspace():
        return False
    if s[i + 1] == "\\":
        return True
    prev = s[i - 1] if i else " "
    return prev.isalpha() or prev in ".)]}'\""


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    """Words the corpus writes whole and in lower case (the gazetteer's common words)."""
    from kg import gazetteer  # not at import time: the gazetteer file is large

    return frozenset(gazetteer.load().get("common_words", []))


_SUFFIX_PARTS = frozenset("ing ings tion tions sion sions ment ments ness ity ities".split())


def _broken_word(s: str, i: int, j: int) -> bool:
    """Whether "X- y" at ``s[i:j]`` is one word broken at a line end whose newline became a
    space, or several ("aver- age", "perfor- mance"): the joined word is a known word, or the
    second part a suffix alone ("Hash- ing", "classifica- tion"), and the first part
    is no compound head ("multi- output" stays). "pre- and post-" is no word: it stays."""
    before = _WORD_BEFORE.search(s, max(0, i - 80), i).group()  # type: ignore[union-attr]
    after = _WORD_AFTER.match(s, j).group()  # type: ignore[union-attr]
    if "-" in before or "-" in after or before.lower() in _COMPOUND_HEADS:
        return False
    # "Hash- ing", "classifica- tion": a suffix alone is no word, so the word was broken.
    return (before + after).lower() in _words() or (
        len(before) >= 3 and after.lower() in _SUFFIX_PARTS
    )


def _keep_hyphen(s: str, i: int, j: int) -> bool:
    """Whether a hyphen at a line break belongs to the word ("state-of-the-art")."""
    before = _WORD_BEFORE.search(s, max(0, i - 80), i).group()  # type: ignore[union-attr]
    after = _WORD_AFTER.match(s, j).group()  # type: ignore[union-attr]
    head = before.rsplit("-", 1)[-1]
    if "-" in before or "-" in after or not after[:1].islower():
        return True
    if len(head) < 2 or sum(c.isupper() for c in head) > 1 or any(c.isdigit() for c in head):
        return True  # k-means, BERT-based, 3D-aware
    if re.search(rf"\b{re.escape(head + after)}\b", s, re.I):
        return False  # the joined word occurs elsewhere
    if re.search(rf"\b{re.escape(head)}-{re.escape(after)}\b", s, re.I):
        return True
    return head.lower() in _COMPOUND_HEADS


def _dollar(b: _Builder, i: int, j: int, hi: int, math: bool, depth: int) -> int:
    s = b.s
    if math:
        return j  # a stray dollar inside math: drop it
    if j - i == 2:  # $$ display math $$
        close = s.find("$$", j, hi)
        if close < 0:
            b.copy(i, j)
            return j
        _scan(b, j, close, True, depth + 1)
        return close + 2
    if j >= hi or s[j].isspace():
        b.copy(i, j)
        return j
    # The closing dollar is the next unescaped one, with a non-space before it; one with a
    # digit after it ends math only when the content is clearly math ("$\\sim$90"), not a
    # price range ("$5-$10").
    m = _NEXT_DOLLAR.search(s, j + 1, hi)
    if m is None or s[m.start() - 1].isspace():
        b.copy(i, j)  # a price, "$5": no closing dollar
        return j
    close = m.start()
    if s[close + 1 : close + 2].isdigit() and not _MATHY.search(s, j, close):
        b.copy(i, j)
        return j
    _scan(b, j, close, True, depth + 1)
    return close + 1


def _argument(b: _Builder, pos: int, hi: int, math: bool, depth: int, keep: bool) -> int:
    """Handle a ``{argument}`` at ``pos`` (if there is one): scan it (keep) or skip it."""
    s = b.s
    if pos < hi and s[pos] == "{" and depth < _MAX_DEPTH:
        close = _match_brace(s, pos, hi)
        if close >= 0:
            if keep:
                _scan(b, pos + 1, close, math, depth + 1)
            return close + 1
    return pos


def _command(b: _Builder, name: str, i: int, j: int, hi: int, math: bool, depth: int) -> int:
    """Handle ``\\name`` at ``s[i:j]``; return where scanning goes on."""
    s = b.s
    if not name[0].isalpha():
        return _char_command(b, name, i, j, hi, math, depth)
    if name == "url":
        close = _match_brace(s, j, hi) if s.startswith("{", j) else -1
        if close >= 0:
            _copy_url(b, j + 1, close)
            return close + 1
    elif name == "href" and s.startswith("{", j):
        url_close = _match_brace(s, j, hi)
        if url_close >= 0 and s.startswith("{", url_close + 1):
            text_close = _match_brace(s, url_close + 1, hi)
            if text_close >= 0:
                before = len(b.chars)
                _scan(b, url_close + 2, text_close, math, depth + 1)
                if len(b.chars) > before:
                    b.emit(" ", url_close, url_close + 2)  # the "}{" between URL and text
                _copy_url(b, j + 1, url_close)
                if s[text_close + 1 : text_close + 2].isalnum():
                    b.emit(" ", text_close, text_close + 1)  # keep the URL off the next word
                return text_close + 1
    elif name in _FRACS:
        if s.startswith("{", j):
            num_close = _match_brace(s, j, hi)
            if num_close >= 0:
                _scan(b, j + 1, num_close, math, depth + 1)
                if s.startswith("{", num_close + 1):
                    b.emit("/", num_close, num_close + 2)
                    return _argument(b, num_close + 1, hi, math, depth, keep=True)
                return num_close + 1
        return j
    if name in _DROP_ARG:
        while j < hi and s[j] == "[":  # optional arguments: \citep[p.~3]{x}
            close = s.find("]", j, hi)
            if close < 0:
                break
            j = close + 1
        return _argument(b, j, hi, math, depth, keep=False)
    if name in _SYMBOLS:
        b.emit(_SYMBOLS[name], i, j)
    elif name in _KEEP_ARG or name in _SWITCHES:
        pass
    elif len(name) == 1 and name in _ACCENTS and not math:
        return _accent(b, name, i, j, hi)
    elif not math:
        b.copy(i + 1, j)  # a paper's own macro (\ours) or \LaTeX-like name: keep the name
    if name == "sqrt" and s.startswith("[", j):  # \sqrt[n]{x}
        close = s.find("]", j, hi)
        j = close + 1 if close >= 0 else j
    return _argument(b, j, hi, math, depth, keep=True)


def _char_command(b: _Builder, c: str, i: int, j: int, hi: int, math: bool, depth: int) -> int:
    """``\\`` followed by one non-letter: escapes, spacing, math delimiters, accents."""
    s = b.s
    if c in _ESCAPED:
        b.emit(c, i, j)
    elif c in "\\ \t\n\r":
        b.emit(" ", i, j)
    elif c == "(" and not math:
        close = s.find("\\)", j, hi)
        if close >= 0:
            _scan(b, j, close, True, depth + 1)
            return close + 2
        b.copy(i, j)
    elif c == "[" and not math:
        close = s.find("\\]", j, hi)
        if close >= 0:
            _scan(b, j, close, True, depth + 1)
            return close + 2
        b.copy(i, j)
    elif c in ",;:!-/@)]":
        pass  # thin spaces, discretionary hyphen, math closers without an opener
    elif c == "|":
        b.emit("‖", i, j)
    elif c in _ACCENTS and not math:
        return _accent(b, c, i, j, hi)
    else:
        b.emit(c, i, j)
    return j


def _accent(b: _Builder, accent: str, i: int, j: int, hi: int) -> int:
    r"""``\'e``, ``\'{e}``, ``\c{c}``, ``\'{\i}`` -> one composed character."""
    s = b.s
    k = j
    braced = s.startswith("{", k)
    if braced:
        k += 1
    if s.startswith("\\i", k) and not s[k + 2 : k + 3].isalpha():
        base, k = "i", k + 2
    elif k < hi and s[k].isalpha():
        base, k = s[k], k + 1
    else:
        b.emit(accent if accent in "'`\"^~=." else "", i, j)
        return j
    if braced:
        if not s.startswith("}", k):
            b.emit(unicodedata.normalize("NFC", base + _ACCENTS[accent]), i, k)
            return k
        k += 1
    b.emit(unicodedata.normalize("NFC", base + _ACCENTS[accent]), i, k)
    return k


def _copy_url(b: _Builder, a: int, z: int) -> None:
    """A URL argument: verbatim, minus whitespace (wrapped lines) and TeX escapes (``\\_``)."""
    s = b.s
    k = a
    while k < z:
        c = s[k]
        if c == "\\" and k + 1 < z and s[k + 1] in "%&_#~$":
            b.emit(s[k + 1], k, k + 2)
            k += 2
            continue
        if not c.isspace():
            b.copy(k, k + 1)
        k += 1
