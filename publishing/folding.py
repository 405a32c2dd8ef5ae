"""Accent and case folding, defined once: search, auto-link suggestions and the A–Z index
compare names as readers do, so "Éthique", "ethique" and "ÉTHIQUE" are one word."""

import functools
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Lower case without accents: "Éthique" → "ethique" (search matching and snippets)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.cache
def fold_char(char: str) -> str:
    """One character folded to one character (its first, when folding makes several)."""
    return fold(char)[:1] or char


def fold_in_place(text: str) -> str:
    """`fold`, one character for one, typographic apostrophes as "'": offsets stay those of
    the text, so a match in the folded text is a span of the original (auto-link)."""
    return "".join(map(fold_char, text.translate(APOSTROPHES)))


def ascii_key(text: str) -> str:
    """`fold` keeping ASCII only: the A–Z sort key and index letter ("Œuvre" files under #)."""
    return fold(text).encode("ascii", "ignore").decode()
