"""The rapor cards on top of a profile, checked on the fixture's Kota Makassar 2023 (seven units,
worked out by hand in tests/fixtures.py): weakest unit, weakest dimension, what to fix first."""

import fixtures
import pandas as pd
import pytest

from views import rapor


def makassar_cards(score: float | None = fixtures.UNIT_SCORE, lang="id"):
    return {
        card.key: card
        for card in rapor.cards(
            fixtures.units(),
            fixtures.dimension_scores(),
            fixtures.indicator_scores(),
            score,
            fixtures.UNIT_YEAR,
            lang,
        )
    }


def test_cards_come_weakest_unit_then_dimension_then_fixes():
    assert list(makassar_cards()) == ["unit", "dimension", "fixes"]


def test_weakest_unit_with_its_zone_and_the_strongest():
    card = makassar_cards()["unit"]
    assert card.headline == "**Dinas Sosial** · 74,05"  # the title names the government
    assert card.zone == "kuning"
    assert "7 unit" in card.lines[0]
    assert card.lines[1] == "Terkuat: Disdukcapil (90,27)"


def test_weakest_dimension_is_the_one_costing_most_points():
    card = makassar_cards()["dimension"]
    # Pengaduan: mean (50 + 80 + 90 + 80 + 70 + 70 + 50) / 7 = 70, kuning; 30 × 21.54 % = 6.46.
    assert card.headline == "**Pengaduan** · 70,00"
    assert card.zone == "kuning"
    assert "**6,46** poin" in card.lines[1]
    # Its lowest cell is red even though the mean is yellow: DPMPTSP's 50 (before Batua's 50).
    assert card.lines[2] == "Terendah: DPMPTSP, **50,00** (Merah)"
    assert card.lines[3] == "Terkuat: Proses (92,86)"


def test_fixes_name_the_indicators_not_their_numbers():
    card = makassar_cards()["fixes"]
    assert card.headline == "**2,70** poin lagi ke kategori **A**"
    # Every pengaduan indicator costs 30 × 21.54 % / 6 = 1.08 points over the seven units.
    assert card.lines == (
        "1. SK tim atau petugas pengelola pengaduan — Pengaduan, 7 unit: **+1,08**",
        "2. Mekanisme dan prosedur pengaduan — Pengaduan, 7 unit: **+1,08**",
        "3. Sarana pengaduan, termasuk SP4N\\-LAPOR\\! — Pengaduan, 7 unit: **+1,08**",
    )
    assert "+3,23 poin" in card.footer
    assert "parafrase" in card.footer  # said on the card, not only below the plan
    assert not any("Indikator" in line for line in card.lines)


def test_a_top_category_region_still_gets_its_weak_parts_and_the_gap_to_100():
    cards = makassar_cards(score=95.0)
    assert list(cards) == ["unit", "dimension", "fixes"]
    assert cards["fixes"].headline == "Sudah kategori tertinggi; **5,00** poin lagi ke 100"
    assert cards["fixes"].lines  # fixes still listed


def test_before_2022_the_goal_is_the_next_zone():
    assert rapor.goal_text(50.0, 2021, "id") == "**1,00** poin lagi ke zona **Kuning**"
    assert rapor.goal_text(50.0, 2021, "en") == "**1.00** points short of the **Yellow** zone"
    assert rapor.goal_text(None, 2021, "id") is None


def test_english_cards():
    cards = makassar_cards(lang="en")
    assert cards["dimension"].headline == "**Complaints** · 70.00"
    assert cards["fixes"].lines[0].startswith("1. Decree naming the complaint team or officer")


def test_published_data_without_dimensions_gives_the_unit_card_only():
    cards = rapor.cards(
        fixtures.units(),
        pd.DataFrame(columns=["opd", "dimension", "score"]),
        pd.DataFrame(columns=fixtures.indicator_scores().columns),
        85.30,
        2023,
        "id",
    )
    assert [c.key for c in cards] == ["unit"]
    assert (
        rapor.cards(
            fixtures.units().iloc[0:0],
            fixtures.units().iloc[0:0],
            fixtures.units().iloc[0:0],
            None,
            2023,
            "id",
        )
        == []
    )


def test_unit_names_are_escaped():
    units = fixtures.units().assign(opd=fixtures.HOSTILE, pemda="x")
    card = rapor.unit_card(units, 2023, "id")
    assert "<img" not in card.headline and "&lt;img" in card.headline


def test_without_weights_the_dimension_card_shows_no_cost():
    dims = fixtures.dimension_scores().assign(year=2025)
    card = rapor.dimension_card(dims, 2025, "id")
    assert card.headline.startswith("**Pengaduan**")
    assert not any("poin" in line for line in card.lines)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_paraphrase_note_names_the_sources(lang):
    note = rapor.wording_note(2023, lang)
    assert "UU 25/2009" in note and "Perpres 76/2013" in note
    assert ("parafrase" if lang == "id" else "paraphrase") in note
    assert rapor.wording_note(2021, lang) is None
