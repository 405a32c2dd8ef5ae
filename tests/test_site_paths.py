"""Site paths stay on the site (issue 16): "/\\host" and its spellings are "//host" to a browser.

Each link field is tried with every spelling: Markdown bodies (stored HTML and the link
report), the call-to-action link (model validation) and the `safe_url` filter.
"""

import pytest
from django.core.exceptions import ValidationError

from publishing import links
from publishing.markdown import render
from publishing.templatetags.safety import is_safe_url
from publishing.validators import is_network_path, is_site_path, validate_link

from .factories import make_term

pytestmark = pytest.mark.django_db

# As stored in a field (not Markdown source): what a browser receives in an href.
LEAVING = ["//evil.example/", "/\\evil.example/", "\\/evil.example/", "\\\\evil.example/", "/\t/evil.example/",
           "/\n\\evil.example/", " /\\evil.example/", "\x00/\\evil.example/"]  # fmt: skip
STAYING = ["/fr/carrieres/", "/en/encyclopedia/ai/#faq", "/fr/a\\b/", "/"]


@pytest.mark.parametrize("value", LEAVING)
def test_every_spelling_of_another_host_is_no_site_path(value):
    assert is_network_path(value)
    assert not is_site_path(value)
    assert not is_safe_url(value)
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize("value", STAYING)
def test_paths_on_the_site_are_kept(value):
    assert is_site_path(value) and is_safe_url(value)
    validate_link(value)


@pytest.mark.parametrize(
    "source", ["[x](/\\host/)", "[x](/\\\\host/)", "[x](<\\/host>)", "[x](//host/)", '<a href="/&#9;/host">x</a>']
)
def test_markdown_drops_the_address_of_a_path_that_leaves_the_site(source):
    html = render(source)[0]
    assert "host" not in html.split(">", 1)[0], html
    assert "<a" in html and "href" not in html


def test_such_a_link_in_a_term_is_stored_as_broken_and_never_rendered(client):
    text = "See [the guide](/\\evil.example/) and [more](<\\/evil.example/>)."
    version = make_term(languages=("en",), definition=text).versions.get()
    assert "evil.example" not in version.definition_html
    hrefs = sorted(link.href for link in links.broken().filter(source_id=version.pk))
    assert hrefs == ["/\\evil.example/", "\\/evil.example/"]
    html = client.get(version.get_absolute_url()).content.decode()
    assert "evil.example" not in html


def test_a_call_to_action_to_another_host_is_refused_by_the_model():
    version = make_term(languages=("en",)).versions.get()
    version.cta_url = "/\\evil.example/"
    with pytest.raises(ValidationError) as raised:
        version.full_clean()
    assert "cta_url" in raised.value.message_dict
