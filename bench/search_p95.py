"""Search latency at scale: p50/p95 of 50 different queries over 10,000 terms per language.

Run by `make bench-search` against PostgreSQL (DATABASE_URL). It loads content/, adds
`generate_corpus --terms N` (synthetic rows, removed at the end unless --keep), then times
each query through Django's full request path (test client: URL routing, view, search,
template) several times and prints one table. Nothing leaves this process.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

QUERIES = {
    "fr": ["projets", "réseaux", "ethique", "données", "modèle prédictif", "dérive", "biais", "agent génératif",
           "inteligence artificielle", '"gestion de projet"', "LLM", "pipeline distribué", "surveillance -chiot",
           "évaluation", "plongement sémantique", "jeu de données", "conformité", "protocole fédéré",
           "tableau de bord", "registre", "stratégie hybride", "apprentissage", "GML", "RGPD", "mlops"],
    "en": ["projects", "networks", "ethics", "data", "predictive model", "drift", "bias", "generative agent",
           "artifical inteligence", '"project management"', "LLM", "distributed pipeline", "monitoring -puppy",
           "evaluation", "semantic embedding", "dataset", "compliance", "federated protocol", "dashboard",
           "registry", "hybrid strategy", "learning", "GDPR", "mlops", "fine-tuning"],
}  # fmt: skip


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic rows")
    parser.add_argument("--reuse", action="store_true", help="reuse synthetic rows kept by an earlier --keep run")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_content", verbosity=0)
    started = time.perf_counter()
    from encyclopedia.models import TermVersion

    kept = TermVersion.objects.filter(term__key__startswith="synthetic-").count()
    if not (args.reuse and kept == 2 * args.terms):
        call_command("generate_corpus", terms=args.terms, verbosity=0)
    generated = time.perf_counter() - started
    client = Client()
    timings = []
    for language, queries in QUERIES.items():
        path = "/fr/recherche/" if language == "fr" else "/en/search/"
        for query in queries:
            client.get(path, {"q": query})  # warm
            for _run in range(args.repeat):
                begin = time.perf_counter()
                response = client.get(path, {"q": query})
                timings.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, (query, response.status_code)
    if not args.keep:
        call_command("generate_corpus", clear=True, verbosity=0)
    print(f"database: {connection.vendor}; {args.terms} synthetic terms per language generated in {generated:.1f} s")
    print(f"{'queries':>8} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(
        f"{sum(map(len, QUERIES.values())):>8} {len(timings):>9} {statistics.median(timings):>8.1f} "
        f"{percentile(timings, 0.95):>8.1f} {max(timings):>8.1f}"
    )


if __name__ == "__main__":
    main()
