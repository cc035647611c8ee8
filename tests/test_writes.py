"""The audited write path on real DuckDB files: audit, versions, soft delete, undo, concurrency."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

from lokal import db, writes


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
