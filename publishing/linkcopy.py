"""For the apps' migrations that moved their own link tables (one foreign key per kind of
target) into publishing.Link: one reversible RunPython, given the historical model's
names. It works on the historical models migrations pass in, never on today's."""

from django.db import migrations

# The columns the old tables and publishing.Link both have, copied as they are.
COPIED = ("source_id", "language", "source_field", "href", "text")


def copied(row) -> dict:
    return {name: getattr(row, name) for name in COPIED}


def move_links(app_label: str, model_name: str, *, kind: str, targets: dict[str, str]) -> migrations.RunPython:
    """`targets`: target kind → the old table's foreign-key column ("term" → "target_term_id")."""

    def tables(apps):
        return apps.get_model(app_label, model_name), apps.get_model("publishing", "Link")

    def forwards(apps, schema_editor):
        old, link = tables(apps)
        rows = []
        for row in old.objects.all().iterator():
            # A broken link keeps the kind its scheme names, as publishing.links stores it.
            named = next((name for name in targets if row.href.startswith(f"{name}:")), "")
            target_kind, target_id = next(
                ((name, getattr(row, column)) for name, column in targets.items() if getattr(row, column)),
                (named, None),
            )
            rows.append(link(source_kind=kind, target_kind=target_kind, target_id=target_id, **copied(row)))
        link.objects.bulk_create(rows, batch_size=1000)

    def backwards(apps, schema_editor):
        old, link = tables(apps)
        stored = link.objects.filter(source_kind=kind)
        rows = [
            old(
                **copied(row),
                **{column: row.target_id if row.target_kind == name else None for name, column in targets.items()},
            )
            for row in stored.iterator()
        ]
        old.objects.bulk_create(rows, batch_size=1000)
        stored.delete()

    return migrations.RunPython(forwards, backwards)
