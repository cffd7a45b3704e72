"""Downloads of what a page shows — tables as CSV/XLSX, charts as PNG — with the source
and the method inside the file, so a copy passed on keeps saying where it came from.

Cells come from imported files and are untrusted: text that a spreadsheet would read as a
formula (starting with = + - @, tab or carriage return) is defused. Numbers stay numbers.
"""

from __future__ import annotations

import io
import re
import textwrap
import unicodedata
from datetime import date

import altair as alt
import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from scoring.choices import Lang
from scoring.i18n import t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
IMAGE_WIDTH = 800
FOOTER_FONT_SIZE = 12
MAX_COLUMN_WIDTH = 60


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def defuse(value: object) -> object:
    """Text a spreadsheet would evaluate gets a leading apostrophe; anything else is kept."""
    return f"'{value}" if is_formula_like(value) else value


def _one_line(text: str) -> str:
    """Notes are one line each: a newline in a title must not end a CSV comment early."""
    return " ".join(str(text).split())


def notes(
    *, title: str, source: str, method: str, lang: Lang, dataset: str | None = None
) -> list[str]:
    """The lines that travel with every export: title, source, method, date, dataset."""
    lines = [title, source, method]
    if dataset:
        lines.append(t("chart.export_dataset", lang, dataset=dataset))
    lines.append(
        t("chart.export_generated", lang, date=date.today().isoformat(), app=t("app.title", lang))
    )
    return [_one_line(line) for line in lines]


def file_stem(*parts: object) -> str:
    """A file name that says what the file holds, in plain ASCII (any system, any mail).

    >>> file_stem("Unit layanan", "Kabupaten Bangka Barat", 2023)
    'unit-layanan-kabupaten-bangka-barat-2023'
    >>> file_stem("Peringkat Kabupaten dan kota 2023", "Kepulauan Bangka Belitung", None)
    'peringkat-kabupaten-dan-kota-2023-kepulauan-bangka-belitung'
    """
    text = " ".join(str(p) for p in parts if p is not None and str(p).strip())
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120] or "tabel"


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as shown, index dropped, headers as text, missing values empty; numbers
    rounded to the two decimals the screen shows (a computed 99.46198… is 99.46)."""
    shown = frame.reset_index(drop=True).round(2).astype(object)
    shown.columns = [str(c) for c in shown.columns]
    return shown.where(shown.notna(), None)


def table_csv(
    frame: pd.DataFrame,
    *,
    title: str,
    source: str,
    method: str,
    lang: Lang,
    dataset: str | None = None,
) -> bytes:
    """UTF-8 with BOM (Excel then reads the accents right), `# ` note lines, then the table.

    Lines end in CRLF as RFC 4180 says; a cell holding a CR or LF is then quoted.
    """
    cells = _cells(frame).map(defuse)
    cells.columns = [defuse(c) for c in cells.columns]
    header = "".join(
        f"# {line}\r\n"
        for line in notes(title=title, source=source, method=method, lang=lang, dataset=dataset)
    )
    body = cells.to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + header + body).encode("utf-8")


def _printable(value: object) -> object:
    """Control characters (other than tab and newlines) are illegal in a workbook: drop them."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _keep_text_as_text(sheet) -> None:
    """The workbook form of the apostrophe: formula-like text stays a string cell with Excel's
    quote prefix (what typing a leading `'` does), so it shows as typed and never evaluates.
    A literal apostrophe, as in the CSV, would show in the cell."""
    for row in sheet.iter_rows():
        for cell in row:
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def _write_table(sheet, frame: pd.DataFrame) -> None:
    """Header bold and frozen, widths fitted to the content, text never read as a formula."""
    cells = _cells(frame).map(_printable)
    cells.columns = [_printable(c) for c in cells.columns]
    sheet.append(list(cells.columns))
    for row in cells.itertuples(index=False):
        sheet.append(list(row))
    _keep_text_as_text(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(cells.columns, start=1):
        longest = max([len(column), *(len(str(v)) for v in cells[column] if v is not None)])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_COLUMN_WIDTH)


def table_xlsx(
    frame: pd.DataFrame,
    *,
    title: str,
    source: str,
    method: str,
    lang: Lang,
    dataset: str | None = None,
) -> bytes:
    """A workbook: the table on the first sheet, the notes on 'Sumber dan metode'."""
    book = Workbook()
    table_sheet = book.active
    table_sheet.title = t("chart.export_sheet_table", lang)
    _write_table(table_sheet, frame)
    notes_sheet = book.create_sheet(t("chart.export_sheet_notes", lang))
    for line in notes(title=title, source=source, method=method, lang=lang, dataset=dataset):
        notes_sheet.append([_printable(line)])
    _keep_text_as_text(notes_sheet)
    notes_sheet["A1"].font = Font(bold=True)
    notes_sheet.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _footer(source: str, method: str, width: int, font_size: float) -> dict:
    """Source and method as a title under the chart, wrapped so no line is cut short."""
    per_line = max(int(width / (font_size * 0.55)), 40)
    lines = [part for text in (source, method) for part in textwrap.wrap(_one_line(text), per_line)]
    return {
        "text": lines,
        "orient": "bottom",
        "anchor": "start",
        "frame": "bounds",
        "fontSize": font_size,
        "fontWeight": "normal",
        "color": "#424242",
        "offset": 16,
    }


def with_footer(chart: alt.TopLevelMixin, *, source: str, method: str, width: int) -> dict:
    """The chart's spec for a file: its title on top, source and method underneath.

    The chart is wrapped in a one-view concat: the chart's own title goes to the wrapper (so it
    stays above the legend, as on screen) and the footer becomes the view's bottom title (so it
    starts at the image's left edge), in the chart's subtitle size so large type stays large.
    A container-wide chart has no width outside a page, so it gets `width` pixels.
    """
    spec = chart.to_dict()
    moved = ("$schema", "config", "datasets", "background", "title", "description")
    top = {k: spec.pop(k) for k in moved if k in spec}
    spec.pop("autosize", None)
    if spec.get("width") == "container":
        spec["width"] = width
    font_size = top.get("config", {}).get("title", {}).get("subtitleFontSize", FOOTER_FONT_SIZE)
    spec["title"] = _footer(source, method, width, font_size)
    return {**top, "vconcat": [spec]}


def _vl_version() -> str:
    """The Vega-Lite version Altair writes, in vl-convert's spelling (`v6.4`)."""
    return ".".join(alt.SCHEMA_VERSION.split(".")[:2])


def chart_png(
    chart: alt.TopLevelMixin,
    *,
    source: str,
    method: str,
    scale: float = 2,
    width: int = IMAGE_WIDTH,
) -> bytes:
    """A PNG of the chart with its source and method printed under it.

    vl-convert bundles Vega and renders in-process; no base URL is allowed, so it never
    reaches the network even if a spec pointed at remote data.
    """
    spec = with_footer(chart, source=source, method=method, width=width)
    return vlc.vegalite_to_png(spec, vl_version=_vl_version(), scale=scale, allowed_base_urls=[])
