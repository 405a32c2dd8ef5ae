"""TermLink rows move into publishing's one link table (publishing.Link), with the kind of
their source and target named instead of one foreign key per kind; then TermLink goes."""

from django.db import migrations

KIND = "term"


def copy_links(apps, schema_editor):
    old = apps.get_model("encyclopedia", "TermLink")
    link = apps.get_model("publishing", "Link")
    rows = []
    for row in old.objects.all().iterator():
        target_kind, target_id = (
            ("term", row.target_term_id) if row.target_term_id else ("career", row.target_career_id)
        )
        rows.append(
            link(
                source_kind=KIND, source_id=row.source_id, language=row.language, source_field=row.source_field,
                href=row.href, text=row.text, target_kind=target_kind if target_id else "", target_id=target_id,
            )
        )
    link.objects.bulk_create(rows, batch_size=1000)


def copy_back(apps, schema_editor):
    old = apps.get_model("encyclopedia", "TermLink")
    link = apps.get_model("publishing", "Link")
    rows = [
        old(
            source_id=row.source_id, language=row.language, source_field=row.source_field, href=row.href,
            text=row.text, target_term_id=row.target_id if row.target_kind == "term" else None,
            target_career_id=row.target_id if row.target_kind == "career" else None,
        )
        for row in link.objects.filter(source_kind=KIND).iterator()
    ]
    old.objects.bulk_create(rows, batch_size=1000)
    link.objects.filter(source_kind=KIND).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0002_link'),
        ('careers', '0005_publication_dates'),
        ('encyclopedia', '0004_publication_dates'),
    ]

    operations = [
        migrations.RunPython(copy_links, copy_back),
        migrations.DeleteModel(
            name='TermLink',
        ),
    ]
