"""Writing parsed content into rows: only what differs, validated first, through the write
path (publishing.services.save_version), naming the file and field of any problem."""

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import changes, kinds, services, targets
from ..children import MarkdownItem
from .errors import ContentError


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self):
        return f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged"


def as_datetime(value: datetime.date | None) -> datetime.datetime | None:
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC) if value else None


def entry_path(directory: Path, folder: str, key: str, name: str = "entry.toml") -> Path:
    return directory / folder / key / name


def validate_instance(instance, path: Path, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise ContentError(path, name, " ".join(messages)) from None


def upsert(model, key: str, values: dict, report: LoadReport, label: str):
    instance = model.objects.filter(key=key).first()
    if instance is None:
        instance = model(key=key, **values)
        instance.save()
        report.created.append(label)
        return instance
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.save()
        report.updated.append(label)
    return instance


def upsert_all(model, records, report: LoadReport, what: str) -> dict:
    """Upsert rows given as records with a `key` (authors, categories): every row by key, the
    database's other rows included, for the references that follow."""
    loaded = {
        r.key: upsert(model, r.key, {k: v for k, v in vars(r).items() if k != "key"}, report, f"{what} {r.key}")
        for r in records
    }
    return loaded | {row.key: row for row in model.objects.exclude(key__in=loaded)}


def set_if_changed(manager, instances, report: LoadReport, label: str) -> bool:
    current = set(manager.values_list("pk", flat=True))
    wanted = {instance.pk for instance in instances}
    if current != wanted:
        manager.set(instances)
        report.updated.append(label)
        return True
    return False


def load_relations(records, report: LoadReport, *, entries: dict, known: dict[str, dict]):
    """Set each entry's relations to those of its record, where they differ (`entries`: the
    records' entries by key; `known`: every entry by key, by kind)."""
    for record in records:
        entry = entries[record.key]
        for name, kind_name in record.relations().items():
            related = [known[kind_name][key] for key in getattr(record, name)]
            set_if_changed(getattr(entry, name), related, report, f"{record.kind_name} {record.key} {name}")


def addresses(records, known: dict[str, dict]) -> targets.Addresses:
    """Where every entry will be once the records are loaded (`known`: every entry by key, by
    kind): the database's versions, with the slugs the records give theirs."""
    ids = {(name, key): entry.pk for name, entries in known.items() for key, entry in entries.items()}
    slugs = {}
    for kind in kinds.all_kinds():
        rows = kind.version.objects.values_list(f"{kind.entry_field}_id", "language", "slug")
        slugs |= {(kind.name, entry_id, language): slug for entry_id, language, slug in rows}
    for record in records:
        entry_id = ids[(record.kind_name, record.key)]
        slugs |= {(record.kind_name, entry_id, language): text.slug for language, text in record.texts.items()}
    return targets.Addresses.of(ids, slugs)


def replace_children(path: Path, groups: dict[str, list], *, fresh: bool = False):
    """An inline writer (publishing.services) that replaces each named group of a version's
    children (`related_name` → unsaved rows, or (row, {m2m name: values}) pairs) with the
    rows given, each validated first. `fresh`: the version was just created, it has none to
    delete.

    A group is written with one INSERT (`bulk_create`: Markdown rendered first, as `save()`
    would), which sends no `post_save`: the pages the rows change are noted here instead,
    as the page cache's receiver notes a created child's (publishing.changes.row_tags)."""

    def write(version):
        for related_name, items in groups.items():
            manager = getattr(version, related_name)
            if not fresh:
                manager.all().delete()
            pairs = [item if isinstance(item, tuple) else (item, {}) for item in items]
            for row, _relations in pairs:
                setattr(row, manager.field.name, version)
                validate_instance(row, path, exclude=[manager.field.name])
                if isinstance(row, MarkdownItem):
                    row.render()
            manager.model.objects.bulk_create([row for row, _relations in pairs])
            for row, relations in pairs:
                for name, values in relations.items():
                    getattr(row, name).set(values)
            if pairs:
                changes.note(changes.row_tags(pairs[0][0], lists=True))

    return write


class FreshTags:
    """The tags of the versions a load creates: each tag found (or made, by django-taggit)
    once per load, and a new version's tag rows written with one INSERT. An existing
    version's tags are replaced through django-taggit (`set`)."""

    def __init__(self):
        self.by_name = {}  # lower-cased name → Tag (TAGGIT_CASE_INSENSITIVE)

    def add(self, version, names: list[str]) -> None:
        through = version.tags.through
        content_type = ContentType.objects.get_for_model(version)
        # A generic relation has no foreign key: rows left under this id by a version whose
        # table was dropped (a migration reversed) would be this one's tags.
        through.objects.filter(content_type=content_type, object_id=version.pk).delete()
        missing = [name for name in names if name.lower() not in self.by_name]
        if missing:  # django-taggit finds or creates them, with their slugs
            version.tags.add(*missing)
            self.by_name |= {tag.name.lower(): tag for tag in version.tags.all()}
        # Each tag once: a file may list one twice, or in two cases (django-taggit's add dedups too).
        known = list({tag.pk: tag for tag in (self.by_name[n.lower()] for n in names if n not in missing)}.values())
        if not known:
            return
        through.objects.bulk_create(
            [through(tag=tag, content_type=content_type, object_id=version.pk) for tag in known]
        )  # no m2m_changed: the pages it changes are noted as the page cache's receiver would
        changes.note(changes.relation_tags(version, through.tag_model(), {tag.pk for tag in known}))


def load_texts(records, directory: Path, report: LoadReport, *, entries: dict, version_model, rows_of, prefetch=()):
    """Write each entry's language files into its version rows (apply_text). `rows_of(text)`
    gives the kind's fields and its child groups (replace_children); the FAQs and sources
    are added here.
    `prefetch`: the children `from_row` reads besides tags, FAQs and sources."""
    faq_model = version_model._meta.get_field("faqs").related_model
    source_model = version_model._meta.get_field("sources").related_model
    what = version_model.entry_field
    fresh_tags = FreshTags()
    for record in records:
        entry = entries[record.key]
        existing = {v.language: v for v in entry.versions.prefetch_related("tags", *prefetch, "faqs", "sources")}
        for language, text in record.texts.items():
            path = entry_path(directory, record.folder, record.key, f"{language}.md")
            version = existing.get(language) or version_model(**{what: entry}, language=language)
            fields, groups = rows_of(text)
            fields["intentional_uses"] = "\n".join(text.intentional_uses)
            groups["faqs"] = [
                faq_model(position=i, question=f.question, answer=f.answer) for i, f in enumerate(text.faqs)
            ]
            groups["sources"] = [source.row(source_model, i) for i, source in enumerate(text.sources)]
            label = f"{what} {record.key} [{language}]"
            children = replace_children(path, groups, fresh=version.pk is None)
            apply_text(version, text, fields, children=children, tags=fresh_tags, report=report, label=label, path=path)


def apply_text(version, text, fields: dict, *, children, tags: FreshTags, report: LoadReport, label: str, path: Path):
    """Write one language version if it differs from the file (`current` is read from the row)."""
    current = type(text).from_row(version) if version.pk else None
    if current is not None and current == text:
        report.unchanged += 1
        return
    for name, value in fields.items():
        setattr(version, name, value)
    version.status = text.status
    version.published_at = as_datetime(text.published)
    version.updated_at = as_datetime(text.updated) or timezone.now()
    validate_instance(version, path, exclude=[version.entry_field])

    def write_tags(version):
        if current is None:
            tags.add(version, text.tags)
        else:
            version.tags.set(text.tags, clear=True)

    services.save_version(
        version=version,
        inlines=[write_tags, children],
        words_changed=current is not None and words_changed(current, text),
    )
    (report.created if current is None else report.updated).append(label)


def words_changed(current, text) -> bool:
    """Anything but the workflow fields differs: translations made from it become outdated."""
    return dataclasses.replace(current, status=text.status, published=text.published, updated=text.updated) != text
