"""Pure view helpers: the ranking table as shown, escaping, profile pieces."""

import pandas as pd

from views import compare, profile, tables
from views.format import change_text, escape_md, score_text


def test_ranking_lists_not_assessed_regions_without_a_score(published, gazetteer):
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
    table = tables.ranking_table(
        published,
        year=2023,
        level="kabkota",
        province_code="76",
        regions=gazetteer.regions,
        province_names=names,
        lang="en",
    )
    missing = table[table["score"].isna()]
    assert len(table) == len(gazetteer.regions.query("province_code == '76'"))
    assert (missing["zone_word"] == "Not assessed").all()
    assert missing["rank"].isna().all()


def test_years_with_results_for_a_province(published):
    assert 2023 in tables.years_with_results(published, "kabkota", "73")
    assert 2024 not in tables.years_with_results(published, "kabkota", "73")


def test_labelled_headers_follow_the_language(published, gazetteer):
    table = tables.ranking_table(
        published,
        year=2023,
        level="kabkota",
        province_code="73",
        regions=None,
        province_names={},
        lang="en",
    )
    assert list(tables.labelled(table, "en").columns[:4]) == ["Rank", "Name", "Province", "Score"]


def test_markdown_escaping_neutralises_html_and_links():
    text = escape_md("<img src=x onerror=alert(1)> [a](javascript:x) *b*")
    assert "<" not in text and "](" not in text and "*b*" not in text


def test_numbers_use_the_decimal_comma_in_indonesian():
    assert score_text(77.7, "id") == "77,70" and score_text(77.7, "en") == "77.70"
    assert change_text(-4.6, "id") == "−4,60" and score_text(float("nan")) == "–"


def test_demo_rows_have_no_source_link():
    assert not profile.has_source(pd.Series({"source_url": float("nan")}))
    assert profile.has_source(pd.Series({"source_url": "https://ombudsman.go.id/x"}))


def test_breaks_are_marked_between_eras():
    assert profile.breaks_in([2019, 2021, 2022, 2023, 2025]) == [
        (2019, 2021),
        (2021, 2022),
        (2023, 2025),
    ]


def test_side_by_side_marks_missing_years(published):
    table = compare.side_by_side(published, ["73.08", "73.15"], "id")
    assert list(table.columns) == ["Kabupaten Bone", "Kabupaten Pinrang"]
    assert table.loc[2023, "Kabupaten Bone"] == "82,55 (Hijau)"
