"""Penilaian mandiri (signed in): a unit answers the era's checklist indicator by indicator —
0-3 with what each means, evidence as a file or a link, a note — every change saved at once;
it sees its self-estimate move, what to fix first, what a verifier returned and its history.
A verifier accepts or returns each indicator's evidence with a comment."""

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from scoring import store
from scoring.accounts import ROLES
from scoring.selfassess import access, evidence, records
from scoring.selfassess.instrument import instrument_for
from scoring.selfassess.predict import estimate, units_of
from shell import data, staff, url
from views import profile
from views import selfassess as view
from views.format import escape_md, md_link, score_text, zone_word

# A link may name the unit (?unit=19.01/disdukcapil); read before the set-up rewrites the URL.
asked = view.parse_unit_link(url.extra_param("unit"))
ctx, account = staff.begin("mandiri", *ROLES)
engine = staff.database()
scope = access.scope_of(account, records.member(engine, account.name))
state = url.page_memory()
if scope == access.NOTHING:
    st.info(ctx.t("selfassess.no_scope"), icon=":material/person_off:")
    st.stop()
if asked is not None and not scope.may_open(*asked):
    st.error(ctx.t("selfassess.forbidden"), icon=":material/block:")
    st.stop()

labels = data.catalog(ctx.dataset).region_labels
if scope.pemda_code is None:
    codes = list(labels)
    first = codes.index(asked[0]) if asked and asked[0] in labels else 0
    pemda_code = st.selectbox(
        ctx.t("selfassess.pick_pemda"), codes, index=first, format_func=labels.get, key="sa:pemda"
    )
else:
    pemda_code = scope.pemda_code
pemda, level = view.government_of(pemda_code, labels.get(pemda_code, pemda_code))
year = st.selectbox(
    ctx.t("selfassess.pick_year"), view.checklist_years(date.today()), key="sa:year"
)
units = units_of(level, pemda, year)
by_key = {u.key: u for u in units}
if scope.unit is not None:
    if scope.unit not in by_key:
        st.error(ctx.t("selfassess.unknown_unit"), icon=":material/block:")
        st.stop()
    unit = by_key[scope.unit]
else:
    keys = list(by_key)
    first = keys.index(asked[1]) if asked and asked[1] in by_key else 0
    unit = by_key[
        st.selectbox(
            ctx.t("selfassess.pick_unit"),
            keys,
            index=first,
            format_func=lambda k: by_key[k].name,
            key=f"sa:unit:{pemda_code}",
        )
    ]
st.markdown(
    ctx.t("selfassess.heading", unit=escape_md(unit.name), pemda=escape_md(pemda), year=year)
)
st.warning(ctx.t("selfassess.paraphrase"), icon=":material/edit_note:")

instrument = instrument_for(year)
items = instrument.by_key()
codes_of = view.short_codes(instrument)
if "sa:error" in state:
    st.error(state.pop("sa:error"), icon=":material/error:")


def place(key: str) -> records.Place:
    item = items[key]
    return records.Place(pemda_code, year, unit.key, item.variable, item.number)


def widget(kind: str, key: str) -> str:
    return f"sa:{kind}:{pemda_code}:{year}:{unit.key}:{key}"


def refused(error: evidence.EvidenceRefused) -> None:
    state["sa:error"] = ctx.t(
        view.REFUSAL_LABEL[error.code], **{k: escape_md(v) for k, v in error.params.items()}
    )


def shown(frame: pd.DataFrame) -> Styler:
    """Numbers with two decimals in the language's decimal mark."""
    return profile.styled(frame, ctx.lang, ctx.palette)


def attempt(save: Callable[..., None], *args: object) -> None:
    """Run a widget's save; a database fault becomes the page's message, not a traceback."""
    try:
        save(*args)
    except store.StoreError as error:
        state["sa:error"] = error.message(ctx.lang)


def save_score(key: str) -> None:
    records.set_score(engine, place(key), state[widget("score", key)], by=account.name)


def save_note(key: str) -> None:
    records.set_note(engine, place(key), state[widget("note", key)] or "", by=account.name)


def save_link(key: str) -> None:
    try:
        link = evidence.checked_link(state[widget("link", key)] or "")
    except evidence.EvidenceRefused as error:
        refused(error)
        return
    records.set_link(engine, place(key), link, by=account.name)


def save_file(key: str) -> None:
    upload = state[widget("file", key)]
    if upload is None:
        return
    try:
        kept = evidence.store_file(upload.name, upload.getvalue())
    except evidence.EvidenceRefused as error:
        refused(error)
        return
    records.set_file(
        engine, place(key), kept.name, kept.sha256, kept.size, kept.mime, by=account.name
    )


def save_review(key: str, verdict: records.Review) -> None:
    comment = state.get(widget("comment", key)) or ""
    records.review(engine, place(key), verdict, comment, by=account.name)


answers = records.answers(engine, pemda_code, year)
own = answers[answers["unit"] == unit.key]
guess = estimate(answers, units, year, code=pemda_code, pemda=pemda)
mine = guess.units.set_index("unit").loc[unit.key]

with st.container(border=True):
    st.subheader(ctx.t("selfassess.estimate_title"))
    left, middle, right = st.columns(3)
    left.metric(ctx.t("selfassess.unit_estimate"), score_text(mine["score"], ctx.lang))
    middle.metric(
        ctx.t("selfassess.unit_grade"),
        f"{mine['category'] or '–'} · {zone_word(mine['zone'], ctx.lang)}",
    )
    right.metric(ctx.t("selfassess.pemda_estimate"), score_text(guess.government, ctx.lang))
    if mine["next"]:
        st.markdown(
            ctx.t("selfassess.gap", gap=score_text(mine["gap"], ctx.lang), next=mine["next"])
        )
    st.caption(ctx.t("selfassess.estimate_caption"))
    st.dataframe(shown(view.dimension_table(guess, unit, ctx.lang)), hide_index=True)
    st.markdown(f"**{ctx.t('selfassess.fix_first')}**")
    st.dataframe(shown(view.fix_first_table(guess, unit, instrument, ctx.lang)), hide_index=True)

back = view.returned(instrument, own, unit.key)
if back:
    with st.container(border=True):
        st.error(ctx.t("selfassess.returned_title", count=len(back)), icon=":material/undo:")
        for item in back:
            comment = (view.answer_of(own, unit.key, item) or {}).get("review_comment") or ""
            st.markdown(
                f"- **{codes_of[item.key]}** {escape_md(item.text(ctx.lang))}: {escape_md(comment)}"
            )

st.subheader(ctx.t("selfassess.checklist"))
st.caption(view.legend(ctx.lang))
st.dataframe(
    view.checklist_table(instrument, own, unit.key, year, ctx.lang), hide_index=True, height=420
)

with st.container(border=True):
    key = st.selectbox(
        ctx.t("selfassess.pick_indicator"),
        list(items),
        format_func=lambda k: f"{codes_of[k]} · {items[k].text(ctx.lang)}",
        key=f"sa:item:{unit.key}",
    )
    item = items[key]
    row = view.answer_of(own, unit.key, item) or {}
    st.markdown(f"**{escape_md(item.text(ctx.lang))}**")
    st.caption(ctx.t("selfassess.basis", basis=escape_md(item.basis(ctx.lang))))
    wanted = view.wanted_text(instrument, item, ctx.lang)
    st.markdown(ctx.t("selfassess.wanted", evidence=escape_md(wanted)))
    st.radio(
        ctx.t("selfassess.answer"),
        [0, 1, 2, 3],
        index=row.get("score"),
        format_func=lambda n: f"{n} — {item.level(n, ctx.lang)}",
        key=widget("score", key),
        on_change=attempt,
        args=(save_score, key),
        disabled=not scope.edit,
    )
    st.text_area(
        ctx.t("selfassess.note"),
        value=str(row.get("note") or ""),
        max_chars=records.NOTE_MAX,
        key=widget("note", key),
        on_change=attempt,
        args=(save_note, key),
        disabled=not scope.edit,
    )
    if row.get("file_sha256"):
        try:
            content = evidence.read_file(str(row["file_sha256"]))
        except evidence.EvidenceRefused:
            st.warning(ctx.t("selfassess.file_missing"), icon=":material/warning:")
        else:
            st.download_button(
                ctx.t("selfassess.file_download", name=escape_md(row["file_name"])),
                content,
                file_name=str(row["file_name"]),
                mime=str(row["file_type"]),
                key=widget("download", key),
                icon=":material/download:",
            )
    if row.get("link"):
        st.markdown(md_link(ctx.t("selfassess.link_open"), row["link"]))
    if scope.edit:
        st.file_uploader(
            ctx.t("selfassess.file", megabytes=evidence.MAX_BYTES // (1024 * 1024)),
            type=sorted(evidence.ALLOWED),
            key=widget("file", key),
            on_change=attempt,
            args=(save_file, key),
        )
        st.text_input(
            ctx.t("selfassess.link"),
            value=str(row.get("link") or ""),
            key=widget("link", key),
            on_change=attempt,
            args=(save_link, key),
        )
    if row.get("review"):
        st.info(
            ctx.t(
                view.REVIEW_LABEL[str(row["review"])],
                by=escape_md(row["reviewed_by"]),
                comment=escape_md(row.get("review_comment") or "–"),
            ),
            icon=":material/fact_check:",
        )
    if scope.review:
        st.text_input(
            ctx.t("selfassess.comment"), max_chars=records.NOTE_MAX, key=widget("comment", key)
        )
        accept, send_back = st.columns(2)
        accept.button(
            ctx.t("selfassess.accept"),
            key=widget("accept", key),
            on_click=attempt,
            args=(save_review, key, "accepted"),
            icon=":material/check:",
        )
        send_back.button(
            ctx.t("selfassess.return"),
            key=widget("return", key),
            on_click=attempt,
            args=(save_review, key, "returned"),
            icon=":material/undo:",
        )

with st.expander(ctx.t("selfassess.history")):
    log = records.history(engine, pemda_code, year, unit.key)
    if log.empty:
        st.caption(ctx.t("selfassess.history_none"))
    else:
        st.dataframe(view.history_table(log, instrument, ctx.lang), hide_index=True)
