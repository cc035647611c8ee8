"""Demo data for the offer directory (Tilbudsoversigt): contacts of areas and partners, and what a GP
needs to refer someone to an offer — address, weekday and time, who it is for, how to sign up.

Filled into the demo's tables after they are built (:func:`lokal.demo.generate`), from its own random
stream (``default_rng([seed, STREAM])``), and only into the columns of migration 0012: every other value
and every row count of the demo stay as they were. The demo already has offers running and planned
around its data date, so none are added. The names, phone numbers and e-mail addresses are invented
staff and organisation contacts — the demo, like Lokal, holds no participant's name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STREAM = 163  # issue 16, part 3
FIRST = ("Mette", "Lars", "Hanne", "Jens", "Sofie", "Peter", "Anne", "Mads", "Lene", "Thomas", "Karen", "Søren",
         "Camilla", "Henrik", "Louise", "Anders", "Birgitte", "Morten", "Rikke", "Jesper")
LAST = ("Sørensen", "Nielsen", "Jensen", "Pedersen", "Andersen", "Christensen", "Larsen", "Rasmussen", "Poulsen",
        "Madsen", "Kristensen", "Thomsen", "Møller", "Holm", "Mikkelsen", "Vestergaard")
# Post code and town of each demo area (the real ones for the places' names).
POST = {
    "Aalborg Midtby": "9000 Aalborg", "Aalborg Øst": "9220 Aalborg Øst", "Vejgaard": "9000 Aalborg",
    "Hasseris": "9000 Aalborg", "Nørresundby": "9400 Nørresundby", "Lindholm": "9400 Nørresundby",
    "Skalborg": "9200 Aalborg SV", "Gug": "9210 Aalborg SØ", "Vadum": "9430 Vadum", "Sulsted": "9381 Sulsted",
    "Vestbjerg": "9380 Vestbjerg", "Vodskov": "9310 Vodskov", "Vester Hassing": "9310 Vodskov",
    "Ulsted": "9370 Hals", "Hals": "9370 Hals", "Klarup": "9270 Klarup", "Storvorde": "9280 Storvorde",
    "Gistrup": "9260 Gistrup", "Kongerslev": "9293 Kongerslev", "Svenstrup": "9230 Svenstrup J",
    "Frejlev": "9200 Aalborg SV", "Nibe": "9240 Nibe",
}
STREETS = {  # by the first word of the demo's venue names (lokal.demo.VENUE_NAMES)
    "Fælleshuset": "Fælledvej", "Medborgerhuset": "Skolegade", "Bibliotek": "Biblioteksvej",
    "Idrætscenter": "Idrætsvej", "Skole": "Skolevej", "Torvet": "Torvet", "Virksomhed": "Industrivej",
}
WEEKDAYS = ("mandage", "tirsdage", "onsdage", "torsdage", "fredage", "lørdage", "søndage")
WEEKDAY = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
# Hours by offer type (a course in the afternoon or evening, exercise for seniors in the morning).
HOURS = {
    "Rygestopkursus": ("kl. 16.30–18.30", "kl. 17–19"), "Seniormotion": ("kl. 10–11.30", "kl. 9.30–11"),
    "Fællesspisning": ("kl. 17.30–19.30",), "Madværksted for seniorer": ("kl. 10–13",),
    "Yoga": ("kl. 17–18.15", "kl. 19–20.15"), "Gåhold": ("kl. 10–11", "kl. 16.30–17.30"),
    "Floorball": ("kl. 19–20.30",), "Løbeklub for begyndere": ("kl. 17.30–18.30",),
    "Mænds Mødested": ("kl. 9.30–12",), "Oplæg om søvn": ("kl. 19–21",), "Udendørs koncert": ("kl. 14–16",),
    "Sundhedssamtaler på arbejdspladsen": ("kl. 8–15",),
}
DEFAULT_HOURS = ("kl. 13–15", "kl. 16–18", "kl. 17–19")
FOR_WHOM = {
    "Rygestopkursus": "Voksne, der ryger og vil stoppe",
    "Mobil genoptræning – type 2-diabetes": "Voksne med type 2-diabetes; henvisning fra egen læge",
    "Hjerterehabilitering": "Voksne med hjerte-kar-sygdom efter udskrivning; henvisning fra læge eller sygehus",
    "KOL-rehabilitering": "Voksne med KOL; henvisning fra egen læge",
    "Livsstilskursus": "Voksne med overvægt eller flere risikofaktorer, der vil ændre vaner",
    "LIVA – digital livsstilscoaching": "Voksne med overvægt, der vil have coaching på telefon og app",
    "Oplæg og kursus om rygsmerter": "Voksne med rygsmerter, der vil i gang igen",
    "Sundhedssamtaler på arbejdspladsen": "Ansatte på virksomheden",
    "Oplæg om søvn": "Alle voksne, der sover dårligt",
    "Digitalt tilbud ved let stress": "Voksne med let stress eller mistrivsel",
    "Floorball": "Voksne begyndere og let øvede",
    "Seniormotion": "Seniorer, der vil holde sig i gang",
    "Udendørs koncert": "Alle i området",
    "Madværksted for seniorer": "Seniorer, gerne dem, der bor alene",
    "Yoga": "Voksne, også uden erfaring",
    "Gåhold": "Alle, der vil gå en tur i selskab med andre",
    "Løbeklub for begyndere": "Voksne, der aldrig har løbet",
    "Fællesspisning": "Alle i området, især dem, der spiser alene",
    "Mænds Mødested": "Mænd, der vil mødes om noget praktisk",
}
SUNDHEDSHUS = "Sundhed og Trivsel, Aalborg Kommune, 99 31 41 00"  # invented switchboard for referrals


def _person(rng: np.random.Generator) -> str:
    return f"{FIRST[int(rng.integers(len(FIRST)))]} {LAST[int(rng.integers(len(LAST)))]}"


def _phone(rng: np.random.Generator, lead: str = "99 31") -> str:
    return f"{lead} {int(rng.integers(10, 100))} {int(rng.integers(10, 100))}"


def _mail_name(name: str) -> str:
    return name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace(" ", ".")


def fill(tables: dict[str, pd.DataFrame], seed: int) -> None:
    """Add the directory's columns to the demo's areas, partners and offers (in place)."""
    rng = np.random.default_rng([seed, STREAM])
    areas, partners, offers = tables["areas"], tables["partners"], tables["offers"]
    names = [_person(rng) for _ in range(len(areas))]
    areas["coordinator_name"] = names
    areas["coordinator_phone"] = [_phone(rng) for _ in names]
    areas["coordinator_email"] = [f"{_mail_name(n)}@aalborg.dk" for n in names]

    # The organisations a GP would call have a contact person: the kommune's departments, the local
    # council (samråd), housing associations, volunteer groups, and whoever co-organises a running or
    # planned offer. Workplaces and unions are reached through their offer.
    active = offers["status"].isin(["igangværende", "planlagt"])
    organisers = set(offers.loc[active, "partner_id"].dropna().astype(int))
    contact, phone, email = [], [], []
    for r in partners.itertuples():
        if r.kind in ("arbejdsplads", "fagforening") or not (
                r.kind in ("kommunal forvaltning", "samråd", "boligforening", "frivillige") or r.id in organisers):
            contact.append(None)
            phone.append(None)
            email.append(None)
            continue
        person = _person(rng)
        contact.append(person)
        phone.append(_phone(rng, "99 31") if r.kind == "kommunal forvaltning" else
                     f"{int(rng.integers(20, 99))} {int(rng.integers(10, 100))} {int(rng.integers(10, 100))} "
                     f"{int(rng.integers(10, 100))}")
        domain = "aalborg.dk" if r.kind == "kommunal forvaltning" else "mail.dk"
        email.append(f"{_mail_name(person)}@{domain}")
    partners["contact_name"], partners["contact_phone"], partners["contact_email"] = contact, phone, email

    area_name = dict(zip(areas["id"], areas["name"]))
    type_name = dict(zip(tables["offer_types"]["id"], tables["offer_types"]["name"]))
    category = dict(zip(tables["offer_types"]["id"], tables["offer_types"]["category"]))
    partner_name = dict(zip(partners["id"], partners["name"]))
    partner_phone = dict(zip(partners["id"], phone))
    addresses: dict[str, str] = {}
    address, schedule, for_whom, signup = [], [], [], []
    for r in offers.itertuples():
        place = area_name[r.area_id]
        venue = r.venue_name or ""
        if venue not in addresses:
            first = next((s for w, s in STREETS.items() if w in venue.split()), "Hovedgaden")
            number = "" if first == "Torvet" else f" {int(rng.integers(1, 60))}"
            addresses[venue] = f"{first}{number}, {POST.get(place, '9000 Aalborg')}"
        address.append(addresses[venue])
        kind = type_name[r.offer_type_id]
        hours = HOURS.get(kind, DEFAULT_HOURS)
        hour = hours[int(rng.integers(len(hours)))]
        start = pd.Timestamp(r.start_date).date()
        single = r.end_date is not None and not pd.isna(r.end_date) and pd.Timestamp(r.end_date).date() == start
        schedule.append(f"{WEEKDAY[start.weekday()]} {start.day}. {_MONTHS[start.month - 1]} {hour}" if single
                        else f"{WEEKDAYS[start.weekday()]} {hour}")
        for_whom.append(FOR_WHOM.get(kind))
        partner = None if pd.isna(r.partner_id) else int(r.partner_id)
        if category[r.offer_type_id] == "kommunalt":
            text = f"Henvisning fra egen læge, eller ring til {SUNDHEDSHUS}"
            if r.recruitment == "åben":
                text = "Tilmelding på aalborg.dk/sundhed eller på telefon 99 31 41 00"
        elif r.recruitment == "åben":
            text = "Mød bare op; ingen tilmelding"
        elif partner is not None and partner_phone.get(partner):
            text = f"Tilmelding til {partner_name[partner]} på {partner_phone[partner]}"
        else:
            text = "Tilmelding hos områdets koordinator (se Kontakter)"
        signup.append(text)
    offers["venue_address"], offers["schedule_text"] = address, schedule
    offers["target_group"], offers["signup_text"] = for_whom, signup


_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")
