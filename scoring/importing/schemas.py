"""The pandera schemas every parsed frame must pass before it loads, and their failures as problems.

The parsers leave ranges, assessed years and empty required cells to the schemas. Each check's
`error` is a problem code (`problem.<code>` in the labels), so pandera's failure cases map back to
problems at their cells.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa

from scoring.importing.reading import Sheet
from scoring.importing.reference import year_methods
from scoring.problems import Problem

# No figure is published before the year after it was assessed: later years are typing errors.
FIRST_YEAR, LAST_YEAR = 2015, date.today().year + 1
RANGES = {"year_range": (FIRST_YEAR, LAST_YEAR), "score_range": (0, 100), "item_range": (0, 3)}
BOUNDS = {code: {"low": low, "high": high} for code, (low, high) in RANGES.items()}


def _in_range(code: str) -> pa.Check:
    return pa.Check.in_range(*RANGES[code], error=code)


def _assessed(years: pd.Series) -> pd.Series:
    """A methodology covers the year (none covers 2020); the range check reports the rest."""
    return years.isin(list(year_methods())) | ~years.between(FIRST_YEAR, LAST_YEAR)


def _text_column(required: bool = False) -> pa.Column:
    return pa.Column("string", nullable=not required)


YEAR = pa.Column("Int64", [_in_range("year_range"), pa.Check(_assessed, error="not_assessed")])
SCORE = pa.Column("float64", _in_range("score_range"), nullable=True)
ZONE = pa.Column("string", nullable=True)  # the parser keeps known zones only
FREE_TEXT = {c: _text_column() for c in ("category", "source_url", "notes")}
PLACE = {"province": _text_column(required=True), "entity": _text_column(required=True)}
UNIT = {"opd": _text_column(required=True), "unit_type": _text_column(required=True)}

RESULT_SCHEMA = pa.DataFrameSchema(
    {
        "year": YEAR,
        "level": pa.Column("string", nullable=True),  # the parser reports unplaceable rows
        **PLACE,
        "score": SCORE,
        "zone": ZONE,
        **FREE_TEXT,
    }
)
UNIT_SCHEMA = pa.DataFrameSchema(
    {"year": YEAR, **PLACE, **UNIT, "score": SCORE, "zone": ZONE, **FREE_TEXT}
)
ITEM_SCHEMA = pa.DataFrameSchema(
    {
        "year": YEAR,
        **PLACE,
        **UNIT,
        "product": pa.Column("Int64", pa.Check.isin([1, 2], error="product")),
        "dimension": _text_column(required=True),
        "variable": _text_column(required=True),
        "indicator": pa.Column("Int64", pa.Check.ge(1, error="indicator")),
        "item_score": pa.Column("float64", _in_range("item_range")),
    }
)


def schema_problems(sheet: Sheet, frame: pd.DataFrame, schema: pa.DataFrameSchema) -> list[Problem]:
    """Pandera's failure cases as problems at their cells ('not_nullable' is 'required').

    A range check's problem carries its bounds, which its message names ('tahun harus 2015–2027').
    """
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as failed:
        cases = failed.failure_cases[["column", "check", "index"]]
        codes = cases["check"].replace("not_nullable", "required")
        return [
            sheet.problem(column, None if pd.isna(index) else int(index), code, BOUNDS.get(code))
            for column, code, index in zip(cases["column"], codes, cases["index"], strict=True)
        ]
    return []
