"""Penilaian mandiri in headless Chromium against a real server on its own database: the
Disdukcapil of a demo kabupaten (Kabupaten Bangka) signs in, answers an indicator and sees its
self-estimate move, attaches a PDF (kept under its SHA-256); a verifier returns the indicator
with a comment and the unit sees it; the coordinator sees the readiness matrix and downloads
the XLSX checklist and the PDF report, both opened and checked; a second unit's account cannot
open the first unit's checklist, by link (signed out, then signed in) or through its pages, and
nothing of it is reachable signed out or in kiosk mode.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import HOSTILE, skip_without_geo
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from scoring import accounts, bundle, store
from scoring.selfassess import evidence, records

from .conftest import ARTIFACTS, Tab
from .server import streamlit_server

pytestmark = pytest.mark.browser

PASSWORD = "kata-sandi-panjang"
CODE, PEMDA, YEAR = "19.01", "Kabupaten Bangka", 2024
DUKCAPIL, DINSOS = "Disdukcapil Kabupaten Bangka", "Dinas Sosial Kabupaten Bangka"
ITEM = "PR9 · Jaminan pelayanan (maklumat pelayanan)"
THREE = "3 — Ditetapkan dan dipublikasikan di lokasi dan secara elektronik, sesuai isi SK"
COMMENT = f"Maklumat belum ditandatangani {HOSTILE}"
SLOW_MS = 90_000
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(scope="module")
def selfassess_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled data (demo units of every kabupaten) in a fresh SQLite file, with a unit
    account for Disdukcapil and for Dinas Sosial of Kabupaten Bangka, its verifier and its
    coordinator."""
    skip_without_geo()
    url = f"sqlite:///{tmp_path_factory.mktemp('mandiri') / 'mandiri.sqlite'}"
    engine = bundle.ensure_database(url)
    for name, role, unit in (
        ("dukcapil", "unit", "disdukcapil"),
        ("dinsos", "unit", "dinas_sosial"),
        ("verif", "verifier", None),
        ("orgs", "reader", None),
    ):
        accounts.add_user(engine, name, role, PASSWORD, by="test")
        records.assign(engine, name, CODE, unit, by="test")
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bukti")


@pytest.fixture(scope="module")
def selfassess_server(selfassess_database: str, evidence_dir: Path) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:  # the server process inherits the folder
        patch.setenv(evidence.EVIDENCE_DIR_ENV, str(evidence_dir))
        with streamlit_server(ARTIFACTS / "server-selfassess.log", selfassess_database) as base:
            yield base


def settled(page: Page) -> None:
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=SLOW_MS
    )


def sign_in(page: Page, base: str, name: str) -> None:
    """A new session (a page load signs out), signed in as `name`."""
    page.goto(f"{base}/akun")
    page.get_by_label("Nama akun").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar").first).to_be_visible(timeout=SLOW_MS)


def open_page(page: Page, title: str) -> None:
    """Through the sidebar (its list of pages may be folded)."""
    more = page.get_by_text("View 4 more")
    if more.count():
        more.click()
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_have_text(title, timeout=SLOW_MS)
    settled(page)


def choose(page: Page, label: str, option: str) -> None:
    """Types the option's start to filter the list (long lists render only what is in view)."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).click()
    page.keyboard.type(option[:12])
    page.get_by_role("option", name=option).first.click()
    expect(page.get_by_role("combobox", name=label)).to_have_value(option)
    page.wait_for_timeout(300)  # the rerun the choice starts
    settled(page)


def unit_estimate(page: Page):
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Perkiraan mandiri unit")
    return card.locator('[data-testid="stMetricValue"]')


def test_a_unit_prepares_a_verifier_returns_and_the_coordinator_exports(
    selfassess_server: str, selfassess_database: str, evidence_dir: Path, tab: Tab, tmp_path
) -> None:
    page, base = tab.page, selfassess_server
    engine = store.engine(selfassess_database)

    sign_in(page, base, "dukcapil")
    open_page(page, "Penilaian mandiri")
    expect(page.get_by_text(f"{DUKCAPIL} · {PEMDA} · penilaian {YEAR}")).to_be_visible()
    expect(page.get_by_text("bukan instrumen resmi Ombudsman RI")).to_be_visible()
    expect(unit_estimate(page)).to_have_text("0,00")
    choose(page, "Indikator yang dikerjakan", ITEM)
    page.get_by_text(THREE).click()
    expect(unit_estimate(page)).to_have_text("2,94", timeout=SLOW_MS)  # 100/11 × 32.37 %
    expect(page.get_by_text("Kurang 29,06 poin ke kategori D")).to_be_visible()
    upload = tmp_path / "Maklumat <Pelayanan>.pdf"
    upload.write_bytes(PDF)
    page.locator('input[type="file"]').set_input_files(upload)
    expect(page.get_by_role("button", name="Unduh bukti: Maklumat _Pelayanan_.pdf")).to_be_visible(
        timeout=SLOW_MS
    )
    stored = records.answers(engine, CODE, YEAR, "disdukcapil").iloc[0]
    digest = hashlib.sha256(PDF).hexdigest()
    assert (stored["score"], stored["file_sha256"], stored["file_type"]) == (
        3,
        digest,
        "application/pdf",
    )
    assert (evidence_dir / digest).read_bytes() == PDF
    for path in (f"var/evidence/{digest}", f"app/static/{digest}", f"media/{digest}", digest):
        served = page.request.get(f"{base}/{path}")
        assert PDF not in served.body(), path  # no URL hands the stored file out

    sign_in(page, base, "verif")
    open_page(page, "Penilaian mandiri")
    choose(page, "Unit layanan", DUKCAPIL)
    choose(page, "Indikator yang dikerjakan", ITEM)
    expect(page.get_by_role("button", name="Unduh bukti: Maklumat _Pelayanan_.pdf")).to_be_visible()
    page.get_by_label("Komentar verifikator").fill(COMMENT)
    page.get_by_label("Komentar verifikator").press("Enter")
    settled(page)
    page.get_by_role("button", name="Kembalikan").click()
    settled(page)
    assert records.answers(engine, CODE, YEAR, "disdukcapil")["review"].tolist() == ["returned"]

    sign_in(page, base, "dukcapil")
    open_page(page, "Penilaian mandiri")
    expect(page.get_by_text("1 indikator dikembalikan verifikator")).to_be_visible()
    expect(page.get_by_text(COMMENT).first).to_be_visible()  # the hostile text, as text
    assert tab.dialogs == []

    sign_in(page, base, "orgs")
    open_page(page, "Kesiapan penilaian")
    expect(page.get_by_text("Kesiapan unit × indikator")).to_be_visible()
    # furthest units, the matrix, the legend of its codes (folded)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(3)
    with page.expect_download() as got:
        page.get_by_role("button", name="Unduh daftar periksa (XLSX)").click()
    sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == DUKCAPIL and "PR9" in r)
    assert row[header.index("Nilai (0–3)")] == "3"
    assert row[header.index("SHA-256 berkas")] == digest
    assert row[header.index("Kesiapan")] == "↩ dikembalikan"
    assert len(rows) - 1 == 7 * 40  # seven loci of a kabupaten, forty indicators each
    with page.expect_download() as got:
        page.get_by_role("button", name="Unduh laporan kesiapan (PDF)").click()
    report = Path(got.value.path()).read_bytes()
    assert report.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=report, capture_output=True, check=True
        ).stdout.decode()
        text = " ".join(text.split())
        assert f"Penilaian mandiri {PEMDA} {YEAR}" in text and "bukan hasil resmi" in text
        assert DUKCAPIL in text and DINSOS in text


def test_a_second_unit_cannot_open_the_first(selfassess_server: str, tab: Tab) -> None:
    page, base = tab.page, selfassess_server
    link = f"{base}/mandiri?unit={CODE}/disdukcapil"
    for url in (link, f"{link}&kiosk=1"):
        page.goto(url)
        page.locator("h1, iframe").first.wait_for(timeout=SLOW_MS)  # the page served instead
        settled(page)
        expect(page.get_by_role("heading", name="Penilaian mandiri")).to_have_count(0)
        expect(page.get_by_text(DUKCAPIL)).to_have_count(0)
        expect(page.locator('input[type="file"]')).to_have_count(0)

    sign_in(page, base, "dinsos")
    open_page(page, "Penilaian mandiri")
    expect(page.get_by_text(f"{DINSOS} · {PEMDA} · penilaian {YEAR}")).to_be_visible()
    expect(page.get_by_text(DUKCAPIL)).to_have_count(0)
    expect(
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Unit layanan")
    ).to_have_count(0)
    open_page(page, "Kesiapan penilaian")
    expect(page.get_by_text("bukan koordinator pemda mana pun")).to_be_visible()
