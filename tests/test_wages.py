"""Salaries with provenance (issue 18): the crosswalk, `import_wages` on small files in each
source's layout, and what a guide shows of the figures (top-coded, hourly, the plain line)."""

import csv
import datetime
import io
import json
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import OccupationCode, SalaryBand

from .factories import make_career
from .support import entry_page

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)
BLS_HEADER = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
              "H_MEAN", "A_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
              "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"]  # fmt: skip
HOURLY_CELLS = ["30.1", "40.2", "54.1", "71.3", "94"]


def bls_row(code, title, annual, *, area=("99", "U.S.", "1", "US"), group="detailed", hourly=""):
    return [*area, code, title, group, "200,000", "60", "125,000", *HOURLY_CELLS, *annual, "", hourly]


BLS_ROWS = [
    bls_row("15-2051", "Data Scientists", ["63,650", "83,920", "112,590", "147,670", "#"]),
    bls_row("15-2050", "Data Scientists", ["63,650", "83,920", "112,590", "147,670", "#"], group="broad"),
    bls_row("15-1252", "Software Developers", ["79,850", "103,550", "133,080", "167,540", "211,450"]),
    bls_row(
        "15-2051",
        "Data Scientists",
        ["70,000", "90,000", "120,000", "150,000", "190,000"],
        area=("06", "California", "2", "CA"),
    ),  # fmt: skip
]


def write_csv(path, header, rows, *, bom=False):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def guide():
    career = make_career(key="data-scientist", languages=["fr", "en"])
    for position, (classification, code, title) in enumerate([
        ("soc-2018", "15-2051", "Data Scientists"),
        ("noc-2021", "21211", "Data scientists"),
        ("uk-soc-2020", "2433", "Actuaries, economists and statisticians"),
    ]):  # fmt: skip
        OccupationCode.objects.create(career=career, position=position, classification=classification, code=code,
                                      title=title, match="exact", verified_on=TODAY)  # fmt: skip
    return career


def import_wages(*args) -> str:
    out = io.StringIO()
    call_command("import_wages", *args, "--retrieved-on", TODAY.isoformat(), stdout=out)
    return out.getvalue()


def assert_bls_file_refused(path, match: str) -> None:
    """The import stops with this message and writes no band."""
    with pytest.raises(CommandError, match=match):
        import_wages("bls-oews", str(path), "--reference-period", "May 2024")
    assert not SalaryBand.objects.exists()


def test_bls_figures_land_on_the_guide_with_provenance_and_top_coding(client, guide, tmp_path):
    path = write_csv(tmp_path / "national_M2024_dl.csv", BLS_HEADER, BLS_ROWS)
    out = import_wages("bls-oews", str(path), "--reference-period", "May 2024")
    assert "1 create" in out
    band = guide.salary_bands.get()
    assert (band.region, band.area, band.statistic, band.period) == ("US", "", "p10-p90", "annual")
    assert (band.low, band.p25, band.median, band.p75, band.high) == (63650, 83920, 112590, 147670, 239200)
    assert band.flags == {"high": "top-coded"} and band.occupation == "15-2051" and band.importer == "bls-oews"
    assert band.source_url == "https://www.bls.gov/oes/2024/may/oes152051.htm"
    assert (band.reference_year, band.reference_period, band.verified_on) == (2024, "May 2024", TODAY)
    assert band.dataset == "OEWS, May 2024" and band.licence == "Public domain (U.S. government work)"
    en = entry_page(client, guide, language="en")
    assert "at least $239.2K" in en and "$239.2K" not in en.replace("at least $239.2K", "")
    assert "half of the people in this occupation earned more than $112.6K a year" in en
    assert '<svg class="salary-chart"' in en and "Data Scientists" in en
    fr = entry_page(client, guide, language="fr")
    assert "au moins 239,2\u00a0k\u00a0$US" in fr


def test_a_dry_run_changes_nothing_and_a_second_import_is_unchanged(guide, tmp_path):
    path = write_csv(tmp_path / "oews.csv", BLS_HEADER, BLS_ROWS)
    out = import_wages("bls-oews", str(path), "--reference-period", "May 2024", "--dry-run")
    assert "Dry run: 1 create" in out and not SalaryBand.objects.exists()
    import_wages("bls-oews", str(path), "--reference-period", "May 2024")
    assert "1 unchanged" in import_wages("bls-oews", str(path), "--reference-period", "May 2024")
    assert SalaryBand.objects.count() == 1


def test_an_xlsx_file_and_a_state_area_when_asked(guide, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "national_M2024_dl"
    sheet.append(BLS_HEADER)
    for row in BLS_ROWS:
        sheet.append(row)
    book.save(tmp_path / "state.xlsx")
    import_wages("bls-oews", str(tmp_path / "state.xlsx"), "--reference-period", "May 2024", "--area", "California")
    assert sorted(guide.salary_bands.values_list("area", "high")) == [("", 239200), ("California", 190000)]


def test_a_hand_entered_band_is_left_alone_unless_asked(guide, tmp_path):
    hand = SalaryBand.objects.create(career=guide, region="US", currency="USD", low=1, high=2, source_name="Seed",
                                     reference_year=2026)  # fmt: skip
    path = write_csv(tmp_path / "oews.csv", BLS_HEADER, BLS_ROWS)
    import_wages("bls-oews", str(path), "--reference-period", "May 2024")
    assert SalaryBand.objects.filter(pk=hand.pk).exists() and guide.salary_bands.count() == 2
    import_wages("bls-oews", str(path), "--reference-period", "May 2024", "--replace-manual")
    assert not SalaryBand.objects.filter(pk=hand.pk).exists() and guide.salary_bands.count() == 1


def test_a_bad_header_names_the_missing_columns_and_changes_nothing(guide, tmp_path):
    path = write_csv(tmp_path / "oews.csv", [h for h in BLS_HEADER if h != "A_MEDIAN"], [])
    assert_bls_file_refused(path, r"oews\.csv: row 1: the header lacks the column\(s\) A_MEDIAN")


def test_a_malformed_row_names_the_row_and_column_and_changes_nothing(guide, tmp_path):
    rows = [BLS_ROWS[2], bls_row("15-2051", "Data Scientists", ["63,650", "83,920", "n/a", "147,670", "#"])]
    path = write_csv(tmp_path / "oews.csv", BLS_HEADER, rows)
    assert_bls_file_refused(path, r"row 3, column A_MEDIAN: 'n/a' is not a number\nNothing was changed")


def test_an_unknown_top_code_must_be_given(guide, tmp_path):
    path = write_csv(tmp_path / "oews.csv", BLS_HEADER, BLS_ROWS[:1])
    with pytest.raises(CommandError, match="top code is unknown"):
        import_wages("bls-oews", str(path), "--reference-period", "May 2022")
    import_wages("bls-oews", str(path), "--reference-period", "May 2022", "--top-code", "239200")
    assert guide.salary_bands.get().high == 239200


def test_hourly_only_figures_stay_hourly(client, guide, tmp_path):
    row = bls_row("15-2051", "Data Scientists", ["*"] * 5, hourly="TRUE")
    row[BLS_HEADER.index("H_PCT90")] = "#"  # at or above the release's hourly cap
    import_wages("bls-oews", str(write_csv(tmp_path / "o.csv", BLS_HEADER, [row])), "--reference-period", "May 2024")
    band = guide.salary_bands.get()
    assert (band.period, band.low, band.high, band.flags) == ("hourly", 30, 115, {"high": "top-coded"})
    assert "an hour" in entry_page(client, guide, language="en")


JOBBANK_HEADER = ["NOC_CNP", "NOC_Title_eng", "NOC_Title_fra", "prov", "ER_Code_Code_RE", "ER_Name", "Nom_RE",
                  "Low_Wage_Salaire_Minium", "Median_Wage_Salaire_Median", "High_Wage_Salaire_Maximal",
                  "Average_Wage_Salaire_Moyen", "Quartile1_Wage_Salaire_Quartile1", "Quartile3_Wage_Salaire_Quartile3",
                  "Data_Source_E", "Reference_Period", "Revision_Date_Date_revision",
                  "Annual_Wage_Flag_Salaire_annuel", "Wage_Comment_E"]  # fmt: skip


def jobbank_row(place, name, wages, flag="0", period="2023-2024"):
    low, median, high = wages
    return ["NOC_21211", "Data scientists", "Scientifiques de données", "NAT", place, name, name, low, median, high,
            "", "", "", "Labour Force Survey", period, "2025-11-19", flag, ""]  # fmt: skip


def test_jobbank_national_and_a_province_hourly_economic_regions_left_out(guide, tmp_path):
    rows = [
        jobbank_row("ER00", "Canada", ("28.85", "45.67", "68.00")),
        jobbank_row("ER35", "Ontario", ("30.00", "48.00", "70.00")),
        jobbank_row("ER3530", "Toronto", ("31.00", "50.00", "72.00")),
        jobbank_row("ER24", "Quebec", ("", "", ""), period="NA"),
    ]
    path = write_csv(tmp_path / "wages.csv", JOBBANK_HEADER, rows, bom=True)
    out = import_wages("jobbank", str(path), "--reference-period", "2025", "--area", "Ontario", "--area", "Quebec")
    bands = {band.area: band for band in guide.salary_bands.all()}
    assert set(bands) == {"", "Ontario"} and "no published range" in out
    national = bands[""]
    assert (national.statistic, national.period, national.low, national.median, national.high) == (
        "low-high",
        "hourly",
        29,
        46,
        68,
    )
    assert national.reference_period == "2023-2024" and national.licence == "Open Government Licence – Canada"
    assert national.dataset == "Job Bank wages, 2025"


def test_jobbank_rejects_a_bad_annual_flag(guide, tmp_path):
    path = write_csv(tmp_path / "wages.csv", JOBBANK_HEADER, [jobbank_row("ER00", "Canada", ("1", "2", "3"), "2")])
    with pytest.raises(CommandError, match="row 2, column Annual_Wage_Flag_Salaire_annuel"):
        import_wages("jobbank", str(path), "--reference-period", "2025")


def ashe_book(path, rows, header=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Full-Time"
    sheet.append(["Table 14.7a   Annual pay - Gross (£) - For full-time employee jobs: United Kingdom, 2024"])
    sheet.append([])
    sheet.append(["", "", "Number", "", "Annual", "", "Annual", "Percentiles"])
    sheet.append(["", "", "of jobs", "", "percentage", "", "percentage"])
    sheet.append(header or ["Description", "Code", "(thousand)", "Median", "change", "Mean", "change",
                            10, 20, 25, 30, 40, 60, 70, 75, 80, 90])  # fmt: skip
    sheet.append(["All employees", "", 20000, 37430, 4.6, 44000, 4.1, 24000])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_ons_ashe_unit_groups_with_suppressed_figures(client, guide, tmp_path):
    rows = [
        [
            "Actuaries, economists and statisticians",
            2433,
            40,
            60000,
            3.1,
            68000,
            2.0,
            35000,
            40000,
            45000,
            48000,
            54000,
            66000,
            72000,
            78000,
            84000,
            "x",
        ],  # fmt: skip
        ["Science, research, engineering and technology professionals", 21, 900, 50000],
    ]
    path = ashe_book(tmp_path / "PROV - Occupation SOC20 (4) Table 14.7a   Annual pay - Gross 2024.xlsx", rows)
    out = import_wages("ons-ashe", str(path), "--reference-period", "April 2024")
    assert "no published range" in out and not guide.salary_bands.exists()  # the 90th percentile is suppressed
    rows[0][-1] = 98000
    import_wages("ons-ashe", str(ashe_book(path, rows)), "--reference-period", "April 2024")
    band = guide.salary_bands.get()
    assert (band.region, band.currency, band.low, band.median, band.high, band.pay_concept) == (
        "GB",
        "GBP",
        35000,
        60000,
        98000,
        "gross",
    )


def test_ons_ashe_refuses_another_table(guide, tmp_path):
    header = ["Description", "Code", "(thousand)", "Median", "change", "Mean", "change", 10, 20, 30]
    path = ashe_book(tmp_path / "table.xlsx", [], header=header)
    with pytest.raises(CommandError, match=r"the header lacks the column\(s\) 25, 75, 90"):
        import_wages("ons-ashe", str(path), "--reference-period", "April 2024")


def test_the_guide_lists_its_official_codes_and_json_ld_its_category(client, guide, tmp_path):
    OccupationCode.objects.create(career=guide, position=9, classification="isco-08", code="2120",
                                  title="Mathematicians, actuaries and statisticians", match="broader")  # fmt: skip
    import_wages("bls-oews", str(write_csv(tmp_path / "o.csv", BLS_HEADER, BLS_ROWS)), "--reference-period", "May 2024")
    html = entry_page(client, guide, language="en")
    codes = html.split('id="occupations-heading"')[1].split("</ul>")[0]
    assert "US SOC 2018" in codes and "15-2051 Data Scientists" in codes and "(exact)" in codes
    assert "2120 Mathematicians" in codes and "to be verified" in codes  # not yet checked
    scripts = [
        json.loads(text) for text in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    ]
    found = [item for data in scripts for item in (data if isinstance(data, list) else [data])]
    occupation = next(d for d in found if d.get("@type") == "Occupation")
    assert occupation["occupationalCategory"] == "15-2051"
    salary = occupation["estimatedSalary"][0]
    assert salary["percentile10"] == 63650 and salary["median"] == 112590 and "percentile90" not in salary  # top-coded


def test_a_figure_the_source_marks_unreliable_says_so(client, guide):
    SalaryBand.objects.create(career=guide, region="GB", currency="GBP", low=35000, median=60000, high=98000,
                              statistic="p10-p90", flags={"median": "unreliable"}, source_name="ONS",
                              reference_year=2024, verified_on=TODAY)  # fmt: skip
    assert "£60K (unreliable estimate)" in entry_page(client, guide, language="en")
