"""Command line: ``python -m lokal KOMMANDO`` (demo, import, areas, population, rollups, kommune, datadato,
backup, restore).

Every command ends with a Danish message and an exit code, never a traceback: 0 done, 1 the file or the
input cannot be used, 2 errors in rows or features (nothing written), 3 the database is in use by another
program, 4 the database cannot be written or read (a full disk, a read-only or corrupt file). A file is
read and checked (:mod:`lokal.files`) before the database is opened. ``LOKAL_DEBUG=1`` shows the
traceback of an unexpected error instead of its one-line message.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from lokal import db, files

EXIT_CODES = ("Afslutter med 0 (i orden), 1 (filen eller valgene kan ikke bruges), 2 (fejl i rækkerne eller "
              "objekterne), 3 (databasen bruges af et andet program) eller 4 (databasen kan ikke skrives eller læses: "
              "disken er fuld, filen er skrivebeskyttet eller beskadiget).")


def _demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lokal import demo

    path = Path(args.path or db.db_path())
    if path.exists() and not args.force:
        con = db.connect(path, read_only=True)  # refuses with a clear message while the app holds the file
        try:
            real = "areas" in {r[0] for r in con.execute("SHOW TABLES").fetchall()} and not db.is_demo(con) \
                and not db.is_empty(con)
        finally:
            con.close()
        if real:
            print(f"Fejl: {path} indeholder rigtige data, ikke demodata. Brug --force for at erstatte den.",
                  file=sys.stderr)
            return 1
    started = time.perf_counter()
    if args.scale <= 0:
        print("Fejl: --scale skal være større end 0.", file=sys.stderr)
        return 1
    counts = demo.build_demo_db(path, seed=args.seed, scale=args.scale)
    seconds = time.perf_counter() - started
    scale = "" if args.scale == 1 else f", skala {args.scale:g}"
    print(f"Demodata (seed {args.seed}{scale}) skrevet til {path} på {seconds:.1f} s:")
    for table, n in counts.items():
        print(f"  {table:<24} {n:>6}")
    return 0


def _areas_import(args: argparse.Namespace) -> int:
    # The file and its limits first: a zip bomb is refused before the geometry libraries are even loaded.
    doc, encoding, name = files.read_geojson(files.read_path(args.file), Path(args.file).name)
    from lokal import areas

    options = areas.AreaOptions(name_field=args.name_field, code_field=args.code_field,
                                kommunekode_field=args.kommunekode_field, kommunekode=args.kommunekode,
                                kind=args.kind, crs=args.crs)
    try:
        area_file = areas.area_file(doc, name, encoding)
    except areas.AreaImportError as exc:
        return _refused(exc.message.text())
    con = db.open_db(args.path or db.db_path())
    try:
        report = areas.import_areas(con, area_file, options, user=args.user, dry_run=args.dry_run)
    except areas.AreaImportError as exc:
        return _refused(exc.message.text())
    finally:
        con.close()
    print("\n".join(report.lines()))
    print(f"  ({report.seconds:.1f} s)")
    return 2 if report.rejected else 0


def _population_import(args: argparse.Namespace) -> int:
    data = files.read_path(args.file)
    from lokal import population

    try:
        table = population.read_table(data, Path(args.file).name)
    except population.PopulationImportError as exc:
        return _refused(exc.message.text())
    con = db.open_db(args.path or db.db_path())
    try:
        report = population.import_population(con, table, code_column=args.code_column, year=args.year,
                                              source=args.source, user=args.user, dry_run=args.dry_run)
    except population.PopulationImportError as exc:
        return _refused(exc.message.text())
    finally:
        con.close()
    print("\n".join(report.lines()))
    return 2 if report.errors else 0


def _refused(text: str) -> int:
    print(f"Fejl: {text}", file=sys.stderr)
    return 1


def _rollups(args: argparse.Namespace) -> int:
    from lokal import rollups

    con = db.open_db(args.path or db.db_path())  # a database from before the rollups gets them here
    try:
        started = time.perf_counter()
        if args.subcommand == "rebuild":
            with db.transaction(con):
                rollups.rebuild(con)
            print(f"Rollups genopbygget på {time.perf_counter() - started:.1f} s.")
            return 0
        problems = rollups.check(con)
    finally:
        con.close()
    seconds = time.perf_counter() - started
    if problems:
        print("\n".join(problems[:50]))
        print(f"Fejl: {len(problems)} forskelle mellem rollups og grunddata ({seconds:.1f} s). "
              "Kør 'python -m lokal rollups rebuild'.", file=sys.stderr)
        return 1
    print(f"Rollups stemmer med grunddata for alle tilmeldingsindikatorer ({seconds:.1f} s).")
    return 0


def _add_rollup_commands(commands) -> None:
    """``rollups rebuild`` and ``rollups check``."""
    cmds = commands.add_parser("rollups", help="Rollups for tilmeldingsindikatorerne: genopbyg eller kontrollér."
                               ).add_subparsers(dest="subcommand", required=True, metavar="KOMMANDO")
    for name, text in (("rebuild", "Byg rollups forfra ud fra grunddata."),
                       ("check", "Sammenlign indikatorerne fra rollups med dem fra grunddata. Afslutter med 0 "
                                 "(ens) eller 1 (forskelle, der vises).")):
        cmd = cmds.add_parser(name, help=text, description=text)
        cmd.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
        cmd.set_defaults(func=_rollups)


def _add_import_commands(commands) -> None:
    """``areas import FILE`` and ``population import FILE``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dry-run", action="store_true", help="Kontrollér og vis rapporten uden at skrive.")
    common.add_argument("--user", default="cli", help="Navn i revisionsloggen (standard: cli).")
    common.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")

    area_cmds = commands.add_parser("areas", help="Områder: importér grænser fra GeoJSON.").add_subparsers(
        dest="subcommand", required=True, metavar="KOMMANDO")
    imp = area_cmds.add_parser(
        "import", parents=[common], help="Importér eller opdatér områder fra GeoJSON (eller zip med GeoJSON).",
        description="Læs GeoJSON (også zippet), omregn til WGS84, reparér ugyldige geometrier, og opdatér "
                    "områderne efter kode. Områder, der mangler i filen, rapporteres, men slettes ikke. "
                    "Afviste objekter importeres ikke, men de øvrige gør. " + EXIT_CODES)
    imp.add_argument("file", metavar="FIL", help="GeoJSON- eller zip-fil.")
    imp.add_argument("--name-field", help="Egenskaben med områdets navn (standard: gættes, fx 'navn').")
    imp.add_argument("--code-field", help="Egenskaben med områdets kode (standard: gættes, fx 'kode').")
    imp.add_argument("--kommunekode-field", help="Egenskaben med kommunekoden (standard: 'kommunekode').")
    imp.add_argument("--kommunekode", help="Én kommunekode for hele filen, fx 0851.")
    imp.add_argument("--kind", choices=["landsby", "boligområde", "bydel", "sogn", "andet"],
                     help="Områdetype (standard: nye områder får 'andet', eksisterende beholder deres).")
    imp.add_argument("--crs", help="Filens referencesystem, fx EPSG:25832 (standard: fra filen eller gættet).")
    imp.set_defaults(func=_areas_import)

    pop_cmds = commands.add_parser("population", help="Befolkning og sundhedsprofil pr. område.").add_subparsers(
        dest="subcommand", required=True, metavar="KOMMANDO")
    imp = pop_cmds.add_parser(
        "import", parents=[common], help="Importér befolkningstal og sundhedsprofil fra CSV eller Excel.",
        description="Én række pr. område med en kolonne for områdekoden og kolonner som voksne, voksne 40-60, "
                    "mænd, kvinder, mænd 40-60, kvinder 40-60 og sundhedsmålene (fx dagligrygning), gerne med "
                    "antal svarpersoner ('svarpersoner' eller 'dagligrygning svarpersoner'). Ved fejl "
                    "skrives intet. " + EXIT_CODES)
    imp.add_argument("file", metavar="FIL", help="CSV- eller Excel-fil (.xlsx).")
    imp.add_argument("--code-column", help="Kolonnen med områdekoden (standard: gættes, fx 'kode').")
    imp.add_argument("--year", type=int, help="År for sundhedsmålene, hvis filen ikke har en kolonne 'år'.")
    imp.add_argument("--source", help="Kilde for sundhedsmålene (standard: kolonnen 'kilde' eller filnavnet).")
    imp.set_defaults(func=_population_import)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lokal", description="Lokal – værktøjer til databasen.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    demo = commands.add_parser(
        "demo",
        help="Byg en ny database med demodata (erstatter filen).",
        description="Byg en ny database med demodata for Aalborg Kommune. En eksisterende fil erstattes.",
    )
    demo.add_argument("--seed", type=int, default=42, help="Tilfældighedsfrø (samme frø giver samme data).")
    demo.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
    demo.add_argument("--force", action="store_true", help="Erstat også en database med rigtige data.")
    demo.add_argument("--scale", type=float, default=1.0,
                      help="Datamængde: 1 er Aalborg Kommune (standard); ellers ca. 21,5 syntetiske områder over "
                           "Danmark pr. enhed, fx 100 = hele landet (ca. 2.150 områder, 10 mio. fremmøderækker).")
    demo.set_defaults(func=_demo)
    records_import = commands.add_parser(
        "import",
        help="Importér poster (tilbud, fremmøde, tilmeldinger …) fra CSV eller Excel.",
        description="Læs en CSV- eller Excel-fil med danske kolonnenavne (se skabelonerne på siden "
                    "Aktivitetslog), kontrollér hver række, og importér alt eller intet. " + EXIT_CODES,
    )
    records_import.add_argument("kind", metavar="POSTTYPE", choices=sorted(_kinds()),
                                help="En af: " + ", ".join(sorted(_kinds())))
    records_import.add_argument("file", metavar="FIL", help="CSV- eller Excel-fil (.xlsx).")
    records_import.add_argument("--dry-run", action="store_true", help="Kontrollér og vis rapporten uden at skrive.")
    records_import.add_argument("--user", default="cli", help="Navn i revisionsloggen (standard: cli).")
    records_import.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
    records_import.set_defaults(func=_records_import)
    _add_import_commands(commands)
    _add_rollup_commands(commands)
    _add_setup_commands(commands)
    _add_backup_commands(commands)
    return parser


def _add_backup_commands(commands) -> None:
    """``backup [--to DIR]`` and ``restore [FIL]``."""
    cmd = commands.add_parser(
        "backup", help="Tag en sikkerhedskopi af databasen (mens appen er stoppet).",
        description="Kopiér databasefilen efter et checkpoint, kontrollér kopien, og gem den som "
                    "<navn>-ÅÅÅÅMMDD-TTMMSS.duckdb. Kører appen, bruger den filen, og kopien tages i appen "
                    "(Opsætning → Sikkerhedskopi, eller automatisk med LOKAL_BACKUP_HOURS). " + EXIT_CODES)
    cmd.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
    cmd.add_argument("--to", metavar="MAPPE", help="Mappen til kopien (standard: $LOKAL_BACKUP_DIR eller backups/ "
                                                   "ved siden af databasen).")
    cmd.add_argument("--keep", type=int, help="Behold de nyeste N kopier i mappen (standard: $LOKAL_BACKUP_KEEP "
                                              "eller 14).")
    cmd.set_defaults(func=_backup)
    cmd = commands.add_parser(
        "restore", help="Gendan databasen fra en sikkerhedskopi (mens appen er stoppet).",
        description="Kontrollér sikkerhedskopien (alle tabeller læses, rollups sammenlignes med grunddata), gem "
                    "den nuværende fil som <fil>.erstattet-<tid>, og læg kopien på dens plads. Uden FIL vises "
                    "kopierne i mappen. " + EXIT_CODES)
    cmd.add_argument("file", metavar="FIL", nargs="?", help="Sikkerhedskopien (.duckdb).")
    cmd.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
    cmd.set_defaults(func=_restore)


def _add_setup_commands(commands) -> None:
    """``kommune add CODE NAME`` and ``datadato set DATE | clear``."""
    path = argparse.ArgumentParser(add_help=False)
    path.add_argument("--user", default="cli", help="Navn i revisionsloggen (standard: cli).")
    path.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
    kommune = commands.add_parser("kommune", help="Kommuner: opret eller omdøb en kommune.").add_subparsers(
        dest="subcommand", required=True, metavar="KOMMANDO")
    add = kommune.add_parser("add", parents=[path], help="Opret en kommune (eller ret navnet på en kendt kode).")
    add.add_argument("code", metavar="KOMMUNEKODE", help="3–4 cifre, fx 0851.")
    add.add_argument("name", metavar="NAVN", help="Fx 'Aalborg Kommune'.")
    add.set_defaults(func=_kommune_add)
    datadato = commands.add_parser("datadato", help="»Data til og med«: sæt datoen fast, eller lad den følge data."
                                   ).add_subparsers(dest="subcommand", required=True, metavar="KOMMANDO")
    put = datadato.add_parser("set", parents=[path], help="Sæt datadatoen, fx 30-11-2026.")
    put.add_argument("date", metavar="DATO")
    put.set_defaults(func=_data_date)
    clear = datadato.add_parser("clear", parents=[path], help="Lad datadatoen følge den seneste registrering.")
    clear.set_defaults(func=_data_date, date=None)


def _kommune_add(args: argparse.Namespace) -> int:
    from lokal import setup

    con = db.open_db(args.path or db.db_path())
    try:
        print(setup.save_kommune(con, args.user, args.code, args.name))
        return 0
    finally:
        con.close()


def _data_date(args: argparse.Namespace) -> int:
    from lokal import queries, setup, validate

    try:
        value = validate.parse_date(args.date) if args.date else None
    except validate.ParseError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    con = db.open_db(args.path or db.db_path())
    try:
        setup.set_data_date(con, args.user, value)
        shown, fixed = queries.latest_data_date(con)
    finally:
        con.close()
    how = "sat fast" if fixed else "følger den seneste registrering"
    print(f"Data til og med: {shown.strftime('%d-%m-%Y') if shown else '–'} ({how}).")
    return 0


def _kinds() -> list[str]:
    from lokal import records

    return list(records.ALL_KINDS)


def _records_import(args: argparse.Namespace) -> int:
    data = files.read_path(args.file)
    from lokal import importing

    try:
        table = importing.read_table(data, Path(args.file).name)
    except importing.ImportError_ as exc:
        return _refused(exc.text())
    con = db.open_db(args.path or db.db_path())
    try:
        mapping, problems = importing.map_columns(table, args.kind)
        result = importing.preview(con, args.kind, table, mapping, problems)
        for p in result.problems:
            print(f"{p.level.upper()}: {p.text()}")
        if not result.ok:
            print("Intet er importeret: ret fejlene og prøv igen.", file=sys.stderr)
            return 2
        print(f"{len(table.rows)} {'række' if len(table.rows) == 1 else 'rækker'}: "
              f"{importing.counts_text(result.counts)}.")
        for row, lines in result.updates:
            print(f"  Række {row}: {'; '.join(lines)}")
        if args.dry_run:
            return 0
        done = importing.run(con, result, args.user)
        print("Importeret: " + importing.counts_text({"nye": done["inserted"], "opdateres": done["updated"],
                                                     "uændrede": done["unchanged"]}).replace("opdateres", "opdateret")
              + ".")
        return 0
    finally:
        con.close()


def _backup(args: argparse.Namespace) -> int:
    from lokal import backup

    path = Path(args.path or db.db_path())
    if not path.exists():
        return _refused(db.LokalDbError(backup.NO_FILE, path=str(path)).text())
    try:
        con = db.connect(path)
    except db.DatabaseLocked:
        print(f"Fejl: {db.LokalDbError(backup.BACKUP_LOCKED, path=str(path)).text()}", file=sys.stderr)
        return 3
    try:
        done = backup.take(con, path, args.to, keep=args.keep)
    finally:
        con.close()
    print(f"Sikkerhedskopi gemt: {done.path} ({_size(done.size)}, kontrolleret, {done.seconds:.1f} s).")
    return 0


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def _restore(args: argparse.Namespace) -> int:
    from lokal import backup

    path = Path(args.path or db.db_path())
    if args.file is None:
        found = backup.listing(backup.folder(path), path.stem)
        if not found:
            return _refused(f"Der er ingen sikkerhedskopier i {backup.folder(path)}; angiv filen, der skal gendannes.")
        print("Sikkerhedskopier (nyeste først):")
        for p in found[:20]:
            print(f"  {p}  ({_size(p.stat().st_size)})")
        return _refused("Angiv den sikkerhedskopi, der skal gendannes, fx: python -m lokal restore "
                        f"{found[0]}")
    try:
        aside = backup.restore(Path(args.file), path)
    except backup.BackupError as exc:
        code = 3 if exc.template == backup.RESTORE_LOCKED else 1
        print(f"Fejl: {exc.text()}", file=sys.stderr)
        return code
    print(f"Gendannet: {path} er nu en kopi af {args.file} (kontrolleret: alle tabeller læst, rollups stemmer).")
    if aside is not None:
        print(f"Den tidligere fil er gemt som {aside}; slet den, når alt er i orden.")
    return 0


def _held(exc: db.DatabaseLocked) -> str:
    """What the command line says when another program holds the file: trying again does not help
    while the app runs (it holds the file as long as it runs)."""
    path = exc.values.get("path", "?")
    return (f"Databasen {path} bruges af et andet program lige nu. Kører Lokal-appen på den, holder appen filen, "
            "så længe den kører, og kommandoen lykkes ikke, før appen er stoppet: stop appen, eller importér filen "
            "i appen (Aktivitetslog → Importér; områder og befolkning på siden Områder). Intet er ændret.")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except files.FileProblem as exc:
        return _refused(exc.text())
    except db.DatabaseLocked as exc:
        print(f"Fejl: {_held(exc)}", file=sys.stderr)
        return 3
    except db.StorageError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 4
    except db.LokalDbError as exc:
        return _refused(str(exc))
    except MemoryError:
        return _refused("Der var ikke hukommelse nok til at gøre det færdigt. Intet er gemt; del filen op i mindre "
                        "filer.")
    except Exception as exc:  # the last net: a message instead of a traceback (LOKAL_DEBUG=1 shows it)
        if os.environ.get("LOKAL_DEBUG"):
            raise
        import duckdb

        problem = db.storage_error(exc, getattr(args, "path", None) or db.db_path()) \
            if isinstance(exc, (duckdb.Error, OSError)) else None
        if problem is not None:
            locked = isinstance(problem, db.DatabaseLocked)
            print(f"Fejl: {_held(problem) if locked else problem}", file=sys.stderr)
            return 3 if locked else 4
        return _refused(f"Uventet fejl ({type(exc).__name__}: {str(exc)[:300]}). En påbegyndt ændring er rullet "
                        "tilbage. Send beskeden til IT.")
