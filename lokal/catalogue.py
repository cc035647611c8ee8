"""The standard Danish catalogue of offer types that a new database starts with.

The municipal offers and civil-society activities the programmes describe (PRODUCT.md), each
with its category, KRAMM factors and, where the offer measures one, its outcome. Admins add,
rename and retire types afterwards (page Opsætning, or ``python -m lokal import offer_types``);
a retired type keeps its offers and history but is not offered for new records.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from lokal import writes
from lokal.access import User

KRAMM = ("kost", "rygning", "alkohol", "motion", "mental")


@dataclass(frozen=True)
class OfferType:
    name: str
    category: str  # kommunalt | civilsamfund
    kramm: tuple[str, ...]
    outcome_label: str | None = None  # e.g. 'røgfri': the offer measures an outcome at end and follow-up

    def row(self) -> dict:
        return {"name": self.name, "category": self.category,
                **{f"kramm_{k}": k in self.kramm for k in KRAMM},
                "has_outcome": self.outcome_label is not None, "outcome_label": self.outcome_label,
                "retired": False}


# fmt: off
STANDARD = (
    OfferType("Rygestopkursus", "kommunalt", ("rygning",), "røgfri"),
    OfferType("Mobil genoptræning – type 2-diabetes", "kommunalt", ("kost", "motion")),
    OfferType("Hjerterehabilitering", "kommunalt", ("kost", "motion", "rygning")),
    OfferType("KOL-rehabilitering", "kommunalt", ("motion", "rygning")),
    OfferType("Livsstilskursus", "kommunalt", ("kost", "motion", "mental")),
    OfferType("LIVA – digital livsstilscoaching", "kommunalt", ("kost", "motion")),
    OfferType("Oplæg og kursus om rygsmerter", "kommunalt", ("motion",)),
    OfferType("Sundhedssamtaler på arbejdspladsen", "kommunalt", ("kost", "rygning", "alkohol", "motion", "mental")),
    OfferType("Oplæg om søvn", "kommunalt", ("mental",)),
    OfferType("Digitalt tilbud ved let stress", "kommunalt", ("mental",)),
    OfferType("Floorball", "civilsamfund", ("motion",)),
    OfferType("Seniormotion", "civilsamfund", ("motion",)),
    OfferType("Udendørs koncert", "civilsamfund", ("mental",)),
    OfferType("Madværksted for seniorer", "civilsamfund", ("kost",)),
    OfferType("Yoga", "civilsamfund", ("motion", "mental")),
    OfferType("Gåhold", "civilsamfund", ("motion", "mental")),
    OfferType("Løbeklub for begyndere", "civilsamfund", ("motion",)),
    OfferType("Fællesspisning", "civilsamfund", ("kost", "mental")),
    OfferType("Mænds Mødested", "civilsamfund", ("mental", "motion")),
)
# fmt: on


def missing(con: duckdb.DuckDBPyConnection) -> list[OfferType]:
    """The standard types the database does not have (by name, retired ones count as present)."""
    have = {r[0].casefold() for r in con.execute("SELECT name FROM offer_types").fetchall()}
    return [t for t in STANDARD if t.name.casefold() not in have]


def seed(con: duckdb.DuckDBPyConnection, user: User | str = "lokal") -> int:
    """Add the standard types the database lacks, in one audited transaction; returns how many."""
    rows = [t.row() for t in missing(con)]
    if not rows:
        return 0
    return writes.bulk_upsert(con, "offer_types", rows, ("name",), user)["inserted"]
