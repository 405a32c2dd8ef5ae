"""Terminology: the designations of a term in one language, and the deprecated ones in use
(issue 17, README "Terminology").

A designation is a name of the concept in one language with the status an authority gives
it: preferred, admitted or deprecated (ISO 704's vocabulary, TBX's `administrativeStatus`);
the authority (FranceTerme, the OQLF's Grand dictionnaire terminologique, ISO/IEC 22989…),
its date (for FranceTerme, the Journal officiel's), the region where it applies and the
address of the record. A term's designations are its one list of other names: search,
alias redirects and auto-link suggestions read them (a kind's `alias_field`, derived from
them by the write path), and its page shows them as a card.

A version of any kind may use a designation that a term deprecates in its language: the
change form and the editorial checks say where, with the preferred replacement; nothing is
rewritten until the editor asks, and an occurrence may be kept on purpose
(`intentional_uses`, one designation a line).
"""

import functools
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from . import kinds
from .autolink import Mention, phrase_pattern
from .children import Record
from .choices import vocabulary
from .folding import APOSTROPHES
from .markdown import CITATION_MARKER

DesignationStatus = vocabulary(
    "DesignationStatus", {"preferred": _("preferred"), "admitted": _("admitted"), "deprecated": _("deprecated")}
)

Authority = vocabulary(
    "Authority",
    {
        "franceterme": "FranceTerme",
        "gdt": _("Grand dictionnaire terminologique (OQLF)"),
        "datafranca": "DataFranca",
        "iso-22989": "ISO/IEC 22989",
        "termium": _("TERMIUM Plus (Government of Canada)"),
        "eur-lex": _("Official Journal of the European Union"),
    },
)

Region = vocabulary(
    "Region",
    {
        "FR": _("France"),
        "CA-QC": _("Quebec"),
        "CA": _("Canada"),
        "BE": _("Belgium"),
        "CH": _("Switzerland"),
        "EU": _("European Union"),
    },
)


class Designation(Record):
    """One name of a term version's concept, in its language, with its status."""

    term = models.CharField(_("designation"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=DesignationStatus.choices, default=DesignationStatus.ADMITTED
    )
    authority = models.CharField(
        _("authority"), max_length=20, choices=Authority.choices, blank=True,
        help_text=_("Who gives this status. Empty: our own usage (another name, an acronym)."),
    )  # fmt: skip
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("The authority's date (FranceTerme: the Journal officiel's).")
    )
    region = models.CharField(
        _("region"), max_length=5, choices=Region.choices, blank=True, help_text=_("Empty: wherever the language is.")
    )
    url = models.URLField(_("record"), max_length=500, blank=True, help_text=_("The authority's record of the term."))

    label_field = "term"

    class Meta(Record.Meta):
        abstract = True
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        constraints = [models.UniqueConstraint(fields=["version", "term"], name="%(app_label)s_%(class)s_unique_term")]

    @property
    def attribution(self) -> str:
        """ "FranceTerme, JO du 6 septembre 2024": the authority and its date, in the active language."""
        if not self.authority:
            return ""
        label = str(self.get_authority_display())
        if self.date is None:
            return label
        if self.authority == Authority.FRANCETERME:
            return _("%(authority)s, Journal officiel of %(date)s") % {
                "authority": label,
                "date": formats.date_format(self.date, "j F Y"),
            }
        return f"{label}, {formats.date_format(self.date, 'j F Y')}"


def says_more(designation) -> bool:
    """More than "another name": a status given, an authority or a region."""
    return bool(designation.authority or designation.region or designation.status != DesignationStatus.ADMITTED)


def card(designations, equivalents=()) -> dict | None:
    """The terminology card of a version: its designations by status, and its equivalents in
    the other languages (`equivalents`: published versions of the same term with their
    designations), the way a bilingual record of TERMIUM or the GDT gives both sides. Shown
    when a designation on either side says more than another name."""
    rows = list(designations)
    others = [(other, [d for d in other.designations.all() if d.status != DesignationStatus.DEPRECATED])
              for other in equivalents]  # fmt: skip
    if not any(says_more(d) for d in [*rows, *(d for _, names in others for d in names)]):
        return None
    grouped = {status: [d for d in rows if d.status == status] for status in DesignationStatus.values}
    grouped["equivalents"] = [headline(other, names) for other, names in others]
    return grouped


EQUIVALENT_LABELS = {"fr": _("In French:"), "en": _("In English:")}


def equivalent_label(language: str) -> str:
    """ "In English:", in the page's language: the heading of a card's equivalents."""
    return EQUIVALENT_LABELS.get(language, f"{language}:")


@dataclass(frozen=True)
class Equivalent:
    """A version in another language as a card shows it: its name (with what its own
    designation says of it, if anything) and its other designations that say more."""

    label: str
    version: object
    name: object | None  # the designation that is its name, when it says more than a name
    others: list


STATUS_ORDER = {status: rank for rank, status in enumerate(DesignationStatus.values)}


def headline(version, names) -> Equivalent:
    """What the card shows of a version in another language: its name, then the designations
    that say more than another name (preferred first, then admitted; attributed or regional),
    each once."""
    name = version.name.casefold()
    telling = sorted((d for d in names if says_more(d)), key=lambda d: STATUS_ORDER[d.status])  # stable
    own = next((d for d in telling if d.term.casefold() == name), None)
    seen = {name}
    others = []
    for designation in telling:
        if designation.term.casefold() not in seen:
            seen.add(designation.term.casefold())
            others.append(designation)
    return Equivalent(equivalent_label(version.language), version, own, others)


# ---------------------------------------------------------------- deprecated designations in use


@dataclass(frozen=True)
class Deprecated:
    """A designation some term deprecates in a language, and what to write instead."""

    term: str  # as the term's version writes it
    preferred: str
    kind: str  # the entry that deprecates it
    key: str

    @property
    def phrase(self) -> str:
        return phrase_of(self.term)


def lower_in_place(text: str) -> str:
    """Lower case, one character for one (offsets stay the text's), accents kept: in French
    « invite » and « invité » are two words, and only one of them is deprecated."""
    text = text.translate(APOSTROPHES)
    lowered = text.lower()
    if len(lowered) == len(text):  # lower() never shortens: same length, one for one
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)  # "İ" lowers to two


@functools.lru_cache(maxsize=20_000)
def phrase_of(term: str) -> str:
    return " ".join(lower_in_place(term).split())


@dataclass(frozen=True)
class Use(Mention):
    """One occurrence of a deprecated designation in a field of a row of a version."""

    preferred: str
    deprecated: str  # the designation it is a form of, as its term writes it
    where: str  # "definition", "FAQ 2: question", as the editor sees it
    model: str  # the row holding the text ("encyclopedia.termfaq") and its pk
    pk: int

    @property
    def token(self) -> str:
        """What the change form's button posts to replace this occurrence."""
        return f"{self.model}:{self.pk}:{self.field}:{self.start}"

    @property
    def replacement(self) -> str:
        """The preferred designation, capitalised as the mention was."""
        if self.mention[:1].isupper() and self.preferred[:1].islower():
            return self.preferred[:1].upper() + self.preferred[1:]
        return self.preferred


# Spans of Markdown a reader does not read as words: code, addresses, link targets, tags.
NOT_WORDS = [
    re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[^\n]*$", re.MULTILINE | re.DOTALL),
    re.compile(r"(`+)[^`].*?\1", re.DOTALL),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"<[^>\s]+>"),
    re.compile(r"https?://\S+"),
    re.compile(CITATION_MARKER),
]


def deprecated_in(language: str) -> list[Deprecated]:
    """Every designation a published entry deprecates in `language` (each kind says its own)."""
    found = []
    for kind in kinds.all_kinds():
        found += kind.version.deprecated_designations(language)
    return found


def kept(version) -> set[str]:
    """The designations the version uses on purpose (folded as matching folds them)."""
    return {phrase_of(line) for line in version.intentional_uses.splitlines() if line.strip()}


def texts_of(version):
    """(where, row, field name, is Markdown) of every text a reader of the version reads."""
    for name in version.reader_fields():
        yield str(version._meta.get_field(name).verbose_name), version, name, name in version.markdown_fields
    markdown_children = {(related_name, name) for related_name, _label, name in version.markdown_children}
    for related_name, label, field_names in version.reader_children:
        for index, child in enumerate(getattr(version, related_name).all(), start=1):
            for name in field_names:
                where = f"{label} {index}: {child._meta.get_field(name).verbose_name}"
                yield where, child, name, (related_name, name) in markdown_children


def uses(version, deprecated: list[Deprecated] | None = None) -> list[Use]:
    """Occurrences of deprecated designations in the version's texts, in page order; those
    the version keeps on purpose left out."""
    if deprecated is None:
        deprecated = deprecated_in(version.language)
    keep = kept(version)
    wanted = [d for d in deprecated if d.phrase not in keep and len(d.phrase) > 1]
    if not wanted:
        return []
    found = []
    for where, row, name, markdown in texts_of(version):
        text = getattr(row, name) or ""
        folded = lower_in_place(text)
        blocked = [m.span() for pattern in NOT_WORDS for m in pattern.finditer(text)] if markdown else []
        taken: list[tuple[int, int]] = []
        here = []
        for item in sorted(wanted, key=lambda d: -len(d.phrase)):  # "grand modèle" before "modèle"
            for match in phrase_pattern(item.phrase).finditer(folded):
                span = match.span()
                if any(span[0] < end and start < span[1] for start, end in blocked + taken):
                    continue
                taken.append(span)
                mention = text[span[0] : span[1]]
                here.append(Use(name, *span, mention, item.preferred, item.term, where, row._meta.label_lower, row.pk))
        found += sorted(here, key=lambda use: use.start)
    return found


class StaleUse(Exception):
    pass


def replace(version, token: str):
    """Write the preferred designation in place of one occurrence (the text must still read as
    it did); the row holding it, changed, not saved. Returns (row, use)."""
    use = next((u for u in uses(version) if u.token == token), None)
    if use is None:
        raise StaleUse(_("This occurrence is no longer in the text; it may have been changed or kept on purpose."))
    row = version if use.model == version._meta.label_lower else None
    if row is None:
        for _where, child, _name, _markdown in texts_of(version):
            if child._meta.label_lower == use.model and child.pk == use.pk:
                row = child
                break
    text = getattr(row, use.field)
    setattr(row, use.field, text[: use.start] + use.replacement + text[use.end :])
    return row, use
