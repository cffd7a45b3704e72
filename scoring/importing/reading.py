"""A CSV or XLSX file as a grid of cleaned text under canonical column names: the `Sheet`.

Nothing is coerced here: every cell is read as text, line breaks and tabs become one space,
control and invisible formatting characters go, outer spaces are trimmed. A cell that lost such
a character, an Excel error value (`#DIV/0!`) and a formula without a saved value are marked as
faults, so that a number column reports them instead of reading a bent value or an empty one.

The header is the row, among the first rows, that holds the most known headers (title rows
above it are skipped); a row of group headings directly above it ("Hasil Penilaian" over
"Nilai" and "Zona") is joined to it. Headers are matched to canonical names through
`reference/columns.csv` and the caller's overrides; each row keeps the line (CSV) or sheet row
(XLSX) it came from, so every problem can point at it.

Paths are checked before they are opened (a directory, a FIFO, a symlink loop, an unreadable or
oversized file is one problem, never a traceback or a hang), and the size is bounded by `Limits`.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any, cast
from xml.etree.ElementTree import ParseError

import numpy as np
import openpyxl
import pandas as pd

from scoring.importing.reference import header_variants, normal_header
from scoring.problems import ImportFailed, Problem, Severity

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 30  # the header is looked for among this many non-blank rows

# Line breaks and tabs inside a cell become one space; other control and invisible
# formatting characters (zero-width, bidirectional overrides, BOM) are removed.
BREAKS = r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+"
CONTROL = r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"

MAX_ROWS_ENV = "KEPATUHAN_IMPORT_MAX_ROWS"
MAX_BYTES_ENV = "KEPATUHAN_IMPORT_MAX_BYTES"


@dataclass(frozen=True)
class Limits:
    """How large a file may be: data rows and bytes on disk (env or command-line flags)."""

    rows: int = 100_000
    bytes: int = 20 * 1024 * 1024

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, overridden by `KEPATUHAN_IMPORT_MAX_ROWS` / `_MAX_BYTES` if set."""
        default = cls()
        return cls(
            rows=_env_int(MAX_ROWS_ENV, default.rows), bytes=_env_int(MAX_BYTES_ENV, default.bytes)
        )


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip().replace("_", "")
    return int(text) if text.isdigit() else default


@dataclass(frozen=True)
class Sheet:
    """The data rows of a file as cleaned text, under canonical column names."""

    file: str
    cells: pd.DataFrame
    lines: pd.Series  # line in the CSV (header is line 1) or row of the XLSX sheet
    headers: Mapping[str, str]  # canonical name -> header as written in the file
    header_line: int
    header_problems: tuple[Problem, ...]
    faults: pd.DataFrame = field(default_factory=pd.DataFrame)  # fault code per cell, "" none
    written: tuple[str, ...] = ()  # every header as read (two-level ones joined)
    unknown: tuple[str, ...] = ()  # headers that are in neither the vocabulary nor the overrides

    def text(self, column: str) -> pd.Series:
        """A column's cells, all empty when the file lacks the column."""
        if column in self.cells:
            return self.cells[column]
        return pd.Series("", index=self.cells.index, dtype="string")

    def fault(self, column: str) -> pd.Series:
        """A column's fault codes ("" where the cell is sound)."""
        if column in self.faults:
            return self.faults[column]
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


def check_path(path: Path, limits: Limits) -> None:
    """A regular, readable file within the byte limit, checked before anything opens it
    (opening a FIFO would wait forever for a writer)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(path, "not_found") from None
    except OSError as error:  # a symlink loop, a path through a file, no permission
        raise _fail(path, "cannot_open", error=error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(path, "is_directory")
    if not stat.S_ISREG(info.st_mode):
        raise _fail(path, "not_a_file")
    if info.st_size > limits.bytes:
        raise _fail(path, "too_many_bytes", size=info.st_size, limit=limits.bytes)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _fail(path, "cannot_open", error=error.strerror or str(error)) from None


def _delimiter(lines: list[str]) -> str:
    """Comma, or semicolon/tab (Excel with Indonesian settings): the one the header row uses,
    the header being the early line that holds most of one (title lines hold few or none)."""
    return max((",", ";", "\t"), key=lambda d: max((line.count(d) for line in lines), default=0))


def _read_csv(path: Path, limits: Limits) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """All cells as text, the line each row starts on, and no faults yet (cleaning adds them)."""
    raw = _read_bytes(path)
    # Excel's "Unicode text" is UTF-16 with a byte-order mark; everything else must be UTF-8.
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise _fail(path, "encoding", byte=error.start) from None
    if not text.strip():
        raise _fail(path, "no_rows")
    if text.count("\n") > limits.rows + HEADER_SEARCH_ROWS:  # a cheap bound before parsing
        raise _fail(path, "too_many_rows", limit=limits.rows)
    early = [line for line in text.splitlines()[: HEADER_SEARCH_ROWS * 2] if line.strip()]
    if "\n" not in text:  # classic Mac line ends: a lone carriage return ends each line
        text = text.replace("\r", "\n")
    # Lines end at "\n" (and "\r\n"), as editors number them; a lone "\r" inside quotes is text.
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=_delimiter(early), strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []
    try:
        for row in reader:
            starts.append(reader.line_num - sum(cell.count("\n") for cell in row))
            rows.append(row)
    except csv.Error as error:
        raise _fail(path, "csv_structure", error=f"{error} (line {reader.line_num})") from None
    grid = _grid(rows)
    return grid, pd.Series(starts, index=grid.index), _grid([[""] * grid.shape[1]] * len(grid))


def _grid(rows: list[list[str]]) -> pd.DataFrame:
    """Rows of text as a frame, short rows padded with empty cells."""
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype="string")


def _cell_text(value: object) -> str:
    """A workbook value as text, the way the old reader gave it: whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _worksheet(book: openpyxl.Workbook, sheet: str | int | None) -> Any:
    if sheet is None or isinstance(sheet, int):
        return book.worksheets[sheet or 0]
    return book[sheet]


def _xlsx_cells(
    path: Path, value_sheet: Any, formula_sheet: Any, limits: Limits
) -> tuple[list[list[str]], list[list[str]]]:
    """Each row's cell texts and fault codes: a saved error value, a formula saved without
    its value (its formula is shown instead), or "" for a sound cell."""
    for opened in (value_sheet, formula_sheet):
        opened.reset_dimensions()  # a stale <dimension> tag would cut rows off unseen
    rows: list[list[str]] = []
    faults: list[list[str]] = []
    pairs = zip_longest(
        value_sheet.iter_rows(min_row=1), formula_sheet.iter_rows(min_row=1), fillvalue=()
    )
    for value_row, formula_row in pairs:
        if len(rows) > limits.rows + HEADER_SEARCH_ROWS:
            raise _fail(path, "too_many_rows", limit=limits.rows)
        texts, codes = [], []
        for value, formula in zip_longest(value_row, formula_row):
            shown = getattr(value, "value", None)
            if getattr(value, "data_type", None) == "e":
                texts.append(_cell_text(shown))
                codes.append("excel_error")
            elif shown is None and getattr(formula, "data_type", None) == "f":
                texts.append(_cell_text(getattr(formula, "value", None)))
                codes.append("formula_no_value")
            else:
                texts.append(_cell_text(shown))
                codes.append("")
        rows.append(texts)
        faults.append(codes)
    return rows, faults


def _read_xlsx(
    path: Path, sheet: str | int | None, limits: Limits
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """All cells as text, their sheet rows, and the cells that hold an error or a formula
    without a saved value (the workbook is read twice: values, then formulas)."""
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            rows, faults = _xlsx_cells(
                path, _worksheet(values, sheet), _worksheet(formulas, sheet), limits
            )
        finally:
            values.close()
            formulas.close()
    # ValueError, IndexError, KeyError: no such sheet, or a zip lacking a workbook's parts;
    # BadZipFile: not a workbook; ParseError: broken XML inside; OSError: unreadable
    except (ValueError, IndexError, KeyError, zipfile.BadZipFile, ParseError) as error:
        raise _fail(path, "xlsx_unreadable", error=str(error)) from None
    except OSError as error:
        raise _fail(path, "cannot_open", error=error.strerror or str(error)) from None
    grid = _grid(rows)
    return grid, pd.Series(np.arange(1, len(grid) + 1), index=grid.index), _grid(faults)


def _clean(grid: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cleaned cells, and where a hidden character was removed from one."""

    def broken(column: pd.Series) -> pd.Series:
        return column.astype("string").str.replace(BREAKS, " ", regex=True)

    unbroken = grid.apply(broken)
    hidden = unbroken.apply(lambda c: c.str.contains(CONTROL, regex=True)).fillna(False)
    cleaned = unbroken.apply(lambda c: c.str.replace(CONTROL, "", regex=True).str.strip())
    return cleaned, hidden.astype(bool)


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


def _vocabulary(overrides: Mapping[str, str]) -> dict[str, str]:
    """Normal header form -> canonical column: the caller's overrides win over the table."""
    table = header_variants()
    known = dict(zip(table["normal"], table["canonical"], strict=True))
    keys = normal_header(pd.Series(list(overrides), dtype="string")).tolist()
    return known | dict(zip(keys, overrides.values(), strict=True))


def _canonical(headers: pd.Series, vocabulary: Mapping[str, str]) -> pd.Series:
    return normal_header(headers).map(vocabulary).astype("string")


def _two_level(upper: pd.Series, lower: pd.Series, vocabulary: Mapping[str, str]) -> pd.DataFrame:
    """Headers of a two-row header: a group heading spans the empty cells to its right; a
    column is named by its own heading, else by group and heading, else by the group alone
    (a heading merged down both rows)."""
    group = upper.mask(upper == "").ffill().fillna("").where(lower != "", upper)
    joined = (group + " " + lower).str.strip()
    written = group.where(lower == "", (group + " / " + lower).str.strip(" /"))
    canonical = _canonical(lower.where(lower != "", group), vocabulary)
    canonical = canonical.fillna(_canonical(joined, vocabulary))
    canonical = canonical.fillna(_canonical(group, vocabulary))
    return pd.DataFrame({"written": written, "canonical": canonical})


def _known(header: pd.DataFrame) -> int:
    """How many distinct canonical columns a reading of the header finds."""
    return int(header["canonical"].dropna().nunique())


def _headings(row: pd.Series) -> bool:
    """A row that can be the lower level of a header: no cell is a bare number (a data row's
    year or score), at least two cells filled."""
    return int((row != "").sum()) >= 2 and not row.str.fullmatch(r"[0-9.,\s]+").any()


def _header(
    grid: pd.DataFrame, filled: pd.Series, vocabulary: Mapping[str, str]
) -> tuple[int, pd.DataFrame]:
    """Position of the (lower) header row and each column's header (as written, canonical).

    The row holding most known headers wins, the earliest on a tie; a row of group headings
    directly above or below it makes a two-level header when that reading knows more columns.
    """
    candidates = np.flatnonzero(filled.to_numpy())[:HEADER_SEARCH_ROWS]
    counts = [int(_canonical(grid.iloc[at], vocabulary).notna().sum()) for at in candidates]
    at = int(candidates[int(np.argmax(counts))])
    row = grid.iloc[at]
    best = (at, pd.DataFrame({"written": row, "canonical": _canonical(row, vocabulary)}))
    for upper in (at - 1, at):
        lower = upper + 1
        if upper < 0 or lower >= len(grid) or not filled.iloc[upper]:
            continue
        if (grid.iloc[upper] != "").sum() < 2 or not _headings(grid.iloc[lower]):
            continue
        double = _two_level(grid.iloc[upper], grid.iloc[lower], vocabulary)
        if _known(double) > _known(best[1]):
            best = (lower, double)
    return best


def read_sheet(
    path: Path,
    sheet: str | int | None,
    header_overrides: Mapping[str, str] | None = None,
    limits: Limits | None = None,
) -> Sheet:
    """The file's header and its non-blank data rows, cleaned, with their faults."""
    limits = limits or Limits.from_env()
    check_path(path, limits)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        grid, lines, faults = _read_xlsx(path, sheet, limits)
    elif suffix in CSV_SUFFIXES:
        grid, lines, faults = _read_csv(path, limits)
    else:
        raise _fail(path, "format")
    grid, hidden = _clean(grid)
    faults = faults.mask(hidden & (faults == ""), "hidden_characters")
    filled = (grid != "").any(axis=1)
    if not filled.any():
        raise _fail(path, "no_rows")
    at, header = _header(grid, filled, _vocabulary(header_overrides or {}))
    written, canonical = header["written"], header["canonical"]
    body_mask = filled.iloc[at + 1 :]
    body = grid.iloc[at + 1 :][body_mask]
    if len(body) > limits.rows:
        raise _fail(path, "too_many_rows", limit=limits.rows)
    header_line = int(lines.iloc[at])
    known = (canonical.notna() & ~canonical.duplicated()).to_numpy()
    names = canonical[known].tolist()
    headless = []  # the first filled cell of each column without a header
    for j in np.flatnonzero((written == "").to_numpy()):
        cells = body.iloc[:, int(j)]
        filled_cells = cells[cells != ""]
        if not filled_cells.empty:
            line = int(lines[filled_cells.index[0]])
            params = {"n": int(j) + 1}
            value = str(filled_cells.iloc[0])
            headless.append(Problem(path.name, line, None, value, "cell_without_header", params))
    return Sheet(
        file=path.name,
        cells=body.loc[:, known].set_axis(names, axis=1),
        lines=lines[body.index],
        headers=dict(zip(names, written[known], strict=True)),
        header_line=header_line,
        header_problems=(
            *_header_problems(path.name, header_line, written, canonical),
            *headless,
        ),
        faults=faults.loc[body.index].loc[:, known].set_axis(names, axis=1).astype("string"),
        written=tuple(written.tolist()),
        unknown=tuple(w for w, c in zip(written, canonical, strict=True) if w and pd.isna(c)),
    )
