"""A term file's designations: the `[[designations]]` tables of its front matter (content/README.md,
"Designations"). Each holds `term` (required), `status` (preferred, admitted or deprecated;
admitted when left out) and `authority`, `date`, `region`, `url`, which may be left out.
Errors name the file, the row and the field (`designations[1].status`)."""

import datetime
from dataclasses import dataclass

from ..terminology import Authority, Designation, DesignationStatus, Region
from .tables import TableText

FIELDS = ("term", "status", "authority", "date", "region", "url")


@dataclass
class DesignationText(TableText):
    fields = FIELDS
    term: str
    status: str = DesignationStatus.ADMITTED
    authority: str = ""
    date: datetime.date | None = None
    region: str = ""
    url: str = ""


def read_designation(fields, once) -> DesignationText:
    """One of the front matter's `[[designations]]` (Fields.read_tables), validated."""
    designation = DesignationText(
        term=fields.text("term"),
        status=fields.choice("status", DesignationStatus.values, default=DesignationStatus.ADMITTED),
        authority=fields.choice("authority", Authority.values, default=""),
        date=fields.date("date"),
        region=fields.choice("region", Region.values, default=""),
        url=fields.address("url"),
    )
    once.check(fields, "term", designation.term.casefold(), f"{designation.term!r} is listed twice in this file")
    fields.check_lengths(designation, Designation, ("term", "url"))
    return designation
