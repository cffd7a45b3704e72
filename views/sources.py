"""A figure beside the other sources that published it, flagged where they disagree.

The counted row of a government and year is the one rankings and maps use; a second source, or
the same figure printed again, is kept beside it (`scoring.store`: the further sources). Where
they differ in score, zone or category (the counted row's `sources_disagree`, see
`scoring.checks.source_flags`), the profile shows both side by side and says so, rather than
silently choosing one.
"""

from __future__ import annotations

import pandas as pd

from scoring.choices import Lang
from scoring.i18n import t
from views.format import score_text, zone_word


def side_by_side(counted: pd.Series, others: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The counted figure first, then every other source for its government and year: source,
    score, zone, category as printed, and the note the source came with."""
    same = others[(others["code"] == counted["code"]) & (others["year"] == counted["year"])]
    rows = pd.concat([counted.to_frame().T, same], ignore_index=True)
    printed = rows["zone_printed"] if "zone_printed" in rows else rows["zone"]
    zone = printed.where(printed.notna(), rows["zone"])
    category = rows["category_printed"] if "category_printed" in rows else rows["category"]
    roles = [t("sources.counted", lang)] + [t("sources.other", lang)] * len(same)
    return pd.DataFrame(
        {
            t("sources.role", lang): roles,
            t("col.score", lang): rows["score"].map(lambda s: score_text(s, lang)),
            t("col.zone", lang): zone.map(lambda z: zone_word(z, lang)),
            t("col.category", lang): category.astype("string").fillna("–"),
            t("col.source", lang): rows["source_url"].astype("string").fillna(""),
            t("sources.notes", lang): rows["notes"].astype("string").fillna("–"),
        }
    )


def flagged(row: pd.Series, flag: str) -> bool:
    """A source flag of a result row; rows stored without flags (demo data) have none."""
    value = row.get(flag)
    return bool(value) if value is not None and not pd.isna(value) else False
