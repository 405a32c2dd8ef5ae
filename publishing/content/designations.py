"""A term file's designations: the `[[designations]]` tables of its front matter (content/README.md,
"Designations"). Each holds `term` (required), `status` (preferred, admitted or deprecated;
admitted when left out) and `authority`, `date`, `region`, `url`, which may be left out.
Errors name the file, the row and the field (`designations[1].status`)."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..terminology import Authority, Designation, DesignationStatus, Region
from .errors import Once
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


def designations_from_file(path: Path, front) -> list[DesignationText]:
    rows, once = [], Once()
    for fields in front.each_table("designations", set(FIELDS)):
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
        rows.append(designation)
    return rows
