"""Search over terms and career guides, one behaviour on two back ends.

PostgreSQL: a weighted tsvector per language version (title and aliases A, lede B, body C)
built with a French or English configuration that also strips accents (`unaccent`), a GIN
index, `websearch_to_tsquery`, `ts_rank`, and `pg_trgm` for "did you mean".
SQLite: an FTS5 table with diacritics removed, kept in sync on save and delete; the
reader's query is rewritten into quoted FTS5 tokens so no input is a syntax error.
Stemming on SQLite is a light plural folding (see query.py), weaker than PostgreSQL's.
"""

from .engine import (
    Result,
    SearchPage,
    index_version,
    search,
    suggest,
    unindex_version,
    version_deleted,
    version_saved,
)

__all__ = [
    "Result",
    "SearchPage",
    "index_version",
    "search",
    "suggest",
    "unindex_version",
    "version_deleted",
    "version_saved",
]
