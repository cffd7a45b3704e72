"""The URL codec: round trips, and bad links fall back with a notice instead of failing."""

from hypothesis import given
from hypothesis import strategies as st

from scoring.choices import LEVELS
from views.state import DEFAULT, ViewState, decode, encode

YEARS = (2021, 2022, 2023)
PROVINCES = frozenset({"73", "19"})
REGIONS = frozenset({"73.11", "73.71", "19.01", "73"})


def read(params):
    return decode(params, years=YEARS, province_codes=PROVINCES, region_codes=REGIONS)


def test_empty_link_is_the_default_view():
    assert read({}) == (DEFAULT, [])


def test_a_full_link_is_read():
    state, notices = read(
        {
            "year": "2023",
            "province": "73",
            "region": "73.11",
            "level": "kota",
            "dataset": "contoh",
            "lang": "en",
            "large": "1",
            "compare": "73.11,19.01",
        }
    )
    assert notices == []
    assert state == ViewState(
        year=2023,
        province="73",
        region="73.11",
        level="kota",
        dataset="contoh",
        lang="en",
        large=True,
        compare=("73.11", "19.01"),
    )


def test_bad_parameters_fall_back_with_a_notice_each():
    state, notices = read(
        {
            "year": "2020",
            "province": "<script>",
            "region": "99.99",
            "level": "desa",
            "lang": "fr",
            "compare": "73.11,1,2,3,4",
        }
    )
    assert state == DEFAULT
    assert [n.parameter for n in notices] == [
        "year",
        "province",
        "region",
        "compare",
        "level",
        "lang",
    ]
    assert notices[1].value == "<script>"  # kept verbatim; the page escapes it when shown


def test_list_values_from_repeated_parameters_take_the_first():
    state, _ = read({"year": ["2022", "2023"]})
    assert state.year == 2022


@given(
    year=st.sampled_from((None, *YEARS)),
    province=st.sampled_from((None, *sorted(PROVINCES))),
    region=st.sampled_from((None, *sorted(REGIONS))),
    level=st.sampled_from(LEVELS),
    lang=st.sampled_from(("id", "en")),
    large=st.booleans(),
    compare=st.lists(st.sampled_from(sorted(REGIONS)), max_size=4, unique=True).map(tuple),
)
def test_encode_then_decode_round_trips(year, province, region, level, lang, large, compare):
    state = ViewState(
        year=year,
        province=province,
        region=region,
        level=level,
        lang=lang,
        large=large,
        compare=compare,
    )
    assert read(encode(state)) == (state, [])
