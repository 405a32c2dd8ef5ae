"""Salary figures on pages: amounts in the page's language (careers.money), "at least" for a
figure the source top-codes, per hour when the source publishes hourly figures, the plain
sentence that says what a band means, and its range chart (SVG drawn here, no script)."""

from django import template
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from careers import money
from careers.models import Period, Statistic

register = template.Library()

# The chart's drawing box (SVG user units): the bar's row and the labels' rows.
WIDTH, HEIGHT, MARGIN = 320, 44, 4


def amount(band, figure: str) -> str:
    text = money.format_amount(getattr(band, figure), band.currency, translation.get_language())
    if band.flagged(figure, "top-coded"):
        text = _("at least %(amount)s") % {"amount": text}
    if band.flagged(figure, "unreliable"):
        text = _("%(amount)s (unreliable estimate)") % {"amount": text}
    return text


@register.simple_tag
def salary_amount(band, figure: str) -> str:
    return amount(band, figure)


@register.simple_tag
def salary_range(band):
    language = translation.get_language()
    if not band.flags:
        text = money.format_range(band.low, band.high, band.currency, language)
    else:
        text = f"{amount(band, 'low')} – {amount(band, 'high')}"
    return _("%(range)s an hour") % {"range": text} if band.period == Period.HOURLY else text


@register.simple_tag
def region_name(code):
    return money.region_name(code, translation.get_language())


@register.simple_tag
def band_summary(band) -> str:
    """What the figures mean, in one plain sentence, for percentile bands with a median."""
    if band.statistic != Statistic.P10_P90 or band.median is None:
        return ""
    place = money.region_name(band.region, translation.get_language())
    if band.area:
        place = f"{band.area} ({place})"
    per = _("an hour") if band.period == Period.HOURLY else _("a year")
    return _(
        "%(place)s, %(period)s: half of the people in this occupation earned more than %(median)s %(per)s; "
        "one in ten earned less than %(low)s."
    ) % {
        "place": place,
        "period": band.reference_period or band.reference_year,
        "median": amount(band, "median"),
        "per": per,
        "low": amount(band, "low"),
    }


def x_of(value: int, top: int) -> float:
    return round(MARGIN + (WIDTH - 2 * MARGIN) * value / top, 1)


@register.simple_tag
def salary_chart(band):
    """The band drawn on a scale from 0: low–high bar, 25th–75th percentile darker, median tick,
    the ends labelled. Decorative for assistive technology: the table beside it has the numbers."""
    top = band.high * 1.08 or 1
    low, high = x_of(band.low, top), x_of(band.high, top)
    parts = [
        format_html('<line class="chart-axis" x1="{}" y1="20" x2="{}" y2="20"/>', MARGIN, WIDTH - MARGIN),
        format_html('<rect class="chart-range" x="{}" y="14" width="{}" height="12" rx="2"/>', low, high - low),
    ]
    if band.p25 is not None and band.p75 is not None:
        p25, p75 = x_of(band.p25, top), x_of(band.p75, top)
        parts.append(format_html('<rect class="chart-middle" x="{}" y="14" width="{}" height="12"/>', p25, p75 - p25))
    if band.median is not None:
        median = x_of(band.median, top)
        parts.append(format_html('<line class="chart-median" x1="{}" y1="10" x2="{}" y2="30"/>', median, median))
    labels = [(low, "start", amount(band, "low")), (high, "end", amount(band, "high"))]
    parts += [
        format_html('<text class="chart-label" x="{}" y="41" text-anchor="{}">{}</text>', x, anchor, text)
        for x, anchor, text in labels
    ]
    return format_html(
        '<svg class="salary-chart" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">{}</svg>',
        WIDTH,
        HEIGHT,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
