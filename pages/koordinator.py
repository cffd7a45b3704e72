"""Kesiapan penilaian (signed in): the coordinator's view of a government's self-assessment —
the countdown to the assessors' visit, the government's self-estimate, a units × indicators
readiness matrix, the units furthest from their next category, and the checklist (XLSX) and
readiness report (PDF) for the pendampingan meeting. An admin assigns accounts here."""

from datetime import date

import streamlit as st

from scoring import accounts
from scoring.accounts import ROLES
from scoring.selfassess import access, records
from scoring.selfassess.instrument import instrument_for
from scoring.selfassess.predict import estimate, units_of
from shell import data, staff, url
from views import profile
from views import selfassess as view
from views import selfassess_export as export
from views.export import file_stem
from views.format import escape_md, score_text, zone_word

ctx, account = staff.begin("koordinator", *ROLES)
engine = staff.database()
scope = access.scope_of(account, records.member(engine, account.name))
state = url.page_memory()
labels = data.catalog(ctx.dataset).region_labels
today = date.today()


def assign() -> None:
    """The admin's button: give the chosen account its government and unit (or none)."""
    name = state["sa:assign:name"]
    unit = state["sa:assign:unit"] or None
    records.assign(engine, name, state["sa:assign:pemda"], unit, by=account.name)
    state["sa:assigned"] = name


if account.may("admin"):
    with st.expander(ctx.t("selfassess.coord.assign_title")):
        names = accounts.list_users(engine)["name"].tolist()
        st.selectbox(ctx.t("selfassess.coord.account"), names, key="sa:assign:name")
        where = st.selectbox(
            ctx.t("selfassess.pick_pemda"),
            list(labels),
            format_func=labels.get,
            key="sa:assign:pemda",
        )
        name, level = view.government_of(where, labels.get(where, where))
        loci = {u.key: u.name for u in units_of(level, name, view.checklist_years(today)[0])}
        st.selectbox(
            ctx.t("selfassess.pick_unit"),
            ["", *loci],
            format_func=lambda k: loci.get(k) or ctx.t("selfassess.coord.whole_pemda"),
            key="sa:assign:unit",
        )
        st.button(ctx.t("selfassess.coord.assign"), key="sa:assign:go", on_click=assign)
        if "sa:assigned" in state:
            st.success(ctx.t("selfassess.coord.assigned", name=escape_md(state.pop("sa:assigned"))))
        st.dataframe(
            view.members_table(records.members(engine), dict(labels), ctx.lang), hide_index=True
        )

if not scope.coordinate:
    st.info(ctx.t("selfassess.coord.no_scope"), icon=":material/person_off:")
    st.stop()

if scope.pemda_code is None:
    pemda_code = st.selectbox(
        ctx.t("selfassess.pick_pemda"), list(labels), format_func=labels.get, key="sa:coord:pemda"
    )
else:
    pemda_code = scope.pemda_code
pemda, level = view.government_of(pemda_code, labels.get(pemda_code, pemda_code))
year = st.selectbox(ctx.t("selfassess.pick_year"), view.checklist_years(today), key="sa:coord:year")
st.markdown(ctx.t("selfassess.coord.heading", pemda=escape_md(pemda), year=year))
st.warning(ctx.t("selfassess.paraphrase"), icon=":material/edit_note:")
units = units_of(level, pemda, year)
instrument = instrument_for(year)
answers = records.answers(engine, pemda_code, year)
guess = estimate(answers, units, year, code=pemda_code, pemda=pemda)
visit = records.visit(engine, pemda_code, year)

with st.container(border=True):
    st.info(view.countdown(visit, today, ctx.lang), icon=":material/event:")
    st.date_input(
        ctx.t("selfassess.coord.visit_date"), value=visit or today, key=f"sa:visit:{pemda_code}"
    )
    st.button(
        ctx.t("selfassess.coord.visit_save"),
        key="sa:visit:save",
        on_click=lambda: records.set_visit(
            engine, pemda_code, year, state[f"sa:visit:{pemda_code}"], by=account.name
        ),
    )

with st.container(border=True):
    st.subheader(ctx.t("selfassess.estimate_title"))
    zone, category = guess.government_grade()
    left, right = st.columns(2)
    left.metric(ctx.t("selfassess.pemda_estimate"), score_text(guess.government, ctx.lang))
    right.metric(ctx.t("selfassess.unit_grade"), f"{category or '–'} · {zone_word(zone, ctx.lang)}")
    st.caption(ctx.t("selfassess.estimate_caption"))
    st.markdown(f"**{ctx.t('selfassess.coord.furthest')}**")
    st.dataframe(
        profile.styled(view.furthest_units(guess, ctx.lang), ctx.lang, ctx.palette),
        hide_index=True,
    )

st.subheader(ctx.t("selfassess.coord.matrix"))
st.caption(view.legend(ctx.lang))
st.dataframe(view.readiness_matrix(instrument, units, answers, ctx.lang), hide_index=True)
with st.expander(ctx.t("selfassess.coord.codes")):
    codes = view.short_codes(instrument)
    st.dataframe(
        {
            ctx.t("selfassess.col.code"): [codes[i.key] for i in instrument.indicators],
            ctx.t("selfassess.col.indicator"): [i.text(ctx.lang) for i in instrument.indicators],
        },
        hide_index=True,
    )

stem = file_stem(ctx.t("page.mandiri"), pemda, year)
left, right = st.columns(2)
left.download_button(
    ctx.t("selfassess.coord.xlsx"),
    export.checklist_xlsx(instrument, units, answers, pemda=pemda, year=year, lang=ctx.lang),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table:",
)
right.download_button(
    ctx.t("selfassess.coord.pdf"),
    export.readiness_pdf(
        instrument,
        units,
        answers,
        guess,
        pemda=pemda,
        year=year,
        visit=visit,
        today=today,
        lang=ctx.lang,
    ),
    file_name=f"{stem}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
)
