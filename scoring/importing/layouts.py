"""The three kinds of file (results, units, items): what each must hold, and loading one.

A kind's layout names the columns a file must have, the ones it reads (others are ignored with
a warning), how its cells become a frame and the schema that frame must pass. `load` runs the
whole import: read, check the header, parse, validate, and either raise every error at once or
return the frame of `scoring.frames` with its warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import pandas as pd
import pandera.pandas as pa

from scoring.frames import ITEM_COLUMNS, RESULT_COLUMNS, UNIT_COLUMNS
from scoring.importing.cells import (
    item_keys,
    levels,
    numbers,
    texts,
    unit_types,
    web_addresses,
    whole_numbers,
    zones_of,
)
from scoring.importing.reading import Limits, Sheet, read_sheet
from scoring.importing.reference import header_variants
from scoring.importing.schemas import ITEM_SCHEMA, RESULT_SCHEMA, UNIT_SCHEMA, schema_problems
from scoring.problems import ImportFailed, Problem

Kind = Literal["results", "units", "items"]


@dataclass(frozen=True)
class ImportResult:
    """A loaded file: its kind, the canonical frame and the warnings that did not block it."""

    kind: Kind
    frame: pd.DataFrame
    warnings: tuple[Problem, ...] = ()
    file: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)  # canonical -> as written

    def header(self, column: str) -> str:
        """A column's header as the file wrote it (`pemda` is the file's government column)."""
        return self.headers.get("entity" if column == "pemda" else column, column)


def _results(sheet: Sheet) -> tuple[pd.DataFrame, list[Problem]]:
    year, year_problems = whole_numbers(sheet, "year", "not_a_year")
    level, level_problems = levels(sheet)
    score, score_problems = numbers(sheet, "score")
    zone, zone_problems = zones_of(sheet)
    url, url_problems = web_addresses(sheet)
    frame = pd.DataFrame(
        {
            "year": year,
            "level": level,
            **texts(sheet, ["province", "entity"]),
            "score": score,
            "zone": zone,
            **texts(sheet, ["category"]),
            "source_url": url,
            **texts(sheet, ["notes"]),
        }
    )
    problems = [*year_problems, *level_problems, *score_problems, *zone_problems]
    return frame, [*problems, *url_problems]


def _units(sheet: Sheet) -> tuple[pd.DataFrame, list[Problem]]:
    year, year_problems = whole_numbers(sheet, "year", "not_a_year")
    score, score_problems = numbers(sheet, "score")
    zone, zone_problems = zones_of(sheet)
    url, url_problems = web_addresses(sheet)
    frame = pd.DataFrame(
        {
            "year": year,
            **texts(sheet, ["province", "entity", "opd"]),
            "unit_type": unit_types(sheet.text("opd")),
            "score": score,
            "zone": zone,
            **texts(sheet, ["category"]),
            "source_url": url,
            **texts(sheet, ["notes"]),
        }
    )
    return frame, [*year_problems, *score_problems, *zone_problems, *url_problems]


def _items(sheet: Sheet) -> tuple[pd.DataFrame, list[Problem]]:
    year, year_problems = whole_numbers(sheet, "year", "not_a_year")
    product, product_problems = whole_numbers(sheet, "product")
    indicator, indicator_problems = whole_numbers(sheet, "indicator")
    score, score_problems = numbers(sheet, "item_score")
    keys, key_problems = item_keys(sheet, year, indicator)
    frame = pd.DataFrame(
        {
            "year": year,
            **texts(sheet, ["province", "entity", "opd"]),
            "unit_type": unit_types(sheet.text("opd")),
            "product": product,
            **keys,
            "indicator": indicator,
            "item_score": score,
        }
    )
    problems = [*year_problems, *product_problems, *indicator_problems, *score_problems]
    return frame, [*problems, *key_problems]


@dataclass(frozen=True)
class _Layout:
    columns: tuple[str, ...]  # the output frame (scoring.frames)
    required: tuple[str, ...]  # canonical headers the file must have
    uses: frozenset[str]  # canonical headers read for this kind; others are ignored
    build: Callable[[Sheet], tuple[pd.DataFrame, list[Problem]]]
    schema: pa.DataFrameSchema


def _pemda(columns: Iterable[str]) -> frozenset[str]:
    """Files name the government column like a results file's `entity`."""
    return frozenset("entity" if c == "pemda" else c for c in columns)


LAYOUTS: dict[Kind, _Layout] = {
    "results": _Layout(
        RESULT_COLUMNS,
        ("year", "province", "entity", "score"),
        _pemda(RESULT_COLUMNS) | {"entity_type"},
        _results,
        RESULT_SCHEMA,
    ),
    "units": _Layout(
        UNIT_COLUMNS,
        ("year", "province", "entity", "opd", "score"),
        _pemda(UNIT_COLUMNS),
        _units,
        UNIT_SCHEMA,
    ),
    "items": _Layout(
        ITEM_COLUMNS,
        (
            "year",
            "province",
            "entity",
            "opd",
            "product",
            "dimension",
            "variable",
            "indicator",
            "item_score",
        ),
        _pemda(ITEM_COLUMNS),
        _items,
        ITEM_SCHEMA,
    ),
}


CANONICAL_COLUMNS: dict[Kind, tuple[str, ...]] = {
    kind: tuple(sorted(layout.uses)) for kind, layout in LAYOUTS.items()
}


def guess_kind(sheet: Sheet) -> Kind | None:
    """Items, units or results, from the headers; None when they name none of them."""
    columns = set(sheet.cells.columns)
    if columns & {"dimension", "variable", "indicator", "item_score"}:
        return "items"
    if "opd" in columns:
        return "units"
    if "entity" in columns:
        return "results"
    return None


def kind_of(sheet: Sheet, wanted: Kind | None = None) -> Kind:
    """The file's kind, which must be `wanted` when given: a unit file is not a results file."""
    found = guess_kind(sheet)
    if found is None:
        raise ImportFailed([*sheet.header_problems, sheet.file_problem("kind_unknown")])
    if wanted is not None and found != wanted:
        raise ImportFailed([sheet.file_problem(f"kind_is_{found}")])
    return found


def _layout_problems(sheet: Sheet, layout: _Layout) -> list[Problem]:
    """A missing required column is one problem listing the headers that would do."""
    variants = header_variants().groupby("canonical")["variant"].agg(", ".join)
    missing = [c for c in layout.required if c not in sheet.cells]
    ignored = [str(c) for c in sheet.cells.columns if c not in layout.uses]
    return [
        *(
            sheet.file_problem("column_missing", column=c, params={"variants": variants[c]})
            for c in missing
        ),
        *(
            Problem(
                sheet.file,
                sheet.header_line,
                sheet.header(c),
                None,
                "column_ignored",
                severity="warning",
            )
            for c in ignored
        ),
        *([sheet.file_problem("no_rows")] if len(sheet.cells) == 0 else []),
    ]


NUMBER_COLUMNS = frozenset({"year", "score", "item_score", "product", "indicator"})


def _fault_problems(sheet: Sheet, layout: _Layout) -> list[Problem]:
    """Excel errors and formulas without a value in any column read; a hidden character only
    where it would bend a number ('8<NUL>8.87'); names keep their cleaning."""
    problems = []
    for column in sheet.cells.columns:
        if column not in layout.uses:
            continue
        faults = sheet.fault(column)
        codes = set(faults.unique().tolist()) - {""}
        if column not in NUMBER_COLUMNS:
            codes -= {"hidden_characters"}
        problems += [p for c in sorted(codes) for p in sheet.problems(column, faults == c, c)]
    return problems


def _one_per_cell(problems: Iterable[Problem]) -> list[Problem]:
    """The first problem found for a cell: a parse error hides the schema's 'wajib diisi'."""
    seen: set[tuple[int | None, str | None]] = set()
    kept = []
    for problem in problems:
        cell = (problem.row, problem.column)
        if problem.row is None or cell not in seen:
            kept.append(problem)
            seen.add(cell)
    return kept


def _final(frame: pd.DataFrame, sheet: Sheet, layout: _Layout) -> pd.DataFrame:
    """The frame of scoring.frames: plain integer columns, `pemda` for units and items."""
    out = frame.assign(source_row=sheet.lines.astype("int64"))
    if "pemda" in layout.columns:
        out = out.rename(columns={"entity": "pemda"})
    integers = {c: "int64" for c in ("year", "product", "indicator") if c in out}
    return out.astype(integers)[list(layout.columns)].reset_index(drop=True)


def load_as(
    path: str | Path,
    sheet: str | int | None,
    kind: Kind | None,
    header_overrides: Mapping[str, str] | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Read a file as `kind` (told by its headers when None, and checked against them when
    given); raises ImportFailed on any error."""
    table = read_sheet(Path(path), sheet, header_overrides, limits)
    kind = kind_of(table, kind)
    layout = LAYOUTS[kind]
    if kind == "items" and "item_score" not in table.cells and "score" in table.cells:
        # an item sheet headed plainly "Nilai": the score of each item
        table = replace(
            table,
            cells=table.cells.rename(columns={"score": "item_score"}),
            headers={**table.headers, "item_score": table.header("score")},
        )
    problems = [*table.header_problems, *_layout_problems(table, layout)]
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)
    frame, found = layout.build(table)
    checked = schema_problems(table, frame, layout.schema)
    problems = _one_per_cell([*problems, *_fault_problems(table, layout), *found, *checked])
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)
    warnings = tuple(p for p in problems if p.severity == "warning")
    final = _final(frame, table, layout)
    return ImportResult(kind, final, warnings, table.file, dict(table.headers))
