"""The demo dataset names every government as the published one does ("Provinsi Aceh", once)."""

from scoring.bundle import demo_frames
from scoring.pipeline import analyse


def test_demo_governments_carry_their_official_names(gazetteer):
    results = analyse(demo_frames(gazetteer)["results"])
    provinces = results[results["level"] == "provinsi"]
    province_names = dict(gazetteer.provinces[["code", "name"]].values)
    expected = "Provinsi " + provinces["code"].map(province_names)
    assert (provinces["display_name"] == expected).all()
    assert not results["display_name"].str.contains("Provinsi Provinsi").any()
    kabkota = results[results["level"] != "provinsi"]
    names = dict(gazetteer.regions[["code", "name"]].values)
    assert (kabkota["display_name"] == kabkota["code"].map(names)).all()
