"""The self-assessment's storage, evidence checks and access rules: answers saved as they come
with their history, a unit's change clearing its review, files refused by type, content and
size and kept under their SHA-256, links http(s) only, and each account's scope."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures import HOSTILE

from scoring import store
from scoring.accounts import Account
from scoring.selfassess import evidence, records
from scoring.selfassess.access import NOTHING, scope_of
from scoring.selfassess.compare import locus_keys
from scoring.selfassess.records import Member, Place

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PLACE = Place("19.01", 2024, "disdukcapil", "standar_pelayanan", 9)


@pytest.fixture
def engine(tmp_path) -> sa.Engine:
    eng = sa.create_engine(f"sqlite:///{tmp_path / 'self.sqlite'}")
    store.create_schema(eng)
    yield eng
    eng.dispose()


def test_answers_save_one_by_one_with_their_history(engine: sa.Engine) -> None:
    records.set_score(engine, PLACE, 2, by="dukcapil")
    records.set_note(engine, PLACE, HOSTILE, by="dukcapil")
    records.set_score(engine, PLACE, 3, by="dukcapil")
    rows = records.answers(engine, "19.01", 2024, "disdukcapil")
    assert len(rows) == 1
    assert rows.loc[0, ["score", "note", "changed_by"]].tolist() == [3, HOSTILE, "dukcapil"]
    log = records.history(engine, "19.01", 2024, "disdukcapil")
    assert log["action"].tolist() == ["answer", "note", "answer"]
    assert log["detail"].tolist() == ["3", HOSTILE, "2"]
    with pytest.raises(ValueError):
        records.set_score(engine, PLACE, 4, by="dukcapil")
    assert records.answers(engine, "19.01", 2024)["score"].tolist() == [3]


def test_a_review_stands_until_the_unit_changes_the_answer(engine: sa.Engine) -> None:
    records.set_score(engine, PLACE, 3, by="dukcapil")
    records.review(engine, PLACE, "returned", "Maklumat belum ditandatangani", by="verif")
    row = records.answers(engine, "19.01", 2024).iloc[0]
    assert (row["review"], row["review_comment"], row["reviewed_by"]) == (
        "returned",
        "Maklumat belum ditandatangani",
        "verif",
    )
    records.set_link(engine, PLACE, "https://dukcapil.bangka.go.id/maklumat", by="dukcapil")
    row = records.answers(engine, "19.01", 2024).iloc[0]
    assert row["review"] is None and row["link"].startswith("https://")
    with pytest.raises(ValueError):
        records.review(engine, PLACE, "maybe", "", by="verif")  # type: ignore[arg-type]


def test_members_and_visit_dates(engine: sa.Engine) -> None:
    records.assign(engine, "dukcapil", "19.01", "disdukcapil", by="admin")
    records.assign(engine, "dukcapil", "19.01", "dinas_sosial", by="admin")  # replaces
    assert records.member(engine, "dukcapil") == Member("dukcapil", "19.01", "dinas_sosial")
    assert records.member(engine, "nobody") is None
    records.set_visit(engine, "19.01", 2024, date(2024, 7, 1), by="koord")
    records.set_visit(engine, "19.01", 2024, date(2024, 7, 15), by="koord")
    assert records.visit(engine, "19.01", 2024) == date(2024, 7, 15)
    assert records.visit(engine, "19.02", 2024) is None


def test_files_are_checked_and_kept_under_their_hash(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(evidence.EVIDENCE_DIR_ENV, str(tmp_path / "bukti"))
    kept = evidence.store_file("../../SK <Tim> & co.pdf", PDF)
    assert kept.name == "SK _Tim_ _ co.pdf"
    assert (tmp_path / "bukti" / kept.sha256).read_bytes() == PDF
    assert evidence.read_file(kept.sha256) == PDF
    refused = {
        "type": ("virus.exe", b"MZ\x90\x00"),
        "content": ("renamed.pdf", b"MZ\x90\x00"),
        "empty": ("kosong.pdf", b""),
        "size": ("besar.pdf", b"%PDF-" + b"0" * evidence.MAX_BYTES),
    }
    for code, (name, content) in refused.items():
        with pytest.raises(evidence.EvidenceRefused) as caught:
            evidence.store_file(name, content)
        assert caught.value.code == code
    with pytest.raises(evidence.EvidenceRefused):
        evidence.read_file("../../etc/passwd")
    assert sorted(p.name for p in (tmp_path / "bukti").iterdir()) == [kept.sha256]


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://x.go.id/a", "https://", "https://a b.go.id", HOSTILE]
)
def test_only_http_links_with_a_host(link: str) -> None:
    with pytest.raises(evidence.EvidenceRefused):
        evidence.checked_link(link)


def test_links_kept_as_given() -> None:
    assert evidence.checked_link("  https://x.go.id/sk?a=1 ") == "https://x.go.id/sk?a=1"
    assert evidence.checked_link("") is None


def test_scopes() -> None:
    unit = scope_of(Account("a", "unit"), Member("a", "19.01", "disdukcapil"))
    assert unit.may_open("19.01", "disdukcapil") and unit.edit and not unit.review
    assert not unit.may_open("19.01", "dinas_sosial") and not unit.may_open("19.02", "disdukcapil")
    assert not unit.may_open("19.01") and not unit.coordinate  # not the whole government
    verifier = scope_of(Account("v", "verifier"), Member("v", "19.01", None))
    assert verifier.review and verifier.coordinate and not verifier.edit
    assert verifier.may_open("19.01", "dinas_sosial") and not verifier.may_open("19.02")
    coordinator = scope_of(Account("k", "reader"), Member("k", "19.01", None))
    assert coordinator.coordinate and not coordinator.review and not coordinator.edit
    admin = scope_of(Account("r", "admin"), None)
    assert admin.may_open("73.71", "dpmptsp") and admin.edit and admin.review
    assert scope_of(None, Member("a", "19.01", "disdukcapil")) == NOTHING
    assert scope_of(Account("x", "reader"), None) == NOTHING
    assert scope_of(Account("x", "reader"), Member("x", "19.01", "disdukcapil")) == NOTHING
    assert scope_of(Account("x", "unit"), Member("x", "19.01", None)) == NOTHING
    assert not NOTHING.may_open("19.01", "disdukcapil")


def test_real_units_match_checklist_loci_by_type_and_name_order() -> None:
    real = pd.DataFrame(
        {
            "opd": ["UPT Puskesmas Batua", "Disdukcapil Kota Makassar", "UPT Puskesmas Antang"],
            "unit_type": ["puskesmas", "disdukcapil", "puskesmas"],
        }
    )
    assert locus_keys(real).tolist() == ["puskesmas-2", "disdukcapil", "puskesmas-1"]


def test_a_note_too_long_is_refused_whole_not_cut(engine: sa.Engine) -> None:
    with pytest.raises(ValueError):
        records.set_note(engine, PLACE, "x" * (records.NOTE_MAX + 1), by="dukcapil")
    assert records.answers(engine, "19.01", 2024).empty
    assert records.history(engine, "19.01", 2024, "disdukcapil").empty


def test_a_database_fault_is_a_store_error(tmp_path) -> None:
    bare = sa.create_engine(f"sqlite:///{tmp_path / 'no-schema.sqlite'}")  # no tables at all
    with pytest.raises(store.StoreError):
        records.set_score(bare, PLACE, 2, by="dukcapil")
    with pytest.raises(store.StoreError):
        records.answers(bare, "19.01", 2024)
