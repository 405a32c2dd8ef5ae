from django.utils.translation import gettext_lazy as _

from publishing import kinds


class CareersConfig(kinds.KindAppConfig):
    name = "careers"
    verbose_name = _("Careers")
    kind = "career"
    kind_models = ("Career", "CareerVersion", "CareerFormerSlug")
