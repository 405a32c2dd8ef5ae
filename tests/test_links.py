"""The content graph: internal links resolved on save, backlinks, reports, renamed slugs,
and auto-link suggestions."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from encyclopedia.models import TermVersion
from publishing import autolink, services, targets
from publishing.models import Status
from publishing.services import save_version

from .factories import make_career, make_term, make_term_version
from .support import TERM_PAGE_QUERIES_WITHOUT_ROLES, assert_entry_pages_cost, change_data, change_url, entry_page

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"


def bare_term(key=None, languages=("fr", "en"), **fields):
    return make_term(key=key, languages=languages, takeaways=0, faqs=0, **fields)


def english_source(definition: str) -> TermVersion:
    """The version of a new English-only term whose definition is `definition` (the linking text)."""
    return bare_term(languages=["en"], definition=definition).versions.get()


@pytest.fixture
def renders():
    """The pk of each version saved through the write path, in order, while the test runs."""
    saved = []

    def count(sender, version, **kwargs):
        saved.append(version.pk)

    services.version_saved.connect(count, dispatch_uid="test-count-renders")
    yield saved
    services.version_saved.disconnect(dispatch_uid="test-count-renders")


# ---------------------------------------------------------------- resolution on save


def test_term_and_career_links_resolve_to_the_address_in_the_text_language():
    target = bare_term(key="mlops")
    role = make_career(key="mlops-engineer", phases=0)
    source = bare_term(definition="See [MLOps](term:mlops) and [the role](career:mlops-engineer).")
    for version in source.versions.all():
        mlops = target.versions.get(language=version.language).get_absolute_url()
        career = role.versions.get(language=version.language).get_absolute_url()
        assert f'<a href="{mlops}" rel="noopener">MLOps</a>' in version.definition_html
        assert f'href="{career}"' in version.definition_html
        targets = {(link.target_kind, link.target_id) for link in version.outgoing_links.all()}
        assert targets == {("term", target.pk), ("career", role.pk)}


def test_a_slug_or_a_site_path_in_the_other_language_resolves_to_this_language():
    target = bare_term(key="k-target")
    french_slug = target.versions.get(language="fr").slug
    source = bare_term(
        languages=["en"], definition=f"By slug [a](term:{french_slug}), by path [b](/fr/encyclopedie/{french_slug}/#x)."
    )
    english_url = target.versions.get(language="en").get_absolute_url()
    html = source.versions.get().definition_html
    assert f'href="{english_url}"' in html and f'href="{english_url}#x"' in html
    assert "/fr/" not in html


def test_an_alias_path_resolves_to_its_term():
    target = bare_term(key="large-language-model", languages=["en"], aliases="LLM")
    html = english_source("An [LLM](/en/encyclopedia/llm/).").definition_html
    assert f'href="{target.versions.get().get_absolute_url()}"' in html


def test_unresolved_links_are_stored_as_broken_and_lose_their_href():
    version = english_source("A [ghost](term:no-such-thing) and [gone](/en/encyclopedia/nope/).")
    assert '<a rel="noopener">ghost</a>' in version.definition_html
    assert '<a rel="noopener">gone</a>' in version.definition_html
    broken = list(version.outgoing_links.filter(target_id__isnull=True))
    assert [link.href for link in broken] == ["term:no-such-thing", "/en/encyclopedia/nope/"]


def test_a_broken_link_heals_when_its_target_is_created():
    source = english_source("Read [later](term:written-later).")
    assert '<a rel="noopener">later</a>' in source.definition_html
    target = bare_term(key="written-later", languages=["en"])
    source.refresh_from_db()
    assert f'href="{target.versions.get().get_absolute_url()}"' in source.definition_html
    assert not source.outgoing_links.filter(target_id__isnull=True).exists()


def test_links_in_faq_answers_and_roadmap_phases_are_recorded():
    target = bare_term(key="rag")
    career = make_career(languages=["en"], phases=1, faqs=1)
    version = career.versions.get()
    phase = version.phases.get()
    phase.description = "Build a [RAG](term:rag) demo."
    phase.save()
    save_version(version=version)
    assert f'href="{target.versions.get(language="en").get_absolute_url()}"' in phase.description_html
    link = version.outgoing_links.get()
    assert (link.target_kind, link.target_id) == ("term", target.pk)


def test_a_bulk_write_renders_a_linking_version_again_once_when_its_targets_appear_later(renders):
    with services.backlinks_deferred():  # what the content loader does
        source = bare_term(languages=["en"], definition="[B](term:later-b), [C](term:later-c).")
        first = source.versions.get()
        bare_term(key="later-b", languages=["en"])
        bare_term(key="later-c", languages=["en"])
        assert 'href="' not in source.versions.get().definition_html  # not yet: at the end
    html = source.versions.get().definition_html
    assert 'href="/en/encyclopedia/later-b-en/"' in html and 'href="/en/encyclopedia/later-c-en/"' in html
    assert renders.count(first.pk) == 2  # created, then rendered again once for both targets


def test_with_every_address_announced_a_bulk_write_renders_each_version_once_and_suggests_at_the_end(renders):
    """What the content loader does: the entries exist, their versions' addresses are told
    before any text is rendered, so a text linking to an entry saved after it is right at once;
    suggestions are made when the block ends, so they name entries saved later too."""
    later = make_term(key="later-b", languages=())
    mentioned = make_term(key="later-c", languages=())
    addresses = targets.Addresses.of(
        {("term", "later-b"): later.pk, ("term", "later-c"): mentioned.pk},
        {("term", later.pk, "en"): "later-b-en", ("term", mentioned.pk, "en"): "later-c-en"},
    )
    with services.backlinks_deferred(addresses):
        source = bare_term(languages=["en"], definition="[B](term:later-b) comes before Term later-c.")
        first = source.versions.get()
        assert 'href="/en/encyclopedia/later-b-en/"' in first.definition_html  # before B is saved
        make_term_version(later, "en", takeaways=0, faqs=0)
        make_term_version(mentioned, "en", takeaways=0, faqs=0)
    assert renders.count(first.pk) == 1
    first.refresh_from_db()
    assert [s["key"] for s in first.link_suggestions] == ["later-c"]  # saved after it, linked to by none


# ---------------------------------------------------------------- backlinks


def test_a_page_lists_the_entries_that_reference_it_by_text_or_relation(client):
    target = bare_term(key="target", languages=["en"])
    by_text = bare_term(languages=["en"], definition="Uses [it](term:target).", name="Text Source")
    by_relation = bare_term(languages=["en"], name="Relation Source")
    by_relation.related_terms.add(target)
    draft = bare_term(languages=["en"], status=Status.DRAFT, definition="[x](term:target)", name="Draft Source")
    career = make_career(languages=["en"], phases=0, overview="About [the target](term:target).")
    # Already on the page as a related term and as a role: not listed twice.
    mutual = bare_term(languages=["en"], name="Mutual Source")
    mutual.related_terms.add(target)
    target.related_terms.add(mutual)
    role = make_career(languages=["en"], phases=0, overview="[t](term:target)")
    target.related_careers.add(role)
    page = entry_page(client, target)
    section = page.split('id="referenced-in-heading"')[1].split("</section>")[0]
    assert "referenced in" in page
    for entry in (by_text, by_relation):
        assert entry.versions.get().get_absolute_url() in section
    assert career.versions.get().get_absolute_url() in section
    assert draft.versions.get().get_absolute_url() not in section
    assert mutual.versions.get().get_absolute_url() not in section
    assert role.versions.get().get_absolute_url() not in section
    assert page.count(f'href="{role.versions.get().get_absolute_url()}"') == 1


def test_a_career_page_lists_the_terms_whose_text_links_to_it(client):
    career = make_career(key="role", languages=["en"], phases=0)
    by_text = bare_term(languages=["en"], definition="Become a [role](career:role).")
    listed = bare_term(languages=["en"])
    listed.related_careers.add(career)  # shown in "terms used in this role" already
    page = entry_page(client, career)
    section = page.split('id="referenced-in-heading"')[1].split("</section>")[0]
    assert by_text.versions.get().get_absolute_url() in section
    assert listed.versions.get().get_absolute_url() not in section


def test_referenced_in_reads_in_french(client):
    target = bare_term(key="cible", languages=["fr"])
    bare_term(languages=["fr"], definition="Voir [la cible](term:cible).")
    assert "cité dans" in entry_page(client, target)


@pytest.mark.engine
def test_backlinks_cost_the_same_queries_whatever_their_number(client, django_assert_num_queries):
    small = bare_term(key="small", languages=["en"])
    bare_term(languages=["en"], definition="[s](term:small)")
    large = bare_term(key="large", languages=["en"])
    for index in range(12):
        source = bare_term(languages=["en"], definition=f"[l{index}](term:large)")
        source.related_terms.add(large)
    for _index in range(3):
        make_career(languages=["en"], phases=0, overview="[l](term:large)")
    assert_entry_pages_cost(client, django_assert_num_queries, TERM_PAGE_QUERIES_WITHOUT_ROLES, [small, large])


# ---------------------------------------------------------------- reports


def test_check_links_lists_broken_links_orphans_and_thin_entries(capsys):
    bare_term(key="lonely", languages=["en"])
    hub = bare_term(key="hub", languages=["en"], definition="[ok](term:lonely) and [bad](term:missing-key)")
    for _index in range(3):
        hub.related_terms.add(bare_term(languages=["en"]))
    call_command("check_links")
    out = capsys.readouterr().out
    assert "Broken internal links: 1" in out
    assert "term hub [en]: definition: [bad](term:missing-key)" in out
    orphans = out.split("Orphan entries")[1].split("Entries with fewer")[0]
    assert "term hub" in orphans and "term lonely" not in orphans
    thin = out.split("Entries with fewer than 3 related entries")[1]
    assert "term lonely: 0" in thin and "term hub" not in thin
    with pytest.raises(Exception, match="1 broken internal link"):
        call_command("check_links", "--strict")


def test_the_admin_report_lists_the_same_problems(editor_client):
    bare_term(key="island", languages=["en"], definition="[bad](career:nobody)")
    html = editor_client.get(f"{ADMIN}editorial-report/").content.decode()
    assert "[bad](career:nobody)" in html
    assert "term island</a>" in html.split('id="orphans"')[1].split('id="thin"')[0]
    changelist = editor_client.get(f"{ADMIN}encyclopedia/termversion/").content.decode()
    assert f'href="{ADMIN}editorial-report/"' in changelist


# ---------------------------------------------------------------- renamed slugs


def test_a_renamed_slug_answers_301_in_the_same_language(client):
    term = bare_term()
    english = term.versions.get(language="en")
    old_url = english.get_absolute_url()
    english.slug = "a-better-name"
    save_version(version=english)
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == "/en/encyclopedia/a-better-name/"
    # The French address of the same slug was never the English one: no redirect across languages.
    assert client.get(f"/fr/encyclopedie/{old_url.split('/')[-2]}/").status_code == 404


def test_a_renamed_career_slug_answers_301_and_taking_it_back_ends_the_redirect(client):
    version = make_career(languages=["fr"], phases=0).versions.get()
    old_slug = version.slug
    version.slug = "nouveau-nom"
    save_version(version=version)
    response = client.get(f"/fr/carrieres/{old_slug}/")
    assert response.status_code == 301 and response["Location"] == "/fr/carrieres/nouveau-nom/"
    version.slug = old_slug
    save_version(version=version)
    assert client.get(f"/fr/carrieres/{old_slug}/").status_code == 200
    assert client.get("/fr/carrieres/nouveau-nom/").status_code == 301


def test_links_written_with_an_old_slug_still_resolve():
    target = bare_term(key="renamed", languages=["en"])
    version = target.versions.get()
    old_slug = version.slug
    version.slug = "new-slug"
    save_version(version=version)
    source = english_source(f"[x](term:{old_slug})")
    assert 'href="/en/encyclopedia/new-slug/"' in source.definition_html


def test_renaming_a_target_rewrites_the_links_pointing_at_it():
    target = bare_term(key="moving", languages=["en"])
    source = english_source("[m](term:moving)")
    version = target.versions.get()
    version.slug = "moved"
    save_version(version=version)
    source.refresh_from_db()
    assert 'href="/en/encyclopedia/moved/"' in source.definition_html


# ---------------------------------------------------------------- auto-link suggestions


def suggest(text, language="fr", names=()):
    for name, aliases in names:
        bare_term(languages=[language], name=name, aliases=aliases)
    version = bare_term(languages=[language], definition=text).versions.get()
    return [(s["mention"], s["label"]) for s in version.link_suggestions]


def test_suggestions_ignore_case_and_accents_and_handle_elision_and_plurals():
    names = [("Intelligence artificielle", "IA"), ("Réseau de neurones", ""), ("Modèle", "")]
    found = suggest("L'IA apprend. Des reseaux de neurones et des MODÈLES.", names=names)
    assert ("IA", "Intelligence artificielle") in found  # l' stays outside the link
    assert ("reseaux de neurones", "Réseau de neurones") in found
    assert ("MODÈLES", "Modèle") in found


def test_suggestions_skip_headings_code_links_and_later_mentions():
    text = (
        "## Apprentissage\n\nDu `apprentissage` en code.\n\n```\napprentissage\n```\n\n"
        "Un [apprentissage](https://example.org) lié, puis l'apprentissage ici et l'apprentissage encore."
    )
    found = suggest(text, names=[("Apprentissage", "")])
    assert found == [("apprentissage", "Apprentissage")]
    version = TermVersion.objects.exclude(name="Apprentissage").get()
    suggestion = version.link_suggestions[0]
    # The first mention in running text: after the heading, the code and the existing link.
    assert text[: suggestion["start"]].endswith("puis l'")
    assert text[suggestion["start"] : suggestion["end"]] == "apprentissage"


def test_the_longest_name_wins_and_an_entry_already_linked_is_not_suggested():
    bare_term(key="apprentissage", languages=["fr"], name="Apprentissage")
    bare_term(key="apprentissage-auto", languages=["fr"], name="Apprentissage automatique")
    version = bare_term(
        languages=["fr"], definition="L'apprentissage automatique, voir [ici](term:apprentissage)."
    ).versions.get()
    assert [(s["mention"], s["key"]) for s in version.link_suggestions] == [
        ("apprentissage automatique", "apprentissage-auto")
    ]


def test_english_plural_and_other_language_names_are_not_mixed():
    bare_term(key="agent", languages=["en"], name="Agent")
    bare_term(key="agent-fr", languages=["fr"], name="Agentique")
    found = suggest("Many AGENTS work together.", language="en")
    assert found == [("AGENTS", "Agent")]


def test_accepting_a_suggestion_in_the_admin_writes_the_link_and_nothing_else(editor_client):
    target = bare_term(key="ia", languages=["fr"], name="Intelligence artificielle", aliases="IA")
    version = bare_term(languages=["fr"], definition="Ce que fait l'IA. L'IA encore.").versions.get()
    assert version.definition == "Ce que fait l'IA. L'IA encore."  # nothing rewritten on save
    form = editor_client.get(change_url(version)).content.decode()
    assert 'name="_accept_suggestion" value="term:ia"' in form
    response = editor_client.post(change_url(version), change_data(version) | {"_accept_suggestion": "term:ia"})
    assert response.status_code == 302 and response["Location"].endswith(change_url(version))
    version.refresh_from_db()
    assert version.definition == "Ce que fait l'[IA](term:ia). L'IA encore."
    assert f'href="{target.versions.get().get_absolute_url()}"' in version.definition_html
    assert version.link_suggestions == []


def test_a_stale_suggestion_is_refused_with_a_message():
    make_term_version(bare_term(key="llm", languages=[]), "en", name="LLM", takeaways=0, faqs=0)
    version = english_source("An LLM here.")
    version.definition = "Rewritten entirely."
    stale = pytest.raises(autolink.StaleSuggestion, match="^The text changed since this suggestion was made")
    with translation.override("en"), stale:
        autolink.apply_suggestion(version, 0)
    assert version.definition == "Rewritten entirely."
