from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from website import views as website_views
from website.admin import editorial_report
from website.api import api
from website.feeds import LatestEntriesFeed
from website.opendata import views as opendata
from website.search.views import search_view
from website.sitemaps import sitemaps

urlpatterns = [
    path("", website_views.root_redirect, name="root"),
    path("robots.txt", website_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps()}, name="django.contrib.sitemaps.views.sitemap"),
    # The admin's Markdown preview (markdownx's widget posts here, see MARKDOWNX_URLS_PATH);
    # markdownx's own anonymous preview and upload URLs are deliberately not routed.
    path(f"{settings.ADMIN_PATH}markdown-preview/", website_views.markdown_preview, name="markdown_preview"),
    # Image upload is not offered: the widget's upload address answers 404 to everyone (before
    # the admin's catch-all, which would send anonymous visitors to the login page instead).
    path(f"{settings.ADMIN_PATH}markdown-upload-disabled/", website_views.upload_disabled),
    path(f"{settings.ADMIN_PATH}editorial-report/", admin.site.admin_view(editorial_report), name="editorial_report"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", api.urls),  # the open data API (website.api): one address, a language parameter
    path("data/<str:name>", opendata.download, name="download"),  # the bulk files (website.opendata)
]

urlpatterns += i18n_patterns(
    path("", website_views.home, name="home"),
    path("atom.xml", LatestEntriesFeed(), name="feed"),
    path(_("encyclopedia/"), include("encyclopedia.urls")),
    path(_("careers/"), include("careers.urls")),
    path(_("search/"), search_view, name="search"),
    path(_("data/"), opendata.downloads, name="downloads"),
    path(_("data/api/"), opendata.api_reference, name="api_reference"),
    prefix_default_language=True,
)

handler400 = "website.views.bad_request"
handler403 = "website.views.permission_denied"
handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
