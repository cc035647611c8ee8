"""What each kind of record is: its table, fields with Danish labels and types, and natural key.

Forms, the batch editor, import templates, validation and the write path all read these
definitions, so a field is described once. Field names are the Danish column headers that
import templates use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("planlagt", "igangværende", "gennemført", "aflyst", "udskudt")
RECRUITMENT = ("åben", "afgrænset", "målrettet")
CHANNELS = ("annonce", "lokalavis", "sociale medier", "plakat", "husstandsomdeling", "frontpersonale",
            "egen læge", "jobcenter", "fagforening", "boligforening", "mund-til-mund", "sms/telefon", "andet")
AGE_BANDS = ("18-29", "30-39", "40-49", "50-60", "61-74", "75+")
SEXES = ("kvinde", "mand", "andet")
PARTNER_KINDS = ("samråd", "boligforening", "forening", "aftenskole", "arbejdsplads", "fagforening",
                 "lægepraksis", "apotek", "frivillige", "kommunal forvaltning", "andet")
COLLABORATION_KINDS = ("fælles aktivitet", "rekruttering", "lokaler", "netværk", "videndeling", "andet")
KNOWLEDGE_KINDS = ("oplæg", "temadag", "uddannelse af frontpersonale", "uddannelse af frivillige",
                   "sundhedsprofil", "evaluering")
AUDIENCES = ("borgere", "frontpersonale", "frivillige", "partnere")
LOG_CATEGORIES = ("tilbud", "deltagelse", "samarbejde", "viden", "andet")
CATEGORIES = ("kommunalt", "civilsamfund")


@dataclass(frozen=True)
class Field:
    name: str  # Danish header in templates and forms
    column: str  # table column it is written to
    type: str  # text | int | decimal | date | bool | enum | ref | phone | email
    label_en: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # area | offer_type | partner | offer | participant
    example: str = ""
    help_da: str = ""


@dataclass(frozen=True)
class Kind:
    id: str
    table: str
    name_da: str
    name_en: str
    fields: tuple[Field, ...]
    natural_key: tuple[str, ...]  # table columns that identify a record for re-import
    extra: dict = field(default_factory=dict)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def columns(self) -> list[str]:
        return [f.column for f in self.fields if f.column]


AREA = Field("Område", "area_id", "ref", "Area", required=True, ref="area", example="Vadum",
             help_da="Områdets navn eller kode")
# Sessions and enrolments name the offer's area only to find the offer by its title.
OFFER_AREA = Field("Område", "", "ref", "Area", required=True, ref="area", example="Vadum",
                   help_da="Området, tilbuddet holdes i")

# Contact fields hold staff and organisation contacts that a GP may call, never participants.
CONTACT_HELP = "En medarbejder eller frivillig, som læger og andre fagfolk kan kontakte — aldrig en deltager"
PHONE_HELP = "Dansk telefonnummer, 8 cifre, fx 98 12 34 56"

KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("offers", "offers", "Tilbud og aktiviteter", "Offers and activities", (
            AREA,
            Field("Tilbudstype", "offer_type_id", "ref", "Offer type", required=True, ref="offer_type",
                  example="Rygestopkursus"),
            Field("Titel", "title", "text", "Title", required=True, example="Rygestop i Vadum, efterår"),
            Field("Status", "status", "enum", "Status", required=True, choices=STATUSES, example="igangværende"),
            Field("Startdato", "start_date", "date", "Start date", required=True, example="01-09-2026"),
            Field("Slutdato", "end_date", "date", "End date", example="27-10-2026"),
            Field("Planlagte gange", "planned_sessions", "int", "Planned sessions", example="8"),
            Field("Pladser", "seats", "int", "Seats", example="14"),
            Field("Frivillige", "volunteers", "int", "Volunteers", example="0"),
            Field("Pris (kr.)", "cost", "decimal", "Cost (DKK)", example="12.500,00"),
            Field("Rekruttering", "recruitment", "enum", "Recruitment", choices=RECRUITMENT, example="målrettet"),
            Field("Mødested", "venue_name", "text", "Venue", example="Vadum Fælleshus"),
            Field("Længdegrad", "venue_lon", "decimal", "Longitude", example="9,858"),
            Field("Breddegrad", "venue_lat", "decimal", "Latitude", example="57,118"),
            Field("Partner", "partner_id", "ref", "Partner", ref="partner", example="Vadum Samråd"),
            # What a GP or a frontline worker needs to refer someone (the offer directory, Tilbudsoversigt).
            Field("Adresse", "venue_address", "text", "Address", example="Vadum Kirkevej 10, 9430 Vadum",
                  help_da="Gade og nummer, postnummer og by"),
            Field("Hvornår", "schedule_text", "text", "When", example="tirsdage kl. 17–19",
                  help_da="Ugedag og tidspunkt, fx tirsdage kl. 17–19"),
            Field("For hvem", "target_group", "text", "For whom", example="Voksne rygere, der vil stoppe",
                  help_da="Hvem tilbuddet er for, med egne ord"),
            Field("Tilmelding", "signup_text", "text", "Sign-up", example="Ring til Sundhedshuset på 99 31 40 00",
                  help_da="Hvordan man tilmelder sig eller henviser: telefon, e-mail eller webadresse"),
        ), natural_key=("area_id", "title", "start_date")),
        Kind("sessions", "sessions", "Afholdte gange med fremmøde", "Sessions with attendance", (
            OFFER_AREA,
            Field("Tilbud", "offer_id", "ref", "Offer", required=True, ref="offer", example="Rygestop i Vadum, efterår",
                  help_da="Tilbuddets titel i området"),
            Field("Dato", "session_date", "date", "Date", required=True, example="23-11-2026"),
            Field("Fremmøde", "attendance", "int", "Attendance", required=True, example="11"),
            Field("Note", "note", "text", "Note", example=""),
            Field("Tidspunkt", "session_time", "text", "Time", example="",
                  help_da="Kun når tilbuddet har flere gange samme dag, fx 17:00"),
        ), natural_key=("offer_id", "session_date", "session_time")),
        Kind("enrolments", "enrolments", "Tilmeldinger", "Enrolments", (
            Field("Deltager", "participant_id", "ref", "Participant", required=True, ref="participant",
                  example="P000123", help_da="Pseudonym — aldrig navn eller CPR-nummer"),
            Field("Aldersgruppe", "age_band", "enum", "Age band", choices=AGE_BANDS, example="40-49"),
            Field("Køn", "sex", "enum", "Sex", choices=SEXES, example="mand"),
            Field("Bopælsområde", "home_area_id", "ref", "Home area", ref="area", example="Vadum"),
            OFFER_AREA,
            Field("Tilbud", "offer_id", "ref", "Offer", required=True, ref="offer", example="Rygestop i Vadum, efterår"),
            Field("Henvendelse", "inquiry_date", "date", "Inquiry date", example="28-08-2026"),
            Field("Start", "start_date", "date", "Start date", example="01-09-2026"),
            Field("Kanal", "channel", "enum", "Channel", choices=CHANNELS, example="egen læge"),
            Field("Fremmødte gange", "sessions_attended", "int", "Sessions attended", example="7"),
            Field("Gennemført", "completed", "bool", "Completed", example="ja"),
            Field("Effekt ved afslutning", "outcome_end", "bool", "Outcome at end", example="ja"),
            Field("Effekt ved opfølgning", "outcome_followup", "bool", "Outcome at follow-up", example=""),
        ), natural_key=("participant_id", "offer_id")),
        Kind("partners", "partners", "Lokale aktører", "Local actors", (
            Field("Navn", "name", "text", "Name", required=True, example="Vadum Samråd"),
            Field("Type", "kind", "enum", "Type", required=True, choices=PARTNER_KINDS, example="samråd"),
            Field("Område", "area_id", "ref", "Area", ref="area", example="Vadum"),
            Field("Kontaktperson", "contact_name", "text", "Contact person", example="Hanne Jensen",
                  help_da=CONTACT_HELP),
            Field("Telefon", "contact_phone", "phone", "Phone", example="98 12 34 56", help_da=PHONE_HELP),
            Field("E-mail", "contact_email", "email", "E-mail", example="kontakt@vadumsamraad.dk"),
        ), natural_key=("name", "area_id")),
        Kind("collaborations", "collaborations", "Samarbejder", "Collaborations", (
            Field("Partner", "partner_id", "ref", "Partner", required=True, ref="partner", example="Vadum Samråd"),
            AREA,
            Field("Type", "kind", "enum", "Type", required=True, choices=COLLABORATION_KINDS, example="netværk"),
            Field("Startdato", "start_date", "date", "Start date", required=True, example="01-03-2026"),
            Field("Slutdato", "end_date", "date", "End date", example=""),
            Field("Bæres af området", "carried_by_area", "bool", "Carried on by the area", example="nej"),
        ), natural_key=("partner_id", "area_id", "kind", "start_date")),
        Kind("knowledge_activities", "knowledge_activities", "Vidensaktiviteter", "Knowledge activities", (
            AREA,
            Field("Type", "kind", "enum", "Type", required=True, choices=KNOWLEDGE_KINDS, example="oplæg"),
            Field("Titel", "title", "text", "Title", required=True, example="Oplæg om søvn"),
            Field("Målgruppe", "audience", "enum", "Audience", choices=AUDIENCES, example="borgere"),
            Field("Dato", "activity_date", "date", "Date", required=True, example="12-11-2026"),
            Field("Deltagere", "attendees", "int", "Attendees", example="24"),
            Field("Uddannet", "trained", "int", "Trained", example="0"),
        ), natural_key=("area_id", "title", "activity_date")),
        Kind("log_entries", "log_entries", "Logbog", "Log entries", (
            AREA,
            Field("Dato", "entry_date", "date", "Date", required=True, example="23-11-2026"),
            Field("Forfatter", "author", "text", "Author", required=True, example="Koordinator Mette"),
            Field("Kategori", "category", "enum", "Category", required=True, choices=LOG_CATEGORIES, example="tilbud"),
            Field("Tekst", "text", "text", "Text", required=True, example="Rygestop i aften, 11 mødte op."),
            Field("Link", "link", "text", "Link", example=""),
        ), natural_key=("area_id", "entry_date", "author", "text")),
    )
}

# Set-up records that only admins write (page Opsætning, ``python -m lokal import``): not offered on
# the coordinators' Aktivitetslog.
SETUP_KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("offer_types", "offer_types", "Tilbudstyper", "Offer types", (
            Field("Navn", "name", "text", "Name", required=True, example="Rygestopkursus"),
            Field("Kategori", "category", "enum", "Category", required=True, choices=CATEGORIES, example="kommunalt",
                  help_da="kommunalt (kommunalt sundhedstilbud) eller civilsamfund (civilsamfundsaktivitet)"),
            Field("Kost", "kramm_kost", "bool", "Diet", example="nej"),
            Field("Rygning", "kramm_rygning", "bool", "Smoking", example="ja"),
            Field("Alkohol", "kramm_alkohol", "bool", "Alcohol", example="nej"),
            Field("Motion", "kramm_motion", "bool", "Exercise", example="nej"),
            Field("Mental sundhed", "kramm_mental", "bool", "Mental health", example="nej"),
            Field("Effektmål", "outcome_label", "text", "Outcome", example="røgfri",
                  help_da="Hvad der måles ved afslutning og opfølgning, fx røgfri; tomt, hvis tilbuddet ikke måler en effekt"),
            Field("Udgået", "retired", "bool", "Retired", example="nej",
                  help_da="En udgået type beholder sine tilbud og sin historik, men kan ikke vælges til nye"),
        ), natural_key=("name",)),
        Kind("focus_periods", "focus_periods", "Fokusperioder", "Focus periods", (
            AREA,
            Field("Fokus fra", "start_date", "date", "Focus from", required=True, example="01-09-2026"),
            Field("Fokus til", "end_date", "date", "Focus until", example="31-08-2028",
                  help_da="Tomt, hvis perioden ikke har en slutdato endnu"),
        ), natural_key=("area_id", "start_date")),
    )
}
# An area's own contact (its coordinator), shown in the offer directory. An area is found by its name or
# code and only updated, never created here (areas come from the area import, page Områder).
CONTACT_KINDS: dict[str, Kind] = {
    "area_contacts": Kind("area_contacts", "areas", "Områdets kontaktperson", "Area contact", (
        Field("Område", "id", "ref", "Area", required=True, ref="area", example="Vadum",
              help_da="Områdets navn eller kode"),
        Field("Koordinator", "coordinator_name", "text", "Coordinator", example="Mette Sørensen", help_da=CONTACT_HELP),
        Field("Koordinators telefon", "coordinator_phone", "phone", "Coordinator's phone", example="99 31 20 00",
              help_da=PHONE_HELP),
        Field("Koordinators e-mail", "coordinator_email", "email", "Coordinator's e-mail",
              example="mette.soerensen@aalborg.dk"),
    ), natural_key=("id",)),
}
ALL_KINDS = {**KINDS, **SETUP_KINDS, **CONTACT_KINDS}

# Participant columns written alongside an enrolment (the participant is found or created by pseudonym).
PARTICIPANT_COLUMNS = ("age_band", "sex", "home_area_id")
# Tables the write path may touch, with the columns it may set (a whitelist for identifiers in SQL).
WRITABLE = {k.table: [c for c in k.columns if not (k.id == "enrolments" and c in PARTICIPANT_COLUMNS)]
            for k in KINDS.values()}
WRITABLE["participants"] = ["pseudonym", *PARTICIPANT_COLUMNS]
WRITABLE = {**WRITABLE, **{k.table: k.columns for k in SETUP_KINDS.values()}}
WRITABLE["areas"] = [c for c in CONTACT_KINDS["area_contacts"].columns if c != "id"]  # contacts only (0012)
WRITABLE["offer_types"].append("has_outcome")  # follows from the outcome label (lokal.validate)
WRITABLE["targets"] = ["area_id", "indicator", "year", "value"]  # set by leaders (page Mål)
WRITABLE["kommuner"] = ["code", "name"]  # admins (page Opsætning)
WRITABLE["role_assignments"] = ["kind", "who", "role", "areas", "note"]  # admins (page Opsætning, lokal.roles)
# Leaders' and coordinators' written interpretations (0014, lokal.interpretations; rules in lokal.access).
WRITABLE["interpretations"] = ["kommunekode", "area_id", "period", "indicator", "body", "author", "author_name",
                               "updated_at"]
# Tables only an administrator writes (lokal.access.check_write).
ADMIN_TABLES = ("offer_types", "focus_periods", "kommuner", "role_assignments")


def get(kind_id: str) -> Kind:
    try:
        return ALL_KINDS[kind_id]
    except KeyError:
        raise KeyError(f"Ukendt posttype: {kind_id!r}") from None
