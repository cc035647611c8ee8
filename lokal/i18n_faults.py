"""English for the messages about files that cannot be read, broken disks and backups.

Kept apart from :mod:`lokal.i18n`'s main catalogue (which merges it) so that each stays a size one
can read: the readers' limits (:mod:`lokal.files`), the storage errors (:mod:`lokal.db`), backups
(:mod:`lokal.backup`) and the app's error page. Keys are the Danish texts, as everywhere.
"""

EN: dict[str, str] = {
    # lokal/files.py: reading files within their limits
    "Linje {line}": "Line {line}",
    "Filen '{file}' findes ikke. Tjek stien og filnavnet.": "The file '{file}' does not exist. Check the path and "
                                                            "the file name.",
    "'{file}' er en mappe, ikke en fil.": "'{file}' is a folder, not a file.",
    "'{file}' er ikke en almindelig fil (men fx en enhed eller en pipe); gem data i en fil, og angiv den.":
        "'{file}' is not an ordinary file (but e.g. a device or a pipe); save the data in a file and give that.",
    "Filen '{file}' kan ikke læses ({reason}). Tjek, at du har adgang til den.":
        "The file '{file}' cannot be read ({reason}). Check that you have access to it.",
    "Filen '{file}' fylder {size} MB; højst {limit} MB. Del den op i mindre filer.":
        "The file '{file}' is {size} MB; at most {limit} MB. Split it into smaller files.",
    "Filen er tom.": "The file is empty.",
    "Filen '{file}' indeholder binære data og kan ikke læses som {expected}; gem den som tekst (UTF-8) fra det "
    "program, den kommer fra.":
        "The file '{file}' holds binary data and cannot be read as {expected}; save it as text (UTF-8) from the "
        "program it comes from.",
    "Filen '{file}' er {what}, ikke {expected}.": "The file '{file}' is {what}, not {expected}.",
    "en PDF-fil": "a PDF file",
    "et billede": "a picture",
    "et komprimeret arkiv (gzip, 7z eller RAR)": "a compressed archive (gzip, 7z or RAR)",
    "et program": "a program",
    "en database": "a database",
    "en HTML-side": "an HTML page",
    "en XML-fil": "an XML file",
    "en CSV- eller Excel-fil (.xlsx)": "a CSV or Excel file (.xlsx)",
    "GeoJSON": "GeoJSON",
    "Filtypen '{ext}' kan ikke bruges her; brug CSV eller Excel (.xlsx).":
        "The file type '{ext}' cannot be used here; use CSV or Excel (.xlsx).",
    "Det gamle Excel-format (.xls) kan ikke læses; gem filen som .xlsx eller CSV.":
        "The old Excel format (.xls) cannot be read; save the file as .xlsx or CSV.",
    "Excel-filen '{file}' er beskyttet med adgangskode; gem en kopi uden adgangskode, og importér den.":
        "The Excel file '{file}' is protected by a password; save a copy without the password and import that.",
    "Excel-filen kan ikke åbnes: {reason}.": "The Excel file cannot be opened: {reason}.",
    "den er ikke en Excel-fil (.xlsx), eller den er beskadiget": "it is not an Excel file (.xlsx), or it is damaged",
    "zip-filen indeholder intet Excel-regneark (xl/workbook.xml mangler)":
        "the zip file holds no Excel workbook (xl/workbook.xml is missing)",
    "Excel-filen '{file}' har intet regneark med celler.": "The Excel file '{file}' has no worksheet with cells.",
    "Excel-arket i '{file}' siger, at det har {rows} rækker og {columns} kolonner, men Excel har højst 1.048.576 "
    "rækker og 16.384 kolonner: filen er beskadiget eller ikke gemt af Excel. Åbn den i Excel, og gem den igen.":
        "The Excel sheet in '{file}' says it has {rows} rows and {columns} columns, but Excel holds at most "
        "1,048,576 rows and 16,384 columns: the file is damaged or was not saved by Excel. Open it in Excel and "
        "save it again.",
    "Filen '{file}' har mere end {limit} rækker med data; del den op i flere filer.":
        "The file '{file}' has more than {limit} rows with data; split it into several files.",
    "rækken har {n} celler; højst {limit}": "the row has {n} cells; at most {limit}",
    "cellen har {n} tegn; højst {limit}": "the cell has {n} characters; at most {limit}",
    "et felt i anførselstegn er ikke lukket": "a quoted field is not closed",
    "der står tegn efter et afsluttende anførselstegn": "there are characters after a closing quote",
    "linjen kan ikke læses som CSV ({reason}); ret anførselstegnene, og prøv igen":
        "the line cannot be read as CSV ({reason}); fix the quotes and try again",
    "kolonnen '{column}' står flere gange i overskriften (kolonne {positions}); giv kolonnerne forskellige navne":
        "the column '{column}' appears more than once in the header (columns {positions}); give the columns "
        "different names",
    "Zip-filen '{file}' er beskadiget ({name}: {reason}); pak filen igen.":
        "The zip file '{file}' is damaged ({name}: {reason}); zip the file again.",
    "Zip-filen '{file}' er pakket på en måde, Lokal ikke kan læse ({name}); pak den igen med almindelig zip.":
        "The zip file '{file}' is packed in a way Lokal cannot read ({name}); zip it again with ordinary zip.",
    "Zip-filen '{file}' er krypteret med adgangskode; pak filen igen uden adgangskode.":
        "The zip file '{file}' is encrypted with a password; zip the file again without a password.",
    "Zip-filen '{file}' indeholder {n} filer; højst {limit}.": "The zip file '{file}' holds {n} files; at most "
                                                              "{limit}.",
    "Zip-filen '{file}' fylder {size} MB pakket ud; højst {limit} MB. Intet er pakket ud.":
        "The zip file '{file}' is {size} MB unpacked; at most {limit} MB. Nothing was unpacked.",
    "'{name}' i zip-filen '{file}' fylder mere end {limit} MB pakket ud; udpakningen er stoppet. Del filen op, eller "
    "forenkl den.":
        "'{name}' in the zip file '{file}' is more than {limit} MB unpacked; unpacking was stopped. Split the file, "
        "or simplify it.",
    "Zip-filen '{file}' fylder mere end {limit} MB pakket ud; udpakningen er stoppet.":
        "The zip file '{file}' is more than {limit} MB unpacked; unpacking was stopped.",
    "Zip-filen '{file}' indeholder et filnavn, der peger uden for zip-filen ('{name}'); pak filen igen.":
        "The zip file '{file}' holds a file name that points outside the zip file ('{name}'); zip the file again.",
    "Zip-filen '{file}' indeholder en anden zip-fil ('{name}'); pak den ud, og importér filen i den.":
        "The zip file '{file}' holds another zip file ('{name}'); unpack it and import the file inside.",
    "Filen '{file}' er indlejret for dybt til at være GeoJSON (lister eller objekter i over 900 niveauer).":
        "The file '{file}' is nested too deeply to be GeoJSON (lists or objects more than 900 levels deep).",
    "Filen '{file}' indeholder et tal med over 4.300 cifre; det kan ikke være en koordinat.":
        "The file '{file}' holds a number with more than 4,300 digits; it cannot be a coordinate.",
    "Filen '{file}' har omkring {n} koordinater; højst {limit}. Forenkl grænserne i jeres GIS-program (fx til 1 "
    "meters nøjagtighed), og importér igen.":
        "The file '{file}' has about {n} coordinates; at most {limit}. Simplify the boundaries in your GIS program "
        "(e.g. to 1 metre's precision) and import again.",
    # lokal/areas.py and lokal/population.py: the new limits
    "Filen '{file}' er ikke GeoJSON: 'features' skal være en liste af objekter, men er '{type}'.":
        "The file '{file}' is not GeoJSON: 'features' must be a list of features, but is '{type}'.",
    "Filen '{file}' har {n} objekter; højst {limit}. Del den op i flere filer.":
        "The file '{file}' has {n} features; at most {limit}. Split it into several files.",
    "koden har {n} tegn; højst {limit}": "the code has {n} characters; at most {limit}",
    "navnet har {n} tegn; højst {limit}": "the name has {n} characters; at most {limit}",
    "'{value}' er for stort; højst {limit}": "'{value}' is too large; at most {limit}",
    # lokal/db.py: what went wrong with the database file or its disk
    "Databasen {path} bruges af et andet program lige nu. Prøv igen om lidt.":
        "The database {path} is in use by another program right now. Try again in a moment.",
    "Disken med databasen {path} er fuld, så ændringen kunne ikke gemmes. Intet er gemt, og databasen er som før. "
    "Frigør plads på disken (eller bed IT om det), og prøv igen.":
        "The disk with the database {path} is full, so the change could not be saved. Nothing is saved, and the "
        "database is as it was. Free space on the disk (or ask IT to), and try again.",
    "Databasefilen {path} kan kun læses (filen eller drevet er skrivebeskyttet), så intet kan gemmes. Intet er gemt. "
    "Bed IT om at give Lokal lov til at skrive i filen og dens mappe.":
        "The database file {path} can only be read (the file or the drive is read-only), so nothing can be saved. "
        "Nothing is saved. Ask IT to let Lokal write to the file and its folder.",
    "Databasefilen {path} er beskadiget og kan ikke læses ({detail}). Intet er ændret. Gendan den seneste "
    "sikkerhedskopi (python -m lokal restore), eller bed IT om det.":
        "The database file {path} is damaged and cannot be read ({detail}). Nothing was changed. Restore the latest "
        "backup (python -m lokal restore), or ask IT to.",
    "Databasefilen {path} kan ikke åbnes ({detail}). Bed IT om at tjekke filen og Lokals adgang til den.":
        "The database file {path} cannot be opened ({detail}). Ask IT to check the file and Lokal's access to it.",
    "Databasefilen {path} er gemt af en nyere version af DuckDB end den, Lokal kører med. Opdatér Lokal (pip install "
    "-r requirements.txt), eller gendan en sikkerhedskopi.":
        "The database file {path} was saved by a newer version of DuckDB than the one Lokal runs with. Update Lokal "
        "(pip install -r requirements.txt), or restore a backup.",
    "Databasen er stoppet efter en alvorlig fejl ({detail}) og skal åbnes igen. Det, der var ved at blive gemt, er "
    "ikke gemt. Prøv igen; sker det igen, så genstart Lokal, og bed IT se på disken.":
        "The database stopped after a serious error ({detail}) and must be opened again. What was being saved is "
        "not saved. Try again; if it happens again, restart Lokal and ask IT to look at the disk.",
    # lokal/backup.py
    "Der er ikke plads til sikkerhedskopien i {folder} ({detail}). Intet er ændret i databasen. Frigør plads, eller "
    "vælg en anden mappe (LOKAL_BACKUP_DIR eller --to).":
        "There is no room for the backup in {folder} ({detail}). Nothing in the database was changed. Free space, "
        "or choose another folder (LOKAL_BACKUP_DIR or --to).",
    "{file} kan ikke bruges som sikkerhedskopi: {detail}. Intet er ændret.":
        "{file} cannot be used as a backup: {detail}. Nothing was changed.",
    "Databasen {path} findes ikke, så der er intet at tage en kopi af.":
        "The database {path} does not exist, so there is nothing to back up.",
    "Databasen {path} bruges af et andet program (appen kører). Stop appen, og kør 'python -m lokal restore' igen; "
    "intet er ændret.":
        "The database {path} is in use by another program (the app is running). Stop the app and run "
        "'python -m lokal restore' again; nothing was changed.",
    "Databasen {path} bruges af appen lige nu, så kopien kan ikke tages udefra (DuckDB lader kun ét program åbne "
    "filen). Tag kopien i appen: Opsætning → Sikkerhedskopi → »Tag sikkerhedskopi nu«, eller slå den automatiske "
    "kopi til (LOKAL_BACKUP_HOURS); eller stop appen, og kør kommandoen igen.":
        "The database {path} is in use by the app right now, so the copy cannot be taken from outside (DuckDB lets "
        "only one program open the file). Take the copy in the app: Set-up → Backup → 'Back up now', or turn on "
        "the automatic copy (LOKAL_BACKUP_HOURS); or stop the app and run the command again.",
    # the app: the problem page (lokal/ui/data.py) and the backup tab on Opsætning
    "Disken er fuld": "The disk is full",
    "Databasen kan kun læses": "The database can only be read",
    "Databasefilen er beskadiget": "The database file is damaged",
    "Databasen kan ikke åbnes": "The database cannot be opened",
    "Databasen skal åbnes igen": "The database must be opened again",
    "Databasen er optaget": "The database is busy",
    "Databasen afviste handlingen": "The database refused the action",
    "Kontakt administratoren af Lokal, og fortæl, hvad der står ovenfor.":
        "Contact Lokal's administrator and tell them what it says above.",
    "Til administratoren": "For the administrator",
    "Databasefilen: `{path}`": "The database file: `{path}`",
    "Se, hvad der fylder på disken (`df -h {folder}`), og frigør plads; databasen er, som den var før den afviste "
    "ændring.": "See what fills the disk (`df -h {folder}`) and free space; the database is as it was before the "
                "refused change.",
    "Nyeste sikkerhedskopi: `{file}`": "Newest backup: `{file}`",
    "Der er ingen sikkerhedskopier i `{folder}`.": "There are no backups in `{folder}`.",
    "Sådan gendanner du en sikkerhedskopi: stop Lokal, og kør `python -m lokal restore {file} --path {path}` "
    "(kopien kontrolleres først, og den nuværende fil gemmes ved siden af som `…erstattet-<tid>`); start så Lokal "
    "igen.": "To restore a backup: stop Lokal and run `python -m lokal restore {file} --path {path}` (the copy is "
             "checked first, and the current file is kept beside it as `…erstattet-<time>`); then start Lokal "
             "again.",
    "SIKKERHEDSKOPI": "BACKUP",
    "Sikkerhedskopi": "Backup",
    "Sikkerhedskopier": "Backups",
    "Sikkerhedskopier i": "Backups in",
    "Seneste sikkerhedskopi": "Last backup",
    "filen findes ikke længere": "the file no longer exists",
    "Der er ikke taget nogen sikkerhedskopi endnu.": "No backup has been taken yet.",
    "En sikkerhedskopi er en kopi af databasefilen, taget mens appen kører: lige før kopien skrives alt gemt ned i "
    "filen, og ingen kan gemme, før kopien er færdig (det tager sekunder). Kopien kontrolleres, før den tæller. "
    "Gendan en kopi med `python -m lokal restore FIL`, mens appen er stoppet (README, »Sikkerhedskopi«).":
        "A backup is a copy of the database file, taken while the app runs: just before the copy everything saved "
        "is written into the file, and nobody can save until the copy is done (it takes seconds). The copy is "
        "checked before it counts. Restore a copy with `python -m lokal restore FILE` while the app is stopped "
        "(README, 'Backups').",
    "Automatisk sikkerhedskopi hver {hours} timer.": "Automatic backup every {hours} hours.",
    "Automatisk sikkerhedskopi er slået fra (sæt LOKAL_BACKUP_HOURS, fx 24).":
        "Automatic backup is off (set LOKAL_BACKUP_HOURS, e.g. 24).",
    "Den seneste automatiske sikkerhedskopi mislykkedes": "The last automatic backup failed",
    "Tag sikkerhedskopi nu": "Back up now",
    "Tager sikkerhedskopi …": "Backing up …",
    "Sikkerhedskopien er gemt: {file} ({size}, {seconds} s).": "The backup is saved: {file} ({size}, {seconds} s).",
    "Ingen endnu.": "None yet.",
    "Fil": "File",
    "Størrelse (MB)": "Size (MB)",
}
