"""An editor's journey through the Django admin, in Chromium: write, preview, relate, publish,
translate, unpublish; and what readers see at each step."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = f"/{settings.ADMIN_PATH}"
PASSWORD = "correct horse battery staple"


def pick(page, field: str, typed: str, option: str):
    """Choose `option` in one of the admin's autocomplete (select2) widgets."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def log_in(page, site, username):
    page.goto(site + ADMIN)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


# What the editor types in each language version (data: editor_journey.toml).
VERSIONS = tomllib.loads(Path(__file__).with_name("editor_journey.toml").read_text(encoding="utf-8"))


def write_version(page, *, name, title, lede, definition, preview, takeaways, faqs):
    """Fill a term version form; the Markdown preview must show the rendered definition."""
    page.locator("#id_name").fill(name)
    page.locator("#id_title").fill(title)
    page.locator("#id_lede").fill(lede)
    page.locator("#id_definition").fill(definition)
    # markdownx posts the text to the staff-only preview route and shows the rendered HTML.
    expect(page.locator(".field-definition .markdownx-preview")).to_contain_text(preview)
    expect(page.locator(".field-definition .markdownx-preview strong")).to_have_text(preview.split()[0])
    page.locator("#id_analogy").fill("Comme une loupe qui balaie une photo, morceau par morceau.")
    for index, text in enumerate(takeaways):
        if index:
            page.locator("#takeaways-group .add-row a").click()
        page.locator(f"#id_takeaways-{index}-text").fill(text)
    for index, faq in enumerate(faqs):
        question, answer = faq["question"], faq["answer"]
        if index:
            page.locator("#faqs-group .add-row a").click()
        page.locator(f"#id_faqs-{index}-question").fill(question)
        page.locator(f"#id_faqs-{index}-answer").fill(answer)
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_an_editor_writes_publishes_translates_and_unpublishes_a_term(browser, site):
    editor = make_user(editor=True)
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    log_in(page, site, editor.username)

    # The language-neutral entry: key, category, author, a related term and a role.
    page.goto(site + f"{ADMIN}encyclopedia/term/add/")
    page.get_by_label("Key").fill("convolutional-network")
    pick(page, "category", "Apprentissage", "Apprentissage automatique")
    pick(page, "author", "Haythem", "Haythem")
    pick(page, "related_terms", "ai-project-management", "ai-project-management")
    pick(page, "related_careers", "ml-engineer", "ml-engineer")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # The French version, created from the entry list's one-click button.
    page.locator("tr", has_text="convolutional-network").get_by_role("link", name=re.compile("FR")).click()
    write_version(page, **VERSIONS["fr"])

    reader = browser.new_context(locale="fr-FR").new_page()
    reader.goto(site + "/fr/encyclopedie/reseau-convolutif/")
    expect(reader.locator("h1")).to_have_text("Qu’est-ce qu’un réseau convolutif ?")
    expect(reader.locator(".definition .prose strong")).to_have_text("Filtres")
    expect(reader.locator(".takeaways li")).to_have_count(2)
    expect(reader.locator("details.faq summary")).to_have_count(2)
    expect(reader.get_by_role("link", name="Gestion de projet IA")).to_be_visible()
    expect(reader.get_by_role("link", name="Ingénieure ou ingénieur en apprentissage automatique")).to_be_visible()
    # Only French exists: the switch leads to the English index, which says so.
    expect(reader.locator('.language-switch a[hreflang="en"]')).not_to_have_attribute(
        "href", re.compile("convolutional")
    )
    reader.goto(site + "/fr/encyclopedie/?letter=R")
    expect(reader.get_by_role("link", name="Réseau convolutif")).to_be_visible()

    # The English version; the language switch now links the two.
    page.goto(site + f"{ADMIN}encyclopedia/term/")
    page.locator("tr", has_text="convolutional-network").get_by_role("link", name=re.compile("EN")).click()
    write_version(page, **VERSIONS["en"])
    reader.goto(site + "/fr/encyclopedie/reseau-convolutif/")
    reader.locator('.language-switch a[hreflang="en"]').click()
    expect(reader).to_have_url(re.compile(r"/en/encyclopedia/convolutional-network/$"))
    reader.locator('.language-switch a[hreflang="fr"]').click()
    expect(reader).to_have_url(re.compile(r"/fr/encyclopedie/reseau-convolutif/$"))

    # Unpublish the French version with the list action: gone for readers, kept for editors.
    page.goto(site + f"{ADMIN}encyclopedia/termversion/?q=convolutif")
    page.locator("tr", has_text="Réseau convolutif").locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Unpublish (back to draft)")
    page.get_by_role("button", name="Go").click()
    expect(page.locator("tr", has_text="Réseau convolutif")).to_contain_text("Draft")
    response = reader.goto(site + "/fr/encyclopedie/reseau-convolutif/")
    assert response.status == 404
    reader.goto(site + "/fr/encyclopedie/?letter=R")
    expect(reader.get_by_role("link", name="Réseau convolutif")).to_have_count(0)
    reader.goto(site + "/en/encyclopedia/convolutional-network/")
    expect(reader.locator('.language-switch a[hreflang="fr"]')).not_to_have_attribute(
        "href", re.compile("reseau-convolutif")
    )
    page.goto(site + "/fr/encyclopedie/reseau-convolutif/")
    expect(page.locator(".draft-banner")).to_be_visible()
    context.close()
