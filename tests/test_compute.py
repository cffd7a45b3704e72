"""Aggregation, ranking, change and province summaries on small hand-checked frames.

Ranks, grades and changes are checked on the fixture dataset (tests/fixtures.py); every
expected figure below is worked out by hand from the table in that module's docstring.
"""

import fixtures
import numpy as np
import pandas as pd
import pytest

from scoring.compute import (
    add_changes,
    add_ranks,
    display_order,
    grade,
    score_dimensions,
    score_governments,
    score_items,
    score_units_from_dimensions,
)
from scoring.methodology import for_year


def items_for_unit(opd: str, per_dimension: dict[str, float], year: int = 2023) -> pd.DataFrame:
    """Every indicator of every variable, both products, scored so each dimension hits a value."""
    rows = []
    for dimension in for_year(year).dimensions:
        target = per_dimension[dimension.key]
        for variable in dimension.variables:
            for indicator in range(1, variable.indicators + 1):
                for product in (1, 2):
                    rows.append(
                        (
                            year,
                            "Sulawesi Selatan",
                            "Kabupaten Bone",
                            opd,
                            "dinas_sosial",
                            product,
                            dimension.key,
                            variable.key,
                            indicator,
                            target * 3 / 100,
                        )
                    )
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "province",
            "pemda",
            "opd",
            "unit_type",
            "product",
            "dimension",
            "variable",
            "indicator",
            "item_score",
        ],
    )


def test_unit_score_is_the_weighted_sum_of_dimensions():
    items = items_for_unit("Dinsos", {"input": 100, "proses": 50, "output": 0, "pengaduan": 100})
    units = score_items(items)
    expected = (21.85 * 100 + 32.37 * 50 + 24.24 * 0 + 21.54 * 100) / 100
    assert units["score"].iloc[0] == pytest.approx(expected)


def test_items_average_over_products_and_scale_to_100():
    items = items_for_unit("Dinsos", dict.fromkeys(["input", "proses", "output", "pengaduan"], 0))
    items.loc[items["product"] == 1, "item_score"] = 3.0  # product 2 stays 0 → 50 everywhere
    assert score_items(items)["score"].iloc[0] == pytest.approx(50.0)


def test_a_unit_missing_a_dimension_gets_no_score():
    items = items_for_unit("Dinsos", dict.fromkeys(["input", "proses", "output", "pengaduan"], 80))
    units = score_items(items[items["dimension"] != "pengaduan"])
    assert units["score"].isna().all()


def test_government_score_is_the_unweighted_mean_of_its_units():
    # Bangka Tengah 2023 in DOMAIN.md: seven units averaging to the published 93.71.
    units = pd.DataFrame(
        {
            "year": 2023,
            "province": "Babel",
            "pemda": "Kabupaten Bangka Tengah",
            "score": [95.0, 92.0, 94.0, 93.0, 94.97, 92.0, 95.0],
        }
    )
    governments = score_governments(units)
    assert governments["score"].iloc[0] == pytest.approx(np.mean(units["score"]))
    assert governments["units"].iloc[0] == 7


# --- the fixture's complete unit set: Kota Makassar 2023 ----------------------------------------

MAKASSAR_UNITS = {
    "DPMPTSP Kota Makassar": 89.23,  # 21.85 + 32.37 + 24.24 + 21.54 / 2
    "Disdukcapil Kota Makassar": 90.27,
    "Dinas Pendidikan Kota Makassar": 90.00,
    "Dinas Kesehatan Kota Makassar": 84.37,
    "Dinas Sosial Kota Makassar": 74.05,
    "UPT Puskesmas Kassi-Kassi": 84.32,
    "UPT Puskesmas Batua": 84.86,
}


def test_indicator_scores_average_up_to_the_stored_dimension_scores():
    dimensions = score_dimensions(fixtures.indicator_scores()).set_index(["opd", "dimension"])
    assert dimensions.loc[("DPMPTSP Kota Makassar", "pengaduan"), "score"] == pytest.approx(50)
    assert dimensions.loc[("Dinas Sosial Kota Makassar", "proses"), "score"] == pytest.approx(90)
    assert dimensions.loc[("UPT Puskesmas Batua", "input"), "score"] == pytest.approx(80)
    stored = fixtures.dimension_scores().set_index(["opd", "dimension"])["score"]
    assert len(dimensions) == len(stored) == 7 * 4
    assert dimensions["score"].sort_index().to_numpy() == pytest.approx(
        stored.sort_index().to_numpy()
    )


def test_unit_scores_are_the_weighted_dimension_scores_and_their_mean_the_government():
    units = score_units_from_dimensions(fixtures.dimension_scores()).set_index("opd")["score"]
    assert units.round(2).to_dict() == MAKASSAR_UNITS
    stored = fixtures.units().set_index("opd")["score"]
    assert stored.to_dict() == MAKASSAR_UNITS
    government = score_governments(fixtures.units())
    assert government[["pemda", "code", "units"]].values.tolist() == [["Kota Makassar", "73.71", 7]]
    assert government["score"].iloc[0] == pytest.approx(597.10 / 7)
    assert round(597.10 / 7, 2) == 85.30  # the published government score in the results
    results = fixtures.results().set_index(["year", "code"])
    assert results.loc[(2023, "73.71"), "score"] == 85.30


# --- grades, ranks, changes on the fixture results ----------------------------------------------


def graded() -> pd.DataFrame:
    return grade(fixtures.results())


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    ranked = add_ranks(graded())
    y23 = ranked[ranked["year"] == 2023].set_index("code")
    # Sulawesi Selatan's kabupaten: Pinrang 92.50, Bone = Barru 85.40, Bantaeng 75.50.
    assert y23.loc[["73.15", "73.08", "73.11", "73.03"], "rank_province"].tolist() == [1, 2, 2, 4]
    # ... and with its kota: Makassar 85.30 comes after the tie, Parepare 50.00 last.
    kabkota = ["73.15", "73.08", "73.11", "73.71", "73.03", "73.72"]
    assert y23.loc[kabkota, "rank_province_kabkota"].tolist() == [1, 2, 2, 4, 5, 6]
    # Nationally: Bangka Tengah 93.71 is first, the tie is 3rd and 3rd, Makassar 5th.
    national = ["19.04", "73.15", "73.08", "73.11", "73.71"]
    assert y23.loc[national, "rank_national_kabkota"].tolist() == [1, 2, 3, 3, 5]
    assert y23.loc["73.71", "rank_national"] == 1  # first among the kota
    assert y23.loc["19.71", "rank_national"] == 3  # Pangkal Pinang, last of three kota
    assert y23.loc[["19", "73"], "rank_national"].tolist() == [1, 2]  # 80.00 and 60.00
    assert pd.isna(y23.loc["73", "rank_province"])  # a pemprov is not ranked in its province
    assert pd.isna(y23.loc["19.02", "rank_national"])  # no score, no rank
    assert pd.isna(y23.loc["19.02", "rank_province_kabkota"])


def test_ranks_are_per_year():
    ranked = add_ranks(graded()).set_index(["year", "code"])
    assert ranked.loc[(2022, "73.08"), "rank_province"] == 1  # Bone 90.00 led in 2022
    assert ranked.loc[(2021, "73.71"), "rank_province_kabkota"] == 1  # Makassar 85.00 in 2021


def test_printed_zone_is_kept_when_there_is_no_score():
    frame = graded().set_index(["year", "code"])
    assert frame.loc[(2023, "19.02"), "zone"] == "kuning"
    assert frame.loc[(2023, "19.02"), "graded_from"] == "printed"
    assert frame.loc[(2023, "73.08"), "zone"] == "hijau"
    assert frame.loc[(2023, "73.08"), "graded_from"] == "score"


def test_a_computed_grade_wins_over_a_printed_one():
    results = fixtures.results()
    results.loc[results["year"].eq(2023) & results["code"].eq("73.15"), "zone"] = "merah"
    frame = grade(results).set_index(["year", "code"])
    assert frame.loc[(2023, "73.15"), "zone"] == "hijau"  # 92.50
    assert frame.loc[(2023, "73.15"), "zone_printed"] == "merah"


def test_band_edges_follow_the_era():
    frame = graded().set_index(["year", "code"])
    # 2021: hijau from 81.00, kuning from 51.00, no categories.
    assert frame.loc[(2021, "73.15"), "zone"] == "hijau"  # 81.00
    assert frame.loc[(2021, "73.08"), "zone"] == "kuning"  # 80.99
    assert frame.loc[(2021, "73.11"), "zone"] == "merah"  # 50.99
    assert frame.loc[2021, "category_calc"].isna().all()
    # 2022: A from 88.00, C below 78.00, D below 54.00.
    assert frame.loc[(2022, "73.15"), ["category", "zone"]].tolist() == ["A", "hijau"]  # 88.00
    assert frame.loc[(2022, "73.71"), ["category", "zone"]].tolist() == ["C", "kuning"]  # 77.99
    assert frame.loc[(2022, "19.01"), ["category", "zone"]].tolist() == ["D", "merah"]  # 53.99
    assert frame.loc[(2023, "19.71"), ["category", "zone"]].tolist() == ["E", "merah"]  # 30.00


def test_change_is_only_within_an_era():
    changed = add_changes(graded()).set_index(["year", "code"])
    assert changed.loc[(2023, "73.08"), "prev_year"] == 2022
    assert changed.loc[(2023, "73.08"), "change"] == pytest.approx(-4.60)  # 90.00 → 85.40
    assert changed.loc[(2023, "73.08"), "zone_move"] == "tetap"  # hijau → hijau
    assert changed.loc[(2023, "73.11"), "change"] == pytest.approx(15.40)  # 70.00 → 85.40
    assert changed.loc[(2023, "73.11"), "zone_move"] == "naik"  # kuning → hijau
    assert changed.loc[(2023, "73.03"), "change"] == pytest.approx(-4.50)  # 80.00 → 75.50
    assert changed.loc[(2023, "73.03"), "zone_move"] == "turun"  # hijau → kuning
    assert changed.loc[(2023, "19.71"), "zone_move"] == "tetap"  # D → E, merah both years
    # 2021 is another era: 2022 has nothing to compare with.
    assert changed.loc[2022, "prev_year"].isna().all()
    assert changed.loc[2022, "zone_move"].isna().all()
    # Parepare was assessed in 2023 only.
    assert pd.isna(changed.loc[(2023, "73.72"), "prev_year"])
    assert pd.isna(changed.loc[(2023, "73.72"), "zone_move"])


def test_no_change_without_a_score_but_the_printed_zone_still_moves():
    changed = add_changes(graded()).set_index(["year", "code"])
    assert changed.loc[(2023, "19.02"), "prev_year"] == 2022  # Belitung: 60.00, then zone only
    assert pd.isna(changed.loc[(2023, "19.02"), "change"])
    assert changed.loc[(2023, "19.02"), "zone_move"] == "tetap"  # kuning → kuning (printed)


def test_display_order_breaks_ties_by_name_and_puts_unscored_last():
    ordered = display_order(fixtures.results()[lambda f: f["year"] == 2023])
    assert ordered["code"].tolist() == [
        "19.04",  # 93.71
        "73.15",  # 92.50
        "73.11",  # 85.40 Barru before Bone
        "73.08",  # 85.40
        "73.71",  # 85.30
        "19",  # 80.00
        "73.03",  # 75.50
        "19.01",  # 70.00
        "73",  # 60.00
        "73.72",  # 50.00
        "19.71",  # 30.00
        "19.02",  # no score
    ]


# --- through the pipeline: stored rows → the analysis frame the pages read ----------------------


@pytest.fixture(scope="module")
def analysed() -> pd.DataFrame:
    from scoring.pipeline import analyse

    return analyse(fixtures.results()).set_index(["year", "code"])


def test_pipeline_names_governments_the_official_way(analysed):
    assert analysed.loc[(2023, "73"), "display_name"] == "Provinsi Sulawesi Selatan"
    assert analysed.loc[(2023, "19.71"), "display_name"] == "Kota Pangkal Pinang"
    assert analysed.loc[(2023, "73.08"), "display_name"] == "Kabupaten Bone"


def test_pipeline_reads_printed_categories_and_grades_scores(analysed):
    assert analysed.loc[(2023, "19.02"), "category"] == "C"  # printed "C (Kualitas Sedang)"
    assert analysed.loc[(2023, "19.02"), "zone"] == "kuning"
    assert analysed.loc[(2023, "73.15"), ["category", "opinion_id"]].tolist() == [
        "A",
        "Kualitas Tertinggi",
    ]
    assert analysed.loc[(2021, "19.04"), "opinion_id"] == "Kepatuhan Tinggi"  # 88.00 in 2021
    assert pd.isna(analysed.loc[(2021, "19.04"), "category"])


def test_pipeline_ranks_and_compares(analysed):
    y23 = analysed.loc[2023]
    assert y23.loc[["73.08", "73.11", "73.71"], "rank_province_kabkota"].tolist() == [2, 2, 4]
    assert y23.loc["73.71", "change"] == pytest.approx(7.31)  # 77.99 → 85.30
    assert y23.loc["73.71", "zone_move"] == "naik"
    assert y23.loc["19.01", "change"] == pytest.approx(16.01)  # 53.99 → 70.00
    assert y23.loc["19.01", "zone_move"] == "naik"  # merah → kuning
    assert y23.loc["73", "change"] == pytest.approx(-5.00)
    moves = y23["zone_move"].value_counts().to_dict()
    # naik: Barru, Makassar, Bangka; turun: Bantaeng; tetap: the other seven with a 2022 row.
    assert moves == {"tetap": 7, "naik": 3, "turun": 1}
