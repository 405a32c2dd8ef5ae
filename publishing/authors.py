"""Authors: who signs an entry, with a short bio in each language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Author(models.Model):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=120)
    photo = models.URLField(_("photo URL"), blank=True, help_text=_("Square picture; the initial is shown when empty."))
    # An author is not an entry: two short bios on one row keep the admin to one form.
    bio_fr = models.TextField(_("bio (French)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    @property
    def initial(self) -> str:
        return self.name[:1].upper()

    def bio(self, language: str) -> str:
        return getattr(self, f"bio_{language}", "") or self.bio_fr
