"""A language file's sources: the `[[sources]]` tables of its front matter (README, "Sources").

Each table holds `key`, `kind` and `title` (required) and `author`, `date`, `url`,
`accessed`, `locator`, which may be left out; `content/README.md` shows one. Errors name
the file, the row and the field (`sources[2].date`).
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..sources import Source, SourceKind

FIELDS = ("key", "kind", "title", "author", "date", "url", "accessed", "locator")


@dataclass
class SourceText:
    key: str
    kind: str
    title: str
    author: str = ""
    date: datetime.date | None = None
    url: str = ""
    accessed: datetime.date | None = None
    locator: str = ""

    @classmethod
    def from_row(cls, source) -> "SourceText":
        return cls(**{name: getattr(source, name) for name in FIELDS})

    def as_table(self) -> dict:
        """The `[[sources]]` table as the exporter writes it: empty fields left out."""
        return {name: getattr(self, name) or None for name in FIELDS}

    def row(self, model, position: int):
        """An unsaved row of the kind's source model (its version is set by the writer)."""
        return model(position=position, **{name: getattr(self, name) for name in FIELDS})


def sources_from_file(path: Path, front) -> list[SourceText]:
    """The front matter's `[[sources]]` (publishing.content.fields.Fields), each validated."""
    rows, seen = [], set()
    for index, table in enumerate(front.tables("sources")):
        fields = type(front)(path, table, prefix=f"sources[{index}].")
        fields.reject_unknown(set(FIELDS))
        key = fields.key("key")
        if key in seen:
            raise fields.error("key", f"{key!r} names two sources of this file")
        seen.add(key)
        kind = fields.text("kind")
        if kind not in SourceKind.values:
            raise fields.error("kind", f"must be one of {', '.join(SourceKind.values)}, got {kind!r}")
        url = fields.text("url", required=False)
        if url and not url.startswith(("https://", "http://")):
            raise fields.error("url", f"must be an http(s) address, got {url[:60]!r}")
        source = SourceText(
            key=key,
            kind=kind,
            title=fields.text("title"),
            author=fields.text("author", required=False),
            date=fields.date("date"),
            url=url,
            accessed=fields.date("accessed"),
            locator=fields.text("locator", required=False),
        )
        check_lengths(fields, source)
        rows.append(source)
    return rows


def check_lengths(fields, source: SourceText):
    """The row's texts fit their columns: said here, with the row, rather than by the model."""
    for name in ("key", "title", "author", "url", "locator"):
        limit = Source._meta.get_field(name).max_length
        if len(getattr(source, name)) > limit:
            raise fields.error(name, f"is longer than {limit} characters")
