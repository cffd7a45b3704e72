"""Read results, unit and item files (CSV or XLSX) into the frames of `scoring.frames`.

Files come from people, so nothing is silently coerced: every cell is read as text, cleaned of
control characters and outer spaces, parsed (decimal commas, level and zone wording), then
checked against a pandera schema. Every problem is collected with its file, line and column, and
a file with any error loads nothing. Warnings (an unrecognised zone, an ignored column) travel
with the result. Names are otherwise kept verbatim: escaping is the renderer's job.

Data, not code: header variants are in `reference/columns.csv`; unit names map to locus keys by
the regular expressions of `reference/unit_types.csv` (case-insensitive, first match wins, no
match is "lainnya").

One job per module: `reference` (the reference tables), `reading` (a file as cleaned text),
`cells` (text into typed columns), `schemas` (the checks at the boundary), `layouts` (the three
kinds of file and loading one). This package is their public face.
"""

from __future__ import annotations

from pathlib import Path

from scoring.importing.cells import LEVEL_WORDS, unit_types
from scoring.importing.layouts import ImportResult, Kind, kind_of, load_as
from scoring.importing.reading import read_sheet
from scoring.importing.reference import REFERENCE_DIR

__all__ = [
    "LEVEL_WORDS",
    "REFERENCE_DIR",
    "ImportResult",
    "Kind",
    "detect_kind",
    "load",
    "read_items",
    "read_results",
    "read_units",
    "unit_types",
]


def read_results(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """One score per government and year (RESULT_COLUMNS); raises ImportFailed on any error."""
    return load_as(path, sheet, "results")


def read_units(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """Unit (OPD, Puskesmas, RSUD) scores (UNIT_COLUMNS); raises ImportFailed on any error."""
    return load_as(path, sheet, "units")


def read_items(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """Item scores 0-3 (ITEM_COLUMNS); raises ImportFailed on any error."""
    return load_as(path, sheet, "items")


def detect_kind(path: str | Path, sheet: str | int | None = None) -> Kind:
    """Which kind of file this is, from its headers alone."""
    return kind_of(read_sheet(Path(path), sheet))


def load(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """Read any of the three kinds, told apart by the headers."""
    return load_as(path, sheet, None)
