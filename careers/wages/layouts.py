"""The layout of each official wage file `import_wages` reads: one place per source, with what
each column means (README, "Salaries").

- **bls-oews**: the US Bureau of Labor Statistics' Occupational Employment and Wage Statistics,
  national or state file (`national_M2024_dl.xlsx`, `state_M2024_dl.xlsx`, or a CSV of the
  same sheet). One row per area and SOC 2018 occupation; `O_GROUP` "detailed" rows only (a
  code may also appear as a "broad" group with the same figures). Annual percentiles
  `A_PCT10` … `A_PCT90`, or the hourly `H_*` ones when `HOURLY` is TRUE (no annual figure is
  published then: none is made up). `*` and `**`: not available; `#`: at or above the
  release's top code (shown as "at least").
- **jobbank**: Canada's Job Bank wages open data (CSV, UTF-8 with a byte-order mark). One row
  per NOC 2021 occupation and place: `ER00` is Canada, a four-character code a province, a
  six-character one an economic region (not imported). Low and high "in most cases" the 10th
  and 90th percentiles, quartiles, median; `Annual_Wage_Flag_Salaire_annuel` 1 annual, 0
  hourly; empty cells where the wage cannot be published.
- **ons-ashe**: the UK Office for National Statistics' Annual Survey of Hours and Earnings,
  Table 14.7a "Annual pay - Gross" by four-digit SOC 2020 (`.xlsx` or `.xls`), one sheet (by
  default `Full-Time`): header row with `Description` and `Code`, then median, mean and the
  10th … 90th percentiles by position. `x` (unreliable, suppressed), `..`, `:`, `-`, `.`: no figure.
"""

from dataclasses import dataclass, field

# BLS's top code (`#`): wages at or above it are published as `#` (Field Descriptions of each
# release). Annual amount by release year; a release not listed needs --top-code.
BLS_TOP_CODES = {
    **dict.fromkeys(range(2016, 2022), (208_000, 100)),
    **dict.fromkeys(range(2023, 2026), (239_200, 115)),
}
BLS_NOT_AVAILABLE = {"*", "**", "~"}
BLS_TOP_CODED = "#"
ASHE_NO_FIGURE = {"x", "..", ":", "-", "."}


# The country a national classification's wage figures describe, and their currency.
COUNTRIES = {"soc-2018": ("US", "USD"), "noc-2021": ("CA", "CAD"), "uk-soc-2020": ("GB", "GBP")}


@dataclass(frozen=True)
class Layout:
    source: str  # careers.models.WageSource
    classification: str  # careers.models.Classification the codes belong to
    columns: tuple[str, ...]  # what the file must have besides the figures (case ignored)
    source_name: str
    dataset: str  # what the release is called, before its reference period
    licence: str
    pay_concept: str
    figures: dict[str, str] = field(default_factory=dict)  # SalaryBand field → column
    prefixes: tuple[str, ...] = ("",)  # a figure's column is each prefix + its name (BLS: A_ and H_)

    @property
    def region(self) -> str:
        return COUNTRIES[self.classification][0]

    @property
    def currency(self) -> str:
        return COUNTRIES[self.classification][1]

    @property
    def required(self) -> tuple[str, ...]:
        return (*self.columns, *(prefix + column for prefix in self.prefixes for column in self.figures.values()))


BLS_OEWS = Layout(
    source="bls-oews",
    classification="soc-2018",
    columns=("AREA_TITLE", "AREA_TYPE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "HOURLY"),
    prefixes=("A_", "H_"),
    source_name="U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
    dataset="OEWS",
    licence="Public domain (U.S. government work)",
    pay_concept="base",
    figures={"low": "PCT10", "p25": "PCT25", "median": "MEDIAN", "p75": "PCT75", "high": "PCT90"},
)

JOBBANK = Layout(
    source="jobbank",
    classification="noc-2021",
    columns=("NOC_CNP", "ER_Code_Code_RE", "ER_Name", "Annual_Wage_Flag_Salaire_annuel", "Reference_Period"),
    source_name="Job Bank, Government of Canada (Employment and Social Development Canada)",
    dataset="Job Bank wages",
    licence="Open Government Licence – Canada",
    pay_concept="",  # not stated by the dataset
    figures={
        "low": "Low_Wage_Salaire_Minium",
        "p25": "Quartile1_Wage_Salaire_Quartile1",
        "median": "Median_Wage_Salaire_Median",
        "p75": "Quartile3_Wage_Salaire_Quartile3",
        "high": "High_Wage_Salaire_Maximal",
    },
)
JOBBANK_URL = "https://open.canada.ca/data/en/dataset/adad580f-76b0-4502-bd05-20c125de9116"

# ASHE's header is split over merged rows: the columns are known by position once the row
# holding "Description" and "Code" is found; the percentile labels are checked in that row.
ONS_ASHE = Layout(
    source="ons-ashe",
    classification="uk-soc-2020",
    columns=("Description", "Code"),
    source_name="Office for National Statistics, Annual Survey of Hours and Earnings",
    dataset="ASHE Table 14.7a, annual gross pay, full-time employee jobs",
    licence="Open Government Licence v3.0",
    pay_concept="gross",
    figures={"low": "10", "p25": "25", "median": "Median", "p75": "75", "high": "90"},
)
ASHE_COLUMNS = ("Description", "Code", "Jobs", "Median", "Median change", "Mean", "Mean change",
                "10", "20", "25", "30", "40", "60", "70", "75", "80", "90")  # fmt: skip
ASHE_URL = (
    "https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/datasets/"
    "occupation4digitsoc2010ashetable14"
)

LAYOUTS = {layout.source: layout for layout in (BLS_OEWS, JOBBANK, ONS_ASHE)}


def bls_page(code: str, year: int) -> str:
    """The release's own page of an occupation (the `current/` one moves with each release)."""
    return f"https://www.bls.gov/oes/{year}/may/oes{code.replace('-', '')}.htm"
