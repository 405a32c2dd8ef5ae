"""A reader's journey, as written in the issue, in Chromium with JavaScript on."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The blocks of the reference term page, in reading order (French headings).
TERM_BLOCKS = [
    "définition",
    "En d’autres termes",
    "à retenir",
    "le marché de l’emploi",
    "questions fréquentes",
    "pour aller plus loin",
    "termes liés",
]


def test_a_reader_goes_from_the_home_page_to_a_career_guide_in_both_languages(browser, site, errors_of):
    page = browser.new_page(locale="fr-FR")
    errors = errors_of(page)
    page.goto(site + "/")
    expect_at(page, r"/fr/$", "Les termes de l’IA expliqués, les carrières en IA décryptées")

    follow(page, "Menu principal", "Encyclopédie")
    expect(page).to_have_url(re.compile(r"/fr/encyclopedie/$"))
    follow(page, "Aller à une lettre", "G", exact=True)
    expect(page).to_have_url(re.compile(r"(#letter-G|\?letter=G)$"))  # an anchor, or a page per letter past 100 terms
    expect(page.locator("#letter-G h2")).to_be_in_viewport()

    page.locator("#letter-G").get_by_role("link", name="Gestion de projet IA").click()
    expect(page).to_have_url(re.compile(r"/fr/encyclopedie/gestion-projet-ia/$"))
    expect(page.locator("h1")).to_contain_text("gestion de projet IA")
    read_every_block(page)

    page.get_by_role("region", name="termes liés").get_by_role("link", name="Qualité des données").click()
    expect(page).to_have_url(re.compile(r"/fr/encyclopedie/qualite-des-donnees/$"))
    market = page.get_by_role("region", name="le marché de l’emploi")
    market.get_by_role("link", name="Ingénieure ou ingénieur des données").click()
    expect_at(page, r"/fr/carrieres/ingenieur-des-donnees/$", "Ingénieure ou ingénieur des données")

    follow(page, "Langue", "English")
    expect_at(page, r"/en/careers/data-engineer/$", "Data Engineer")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("search").get_by_role("searchbox").fill("artifical inteligence")
    page.keyboard.press("Enter")
    expect(page.locator(".suggestion")).to_contain_text("Did you mean")
    page.locator(".suggestion a").click()
    page.locator(".result h2 a").first.click()
    expect(page).to_have_url(re.compile(r"/en/encyclopedia/artificial-intelligence/$"))

    response = page.goto(site + "/en/encyclopedia/nowhere-to-be-found/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    page.get_by_role("link", name="Browse the encyclopedia from A to Z").click()
    expect_at(page, r"/en/encyclopedia/$", "Encyclopedia")
    assert [e for e in errors if "404" not in e] == []
    page.close()


def expect_at(page, address: str, heading: str) -> None:
    """The tab's address matches `address` (a regular expression) and its page's title is `heading`."""
    expect(page).to_have_url(re.compile(address))
    expect(page.locator("h1")).to_have_text(heading)


def follow(page, navigation: str, link: str, **options) -> None:
    """Clicks the link named `link` in the navigation landmark named `navigation`."""
    page.get_by_role("navigation", name=navigation).get_by_role("link", name=link, **options).click()


def read_every_block(page):
    """Scroll through the reference term as a reader does: every block is there, in order."""
    headings = page.locator("article h2, article h3.analogy-title")
    texts = [text.strip() for text in headings.all_inner_texts()]
    positions = [texts.index(block) for block in TERM_BLOCKS]
    assert positions == sorted(positions), texts
    for block in TERM_BLOCKS:
        heading = headings.filter(has_text=block).first
        heading.scroll_into_view_if_needed()
        expect(heading).to_be_in_viewport()
    expect(page.locator(".takeaways li")).to_have_count(5)
    expect(page.locator(".salary-table").first).to_be_visible()
    expect(page.locator("details.faq").first).to_have_attribute("open", "")
    expect(page.locator(".author-box")).to_be_visible()
    expect(page.locator(".updated time")).to_be_visible()
