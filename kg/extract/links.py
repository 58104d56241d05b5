"""Links (code, model, dataset, project pages) and statements that code is available.

URLs are found as they appear in real abstracts: with a scheme, with ``www.``, or written bare
on well-known hosts (``name.github.io``, ``github.com/...``, ``huggingface.co/...``). Trailing
punctuation, quotes and unbalanced closing brackets are cut off. The kind comes from the host
and path first, then from the words of the sentence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc import Link, doc_lower, doc_text, sentence_of

_HOSTS = r"(?:github\.com|gitlab\.com|bitbucket\.org|gitee\.com|huggingface\.co|hf\.co|[\w-]+\.github\.io|[\w-]+\.gitlab\.io|zenodo\.org|kaggle\.com|paperswithcode\.com)"
URL_RE = re.compile(
    rf"(?:https?://|ftp://|www\.)[^\s<>\"'{{}}\\^`|]+|(?<![\w@./-]){_HOSTS}(?:/[^\s<>\"'{{}}\\^`|]*)?",
    re.I,
)
_TRAIL = ".,;:!?'\"*"
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org")

# In lower case, run over the lower-cased text (see doc_lower).
CODE_CUE = re.compile(
    r"\b(?:(?:source\s+)?codes?|implementations?|software|toolkit|library|repository|"
    r"models?\s+and\s+code|code\s+and\s+(?:models?|data(?:sets?)?|weights|checkpoints))\b"
    r"[^.]{0,80}?\b(?:is|are|will\s+be|has\s+been|have\s+been|be|being|made)\s+"
    r"(?:\w+\s+){0,2}?(?:publicly\s+|freely\s+|openly\s+)?"
    r"(?:available|released|open[- ]?sourced?|accessible|public|provided|shared|published)\b"
    r"|\b(?:we|authors)\s+(?:will\s+)?(?:publicly\s+)?(?:release|open[- ]?source|share|publish|make|provide)\s+"
    r"(?:\w+\s+){0,3}?(?:source\s+)?(?:code|implementation|codebase)\b"
    r"|\b(?:code|implementation|codebase)\s+(?:is\s+)?(?:available|released)\s+(?:at|on|in|here)\b"
    r"|\b(?:github|code)\s*:"
    r"|\b(?:open[- ]sourced?|publicly\s+available)\s+(?:\w+\s+){0,2}?(?:architecture|framework|"
    r"library|toolkit|toolbox|implementation|code|codebase|tool|package|platform|software)\b"
)


def clean_url(raw: str) -> str:
    """Cut trailing punctuation and unbalanced closing brackets from a URL found in text."""
    url = raw
    while url:
        last = url[-1]
        if last in _TRAIL:
            url = url[:-1]
        elif last in ")]}" and url.count("({["[")]}".index(last)]) < url.count(last):
            url = url[:-1]
        else:
            break
    return url


def link_kind(url: str, sentence: str) -> str:
    """code / model / dataset / project / other, from the URL, then the sentence."""
    u = re.sub(r"^[a-z]+://", "", url.lower())
    u = u[4:] if u.startswith("www.") else u
    host, _, path = u.partition("/")
    parts = [p for p in path.split("/") if p]
    if host in _CODE_HOSTS:
        # A repository page (owner/name) is code; an organisation page or a docs file is a project.
        if len(parts) >= 2 and not re.search(r"/blob/.*\.(md|pdf|html?)$", u):
            return "code"
        return "project" if parts else "other"
    if host in ("huggingface.co", "hf.co"):
        if parts[:1] == ["datasets"]:
            return "dataset"
        if parts[:1] == ["spaces"] or len(parts) < 2:
            return "project"
        return "model"
    if host.endswith(("zenodo.org", "kaggle.com")) or "/dataset" in u:
        return "dataset"
    s = sentence.lower()
    if re.search(r"\b(code|implementation|source)\b", s):
        return "code"
    if re.search(r"\b(dataset|data set|benchmark|corpus|data)\b", s):
        return "dataset"
    if re.search(r"\b(weights|checkpoints?|models? (?:are|is) (?:available|released))\b", s):
        return "model"
    if host.endswith((".github.io", ".gitlab.io")) or re.search(
        r"\b(project|page|website|demo)\b", s
    ):
        return "project"
    return "project"


# Text extracted from PDFs breaks some URLs at a space: "https://github. com/org/repo" (a
# space after a host's dot), "github.com/ org/repo", and "www.cs.x.edu/ user/page.html" (a
# "~" lost before a user's home directory, on hosts other than the code and page hosts).
_AFTER_HOST_DOT = re.compile(r" ((?:com|io|org|net|edu)/[^\s<>\"'{}\\^`|]+)")
_AFTER_SLASH = re.compile(r" ([A-Za-z][\w.-]*(?:/[^\s<>\"'{}\\^`|]*|\.html?))")


def _rejoined(text: str, m: re.Match[str]) -> tuple[str, int]:
    """The URL ``m`` found, joined with what a PDF space cut off after it, and how many
    characters of the text that leaves out: ("https://github.com/org/repo", 1) for
    "https://github. com/org/repo"; ("www.x.edu/~ab/cd.html", 0) for "www.x.edu/ ab/cd.html"."""
    raw = m.group()
    if raw.endswith(".") and "/" not in raw.split("//")[-1]:
        after = _AFTER_HOST_DOT.match(text, m.end())
        if after:
            return raw + after.group(1), 1
    if raw.endswith("/") and raw.count("/") - raw.count("//") * 2 == 1:
        after = _AFTER_SLASH.match(text, m.end())
        if after:
            if re.search(_HOSTS + "/$", raw, re.I):
                return raw + after.group(1), 1  # "github.com/ org/repo": a stray space
            return raw + "~" + after.group(1), 0
    return raw, 0


@Language.component("kg_links")
def find_links(doc: Doc) -> Doc:
    text = doc_text(doc)
    low = doc_lower(doc)
    # Every URL_RE match holds "://", "www." or one of its hosts' ".co(m)", ".io", ".org":
    # most abstracts have none, and the pattern is costly to try at every character.
    maybe_url = "://" in low or "www." in low or ".co" in low or ".io" in low or ".org" in low
    for m in URL_RE.finditer(text) if maybe_url else ():
        raw, gap = _rejoined(text, m)
        url = clean_url(raw)
        if "." not in url or len(url) < 8:
            continue
        end = m.start() + len(url) + gap
        sent = sentence_of(doc, m.start())
        doc._.links.append(Link(m.start(), end, url, link_kind(url, sent), "kg_links", 0.95))
    for m in CODE_CUE.finditer(low):
        doc._.code_cues.append((m.start(), m.end()))
    return doc
