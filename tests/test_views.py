"""Pure view helpers: the ranking table as shown, escaping, profile and comparison pieces.

Behaviour is checked on the fixture dataset (tests/fixtures.py), whose figures are worked out
by hand in that module's docstring; one test reads the real published data, where the real
figure is the point.
"""

import fixtures
import pandas as pd
import pytest

from scoring.pipeline import analyse
from views import compare, profile, queries, rapor, tables
from views.format import change_text, escape_md, score_text


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    """The fixture's published results, graded, ranked and compared as the pages read them."""
    return analyse(fixtures.results())


def row(results: pd.DataFrame, year: int, code: str) -> pd.Series:
    return results[(results["year"] == year) & (results["code"] == code)].iloc[0]


def ranking(results, province_code, lang="id", year=2023, level="kabkota", regions=True):
    return tables.ranking_table(
        results,
        year=year,
        level=level,
        province_code=province_code,
        regions=fixtures.regions() if regions else None,
        province_names=fixtures.province_names(),
        lang=lang,
    )


# --- the ranking table --------------------------------------------------------------------------


def test_ranking_lists_every_region_of_the_province_best_first(results):
    table = ranking(results, "73")
    assert len(table) == 24  # Sulawesi Selatan's 24 kab/kota, 6 of them assessed in 2023
    assert table["display_name"].head(6).tolist() == [
        "Kabupaten Pinrang",  # 92.50
        "Kabupaten Barru",  # 85.40, the tie in alphabetical order
        "Kabupaten Bone",  # 85.40
        "Kota Makassar",  # 85.30
        "Kabupaten Bantaeng",  # 75.50
        "Kota Parepare",  # 50.00
    ]
    assert table["rank"].head(6).tolist() == [1, 2, 2, 4, 5, 6]
    assert table["score"].head(6).tolist() == [92.50, 85.40, 85.40, 85.30, 75.50, 50.00]
    assert (table["province_name"] == "Sulawesi Selatan").all()
    rest = table.iloc[6:]
    assert rest["score"].isna().all() and rest["rank"].isna().all()
    assert (rest["zone_word"] == "Tanpa angka terbitan").all()  # never zero


def test_ranking_shows_a_printed_zone_without_score_or_rank(results):
    table = ranking(results, "19", lang="en").set_index("display_name")
    assert len(table) == 7  # Bangka Belitung's 7 kab/kota
    belitung = table.loc["Kabupaten Belitung"]
    assert belitung["zone_word"] == "Yellow" and pd.isna(belitung["score"])
    assert pd.isna(belitung["rank"])
    missing = ["Kabupaten Bangka Selatan", "Kabupaten Bangka Barat", "Kabupaten Belitung Timur"]
    assert (table.loc[missing, "zone_word"] == "No published figure").all()
    assert table.loc["Kabupaten Bangka Tengah", "rank"] == 1
    assert table.loc["Kota Pangkal Pinang", ["category", "zone_word"]].tolist() == ["E", "Red"]


def test_ranking_shows_the_change_and_zone_move_within_the_era(results):
    table = ranking(results, "73").set_index("display_name")
    assert table.loc["Kabupaten Bone", "change"] == pytest.approx(-4.60)
    assert table.loc["Kabupaten Bone", "zone_move_word"] == "zona tetap"
    assert table.loc["Kabupaten Barru", "zone_move_word"] == "naik zona"
    assert table.loc["Kabupaten Bantaeng", "zone_move_word"] == "turun zona"
    assert pd.isna(table.loc["Kota Parepare", "change"])  # assessed in 2023 only
    # 2022 follows a method break: nothing to compare with.
    y22 = ranking(results, "73", year=2022)
    assert y22["change"].isna().all() and y22["zone_move_word"].isna().all()


def test_national_ranking_of_pemprov_has_no_not_assessed_rows(results):
    table = ranking(results, None, level="provinsi")
    assert table["display_name"].tolist() == [
        "Provinsi Kepulauan Bangka Belitung",  # 80.00
        "Provinsi Sulawesi Selatan",  # 60.00
    ]
    assert table["rank"].tolist() == [1, 2]


def test_ranking_without_regions_lists_only_the_results(results):
    table = ranking(results, "73", year=2021, regions=False)
    assert table["display_name"].tolist() == [
        "Kota Makassar",  # 85.00
        "Kabupaten Pinrang",  # 81.00
        "Kabupaten Bone",  # 80.99
        "Kabupaten Barru",  # 50.99
    ]
    assert table["zone_word"].tolist() == ["Hijau", "Hijau", "Kuning", "Merah"]


def test_ranking_on_the_real_data_puts_pinrang_first_in_sulsel_2023(published, gazetteer):
    names = dict(zip(gazetteer.provinces["code"], gazetteer.provinces["name"], strict=True))
    table = tables.ranking_table(
        published,
        year=2023,
        level="kabkota",
        province_code="73",
        regions=gazetteer.regions,
        province_names=names,
        lang="id",
    )
    assert len(table) == 24  # Sulsel's 24 kab/kota, all published for 2023
    assert table["score"].notna().all()
    assert table.loc[0, "display_name"] == "Kabupaten Pinrang"
    assert table.loc[0, "rank"] == 1


def test_years_with_results_for_a_province(results):
    assert tables.years_with_results(results, "kabkota", "73") == [2023, 2022, 2021]
    assert tables.years_with_results(results, "kota", "19") == [2023, 2022, 2021]
    assert tables.years_with_results(results, "provinsi", None) == [2023, 2022, 2021]
    assert tables.years_with_results(results, "kabkota", "76") == []  # not in the fixture
    only_2023 = results[results["code"] == "73.72"]
    assert tables.years_with_results(only_2023, "kota", "73") == [2023]


def test_labelled_headers_follow_the_language(results):
    table = ranking(results, "73", lang="en", regions=False)
    shown = tables.labelled(table, "en")
    assert list(shown.columns[:4]) == ["Rank", "Name", "Score", "Zone"]  # a phone's first four
    # Numbers stay numbers (a download can sort and sum them); the screen formats them.
    assert shown["Rank"].tolist() == [1, 2, 2, 4, 5, 6]
    assert str(shown["Rank"].dtype) == "Int64"
    indonesian = tables.labelled(ranking(results, "73", lang="id", regions=False), "id")
    assert list(indonesian.columns[:2]) == ["Peringkat", "Nama"]
    assert -4.6 in indonesian["Perubahan"].tolist()
    assert indonesian["Nilai"].round(2).equals(indonesian["Nilai"])


def test_the_screen_writes_numbers_in_the_language_with_signed_changes(results):
    table = ranking(results, "73", lang="id", regions=True)
    shown = tables.labelled(table, "id")
    html = tables.styled(shown, table, "id", "standard").to_html()
    assert "−4,60" in html and "85,40" in html  # decimal comma, typographic minus
    assert "85.40" not in html and "None" not in html and "nan" not in html
    english = tables.labelled(ranking(results, "73", lang="en", regions=True), "en")
    assert "85.40" in tables.styled(english, None, "en", "standard").to_html()


# --- text formatting ----------------------------------------------------------------------------


def test_markdown_escaping_neutralises_html_and_links():
    text = escape_md("<img src=x onerror=alert(1)> [a](javascript:x) *b*")
    assert "<" not in text and "](" not in text and "*b*" not in text


def test_numbers_use_the_decimal_comma_in_indonesian():
    assert score_text(77.7, "id") == "77,70" and score_text(77.7, "en") == "77.70"
    assert change_text(-4.6, "id") == "−4,60" and score_text(float("nan")) == "–"


# --- the profile (rapor) ------------------------------------------------------------------------


def test_demo_rows_have_no_source_link():
    assert not profile.has_source(pd.Series({"source_url": float("nan")}))
    assert profile.has_source(pd.Series({"source_url": "https://ombudsman.go.id/x"}))
    demo = analyse(fixtures.results("contoh"))
    assert not demo.apply(profile.has_source, axis=1).any()


def test_breaks_are_marked_between_eras():
    assert profile.breaks_in([2019, 2021, 2022, 2023, 2025]) == [
        (2019, 2021),
        (2021, 2022),
        (2023, 2025),
    ]
    assert profile.breaks_in([2021, 2022, 2023]) == [(2021, 2022)]  # the fixture's years


def test_rank_text_counts_the_peers_that_have_a_score(results):
    bone = row(results, 2023, "73.08")
    assert profile.rank_text(results, bone, in_province=True) == "2 / 6"
    # Nine of the ten kab/kota in the fixture have a 2023 score (Belitung has a zone only).
    assert profile.rank_text(results, bone, in_province=False) == "3 / 9"
    sulsel = row(results, 2023, "73")
    assert profile.rank_text(results, sulsel, in_province=True) == "–"  # a pemprov
    assert profile.rank_text(results, sulsel, in_province=False) == "2 / 2"
    belitung = row(results, 2023, "19.02")
    assert profile.rank_text(results, belitung, in_province=False) == "–"


def test_medians_compare_with_kabkota_in_the_province_and_the_nation(results):
    bone = queries.medians(results, row(results, 2023, "73.08"))
    assert bone["province"] == pytest.approx((85.40 + 85.30) / 2)
    # 93.71, 92.50, 85.40, 85.40, 85.30, 75.50, 70.00, 50.00, 30.00: the fifth of nine.
    assert bone["national"] == pytest.approx(85.30)
    pemprov = queries.medians(results, row(results, 2023, "19"))
    assert pd.isna(pemprov["province"])
    assert pemprov["national"] == pytest.approx((80.00 + 60.00) / 2)


def test_score_card_delta_and_its_help(results):
    bone = row(results, 2023, "73.08")
    # A fall starts with an ASCII '-', from which Streamlit draws a red down arrow (a
    # typographic minus showed "↑ −4,60" in green).
    assert profile.delta(bone, "id") == "-4,60"
    assert profile.delta(row(results, 2023, "73.11"), "id") == "+15,40"
    assert profile.delta_help(bone, "en") == "Compared with 2022 (same method)"
    bone_2022 = row(results, 2022, "73.08")
    assert profile.delta(bone_2022, "id") is None  # 2021 is another method


def test_grade_text_names_category_and_opinion(results):
    assert profile.grade_text(row(results, 2023, "73.71"), "id") == "B · Kualitas Tinggi"
    assert profile.grade_text(row(results, 2021, "73.71"), "en") == "High compliance"


def test_trend_frame_adds_the_medians_of_the_years_shown(results):
    own = profile.history(results, "73.08")
    trend = profile.trend_frame(results, own, "id")
    assert set(trend["series"]) == {"Kabupaten Bone", "Median provinsi", "Median nasional"}
    bone = trend[trend["series"] == "Kabupaten Bone"]
    assert bone["score"].tolist() == [80.99, 90.00, 85.40]
    province = trend[trend["series"] == "Median provinsi"].set_index("year")["score"]
    # Sulawesi Selatan's kab/kota: 2021 Makassar 85.00, Pinrang 81.00, Bone 80.99, Barru 50.99.
    assert province[2021] == pytest.approx((81.00 + 80.99) / 2)
    assert province[2023] == pytest.approx((85.40 + 85.30) / 2)
    # The medians are reference lines (grey, always named), the region's own line is not.
    assert trend.groupby("series")["reference"].all().to_dict() == {
        "Kabupaten Bone": False,
        "Median provinsi": True,
        "Median nasional": True,
    }


def test_a_region_without_results_is_named_from_the_gazetteer():
    regions, provinces = fixtures.regions(), fixtures.province_names()
    assert profile.gazetteer_entry("19.05", regions, provinces) == {
        "name": "Kabupaten Bangka Barat",
        "province": "Kepulauan Bangka Belitung",
        "level": "kabupaten",
    }
    assert profile.gazetteer_entry("19", None, provinces)["name"] == (
        "Provinsi Kepulauan Bangka Belitung"
    )
    assert profile.gazetteer_entry("99.99", regions, provinces) is None
    assert profile.year_options((2023, 2022, 2021), ()) == [2023, 2022, 2021]
    assert profile.year_options((2023, 2022, 2021), (2021, 2023)) == [2023, 2021]


def test_units_table_lists_makassars_units_best_first():
    shown = profile.units_table(fixtures.units(), 2023, "id")
    # Without the government's name, which the profile's title says: a phone keeps the width.
    assert shown["Unit"].tolist() == [
        "Disdukcapil",  # 90.27
        "Dinas Pendidikan",  # 90.00
        "DPMPTSP",  # 89.23
        "UPT Puskesmas Batua",  # 84.86
        "Dinas Kesehatan",  # 84.37
        "UPT Puskesmas Kassi-Kassi",  # 84.32
        "Dinas Sosial",  # 74.05
    ]
    # Rank, name, score and zone first: what a phone shows without scrolling sideways.
    assert list(shown.columns) == ["No.", "Unit", "Nilai", "Zona", "Kategori", "Jenis lokus"]
    assert shown.iloc[-1].tolist() == [7, "Dinas Sosial", 74.05, "Kuning", "C", "Dinas Sosial"]
    assert shown.iloc[0].tolist()[2:] == [90.27, "Hijau", "A", "Disdukcapil"]


def test_unit_names_lose_only_a_trailing_government_name():
    assert rapor.short_unit("Dinas Sosial Kota Makassar", "Kota Makassar") == "Dinas Sosial"
    assert rapor.short_unit("UPT Puskesmas Batua", "Kota Makassar") == "UPT Puskesmas Batua"
    assert rapor.short_unit("Kota Makassar", "Kota Makassar") == "Kota Makassar"
    assert rapor.short_unit("Dinas Kota Makassar Baru", "Kota Makassar") == (
        "Dinas Kota Makassar Baru"
    )
    assert rapor.short_unit("DPMPTSP Kota Makassar", None) == "DPMPTSP Kota Makassar"


def test_heatmap_frame_names_the_dimensions_in_the_language():
    heat = profile.heatmap_frame(fixtures.dimension_scores(), 2023, "en")
    assert len(heat) == 7 * 4
    assert set(heat["dimension"]) == {"Input", "Process", "Output", "Complaints"}
    cell = heat[(heat["unit"] == "Dinas Sosial") & (heat["dimension"] == "Output")]
    assert cell["score"].tolist() == [60.0]


def test_plan_table_stops_after_the_fix_that_reaches_the_next_grade():
    from scoring.improve import improvement_plan

    plan = improvement_plan(fixtures.indicator_scores(), 2023, 85.30)
    shown = profile.plan_table(plan, 2023, "en", limit=5)
    # The eleventh fix reaches A (see test_improve), so the table runs past the limit to it.
    assert len(shown) == 11
    assert shown["Reaches"].tolist() == [""] * 10 + ["A"]
    assert shown["Variable"].iloc[0] == "Complaint handling"
    # Worded, not "Indicator 1": DPMPTSP's six pengaduan indicators, in their order.
    assert shown["Indicator"].iloc[0] == "Decree naming the complaint team or officer"
    assert not shown["Indicator"].str.startswith("Indicator").any()
    assert list(shown.columns)[:3] == ["No.", "Indicator", "Gain in government score"]
    assert shown["Score after fixes"].iloc[-1] == pytest.approx(round(85.30 + 11 * 10.77 / 42, 2))


# --- the comparison page ------------------------------------------------------------------------


def test_side_by_side_marks_missing_years(results):
    table = compare.side_by_side(results, ["73.08", "73.72", "19.02"], "id")
    assert list(table.columns) == ["Kabupaten Belitung", "Kabupaten Bone", "Kota Parepare"]
    assert table.index.tolist() == [2023, 2022, 2021]
    assert table.index.name == "Tahun"
    assert table.loc[2023, "Kabupaten Bone"] == "85,40 (Hijau)"
    assert table.loc[2021, "Kabupaten Bone"] == "80,99 (Kuning)"
    assert table.loc[2022, "Kota Parepare"] == "Tanpa angka terbitan"
    assert table.loc[2023, "Kabupaten Belitung"] == "– (Kuning)"  # a printed zone, no score


def test_dimension_means_average_a_regions_units():
    names = pd.Series({"73.71": "Kota Makassar"})
    means = compare.dimension_means({"73.71": fixtures.dimension_scores()}, names, 2023, "id")
    assert means["dimension"].tolist() == ["Input", "Proses", "Output", "Pengaduan"]
    # Pengaduan: (50 + 80 + 90 + 80 + 70 + 70 + 50) / 7.
    assert means["score"].tolist() == pytest.approx(
        [
            (100 + 90 + 90 + 100 + 70 + 80 + 80) / 7,
            (100 + 90 + 90 + 80 + 90 + 100 + 100) / 7,
            (100 + 100 + 90 + 80 + 60 + 80 + 100) / 7,
            (50 + 80 + 90 + 80 + 70 + 70 + 50) / 7,
        ]
    )


# --- read back from a database, as the pages read it --------------------------------------------


def test_profile_pieces_read_back_from_the_fixture_database(fixture_engine):
    from scoring import store
    from scoring.improve import improvement_plan

    published = analyse(store.read(fixture_engine, "results", "resmi"))
    assert len(published) == 33
    bone = row(published, 2023, "73.08")
    assert profile.rank_text(published, bone, in_province=True) == "2 / 6"
    assert profile.has_source(bone)
    # Published data holds units but no dimension or indicator scores: the page asks for demo.
    units = store.read(fixture_engine, "units", "resmi", code="73.71")
    assert profile.units_table(units, 2023, "en")["Score"].max() == 90.27
    assert store.read(fixture_engine, "dimensions", "resmi", code="73.71").empty
    demo = analyse(store.read(fixture_engine, "results", "contoh"))
    assert not profile.has_source(row(demo, 2023, "73.08"))
    dims = store.read(fixture_engine, "dimensions", "contoh", code="73.71")
    assert len(profile.heatmap_frame(dims, 2023, "id")) == 28
    items = store.read(fixture_engine, "indicators", "contoh", code="73.71", year=2023)
    assert len(items) == 7 * 40
    plan = improvement_plan(items, 2023, float(row(demo, 2023, "73.71")["score"]))
    assert plan["reaches"].dropna().tolist() == ["A"]
    assert plan["reaches"].notna().to_numpy().nonzero()[0].tolist() == [10]  # the 11th fix


def test_a_missing_or_unsafe_source_shows_blank_on_screen(results):
    table = ranking(results, "73", lang="id", regions=True)
    table.loc[0, "source_url"] = "javascript:alert(1)"
    screen = tables.styled(tables.labelled(table, "id"), table, "id", "standard").data
    assert screen.loc[0, "Sumber"] == ""
    assert not screen["Sumber"].isna().any()
    assert screen["Sumber"].iloc[-1] == ""  # a region with no figure has no source


def test_a_group_zone_and_disagreeing_sources_are_noted_in_the_ranking(results):
    flagged = results.assign(
        zone_derived=results["code"].eq("73.11"),
        sources_disagree=results["code"].isin(["73.11", "73.08"]),
    )
    table = ranking(flagged, "73", lang="id", regions=False).set_index("code")
    assert table.loc["73.11", "caveat"] == (
        "zona dinyatakan untuk sekelompok daerah, bukan per nama; "
        "sumber lain menyebut angka berbeda (lihat profil)"
    )
    assert table.loc["73.08", "caveat"] == "sumber lain menyebut angka berbeda (lihat profil)"
    assert table["caveat"].isna().sum() == len(table) - 2
    shown = tables.labelled(table.reset_index(), "id")
    assert (shown["Catatan"] == "–").sum() == len(table) - 2
