"""Sources (issue 17): numbered citation markers, the "Sources" section and its back links,
JSON-LD `citation`, the editorial checks, the files, the admin inline, hostile sources."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from encyclopedia.models import TermSource, TermVersion
from publishing.markdown import CITATION_MARKER

from .factories import make_career, make_term, make_user
from .support import ADMIN, change_data, change_url, entry_folders, inline_management, load_content, resave_child

pytestmark = pytest.mark.django_db

AI_ACT = {"key": "ai-act"}
ISO = {"key": "iso-22989", "kind": "standard", "title": "ISO/IEC 22989:2022", "author": "ISO", "locator": "3.1.4"}
CITED = "Le règlement[^ai-act] et la norme[^iso-22989], encore le règlement[^ai-act]."


def page(client, version) -> str:
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_markers_are_numbered_in_order_of_first_citation_across_fields_and_faqs(client):
    term = make_term(languages=["fr"], sources=[ISO, AI_ACT], analogy=CITED, definition="Sans source.")
    version = term.versions.get()
    resave_child(version, version.faqs.first(), answer="Voir la norme[^iso-22989].")
    version.refresh_from_db()
    assert '<sup><a href="#source-ai-act" id="cite-ai-act-1" rel="noopener">1</a></sup>' in version.analogy_html
    assert 'id="cite-iso-22989-1" rel="noopener">2</a>' in version.analogy_html
    assert 'id="cite-ai-act-2" rel="noopener">1</a>' in version.analogy_html
    assert 'href="#source-iso-22989" id="cite-iso-22989-2"' in version.faqs.first().answer_html
    numbers = dict(version.sources.values_list("key", "number"))
    assert numbers == {"ai-act": 1, "iso-22989": 2}


def test_the_sources_section_lists_each_source_with_its_fields_and_links_back(client):
    term = make_term(languages=["fr"], sources=[ISO, AI_ACT], definition=CITED)
    html = page(client, term.versions.get())
    section = html[html.index('id="sources-heading"') :]
    assert section.index('id="source-ai-act"') < section.index('id="source-iso-22989"')  # by number
    assert '<li id="source-ai-act" value="1">' in section
    assert '<a href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj">Regulation (EU) 2024/1689</a>' in section
    assert "loi ou règlement" in section and "European Parliament and Council" in section
    assert "13 juin 2024" in section and "Art. 3" in section and "Consulté le 1 décembre 2026" in section
    assert section.count('href="#cite-ai-act-') == 2 and 'href="#cite-iso-22989-1"' in section
    assert "retour au texte (2)" in section
    assert '<a href="#sources-heading">sources</a>' in html  # the table of contents


def strict_check_fails(match: str) -> str:
    """What `check_links --strict` prints when it fails with `match`."""
    out = io.StringIO()
    with pytest.raises(CommandError, match=match):
        call_command("check_links", "--strict", stdout=out)
    return out.getvalue()


def test_a_marker_without_a_source_stays_text_and_is_reported(client):
    term = make_term(languages=["en"], definition="Cited[^nowhere] here.")
    version = term.versions.get()
    assert "Cited[^nowhere] here." in version.definition_html
    assert "sources-heading" not in page(client, version)
    assert f"term {term.key} [en]: definition: [^nowhere]" in strict_check_fails("1 marker")


def test_an_uncited_source_is_reported_and_listed_last(client):
    term = make_term(languages=["en"], sources=[ISO, AI_ACT], definition="Only the act[^ai-act].")
    version = term.versions.get()
    assert f"term {term.key} [en]: sources: [^iso-22989]" in strict_check_fails("1 uncited source")
    html = page(client, version)
    assert html.index('id="source-ai-act"') < html.index('id="source-iso-22989"')
    client.force_login(make_user(superuser=True))
    report = client.get(f"{ADMIN}editorial-report/").content.decode()
    assert "Sources jamais citées" in report and "[^iso-22989]" in report


def test_career_phases_cite_too(client):
    career = make_career(languages=["en"], sources=[AI_ACT], overview="See the law[^ai-act].")
    version = career.versions.get()
    resave_child(version, version.phases.first(), description="Read it[^ai-act].")
    html = page(client, version)
    assert 'id="cite-ai-act-1"' in html and 'id="cite-ai-act-2"' in html
    assert 'href="#cite-ai-act-2"' in html


def test_json_ld_lists_the_sources_as_citation(client):
    term = make_term(languages=["en"], sources=[AI_ACT, ISO], definition=CITED)
    html = page(client, term.versions.get())
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    article = next(b for b in blocks if b["@type"] == "Article")
    assert article["citation"][0] == {
        "@type": "CreativeWork",
        "name": "Regulation (EU) 2024/1689",
        "author": {"@type": "Organization", "name": "European Parliament and Council"},
        "datePublished": "2024-06-13",
        "url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    }
    assert article["citation"][1]["name"] == "ISO/IEC 22989:2022"


def test_hostile_source_fields_are_escaped_and_script_urls_dropped(client):
    vector = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    hostile = {"key": "bad", "title": vector, "author": vector, "locator": vector[:100], "url": "javascript:alert(1)"}
    term = make_term(languages=["en"], sources=[hostile], definition="Text[^bad].")
    html = page(client, term.versions.get())
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert all("<script" not in block and "javascript:" not in block for block in ld)


def test_a_text_cannot_give_an_element_another_id_of_the_page():
    term = make_term(languages=["en"], definition='<a id="toc-heading" href="/">x</a>')
    assert 'id="toc-heading"' not in term.versions.get().definition_html


def test_admin_inline_saves_sources_and_history_compares_them(admin_client):
    version = make_term(languages=["fr"], takeaways=0, faqs=0).versions.get()
    data = change_data(version, definition="Le texte[^ai-act].") | inline_management("sources", 1) | {
        "sources-0-position": "0", "sources-0-key": "ai-act", "sources-0-kind": "law",
        "sources-0-title": "Règlement (UE) 2024/1689", "sources-0-author": "Parlement européen",
        "sources-0-date": "2024-06-13", "sources-0-url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
        "sources-0-accessed": "2026-12-01", "sources-0-locator": "Art. 3",
    }  # fmt: skip
    response = admin_client.post(change_url(version), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    version.refresh_from_db()
    assert 'id="cite-ai-act-1"' in version.definition_html
    source = version.sources.get()
    assert (source.number, source.citations, source.locator) == (1, 1, "Art. 3")

    source_id = source.pk
    data |= {"sources-INITIAL_FORMS": "1", "sources-0-id": str(source_id), "sources-0-locator": "Art. 99"}
    response = admin_client.post(change_url(version), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    history = admin_client.get(f"{change_url(version)[: -len('change/')]}history/compare/").content.decode()
    assert "Art. 99" in history and "Art. 3" in history


def test_the_admin_preview_numbers_the_markers(client):
    client.force_login(make_user(staff=True))
    response = client.post(f"{ADMIN}markdown-preview/?language=en", {"content": "A[^b] c[^a] d[^b]."})
    html = response.content.decode()
    assert 'href="#source-b" id="cite-b-1" rel="noopener">1<' in html
    assert 'href="#source-a" id="cite-a-1" rel="noopener">2<' in html and 'id="cite-b-2"' in html


def test_admin_refuses_a_script_url_for_a_source(admin_client):
    version = make_term(languages=["fr"], takeaways=0, faqs=0).versions.get()
    data = change_data(version) | inline_management("sources", 1) | {
        "sources-0-position": "0", "sources-0-key": "x", "sources-0-kind": "law",
        "sources-0-title": "T", "sources-0-url": "javascript:alert(1)",
    }  # fmt: skip
    response = admin_client.post(change_url(version), data)
    assert response.status_code == 200  # the form again, with the error
    assert not TermSource.objects.exists()


SOURCES_TOML = """
[[sources]]
key = "ai-act"
kind = "law"
title = "Regulation (EU) 2024/1689"
author = "European Parliament and Council"
date = 2024-06-13
url = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
accessed = 2026-12-01
locator = "Art. 3"

[[sources]]
key = "iso-22989"
kind = "standard"
title = "ISO/IEC 22989:2022"
"""


def uncited_folder(content):
    """A term folder whose files have had their sources and citation markers taken out (the
    tests add theirs)."""
    folder = entry_folders(content, "terms")[0]
    for name in ("fr.md", "en.md"):
        path = folder / name
        text = path.read_text()
        end = text.index("\n+++\n", 4)
        front, body = text[:end], text[end:]
        if "\n[[sources]]" in front:
            front = front[: front.index("\n[[sources]]")].rstrip("\n")
        path.write_text(re.sub(CITATION_MARKER, "", front + body))
    return folder


def add_sources(path, toml: str = SOURCES_TOML, marker: str = "[^ai-act] [^iso-22989]"):
    text = path.read_text()
    end = text.index("\n+++\n", 4)
    text = text[:end] + "\n\n" + toml.strip("\n") + text[end:]
    path.write_text(text.replace("## definition\n\n", f"## definition\n\nCited{marker}. ", 1))


@pytest.mark.engine
def test_sources_in_files_load_and_export_byte_for_byte(corpus, content, tmp_path):
    folder = uncited_folder(content)
    add_sources(folder / "en.md")
    load_content(content)
    version = TermVersion.objects.get(term__key=folder.name, language="en")
    assert [s.key for s in version.sources.all()] == ["ai-act", "iso-22989"]
    assert 'id="cite-iso-22989-1"' in version.definition_html
    out = tmp_path / "export"
    call_command("export_content", str(out), verbosity=0)
    assert (out / "terms" / folder.name / "en.md").read_text() == (folder / "en.md").read_text()


BAD_SOURCES = [
    (SOURCES_TOML.replace('kind = "law"', 'kind = "blog"'), "sources[0].kind”: must be one of"),
    (SOURCES_TOML.replace('title = "ISO/IEC 22989:2022"\n', ""), "sources[1].title”: is missing"),
    (SOURCES_TOML.replace('key = "iso-22989"\n', ""), "sources[1].key”: is missing"),
    (SOURCES_TOML.replace('key = "iso-22989"', 'key = "ai-act"'), "sources[1].key”: 'ai-act' names two"),
    (SOURCES_TOML.replace("date = 2024-06-13", 'date = "13 June 2024"'), "sources[0].date”: must be a date"),
    (SOURCES_TOML.replace("https://eur-lex", "javascript:eur-lex"), "sources[0].url”: must be an http(s)"),
    (SOURCES_TOML.replace('locator = "Art. 3"', f'locator = "{"x" * 101}"'), "sources[0].locator”: is longer than 100"),
]


@pytest.mark.parametrize(("toml", "message"), BAD_SOURCES)
def test_a_bad_source_names_file_row_and_field(corpus, content, toml, message):
    folder = uncited_folder(content)
    add_sources(folder / "en.md", toml, marker="")
    with pytest.raises(CommandError) as error:
        load_content(content)
    assert f"{folder.name}/en.md: field “{message}" in str(error.value)


def test_a_file_with_sources_loaded_again_changes_nothing(corpus, content):
    folder = uncited_folder(content)
    add_sources(folder / "fr.md")
    load_content(content)
    out = io.StringIO()
    call_command("load_content", str(content), stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
