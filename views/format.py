"""Formatting and escaping for anything rendered as text, Markdown or HTML.

Names come from imported files and are untrusted: every path that renders them goes through
`escape_html` (HTML contexts) or `escape_md` (Streamlit Markdown), never raw.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import pandas as pd

from scoring.choices import Lang
from scoring.i18n import t
from scoring.methodology import zones

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~:$])")


def escape_html(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def escape_md(text: object) -> str:
    """Text that Streamlit's Markdown shows literally: no links, no emphasis, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", escape_html(text))


def md_link(text: str, url: object) -> str:
    """A Markdown link to an http(s) URL, escaped both ways: the text shows literally and the
    URL cannot close the link early (brackets, spaces and quotes are percent-encoded).
    Anything else (`javascript:`, empty) gives the text alone.

    >>> md_link("Sumber", "https://x.org/a) [masuk](https://evil")
    '[Sumber](https://x.org/a%29%20%5Bmasuk%5D%28https://evil)'
    >>> md_link("Sumber", "javascript:alert(1)")
    'Sumber'
    """
    target = str(url).strip() if isinstance(url, str) else ""
    if urlsplit(target).scheme.lower() not in ("http", "https") or not urlsplit(target).netloc:
        return escape_md(text)
    encoded = quote(target, safe=":/?#@!$&*+,;=%~")
    return f"[{escape_md(text)}]({encoded})"


def score_text(score: float | None, lang: Lang = "id") -> str:
    """Two decimals with the decimal comma in Indonesian, '–' when there is no score."""
    if pd.isna(score):
        return "–"
    text = f"{score:.2f}"
    return text.replace(".", ",") if lang == "id" else text


def change_text(change: float | None, lang: Lang = "id") -> str:
    if pd.isna(change):
        return "–"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    return sign + score_text(abs(change), lang)


def zone_color(zone: str | None, palette: str = "standard") -> str:
    if not zone or zone not in zones():
        return "#9E9E9E"
    z = zones()[zone]
    return z.color_cb if palette == "colorblind" else z.color


def zone_word(zone: str | None, lang: Lang = "id") -> str:
    return t(f"zone.{zone}", lang) if zone in zones() else t("zone.none", lang)


def zone_chip(zone: str | None, lang: Lang = "id", palette: str = "standard") -> str:
    """An HTML chip: colour with the zone's word, so colour never stands alone."""
    color = zone_color(zone, palette)
    text_color = "#000" if zone in ("kuning",) else "#fff"
    return (
        f'<span class="zone-chip" style="background:{color};color:{text_color};'
        f'padding:0.15em 0.6em;border-radius:1em;font-weight:600">'
        f"{escape_html(zone_word(zone, lang))}</span>"
    )
