from django import template

register = template.Library()


def in_language(method: str):
    """A filter for rows that keep one name, slug and address per language (categories):
    `{{ category|name_in:"fr" }}` calls `category.name("fr")`."""

    def read(obj, language):
        return getattr(obj, method)(language)

    return read


for method in ("name", "url", "slug"):
    register.filter(f"{method}_in", in_language(method))


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
