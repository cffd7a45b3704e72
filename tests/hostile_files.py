"""Hostile and awkward import files, written into a temporary folder on demand (nothing binary
is committed): `malformed(folder)` are files an import must refuse with a clear report,
`awkward(folder)` are valid files in shapes people really send, which must load.

Each case is the command line `python -m scoring` is given, so a test runs every case the same
way and counts how many are refused cleanly.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

HEADER = "tahun,tingkat,provinsi,nama,nilai,zona,sumber"
GOOD_ROWS = [
    "2023,kabupaten,Bali,Kabupaten Badung,85,hijau,https://example.org/a",
    "2023,kota,Bali,Kota Denpasar,77.5,kuning,https://example.org/b",
]
UNITS_HEADER = "tahun,provinsi,pemda,opd,nilai"
UNIT_ROW = "2023,Bali,Kabupaten Badung,DPMPTSP,88"
ITEMS_HEADER = "tahun,provinsi,pemda,opd,produk,dimensi,variabel,indikator,nilai butir"
ITEM_ROW = "2023,Bali,Kabupaten Badung,DPMPTSP,1,proses,standar_pelayanan,1,3"


@dataclass(frozen=True)
class Case:
    """One file (or path) and the arguments of `python -m scoring` that try to import it."""

    name: str
    argv: tuple[str, ...]
    needs_geo: bool = False  # placing names needs the gazetteer


def good_results(folder: Path) -> Path:
    return _csv(folder, "good-results.csv", [HEADER, *GOOD_ROWS])


def _csv(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _row(**cells: str) -> str:
    """The first good row with some cells replaced."""
    base = dict(
        zip(
            ("tahun", "tingkat", "provinsi", "nama", "nilai", "zona", "sumber"),
            GOOD_ROWS[0].split(","),
            strict=True,
        )
    )
    base.update(cells)
    return ",".join(f'"{v}"' if "," in v else v for v in base.values())


def _xlsx(folder: Path, name: str, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = folder / name
    book.save(path)
    return path


def _xlsx_error_cell(folder: Path, cell: str = "E2", error: str = "#DIV/0!") -> Path:
    """A workbook whose cell holds a saved error value (as Excel writes it)."""
    row = [2023, "kota", "Bali", "Kota Denpasar", 1]
    path = _xlsx(folder, f"error-{cell}.xlsx", [HEADER.split(",")[:5], row])
    patched = folder / f"error-{cell}-saved.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index(f'<c r="{cell}"')
                end = text.index("</c>", start) + len("</c>")
                saved = f'<c r="{cell}" t="e"><f>1/0</f><v>{error}</v></c>'
                text = text[:start] + saved + text[end:]
                data = text.encode()
            dst.writestr(item, data)
    return patched


SCORES = {
    "fullwidth-digits": "８８.８７",
    "arabic-indic-digits": "٨٨",
    "nul-inside-digits": "8\x008.87",
    "zero-width-inside-digits": "88\u200b.87",
    "word": "abc",
    "exponent": "1e3",
    "two-points": "88.87.1",
    "thousands-commas": "9,99,9",
    "nan": "NaN",
    "infinity": "inf",
    "negative": "-5",
    "above-100": "101",
    "just-above-100": "100.01",
    "double-sign": "+-5",
    "percent": "85%",
    "hex": "0x50",
    "fraction-sign": "½",
    "trailing-point": "88.",
    "inner-space": "8 8",
    "dash": "—",
    "excel-text-marker": "'85",
}
YEARS = {
    "year-2030": "2030",
    "year-2099": "2099",
    "year-2020-no-assessment": "2020",
    "year-2014": "2014",
    "year-1999": "1999",
    "year-typo": "20x3",
    "year-fraction": "2023.5",
    "year-fullwidth": "２０２３",
    "year-empty": "",
    "year-negative": "-2023",
    "year-nul-inside": "20\x0023",
}
LEVELS = {"level-kecamatan": "kecamatan", "level-desa": "desa", "level-nonsense": "xyz"}
URLS = {
    "url-javascript": "javascript:alert(1)",
    "url-data": "data:text/html;base64,PHNjcmlwdD4=",
    "url-ftp": "ftp://example.org/a",
    "url-no-host": "http://",
    "url-space": "https://exa mple.org/a",
    "url-markdown-breakout": "https://example.org/a) [masuk](https://evil.example",
    "url-protocol-relative": "//example.org/a",
    "url-no-scheme": "www.example.org/a",
    "url-mailto": "mailto:a@example.org",
    "url-quote": 'https://example.org/"onmouseover=alert(1)',
    "url-angle": "https://example.org/<script>",
}
PLACES = {
    "place-unknown-region": {"nama": "Kabupaten Atlantis"},
    "place-wrong-province": {"provinsi": "Jawa Barat"},
    "place-unknown-province": {"provinsi": "Balii"},
    "place-no-level-bare-name": {"provinsi": "Jawa Barat", "nama": "Bandung", "tingkat": ""},
}


def _cell_cases(folder: Path) -> list[Case]:
    cases = []
    for group, column in ((SCORES, "nilai"), (YEARS, "tahun"), (LEVELS, "tingkat")):
        for name, value in group.items():
            path = _csv(folder, f"{name}.csv", [HEADER, _row(**{column: value}), GOOD_ROWS[1]])
            cases.append(Case(name, ("import", str(path))))
    for name, value in URLS.items():
        path = _csv(folder, f"{name}.csv", [HEADER, _row(sumber=value)])
        cases.append(Case(name, ("import", str(path))))
    for name, cells in PLACES.items():
        path = _csv(folder, f"{name}.csv", [HEADER, _row(**cells)])
        cases.append(Case(name, ("import", str(path)), needs_geo=True))
    unit = _csv(
        folder,
        "unit-unknown-government.csv",
        [UNITS_HEADER, UNIT_ROW.replace("Badung", "Atlantis")],
    )
    cases.append(
        Case(
            "unit-unknown-government",
            ("import", str(good_results(folder)), "--units", str(unit)),
            needs_geo=True,
        )
    )
    return cases


def _item_cases(folder: Path) -> list[Case]:
    faults = {
        "item-score-4": ITEM_ROW[:-1] + "4",
        "item-score-fullwidth": ITEM_ROW[:-1] + "３",
        "item-variable-unknown": ITEM_ROW.replace("standar_pelayanan", "kepuasan"),
        "item-indicator-beyond": ITEM_ROW.replace("pelayanan,1,", "pelayanan,99,"),
        "item-product-3": ITEM_ROW.replace(",1,proses", ",3,proses"),
        "item-indicator-0": ITEM_ROW.replace("pelayanan,1,", "pelayanan,0,"),
        "item-dimension-unknown": ITEM_ROW.replace("proses", "masukan"),
    }
    return [
        Case(name, ("validate", str(_csv(folder, f"{name}.csv", [ITEMS_HEADER, row]))))
        for name, row in faults.items()
    ]


def _unit_cases(folder: Path) -> list[Case]:
    faults = {
        "unit-score-word": UNIT_ROW.replace(",88", ",delapan"),
        "unit-url-javascript": UNIT_ROW.replace(",88", ",88,javascript:alert(1)"),
        "unit-name-empty": UNIT_ROW.replace("DPMPTSP", ""),
    }
    header = {"unit-url-javascript": UNITS_HEADER + ",sumber"}
    results = good_results(folder)
    return [
        Case(
            name,
            (
                "import",
                str(results),
                "--units",
                str(_csv(folder, f"{name}.csv", [header.get(name, UNITS_HEADER), row])),
            ),
        )
        for name, row in faults.items()
    ]


def _structure_cases(folder: Path) -> list[Case]:
    rows = [HEADER, *GOOD_ROWS]
    files: dict[str, Callable[[], Path]] = {
        "missing-score-column": lambda: _csv(
            folder, "no-score.csv", ["tahun,tingkat,provinsi,nama", "2023,kota,Bali,Kota Denpasar"]
        ),
        "government-name-empty": lambda: _csv(folder, "no-name-cell.csv", [HEADER, _row(nama="")]),
        "province-empty": lambda: _csv(folder, "no-province.csv", [HEADER, _row(provinsi="")]),
        "score-column-twice-other-case": lambda: _csv(
            folder, "twice-case.csv", [HEADER + ",NILAI", GOOD_ROWS[0] + ",80"]
        ),
        "xlsx-ref-error-in-year": lambda: _xlsx_error_cell(folder, "A2", "#REF!"),
        "score-column-twice": lambda: _csv(
            folder, "twice.csv", [HEADER + ",skor", GOOD_ROWS[0] + ",80"]
        ),
        "cell-without-header": lambda: _csv(
            folder, "headless.csv", [HEADER, GOOD_ROWS[0] + ",lost value"]
        ),
        "unbalanced-quote": lambda: _csv(
            folder, "quote.csv", [HEADER, '2023,kota,Bali,"Kota X,80']
        ),
        "latin-1": lambda: _csv(folder, "latin1.csv", [*rows, _row(nama="Kota Bañar")], "latin-1"),
        "broken-utf-16": lambda: _write(folder, "utf16.csv", b"\xff\xfe" + b"t\x00a\x00\x00\xd8"),
        "binary-junk": lambda: _write(folder, "junk.csv", bytes(range(256)) * 4),
        "empty": lambda: _write(folder, "empty.csv", b""),
        "only-spaces": lambda: _write(folder, "spaces.csv", b"  \n\n \t\n"),
        "header-only": lambda: _csv(folder, "header-only.csv", [HEADER]),
        "no-government-column": lambda: _csv(folder, "no-name.csv", ["tahun,nilai", "2023,80"]),
        "unsupported-format": lambda: _write(folder, "hasil.pdf", b"%PDF-1.4"),
        "xlsx-not-a-zip": lambda: _write(folder, "fake.xlsx", b"not a workbook at all"),
        "xlsx-zip-without-workbook": lambda: _zip(folder, "parts.xlsx", {"a.txt": b"x"}),
        "xlsx-broken-xml": lambda: _broken_xml(folder),
        "xlsx-div0": lambda: _xlsx_error_cell(folder),
        "xlsx-formula-without-value": lambda: _xlsx(
            folder, "formula.xlsx", [HEADER.split(","), [2023, "kota", "Bali", "Kota X", "=1/0"]]
        ),
        "xlsx-title-only": lambda: _xlsx(folder, "title-only.xlsx", [["Hasil penilaian 2023"]]),
    }
    return [Case(name, ("import", str(build()))) for name, build in files.items()]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _zip(folder: Path, name: str, parts: dict[str, bytes]) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def _broken_xml(folder: Path) -> Path:
    good = _xlsx(folder, "ok-for-breaking.xlsx", [HEADER.split(",")])
    with zipfile.ZipFile(good) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["xl/worksheets/sheet1.xml"] = b"<row"
    return _zip(folder, "broken.xlsx", parts)


def _path_cases(folder: Path) -> list[Case]:
    (folder / "a-folder.csv").mkdir()
    loop = folder / "loop.csv"
    loop.symlink_to(folder / "loop.csv")
    (folder / "dangling.csv").symlink_to(folder / "nowhere.csv")
    plain = _csv(folder, "plain.csv", [HEADER, *GOOD_ROWS])
    return [
        Case("path-directory", ("import", str(folder / "a-folder.csv"))),
        Case("path-symlink-loop", ("import", str(loop))),
        Case("path-dangling-symlink", ("import", str(folder / "dangling.csv"))),
        Case("path-through-a-file", ("import", str(plain / "x.csv"))),
        Case("path-missing", ("import", str(folder / "missing.csv"))),
    ]


def _kind_cases(folder: Path) -> list[Case]:
    units = _csv(folder, "units-file.csv", [UNITS_HEADER, UNIT_ROW])
    items = _csv(folder, "items-file.csv", [ITEMS_HEADER, ITEM_ROW])
    results = good_results(folder)
    return [
        Case("kind-units-as-results", ("import", str(units))),
        Case("kind-items-as-results", ("import", str(items))),
        Case("kind-results-as-units", ("import", str(results), "--units", str(results))),
        Case("kind-items-as-units", ("import", str(results), "--units", str(items))),
    ]


def _size_cases(folder: Path) -> list[Case]:
    many = _csv(folder, "many-rows.csv", [HEADER, *(GOOD_ROWS * 60)])
    large = _csv(folder, "large.csv", [HEADER, *GOOD_ROWS, "#" + "x" * 5000])
    return [
        Case("size-too-many-rows", ("import", str(many), "--max-rows", "100")),
        Case("size-too-many-bytes", ("import", str(large), "--max-bytes", "4096")),
    ]


def malformed(folder: Path) -> list[Case]:
    """Every file an import must refuse (one report, exit 1, nothing written)."""
    return [
        *_cell_cases(folder),
        *_item_cases(folder),
        *_unit_cases(folder),
        *_structure_cases(folder),
        *_path_cases(folder),
        *_kind_cases(folder),
        *_size_cases(folder),
    ]


def fifo(folder: Path) -> Path:
    """A named pipe: opening it would wait forever for a writer."""
    path = folder / "pipe.csv"
    os.mkfifo(path)
    return path


# --- awkward but valid ----------------------------------------------------------------------


def _stale_dimension(folder: Path) -> Path:
    """A workbook whose <dimension> tag says A1:D2 though Badung is on row 3 (some tools
    write it so); a reader trusting the tag drops the row without a word."""
    rows = [["tahun", "provinsi", "nama", "nilai"], [2023, "Bali", "Kota Denpasar", 70]]
    path = _xlsx(folder, "dimension.xlsx", [*rows, [2023, "Bali", "Kabupaten Badung", 85]])
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index("<dimension ")
    end = sheet.index("/>", start) + 2
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + '<dimension ref="A1:D2"/>' + sheet[end:]
    ).encode()
    return _zip(folder, "stale-dimension.xlsx", parts)


def awkward(folder: Path) -> dict[str, Path]:
    """Valid files in the shapes offices send; each holds Kabupaten Badung 2023 = 85."""
    title = ["Hasil Penilaian Kepatuhan Standar Pelayanan Publik 2023"]
    data = [2023, "kabupaten", "Bali", "Kabupaten Badung", 85, "hijau"]
    merged = _xlsx(folder, "merged-title.xlsx", [title, [], HEADER.split(",")[:6], data])
    book = openpyxl.load_workbook(merged)
    book.active.merge_cells("A1:F1")
    book.save(merged)
    two_level = _xlsx(
        folder,
        "two-level.xlsx",
        [
            ["Tahun", "Provinsi", "Nama Pemerintah Daerah", "Hasil Penilaian", None],
            [None, None, None, "Nilai", "Zona"],
            [2023, "Bali", "Kabupaten Badung", 85, "Hijau"],
        ],
    )
    book = openpyxl.load_workbook(two_level)
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:E1"):
        book.active.merge_cells(cells)
    book.save(two_level)
    row = "2023,Bali,Kabupaten Badung,85"
    return {
        "title-row-csv": _csv(folder, "title.csv", [title[0], "tahun,provinsi,nama,nilai", row]),
        "title-row-xlsx": _xlsx(folder, "title.xlsx", [title, HEADER.split(",")[:6], data]),
        "merged-title-xlsx": merged,
        "stale-dimension-xlsx": _stale_dimension(folder),
        "two-level-xlsx": two_level,
        "blank-line-before-header": _csv(
            folder, "blank.csv", ["", "tahun,provinsi,nama,nilai", row]
        ),
        "nama-instansi": _csv(folder, "instansi.csv", ["Tahun,Provinsi,Nama Instansi,Nilai", row]),
        "nama-pemerintah-daerah": _csv(
            folder, "pemda.csv", ["Tahun,Provinsi,Nama Pemerintah Daerah,Nilai", row]
        ),
        "kabupaten-kota": _csv(folder, "kabkota.csv", ["Tahun,Provinsi,Kabupaten/Kota,Nilai", row]),
        "nilai-kepatuhan": _csv(
            folder, "kepatuhan.csv", ["Tahun,Provinsi,Nama Pemda,Nilai Kepatuhan", row]
        ),
        "semicolon-decimal-comma": _csv(
            folder,
            "semicolon.csv",
            ["tahun;provinsi;nama;nilai", "2023;Bali;Kabupaten Badung;85,00"],
        ),
        "utf-16-tabs": _csv(
            folder, "utf16.csv", ["tahun\tprovinsi\tnama\tnilai", row.replace(",", "\t")], "utf-16"
        ),
    }
