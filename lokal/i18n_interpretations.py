"""English for the interpretations (issue 17): the texts beside the figures on Område and Møde, the form,
the person-data warning and the refusals of the write path.

Merged into :mod:`lokal.i18n`'s catalogue; keys are the Danish texts, as everywhere.
"""

EN: dict[str, str] = {
    # the texts and the form (lokal/ui/interpretations.py)
    "Fortolkninger": "Interpretations",
    "Ingen fortolkninger for perioden endnu.": "No interpretations for the period yet.",
    "Ret eller fjern fortolkningen": "Edit or remove the interpretation",
    "Gem rettelsen": "Save the change",
    "Fortolkningen er rettet.": "The interpretation has been changed.",
    "Fjern fortolkningen": "Remove the interpretation",
    "Fortolkningen er fjernet.": "The interpretation has been removed.",
    "Skriv en fortolkning": "Write an interpretation",
    "En kort tekst om, hvad tallene viser, og hvorfor. Den vises med dit navn og datoen for alle, der ser siden, også "
    "byrådet, og kommer med i mødeoplæggene. Skriv aldrig om enkeltpersoner.":
        "A short text on what the figures show, and why. It is shown with your name and the date to everyone who "
        "sees the page, the council too, and goes into the meeting handouts. Never write about individuals.",
    "Fortolkningen handler om": "The interpretation is about",
    "Fx: Deltagelsen steg efter temadagen i fælleshuset i september.":
        "E.g.: Participation rose after the theme day in the community house in September.",
    "Vis, hvad der gemmes": "Show what will be saved",
    "Gem fortolkningen": "Save the interpretation",
    "Sådan vises den": "This is how it will be shown",
    "Fortolkningen er gemt.": "The interpretation has been saved.",
    "Jeg har læst advarslen, og teksten handler ikke om enkeltpersoner":
        "I have read the warning, and the text is not about individuals",
    "Indikator (valgfri)": "Indicator (optional)",
    "Ingen bestemt indikator": "No particular indicator",
    # the person-data warning (lokal.interpretations.person_data_warning)
    "et CPR-nummer": "a CPR number",
    "et telefonnummer": "a phone number",
    "en e-mailadresse": "an e-mail address",
    "et navn": "a name",
    "Teksten ser ud til at indeholde personoplysninger: {found}. Byrådet læser fortolkningerne, og de kommer med i "
    "mødeoplæggene: skriv om grupper og tal, ikke om enkeltpersoner.":
        "The text seems to hold personal data: {found}. The council reads the interpretations, and they go into the "
        "meeting handouts: write about groups and figures, not about individuals.",
    # refusals (lokal.interpretations, lokal.access)
    "Skriv en tekst, før du gemmer.": "Write a text before you save.",
    "Vælg et område eller en kommune. Intet er gemt.": "Choose an area or a kommune. Nothing has been saved.",
    "Som byrådsmedlem læser du fortolkningerne, men skriver ikke selv. Intet er gemt, og forsøget er skrevet i "
    "loggen.": "As a council member you read the interpretations but do not write them. Nothing has been saved, and "
               "the attempt has been logged.",
    "Kun en administrator kan fjerne en fortolkning. Intet er gemt, og forsøget er skrevet i loggen.":
        "Only an administrator can remove an interpretation. Nothing has been saved, and the attempt has been logged.",
    "En fortolkning skrives i dit eget navn. Intet er gemt, og forsøget er skrevet i loggen.":
        "An interpretation is written in your own name. Nothing has been saved, and the attempt has been logged.",
    "Kun forfatteren kan rette sin fortolkning. Intet er gemt, og forsøget er skrevet i loggen.":
        "Only the author can edit their interpretation. Nothing has been saved, and the attempt has been logged.",
}
