"""The ceremony deck as one self-contained HTML document for the projector.

Every slide is laid out on a fixed 1920 × 1080 stage and scaled as a whole to the window, so a
1280 × 720 projector shows exactly what a 1920 × 1080 TV shows, and the sizes below are pixels
of a 1080p screen (body text ≥ 32 px). Inline script: next/previous by keyboard and clicker
(clickers send PageDown/PageUp), optional auto-advance, a presentation mode that lays the frame
over the whole browser window, and the slide number kept across reruns in the tab's session
storage. No asset leaves the document. Every text is escaped here.
"""

from __future__ import annotations

import hashlib
import json

from scoring.i18n import t
from views.format import escape_html, zone_color
from views.slides import Deck, Row, Slide

WIDTH, HEIGHT = 1920, 1080

_CSS = """
html, body { margin: 0; height: 100%; overflow: hidden; background: #102a43;
  font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
#stage { position: absolute; left: 50%; top: 50%; width: 1920px; height: 1080px;
  transform-origin: center center; }
.slide { position: absolute; inset: 0; display: none; flex-direction: column;
  box-sizing: border-box;
  padding: 56px 96px 0; background: #fff; color: #102a43; overflow: hidden; }
.slide.current { display: flex; }
.demo { position: absolute; top: 0; left: 0; right: 0; height: 44px; background: #e65100;
  color: #fff; font-size: 30px; font-weight: 700; text-align: center; line-height: 44px; }
.demo ~ h1 { margin-top: 28px; }
h1 { font-size: 68px; line-height: 1.1; margin: 0 0 10px; }
.sub { font-size: 40px; line-height: 1.2; color: #334e68; margin: 0 0 24px; }
.body { flex: 1; min-height: 0; font-size: 36px; line-height: 1.2; }
table.rows { width: 100%; border-collapse: collapse; }
.rows td { padding: 8px 14px; border-bottom: 2px solid #d9e2ec; vertical-align: middle; }
.rows td.rank { width: 90px; text-align: right; font-weight: 700; }
.rows td.name { font-weight: 700; overflow-wrap: anywhere; }
.rows td.score { width: 150px; text-align: right; font-weight: 700;
  font-variant-numeric: tabular-nums; }
.rows td.zone { width: 200px; }
.rows td.detail { width: 440px; font-size: 32px; color: #334e68; }
.chip { display: inline-block; padding: 2px 22px; border-radius: 40px; font-weight: 700;
  white-space: nowrap;
  font-size: 32px; border: 2px solid rgba(0,0,0,.25); }
.more { font-size: 32px; color: #334e68; margin-top: 16px; }
.tiles { display: flex; gap: 40px; height: 100%; align-items: stretch; padding-bottom: 40px;
  box-sizing: border-box; }
.tile { flex: 1; border-radius: 24px; display: flex; flex-direction: column;
  justify-content: center; align-items: center; }
.tile .count { font-size: 200px; font-weight: 700; line-height: 1; }
.tile .word { font-size: 56px; font-weight: 700; }
.podium { display: flex; gap: 48px; height: 100%; align-items: flex-end; }
.place { flex: 1; display: flex; flex-direction: column; justify-content: flex-end; }
.place .who { font-size: 44px; font-weight: 700; text-align: center; overflow-wrap: anywhere;
  margin-bottom: 16px; }
.place .what { font-size: 32px; text-align: center; color: #334e68; margin-bottom: 16px; }
.place .block { border-radius: 20px 20px 0 0; display: flex; flex-direction: column;
  align-items: center; justify-content: center; }
.place .num { font-size: 120px; font-weight: 700; line-height: 1; }
.place .score { font-size: 48px; font-weight: 700; }
.slide.kind-title { text-align: center; background: #102a43; color: #fff; }
.slide.kind-title h1 { font-size: 96px; margin-top: auto; }
.slide.kind-title .sub { color: #d9e2ec; font-size: 52px; }
.slide.kind-title .body { flex: 0 0 auto; margin-bottom: auto; color: #bcccdc; }
.slide.kind-title .lines { font-size: 40px; }
.lines { margin: 0; padding: 0; list-style: none; font-size: 32px; }
.lines li { margin: 0 0 14px; overflow-wrap: anywhere; }
footer { flex: 0 0 auto; min-height: 104px; box-sizing: border-box; margin: 0 -96px;
  padding: 14px 96px; border-top: 4px solid #1565c0; background: #f0f4f8; color: #334e68;
  font-size: 24px; line-height: 1.3; display: flex; gap: 32px; align-items: center; }
.slide.kind-title footer { background: #0b1f33; color: #bcccdc; }
footer .cite { flex: 1; }
footer .count { font-size: 32px; font-weight: 700; white-space: nowrap; }
#controls { position: fixed; right: 12px; top: 12px; z-index: 2; display: flex; gap: 8px; }
#controls button { font-size: 16px; padding: 6px 12px; opacity: .75; cursor: pointer; }
body.presenting #controls { display: none; }
.mapview { display: flex; gap: 40px; align-items: center; height: 100%; }
.mapview img { flex: 1 1 auto; min-width: 0; max-width: 1240px; max-height: 100%;
  object-fit: contain; }
.legend { flex: 0 0 440px; list-style: none; margin: 0; padding: 0; font-size: 36px; }
.legend li { display: flex; align-items: center; gap: 18px; margin-bottom: 22px; }
.legend .swatch { flex: none; width: 56px; height: 40px; border-radius: 8px;
  border: 2px solid #829ab1; }
.legend .n { font-weight: 700; margin-left: auto; padding-left: 24px; }
#clock { font-size: 40px; font-weight: 700; font-variant-numeric: tabular-nums; }
"""

_SCRIPT = """
(() => {
  const cfg = JSON.parse(document.getElementById("deck-config").textContent);
  const slides = [...document.querySelectorAll(".slide")];
  const stage = document.getElementById("stage");
  const store = "kp-deck-" + cfg.id;
  let index = 0;
  try { index = Math.min(Number(sessionStorage.getItem(store)) || 0, slides.length - 1); }
  catch (e) { index = 0; }
  function fit() {
    const s = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    stage.style.transform = "translate(-50%, -50%) scale(" + s + ")";
  }
  function show(n) {
    index = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach((s, i) => s.classList.toggle("current", i === index));
    document.body.dataset.current = String(index);
    try { sessionStorage.setItem(store, String(index)); } catch (e) {}
  }
  function present(on) {
    document.body.classList.toggle("presenting", on);
    const frame = window.frameElement;
    if (frame) {
      frame.style.cssText = on
        ? "position:fixed;left:0;top:0;width:100vw;height:100vh;z-index:1000000;border:0;"
          + "background:#102a43"
        : "";
      if (!on) frame.setAttribute("height", String(cfg.height));
    }
    fit();
  }
  function fullscreen() {
    present(true);
    const target = window.frameElement || document.documentElement;
    if (target.requestFullscreen) target.requestFullscreen().catch(() => {});
  }
  const NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "n"];
  const PREV = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p"];
  function onKey(event) {
    const target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    let handled = true;
    if (NEXT.includes(event.key)) show(index + 1);
    else if (PREV.includes(event.key)) show(index - 1);
    else if (event.key === "Home") show(0);
    else if (event.key === "End") show(slides.length - 1);
    else if (event.key === "f" || event.key === "F") fullscreen();
    else if (event.key === "Escape") present(false);
    else handled = false;
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  }
  window.addEventListener("keydown", onKey);
  // Keys pressed while the page around the frame has focus (a clicker, after a click on a
  // control) reach the deck too. One listener at a time: a rerun's new frame replaces the
  // old one's, which would otherwise keep the old document alive. The kiosk takes no keys.
  // Streamlit marks every script run in the page's performance timeline ("running",
  // "notRunning", "script-run-cycle") and never clears them: a kiosk reruns all day, so each
  // screen clears them (Streamlit's own measure tolerates a missing mark).
  if (cfg.kiosk) {
    try {
      window.parent.performance.clearMarks();
      window.parent.performance.clearMeasures();
    } catch (e) {}
  }
  if (!cfg.kiosk) {
    try {
      const outer = window.parent;
      if (outer.__kpDeckKeys) outer.document.removeEventListener("keydown", outer.__kpDeckKeys);
      outer.__kpDeckKeys = onKey;
      outer.document.addEventListener("keydown", onKey);
    } catch (e) {}
  }
  stage.addEventListener("click", () => { window.focus(); show(index + 1); });
  const button = document.getElementById("btn-present");
  if (button) button.addEventListener("click", fullscreen);
  window.addEventListener("resize", fit);
  if (cfg.auto > 0) setInterval(() => { if (index < slides.length - 1) show(index + 1); },
                                cfg.auto * 1000);
  const clock = document.getElementById("clock");
  function tick() {
    const now = new Date();
    clock.textContent = now.toLocaleTimeString(cfg.locale, {hour: "2-digit", minute: "2-digit"});
  }
  if (clock) { tick(); setInterval(tick, 1000); }
  window.kpDeck = { count: slides.length, index: () => index, go: show, present: present };
  fit();
  show(index);
  if (cfg.present) present(true);
  window.focus();
})();
"""


def _chip(zone: str | None, word: str, palette: str) -> str:
    color = zone_color(zone, palette)
    text = "#000" if zone == "kuning" else "#fff"
    return f'<span class="chip" style="background:{color};color:{text}">{escape_html(word)}</span>'


def _rows(rows: tuple[Row, ...], palette: str) -> str:
    cells = "".join(
        "<tr>"
        f'<td class="rank">{escape_html(r.rank)}</td>'
        f'<td class="name">{escape_html(r.name)}</td>'
        f'<td class="score">{escape_html(r.score)}</td>'
        f'<td class="zone">{_chip(r.zone, r.zone_word, palette)}</td>'
        f'<td class="detail">{escape_html(r.detail)}</td>'
        "</tr>"
        for r in rows
    )
    return f'<table class="rows">{cells}</table>'


def _tiles(slide: Slide, palette: str) -> str:
    tiles = "".join(
        f'<div class="tile" style="background:{zone_color(key, palette)};'
        f'color:{"#000" if key == "kuning" else "#fff"}">'
        f'<div class="count">{count}</div><div class="word">{escape_html(word)}</div></div>'
        for key, word, count in slide.counts
    )
    return f'<div class="tiles">{tiles}</div>'


PODIUM_ORDER = (1, 0, 2)  # second, first, third from left to right
PODIUM_HEIGHTS = (380, 290, 220)


def _podium(slide: Slide, palette: str) -> str:
    places = []
    for position in PODIUM_ORDER:
        if position >= len(slide.rows):
            places.append('<div class="place"></div>')
            continue
        row = slide.rows[position]
        text = "#000" if row.zone == "kuning" else "#fff"
        places.append(
            '<div class="place">'
            f'<div class="who">{escape_html(row.name)}</div>'
            f'<div class="what">{escape_html(row.zone_word)} · {escape_html(row.detail)}</div>'
            f'<div class="block" style="height:{PODIUM_HEIGHTS[position]}px;'
            f'background:{zone_color(row.zone, palette)};color:{text}">'
            f'<div class="num">{escape_html(row.rank)}</div>'
            f'<div class="score">{escape_html(row.score)}</div></div></div>'
        )
    return f'<div class="podium">{"".join(places)}</div>'


def _map(slide: Slide, palette: str) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{zone_color(key or None, palette)}"></span>'
        f'{escape_html(word)}<span class="n">{count}</span></li>'
        for key, word, count in slide.counts
    )
    return (
        f'<div class="mapview"><img alt="" src="{escape_html(slide.image)}">'
        f'<ul class="legend">{items}</ul></div>'
    )


def _body(slide: Slide, palette: str) -> str:
    if slide.kind == "map":
        return _map(slide, palette)
    if slide.kind in ("ranking", "award"):
        more = f'<div class="more">{escape_html(slide.more)}</div>' if slide.more else ""
        return _rows(slide.rows, palette) + more
    if slide.kind == "zones":
        return _tiles(slide, palette)
    if slide.kind == "podium":
        return _podium(slide, palette)
    items = "".join(f"<li>{escape_html(line)}</li>" for line in slide.lines)
    return f'<ul class="lines">{items}</ul>'


def _slide(deck: Deck, slide: Slide, number: int, kiosk: bool) -> str:
    demo = f'<div class="demo">{escape_html(deck.demo)}</div>' if deck.demo else ""
    subtitle = f'<p class="sub">{escape_html(slide.subtitle)}</p>' if slide.subtitle else ""
    counter = t("ceremony.slide_of", deck.lang, number=number, count=len(deck.slides))
    corner = (
        '<div id="clock"></div>' if kiosk else f'<div class="count">{escape_html(counter)}</div>'
    )
    cite = [deck.source, deck.method, *([deck.as_of] if deck.as_of else [])]
    return (
        f'<section class="slide kind-{slide.kind}" data-kind="{slide.kind}">{demo}'
        f"<h1>{escape_html(slide.title)}</h1>{subtitle}"
        f'<div class="body">{_body(slide, deck.palette)}</div>'
        f'<footer><div class="cite">{"<br>".join(escape_html(line) for line in cite)}'
        f"</div>{corner}</footer></section>"
    )


def deck_id(deck: Deck) -> str:
    """Stable for the same slides, so the slide number survives a rerun but not a new deck."""
    text = json.dumps([deck.title, [s.title for s in deck.slides], deck.lang])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def deck_html(
    deck: Deck,
    *,
    auto_seconds: int = 0,
    present: bool = False,
    height: int = 0,
    kiosk: bool = False,
) -> str:
    """The whole deck as one HTML document; `height` is the frame's own height on the page.

    `kiosk` draws a clock instead of the slide number, no button, and covers the window."""
    config = {
        "id": deck_id(deck),
        "auto": auto_seconds,
        "present": present or kiosk,
        "height": height,
        "locale": "id-ID" if deck.lang == "id" else "en-GB",
        "kiosk": kiosk,
    }
    # JSON inside a script element: `<` is escaped so no text can close the element.
    config_json = json.dumps(config).replace("<", "\\u003c")
    slides = "".join(_slide(deck, slide, n, kiosk) for n, slide in enumerate(deck.slides, start=1))
    button = escape_html(t("ceremony.fullscreen", deck.lang))
    controls = (
        ""
        if kiosk
        else f'<div id="controls"><button id="btn-present" type="button">{button}</button></div>'
    )
    return (
        f'<!doctype html><html lang="{deck.lang}"><head><meta charset="utf-8">'
        f"<title>{escape_html(deck.title)}</title><style>{_CSS}</style></head><body>"
        f'{controls}<div id="stage">{slides}</div>'
        f'<script type="application/json" id="deck-config">{config_json}</script>'
        f"<script>{_SCRIPT}</script></body></html>"
    )
