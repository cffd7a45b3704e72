"""The admin area in headless Chromium against a real server on its own database: the first
account made with the command line, a sign-in, an upload with an unknown header mapped, the
diff, the import, the new figure on Peringkat without a restart, a rollback and the old figure
back; the staff pages unreachable logged out and in kiosk mode, hostile headers shown as text.

Every test runs in a tab that may only reach localhost and opens no dialog (see conftest).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import HOSTILE, skip_without_geo
from playwright.sync_api import Locator, Page, expect

from scoring import bundle, store
from scoring.choices import DATASET_PUBLISHED
from scoring.frames import RESULT_COLUMNS

from .conftest import ARTIFACTS, Tab
from .server import ROOT, streamlit_server

pytestmark = pytest.mark.browser

ADMIN, PASSWORD = "budi", "kata-sandi-panjang"
UNKNOWN_HEADER = "Skor Akhir Penilaian"
MOVED, OLD, NEW = "Kabupaten Bangka Barat", "77,70", "95,50"  # last in Babel 2023 → second
STAFF_PAGES = ("Impor data", "Riwayat versi", "Pengguna")
COMMAND = (sys.executable, "-m", "scoring", "user", "add", ADMIN, "--role", "admin")
SLOW_MS = 90_000  # a cold server imports the stack and builds its caches first


@pytest.fixture(scope="module")
def admin_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled data in a fresh SQLite file (imports here touch no other test's data),
    with an admin made the way an office makes its first one: the command line."""
    skip_without_geo()
    url = f"sqlite:///{tmp_path_factory.mktemp('admin') / 'admin.sqlite'}"
    bundle.ensure_database(url).dispose()
    made = subprocess.run(
        [*COMMAND, "--organisation", "Ombudsman RI", "--password-stdin"],
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "KEPATUHAN_DATABASE_URL": url},
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return url


@pytest.fixture(scope="module")
def admin_server(admin_database: str) -> Iterator[str]:
    with streamlit_server(ARTIFACTS / "server-admin.log", admin_database) as base:
        yield base


@pytest.fixture(scope="module")
def upload_file(admin_database: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stored 2023 results with Bangka Barat at 95.50, the score under a header the
    importer does not know, and a column headed with hostile HTML."""
    rows = store.read(store.engine(admin_database), "results", DATASET_PUBLISHED, year=2023)
    rows = rows[[c for c in RESULT_COLUMNS if c != "source_row"]].copy()
    rows.loc[rows["entity"] == MOVED, "score"] = 95.5
    rows = rows.rename(columns={"score": UNKNOWN_HEADER}).assign(**{HOSTILE: ""})
    path = tmp_path_factory.mktemp("upload") / "hasil-2023.csv"
    rows.to_csv(path, index=False)
    return path


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/akun")
    page.get_by_label("Nama akun").fill(ADMIN)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("link", name="Impor data")).to_be_visible(timeout=SLOW_MS)


def open_staff_page(page: Page, title: str) -> None:
    """Through the sidebar: a page load would start a new, signed-out session. A long
    navigation folds its last links under "View N more"."""
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.is_visible() and "more" in more.inner_text():
        more.click()
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_have_text(title, timeout=SLOW_MS)


def babel_2023(page: Page, base: str) -> Locator:
    """Peringkat for Babel 2023, in a new session; its chart, which labels every bar's score
    (the table draws on a canvas)."""
    page.goto(f"{base}/peringkat?year=2023&province=19")
    expect(page.locator("h1")).to_contain_text("2023", timeout=SLOW_MS)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    expect(chart).to_contain_text(MOVED, timeout=SLOW_MS)
    return chart


def choose(page: Page, label: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).click()
    page.get_by_role("option", name=option).first.click()


def test_import_with_a_mapped_column_then_rollback(
    admin_database: str, admin_server: str, upload_file: Path, tab: Tab
) -> None:
    page = tab.page
    expect(babel_2023(page, admin_server)).to_contain_text(OLD)

    sign_in(page, admin_server)
    open_staff_page(page, "Impor data")
    page.locator('input[type="file"]').set_input_files(upload_file)
    expect(page.get_by_text("hasil per pemda, judul kolom di baris 1")).to_be_visible(
        timeout=SLOW_MS
    )
    expect(page.get_by_text(f"Kolom «{HOSTILE}»")).to_be_visible()  # shown as text, inert
    choose(page, UNKNOWN_HEADER, "nilai")
    page.get_by_role("button", name="Periksa berkas").click()
    rows = sum(1 for _ in upload_file.open()) - 1
    expect(page.get_by_text(f"Tidak ada masalah: {rows} baris siap diimpor.")).to_be_visible(
        timeout=SLOW_MS
    )
    changed = page.locator('[data-testid="stMetric"]').filter(has_text="Berubah")
    expect(changed.locator('[data-testid="stMetricValue"]')).to_have_text("1")
    expect(page.get_by_role("tab", name="Pindah zona (1)")).to_be_visible()
    page.get_by_text("Saya sudah memeriksa perubahan di atas.").click()
    page.get_by_role("button", name="Impor sebagai versi baru").click()
    expect(page.get_by_text("Impor tersimpan sebagai versi")).to_be_visible(timeout=SLOW_MS)

    chart = babel_2023(page, admin_server)  # the same server: no restart
    expect(chart).to_contain_text(NEW)
    expect(chart).not_to_contain_text(OLD)

    sign_in(page, admin_server)
    open_staff_page(page, "Riwayat versi")
    choose(page, "Versi", "#1 ·")
    page.get_by_role("button", name="Kembalikan ke versi ini…").click()
    expect(page.get_by_text("disentuh versi #1")).to_be_visible(timeout=SLOW_MS)
    page.get_by_role("button", name="Ya, kembalikan").click()
    expect(page.get_by_text("Dikembalikan ke versi #1")).to_be_visible(timeout=SLOW_MS)

    chart = babel_2023(page, admin_server)
    expect(chart).to_contain_text(OLD)
    expect(chart).not_to_contain_text(NEW)
    versions = store.versions(store.engine(admin_database))
    assert versions["user"].head(2).tolist() == [ADMIN, ADMIN]
    assert versions["rolled_back_to"].iloc[0] == 1


@pytest.mark.parametrize("path", ["/impor", "/riwayat", "/pengguna"])
@pytest.mark.parametrize("kiosk", [False, True], ids=["logged-out", "kiosk"])
def test_staff_pages_are_unreachable(admin_server: str, tab: Tab, path: str, kiosk: bool) -> None:
    page = tab.page
    page.goto(f"{admin_server}{path}{'?kiosk=1' if kiosk else ''}")
    app = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(app).to_be_attached(timeout=SLOW_MS)
    expect(page.locator("h1").first if not kiosk else app).to_be_visible(timeout=SLOW_MS)
    for title in STAFF_PAGES:
        expect(page.get_by_role("link", name=title)).to_have_count(0)
        expect(page.locator("h1", has_text=title)).to_have_count(0)
    expect(page.locator('input[type="file"]')).to_have_count(0)
