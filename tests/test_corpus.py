"""The corpus of content/, loaded into a fresh database, is complete and connected.

Integrity, not wording: what is expected is read from the files themselves (entries,
languages, relations, salary bands), so an editor rewording or adding an entry changes
nothing here. The editorial floor (blocks filled, three related entries) is checked as such.
"""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation

from careers.models import Career, CareerVersion, SalaryBand
from encyclopedia.models import Term, TermVersion
from publishing.models import Status

pytestmark = pytest.mark.django_db

LANGUAGES = {code for code, _name in settings.LANGUAGES}
CONTENT = Path(settings.CONTENT_DIR)


def entry_files(kind: str) -> dict[str, dict]:
    """Each entry of content/<kind>/: its language-neutral facts and the languages it has a file for."""
    entries = {}
    for folder in sorted(path for path in (CONTENT / kind).iterdir() if (path / "entry.toml").is_file()):
        facts = tomllib.loads((folder / "entry.toml").read_text())
        facts["languages"] = {path.stem for path in folder.glob("*.md")}
        entries[facts["key"]] = facts
    return entries


@pytest.mark.parametrize(("kind", "model"), [("terms", Term), ("careers", Career)])
def test_every_entry_file_is_loaded_with_a_version_per_language_file(corpus, kind, model):
    files = entry_files(kind)
    assert files, f"content/{kind} is empty"
    entries = {entry.key: entry for entry in model.objects.prefetch_related("versions")}
    assert set(entries) == set(files)
    for key, facts in files.items():
        assert {version.language for version in entries[key].versions.all()} == facts["languages"], key


def test_every_entry_is_published_in_both_languages(corpus):
    for model in (Term, Career):
        for entry in model.objects.prefetch_related("versions"):
            published = {v.language for v in entry.versions.all() if v.status == Status.PUBLISHED}
            assert published == LANGUAGES, entry.key


def test_relations_are_those_the_files_name(corpus):
    for key, facts in entry_files("terms").items():
        term = Term.objects.get(key=key)
        assert set(term.related_terms.values_list("key", flat=True)) == set(facts.get("related_terms", [])), key
        assert set(term.related_careers.values_list("key", flat=True)) == set(facts.get("related_careers", [])), key
    for key, facts in entry_files("careers").items():
        career = Career.objects.get(key=key)
        assert set(career.related_careers.values_list("key", flat=True)) == set(facts.get("related_careers", []))


def test_every_term_block_is_filled(corpus):
    for version in TermVersion.objects.prefetch_related("takeaways", "faqs", "tags").select_related("term"):
        label = f"{version.term.key} [{version.language}]"
        for field in ("name", "title", "lede", "definition_html", "analogy_html", "cta_title", "cta_text", "cta_url"):
            assert getattr(version, field).strip(), f"{label}: {field}"
        assert 3 <= len(version.takeaways.all()) <= 6, label
        assert 3 <= len(version.faqs.all()) <= 5, label
        assert version.tags.all(), label
        assert all(faq.answer_html for faq in version.faqs.all()), label


def test_every_career_block_is_filled(corpus):
    for version in CareerVersion.objects.prefetch_related("phases__terms", "portfolio_ideas", "faqs"):
        label = f"{version.career.key} [{version.language}]"
        assert version.title and version.summary and version.overview_html, label
        phases = list(version.phases.all())
        assert len(phases) >= 3, label
        assert all(phase.terms.all() and phase.description_html for phase in phases), label
        weeks = [(phase.week_start, phase.week_end) for phase in phases]
        contiguous = all(later[0] == earlier[1] + 1 for earlier, later in zip(weeks, weeks[1:], strict=False))
        assert contiguous, f"{label}: {weeks}"
        assert len(version.portfolio_ideas.all()) >= 3, label
        assert len(version.faqs.all()) >= 3, label


# The floor the corpus issue set for a reference worth citing (content/README.md, style sheet).
MINIMUM_TERMS, MINIMUM_GUIDES = 150, 25


def test_the_corpus_holds_at_least_the_promised_number_of_entries(corpus):
    assert Term.objects.count() >= MINIMUM_TERMS
    assert Career.objects.count() >= MINIMUM_GUIDES


MINIMUM_SOURCES = 2


@pytest.mark.parametrize("model", [TermVersion, CareerVersion])
def test_every_language_version_cites_at_least_two_sources(corpus, model):
    """Every source of a version is cited in its texts (numbered, counted), and each version has two."""
    short = []
    for version in model.objects.select_related(model.entry_field).prefetch_related("sources"):
        label = f"{getattr(version, model.entry_field).key} [{version.language}]"
        sources = version.sources.all()
        if len(sources) < MINIMUM_SOURCES or any(not s.number or not s.citations for s in sources):
            short.append(label)
    assert sorted(short) == []


def test_every_entry_has_an_author_and_three_related_entries(corpus):
    for term in Term.objects.prefetch_related("related_terms"):
        assert term.author_id
        assert len(term.related_terms.all()) >= 3, term.key
    for career in Career.objects.prefetch_related("related_careers", "terms"):
        assert career.author_id
        assert len(career.related_careers.all()) >= 3, career.key
        assert career.terms.all(), f"{career.key}: no term points to this role"


def internal_links(version) -> list[str]:
    html = " ".join(
        [getattr(version, f"{name}_html") for name in version.markdown_fields]
        + [faq.answer_html for faq in version.faqs.all()]
    )
    links = re.findall(r'href="(/[^"]*)"', html)
    if getattr(version, "cta_url", "").startswith("/"):
        links.append(version.cta_url)
    return links


@pytest.mark.sweep
def test_no_broken_internal_link(client, corpus_pages, capsys):
    call_command("check_links", "--strict")  # the stored links: none points nowhere
    assert "Broken internal links: 0" in capsys.readouterr().out
    linked_from = {}  # each address once, with the first version linking to it
    for version in list(TermVersion.objects.prefetch_related("faqs")) + list(
        CareerVersion.objects.prefetch_related("faqs")
    ):
        for link in internal_links(version):
            assert link.startswith(f"/{version.language}/"), f"{version}: {link} is in the other language"
            linked_from.setdefault(link, version)
    for link, version in linked_from.items():
        try:
            with translation.override(version.language):
                resolve(link)
        except Resolver404:
            pytest.fail(f"{version}: {link} does not resolve")
        assert link in corpus_pages or client.get(link).status_code == 200, f"{version}: {link}"
    assert len(linked_from) >= 90


def test_every_salary_figure_carries_a_source_and_a_reference_year(corpus):
    for key, facts in entry_files("careers").items():
        bands = {band.region: band for band in SalaryBand.objects.filter(career__key=key)}
        written = {band["region"]: band for band in facts.get("salary_bands", [])}
        assert set(bands) == set(written), key
        for region, band in bands.items():
            assert band.source_name and band.reference_year, band
            assert (band.low, band.high) == (written[region]["low"], written[region]["high"]), band
            # Not verified in the files: shown as "to be verified", never as fact.
            if "verified_on" not in written[region]:
                assert band.verified_on is None and band.needs_verification, band
