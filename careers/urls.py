from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import compare, plan, views

app_name = "careers"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.career_detail, name="career"),
    path(_("<slug:slug>/compare/<slug:other>/"), compare.compare, name="compare"),
    path("<slug:slug>/plan.ics", plan.plan, name="plan"),
]
