from django.utils.translation import gettext_lazy as _

from publishing import appconfig


class EncyclopediaConfig(appconfig.KindAppConfig):
    verbose_name = _("Encyclopedia")
    entry_model = "Term"
