"""The abstract children of a language version: rows of its ordered lists (takeaways, FAQs,
portfolio ideas, phases), those with a Markdown text among them, and the records it lists
with an address (sources, designations)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from .targets import render_markdown


class Ordered(models.Model):
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    label_field = ""  # the field it is shown by, in the admin and in messages: each kind of row names its own

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return getattr(self, self.label_field)


class TextItem(Ordered):
    """One line of a list, in order (a term's takeaways, a guide's portfolio ideas)."""

    text = models.CharField(_("text"), max_length=400)

    label_field = "text"

    class Meta(Ordered.Meta):
        abstract = True


class MarkdownItem(Ordered):
    """A row of a version's list with a Markdown text (an FAQ's answer, a phase's
    description), rendered on save in the version's language into `<field>_html`."""

    markdown_field = ""

    class Meta(Ordered.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def render(self) -> None:
        """Its text's HTML, in its version's language (done by `save()`; a bulk insert calls it)."""
        html = render_markdown(getattr(self, self.markdown_field), language=self.version.language)
        setattr(self, f"{self.markdown_field}_html", html)


class FAQ(MarkdownItem):
    question = models.CharField(_("question"), max_length=300)
    answer = MarkdownxField(_("answer"))
    answer_html = models.TextField(editable=False, blank=True)

    markdown_field = "answer"
    label_field = "question"

    class Meta(MarkdownItem.Meta):
        abstract = True
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")


class Record(Ordered):
    """A row of a version's list that may point to an address readers follow: a source, a
    designation (its record)."""

    class Meta(Ordered.Meta):
        abstract = True

    @property
    def link(self) -> str:
        """Its address when a reader may follow it: the model validates http(s), but a row
        written around validation must not give a page a `javascript:` link."""
        return self.url if self.url.startswith(("https://", "http://")) else ""
