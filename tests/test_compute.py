"""Aggregation, ranking, change and province summaries on small hand-checked frames."""

import numpy as np
import pandas as pd
import pytest

from scoring.compute import (
    add_changes,
    add_ranks,
    display_order,
    grade,
    province_summary,
    score_governments,
    score_items,
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


def results_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2023, 2023, 2023, 2023, 2023, 2023, 2022, 2022, 2021],
            "level": [
                "kabupaten",
                "kabupaten",
                "kota",
                "kabupaten",
                "provinsi",
                "kabupaten",
                "kabupaten",
                "kabupaten",
                "kabupaten",
            ],
            "province_code": ["73", "73", "73", "73", "73", "19", "73", "73", "73"],
            "code": ["73.01", "73.02", "73.71", "73.03", "73", "19.01", "73.01", "73.02", "73.01"],
            "entity": [
                "Bantaeng",
                "Barru",
                "Makassar",
                "Bone",
                "Sulsel",
                "Bangka",
                "Bantaeng",
                "Barru",
                "Bantaeng",
            ],
            "score": [85.40, 85.40, 90.00, 70.00, 60.00, np.nan, 90.00, 70.00, 40.00],
            "zone": [None, None, None, None, None, "kuning", None, None, None],
        }
    )


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    ranked = add_ranks(grade(results_frame()))
    y23 = ranked[ranked["year"] == 2023].set_index("code")
    assert y23.loc[["73.01", "73.02", "73.03"], "rank_province"].tolist() == [1, 1, 3]
    assert y23.loc[["73.71", "73.01", "73.02", "73.03"], "rank_province_kabkota"].tolist() == [
        1,
        2,
        2,
        4,
    ]
    assert y23.loc["73.71", "rank_national"] == 1  # first among kota
    assert pd.isna(y23.loc["73", "rank_province"])  # a pemprov is not ranked in its province
    assert pd.isna(y23.loc["19.01", "rank_national"])  # no score, no rank


def test_printed_zone_is_kept_when_there_is_no_score():
    graded = grade(results_frame()).set_index(["year", "code"])
    assert graded.loc[(2023, "19.01"), "zone"] == "kuning"
    assert graded.loc[(2023, "19.01"), "graded_from"] == "printed"
    assert graded.loc[(2023, "73.01"), "zone"] == "hijau"


def test_change_is_only_within_an_era():
    changed = add_changes(grade(results_frame())).set_index(["year", "code"])
    assert changed.loc[(2023, "73.01"), "prev_year"] == 2022
    assert changed.loc[(2023, "73.01"), "change"] == pytest.approx(-4.60)
    assert changed.loc[(2023, "73.02"), "zone_move"] == "naik"  # kuning → hijau
    assert changed.loc[(2023, "73.01"), "zone_move"] == "tetap"
    assert pd.isna(changed.loc[(2022, "73.01"), "prev_year"])  # 2021 is another era


def test_province_summary_counts_kabkota_and_keeps_the_pemprov_apart():
    summary = province_summary(grade(results_frame()), 2023).set_index("province_code")
    assert summary.loc["73", ["hijau", "kuning", "merah"]].tolist() == [3, 1, 0]
    assert summary.loc["73", "median"] == pytest.approx(85.40)
    assert summary.loc["73", "pemprov_score"] == pytest.approx(60.0)
    assert summary.loc["19", "kuning"] == 1 and summary.loc["19", "assessed"] == 0


def test_display_order_breaks_ties_by_name_and_puts_unscored_last():
    ordered = display_order(results_frame()[lambda f: f["year"] == 2023])
    assert ordered["entity"].tolist() == [
        "Makassar",
        "Bantaeng",
        "Barru",
        "Bone",
        "Sulsel",
        "Bangka",
    ]
