"""The ceremony's files: the deck as PPTX, PNG per slide and PDF, and the certificates.

The PPTX is read back with python-pptx (16:9, one slide per deck slide, each titled as on the
screen, names as editable text); the PDFs are rendered page by page with poppler's pdftoppm and
their fonts listed with pdffonts (poppler-utils); the PNGs are opened with Pillow.
"""

import io
import subprocess
import zipfile
from pathlib import Path

import fixtures
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from scoring.pipeline import analyse
from views import certificate, deck, slides

SOURCE, METHOD = "Sumber: uji", "Metode penilaian 2023: uji"


@pytest.fixture(scope="module")
def built() -> slides.Deck:
    results = analyse(fixtures.results())
    results.loc[results["code"] == "73.15", "display_name"] = fixtures.HOSTILE
    return slides.build_deck(
        results,
        year=2023,
        level="kabkota",
        province_code="73",
        where="Sulawesi Selatan",
        source=SOURCE,
        method=METHOD,
        dataset="resmi",
        units=fixtures.units(),
    )


def render(pdf: bytes, folder: Path) -> list[Path]:
    """Every page of a PDF as a PNG, by pdftoppm; fails if poppler cannot read it."""
    source = folder / "file.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(source), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def pdf_text(folder: Path) -> str:
    """The text of the rendered PDF, by pdftotext, with every run of whitespace one space."""
    out = subprocess.run(
        ["pdftotext", str(folder / "file.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def test_pptx_is_16_9_with_one_titled_slide_per_screen(built):
    presentation = Presentation(io.BytesIO(deck.deck_pptx(built)))
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    assert len(presentation.slides) == len(built.slides) == 10
    titles = [page.shapes.title.text for page in presentation.slides]
    assert titles == [s.title for s in built.slides]
    texts = [
        shape.text_frame.text
        for page in presentation.slides
        for shape in page.shapes
        if shape.has_text_frame
    ]
    # Names are text (editable, never markup), and source and method are on every slide.
    assert fixtures.HOSTILE in texts
    assert sum(f"{SOURCE}\n{METHOD}" == text for text in texts) == len(built.slides)


def test_png_per_slide_at_1920_by_1080(built):
    archive = zipfile.ZipFile(io.BytesIO(deck.deck_png_zip(built)))
    names = archive.namelist()
    assert names == [f"slide-{n:02d}.png" for n in range(1, 11)]
    first = Image.open(io.BytesIO(archive.read(names[0])))
    assert first.size == (1920, 1080)
    # The title slide is navy, not blank.
    assert first.getpixel((960, 100)) == (16, 42, 67)


def test_deck_pdf_renders_every_page_at_16_9_with_its_fonts_embedded(built, tmp_path):
    pdf = deck.deck_pdf(built)
    pages = render(pdf, tmp_path)
    assert len(pages) == len(built.slides)
    width, height = Image.open(pages[0]).size
    assert abs(width / height - 16 / 9) < 0.01
    source = tmp_path / "file.pdf"
    fonts = subprocess.run(["pdffonts", str(source)], check=True, capture_output=True, text=True)
    assert "DejaVuSans" in fonts.stdout
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert rows and all("yes" in row for row in rows)  # emb column


def test_every_text_of_a_slide_fits_its_box_and_the_screen(built):
    """No name is cut: each text box's wrapped lines fit its height (shrunk where needed),
    and every box lies within the 1920 × 1080 stage."""
    for number, slide in enumerate(built.slides, start=1):
        for box in deck.layout(built, slide, number):
            assert box.x >= 0 and box.x + box.w <= deck.WIDTH + 0.5, (slide.title, box)
            assert box.y >= 0 and box.y + box.h <= deck.HEIGHT + 0.5, (slide.title, box)
            if box.lines:
                assert " ".join(box.lines).split() == box.text.split()  # nothing dropped
                assert len(box.lines) * box.size * deck.LINE_HEIGHT <= box.h + 0.5 or (
                    box.size <= deck.MIN_SIZE
                ), (slide.title, box)


def test_a_long_name_wraps_in_full():
    name = "Kabupaten Kepulauan Siau Tagulandang Biaro " * 2
    lines = deck.wrap(name, 820, 34, True)
    assert len(lines) > 1
    assert " ".join(lines).split() == name.split()
    url = "https://example.org/" + "x" * 300
    assert "".join(deck.wrap(url, 600, 32, False)) == url


def test_certificates_one_page_per_region_with_name_score_category_opinion(tmp_path):
    results = analyse(fixtures.results())
    table = slides.ceremony_table(results, 2023, "kabkota", "73", "id")
    people = certificate.recipients(table, 2023)
    assert [(p.name, p.score, p.category, p.opinion, p.rank) for p in people[:2]] == [
        ("Kabupaten Pinrang", 92.50, "A", "Kualitas Tertinggi", 1),
        ("Kabupaten Barru", 85.40, "B", "Kualitas Tinggi", 2),
    ]
    pdf = certificate.certificates_pdf(
        people, where="Sulawesi Selatan", source=SOURCE, method=METHOD, lang="id"
    )
    pages = render(pdf, tmp_path)
    assert len(pages) == len(people) == 6
    width, height = Image.open(pages[0]).size
    assert abs(width / height - 297 / 210) < 0.01  # A4 landscape
    text = pdf_text(tmp_path)
    for expected in ("PIAGAM PENGHARGAAN", "Kabupaten Pinrang", "92,50", "Kualitas Tertinggi"):
        assert expected in text


def test_certificate_in_english_prints_a_hostile_name_as_text(tmp_path):
    person = certificate.Recipient(
        name=fixtures.HOSTILE + " Kabupaten Kepulauan Siau Tagulandang Biaro",
        year=2023,
        score=77.7,
        category="C",
        opinion="Medium Quality",
        zone="kuning",
        rank=7,
        count=7,
    )
    pdf = certificate.certificates_pdf(
        [person], where="Kepulauan Bangka Belitung", source=SOURCE, method=METHOD, lang="en"
    )
    assert len(render(pdf, tmp_path)) == 1
    text = pdf_text(tmp_path)
    assert "CERTIFICATE OF ACHIEVEMENT" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "77.70" in text and "Rank 7 of 7" in text


def test_recipients_skip_rows_without_a_grade():
    table = pd.DataFrame(
        {
            "display_name": ["A", "B"],
            "score": [90.0, float("nan")],
            "category": ["A", pd.NA],
            "opinion": ["Kualitas Tertinggi", pd.NA],
            "zone": ["hijau", pd.NA],
            "rank": [1.0, float("nan")],
        }
    )
    assert [p.name for p in certificate.recipients(table, 2023)] == ["A"]


def test_without_the_fonts_the_files_say_which_package(monkeypatch, tmp_path):
    assert deck.fonts_missing() is None
    monkeypatch.setattr(deck, "FONT_DIR", tmp_path)
    deck.font_path.cache_clear()
    try:
        assert "fonts-dejavu-core" in (deck.fonts_missing() or "")
    finally:
        monkeypatch.undo()
        deck.font_path.cache_clear()


def test_a_certificate_carries_tanpa_maladministrasi_where_the_source_printed_it():
    rows = fixtures.results()
    rows = rows[(rows["year"] == 2023) & (rows["province_code"] == fixtures.SULSEL)].copy()
    rows["year"] = 2025
    printed = {"Kabupaten Pinrang": "Opini Kualitas Tertinggi Tanpa Maladministrasi"}
    rows["category"] = rows["entity"].map(printed)
    table = slides.ceremony_table(analyse(rows), 2025, "kabkota", "73", "en")
    opinions = {p.name: p.opinion for p in certificate.recipients(table, 2025, "en")}
    assert opinions["Kabupaten Pinrang"] == "Highest quality without maladministration"
    assert opinions["Kabupaten Bone"] == "High quality"
