"""Stored pages follow what they show (issue 16): an edit refreshes the pages that show the
entry, and every other stored page is still served from the cache."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from encyclopedia.models import Category
from publishing.services import save_version
from website import invalidation, pagecache

from .cachepages import page, rendered
from .factories import make_band, make_career, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    """A term, a term it lists as related, a guide whose roadmap names it, and a bystander."""
    term = make_term(related=1)
    career = make_career()
    career.versions.get(language="en").phases.first().terms.add(term)
    bystander = make_term()
    return {"term": term, "related": term.related_terms.get(), "career": career, "bystander": bystander}


def url_of(entry, language="en"):
    return entry.versions.get(language=language).get_absolute_url()


def warm(client, urls):
    for url in urls:
        page(client, url)
    assert not any(rendered(client.get(url)) for url in urls), "every page is now stored"


def edit(version, **fields):
    for name, value in fields.items():
        setattr(version, name, value)
    return save_version(version=version)


def test_an_edit_refreshes_the_pages_that_show_the_entry_and_keeps_the_others(client, page_cache, site):
    shows_it = [url_of(site["term"]), url_of(site["related"]), url_of(site["career"])]
    others = [url_of(site["bystander"]), url_of(site["bystander"], "fr"), url_of(site["career"], "fr")]
    warm(client, shows_it + others)
    version = edit(site["term"].versions.get(language="en"), name="Renamed in English")
    for url in shows_it:
        response = client.get(url)
        assert rendered(response), url
        assert "Renamed in English" in response.content.decode(), url
    for url in others:
        assert not rendered(client.get(url)), f"{url} does not show {version.name} and stays stored"


def test_a_text_edit_keeps_the_other_index_pages_and_lists(client, page_cache, site):
    """A lede changes nothing a list holds but the entry itself: the home (which does not
    show it) stays stored; an index letter that lists it is refreshed."""
    version = site["term"].versions.get(language="en")
    index = f"/en/encyclopedia/?letter={version.name[0].lower()}"
    warm(client, ["/en/careers/", index])
    edit(version, lede="A fresh lede.")
    assert rendered(client.get(index))
    assert not rendered(client.get("/en/careers/"))


def test_a_new_link_refreshes_the_target_page_for_referenced_in(client, page_cache, site):
    target = site["bystander"]
    target_url = url_of(target)
    warm(client, [target_url])
    source = site["related"].versions.get(language="en")
    edit(source, definition=f"See [the bystander](term:{target.key}).")
    html = page(client, target_url)
    assert source.name in html, "the target page lists the new source under 'referenced in'"


def test_a_term_added_to_a_roadmap_refreshes_the_term_page(client, page_cache, site):
    target = site["bystander"]
    warm(client, [url_of(target)])
    career_version = site["career"].versions.get(language="en")
    career_version.phases.first().terms.add(target)  # outside the write path: the relation signal
    assert career_version.title in page(client, url_of(target))


def test_publishing_a_term_refreshes_the_lists_of_its_kind_and_language(client, page_cache, site):
    lists = ["/en/", "/en/encyclopedia/", "/en/atom.xml"]
    unrelated = [url_of(site["bystander"]), url_of(site["career"])]
    warm(client, lists + unrelated)
    known = site["bystander"]  # a new category or author would refresh every page
    newcomer = make_term(languages=("en",), category=known.category, author=known.author).versions.get()
    for url in lists:
        assert newcomer.get_absolute_url() in page(client, url), url
    for url in unrelated:
        assert not rendered(client.get(url)), f"{url} does not list terms and stays stored"


def test_a_change_that_belongs_to_no_entry_refreshes_every_page(client, page_cache, site):
    urls = [url_of(site["bystander"]), "/en/careers/"]
    warm(client, urls)
    category = Category.objects.first()
    category.name_en = "Renamed category"
    category.save()
    assert all(rendered(client.get(url)) for url in urls)


def test_another_process_edit_reaches_this_one_within_the_check(client, page_cache, site, monkeypatch):
    """Another worker bumps the term's tags in the shared cache; this process drops its
    own copy of the page on its next check of the change counter, and only that page."""
    term_url, bystander_url = url_of(site["term"]), url_of(site["bystander"])
    warm(client, [term_url, bystander_url])
    kept = dict(pagecache.Local.pages), dict(invalidation.Seen.tags), invalidation.Seen.changes
    invalidation.bump({f"term:{site['term'].key}"}, pagecache.SERVER_LIFETIME)
    pagecache.Local.pages, invalidation.Seen.tags, invalidation.Seen.changes = kept  # as if done elsewhere
    assert not rendered(client.get(term_url)), "within the 0.5 s window: this process's copy"
    monkeypatch.setattr(pagecache.Local, "checked", pagecache.Local.checked - pagecache.GENERATION_CHECK)
    assert rendered(client.get(term_url))
    assert not rendered(client.get(bystander_url))


def test_a_lost_change_log_drops_every_local_page(client, page_cache, site, monkeypatch):
    urls = [url_of(site["term"]), url_of(site["bystander"])]
    warm(client, urls)
    kept = dict(pagecache.Local.pages), dict(invalidation.Seen.tags), invalidation.Seen.changes
    number = invalidation.bump({"term:somewhere-else"}, pagecache.SERVER_LIFETIME)
    invalidation.bump({"term:elsewhere-again"}, pagecache.SERVER_LIFETIME)
    cache.delete(f"{invalidation.LOG_KEY}{number}")  # evicted before this process read it
    pagecache.Local.pages, invalidation.Seen.tags, invalidation.Seen.changes = kept
    monkeypatch.setattr(pagecache.Local, "checked", pagecache.Local.checked - pagecache.GENERATION_CHECK)
    client.get(urls[0])
    assert urls[1] not in pagecache.Local.pages  # no longer trusted locally; the shared copy is checked
    assert not rendered(client.get(urls[1])), "the shared copy is still current: served without rendering"


def test_a_page_whose_entry_changed_while_it_rendered_is_not_stored(client, page_cache, site, monkeypatch):
    url = url_of(site["term"])
    real = invalidation.versions

    def changed_meanwhile(tags):
        invalidation.bump({f"term:{site['term'].key}"}, pagecache.SERVER_LIFETIME)
        monkeypatch.setattr(invalidation, "versions", real)
        return real(tags)

    monkeypatch.setattr(invalidation, "versions", changed_meanwhile)
    assert rendered(client.get(url))
    assert rendered(client.get(url)), "the first render was not kept"
    assert not rendered(client.get(url))


def test_a_scheduled_publication_caps_only_the_pages_it_changes(client, page_cache, site):
    """The index that will list the term expires when it goes live; a page that does not
    show it keeps its full lifetime."""
    version = site["term"].versions.get(language="en")
    edit(version, published_at=timezone.now() + datetime.timedelta(seconds=5))
    index = client.get("/en/encyclopedia/")
    bystander = client.get(url_of(site["bystander"]))
    assert max_age(index) <= 5
    assert max_age(bystander) == pagecache.PUBLIC_MAX_AGE
    assert pagecache.page_lifetime(tags={f"term:{site['bystander'].key}"}) == pagecache.SERVER_LIFETIME


def max_age(response) -> int:
    return int(response["Cache-Control"].split("max-age=")[1])


def test_an_edit_keeps_the_pages_that_only_show_its_partners(client, page_cache, site):
    """The related term's own page may now list the edited one and is refreshed; another page
    that shows the related term, but not the edited one, stays stored."""
    known = site["bystander"]
    neighbour = make_term(category=known.category, author=known.author)
    neighbour.related_terms.add(site["related"])
    partner_page, neighbour_page = url_of(site["related"]), url_of(neighbour)
    warm(client, [partner_page, neighbour_page])
    edit(site["term"].versions.get(language="en"), lede="Edited once more.")
    assert rendered(client.get(partner_page))
    assert not rendered(client.get(neighbour_page)), "it shows the partner, not the edited term"


def test_a_relation_removed_refreshes_both_own_pages(client, page_cache, site):
    term_page, related_page, bystander = url_of(site["term"]), url_of(site["related"]), url_of(site["bystander"])
    warm(client, [term_page, related_page, bystander])
    site["term"].related_terms.remove(site["related"])
    assert site["related"].versions.get(language="en").name not in page(client, term_page)
    assert rendered(client.get(related_page)), "its page listed the term as referring to it"
    assert not rendered(client.get(bystander))


def test_a_salary_band_turning_stale_expires_its_guide_at_that_moment(page_cache, monkeypatch):
    """A verified figure is shown as fact for a year, then as "to be verified" from the
    local midnight that starts the first stale day: the guide's pages (and the lists that
    show its bands) are kept no later than that; a page that does not show it is not capped."""
    career = make_career(phases=0)
    band = make_band(career, verified_on=datetime.date(2025, 6, 1))
    stale_from = timezone.make_aware(datetime.datetime(2026, 6, 2))  # FRESHNESS = 365 days
    assert band.is_fresh(datetime.date(2026, 6, 1)) and not band.is_fresh(datetime.date(2026, 6, 2))
    before = stale_from - datetime.timedelta(seconds=90)
    monkeypatch.setattr(pagecache.timezone, "now", lambda: before)
    monkeypatch.setattr(pagecache.time, "time", lambda: before.timestamp())
    guide = {f"career:{career.key}"}
    assert pagecache.page_lifetime(tags=guide) == 90
    assert pagecache.page_lifetime(tags={"list:career:fr"}) == 90
    assert pagecache.page_lifetime(tags={"term:elsewhere"}) == pagecache.SERVER_LIFETIME
    after = stale_from + datetime.timedelta(seconds=1)
    assert type(career).changes_on_clock(after, after + datetime.timedelta(days=1)) == []


def test_a_review_coming_due_expires_the_entry_page_when_its_notice_appears(page_cache, monkeypatch):
    """From the local midnight of its next-review day the entry's page says since when it
    has not been checked: that page is kept no later; a list that shows the entry is not capped."""
    term = make_term(languages=["en"], takeaways=0, faqs=0)
    version = term.versions.get()
    type(version).objects.filter(pk=version.pk).update(next_review=datetime.date(2027, 3, 1))
    before = timezone.make_aware(datetime.datetime(2027, 3, 1)) - datetime.timedelta(seconds=90)
    monkeypatch.setattr(pagecache.timezone, "now", lambda: before)
    monkeypatch.setattr(pagecache.time, "time", lambda: before.timestamp())
    assert pagecache.page_lifetime(tags={f"page:term:{term.key}"}) == 90
    assert pagecache.page_lifetime(tags={f"term:{term.key}", "list:term:en"}) == pagecache.SERVER_LIFETIME
