"""Targets (issue 5: leaders set them): read for editing, save as audited changes, role checks."""

from __future__ import annotations

import math

import pytest

from lokal import db, queries, writes
from lokal import targets as tg
from lokal.access import PermissionDenied, User

LEDER = User("leder@k.dk", "Lone Leder", "leder")
KOORD = User("koord@k.dk", "Karen Koordinator", "koordinator", frozenset({"A"}))


@pytest.fixture
def con(small_copy):
    c = db.open_db(small_copy)
    yield c
    c.close()


def current(con, code="A", year=2025) -> dict:
    frame = tg.for_editing(con, code, year, viewer=LEDER)
    return {r.indicator: r.target for r in frame.itertuples() if not math.isnan(r.target)}


def test_set_change_clear_and_set_again(con):
    # The fixture has two targets for A in 2025.
    assert current(con) == {"kommunale_tilbud_afholdt": 3.0, "vidensaktiviteter": 2.0}
    before = tg.for_editing(con, "A", 2025, viewer=LEDER)
    n = tg.save(con, LEDER, "A", 2025, before, {"kommunale_tilbud_afholdt": 4.0, "vidensaktiviteter": None,
                                                 "frivillige": 5.0})
    assert n == 3
    assert current(con) == {"kommunale_tilbud_afholdt": 4.0, "frivillige": 5.0}
    assert queries.targets(con, "A").indicator.tolist() == ["frivillige", "kommunale_tilbud_afholdt"]
    # Set the cleared one again: the same row comes back (one row per area, indicator and year).
    before = tg.for_editing(con, "A", 2025, viewer=LEDER)
    tg.save(con, LEDER, "A", 2025, before, {"vidensaktiviteter": 6.0})
    assert current(con)["vidensaktiviteter"] == 6.0
    assert con.execute("SELECT count(*) FROM targets WHERE indicator = 'vidensaktiviteter'").fetchone()[0] == 1
    actions = con.execute("SELECT action FROM audit_log WHERE table_name = 'targets' ORDER BY id").fetchall()
    assert [a[0] for a in actions] == ["update", "insert", "delete", "restore", "update"]  # registry order
    assert {u[0] for u in con.execute("SELECT user_name FROM audit_log WHERE user_name <> 'fixture'").fetchall()} == \
        {LEDER.id}  # (the fixture's own approvals are audited as 'fixture')
    # Nothing changed: nothing written.
    before = tg.for_editing(con, "A", 2025, viewer=LEDER)
    assert tg.save(con, LEDER, "A", 2025, before, current(con)) == 0


def test_impossible_targets_name_the_indicator_and_field(con):
    before = tg.for_editing(con, "A", 2025, viewer=LEDER)
    with pytest.raises(writes.WriteError) as err:
        tg.save(con, LEDER, "A", 2025, before, {"frivillige": -1.0, "gennemfoerelse": 120.0})
    assert "Frivillige engageret, Mål: -1 er negativt" in str(err.value)
    assert "Gennemførelse, Mål: 120 % er mere end 100 %" in str(err.value)
    assert current(con) == {"kommunale_tilbud_afholdt": 3.0, "vidensaktiviteter": 2.0}


def test_only_leaders_and_admins_set_targets(con):
    before = tg.for_editing(con, "A", 2025, viewer=KOORD)  # coordinators may look
    with pytest.raises(PermissionDenied, match="Kun ledere og administratorer sætter mål"):
        tg.save(con, KOORD, "A", 2025, before, {"frivillige": 5.0})
    assert current(con) == {"kommunale_tilbud_afholdt": 3.0, "vidensaktiviteter": 2.0}
    assert con.execute("SELECT user_name, action FROM audit_log WHERE user_name <> 'fixture'").fetchall() == \
        [(KOORD.id, "denied")]
