"""Set-up writes (issue 12): offer types, focus periods, kommuner, the data date and users and roles.

Against the hand-made fixture database (areas A focus 2025, B, C; lokal/fixtures.py) in a real
DuckDB file. Each write is audited and versioned; a user who is not an admin is refused, nothing
is written and the refusal is audited as 'denied'.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from lokal import access, catalogue, db, filters, importing, queries, roles, rollups, setup, validate, writes
from lokal.access import PermissionDenied, User

ADMIN = User("admin@k.dk", "Anne Admin", "admin")
LEDER = User("leder@k.dk", "Lone Leder", "leder")
KOORD = User("koord@k.dk", "Karen Koordinator", "koordinator", frozenset({"A"}))
BYRAAD = User("byraad@k.dk", "Bo Byråd", "byraad")


@pytest.fixture
def con(small_copy):
    c = db.open_db(small_copy)
    yield c
    c.close()


def audit(con, table: str) -> list[tuple]:
    return con.execute("SELECT user_name, action, record_key, before_json, after_json FROM audit_log "
                       "WHERE table_name = ? ORDER BY id", [table]).fetchall()


def offer_type(**kw) -> dict:
    row = {"name": "Sundhedscafé", "category": "civilsamfund", "kramm_kost": True, "kramm_rygning": False,
           "kramm_alkohol": False, "kramm_motion": False, "kramm_mental": True, "has_outcome": False,
           "outcome_label": None, "retired": False}
    return {**row, **kw}


def csv(text: str) -> importing.Table:
    return importing.read_table(text.encode("utf-8"), "fil.csv")


def preview(con, kind: str, text: str) -> importing.Preview:
    table = csv(text)
    mapping, problems = importing.map_columns(table, kind)
    return importing.preview(con, kind, table, mapping, problems)


# --- Offer types ---------------------------------------------------------------------------------


def test_a_new_database_starts_with_the_standard_catalogue(tmp_path):
    con = db.open_db(tmp_path / "ny.duckdb")
    rows = con.execute("SELECT name, category, kramm_rygning, has_outcome, outcome_label FROM offer_types "
                       "ORDER BY id").fetchall()
    assert len(rows) == len(catalogue.STANDARD) == 19
    assert rows[0] == ("Rygestopkursus", "kommunalt", True, True, "røgfri")
    assert ("Gåhold", "civilsamfund", False, False, None) in rows
    assert {r[1] for r in rows} == {"kommunalt", "civilsamfund"}
    assert len(audit(con, "offer_types")) == 19  # audited like any import
    assert catalogue.seed(con) == 0  # nothing twice
    con.close()
    con = db.open_db(tmp_path / "ny.duckdb")  # opening it again adds nothing
    assert con.execute("SELECT count(*) FROM offer_types").fetchone()[0] == 19


def test_an_admin_adds_renames_and_retires_an_offer_type_audited_and_versioned(con):
    new_id = writes.insert(con, "offer_types", offer_type(), ADMIN)
    assert audit(con, "offer_types")[-1][:3] == ("admin@k.dk", "insert", str(new_id))
    version = writes.update(con, "offer_types", new_id, {"name": "Sundhedscaféen"}, 1, ADMIN)
    assert version == 2
    user, action, _, before, after = audit(con, "offer_types")[-1]
    assert (user, action, json.loads(before)["name"], json.loads(after)["name"]) == \
        ("admin@k.dk", "update", "Sundhedscafé", "Sundhedscaféen")
    with pytest.raises(writes.StaleRecord):  # someone saved in between
        writes.update(con, "offer_types", new_id, {"name": "Café"}, 1, ADMIN)
    writes.update(con, "offer_types", new_id, {"retired": True}, 2, ADMIN)
    options = queries.form_options(con, "A", viewer=ADMIN)
    assert new_id not in options["offer_type"]  # not offered for new records
    assert options["offer_type_all"][new_id] == "Sundhedscaféen"  # an existing record keeps it


def test_an_offer_type_is_retired_not_deleted(con):
    with pytest.raises(writes.WriteError, match="Markér den som udgået i stedet"):
        writes.delete(con, "offer_types", 1, 1, ADMIN)
    assert con.execute("SELECT count(*) FROM offer_types WHERE deleted_at IS NOT NULL").fetchone()[0] == 0


def test_a_retired_type_keeps_its_offers_in_every_figure(con):
    from lokal import indicators as ind
    from lokal.indicators import Period

    y2025 = Period("2025", date(2025, 1, 1), date(2025, 12, 31))
    before = ind.compute(con, [y2025], by="area").sort_values(["unit", "indicator"]).value.fillna(-1).tolist()
    writes.update(con, "offer_types", 1, {"retired": True}, 1, ADMIN)  # Rygestopkursus: offers 1, 2, 8
    after = ind.compute(con, [y2025], by="area").sort_values(["unit", "indicator"]).value.fillna(-1).tolist()
    assert after == before


@pytest.mark.parametrize("user", [LEDER, KOORD, BYRAAD], ids=lambda u: u.role)
@pytest.mark.parametrize("table,values", [
    ("offer_types", offer_type()),
    ("focus_periods", {"area_id": 2, "start_date": date(2026, 1, 1), "end_date": None}),
    ("kommuner", {"code": "0101", "name": "København"}),
    ("role_assignments", {"kind": "bruger", "who": "x@k.dk", "role": "admin", "areas": None, "note": None}),
])
def test_only_an_admin_changes_the_set_up_and_a_refusal_is_audited(con, user, table, values):
    before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    with pytest.raises(PermissionDenied, match="Kun en administrator"):
        writes.insert(con, table, values, user)
    assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before
    assert con.execute("SELECT user_name, table_name FROM audit_log WHERE action = 'denied' ORDER BY id DESC "
                       "LIMIT 1").fetchone() == (user.id, table)


def test_offer_types_import_from_a_sheet_derives_the_outcome_and_reimports_as_unchanged(con):
    text = ("Navn;Kategori;Kost;Rygning;Alkohol;Motion;Mental sundhed;Effektmål;Udgået\n"
            "Rygestop for unge;kommunalt;nej;ja;nej;nej;nej;røgfri;\n"
            "Havefællesskab;civilsamfund;ja;;;ja;ja;;nej\n")
    result = preview(con, "offer_types", text)
    assert result.ok, [p.text() for p in result.problems]
    assert result.counts == {"nye": 2, "opdateres": 0, "uændrede": 0}
    importing.run(con, result, "cli")
    rows = con.execute("SELECT name, category, kramm_rygning, kramm_motion, has_outcome, outcome_label, retired "
                       "FROM offer_types WHERE name IN ('Rygestop for unge', 'Havefællesskab') ORDER BY name"
                       ).fetchall()
    assert rows == [("Havefællesskab", "civilsamfund", False, True, False, None, False),
                    ("Rygestop for unge", "kommunalt", True, False, True, "røgfri", False)]
    assert preview(con, "offer_types", text).counts == {"nye": 0, "opdateres": 0, "uændrede": 2}


def test_an_unknown_offer_type_gets_one_message_per_name_naming_its_rows(con):
    header = "Område;Tilbudstype;Titel;Status;Startdato\n"
    rows = "".join(f"Aby;Zumba;Zumba {n};planlagt;0{n}-03-2025\n" for n in range(1, 4))
    result = preview(con, "offers", header + rows + "Aby;Pilates;Pilates;planlagt;01-04-2025\n"
                                                   "Aby;Gåhold;Gåtur;planlagt;02-04-2025\n")
    texts = [p.text() for p in result.problems if p.level == "fejl"]
    assert texts == [
        "Række 5, felt 'Tilbudstype': tilbudstypen 'Pilates' findes ikke. " + validate.ADD_TYPE_HINT,
        "Felt 'Tilbudstype': tilbudstypen 'Zumba' findes ikke (rækkerne 2–4, 3 rækker). " + validate.ADD_TYPE_HINT,
    ]
    assert "Opsætning → Tilbudstyper" in validate.ADD_TYPE_HINT and "import offer_types" in validate.ADD_TYPE_HINT


def test_row_lists_are_short_ranges():
    assert validate.row_list([2, 3, 4, 9, 11, 12]) == "2–4, 9, 11–12"
    assert validate.row_list([7]) == "7"


# --- Focus periods -------------------------------------------------------------------------------


def focus_of(con, code: str) -> tuple:
    return con.execute("SELECT focus_start, focus_end FROM areas WHERE code = ?", [code]).fetchone()


def test_focus_periods_are_records_and_the_area_summary_and_rollups_follow(con):
    # The fixture's A has one period (2025); the migration made it a record.
    assert con.execute("SELECT area_id, start_date, end_date FROM focus_periods").fetchall() == \
        [(1, date(2025, 1, 1), date(2025, 12, 31))]
    new = writes.insert(con, "focus_periods", {"area_id": 2, "start_date": date(2026, 1, 1), "end_date": None}, ADMIN)
    assert focus_of(con, "B") == (date(2026, 1, 1), None)  # open: no end yet
    assert rollups.check(con) == []  # the rollups follow B's new focus flag
    again = writes.insert(con, "focus_periods", {"area_id": 1, "start_date": date(2027, 1, 1),
                                                 "end_date": date(2027, 6, 30)}, ADMIN)
    assert focus_of(con, "A") == (date(2025, 1, 1), date(2027, 6, 30))  # a focus area twice
    writes.delete(con, "focus_periods", new, 1, ADMIN)
    assert focus_of(con, "B") == (None, None)
    assert rollups.check(con) == []
    writes.restore(con, "focus_periods", new, ADMIN)
    assert focus_of(con, "B") == (date(2026, 1, 1), None)
    writes.update(con, "focus_periods", again, {"end_date": date(2027, 12, 31)}, 1, ADMIN)
    assert focus_of(con, "A") == (date(2025, 1, 1), date(2027, 12, 31))
    actions = [a[1] for a in audit(con, "focus_periods")]
    assert actions == ["insert", "insert", "delete", "restore", "update"]
    assert "B" in set(queries.areas(con).query("is_focus").code)


def test_an_overlapping_focus_period_is_refused_with_the_area_and_dates(con):
    result = preview(con, "focus_periods", "Område;Fokus fra;Fokus til\nAby;01-06-2025;31-05-2026\n"
                                           "Bby;01-01-2026;\nBby;01-01-2026;31-12-2026\n")
    texts = [p.text() for p in result.problems if p.level == "fejl"]
    assert texts == [
        "Række 2, felt 'Fokus fra': perioden overlapper Abys fokusperiode 01-01-2025–31-12-2025; ret den i stedet "
        "for at tilføje en ny",
        "Række 4: rækken er en gentagelse af række 3 (samme Område, Fokus fra)",
    ]


def test_a_focus_period_may_be_planned_years_ahead_but_not_end_before_it_starts(con):
    far = date.today() + timedelta(days=3 * 365)
    ok = validate.check(con, "focus_periods", [{"Område": "B", "Fokus fra": far, "Fokus til": far}], first_row=None)
    assert ok.ok, [p.text() for p in ok.problems]
    bad = validate.check(con, "focus_periods", [{"Område": "B", "Fokus fra": "01-09-2026", "Fokus til": "31-08-2026"}],
                         first_row=None)
    assert [p.text() for p in bad.errors] == ["Felt 'Fokus til': 31-08-2026 ligger før fokus fra 01-09-2026"]


# --- Kommuner and the data date -------------------------------------------------------------------


def test_a_kommune_is_added_and_renamed_audited(con):
    assert setup.save_kommune(con, ADMIN, "851", "Aalborg") == "Kommunen Aalborg (0851) er oprettet."
    assert setup.save_kommune(con, ADMIN, "0851", "Aalborg Kommune") == "Kommunen 0851 hedder nu Aalborg Kommune."
    assert setup.save_kommune(con, ADMIN, "0851", "Aalborg Kommune").endswith("er uændret.")
    assert [a[1] for a in audit(con, "kommuner")] == ["insert", "update"]
    assert queries.info(con)["kommuner"] == {"0851": "Aalborg Kommune"}
    assert queries.info(con)["kommune_name"] == "Aalborg Kommune"
    with pytest.raises(writes.WriteError, match="'08x1' er ikke en kommunekode"):
        setup.save_kommune(con, ADMIN, "08x1", "Aalborg")
    with pytest.raises(PermissionDenied):
        setup.save_kommune(con, LEDER, "0101", "København")


def test_the_data_date_follows_the_latest_fact_unless_an_admin_sets_it(con):
    assert queries.latest_data_date(con) == (date(2025, 12, 31), True)  # the fixture sets it
    setup.set_data_date(con, ADMIN, None)
    # Latest facts: evaluation 31-12-2025 (knowledge), sessions to 01-04-2025, enrolments to 01-09-2025.
    assert queries.latest_data_date(con) == (date(2025, 12, 31), False)
    writes.insert(con, "log_entries", {"area_id": 2, "entry_date": date(2026, 1, 5), "author": "K",
                                       "category": "andet", "text": "Ny note"}, ADMIN)
    assert queries.info(con)["data_date"] == date(2026, 1, 5)
    future = date.today() + timedelta(days=30)
    writes.insert(con, "log_entries", {"area_id": 2, "entry_date": future, "author": "K", "category": "andet",
                                       "text": "Planlagt"}, ADMIN)
    assert queries.info(con)["data_date"] == date(2026, 1, 5)  # a date ahead is not yet a fact
    setup.set_data_date(con, ADMIN, date(2025, 11, 30))
    assert queries.info(con)["data_date"] == date(2025, 11, 30) and queries.info(con)["data_date_set"]
    rows = audit(con, "meta")
    assert [(r[0], r[1], json.loads(r[3])["data_date"], json.loads(r[4])["data_date"]) for r in rows] == [
        ("admin@k.dk", "update", "2025-12-31", None), ("admin@k.dk", "update", None, "2025-11-30")]
    version = db.data_version(con)
    with pytest.raises(PermissionDenied):
        setup.set_data_date(con, KOORD, None)
    assert db.data_version(con) == version
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'denied' AND table_name = 'data_date'"
                       ).fetchone()[0] == 1


def test_an_empty_database_has_no_data_date(tmp_path):
    con = db.open_db(tmp_path / "tom.duckdb")
    assert queries.latest_data_date(con) == (None, False)


def test_the_quarters_run_to_the_last_session_not_the_last_offer_start(tmp_path):
    # An offer started 04-11-2013 with weekly sessions until 30-06-2014 (the example).
    con = db.open_db(tmp_path / "kursus.duckdb")
    con.execute("INSERT INTO areas (code, name, kommunekode, kind, adults) VALUES ('X', 'Xby', '0851', 'bydel', 100)")
    offer = writes.insert(con, "offers", {"offer_type_id": 1, "area_id": 1, "title": "Rygestop", "status": "gennemført",
                                          "start_date": date(2013, 11, 4), "end_date": date(2014, 6, 30)}, ADMIN)
    day = date(2013, 11, 4)
    while day <= date(2014, 6, 30):
        writes.insert(con, "sessions", {"offer_id": offer, "session_date": day, "attendance": 10}, ADMIN)
        day += timedelta(days=7)
    first, last = queries.data_range(con)
    assert (first, last) == (date(2013, 11, 4), date(2014, 6, 30))
    data_date, _ = queries.latest_data_date(con)
    options, default = filters.quarter_options(first, last, data_date)
    assert options[0] == "2013K4" and options[-1] == "2014K2"
    chosen = filters.from_params({"fra": "2014K1", "til": "2014K2"}, options, default)
    assert (chosen.first, chosen.last) == ("2014K1", "2014K2")
    assert filters.out_of_range({"fra": "2012K1", "til": "2015K3"}, options) == [("2012K1", "2013K4"),
                                                                                ("2015K3", "2014K2")]


# --- Users and roles ----------------------------------------------------------------------------


def entry(**kw) -> roles.Entry:
    return roles.Entry(**{"kind": "bruger", "who": "Mette@Ishoej.dk", "role": "koordinator", "areas": "A", **kw})


@pytest.mark.parametrize("kw,message", [
    ({"who": "mette"}, "Felt 'E-mail': Bruger mette: 'mette' er ikke en e-mailadresse (fx karen@kommune.dk)"),
    ({"areas": ""}, "Felt 'Områder': Bruger mette@ishoej.dk: en koordinator skal have mindst ét område "
                    "(områdekoder, fx AAL-09)"),
    ({"areas": "A, ZZ"}, "Felt 'Områder': Bruger mette@ishoej.dk: områdekoden ZZ findes ikke (se siden Områder)"),
    ({"role": "chef"}, "Felt 'Rolle': Bruger mette@ishoej.dk: skal være en af admin, leder, koordinator, byraad, "
                       "ikke 'chef'"),
    ({"kind": "gruppe", "who": ""}, "Felt 'Gruppe': Gruppe (uden navn): skal udfyldes"),
])
def test_a_role_entry_mistake_names_the_entry_and_the_field(con, kw, message):
    _, problems = roles.check(con, entry(**kw))
    assert [p.text() for p in problems] == [message]


def test_users_are_added_changed_and_removed_in_the_database_audited(con):
    clean, problems = roles.check(con, entry())
    assert not problems and clean == {"kind": "bruger", "who": "mette@ishoej.dk", "role": "koordinator",
                                      "areas": "A", "note": None}
    mette = roles.save(con, ADMIN, clean)
    _, dup = roles.check(con, entry())
    assert [p.text() for p in dup] == ["Felt 'E-mail': Bruger mette@ishoej.dk: mette@ishoej.dk har allerede en rolle; "
                                       "ret den i stedet for at tilføje en ny"]
    resolved = roles.book(con).resolve({"email": "METTE@ishoej.dk", "name": "Mette"})
    assert (resolved.role, resolved.areas) == ("koordinator", frozenset({"A"}))
    roles.save(con, ADMIN, {**clean, "role": "leder", "areas": None}, mette, 1)
    assert roles.book(con).resolve({"email": "mette@ishoej.dk"}).role == "leder"
    roles.remove(con, ADMIN, mette, 2)
    assert roles.book(con).resolve({"email": "mette@ishoej.dk"}) is None
    roles.save(con, ADMIN, clean)  # added again: the removed entry comes back, changed
    assert roles.book(con).resolve({"email": "mette@ishoej.dk"}).role == "koordinator"
    assert [a[1] for a in audit(con, "role_assignments")] == ["insert", "update", "delete", "restore", "update"]
    with pytest.raises(PermissionDenied):
        roles.save(con, LEDER, {**clean, "who": "ny@ishoej.dk"})


def test_the_last_admin_cannot_be_removed_or_demoted(con):
    anne = roles.save(con, ADMIN, {"kind": "bruger", "who": "anne@k.dk", "role": "admin", "areas": None, "note": None})
    with pytest.raises(writes.WriteError, match="mindst én administrator"):
        roles.remove(con, ADMIN, anne, 1)
    with pytest.raises(writes.WriteError, match="mindst én administrator"):
        roles.save(con, ADMIN, {"kind": "bruger", "who": "anne@k.dk", "role": "leder", "areas": None, "note": None},
                   anne, 1)
    roles.save(con, ADMIN, {"kind": "gruppe", "who": "it-admins", "role": "admin", "areas": None, "note": None})
    roles.remove(con, ADMIN, anne, 1)  # another admin is left


def test_the_role_file_seeds_the_database_but_never_overrides_it(con):
    file = access.parse_roles({
        "users": [{"email": "leder@k.dk", "role": "leder"}, {"email": "karen@k.dk", "role": "koordinator",
                                                             "areas": ["A"]}],
        "groups": [{"group": "byraad", "role": "byraad"}]}, "roles.toml")
    assert roles.seed_from_file(con, file) == 3
    assert {a[0] for a in audit(con, "role_assignments")} == {roles.SEED_USER}
    karen = con.execute("SELECT id FROM role_assignments WHERE who = 'karen@k.dk'").fetchone()[0]
    roles.save(con, ADMIN, {"kind": "bruger", "who": "karen@k.dk", "role": "koordinator", "areas": "A, B",
                            "note": None}, karen, 1)
    leder = con.execute("SELECT id FROM role_assignments WHERE who = 'leder@k.dk'").fetchone()[0]
    roles.remove(con, ADMIN, leder, 1)
    assert roles.seed_from_file(con, file) == 0  # the app's change and removal stand
    assert roles.book(con).resolve({"email": "karen@k.dk"}).areas == frozenset({"A", "B"})
    assert roles.book(con).resolve({"email": "leder@k.dk"}) is None
    assert roles.differences(con, file) == [
        "Bruger karen@k.dk: rollefilen siger koordinator (A), databasen koordinator (A, B); databasen gælder."]
    assert roles.book(con).resolve({"email": "x@k.dk", "groups": ["byraad"]}).role == "byraad"
