import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from careers.models import SalaryBand
from careers.money import format_range

from .factories import make_career, make_term, make_user
from .support import CAREER_PAGE_QUERIES, admin_action, assert_entry_pages_cost, assert_in_order, entry_page

pytestmark = pytest.mark.django_db

# The guide's blocks in reading order: its title and lede, then each section by its heading's id.
SECTIONS = ["overview", "roadmap", "portfolio", "salaries", "action", "faq", "related-careers", "terms", "skills"]
BLOCKS = ["<h1>", 'class="lede"', *[f'id="{section}-heading"' for section in SECTIONS]]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_career_page_shows_every_block_in_order(client, language):
    career = make_career(related=1, bands=[{"region": "US"}])
    make_term().related_careers.add(career)
    response = client.get(career.versions.get(language=language).get_absolute_url())
    assert response.status_code == 200
    assert_in_order(response.content.decode(), BLOCKS)


def test_the_roadmap_shows_each_phase_with_its_weeks(client):
    career = make_career(phases=4)
    fr = entry_page(client, career, language="fr")
    assert_in_order(fr, ["Semaines 1 à 5", "Semaines 6 à 10", "Semaines 11 à 15", "Semaines 16 à 20"])
    en = client.get(career.versions.get(language="en").get_absolute_url())
    assert_in_order(en.content.decode(), ["Weeks 1-5", "Weeks 6-10", "Weeks 11-15", "Weeks 16-20"])
    version = en.context["version"]
    assert len(version.portfolio_ideas.all()) == 2
    assert len(version.faqs.all()) == 2


def test_phase_terms_link_to_the_encyclopedia_in_the_page_language(client):
    career = make_career()
    term = make_term()
    career.versions.get(language="fr").phases.first().terms.add(term)
    html = entry_page(client, career, language="fr")
    roadmap = html.split('id="roadmap-heading"')[1].split('id="portfolio-heading"')[0]
    assert f'href="{term.versions.get(language="fr").get_absolute_url()}"' in roadmap
    assert "/en/encyclopedia/" not in roadmap


def test_bands_are_formatted_by_babel_for_each_language():
    assert format_range(115000, 165000, "USD", "en") == "$115K–$165K"
    assert format_range(70000, 105000, "GBP", "en") == "£70K–£105K"
    assert format_range(95000, 140000, "CAD", "en") == "CA$95K–CA$140K"
    assert format_range(115000, 165000, "USD", "fr") == "115\xa0k\xa0$US – 165\xa0k\xa0$US"
    assert format_range(95000, 140000, "CAD", "fr") == "95\xa0k\xa0$CA – 140\xa0k\xa0$CA"
    assert format_range(112500, 120000, "EUR", "fr") == "112,5\xa0k\xa0€ – 120\xa0k\xa0€"


def test_salary_table_shows_region_source_year_and_state(client):
    today = timezone.localdate()
    career = make_career(languages=["en", "fr"], bands=[
        {"region": "US", "verified_on": today},
        {"region": "CA", "currency": "CAD", "low": 95000, "high": 140000, "verified_on": None},
        {"region": "GB", "currency": "GBP", "low": 70000, "high": 105000,
         "verified_on": today - datetime.timedelta(days=400)},
    ])  # fmt: skip
    en = entry_page(client, career, language="en")
    table = en.split('class="salary-table"')[1].split("</table>")[0]
    us, ca, gb = table.split('<tbody class="band')[1:4]  # one body per band: its figures, then chart and source
    assert "United States" in us and "$115K–$165K" in us and "verified" in us and "to be verified" not in us
    assert 'href="https://example.org/salaries"' in us and "Test source" in us and "(2026)" in us
    assert "Canada" in ca and "to be verified" in ca
    assert "United Kingdom" in gb and "to be verified" in gb  # stale: older than 12 months
    fr = entry_page(client, career, language="fr")
    assert "États-Unis" in fr and "Royaume-Uni" in fr
    assert fr.count('badge-unverified">à vérifier<') == 2


def test_index_shows_only_verified_fresh_ranges_at_a_glance(client):
    today = timezone.localdate()
    fresh = make_career(languages=["en"], bands=[{"region": "US", "verified_on": today}])
    unverified = make_career(languages=["en"], bands=[{"region": "US", "low": 1000, "high": 2000}])
    html = client.get("/en/careers/").content.decode()
    assert fresh.versions.get().title in html and unverified.versions.get().title in html
    assert "$115K–$165K" in html and "$1K–$2K" not in html


def test_term_job_market_comes_from_careers_one_source_of_truth(client):
    career = make_career(bands=[{"region": "US"}])
    term = make_term()
    term.related_careers.add(career)
    term_url = term.versions.get(language="en").get_absolute_url()
    career_url = career.versions.get(language="en").get_absolute_url()
    assert "$115K–$165K" in client.get(term_url).content.decode()
    SalaryBand.objects.filter(career=career).update(low=120000, high=180000)
    for url in (term_url, career_url):
        html = client.get(url).content.decode()
        assert "$120K–$180K" in html and "$115K" not in html


def test_backlinks_both_ways(client):
    career = make_career()
    term = make_term()
    term.related_careers.add(career)
    career_html = entry_page(client, career, language="fr")
    assert term.versions.get(language="fr").get_absolute_url() in career_html.split('id="terms-heading"')[1]
    term_html = entry_page(client, term, language="fr")
    assert career.versions.get(language="fr").get_absolute_url() in term_html.split('id="market-heading"')[1]


def test_related_roles_show_title_and_summary(client):
    career = make_career(related=2)
    html = entry_page(client, career, language="en")
    block = html.split('id="related-careers-heading"')[1]
    for related in career.related_careers.all():
        version = related.versions.get(language="en")
        assert version.title in block and version.summary in block


def test_career_without_bands_says_so_instead_of_inventing_figures(client):
    assert "No official salary figures are loaded for this role yet" in entry_page(
        client, make_career(languages=["en"])
    )


@pytest.mark.engine
def test_career_page_query_count_does_not_grow(client, django_assert_num_queries):
    small = make_career(languages=["en"], phases=1, bands=[{"region": "US"}], related=1)
    large = make_career(languages=["en"], phases=8, related=6, bands=[
        {"region": code, "currency": "USD"} for code in ["US", "CA", "GB", "FR", "DE", "JP"]
    ])  # fmt: skip
    for phase in large.versions.get().phases.all():
        for _index in range(3):
            phase.terms.add(make_term(languages=["en"], takeaways=0, faqs=0))
    for _index in range(10):
        make_term(languages=["en"], takeaways=0, faqs=0).related_careers.add(large)
    assert_entry_pages_cost(client, django_assert_num_queries, CAREER_PAGE_QUERIES, [small, large])


def test_mark_verified_today_records_who_verified(client):
    admin_user = make_user(superuser=True)
    client.force_login(admin_user)
    career = make_career(languages=["en"], bands=[{"region": "US"}])
    band = career.salary_bands.get()
    response = admin_action(client, f"/{settings.ADMIN_PATH}careers/salaryband/", "mark_verified_today", [band])
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.verified_on == timezone.localdate() and band.verified_by == admin_user
    assert band.is_fresh()


def test_salary_band_admin_filters(admin_client):
    today = timezone.localdate()
    make_career(key="fresh-role", languages=["en"], bands=[{"region": "US", "verified_on": today}])
    make_career(
        key="stale-role",
        languages=["en"],
        bands=[{"region": "US", "verified_on": today - datetime.timedelta(days=500)}],
    )
    make_career(key="never-role", languages=["en"], bands=[{"region": "US"}])
    base = f"/{settings.ADMIN_PATH}careers/salaryband/"
    to_verify = admin_client.get(base + "?verification=to_verify").content.decode()
    assert "stale-role" in to_verify and "never-role" in to_verify and "fresh-role" not in to_verify
    stale = admin_client.get(base + "?verification=stale").content.decode()
    assert "stale-role" in stale and "never-role" not in stale


def test_band_validation_rejects_unknown_codes():
    from django.core.exceptions import ValidationError

    career = make_career(languages=["en"])
    band = SalaryBand(career=career, region="ZZ", currency="XYZ", low=1, high=2, source_name="s", reference_year=2026)
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    assert {"region", "currency"} <= set(error.value.message_dict)


def test_loader_loads_careers_and_bands_from_files(corpus):
    from careers.models import Career

    manager = Career.objects.get(key="ai-project-manager")
    bands = {b.region: (b.currency, b.low, b.high, b.verified_on) for b in manager.salary_bands.all()}
    assert bands == {"US": ("USD", 115000, 165000, None), "CA": ("CAD", 95000, 140000, None),
                     "GB": ("GBP", 70000, 105000, None)}  # fmt: skip
    assert manager.versions.get(language="fr").slug == "chef-de-projet-ia"
