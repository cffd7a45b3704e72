"""Every page of the app, once: its key (the URL path), script, icon and title label.

`app.py` builds the navigation from this list, and every link or jump between pages takes the
script path from here, so a page is renamed or moved in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from scoring.choices import Lang
from scoring.i18n import t

# public: everyone, kiosk included; browse: everyone but the kiosk (pages with controls);
# kiosk: only in kiosk mode; staff: a signed-in account, never in kiosk mode.
Audience = Literal["public", "browse", "kiosk", "staff"]


@dataclass(frozen=True)
class PageSpec:
    key: str  # URL path and label key `page.<key>`
    icon: str
    audience: Audience = "browse"

    @property
    def script(self) -> str:
        """Relative to the app's folder, as `st.Page` and `st.switch_page` take it."""
        return str(PurePosixPath("pages") / f"{self.key}.py")


PAGES: tuple[PageSpec, ...] = (
    PageSpec("ringkasan", ":material/dashboard:"),
    PageSpec("peringkat", ":material/leaderboard:"),
    PageSpec("peta", ":material/map:"),
    PageSpec("profil", ":material/assignment:"),
    PageSpec("bandingkan", ":material/compare_arrows:"),
    PageSpec("metodologi", ":material/rule:"),
    PageSpec("tentang", ":material/info:"),
    PageSpec("penganugerahan", ":material/emoji_events:"),
    PageSpec("kiosk", ":material/tv:", "kiosk"),
    PageSpec("akun", ":material/account_circle:"),
    PageSpec("impor", ":material/upload_file:", "staff"),
    PageSpec("riwayat", ":material/history:", "staff"),
    PageSpec("pengguna", ":material/group:", "staff"),
    PageSpec("mandiri", ":material/checklist:", "staff"),
    PageSpec("koordinator", ":material/fact_check:", "staff"),
)
HOME = PAGES[0].key
_BY_KEY = {spec.key: spec for spec in PAGES}


def script(key: str) -> str:
    """The script of a page by key; an unknown key is a programming error."""
    return _BY_KEY[key].script


def visible(*, kiosk: bool, signed_in: bool) -> tuple[PageSpec, ...]:
    """The pages this session may open. A page left out is unreachable, by link or URL too:
    `st.navigation` serves only the pages it is given."""
    if kiosk:
        return tuple(spec for spec in PAGES if spec.audience in ("public", "kiosk"))
    allowed = {"public", "browse"} | ({"staff"} if signed_in else set())
    return tuple(spec for spec in PAGES if spec.audience in allowed)


def navigation(lang: Lang, *, kiosk: bool = False, signed_in: bool = False) -> StreamlitPage:
    """The app's navigation, titled in `lang`; returns the page to run."""
    specs = visible(kiosk=kiosk, signed_in=signed_in)
    pages = {
        spec.key: st.Page(
            spec.script,
            title=t(f"page.{spec.key}", lang),
            icon=spec.icon,
            url_path=spec.key,
            default=spec is specs[0],
        )
        for spec in specs
    }
    staff = [pages[spec.key] for spec in specs if spec.audience == "staff"]
    if not staff:
        return st.navigation(list(pages.values()), position="hidden" if kiosk else "sidebar")
    # Signed in: the staff pages under their own heading, every link shown (not folded away).
    sections = {
        t("nav.dashboard", lang): [page for page in pages.values() if page not in staff],
        t("nav.staff", lang): staff,
    }
    return st.navigation(sections, expanded=True)
