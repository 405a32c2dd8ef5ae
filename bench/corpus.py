"""The database the bench serves: its settings, its preparation (content/ plus
`generate_corpus`), and the pages it measures."""

import os
import secrets
import subprocess
from pathlib import Path
from urllib.parse import quote

from search_p95 import QUERIES
from services import PYTHON, ROOT, step

TERM = "/fr/encyclopedie/gestion-projet-ia/"
CAREER = "/fr/carrieres/chef-de-projet-ia/"
INDEX = "/fr/encyclopedie/"
SEARCH = "/fr/recherche/?q=donn%C3%A9es"
SEARCH_PATHS = {"fr": "/fr/recherche/?q=", "en": "/en/search/?q="}


def search_paths() -> list[str]:
    return [SEARCH_PATHS[language] + quote(query) for language, queries in QUERIES.items() for query in queries]


def django_env(args, workdir: Path, *, page_cache: bool) -> dict:
    return os.environ | {
        "DJANGO_DEBUG": "0",
        # Plain HTTP on loopback; everything else is production (DEBUG off, hashed static
        # files, persistent database connections, the page cache in Redis).
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *arguments) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *arguments], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout


def prepare(args, env) -> None:
    step("migrate, collectstatic, load_content")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_content")
    count = manage(
        env,
        "shell",
        "-c",
        "from encyclopedia.models import TermVersion;"
        "print(TermVersion.objects.filter(term__key__startswith='synthetic-').count())",
    )
    if int(count.split()[-1]) != 2 * args.terms:
        print(f"generating {args.terms} synthetic terms per language (once; kept for later runs)", flush=True)
        manage(env, "generate_corpus", "--terms", str(args.terms))
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
