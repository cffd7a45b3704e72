"""The ceremony deck as files for organisers: PPTX (editable text), PNG per slide, one PDF.

One layout drives all three: every slide becomes boxes (rectangles and text) on the same
1920 × 1080 stage as the projector's HTML, with text wrapped and, where a long name needs it,
shrunk, measured with the DejaVu fonts that the PNG and the PDF embed — so no name is cut and
the three files agree line for line. Slide images are drawn with Pillow from those boxes rather
than from a Vega-Lite spec per slide: a slide is text and coloured blocks, not a chart, and
Pillow draws the same boxes the PDF and PPTX use. Everything runs offline.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from scoring.i18n import t
from views.format import zone_color
from views.slides import Deck, Row, Slide

WIDTH, HEIGHT = 1920, 1080
MARGIN = 96
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
LINE_HEIGHT = 1.18
MIN_SIZE = 18
INK, MUTED, NAVY, RULE = "#102a43", "#334e68", "#102a43", "#d9e2ec"
ROW_HEIGHT = 68
NAME_WIDTH = 820
BODY_TOP = 250
FOOTER_TOP = 960
EMU_PER_PX = 6350  # 13.333 in × 914400 EMU / 1920 px: a 16:9 slide of PowerPoint's own size

Align = Literal["left", "center", "right"]


class FontMissing(RuntimeError):
    """The slide fonts are not installed; the message says which package provides them."""


@dataclass(frozen=True)
class Box:
    """A rectangle (`fill`) or a text block (`lines` at `size` px) on the 1920 × 1080 stage."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    text: str = ""  # as given (PPTX wraps it itself); `lines` is it wrapped for PNG and PDF
    lines: tuple[str, ...] = ()
    size: float = 32
    bold: bool = False
    color: str = INK
    align: Align = "left"
    middle: bool = False  # centre the text block vertically in the box


@cache
def font_path(bold: bool) -> Path:
    path = FONT_DIR / FONT_FILES[bold]
    if not path.is_file():
        raise FontMissing(f"{path} is missing: install the Debian package fonts-dejavu-core")
    return path


def fonts_missing() -> str | None:
    """Why the files cannot be made here (the fonts are not installed), or None."""
    try:
        font_path(False), font_path(True)
    except FontMissing as missing:
        return str(missing)
    return None


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), size)


def _split_long(word: str, width: float, font: ImageFont.FreeTypeFont) -> list[str]:
    """A word wider than the box (a URL) broken by characters; names have spaces."""
    parts, current = [], ""
    for char in word:
        if current and font.getlength(current + char) > width:
            parts.append(current)
            current = char
        else:
            current += char
    return [*parts, current] if current else parts


def wrap(text: str, width: float, size: int, bold: bool) -> list[str]:
    """Lines of `text` that fit `width` px at `size` px; nothing is dropped."""
    font = _font(size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            pieces = _split_long(word, width, font) if font.getlength(word) > width else [word]
            for piece in pieces:
                trial = f"{current} {piece}".strip()
                if current and font.getlength(trial) > width:
                    lines.append(current)
                    current = piece
                else:
                    current = trial
        lines.append(current)
    return lines


def text_box(
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    size: int,
    *,
    bold: bool = False,
    color: str = INK,
    align: Align = "left",
    middle: bool = False,
) -> Box:
    """Wrapped to the width, shrunk until the lines fit the height (never cut)."""
    while True:
        lines = wrap(text, w, size, bold)
        if len(lines) * size * LINE_HEIGHT <= h or size <= MIN_SIZE:
            break
        size -= 2
    return Box(
        x,
        y,
        w,
        h,
        text=text,
        lines=tuple(lines),
        size=size,
        bold=bold,
        color=color,
        align=align,
        middle=middle,
    )


def _on(zone: str | None) -> str:
    return "#000000" if zone == "kuning" else "#ffffff"


def _row_height(row: Row) -> float:
    """A row grows to show a long name on two lines at full size rather than shrink it."""
    lines = max(len(wrap(row.name, NAME_WIDTH, 34, True)), len(wrap(row.detail, 404, 28, False)))
    return max(ROW_HEIGHT, min(lines, 2) * 34 * LINE_HEIGHT + 12)


def _rows(rows: tuple[Row, ...], palette: str, top: float) -> list[Box]:
    heights = [_row_height(row) for row in rows]
    if top + sum(heights) > FOOTER_TOP - 20:  # too many long names: every row shrinks instead
        heights = [ROW_HEIGHT] * len(rows)
    boxes: list[Box] = []
    y = top
    for row, height in zip(rows, heights, strict=True):
        chip = zone_color(row.zone, palette)
        chip_top = y + (height - 48) / 2
        boxes += [
            text_box(row.rank, MARGIN, y, 90, height, 34, bold=True, align="right", middle=True),
            text_box(row.name, 206, y, NAME_WIDTH, height, 34, bold=True, middle=True),
            text_box(row.score, 1040, y, 150, height, 34, bold=True, align="right", middle=True),
            Box(1210, chip_top, 190, 48, fill=chip),
            text_box(
                row.zone_word,
                1210,
                chip_top,
                190,
                48,
                30,
                bold=True,
                color=_on(row.zone),
                align="center",
                middle=True,
            ),
            text_box(
                row.detail, 1420, y, WIDTH - MARGIN - 1420, height, 28, color=MUTED, middle=True
            ),
            Box(MARGIN, y + height - 2, WIDTH - 2 * MARGIN, 2, fill=RULE),
        ]
        y += height
    return boxes


def _tiles(slide: Slide, palette: str) -> list[Box]:
    gap, count = 40, max(len(slide.counts), 1)
    width = (WIDTH - 2 * MARGIN - gap * (count - 1)) / count
    boxes: list[Box] = []
    for index, (key, word, number) in enumerate(slide.counts):
        x = MARGIN + index * (width + gap)
        boxes += [
            Box(x, BODY_TOP, width, 660, fill=zone_color(key, palette)),
            text_box(
                str(number),
                x,
                BODY_TOP + 140,
                width,
                240,
                180,
                bold=True,
                color=_on(key),
                align="center",
                middle=True,
            ),
            text_box(
                word,
                x,
                BODY_TOP + 400,
                width,
                80,
                56,
                bold=True,
                color=_on(key),
                align="center",
                middle=True,
            ),
        ]
    return boxes


PODIUM_ORDER = (1, 0, 2)
PODIUM_HEIGHTS = (380, 290, 220)


def _podium(slide: Slide, palette: str) -> list[Box]:
    gap = 48
    width = (WIDTH - 2 * MARGIN - 2 * gap) / 3
    bottom = FOOTER_TOP - 20
    boxes: list[Box] = []
    for column, position in enumerate(PODIUM_ORDER):
        if position >= len(slide.rows):
            continue
        row, height = slide.rows[position], PODIUM_HEIGHTS[position]
        x, top = MARGIN + column * (width + gap), bottom - height
        boxes += [
            text_box(
                row.name, x, top - 200, width, 130, 44, bold=True, align="center", middle=True
            ),
            text_box(
                f"{row.zone_word} · {row.detail}",
                x,
                top - 64,
                width,
                50,
                30,
                color=MUTED,
                align="center",
                middle=True,
            ),
            Box(x, top, width, height, fill=zone_color(row.zone, palette)),
            text_box(
                row.rank,
                x,
                top + 20,
                width,
                130,
                120,
                bold=True,
                color=_on(row.zone),
                align="center",
                middle=True,
            ),
            text_box(
                row.score,
                x,
                top + 150,
                width,
                60,
                48,
                bold=True,
                color=_on(row.zone),
                align="center",
                middle=True,
            ),
        ]
    return boxes


def _lines(slide: Slide) -> list[Box]:
    boxes, y = [], float(BODY_TOP)
    for line in slide.lines:
        box = text_box(line, MARGIN, y, WIDTH - 2 * MARGIN, 90, 32)
        boxes.append(replace(box, h=len(box.lines) * box.size * LINE_HEIGHT))
        y += boxes[-1].h + 14
    return boxes


def layout(deck: Deck, slide: Slide, number: int) -> list[Box]:
    """Every box of one slide, back to front."""
    title_slide = slide.kind == "title"
    top = 44 if deck.demo else 0
    boxes = [Box(0, 0, WIDTH, HEIGHT, fill=NAVY if title_slide else "#ffffff")]
    if deck.demo:
        boxes += [
            Box(0, 0, WIDTH, 44, fill="#e65100"),
            text_box(
                deck.demo,
                0,
                0,
                WIDTH,
                44,
                28,
                bold=True,
                color="#ffffff",
                align="center",
                middle=True,
            ),
        ]
    if title_slide:
        boxes += [
            text_box(
                slide.title,
                MARGIN,
                250,
                WIDTH - 2 * MARGIN,
                260,
                88,
                bold=True,
                color="#ffffff",
                align="center",
                middle=True,
            ),
            text_box(
                slide.subtitle,
                MARGIN,
                540,
                WIDTH - 2 * MARGIN,
                130,
                48,
                color="#d9e2ec",
                align="center",
                middle=True,
            ),
            text_box(
                " ".join(slide.lines),
                MARGIN,
                690,
                WIDTH - 2 * MARGIN,
                110,
                36,
                color="#bcccdc",
                align="center",
                middle=True,
            ),
        ]
    else:
        boxes.append(
            text_box(
                slide.title, MARGIN, 50 + top, WIDTH - 2 * MARGIN, 90, 64, bold=True, middle=True
            )
        )
        if slide.subtitle:
            boxes.append(
                text_box(slide.subtitle, MARGIN, 145 + top, WIDTH - 2 * MARGIN, 90, 38, color=MUTED)
            )
        body_top = BODY_TOP + top // 2
        if slide.kind in ("ranking", "award"):
            boxes += _rows(slide.rows, deck.palette, body_top)
            if slide.more:
                y = max(b.y + b.h for b in boxes) + 12
                boxes.append(
                    text_box(slide.more, MARGIN, y, WIDTH - 2 * MARGIN, 44, 30, color=MUTED)
                )
        elif slide.kind == "zones":
            boxes += _tiles(slide, deck.palette)
        elif slide.kind == "podium":
            boxes += _podium(slide, deck.palette)
        else:
            boxes += _lines(slide)
    footer_fill = "#0b1f33" if title_slide else "#f0f4f8"
    footer_ink = "#bcccdc" if title_slide else MUTED
    counter = t("ceremony.slide_of", deck.lang, number=number, count=len(deck.slides))
    boxes += [
        Box(0, FOOTER_TOP, WIDTH, HEIGHT - FOOTER_TOP, fill=footer_fill),
        Box(0, FOOTER_TOP, WIDTH, 4, fill="#1565c0"),
        text_box(
            f"{deck.source}\n{deck.method}",
            MARGIN,
            FOOTER_TOP + 12,
            1380,
            100,
            24,
            color=footer_ink,
            middle=True,
        ),
        text_box(
            counter,
            1500,
            FOOTER_TOP + 12,
            WIDTH - MARGIN - 1500,
            100,
            32,
            bold=True,
            color=footer_ink,
            align="right",
            middle=True,
        ),
    ]
    return boxes


def _text_top(box: Box) -> float:
    block = len(box.lines) * box.size * LINE_HEIGHT
    return box.y + (box.h - block) / 2 if box.middle else box.y


def _line_x(box: Box, width: float) -> float:
    if box.align == "center":
        return box.x + (box.w - width) / 2
    if box.align == "right":
        return box.x + box.w - width
    return box.x


# --- PNG ---------------------------------------------------------------------------------------


def slide_png(deck: Deck, slide: Slide, number: int) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    for box in layout(deck, slide, number):
        if box.fill:
            draw.rectangle([box.x, box.y, box.x + box.w - 1, box.y + box.h - 1], fill=box.fill)
        font = _font(int(box.size), box.bold)
        y = _text_top(box)
        for line in box.lines:
            x = _line_x(box, font.getlength(line))
            # DejaVu's ascent is about 0.93 em: centre the glyphs in their line.
            draw.text((x, y + box.size * (LINE_HEIGHT - 1) / 2), line, font=font, fill=box.color)
            y += box.size * LINE_HEIGHT
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def deck_png_zip(deck: Deck) -> bytes:
    """One PNG per slide (slide-01.png, ...) in a ZIP."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, slide in enumerate(deck.slides, start=1):
            archive.writestr(f"slide-{number:02d}.png", slide_png(deck, slide, number))
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------

PT_PER_PX = 0.5  # a 960 × 540 pt page: 13.33 × 7.5 in, PowerPoint's 16:9


def rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def new_pdf(orientation: str, size: tuple[float, float] | str) -> FPDF:
    """A PDF with DejaVu embedded (every glyph of Indonesian and English names)."""
    pdf = FPDF(orientation=orientation, unit="pt", format=size)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font("DejaVu", "", str(font_path(False)))
    pdf.add_font("DejaVu", "B", str(font_path(True)))
    return pdf


def deck_pdf(deck: Deck) -> bytes:
    pdf = new_pdf("L", (HEIGHT * PT_PER_PX, WIDTH * PT_PER_PX))
    pdf.set_title(deck.title)
    for number, slide in enumerate(deck.slides, start=1):
        pdf.add_page()
        for box in layout(deck, slide, number):
            if box.fill:
                pdf.set_fill_color(*rgb(box.fill))
                pdf.rect(
                    box.x * PT_PER_PX,
                    box.y * PT_PER_PX,
                    box.w * PT_PER_PX,
                    box.h * PT_PER_PX,
                    style="F",
                )
            if not box.lines:
                continue
            pdf.set_font("DejaVu", "B" if box.bold else "", box.size * PT_PER_PX)
            pdf.set_text_color(*rgb(box.color))
            y = _text_top(box)
            for line in box.lines:
                width = pdf.get_string_width(line) / PT_PER_PX
                baseline = y + box.size * (LINE_HEIGHT - 1) / 2 + box.size * 0.93
                pdf.text(_line_x(box, width) * PT_PER_PX, baseline * PT_PER_PX, line)
                y += box.size * LINE_HEIGHT
    return bytes(pdf.output())


# --- PPTX --------------------------------------------------------------------------------------

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


def _emu(px: float) -> Emu:
    return Emu(int(px * EMU_PER_PX))


def _rectangle(page, box: Box) -> None:
    shape = page.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)
    )
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(str(box.fill).lstrip("#"))
    shape.line.fill.background()
    shape.shadow.inherit = False


def _write(frame, box: Box) -> None:
    """The box's text, one paragraph per line break, in the layout's size, weight and colour."""
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if box.middle else MSO_ANCHOR.TOP
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    for index, text in enumerate(box.text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = _ALIGN[box.align]
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(box.size * PT_PER_PX)
        run.font.bold = box.bold
        run.font.name = "DejaVu Sans"
        run.font.color.rgb = RGBColor.from_string(box.color.lstrip("#"))


def deck_pptx(deck: Deck) -> bytes:
    """Each slide as shapes and text boxes at the layout's places; the text stays editable
    (PowerPoint wraps it in the box), and each slide's title is its title placeholder."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = _emu(WIDTH), _emu(HEIGHT)
    blank = presentation.slide_layouts[5]  # "Title Only": a title placeholder and nothing else
    for number, slide in enumerate(deck.slides, start=1):
        page = presentation.slides.add_slide(blank)
        title_shape = page.shapes.title
        for box in layout(deck, slide, number):
            if box.fill:
                _rectangle(page, box)
            if not box.text:
                continue
            if title_shape is not None and box.text == slide.title:
                target, title_shape = title_shape, None
                target.left, target.top = _emu(box.x), _emu(box.y)
                target.width, target.height = _emu(box.w), _emu(box.h)
                # The placeholder came first; move it to the front, above the background.
                tree = page.shapes._spTree
                tree.remove(target._element)
                tree.append(target._element)
            else:
                target = page.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
            _write(target.text_frame, box)
        notes = page.notes_slide.notes_text_frame
        notes.text = f"{deck.source}\n{deck.method}"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
