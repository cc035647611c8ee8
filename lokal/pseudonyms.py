"""Pseudonyms for participants: the next free one in the kommune's pattern, and finding existing ones.

Lokal holds no person data: a participant is a pseudonym with an age band, sex and home area.
A coordinator either picks an existing participant (found by pseudonym, shown with those three)
or creates a new one with the next free pseudonym. The pattern is the meta key
``pseudonym_pattern`` (default ``P{nr:06d}``: P000001, P000002 …); ``{nr}`` is the running number.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from lokal import access, db

DEFAULT_PATTERN = "P{nr:06d}"

SEARCH = """
SELECT p.id, p.pseudonym, p.age_band, p.sex, a.name AS home_area,
       (SELECT count(*) FROM enrolments e WHERE e.participant_id = p.id AND e.deleted_at IS NULL) AS enrolments
FROM live_participants p LEFT JOIN areas a ON a.id = p.home_area_id
WHERE p.pseudonym ILIKE '%' || $text || '%'
ORDER BY length(p.pseudonym), p.pseudonym LIMIT $limit
"""


def pattern(con: duckdb.DuckDBPyConnection) -> str:
    return db.get_meta(con, "pseudonym_pattern") or DEFAULT_PATTERN


def _regex(fmt: str) -> re.Pattern:
    """A regex that reads the running number back out of a pseudonym made with ``fmt``."""
    head, _, tail = fmt.partition("{nr")
    tail = tail.partition("}")[2]
    return re.compile(f"^{re.escape(head)}(\\d+){re.escape(tail)}$")


def next_free(con: duckdb.DuckDBPyConnection) -> str:
    """The next pseudonym in the pattern after the highest one in use (deleted ones count: never reused)."""
    fmt = pattern(con)
    top = con.execute("SELECT max(CAST(regexp_extract(pseudonym, $rx, 1) AS BIGINT)) FROM participants "
                      "WHERE regexp_full_match(pseudonym, $rx)", {"rx": _regex(fmt).pattern}).fetchone()[0]
    return fmt.format(nr=(top or 0) + 1)


@access.guarded(access.PERSONS)
def search(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20) -> pd.DataFrame:
    """Participants whose pseudonym contains ``text``, with age band, sex, home area and enrolments."""
    return con.execute(SEARCH, {"text": text.strip(), "limit": limit}).df()
