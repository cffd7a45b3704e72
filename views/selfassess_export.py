"""The coordinator's two files for the *pendampingan* meeting: the whole checklist of every unit
as a workbook, and a readiness report as a PDF. Both say on every copy that the scores are a
self-estimate and the wordings a paraphrase; untrusted text (notes, file names, links) goes in
as text only — the workbook defuses formulas (`views.export`), fpdf2 draws text literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from scoring.choices import Lang
from scoring.i18n import t
from scoring.selfassess.instrument import Instrument
from scoring.selfassess.predict import Estimate, Unit
from views import selfassess
from views.deck import new_pdf
from views.export import table_xlsx
from views.format import score_text, zone_word


def checklist_frame(
    instrument: Instrument, units: Sequence[Unit], answers: pd.DataFrame, year: int, lang: Lang
) -> pd.DataFrame:
    """Every unit's checklist, one row per unit and indicator, with the evidence the
    indicator asks for and the SHA-256 of any file attached."""
    parts = []
    for unit in units:
        table = selfassess.checklist_table(instrument, answers, unit.key, year, lang)
        wanted = [selfassess.wanted_text(instrument, i, lang) for i in instrument.indicators]
        stored = selfassess.by_place(answers)
        sha = {k: str(r.get("file_sha256") or "") for (u, k), r in stored.items() if u == unit.key}
        table.insert(0, t("selfassess.col.unit", lang), unit.name)
        table.insert(5, t("selfassess.col.wanted", lang), wanted)
        table[t("selfassess.col.sha256", lang)] = [
            sha.get(item.key, "") for item in instrument.indicators
        ]
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


def _notes(pemda: str, year: int, lang: Lang) -> tuple[str, str, str]:
    return (
        t("selfassess.export.title", lang, pemda=pemda, year=year),
        t("selfassess.export.source", lang),
        t("selfassess.paraphrase", lang),
    )


def checklist_xlsx(
    instrument: Instrument,
    units: Sequence[Unit],
    answers: pd.DataFrame,
    *,
    pemda: str,
    year: int,
    lang: Lang,
) -> bytes:
    title, source, method = _notes(pemda, year, lang)
    frame = checklist_frame(instrument, units, answers, year, lang)
    return table_xlsx(frame, title=title, source=source, method=method, lang=lang)


_MARGIN, _WIDTH = 40.0, 515.0  # A4 portrait in pt, 40 pt margins


def _line(pdf, text: str, size: float = 10, *, bold: bool = False, height: float = 14) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_x(_MARGIN)
    pdf.multi_cell(_WIDTH, height, text, align="L")


def readiness_pdf(
    instrument: Instrument,
    units: Sequence[Unit],
    answers: pd.DataFrame,
    estimate: Estimate,
    *,
    pemda: str,
    year: int,
    visit: date | None,
    today: date,
    lang: Lang,
) -> bytes:
    """One report: the countdown, the government's self-estimate, then per unit its estimate,
    category, points to the next, readiness and returned evidence, and its first fixes."""
    title, source, method = _notes(pemda, year, lang)
    pdf = new_pdf("P", "A4")
    pdf.set_auto_page_break(True, margin=_MARGIN)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_title(title)
    pdf.add_page()
    _line(pdf, title, 15, bold=True, height=20)
    _line(pdf, selfassess.countdown(visit, today, lang), 11)
    zone, category = estimate.government_grade()
    _line(
        pdf,
        t(
            "selfassess.report.government",
            lang,
            score=score_text(estimate.government, lang),
            category=category or "–",
            zone=zone_word(zone, lang),
        ),
        11,
        bold=True,
    )
    pdf.ln(6)
    matrix = selfassess.readiness_matrix(instrument, units, answers, lang)
    returned = {u.key: len(selfassess.returned(instrument, answers, u.key)) for u in units}
    by_unit = selfassess.unit_rows(estimate)
    headers = [
        t(key, lang)
        for key in (
            "selfassess.col.unit",
            "selfassess.col.estimate",
            "selfassess.col.category",
            "selfassess.col.next",
            "selfassess.col.gap",
            "selfassess.col.ready",
            "selfassess.col.returned",
        )
    ]
    pdf.set_font("DejaVu", "", 8)
    with pdf.table(
        col_widths=(28, 12, 12, 12, 12, 12, 12),
        text_align=("LEFT", "RIGHT", "CENTER", "CENTER", "RIGHT", "RIGHT", "RIGHT"),
        line_height=12,
        first_row_as_headings=True,
    ) as table:
        table.row(headers)
        for unit, ready in zip(units, matrix[t("selfassess.col.ready", lang)], strict=True):
            own = by_unit[unit.key]
            table.row(
                [
                    unit.name,
                    score_text(float(str(own["score"])), lang),
                    str(own["category"] or "–"),
                    str(own["next"] or "–"),
                    score_text(float(str(own["gap"])), lang),
                    str(ready),
                    str(returned[unit.key]),
                ]
            )
    pdf.ln(8)
    _line(pdf, t("selfassess.report.fixes", lang), 12, bold=True, height=18)
    for unit in units:
        fixes = selfassess.fix_first_table(estimate, unit, instrument, lang).head(3)
        _line(pdf, unit.name, 10, bold=True)
        for row in fixes.itertuples(index=False):
            _line(pdf, f"• {row[0]} {row[1]} (+{score_text(float(row[2]), lang)})", 9, height=12)
    pdf.ln(8)
    for text in (source, method):
        _line(pdf, text, 8, height=11)
    return bytes(pdf.output())
