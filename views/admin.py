"""The admin pages' tables, labelled for reading: an import's problems and diff, the versions,
the accounts. Pure builders over plain frames; the pages show them with `st.dataframe`, which
renders every cell as text, so names from files need no escaping here (Markdown around them
goes through `views.format.escape_md`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from scoring.choices import Lang
from scoring.diff import (
    CHANGE_COLUMNS,
    COMPARED,
    RANK_COLUMNS,
    ROW_COLUMNS,
    ZONE_COLUMNS,
    SliceDiff,
)
from scoring.i18n import t
from scoring.importing import CANONICAL_COLUMNS
from scoring.problems import Problem
from views import admin_import
from views.format import score_text, zone_word

PROBLEM_COLUMNS = ("file", "row", "column", "value", "reason", "suggestions", "severity")
DIFF_PARTS = ("added", "changed", "removed", "unchanged", "zone_moves", "rank_moves")
KINDS = (*admin_import.KINDS, "rollback")  # `admin.kind.<kind>`: what wrote a version
# `admin.field.<name>`: the columns a header may be mapped to, and those a diff names.
FIELDS = frozenset(c for names in CANONICAL_COLUMNS.values() for c in names) | frozenset(
    c for names in COMPARED.values() for c in names
)


def _labelled(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return frame.rename(columns={c: t(f"admin.col.{c}", lang) for c in frame.columns})


def problems_table(problems: Iterable[Problem], lang: Lang) -> pd.DataFrame:
    """Every problem of a file: where (file, row, column), what (value), why, and the closest
    names for one that could not be placed."""
    rows = [
        {
            "file": p.file,
            "row": p.row,
            "column": p.column or "",
            "value": p.value or "",
            "reason": p.message(lang),
            "suggestions": ", ".join(p.suggestions),
            "severity": t(f"admin.severity.{p.severity}", lang),
        }
        for p in problems
    ]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS)).astype({"row": "Int64"})
    return _labelled(frame, lang)


def _rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    shown = frame.assign(
        score=frame["score"].map(lambda s: score_text(s, lang)),
        zone=frame["zone"].map(lambda z: zone_word(z or None, lang)),
    )
    return _labelled(shown, lang)


def diff_tables(diff: SliceDiff, lang: Lang) -> dict[str, pd.DataFrame]:
    """The diff's parts by label key (`admin.diff.<part>`), labelled, in reading order."""
    zones = diff.zone_moves.assign(
        zone_old=diff.zone_moves["zone_old"].map(lambda z: zone_word(z or None, lang)),
        zone_new=diff.zone_moves["zone_new"].map(lambda z: zone_word(z or None, lang)),
    )
    ranks = diff.rank_moves.assign(
        ranking=diff.rank_moves["ranking"].map(lambda r: t(f"admin.ranking.{r}", lang))
    )
    is_score = diff.changed["column"] == "score"

    def shown(values: pd.Series) -> pd.Series:
        """Scores written as the pages write them (decimal comma in Indonesian)."""
        scores = pd.to_numeric(values.where(is_score & (values != "")), errors="coerce")
        return values.where(scores.isna(), scores.map(lambda s: score_text(s, lang)))

    changed = diff.changed.assign(
        column=diff.changed["column"].map(lambda c: t(f"admin.field.{c}", lang)),
        old=shown(diff.changed["old"]),
        new=shown(diff.changed["new"]),
    )
    return {
        "added": _rows(diff.added, lang),
        "changed": _labelled(changed, lang),
        "removed": _rows(diff.removed, lang),
        "zone_moves": _labelled(zones, lang),
        "rank_moves": _labelled(ranks, lang),
    }


VERSION_COLUMNS = (
    "id",
    "created_at",
    "user",
    "dataset",
    "kind",
    "file_name",
    "slices",
    "added",
    "changed",
    "removed",
    "rolled_back_to",
    "sha256",
)


def when_text(stamp: object) -> str:
    """A stored UTC time to the minute, as people read it.

    >>> when_text("2026-03-01T08:00:59.123+00:00")
    '2026-03-01 08:00'
    """
    return str(stamp).replace("T", " ")[:16] if isinstance(stamp, str) else "–"


def _kind_text(kind: object, lang: Lang) -> str:
    return t(f"admin.kind.{kind}", lang) if isinstance(kind, str) and kind else "–"


def versions_table(versions: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The versions, newest first, with what each one did."""
    shown = versions.reindex(columns=list(VERSION_COLUMNS)).assign(
        created_at=versions["created_at"].map(when_text),
        dataset=versions["dataset"].map(lambda d: t(f"dataset.{d}", lang)),
        kind=versions["kind"].map(lambda k: _kind_text(k, lang)),
        file_name=versions["file_name"].fillna("–"),
    )
    return _labelled(shown, lang)


SLICE_COLUMNS = ("table_name", "year", "added", "changed", "removed")


def slices_table(slices: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The slices one version replaced, with what changed in each."""
    return _labelled(slices.reindex(columns=list(SLICE_COLUMNS)), lang)


USER_COLUMNS = ("name", "role", "organisation", "password", "active", "created_at", "created_by")


def users_table(users: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    shown = users.reindex(columns=list(USER_COLUMNS)).assign(
        role=users["role"].map(lambda r: t(f"role.{r}", lang)),
        password=users["password"].map(
            lambda has: t("admin.signin.password" if has else "admin.signin.sso", lang)
        ),
        active=users["active"].map(lambda a: t("admin.yes" if a else "admin.no", lang)),
        created_at=users["created_at"].map(when_text),
    )
    return _labelled(shown, lang)


def version_label(row: pd.Series, lang: Lang) -> str:
    """'#12 · 2026-03-01 08:00 · budi · Hasil resmi · hasil-2024.csv' for a picker (the kind
    where there is no file)."""
    what = row["file_name"] if isinstance(row["file_name"], str) else _kind_text(row["kind"], lang)
    parts: Sequence[object] = (
        f"#{row['id']}",
        when_text(row["created_at"]),
        row["user"],
        t(f"dataset.{row['dataset']}", lang),
        what,
    )
    return " · ".join(map(str, parts))


# `admin.col.<name>`: every column these tables show.
LABELLED_COLUMNS = frozenset(
    (
        *PROBLEM_COLUMNS,
        *VERSION_COLUMNS,
        *SLICE_COLUMNS,
        *USER_COLUMNS,
        *ROW_COLUMNS,
        *CHANGE_COLUMNS,
        *ZONE_COLUMNS,
        *RANK_COLUMNS,
    )
)
