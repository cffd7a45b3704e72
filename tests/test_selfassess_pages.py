"""The self-assessment pages through AppTest on the fixture dataset: a unit user answers and
sees its estimate move, cannot open another unit (by URL either), a verifier returns an
indicator and the unit sees it with the comment shown as text, the coordinator sees the matrix
and both exports, and an account without an assignment sees nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fixtures import HOSTILE, build_fixture_database, open_page
from streamlit.testing.v1 import AppTest

from scoring import accounts, store
from scoring.i18n import t
from scoring.selfassess import records
from scoring.selfassess.instrument import instrument_for
from shell import registry

PASSWORD = "kata-sandi-panjang"
CODE = "73.71"  # Kota Makassar in the fixture
YEAR = 2024
ITEM = "standar_pelayanan.9"


@pytest.fixture
def database(tmp_path, monkeypatch, gazetteer) -> str:
    url = f"sqlite:///{tmp_path / 'mandiri.sqlite'}"
    engine = store.engine(url)
    build_fixture_database(engine)
    for name, role in (
        ("dukcapil", "unit"),
        ("dinsos", "unit"),
        ("verif", "verifier"),
        ("orgs", "reader"),
        ("lain", "reader"),
    ):
        accounts.add_user(engine, name, role, PASSWORD, by="test")
    records.assign(engine, "dukcapil", CODE, "disdukcapil", by="test")
    records.assign(engine, "dinsos", CODE, "dinas_sosial", by="test")
    records.assign(engine, "verif", CODE, None, by="test")
    records.assign(engine, "orgs", CODE, None, by="test")
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    monkeypatch.setenv("KEPATUHAN_EVIDENCE_DIR", str(tmp_path / "bukti"))
    return url


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def signed_in(name: str, page: str, **params: str) -> AppTest:
    app = open_page("akun", **params)
    app.text_input(key="auth:name").input(name)
    app.text_input(key="auth:password").input(PASSWORD)
    lang = "en" if params.get("lang") == "en" else "id"
    next(b for b in app.button if b.label == t("auth.sign_in", lang)).click()
    run(app)
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(registry.script(page))
    return run(app)


def widget_key(kind: str, unit: str, item: str = ITEM) -> str:
    return f"sa:{kind}:{CODE}:{YEAR}:{unit}:{item}"


def pick_item(app: AppTest, unit: str, item: str = ITEM) -> AppTest:
    app.selectbox(key=f"sa:item:{unit}").set_value(item)
    return run(app)


def checklist_radios(app: AppTest) -> list:
    return [r for r in app.radio if r.key and r.key.startswith("sa:")]


def metric(app: AppTest, label_key: str) -> str:
    return next(m.value for m in app.metric if m.label == t(label_key))


def test_a_unit_answers_and_its_estimate_moves(database) -> None:
    app = signed_in("dukcapil", "mandiri")
    assert t("page.mandiri") in [x.value for x in app.title]
    assert any("Disdukcapil Kota Makassar" in m.value for m in app.markdown)
    assert not [s for s in app.selectbox if s.key and s.key.startswith("sa:unit")]  # no picker
    assert t("selfassess.paraphrase") in [w.value for w in app.warning]
    before = metric(app, "selfassess.unit_estimate")
    pick_item(app, "disdukcapil")
    app.radio(key=widget_key("score", "disdukcapil")).set_value(3)
    run(app)
    app.text_area(key=widget_key("note", "disdukcapil")).input(HOSTILE)
    run(app)
    after = metric(app, "selfassess.unit_estimate")
    assert before == "0,00" and after != before
    stored = records.answers(store.engine(database), CODE, YEAR, "disdukcapil")
    assert stored[["variable", "indicator", "score", "note"]].values.tolist() == [
        ["standar_pelayanan", 9, 3, HOSTILE]
    ]
    assert not any("<img" in m.value for m in app.markdown)


def test_another_unit_cannot_be_opened_by_url(database) -> None:
    records.set_note(
        store.engine(database),
        records.Place(CODE, YEAR, "disdukcapil", "standar_pelayanan", 9),
        "rahasia dukcapil",
        by="dukcapil",
    )
    app = signed_in("dinsos", "mandiri", unit=f"{CODE}/disdukcapil")
    assert [e.value for e in app.error] == [t("selfassess.forbidden")]
    assert not app.dataframe and not checklist_radios(app)
    own = signed_in("dinsos", "mandiri")
    assert any("Dinas Sosial Kota Makassar" in m.value for m in own.markdown)
    shown = " ".join(str(d.value.to_dict()) for d in own.dataframe)
    assert "rahasia dukcapil" not in shown


def test_a_verifier_returns_and_the_unit_sees_it(database) -> None:
    engine = store.engine(database)
    place = records.Place(CODE, YEAR, "disdukcapil", "standar_pelayanan", 9)
    records.set_score(engine, place, 3, by="dukcapil")
    app = signed_in("verif", "mandiri", unit=f"{CODE}/disdukcapil")
    pick_item(app, "disdukcapil")
    assert app.radio(key=widget_key("score", "disdukcapil")).disabled  # not the unit's answer
    app.text_input(key=widget_key("comment", "disdukcapil")).input(HOSTILE)
    run(app)
    next(b for b in app.button if b.label == t("selfassess.return")).click()
    run(app)
    assert records.answers(engine, CODE, YEAR)["review"].tolist() == ["returned"]
    unit = signed_in("dukcapil", "mandiri")
    assert t("selfassess.returned_title", count=1) in [e.value for e in unit.error]
    returned = [m.value for m in unit.markdown if "PR9" in m.value]
    assert returned and all("<img" not in m for m in returned)
    assert any("&lt;img" in m for m in returned)


def test_the_coordinator_sees_the_matrix_and_both_exports(database) -> None:
    engine = store.engine(database)
    records.set_score(
        engine, records.Place(CODE, YEAR, "disdukcapil", "standar_pelayanan", 9), 2, by="x"
    )
    app = signed_in("orgs", "koordinator")
    matrix = next(d.value for d in app.dataframe if "PR9" in d.value.columns)
    assert len(matrix) == 7  # the seven loci of a kota
    row = matrix[matrix[t("selfassess.col.unit")] == "Disdukcapil Kota Makassar"].iloc[0]
    assert row["PR9"] == "●" and row["PR1"] == "○"
    labels = [b.label for b in app.get("download_button")]
    assert labels == [t("selfassess.coord.xlsx"), t("selfassess.coord.pdf")]
    assert t("selfassess.visit.none") in [i.value for i in app.info]


def test_a_unit_account_is_not_a_coordinator(database) -> None:
    app = signed_in("dukcapil", "koordinator")
    assert t("selfassess.coord.no_scope") in [i.value for i in app.info]
    assert not app.dataframe and not app.get("download_button")


def test_an_unassigned_account_sees_nothing(database) -> None:
    app = signed_in("lain", "mandiri")
    assert t("selfassess.no_scope") in [i.value for i in app.info]
    assert not app.dataframe and not checklist_radios(app)


# --- after the visit: the profile shows the self-estimate beside the result -----------------

RESULT_YEAR = 2023  # the fixture's units, dimensions and indicators of Kota Makassar


def answer_everything(engine, unit: str, score: int) -> None:
    for item in instrument_for(RESULT_YEAR).indicators:
        place = records.Place(CODE, RESULT_YEAR, unit, item.variable, item.number)
        records.set_score(engine, place, score, by="test")


def beside_frames(app: AppTest) -> list:
    return [d.value for d in app.dataframe if t("selfassess.col.optimistic") in d.value.columns]


def test_the_profile_shows_the_estimate_beside_the_result_to_the_pemda_only(database) -> None:
    engine = store.engine(database)
    answer_everything(engine, "disdukcapil", 3)  # 100 everywhere: too optimistic
    answer_everything(engine, "dinas_sosial", 2)
    params = {"region": CODE, "year": str(RESULT_YEAR), "dataset": "contoh"}

    assert not beside_frames(run(open_page("profil", **params)))  # logged out: nothing

    shown = beside_frames(signed_in("orgs", "profil", **params))
    assert len(shown) == 1
    frame = shown[0]
    unit_rows = frame[frame[t("selfassess.col.part")] == t("selfassess.after.unit_score")]
    dukcapil = unit_rows[unit_rows[t("selfassess.col.unit")] == "Disdukcapil Kota Makassar"]
    assert dukcapil[t("selfassess.col.estimate")].tolist() == [100.0]
    assert dukcapil[t("selfassess.col.result")].tolist() == [90.27]  # the fixture's score
    assert dukcapil[t("selfassess.col.optimistic")].tolist() == [t("selfassess.after.too_high")]
    assert len(frame) == 2 * 5  # two units answered: unit score and four dimensions each

    own = beside_frames(signed_in("dinsos", "profil", **params))[0]
    assert set(own[t("selfassess.col.unit")]) == {"Dinas Sosial Kota Makassar"}
    assert not beside_frames(signed_in("lain", "profil", **params))


def test_a_link_that_is_not_http_is_refused_and_not_stored(database) -> None:
    app = signed_in("dukcapil", "mandiri")
    pick_item(app, "disdukcapil")
    app.text_input(key=widget_key("link", "disdukcapil")).input("javascript:alert(1)")
    run(app)
    assert [e.value for e in app.error] == [
        t("selfassess.refused.link", link="javascript\\:alert\\(1\\)")
    ]
    assert records.answers(store.engine(database), CODE, YEAR).empty


def test_the_coordinator_sets_the_visit_date_and_sees_the_countdown(database) -> None:
    app = signed_in("orgs", "koordinator")
    app.date_input(key=f"sa:visit:{CODE}").set_value(date.today() + timedelta(days=12))
    next(b for b in app.button if b.label == t("selfassess.coord.visit_save")).click()
    run(app)
    day = (date.today() + timedelta(days=12)).strftime("%d-%m-%Y")
    assert t("selfassess.visit.in_days", days=12, date=day) in [i.value for i in app.info]
    assert records.visit(store.engine(database), CODE, YEAR) == date.today() + timedelta(days=12)


def test_an_admin_assigns_an_account_to_a_unit(database) -> None:
    engine = store.engine(database)
    accounts.add_user(engine, "boss", "admin", PASSWORD, by="test")
    accounts.add_user(engine, "baru", "unit", PASSWORD, by="test")
    app = signed_in("boss", "koordinator")
    app.selectbox(key="sa:assign:name").set_value("baru")
    run(app)
    app.selectbox(key="sa:assign:pemda").set_value(CODE)
    run(app)
    app.selectbox(key="sa:assign:unit").set_value("puskesmas-2")
    run(app)
    next(b for b in app.button if b.label == t("selfassess.coord.assign")).click()
    run(app)
    assert records.member(engine, "baru") == records.Member("baru", CODE, "puskesmas-2")
    unit = signed_in("baru", "mandiri")
    assert any("UPT Puskesmas Makassar 2" in m.value for m in unit.markdown)


def test_the_checklist_speaks_english(database) -> None:
    app = signed_in("dukcapil", "mandiri", lang="en")
    assert t("page.mandiri", "en") in [x.value for x in app.title]
    assert t("selfassess.paraphrase", "en") in [w.value for w in app.warning]
    assert (
        app.radio(key=widget_key("score", "disdukcapil", "kompetensi_pelaksana.1"))
        .options[0]
        .startswith("0 — No officer")
    )
