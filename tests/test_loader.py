import filecmp
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import Career, CareerVersion, SalaryBand
from encyclopedia.models import Term, TermVersion

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture
def content(tmp_path) -> Path:
    """A writable copy of the real corpus."""
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


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


def load(directory):
    call_command("load_content", str(directory), verbosity=0)


def test_loading_twice_changes_nothing_and_duplicates_nothing(content):
    load(content)
    first = snapshot()
    assert first["terms"] == 45 and first["careers"] == 15
    load(content)
    assert snapshot() == first


def test_export_reproduces_the_files(content, tmp_path):
    load(content)
    out = tmp_path / "export"
    call_command("export_content", str(out), verbosity=0)
    comparison = filecmp.dircmp(content, out, ignore=["README.md"])

    def differences(cmp):
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_a_changed_file_updates_only_that_entry(content):
    load(content)
    path = content / "terms" / "mlops" / "en.md"
    path.write_text(path.read_text().replace("## analogy\n\n", "## analogy\n\nA new first sentence. ", 1))
    before = dict(TermVersion.objects.values_list("pk", "updated_at"))
    load(content)
    changed = TermVersion.objects.get(term__key="mlops", language="en")
    assert changed.analogy.startswith("A new first sentence.")
    after = dict(TermVersion.objects.values_list("pk", "updated_at"))
    assert [pk for pk in before if before[pk] != after[pk]] in ([], [changed.pk])


def drop_title(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith("title ="))


BAD_FILES = [
    (
        "terms/mlops/en.md",
        lambda t: t.replace('title = "', "title = ", 1),
        "terms/mlops/en.md: field “front matter”: invalid TOML",
    ),
    ("terms/mlops/fr.md", drop_title, "terms/mlops/fr.md: field “title”: is missing"),
    (
        "terms/mlops/entry.toml",
        lambda t: t.replace("related_terms = [", 'related_terms = ["no-such-term", ', 1),
        "terms/mlops/entry.toml: field “related_terms”: unknown term key 'no-such-term'",
    ),
    (
        "terms/mlops/en.md",
        lambda t: t.replace('slug = "mlops"', 'slug = "data-quality"', 1),
        "field “slug”: 'data-quality' is already used by",
    ),
    (
        "careers/ai-project-manager/entry.toml",
        lambda t: t.replace("low = 115000", "low = 999999", 1),
        "field “salary_bands[0].high”: must not be below low",
    ),
    (
        "careers/ai-project-manager/fr.md",
        lambda t: t.replace("weeks = [1, 5]", "weeks = [5, 1]", 1),
        "field “phases[0].weeks”",
    ),
    (
        "terms/mlops/en.md",
        lambda t: t.replace('status = "published"', 'status = "live"', 1),
        "field “status”: must be one of",
    ),
]


@pytest.mark.parametrize(("path", "edit", "message"), BAD_FILES)
def test_a_bad_file_stops_the_load_names_file_and_field_and_changes_nothing(content, path, edit, message):
    load(content)
    before = snapshot()
    target = content / path
    target.write_text(edit(target.read_text()))
    # Also change a good file: the whole load must be rolled back, not just the bad entry.
    good = content / "terms" / "overfitting" / "en.md"
    good.write_text(good.read_text().replace("## definition\n\n", "## definition\n\nChanged. ", 1))
    with pytest.raises(CommandError) as error:
        load(content)
    assert message in str(error.value)
    assert "Nothing was changed" in str(error.value)
    assert snapshot() == before


def test_a_failure_late_in_the_load_rolls_back_earlier_writes(content):
    """Model validation runs inside the transaction: earlier entries must not stay written."""
    load(content)
    before = snapshot()
    good = content / "terms" / "ab-testing" / "en.md"
    good.write_text(good.read_text().replace("## definition\n\n", "## definition\n\nEarlier change. ", 1))
    bad = content / "terms" / "rag" / "en.md"
    bad.write_text(bad.read_text().replace('cta_url = "', 'cta_url = "javascript:', 1))
    with pytest.raises(CommandError) as error:
        load(content)
    assert "terms/rag/en.md: field “cta_url”" in str(error.value)
    assert snapshot() == before


def test_an_empty_database_loads_into_a_fresh_state(content):
    load(content)
    reference = TermVersion.objects.get(language="fr", slug="gestion-projet-ia")
    assert reference.term.author.name == "Haythem Rehouma"
    assert [t.position for t in reference.takeaways.all()] == [0, 1, 2, 3, 4]
    assert reference.definition_html.startswith("<p>")
    assert set(reference.term.related_careers.values_list("key", flat=True)) == {
        "ai-project-manager", "technical-program-manager-ai", "ai-product-manager",
    }  # fmt: skip


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        load(tmp_path / "nowhere")
