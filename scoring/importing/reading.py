"""A CSV or XLSX file as a grid of cleaned text under canonical column names: the `Sheet`.

Nothing is coerced here: every cell is read as text, line breaks and tabs become one space,
control and invisible formatting characters go, outer spaces are trimmed. The header is the first
non-blank row; headers are matched to canonical names through `reference/columns.csv`, and each
row keeps the line (CSV) or sheet row (XLSX) it came from, so every problem can point at it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd

from scoring.importing.reference import header_variants, normal_header
from scoring.problems import ImportFailed, Problem, Severity

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")

# Line breaks and tabs inside a cell become one space; other control and invisible
# formatting characters (zero-width, bidirectional overrides, BOM) are removed.
BREAKS = r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+"
CONTROL = r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"


@dataclass(frozen=True)
class Sheet:
    """The data rows of a file as cleaned text, under canonical column names."""

    file: str
    cells: pd.DataFrame
    lines: pd.Series  # line in the CSV (header is line 1) or row of the XLSX sheet
    headers: Mapping[str, str]  # canonical name -> header as written in the file
    header_line: int
    header_problems: tuple[Problem, ...]

    def text(self, column: str) -> pd.Series:
        """A column's cells, all empty when the file lacks the column."""
        if column in self.cells:
            return self.cells[column]
        return pd.Series("", index=self.cells.index, dtype="string")

    def header(self, column: str) -> str:
        """The column's header as the file writes it (the canonical name if it has none)."""
        return self.headers.get(column, column)

    def problem(
        self,
        column: str,
        index: int | None,
        code: str,
        params: Mapping[str, object] | None = None,
        severity: Severity = "error",
    ) -> Problem:
        """A problem at one cell, quoting the text as written."""
        row = None if index is None else int(self.lines[index])
        value = None if index is None else self.text(column)[index] or None
        return Problem(self.file, row, self.header(column), value, code, params or {}, severity)

    def problems(
        self,
        column: str,
        mask: pd.Series,
        code: str,
        params: Mapping[str, object] | None = None,
        severity: Severity = "error",
    ) -> list[Problem]:
        """One problem per row where `mask` holds; a parameter given as a Series varies by row."""
        rows = self.cells.index[mask.to_numpy(dtype=bool, na_value=False)]
        values = pd.DataFrame(dict(params or {}), index=self.cells.index).loc[rows]
        records = cast(list[dict[str, object]], values.to_dict("records"))
        return [
            self.problem(column, i, code, p, severity) for i, p in zip(rows, records, strict=True)
        ]

    def file_problem(
        self, code: str, column: str | None = None, params: Mapping[str, object] | None = None
    ) -> Problem:
        """A problem with the file as a whole, placed at its header line."""
        return Problem(self.file, self.header_line, column, None, code, params or {})


def _fail(path: Path, code: str, **params: object) -> ImportFailed:
    return ImportFailed([Problem(path.name, None, None, None, code, params)])


def _delimiter(text: str) -> str:
    """Comma, or semicolon/tab when the header uses them (Excel with Indonesian settings)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max([",", ";", "\t"], key=header.count)


def _read_csv(path: Path) -> tuple[pd.DataFrame, pd.Series]:
    """All cells as text and the line each row starts on, counting line breaks inside quotes."""
    raw = path.read_bytes()
    # Excel's "Unicode text" is UTF-16 with a byte-order mark; everything else must be UTF-8.
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise _fail(path, "encoding", byte=error.start) from None
    if not text.strip():
        raise _fail(path, "no_rows")
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            sep=_delimiter(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        ).fillna("")
    except pd.errors.ParserError as error:
        raise _fail(path, "csv_structure", error=str(error)) from None
    breaks = grid.apply(lambda column: column.str.count("\n")).sum(axis=1)
    lines = pd.Series(np.arange(1, len(grid) + 1), index=grid.index)
    return grid, lines + breaks.cumsum().shift(fill_value=0)


def _read_xlsx(path: Path, sheet: str | int | None) -> tuple[pd.DataFrame, pd.Series]:
    """All cells as text and their sheet row numbers (blank rows are kept, so rows line up)."""
    try:
        grid = pd.read_excel(
            path,
            sheet_name=0 if sheet is None else sheet,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="openpyxl",
        ).fillna("")
    # ValueError, IndexError: no such sheet (by name, by index); BadZipFile: not a workbook;
    # KeyError: a zip file lacking a workbook's parts; ParseError: broken XML inside
    except (ValueError, IndexError, KeyError, zipfile.BadZipFile, ParseError) as error:
        raise _fail(path, "xlsx_unreadable", error=str(error)) from None
    return grid, pd.Series(np.arange(1, len(grid) + 1), index=grid.index)


def _clean(grid: pd.DataFrame) -> pd.DataFrame:
    def clean(column: pd.Series) -> pd.Series:
        text = column.astype("string").str.replace(BREAKS, " ", regex=True)
        return text.str.replace(CONTROL, "", regex=True).str.strip()

    return grid.apply(clean)


def _header_problems(
    file: str, line: int, written: pd.Series, canonical: pd.Series
) -> list[Problem]:
    """Two headers for one column are an error; a header we do not know is a warning."""
    twice = canonical.notna() & canonical.duplicated()
    first = written.groupby(canonical).first()
    unknown = canonical.isna() & (written != "")
    return [
        *(
            Problem(file, line, written[i], None, "column_twice", {"first": first[canonical[i]]})
            for i in written.index[twice]
        ),
        *(
            Problem(file, line, written[i], None, "column_ignored", severity="warning")
            for i in written.index[unknown]
        ),
    ]


def read_sheet(path: Path, sheet: str | int | None) -> Sheet:
    """The file's header (its first non-blank row) and its non-blank data rows, cleaned."""
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        grid, lines = _read_xlsx(path, sheet)
    elif suffix in CSV_SUFFIXES:
        grid, lines = _read_csv(path)
    else:
        raise _fail(path, "format")
    grid = _clean(grid)
    filled = (grid != "").any(axis=1)
    if not filled.any():
        raise _fail(path, "no_rows")
    at = int(filled.to_numpy().argmax())
    written = grid.iloc[at]
    canonical = normal_header(written).map(header_variants().set_index("normal")["canonical"])
    body = grid.iloc[at + 1 :][filled.iloc[at + 1 :]]
    known = canonical.notna() & ~canonical.duplicated()
    cells = body.loc[:, known.to_numpy()].set_axis(canonical[known].tolist(), axis=1)
    return Sheet(
        file=path.name,
        cells=cells,
        lines=lines[body.index],
        headers=dict(zip(canonical[known], written[known], strict=True)),
        header_line=int(lines.iloc[at]),
        header_problems=tuple(_header_problems(path.name, int(lines.iloc[at]), written, canonical)),
    )
