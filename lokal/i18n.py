"""Language: the Danish→English catalogue and Danish/English number and date formats.

Danish is the source language: UI code writes Danish text and calls ``t(text, lang)``; the
catalogue gives the English. A test checks that every text passed to ``t`` in the code has
an English entry. Formats follow PRODUCT.md: 1.234,5 and 23-11-2026 in Danish.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from lokal.i18n_approval import EN as APPROVAL_EN
from lokal.i18n_chamber import EN as CHAMBER_EN
from lokal.i18n_directory import EN as DIRECTORY_EN
from lokal.i18n_entry import EN as ENTRY_EN
from lokal.i18n_evaluation import EN as EVALUATION_EN
from lokal.i18n_faults import EN as FAULTS_EN
from lokal.i18n_interpretations import EN as INTERPRETATIONS_EN
from lokal.i18n_recruitment import EN as RECRUITMENT_EN

LANGS = ("da", "en")

EN: dict[str, str] = {
    # Frame and navigation
    "Oversigt": "Overview",
    "Kort": "Map",
    "Område": "Area",
    "Indikatorer": "Indicators",
    "Sprog": "Language",
    "Filtre": "Filters",
    "Fra kvartal": "From quarter",
    "Til kvartal": "To quarter",
    "Områder": "Areas",
    "Alle områder": "All areas",
    "Fokusområder": "Focus areas",
    "Øvrige områder": "Other areas",
    "Tilbudstype": "Offer category",
    "Alle tilbud": "All offers",
    "Kommunale tilbud": "Municipal offers",
    "Civilsamfundsaktiviteter": "Civil-society activities",
    "Demodata": "Demo data",
    "Data til og med": "Data up to",
    "Periode": "Period",
    "Lokale sundhedsindsatser": "Local health initiatives",
    "Bygger demodata første gang …": "Building demo data for the first time …",
    "Databasen bruges af et andet program lige nu. Prøv igen om lidt.":
        "The database is in use by another program right now. Try again in a moment.",
    "Prøv igen": "Try again",
    # The council's release (lokal.release): whole quarters and years that have ended
    "Byrådet ser ét afsluttet kvartal eller kalenderår ad gangen (se Indikatorer).":
        "The council sees one ended quarter or calendar year at a time (see Indicators).",
    "Som byrådsmedlem ser du ét afsluttet kvartal eller kalenderår ad gangen, så små tal ikke kan regnes ud ved at "
    "trække perioder fra hinanden. Linket bad om {asked}; viser {shown}.":
        "As a council member you see one ended quarter or calendar year at a time, so that small numbers cannot "
        "be worked out by subtracting one period from another. The link asked for {asked}; showing {shown}.",
    "Møde og byrådets visninger viser hele kvartaler og kalenderår, der er afsluttet. Der er endnu ikke et "
    "afsluttet kvartal med data; tallene kommer, når det første kvartal er slut.":
        "Møde and the council's views show whole quarters and calendar years that have ended. There is no ended "
        "quarter with data yet; the figures come when the first quarter is over.",
    # Fixed category values (recruitment channels, partner, collaboration and knowledge kinds, audiences, …)
    'annonce': 'advert',
    'lokalavis': 'local paper',
    'sociale medier': 'social media',
    'plakat': 'posters',
    'husstandsomdeling': 'door-to-door leaflets',
    'frontpersonale': 'frontline staff',
    'egen læge': 'own GP',
    'jobcenter': 'job centre',
    'fagforening': 'trade union',
    'boligforening': 'housing association',
    'mund-til-mund': 'word of mouth',
    'sms/telefon': 'text message/phone',
    'samråd': 'local council',
    'forening': 'association',
    'aftenskole': 'evening school',
    'arbejdsplads': 'workplace',
    'lægepraksis': 'GP practice',
    'apotek': 'pharmacy',
    'frivillige': 'volunteers',
    'kommunal forvaltning': 'municipal department',
    'fælles aktivitet': 'joint activity',
    'rekruttering': 'recruitment',
    'lokaler': 'premises',
    'netværk': 'network',
    'videndeling': 'knowledge sharing',
    'oplæg': 'talk',
    'temadag': 'theme day',
    'uddannelse af frontpersonale': 'training of frontline staff',
    'uddannelse af frivillige': 'training of volunteers',
    'sundhedsprofil': 'health profile',
    'evaluering': 'evaluation',
    'borgere': 'citizens',
    'partnere': 'partners',
    'kvinde': 'woman',
    'mand': 'man',
    'åben': 'open',
    'afgrænset': 'limited',
    'målrettet': 'targeted',
    # Set-up (page Opsætning) and day one
    "række": "row",
    "Posten findes allerede (samme {key}). Ret den under »Ret eller slet« i stedet.":
        "The record exists already (same {key}). Correct it under 'Edit or delete' instead.",
    "Fortryd ændringen": "Undo the change",
    "Annullér": "Cancel",
    "Fortrudt": "Undone",
    "Aldersgruppe": "Age band",
    "Køn": "Sex",
    "Bopælsområde": "Home area",
    "Pseudonym": "Pseudonym",
    "Tidspunkt (valgfrit)": "Time (optional)",
    "fx 17:00": "e.g. 17:00",
    "Kun når tilbuddet har flere gange samme dag": "Only when the offer has more than one session on a day",
    "Var det en gang mere samme dag, så skriv et tidspunkt for den nye gang og gem igen.":
        "If it was another session on the same day, enter a time for the new session and save again.",
    "Ny deltager": "New participant",
    "Ny": "New",
    "Slettes": "Deleted",
    "Slet posten": "Delete the record",
    "Posten forsvinder fra alle tal og kan gendannes under »Vis slettede«.":
        "The record disappears from every figure and can be restored under 'Show deleted'.",
    "Posten slettes (kan gendannes).": "The record is deleted (it can be restored).",
    "Det ændres ved importen": "What the import changes",
    "Ændring (før → efter)": "Change (before → after)",
    "Du har ingen ændringer at fortryde.": "You have no changes to undo.",
    "Fortryd ændring": "Undo change",
    "nr.": "no.",
    "Der er allerede registreret {n} fremmødte den dag. Vil du rette det?":
        "{n} attendees are already recorded for that day. Do you want to correct it?",
    "Find en deltager (pseudonym)": "Find a participant (pseudonym)",
    "Søg efter pseudonym": "Search by pseudonym",
    "Skriv en del af pseudonymet. Skriv det fundne pseudonym i feltet Deltager.":
        "Type part of the pseudonym. Enter the pseudonym found in the field Participant.",
    "Ingen deltager har et pseudonym, der passer. Brug det nye pseudonym i formularen.":
        "No participant has a matching pseudonym. Use the new pseudonym in the form.",
    "befolkning mangler for {n} områder efter importen; de indgår ikke i satserne pr. 1.000 voksne, før befolkningen "
    "er importeret (python -m lokal population import, eller siden Områder).": "population is missing for {n} areas "
    "after the import; they are left out of the rates per 1,000 adults until the population is imported (python -m "
    "lokal population import, or the Areas page).",
    "Person (e-mail)": "Person (e-mail)",
    "Vælg områder": "Choose areas",
    "Hvem har hvilken rolle. En person findes på e-mailen, de logger ind med; en gruppe på gruppens id fra login (i "
    "Entra ID gruppens objekt-id). Det, der står her, gælder; en rollefil læses kun ind som udgangspunkt.":
        "Who has which role. A person is found by the e-mail they log in with; a group by the group's id from the "
        "login (in Entra ID the group's object id). What is here applies; a role file is only read in as a start.",
    "Uden login: alle, der kan åbne siden, har administratorrettigheder. Sæt login op (README, »Login og roller«), "
    "før andre end administratoren får adressen.": "Without login: everyone who can open the page has administrator "
    "rights. Set up login (README, 'Login and roles') before anyone but the administrator gets the address.",
    "Administrator (uden login)": "Administrator (no login)",
    "Hvem der har hvilken rolle og hvilke områder, sættes på siden Opsætning.":
        "Who has which role and which areas is set on the Set-up page.",
    "Rollerne nævner områdekoder, som databasen ikke har: {codes}. De koordinatorer kan ikke registrere noget dér.":
        "The roles name area codes the database does not have: {codes}. Those coordinators cannot record anything there.",
    "Intet er ændret.": "Nothing has changed.",
    "fx 0851": "e.g. 0851",
    "fx Aalborg Kommune": "e.g. Aalborg Kommune",
    "Sundhedsprofil": "Health profile",
    "Befolkning": "Population",
    "Antal tilbud": "Offers",
    "Ingen områder har en sundhedsprofil endnu, så behov og deltagelse kan ikke sammenholdes. Sundhedsprofilen importeres på siden Områder.":
        "No area has a health profile yet, so need and participation cannot be set side by side. The health profile is imported on the Areas page.",
    "Reglerne bag tallene": "The rules behind the figures",
    "Ingen vurdering mod kommunen (gentagne besøg)": "No verdict against the kommune (repeat visits)",
    "Planlagte gange (hele forløbet)": "Planned sessions (whole course)",
    "Afholdte gange i perioden": "Sessions held in the period",
    "Fremmøde i perioden": "Attendance in the period",
    "Befolkning mangler for {n} områder ({names}). De indgår ikke i satserne pr. 1.000 voksne – hverken for området "
    "eller for kommunen; antal tæller med. Befolkningen importeres på siden Områder.":
        "Population is missing for {n} areas ({names}). They are left out of the rates per 1,000 adults – for the "
        "area and for the kommune alike; counts include them. The population is imported on the Areas page.",
    "Befolkning mangler": "Population missing",
    'Forløbenes resultater og svartid': 'Results of the courses and response time',
    'Bekræft og gem': 'Confirm and save',
    'Data dækker {first}–{last}. {moved} ligger uden for; viser i stedet {shown}.': 'The data cover {first}–{last}. {moved} lies outside; showing {shown} instead.',
    'Datadato': 'Data date',
    'Datadatoen er gemt.': 'The data date has been saved.',
    'De områder, indsatsen flyttes ud i, og hvornår. Et område kan være fokusområde flere gange; hver periode gemmes for sig.': 'The areas the initiative moves into, and when. An area can be a focus area more than once; each period is kept on its own.',
    'E-mail eller gruppe-id': 'E-mail or group id',
    'Fanen »{tab}« nedenfor': "The '{tab}' tab below",
    'Fjern rollen': 'Remove the role',
    'Fokusperioden er gemt.': 'The focus period has been saved.',
    'Fokusperioden er slettet.': 'The focus period has been deleted.',
    'Fokusperioder': 'Focus periods',
    'Følg seneste registrering': 'Follow the latest record',
    'Gem kommune': 'Save kommune',
    'Gå til Opsætning': 'Go to Set-up',
    'Gå til siden': 'Go to the page',
    'Hvem har hvilken rolle. Personer findes på e-mailen fra deres login, grupper på gruppens id (claimet »groups«). Databasen er det gældende sted; en rollefil læses kun ind som start.': "Who has which role. People are matched on the e-mail of their login, groups on the group's id (the 'groups' claim). The database is what counts; a role file is only read in as a start.",
    'Importér fokusperioder fra CSV eller Excel': 'Import focus periods from CSV or Excel',
    'Importér områderne først (siden Områder).': 'Import the areas first (page Areas).',
    'Importér tilbudstyper fra CSV eller Excel': 'Import offer types from CSV or Excel',
    'Ingen felter ændres.': 'No field changes.',
    'Ingen fokusperioder endnu.': 'No focus periods yet.',
    'Ingen har en rolle endnu.': 'Nobody has a role yet.',
    'Ingen kommune er oprettet endnu.': 'No kommune has been added yet.',
    'Kataloget over kommunale tilbud og civilsamfundsaktiviteter, som koordinatorerne vælger imellem. En udgået type beholder sine tilbud og sin historik, men kan ikke vælges til nye.': 'The catalogue of municipal offers and civil-society activities that coordinators choose from. A retired type keeps its offers and history but cannot be chosen for new ones.',
    'Kommune': 'Kommune',
    'Kommunen, områderne hører til (kommunekoden fra områdeimporten). En database kan rumme flere kommuner; hvert område sammenlignes med sin egen kommune.': 'The kommune the areas belong to (the kommune code from the area import). A database can hold several kommuner; each area is compared with its own kommune.',
    'Login er ikke sat op, så alle er stadig administratorer. Rollerne gælder, når login er sat op (se README, »Login og roller«).': "Login is not set up, so everyone is still an administrator. The roles apply once login is set up (see the README, 'Login and roles').",
    'Lokal er ikke sat op med kommunens data endnu. Spørg jeres administrator, som sætter Lokal op på siden Opsætning.': "Lokal has not been set up with the kommune's data yet. Ask your administrator, who sets Lokal up on the Set-up page.",
    'Ny datadato': 'New data date',
    'Ny fokusperiode': 'New focus period',
    'Ny kommune': 'New kommune',
    'Ny person eller gruppe': 'New person or group',
    'Ny tilbudstype': 'New offer type',
    'Næste skridt': 'Next step',
    'Områder (kun koordinatorer)': 'Areas (coordinators only)',
    'Opsætning': 'Set-up',
    'Ret en fokusperiode, eller tilføj en ny': 'Edit a focus period, or add a new one',
    'Ret en person eller gruppe, eller tilføj en ny': 'Edit a person or group, or add a new one',
    'Ret en tilbudstype, eller opret en ny': 'Edit an offer type, or add a new one',
    'Ret fokusperiode': 'Edit focus period',
    'Ret kommune': 'Edit kommune',
    'Rollen er fjernet.': 'The role has been removed.',
    'Rollen er gemt.': 'The role has been saved.',
    'Slet fokusperiode': 'Delete focus period',
    'Slet perioden': 'Delete the period',
    'Start med egne data på siden Opsætning: den viser, hvad der er sat op, og hvad der kommer næst (kommune, områder, befolkning, tilbudstyper, fokusområder, brugere og de første data). Vil I se Lokal med demodata først, så kør `python -m lokal demo`.': 'Start with your own data on the Set-up page: it shows what is set up and what comes next (kommune, areas, population, offer types, focus areas, users and the first data). To see Lokal with demo data first, run `python -m lokal demo`.',
    'Sæt datadatoen': 'Set the data date',
    'Til administratorer: alt, hvad kommunen skal sætte op for at komme i gang med egne data — uden SQL. Hver ændring vises, før den gemmes, og står bagefter i revisionsloggen.': 'For administrators: everything the kommune sets up to start with its own data — without SQL. Every change is shown before it is saved, and is recorded in the audit log.',
    'Tilbudstypen er gemt.': 'The offer type has been saved.',
    'Tilbudstyper': 'Offer types',
    'Tilføj standardkatalogets manglende typer': "Add the standard catalogue's missing types",
    'Tjekliste': 'Checklist',
    'Vis ændringen': 'Show the change',
    'dette ændres, når du bekræfter': 'this changes when you confirm',
    'i brug': 'in use',
    'ingen slutdato': 'no end date',
    'sat af en administrator': 'set by an administrator',
    'seneste registrering': 'latest record',
    'udgået': 'retired',
    'valgfrit': 'optional',
    '{n} tilbudstyper er tilføjet.': '{n} offer types have been added.',
    '{n} typer fra standardkataloget mangler: {names}.': '{n} types of the standard catalogue are missing: {names}.',
    '»Data til og med« er den seneste dato, data er registreret for. Den følger af sig selv den seneste registrering (afholdt gang, tilmelding, vidensaktivitet, samarbejde, logbog), men kan sættes fast, fx til den dag, et kvartal er tastet færdigt. Perioder efter datoen vises som foreløbige.': "'Data up to' is the latest date for which data are recorded. It follows the latest record by itself (session, enrolment, knowledge activity, collaboration, log entry), but can be fixed, e.g. to the day a quarter has been entered in full. Periods after the date are shown as provisional.",
    'Befolkning og sundhedsprofil': 'Population and health profile',
    'Fokusområder og -perioder': 'Focus areas and periods',
    'Første data': 'First data',
    'Kost': 'Diet',
    'Rygning': 'Smoking',
    'Alkohol': 'Alcohol',
    'Motion': 'Exercise',
    'Mental sundhed': 'Mental health',
    'Effektmål': 'Outcome',
    'KRAMM': 'KRAMM',
    'Fokus fra': 'Focus from',
    'Fokus til': 'Focus until',
    # Empty state
    "Der er ingen data endnu": "There is no data yet",
    # Groups
    "Udbudskapacitet": "Offer capacity",
    "Relationel kapacitet": "Relational capacity",
    "Vidensmæssig kapacitet": "Knowledge capacity",
    "Deltagelse": "Participation",
    "Behov": "Need",
    # Comparison
    "bedre": "better",
    "som": "similar",
    "dårligere": "worse",
    "Bedre end kommunen": "Better than the kommune",
    "Som kommunen": "Similar to the kommune",
    "Dårligere end kommunen": "Worse than the kommune",
    "Kan ikke vurderes": "Cannot be assessed",
    "Kommunen": "The kommune",
    "Kommunen i alt": "The kommune in total",
    "Sammenligning med kommunen": "Comparison with the kommune",
    # Overview
    "Nøgletal for kommunen": "Key figures for the kommune",
    "Nøgletal for fokusområderne": "Key figures for the focus areas",
    "De tre kapaciteter pr. område": "The three capacities by area",
    "Farven viser, om området ligger bedre, som eller dårligere end kommunen (95 %-sikkerhedsinterval); "
    "tallet er områdets værdi.":
        "The colour shows whether the area is better than, similar to or worse than the kommune "
        "(95 % confidence interval); the number is the area's value.",
    "Udvikling pr. kvartal": "Trend by quarter",
    "Indikator": "Indicator",
    "Fokusområder mod øvrige områder": "Focus areas against other areas",
    "fokus": "focus",
    "øvrige": "others",
    "Behov og deltagelse": "Need and participation",
    "Områder med stort behov og lav deltagelse": "Areas with high need and low participation",
    "Stort behov, lav deltagelse": "High need, low participation",
    "Områder med et sundhedsbehov over kommunens og færre deltagere pr. 1.000 voksne end kommunen.":
        "Areas with a health need above the kommune's and fewer participants per 1,000 adults than the "
        "kommune.",
    "Ingen områder har både større behov og lavere deltagelse end kommunen i perioden.":
        "No area has both a greater need and lower participation than the kommune in the period.",
    "Rangering af områder": "Ranking of areas",
    "Sortér efter": "Sort by",
    "Vis som tabel": "Show as table",
    "Rang": "Rank",
    "Værdi": "Value",
    "Enhed": "Unit",
    "Fokusområde": "Focus area",
    "Voksne": "Adults",
    "Voksne 40–60 år": "Adults aged 40–60",
    "ja": "yes",
    "nej": "no",
    # Map
    "Klassedeling": "Classification",
    "Kvantiler": "Quantiles",
    "Lige store intervaller": "Equal intervals",
    "Vis mødesteder": "Show venues",
    "Signaturforklaring": "Legend",
    "Kortet viser": "The map shows",
    "Mødesteder vises som mørke prikker.": "Venues are shown as dark dots.",
    "Data til og med {d}: tallene fra {q} er foreløbige (stiplet).":
        "Data up to {d}: the figures from {q} on are provisional (dotted).",
    "Kortvisning": "Map view",
    "Hurtigt kort": "Quick map",
    "Kort med zoom": "Map with zoom",
    "Hold musen over et område for navn og værdi; klik for at åbne det.":
        "Hover over an area for its name and value; click to open it.",
    "Hold musen over et område for navn og værdi.": "Hover over an area for its name and value.",
    "Zoom med musehjulet eller to fingre; hold musen over et område for navn og værdi.":
        "Zoom with the mouse wheel or two fingers; hover over an area for its name and value.",
    "Kortets tal som tabel": "The map's figures as a table",
    "Ingen data": "No data",
    # Area page
    "Vælg område": "Choose area",
    "Kapaciteter over tid mod mål": "Capacities over time against targets",
    "Mål": "Targets",  # the page; a target value is t_in("Mål", "værdi")
    "Tilbud og aktiviteter": "Offers and activities",
    "Status": "Status",
    "Deltagelse og effekt": "Participation and outcome",
    "Tilmeldt": "Enrolled",
    "Gennemført": "Completed",
    "Effekt ved afslutning": "Outcome at end",
    "Effekt ved opfølgning": "Outcome at follow-up",
    "Rekrutteringskanaler": "Recruitment channels",
    "Tilmeldinger": "Enrolments",
    "Partnere og samarbejder": "Partners and collaborations",
    "Vidensaktiviteter": "Knowledge activities",
    "Sundhedsprofil mod kommunen": "Health profile against the kommune",
    "Seneste logbog": "Latest log entries",
    "Ingen poster i perioden.": "No entries in the period.",
    "Ingen tilmeldinger i perioden.": "No enrolments in the period.",
    "Ingen sundhedsprofil for området.": "No health profile for the area.",
    "Ingen mål sat for området.": "No targets set for the area.",
    "Andel af voksne (%)": "Share of adults (%)",
    "Antal": "Count",
    "Fokusperiode": "Focus period",
    "Intet fokusområde": "Not a focus area",
    "Måling": "Measurement",
    "År": "Year",
    # Tables
    "Titel": "Title",
    "Type": "Type",
    "Kategori": "Category",
    "Start": "Start",
    "Slut": "End",
    "Planlagte gange": "Planned sessions",
    "Afholdte gange": "Sessions held",
    "Fremmøde i alt": "Total attendance",
    "Pladser": "Seats",
    "Partner": "Partner",
    "Mødested": "Venue",
    "Rekruttering": "Recruitment",
    "Pris (kr.)": "Cost (DKK)",
    "Aktør": "Actor",
    "Aktørtype": "Actor type",
    "Samarbejde": "Collaboration",
    "Bæres af området": "Carried on by the area",
    "Dato": "Date",
    "Målgruppe": "Audience",
    "Deltagere": "Attendees",
    "Uddannet": "Trained",
    "Forfatter": "Author",
    "Tekst": "Text",
    "Kanal": "Channel",
    # Indicators page
    "Definitioner af alle indikatorer": "Definitions of all indicators",
    "Hver indikator er defineret ét sted og bruges ens på alle sider, kort og tabeller.":
        "Each indicator is defined in one place and used the same way on every page, map and table.",
    "Definition": "Definition",
    "Bedst når": "Better when",
    "højere": "higher",
    "lavere": "lower",
    "Id": "Id",
    "Beregning": "Calculation",
    "antal": "count",
    "andel": "share",
    "rate": "rate",
    "median": "median",
    "indeks": "index",
    # Statuses and categories (data values shown in the UI)
    "planlagt": "planned",
    "igangværende": "running",
    "gennemført": "completed",
    "aflyst": "cancelled",
    "udskudt": "postponed",
    "kommunalt": "municipal",
    "landsby": "village",
    "boligområde": "housing area",
    "bydel": "city district",
    "sogn": "parish",
    "andet": "other",
    "tilbud": "offer",
    "deltagelse": "participation",
    "samarbejde": "collaboration",
    "viden": "knowledge",
    "civilsamfund": "civil society",
    "Vis områder (søg efter navn)": "Show areas (search by name)",
    "Der er {n} områder. Som udgangspunkt vises de {k} med størst behov.":
        "There are {n} areas. By default the {k} with the greatest need are shown.",
    # --- Aktivitetslog (data entry, import, history) ---
    "Ingen ændringer registreret endnu.": "No changes recorded yet.",
    "Rettet": "Corrected",
    "Fremmødet var allerede registreret sådan; intet er ændret.": "That attendance was already recorded; nothing changed.",
    "Aktivitetslog": "Activity log",
    "Alle ændringer er gemt.": "All changes are saved.",
    "Decimaler med komma, fx 12,5": "Decimals with a comma, e.g. 12,5",
    'Der er ingen tilbud i området endnu. Opret et under »Ny post«.': 'There are no offers in the area yet. Create one under "New record".',
    "Din udgave": "Your version",
    "Dit navn": "Your name",
    "Felt": "Field",
    "Filen har fejl. Intet er importeret; ret rækkerne ovenfor og prøv igen.": "The file has errors. Nothing was imported; correct the rows above and try again.",
    "Fortryd min seneste ændring": "Undo my last change",
    "Fremmøde": "Attendance",
    "Fremmøde for flere gange": "Attendance for several sessions",
    "Gem": "Save",
    "Gem alle": "Save all",
    "Gem fremmøde": "Save attendance",
    "Gem trods advarsler": "Save despite warnings",
    "Gem ændringer": "Save changes",
    "Gemt": "Saved",
    "Gendan": "Restore",
    "Hent CSV": "Download CSV",
    "Hent Excel": "Download Excel",
    "Historik": "History",
    "Hurtig registrering": "Quick entry",
    "Import": "Import",
    "Importerer …": "Importing …",
    "Importér alt": "Import all",
    "Importér trods advarsler": "Import despite warnings",
    "Klar til import": "Ready to import",
    "Kolonner": "Columns",
    "Note": "Note",
    "Note (valgfri)": "Note (optional)",
    "Nu i databasen": "Now in the database",
    "Ny post": "New record",
    "Post": "Record",
    'Posten er slettet. Du kan gendanne den under »Vis slettede«.': 'The record is deleted. You can restore it under "Show deleted".',
    "Posten er slettet. Du kan gendanne den.": "The record is deleted. You can restore it.",
    "Postens historik": "The record's history",
    "Posttype": "Record type",
    "Ret eller slet": "Edit or delete",
    "Ret tallene, tilføj rækker for nye gange, eller slet rækker. Alt gemmes samlet.": "Correct the numbers, add rows for new sessions, or delete rows. Everything is saved together.",
    "Skabelon (CSV)": "Template (CSV)",
    "Skabelon (Excel)": "Template (Excel)",
    "Slet": "Delete",
    "Står i historikken ved hver ændring, du gemmer.": "Shown in the history next to every change you save.",
    'Sæt flueben i »Gem trods advarsler« for at gemme alligevel.': 'Tick "Save despite warnings" to save anyway.',
    "Tilbud": "Offer",
    "Valideringsrapport": "Validation report",
    "Vis slettede": "Show deleted",
    "Vælg en CSV- eller Excel-fil": "Choose a CSV or Excel file",
    "fremmødte": "attended",
    "opdateres": "to update",
    "rækker": "rows",
    "tegnsæt": "encoding",
    "uændrede": "unchanged",
    "Ændringerne er gemt.": "The changes are saved.",
    "oprettet": "created",
    "rettet": "edited",
    "slettet": "deleted",
    "gendannet": "restored",
    "importeret": "imported",
    "demodata": "demo data",
    "Tidspunkt": "Time",
    "Bruger": "User",
    "Handling": "Action",
    "Ændring": "Change",
    "Nr.": "No.",
    "Niveau": "Level",
    "Række": "Row",
    "fejl": "error",
    "advarsel": "warning",
    "nye": "new",
    "opdateret": "updated",
    "Besked": "Message",
    "Importeret": "Imported",
    # --- Møde (meeting mode, handouts, small-number protection) ---
    "Møde": "Meeting",
    "Fokusområderne": "The focus areas",
    "Visning": "View",
    "Normal": "Normal",
    "Præsentation": "Presentation",
    "sammenlignet med": "compared with",
    "Kort fortalt": "In short",
    "De tre kapaciteter": "The three capacities",
    "Områderne i tal": "The areas in figures",
    "Mødeoplæg": "Meeting handout",
    "PDF og PowerPoint med det, der vises her; for alle områder med en side pr. område. "
    "Det tager lidt tid at tegne diagrammerne.":
        "PDF and PowerPoint with what is shown here; for all areas with a page per area. "
        "Drawing the charts takes a little while.",
    "Hent PDF": "Download PDF",
    "Hent PowerPoint": "Download PowerPoint",
    # --- Områder (area import, population, admin) ---
    "Til administratorer: importér lokalområdernes grænser, befolkningstal og sundhedsprofil. Hver import vises "
    "først som en prøvekørsel; intet skrives, før du trykker Importér.":
        "For administrators: import the local areas' boundaries, population figures and health profile. Every import "
        "is first shown as a dry run; nothing is written until you press Import.",
    "Områderne i databasen": "The areas in the database",
    "Der er ingen områder endnu. Importér dem fra en GeoJSON-fil nedenfor.":
        "There are no areas yet. Import them from a GeoJSON file below.",
    "Kommuner": "Kommunes",
    "Med grænse": "With a boundary",
    "Areal i alt (km²)": "Total area (km²)",
    "Areal (km²)": "Area (km²)",
    "Alle områder som tabel": "All areas as a table",
    "Kode": "Code",
    "Navn": "Name",
    "Kommunekode": "Kommune code",
    "Mænd": "Men",
    "Kvinder": "Women",
    "Importér områdegrænser (GeoJSON)": "Import area boundaries (GeoJSON)",
    "GeoJSON eller en zip-fil med én GeoJSON-fil. Koordinater i ETRS89/UTM32 (EPSG:25832) omregnes til længde og "
    "bredde; ugyldige geometrier repareres. Områder med en kendt kode opdateres, så deres tilbud og historik "
    "bevares; områder, der mangler i filen, rapporteres, men slettes ikke.":
        "GeoJSON or a zip file holding one GeoJSON file. Coordinates in ETRS89/UTM32 (EPSG:25832) are converted to "
        "longitude and latitude; invalid geometries are repaired. Areas with a known code are updated, so their "
        "offers and history are kept; areas missing from the file are reported, not deleted.",
    "Vælg GeoJSON- eller zip-fil": "Choose a GeoJSON or zip file",
    "Egenskab med navn": "Property with the name",
    "Egenskab med kode": "Property with the code",
    "Én kode for hele filen": "One code for the whole file",
    "Kommunekode for hele filen": "Kommune code for the whole file",
    "Områdetype": "Area type",
    "Nye: andet; kendte beholder deres": "New: other; known keep theirs",
    "Referencesystem": "Coordinate reference system",
    "Automatisk (fra filen eller koordinaterne)": "Automatic (from the file or the coordinates)",
    "Prøvekørsel": "Dry run",
    "objekter": "features",
    "referencesystem": "reference system",
    "fra filen": "from the file",
    "valgt": "chosen",
    "gættet ud fra koordinaterne": "guessed from the coordinates",
    "Nye": "New",
    "Opdaterede": "Updated",
    "Uændrede": "Unchanged",
    "Reparerede": "Repaired",
    "Afviste": "Rejected",
    "Forsvundne": "Disappeared",
    "opdaterede": "updated",
    "afviste": "rejected",
    "forsvundne": "disappeared",
    "ny": "new",
    "uændret": "unchanged",
    "repareret": "repaired",
    "afvist": "rejected",
    "forsvundet": "disappeared",
    "Objekt": "Feature",
    "Afviste objekter importeres ikke. Ret dem i filen, og importér den igen.":
        "Rejected features are not imported. Correct them in the file and import it again.",
    "Prøvekørslens rapport": "The dry run's report",
    "Importér": "Import",
    "Intet at importere: alle områder i filen er uændrede.": "Nothing to import: all areas in the file are unchanged.",
    "Importér befolkning og sundhedsprofil (CSV eller Excel)": "Import population and health profile (CSV or Excel)",
    "Én række pr. område: en kolonne med områdekoden og fx voksne, voksne 40-60, mænd, kvinder, mænd 40-60, "
    "kvinder 40-60 og sundhedsmålene (fx dagligrygning) i procent. Dansk decimalkomma er i orden. Er der fejl i en "
    "celle, skrives intet.":
        "One row per area: a column with the area code and e.g. voksne (adults), voksne 40-60, mænd (men), kvinder "
        "(women), mænd 40-60, kvinder 40-60 and the health measures (e.g. dagligrygning) in percent. A Danish "
        "decimal comma is fine. If any cell is wrong, nothing is written.",
    "Vælg CSV- eller Excel-fil": "Choose a CSV or Excel file",
    "Kolonne med områdekode": "Column with the area code",
    "År for sundhedsmålene (hvis filen ikke har en kolonne 'år')":
        "Year of the health measures (if the file has no column 'år')",
    "Kilde (hvis filen ikke har en kolonne 'kilde')": "Source (if the file has no column 'kilde')",
    "befolkning for": "population for",
    "områder": "areas",
    "værdier i sundhedsprofilen": "values in the health profile",
    "Fejl": "Error",
    "Fejl i filen; intet bliver skrevet, før de er rettet": "Errors in the file; nothing is written until they are "
                                                          "corrected",
    "Intet at importere: tallene er de samme som i databasen.":
        "Nothing to import: the figures are the same as in the database.",
    "Mødesteder uden for tilbuddets område": "Venues outside their offer's area",
    "Alle mødesteder med koordinater ligger i deres tilbuds område.":
        "All venues with coordinates lie in their offer's area.",
    # Area import messages (lokal/areas.py TEXTS)
    "Objekt {n} (kode '{code}')": "Feature {n} (code '{code}')",
    "Objekt {n}": "Feature {n}",
    "Området '{code}' ({name})": "Area '{code}' ({name})",
    "Filen '{file}' er ikke gyldig JSON (linje {line}, kolonne {col}).":
        "The file '{file}' is not valid JSON (line {line}, column {col}).",
    "Filen '{file}' er ikke GeoJSON: den skal være en FeatureCollection eller en Feature, men er '{type}'.":
        "The file '{file}' is not GeoJSON: it must be a FeatureCollection or a Feature, but is '{type}'.",
    "Filen '{file}' indeholder en enkelt geometri uden egenskaber; områder skal komme som en FeatureCollection med "
    "navn og kode for hvert område.":
        "The file '{file}' holds a single geometry without properties; areas must come as a FeatureCollection with "
        "a name and a code for each area.",
    "Filen '{file}' indeholder ingen objekter.": "The file '{file}' holds no features.",
    "Filen '{file}' er ikke en gyldig zip-fil.": "The file '{file}' is not a valid zip file.",
    "Zip-filen '{file}' indeholder ingen GeoJSON-fil (.geojson eller .json).":
        "The zip file '{file}' holds no GeoJSON file (.geojson or .json).",
    "Zip-filen '{file}' indeholder en shapefil ({names}); gem den som GeoJSON i jeres GIS-program, og importér den.":
        "The zip file '{file}' holds a shapefile ({names}); save it as GeoJSON in your GIS program and import that.",
    "Zip-filen '{file}' indeholder flere GeoJSON-filer ({names}); pak kun én fil ad gangen.":
        "The zip file '{file}' holds several GeoJSON files ({names}); zip only one file at a time.",
    "Filen var ikke UTF-8; den er læst som Windows-1252 (tjek æ, ø og å i navnene).":
        "The file was not UTF-8; it was read as Windows-1252 (check æ, ø and å in the names).",
    "Filens referencesystem '{crs}' kendes ikke; angiv det, fx EPSG:25832.":
        "The file's reference system '{crs}' is not known; choose one, e.g. EPSG:25832.",
    "Referencesystemet '{crs}' kendes ikke; skriv fx EPSG:25832.":
        "The reference system '{crs}' is not known; write e.g. EPSG:25832.",
    "Koordinaternes referencesystem kan ikke gættes (x fra {x0} til {x1}, y fra {y0} til {y1}); angiv det, fx "
    "EPSG:25832.":
        "The coordinates' reference system cannot be guessed (x from {x0} to {x1}, y from {y0} to {y1}); choose it, "
        "e.g. EPSG:25832.",
    "Egenskaben '{field}' findes ikke i filen; vælg blandt: {fields}.":
        "The property '{field}' is not in the file; choose from: {fields}.",
    "Angiv kommunekoden: filen har ingen egenskab med kommunekoden, og databasen kender ingen kommune.":
        "Give the kommune code: the file has no property with it, and the database knows no kommune.",
    "Områdetypen '{kind}' findes ikke; vælg blandt: {kinds}.": "The area type '{kind}' does not exist; choose from: "
                                                               "{kinds}.",
    "Kommunekoden '{value}' er ugyldig; den skal være 3–4 cifre.":
        "The kommune code '{value}' is invalid; it must be 3–4 digits.",
    "Områderne ligger ikke i Danmark (længde {x0} til {x1}, bredde {y0} til {y1}); er referencesystemet rigtigt?":
        "The areas do not lie in Denmark (longitude {x0} to {x1}, latitude {y0} to {y1}); is the reference system "
        "right?",
    "mangler en kode (egenskaben '{field}' er tom)": "has no code (the property '{field}' is empty)",
    "mangler et navn (egenskaben '{field}' er tom)": "has no name (the property '{field}' is empty)",
    "kommunekoden '{value}' i egenskaben '{field}' er ugyldig; den skal være 3–4 cifre":
        "the kommune code '{value}' in the property '{field}' is invalid; it must be 3–4 digits",
    "har ingen geometri": "has no geometry",
    "geometrien er en {type}; kun Polygon og MultiPolygon kan bruges":
        "the geometry is a {type}; only Polygon and MultiPolygon can be used",
    "geometrien kan ikke læses: en ring har færre end 4 punkter":
        "the geometry cannot be read: a ring has fewer than 4 points",
    "geometrien kan ikke læses: koordinaterne skal være par af tal":
        "the geometry cannot be read: the coordinates must be pairs of numbers",
    "geometrien har intet areal, heller ikke efter reparation": "the geometry has no area, not even after repair",
    "koordinaterne kan ikke omregnes til længde- og breddegrad med {crs}":
        "the coordinates cannot be converted to longitude and latitude with {crs}",
    "koden '{code}' findes også i objekt {others}; hver kode må kun forekomme én gang":
        "the code '{code}' is also used by feature {others}; each code may occur only once",
    "geometrien er repareret: {reason}": "the geometry was repaired: {reason}",
    "en ring var ikke lukket; den er lukket": "a ring was not closed; it has been closed",
    "navnet var forkert kodet og er rettet fra '{old}' til '{new}'":
        "the name was wrongly encoded and has been corrected from '{old}' to '{new}'",
    "selvoverskæring ved punktet ({at})": "self-intersection at the point ({at})",
    "en ring skærer sig selv ved punktet ({at})": "a ring intersects itself at the point ({at})",
    "et hul ligger uden for den ydre ring ved punktet ({at})": "a hole lies outside the outer ring at the point ({at})",
    "et hul ligger inden i et andet hul ved punktet ({at})": "a hole lies inside another hole at the point ({at})",
    "det indre er delt i flere stykker ved punktet ({at})": "the interior is split into pieces at the point ({at})",
    "to dele ligger inden i hinanden ved punktet ({at})": "two parts lie inside each other at the point ({at})",
    "den samme ring står to gange ved punktet ({at})": "the same ring occurs twice at the point ({at})",
    "en ring har for få forskellige punkter ved punktet ({at})": "a ring has too few distinct points at the point ({at})",
    "en koordinat er ugyldig ved punktet ({at})": "a coordinate is invalid at the point ({at})",
    "ugyldig geometri ({reason})": "invalid geometry ({reason})",
    "findes i databasen, men ikke i filen; området og dets data er bevaret":
        "is in the database but not in the file; the area and its data are kept",
    "Mødestedet '{venue}' ligger uden for alle områder; tilbuddet hører til {area}":
        "The venue '{venue}' lies outside all areas; the offer belongs to {area}",
    "Mødestedet '{venue}' ligger i {other}, ikke i tilbuddets område {area}":
        "The venue '{venue}' lies in {other}, not in the offer's area {area}",
    "Mødestedet '{venue}' ligger uden for {area}, men inde i det, hvis længde- og breddegrad byttes om; er de byttet "
    "om?":
        "The venue '{venue}' lies outside {area}, but inside it if longitude and latitude are swapped; are they "
        "swapped?",
    # Population import messages (lokal/population.py TEXTS)
    "Række {row}, kolonne '{column}'": "Row {row}, column '{column}'",
    "Række {row}": "Row {row}",
    "Filtypen '{ext}' kan ikke bruges; brug CSV eller Excel (.xlsx).":
        "The file type '{ext}' cannot be used; use CSV or Excel (.xlsx).",
    "Filen '{file}' har ingen rækker med tal.": "The file '{file}' has no rows with figures.",
    "Kolonnen '{column}' findes ikke; vælg blandt: {columns}.": "The column '{column}' does not exist; choose from: "
                                                               "{columns}.",
    "Filen har ingen kolonner, der kan bruges. Kendte kolonner: voksne, voksne 40-60, mænd, kvinder, mænd 40-60, "
    "kvinder 40-60 og sundhedsmålene ({measures}).":
        "The file has no columns that can be used. Known columns: voksne, voksne 40-60, mænd, kvinder, mænd 40-60, "
        "kvinder 40-60 and the health measures ({measures}).",
    "Sundhedsmålene kræver et år: tilføj en kolonne 'år', eller angiv året.":
        "The health measures need a year: add a column 'år', or give the year.",
    "Databasen har ingen områder endnu; importér områderne først.":
        "The database has no areas yet; import the areas first.",
    "Kolonnerne {columns} bruges ikke.": "The columns {columns} are not used.",
    "befolkning mangler for {n} områder ({codes}); de indgår ikke i satserne pr. 1.000 voksne, før deres "
    "befolkning er importeret.": "population is missing for {n} areas ({codes}); they are left out of the rates "
    "per 1,000 adults until their population is imported.",
    "Filen var ikke UTF-8; den er læst som Windows-1252 (tjek æ, ø og å).":
        "The file was not UTF-8; it was read as Windows-1252 (check æ, ø and å).",
    "mangler en områdekode": "has no area code",
    "koden '{code}' findes ikke blandt områderne": "the code '{code}' is not one of the areas",
    "koden '{code}' står også i række {others}": "the code '{code}' also stands in row {others}",
    "'{value}' er ikke et helt tal": "'{value}' is not a whole number",
    "'{value}' er ikke et tal": "'{value}' is not a number",
    "'{value}' er negativt; et antal kan ikke være negativt": "'{value}' is negative; a count cannot be negative",
    "'{value}' ligger uden for 0–100 (procent af de voksne)": "'{value}' lies outside 0–100 (percent of adults)",
    "'{value}' er ikke et årstal mellem 1990 og 2100": "'{value}' is not a year between 1990 and 2100",
    "voksne 40–60 år ({part}) er flere end voksne i alt ({whole})":
        "adults aged 40–60 ({part}) are more than all adults ({whole})",
    "mænd og kvinder ({part}) er flere end voksne i alt ({whole})":
        "men and women ({part}) are more than all adults ({whole})",
    "mænd og kvinder 40–60 år ({part}) er flere end voksne 40–60 år ({whole})":
        "men and women aged 40–60 ({part}) are more than adults aged 40–60 ({whole})",
    # --- Login og roller (issue 5) ---
    "Lokal kan ikke starte: rollefilen har en fejl.": "Lokal cannot start: the role file has an error.",
    "Lokal kræver login, men login er ikke sat op (afsnittet [auth] i .streamlit/secrets.toml). "
    "Kontakt den, der driver Lokal.":
        "Lokal requires login, but login is not set up (the [auth] section of .streamlit/secrets.toml). "
        "Contact whoever runs Lokal.",
    "Lokale sundhedsindsatser: tilbud, samarbejder og viden i kommunens områder.":
        "Local health initiatives: offers, collaborations and knowledge in the kommune's areas.",
    "Log ind": "Log in",
    "Log ud": "Log out",
    "Du logger ind med din kommunale konto.": "You log in with your municipal account.",
    "Du er logget ind som {who}, men har ikke fået en rolle i Lokal. Kontakt administratoren.":
        "You are logged in as {who} but have not been given a role in Lokal. Contact the administrator.",
    "Administrator": "Administrator",
    "Leder": "Manager",
    "Koordinator": "Coordinator",
    "Byrådsmedlem": "Council member",
    "Dine ændringer står i historikken som {who}.": "Your changes are recorded in the history as {who}.",
    "Du har ingen områder at registrere i. Kontakt administratoren.":
        "You have no areas to record in. Contact the administrator.",
    "Årets mål for hvert område. De vises på siden Område og i mødetilstand.":
        "Each area's targets for the year. They show on the Area page and in meeting mode.",
    "Gem mål": "Save targets",
    "ændringer": "changes",
    "ændring": "change",
    "Brugere og roller": "Users and roles",
    "E-mail eller gruppe": "E-mail or group",
    "Rolle": "Role",
    "bruger": "user",
    "gruppe": "group",
    "Ingen ændringer at gemme.": "No changes to save.",
}

EN.update(FAULTS_EN)  # files that cannot be read, broken disks, backups (lokal/i18n_faults.py)
EN.update(CHAMBER_EN)  # verdict symbols, method links, print and phone, accessibility (lokal/i18n_chamber.py)
EN.update(ENTRY_EN)  # validation and import messages, field names, form help (lokal/i18n_entry.py)
EN.update(DIRECTORY_EN)  # the offer directory, Tilbudsoversigt (lokal/i18n_directory.py)
EN.update(EVALUATION_EN)  # the evaluation of health profiles (lokal/i18n_evaluation.py)
EN.update(RECRUITMENT_EN)  # the page Rekruttering (lokal/i18n_recruitment.py)
EN.update(APPROVAL_EN)  # approval, snapshots and data freshness (lokal/i18n_approval.py)
EN.update(INTERPRETATIONS_EN)  # the interpretations on Område and Møde (lokal/i18n_interpretations.py)


def t(text: str, lang: str = "da") -> str:
    """The text in the chosen language (Danish is the source; unknown texts are shown as they are)."""
    if lang == "da":
        return text
    return EN.get(text, text)


def t_in(text: str, context: str, lang: str = "da") -> str:
    """A text whose English depends on where it stands: 'Mål' is the page Targets but a value's column
    is a target (``t_in("Mål", "værdi")``); the catalogue key is "text · context"."""
    return text if lang == "da" else EN.get(f"{text} · {context}", t(text, lang))


def fmt_num(value, decimals: int = 0, lang: str = "da") -> str:
    """1234.5 → '1.234,5' in Danish, '1,234.5' in English; missing → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_value(value, kind: str, lang: str = "da") -> str:
    """An indicator value with the decimals its kind calls for (counts and kroner whole, the rest one decimal)."""
    return fmt_num(value, 0 if kind in ("count", "cost") else 1, lang)


def fmt_date(value, lang: str = "da") -> str:
    """23-11-2026 in Danish, 23 Nov 2026 in English; missing → ''."""
    if value is None or value != value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        value = date.fromisoformat(str(value)[:10])
    return value.strftime("%d-%m-%Y") if lang == "da" else value.strftime("%-d %b %Y")


def fmt_quarter(label: str, lang: str = "da") -> str:
    """'2025K3' → '2025K3' in Danish (kvartal), '2025 Q3' in English."""
    return label if lang == "da" else label.replace("K", " Q")


def fmt_period(first: str, last: str, lang: str = "da") -> str:
    """A quarter range for captions: '2024K1–2026K4' or '2024 Q1–2026 Q4'; one calendar year is '2025'."""
    if first == last:
        return fmt_quarter(first, lang)
    if first[:4] == last[:4] and first.endswith("K1") and last.endswith("K4"):
        return first[:4]
    return f"{fmt_quarter(first, lang)}–{fmt_quarter(last, lang)}"
