"""Cells of a `Sheet` parsed into typed columns, with a problem for every cell that does not parse.

People write '91,70', 'Kab.', 'Zona Hijau' or 'Standar Pelayanan'; each parser accepts the ways
the sources write a value, returns missing where it cannot, and says so at the cell. Range and
emptiness are left to the schema, so a cell gets one problem, not two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from scoring.importing.reading import Sheet
from scoring.importing.reference import (
    dimension_names,
    method_keys,
    slug,
    unit_patterns,
    variable_names,
)
from scoring.methodology import zones
from scoring.problems import Problem

OTHER_UNIT = "lainnya"
# ASCII digits only: `\d` would also take full-width and other scripts' digits ('８８.８７'),
# which the number parser cannot read, and the score would silently become empty.
NUMBER = r"[+-]?[0-9]+(?:\.[0-9]+)?"
WHOLE_NUMBER = r"^([0-9]+)(?:[.,]0+)?$"
# A source link must be a web address: http(s), a host, none of the characters RFC 3986 does
# not allow in a URL (spaces, quotes, angle brackets...), so `javascript:` or a crafted
# "x) [masuk](..." never reaches a page.
WEB_ADDRESS = r"(?i)^https?://[^/?#\s:@]+(?::[0-9]+)?(?:[/?#][^\s\"'<>\\^`{|}]*)?$"

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


def texts(sheet: Sheet, columns: Iterable[str]) -> dict[str, pd.Series]:
    """Free-text columns: verbatim, empty as missing."""
    return {c: sheet.text(c).replace("", pd.NA).astype("string") for c in columns}


def numbers(sheet: Sheet, column: str) -> tuple[pd.Series, list[Problem]]:
    """Decimal comma or point, spaces around it tolerated ('91,70', '86, 65'); no thousands."""
    text = sheet.text(column)
    normal = text.str.replace(r"\s*[.,]\s*", ".", regex=True)
    valid = normal.str.fullmatch(NUMBER).astype(bool)
    values = pd.to_numeric(normal.where(valid), errors="coerce").astype("float64")
    return values, sheet.problems(column, (text != "") & ~valid, "not_a_number")


def whole_numbers(
    sheet: Sheet, column: str, code: str = "not_a_whole_number"
) -> tuple[pd.Series, list[Problem]]:
    """Integers; '2023.0' as some spreadsheets write it is accepted."""
    text = sheet.text(column)
    digits = text.str.extract(WHOLE_NUMBER, expand=False)
    values = pd.to_numeric(digits, errors="coerce").astype("Int64")
    return values, sheet.problems(column, (text != "") & digits.isna(), code)


def web_addresses(sheet: Sheet) -> tuple[pd.Series, list[Problem]]:
    """Source links, verbatim; anything but an http(s) address is an error at its cell."""
    text = sheet.text("source_url")
    valid = text.str.match(WEB_ADDRESS).fillna(False).astype(bool)
    return text.replace("", pd.NA).astype("string"), sheet.problems(
        "source_url", (text != "") & ~valid, "not_a_web_address"
    )


def _level_words(text: pd.Series) -> pd.Series:
    """'Kab.', 'Pemkab', 'Pemerintah Kabupaten' -> kabupaten; anything else missing."""
    normal = text.str.lower().str.replace(r"^pemerintah\s+", "", regex=True).str.rstrip(".")
    return normal.map(LEVEL_WORDS).astype("string")


def levels(sheet: Sheet) -> tuple[pd.Series, list[Problem]]:
    """From the level (or entity type) column; where it is absent or empty, from the name."""
    source = next((c for c in ("level", "entity_type") if c in sheet.cells), None)
    written = sheet.text(source or "level")
    first_word = sheet.text("entity").str.extract(
        r"^(?:pemerintah\s+)?(\w+)", flags=re.IGNORECASE, expand=False
    )
    level = _level_words(written).where(written != "", _level_words(first_word.fillna("")))
    blamed = source or "entity"
    return level, [
        *sheet.problems(blamed, (written != "") & level.isna(), "level_unknown"),
        *sheet.problems(blamed, (written == "") & level.isna(), "level_from_name"),
    ]


def zones_of(sheet: Sheet) -> tuple[pd.Series, list[Problem]]:
    """'Zona Hijau', 'HIJAU', 'green' -> hijau; other text is dropped with a warning."""
    written = sheet.text("zone")
    word = written.str.lower().str.replace(r"^zon[ae]\s+|\s+zone$", "", regex=True)
    zone = word.map(ZONE_WORDS).astype("string")
    unknown = (written != "") & zone.isna()
    return zone, sheet.problems("zone", unknown, "zone_unknown", severity="warning")


def unit_types(names: pd.Series) -> pd.Series:
    """Locus key of each local unit name ('Dinas Sosial PMD' -> dinas_sosial), else 'lainnya'."""
    table = unit_patterns()
    text = names.astype("string").fillna("")
    matched = [
        text.str.contains(p, case=False, regex=True).to_numpy(bool) for p in table["pattern"]
    ]
    keys = np.select(matched, table["unit_type"].to_numpy(dtype=object), OTHER_UNIT)
    return pd.Series(keys, index=names.index, dtype="string")


def item_keys(
    sheet: Sheet, years: pd.Series, indicators: pd.Series
) -> tuple[dict[str, pd.Series], list[Problem]]:
    """Dimension and variable keys of the year's methodology, from keys or display names."""
    era = method_keys(years)
    dimension_text, variable_text = sheet.text("dimension"), sheet.text("variable")
    dimension = (era + "|" + slug(dimension_text)).map(dimension_names()).astype("string")
    variable = variable_names().reindex(era + "|" + slug(variable_text))
    variable = variable.set_axis(sheet.cells.index)
    known_era = era.notna()
    bad_dimension = known_era & (dimension_text != "") & dimension.isna()
    bad_variable = known_era & (variable_text != "") & variable["variable"].isna()
    elsewhere = dimension.notna() & variable["dimension"].notna()
    elsewhere &= dimension != variable["dimension"]
    beyond = indicators.notna() & (indicators > variable["indicators"]).fillna(False)
    problems = [
        *sheet.problems("dimension", bad_dimension, "dimension_unknown", {"era": era}),
        *sheet.problems("variable", bad_variable, "variable_unknown", {"era": era}),
        *sheet.problems("variable", elsewhere, "variable_elsewhere", {"dimension": dimension}),
        *sheet.problems(
            "indicator",
            beyond,
            "indicator_beyond",
            {"indicators": variable["indicators"].astype("Int64")},
        ),
    ]
    # Unresolved names stay as written, so the schema reports only truly empty cells.
    keys = {
        "dimension": dimension.fillna(texts(sheet, ["dimension"])["dimension"]),
        "variable": variable["variable"]
        .astype("string")
        .fillna(texts(sheet, ["variable"])["variable"]),
    }
    return keys, problems
