from django import template

register = template.Library()


@register.filter
def name_in(obj, language):
    """`{{ category|name_in:"fr" }}` for rows that keep one name per language."""
    return obj.name(language)


@register.filter
def url_in(obj, language):
    return obj.url(language)


@register.filter
def slug_in(obj, language):
    return obj.slug(language)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
