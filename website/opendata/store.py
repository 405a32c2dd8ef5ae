"""The bulk downloads on disk (`settings.DOWNLOADS_ROOT`), rebuilt when content changes.

Every content change (the receivers in website.apps: the write path's `content_changed`,
any content row saved, deleted or related) writes a new random mark to the `changed` file,
at once and again when its transaction commits. A build notes the mark it starts
from, reads every published entry once (formats.Snapshot), writes all the files into a
new folder and then the manifest that names it. The files are current while the mark is
the one their build started from; otherwise the next request for the download page or a
file builds them again (one process at a time, under a file lock; the others keep serving
the previous build meanwhile), and `manage.py build_downloads` does it ahead of readers.
"""

import fcntl
import functools
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from publishing import changes

from . import formats

MARK = "changed"
MANIFEST = "manifest.json"
KEEP = 2  # builds kept: the current one and the one before, which a reader may still be sending


@dataclass(frozen=True)
class Download:
    name: str
    format: str
    media_type: str
    subject: str  # "terms", "careers" or "glossary" (both languages)
    language: str  # "" when the file holds both
    build: Callable[[formats.Snapshot], bytes]

    @property
    def description(self) -> str:
        return str(DESCRIPTIONS[self.subject])


DESCRIPTIONS = {
    "terms": _("Every published term: definition, designations, sources, relations"),
    "careers": _("Every published career guide: roadmap, salary figures, occupation codes"),
    "glossary": _("The glossary in both languages, with the designations' statuses"),
}

DOWNLOADS = [
    *(
        Download(f"{subject}-{language}.{ext}", label, media, subject, language,
                 functools.partial(builder, kind=subject, language=language))
        for subject in ("terms", "careers")
        for language in formats.LANGUAGES
        for ext, label, media, builder in (
            ("json", "JSON", "application/json", formats.as_json),
            ("csv", "CSV", "text/csv; charset=utf-8", formats.as_csv),
        )
    ),
    Download("glossary.ttl", "SKOS (Turtle)", "text/turtle; charset=utf-8", "glossary", "",
             formats.as_turtle),
    Download("glossary.rdf", "SKOS (RDF/XML)", "application/rdf+xml", "glossary", "",
             formats.as_rdfxml),
    Download("glossary.tbx", "TBX-Basic (ISO 30042)", "application/xml", "glossary", "",
             formats.as_tbx),
]  # fmt: skip
BY_NAME = {download.name: download for download in DOWNLOADS}


@dataclass(frozen=True)
class Built:
    """One build: its folder, when it was made, and each file's size and digest."""

    folder: Path
    built_at: object
    files: dict

    def path(self, name: str) -> Path:
        return self.folder / name

    def etag(self, name: str) -> str:
        return '"' + self.files[name]["sha256"][:32] + '"'


def root() -> Path:
    path = Path(settings.DOWNLOADS_ROOT)
    path.mkdir(parents=True, exist_ok=True)
    return path


def replace_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_text(text)
    os.replace(temporary, path)


def mark() -> str:
    try:
        return (root() / MARK).read_text()
    except FileNotFoundError:
        return ""


def content_changed(sender=None, **kwargs) -> None:
    """(A signal receiver.) Make the downloads stale, now and when the current transaction commits (so a build
    that read the rows before the commit is not kept). Within a transaction whose commit
    will write a mark, the mark is written now only when a build has been stamped with the
    current one: a load saves thousands of rows, and until a build uses the mark, writing
    another changes nothing."""
    if not changes.on_commit_already(new_mark) or stamped_with_current_mark():
        new_mark()
    changes.after_commit_once(new_mark)


def stamped_with_current_mark() -> bool:
    found = read_manifest()
    return found is not None and found[1] == mark()


def new_mark() -> None:
    replace_text(root() / MARK, uuid.uuid4().hex)


def read_manifest() -> tuple[Built, str] | None:
    try:
        data = json.loads((root() / MANIFEST).read_text())
    except (FileNotFoundError, ValueError):
        return None
    built = Built(root() / data["folder"], parse_datetime(data["built_at"]), data["files"])
    return built, data["mark"]


def current() -> Built:
    """The latest build, made now if content changed since (or another process's, if one
    is building right now and a previous build exists)."""
    found = read_manifest()
    if found and found[1] == mark():
        return found[0]
    with open(root() / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (fcntl.LOCK_NB if found else 0))
        except BlockingIOError:
            return found[0]  # being rebuilt elsewhere: the previous build until then
        found = read_manifest()  # built while this process waited?
        if found and found[1] == mark():
            return found[0]
        return build()


def build() -> Built:
    """Write every download into a new folder, then the manifest naming it. The caller
    holds the lock (`current`) or is the only writer (`manage.py build_downloads`)."""
    started_from = mark()
    snapshot = formats.Snapshot.read()
    folder = root() / f"build-{time.time_ns()}"
    folder.mkdir()
    files = {}
    for download in DOWNLOADS:
        content = download.build(snapshot)
        (folder / download.name).write_bytes(content)
        files[download.name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
    built_at = snapshot.built_at or timezone.now()
    manifest = {"folder": folder.name, "built_at": built_at.isoformat(), "mark": started_from, "files": files}
    replace_text(root() / MANIFEST, json.dumps(manifest, indent=1))
    for old in sorted(root().glob("build-*"), key=lambda p: int(p.name.split("-")[1]))[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
    return Built(folder, built_at, files)
