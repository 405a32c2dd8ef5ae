"""Terminology (issue 17): designations with their status and authority, the card a term page
shows, designations as the one list of other names, the deprecated-term check in the change
form and in `check_content`, designations in the files."""

import datetime
import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError

from encyclopedia.models import Term, TermDesignation
from publishing import terminology
from publishing.models import Status

from .factories import make_career, make_term, make_term_version
from .support import change_data, change_url, entry_page, replace_in

pytestmark = pytest.mark.django_db

INSTRUCTION = [
    {"term": "instruction générative", "status": "preferred", "authority": "franceterme",
     "date": datetime.date(2024, 9, 6), "region": "FR"},
    {"term": "instruction", "status": "admitted", "authority": "franceterme", "date": datetime.date(2024, 9, 6)},
    {"term": "invite", "status": "deprecated", "authority": "franceterme", "date": datetime.date(2024, 9, 6)},
]  # fmt: skip


TERMIUM = "https://www.btb.termiumplus.gc.ca/"


def prompt_term(**fields):
    return make_term(key="prompt", languages=["fr"], name="Prompt", designations=INSTRUCTION, **fields)


def card_of(html: str) -> str:
    return html.split('<aside class="terminology"')[1].split("</aside>")[0]


def test_the_card_shows_each_status_with_its_authority_and_date_in_the_page_language(client):
    html = entry_page(client, prompt_term())
    card = card_of(html)
    assert "Terme recommandé\u00a0:" in card and "À éviter\u00a0:" in card
    assert "instruction générative" in card and "FranceTerme, JO du 6 septembre 2024" in card
    assert card.index("instruction générative") < card.index("Termes admis") < card.index("invite")
    assert "(France)" in card
    assert "Aussi appelé" not in html  # the card replaces the plain list of other names


def test_an_english_card_and_a_record_link(client):
    designations = [{"term": "large language model", "status": "preferred", "authority": "termium",
                     "date": datetime.date(2025, 3, 27), "region": "CA", "url": TERMIUM}]  # fmt: skip
    card = card_of(entry_page(client, make_term(languages=["en"], designations=designations)))
    assert "Preferred term:" in card and "TERMIUM Plus (Government of Canada), 27 March 2025" in card
    assert f'<a href="{TERMIUM}" rel="noopener">' in card and "(Canada)" in card


def test_the_card_names_the_term_in_the_other_language_with_its_authority(client):
    """The English page of a term that FranceTerme names shows the official French term, in
    French, linked to the French page; the French page gives the English name back."""
    term = prompt_term()
    english = make_term_version(term, "en", name="Prompt", designations=[{"term": "prompts"}])
    card = card_of(entry_page(client, term, language="en"))
    assert "In French:" in card
    french = term.versions.get(language="fr")
    assert f'<a href="{french.get_absolute_url()}" hreflang="fr" lang="fr">Prompt</a>' in card
    assert '<span class="designation" lang="fr">instruction générative</span>' in card
    assert "FranceTerme, Journal officiel of 6 September 2024" in card  # attributed in the page's language
    assert "invite" not in card  # a deprecated French name is not offered as an equivalent
    assert "prompts" in card  # its own plain names are in the card too, not in a line beside it
    back = card_of(entry_page(client, term, language="fr"))
    assert "En anglais\u00a0:" in back and f'href="{english.get_absolute_url()}"' in back


def test_the_other_language_name_keeps_its_authority_and_gets_its_own_typography(client):
    term = make_term(languages=["en"], name="Large language model")
    make_term_version(term, "fr", name="Grand modèle de langage", designations=[
        {"term": "grand modèle de langage", "status": "preferred", "authority": "franceterme",
         "date": datetime.date(2024, 9, 6), "region": "FR"},
        {"term": "modèle, vraiment?", "region": "CA-QC"},
    ])  # fmt: skip
    card = card_of(entry_page(client, term, language="en"))
    assert 'lang="fr">Grand modèle de langage</a> <span class="authority">— FranceTerme, Journal' in card
    assert '<span class="designation" lang="fr">modèle, vraiment\u202f?</span> <span class="authority">(Quebec)' in card


def test_a_draft_in_the_other_language_is_not_on_the_card(client):
    term = make_term(languages=["en"], designations=[{"term": "plain", "status": "preferred"}])
    make_term_version(term, "fr", status=Status.DRAFT, designations=INSTRUCTION)
    assert "In French" not in card_of(entry_page(client, term, language="en"))


def test_no_card_when_neither_language_says_more_than_another_name(client):
    term = make_term(aliases="autre nom")
    for language in ("fr", "en"):
        assert 'class="terminology"' not in entry_page(client, term, language=language)


def test_plain_other_names_stay_a_line_not_a_card(client):
    html = entry_page(client, make_term(languages=["en"], aliases="LLM"))
    assert "Also called:" in html and 'class="terminology"' not in html


def test_every_designation_is_another_name_for_search_redirects_and_suggestions(client):
    version = prompt_term().versions.get()
    assert version.alias_list == ["instruction générative", "instruction", "invite"]
    response = client.get("/fr/encyclopedie/instruction-generative/")
    assert response.status_code == 301 and response.url == version.get_absolute_url()
    assert version.get_absolute_url() in client.get("/fr/recherche/?q=instruction+générative").content.decode()
    other = make_term(languages=["fr"], definition="Une bonne instruction générative aide.").versions.get()
    assert [s["key"] for s in other.link_suggestions] == ["prompt"]


def test_a_deprecated_designation_in_another_entry_is_found_with_its_replacement():
    prompt_term()
    career = make_career(languages=["fr"], overview="Rédiger une invite claire, puis une autre `invite` en code.")
    version = career.versions.get()
    found = terminology.uses(version)
    overview = str(version._meta.get_field("overview").verbose_name)
    assert [(use.where, use.mention, use.replacement) for use in found] == [
        (overview, "invite", "instruction générative")
    ]  # the code span is left alone
    version.intentional_uses = "invite"
    assert terminology.uses(version) == []


def press(client, version, button: str, value: str):
    """Save the version's change form with one of its terminology buttons; the version as saved."""
    response = client.post(change_url(version), change_data(version, **{button: value}))
    assert response.status_code == 302
    version.refresh_from_db()
    return version


def test_the_change_form_offers_to_replace_or_keep_and_replaces_on_request(editor_client):
    prompt_term()
    version = make_term(languages=["fr"], definition="Une Invite bien écrite.").versions.get()
    form = editor_client.get(change_url(version)).content.decode()
    assert "“Invite” → “Instruction générative”" in form and 'name="_replace_deprecated"' in form
    version = press(editor_client, version, "_replace_deprecated", terminology.uses(version)[0].token)
    assert version.definition == "Une Instruction générative bien écrite."
    assert version.revision == 2  # the words changed: translations made from it are outdated


def test_keeping_an_occurrence_on_purpose_records_it_and_the_check_stops_reporting_it(editor_client):
    prompt_term()
    text = "Le mot « invite » est déconseillé."
    version = press(
        editor_client, make_term(languages=["fr"], definition=text).versions.get(), "_keep_deprecated", "invite"
    )
    assert version.intentional_uses == "invite" and version.definition == text
    assert 'name="_keep_deprecated"' not in editor_client.get(change_url(version)).content.decode()


def test_a_stale_replacement_is_refused_with_a_message(editor_client):
    prompt_term()
    version = make_term(languages=["fr"], definition="Une invite.").versions.get()
    response = editor_client.post(
        change_url(version), change_data(version, _replace_deprecated="encyclopedia.termversion:1:definition:99"),
        follow=True,
    )  # fmt: skip
    assert "Cette occurrence n’est plus dans le texte" in response.content.decode()  # the admin speaks French
    version.refresh_from_db()
    assert version.definition == "Une invite."


def test_check_content_reports_deprecated_uses_with_where_and_what_to_write():
    prompt_term()
    make_career(key="writer", languages=["fr"], summary="Écrire des invites.")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 deprecated designation"):
        call_command("check_content", "--strict", stdout=out)
    assert "career writer [fr]: one-line summary: “invites”: write “instruction générative”" in out.getvalue()


def test_designation_rows_are_unique_per_version():
    version = prompt_term().versions.get()
    with pytest.raises(IntegrityError):
        TermDesignation.objects.create(version=version, term="invite")


# ---------------------------------------------------------------- files


@pytest.fixture
def content(tmp_path, settings):
    directory = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, directory)
    return directory


def check_files(directory=None) -> str:
    """`check_content --strict` on these files, or without any on the database; its report."""
    out = io.StringIO()
    call_command("check_content", "--strict", *([str(directory)] if directory else []), stdout=out)
    return out.getvalue()


def test_check_content_passes_on_the_corpus(corpus):
    """The editorial check of content/ (CI's): on the rows its files load into (the corpus
    fixture replays them), the strict check finds no error."""
    out = check_files()
    assert "Deprecated designations in use: 0" in out and "Sources never cited: 0" in out


def test_check_content_on_files_that_pass_keeps_nothing(tmp_path):
    """Files are loaded in a transaction rolled back, even when the check passes."""
    make_term(key="kept-out", languages=["fr", "en"])
    directory = tmp_path / "content"
    call_command("export_content", str(directory), verbosity=0)
    Term.objects.all().delete()
    out = check_files(directory)
    assert "Broken internal links: 0" in out and "Sources never cited: 0" in out
    assert not Term.objects.exists() and not TermDesignation.objects.exists()


def test_check_content_fails_on_files_naming_the_file_and_field(tmp_path):
    """On files the exporter wrote from three terms: one deprecates « invite », one cites a
    source it does not list and lists one it does not cite, one uses the deprecated word."""
    prompt_term()
    make_term(key="cites", languages=["fr"])
    make_term(key="uses", languages=["fr"])
    content = tmp_path / "content"
    call_command("export_content", str(content), verbosity=0)
    path = content / "terms" / "cites" / "fr.md"
    uncited = '\n[[sources]]\nkey = "unused"\nkind = "law"\ntitle = "Un texte"\n+++\n\n## definition\n\n'
    uncited += "Selon[^nowhere] la loi, "
    replace_in(path, "+++\n\n## definition\n\n", uncited)
    other = content / "terms" / "uses" / "fr.md"
    replace_in(other, "## definition\n\n", "## definition\n\nUne invite mal écrite. ")
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("check_content", "--strict", str(content), stdout=out)
    for error in ("1 marker(s) without a source", "1 uncited source(s)", "1 deprecated designation(s) in use"):
        assert error in str(failure.value)
    text = out.getvalue()
    assert f"{path}: definition: [^nowhere]" in text
    assert f"{path}: sources: [^unused]" in text
    assert f"{other}: definition: “invite”: write “instruction générative”" in text


def test_a_bad_designation_in_a_file_names_the_file_row_and_field(content):
    path = content / "terms" / "gdpr" / "fr.md"
    replace_in(
        path,
        "+++\n\n## definition\n",
        '\n[[designations]]\nterm = "RGPD bis"\nstatus = "recommended"\n+++\n\n## definition\n',
    )
    with pytest.raises(CommandError, match=r"gdpr/fr\.md: field “designations\[\d+\]\.status”: must be one of"):
        call_command("load_content", str(content), stdout=io.StringIO())


def test_offsets_stay_right_after_a_letter_that_lowers_to_two():
    prompt_term()
    version = make_term(languages=["fr"], definition="İstanbul : une invite.").versions.get()
    (use,) = terminology.uses(version)
    assert version.definition[use.start : use.end] == "invite"


def test_a_guide_titled_with_a_deprecated_term_is_reported_once():
    prompt_term()
    version = make_career(languages=["fr"], title="Rédacteur d’invites").versions.get()
    assert [use.mention for use in terminology.uses(version)] == ["invites"]


def test_keeping_a_plural_form_keeps_its_designation(editor_client):
    prompt_term()
    version = make_term(languages=["fr"], definition="Des invites.").versions.get()
    assert 'name="_keep_deprecated" value="invite"' in editor_client.get(change_url(version)).content.decode()
    assert terminology.uses(press(editor_client, version, "_keep_deprecated", "invite")) == []
