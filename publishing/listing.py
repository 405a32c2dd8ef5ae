"""A–Z grouping shared by the encyclopedia and careers indexes."""

import string
from itertools import groupby

from .folding import ascii_key

LETTERS = list(string.ascii_uppercase)
OTHER = "#"


def initial_letter(name: str) -> str:
    """ "Éthique" → "E", "3D" → "#": accents folded so French names file under their letter."""
    letter = ascii_key(name.strip()[:1]).upper()
    return letter if letter in LETTERS else OTHER


def sort_key(name: str) -> str:
    return ascii_key(name)


def group_by_letter(items, name=lambda item: item.name):
    """[(letter, [items…]), …] in alphabetical order, `#` last."""
    ordered = sorted(items, key=lambda item: (initial_letter(name(item)) == OTHER, sort_key(name(item))))
    return [(letter, list(group)) for letter, group in groupby(ordered, key=lambda i: initial_letter(name(i)))]
