"""Which models are searched, and the plain text of a version for indexing and snippets."""

import html
import re

from django.utils.html import strip_tags

from publishing import kinds
from publishing.folding import fold

SNIPPET_WORDS = 28
WORD = re.compile(r"\S+")
WORD_PART = re.compile(r"^(\W*)(.*?\w)(\W*)$", re.DOTALL)


def models() -> dict:
    """{kind name: version model} of every registered kind (publishing.kinds)."""
    return {kind.name: kind.version for kind in kinds.all_kinds()}


def kind_of(version) -> str:
    return kinds.of(version).name


def plain(markup: str) -> str:
    return " ".join(html.unescape(strip_tags(markup)).split())


def stem(word: str) -> str:
    """Light plural folding shared by SQLite matching and snippets: "réseaux" → "reseau"."""
    word = fold(word)
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def snippet(text: str, words: list[str], marks=("\x02", "\x03")) -> str:
    """About SNIPPET_WORDS words around the first match, matches wrapped in marks."""
    # The marks become <mark> elements: an entry's own text must not carry them.
    tokens = WORD.findall(text.replace(marks[0], " ").replace(marks[1], " "))
    stems = [stem(word) for word in words if len(word) >= 3] or [stem(word) for word in words if word]

    def matches(token):
        folded = fold(token.strip(".,;:!?()«»\"'’"))
        return any(folded.startswith(s) for s in stems if s)

    # Only the first match places the window: stop folding words there (long bodies).
    first = next((i for i, token in enumerate(tokens) if matches(token)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = tokens[start : start + SNIPPET_WORDS]
    marked = [mark(token, matches, marks) for token in window]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return prefix + " ".join(marked) + suffix


def mark(token: str, matches, marks) -> str:
    """Wrap the word part of a matching token, not the punctuation around it."""
    found = WORD_PART.match(token)
    if not found or not matches(token):
        return token
    before, word, after = found.groups()
    return f"{before}{marks[0]}{word}{marks[1]}{after}"
