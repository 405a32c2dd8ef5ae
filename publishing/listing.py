"""A–Z grouping shared by the encyclopedia and careers indexes."""

import string
import unicodedata
from itertools import groupby

LETTERS = list(string.ascii_uppercase)
OTHER = "#"


def initial_letter(name: str) -> str:
    """ "Éthique" → "E", "3D" → "#": accents folded so French names file under their letter."""
    folded = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode()
    letter = folded.upper()
    return letter if letter in LETTERS else OTHER


def sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def group_by_letter(items, name=lambda item: item.name):
    """[(letter, [items…]), …] in alphabetical order, `#` last."""
    ordered = sorted(items, key=lambda item: (initial_letter(name(item)) == OTHER, sort_key(name(item))))
    return [(letter, list(group)) for letter, group in groupby(ordered, key=lambda i: initial_letter(name(i)))]
