"""Penganugerahan: the award-ceremony deck of a year and a province (or the nation), shown
full-screen on a projector, with the same deck and the certificates as files for organisers."""

import streamlit as st

from shell import data, page, url, widgets
from views import certificate, slide_html, slides
from views import deck as deck_files
from views.format import escape_md

FRAME_HEIGHT = 620

# Read before `page.setup()` rewrites the URL from the view state; kept for the session.
if url.extra_param("present") == "1":
    url.page_memory()["ceremony_present"] = True
ctx = page.setup()
names = data.province_names()
where = names.get(ctx.province, ctx.province) if ctx.province else ctx.t("ui.all_provinces")
st.title(ctx.t("ceremony.title", year=ctx.year))
controls = st.columns(4)
widgets.scope_pickers(ctx, controls[:3])
with controls[3]:
    auto = st.number_input(ctx.t("ceremony.auto"), min_value=0, max_value=600, value=0, step=5)

if ctx.year is None or ctx.for_year().empty:
    st.info(ctx.t("ceremony.no_results"))
    st.stop()
source, method = ctx.source_and_method()
deck = slides.build_deck(
    ctx.results,
    year=ctx.year,
    level=ctx.level,
    province_code=ctx.province,
    where=str(where),
    source=source,
    method=method,
    dataset=ctx.dataset,
    lang=ctx.lang,
    palette=ctx.palette,
    units=data.units(ctx.dataset),
)
st.caption(ctx.t("ceremony.keys"))
present = bool(url.page_memory().get("ceremony_present"))
st.iframe(
    slide_html.deck_html(deck, auto_seconds=int(auto), present=present, height=FRAME_HEIGHT),
    height=FRAME_HEIGHT,
)

table = slides.ceremony_table(ctx.results, ctx.year, ctx.level, ctx.province, ctx.lang)
people = certificate.recipients(table, ctx.year, ctx.lang)
stem = f"penganugerahan-{ctx.dataset}-{ctx.year}-{ctx.province or 'indonesia'}-{ctx.level}"
missing = deck_files.fonts_missing()
if missing:
    st.warning(
        ctx.t("ceremony.no_fonts", problem=escape_md(missing)), icon=":material/font_download_off:"
    )
    st.stop()
with st.container(border=True):
    st.subheader(ctx.t("ceremony.downloads"))
    files = st.columns(3)
    files[0].download_button(
        ctx.t("ceremony.download_pptx"),
        lambda: deck_files.deck_pptx(deck),
        file_name=f"{stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/slideshow:",
    )
    files[1].download_button(
        ctx.t("ceremony.download_pdf"),
        lambda: deck_files.deck_pdf(deck),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
    )
    files[2].download_button(
        ctx.t("ceremony.download_png"),
        lambda: deck_files.deck_png_zip(deck),
        file_name=f"{stem}-png.zip",
        mime="application/zip",
        icon=":material/image:",
    )
    if people:
        pieces = st.columns(2)
        pieces[0].download_button(
            ctx.t("ceremony.download_certificates"),
            lambda: certificate.certificates_pdf(
                people, where=str(where), source=source, method=method, lang=ctx.lang
            ),
            file_name=f"{ctx.t('certificate.file_name')}-{stem}.pdf",
            mime="application/pdf",
            icon=":material/workspace_premium:",
        )
        with pieces[1]:
            chosen = st.selectbox(
                ctx.t("ceremony.certificate_region"),
                range(len(people)),
                format_func=lambda index: people[index].name,
            )
            one = people[chosen]
            st.download_button(
                ctx.t("ceremony.download_certificate", name=escape_md(one.name)),
                lambda: certificate.certificates_pdf(
                    [one], where=str(where), source=source, method=method, lang=ctx.lang
                ),
                file_name=f"{ctx.t('certificate.file_name')}-{ctx.year}-{chosen + 1:03d}.pdf",
                mime="application/pdf",
                icon=":material/workspace_premium:",
            )
