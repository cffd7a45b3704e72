"""The methodology page's tables, generated from the methodology files (never typed twice)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pandas as pd

from scoring.choices import Lang
from scoring.i18n import bilingual, t
from scoring.methodology import Methodology
from views.format import score_text, zone_word


def years_label(method: Methodology, lang: Lang) -> str:
    """A method's years as its tab shows them: '2022–2024', '2021', '2025–sekarang'."""
    if method.last_year >= 2090:  # open-ended: still in use
        return f"{method.first_year}–{t('metodologi.now', lang)}"
    if method.last_year == method.first_year:
        return str(method.first_year)
    return f"{method.first_year}–{method.last_year}"


def grades_table(method: Methodology, lang: Lang) -> pd.DataFrame:
    """Score bands best first: 'from – to', category, zone word and opinion."""
    uppers = [100.0] + [g.lower - 0.01 for g in method.grades[:-1]]
    rows = {
        t("metodologi.range", lang): [
            f"{score_text(g.lower, lang)} – {score_text(u, lang)}"
            for g, u in zip(method.grades, uppers, strict=True)
        ],
        t("col.zone", lang): [zone_word(g.zone, lang) for g in method.grades],
        t("col.opinion", lang): [bilingual(g, "opinion", lang) for g in method.grades],
    }
    if method.has_categories:
        rows = {t("col.category", lang): [g.category or "" for g in method.grades], **rows}
    return pd.DataFrame(rows)


def dimensions_table(method: Methodology, lang: Lang) -> pd.DataFrame:
    def name(item) -> str:
        return bilingual(item, "name", lang)

    return pd.DataFrame(
        {
            t("metodologi.dimension", lang): [name(d) for d in method.dimensions],
            t("metodologi.variables", lang): [
                ", ".join(name(v) for v in d.variables) or "–" for d in method.dimensions
            ],
            t("metodologi.weight", lang): [
                f"{d.weight:.2f} %" if d.weight else t("metodologi.weight_unknown", lang)
                for d in method.dimensions
            ],
            t("metodologi.evidence", lang): [
                bilingual(d, "evidence", lang) or "–" for d in method.dimensions
            ],
        }
    )


def loci_table(method: Methodology, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("metodologi.locus", lang): [bilingual(lc, "name", lang) for lc in method.loci],
            t("metodologi.count", lang): [lc.count for lc in method.loci],
            t("ui.level", lang): [
                ", ".join(t(f"level.{lv}", lang) for lv in lc.levels) for lc in method.loci
            ],
        }
    )


def kemenpanrb(lang: Lang) -> tuple[dict, pd.DataFrame]:
    raw = tomllib.loads(
        resources.files("scoring.methodologies")
        .joinpath("_kemenpanrb.toml")
        .read_text(encoding="utf-8")
    )
    aspects = pd.DataFrame(
        {
            t("metodologi.aspect", lang): [bilingual(a, "name", lang) for a in raw["aspects"]],
            t("metodologi.weight", lang): [f"{a['weight']} %" for a in raw["aspects"]],
        }
    )
    return raw, aspects
