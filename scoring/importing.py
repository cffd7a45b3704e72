"""Read results, unit and item files (CSV or XLSX) into the frames of `scoring.frames`.

Files come from people, so nothing is silently coerced: every cell is read as text, cleaned of
control characters and outer spaces, parsed (decimal commas, level and zone wording), then
checked against a pandera schema. Every problem is collected with its file, line and column, and
a file with any error loads nothing. Warnings (an unrecognised zone, an ignored column) travel
with the result. Names are otherwise kept verbatim: escaping is the renderer's job.

Data, not code: header variants are in `reference/columns.csv`; unit names map to locus keys by
the regular expressions of `reference/unit_types.csv` (case-insensitive, first match wins, no
match is "lainnya"); printed opinions are read with the wording of the methodology files.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa
from openpyxl.utils.exceptions import InvalidFileException

from scoring.frames import ITEM_COLUMNS, RESULT_COLUMNS, UNIT_COLUMNS
from scoring.methodology import Methodology, all_methodologies, zones
from scoring.problems import ImportFailed, Problem, Severity

Kind = Literal["results", "units", "items"]
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
FIRST_YEAR, LAST_YEAR = 2015, 2099
OTHER_UNIT = "lainnya"

# Line breaks and tabs inside a cell become one space; other control and invisible
# formatting characters (zero-width, bidirectional overrides, BOM) are removed.
BREAKS = r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+"
CONTROL = r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
NUMBER = r"[+-]?\d+(?:\.\d+)?"
WHOLE_NUMBER = r"^(\d+)(?:[.,]0+)?$"

LEVEL_WORDS = {
    **{w: "provinsi" for w in ("provinsi", "prov", "pemprov", "province")},
    **{w: "kabupaten" for w in ("kabupaten", "kab", "pemkab", "kabupaten administrasi")},
    **{w: "kota" for w in ("kota", "pemkot", "kota administrasi", "city")},
    "regency": "kabupaten",
}
ZONE_WORDS = {
    **{key: key for key in zones()},
    "green": "hijau",
    "yellow": "kuning",
    "red": "merah",
    "black": "hitam",
}


@dataclass(frozen=True)
class Reasons:
    """Every reason an import can give, in one place so messages stay short and consistent."""

    not_a_number: str = "bukan angka"
    not_a_year: str = "bukan tahun"
    not_a_whole_number: str = "bukan bilangan bulat"
    required: str = "wajib diisi"
    score_range: str = "nilai harus 0–100"
    item_range: str = "nilai butir harus 0–3"
    year_range: str = f"tahun harus {FIRST_YEAR}–{LAST_YEAR}"
    not_assessed: str = "tidak ada penilaian pada tahun ini"
    level_unknown: str = "tingkat tidak dikenal (provinsi, kabupaten, kota)"
    level_from_name: str = "tingkat kosong dan tidak terbaca dari nama (Provinsi/Kabupaten/Kota …)"
    zone_unknown: str = "zona tidak dikenal, diabaikan (hijau, kuning, merah, hitam)"
    product: str = "produk harus 1 atau 2"
    indicator: str = "nomor indikator harus 1 atau lebih"
    dimension_unknown: str = "dimensi tidak ada dalam metodologi"
    variable_unknown: str = "variabel tidak ada dalam metodologi"
    variable_elsewhere: str = "variabel bukan bagian dari dimensi"
    indicator_beyond: str = "nomor indikator melebihi jumlah indikator variabel"
    column_missing: str = "kolom wajib tidak ada; judul yang diterima"
    column_twice: str = "kolom ganda, juga"
    column_ignored: str = "kolom tidak dikenal, diabaikan"
    kind_unknown: str = (
        "jenis berkas tidak dikenali: perlu kolom nama pemda (hasil), opd (unit) "
        "atau dimensi/variabel/indikator (butir)"
    )
    no_rows: str = "berkas tidak berisi baris data"
    format: str = "format berkas tidak didukung (CSV atau XLSX)"
    encoding: str = "berkas CSV bukan UTF-8; simpan ulang sebagai 'CSV UTF-8'"
    csv_structure: str = "struktur CSV rusak"
    xlsx_unreadable: str = "berkas XLSX tidak dapat dibaca"


REASONS = Reasons()


@dataclass(frozen=True)
class ImportResult:
    """A loaded file: its kind, the canonical frame and the warnings that did not block it."""

    kind: Kind
    frame: pd.DataFrame
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Sheet:
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
        return self.headers.get(column, column)

    def problem(
        self, column: str, index: int | None, reason: str, severity: Severity = "error"
    ) -> Problem:
        """A problem at one cell, quoting the text as written."""
        row = None if index is None else int(self.lines[index])
        value = None if index is None else self.text(column)[index] or None
        return Problem(self.file, row, self.header(column), value, reason, severity)

    def problems(
        self, column: str, mask: pd.Series, reason: str | pd.Series, severity: Severity = "error"
    ) -> list[Problem]:
        """One problem per row where `mask` holds."""
        reasons = pd.Series(reason, index=self.cells.index)
        rows = self.cells.index[mask.to_numpy(dtype=bool, na_value=False)]
        return [self.problem(column, i, reasons[i], severity) for i in rows]

    def file_problem(self, reason: str, column: str | None = None) -> Problem:
        return Problem(self.file, self.header_line, column, None, reason)


# --- reference tables -------------------------------------------------------------------------


def _normal_header(headers: pd.Series) -> pd.Series:
    """Case, spaces, underscores and hyphens do not matter in a header."""
    lowered = headers.astype("string").str.lower().str.replace(r"[\s_\-.]+", " ", regex=True)
    return lowered.str.strip()


@cache
def _header_variants() -> pd.DataFrame:
    table = pd.read_csv(REFERENCE_DIR / "columns.csv", dtype="string")
    return table.assign(normal=_normal_header(table["variant"]))


@cache
def _unit_patterns() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / "unit_types.csv", dtype="string")


@cache
def _year_methods() -> dict[int, Methodology]:
    """Methodology of every assessed year (2020 is absent: no assessment)."""
    return {
        year: method
        for method in all_methodologies()
        for year in range(method.first_year, method.last_year + 1)
    }


def _method_keys(years: pd.Series) -> pd.Series:
    keys = {year: method.key for year, method in _year_methods().items()}
    return years.map(keys).astype("string")


def _slug(text: pd.Series) -> pd.Series:
    """'Standar Pelayanan' and 'standar_pelayanan' alike."""
    return text.str.lower().str.replace(r"[^0-9a-z]+", "_", regex=True).str.strip("_")


@cache
def _dimension_names() -> pd.Series:
    """'era|written name' -> dimension key, for keys and both display names."""
    rows = [
        (m.key, name, d.key)
        for m in all_methodologies()
        for d in m.dimensions
        for name in (d.key, d.name_id, d.name_en)
    ]
    table = pd.DataFrame(rows, columns=["era", "name", "key"], dtype="string")
    index = table["era"] + "|" + _slug(table["name"])
    return table["key"].set_axis(index).groupby(level=0).first()


@cache
def _variable_names() -> pd.DataFrame:
    """'era|written name' -> dimension, variable key and number of indicators."""
    rows = [
        (m.key, name, d.key, v.key, v.indicators)
        for m in all_methodologies()
        for d in m.dimensions
        for v in d.variables
        for name in (v.key, v.name_id, v.name_en)
    ]
    table = pd.DataFrame(rows, columns=["era", "name", "dimension", "variable", "indicators"])
    index = table["era"] + "|" + _slug(table["name"].astype("string"))
    return table[["dimension", "variable", "indicators"]].set_axis(index).groupby(level=0).first()


# --- reading ----------------------------------------------------------------------------------


def _fail(path: Path, reason: str) -> ImportFailed:
    return ImportFailed([Problem(path.name, None, None, None, reason)])


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
        raise _fail(path, f"{REASONS.encoding} (byte {error.start})") from None
    if not text.strip():
        raise _fail(path, REASONS.no_rows)
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
        raise _fail(path, f"{REASONS.csv_structure}: {error}") from None
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
    except (ValueError, KeyError, IndexError, zipfile.BadZipFile, InvalidFileException) as error:
        raise _fail(path, f"{REASONS.xlsx_unreadable}: {error}") from None
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
            Problem(file, line, written[i], None, f"{REASONS.column_twice} '{first[canonical[i]]}'")
            for i in written.index[twice]
        ),
        *(
            Problem(file, line, written[i], None, REASONS.column_ignored, "warning")
            for i in written.index[unknown]
        ),
    ]


def _read_sheet(path: Path, sheet: str | int | None) -> _Sheet:
    """The file's header (its first non-blank row) and its non-blank data rows, cleaned."""
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        grid, lines = _read_xlsx(path, sheet)
    elif suffix in CSV_SUFFIXES:
        grid, lines = _read_csv(path)
    else:
        raise _fail(path, REASONS.format)
    grid = _clean(grid)
    filled = grid.ne("").any(axis=1)
    if not filled.any():
        raise _fail(path, REASONS.no_rows)
    at = int(filled.to_numpy().argmax())
    written = grid.iloc[at]
    canonical = _normal_header(written).map(_header_variants().set_index("normal")["canonical"])
    body = grid.iloc[at + 1 :][filled.iloc[at + 1 :]]
    known = canonical.notna() & ~canonical.duplicated()
    cells = body.loc[:, known.to_numpy()].set_axis(canonical[known].tolist(), axis=1)
    return _Sheet(
        file=path.name,
        cells=cells,
        lines=lines[body.index],
        headers=dict(zip(canonical[known], written[known], strict=True)),
        header_line=int(lines.iloc[at]),
        header_problems=tuple(_header_problems(path.name, int(lines.iloc[at]), written, canonical)),
    )


# --- parsing text into typed columns ----------------------------------------------------------


def _texts(sheet: _Sheet, columns: Iterable[str]) -> dict[str, pd.Series]:
    """Free-text columns: verbatim, empty as missing."""
    return {c: sheet.text(c).replace("", pd.NA).astype("string") for c in columns}


def _numbers(sheet: _Sheet, column: str) -> tuple[pd.Series, list[Problem]]:
    """Decimal comma or point, spaces around it tolerated ('91,70', '86, 65'); no thousands."""
    text = sheet.text(column)
    normal = text.str.replace(r"\s*[.,]\s*", ".", regex=True)
    valid = normal.str.fullmatch(NUMBER).astype(bool)
    values = pd.to_numeric(normal.where(valid), errors="coerce").astype("float64")
    return values, sheet.problems(column, (text != "") & ~valid, REASONS.not_a_number)


def _whole_numbers(
    sheet: _Sheet, column: str, reason: str = REASONS.not_a_whole_number
) -> tuple[pd.Series, list[Problem]]:
    """Integers; '2023.0' as some spreadsheets write it is accepted."""
    text = sheet.text(column)
    digits = text.str.extract(WHOLE_NUMBER, expand=False)
    values = pd.to_numeric(digits, errors="coerce").astype("Int64")
    return values, sheet.problems(column, (text != "") & digits.isna(), reason)


def _level_words(text: pd.Series) -> pd.Series:
    """'Kab.', 'Pemkab', 'Pemerintah Kabupaten' -> kabupaten; anything else missing."""
    normal = text.str.lower().str.replace(r"^pemerintah\s+", "", regex=True).str.rstrip(".")
    return normal.map(LEVEL_WORDS).astype("string")


def _levels(sheet: _Sheet) -> tuple[pd.Series, list[Problem]]:
    """From the level (or entity type) column; where it is absent or empty, from the name."""
    source = next((c for c in ("level", "entity_type") if c in sheet.cells), None)
    written = sheet.text(source or "level")
    first_word = sheet.text("entity").str.extract(
        r"^(?:pemerintah\s+)?(\w+)", flags=re.IGNORECASE, expand=False
    )
    level = _level_words(written).where(written != "", _level_words(first_word.fillna("")))
    blamed = source or "entity"
    return level, [
        *sheet.problems(blamed, (written != "") & level.isna(), REASONS.level_unknown),
        *sheet.problems(blamed, (written == "") & level.isna(), REASONS.level_from_name),
    ]


def _zones(sheet: _Sheet) -> tuple[pd.Series, list[Problem]]:
    """'Zona Hijau', 'HIJAU', 'green' -> hijau; other text is dropped with a warning."""
    written = sheet.text("zone")
    word = written.str.lower().str.replace(r"^zon[ae]\s+|\s+zone$", "", regex=True)
    zone = word.map(ZONE_WORDS).astype("string")
    unknown = (written != "") & zone.isna()
    return zone, sheet.problems("zone", unknown, REASONS.zone_unknown, "warning")


def unit_types(names: pd.Series) -> pd.Series:
    """Locus key of each local unit name ('Dinas Sosial PMD' -> dinas_sosial), else 'lainnya'."""
    table = _unit_patterns()
    text = names.astype("string").fillna("")
    matched = [
        text.str.contains(p, case=False, regex=True).to_numpy(bool) for p in table["pattern"]
    ]
    keys = np.select(matched, table["unit_type"].to_numpy(dtype=object), OTHER_UNIT)
    return pd.Series(keys, index=names.index, dtype="string")


def _item_keys(
    sheet: _Sheet, years: pd.Series, indicators: pd.Series
) -> tuple[dict[str, pd.Series], list[Problem]]:
    """Dimension and variable keys of the year's methodology, from keys or display names."""
    era = _method_keys(years)
    dimension_text, variable_text = sheet.text("dimension"), sheet.text("variable")
    dimension = (era + "|" + _slug(dimension_text)).map(_dimension_names()).astype("string")
    variable = _variable_names().reindex(era + "|" + _slug(variable_text))
    variable = variable.set_axis(sheet.cells.index)
    known_era = era.notna()
    bad_dimension = known_era & (dimension_text != "") & dimension.isna()
    bad_variable = known_era & (variable_text != "") & variable["variable"].isna()
    elsewhere = dimension.notna() & variable["dimension"].notna()
    elsewhere &= dimension != variable["dimension"]
    beyond = indicators.notna() & (indicators > variable["indicators"]).fillna(False)
    problems = [
        *sheet.problems("dimension", bad_dimension, f"{REASONS.dimension_unknown} " + era),
        *sheet.problems("variable", bad_variable, f"{REASONS.variable_unknown} " + era),
        *sheet.problems("variable", elsewhere, f"{REASONS.variable_elsewhere} " + dimension),
        *sheet.problems(
            "indicator",
            beyond,
            f"{REASONS.indicator_beyond} ("
            + variable["indicators"].astype("Int64").astype("string")
            + ")",
        ),
    ]
    # Unresolved names stay as written, so the schema reports only truly empty cells.
    keys = {
        "dimension": dimension.fillna(_texts(sheet, ["dimension"])["dimension"]),
        "variable": variable["variable"]
        .astype("string")
        .fillna(_texts(sheet, ["variable"])["variable"]),
    }
    return keys, problems


def _results(sheet: _Sheet) -> tuple[pd.DataFrame, list[Problem]]:
    year, year_problems = _whole_numbers(sheet, "year", REASONS.not_a_year)
    level, level_problems = _levels(sheet)
    score, score_problems = _numbers(sheet, "score")
    zone, zone_problems = _zones(sheet)
    frame = pd.DataFrame(
        {
            "year": year,
            "level": level,
            **_texts(sheet, ["province", "entity"]),
            "score": score,
            "zone": zone,
            **_texts(sheet, ["category", "source_url", "notes"]),
        }
    )
    return frame, [*year_problems, *level_problems, *score_problems, *zone_problems]


def _units(sheet: _Sheet) -> tuple[pd.DataFrame, list[Problem]]:
    year, year_problems = _whole_numbers(sheet, "year", REASONS.not_a_year)
    score, score_problems = _numbers(sheet, "score")
    zone, zone_problems = _zones(sheet)
    frame = pd.DataFrame(
        {
            "year": year,
            **_texts(sheet, ["province", "entity", "opd"]),
            "unit_type": unit_types(sheet.text("opd")),
            "score": score,
            "zone": zone,
            **_texts(sheet, ["category", "source_url", "notes"]),
        }
    )
    return frame, [*year_problems, *score_problems, *zone_problems]


def _items(sheet: _Sheet) -> tuple[pd.DataFrame, list[Problem]]:
    year, year_problems = _whole_numbers(sheet, "year", REASONS.not_a_year)
    product, product_problems = _whole_numbers(sheet, "product")
    indicator, indicator_problems = _whole_numbers(sheet, "indicator")
    score, score_problems = _numbers(sheet, "item_score")
    keys, key_problems = _item_keys(sheet, year, indicator)
    frame = pd.DataFrame(
        {
            "year": year,
            **_texts(sheet, ["province", "entity", "opd"]),
            "unit_type": unit_types(sheet.text("opd")),
            "product": product,
            **keys,
            "indicator": indicator,
            "item_score": score,
        }
    )
    problems = [*year_problems, *product_problems, *indicator_problems, *score_problems]
    return frame, [*problems, *key_problems]


# --- the schema at the boundary ---------------------------------------------------------------


def _assessed(years: pd.Series) -> pd.Series:
    """A methodology covers the year (none covers 2020); the range check reports the rest."""
    return years.isin(list(_year_methods())) | ~years.between(FIRST_YEAR, LAST_YEAR)


def _text_column(required: bool = False) -> pa.Column:
    return pa.Column("string", nullable=not required)


YEAR = pa.Column(
    "Int64",
    [
        pa.Check.in_range(FIRST_YEAR, LAST_YEAR, error=REASONS.year_range),
        pa.Check(_assessed, error=REASONS.not_assessed),
    ],
)
SCORE = pa.Column("float64", pa.Check.in_range(0, 100, error=REASONS.score_range), nullable=True)
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
        "product": pa.Column("Int64", pa.Check.isin([1, 2], error=REASONS.product)),
        "dimension": _text_column(required=True),
        "variable": _text_column(required=True),
        "indicator": pa.Column("Int64", pa.Check.ge(1, error=REASONS.indicator)),
        "item_score": pa.Column("float64", pa.Check.in_range(0, 3, error=REASONS.item_range)),
    }
)


def _schema_problems(
    sheet: _Sheet, frame: pd.DataFrame, schema: pa.DataFrameSchema
) -> list[Problem]:
    """Pandera's failure cases as problems at their cells ('not_nullable' is 'wajib diisi')."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as failed:
        cases = failed.failure_cases[["column", "check", "index"]]
        return [
            sheet.problem(
                column,
                None if pd.isna(index) else int(index),
                REASONS.required if check == "not_nullable" else check,
            )
            for column, check, index in cases.itertuples(index=False)
        ]
    return []


# --- kinds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    columns: tuple[str, ...]  # the output frame (scoring.frames)
    required: tuple[str, ...]  # canonical headers the file must have
    uses: frozenset[str]  # canonical headers read for this kind; others are ignored
    build: Callable[[_Sheet], tuple[pd.DataFrame, list[Problem]]]
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


def _kind_of(sheet: _Sheet) -> Kind:
    columns = set(sheet.cells.columns)
    if columns & {"dimension", "variable", "indicator", "item_score"}:
        return "items"
    if "opd" in columns:
        return "units"
    if "entity" in columns:
        return "results"
    raise ImportFailed([*sheet.header_problems, sheet.file_problem(REASONS.kind_unknown)])


def _layout_problems(sheet: _Sheet, layout: _Layout) -> list[Problem]:
    """A missing required column is one problem listing the headers that would do."""
    variants = _header_variants().groupby("canonical")["variant"].agg(", ".join)
    missing = [c for c in layout.required if c not in sheet.cells]
    ignored = [c for c in sheet.cells if c not in layout.uses]
    return [
        *(
            sheet.file_problem(f"{REASONS.column_missing}: {variants[c]}", column=c)
            for c in missing
        ),
        *(
            Problem(
                sheet.file,
                sheet.header_line,
                sheet.header(c),
                None,
                REASONS.column_ignored,
                "warning",
            )
            for c in ignored
        ),
        *([sheet.file_problem(REASONS.no_rows)] if len(sheet.cells) == 0 else []),
    ]


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


def _final(frame: pd.DataFrame, sheet: _Sheet, layout: _Layout) -> pd.DataFrame:
    """The frame of scoring.frames: plain integer columns, `pemda` for units and items."""
    out = frame.assign(source_row=sheet.lines.astype("int64"))
    if "pemda" in layout.columns:
        out = out.rename(columns={"entity": "pemda"})
    integers = {c: "int64" for c in ("year", "product", "indicator") if c in out}
    return out.astype(integers)[list(layout.columns)].reset_index(drop=True)


def _load(path: str | Path, sheet: str | int | None, kind: Kind | None) -> ImportResult:
    table = _read_sheet(Path(path), sheet)
    kind = kind or _kind_of(table)
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
    problems = _one_per_cell([*problems, *found, *_schema_problems(table, frame, layout.schema)])
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return ImportResult(kind, _final(frame, table, layout), warnings)


# --- public API -------------------------------------------------------------------------------


def read_results(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """One score per government and year (RESULT_COLUMNS); raises ImportFailed on any error."""
    return _load(path, sheet, "results")


def read_units(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """Unit (OPD, Puskesmas, RSUD) scores (UNIT_COLUMNS); raises ImportFailed on any error."""
    return _load(path, sheet, "units")


def read_items(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """Item scores 0-3 (ITEM_COLUMNS); raises ImportFailed on any error."""
    return _load(path, sheet, "items")


def detect_kind(path: str | Path, sheet: str | int | None = None) -> Kind:
    """Which kind of file this is, from its headers alone."""
    return _kind_of(_read_sheet(Path(path), sheet))


def load(path: str | Path, sheet: str | int | None = None) -> ImportResult:
    """Read any of the three kinds, told apart by the headers."""
    return _load(path, sheet, None)


# --- printed opinions -------------------------------------------------------------------------

LETTER = r"(?:^|kategori\s+|\()(?P<letter>[a-e])\b"
ALTERNATIVES = r"(?P<alternatives>(?<=\w)\s*/\s*(?=\w))"  # 'tertinggi/tinggi': undecided
AMBIGUOUS = "?"


def _category_labels(method: Methodology) -> dict[str, str]:
    """Opinion and 2025 unit wording -> category letter, from the era's grades."""
    pairs = [(g.opinion_id, g.category) for g in method.grades if g.category]
    pairs += [(g.unit_label_id, g.category) for g in method.grades if g.unit_label_id]
    return {name.lower(): category for name, category in pairs}


def _compliance_labels(method: Methodology) -> dict[str, str]:
    """'Kepatuhan Tinggi' -> hijau, for eras scored in zones only."""
    if method.has_categories:
        return {}
    return {g.opinion_id.lower(): g.zone for g in method.grades}


def _match_labels(text: pd.Series, labels: dict[str, str], letters: bool) -> pd.Series:
    """The one label a text names; missing when it names none, two, or alternatives."""
    phrases = "|".join(re.escape(p) for p in sorted(labels, key=len, reverse=True))
    pattern = rf"(?P<phrase>\b(?:{phrases})\b)|{ALTERNATIVES}"
    if letters:
        pattern += f"|{LETTER}"
    matches = text.str.extractall(pattern)
    if matches.empty:
        return pd.Series(pd.NA, index=text.index, dtype="string")
    found = matches["phrase"].map(labels)
    if letters:
        found = found.fillna(matches["letter"].str.upper())
    by_row = found.fillna(AMBIGUOUS).groupby(level=0)
    single = by_row.first().where(by_row.nunique() == 1)
    return single.mask(single == AMBIGUOUS).reindex(text.index).astype("string")


def _printed(
    text: pd.Series,
    years: pd.Series,
    labels_of: Callable[[Methodology], dict[str, str]],
    letters: bool,
) -> pd.Series:
    """Read printed wording era by era, each with its own vocabulary."""
    normal = text.astype("string").str.lower().str.replace(r"[\"'`‘’“”]", "", regex=True)
    normal = normal.str.replace(r"\s+", " ", regex=True).str.strip()
    era = _method_keys(years)
    out = pd.Series(pd.NA, index=text.index, dtype="string")
    for method in all_methodologies():
        labels = labels_of(method)
        rows = (era == method.key).fillna(False).to_numpy(bool)
        if labels and rows.any():
            out.loc[rows] = _match_labels(normal[rows], labels, letters).to_numpy()
    return out


def parse_printed_category(text: pd.Series, year: pd.Series) -> pd.Series:
    """Category letter A-E named by printed text (2022 on); missing if absent or ambiguous.

    "B (kualitas tinggi)", "opini kualitas tertinggi" (A), "kepatuhan tinggi kategori B",
    2025 unit labels "Baik" (B) and "Sangat Baik" (A) are read; "kualitas tertinggi/tinggi",
    "kualitas 'sangat tinggi'" and the pre-2022 "kepatuhan tinggi" are not.
    """
    return _printed(text, year, _category_labels, letters=True)


def parse_printed_compliance(text: pd.Series, year: pd.Series) -> pd.Series:
    """Zone named by a printed 2015-2021 opinion ("kepatuhan tinggi" -> hijau); else missing."""
    return _printed(text, year, _compliance_labels, letters=False)
