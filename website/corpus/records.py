"""The corpus as plain data, and as files: authors here, each kind's entries in its app
(encyclopedia.content, careers.content).

Equality of these dataclasses is how the loader knows that nothing changed (idempotence)
and how the round-trip test knows that nothing was lost.
"""

from dataclasses import dataclass, field
from pathlib import Path

from careers import content as career_content
from encyclopedia import content as term_content
from publishing.content.fields import table_rows
from publishing.content.textformat import dump_toml

AUTHOR_FIELDS = ("photo", "bio_fr", "bio_en")
# Each kind's folder under the content directory, by kind name (publishing.kinds).
FOLDERS = {"term": term_content.FOLDER, "career": career_content.FOLDER}


@dataclass
class Author:
    key: str
    name: str
    photo: str = ""
    bio_fr: str = ""
    bio_en: str = ""


@dataclass
class Corpus:
    authors: list[Author] = field(default_factory=list)
    categories: list[term_content.CategoryRecord] = field(default_factory=list)
    terms: list[term_content.TermRecord] = field(default_factory=list)
    careers: list[career_content.CareerRecord] = field(default_factory=list)


def parse_authors(path: Path) -> list[Author]:
    return [
        Author(
            key=fields.key("key"),
            name=fields.text("name"),
            **{name: fields.text(name, required=False) for name in AUTHOR_FIELDS},
        )
        for fields in table_rows(path, "author", {"key", "name", *AUTHOR_FIELDS})
    ]


def entry_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.iterdir() if path.is_dir())


def read_corpus(directory: Path, languages) -> Corpus:
    directory = Path(directory)
    return Corpus(
        authors=parse_authors(directory / "authors.toml"),
        categories=term_content.parse_categories(directory / "categories.toml"),
        terms=[term_content.parse_term(folder, languages) for folder in entry_folders(directory / term_content.FOLDER)],
        careers=[
            career_content.parse_career(folder, languages)
            for folder in entry_folders(directory / career_content.FOLDER)
        ],
    )


def write_corpus(corpus: Corpus, directory: Path):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "authors.toml").write_text(
        "\n".join(dump_toml({"author": [vars(a)]}).lstrip("\n") for a in corpus.authors), encoding="utf-8"
    )
    term_content.write_categories(corpus.categories, directory / "categories.toml")
    for term in corpus.terms:
        term_content.write_term(term, directory)
    for career in corpus.careers:
        career_content.write_career(career, directory)
