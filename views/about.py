"""Frames for the 'about the data' page: coverage, source sites, flags, licences."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from scoring.choices import GOVERNMENT_LEVELS, Lang
from scoring.i18n import t
from scoring.regions import GeoDataMissing, geo_dir
from views.format import escape_md


def coverage(results: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Governments with a result per year and level (with a score / with a zone only)."""
    scored = results.assign(with_score=results["score"].notna())
    table = scored.pivot_table(
        index="year", columns="level", values="with_score", aggfunc=["size", "sum"], fill_value=0
    )
    out = pd.DataFrame(index=table.index)
    for level in GOVERNMENT_LEVELS:
        if ("size", level) in table:
            out[t(f"level.{level}", lang)] = (
                table[("sum", level)].astype(int).astype(str)
                + " / "
                + table[("size", level)].astype(int).astype(str)
            )
    return out.sort_index(ascending=False).rename_axis(t("col.year", lang))


def source_sites(results: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """How many figures each publishing site supplied."""
    hosts = results["source_url"].dropna().map(lambda u: urlparse(u).netloc.removeprefix("www."))
    counts = (
        hosts.value_counts()
        .rename_axis(t("col.source", lang))
        .reset_index(name=t("tentang.figures", lang))
    )
    return counts


def findings_table(findings: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The consistency findings, each check and its detail worded in the page's language."""
    checks, params = findings["check"], findings["params"]
    worded = findings.drop(columns="params").assign(
        check=[t(f"check.{c}", lang) for c in checks],
        detail=[t(f"check_detail.{c}", lang, **p) for c, p in zip(checks, params, strict=True)],
    )
    return worded.rename(
        columns={
            "check": t("tentang.check", lang),
            "year": t("col.year", lang),
            "entity": t("col.name", lang),
            "code": t("col.code", lang),
            "source_row": t("tentang.row", lang),
            "detail": t("tentang.detail", lang),
        }
    )


def imports_table(log: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The import log worded for reading: when, which dataset and kind of file, which years,
    how many rows, and the start of the file's SHA-256 (enough to tell two files apart)."""
    kinds = {kind: t(f"admin.kind.{kind}", lang) for kind in ("results", "units", "items")}
    shown = pd.DataFrame(
        {
            t("imports.when", lang): log["imported_at"].astype("string").str.replace("T", " "),
            t("imports.dataset", lang): log["dataset"].map(lambda d: t(f"dataset.{d}", lang)),
            t("imports.kind", lang): log["kind"].map(kinds).fillna(log["kind"]),
            t("imports.file", lang): log["file_name"],
            t("imports.years", lang): log["years"].astype("string").str.replace(",", ", "),
            t("imports.rows", lang): log["rows"],
            t("imports.sha256", lang): log["sha256"].astype("string").str[:12] + "…",
        }
    )
    return shown.astype(
        {c: "string" for c in shown.columns if c != t("imports.rows", lang)}
    ).fillna("–")


def geo_licences_markdown(lang: Lang) -> str:
    try:
        folder = geo_dir()
    except GeoDataMissing as missing:
        return escape_md(missing)
    licences = (
        sorted(p.name for p in (folder / "licenses").glob("*"))
        if (folder / "licenses").is_dir()
        else []
    )
    lines = [t("tentang.geo_text", lang)]
    lines += [f"- {escape_md(name)}" for name in licences]
    return "\n".join(lines)
