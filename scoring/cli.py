"""`python -m scoring`: classify scores, rank and score files, validate imports.

Exit codes: 0 ok, 1 data errors (report on stderr), 2 usage errors.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from scoring import cli_users, store
from scoring.bundle import place, prepare_published, store_prepared
from scoring.choices import LEVEL_GROUPS, Level
from scoring.classify import classify, round_half_up
from scoring.compute import display_order, rank_column, score_governments, score_items
from scoring.i18n import t
from scoring.importing import Limits, load
from scoring.importing.reading import MAX_BYTES_ENV, MAX_ROWS_ENV
from scoring.methodology import MethodologyError, for_year
from scoring.migrate import MigrationError
from scoring.pipeline import analyse, resolve
from scoring.problems import ImportFailed, format_report
from scoring.regions import Gazetteer, GeoDataMissing, load_gazetteer

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Arguments that parse but make no sense (an unknown province, a year with no method)."""


def _score(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan nilai: {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"nilai harus 0-100: {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scoring", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("classify", help="zone, category and opinion of scores")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("scores", nargs="+", type=_score, metavar="SCORE")

    p = commands.add_parser("rank", help="rank a results file (CSV on stdout)")
    p.add_argument("file", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--province", help="province name (old or new names, aliases)")
    p.add_argument("--level", choices=sorted(LEVEL_GROUPS), default=None)

    p = commands.add_parser("score", help="government scores from unit or item rows")
    p.add_argument("file", type=Path)

    p = commands.add_parser("validate", help="report every problem in an import file")
    p.add_argument("file", type=Path)
    _limit_arguments(p)

    p = commands.add_parser(
        "import", help="validate, then replace the published results of the file's years"
    )
    p.add_argument("file", type=Path, help="results: one score per government and year")
    p.add_argument("--units", type=Path, help="unit (OPD) scores of the same years")
    p.add_argument("--user", default=None, help="who imports, for the version log")
    _limit_arguments(p)
    cli_users.add_parser(commands)
    return parser


def _limit_arguments(p: argparse.ArgumentParser) -> None:
    defaults = Limits.from_env()
    p.add_argument(
        "--max-rows", type=int, default=defaults.rows, help=f"data rows (env {MAX_ROWS_ENV})"
    )
    p.add_argument(
        "--max-bytes", type=int, default=defaults.bytes, help=f"file size (env {MAX_BYTES_ENV})"
    )


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(rows=args.max_rows, bytes=args.max_bytes)


def cmd_classify(args: argparse.Namespace) -> int:
    method = for_year(args.year)
    scores = pd.Series(args.scores, dtype=float)
    graded = classify(scores, method)
    columns = [graded[c].tolist() for c in ("zone", "category", "opinion_id")]
    for score, zone, letter, opinion in zip(scores, *columns, strict=True):
        category = letter if method.has_categories else "-"
        print(f"{round_half_up(score):.2f}\t{zone}\t{category}\t{opinion}")
    return EXIT_OK


def _gazetteer() -> Gazetteer | None:
    try:
        return load_gazetteer()
    except GeoDataMissing as missing:
        print(f"peringatan: {missing}; kode wilayah tidak diisi", file=sys.stderr)
        return None


def _report_unmatched(frame: pd.DataFrame, gazetteer: Gazetteer | None) -> None:
    unmatched = frame[frame["code"].isna()]
    names = zip(unmatched["entity"].tolist(), unmatched["province"].tolist(), strict=True)
    for entity, province in names:
        hints = gazetteer.suggest(entity) if gazetteer else []
        hint = f" — mungkin: {', '.join(hints)}" if hints else ""
        print(f"tidak dikenali: {entity} ({province}){hint}", file=sys.stderr)


def cmd_rank(args: argparse.Namespace) -> int:
    imported = load(args.file)
    if imported.kind != "results":
        raise UsageError(f"{args.file}: rank membutuhkan satu nilai per pemda (results)")
    gazetteer = _gazetteer()
    frame = resolve(imported.frame, gazetteer)
    frame = analyse(frame[frame["year"] == args.year])
    level: Level = args.level or ("kabkota" if args.province else "provinsi")
    frame = frame[frame["level"].isin(LEVEL_GROUPS[level]) & frame["score"].notna()]
    if args.province:
        code = gazetteer.resolve_province(args.province) if gazetteer else None
        if code is None:
            raise UsageError(f"provinsi tidak dikenali: {args.province}")
        frame = frame[frame["province_code"] == code]
    _report_unmatched(frame, gazetteer)
    frame = display_order(frame)
    out = pd.DataFrame(
        {
            "rank": frame[rank_column(level, in_province=bool(args.province))],
            "code": frame["code"],
            "name": frame["display_name"],
            "province": frame["province"],
            "score": frame["score"].map("{:.2f}".format),
            "zone": frame["zone"],
            "category": frame["category"],
        }
    )
    out.to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    imported = load(args.file)
    if imported.kind == "items":
        units = score_items(imported.frame)
    elif imported.kind == "units":
        units = imported.frame
    else:
        raise UsageError(f"{args.file}: score membutuhkan baris unit atau butir, bukan hasil pemda")
    governments = score_governments(units).rename(columns={"pemda": "entity"})
    resolved = resolve(governments, _gazetteer())
    missing = pd.Series(pd.NA, index=resolved.index, dtype="string")
    graded = analyse(resolved.assign(category=missing, zone=missing, notes=missing))
    out = pd.DataFrame(
        {
            "year": graded["year"],
            "code": graded["code"],
            "name": graded["display_name"],
            "province": graded["province"],
            "score": graded["score"].map("{:.2f}".format),
            "zone": graded["zone"],
            "category": graded["category"],
            "units": graded["units"],
        }
    ).sort_values(["year", "name"])
    out.to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Every problem `import` would stop at, places included; touches no database."""
    imported = load(args.file, limits=_limits(args))
    gazetteer = _gazetteer()
    if gazetteer is not None:
        _, placing = place(imported, gazetteer)
        if placing:
            raise ImportFailed([*placing, *imported.warnings])
    if imported.warnings:
        print(format_report(imported.warnings), file=sys.stderr)
    print(f"{args.file}: {len(imported.frame)} baris {imported.kind}, tidak ada kesalahan")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Both files are validated and placed before the database is even opened, so a failed
    import leaves its file untouched; the write is one transaction, serialised with others."""
    prepared = prepare_published(args.file, args.units, _gazetteer(), limits=_limits(args))
    if prepared.warnings:
        print(format_report(prepared.warnings), file=sys.stderr)
    engine = store.engine()
    if store.write_in_progress(engine):
        print(t("store.waiting", "id", seconds=store.lock_timeout()), file=sys.stderr)
    store.create_schema(engine)
    version = store_prepared(engine, prepared, user=args.user or getpass.getuser())
    slices = str(store.versions(engine).set_index("id").at[version, "slices"])
    print(f"{args.file}: diimpor ke {store.database_url()} sebagai versi {version} ({slices})")
    return EXIT_OK


COMMANDS = {
    "classify": cmd_classify,
    "rank": cmd_rank,
    "score": cmd_score,
    "validate": cmd_validate,
    "import": cmd_import,
    "user": cli_users.cmd_user,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ImportFailed as failed:
        print(format_report(failed.problems), file=sys.stderr)
        return EXIT_DATA
    except (store.StoreError, MigrationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA
    except (UsageError, MethodologyError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
