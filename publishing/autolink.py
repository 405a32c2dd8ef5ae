"""Auto-link suggestions: other entries' names mentioned in a text, offered to the editor.

Computed when a version is saved and stored on it (`link_suggestions`); the admin change
form lists them with an "accept" button that writes the link into the Markdown and saves.
Nothing is ever rewritten silently.

Matching: case and accents ignored; a French elision in front (l'IA, d'apprentissage) is
left outside the link; plural forms (-s, -x, -es) match; never inside a heading, a code
block or span, an existing link, a bare URL or a citation marker; only the first mention of each entry, and
none for an entry the text already links to.
"""

import functools
import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from . import kinds
from .folding import fold_in_place as fold
from .markdown import CITATION_MARKER

# Spans of Markdown where a link must never be added.
FORBIDDEN = [
    re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[^\n]*$", re.MULTILINE | re.DOTALL),  # fenced code
    re.compile(r"^ {0,3}#{1,6}[ \t].*$", re.MULTILINE),  # ATX heading
    re.compile(r"^[^\n]+\n(?:=+|-+)[ \t]*$", re.MULTILINE),  # setext heading
    re.compile(r"(`+)[^`].*?\1", re.DOTALL),  # code span
    re.compile(r"!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"),  # link or image
    re.compile(r"<[^>\s]+>"),  # autolink or HTML tag
    re.compile(r"https?://\S+"),  # bare URL
    re.compile(CITATION_MARKER),  # a citation marker, [^ai-act] (publishing.sources)
]
ELISIONS = ("l'", "d'")
MIN_LENGTH = 2


def word_forms(word: str) -> set[str]:
    forms = {word}
    if word.endswith(("s", "x")):
        forms.add(word[:-1])
    if word.endswith("es"):
        forms.add(word[:-2])
    return forms


@dataclass(frozen=True)
class Candidate:
    kind: str
    key: str
    label: str  # the entry's name, as the editor will see it
    phrase: str  # folded name or alias

    @property
    def first_word(self) -> str:
        return first_word_of(self.phrase)

    def pattern(self) -> re.Pattern:
        return phrase_pattern(self.phrase)


@functools.lru_cache(maxsize=20_000)
def first_word_of(phrase: str) -> str:
    words = re.findall(r"\w+", phrase)
    return words[0] if words else ""


@functools.lru_cache(maxsize=20_000)
def phrase_pattern(phrase: str) -> re.Pattern:
    """The phrase's words, each with an optional plural ending, as whole words."""
    words = [re.escape(word) + ("(?:s|x|es)?" if word[-1].isalpha() else "") for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


@dataclass(frozen=True)
class Mention:
    """Words found in one field of a text: where they start and end, as written there."""

    field: str
    start: int
    end: int
    mention: str


@dataclass(frozen=True)
class Suggestion(Mention):
    kind: str
    key: str
    label: str

    @property
    def markdown(self) -> str:
        return f"[{self.mention}]({self.kind}:{self.key})"


@functools.lru_cache(maxsize=20_000)
def phrase_of(name: str) -> str:
    phrase = " ".join(fold(name).split())
    for elision in ELISIONS:
        if phrase.startswith(elision):
            phrase = phrase[len(elision) :]
    return phrase


def live_candidates(language: str, exclude: tuple[str, int] | None = None) -> list[Candidate]:
    """Every published entry of `language` (but `exclude`, a kind's name and entry id): names, titles, aliases."""
    found = []
    for kind in kinds.all_kinds():
        versions = kind.version.objects.live(language)
        if exclude is not None and exclude[0] == kind.name:
            versions = versions.exclude(**{f"{kind.entry_field}_id": exclude[1]})
        label, alias = kind.version.label_field, kind.version.alias_field
        for key, name, aliases in versions.values_list(f"{kind.entry_field}__key", label, alias or label):
            other_names = aliases.splitlines() if alias else []
            found += [Candidate(kind.name, key, name, phrase_of(text)) for text in [name, *other_names]]
    return [c for c in found if len(c.phrase) >= MIN_LENGTH]


def candidates_for(version) -> list[Candidate]:
    """Every published entry of the version's language but its own."""
    entry_id = getattr(version, f"{version.entry_field}_id")
    return live_candidates(version.language, (kinds.of(version).name, entry_id) if entry_id else None)


class Candidates:
    """The candidates of each language, read once, for suggestions made for many versions in a
    row with nothing published in between (the end of a bulk write)."""

    def __init__(self):
        self.by_language: dict[str, list[Candidate]] = {}

    def for_version(self, version) -> list[Candidate]:
        if version.language not in self.by_language:
            self.by_language[version.language] = live_candidates(version.language)
        own = (kinds.of(version).name, getattr(version, version.entry_field).key)
        return [c for c in self.by_language[version.language] if (c.kind, c.key) != own]


def forbidden_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for pattern in FORBIDDEN for match in pattern.finditer(text)]


def overlaps(span: tuple[int, int], spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def linked_entries(version) -> set[tuple[str, str]]:
    """(kind, key) of the entries the version's texts already link to, read from its stored
    links (the write path stores them, `links.store_links`, before it asks for suggestions)."""
    ids = set(version.outgoing_links.filter(target_id__isnull=False).values_list("target_kind", "target_id"))
    keys = set()
    for kind in kinds.all_kinds():
        wanted = [entry_id for name, entry_id in ids if name == kind.name]
        if wanted:
            rows = kind.entry.objects.filter(pk__in=wanted).values_list("key", flat=True)
            keys |= {(kind.name, key) for key in rows}
    return keys


def find_mentions(fields: list[tuple[str, str]], candidates, skip: set) -> list[Suggestion]:
    """First mention of each candidate entry across the fields, in order; longest match wins."""
    chosen: list[Suggestion] = []
    done = set(skip)
    for field, text in fields:
        folded = fold(text)
        words = set()
        for word in re.findall(r"\w+", folded):
            words |= word_forms(word)
        blocked = forbidden_spans(text)
        matches = []
        for candidate in candidates:
            if (candidate.kind, candidate.key) in done or candidate.first_word not in words:
                continue
            for match in candidate.pattern().finditer(folded):
                matches.append((match.start(), -(match.end() - match.start()), match.end(), candidate))
        taken: list[tuple[int, int]] = []
        for start, _length, end, candidate in sorted(matches, key=lambda m: m[:2]):
            if (candidate.kind, candidate.key) in done or overlaps((start, end), blocked + taken):
                continue
            taken.append((start, end))
            done.add((candidate.kind, candidate.key))
            chosen.append(
                Suggestion(field, start, end, text[start:end], candidate.kind, candidate.key, candidate.label)
            )
    return chosen


def suggestions_for(version, candidates: Candidates | None = None) -> list[dict]:
    """Entries the version's texts mention without linking to them (its links stored first)."""
    fields = [(name, getattr(version, name)) for name in version.markdown_fields]
    if not any(text.strip() for _name, text in fields):
        return []
    candidates = candidates_for(version) if candidates is None else candidates.for_version(version)
    if not candidates:
        return []
    return [asdict(s) for s in find_mentions(fields, candidates, linked_entries(version))]


class StaleSuggestion(Exception):
    pass


def apply_suggestion(version, index: int) -> Suggestion:
    """Write the suggested link into the Markdown; the text must still read as it did."""
    try:
        suggestion = Suggestion(**version.link_suggestions[index])
    except (IndexError, TypeError, KeyError):
        raise StaleSuggestion(_("This suggestion no longer exists.")) from None
    text = getattr(version, suggestion.field, None)
    if text is None or text[suggestion.start : suggestion.end] != suggestion.mention:
        raise StaleSuggestion(_("The text changed since this suggestion was made; save it again to refresh."))
    setattr(version, suggestion.field, text[: suggestion.start] + suggestion.markdown + text[suggestion.end :])
    return suggestion
