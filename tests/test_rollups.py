"""Rollups (lokal/rollups.py, migration 0005): the enrolment indicators from the rollups equal their
base SQL, and stay equal through every kind of write, a failed write, an import and a migration."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from lokal import cli, db, rollups, writes
from lokal import indicators as ind

Y2025 = ind.Period("2025", date(2025, 1, 1), date(2025, 12, 31))
ROLLED = [i.id for i in ind.INDICATORS if i.rollup_sql]


@pytest.fixture
def con(small_copy):
    c = db.open_db(small_copy)
    yield c
    c.close()


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    c = db.open_db(path)
    yield c
    c.close()


def counts(con) -> dict[str, set]:
    """The count tables as sums per key, zero sums left out (appended changes summed up)."""
    out = {}
    for table, (_, columns) in rollups.COUNTS.items():
        keys = [c for c in con.execute(f"SELECT * FROM {table} LIMIT 0").df().columns if c not in columns]
        sums = ", ".join(f"sum({c})" for c in columns)
        rows = con.execute(f"SELECT {', '.join(keys)}, {sums} FROM {table} GROUP BY ALL").fetchall()
        out[table] = {r for r in rows if any(r[len(keys):])}
    return out


def assert_in_step(con, check: bool = True) -> None:
    """The rollups equal a rebuild from scratch (and, with ``check``, give the base SQL's answers)."""
    if check:
        assert rollups.check(con) == []
    assert con.execute("SELECT count(*) FROM rollup_changes").fetchone() == (0,)
    kept = counts(con)
    enrolments = con.execute("SELECT count(*) FROM rollup_enrolments").fetchone()[0]
    con.execute("BEGIN TRANSACTION")
    rollups.rebuild(con)
    assert counts(con) == kept
    assert con.execute("SELECT count(*) FROM enrolment_facts").fetchone()[0] == enrolments
    con.execute("ROLLBACK")


def con_path(con) -> str:
    return con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]


# Enrolment indicators that read an offer's cost: the rollups hold no costs, so these use the base SQL.
WITHOUT_ROLLUP = {"pris_pr_gennemfoert"}


def test_every_enrolment_indicator_has_a_rollup_form():
    assert sorted(ROLLED) == sorted(i.id for i in ind.INDICATORS if "enrolment_facts" in i.sql
                                    and i.id not in WITHOUT_ROLLUP)
    assert all(ind.get(i).rollup_sql is None for i in WITHOUT_ROLLUP)


def test_rollups_equal_the_base_sql_on_the_demo_data(demo_db):
    # Every enrolment indicator × areas, kommune, focus/other, benchmark × no category and each
    # category × years, quarters and a run of five quarters.
    c = db.connect(demo_db, read_only=True)
    try:
        assert rollups.check(c) == []
    finally:
        c.close()


def test_hand_computed_values_come_from_the_rollups(con):
    rolled = ind.compute(con, Y2025, indicator_ids=ROLLED, _rollups=True)
    assert rolled.equals(ind.compute(con, Y2025, indicator_ids=ROLLED))  # the automatic choice
    got = {(r.indicator, r.unit): r.value for r in rolled.itertuples()}
    # The same numbers as tests/test_indicators.py works out by hand.
    assert got[("deltagere_pr_1000", "A")] == 4.0 and got[("maalgruppe_pr_1000", "A")] == 10.0
    assert got[("svartid_median", "A")] == 1.5  # days 4, 2, 1, 0: the mean of the two middle ones
    assert got[("svartid_median", "B")] == 5.0


def test_self_check_finds_a_wrong_rollup(con):
    assert rollups.check(con) == []
    # (The kommune's stored distinct count is not used here: area C has no population, so the
    # kommune's rates are computed without it from the base SQL.)
    con.execute("UPDATE rollup_participants SET n = n + 1 WHERE scope = 'area' AND scope_key = 1 AND category = '*'")
    con.execute("UPDATE rollup_wait_days SET days = days + 1 WHERE area_id = 2")
    problems = rollups.check(con)
    assert any("deltagere_pr_1000 for A" in p for p in problems)
    assert any("svartid_median for B" in p for p in problems)
    assert cli.main(["rollups", "check", "--path", str(con_path(con))]) == 1


def test_cli_rebuild_mends_and_check_confirms(small_copy, capsys):
    c = db.open_db(small_copy)
    c.execute("DELETE FROM rollup_offer_months")
    c.close()
    assert cli.main(["rollups", "check", "--path", str(small_copy)]) == 1
    assert "forskelle mellem rollups og grunddata" in capsys.readouterr().err
    assert cli.main(["rollups", "rebuild", "--path", str(small_copy)]) == 0
    assert cli.main(["rollups", "check", "--path", str(small_copy)]) == 0
    assert "Rollups stemmer med grunddata" in capsys.readouterr().out


def test_rollups_follow_every_kind_of_write(con):
    def step(changes):
        writes.apply(con, changes, "mette")
        assert_in_step(con, check=False)

    C = writes.Change
    # A new participant with an enrolment (the participant is created in the same batch).
    step(writes.new_record("enrolments", {"participant_id": "P7", "offer_id": 4, "inquiry_date": date(2025, 4, 1),
                                          "start_date": date(2025, 4, 8), "completed": True},
                           {"P7": {"age_band": "50-60", "sex": "mand", "home_area_id": 2}}))
    # P1 enrols once more in April: the same month as the walking group, so still one participant.
    step([C("enrolments", "insert", {"participant_id": 1, "offer_id": 5, "start_date": date(2025, 4, 20)})])
    # An enrolment moves to another month and to another participant.
    row = writes.fetch_row(con, "enrolments", 2)
    step([C("enrolments", "update", {"start_date": date(2025, 6, 2), "participant_id": 6}, 2, row["version"])])
    # Delete and restore an enrolment.
    row = writes.fetch_row(con, "enrolments", 3)
    step([C("enrolments", "delete", {}, 3, row["version"])])
    step([C("enrolments", "restore", {}, 3, None)])
    # A participant leaves the target group and changes sex. (A participant's home area, and an
    # offer's area or type, cannot be changed through the write path once enrolments point at the
    # row: DuckDB turns such an update into delete + insert, which the foreign key refuses. Moving
    # an enrolment to a participant in another area, above, takes the same path in the rollups.)
    row = writes.fetch_row(con, "participants", 1)
    step([C("participants", "update", {"sex": "kvinde", "age_band": "61-74"}, 1, row["version"])])
    # An offer's start date moves the enrolments that have no date of their own to another month.
    step([C("enrolments", "insert", {"participant_id": 3, "offer_id": 4})])
    row = writes.fetch_row(con, "offers", 4)
    step([C("offers", "update", {"start_date": date(2025, 5, 1), "status": "gennemført"}, 4, row["version"])])
    # Delete an offer (its enrolments leave every figure) and a participant; restore both.
    row = writes.fetch_row(con, "offers", 5)
    step([C("offers", "delete", {}, 5, row["version"])])
    row = writes.fetch_row(con, "participants", 4)
    step([C("participants", "delete", {}, 4, row["version"])])
    step([C("offers", "restore", {}, 5, None), C("participants", "restore", {}, 4, None)])
    # Writes to other tables leave the rollups alone.
    before = counts(con)
    step([C("sessions", "insert", {"offer_id": 2, "session_date": date(2025, 9, 8), "attendance": 9})])
    assert counts(con) == before
    # Undo goes through the same path.
    writes.undo_last(con, "mette")
    assert_in_step(con, check=True)


def test_a_failed_write_leaves_the_rollups_as_they_were(con):
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in rollups.TABLES}
    changes = [
        writes.Change("enrolments", "insert", {"participant_id": 3, "offer_id": 4, "start_date": date(2025, 5, 1)}),
        writes.Change("enrolments", "insert", {"participant_id": 1, "offer_id": 1}),  # P1 is already on offer 1
    ]
    with pytest.raises(writes.WriteError, match="findes allerede"):
        writes.apply(con, changes, "mette")
    assert {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in rollups.TABLES} == before
    assert_in_step(con)


def test_an_import_updates_the_rollups_and_a_big_one_rebuilds_them(demo_copy, monkeypatch):
    offers = [r[0] for r in demo_copy.execute("SELECT id FROM offer_facts ORDER BY id LIMIT 40").fetchall()]
    people = [r[0] for r in demo_copy.execute("SELECT id FROM participants ORDER BY id DESC LIMIT 30").fetchall()]
    rows = [{"participant_id": p, "offer_id": o, "inquiry_date": date(2025, 3, 1), "start_date": date(2025, 3, 4),
             "completed": True, "outcome_end": None, "outcome_followup": None}
            for p, o in zip(people, offers)]
    existing = demo_copy.execute("SELECT participant_id, offer_id, start_date FROM enrolments ORDER BY id LIMIT 5"
                                 ).fetchall()
    rows += [{"participant_id": p, "offer_id": o, "inquiry_date": None, "start_date": date(2026, 2, 2),
              "completed": False, "outcome_end": None, "outcome_followup": None} for p, o, _ in existing]
    calls = []
    refresh = rollups.refresh
    monkeypatch.setattr(rollups, "refresh", lambda *a, **k: calls.append(refresh(*a, **k)) or calls[-1])
    done = writes.bulk_upsert(demo_copy, "enrolments", rows, ("participant_id", "offer_id"), "import")
    assert done["inserted"] + done["updated"] == len(rows) and done["updated"] == 5
    assert calls[-1] > 0  # incremental
    assert_in_step(demo_copy)
    monkeypatch.setattr(rollups, "REBUILD_MIN", 10)
    monkeypatch.setattr(rollups, "REBUILD_SHARE", 0.01)  # 35 participants of 2.238 enrolments
    for r in rows:
        r["inquiry_date"], r["start_date"] = None, date(2024, 11, 11)
    writes.bulk_upsert(demo_copy, "enrolments", rows, ("participant_id", "offer_id"), "import")
    assert calls[-1] == -1  # too many participants concerned: rebuilt
    assert_in_step(demo_copy)


def test_the_count_tables_are_compacted_when_changes_have_grown_them(con, monkeypatch):
    monkeypatch.setattr(rollups, "_COMPACT_MIN_ROWS", 0)
    sizes = []
    for day in range(1, 15):
        row = writes.fetch_row(con, "enrolments", 4)  # no inquiry date, so any start date will do
        writes.update(con, "enrolments", 4, {"start_date": date(2025, 1 + day % 12, day)}, row["version"], "mette")
        sizes.append(con.execute("SELECT count(*) FROM rollup_participants").fetchone()[0])
    # Each write appends changes; without compaction the table would only grow.
    assert any(later < earlier for earlier, later in zip(sizes, sizes[1:]))
    assert_in_step(con, check=False)


def values(df) -> dict:
    return {r.unit: (None if r.value != r.value else round(r.value, 4)) for r in df.itertuples()}


@pytest.fixture
def rolled(monkeypatch):
    """The indicators each compute() call took from the rollups."""
    seen: list[frozenset] = []
    sql = ind._sql

    def spy(indicators, by, with_kommune=False, rolled=frozenset()):
        seen.append(rolled)
        return sql(indicators, by, with_kommune, rolled)

    monkeypatch.setattr(ind, "_sql", spy)
    return seen


def test_a_period_that_is_not_whole_months_comes_from_the_base_data(con, rolled):
    # From 2 February: the spring smoking course (started 1 February) is left out. Area A keeps
    # participant 1 (walking group, April) and participant 5 (autumn course): 2 / 1.000 adults.
    late = ind.Period("fra 2. feb", date(2025, 2, 2), date(2025, 12, 31))
    assert values(ind.compute(con, late, indicator_ids=["deltagere_pr_1000"])) == {"A": 2.0, "B": 0.0, "C": None}
    assert rolled[-1] == frozenset()
    # The rollups only know months: they would count February whole (participants 1, 2, 3 and 5).
    assert values(ind.compute(con, late, indicator_ids=["deltagere_pr_1000"], _rollups=True))["A"] == 4.0


def test_a_subset_of_areas_as_one_unit_takes_distinct_counts_from_the_base_data(con, rolled):
    # Only focus areas as "the kommune": the rollups keep distinct counts for all areas only, so
    # those come from the base SQL; counts by the offer's area add up and still use the rollups.
    df = ind.compute(con, Y2025, by="kommune", focus_only=True, indicator_ids=["deltagere_pr_1000", "gennemfoerelse"])
    assert dict(zip(df.indicator, df.value.round(4))) == {"deltagere_pr_1000": 4.0, "gennemfoerelse": 66.6667}
    assert rolled[-1] == {"gennemfoerelse"}
    assert values(ind.compute(con, Y2025, areas=["B"], indicator_ids=["deltagere_pr_1000"])) == {"B": 2.0}
    assert rolled[-1] == {"deltagere_pr_1000"}  # one area is one stored unit
    ind.compute(con, Y2025, by="focus", areas=["A", "B"], indicator_ids=["deltagere_pr_1000"])
    assert rolled[-1] == frozenset()  # fokus/øvrige of chosen areas only


def test_a_database_from_before_the_rollups_gets_them_on_migration(tmp_path):
    c = db.connect(tmp_path / "old.duckdb")
    db.migrate(c, before="0005")  # as an older Lokal left it
    c.execute("INSERT INTO areas (id, code, name, kommunekode, kind, adults, focus_start) VALUES "
              "(1, 'A', 'Aby', '0851', 'landsby', 100, DATE '2025-01-01'), (2, 'B', 'Bby', '0851', 'bydel', 50, NULL)")
    c.execute("INSERT INTO offer_types (id, name, category) VALUES (1, 'Gåhold', 'civilsamfund')")
    c.execute("INSERT INTO offers (id, offer_type_id, area_id, title, start_date, status) VALUES "
              "(1, 1, 1, 'Gå', DATE '2025-03-01', 'gennemført'), (2, 1, 2, 'Gå B', DATE '2025-05-01', 'gennemført')")
    c.execute("INSERT INTO participants (id, pseudonym, sex, home_area_id) VALUES (1, 'P1', 'mand', 1), "
              "(2, 'P2', 'kvinde', 2)")
    c.execute("INSERT INTO enrolments (id, participant_id, offer_id, inquiry_date, start_date) VALUES "
              "(1, 1, 1, DATE '2025-02-27', DATE '2025-03-01'), (2, 1, 2, NULL, DATE '2025-05-03'), "
              "(3, 2, 2, DATE '2025-05-01', DATE '2025-05-03')")
    assert "0005_rollups" in db.migrate(c)
    assert c.execute("SELECT count(*) FROM rollup_enrolments").fetchone() == (3,)
    assert rollups.check(c) == []
    df = ind.compute(c, Y2025, by="kommune", indicator_ids=["deltagere_pr_1000"])
    assert df.numerator.tolist() == [2.0]  # P1 in A and B counts once for the kommune
    c.close()


def test_an_area_whose_focus_changed_gets_its_rollups_rebuilt(con):
    assert rollups.refresh_areas(con) is False  # nothing changed
    writes.insert(con, "focus_periods", {"area_id": 2, "start_date": date(2025, 6, 1)}, "test")  # refreshes
    assert rollups.refresh_areas(con) is False  # the write did it already
    assert rollups.check(con) == []
    df = ind.compute(con, Y2025, by="focus", indicator_ids=["deltagere_pr_1000"])
    # A and B are both focus areas now: participants 1, 2, 3, 5 (A) and 6 (B); C has none.
    assert dict(zip(df.unit, df.numerator)) == {"fokus": 5.0, "øvrige": 0.0}
