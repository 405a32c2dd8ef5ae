"""The roadmap drawn as a timeline (issue 19): one bar per phase along the weeks, following
the reader's pace (careers.pace). Decorative for assistive technology: the list of phases
beside it, with their weeks, is the source of truth."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

WIDTH, LABEL, ROW, BAR = 600, 32, 22, 14  # the drawing's width, the label column, a row, a bar


@register.simple_tag
def roadmap_timeline(schedule):
    """`schedule`: the guide's (PacedPhase, terms) pairs, as the page lists them."""
    items = [item for item, _terms in schedule]
    if not items:
        return ""
    weeks = max(item.week_end for item in items)
    scale = (WIDTH - LABEL - 4) / weeks
    parts = []
    for row, item in enumerate(items):
        y = row * ROW + 4
        x = LABEL + (item.week_start - 1) * scale
        width = max((item.week_end - item.week_start + 1) * scale, 2)
        parts.append(format_html('<text class="timeline-label" x="0" y="{}">{}</text>', y + BAR - 2, row + 1))
        parts.append(
            format_html(
                '<rect class="timeline-bar" x="{}" y="{}" width="{}" height="{}" rx="3"/>',
                round(x, 1),
                y,
                round(width, 1),
                BAR,
            )  # fmt: skip
        )
    axis = len(items) * ROW + 6
    parts.append(format_html('<line class="timeline-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LABEL, axis, WIDTH, axis))
    parts.append(format_html('<text class="timeline-label" x="{}" y="{}">1</text>', LABEL, axis + 14))
    parts.append(
        format_html('<text class="timeline-label" x="{}" y="{}" text-anchor="end">{}</text>', WIDTH, axis + 14, weeks)
    )
    return format_html(
        '<svg class="roadmap-timeline" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">{}</svg>',
        WIDTH,
        axis + 18,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
