"""Rule-based sentence boundaries for title + abstract Docs.

The title (the text before the first newline) is always its own sentence. In the abstract a sentence ends at ``.``, ``!`` or ``?``
followed by a token that starts with an upper-case letter, a digit or an opening bracket;
abbreviations the tokenizer keeps whole ("e.g.", "et al.", "Fig.") do not end one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import init_doc

_ENDERS = {".", "!", "?"}


@Language.component("kg_sentences")
def set_sentences(doc: Doc) -> Doc:
    """First component: also finds where the title ends and starts the annotation lists."""
    init_doc(doc)
    title_end = doc.text.find("\n")
    doc._.title_end = title_end = title_end if title_end >= 0 else len(doc.text)
    prev_end = True
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        if tok.idx >= title_end and doc[i - 1].idx < title_end:
            start = True  # first token of the abstract
        elif prev_end and not tok.is_space:
            first = tok.text[:1]
            start = first.isupper() or first.isdigit() or first in "([\"'"
        else:
            start = False
        tok.is_sent_start = start
        if not tok.is_space:
            prev_end = tok.text in _ENDERS
    return doc
