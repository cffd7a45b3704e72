"""The coordinator's exports read back: the XLSX checklist holds every unit × indicator with
the answer, its meaning, the evidence and its SHA-256, hostile notes as inert text; the PDF
report names the government, says it is a self-estimate, and prints every unit with its
estimate and the visit countdown (read with pdftotext)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest
from fixtures import BREAKOUT, HOSTILE
from openpyxl import load_workbook

from scoring.i18n import t
from scoring.selfassess.instrument import instrument_for
from scoring.selfassess.predict import estimate, units_of
from views import selfassess_export

YEAR, CODE, PEMDA = 2024, "19.01", "Kabupaten Bangka"
UNITS = units_of("kabupaten", PEMDA, YEAR)
INSTRUMENT = instrument_for(YEAR)
FORMULA = '=HYPERLINK("http://x","klik")'
ANSWERS = pd.DataFrame(
    [
        {
            "unit": "disdukcapil",
            "variable": "standar_pelayanan",
            "indicator": 9,
            "score": 3,
            "note": f"{HOSTILE} {BREAKOUT}",
            "link": None,
            "file_name": "Maklumat.pdf",
            "file_sha256": "a" * 64,
            "review": "returned",
            "review_comment": FORMULA,
        },
        {
            "unit": "dinas_sosial",
            "variable": "pengelolaan_pengaduan",
            "indicator": 1,
            "score": 1,
            "note": FORMULA,
            "link": "https://bangka.go.id/sk",
            "file_name": None,
            "file_sha256": None,
            "review": None,
            "review_comment": None,
        },
    ]
)


def test_the_checklist_workbook_holds_every_answer_as_text() -> None:
    data = selfassess_export.checklist_xlsx(
        INSTRUMENT, UNITS, ANSWERS, pemda=PEMDA, year=YEAR, lang="id"
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(UNITS) * len(INSTRUMENT.indicators)
    col = {name: header.index(t(f"selfassess.col.{name}")) for name in ("unit", "answer")}
    by = {(r[col["unit"]], r[header.index(t("selfassess.col.code"))]): r for r in body}
    dukcapil = by[("Disdukcapil Kabupaten Bangka", "PR9")]
    assert dukcapil[col["answer"]] == "3"
    assert dukcapil[header.index(t("selfassess.col.sha256"))] == "a" * 64
    assert dukcapil[header.index(t("selfassess.col.note"))] == f"{HOSTILE} {BREAKOUT}"
    assert "maklumat" in dukcapil[header.index(t("selfassess.col.wanted"))].lower()
    sosial = by[("Dinas Sosial Kabupaten Bangka", "PE1")]
    assert sosial[header.index(t("selfassess.col.evidence"))] == "https://bangka.go.id/sk"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate  # no formula anywhere
    notes = " ".join(str(c.value) for c in book.worksheets[1]["A"])
    assert "perkiraan mandiri" in notes and "parafrase" in notes


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_readiness_report_names_every_unit_and_says_what_it_is() -> None:
    guess = estimate(ANSWERS, UNITS, YEAR, code=CODE, pemda=PEMDA)
    data = selfassess_export.readiness_pdf(
        INSTRUMENT,
        UNITS,
        ANSWERS,
        guess,
        pemda=PEMDA,
        year=YEAR,
        visit=date(2024, 7, 15),
        today=date(2024, 7, 1),
        lang="id",
    )
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    assert "perkiraan mandiri, bukan hasil resmi" in text
    assert "14 hari lagi" in text
    for unit in UNITS:
        assert unit.name in text
    assert "parafrase" in text
    assert HOSTILE not in text  # notes are not in the report
