"""In Chromium: hostile content runs no script, and the site — admin included — works under its CSP.

One pass over the pages built from tests/xss_vectors.py, with the site's Content Security
Policy on: no `xss()` call may run (by any path the policy allows), and no vector may even
be attempted: the policy reports each inline script, handler, `javascript:` address, style or
object it blocks (a `securitypolicyviolation` event, and a console error), so none reported
means sanitizing alone stopped every vector — what would hold with the policy bypassed. (Two
passes, one with the policy bypassed, tested that twice: merged.)
"""

import pytest
from django.conf import settings

from ..factories import make_user
from ..hostile import browser_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script: the vectors call xss(); any CSP violation is recorded too,
# and both are also logged to the console, so a sweep hears of them without asking each page.
WATCH = """
window.__xss = [];
window.xss = (value) => { window.__xss.push(String(value)); console.info("xss-ran " + String(value)); };
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.violatedDirective + " " + (event.blockedURI || "inline");
  window.__csp.push(blocked);
  console.info("csp-blocked " + blocked);
});
"""


@pytest.fixture
def hostile_site(live_server, hostile):
    return live_server.url, hostile


def watched_page(browser):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    events = {"dialogs": [], "errors": [], "failed": [], "ran": {}, "blocked": {}}

    def console(message):
        where = message.location.get("url", "") or page.url
        if message.type == "error":
            events["errors"].append(message.text)
        for prefix, kind in (("xss-ran ", "ran"), ("csp-blocked ", "blocked")):
            if message.type == "info" and message.text.startswith(prefix):
                events[kind].setdefault(where, []).append(message.text.removeprefix(prefix))

    page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: events["errors"].append(str(error)))
    page.on("response", lambda response: response.status >= 400 and events["failed"].append(response.url))
    page.on("console", console)
    return context, page, events


# After the last page, time for onerror/onfocus/ontoggle handlers to fire if any survived
# (each other page has until the next one is loaded: its handlers log to the console).
SETTLE_MS = 50


def sweep(browser, base, urls):
    """Every page in one tab: the `xss()` calls and policy violations by page, and the events."""
    context, page, events = watched_page(browser)
    for url in urls:
        page.goto(base + url, wait_until="load")
        # a 404 page's own status is logged by Chromium as a console error
        events["errors"][:] = [error for error in events["errors"] if "404" not in error]
    page.wait_for_timeout(SETTLE_MS)
    context.close()
    return events["ran"], events["blocked"], events


def test_no_vector_runs_or_is_even_attempted_under_the_policy(browser, hostile_site):
    base, site = hostile_site
    ran, violations, events = sweep(browser, base, browser_pages(site))
    assert ran == {} and violations == {} and events["errors"] == [] and events["dialogs"] == []


def test_admin_forms_and_markdown_preview_work_under_the_policy(browser, live_server):
    make_user(superuser=True, username="editor")  # the Editors group is flushed with transactional tests
    context, page, events = watched_page(browser)
    admin = f"{live_server.url}/{settings.ADMIN_PATH}"

    page.goto(admin)  # → the login form, submitted as a person would
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(admin)

    page.goto(f"{admin}encyclopedia/termversion/add/")
    rows = page.locator("#takeaways-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.click("#takeaways-group .add-row a")  # the admin's inline JavaScript
    assert rows.count() == before + 1

    page.fill("#id_definition", "Some **bold** text <script>xss(1)</script>")
    preview = page.locator("#id_definition").locator("xpath=..").locator(".markdownx-preview")
    preview.locator("strong").wait_for(timeout=10_000)  # markdownx posted to the staff preview
    assert preview.inner_html() == "<p>Some <strong>bold</strong> text </p>"

    page.locator("#id_name").press_sequentially("Réseau")  # the admin's prepopulate script fills the slug
    assert page.input_value("#id_slug") == "reseau"
    page.goto(f"{admin}encyclopedia/termversion/")
    assert page.evaluate("window.__csp") == [] and page.evaluate("window.__xss") == []
    context.close()
    assert events["errors"] == [] and events["dialogs"] == [], events["failed"]
