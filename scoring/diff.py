"""What an import would change, worked out before anything is written.

An import replaces whole (table, year) slices, so the stored rows of those slices are compared
with the file's: rows added, rows removed, and every changed value of the rows in both. For
results it also says whose zone and whose rank would move, computed the way the pages compute
them (`scoring.pipeline.analyse`), so the admin sees the effect on *Peringkat* before confirming.

Rows are matched by region code where they have one (a renamed "Kab. Bone" is still Kabupaten
Bone), else by level and name, case- and space-insensitively; a key repeated within one side is
numbered, so duplicates show up as added or removed rather than vanish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.pipeline import analyse

# The stored columns whose change an admin is shown, by table.
COMPARED = {
    "results": ("level", "province", "entity", "score", "zone", "category", "source_url", "notes"),
    "units": ("province", "pemda", "opd", "unit_type", "score", "zone", "category", "source_url"),
}
ROW_COLUMNS = ("year", "name", "score", "zone")
CHANGE_COLUMNS = ("year", "name", "column", "old", "new")
ZONE_COLUMNS = ("year", "name", "zone_old", "zone_new")
RANK_COLUMNS = ("year", "name", "ranking", "rank_old", "rank_new")
RANKINGS = ("national", "province")  # the two ranks a row holds on Peringkat
_SEP = "\x1f"


@dataclass(frozen=True)
class SliceDiff:
    """The changes to one table: frames with the `*_COLUMNS` above, sorted for reading."""

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame  # one row per changed value
    zone_moves: pd.DataFrame
    rank_moves: pd.DataFrame
    unchanged: int

    @property
    def counts(self) -> dict[str, int]:
        changed_rows = self.changed[["year", "name"]].drop_duplicates()
        return {
            "added": len(self.added),
            "changed": len(changed_rows),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
        }


def value_text(value: object) -> str:
    """A stored value as compared and shown: missing is '', scores have two decimals.

    >>> [value_text(v) for v in (None, float("nan"), 88.8, 2023, " Bone ")]
    ['', '', '88.80', '2023', 'Bone']
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float | np.floating):
        return f"{float(value):.2f}"
    return str(value).strip()


def _fold(series: pd.Series) -> pd.Series:
    return series.map(value_text).str.split().str.join(" ").str.casefold()


def _keys(frame: pd.DataFrame, fallback: Sequence[str], within: Sequence[str] = ()) -> pd.Series:
    """One key per row: the year, the code (without one: the `fallback` names), then the
    `within` names (a unit within its government); the n-th repeat of a key gets '#n'."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    code = frame["code"].map(value_text) if "code" in frame else pd.Series("", frame.index)
    by_name = pd.Series("name:", index=frame.index)
    for part in fallback:
        by_name = by_name + _SEP + _fold(frame[part])
    key = frame["year"].map(value_text) + _SEP + code.where(code != "", by_name)
    for part in within:
        key = key + _SEP + _fold(frame[part])
    repeat = key.groupby(key).cumcount()
    return key.where(repeat == 0, key + "#" + repeat.astype(str))


def _rows(frame: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": frame["year"].astype(int),
            "name": names,
            "score": pd.to_numeric(frame["score"], errors="coerce"),
            "zone": frame["zone"].map(value_text),
        }
    ).sort_values(["year", "name"], ignore_index=True)


def _changes(
    old: pd.DataFrame, new: pd.DataFrame, names: pd.Series, columns: Sequence[str]
) -> pd.DataFrame:
    parts = []
    for column in columns:
        before = old[column].map(value_text) if column in old else pd.Series("", index=old.index)
        after = new[column].map(value_text) if column in new else pd.Series("", index=new.index)
        moved = before != after
        parts.append(
            pd.DataFrame(
                {
                    "year": new["year"][moved].astype(int),
                    "name": names[moved],
                    "column": column,
                    "old": before[moved],
                    "new": after[moved],
                }
            )
        )
    changes = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return changes.reindex(columns=list(CHANGE_COLUMNS)).sort_values(
        ["year", "name"], ignore_index=True, kind="stable"
    )


@dataclass(frozen=True)
class Layout:
    """How the rows of a table are matched and named."""

    table: str  # a key of COMPARED
    fallback: tuple[str, ...]  # matched on these without a code
    within: tuple[str, ...]  # and on these within a code
    name: str  # shown to say which row it is


RESULTS = Layout("results", ("level", "entity"), (), "entity")
UNITS = Layout("units", ("pemda",), ("opd",), "opd")
_EMPTY_ZONES = pd.DataFrame(columns=list(ZONE_COLUMNS))
_EMPTY_RANKS = pd.DataFrame(columns=list(RANK_COLUMNS))


def _in_years(stored: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """The stored rows of the slices the import replaces (its years), in a fresh index."""
    return stored[stored["year"].isin(incoming["year"].unique())].reset_index(drop=True)


def compare(stored: pd.DataFrame, incoming: pd.DataFrame, layout: Layout) -> SliceDiff:
    """Rows of `incoming` against the `stored` rows of its years: added, removed, changed.

    `stored` may hold every year; only `incoming`'s are compared.
    """
    stored, incoming = _in_years(stored, incoming), incoming.reset_index(drop=True)
    old = stored.set_axis(_keys(stored, layout.fallback, layout.within))
    new = incoming.set_axis(_keys(incoming, layout.fallback, layout.within))
    both = new.index.intersection(old.index, sort=False)
    changed = _changes(
        old.loc[both], new.loc[both], new.loc[both, layout.name], COMPARED[layout.table]
    )
    added = new.loc[new.index.difference(old.index, sort=False)]
    removed = old.loc[old.index.difference(new.index, sort=False)]
    return SliceDiff(
        added=_rows(added, added[layout.name]),
        removed=_rows(removed, removed[layout.name]),
        changed=changed,
        zone_moves=_EMPTY_ZONES,
        rank_moves=_EMPTY_RANKS,
        unchanged=len(both) - len(changed[["year", "name"]].drop_duplicates()),
    )


def _ranks(analysed: pd.DataFrame) -> pd.DataFrame:
    """The national and provincial rank each row holds on Peringkat (kab and kota together)."""
    return pd.DataFrame(
        {
            "national": analysed["rank_national_kabkota"].fillna(analysed["rank_national"]),
            "province": analysed["rank_province_kabkota"],
        }
    ).astype("Int64")


def _analysed(frame: pd.DataFrame) -> pd.DataFrame:
    """Graded and ranked, indexed by row key (analyse keeps the rows in order)."""
    keys = _keys(frame, RESULTS.fallback)
    return analyse(frame).set_axis(keys) if len(frame) else pd.DataFrame(index=keys)


def _zone_moves(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    before, after = old["zone"].map(value_text), new["zone"].map(value_text)
    moved = before != after
    return pd.DataFrame(
        {
            "year": new["year"][moved].astype(int),
            "name": new["entity"][moved],
            "zone_old": before[moved],
            "zone_new": after[moved],
        }
    ).sort_values(["year", "name"], ignore_index=True)


def _rank_moves(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    before, after = _ranks(old), _ranks(new)
    moves = []
    for ranking in RANKINGS:
        differs = before[ranking].fillna(-1) != after[ranking].fillna(-1)
        moves.append(
            pd.DataFrame(
                {
                    "year": new["year"][differs].astype(int),
                    "name": new["entity"][differs],
                    "ranking": ranking,
                    "rank_old": before[ranking][differs],
                    "rank_new": after[ranking][differs],
                }
            )
        )
    return pd.concat(moves).sort_values(["year", "ranking", "rank_new"], ignore_index=True)


def results_diff(stored: pd.DataFrame, incoming: pd.DataFrame) -> SliceDiff:
    """`compare` for results, with whose zone and whose rank would move.

    Both frames are stored-shaped results (resolved: code, province_code, region_name), so
    grades and ranks come out as the pages show them.
    """
    diff = compare(stored, incoming, RESULTS)
    old = _analysed(_in_years(stored, incoming))
    new = _analysed(incoming.reset_index(drop=True))
    both = new.index.intersection(old.index, sort=False)
    if both.empty:
        return diff
    return SliceDiff(
        added=diff.added,
        removed=diff.removed,
        changed=diff.changed,
        zone_moves=_zone_moves(old.loc[both], new.loc[both]),
        rank_moves=_rank_moves(old.loc[both], new.loc[both]),
        unchanged=diff.unchanged,
    )
