"""Rule-based sentence boundaries for title + abstract Docs, as character ranges.

The title (the text before the first newline) is always its own sentence. In the abstract a
sentence ends at ``.``, ``!`` or ``?`` followed by white space and a character that starts a
sentence (an upper-case letter, a digit or an opening bracket or quote); "e.g.", "i.e.",
"et al." and "vs." do not end one. A full stop without the space ("module.We propose") ends
one before a word that opens sentences ("We", "Our", "However", ...). Boundaries are computed
on the text with one regular expression (no per-token work), stored in ``Doc._.sentences`` as
(start, end) pairs.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import doc_text, init_doc

# The cheap look-behind for the punctuation comes first: it fails at almost every position, so
# the abbreviation look-behinds run only after a full stop (4x faster than the other order).
# Before it, a look-ahead for the characters a boundary can start with (a quote or bracket,
# a space, or the capital of a sentence opener) skips most positions faster still (1.7x).
_BOUNDARY = re.compile(
    r"(?=[\s\"')\]A-Z])"
    r"(?:(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bal\.)(?<!\bvs\.)(?<!\bcf\.)(?<!\bFig\.)(?<!\bEq\.)"
    r"[\"')\]]?\s+(?=[A-Z0-9(\[\"'\u201c])"
    # A space lost in extraction ("... matching module.We further propose"): a lower-case word
    # of three letters or more, a full stop and a word that opens sentences.
    r"|(?<=[a-z]{3}\.)(?=(?:We|Our|In|However|The|This|These|Extensive|Experiments|"
    r"Furthermore|Moreover|Specifically|Finally|Additionally|Results|To|It|As|While|Despite)\b))"
)


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """``split_sentences("A b. C d.")`` -> ``[(0, 4), (5, 9)]`` (offsets into ``text``)."""
    out = []
    pos = start
    for m in _BOUNDARY.finditer(text, start):
        out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


@Language.component("kg_sentences")
def set_sentences(doc: Doc) -> Doc:
    """First component: finds where the title ends, splits sentences, starts the annotations."""
    init_doc(doc)
    text = doc_text(doc)
    title_end = text.find("\n")
    doc._.title_end = title_end = title_end if title_end >= 0 else len(text)
    bounds = [(0, title_end)] if title_end > 0 else []
    bounds += split_sentences(text, title_end + 1) if title_end < len(text) else []
    doc._.sentences = bounds
    return doc
