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

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scoring.importing.cells import LEVEL_WORDS, unit_types
from scoring.importing.layouts import (
    CANONICAL_COLUMNS,
    ImportResult,
    Kind,
    guess_kind,
    kind_of,
    load_as,
)
from scoring.importing.reading import Limits, read_sheet
from scoring.importing.reference import REFERENCE_DIR

__all__ = [
    "CANONICAL_COLUMNS",
    "LEVEL_WORDS",
    "REFERENCE_DIR",
    "FileShape",
    "ImportResult",
    "Kind",
    "Limits",
    "detect_kind",
    "inspect_file",
    "load",
    "read_items",
    "read_results",
    "read_units",
    "unit_types",
]


@dataclass(frozen=True)
class FileShape:
    """What a file looks like before it is loaded: for the column-mapping step of an upload."""

    kind: Kind | None
    header_row: int  # 1-based line (CSV) or sheet row (XLSX)
    headers: tuple[str, ...]  # as read; two-level headers joined ("Hasil Penilaian / Nilai")
    unknown_headers: tuple[str, ...]  # in neither the vocabulary nor the overrides
    mapped: dict[str, str]  # header as written -> canonical column


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


def inspect_file(
    path: str | Path,
    sheet: str | int | None = None,
    header_overrides: Mapping[str, str] | None = None,
) -> FileShape:
    """The header row, the headers and how they map, and the kind they suggest; raises
    ImportFailed only when the file cannot be read at all."""
    table = read_sheet(Path(path), sheet, header_overrides)
    return FileShape(
        kind=guess_kind(table),
        header_row=table.header_line,
        headers=tuple(h for h in table.written if h),
        unknown_headers=table.unknown,
        mapped={written: canonical for canonical, written in table.headers.items()},
    )


def load(
    path: str | Path,
    sheet: str | int | None = None,
    *,
    kind: Kind | None = None,
    header_overrides: Mapping[str, str] | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Read any of the three kinds, told apart by the headers; when `kind` is given the file
    must be of that kind. `header_overrides` maps a file's header text to a canonical column."""
    return load_as(path, sheet, kind, header_overrides, limits)
