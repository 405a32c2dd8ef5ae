"""Reading the official wage files (layouts.py) into the figures of one band each, with errors
that name the file, the row and the column."""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import openpyxl
import xlrd

from . import layouts


class WageFileError(Exception):
    def __init__(self, path: Path, message: str, *, row: int | None = None, column: str = ""):
        where = ", ".join(part for part in (f"row {row}" if row else "", f"column {column}" if column else "") if part)
        super().__init__(f"{path}: {where + ': ' if where else ''}{message}")


@dataclass
class Figures:
    """One occupation in one place, as a file gives it."""

    code: str
    title: str
    area: str  # "" for the whole country
    period: str  # careers.models.Period
    values: dict[str, int]  # SalaryBand figure → amount (missing when the source publishes none)
    row: int
    flags: dict[str, str] = field(default_factory=dict)
    reference_period: str = ""
    source_url: str = ""


# ---------------------------------------------------------------- cells


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path, *, sheet: str = "", header_has: str = "") -> list[list[str]]:
    """The rows of a CSV, XLSX or XLS file as text; for a workbook, the sheet named `sheet`
    or else the first whose rows hold a cell `header_has`."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [[cell.strip() for cell in row] for row in csv.reader(handle)]
        if suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            sheets = [(ws.title, ws.iter_rows(values_only=True)) for ws in book.worksheets]
        elif suffix == ".xls":
            book = xlrd.open_workbook(path)
            sheets = [(ws.name, (ws.row_values(i) for i in range(ws.nrows))) for ws in book.sheets()]
        else:
            raise WageFileError(path, "must be a .csv, .xlsx or .xls file")
    except (OSError, UnicodeDecodeError, csv.Error, xlrd.XLRDError, ValueError, KeyError) as error:
        raise WageFileError(path, f"cannot be read ({error})") from None
    for title, rows in sheets:
        if sheet and title != sheet:
            continue
        table = [[cell_text(value) for value in row] for row in rows]
        if sheet or any(header_has in row for row in table[:15]):
            return table
    names = ", ".join(title for title, _rows in sheets)
    raise WageFileError(path, f"has no sheet {sheet!r}" if sheet else f"no sheet has a {header_has} column ({names})")


def records(path: Path, table: list[list[str]], start: int, required, optional=()):
    """(row number, {column: text}) of the rows under the header at `start`; columns matched by
    name (case ignored), the missing required ones named in the error."""
    positions = {name.strip().upper(): index for index, name in enumerate(table[start]) if name.strip()}
    missing = [name for name in required if name.upper() not in positions]
    if missing:
        message = f"the header lacks the column(s) {', '.join(missing)}: is this the right file?"
        raise WageFileError(path, message, row=start + 1)
    columns = {name: positions[name.upper()] for name in (*required, *optional) if name.upper() in positions}
    for number, row in enumerate(table[start + 1 :], start=start + 2):
        yield number, {name: row[index] if index < len(row) else "" for name, index in columns.items()}


def amount(path: Path, text: str, *, row: int, column: str) -> int:
    """A figure as published ("112,590", "54.13", "$98,000"), to the nearest whole unit."""
    try:
        value = Decimal(text.replace(",", "").replace("$", "").replace("£", "").strip())
    except InvalidOperation:
        raise WageFileError(path, f"{text!r} is not a number", row=row, column=column) from None
    if value < 0:
        raise WageFileError(path, f"{text!r} is negative", row=row, column=column)
    return int(value.quantize(Decimal(1)))


def year_of(reference_period: str) -> int:
    found = re.findall(r"(?:19|20)\d\d", reference_period)
    if not found:
        raise ValueError(f"{reference_period!r} names no year (e.g. “May 2024”)")
    return int(found[-1])


# ---------------------------------------------------------------- each source


def read_bls(path: Path, *, reference_period: str, areas: set[str], top_code: int | None = None) -> list[Figures]:
    layout = layouts.BLS_OEWS
    table = read_table(path, header_has="OCC_CODE")
    start = next(i for i, row in enumerate(table) if "OCC_CODE" in (c.upper() for c in row))
    year = year_of(reference_period)
    # The release's caps, annual and hourly; one given by hand is annual (2,080 hours a year, as BLS's are).
    annual_cap, hourly_cap = (
        (top_code, round(top_code / 2080)) if top_code else layouts.BLS_TOP_CODES.get(year, (None, None))
    )
    found = []
    for number, cell in records(path, table, start, layout.required):
        if cell["O_GROUP"].lower() != "detailed":
            continue
        national = cell["AREA_TYPE"] == "1"
        area = "" if national else cell["AREA_TITLE"]
        if area not in areas:
            continue
        hourly = cell["HOURLY"].upper() == "TRUE"
        prefix = "H_" if hourly else "A_"
        values, flags = {}, {}
        for figure, suffix in layout.figures.items():
            column = prefix + suffix
            text = cell[column]
            if text in layouts.BLS_NOT_AVAILABLE or not text:
                continue
            if text == layouts.BLS_TOP_CODED:
                if annual_cap is None:
                    raise WageFileError(path, f"a top-coded wage (#) in a release whose top code is unknown ({year}): "
                                        "give it with --top-code", row=number, column=column)  # fmt: skip
                values[figure] = hourly_cap if hourly else annual_cap
                flags[figure] = "top-coded"
                continue
            values[figure] = amount(path, text, row=number, column=column)
        code = cell["OCC_CODE"]
        found.append(Figures(
            code=code, title=cell["OCC_TITLE"], area=area, period="hourly" if hourly else "annual",
            values=values, flags=flags, row=number, reference_period=reference_period,
            source_url=layouts.bls_page(code, year),
        ))  # fmt: skip
    return found


def read_jobbank(path: Path, *, reference_period: str, areas: set[str], top_code: int | None = None) -> list[Figures]:
    layout = layouts.JOBBANK
    table = read_table(path, header_has="NOC_CNP")
    found = []
    for number, cell in records(path, table, 0, layout.required, optional=("NOC_Title_eng",)):
        place = cell["ER_Code_Code_RE"]
        if len(place) == 6:  # an economic region: finer than a guide shows
            continue
        area = "" if place == "ER00" else cell["ER_Name"]
        if area not in areas:
            continue
        flag = cell["Annual_Wage_Flag_Salaire_annuel"]
        if flag not in ("0", "1", ""):
            raise WageFileError(path, f"{flag!r} must be 0 (hourly) or 1 (annual)", row=number,
                                column="Annual_Wage_Flag_Salaire_annuel")  # fmt: skip
        values = {
            figure: amount(path, cell[column], row=number, column=column)
            for figure, column in layout.figures.items()
            if cell[column]
        }
        period = cell["Reference_Period"]
        found.append(Figures(
            code=cell["NOC_CNP"].removeprefix("NOC_"), title=cell.get("NOC_Title_eng", "") if "NOC_TITLE_ENG" in
            (h.upper() for h in table[0]) else "", area=area, period="annual" if flag == "1" else "hourly",
            values=values, row=number, reference_period=period if period and period != "NA" else reference_period,
            source_url=layouts.JOBBANK_URL,
        ))  # fmt: skip
    return found


def read_ashe(path: Path, *, reference_period: str, areas: set[str], top_code: int | None = None,
              sheet: str = "Full-Time") -> list[Figures]:  # fmt: skip
    layout = layouts.ONS_ASHE
    table = read_table(path, sheet=sheet)
    start = next((i for i, row in enumerate(table[:15]) if "Description" in row and "Code" in row), None)
    if start is None:
        raise WageFileError(path, f"sheet {sheet!r} has no header row with “Description” and “Code”")
    header = table[start]
    expected = dict(zip(layouts.ASHE_COLUMNS, range(len(layouts.ASHE_COLUMNS)), strict=True))
    missing = [name for name in layout.required if len(header) <= expected[name] or header[expected[name]] != name]
    if missing:
        raise WageFileError(path, f"the header lacks the column(s) {', '.join(missing)} where Table 14.7a has them",
                            row=start + 1)  # fmt: skip
    if "" not in areas:
        return []
    found = []
    for number, row in enumerate(table[start + 1 :], start=start + 2):
        code = row[1].removesuffix(".0") if len(row) > 1 else ""
        if len(code) != 4 or not code.isdigit():  # a group above unit groups, a total, a footnote
            continue
        values = {}
        for figure, column in layout.figures.items():
            text = row[expected[column]] if expected[column] < len(row) else ""
            if text and text not in layouts.ASHE_NO_FIGURE:  # `x`: unreliable, so not published
                values[figure] = amount(path, text, row=number, column=column)
        found.append(Figures(code=code, title=row[0], area="", period="annual", values=values, row=number,
                             reference_period=reference_period, source_url=layouts.ASHE_URL))  # fmt: skip
    return found


READERS = {"bls-oews": read_bls, "jobbank": read_jobbank, "ons-ashe": read_ashe}
