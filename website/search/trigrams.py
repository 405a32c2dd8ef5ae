"""Trigram similarity as pg_trgm defines it, for SQLite's "did you mean"."""

import re

from publishing.folding import fold

THRESHOLD = 0.3
WORD = re.compile(r"\w+", re.UNICODE)


def trigrams(text: str) -> set[str]:
    grams = set()
    for word in WORD.findall(fold(text)):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    left, right = trigrams(a), trigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def best_match(text: str, names) -> str:
    best, score = "", THRESHOLD
    target = trigrams(text)
    if not target:
        return ""
    for name in names:
        grams = trigrams(name)
        if not grams:
            continue
        value = len(target & grams) / len(target | grams)
        if value > score:
            best, score = name, value
    return best
