"""The view context: one year, region and method per view, with every fallback in one place."""

import pandas as pd
import pytest

from scoring.methodology import for_year
from views.context import ViewContext, catalog_of
from views.state import ViewState


def results(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    """(code, year, score) rows of an analysed frame, with the columns the catalog reads."""
    frame = pd.DataFrame(rows, columns=["code", "year", "score"])
    return frame.assign(
        province_code=frame["code"].str[:2],
        display_name="Kabupaten " + frame["code"],
        province="Provinsi uji",
    )


# 2023 holds most results (the default year); 2025 only 2 (of 10 in 2023); one region only 2019, one
# only 2021, one only 2025.
FRAME = results(
    [(f"73.{i:02d}", 2023, 70.0 + i) for i in range(1, 11)]
    + [("73.01", 2025, 80.0), ("19.01", 2019, 60.0), ("19.02", 2021, 65.0), ("19.03", 2025, 75.0)]
)
CATALOG = catalog_of(FRAME)


def test_catalog_years_codes_and_labels():
    assert CATALOG.years == (2025, 2023, 2021, 2019)
    assert CATALOG.default_year == 2023  # 2025 holds 2 against 10: below a quarter
    assert CATALOG.province_codes == {"73", "19"}
    assert CATALOG.region_years["73.01"] == (2023, 2025)
    assert list(CATALOG.region_labels)[:2] == ["19.01", "19.02"]  # sorted by label
    assert CATALOG.region_labels["19.01"] == "Kabupaten 19.01 (Provinsi uji)"


def test_national_view_falls_back_to_the_default_year():
    assert ViewContext.resolve(ViewState(), CATALOG, FRAME).year == 2023
    assert ViewContext.resolve(ViewState(year=2025), CATALOG, FRAME).year == 2025
    assert ViewContext.resolve(ViewState(year=2018), CATALOG, FRAME).year == 2023


@pytest.mark.parametrize(
    ("region", "asked", "shown"),
    [
        ("73.01", None, 2025),  # no year asked: the region's own latest
        ("73.01", 2023, 2023),  # asked and held
        ("19.01", 2023, 2019),  # asked, but the region has only 2019
        ("19.02", None, 2021),
        ("19.03", 2023, 2025),
    ],
)
def test_region_view_uses_a_year_the_region_has(region, asked, shown):
    ctx = ViewContext.resolve(ViewState(region=region, year=asked), CATALOG, FRAME, "region")
    assert (ctx.region, ctx.year) == (region, shown)


def test_region_view_without_a_region_opens_the_first_by_name():
    ctx = ViewContext.resolve(ViewState(), CATALOG, FRAME, focus="region")
    assert (ctx.region, ctx.year) == ("19.01", 2019)


def test_an_unknown_region_is_not_kept():
    ctx = ViewContext.resolve(ViewState(region="99.99"), CATALOG, FRAME)
    assert ctx.region is None


@pytest.mark.parametrize(("region", "year"), [("19.01", 2019), ("19.02", 2021), ("19.03", 2025)])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_downloads_name_the_method_of_the_year_shown(region, year, lang):
    """A profile showing 2019 must not export a footer naming the 2022–2024 method."""
    ctx = ViewContext.resolve(ViewState(region=region, lang=lang), CATALOG, FRAME, "region")
    source, method = ctx.source_and_method()
    era = for_year(year)
    assert str(year) in method
    assert (era.name_id if lang == "id" else era.name_en) in method
    others = {m.name_id for m in map(for_year, (2019, 2021, 2023, 2025))} - {era.name_id}
    assert not any(name in method for name in others)
    assert source.startswith("Sumber" if lang == "id" else "Source")


def test_demo_downloads_say_so():
    ctx = ViewContext.resolve(ViewState(dataset="contoh"), CATALOG, FRAME)
    assert "DATA CONTOH" in ctx.source_and_method()[0]


def test_for_year_is_the_shown_year():
    ctx = ViewContext.resolve(ViewState(year=2025), CATALOG, FRAME)
    assert set(ctx.for_year()["year"]) == {2025}
    assert ctx.method is for_year(2025)


# Today's map holds governments with no result at all: Kota Cilegon (36.72), and 19.00, which is
# first by name.
ON_MAP = {
    "36.72": "Kota Cilegon (Banten)",
    "19.00": "Kabupaten 19.00 (Provinsi uji)",
    "73.01": "Kabupaten 73.01 (Provinsi uji)",
}
WITH_MAP = catalog_of(FRAME, ON_MAP)


def test_every_government_of_the_map_is_a_region_even_without_a_result():
    assert WITH_MAP.region_labels["36.72"] == "Kota Cilegon (Banten)"
    assert "36.72" not in WITH_MAP.region_years
    assert "36.72" not in WITH_MAP.labels_with_figures
    assert "36" in WITH_MAP.province_codes
    assert len(WITH_MAP.region_labels) == len(CATALOG.region_labels) + 2


def test_a_region_without_a_result_keeps_its_own_page_and_the_asked_year():
    ctx = ViewContext.resolve(ViewState(region="36.72", year=2023), WITH_MAP, FRAME, "region")
    assert (ctx.region, ctx.year) == ("36.72", 2023)


def test_no_region_asked_opens_the_first_region_with_a_figure():
    ctx = ViewContext.resolve(ViewState(), WITH_MAP, FRAME, "region")
    assert next(iter(WITH_MAP.region_labels)) == "19.00"
    assert ctx.region == "19.01"  # not 19.00, which sorts first but has no figure
