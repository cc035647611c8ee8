"""English for the offer directory (Tilbudsoversigt: lokal/directory.py, lokal/directory_pdf.py, its page)
and the contact fields of areas and partners (Aktivitetslog's Kontakter tab).

Kept apart from :mod:`lokal.i18n`'s main catalogue (which merges it). Keys are the Danish texts.
"""

EN: dict[str, str] = {
    # the page and the navigation
    "Tilbudsoversigt": "Offer directory",
    "Hele kommunen": "The whole kommune",
    "Hent PDF til udskrift": "Download PDF to print",
    "A4 til lægen, personalemødet eller opslagstavlen; én side pr. område, når der er plads.":
        "A4 for the GP, the staff meeting or the notice board; one page per area when it fits.",
    "Sundhedstilbud og lokale aktiviteter, som borgere kan henvises til eller selv møde op til: det, der kører nu, og "
    "det, der starter i perioden. Aflyste og udskudte tilbud vises ikke (et udskudt tilbud har ingen dato at henvise "
    "til). Oversigten rummer ingen oplysninger om deltagere.":
        "Health offers and local activities that citizens can be referred to or simply turn up at: what runs now and "
        "what starts in the period. Cancelled and postponed offers are not shown (a postponed offer has no date to "
        "refer to). The directory holds no information about participants.",
    "Ingen tilbud i perioden i {area}. Vælg en længere periode, eller kontakt koordinatoren for at høre om kommende "
    "tilbud.": "No offers in {area} in the period. Choose a longer period, or ask the coordinator about coming offers.",
    "Ingen tilbud i perioden. Vælg en længere periode.": "No offers in the period. Choose a longer period.",
    "Området har ingen kontaktpersoner registreret endnu.": "The area has no contact people recorded yet.",
    "{n} tilbud i {k} områder. Åbn et område for at se tilbuddene og kontakterne.":
        "{n} offers in {k} areas. Open an area to see its offers and contacts.",
    "1 tilbud": "1 offer",
    "{n} tilbud": "{n} offers",
    "{n} starter i perioden": "{n} starting in the period",
    "Områder uden tilbud i perioden: {names}.": "Areas without offers in the period: {names}.",
    "Kontakterne er medarbejdere og frivillige i kommunen og foreningerne — aldrig deltagere. Områdets koordinator "
    "rettes i Aktivitetslog under fanen »Kontakter«, kontaktpersonen hos en lokal aktør under »Ret eller slet« (Lokale "
    "aktører), og tilbuddenes adresse, tidspunkt, målgruppe og tilmelding under »Ret eller slet« (Tilbud og "
    "aktiviteter).":
        "The contacts are staff and volunteers of the kommune and the associations — never participants. The area's "
        "coordinator is edited in Activity log, tab 'Contacts'; a partner's contact person under 'Edit or delete' "
        "(Local actors); the offers' address, time, target group and sign-up under 'Edit or delete' (Offers and "
        "activities).",
    # windows
    "Næste måned": "Next month",
    "De næste 2 måneder": "The next 2 months",
    "De næste 3 måneder": "The next 3 months",
    "Resten af denne måned": "The rest of this month",
    # an offer and its contacts (page and PDF)
    "Kører nu": "Running now",
    "Starter i perioden": "Starting in the period",
    "Kontakter": "Contacts",
    "Sted:": "Venue:",
    "For hvem:": "For whom:",
    "Tilmelding og henvisning:": "Sign-up and referral:",
    "Arrangør:": "Organiser:",
    "kommunalt tilbud": "municipal offer",
    "civilsamfundsaktivitet": "civil-society activity",
    "løbende": "ongoing",
    ", løbende": ", ongoing",
    "til {day}": "until {day}",
    "starter {day}": "starts {day}",
    ", slutter {day}": ", ends {day}",
    "den {day}": "on {day}",
    # the PDF
    "Sundhedstilbud og lokale aktiviteter, som borgere kan henvises til eller selv møde op til. Oversigten rummer "
    "ingen oplysninger om deltagere.":
        "Health offers and local activities that citizens can be referred to or simply turn up at. The directory "
        "holds no information about participants.",
    "Demodata: tilbud, adresser og kontakter er opdigtede.": "Demo data: offers, addresses and contacts are made up.",
    "Ingen tilbud i perioden i {area}. Kontakt koordinatoren for at høre om kommende tilbud.":
        "No offers in {area} in the period. Ask the coordinator about coming offers.",
    "Ingen tilbud i perioden.": "No offers in the period.",
    "Områder uden tilbud i perioden": "Areas without offers in the period",
    "Lavet med Lokal": "Made with Lokal",
    "Udskrevet {day}": "Printed {day}",
    "Side {n} af {total}": "Page {n} of {total}",
    # Aktivitetslog: the area's contact
    "Områdets koordinator står i Tilbudsoversigt, som læger og frontpersonale bruger til at henvise. Skriv en "
    "medarbejders kontaktoplysninger — aldrig en deltagers. Lokale aktørers kontaktperson rettes under »Ret eller "
    "slet« (Lokale aktører).":
        "The area's coordinator is shown in the Offer directory, which GPs and frontline staff use to refer citizens. "
        "Enter a staff member's contact details — never a participant's. A local actor's contact person is edited "
        "under 'Edit or delete' (Local actors).",
    "Gem kontaktoplysninger": "Save contact details",
    "Kontaktperson": "Contact person",
    "Kontaktoplysningerne er gemt.": "The contact details are saved.",
    # The contact and directory fields' help texts in the record forms (lokal.records)
    "Dansk telefonnummer, 8 cifre, fx 98 12 34 56": "Danish phone number, 8 digits, e.g. 98 12 34 56",
    "Hvem tilbuddet er for, med egne ord": "Who the offer is for, in your own words",
    "Ugedag og tidspunkt, fx tirsdage kl. 17–19": "Weekday and time, e.g. Tuesdays 17–19",
    "Hvordan man tilmelder sig eller henviser: telefon, e-mail eller webadresse":
        "How to sign up or refer: phone, e-mail or web address",
    "Gade og nummer, postnummer og by": "Street and number, postcode and town",
    "En medarbejder eller frivillig, som læger og andre fagfolk kan kontakte — aldrig en deltager":
        "A staff member or volunteer whom GPs and other professionals can contact — never a participant",
}
