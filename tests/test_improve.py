"""'What to fix first' follows the weights: the computed gain is the real score change."""

import fixtures
import pandas as pd
import pytest

from scoring.compute import score_dimensions, score_governments, score_units_from_dimensions
from scoring.improve import (
    dimension_costs,
    improvement_plan,
    indicator_costs,
    indicator_gains,
    next_grade_gap,
)
from scoring.methodology import for_year


def indicators(scores_by_dimension: dict[str, float], units=("Dinsos", "Dukcapil")):
    rows = []
    for opd in units:
        for dimension in for_year(2023).dimensions:
            for variable in dimension.variables:
                for number in range(1, variable.indicators + 1):
                    rows.append(
                        (
                            2023,
                            "Prov",
                            "Kab X",
                            opd,
                            "lainnya",
                            dimension.key,
                            variable.key,
                            number,
                            scores_by_dimension[dimension.key],
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
            "dimension",
            "variable",
            "indicator",
            "score",
        ],
    )


def government_score(frame: pd.DataFrame) -> float:
    units = score_units_from_dimensions(score_dimensions(frame))
    return float(score_governments(units)["score"].iloc[0])


def test_gain_equals_the_recomputed_score_change():
    frame = indicators({"input": 60, "proses": 70, "output": 80, "pengaduan": 40})
    gains = indicator_gains(frame, 2023)
    best = gains.iloc[0]
    fixed = frame.copy()
    hit = (
        (fixed["opd"] == best["opd"])
        & (fixed["variable"] == best["variable"])
        & (fixed["indicator"] == best["indicator"])
    )
    fixed.loc[hit, "score"] = 100
    assert government_score(fixed) - government_score(frame) == pytest.approx(best["gain"])


def test_weak_heavy_dimension_comes_first():
    # Proses weighs most and has 11 indicators; pengaduan is weaker but spread over 6.
    frame = indicators({"input": 100, "proses": 50, "output": 100, "pengaduan": 50})
    first = indicator_gains(frame, 2023).iloc[0]
    per_pengaduan = 50 * 0.2154 / 6 / 2
    per_proses = 50 * 0.3237 / 11 / 2
    assert first["dimension"] == ("pengaduan" if per_pengaduan > per_proses else "proses")


def test_plan_marks_the_fix_that_reaches_the_next_category():
    frame = indicators({"input": 70, "proses": 70, "output": 70, "pengaduan": 70})
    score = government_score(frame)
    plan = improvement_plan(frame, 2023, score)
    reached = plan.dropna(subset=["reaches"])
    assert reached.iloc[0]["reaches"] == "B"
    assert reached.iloc[0]["cumulative_score"] >= 78.0
    before = plan.loc[: reached.index[0]].iloc[:-1]
    assert (before["cumulative_score"] < 78.0).all()


def test_next_grade_gap():
    assert next_grade_gap(77.70, 2023) == ("B", pytest.approx(0.30))
    assert next_grade_gap(95.0, 2023) == (None, 0.0)
    assert next_grade_gap(50.0, 2019) == ("kuning", pytest.approx(1.0))


def test_no_plan_when_weights_are_unknown():
    frame = indicators({"input": 70, "proses": 70, "output": 70, "pengaduan": 70})
    assert indicator_gains(frame.assign(year=2025), 2025).empty


def test_plan_for_the_fixtures_makassar_2023():
    # Seven units; the biggest gap is a pengaduan indicator at 50 (DPMPTSP and Puskesmas Batua,
    # six each): (100 - 50) × 21.54 % / 1 variable / 6 indicators / 7 units = 10.77 / 42 points.
    items = fixtures.indicator_scores()
    assert next_grade_gap(85.30, 2023) == ("A", pytest.approx(2.70))
    plan = improvement_plan(items, 2023, 85.30)
    top = plan.head(12)
    assert top["dimension"].eq("pengaduan").all()
    assert top["opd"].tolist() == ["DPMPTSP Kota Makassar"] * 6 + ["UPT Puskesmas Batua"] * 6
    assert top["gain"].to_numpy() == pytest.approx([10.77 / 42] * 12)
    # Ten fixes reach 85.30 + 10 × 0.2564 = 87.86 (still B); the eleventh reaches A.
    assert plan["cumulative_score"].iloc[9] == pytest.approx(85.30 + 10 * 10.77 / 42)
    assert plan["reaches"].iloc[:10].isna().all()
    assert plan["reaches"].iloc[10] == "A"
    assert plan["reaches"].iloc[11:].isna().all()
    # Indicators already at 100 offer nothing. Per unit: input 15, proses 11, output 8 and
    # pengaduan 6 indicators; at 100 are DPMPTSP's input, proses, output (34), Disdukcapil's
    # output (8), Dinas Kesehatan's input (15), Kassi-Kassi's proses (11), Batua's proses and
    # output (19).
    assert len(plan) == 7 * 40 - (34 + 8 + 15 + 11 + 19)


def test_a_dimensions_cost_is_the_score_gained_by_raising_it_everywhere():
    frame = indicators({"input": 60, "proses": 70, "output": 80, "pengaduan": 40})
    dims = score_dimensions(frame)
    costs = dimension_costs(dims, 2023).set_index("dimension")
    for dimension in ("input", "pengaduan"):
        fixed = frame.assign(score=frame["score"].where(frame["dimension"] != dimension, 100))
        gained = government_score(fixed) - government_score(frame)
        assert costs.loc[dimension, "cost"] == pytest.approx(gained)
    # Pengaduan: 60 points short × 21.54 % = 12.92 points, more than input's 40 × 21.85 %.
    assert costs.index[0] == "pengaduan"
    assert costs.loc["pengaduan", "cost"] == pytest.approx(60 * 0.2154)


def test_dimension_costs_of_the_fixtures_makassar():
    costs = dimension_costs(fixtures.dimension_scores(), 2023)
    assert costs["dimension"].tolist()[0] == "pengaduan"
    # (50 + 80 + 90 + 80 + 70 + 70 + 50) / 7 = 70, so 30 points short × 21.54 %.
    assert costs["mean"].iloc[0] == pytest.approx(70.0)
    assert costs["cost"].iloc[0] == pytest.approx(30 * 0.2154)


def test_without_weights_dimensions_rank_by_their_mean_and_cost_nothing():
    costs = dimension_costs(fixtures.dimension_scores().assign(year=2025), 2025)
    assert costs["dimension"].iloc[0] == "pengaduan"
    assert costs["cost"].isna().all()


def test_an_indicators_cost_is_the_score_gained_by_fixing_it_in_every_unit():
    frame = indicators({"input": 60, "proses": 70, "output": 80, "pengaduan": 40})
    frame.loc[(frame["opd"] == "Dinsos") & (frame["variable"] == "sarana_prasarana"), "score"] = 100
    costs = indicator_costs(frame, 2023)
    top = costs.iloc[0]
    hit = (frame["variable"] == top["variable"]) & (frame["indicator"] == top["indicator"])
    gained = government_score(frame.assign(score=frame["score"].where(~hit, 100)))
    assert gained - government_score(frame) == pytest.approx(top["cost"])
    assert top["variable"] == "pengelolaan_pengaduan" and top["units_below"] == 2
    facilities = costs[costs["variable"] == "sarana_prasarana"]
    assert (facilities["units_below"] == 1).all()  # Dinsos already at 100
    assert indicator_costs(frame.assign(year=2025), 2025).empty


def test_a_top_category_region_still_gets_a_plan():
    # Every indicator at 95: category A, nothing to reach, yet fixes that gain points remain.
    frame = indicators({"input": 95, "proses": 95, "output": 95, "pengaduan": 95})
    score = government_score(frame)
    assert next_grade_gap(score, 2023) == (None, 0.0)
    plan = improvement_plan(frame, 2023, score)
    assert len(plan) == 2 * 40
    assert plan["reaches"].isna().all()
    assert plan["cumulative_score"].iloc[-1] == pytest.approx(100.0)
