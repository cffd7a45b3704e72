"""Piagam: one printable certificate page per assessed region (A4 landscape PDF).

Name, year, score, category, opinion and zone (its colour with its word), the rank within the
ceremony's scope, and the source and method in small print, in Indonesian or English. Text goes
into the PDF as text with DejaVu embedded, so every name prints as written (untrusted names are
never markup here: fpdf2 draws them literally). The signature line is left blank for the hall.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scoring.choices import Lang
from scoring.i18n import bilingual, t
from scoring.methodology import for_year
from views.awards import followed_up
from views.deck import new_pdf, rgb
from views.format import score_text, zone_color, zone_word

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape, pt
GOLD, NAVY, MUTED = "#b8860b", "#102a43", "#334e68"
NAME_MAX_PT, NAME_MIN_PT = 40, 20


@dataclass(frozen=True)
class Recipient:
    name: str
    year: int
    score: float | None
    category: str | None
    opinion: str | None
    zone: str | None
    rank: int | None
    count: int  # governments ranked in the scope


def recipients(table: pd.DataFrame, year: int, lang: Lang = "id") -> list[Recipient]:
    """Every graded row of a ceremony ranking (`views.slides.ceremony_table`), best first."""
    graded = table[table["zone"].notna() | table["category"].notna()]
    count = int(graded["rank"].notna().sum())
    suffix = bilingual(for_year(year), "followed_up_suffix", lang)
    marked = followed_up(graded, year)
    return [
        Recipient(
            name=str(row["display_name"]),
            year=year,
            score=None if pd.isna(row["score"]) else float(row["score"]),
            category=None if pd.isna(row["category"]) else str(row["category"]),
            opinion=_opinion(row, year, lang, suffix if mark else ""),
            zone=None if pd.isna(row["zone"]) else str(row["zone"]),
            rank=None if pd.isna(row["rank"]) else int(row["rank"]),
            count=count,
        )
        for (_, row), mark in zip(graded.iterrows(), marked.tolist(), strict=True)
    ]


def _opinion(row: pd.Series, year: int, lang: Lang, suffix: str) -> str | None:
    """The opinion of the score's band, else the name of the printed category's band, with
    "Tanpa Maladministrasi" where the source printed it (2025 on)."""
    if pd.notna(row["opinion"]):
        opinion: str | None = str(row["opinion"])
    else:
        grade = for_year(year).grade_for_category(str(row["category"]))
        opinion = bilingual(grade, "opinion", lang) if grade is not None else None
    return f"{opinion} {suffix}" if opinion and suffix else opinion


def _centred(pdf, text: str, y: float, size: float, *, bold: bool = False, color: str = NAVY):
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*rgb(color))
    pdf.set_xy(60, y)
    pdf.multi_cell(PAGE_W - 120, size * 1.25, text, align="C")


def _name_size(pdf, name: str) -> float:
    """The largest size (down to NAME_MIN_PT) at which the name fits two lines."""
    size: float = NAME_MAX_PT
    while size > NAME_MIN_PT:
        pdf.set_font("DejaVu", "B", size)
        if pdf.get_string_width(name) <= 2 * (PAGE_W - 140):
            break
        size -= 2
    return size


def _zone_chip(pdf, zone: str, lang: Lang) -> None:
    """The zone as its colour with its word, centred under the facts."""
    chip_w = 160
    pdf.set_fill_color(*rgb(zone_color(zone)))
    pdf.rect((PAGE_W - chip_w) / 2, 392, chip_w, 28, style="F")
    pdf.set_xy((PAGE_W - chip_w) / 2, 392)
    pdf.set_font("DejaVu", "B", 14)
    pdf.set_text_color(*rgb("#000000" if zone == "kuning" else "#ffffff"))
    label = f"{t('certificate.zone', lang)} {zone_word(zone, lang)}"
    pdf.cell(chip_w, 28, label, align="C")


def _page(pdf, person: Recipient, where: str, source: str, method: str, lang: Lang) -> None:
    pdf.add_page()
    pdf.set_draw_color(*rgb(GOLD))
    pdf.set_line_width(6)
    pdf.rect(24, 24, PAGE_W - 48, PAGE_H - 48)
    pdf.set_line_width(1.5)
    pdf.rect(36, 36, PAGE_W - 72, PAGE_H - 72)
    _centred(pdf, t("certificate.heading", lang), 70, 30, bold=True, color=GOLD)
    _centred(pdf, t("certificate.given_to", lang), 122, 16, color=MUTED)
    _centred(pdf, person.name, 150, _name_size(pdf, person.name), bold=True)
    era = bilingual(for_year(person.year), "name", lang)
    _centred(
        pdf, t("certificate.for_result", lang, era=era, year=person.year), 262, 15, color=MUTED
    )
    facts = [
        (t("certificate.score", lang), score_text(person.score, lang)),
        (t("certificate.category", lang), person.category or "–"),
        (t("certificate.opinion", lang), person.opinion or "–"),
    ]
    column = (PAGE_W - 160) / len(facts)
    for index, (label, value) in enumerate(facts):
        x = 80 + index * column
        pdf.set_xy(x, 300)
        pdf.set_font("DejaVu", "", 13)
        pdf.set_text_color(*rgb(MUTED))
        pdf.cell(column, 18, label, align="C")
        pdf.set_xy(x, 320)
        pdf.set_font("DejaVu", "B", 24)
        pdf.set_text_color(*rgb(NAVY))
        pdf.multi_cell(column, 28, value, align="C")
    if person.zone is not None:
        _zone_chip(pdf, person.zone, lang)
    if person.rank is not None:
        rank = t("certificate.rank", lang, rank=person.rank, count=person.count, where=where)
        _centred(pdf, rank, 432, 14, color=MUTED)
    pdf.set_draw_color(*rgb(MUTED))
    pdf.set_line_width(0.8)
    pdf.line(PAGE_W - 300, 500, PAGE_W - 90, 500)
    pdf.set_xy(PAGE_W - 300, 504)
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(*rgb(MUTED))
    pdf.cell(210, 12, t("certificate.signature", lang), align="C")
    pdf.set_xy(60, 496)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(PAGE_W - 400, 10, f"{source}\n{method}")


def certificates_pdf(
    people: list[Recipient], *, where: str, source: str, method: str, lang: Lang = "id"
) -> bytes:
    """One page per recipient, in the order given."""
    pdf = new_pdf("L", "A4")
    pdf.set_title(t("certificate.heading", lang))
    for person in people:
        _page(pdf, person, where, source, method, lang)
    return bytes(pdf.output())
