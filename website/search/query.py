"""The reader's query, parsed once: web-search syntax on both back ends."""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
# Characters that mean nothing in a word; stripped so that `c++`, `:` or `*` are no syntax.
NOISE = re.compile(r"[^\w'’-]+", re.UNICODE)


def clean(text: str) -> str:
    """Drop NUL bytes, lone surrogates and control characters; collapse white space."""
    text = text.encode("utf-8", "ignore").decode("utf-8") if isinstance(text, str) else ""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class ParsedQuery:
    text: str
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases)

    @property
    def highlight_words(self) -> list[str]:
        return self.words + [word for phrase in self.phrases for word in phrase]


def split_words(text: str) -> list[str]:
    return [word for word in (NOISE.sub(" ", text).replace("’", "'").split()) if word.strip("'-")]


def parse(text: str) -> ParsedQuery:
    query = ParsedQuery(text=clean(text))
    for match in TOKEN.finditer(query.text):
        negated_phrase, phrase, negated_word, word = match.groups()
        if phrase is not None:
            words = split_words(phrase)
            if not words:
                continue
            if negated_phrase:
                query.excluded += words
            elif len(words) == 1:
                query.words += words
            else:
                query.phrases.append(words)
        elif word:
            words = split_words(word)
            if negated_word:
                query.excluded += words
            else:
                query.words += words
    return query
