"""English for data entry: the validation and import messages, the forms' help texts, field names.

Merged into :mod:`lokal.i18n`'s catalogue like :mod:`lokal.i18n_faults`. :data:`MESSAGES` holds the
Danish message templates that :mod:`lokal.validate` and :mod:`lokal.importing` write (as f-strings)
with their English; :func:`lokal.validate.say` matches a Danish message against them and fills the
English in. A placeholder's name says what its value is: ``{d_…}`` a date (written 23-11-2026 in
Danish, 23 Nov 2026 in English), ``{n_…}`` a number (1.234 / 1,234), ``{w_…}`` Danish words or field
names to translate (a comma-separated list word by word), ``{c_…}`` the Danish values a file must
use, each with its English beside it ('planlagt (planned)'), anything else data shown as it is (a
title, an area's name, what the user typed).
"""

# The hint after 'tilbudstypen X findes ikke' (lokal.validate.ADD_TYPE_HINT), in both languages.
_HINT_DA = ("En administrator opretter den på siden Opsætning → Tilbudstyper eller med "
            "'python -m lokal import offer_types FIL'; ret ellers navnet til en kendt type.")
_HINT_EN = ("An administrator creates it on the Setup → Offer types page or with "
            "'python -m lokal import offer_types FILE'; otherwise correct the name to a known type.")
_NO_PERSON_DA = "Lokal må ikke rumme personoplysninger, så brug et pseudonym (fx P000123)"
_NO_PERSON_EN = "Lokal must not hold personal data, so use a pseudonym (e.g. P000123)"

MESSAGES: dict[str, str] = {
    # Where a problem is
    "Række {row}": "Row {row}",
    "felt '{w_field}'": "field '{w_field}'",
    # Reading values (lokal.validate)
    "er ikke et tal": "is not a number",
    "cellen indeholder en formel ({formula}); skriv værdien i stedet":
        "the cell holds a formula ({formula}); write the value instead",
    "'{value}' er ikke et tal": "'{value}' is not a number",
    "'{value}' er ikke et tal, der kan gemmes": "'{value}' is not a number that can be stored",
    "'{value}' er ikke en dato (skriv fx 23-11-2026)": "'{value}' is not a date (write e.g. 23-11-2026)",
    "'{value}' er ikke en gyldig dato (skriv fx 23-11-2026)": "'{value}' is not a valid date (write e.g. 23-11-2026)",
    "'{value}' skal være ja eller nej": "'{value}' must be yes (ja) or no (nej)",
    "området '{value}' findes ikke (brug områdets navn eller kode)":
        "the area '{value}' does not exist (use the area's name or code)",
    "tilbudstypen '{value}' findes ikke. " + _HINT_DA: "the offer type '{value}' does not exist. " + _HINT_EN,
    "tilbudstypen '{value}' findes ikke (rækkerne {rows}, {n_count} rækker). " + _HINT_DA:
        "the offer type '{value}' does not exist (rows {rows}, {n_count} rows). " + _HINT_EN,
    "partneren '{value}' findes ikke; opret den først under Lokale aktører":
        "the partner '{value}' does not exist; create it first under Local actors",
    "tilbuddet '{value}' findes ikke": "the offer '{value}' does not exist",
    "tilbuddet '{value}' findes ikke i {area}": "the offer '{value}' does not exist in {area}",
    "ligner et CPR-nummer; brug et pseudonym (fx P000123), aldrig CPR":
        "looks like a CPR number; use a pseudonym (e.g. P000123), never a CPR number",
    "ligner en e-mailadresse; " + _NO_PERSON_DA: "looks like an e-mail address; " + _NO_PERSON_EN,
    "ligner et telefonnummer; " + _NO_PERSON_DA: "looks like a phone number; " + _NO_PERSON_EN,
    "'{value}' ligner et navn; " + _NO_PERSON_DA: "'{value}' looks like a name; " + _NO_PERSON_EN,
    "pseudonymet er for langt (højst 40 tegn)": "the pseudonym is too long (at most 40 characters)",
    "cellen ligner en formel ({formula}); skriv teksten uden '{char}' foran":
        "the cell looks like a formula ({formula}); write the text without the '{char}' in front",
    "teksten er for lang ({n_length} tegn; højst {n_max})": "the text is too long ({n_length} characters; at most {n_max})",
    "'{value}' skal være et helt tal": "'{value}' must be a whole number",
    "{n_value} kan ikke være negativ": "{n_value} cannot be negative",
    "{n_value} er for stort (højst {n_max})": "{n_value} is too large (at most {n_max})",
    "prisen kan ikke være negativ": "the cost cannot be negative",
    "{value} ligger ikke mellem {n_low} og {n_high}": "{value} is not between {n_low} and {n_high}",
    "{value} ligger ikke mellem {n_low} og {n_high} kr.": "{value} is not between DKK {n_low} and {n_high}",
    "{value} ligger ikke mellem {n_low} og {n_high} grader": "{value} is not between {n_low} and {n_high} degrees",
    "'{value}' er ikke en af: {c_choices}": "'{value}' is not one of: {c_choices}",
    "rækken er en gentagelse af række {row} (samme {w_fields})": "the row repeats row {row} (same {w_fields})",
    "skal udfyldes": "must be filled in",
    # Rules (lokal.validate._rules)
    "{d_date} ligger før {w_field} {d_start}": "{d_date} is before the {w_field} {d_start}",
    "{d_date} ligger mere end et år ude i fremtiden": "{d_date} is more than a year in the future",
    "{d_date} ligger før år 2000; er datoen rigtig?": "{d_date} is before the year 2000; is the date right?",
    "angiv både længdegrad og breddegrad": "give both longitude and latitude",
    "mødestedet ({lon}, {lat}) ligger uden for Danmark; er længde- og breddegrad byttet om?":
        "the venue ({lon}, {lat}) lies outside Denmark; have longitude and latitude been swapped?",
    "mødestedet ligger uden for {area}": "the venue lies outside {area}",
    "'{value}' er ikke et tidspunkt (skriv fx 17:00)": "'{value}' is not a time of day (write e.g. 17:00)",
    "perioden overlapper {area}s fokusperiode {d_start}–{d_end}; ret den i stedet for at tilføje en ny":
        "the period overlaps the focus period {d_start}–{d_end} of {area}; correct that one instead of adding a "
        "new one",
    "navnet er for langt (højst 120 tegn)": "the name is too long (at most 120 characters)",
    "{n_count} fremmødte er flere end tilbuddets {n_seats} pladser":
        "{n_count} attending is more than the offer's {n_seats} seats",
    "{d_date} ligger uden for tilbuddets periode": "{d_date} lies outside the offer's period",
    "{d_date} ligger uden for tilbuddets periode ({d_start}–{d_end})":
        "{d_date} lies outside the offer's period ({d_start}–{d_end})",
    "tilbuddet er {w_status}; fremmøde på et {w_status2} tilbud tæller ikke som deltagelse. Ret tilbuddets status, "
    "hvis det blev holdt":
        "the offer is {w_status}; attendance at an offer that is {w_status2} does not count as participation. "
        "Correct the offer's status if it was held",
    "tilbuddet er {w_status}; tilmeldingen på et {w_status2} tilbud tæller ikke som deltagelse. Ret tilbuddets "
    "status, hvis det blev holdt":
        "the offer is {w_status}; an enrolment in an offer that is {w_status2} does not count as participation. "
        "Correct the offer's status if it was held",
    "deltageren {pseudonym} findes allerede ({w_have}); du har skrevet {w_typed}. Tilmeldingen knyttes til den "
    "eksisterende deltager, hvis oplysninger ikke ændres. Er det en anden person, så brug et nyt pseudonym":
        "the participant {pseudonym} exists already ({w_have}); you have written {w_typed}. The enrolment is "
        "linked to the existing participant, whose details are not changed. If it is another person, use a new "
        "pseudonym",
    "{age} år": "aged {age}",
    "ligner tilbuddet '{title}', der allerede findes (samme type, område og startdato) — er det en dublet?":
        "looks like the offer '{title}', which exists already (same type, area and start date) — is it a "
        "duplicate?",
    "ligner række {row} (samme type, område og startdato) — er det en dublet?":
        "looks like row {row} (same type, area and start date) — is it a duplicate?",
    # Reading the file and its columns (lokal.importing)
    "rækken har {n_cells} celler, men overskriften kun {n_columns} kolonner; de overskydende ignoreres":
        "the row has {n_cells} cells but the header only {n_columns} columns; the extra ones are ignored",
    "cellen er en formel ({formula}); den gemte værdi {value} bruges":
        "the cell is a formula ({formula}); its saved value {value} is used",
    "kolonnen mangler i filen; vælg den under Kolonner, eller ret overskriften i filen":
        "the column is missing from the file; choose it under Columns, or correct the header in the file",
    "kolonnen mangler i filen (måske kolonnen '{column}'?); vælg den under Kolonner, eller ret overskriften i filen":
        "the column is missing from the file (perhaps the column '{column}'?); choose it under Columns, or "
        "correct the header in the file",
    "kolonnen bruges ikke og ignoreres": "the column is not used and is ignored",
    "filen har ingen rækker med data": "the file has no rows with data",
    "området {area} er ikke et af dine områder ({w_mine}); du kan kun importere til dine egne områder":
        "the area {area} is not one of your areas ({w_mine}); you can only import into your own areas",
    # Saves the write path refuses (lokal.writes), as Aktivitetslog shows them
    "Posten er blevet ændret af {who} ({d_when} {time}), siden du åbnede den (din version {n_mine}, nu version "
    "{n_now}). Intet er gemt; se ændringerne og prøv igen.":
        "The record has been changed by {who} ({d_when} {time}) since you opened it (your version {n_mine}, now "
        "version {n_now}). Nothing is saved; look at the changes and try again.",
    "Posten er blevet ændret af en anden, siden du åbnede den (din version {n_mine}, nu version {n_now}). Intet "
    "er gemt; se ændringerne og prøv igen.":
        "The record has been changed by someone else since you opened it (your version {n_mine}, now version "
        "{n_now}). Nothing is saved; look at the changes and try again.",
    "Posten er ændret siden din sidste ændring og kan ikke fortrydes automatisk.":
        "The record has changed since your last change and cannot be undone automatically.",
    # The set-up forms (lokal.setup)
    "'{value}' er ikke en kommunekode (3–4 cifre, fx 0851)": "'{value}' is not a kommune code (3–4 digits, e.g. 0851)",
    "skal udfyldes (fx Aalborg Kommune)": "must be filled in (e.g. Aalborg Kommune)",
}

EN: dict[str, str] = {
    **{k: v for k, v in MESSAGES.items() if "{" not in k},
    # Words inside messages ({w_…}): the start of a period, named in lower case, and a few values
    "startdato": "start date",
    "henvendelse": "inquiry date",
    "fokus fra": "focus start",
    "uden slutdato": "no end date",
    "løbende": "ongoing",
    "ingen": "none",
    "uden alder, køn og bopæl": "no age, sex or home area",
    # Field names not already in the catalogue (English names are Field.label_en in lokal.records)
    "Deltager": "Participant",
    "Henvendelse": "Inquiry date",
    "Fremmødte gange": "Sessions attended",
    "Startdato": "Start date",
    "Slutdato": "End date",
    "Frivillige": "Volunteers",
    "Længdegrad": "Longitude",
    "Breddegrad": "Latitude",
    "Udgået": "Retired",
    # One Danish word, two English ones (lokal.i18n.t_in): the page Mål is Targets, a value in it a target
    "Mål · værdi": "Target",
    # Age bands are numbers in both languages
    "75+": "75+",
    # The forms' help texts (Field.help_da in lokal.records)
    "Områdets navn eller kode": "The area's name or code",
    "Området, tilbuddet holdes i": "The area the offer is held in",
    "Tilbuddets titel i området": "The offer's title in the area",
    "Kun når tilbuddet har flere gange samme dag, fx 17:00": "Only when the offer has several sessions on the same "
                                                             "day, e.g. 17:00",
    "Pseudonym — aldrig navn eller CPR-nummer": "Pseudonym — never a name or a CPR number",
    "kommunalt (kommunalt sundhedstilbud) eller civilsamfund (civilsamfundsaktivitet)":
        "kommunalt (a municipal health offer) or civilsamfund (a civil-society activity)",
    "Hvad der måles ved afslutning og opfølgning, fx røgfri; tomt, hvis tilbuddet ikke måler en effekt":
        "What is measured at the end and at follow-up, e.g. smoke-free; empty if the offer measures no outcome",
    "En udgået type beholder sine tilbud og sin historik, men kan ikke vælges til nye":
        "A retired type keeps its offers and history but cannot be chosen for new ones",
    "Tomt, hvis perioden ikke har en slutdato endnu": "Empty if the period has no end date yet",
}
