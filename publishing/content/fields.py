"""Reading one content file's fields: typed, with errors that name the file and the field."""

import dataclasses
import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from django.utils import timezone

from .citations import SourceText, read_source
from .errors import ContentError, Once
from .textformat import dump_document, parse_questions, questions, split_front_matter, split_sections

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATUSES = ("draft", "review", "published")


@dataclass
class Question:
    question: str
    answer: str


@dataclass(kw_only=True)
class LanguageText:
    """What every language file of an entry holds besides the words of its kind, and the
    layout every kind's file shares: front matter `slug`, the kind's `heading` fields, the
    workflow fields, the kind's other fields, its `[[sources]]`; then the kind's `##`
    sections, FAQs last."""

    language: str
    slug: str
    title: str
    status: str = "draft"
    published: datetime.date | None = None
    updated: datetime.date | None = None
    tags: list[str] = field(default_factory=list)
    intentional_uses: list[str] = field(default_factory=list)  # deprecated designations used on purpose
    faqs: list[Question] = field(default_factory=list)
    sources: list[SourceText] = field(default_factory=list)

    # Fields copied as they are between the file and the version row, besides the slug and
    # the title (subclasses list theirs).
    copied: ClassVar[tuple[str, ...]] = ()
    # Required texts at the top of the front matter, after the slug ("name", "title", "lede").
    heading: ClassVar[tuple[str, ...]] = ()
    # The front-matter fields and `##` sections a file of the kind may hold (besides workflow).
    front_names: ClassVar[set[str]] = set()
    section_names: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def copied_from(cls, source) -> dict:
        return {name: getattr(source, name) for name in ("slug", "title", *cls.copied)}

    @classmethod
    def from_file(cls, path: Path, language: str) -> "LanguageText":
        front, sections = read_document(path, cls.section_names, cls.front_names)
        return cls(
            language=language,
            slug=front.key("slug"),
            **{name: front.text(name) for name in cls.heading},
            **front.workflow(),
            intentional_uses=front.strings("intentional_uses"),
            **cls.words_from_file(path, front, sections),
            faqs=faqs(path, sections),
            sources=front.read_tables("sources", SourceText, read_source),
        )

    @classmethod
    def words_from_file(cls, path: Path, front: "Fields", sections: dict[str, str]) -> dict:
        """The kind's other fields and sections, read from its file."""
        return {}

    @classmethod
    def from_row(cls, version) -> "LanguageText":
        """The text as its file holds it, read from a version row (dates, sorted tags)."""
        return cls(
            language=version.language,
            faqs=[Question(f.question, f.answer) for f in version.faqs.all()],
            sources=[SourceText.from_row(s) for s in version.sources.all()],
            status=version.status,
            published=as_date(version.published_at),
            updated=as_date(version.updated_at),
            tags=sort_tags([t.name for t in version.tags.all()]),
            intentional_uses=[line for line in version.intentional_uses.splitlines() if line.strip()],
            **cls.copied_from(version),
            **cls.words_from_row(version),
        )

    @classmethod
    def words_from_row(cls, version) -> dict:
        """The kind's fields that are not copied as they are (aliases, children)."""
        return {}

    def document(self) -> str:
        front = {
            "slug": self.slug,
            **{name: getattr(self, name) for name in self.heading},
            **{"status": self.status, "published": self.published, "updated": self.updated, "tags": self.tags},
            **self.front_rest(),
            "intentional_uses": self.intentional_uses or None,
            "sources": [source.as_table() for source in self.sources] or None,
        }
        return dump_document(front, [*self.sections(), ("faq", questions(self.faqs))])

    def front_rest(self) -> dict:
        """The kind's front-matter fields after the workflow ones."""
        return {}

    def sections(self) -> list[tuple[str, str]]:
        """The kind's `##` sections, in file order (the FAQ comes last)."""
        return []


@dataclass(kw_only=True)
class EntryRecord:
    """An entry's folder: its key, its author, its relations, and its language files by
    language. A kind's record adds its own fields, read and written by its content module,
    and names its kind: `class TermRecord(EntryRecord, kind_name="term", folder="terms",
    text_class=TermText)`."""

    key: str
    author: str
    review_days: int | None = None  # its own review interval; None: its kind's default (publishing.review)
    texts: dict[str, LanguageText] = field(default_factory=dict)

    kind_name: ClassVar[str] = ""  # the registry's name ("term"), in the loader's report
    folder: ClassVar[str] = ""  # where its kind's folders are, under content/ ("terms")
    text_class: ClassVar[type[LanguageText]] = LanguageText  # its language files

    def __init_subclass__(cls, *, kind_name: str, folder: str, text_class: type[LanguageText], **kwargs):
        super().__init_subclass__(**kwargs)
        cls.kind_name, cls.folder, cls.text_class = kind_name, folder, text_class

    @classmethod
    def relations(cls) -> dict[str, str]:
        """Its fields that list related entries (`relation()`): name → the kind they name."""
        return {f.name: f.metadata["relation"] for f in dataclasses.fields(cls) if "relation" in f.metadata}

    @classmethod
    def read_head(cls, folder: Path, *own: str) -> "Fields":
        """The folder's `entry.toml`, with the fields every entry has and the kind's `own`."""
        return entry_head(folder, {"key", "author", "review_days", *cls.relations(), *own})

    @classmethod
    def from_folder(cls, folder: Path, languages, head: "Fields", **own) -> "EntryRecord":
        """The record of a folder whose `entry.toml` is `head`; `own`: the kind's other fields."""
        return cls(
            key=head.key("key"),
            author=head.key("author"),
            review_days=head.days("review_days"),
            **{name: sorted(head.keys(name)) for name in cls.relations()},
            texts=language_texts(folder, languages, cls.text_class.from_file),
            **own,
        )

    @classmethod
    def from_entry(cls, entry, **own) -> "EntryRecord":
        """The record of an entry's rows (relations and versions prefetched), as its folder
        would hold it; `own`: the kind's other fields."""
        return cls(
            key=entry.key,
            author=entry.author.key,
            review_days=entry.review_days,
            **{name: sorted(related.key for related in getattr(entry, name).all()) for name in cls.relations()},
            texts=texts_from_rows(cls.text_class, entry.versions.all()),
            **own,
        )

    def check_references(self, path: Path, known: dict[str, set]):
        """The author and the related entries its file names exist (`known`: the keys of
        each kind of entry, and of "author", in the corpus or already in the database); a
        kind's record checks its own references too."""
        check_keys(path, "author", [self.author], known["author"], "author")
        for name, kind_name in self.relations().items():
            check_keys(path, name, getattr(self, name), known[kind_name], kind_name)


def relation(kind_name: str):
    """A record's field listing the keys of related entries of a kind: a set in the
    database, a sorted list here (as export writes it)."""
    return field(default_factory=list, metadata={"relation": kind_name})


def check_keys(path: Path, field_name: str, values, known, what: str):
    """Every key a file names must exist, in the corpus or already in the database."""
    for value in values:
        if value not in known:
            raise ContentError(path, field_name, f"unknown {what} key {value!r}")


def texts_from_rows(text_class, versions) -> dict:
    """An entry's texts as its files hold them, French first (the order export writes)."""
    return {v.language: text_class.from_row(v) for v in sorted(versions, key=lambda v: v.language != "fr")}


def as_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(value, datetime.UTC).date() if value else None


def sort_tags(tags: list[str]) -> list[str]:
    return sorted(tags, key=str.casefold)


class Fields:
    """Typed access to one TOML table, with errors that name the file and the field."""

    def __init__(self, path: Path, data: dict, prefix: str = ""):
        self.path, self.data, self.prefix = path, data, prefix

    def error(self, name: str, message: str) -> ContentError:
        return ContentError(self.path, f"{self.prefix}{name}", message)

    def text(self, name: str, *, required: bool = True, default: str = "") -> str:
        value = self.data.get(name, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(name, "is missing or empty")
            return default
        if not isinstance(value, str):
            raise self.error(name, f"must be text, got {type(value).__name__}")
        return value.strip()

    def key(self, name: str) -> str:
        value = self.text(name)
        if not KEY_PATTERN.match(value):
            raise self.error(name, f"{value!r} must be lower-case letters, digits and hyphens")
        return value

    def integer(self, name: str) -> int:
        value = self.data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(name, "must be a whole number ≥ 0")
        return value

    def days(self, name: str) -> int | None:
        """A number of days (≥ 1), or None when absent."""
        if self.data.get(name) is None:
            return None
        value = self.integer(name)
        if value < 1:
            raise self.error(name, "must be a whole number of days ≥ 1")
        return value

    def date(self, name: str, *, required: bool = False) -> datetime.date | None:
        value = self.data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise self.error(name, "must be a date such as 2026-11-21")
        return value

    def list_of(self, name: str, item_type: type, message: str) -> list:
        """A list (empty when missing) whose every item is an `item_type`."""
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, item_type) for item in value):
            raise self.error(name, message)
        return value

    def strings(self, name: str) -> list[str]:
        return [item.strip() for item in self.list_of(name, str, "must be a list of texts") if item.strip()]

    def keys(self, name: str) -> list[str]:
        values = self.strings(name)
        for value in values:
            if not KEY_PATTERN.match(value):
                raise self.error(name, f"{value!r} is not a valid key")
        return values

    def status(self) -> str:
        value = self.text("status", required=False, default="draft")
        if value not in STATUSES:
            raise self.error("status", f"must be one of {', '.join(STATUSES)}, got {value!r}")
        return value

    def tables(self, name: str) -> list[dict]:
        return self.list_of(name, dict, f"must be a list of [[{name}]] tables")

    def read_tables(self, name: str, record: type, read) -> list:
        """The `[[name]]` tables of this one as records: each table, as Fields named `name[i].`
        holding only the fields of the dataclass `record`, is read by `read(fields, once)`;
        `once` (errors.Once) is shared by the whole list, for what two rows may not share."""
        allowed, once = {f.name for f in dataclasses.fields(record)}, Once()
        rows = []
        for index, table in enumerate(self.tables(name)):
            fields = type(self)(self.path, table, prefix=f"{self.prefix}{name}[{index}].")
            fields.reject_unknown(allowed)
            rows.append(read(fields, once))
        return rows

    def choice(self, name: str, values, *, default: str | None = None) -> str:
        """One of `values` (a model's choices); `default` when absent, if there is one."""
        value = self.text(name, required=default is None, default=default or "")
        if value not in values and value != default:
            raise self.error(name, f"must be one of {', '.join(values)}, got {value!r}")
        return value

    def address(self, name: str) -> str:
        """An http(s) address, or "" when absent."""
        url = self.text(name, required=False)
        if url and not url.startswith(("https://", "http://")):
            raise self.error(name, f"must be an http(s) address, got {url[:60]!r}")
        return url

    def check_lengths(self, record, model, names):
        """The record's texts fit the model's columns: said here, with the row, rather than by the model."""
        for name in names:
            limit = model._meta.get_field(name).max_length
            if len(getattr(record, name)) > limit:
                raise self.error(name, f"is longer than {limit} characters")

    def reject_unknown(self, allowed: set[str]):
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.error(unknown[0], f"unknown field; expected one of: {', '.join(sorted(allowed))}")

    def workflow(self) -> dict:
        """The front-matter fields every language file has besides its words."""
        return {
            "status": self.status(),
            "published": self.date("published"),
            "updated": self.date("updated"),
            "tags": sort_tags(self.strings("tags")),
        }


WORKFLOW_FRONT = {"status", "published", "updated", "tags"}
# What every language file may hold besides its kind's fields (the sources last).
COMMON_FRONT = WORKFLOW_FRONT | {"intentional_uses", "sources"}


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(path, "file", "is missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ContentError(path, "file", f"invalid TOML ({error})") from None


def read_document(path: Path, allowed_sections, allowed_front: set[str]) -> tuple[Fields, dict[str, str]]:
    """A language file: its front matter (only the fields allowed) and its `##` sections."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "file", "is not UTF-8 text") from None
    front, body = split_front_matter(path, text)
    fields = Fields(path, front)
    fields.reject_unknown(allowed_front | COMMON_FRONT)
    return fields, split_sections(path, body, allowed_sections)


def faqs(path: Path, sections: dict[str, str]) -> list[Question]:
    return [Question(q, a) for q, a in parse_questions(path, sections.get("faq", ""))]


def required_section(path: Path, sections: dict[str, str], name: str) -> str:
    text = sections.get(name, "")
    if not text:
        raise ContentError(path, name, f"the “## {name}” section is missing or empty")
    return text


def language_texts(folder: Path, languages, parse) -> dict:
    texts = {}
    for language in languages:
        path = folder / f"{language}.md"
        if path.exists():
            texts[language] = parse(path, language)
    if not texts:
        raise ContentError(folder, "versions", f"no language file ({', '.join(f'{code}.md' for code in languages)})")
    return texts


def entry_head(folder: Path, allowed: set[str]) -> Fields:
    """An entry's `entry.toml`: its key must be the folder's name."""
    path = folder / "entry.toml"
    fields = Fields(path, read_toml(path))
    fields.reject_unknown(allowed)
    key = fields.key("key")
    if key != folder.name:
        raise fields.error("key", f"{key!r} must match the folder name {folder.name!r}")
    return fields


def table_rows(path: Path, name: str, allowed: set[str]) -> list[Fields]:
    """The `[[name]]` tables of a file, each as Fields named `name[i].`."""
    rows = Fields(path, read_toml(path)).tables(name)
    result = []
    for index, row in enumerate(rows):
        fields = Fields(path, row, prefix=f"{name}[{index}].")
        fields.reject_unknown(allowed)
        result.append(fields)
    return result
