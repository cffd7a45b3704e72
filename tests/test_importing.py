"""Import and validation: real published files, fixture files with known faults, printed labels."""

import string
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from fixtures import PUBLISHED, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.choices import GOVERNMENT_LEVELS as LEVELS
from scoring.frames import ITEM_COLUMNS, RESULT_COLUMNS, UNIT_COLUMNS
from scoring.i18n import table
from scoring.importing import (
    LEVEL_WORDS,
    REFERENCE_DIR,
    detect_kind,
    load,
    read_items,
    read_results,
    read_units,
    unit_types,
)
from scoring.methodology import all_methodologies
from scoring.printed import parse_printed_category, parse_printed_compliance
from scoring.problems import ImportFailed, Problem, format_report

RESULTS_FILE = PUBLISHED / "published-results.csv"
UNITS_FILE = PUBLISHED / "published-results-opd.csv"
SHARED_DATA = SHARED / "data"
HEADER = "year,level,province,entity,score,zone,category,source_url,notes"
ZONE_ONLY_ROWS = 425  # rows that print a zone, category or opinion but no score


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(tmp_path: Path, name: str, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def failure(path: Path, reader=load) -> tuple[Problem, ...]:
    with pytest.raises(ImportFailed) as failed:
        reader(path)
    return failed.value.problems


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


# --- the real published files -----------------------------------------------------------------


def test_published_results_load_without_problems():
    imported = read_results(RESULTS_FILE)
    assert imported.kind == "results"
    assert len(imported.frame) == 901
    assert imported.warnings == ()
    assert list(imported.frame.columns) == list(RESULT_COLUMNS)
    assert imported.frame["source_row"].tolist() == list(range(2, 903))
    assert set(imported.frame["level"]) == set(LEVELS)
    assert imported.frame["score"].between(0, 100).sum() == 901 - ZONE_ONLY_ROWS


def test_published_units_load_without_problems():
    imported = load(UNITS_FILE)
    assert imported.kind == "units"
    assert len(imported.frame) == 56
    assert imported.warnings == ()
    assert list(imported.frame.columns) == list(UNIT_COLUMNS)
    assert detect_kind(UNITS_FILE) == "units"
    assert detect_kind(RESULTS_FILE) == "results"


def test_printed_categories_stay_as_printed():
    frame = read_results(RESULTS_FILE).frame
    assert "kualitas tertinggi/tinggi" in set(frame["category"].dropna())


@pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"no shared data folder at {SHARED_DATA} (outside the repo)"
)
@pytest.mark.parametrize(
    ("name", "kind"), [("published-results.csv", "results"), ("published-results-opd.csv", "units")]
)
def test_every_row_of_the_shared_data_loads(name, kind):
    """The shared folder grows as figures are collected: no counts, only that every row loads."""
    path = SHARED_DATA / name
    imported = load(path)
    assert imported.kind == kind
    assert len(imported.frame) == len(pd.read_csv(path, dtype=str, keep_default_na=False))


# --- values -----------------------------------------------------------------------------------


def test_decimal_comma_and_stray_space(tmp_path):
    path = write(
        tmp_path,
        "koma.csv",
        f'{HEADER}\n2023,kabupaten,NTB,Kabupaten Bima,"91,70",,,,\n'
        f'2023,kabupaten,NTB,Kabupaten Dompu,"86, 65",,,,\n'
        "2023,kabupaten,NTB,Kabupaten Sumbawa,78.00,,,,\n",
    )
    assert read_results(path).frame["score"].tolist() == [91.7, 86.65, 78.0]


@settings(max_examples=40, deadline=None)
@given(cents=st.integers(0, 10_000), comma=st.booleans(), space=st.booleans())
def test_any_two_decimal_score_reads_back(tmp_path_factory, cents, comma, space):
    written = f"{cents / 100:.2f}".replace(".", ", " if space else "," if comma else ".")
    path = write(
        tmp_path_factory.mktemp("n"), "n.csv", f'{HEADER}\n2023,kota,Bali,Kota A,"{written}",,,,\n'
    )
    assert round(read_results(path).frame["score"].iloc[0] * 100) == cents


def test_indonesian_headers_and_semicolons(tmp_path):
    path = write(
        tmp_path,
        "hasil.csv",
        "Tahun; Tingkat ;PROVINSI;Nama Pemda;Nilai Akhir;Zona;Opini;Sumber;Keterangan\n"
        "2023;Kab;Sulawesi Selatan;Kabupaten Bone;91,70;Zona Hijau;A;https://x;\n"
        "2022;Pemkot;Sulawesi Selatan;Kota Makassar;60,5;KUNING;C;;\n"
        "2024;Pemprov;Sulawesi Selatan;Provinsi Sulawesi Selatan;30;red;E;;\n",
    )
    frame = read_results(path).frame
    assert frame["level"].tolist() == ["kabupaten", "kota", "provinsi"]
    assert frame["score"].tolist() == [91.7, 60.5, 30.0]
    assert frame["zone"].tolist() == ["hijau", "kuning", "merah"]
    assert frame["entity"].tolist()[0] == "Kabupaten Bone"


def test_level_is_derived_from_the_name_when_no_level_column(tmp_path):
    path = write(
        tmp_path,
        "tanpa-tingkat.csv",
        "tahun,provinsi,pemda,skor\n"
        "2023,Bali,Kab. Badung,90\n2023,Bali,Kota Denpasar,80\n"
        "2023,Bali,Provinsi Bali,85\n2023,Bali,Pemerintah Kabupaten Gianyar,70\n",
    )
    imported = load(path)
    assert imported.kind == "results"
    assert imported.frame["level"].tolist() == ["kabupaten", "kota", "provinsi", "kabupaten"]


def test_level_that_cannot_be_read_from_the_name(tmp_path):
    path = write(tmp_path, "r.csv", "tahun,provinsi,pemda,skor\n2023,Bali,Badung,90\n")
    (problem,) = failure(path)
    assert (problem.row, problem.column, problem.value) == (2, "pemda", "Badung")
    assert problem.code == "level_from_name"
    assert problem.message("id") == (
        "tingkat kosong dan tidak terbaca dari nama (Provinsi/Kabupaten/Kota …)"
    )


def test_a_bad_file_reports_every_error_at_its_line_and_column(tmp_path):
    path = write(
        tmp_path,
        "results.csv",
        f"{HEADER}\n"
        "2023,kabupaten,Bali,Kabupaten Badung,90.10,hijau,A,,\n"
        '2023,kabupaten,Bali,Kabupaten Bangli,"9x,1",,,,\n'
        "2020,kabupaten,Bali,Kabupaten Buleleng,70,,,,\n"
        "2023,desa,Bali,Desa Ubud,70,,,,\n"
        "2023,kota,Bali,Kota Denpasar,120,,,,\n",
    )
    problems = failure(path)
    found = [(p.file, p.row, p.column, p.value, p.code) for p in problems]
    assert found == [
        ("results.csv", 3, "score", "9x,1", "not_a_number"),
        ("results.csv", 4, "year", "2020", "not_assessed"),
        ("results.csv", 5, "level", "desa", "level_unknown"),
        ("results.csv", 6, "score", "120", "score_range"),
    ]
    assert str(problems[0]) == "results.csv:3 kolom 'score' nilai '9x,1': bukan angka"
    assert problems[3].message("id") == "nilai harus 0–100"
    assert problems[0].line("en") == "results.csv:3 column 'score' value '9x,1': not a number"


def test_year_outside_the_range_and_not_a_year(tmp_path):
    path = write(
        tmp_path,
        "y.csv",
        f"{HEADER}\n2014,kota,Bali,Kota Denpasar,70,,,,\n20x3,kota,Bali,Kota Denpasar,70,,,,\n"
        ",kota,Bali,Kota Denpasar,70,,,,\n",
    )
    problems = failure(path)
    assert [(p.row, p.code) for p in problems] == [
        (2, "year_range"),
        (3, "not_a_year"),
        (4, "required"),
    ]
    next_year = date.today().year + 1  # a later year is a typing error (2030, 2099)
    assert problems[0].params == {"low": 2015, "high": next_year}
    assert [p.message("id") for p in problems] == [
        f"tahun harus 2015–{next_year}",
        "bukan tahun",
        "wajib diisi",
    ]


def test_empty_entity_name_is_an_error(tmp_path):
    path = write(tmp_path, "e.csv", f"{HEADER}\n2023,kota,Bali,,70,,,,\n")
    (problem,) = failure(path)
    assert (problem.row, problem.column, problem.code) == (2, "entity", "required")


def test_a_missing_required_column_is_one_problem_naming_it(tmp_path):
    path = write(tmp_path, "m.csv", "tahun,tingkat,provinsi,nama\n2023,kota,Bali,Kota A\n")
    problems = failure(path, read_results)
    assert len(problems) == 1
    assert problems[0].column == "score"
    assert "nilai" in problems[0].message("id") and "skor" in problems[0].message("id")


def test_unrecognised_zone_and_column_are_warnings(tmp_path):
    path = write(
        tmp_path,
        "w.csv",
        "No,Tahun,Tingkat,Provinsi,Nama,Nilai,Zona\n1,2023,kota,Bali,Kota Denpasar,80,biru\n",
    )
    imported = load(path)
    assert imported.frame["zone"].isna().all()
    assert {(p.column, p.code) for p in imported.warnings} == {
        ("No", "column_ignored"),
        ("Zona", "zone_unknown"),
    }


def test_warnings_do_not_hide_errors(tmp_path):
    path = write(tmp_path, "w.csv", f"{HEADER}\n2023,kota,Bali,Kota Denpasar,abc,biru,,,\n")
    problems = failure(path)
    assert [p.severity for p in problems] == ["error", "warning"]


def test_line_numbers_count_blank_lines_and_breaks_inside_quotes(tmp_path):
    path = write(
        tmp_path,
        "q.csv",
        f'{HEADER}\n2023,kota,Bali,Kota Denpasar,70,,,,"two\nlines"\n\n'
        "2023,kota,Bali,Kota Denpasar,x,,,,\n",
    )
    (problem,) = failure(path)
    assert problem.row == 5


# --- untrusted text ---------------------------------------------------------------------------


def test_markup_is_kept_verbatim_and_control_characters_stripped(tmp_path):
    path = write(
        tmp_path,
        "x.csv",
        f'{HEADER}\n2023,kota,Bali,"Kota <img src=x onerror=alert(1)>",70,,,,\n'
        "2023,kota,Bali,Kota\x07 Denpa\u202esar\x00,70,,,,\n",
    )
    frame = read_results(path).frame
    assert frame["entity"].tolist() == ["Kota <img src=x onerror=alert(1)>", "Kota Denpasar"]


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_problems_carry_the_sheet_row(tmp_path):
    rows = [
        HEADER.split(","),
        [2023, "kota", "Bali", "Kota Denpasar", 80.5, "hijau", "B", None, None],
        [],
        [2023, "kota", "Bali", "Kota Denpasar", "8o", None, None, None, None],
    ]
    path = write_xlsx(tmp_path, "hasil.xlsx", {"Hasil": rows})
    (problem,) = failure(path)
    assert (problem.file, problem.row, problem.column) == ("hasil.xlsx", 4, "score")


def test_xlsx_named_sheet_with_numbers_and_text(tmp_path):
    rows = [
        ["Tahun", "Provinsi", "Nama Pemda", "Nilai"],
        [2023, "Bali", "Kota Denpasar", 80.5],
        [2023, "Bali", "Kabupaten Badung", "91,70"],
    ]
    path = write_xlsx(tmp_path, "buku.xlsx", {"Catatan": [["x"]], "Data": rows})
    frame = read_results(path, sheet="Data").frame
    assert frame["year"].tolist() == [2023, 2023]
    assert frame["score"].tolist() == [80.5, 91.7]
    assert frame["source_row"].tolist() == [2, 3]
    assert failure(path)[0].code == "kind_unknown"  # the first sheet is not data


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("DPMPTSP dan Tenaga Kerja", "dpmptsp"),
        ("Dinas Penanaman Modal dan PTSP", "dpmptsp"),
        ("Disdukcapil", "disdukcapil"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil"),
        ("Dinas Pendidikan Pemuda dan Olahraga", "dinas_pendidikan"),
        ("Dikpora", "dinas_pendidikan"),
        ("Disdik", "dinas_pendidikan"),
        ("Dinkes", "dinas_kesehatan"),
        ("Dinas Kesehatan", "dinas_kesehatan"),
        ("Dinas Sosial PMD", "dinas_sosial"),
        ("Dinsos", "dinas_sosial"),
        ("UPT Puskesmas Koba", "puskesmas"),
        ("RSUD dr. Hasri Ainun Habibie", "rsud"),
        ("RSJ Grhasia", "rsud"),
        ("Rumah Sakit Jiwa Daerah", "rsud"),
        ("SMA Negeri 1 Yogyakarta", "lainnya"),
    ],
)
def test_unit_names_map_to_locus_keys(name, key):
    assert unit_types(pd.Series([name])).iloc[0] == key


def test_unit_type_keys_are_loci_of_some_methodology():
    loci = {locus.key for m in all_methodologies() for locus in m.loci}
    table = pd.read_csv(REFERENCE_DIR / "unit_types.csv")
    assert set(table["unit_type"]) <= loci


def test_unit_file_keeps_the_local_name(tmp_path):
    path = write(
        tmp_path,
        "opd.csv",
        "tahun,provinsi,pemda,unit layanan,nilai\n"
        "2023,Babel,Kabupaten Bangka Tengah,Dinas Sosial PMD,95\n",
    )
    frame = read_units(path).frame
    assert frame[["pemda", "opd", "unit_type"]].iloc[0].tolist() == [
        "Kabupaten Bangka Tengah",
        "Dinas Sosial PMD",
        "dinas_sosial",
    ]


# --- items ------------------------------------------------------------------------------------

ITEM_HEADER = "tahun,provinsi,pemda,opd,produk,dimensi,variabel,indikator,nilai butir"


def test_item_file_accepts_keys_and_display_names(tmp_path):
    path = write(
        tmp_path,
        "butir.csv",
        f"{ITEM_HEADER}\n"
        '2023,Bali,Kota Denpasar,Dinsos,1,Proses,Standar Pelayanan,11,"2,5"\n'
        "2023,Bali,Kota Denpasar,Dinsos,2,input,kompetensi_pelaksana,1,3\n"
        "2022,Bali,Kota Denpasar,Dinsos,1,Complaints,Complaint handling,2,0\n",
    )
    imported = load(path)
    assert imported.kind == "items"
    frame = imported.frame
    assert list(frame.columns) == list(ITEM_COLUMNS)
    assert frame["dimension"].tolist() == ["proses", "input", "pengaduan"]
    assert frame["variable"].tolist() == [
        "standar_pelayanan",
        "kompetensi_pelaksana",
        "pengelolaan_pengaduan",
    ]
    assert frame["item_score"].tolist() == [2.5, 3.0, 0.0]
    assert frame["unit_type"].unique().tolist() == ["dinas_sosial"]


def test_item_file_with_unknown_or_misplaced_keys_names_the_rows(tmp_path):
    path = write(
        tmp_path,
        "butir.csv",
        f"{ITEM_HEADER}\n"
        "2023,Bali,Kota Denpasar,Dinsos,1,proses,standar_pelayanan,1,3\n"
        "2023,Bali,Kota Denpasar,Dinsos,1,proses,Keramahan Petugas,1,3\n"
        "2023,Bali,Kota Denpasar,Dinsos,1,output,standar_pelayanan,1,3\n"
        "2023,Bali,Kota Denpasar,Dinsos,3,proses,standar_pelayanan,12,3.5\n"
        "2025,Bali,Kota Denpasar,Dinsos,1,proses,standar_pelayanan,1,3\n",
    )
    found = [(p.row, p.column, p.message("id")) for p in failure(path, read_items)]
    assert found == [
        (3, "variabel", "variabel tidak ada dalam metodologi 2022-2024"),
        (4, "variabel", "variabel bukan bagian dari dimensi output"),
        (5, "indikator", "nomor indikator melebihi jumlah indikator variabel (11)"),
        (5, "produk", "produk harus 1 atau 2"),
        (5, "nilai butir", "nilai butir harus 0–3"),
        (6, "variabel", "variabel tidak ada dalam metodologi 2025"),
    ]


# --- printed categories -----------------------------------------------------------------------

EXPECTED_LETTERS = {
    "(printed 'Kualitas Tinggi' - inconsistent with score band)": "B",
    "A": "A",
    "A (kualitas tertinggi)": "A",
    "B": "B",
    "B (kualitas tinggi)": "B",
    "Baik": "B",
    "C": "C",
    "C (kualitas sedang)": "C",
    "D": "D",
    "D (kualitas rendah)": "D",
    "Kualitas Rendah": "D",
    "Kualitas Sedang": "C",
    "Kualitas Sedang Tanpa Maladministrasi": "C",
    "Kualitas Tinggi Tanpa Maladministrasi": "B",
    "Opini Kualitas Sedang Tanpa Maladministrasi": "C",
    "Opini Kualitas Tertinggi Tanpa Maladministrasi": "A",
    "Opini Kualitas Tinggi Tanpa Maladministrasi": "B",
    "kepatuhan tinggi": None,  # 2022 and 2024: green is A or B
    "kepatuhan tinggi kategori B": "B",
    "kualitas 'sangat tinggi' tanpa maladministrasi (as printed)": None,
    "kualitas rendah": "D",
    "kualitas sedang": "C",
    "kualitas tertinggi": "A",
    "kualitas tertinggi/tinggi": None,
    "kualitas tinggi": "B",
    "opini kepatuhan tinggi (B)": "B",
    "opini kualitas tertinggi": "A",
    "opini kualitas tinggi": "B",
    # variants of the rows added in December 2026
    "kategori tertinggi (A)": "A",
    "A (opini kualitas tertinggi)": "A",
    "Opini Tertinggi (kualitas tertinggi)": "A",
    "kualitas pelayanan 'Sangat Baik'": "A",
    "kepatuhan tertinggi (as printed)": None,  # no category of its era is worded so
}


def test_every_printed_category_of_the_real_data():
    frame = read_results(RESULTS_FILE).frame
    recent = frame[(frame["year"] >= 2022) & frame["category"].notna()]
    assert set(recent["category"]) == set(EXPECTED_LETTERS)
    letters = parse_printed_category(recent["category"], recent["year"])
    expected = recent["category"].map(EXPECTED_LETTERS)
    pd.testing.assert_series_equal(
        letters, expected.astype("string"), check_names=False, check_index=True
    )


def test_printed_category_examples_and_eras():
    text = pd.Series(
        ["B (kualitas tinggi)", "kualitas tertinggi", "Sangat Baik", "Baik", "Baik", "A", None]
    )
    years = pd.Series([2023, 2024, 2025, 2025, 2023, 2019, 2023])
    assert parse_printed_category(text, years).tolist() == ["B", "A", "A", "B", pd.NA, pd.NA, pd.NA]


def test_printed_compliance_before_2022():
    text = pd.Series(
        ["kepatuhan tinggi", "Kepatuhan  Sedang", "kepatuhan rendah", "kepatuhan tinggi"]
    )
    years = pd.Series([2019, 2021, 2015, 2022])
    assert parse_printed_compliance(text, years).tolist() == ["hijau", "kuning", "merah", pd.NA]


def test_real_unit_labels_of_2025():
    frame = read_units(UNITS_FILE).frame
    labelled = frame[frame["year"] == 2025].dropna(subset=["category"])
    letters = parse_printed_category(labelled["category"], labelled["year"])
    assert set(zip(labelled["category"], letters, strict=True)) == {
        ("kualitas pelayanan 'Baik'", "B"),
        ("kualitas pelayanan 'Sangat Baik'", "A"),
        ("sertifikat kualitas tertinggi", "A"),
    }


# --- reference tables and reports -------------------------------------------------------------


def test_header_variants_are_unambiguous():
    table = pd.read_csv(REFERENCE_DIR / "columns.csv")
    normal = table["variant"].str.lower().str.replace(r"[\s_\-.]+", " ", regex=True)
    assert not normal.duplicated().any()


def test_level_words_name_only_known_levels():
    assert set(LEVEL_WORDS.values()) == set(LEVELS)


def test_report_lists_errors_first_and_counts():
    problems = [
        Problem("a.csv", 3, "zone", "biru", "zone_unknown", severity="warning"),
        Problem("a.csv", 5, "score", "x", "not_a_number"),
        Problem("a.csv", None, "score", None, "column_missing", {"variants": "nilai, skor"}),
    ]
    lines = format_report(problems).splitlines()
    assert (
        lines[0] == "a.csv kolom 'score': kolom wajib tidak ada; judul yang diterima: nilai, skor"
    )
    assert lines[1] == "a.csv:5 kolom 'score' nilai 'x': bukan angka"
    assert lines[2].startswith("peringatan: a.csv:3")
    assert lines[3] == "2 kesalahan, 1 peringatan"
    english = format_report(problems, "en").splitlines()
    assert english[2] == "warning: a.csv:3 column 'zone' value 'biru': " + (
        "unknown zone, ignored (hijau, kuning, merah, hitam)"
    )
    assert english[3] == "2 error(s), 1 warning(s)"


def test_messages_use_the_same_placeholders_in_both_languages():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    areas = ("problem", "report", "check", "check_detail")
    messages = {k: v for k, v in table().items() if k.split(".")[0] in areas}
    assert len(messages) > 30
    for key, texts in messages.items():
        assert fields(texts["id"]) == fields(texts["en"]), key


def test_duplicate_columns_are_one_error(tmp_path):
    path = write(tmp_path, "d.csv", "Tahun,Provinsi,Nama,Nilai,Skor\n2023,Bali,Kota A,80,81\n")
    (problem,) = failure(path)
    assert (problem.row, problem.column) == (1, "Skor")
    assert problem.message("id") == "kolom ganda, juga 'Nilai'"


def test_encodings(tmp_path):
    text = "tahun\tprovinsi\tnama\tnilai\n2023\tBali\tKota Dénpasar\t80\n"
    utf16 = tmp_path / "excel.txt"
    utf16.write_text(text, encoding="utf-16")
    assert load(utf16).frame["entity"].tolist() == ["Kota Dénpasar"]
    latin = tmp_path / "latin.csv"
    latin.write_text(text, encoding="latin-1")
    (problem,) = failure(latin)
    assert problem.code == "encoding"
    assert problem.message("id") == (
        "berkas CSV bukan UTF-8; simpan ulang sebagai 'CSV UTF-8' (byte 42)"
    )


def test_missing_sheet(tmp_path):
    path = write_xlsx(tmp_path, "b.xlsx", {"Data": [["tahun"]]})
    (problem,) = failure(path, lambda p: load(p, sheet="Hasil"))
    assert problem.message("id").startswith("berkas XLSX tidak dapat dibaca: ")


def damaged_copy(whole: Path, path: Path, part: str, data: bytes | None) -> Path:
    """A copy of a workbook with one part replaced by `data` (None: left out)."""
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            if name != part:
                target.writestr(name, source.read(name))
            elif data is not None:
                target.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("xl/workbook.xml", None),  # a zip, but not all of a workbook
        ("xl/worksheets/sheet1.xml", b"<row"),  # broken XML inside
    ],
)
def test_a_damaged_workbook_is_reported_not_raised(tmp_path, part, data):
    whole = write_xlsx(tmp_path, "whole.xlsx", {"Data": [["tahun"], [2023]]})
    path = damaged_copy(whole, tmp_path / "rusak.xlsx", part, data)
    (problem,) = failure(path)
    assert problem.code == "xlsx_unreadable"
    assert failure(write(tmp_path, "teks.xlsx", "bukan zip"))[0].code == "xlsx_unreadable"


def test_unsupported_format_and_empty_file(tmp_path):
    assert failure(write(tmp_path, "a.json", "{}"))[0].code == "format"
    assert failure(write(tmp_path, "a.csv", "\n\n"))[0].code == "no_rows"
    assert failure(write(tmp_path, "b.csv", f"{HEADER}\n"))[0].code == "no_rows"
