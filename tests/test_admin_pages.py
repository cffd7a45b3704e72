"""The admin area through AppTest on the fixture dataset: signing in, the staff pages unreachable
logged out, in kiosk mode and by role, each staff page checking the account itself, an upload
with an unknown header mapped and remembered, its diff, the import as a version and the new
figure on Peringkat, a rollback, user management, hostile text escaped."""

from datetime import UTC, datetime, timedelta

import fixtures
import pandas as pd
import pytest
from fixtures import build_fixture_database, open_page
from streamlit.testing.v1 import AppTest

from scoring import accounts, mappings, store
from scoring.choices import DATASET_PUBLISHED
from scoring.frames import RESULT_COLUMNS
from scoring.i18n import t
from shell import auth, registry

PASSWORD = "kata-sandi-panjang"
ORGANISATION = "Ombudsman RI"
STAFF = tuple(spec.key for spec in registry.PAGES if spec.audience == "staff")
UNKNOWN_HEADER = "Skor Akhir Penilaian"
BANTAEMG_NEW = 90.0


@pytest.fixture
def database(tmp_path, monkeypatch, gazetteer) -> str:
    """The fixture dataset with an admin (budi) and a reader (ani); the app reads it."""
    url = f"sqlite:///{tmp_path / 'admin.sqlite'}"
    engine = store.engine(url)
    build_fixture_database(engine)
    accounts.add_user(engine, "budi", "admin", PASSWORD, organisation=ORGANISATION, by="test")
    accounts.add_user(engine, "ani", "reader", PASSWORD, by="test")
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    return url


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def sign_in(name: str = "budi", password: str = PASSWORD) -> AppTest:
    app = open_page("akun")
    app.text_input(key="auth:name").input(name)
    app.text_input(key="auth:password").input(password)
    button(app, t("auth.sign_in")).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def go(app: AppTest, page: str) -> AppTest:
    app.switch_page(registry.script(page))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def titles(app: AppTest) -> list[str]:
    return [title.value for title in app.title]


def rendered_text(app: AppTest) -> list[str]:
    """What Streamlit renders as Markdown: texts, captions, alerts and widget labels."""
    texts = [m.value for m in (*app.markdown, *app.caption, *app.error, *app.warning, *app.info)]
    texts += [s.value for s in app.success]
    return texts + [w.label for w in (*app.selectbox, *app.text_input, *app.checkbox)]


@pytest.mark.parametrize("page", STAFF)
def test_staff_pages_are_unreachable_logged_out(database, page):
    app = open_page(page)
    assert t(f"page.{page}") not in titles(app)
    assert not app.get("file_uploader")
    with pytest.raises(ValueError, match="navigation page"):
        app.switch_page(registry.script(page))


@pytest.mark.parametrize("page", STAFF)
def test_staff_pages_are_unreachable_in_kiosk_mode_even_signed_in(database, page):
    app = sign_in()
    app.query_params["kiosk"] = "1"
    app.run()
    with pytest.raises(ValueError, match="navigation page"):
        app.switch_page(registry.script(page))
    assert t(f"page.{page}") not in titles(app)


@pytest.mark.parametrize("page", STAFF)
def test_each_staff_page_checks_the_account_itself(database, page, monkeypatch):
    """With a navigation that served every page to everyone, the page still refuses."""
    monkeypatch.setattr(registry, "visible", lambda **_: registry.PAGES)
    app = open_page(page)
    assert t("auth.need_login") in [w.value for w in app.warning]
    assert not app.get("file_uploader") and not app.dataframe


def test_signing_in_opens_the_staff_pages_and_names_the_account(database):
    app = sign_in()
    assert any("budi" in c.value for c in app.sidebar.caption)
    for page in STAFF:
        assert t(f"page.{page}") in titles(go(app, page))


def test_a_wrong_password_is_refused_and_opens_nothing(database):
    app = sign_in(password="salah-sekali")
    assert t("auth.refused") in [e.value for e in app.error]
    with pytest.raises(ValueError, match="navigation page"):
        app.switch_page(registry.script("impor"))


def test_a_reader_sees_the_history_but_not_the_import(database):
    app = sign_in("ani")
    assert [e.value for e in go(app, "impor").error] == [t("auth.forbidden", roles=t("role.admin"))]
    assert not app.get("file_uploader")
    history = go(app, "riwayat")
    assert t("admin.riwayat.admin_only") in [c.value for c in history.caption]
    assert not [b for b in history.button if b.label == t("admin.riwayat.rollback")]


def test_an_idle_session_ends(database):
    app = sign_in()
    app.session_state["auth:seen"] = datetime.now(UTC) - timedelta(hours=9)
    app.run()
    assert t("auth.expired") in [i.value for i in app.info]
    with pytest.raises(ValueError, match="navigation page"):
        app.switch_page(registry.script("impor"))


def test_signing_out_closes_the_staff_pages(database):
    app = sign_in()
    button(app, t("auth.sign_out")).click().run()
    with pytest.raises(ValueError, match="navigation page"):
        app.switch_page(registry.script("impor"))


def test_without_any_account_the_page_says_how_to_make_the_first(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    build_fixture_database(store.engine(url))
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    app = open_page("akun")
    assert t("auth.no_users") in [w.value for w in app.warning]
    assert "python -m scoring user add" in app.code[0].value
    assert not [box for box in app.text_input if box.key == "auth:password"]


def upload_csv(notes: str = "") -> bytes:
    """The fixture's 2023 results with Bantaeng at 90.00, a header the importer does not know
    for the score, and a hostile header that is ignored."""
    rows = fixtures.raw_results()[lambda f: f["year"] == 2023].copy()
    rows.loc[rows["entity"] == "Kabupaten Bantaeng", "score"] = BANTAEMG_NEW
    rows.loc[rows["entity"] == "Kabupaten Bone", "notes"] = notes
    rows = rows[[c for c in RESULT_COLUMNS if c != "source_row"]]
    rows = rows.rename(columns={"score": UNKNOWN_HEADER}).assign(**{fixtures.HOSTILE: "x"})
    return rows.to_csv(index=False).encode()


def upload(app: AppTest, content: bytes, name: str = "hasil-2023.csv") -> AppTest:
    go(app, "impor")
    app.get("file_uploader")[0].set_value((name, content, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def mapping(app: AppTest, header: str):
    label = t("admin.impor.map_label", header=header)
    return next(s for s in app.selectbox if s.label == label)


def test_an_upload_is_mapped_checked_diffed_imported_and_shown_on_peringkat(database):
    app = upload(sign_in(), upload_csv(notes=fixtures.HOSTILE))
    mapping(app, UNKNOWN_HEADER).set_value("score").run()
    button(app, t("admin.impor.check")).click().run()
    assert t("admin.impor.no_problems", rows=12) in [s.value for s in app.success]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {
        t("admin.diff.added"): "0",
        t("admin.diff.changed"): "2",
        t("admin.diff.removed"): "0",
        t("admin.diff.unchanged"): "10",
    }
    changed = next(d.value for d in app.dataframe if t("admin.col.old") in d.value.columns)
    assert {"75,50", "90,00", fixtures.HOSTILE} <= set(changed[t("admin.col.old")]) | set(
        changed[t("admin.col.new")]
    )
    zones = next(d.value for d in app.dataframe if t("admin.col.zone_old") in d.value.columns)
    assert zones[t("admin.col.name")].tolist() == ["Kabupaten Bantaeng"]
    assert not any(fixtures.HOSTILE in text for text in rendered_text(app))

    app.checkbox[0].check().run()
    button(app, t("admin.impor.confirm")).click().run()
    engine = store.engine(database)
    newest = store.versions(engine).iloc[0]
    assert (newest["user"], newest["file_name"], newest["slices"]) == (
        "budi",
        "hasil-2023.csv",
        "results:2023",
    )
    assert t("admin.impor.done", version=newest["id"]) in [s.value for s in app.success]
    stored = store.read(engine, "results", DATASET_PUBLISHED, year=2023, code="73.03")
    assert stored["score"].tolist() == [BANTAEMG_NEW]
    assert store.read(engine, "results", DATASET_PUBLISHED, year=2022)["score"].notna().sum() == 11
    assert mappings.remembered(engine, ORGANISATION, "results") == {"skor akhir penilaian": "score"}

    ranking = go(app, "peringkat")
    shown = ranking.dataframe[0].value
    shown = shown.data if hasattr(shown, "data") else shown
    assert "90,00" in shown.astype(str).to_string() or "90.0" in shown.astype(str).to_string()


def test_a_remembered_mapping_maps_the_next_upload_by_itself(database):
    engine = store.engine(database)
    mappings.remember(engine, ORGANISATION, "results", {UNKNOWN_HEADER: "score"}, user="budi")
    app = upload(sign_in(), upload_csv())
    assert mapping(app, UNKNOWN_HEADER).value == "score"


def test_a_file_with_errors_lists_each_with_row_and_column_and_stores_nothing(database):
    content = upload_csv().replace(b"92.5", b"sembilan")
    app = upload(sign_in(), content, name="rusak.csv")
    mapping(app, UNKNOWN_HEADER).set_value("score").run()
    before = store.versions(store.engine(database))
    button(app, t("admin.impor.check")).click().run()
    assert t("admin.impor.errors") in [e.value for e in app.error]
    problems = app.dataframe[0].value
    hit = problems[problems[t("admin.col.value")] == "sembilan"]
    assert hit[[t("admin.col.file"), t("admin.col.column")]].values.tolist() == [
        ["rusak.csv", UNKNOWN_HEADER]
    ]
    assert hit[t("admin.col.row")].notna().all()
    assert not [b for b in app.button if b.label == t("admin.impor.confirm")]
    assert len(store.versions(store.engine(database))) == len(before)


def test_an_unplaced_name_is_a_problem_with_suggestions(database):
    content = upload_csv().replace(b"Kabupaten Pinrang", b"Kabupaten Pinrangg")
    app = upload(sign_in(), content)
    mapping(app, UNKNOWN_HEADER).set_value("score").run()
    button(app, t("admin.impor.check")).click().run()
    problems = app.dataframe[0].value
    hit = problems[problems[t("admin.col.value")] == "Kabupaten Pinrangg"]
    assert "Kabupaten Pinrang" in hit[t("admin.col.suggestions")].iloc[0]


def test_rollback_restores_the_old_figures_as_a_new_version(database):
    engine = store.engine(database)
    first = int(store.versions(engine).query("dataset == @DATASET_PUBLISHED")["id"].max())
    changed = fixtures.results()[lambda f: f["year"] == 2023].copy()
    changed.loc[changed["code"] == "73.03", "score"] = BANTAEMG_NEW
    store.replace(engine, DATASET_PUBLISHED, {"results": changed}, user="budi")
    app = go(sign_in(), "riwayat")
    app.selectbox(key="riwayat.pick").set_value(first).run()
    button(app, t("admin.riwayat.rollback")).click().run()
    assert t("admin.riwayat.confirm_text", version=first) in [w.value for w in app.warning]
    button(app, t("admin.riwayat.confirm")).click().run()
    newest = store.versions(engine).iloc[0]
    assert (newest["rolled_back_to"], newest["user"]) == (first, "budi")
    stored = store.read(engine, "results", DATASET_PUBLISHED, year=2023, code="73.03")
    assert stored["score"].tolist() == [75.5]
    success = t("admin.riwayat.done", target=first, version=newest["id"])
    assert success in [s.value for s in app.success]


def test_cancel_leaves_the_data_alone(database):
    engine = store.engine(database)
    before = len(store.versions(engine))
    app = go(sign_in(), "riwayat")
    button(app, t("admin.riwayat.rollback")).click().run()
    button(app, t("admin.riwayat.cancel")).click().run()
    assert len(store.versions(engine)) == before
    assert [b for b in app.button if b.label == t("admin.riwayat.rollback")]


def test_an_admin_adds_and_disables_an_account(database):
    engine = store.engine(database)
    app = go(sign_in(), "pengguna")
    app.text_input(key="pengguna.name").input("citra")
    app.selectbox(key="pengguna.role").set_value("verifier")
    app.text_input(key="pengguna.password").input(PASSWORD)
    app.text_input(key="pengguna.again").input(PASSWORD)
    button(app, t("admin.pengguna.add")).click().run()
    users = accounts.list_users(engine).set_index("name")
    assert users.loc["citra", ["role", "created_by"]].tolist() == ["verifier", "budi"]
    app.selectbox(key="pengguna.who").set_value("citra").run()
    button(app, t("admin.pengguna.disable")).click().run()
    assert accounts.active_account(engine, "citra") is None
    assert accounts.list_users(engine).set_index("name").loc["citra", "changed_by"] == "budi"


def test_a_hostile_account_name_is_refused_and_shown_escaped(database):
    app = go(sign_in(), "pengguna")
    app.text_input(key="pengguna.name").input(fixtures.HOSTILE)
    app.text_input(key="pengguna.password").input(PASSWORD)
    app.text_input(key="pengguna.again").input(PASSWORD)
    button(app, t("admin.pengguna.add")).click().run()
    assert app.error and not any(fixtures.HOSTILE in text for text in rendered_text(app))
    assert fixtures.HOSTILE not in accounts.list_users(store.engine(database))["name"].tolist()


def test_the_history_lists_every_version_with_its_user(database):
    app = go(sign_in(), "riwayat")
    listed = app.dataframe[0].value
    versions = store.versions(store.engine(database))
    assert listed[t("admin.col.id")].tolist() == versions["id"].tolist()
    assert set(listed[t("admin.col.user")]) == set(versions["user"])
    assert pd.notna(listed[t("admin.col.slices")]).all()


def test_a_unit_file_is_imported_as_units_of_its_year_only(database):
    engine = store.engine(database)
    units = fixtures.units().drop(columns=["code", "source_row"])
    units.loc[units["opd"] == "Dinas Sosial Kota Makassar", "score"] = 80.0
    app = upload(sign_in(), units.to_csv(index=False).encode(), name="unit-2023.csv")
    assert t("admin.kind.units") in " ".join(m.value for m in app.markdown)
    button(app, t("admin.impor.check")).click().run()
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics[t("admin.diff.changed")], metrics[t("admin.diff.unchanged")]) == ("1", "6")
    results_before = store.read(engine, "results", DATASET_PUBLISHED)
    app.checkbox[0].check().run()
    button(app, t("admin.impor.confirm")).click().run()
    assert store.versions(engine).iloc[0]["slices"] == "units:2023"
    stored = store.read(engine, "units", DATASET_PUBLISHED).set_index("opd")
    assert stored.loc["Dinas Sosial Kota Makassar", "score"] == 80.0
    assert (stored["code"] == fixtures.UNIT_CODE).all()
    pd.testing.assert_frame_equal(store.read(engine, "results", DATASET_PUBLISHED), results_before)


def test_the_staff_pages_speak_english(database):
    app = sign_in()
    app.query_params["lang"] = "en"
    for page in STAFF:
        assert t(f"page.{page}", "en") in titles(go(app, page))


def test_with_an_identity_provider_the_form_offers_it_and_no_password(database):
    app = AppTest.from_file(str(fixtures.ROOT / "app.py"), default_timeout=120)
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    app.switch_page(registry.script("akun"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert [b.label for b in app.button] == [t("auth.provider_login")]
    assert not [box for box in app.text_input if box.key == "auth:password"]


@pytest.mark.parametrize(("identity", "opens"), [("sso@ombudsman.go.id", True), ("x@y.id", False)])
def test_a_provider_identity_takes_the_role_of_its_account(database, monkeypatch, identity, opens):
    """The provider's sign-in itself is Streamlit's; what the app does with the identity is
    checked here: the account of that name gives the role, no account opens nothing."""
    accounts.add_user(store.engine(database), "sso@ombudsman.go.id", "reader", None, by="budi")
    monkeypatch.setattr(auth, "_provider_name", lambda: identity)
    app = AppTest.from_file(str(fixtures.ROOT / "app.py"), default_timeout=120)
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    app.switch_page(registry.script("akun"))
    app.run()
    if opens:
        assert t("page.riwayat") in titles(go(app, "riwayat"))
    else:
        assert t("auth.no_account") in [i.value for i in app.info]
        with pytest.raises(ValueError, match="navigation page"):
            app.switch_page(registry.script("riwayat"))


def test_a_database_fault_on_confirm_is_one_escaped_line_and_stores_nothing(database, monkeypatch):
    app = upload(sign_in(), upload_csv())
    mapping(app, UNKNOWN_HEADER).set_value("score").run()
    button(app, t("admin.impor.check")).click().run()
    app.checkbox[0].check().run()
    before = len(store.versions(store.engine(database)))

    def locked(*_, **__):
        raise store.StoreError("locked", url=database, detail=fixtures.HOSTILE)

    monkeypatch.setattr(store, "replace", locked)
    button(app, t("admin.impor.confirm")).click().run()
    assert len(app.error) == 1
    assert "\\<img" in app.error[0].value or "&lt;img" in app.error[0].value
    assert not any(fixtures.HOSTILE in text for text in rendered_text(app))
    assert len(store.versions(store.engine(database))) == before


def test_an_xlsx_with_title_rows_is_read_from_its_header_row(database, tmp_path):
    from openpyxl import Workbook

    rows = fixtures.raw_results()[lambda f: f["year"] == 2023]
    rows = rows[[c for c in RESULT_COLUMNS if c != "source_row"]]
    book = Workbook()
    sheet = book.active
    sheet.append(["Hasil Penilaian Kepatuhan 2023"])
    sheet.append([])
    sheet.append(list(rows.columns))
    for record in rows.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in record])
    path = tmp_path / "hasil.xlsx"
    book.save(path)
    app = upload(sign_in(), path.read_bytes(), name="hasil.xlsx")
    count = len(rows.columns)
    detected = t(
        "admin.impor.detected",
        file="hasil\\.xlsx",
        kind=t("admin.kind.results"),
        row=3,
        count=count,
    )
    assert detected in [m.value for m in app.markdown]
    button(app, t("admin.impor.check")).click().run()
    assert t("admin.impor.no_problems", rows=12) in [s.value for s in app.success]


def unnamed_csv() -> bytes:
    """The 2023 results with the government column headed in a way nobody knows."""
    rows = fixtures.raw_results()[lambda f: f["year"] == 2023]
    rows = rows[[c for c in RESULT_COLUMNS if c != "source_row"]]
    return rows.rename(columns={"entity": "Satuan Kerja Penilaian"}).to_csv(index=False).encode()


def test_a_file_of_unknown_kind_is_chosen_then_mapped(database):
    app = upload(sign_in(), unnamed_csv())
    assert t("admin.impor.kind_unknown") in [i.value for i in app.info]
    app.selectbox(key="impor.kind_choice").set_value("results").run()
    mapping(app, "Satuan Kerja Penilaian").set_value("entity").run()
    button(app, t("admin.impor.check")).click().run()
    assert t("admin.impor.no_problems", rows=12) in [s.value for s in app.success]
    assert {m.label: m.value for m in app.metric}[t("admin.diff.unchanged")] == "12"


def test_a_remembered_mapping_tells_the_kind_of_the_next_file(database):
    engine = store.engine(database)
    mappings.remember(
        engine, ORGANISATION, "results", {"Satuan Kerja Penilaian": "entity"}, user="budi"
    )
    app = upload(sign_in(), unnamed_csv())
    assert t("admin.impor.kind_unknown") in [i.value for i in app.info]  # not by the headers
    assert mapping(app, "Satuan Kerja Penilaian").value == "entity"  # but by the memory
    button(app, t("admin.impor.check")).click().run()
    assert t("admin.impor.no_problems", rows=12) in [s.value for s in app.success]
