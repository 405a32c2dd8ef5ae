from django.utils.translation import gettext_lazy as _

from publishing import appconfig


class CareersConfig(appconfig.KindAppConfig):
    verbose_name = _("Careers")
    entry_model = "Career"
