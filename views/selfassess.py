"""The self-assessment as tables and texts: a unit's checklist, its self-estimate, the
coordinator's readiness matrix, the units furthest from their next category and the countdown.

Every frame is plain text and numbers (names and notes are untrusted and shown as data, never
as markup); every score is a *perkiraan mandiri* and says so in its column name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from scoring.choices import Lang
from scoring.i18n import bilingual, t
from scoring.methodology import for_year
from scoring.selfassess.instrument import Indicator, Instrument, has_instrument
from scoring.selfassess.predict import Estimate, Unit
from views.format import zone_word

_DIMENSION_CODE = {"input": "IN", "proses": "PR", "output": "OU", "pengaduan": "PE"}
STATES = ("empty", "answered", "evidence", "returned", "accepted")
SYMBOL = {"empty": "○", "answered": "●", "evidence": "▣", "returned": "↩", "accepted": "✓"}
STATE_LABEL = {
    "empty": "selfassess.state.empty",
    "answered": "selfassess.state.answered",
    "evidence": "selfassess.state.evidence",
    "returned": "selfassess.state.returned",
    "accepted": "selfassess.state.accepted",
}
ACTION_LABEL = {
    "answer": "selfassess.action.answer",
    "note": "selfassess.action.note",
    "file": "selfassess.action.file",
    "link": "selfassess.action.link",
    "accepted": "selfassess.action.accepted",
    "returned": "selfassess.action.returned",
}
REVIEW_LABEL = {"accepted": "selfassess.review.accepted", "returned": "selfassess.review.returned"}
REFUSAL_LABEL = {
    "type": "selfassess.refused.type",
    "empty": "selfassess.refused.empty",
    "size": "selfassess.refused.size",
    "content": "selfassess.refused.content",
    "missing": "selfassess.refused.missing",
    "link": "selfassess.refused.link",
}


def short_codes(instrument: Instrument) -> dict[str, str]:
    """A short column code per indicator, numbered within its dimension ("PR9")."""
    counts: dict[str, int] = {}
    out: dict[str, str] = {}
    for item in instrument.indicators:
        counts[item.dimension] = counts.get(item.dimension, 0) + 1
        out[item.key] = f"{_DIMENSION_CODE.get(item.dimension, item.dimension[:2].upper())}"
        out[item.key] += str(counts[item.dimension])
    return out


Row = dict[str, object]


def _clean(value: object) -> object:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _int(value: object) -> int | None:
    return None if value is None else int(float(str(value)))


def by_place(answers: pd.DataFrame) -> dict[tuple[str, str], Row]:
    """Stored answers as plain values (missing ones None, numbers as int), by
    (unit, 'variable.number')."""
    out: dict[tuple[str, str], Row] = {}
    for record in answers.to_dict("records"):
        row = {str(k): _clean(v) for k, v in record.items()}
        row["score"], row["indicator"] = _int(row.get("score")), _int(row["indicator"])
        out[(str(row["unit"]), f"{row['variable']}.{row['indicator']}")] = row
    return out


def state_of(row: Row | None) -> str:
    """Readiness of one answer: empty, answered, evidence attached, returned or accepted."""
    if row is None:
        return "empty"
    if row.get("review") in ("accepted", "returned"):
        return str(row["review"])
    if row.get("file_sha256") or row.get("link"):
        return "evidence"
    return "answered" if row.get("score") is not None else "empty"


def dimension_name(key: str, year: int, lang: Lang) -> str:
    found = next(d for d in for_year(year).dimensions if d.key == key)
    return bilingual(found, "name", lang)


def checklist_table(
    instrument: Instrument, answers: pd.DataFrame, unit: str, year: int, lang: Lang
) -> pd.DataFrame:
    """One row per indicator of a unit: code, dimension, wording, answer and its meaning,
    evidence, review and the reviewer's comment."""
    stored = by_place(answers)
    codes = short_codes(instrument)
    rows = []
    for item in instrument.indicators:
        row = stored.get((unit, item.key))
        score = None if row is None else _int(row["score"])
        state = state_of(row)
        rows.append(
            {
                t("selfassess.col.code", lang): codes[item.key],
                t("selfassess.col.dimension", lang): dimension_name(item.dimension, year, lang),
                t("selfassess.col.indicator", lang): item.text(lang),
                t("selfassess.col.answer", lang): "–" if score is None else str(score),
                t("selfassess.col.meaning", lang): ""
                if score is None
                else item.level(int(score), lang),
                t("selfassess.col.evidence", lang): _evidence_text(row),
                t("selfassess.col.state", lang): f"{SYMBOL[state]} {t(STATE_LABEL[state], lang)}",
                t("selfassess.col.comment", lang): _text(row, "review_comment"),
                t("selfassess.col.note", lang): _text(row, "note"),
            }
        )
    return pd.DataFrame(rows)


def _text(row: Row | None, column: str) -> str:
    value = None if row is None else row.get(column)
    return "" if value is None else str(value)


def _evidence_text(row: Row | None) -> str:
    parts = [_text(row, "file_name"), _text(row, "link")]
    return " · ".join(p for p in parts if p)


def wanted_text(instrument: Instrument, item: Indicator, lang: Lang) -> str:
    """The evidence an indicator asks for; kinds shown in person are marked as such."""
    return "; ".join(
        instrument.evidence[k].text(lang)
        + ("" if instrument.evidence[k].upload else t("selfassess.in_person", lang))
        for k in item.evidence
    )


def returned(instrument: Instrument, answers: pd.DataFrame, unit: str) -> list[Indicator]:
    """The unit's indicators a verifier returned and the unit has not changed since."""
    stored = by_place(answers)
    return [
        item
        for item in instrument.indicators
        if (stored.get((unit, item.key)) or {}).get("review") == "returned"
    ]


def readiness_matrix(
    instrument: Instrument, units: Sequence[Unit], answers: pd.DataFrame, lang: Lang
) -> pd.DataFrame:
    """Units × indicators, each cell the readiness symbol, with the count ready per unit
    (evidence attached or accepted)."""
    stored = by_place(answers)
    codes = short_codes(instrument)
    rows = []
    for unit in units:
        states = [state_of(stored.get((unit.key, i.key))) for i in instrument.indicators]
        ready = sum(s in ("evidence", "accepted") for s in states)
        rows.append(
            {
                t("selfassess.col.unit", lang): unit.name,
                t("selfassess.col.ready", lang): f"{ready}/{len(states)}",
                **{
                    codes[i.key]: SYMBOL[s]
                    for i, s in zip(instrument.indicators, states, strict=True)
                },
            }
        )
    return pd.DataFrame(rows)


def legend(lang: Lang) -> str:
    return " · ".join(f"{SYMBOL[s]} {t(STATE_LABEL[s], lang)}" for s in STATES)


def unit_rows(estimate: Estimate) -> dict[str, Row]:
    """The estimate of each unit as plain values, by unit key."""
    return {
        str(r["unit"]): {str(k): _clean(v) for k, v in r.items()}
        for r in estimate.units.to_dict("records")
    }


def furthest_units(estimate: Estimate, lang: Lang) -> pd.DataFrame:
    """Units by points still missing to their next category, furthest first."""
    frame = estimate.units.sort_values(["gap", "opd"], ascending=[False, True])
    return pd.DataFrame(
        {
            t("selfassess.col.unit", lang): frame["opd"].astype(str),
            t("selfassess.col.estimate", lang): frame["score"].round(2),
            t("selfassess.col.category", lang): frame["category"].fillna("–"),
            t("selfassess.col.zone", lang): frame["zone"].map(lambda z: zone_word(z, lang)),
            t("selfassess.col.next", lang): frame["next"].fillna("–"),
            t("selfassess.col.gap", lang): frame["gap"].round(2),
        }
    ).reset_index(drop=True)


def dimension_table(estimate: Estimate, unit: Unit, lang: Lang) -> pd.DataFrame:
    """The unit's self-estimate per dimension, in the era's order, with the weight."""
    own = estimate.dimensions[estimate.dimensions["opd"] == unit.name]
    scores = dict(zip(own["dimension"].astype(str), own["score"].astype(float), strict=True))
    method = for_year(estimate.year)
    return pd.DataFrame(
        {
            t("selfassess.col.dimension", lang): [
                bilingual(d, "name", lang) for d in method.dimensions
            ],
            t("selfassess.col.weight", lang): [d.weight for d in method.dimensions],
            t("selfassess.col.estimate", lang): [
                round(scores[d.key], 2) for d in method.dimensions
            ],
        }
    )


def fix_first_table(
    estimate: Estimate, unit: Unit, instrument: Instrument, lang: Lang
) -> pd.DataFrame:
    """The indicators that raise the unit's estimate most, with the estimate after each."""
    plan = estimate.fix_first(unit.key)
    items = instrument.by_key()
    codes = short_codes(instrument)
    keys = plan["variable"].astype(str) + "." + plan["indicator"].astype(int).astype(str)
    return pd.DataFrame(
        {
            t("selfassess.col.code", lang): [codes[k] for k in keys],
            t("selfassess.col.indicator", lang): [items[k].text(lang) for k in keys],
            t("selfassess.col.gain", lang): plan["gain"].round(2).to_numpy(),
            t("selfassess.col.after", lang): plan["cumulative_score"].round(2).to_numpy(),
            t("selfassess.col.reaches", lang): plan["reaches"].fillna("").to_numpy(),
        }
    )


def countdown(visit: date | None, today: date, lang: Lang) -> str:
    """Days to the assessors' visit, or that it has passed, or that no date is set."""
    if visit is None:
        return t("selfassess.visit.none", lang)
    days = (visit - today).days
    when = visit.strftime("%d-%m-%Y")
    if days > 0:
        return t("selfassess.visit.in_days", lang, days=days, date=when)
    if days == 0:
        return t("selfassess.visit.today", lang, date=when)
    return t("selfassess.visit.passed", lang, days=-days, date=when)


def history_table(log: pd.DataFrame, instrument: Instrument, lang: Lang) -> pd.DataFrame:
    """A unit's changes, newest first: when, who, which indicator, what."""
    codes = short_codes(instrument)
    keys = log["variable"].astype(str) + "." + log["indicator"].astype(int).astype(str)
    return pd.DataFrame(
        {
            t("selfassess.col.when", lang): log["at"].str.slice(0, 16).str.replace("T", " "),
            t("selfassess.col.who", lang): log["by"].astype(str),
            t("selfassess.col.code", lang): [codes.get(k, k) for k in keys],
            t("selfassess.col.action", lang): log["action"].map(lambda a: t(ACTION_LABEL[a], lang)),
            t("selfassess.col.detail", lang): log["detail"].fillna("").astype(str),
        }
    )


def government_of(code: str, label: str) -> tuple[str, str]:
    """(name, level) of a government from its catalog label "Name (Province)".

    >>> government_of("19.71", "Kota Pangkalpinang (Kepulauan Bangka Belitung)")
    ('Kota Pangkalpinang', 'kota')
    >>> government_of("19", "Provinsi Kepulauan Bangka Belitung (Kepulauan Bangka Belitung)")
    ('Provinsi Kepulauan Bangka Belitung', 'provinsi')
    """
    name = label.rsplit(" (", 1)[0] if label.endswith(")") else label
    if len(code) == 2:
        return name, "provinsi"
    return name, "kota" if name.startswith("Kota ") else "kabupaten"


def checklist_years(today: date) -> list[int]:
    """Years with a checklist and known weights, newest first (up to next year's)."""
    return [y for y in range(today.year + 1, 2014, -1) if has_instrument(y)]


def parse_unit_link(text: str | None) -> tuple[str, str] | None:
    """(government code, unit) from a `unit` URL parameter; None when absent or malformed.

    >>> parse_unit_link("19.01/disdukcapil")
    ('19.01', 'disdukcapil')
    >>> parse_unit_link("<script>") is None
    True
    """
    code, slash, unit = (text or "").partition("/")
    if not slash or not code or not unit:
        return None
    return code, unit


def answer_of(answers: pd.DataFrame, unit: str, item: Indicator) -> Row | None:
    """One stored answer as plain values (missing ones None), or None."""
    return by_place(answers).get((unit, item.key))


def beside_table(frame: pd.DataFrame, year: int, lang: Lang) -> pd.DataFrame:
    """`scoring.selfassess.compare.beside` as shown: unit, part (unit score or dimension),
    self-estimate, result, difference and a mark where the unit was too optimistic."""
    part = [
        t("selfassess.after.unit_score", lang) if lv == "unit" else dimension_name(lv, year, lang)
        for lv in frame["level"]
    ]
    return pd.DataFrame(
        {
            t("selfassess.col.unit", lang): frame["opd"].astype(str),
            t("selfassess.col.part", lang): part,
            t("selfassess.col.estimate", lang): frame["estimate"].round(2),
            t("selfassess.col.result", lang): frame["result"].round(2),
            t("selfassess.col.difference", lang): frame["difference"].round(2),
            t("selfassess.col.optimistic", lang): frame["optimistic"].map(
                {True: t("selfassess.after.too_high", lang), False: ""}
            ),
        }
    )


def members_table(members: pd.DataFrame, labels: dict[str, str], lang: Lang) -> pd.DataFrame:
    """Accounts and their places as shown to the admin: account, government, unit (or
    coordinator), who assigned it and when."""
    return pd.DataFrame(
        {
            t("selfassess.coord.account", lang): members["name"].astype(str),
            t("selfassess.pick_pemda", lang): [
                labels.get(code, code) for code in members["pemda_code"]
            ],
            t("selfassess.pick_unit", lang): members["unit"].fillna(
                t("selfassess.coord.whole_pemda", lang)
            ),
            t("selfassess.col.who", lang): members["assigned_by"].astype(str),
            t("selfassess.col.when", lang): members["assigned_at"]
            .str.slice(0, 16)
            .str.replace("T", " "),
        }
    )
