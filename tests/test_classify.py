"""Classification by year: exact boundaries, monotonicity, and the era differences."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.classify import classify, hundredths, round_half_up
from scoring.methodology import for_year

ZONE_ORDER = {"hitam": 0, "merah": 1, "kuning": 2, "hijau": 3}
CATEGORY_ORDER = {"E": 0, "D": 1, "C": 2, "B": 3, "A": 4}
SCORES = st.decimals(min_value=0, max_value=100, places=2).map(float)


def one(score: float, year: int) -> pd.Series:
    return classify(pd.Series([score]), for_year(year)).iloc[0]


@pytest.mark.parametrize(
    ("below", "at", "category_below", "category_at"),
    [
        (31.99, 32.00, "E", "D"),
        (53.99, 54.00, "D", "C"),
        (77.99, 78.00, "C", "B"),
        (87.99, 88.00, "B", "A"),
    ],
)
@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_category_boundaries_are_inclusive_lower_bounds(
    year, below, at, category_below, category_at
):
    assert one(below, year)["category"] == category_below
    assert one(at, year)["category"] == category_at


@pytest.mark.parametrize(
    ("below", "at", "zone_below", "zone_at"),
    [(50.99, 51.00, "merah", "kuning"), (80.99, 81.00, "kuning", "hijau")],
)
@pytest.mark.parametrize("year", [2015, 2017, 2019, 2021])
def test_old_zone_boundaries(year, below, at, zone_below, zone_at):
    assert one(below, year)["zone"] == zone_below
    assert one(at, year)["zone"] == zone_at
    assert pd.isna(one(at, year)["category"])


def test_2025_category_e_is_black_zone_but_2024_is_red():
    assert one(31.99, 2025)["zone"] == "hitam"
    assert one(31.99, 2024)["zone"] == "merah"


def test_opinions_follow_the_era():
    assert one(77.70, 2023)[["zone", "category", "opinion_id"]].tolist() == [
        "kuning",
        "C",
        "Kualitas Sedang",
    ]
    assert one(60.0, 2019)["opinion_id"] == "Kepatuhan Sedang"


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [(77.995, 78.0), (77.994, 77.99), (87.995, 88.0), (31.995, 32.0), (0.125, 0.13)],
)
def test_half_up_rounding_decides_the_band(raw, rounded):
    assert round_half_up(raw) == rounded
    assert hundredths(pd.Series([raw])).iloc[0] == round(rounded * 100)
    assert one(raw, 2023)["category"] == one(rounded, 2023)["category"]


def test_missing_score_gives_missing_grade():
    graded = classify(pd.Series([None, 50.0]), for_year(2023))
    assert graded.iloc[0].isna().all()
    assert graded.iloc[1]["zone"] == "merah"


@given(a=SCORES, b=SCORES, year=st.sampled_from([2016, 2021, 2022, 2023, 2024, 2025]))
def test_classification_is_monotone_in_score(a, b, year):
    low, high = sorted((a, b))
    graded = classify(pd.Series([low, high]), for_year(year))
    zones = graded["zone"].map(ZONE_ORDER)
    assert zones.iloc[0] <= zones.iloc[1]
    if year >= 2022:
        categories = graded["category"].map(CATEGORY_ORDER)
        assert categories.iloc[0] <= categories.iloc[1]


@given(score=SCORES)
def test_vectorised_agrees_with_one_by_one(score):
    scores = pd.Series([score, 100.0, 0.0, score])
    graded = classify(scores, for_year(2023))
    assert graded.iloc[0].equals(graded.iloc[3])
    assert graded.iloc[0]["zone"] == one(score, 2023)["zone"]
