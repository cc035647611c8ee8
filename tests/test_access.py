"""Roles and access (issue 5): the role file, every role × write kind, reads, council protection.

All against the hand-made fixture database (areas A, B, C; see lokal/fixtures.py) in a real
DuckDB file. A refusal must leave the data untouched and an audit row with action 'denied'.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from lokal import access, db, queries, views, writes
from lokal.access import PermissionDenied, User
from lokal.indicators import Period
from lokal.writes import Change

ADMIN = User("admin@k.dk", "Anne Admin", "admin")
LEDER = User("leder@k.dk", "Lone Leder", "leder")
KOORD = User("koord@k.dk", "Karen Koordinator", "koordinator", frozenset({"A"}))
BYRAAD = User("byraad@k.dk", "Bo Byråd", "byraad")
Y2025 = Period("2025", date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def con(small_copy):
    c = db.open_db(small_copy)
    yield c
    c.close()


def denials(con) -> list[tuple]:
    return con.execute("SELECT user_name, table_name, record_key FROM audit_log WHERE action = 'denied' "
                       "ORDER BY id").fetchall()


# --- The role file -----------------------------------------------------------------------------

ROLE_TOML = """
require_login = true

[[users]]
email = "Karen@K.dk"
role = "koordinator"
areas = ["A"]

[[users]]
email = "lone@k.dk"
role = "leder"

[[groups]]
group = "lokal-byraad"
role = "byraad"

[[groups]]
group = "lokal-koord-b"
role = "koordinator"
areas = ["B"]

[[groups]]
group = "lokal-koord-c"
role = "koordinator"
areas = ["C"]
"""


def test_role_file_maps_users_by_email_and_groups(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(ROLE_TOML, encoding="utf-8")
    roles = access.load_roles(path)
    assert roles.require_login
    karen = roles.resolve({"email": "karen@k.dk", "name": "Karen", "groups": ["lokal-byraad"]})
    assert (karen.id, karen.role, karen.areas) == ("karen@k.dk", "koordinator", frozenset({"A"}))  # user entry wins
    assert roles.resolve({"email": "lone@k.dk"}).role == "leder"
    assert roles.resolve({"email": "x@k.dk", "groups": ["lokal-byraad"]}).role == "byraad"
    # Two coordinator groups: the areas add up; a more privileged group wins over byraad.
    both = roles.resolve({"email": "y@k.dk", "groups": ["lokal-koord-b", "lokal-koord-c", "lokal-byraad"]})
    assert (both.role, both.areas) == ("koordinator", frozenset({"B", "C"}))
    assert roles.resolve({"email": "stranger@k.dk", "groups": ["andet"]}) is None
    assert roles.resolve({"sub": "abc", "groups": "lokal-byraad"}).id == "abc"  # a single group as a string


@pytest.mark.parametrize("text, message", [
    ('[[users]]\nrole = "admin"', "[[users]] nr. 1: feltet »email« mangler"),
    ('[[users]]\nemail = "a@k.dk"\nrole = "chef"', "feltet »role« skal være en af admin, leder, koordinator, byraad"),
    ('[[users]]\nemail = "a@k.dk"\nrole = "koordinator"', "en koordinator skal have »areas«"),
    ('[[groups]]\ngroup = "g"\nrole = "leder"\n[[groups]]\ngroup = "g"\nrole = "admin"', "[[groups]] nr. 2: g står der to gange"),
    ('require_login = "ja"', "»require_login« skal være true eller false"),
    ('[[users]\nemail = "a"', "kan ikke læses"),
])
def test_role_file_errors_name_the_entry_and_field(tmp_path, text, message):
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(access.RoleFileError) as err:
        access.load_roles(path)
    assert message in str(err.value)


def test_unknown_area_codes_in_the_role_file_are_reported(con):
    roles = access.parse_roles({"users": [{"email": "a@k.dk", "role": "koordinator", "areas": ["A", "Ø"]}]})
    assert access.unknown_areas(con, roles) == ["Ø"]


# --- Every role × write kind -------------------------------------------------------------------

# One insert per writable table, in area A (the coordinator's own area), and one in area B.
def _insert(table: str, area_id: int) -> dict:
    offer = 1 if area_id == 1 else 5
    return {
        "offers": {"offer_type_id": 2, "area_id": area_id, "title": "Nyt gåhold", "status": "planlagt",
                   "start_date": date(2026, 1, 5)},
        "sessions": {"offer_id": offer, "session_date": date(2025, 3, 1), "attendance": 7},
        "enrolments": {"participant_id": 4 if area_id == 1 else 3, "offer_id": offer, "start_date": date(2025, 3, 1)},
        "participants": {"pseudonym": "NY1", "age_band": "30-39", "sex": "kvinde", "home_area_id": area_id},
        "partners": {"name": "Ny forening", "kind": "forening", "area_id": area_id},
        "collaborations": {"partner_id": 1, "area_id": area_id, "kind": "netværk", "start_date": date(2025, 5, 1)},
        "knowledge_activities": {"area_id": area_id, "kind": "oplæg", "title": "Oplæg", "activity_date": date(2025, 5, 1),
                                 "attendees": 10, "trained": 0},
        "log_entries": {"area_id": area_id, "entry_date": date(2025, 5, 1), "author": "x", "category": "andet",
                        "text": "Note"},
        "targets": {"area_id": area_id, "indicator": "frivillige", "year": 2026, "value": 4},
    }[table]


TABLES = ("offers", "sessions", "enrolments", "participants", "partners", "collaborations",
          "knowledge_activities", "log_entries", "targets")
# Who may insert where: (role, area) → tables allowed.
ACTIVITY = set(TABLES) - {"targets"}
ALLOWED = {
    ("admin", "A"): set(TABLES), ("admin", "B"): set(TABLES),
    ("leder", "A"): {"targets"}, ("leder", "B"): {"targets"},
    ("koordinator", "A"): ACTIVITY,
    # Partners are shared by all areas; a participant may live anywhere (the enrolment is checked).
    ("koordinator", "B"): {"partners", "participants"},
    ("byraad", "A"): set(), ("byraad", "B"): set(),
}
USERS = {"admin": ADMIN, "leder": LEDER, "koordinator": KOORD, "byraad": BYRAAD}


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("role, area", sorted(ALLOWED))
def test_every_role_and_write_kind(con, role, area, table):
    user = USERS[role]
    values = _insert(table, 1 if area == "A" else 2)
    before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if table in ALLOWED[(role, area)]:
        writes.apply(con, [Change(table, "insert", values)], user)
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before + 1
        assert con.execute("SELECT user_name FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] == user.id
    else:
        with pytest.raises(PermissionDenied) as err:
            writes.apply(con, [Change(table, "insert", values)], user)
        assert "forsøget er skrevet i loggen" in str(err.value).lower()
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before
        assert denials(con) == [(user.id, table, None)]


def test_coordinator_cannot_move_a_record_out_of_or_into_their_areas(con):
    offer = writes.fetch_row(con, "offers", 1)  # in A
    with pytest.raises(PermissionDenied, match="posten hører til område B"):
        writes.apply(con, [Change("offers", "update", {"area_id": 2}, 1, offer["version"])], KOORD)
    assert writes.fetch_row(con, "offers", 1)["area_id"] == 1
    other = writes.fetch_row(con, "offers", 5)  # in B
    with pytest.raises(PermissionDenied, match="område B"):
        writes.apply(con, [Change("offers", "update", {"area_id": 1}, 5, other["version"])], KOORD)
    with pytest.raises(PermissionDenied):
        writes.apply(con, [Change("offers", "delete", {}, 5, other["version"])], KOORD)
    assert writes.fetch_row(con, "offers", 5)["deleted_at"] is None
    # A session moved to an offer in B through its offer_id.
    session = con.execute("SELECT id, version FROM sessions WHERE offer_id = 1 LIMIT 1").fetchone()
    with pytest.raises(PermissionDenied):
        writes.apply(con, [Change("sessions", "update", {"offer_id": 5}, session[0], session[1])], KOORD)
    assert [d[1:] for d in denials(con)] == [("offers", "1"), ("offers", "5"), ("offers", "5"),
                                            ("sessions", str(session[0]))]
    # Within A everything goes.
    writes.apply(con, [Change("offers", "update", {"title": "Rygestop forår (rettet)"}, 1, offer["version"])], KOORD)


def test_a_batch_with_one_foreign_change_writes_nothing(con):
    ok = Change("log_entries", "insert", _insert("log_entries", 1))
    foreign = Change("log_entries", "insert", _insert("log_entries", 2))
    before = con.execute("SELECT count(*) FROM log_entries").fetchone()[0]
    audited = con.execute("SELECT count(*) FROM audit_log WHERE action <> 'denied'").fetchone()[0]  # the fixture's
    with pytest.raises(PermissionDenied):
        writes.apply(con, [ok, foreign], KOORD)
    assert con.execute("SELECT count(*) FROM log_entries").fetchone()[0] == before
    assert con.execute("SELECT count(*) FROM audit_log WHERE action <> 'denied'").fetchone()[0] == audited


def test_import_outside_ones_areas_is_refused_whole(con):
    rows = [{**_insert("knowledge_activities", 1), "title": "I A"}, {**_insert("knowledge_activities", 2), "title": "I B"}]
    before = con.execute("SELECT count(*) FROM knowledge_activities").fetchone()[0]
    with pytest.raises(PermissionDenied, match="område B"):
        writes.bulk_upsert(con, "knowledge_activities", rows, ("area_id", "title", "activity_date"), KOORD)
    assert con.execute("SELECT count(*) FROM knowledge_activities").fetchone()[0] == before
    assert denials(con) == [(KOORD.id, "knowledge_activities", None)]
    done = writes.bulk_upsert(con, "knowledge_activities", rows[:1], ("area_id", "title", "activity_date"), KOORD)
    assert done["inserted"] == 1


def test_partners_are_shared_but_only_an_admin_deletes_one(con):
    partner = writes.fetch_row(con, "partners", 3)  # based in B
    v = writes.apply(con, [Change("partners", "update", {"name": "Aftenskolen Nord"}, 3, partner["version"])], KOORD)[0]
    with pytest.raises(PermissionDenied, match="kun en administrator"):
        writes.apply(con, [Change("partners", "delete", {}, 3, v)], KOORD)
    writes.apply(con, [Change("partners", "delete", {}, 3, v)], ADMIN)


def test_participant_changes_need_a_link_to_ones_areas(con):
    p1 = writes.fetch_row(con, "participants", 1)  # lives in A
    writes.apply(con, [Change("participants", "update", {"sex": "andet"}, 1, p1["version"])], KOORD)
    p6 = writes.fetch_row(con, "participants", 6)  # lives in B, enrolled in B
    with pytest.raises(PermissionDenied, match="Deltager nr. 6"):
        writes.apply(con, [Change("participants", "update", {"sex": "andet"}, 6, p6["version"])], KOORD)


def test_undo_goes_through_the_same_checks(con):
    writes.apply(con, [Change("log_entries", "insert", _insert("log_entries", 1))], KOORD)
    assert "fortrudt" in writes.undo_last(con, KOORD)
    with pytest.raises(PermissionDenied):
        writes.undo_last(con, BYRAAD.__class__("koord@k.dk", "Udgiver sig", "byraad"))


def test_area_and_population_import_are_for_admins(con):
    from lokal import areas, population

    with pytest.raises(PermissionDenied, match="Kun en administrator"):
        areas.import_areas(con, None, user=LEDER)
    with pytest.raises(PermissionDenied, match="Kun en administrator"):
        population.import_population(con, None, user=KOORD)
    assert [d[:2] for d in denials(con)] == [(LEDER.id, "areas"), (KOORD.id, "area_population")]


# --- Reads -----------------------------------------------------------------------------------

READS = [
    # (function, args, permission)
    (queries.records_for_area, ("enrolments", "A"), access.PERSONS),
    (queries.area_history, ("A",), access.PERSONS),
    (queries.record_history, ("enrolments", 1), access.PERSONS),
    (queries.sessions_of_offer, (1,), access.PERSONS),
    (queries.offers_for_area, ("A", Y2025), access.DETAILS),
    (queries.funnel, ("A", Y2025), access.DETAILS),
    (queries.channels, ("A", Y2025), access.DETAILS),
    (queries.log_entries, ("A", Y2025), access.DETAILS),
    (queries.form_options, ("A",), access.DETAILS),
    (views.targets_vs_values, ("A", [Y2025]), access.DETAILS),
]


@pytest.mark.parametrize("fn, args, permission", READS, ids=[r[0].__name__ for r in READS])
def test_reads_by_role(con, fn, args, permission):
    for user in (ADMIN, LEDER, KOORD):
        fn(con, *args, viewer=user)
    with pytest.raises(PermissionDenied):
        fn(con, *args, viewer=BYRAAD)
    assert denials(con) == [(BYRAAD.id, fn.__name__, None if permission == access.DETAILS else "A")]
    with pytest.raises(TypeError):
        fn(con, *args)  # forgetting who asks is an error, never a silent pass


def test_coordinator_reads_person_rows_of_own_areas_only(con):
    assert len(queries.records_for_area(con, "enrolments", "A", viewer=KOORD)) == 5
    for call in (lambda: queries.records_for_area(con, "enrolments", "B", viewer=KOORD),
                 lambda: queries.area_history(con, "B", viewer=KOORD),
                 lambda: queries.record_history(con, "enrolments", 5, viewer=KOORD),  # an enrolment in B
                 lambda: queries.sessions_of_offer(con, 5, viewer=KOORD)):
        with pytest.raises(PermissionDenied, match="område B"):
            call()
    assert [d[2] for d in denials(con)] == ["B"] * 4
    # Aggregates of other areas are fine for a coordinator.
    assert queries.funnel(con, "B", Y2025, viewer=KOORD)


def test_council_members_get_protected_figures_only(con):
    plain = views.area_results(con, Y2025, viewer=LEDER).set_index(["unit", "indicator"])
    council = views.area_results(con, Y2025, viewer=BYRAAD).set_index(["unit", "indicator"])
    # A person count below 5 is not shown: volunteers in A (3 on the walking group).
    assert plain.loc[("A", "frivillige"), "value"] == 3
    assert council.loc[("A", "frivillige"), "status"] != "vist"
    assert math.isnan(council.loc[("A", "frivillige"), "value"])
    assert council.loc[("A", "frivillige"), "comparison"] is None or \
        not isinstance(council.loc[("A", "frivillige"), "comparison"], str)
    # Shares of 3 enrolments are hidden; counts of offers (not persons) are shown as they are.
    assert math.isnan(council.loc[("A", "gennemfoerelse"), "value"])
    assert council.loc[("A", "kommunale_tilbud_afholdt"), "value"] == plain.loc[("A", "kommunale_tilbud_afholdt"), "value"]
    shown = views.label(council.reset_index(), "da").set_index(["unit", "indicator"]).value_label
    assert shown[("A", "frivillige")] == "<5" and shown[("A", "gennemfoerelse")] == "x"
    trend = views.kommune_results(con, Y2025, by="focus", indicator_ids=["deltagere_pr_1000"], viewer=BYRAAD)
    assert set(trend.status) <= {"vist", "lille", "skjult"}


def test_import_preview_names_rows_outside_the_coordinators_areas(con):
    from lokal import importing

    data = ("Område;Dato;Forfatter;Kategori;Tekst\n"
            "Aby;01-05-2025;Karen;andet;Fint møde\n"
            "Bby;02-05-2025;Karen;andet;Ikke mit område\n").encode()
    table = importing.read_table(data, "noter.csv")
    mapping, problems = importing.map_columns(table, "log_entries")
    assert importing.preview(con, "log_entries", table, mapping, problems, ADMIN).ok
    result = importing.preview(con, "log_entries", table, mapping, problems, KOORD)
    assert not result.ok
    assert [p.text() for p in result.problems] == [
        "Række 3, felt 'Område': området B er ikke et af dine områder (A); du kan kun importere til dine egne områder"]


def test_the_example_role_file_is_valid():
    from pathlib import Path

    roles = access.load_roles(Path(__file__).parent.parent / ".streamlit" / "roles.example.toml")
    assert roles.require_login and roles.users["karen.koordinator@kommune.dk"].areas == {"AAL-09", "AAL-10"}


def test_one_areas_results_equal_its_rows_among_all(con):
    # Område asks for one area (and the kommune): the same figures and comparison as among all areas.
    every = views.area_results(con, Y2025, viewer=LEDER)
    one = views.area_results(con, Y2025, areas=["B"], viewer=LEDER)
    assert set(one.unit) == {"B"}
    mine = every[every.unit == "B"].reset_index(drop=True)
    cols = ["indicator", "numerator", "denominator", "value", "comparison", "kommune_value"]
    assert one[cols].reset_index(drop=True).equals(mine[cols])
