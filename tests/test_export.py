"""Downloads carry their source and method, defuse formulas, and render images offline."""

import io
import re
import struct
from datetime import date

import altair as alt
import fixtures
import pandas as pd
import pytest
import vl_convert as vlc
from openpyxl import load_workbook

from scoring.pipeline import analyse
from views import charts, export, tables

NOTES = {
    "title": "Peringkat Kabupaten, 2024",
    "source": "Sumber: DATA CONTOH sintetis",
    "method": "Metode: Opini Pengawasan",
}
HOSTILE_CELLS = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Peringkat": [1, 2, 3, 4, 5, 6, 7],
            "Nama": ["Kab. Bangka Tengah", *HOSTILE_CELLS],
            "Nilai": [93.71, 88.0, 77.99, 54.0, 45.3, 31.5, None],
            "Perubahan": [-4.60, 1.25, 0.0, -0.01, 3.0, -10.0, None],
        }
    )


def csv_lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").split("\r\n")


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_the_notes_on_top():
    data = export.table_csv(table(), lang="id", dataset="Data contoh", **NOTES)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = csv_lines(data)
    assert lines[:4] == [
        f"# {NOTES['title']}",
        f"# {NOTES['source']}",
        f"# {NOTES['method']}",
        "# Data: Data contoh",
    ]
    assert re.fullmatch(rf"# Dibuat {date.today().isoformat()} oleh dasbor .+", lines[4])
    assert lines[5] == "Peringkat,Nama,Nilai,Perubahan"


def test_csv_reads_back_as_the_table_shown():
    data = export.table_csv(table(), lang="en", **NOTES)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", skiprows=4)
    assert list(back.columns) == list(table().columns)
    assert back["Nilai"].tolist()[:-1] == table()["Nilai"].tolist()[:-1]
    assert pd.isna(back["Nilai"].iloc[-1])
    assert back["Perubahan"].iloc[0] == -4.6
    assert back["Nama"].iloc[0] == "Kab. Bangka Tengah"


def test_csv_defuses_formulas_but_keeps_negative_numbers():
    data = export.table_csv(table(), lang="id", **NOTES)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", skiprows=4)
    assert back["Nama"].tolist() == ["Kab. Bangka Tengah", *("'" + c for c in HOSTILE_CELLS)]
    assert back["Perubahan"].iloc[:6].tolist() == [-4.6, 1.25, 0.0, -0.01, 3.0, -10.0]
    assert csv_lines(data)[5] == "1,Kab. Bangka Tengah,93.71,-4.6"


def test_csv_defuses_headers_and_keeps_notes_on_their_own_lines():
    frame = pd.DataFrame({"=cmd": ["x"]})
    data = export.table_csv(frame, title="Judul\n=1+1", source="S", method="M", lang="id")
    lines = csv_lines(data)
    assert lines[0] == "# Judul =1+1"
    assert "'=cmd" in lines
    assert sum(1 for line in lines if line.startswith("#")) == 4


# --- XLSX ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, sheets", [("id", ["Tabel", "Sumber dan metode"]), ("en", ["Table", "Source and method"])]
)
def test_xlsx_round_trips_with_both_sheets(lang, sheets):
    data = export.table_xlsx(table(), lang=lang, **NOTES)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == sheets
    sheet = book[sheets[0]]
    assert [c.value for c in sheet[1]] == list(table().columns)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    assert sheet["C2"].value == 93.71 and sheet["D2"].value == -4.6
    assert sheet["C8"].value is None
    notes = [row[0].value for row in book[sheets[1]].iter_rows()]
    assert notes[:3] == [NOTES["title"], NOTES["source"], NOTES["method"]]
    assert book[sheets[1]]["A1"].font.bold


def test_xlsx_never_stores_a_formula():
    book = load_workbook(io.BytesIO(export.table_xlsx(table(), lang="id", **NOTES)))
    sheet = book.worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    for row, text in enumerate(HOSTILE_CELLS, start=3):
        cell = sheet.cell(row=row, column=2)
        # XML may turn a stored CR into LF on reading (by the XML parser at hand); the text is
        # otherwise kept as typed.
        assert cell.value in (text, text.replace("\r", "\n"))
        assert cell.data_type == "s" and cell.quotePrefix
    assert not sheet["B2"].quotePrefix
    assert sheet["D2"].data_type == "n"


def test_xlsx_drops_control_characters_a_workbook_cannot_hold():
    frame = pd.DataFrame({"Nama": ["Kab.\x00 X\x07"]})
    book = load_workbook(io.BytesIO(export.table_xlsx(frame, lang="id", **NOTES)))
    assert book.worksheets[0]["A2"].value == "Kab. X"


# --- images --------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def small_chart():
    frame = pd.DataFrame({"zone": ["hijau", "kuning", None]})
    return charts.zone_counts(frame, year=2024)


def test_png_has_the_signature_and_a_plausible_size():
    data = export.chart_png(small_chart(), source="Sumber: X", method="Metode: Y", scale=2)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert 10_000 < len(data) < 3_000_000
    width, height = png_size(data)
    assert width >= 2 * export.IMAGE_WIDTH and 200 < height < 2000


def test_footer_carries_source_and_method_under_a_fixed_width_chart():
    spec = export.with_footer(small_chart(), source="Sumber: X", method="Metode: Y", width=640)
    view = spec["vconcat"][0]
    assert view["width"] == 640
    assert view["title"]["text"] == ["Sumber: X", "Metode: Y"]
    assert view["title"]["orient"] == "bottom"
    assert spec["title"] == "Jumlah per zona"
    svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    assert "Sumber: X" in svg and "Metode: Y" in svg and "Jumlah per zona" in svg


def test_long_footer_lines_wrap_rather_than_being_cut():
    source = "Sumber: " + "publikasi Ombudsman RI " * 12
    spec = export.with_footer(small_chart(), source=source, method="M", width=400)
    lines = spec["vconcat"][0]["title"]["text"]
    assert len(lines) > 2 and " ".join(lines[:-1]) == " ".join(source.split())


def test_rendering_never_fetches_from_the_network():
    remote = alt.Chart("https://example.org/data.csv").mark_bar().encode(x="a:Q")
    with pytest.raises(ValueError, match=r"(?i)(allowed|access|permission|denied)"):
        export.chart_png(remote, source="S", method="M")


def test_xlsx_notes_cannot_be_formulas_either():
    book = load_workbook(
        io.BytesIO(export.table_xlsx(table(), title="=1+1", source="S", method="M", lang="id"))
    )
    cell = book.worksheets[1]["A1"]
    assert cell.value == "=1+1" and cell.data_type == "s" and cell.quotePrefix


# --- a ranking as the page exports it ------------------------------------------------------------


def exported_ranking():
    table = tables.ranking_table(
        analyse(fixtures.results()),
        year=2023,
        level="kabkota",
        province_code="73",
        regions=fixtures.regions(),
        province_names=fixtures.province_names(),
    )
    return tables.labelled(table, "id")


def test_a_ranking_exports_ranks_and_changes_as_numbers():
    shown = exported_ranking()
    sheet = load_workbook(io.BytesIO(export.table_xlsx(shown, lang="id", **NOTES))).worksheets[0]
    header = [c.value for c in sheet[1]]
    rank, change = header.index("Peringkat") + 1, header.index("Perubahan") + 1
    assert sheet.cell(row=2, column=rank).data_type == "n"
    assert sheet.cell(row=2, column=rank).value == 1
    bone = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == "Kabupaten Bone"
    )
    assert sheet.cell(bone, change).value == pytest.approx(-4.6)
    csv = export.table_csv(shown, lang="id", **NOTES).decode("utf-8-sig")
    assert ",-4.6," in csv and "'" not in csv.split("\r\n", 5)[-1]  # no defused text numbers


def test_exported_scores_are_rounded_as_shown():
    frame = pd.DataFrame({"Nilai": [99.46198316498317, None]})
    assert "99.46\r\n" in export.table_csv(frame, lang="id", **NOTES).decode("utf-8-sig")
