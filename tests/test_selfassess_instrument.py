"""The self-assessment instrument against its era's methodology, and the self-estimate against
the regular scoring pipeline: random answers written as an item file and scored by `scoring
score` give exactly the estimate the checklist shows."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import cli
from scoring.compute import score_dimensions, score_indicators, score_items
from scoring.frames import ITEM_COLUMNS
from scoring.importing import load
from scoring.methodology import MethodologyError, for_year
from scoring.selfassess.instrument import LEVELS, has_instrument, instrument_for
from scoring.selfassess.predict import estimate, units_of

YEARS = (2022, 2023, 2024)


@pytest.mark.parametrize("year", YEARS)
def test_every_indicator_maps_to_its_variable_dimension_and_weight(year: int) -> None:
    method = for_year(year)
    instrument = instrument_for(year)
    weights = {d.key: d.weight for d in method.dimensions}
    counts = {(d.key, v.key): v.indicators for d in method.dimensions for v in d.variables}
    seen: dict[tuple[str, str], list[int]] = {}
    for item in instrument.indicators:
        assert (item.dimension, item.variable) in counts, item.key
        assert item.weight == weights[item.dimension]
        seen.setdefault((item.dimension, item.variable), []).append(item.number)
        assert item.text_id and item.text_en and item.basis_id and item.basis_en
        assert len(item.levels_id) == len(item.levels_en) == len(LEVELS)
        assert all(item.levels_id) and all(item.levels_en)
        assert item.evidence and set(item.evidence) <= instrument.evidence.keys()
        assert item.paraphrase  # no official item list is published
    assert seen == {key: list(range(1, n + 1)) for key, n in counts.items()}
    assert sum({i.dimension: i.weight for i in instrument.indicators}.values()) == pytest.approx(
        100
    )


def test_eras_without_weights_or_instrument_have_no_checklist() -> None:
    assert not has_instrument(2025)  # weights unknown: no estimate can be computed
    assert not has_instrument(2021)
    with pytest.raises(MethodologyError):
        instrument_for(2025)


def test_meanings_rise_from_nothing_to_complete() -> None:
    item = instrument_for(2023).by_key()["standar_pelayanan.9"]
    assert "maklumat" in item.evidence
    assert item.level(0, "id") == "Belum ditetapkan"
    assert "elektronik" in item.level(3, "id")


GOVERNMENT, CODE, YEAR = "Kabupaten Bangka", "19.01", 2023
UNITS = units_of("kabupaten", GOVERNMENT, YEAR)
KEYS = [(i.variable, i.number) for i in instrument_for(YEAR).indicators]
ANSWER = st.one_of(st.none(), st.sampled_from(LEVELS))


def _answers(drawn: list[list[int | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (unit.key, variable, number, score)
            for unit, row in zip(UNITS, drawn, strict=True)
            for (variable, number), score in zip(KEYS, row, strict=True)
            if score is not None
        ],
        columns=["unit", "variable", "indicator", "score"],
    )


def _item_file(drawn: list[list[int | None]], folder: Path) -> Path:
    """The same answers as an assessment file: every item of every unit, unanswered as 0."""
    instrument = instrument_for(YEAR).by_key()
    rows = [
        {
            "year": YEAR,
            "province": "Kepulauan Bangka Belitung",
            "pemda": GOVERNMENT,
            "opd": unit.name,
            "unit_type": unit.unit_type,
            "product": 1,
            "dimension": instrument[f"{variable}.{number}"].dimension,
            "variable": variable,
            "indicator": number,
            "item_score": score or 0,
        }
        for unit, row in zip(UNITS, drawn, strict=True)
        for (variable, number), score in zip(KEYS, row, strict=True)
    ]
    path = folder / "butir.csv"
    pd.DataFrame(rows, columns=[c for c in ITEM_COLUMNS if c != "source_row"]).to_csv(
        path, index=False
    )
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(ANSWER, min_size=len(KEYS), max_size=len(KEYS)),
        min_size=len(UNITS),
        max_size=len(UNITS),
    )
)
def test_estimate_equals_the_pipeline_on_random_answers(drawn: list[list[int | None]]) -> None:
    predicted = estimate(_answers(drawn), UNITS, YEAR, code=CODE, pemda=GOVERNMENT)
    with tempfile.TemporaryDirectory() as folder:
        path = _item_file(drawn, Path(folder))
        items = load(path).frame
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert cli.main(["score", str(path)]) == cli.EXIT_OK
    units = score_items(items).set_index("opd")["score"]
    mine = predicted.units.set_index("opd")["score"]
    assert mine.to_dict() == pytest.approx(units.reindex(mine.index).to_dict(), abs=1e-9)
    real_dims = score_dimensions(score_indicators(items)).set_index(["opd", "dimension"])
    my_dims = predicted.dimensions.set_index(["opd", "dimension"])["score"]
    assert my_dims.to_dict() == pytest.approx(real_dims["score"].to_dict(), abs=1e-9)
    government = pd.read_csv(io.StringIO(printed.getvalue()), dtype=str).iloc[0]
    assert f"{predicted.government:.2f}" == government["score"]
    zone, category = predicted.government_grade()
    assert (zone, category) == (government["zone"], government["category"])
