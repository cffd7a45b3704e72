"""Read the opinion or category a source printed next to a score ('B (kualitas tinggi)').

Printed wording is kept verbatim in the data; these readers say which category letter or zone it
names, so the consistency checks can compare it with the score's band. The vocabulary is each
era's own, taken from the methodology files, and text that names two answers names none. Kept
apart from the file reader: the analysis pipeline reads printed text without reading files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from scoring.methodology import Methodology, all_methodologies

LETTER = r"(?:^|kategori\s+|\()(?P<letter>[a-e])\b"
ALTERNATIVES = r"(?P<alternatives>(?<=\w)\s*/\s*(?=\w))"  # 'tertinggi/tinggi': undecided
AMBIGUOUS = "?"


def _category_labels(method: Methodology) -> dict[str, str]:
    """Opinion and 2025 unit wording -> category letter, from the era's grades."""
    return {
        name.lower(): g.category
        for g in method.grades
        if g.category
        for name in (g.opinion_id, g.unit_label_id)
        if name
    }


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
    out = pd.Series(pd.NA, index=text.index, dtype="string")
    for method in all_methodologies():
        labels = labels_of(method)
        rows = years.between(method.first_year, method.last_year).fillna(False).to_numpy(bool)
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
