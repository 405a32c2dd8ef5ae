from django import template
from django.utils import translation

from careers import money

register = template.Library()


@register.simple_tag
def salary_range(band):
    return money.format_range(band.low, band.high, band.currency, translation.get_language())


@register.simple_tag
def region_name(code):
    return money.region_name(code, translation.get_language())
