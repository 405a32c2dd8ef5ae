import filecmp
import re
import tomllib

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import Career, CareerVersion, SalaryBand
from encyclopedia.models import Term, TermVersion
from publishing import changes
from publishing.content.loading import FreshTags

from .factories import make_term
from .support import entry_folders, front_matter_value, load_content, replace_in

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def snapshot():
    return {
        "terms": Term.objects.count(),
        "term_versions": list(
            TermVersion.objects.order_by("pk").values_list("pk", "slug", "updated_at", "definition_html")
        ),
        "careers": Career.objects.count(),
        "career_versions": list(CareerVersion.objects.order_by("pk").values_list("pk", "slug", "updated_at")),
        "bands": list(SalaryBand.objects.order_by("pk").values_list("pk", "low", "high")),
    }


def test_loading_twice_changes_nothing_and_duplicates_nothing(corpus, content):
    first = snapshot()
    assert first["terms"] == len(entry_folders(content, "terms"))
    assert first["careers"] == len(entry_folders(content, "careers"))
    load_content(content)
    assert snapshot() == first


def test_export_reproduces_the_files(corpus, content, tmp_path):
    out = tmp_path / "export"
    call_command("export_content", str(out), verbosity=0)
    comparison = filecmp.dircmp(content, out, ignore=["README.md"])

    def differences(cmp):
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_a_changed_file_updates_only_that_entry(corpus, content):
    folder = entry_folders(content, "terms")[0]
    replace_in(folder / "en.md", "## analogy\n\n", "## analogy\n\nA new first sentence. ")
    before = dict(TermVersion.objects.values_list("pk", "updated_at"))
    load_content(content)
    changed = TermVersion.objects.get(term__key=folder.name, language="en")
    assert changed.analogy.startswith("A new first sentence.")
    after = dict(TermVersion.objects.values_list("pk", "updated_at"))
    assert [pk for pk in before if before[pk] != after[pk]] in ([], [changed.pk])


def drop_title(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith("title ="))


# Entries picked by position in content/ (support.entry_folders), not by name.
TERMS = [folder.relative_to(settings.CONTENT_DIR) for folder in entry_folders(settings.CONTENT_DIR, "terms")]
CAREERS = [folder.relative_to(settings.CONTENT_DIR) for folder in entry_folders(settings.CONTENT_DIR, "careers")]
TERM, OTHER_TERM, GOOD_TERM, LATE_TERM = TERMS[1], TERMS[2], TERMS[-2], TERMS[-1]
PAID = next(c for c in CAREERS if "[[salary_bands]]" in (settings.CONTENT_DIR / c / "entry.toml").read_text())
OTHER_SLUG = front_matter_value(settings.CONTENT_DIR / OTHER_TERM / "en.md", "slug")
BAD_FILES = [
    (
        f"{TERM}/en.md",
        lambda t: t.replace('title = "', "title = ", 1),
        f"{TERM}/en.md: field “front matter”: invalid TOML",
    ),
    (f"{TERM}/fr.md", drop_title, f"{TERM}/fr.md: field “title”: is missing"),
    (
        f"{TERM}/entry.toml",
        lambda t: t.replace("related_terms = [", 'related_terms = ["no-such-term", ', 1),
        f"{TERM}/entry.toml: field “related_terms”: unknown term key 'no-such-term'",
    ),
    (
        f"{TERM}/en.md",
        lambda t: re.sub(r'^slug = "[^"]*"', f'slug = "{OTHER_SLUG}"', t, count=1, flags=re.MULTILINE),
        f"field “slug”: '{OTHER_SLUG}' is already used by",
    ),
    (
        f"{PAID}/entry.toml",
        lambda t: re.sub(r"^low = \d+", "low = 999999999", t, count=1, flags=re.MULTILINE),
        "field “salary_bands[0].high”: must not be below low",
    ),
    (
        f"{CAREERS[0]}/fr.md",
        lambda t: re.sub(r"^weeks = \[\s*(\d+),\s*(\d+),?\s*\]", r"weeks = [\2, \1]", t, count=1, flags=re.MULTILINE),
        "field “phases[0].weeks”",
    ),
    (
        f"{TERM}/en.md",
        lambda t: t.replace('status = "published"', 'status = "live"', 1),
        "field “status”: must be one of",
    ),
    (
        f"{CAREERS[0]}/entry.toml",
        lambda t: t.replace("\nauthor =", "\nweekly_hours = 0\nauthor =", 1),
        "field “weekly_hours”: must be a whole number of hours from 1 to 60",
    ),
]


@pytest.mark.parametrize(("path", "edit", "message"), BAD_FILES)
def test_a_bad_file_stops_the_load_names_file_and_field_and_changes_nothing(corpus, content, path, edit, message):
    before = snapshot()
    target = content / path
    edited = edit(target.read_text())
    assert edited != target.read_text(), "the breakage changed nothing"
    target.write_text(edited)
    # Also change a good file: the whole load must be rolled back, not just the bad entry.
    replace_in(content / GOOD_TERM / "en.md", "## definition\n\n", "## definition\n\nChanged. ")
    with pytest.raises(CommandError) as error:
        load_content(content)
    assert message in str(error.value)
    assert "Nothing was changed" in str(error.value)
    assert snapshot() == before


def test_a_failure_late_in_the_load_rolls_back_earlier_writes(corpus, content):
    """Model validation runs inside the transaction: earlier entries must not stay written."""
    before = snapshot()
    replace_in(content / TERMS[0] / "en.md", "## definition\n\n", "## definition\n\nEarlier change. ")
    replace_in(content / LATE_TERM / "en.md", 'cta_url = "', 'cta_url = "javascript:')
    with pytest.raises(CommandError) as error:
        load_content(content)
    assert f"{LATE_TERM}/en.md: field “cta_url”" in str(error.value)
    assert snapshot() == before


def test_an_empty_database_loads_into_a_fresh_state(corpus, content):
    """The `corpus` rows are what `load_content` wrote into the session's empty test database
    (tests/snapshot.py), replayed: loading content/ again here would only repeat that load."""
    folder = content / "terms" / "ai-project-management"  # the seed term (ARCHITECTURE.md)
    facts = tomllib.loads((folder / "entry.toml").read_text())
    authors = {author["key"]: author for author in tomllib.loads((content / "authors.toml").read_text())["author"]}
    takeaways = (folder / "fr.md").read_text().split("## takeaways\n", 1)[1].split("\n## ", 1)[0]
    reference = TermVersion.objects.get(language="fr", term__key=facts["key"])
    assert reference.term.author.name == authors[facts["author"]]["name"]
    bullets = [line for line in takeaways.splitlines() if line.startswith("- ")]
    assert [t.position for t in reference.takeaways.all()] == list(range(len(bullets)))
    assert reference.definition_html.startswith("<p>")
    assert set(reference.term.related_careers.values_list("key", flat=True)) == set(facts["related_careers"])


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        load_content(tmp_path / "nowhere")


def test_a_new_version_gets_a_tag_listed_twice_once(db):
    """The loader writes a new version's tag rows itself (FreshTags): a tag the load already
    met, listed twice or in another case, is one tag row, as django-taggit's `add` makes it."""
    first, second = (make_term(languages=["fr"]).versions.get() for _ in range(2))
    tags = FreshTags()
    with changes.collecting():
        tags.add(first, ["données"])
        tags.add(second, ["données", "Données", "données", "qualité"])
    assert sorted(second.tags.names()) == ["données", "qualité"]
