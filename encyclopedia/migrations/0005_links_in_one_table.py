"""TermLink rows move into publishing's one link table (publishing.Link), with the kind of
their source and target named instead of one foreign key per kind; then TermLink goes."""

from django.db import migrations

from publishing.linkcopy import move_links


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0002_link'),
        ('careers', '0005_publication_dates'),
        ('encyclopedia', '0004_publication_dates'),
    ]

    operations = [
        move_links("encyclopedia", "TermLink", kind="term", targets={"term": "target_term_id", "career": "target_career_id"}),
        migrations.DeleteModel(
            name='TermLink',
        ),
    ]
