import pytest
from django.db import IntegrityError, transaction

from encyclopedia.models import TermVersion
from publishing.markdown import render_markdown
from publishing.models import WORDS_PER_MINUTE

from .factories import make_band, make_career, make_term, make_term_version

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def test_an_entry_has_at_most_one_version_per_language():
    term = make_term(languages=["fr"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term_version(term, "fr", slug="autre-slug")


def test_a_slug_is_unique_within_a_language_but_free_across_languages():
    first = make_term(languages=["fr"], slug="modele")
    make_term(languages=["en"], slug="modele")  # same slug, other language: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term_version(make_term(languages=[]), "fr", slug="modele")
    assert first.versions.get().slug == "modele"


def test_markdown_is_rendered_and_sanitized_on_save():
    term = make_term(languages=["en"], definition="Hello **world** <script>alert(1)</script> [x](javascript:alert(1))")
    version = term.versions.get()
    assert "<strong>world</strong>" in version.definition_html
    assert "<script" not in version.definition_html
    assert "javascript:" not in version.definition_html


def test_renderer_keeps_safe_links_and_drops_event_handlers():
    html = render_markdown('[guide](https://example.org) <a href="/x" onclick="evil()">y</a>')
    assert 'href="https://example.org"' in html
    assert "onclick" not in html


def test_reading_time_is_computed_from_every_text_on_the_page():
    long_text = " ".join(["word"] * (WORDS_PER_MINUTE * 3))
    term = make_term(languages=["en"], definition=long_text, takeaways=0, faqs=0)
    version = TermVersion.objects.get(term=term)
    assert version.reading_minutes == 4  # 600 words of definition + title, lede and analogy


def test_salary_band_high_cannot_be_below_low():
    career = make_career(languages=["en"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_band(career, low=100, high=50)


def test_one_salary_band_per_region():
    career = make_career(languages=["en"], bands=[{"region": "US"}])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_band(career, region="US")
