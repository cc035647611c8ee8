"""The audited write path on real DuckDB files: audit, versions, soft delete, undo, concurrency."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

from lokal import db, fixtures, rollups, validate, writes
from lokal import indicators as ind
from lokal.indicators import Period


@pytest.fixture
def con(small_copy):
    c = db.open_db(small_copy)
    yield c
    c.close()


def audit_rows(con, table, key):
    return con.execute(
        "SELECT action, user_name, before_json, after_json FROM audit_log WHERE table_name = ? AND record_key = ? "
        "ORDER BY id", [table, str(key)]).fetchall()


def test_insert_is_written_with_its_audit_row_in_one_go(con):
    version_before = db.data_version(con)
    new_id = writes.insert(con, "sessions", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 9},
                           "mette")
    assert con.execute("SELECT attendance, version FROM sessions WHERE id = ?", [new_id]).fetchone() == (9, 1)
    [(action, user, before, after)] = audit_rows(con, "sessions", new_id)
    assert (action, user, before) == ("insert", "mette", None)
    assert json.loads(after)["attendance"] == 9
    assert db.data_version(con) == version_before + 1


def test_update_records_before_and_after_and_bumps_the_version(con):
    v = writes.update(con, "offers", 1, {"title": "Rygestop forår (rettet)", "seats": 13}, 1, "mette")
    assert v == 2
    [(action, _, before, after)] = audit_rows(con, "offers", 1)
    assert action == "update"
    assert json.loads(before)["title"] == "Rygestop forår" and json.loads(after)["title"] == "Rygestop forår (rettet)"
    assert json.loads(after)["seats"] == 13


def test_second_save_from_an_old_version_is_refused_and_shows_what_changed(con):
    started = writes.fetch_row(con, "offers", 1)
    writes.update(con, "offers", 1, {"seats": 20}, 1, "anna")
    with pytest.raises(writes.StaleRecord, match="ændret af anna") as err:
        writes.update(con, "offers", 1, {"seats": 25}, 1, "mette", started=started)
    assert err.value.changes["seats"] == (12, 20)
    assert con.execute("SELECT seats FROM offers WHERE id = 1").fetchone() == (20,)


def test_soft_delete_hides_the_record_from_indicators_and_restore_brings_it_back(con):
    from lokal import indicators as ind

    year = ind.Period("2025", date(2025, 1, 1), date(2025, 12, 31))

    def held_in_a():
        df = ind.compute(con, year, areas=["A"], indicator_ids=["kommunale_tilbud_afholdt"])
        return df.value.iloc[0]

    assert held_in_a() == 2
    writes.delete(con, "offers", 1, 1, "mette")
    assert held_in_a() == 1
    assert con.execute("SELECT count(*) FROM offers WHERE id = 1").fetchone() == (1,)  # still there
    writes.restore(con, "offers", 1, "mette")
    assert held_in_a() == 2
    assert [a for a, *_ in audit_rows(con, "offers", 1)] == ["delete", "restore"]


def test_undo_reverts_ones_own_last_change_only(con):
    writes.update(con, "log_entries", 1, {"text": "Forkert tekst"}, 1, "mette")
    writes.insert(con, "log_entries", {"area_id": 2, "entry_date": date(2025, 3, 1), "author": "Anna",
                                       "category": "andet", "text": "Annas note"}, "anna")
    assert "fortrudt" in writes.undo_last(con, "mette")
    assert con.execute("SELECT text FROM log_entries WHERE id = 1").fetchone() == ("Rygestop i Aby, 10 mødte op.",)
    # Anna's note is untouched; undoing Anna's insert soft-deletes it.
    writes.undo_last(con, "anna")
    assert con.execute("SELECT deleted_at IS NOT NULL FROM log_entries WHERE text = 'Annas note'").fetchone() == (True,)
    with pytest.raises(writes.WriteError, match="ingen ændringer"):
        writes.undo_last(con, "nogen")


def test_two_sessions_on_one_day_need_a_time_and_one_day_has_one_without(con):
    first = writes.insert(con, "sessions", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 9}, "mette")
    with pytest.raises(writes.WriteError, match="findes allerede"):  # a second one without a time
        writes.insert(con, "sessions", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 7}, "mette")
    evening = writes.insert(con, "sessions", {"offer_id": 2, "session_date": date(2025, 9, 8),
                                              "session_time": "19:00", "attendance": 7}, "mette")
    assert first != evening
    assert con.execute("SELECT sum(attendance) FROM sessions WHERE offer_id = 2").fetchone() == (16,)
    checked = validate.check(con, "sessions", [{"Område": "A", "Tilbud": 2, "Dato": "08-09-2025", "Fremmøde": 5,
                                                "Tidspunkt": "7.30"}], first_row=None)
    assert checked.ok and checked.rows[0]["session_time"] == "07:30"
    bad = validate.check(con, "sessions", [{"Område": "A", "Tilbud": 2, "Dato": "08-09-2025", "Fremmøde": 5,
                                            "Tidspunkt": "25:00"}], first_row=None)
    assert [p.text() for p in bad.errors] == ["Felt 'Tidspunkt': '25:00' er ikke et tidspunkt (skriv fx 17:00)"]


def test_a_batch_is_all_or_nothing(con):
    changes = [
        writes.Change("sessions", "insert", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 9}),
        writes.Change("sessions", "insert", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 7}),
    ]
    with pytest.raises(writes.WriteError, match="findes allerede"):
        writes.apply(con, changes, "mette")
    assert con.execute("SELECT count(*) FROM sessions WHERE offer_id = 2").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM audit_log WHERE table_name = 'sessions'").fetchone() == (0,)


def test_unknown_columns_and_tables_are_refused(con):
    with pytest.raises(writes.WriteError, match="findes ikke"):
        writes.insert(con, "sessions", {"offer_id": 2, "attendance; DROP TABLE areas": 1}, "x")
    with pytest.raises(writes.WriteError, match="kan ikke redigeres"):
        writes.insert(con, "audit_log", {"user_name": "x"}, "x")


def test_eight_threads_of_200_writes_lose_nothing(con):
    """8 threads × 200 writes (inserts and updates of 4 shared records) through the write path.

    Every committed write must be in its table and in the audit log; refused writes (stale or
    busy) are reported to the caller and change nothing.
    """
    shared = [writes.insert(con, "log_entries", {"area_id": 1, "entry_date": date(2025, 1, 1), "author": "x",
                                                 "category": "andet", "text": f"delt {i}"}, "setup")
              for i in range(4)]
    committed_updates = {i: [] for i in shared}
    committed_inserts, refused = [], []
    lock = threading.Lock()

    def worker(n: int):
        cur = con.cursor()
        for j in range(200):
            if j % 2 == 0:
                text = f"tråd {n} nr. {j}"
                new_id = writes.insert(cur, "log_entries", {"area_id": 2, "entry_date": date(2025, 2, 1),
                                                            "author": f"t{n}", "category": "andet", "text": text},
                                       f"t{n}")
                with lock:
                    committed_inserts.append((new_id, text))
                continue
            target = shared[(n + j) % len(shared)]
            row = writes.fetch_row(cur, "log_entries", target)
            text = f"opdateret af {n} nr. {j}"
            try:
                v = writes.update(cur, "log_entries", target, {"text": text}, row["version"], f"t{n}")
                with lock:
                    committed_updates[target].append((v, text))
            except (writes.StaleRecord, writes.Busy) as exc:
                with lock:
                    refused.append(type(exc).__name__)
        cur.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(committed_inserts) == 8 * 100
    for new_id, text in committed_inserts:
        assert con.execute("SELECT text FROM log_entries WHERE id = ?", [new_id]).fetchone() == (text,)
    audited_inserts = con.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'insert' AND table_name = 'log_entries' AND user_name <> 'setup'"
    ).fetchone()[0]
    assert audited_inserts == 800
    n_updates = sum(len(v) for v in committed_updates.values())
    assert n_updates + len(refused) == 8 * 100
    for record, done in committed_updates.items():
        # Each committed update made exactly one new version; the last one is what the row holds.
        versions = sorted(v for v, _ in done)
        assert versions == list(range(2, 2 + len(done)))
        final_version, final_text = max(done)
        assert con.execute("SELECT version, text FROM log_entries WHERE id = ?", [record]).fetchone() == (
            final_version, final_text)
        audited = con.execute("SELECT after_json FROM audit_log WHERE action = 'update' AND table_name = 'log_entries' "
                              "AND record_key = ? ORDER BY id", [str(record)]).fetchall()
        assert [json.loads(a)["text"] for (a,) in audited] == [t for _, t in sorted(done)]


def test_area_history_finds_changes_through_the_records_area(con):
    from lokal import queries, views

    writes.insert(con, "sessions", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 9}, "mette")
    writes.update(con, "collaborations", 3, {"kind": "netværk"}, 1, "anna")  # a collaboration in B
    history_a = views.describe_history(queries.area_history(con, "A", viewer="test"), "da")
    assert list(history_a.table_text) == ["Afholdte gange med fremmøde"]  # the session, found via its offer
    assert "Fremmøde: 9" in history_a.summary.iloc[0]
    history_b = views.describe_history(queries.area_history(con, "B", viewer="test"), "da")
    assert list(history_b.action_text) == ["rettet"]
    assert history_b.summary.iloc[0] == "Type: fælles aktivitet → netværk"


def test_upsert_of_an_existing_session_becomes_an_update(con):
    clean = {"offer_id": 1, "session_date": date(2025, 2, 1), "attendance": 12, "note": None}
    [change] = writes.upsert_changes(con, "sessions", clean, ("offer_id", "session_date"))
    assert (change.op, change.values) == ("update", {"attendance": 12})
    clean["attendance"] = 11
    assert writes.upsert_changes(con, "sessions", clean, ("offer_id", "session_date")) == []


# --- moving records that others point at (migration 0007) ------------------------------------------

YEAR_2025 = Period("2025", date(2025, 1, 1), date(2025, 12, 31))


def figures(con, indicator_id: str) -> dict[str, float]:
    """One indicator for 2025 by area code (A, B, C) from the indicator SQL."""
    out = ind.compute(con, YEAR_2025, indicator_ids=[indicator_id])
    return dict(zip(out.unit, out.numerator, strict=True))


def test_an_offer_with_sessions_and_enrolments_moves_to_another_area(con):
    # Offer 1 "Rygestop forår" (municipal, held in 2025) lies in A and has two sessions and three
    # enrolments. Municipal offers held in 2025: A has it and "Rygestop efterår" = 2; B none.
    assert figures(con, "kommunale_tilbud_afholdt") == {"A": 2, "B": 0, "C": 0}
    version = writes.update(con, "offers", 1, {"area_id": 2}, 1, "mette")
    assert version == 2
    assert con.execute("SELECT area_id FROM offers WHERE id = 1").fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM sessions WHERE offer_id = 1").fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM enrolments WHERE offer_id = 1").fetchone() == (3,)
    (action, user, before, after), = audit_rows(con, "offers", 1)
    assert (action, user, json.loads(before)["area_id"], json.loads(after)["area_id"]) == ("update", "mette", 1, 2)
    assert figures(con, "kommunale_tilbud_afholdt") == {"A": 1, "B": 1, "C": 0}
    # Completion is counted where the offer is: its three enrolments (two completed) moved to B.
    assert rollups.check(con) == []


def test_a_participants_home_area_changes_after_enrolments_and_participation_follows(con):
    # Participants who started in 2025 by home area (else the offer's area): A = P1, P2, P3 and P5
    # (no home; offer 2 is in A); B = P6.
    assert figures(con, "deltagere_pr_1000") == {"A": 4, "B": 1, "C": 0}
    writes.update(con, "participants", 1, {"home_area_id": 2}, 1, "mette")
    assert figures(con, "deltagere_pr_1000") == {"A": 3, "B": 2, "C": 0}
    assert rollups.check(con) == []


def test_offer_type_partner_and_a_partners_area_can_be_corrected_after_use(con):
    writes.update(con, "offers", 1, {"offer_type_id": 3, "partner_id": 2}, 1, "mette")  # was Rygestop, no partner
    assert con.execute("SELECT offer_type_id, partner_id FROM offers WHERE id = 1").fetchone() == (3, 2)
    writes.update(con, "partners", 1, {"area_id": 2}, 1, "mette")  # Samrådet runs offer 2, collaboration 1
    assert con.execute("SELECT area_id FROM partners WHERE id = 1").fetchone() == (2,)
    assert rollups.check(con) == []


def test_a_reference_to_nothing_is_refused_naming_the_field_and_nothing_is_written(con):
    audits = con.execute("SELECT count(*) FROM audit_log").fetchone()
    with pytest.raises(writes.WriteError, match='Feltet "Område" peger på nr. 99, som ikke findes'):
        writes.update(con, "offers", 1, {"area_id": 99}, 1, "mette")
    with pytest.raises(writes.WriteError, match='Feltet "Bopælsområde" peger på nr. 42'):
        writes.apply(con, [writes.Change("participants", "insert", {"pseudonym": "P7", "home_area_id": 1}),
                           writes.Change("participants", "insert", {"pseudonym": "P8", "home_area_id": 42})], "mette")
    with pytest.raises(writes.WriteError, match='Feltet "Tilbudstype" peger på nr. 7'):
        writes.insert(con, "offers", {"offer_type_id": 7, "area_id": 1, "title": "X", "start_date": date(2025, 1, 1),
                                      "status": "planlagt"}, "mette")
    assert con.execute("SELECT area_id, version FROM offers WHERE id = 1").fetchone() == (1, 1)
    assert con.execute("SELECT count(*) FROM participants WHERE pseudonym IN ('P7', 'P8', 'P9')").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM audit_log").fetchone() == audits


def test_an_import_with_a_reference_to_nothing_names_the_row_and_imports_nothing(con):
    rows = [{"pseudonym": "P7", "home_area_id": None}, {"pseudonym": "P8", "home_area_id": 42},
            {"pseudonym": "P9", "home_area_id": 43}]
    with pytest.raises(writes.WriteError, match='Post 2 i importen: feltet "Bopælsområde" peger på nr. 42, '):
        writes.bulk_upsert(con, "participants", rows, ("pseudonym",), "mette")
    assert con.execute("SELECT count(*) FROM participants WHERE pseudonym IN ('P7', 'P8', 'P9')").fetchone() == (0,)


def test_sessions_and_enrolments_still_cannot_point_at_a_missing_offer(con):
    with pytest.raises(writes.WriteError, match="henviser til noget, der ikke findes"):
        writes.insert(con, "sessions", {"offer_id": 99, "session_date": date(2025, 9, 8), "attendance": 9}, "mette")
    with pytest.raises(writes.WriteError, match="henviser til noget, der ikke findes"):
        writes.insert(con, "enrolments", {"participant_id": 99, "offer_id": 1}, "mette")


def test_a_database_from_before_0007_keeps_every_row_and_id(tmp_path):
    c = db.connect(tmp_path / "old.duckdb")
    db.migrate(c, before="0007")  # as an older Lokal left it
    c.execute(fixtures._ROWS)
    for seq, table in fixtures._SEQUENCES:
        if table != "focus_periods":  # from migration 0008
            db.advance_sequence(c, seq, c.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0)
    tables = ["partners", "offers", "participants", "sessions", "enrolments", "collaborations"]
    before = {t: c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
    with pytest.raises(Exception, match="foreign key"):  # the old schema: the offer cannot move
        c.execute("UPDATE offers SET area_id = 2 WHERE id = 1")
    assert db.migrate(c)[0] == "0007_movable_references"
    after = {t: c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
    # 0010 adds the sessions' time ('' for none) as their fourth column; every other value is kept.
    after["sessions"] = [(*r[:3], *r[4:]) for r in after["sessions"]]
    # 0012 adds the offer directory's fields at the end: four to offers, three contact fields to partners.
    assert all(r[-4:] == (None,) * 4 for r in after["offers"]) and all(r[-3:] == (None,) * 3 for r in after["partners"])
    after["offers"] = [r[:-4] for r in after["offers"]]
    after["partners"] = [r[:-3] for r in after["partners"]]
    assert after == before
    c.execute("UPDATE offers SET area_id = 2 WHERE id = 1")
    new_id = c.execute("INSERT INTO offers (offer_type_id, area_id, title, start_date, status) "
                       "VALUES (1, 1, 'Ny', DATE '2026-01-01', 'planlagt') RETURNING id").fetchone()[0]
    assert new_id == 9  # the new table draws its ids from the same sequence
    c.close()
