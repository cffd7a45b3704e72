"""Who wins what at the ceremony, on the fixture dataset (figures worked out in fixtures.py).

Sulawesi Selatan 2023, kab/kota: Pinrang 92.50 (A), Barru and Bone 85.40 and Makassar 85.30
(B), Bantaeng 75.50 (C), Parepare 50.00 (D). Against 2022 (same era): Barru +15.40 and
Makassar +7.31 (both kuning to hijau), Pinrang +4.50, Bantaeng −4.50, Bone −4.60; Parepare has
no 2022 row.
Makassar's seven units are the only unit scores.
"""

import fixtures
import pandas as pd
import pytest

from scoring.pipeline import analyse
from views.awards import awards


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    return analyse(fixtures.results())


def by_key(found) -> dict:
    return {award.key: award for award in found}


def names(award) -> list[str]:
    return [w.name for w in award.winners]


def test_sulsel_2023_awards_in_ceremony_order(results):
    found = awards(
        results, year=2023, level="kabkota", province_code=fixtures.SULSEL, units=fixtures.units()
    )
    assert [a.key for a in found] == [
        "category_a",
        "category_b",
        "most_improved",
        "zone_up",
        "best_unit",
    ]
    won = by_key(found)
    assert names(won["category_a"]) == ["Kabupaten Pinrang"]
    # Equal scores in alphabetical order, as the ranking shows them.
    assert names(won["category_b"]) == ["Kabupaten Barru", "Kabupaten Bone", "Kota Makassar"]


def test_most_improved_is_the_largest_rise_within_the_era(results):
    won = by_key(awards(results, year=2023, level="kabkota", province_code=fixtures.SULSEL))
    improved = won["most_improved"].winners
    assert [(w.name, w.change, w.prev_year) for w in improved] == [
        ("Kabupaten Barru", 15.40, 2022),
        ("Kota Makassar", 7.31, 2022),
        ("Kabupaten Pinrang", 4.50, 2022),
    ]


def test_a_rise_across_a_method_break_wins_nothing(results):
    """2022 is the first year of its era: nothing to compare with, so no rise and no zone move."""
    won = by_key(awards(results, year=2022, level="kabkota", province_code=fixtures.SULSEL))
    assert "most_improved" not in won
    assert "zone_up" not in won


def test_zone_up_names_the_zone_before_and_after(results):
    """Barru 70.00 → 85.40 and Makassar 77.99 → 85.30 leave kuning for hijau; Bantaeng
    falls out of hijau, Bone stays in it."""
    won = by_key(awards(results, year=2023, level="kabkota", province_code=fixtures.SULSEL))
    assert [(w.name, w.prev_zone, w.zone, w.prev_year) for w in won["zone_up"].winners] == [
        ("Kabupaten Barru", "kuning", "hijau", 2022),
        ("Kota Makassar", "kuning", "hijau", 2022),
    ]


def test_babel_zone_up_from_merah_to_kuning_and_a_fall_within_merah_is_no_move(results):
    won = by_key(awards(results, year=2023, level="kabkota", province_code=fixtures.BABEL))
    assert [(w.name, w.prev_zone, w.zone) for w in won["zone_up"].winners] == [
        ("Kabupaten Bangka", "merah", "kuning")
    ]
    assert names(won["category_a"]) == ["Kabupaten Bangka Tengah"]
    assert "category_b" not in won  # nobody won it: no slide


def test_best_units_are_graded_by_the_year_and_name_their_government(results):
    won = by_key(
        awards(
            results,
            year=2023,
            level="kabkota",
            province_code=fixtures.SULSEL,
            units=fixtures.units(),
        )
    )
    best = won["best_unit"].winners
    assert [(w.name, w.score, w.category, w.unit_of) for w in best] == [
        ("Disdukcapil Kota Makassar", 90.27, "A", "Kota Makassar"),
        ("Dinas Pendidikan Kota Makassar", 90.00, "A", "Kota Makassar"),
        ("DPMPTSP Kota Makassar", 89.23, "A", "Kota Makassar"),
    ]
    # Units of another province's governments never win here.
    babel = by_key(
        awards(
            results,
            year=2023,
            level="kabkota",
            province_code=fixtures.BABEL,
            units=fixtures.units(),
        )
    )
    assert "best_unit" not in babel


def _as_2025(printed: dict[str, str]) -> pd.DataFrame:
    """The fixture's 2023 Sulsel rows moved to 2025, with the given printed opinions."""
    rows = fixtures.results()
    rows = rows[(rows["year"] == 2023) & (rows["province_code"] == fixtures.SULSEL)].copy()
    rows["year"] = 2025
    rows["category"] = rows["entity"].map(printed)
    return analyse(rows)


def test_tanpa_maladministrasi_only_where_printed_and_only_from_2025(results):
    printed = {
        "Kabupaten Pinrang": "Opini Kualitas Tertinggi Tanpa Maladministrasi",
        "Kota Makassar": "kualitas tinggi tanpa maladministrasi (as printed)",
        "Kabupaten Bone": "Kualitas Tinggi",
    }
    won = by_key(awards(_as_2025(printed), year=2025, level="kabkota", province_code="73"))
    assert names(won["tanpa_maladministrasi"]) == ["Kabupaten Pinrang", "Kota Makassar"]
    # Before 2025 the opinion has no such suffix: printed text alone gives no award.
    earlier = by_key(awards(results, year=2023, level="kabkota", province_code="73"))
    assert "tanpa_maladministrasi" not in earlier


def test_national_scope_and_pemprov_level(results):
    nation = by_key(awards(results, year=2023, level="kabkota", province_code=None))
    assert names(nation["category_a"]) == ["Kabupaten Bangka Tengah", "Kabupaten Pinrang"]
    pemprov = by_key(awards(results, year=2023, level="provinsi", province_code=None))
    assert "category_a" not in pemprov
    assert names(pemprov["category_b"]) == ["Provinsi Kepulauan Bangka Belitung"]
