"""The rapor at the top of a profile: what pulled a government down and what to fix first.

In the manner of County Health Rankings' "areas to explore": three cards a governor reads without
scrolling — the weakest unit (with its zone), the weakest dimension (with the points it costs),
and the indicators whose gaps cost the most points summed over the units (from the dimension
weights, `scoring.improve`) — each with the strongest counterpart, so a strength is named too.
A category-A government still gets its weakest parts and its distance to 100.

Pure: frames in, Markdown strings out (names escaped), no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scoring.choices import Lang
from scoring.classify import classify
from scoring.i18n import bilingual, t
from scoring.improve import dimension_costs, indicator_costs, next_grade_gap
from scoring.methodology import IndicatorText, Methodology, for_year, indicator_texts
from views.format import escape_md, score_text, zone_word

TOP_INDICATORS = 3


@dataclass(frozen=True)
class Card:
    """One rapor card: a small title, a headline with the figure, detail lines and a footer
    (Markdown, names escaped)."""

    key: str  # "unit", "dimension", "fixes": stable for tests and element keys
    title: str
    headline: str
    zone: str | None  # the zone of the headline figure, for its chip
    lines: tuple[str, ...] = ()
    footer: str = ""


def _points(value: float, lang: Lang) -> str:
    return score_text(value, lang)


def short_unit(name: str, government: object) -> str:
    """A unit's name without its government's, which the profile's title already says:
    'Dinas Sosial Kabupaten Bangka Barat' → 'Dinas Sosial' (other names stay whole)."""
    suffix = f" {government}" if isinstance(government, str) and government else None
    if suffix and name.endswith(suffix) and len(name) > len(suffix):
        return name[: -len(suffix)]
    return name


def short_units(frame: pd.DataFrame, government: object = None) -> list[str]:
    """`opd` names shortened by `government`, else by each row's `pemda`."""
    if government is None and "pemda" in frame:
        owners = frame["pemda"].tolist()
    else:
        owners = [government] * len(frame)
    return [short_unit(str(n), o) for n, o in zip(frame["opd"].tolist(), owners, strict=True)]


def indicator_name(method: Methodology, variable: str, number: int, lang: Lang) -> str:
    """The indicator's wording ('SK tim pengelola pengaduan'), else 'Indikator 3' of its variable
    when the era has no wording file."""
    text = indicator_texts(method).get((variable, int(number)))
    if text is not None:
        return bilingual(text, "text", lang)
    return t("rapor.indicator_number", lang, number=int(number))


def _unit(row: pd.Series) -> str:
    return short_unit(str(row["opd"]), row.get("pemda"))


def _zone_of(score: float, method: Methodology) -> str | None:
    zone = classify(pd.Series([score]), method)["zone"].iloc[0]
    return None if pd.isna(zone) else str(zone)


def unit_card(units: pd.DataFrame, year: int, lang: Lang) -> Card | None:
    """The weakest unit by score, and the strongest; None without scored units."""
    scored = units.dropna(subset=["score"]).sort_values(["score", "opd"])
    if scored.empty:
        return None
    method = for_year(year)
    weakest, strongest = scored.iloc[0], scored.iloc[-1]
    lines = [t("rapor.unit_rank", lang, n=len(scored))]
    if len(scored) > 1:
        lines.append(
            t(
                "rapor.strongest",
                lang,
                name=escape_md(_unit(strongest)),
                score=score_text(strongest["score"], lang),
            )
        )
    return Card(
        key="unit",
        title=t("rapor.weakest_unit", lang),
        headline=f"**{escape_md(_unit(weakest))}** · {score_text(weakest['score'], lang)}",
        zone=_zone_of(float(weakest["score"]), method),
        lines=tuple(lines),
    )


def dimension_card(dimensions: pd.DataFrame, year: int, lang: Lang) -> Card | None:
    """The dimension that costs the most points (the lowest mean where weights are unknown)."""
    scored = dimensions.dropna(subset=["score"])
    if scored.empty:
        return None
    method = for_year(year)
    names = {d.key: bilingual(d, "name", lang) for d in method.dimensions}
    costs = dimension_costs(scored, year)
    weakest = costs.iloc[0]
    strongest = costs.sort_values("mean").iloc[-1]
    lines = [t("rapor.dimension_mean", lang, units=scored["opd"].nunique())]
    if pd.notna(weakest["cost"]):
        lines.append(t("rapor.dimension_cost", lang, points=_points(weakest["cost"], lang)))
    cells = scored[scored["dimension"] == weakest["dimension"]].sort_values(["score", "opd"])
    lowest = cells.iloc[0]
    lines.append(
        t(
            "rapor.lowest_cell",
            lang,
            name=escape_md(_unit(lowest)),
            score=score_text(lowest["score"], lang),
            zone=zone_word(_zone_of(float(lowest["score"]), method), lang),
        )
    )
    if len(costs) > 1:
        lines.append(
            t(
                "rapor.strongest",
                lang,
                name=escape_md(names.get(strongest["dimension"], strongest["dimension"])),
                score=score_text(strongest["mean"], lang),
            )
        )
    name = names.get(weakest["dimension"], weakest["dimension"])
    return Card(
        key="dimension",
        title=t("rapor.weakest_dimension", lang),
        headline=f"**{escape_md(name)}** · {score_text(weakest['mean'], lang)}",
        zone=_zone_of(float(weakest["mean"]), method),
        lines=tuple(lines),
    )


def goal_text(score: float | None, year: int, lang: Lang) -> str | None:
    """'2,70 poin lagi ke kategori A', or for the top grade the distance to 100."""
    if score is None or pd.isna(score):
        return None
    target, gap = next_grade_gap(float(score), year)
    if target is None:
        return t("rapor.goal_top", lang, points=_points(100 - float(score), lang))
    if for_year(year).has_categories:
        grade = t("rapor.target_category", lang, category=target)
    else:
        grade = t("rapor.target_zone", lang, zone=zone_word(target, lang))
    return t("rapor.goal_next", lang, points=_points(gap, lang), target=grade)


def fixes_card(indicators: pd.DataFrame, score: float | None, year: int, lang: Lang) -> Card | None:
    """The indicators whose gaps, summed over the units, cost the government the most points."""
    costs = indicator_costs(indicators, year)
    if costs.empty:
        return None
    method = for_year(year)
    dimension_names = {d.key: bilingual(d, "name", lang) for d in method.dimensions}
    top = costs.head(TOP_INDICATORS)
    rows = zip(
        top["variable"].tolist(),
        top["indicator"].tolist(),
        top["dimension"].tolist(),
        top["units_below"].tolist(),
        top["cost"].tolist(),
        strict=True,
    )
    lines = [
        t(
            "rapor.fix_line",
            lang,
            number=i,
            indicator=escape_md(indicator_name(method, variable, number, lang)),
            dimension=escape_md(dimension_names.get(dimension, dimension)),
            units=int(units),
            points=_points(cost, lang),
        )
        for i, (variable, number, dimension, units, cost) in enumerate(rows, start=1)
    ]
    total = float(top["cost"].sum())
    return Card(
        key="fixes",
        title=t("rapor.fix_first", lang),
        headline=goal_text(score, year, lang) or "",
        zone=None,
        lines=tuple(lines),
        footer=" ".join(
            [
                t("rapor.fix_total", lang, points=_points(total, lang)),
                *([t("rapor.paraphrase_short", lang)] if _paraphrased(method) else []),
            ]
        ),
    )


def cards(
    units: pd.DataFrame,
    dimensions: pd.DataFrame,
    indicators: pd.DataFrame,
    score: float | None,
    year: int,
    lang: Lang,
) -> list[Card]:
    """The rapor's cards for one government and year, the ones its data allows, in reading
    order: weakest unit, weakest dimension, what to fix first."""
    built = (
        unit_card(units, year, lang),
        dimension_card(dimensions, year, lang),
        fixes_card(indicators, score, year, lang),
    )
    return [card for card in built if card is not None]


def _paraphrased(method: Methodology) -> list[IndicatorText]:
    return [text for text in indicator_texts(method).values() if text.paraphrase]


def wording_note(year: int, lang: Lang) -> str | None:
    """The on-screen note that indicator wordings are paraphrases, naming their sources."""
    paraphrased = _paraphrased(for_year(year))
    if not paraphrased:
        return None
    bases = "; ".join(dict.fromkeys(bilingual(text, "basis", lang) for text in paraphrased))
    return t("rapor.paraphrase_note", lang, bases=bases)
