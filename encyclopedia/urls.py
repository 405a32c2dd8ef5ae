from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "encyclopedia"
urlpatterns = [
    path("", views.index, name="index"),
    path(_("category/<slug:slug>/"), views.category, name="category"),
    path(_("tag/<slug:slug>/"), views.tag, name="tag"),
    path("<slug:slug>/", views.term_detail, name="term"),
    path("<slug:slug>/preview.json", views.term_preview, name="term_preview"),
]
