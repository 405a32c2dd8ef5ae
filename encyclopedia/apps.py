from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncyclopediaConfig(AppConfig):
    name = "encyclopedia"
    verbose_name = _("Encyclopedia")
