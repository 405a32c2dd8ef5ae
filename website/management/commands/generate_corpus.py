"""A synthetic bilingual corpus for benchmarks and scale tests — never written to content/.

Every generated key starts with "synthetic-", so the rows are easy to find and remove
(`--clear`). Rows are bulk-inserted with their derived fields (rendered HTML, sort keys,
reading time) computed here, then each row is indexed as a save would index it.
"""

import random
import tomllib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from careers.models import Career, CareerVersion
from encyclopedia.models import Category, Takeaway, Term, TermAlias, TermFAQ, TermVersion
from publishing.listing import initial_letter, sort_key
from publishing.markdown import render_markdown
from publishing.models import Author, Status
from website import pagecache
from website.search import documents, index_version

PREFIX = "synthetic-"
# The vocabulary, by language: heads and tails of names, and the one text of every entry.
WORDS = tomllib.loads((Path(__file__).parent.parent / "synthetic_words.toml").read_text(encoding="utf-8"))
# The tables bulk inserts fill: their planner statistics and dead rows need refreshing.
TABLES = ("encyclopedia_termversion", "careers_careerversion", "encyclopedia_termalias")


class Command(BaseCommand):
    help = "Create a synthetic bilingual corpus (for benchmarks and tests only; never mixed into content/)."

    def add_arguments(self, parser):
        parser.add_argument("--terms", type=int, default=1000, help="terms per language")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--clear", action="store_true", help="only delete the synthetic rows")

    def handle(self, *args, terms, seed, clear, **options):
        with transaction.atomic():
            self.clear()
            if clear:
                transaction.on_commit(pagecache.bump_generation)
                self.stdout.write("Synthetic rows deleted.")
                return
            if terms < 1:
                raise CommandError("--terms must be at least 1")
            rng = random.Random(seed)
            author, _created = Author.objects.get_or_create(
                key=f"{PREFIX}author", defaults={"name": "Synthetic Author"}
            )
            categories = self.categories()
            careers = self.careers(max(1, terms // 100), author)
            created = self.terms(terms, author, categories, careers, rng)
            self.index()
        self.vacuum()
        # Bulk inserts send no signals: refresh every cached page once, after the commit.
        pagecache.bump_generation()
        self.stdout.write(self.style.SUCCESS(f"{created} terms per language and {len(careers)} careers generated."))

    def vacuum(self):
        """The search-vector UPDATE leaves a dead copy of every row: without VACUUM the
        tables are twice their size and a broad search reads them all (measured 70 ms → 2 ms)."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"VACUUM ANALYZE {table}")

    def clear(self):
        TermVersion.objects.filter(term__key__startswith=PREFIX).delete()
        Term.objects.filter(key__startswith=PREFIX).delete()
        CareerVersion.objects.filter(career__key__startswith=PREFIX).delete()
        Career.objects.filter(key__startswith=PREFIX).delete()
        # Deleting through the ORM: the search index and the link table follow (post_delete).
        Category.objects.filter(key__startswith=PREFIX).delete()

    def categories(self):
        names = [("Données synthétiques", "Synthetic data"), ("Modèles synthétiques", "Synthetic models"),
                 ("Pratiques synthétiques", "Synthetic practices")]  # fmt: skip
        return [
            Category.objects.create(
                key=f"{PREFIX}category-{i}",
                name_fr=fr,
                slug_fr=f"{PREFIX}fr-{i}",
                name_en=en,
                slug_en=f"{PREFIX}en-{i}",
            )  # fmt: skip
            for i, (fr, en) in enumerate(names)
        ]

    def careers(self, count, author):
        careers = Career.objects.bulk_create(Career(key=f"{PREFIX}career-{i}", author=author) for i in range(count))
        versions = []
        now = timezone.now()
        for career in careers:
            for language, title in (("fr", "Métier synthétique"), ("en", "Synthetic role")):
                text = WORDS[language]["text"]
                versions.append(CareerVersion(
                    career=career, language=language, slug=f"{career.key}-{language}", title=f"{title} {career.pk}",
                    summary=text[:120], overview=text, overview_html=render_markdown(text, language=language),
                    status=Status.PUBLISHED, published_at=now,
                ))  # fmt: skip
        CareerVersion.objects.bulk_create(versions)
        return careers

    def terms(self, count, author, categories, careers, rng):
        entries = Term.objects.bulk_create(
            Term(key=f"{PREFIX}term-{i}", author=author, category=rng.choice(categories)) for i in range(count)
        )
        versions = []
        now = timezone.now()
        for index, term in enumerate(entries):
            for language, words in WORDS.items():
                name = f"{rng.choice(words['heads']).capitalize()} {rng.choice(words['tails'])} {index}"
                text = words["text"]
                definition = f"{name} : {text}" if language == "fr" else f"{name}: {text}"
                versions.append(TermVersion(
                    term=term, language=language, slug=f"{term.key}-{language}", name=name,
                    title=f"{name} ?" if language == "fr" else f"What is {name}?", lede=text[:160],
                    definition=definition, definition_html=render_markdown(definition, language=language),
                    analogy=text, analogy_html=render_markdown(text, language=language),
                    aliases=f"{PREFIX}alias-{index}", cta_title=name,
                    cta_text=text[:100], cta_url=f"/{language}/", status=Status.PUBLISHED, published_at=now,
                    sort_name=sort_key(name), initial=initial_letter(name), reading_minutes=2,
                ))  # fmt: skip
        versions = TermVersion.objects.bulk_create(versions, batch_size=1000)
        Takeaway.objects.bulk_create(
            (Takeaway(version=v, position=p, text=f"{v.name} — {p + 1}") for v in versions for p in range(3)),
            batch_size=2000,
        )
        TermFAQ.objects.bulk_create(
            (TermFAQ(version=v, position=p, question=f"{v.name} {p + 1}?", answer=v.lede,
                     answer_html=f"<p>{v.lede}</p>") for v in versions for p in range(3)),
            batch_size=2000,
        )  # fmt: skip
        TermAlias.objects.bulk_create(
            (
                TermAlias(version=v, language=v.language, slug=f"{v.aliases}-{v.language}", name=v.aliases)
                for v in versions
            ),
            batch_size=2000,
        )
        related = Term.related_terms.through
        related.objects.bulk_create(
            (related(from_term=term, to_term=other) for term in entries
             for other in rng.sample(entries, min(3, len(entries))) if other.pk != term.pk),
            batch_size=2000, ignore_conflicts=True,
        )  # fmt: skip
        links = Term.related_careers.through
        links.objects.bulk_create((links(term=term, career=rng.choice(careers)) for term in entries), batch_size=2000)
        return count

    def index(self):
        """The same search document as every save (website.search.index_version), row by row."""
        for model in documents.models().values():
            rows = model.objects.filter(slug__startswith=PREFIX).defer("search_vector")
            for version in rows.iterator(chunk_size=2000):
                index_version(version)
        if connection.vendor == "postgresql":
            # Fresh planner statistics: without them PostgreSQL scans the bulk-loaded tables
            # instead of using the GIN indexes (measured: 130 ms → 4 ms for a rare word).
            with connection.cursor() as cursor:
                for table in TABLES:
                    cursor.execute(f"ANALYZE {table}")
