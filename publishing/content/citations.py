"""A language file's sources: the `[[sources]]` tables of its front matter (README, "Sources").

Each table holds `key`, `kind` and `title` (required) and `author`, `date`, `url`,
`accessed`, `locator`, which may be left out; `content/README.md` shows one. Errors name
the file, the row and the field (`sources[2].date`).
"""

import datetime
from dataclasses import dataclass

from ..sources import Source, SourceKind
from .tables import TableText

FIELDS = ("key", "kind", "title", "author", "date", "url", "accessed", "locator")


@dataclass
class SourceText(TableText):
    fields = FIELDS
    key: str
    kind: str
    title: str
    author: str = ""
    date: datetime.date | None = None
    url: str = ""
    accessed: datetime.date | None = None
    locator: str = ""


def read_source(fields, once) -> SourceText:
    """One of the front matter's `[[sources]]` (publishing.content.fields.Fields.read_tables), validated."""
    key = fields.key("key")
    once.check(fields, "key", key, f"{key!r} names two sources of this file")
    source = SourceText(
        key=key,
        kind=fields.choice("kind", SourceKind.values),
        title=fields.text("title"),
        author=fields.text("author", required=False),
        date=fields.date("date"),
        url=fields.address("url"),
        accessed=fields.date("accessed"),
        locator=fields.text("locator", required=False),
    )
    fields.check_lengths(source, Source, ("key", "title", "author", "url", "locator"))
    return source
