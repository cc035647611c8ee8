"""The indicator registry: every indicator Lokal shows is defined here, once.

Each indicator has an id, Danish and English names and definitions, a unit, which way is
better, a group (udbud, relationel, viden, deltagelse, behov) and one SQL query that computes
it for all areas and periods at once. Pages, maps, tables and the definitions page all read
from :data:`INDICATORS` and :func:`compute`.

How an indicator's SQL is written
---------------------------------
The runner provides two relations and three parameters:

* ``u(area_id, unit)``: the areas in scope and the unit each belongs to (the area's code,
  or one unit for the whole kommune, or "fokus"/"øvrige"). Because every query groups by
  ``unit``, the kommune figure is the same query over one unit: rates divide summed
  numerators by summed populations, and distinct counts stay distinct.
* ``p(period, p_start, p_end)``: the periods (a single period or e.g. quarters).
* ``$category``: NULL for all offers, or ``'kommunalt'`` / ``'civilsamfund'``; only queries
  with ``uses_category`` read it.

A query returns ``unit, period, num, den``. The value is derived from the kind: a count is
``num``; a share is ``100 * num / den``; a rate is ``1000 * num / den``; a median or an index
is ``num``. A zero or missing denominator gives no value (NULL), never a division error.

Rollup forms
------------
The enrolment indicators also have a ``rollup_sql``: the same figure from the rollups that
:mod:`lokal.rollups` keeps per area, category and month (migration 0005). ``p`` then also has
``m1, m2`` (the periods' first and last month as ``year * 12 + month - 1``) and ``u`` has
``scope, scope_key`` (which stored distinct count a unit is: one area, all areas, fokus/øvrige).
:func:`compute` uses a rollup form only where it gives exactly the base SQL's answer: every period
whole months, and for distinct participants (``rollup_distinct``) units that are one area, all
areas, or all focus / all other areas.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from lokal.rollups import OFFER_COUNTS

GROUPS = ("udbud", "relationel", "viden", "deltagelse", "behov")

# An offer is active in a period when its active interval overlaps the period.
_OVERLAPS = "o.start_date <= p.p_end AND o.active_end >= p.p_start"
_CATEGORY = "($category IS NULL OR o.category = $category)"
# Enrolments counted for a unit and period: started in the period, in the offer category chosen.
# ``{area}`` is home_area_id (who takes part) or offer_area_id (how the area's offers do).
_ENROL = ("FROM uq u JOIN p ON p.period = u.u_period LEFT JOIN enrolment_facts e ON e.{area} = u.area_id {extra}"
          "AND e.enrol_date BETWEEN p.p_start AND p.p_end AND ($category IS NULL OR e.category = $category)")
_KNOWLEDGE = ("FROM uq u JOIN p ON p.period = u.u_period LEFT JOIN live_knowledge_activities k ON k.area_id = u.area_id {extra}"
              "AND k.activity_date BETWEEN p.p_start AND p.p_end")
# The population of a unit in a period (the focus group changes with the periods). Areas without the
# population a rate needs are left out of its numerator and denominator alike (``u.adults > 0``).
_POP = ("(SELECT u.unit, u.u_period AS period, sum(a.{col}) AS d FROM uq u JOIN areas a ON a.id = u.area_id "
        "GROUP BY ALL)")

# Rollup forms (see "Rollup forms" above). Distinct participants by home area per unit and period:
# of a participant's rows in the period's months, only the first has its previous month before m1.
_ROLLUP_HOME = (
    "rollup_home AS MATERIALIZED (SELECT k.unit, p.period, coalesce(sum(h.n), 0)::BIGINT AS n, "
    "coalesce(sum(h.n_target), 0)::BIGINT AS n_target, coalesce(sum(h.n_men), 0)::BIGINT AS n_men, "
    "coalesce(sum(h.n_sex), 0)::BIGINT AS n_sex FROM (SELECT DISTINCT unit, scope, scope_key, u_period FROM uq) k "
    "JOIN p ON p.period = k.u_period "
    "LEFT JOIN (SELECT r.scope, r.scope_key, p.period, sum(r.n) AS n, sum(r.n_target) AS n_target, "
    "sum(r.n_men) AS n_men, sum(r.n_sex) AS n_sex FROM rollup_participants r "
    "JOIN p ON r.month BETWEEN p.m1 AND p.m2 AND r.prev < p.m1 "
    "WHERE r.category = coalesce($category, '*') AND r.scope IN (SELECT scope FROM u) GROUP BY ALL) h "
    "ON h.scope = k.scope AND h.scope_key = k.scope_key AND h.period = p.period GROUP BY ALL), "
)
# Enrolment counts by the offer's area: additive, so any units.
_ROLLUP_OFFER = (
    "rollup_offer AS MATERIALIZED (SELECT u.unit, p.period, "
    + ", ".join(f"coalesce(sum(h.{c}), 0)::BIGINT AS {c}" for c in OFFER_COUNTS)
    + " FROM uq u JOIN p ON p.period = u.u_period LEFT JOIN (SELECT r.area_id, p.period, "
    + ", ".join(f"sum(r.{c}) AS {c}" for c in OFFER_COUNTS)
    + " FROM rollup_offer_months r JOIN p ON r.month BETWEEN p.m1 AND p.m2 "
    "WHERE ($category IS NULL OR r.category = $category) GROUP BY ALL) h "
    "ON h.area_id = u.area_id AND h.period = p.period GROUP BY ALL), "
)


def _rollup_share(num: str, den: str) -> str:
    return f"SELECT unit, period, {num} AS num, {den} AS den FROM rollup_offer"


# The median from the response-time histogram, exactly as DuckDB's median(): for an even count
# the two middle values lo and hi give lo + (hi - lo) * 0.5 (quantile_cont's interpolation).
_ROLLUP_MEDIAN = (
    "SELECT k.unit, p.period, w.lo + (w.hi - w.lo) * 0.5 AS num, coalesce(w.total, 0) AS den "
    "FROM (SELECT DISTINCT unit, u_period FROM uq) k JOIN p ON p.period = k.u_period LEFT JOIN ("
    "SELECT unit, period, any_value(total) AS total, "
    "min(days) FILTER (WHERE cum > (total - 1) // 2)::DOUBLE AS lo, "
    "min(days) FILTER (WHERE cum > total // 2)::DOUBLE AS hi FROM ("
    "SELECT unit, period, days, sum(n) OVER (PARTITION BY unit, period ORDER BY days) AS cum, "
    "sum(n) OVER (PARTITION BY unit, period) AS total FROM ("
    "SELECT u.unit, h.period, h.days, sum(h.n) AS n FROM uq u JOIN ("
    "SELECT r.area_id, p.period, r.days, sum(r.n) AS n FROM rollup_wait_days r "
    "JOIN p ON r.month BETWEEN p.m1 AND p.m2 WHERE ($category IS NULL OR r.category = $category) "
    "GROUP BY ALL) h ON h.area_id = u.area_id AND h.period = u.u_period GROUP BY ALL)) "
    "WHERE total > 0 GROUP BY unit, period) w ON w.unit = k.unit AND w.period = p.period"
)


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str
    kind: str  # count | share | rate | median | index | cost (kroner per person: num / den)
    name_da: str
    name_en: str
    definition_da: str
    definition_en: str
    unit_da: str
    unit_en: str
    higher_is_better: bool
    sql: str
    uses_category: bool = False
    additive: bool = False  # the kommune value is the sum of the area values
    rollup_sql: str | None = None  # the same figure from the rollups (see "Rollup forms" above)
    rollup_distinct: bool = False  # the rollup form counts distinct participants (units must match)
    short_da: str = ""  # for a key-figure box, where a long name is cut off; "" = the name
    short_en: str = ""
    # False for sums of repeat visits or blocks (attendance, people reached, volunteers, seats): no
    # better/worse verdict, since a Poisson interval would treat every visit as an independent person.
    verdict: bool = True

    def name(self, lang: str = "da") -> str:
        return self.name_da if lang == "da" else self.name_en

    def short(self, lang: str = "da") -> str:
        """The name as a key-figure label: the short name where one is given."""
        return (self.short_da if lang == "da" else self.short_en) or self.name(lang)

    def definition(self, lang: str = "da") -> str:
        return self.definition_da if lang == "da" else self.definition_en

    def unit(self, lang: str = "da") -> str:
        return self.unit_da if lang == "da" else self.unit_en


def _count(facts_join: str) -> str:
    return f"SELECT u.unit, p.period, {facts_join} GROUP BY u.unit, p.period"


INDICATORS: tuple[Indicator, ...] = (
    # --- Udbudskapacitet -------------------------------------------------------------------
    Indicator(
        id="kommunale_tilbud_afholdt",
        group="udbud",
        kind="count",
        name_da="Kommunale sundhedstilbud afholdt lokalt",
        name_en="Municipal health offers held locally",
        short_da="Kommunale tilbud afholdt",
        short_en="Municipal offers held",
        definition_da="Antal kommunale sundhedstilbud i området, der blev afholdt (status igangværende "
        "eller gennemført) og var aktive i perioden. Aflyste, udskudte og planlagte tæller ikke.",
        definition_en="Number of municipal health offers in the area that were held (status running or "
        "completed) and active in the period. Cancelled, postponed and planned offers do not count.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(o.id) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.held AND o.category = 'kommunalt' "
            f"AND {_OVERLAPS}"
        ),
    ),
    Indicator(
        id="nye_civilsamfundsaktiviteter",
        group="udbud",
        kind="count",
        name_da="Nye civilsamfundsaktiviteter",
        name_en="New civil-society activities",
        definition_da="Antal civilsamfundsaktiviteter i området, der startede i perioden og blev til "
        "noget (status igangværende eller gennemført).",
        definition_en="Number of civil-society activities in the area that started in the period and "
        "took place (status running or completed).",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(o.id) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.held AND o.category = 'civilsamfund' "
            "AND o.start_date BETWEEN p.p_start AND p.p_end"
        ),
    ),
    Indicator(
        id="pladser_pr_1000",
        verdict=False,
        group="udbud",
        kind="rate",
        name_da="Pladser pr. 1.000 voksne",
        name_en="Seats per 1,000 adults",
        definition_da="Det tælles: antal pladser på afholdte tilbud og aktiviteter, der var aktive i perioden. "
        "Det deles med: voksne i området. Ganget med 1.000.",
        definition_en="Counted: seats on held offers and activities active in the period. "
        "Divided by: adults living in the area. Times 1,000.",
        unit_da="pr. 1.000 voksne",
        unit_en="per 1,000 adults",
        higher_is_better=True,
        uses_category=True,
        sql=(
            "SELECT n.unit, n.period, n.num, pop.d AS den FROM ("
            # (The population condition sits in the aggregate: in the join's ON clause it costs DuckDB a
            # plan that is 25 times slower nationally.)
            "SELECT u.unit, p.period, coalesce(sum(CASE WHEN u.adults > 0 THEN o.seats END), 0) AS num "
            "FROM uq u JOIN p ON p.period = u.u_period "
            f"LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.held AND {_OVERLAPS} "
            f"AND {_CATEGORY} GROUP BY u.unit, p.period) n JOIN {_POP.format(col='adults')} pop USING (unit, period)"
        ),
    ),
    Indicator(
        id="andel_planlagte_afholdt",
        group="udbud",
        kind="share",
        name_da="Andel planlagte tilbud, der blev afholdt",
        name_en="Share of planned offers that were held",
        definition_da="Det tælles: tilbud og aktiviteter med start i perioden, der blev afholdt. Det deles med: alle "
        "tilbud og aktiviteter med start i perioden, der ikke stadig kun er planlagt (afholdte, aflyste "
        "og udskudte).",
        definition_en="Counted: offers and activities starting in the period that were held. "
        "Divided by: all offers and activities starting in the period that are no longer only planned "
        "(held, cancelled and postponed).",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=_count(
            "count(o.id) FILTER (WHERE o.held) AS num, count(o.id) AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.status <> 'planlagt' "
            f"AND o.start_date BETWEEN p.p_start AND p.p_end AND {_CATEGORY}"
        ),
    ),
    Indicator(
        id="aktiviteter_fortsat",
        group="udbud",
        kind="count",
        name_da="Aktiviteter, der stadig kører",
        name_en="Activities still running",
        definition_da="Antal afholdte civilsamfundsaktiviteter i området, der stadig kørte ved periodens "
        "slutning, eller ved datadatoen, hvis perioden slutter efter den (det er det seneste, vi ved).",
        definition_en="Number of held civil-society activities in the area still running at the end of "
        "the period, or at the data date if the period ends after it (the latest we know).",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(o.id) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.held AND o.category = 'civilsamfund' "
            "AND o.start_date <= p.p_at AND o.active_end >= p.p_at"
        ),
    ),
    # --- Relationel kapacitet --------------------------------------------------------------
    Indicator(
        id="aktive_partnere",
        group="relationel",
        kind="count",
        name_da="Aktive lokale partnere",
        name_en="Active local partners",
        definition_da="Antal forskellige lokale aktører, der i perioden havde et samarbejde i området "
        "eller var medarrangør af et afholdt tilbud der. En aktør, der er aktiv i flere områder, tæller "
        "én gang i kommunens tal.",
        definition_en="Number of distinct local actors that had a collaboration in the area or co-ran a "
        "held offer there during the period. An actor active in several areas counts once in the "
        "kommune figure.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        sql=_count(
            "count(DISTINCT x.partner_id) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN (SELECT partner_id, area_id, start_date AS s, coalesce(end_date, DATE '9999-12-31') AS e "
            "FROM live_collaborations UNION ALL SELECT partner_id, area_id, start_date, active_end "
            "FROM offer_facts WHERE held AND partner_id IS NOT NULL) x "
            "ON x.area_id = u.area_id AND x.s <= p.p_end AND x.e >= p.p_start"
        ),
    ),
    Indicator(
        id="nye_samarbejder",
        group="relationel",
        kind="count",
        name_da="Nye samarbejder",
        name_en="New collaborations",
        definition_da="Antal samarbejder mellem kommunen og lokale aktører i området, der startede i "
        "perioden.",
        definition_en="Number of collaborations between the kommune and local actors in the area "
        "that started in the period.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(c.id) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN live_collaborations c ON c.area_id = u.area_id "
            "AND c.start_date BETWEEN p.p_start AND p.p_end"
        ),
    ),
    Indicator(
        id="samarbejder_baaret_lokalt",
        group="relationel",
        kind="count",
        name_da="Samarbejder, området selv bærer videre",
        name_en="Collaborations the area carries on itself",
        short_da="Samarbejder båret lokalt",
        short_en="Collaborations carried on",
        definition_da="Antal samarbejder i området, som området selv bærer videre uden kommunen, og som "
        "var i gang ved periodens slutning (eller ved datadatoen, hvis perioden slutter efter den).",
        definition_en="Number of collaborations in the area that the area carries on by itself, without "
        "the kommune, and that were going at the end of the period (or at the data date if the "
        "period ends after it).",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(c.id) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN live_collaborations c ON c.area_id = u.area_id AND c.carried_by_area "
            "AND c.start_date <= p.p_at AND coalesce(c.end_date, DATE '9999-12-31') >= p.p_at"
        ),
    ),
    Indicator(
        id="tilbud_med_lokal_aktoer",
        group="relationel",
        kind="share",
        name_da="Andel tilbud med lokal medarrangør",
        name_en="Share of offers co-run with a local actor",
        definition_da="Det tælles: afholdte tilbud og aktiviteter, aktive i perioden, som en lokal aktør var "
        "medarrangør af. Det deles med: alle afholdte tilbud og aktiviteter, aktive i perioden.",
        definition_en="Counted: held offers and activities active in the period that a local actor "
        "co-ran. Divided by: all held offers and activities active in the period.",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=_count(
            "count(o.id) FILTER (WHERE o.partner_id IS NOT NULL) AS num, count(o.id) AS den "
            "FROM uq u JOIN p ON p.period = u.u_period LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.held "
            f"AND {_OVERLAPS} AND {_CATEGORY}"
        ),
    ),
    Indicator(
        id="frivillige",
        verdict=False,
        group="relationel",
        kind="count",
        name_da="Frivillige engageret",
        name_en="Volunteers engaged",
        definition_da="Summen af frivillige registreret på afholdte tilbud og aktiviteter, der var aktive "
        "i perioden. En frivillig på to aktiviteter tæller to gange.",
        definition_en="Sum of volunteers registered on held offers and activities active in the period. "
        "A volunteer on two activities counts twice.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        uses_category=True,
        additive=True,
        sql=_count(
            "coalesce(sum(o.volunteers), 0) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            f"LEFT JOIN offer_facts o ON o.area_id = u.area_id AND o.held AND {_OVERLAPS} AND {_CATEGORY}"
        ),
    ),
    # --- Vidensmæssig kapacitet ------------------------------------------------------------
    Indicator(
        id="vidensaktiviteter",
        group="viden",
        kind="count",
        name_da="Vidensaktiviteter afholdt",
        name_en="Knowledge activities held",
        definition_da="Antal oplæg, temadage, uddannelser, sundhedsprofiler og evalueringer i området i "
        "perioden.",
        definition_en="Number of talks, theme days, training sessions, health profiles and evaluations "
        "in the area in the period.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(k.id) AS num, NULL::DOUBLE AS den " + _KNOWLEDGE.format(extra="")
        ),
    ),
    Indicator(
        id="personer_naaet",
        verdict=False,
        group="viden",
        kind="count",
        name_da="Personer nået af vidensaktiviteter",
        name_en="People reached by knowledge activities",
        definition_da="Summen af deltagere i vidensaktiviteter i området i perioden.",
        definition_en="Sum of attendees at knowledge activities in the area in the period.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "coalesce(sum(k.attendees), 0) AS num, NULL::DOUBLE AS den " + _KNOWLEDGE.format(extra="")
        ),
    ),
    Indicator(
        id="uddannede",
        group="viden",
        kind="count",
        name_da="Frontpersonale og frivillige uddannet",
        name_en="Frontline staff and volunteers trained",
        definition_da="Summen af frontpersonale og frivillige, der blev uddannet (fx i den korte "
        "samtale) ved vidensaktiviteter i området i perioden.",
        definition_en="Sum of frontline staff and volunteers trained (e.g. in very brief advice) at "
        "knowledge activities in the area in the period.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "coalesce(sum(k.trained), 0) AS num, NULL::DOUBLE AS den " + _KNOWLEDGE.format(extra="")
        ),
    ),
    Indicator(
        id="sundhedsprofil_evaluering",
        group="viden",
        kind="count",
        name_da="Lokale sundhedsprofiler og evalueringer",
        name_en="Local health profiles and evaluations",
        definition_da="Antal lokale sundhedsprofiler og evalueringer gennemført i området i perioden.",
        definition_en="Number of local health profiles and evaluations done in the area in the period.",
        unit_da="antal",
        unit_en="count",
        higher_is_better=True,
        additive=True,
        sql=_count(
            "count(k.id) AS num, NULL::DOUBLE AS den " + _KNOWLEDGE.format(extra="AND k.kind IN ('sundhedsprofil', 'evaluering') ")
        ),
    ),
    # --- Deltagelse ------------------------------------------------------------------------
    Indicator(
        id="deltagere_pr_1000",
        group="deltagelse",
        kind="rate",
        name_da="Deltagere pr. 1.000 voksne",
        name_en="Participants per 1,000 adults",
        definition_da="Det tælles: forskellige borgere fra området (bopæl, ellers tilbuddets område), der "
        "startede på et tilbud eller en aktivitet, der blev holdt, i perioden. Det deles med: voksne i området. "
        "Ganget med 1.000. Områder uden befolkningstal tælles hverken med i antallet eller i befolkningen.",
        definition_en="Counted: distinct residents of the area (home area, else the offer's area) who "
        "started an offer or activity that was held, in the period. Divided by: adults in the area. Times "
        "1,000. Areas without a population are left out of both the count and the population.",
        unit_da="pr. 1.000 voksne",
        unit_en="per 1,000 adults",
        higher_is_better=True,
        uses_category=True,
        sql=(
            "SELECT n.unit, n.period, n.num, pop.d AS den FROM ("
            "SELECT u.unit, p.period, count(DISTINCT CASE WHEN u.adults > 0 THEN e.participant_id END) AS num "
            + _ENROL.format(area="home_area_id", extra="") +
            f" GROUP BY u.unit, p.period) n JOIN {_POP.format(col='adults')} pop USING (unit, period)"
        ),
        # An area without population counts no participants in the rate (as in the base SQL).
        rollup_sql=f"SELECT n.unit, n.period, CASE WHEN pop.d > 0 THEN n.n ELSE 0 END AS num, pop.d AS den "
        f"FROM rollup_home n "
        f"JOIN {_POP.format(col='adults')} pop USING (unit, period)",
        rollup_distinct=True,
    ),
    Indicator(
        id="maalgruppe_pr_1000",
        group="deltagelse",
        kind="rate",
        name_da="Deltagere 40–60 år pr. 1.000 i målgruppen",
        name_en="Participants aged 40–60 per 1,000 in the target group",
        definition_da="Det tælles: forskellige borgere på 40–60 år fra området, der startede på et tilbud "
        "eller en aktivitet i perioden. Det deles med: voksne på 40–60 år i området. Ganget med 1.000.",
        definition_en="Counted: distinct residents aged 40–60 of the area who started an offer or "
        "activity in the period. Divided by: adults aged 40–60 in the area. Times 1,000.",
        unit_da="pr. 1.000 i målgruppen",
        unit_en="per 1,000 in target group",
        higher_is_better=True,
        uses_category=True,
        sql=(
            "SELECT n.unit, n.period, n.num, pop.d AS den FROM ("
            "SELECT u.unit, p.period, count(DISTINCT CASE WHEN u.adults_40_60 > 0 THEN e.participant_id END) AS num "
            + _ENROL.format(area="home_area_id", extra="AND e.age_band IN ('40-49', '50-60') ") +
            f" GROUP BY u.unit, p.period) n JOIN {_POP.format(col='adults_40_60')} pop USING (unit, period)"
        ),
        # n_target counts the same age bands (rollup_participant_counts in migration 0005; a change
        # of the target group needs a migration that changes both, and rollups.check proves it).
        rollup_sql=f"SELECT n.unit, n.period, CASE WHEN pop.d > 0 THEN n.n_target ELSE 0 END AS num, pop.d AS den "
        f"FROM rollup_home n "
        f"JOIN {_POP.format(col='adults_40_60')} pop USING (unit, period)",
        rollup_distinct=True,
    ),
    Indicator(
        id="andel_maend",
        group="deltagelse",
        kind="share",
        name_da="Andel mænd blandt deltagerne",
        name_en="Share of men among participants",
        definition_da="Det tælles: forskellige deltagere fra området med start i perioden, som er mænd. "
        "Det deles med: forskellige deltagere fra området med start i perioden og kendt køn. Mænd er en del af "
        "målgruppen og deltager sjældnere.",
        definition_en="Counted: distinct participants from the area starting in the period who are "
        "men. Divided by: distinct participants from the area starting in the period with known sex. "
        "Men are part of the target group and take part less often.",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=(
            # One row per distinct participant first: DISTINCT inside FILTER is slow in DuckDB.
            "SELECT unit, period, count(*) FILTER (WHERE sex = 'mand') AS num, count(sex) AS den FROM ("
            "SELECT DISTINCT u.unit, p.period, e.participant_id, e.sex "
            + _ENROL.format(area="home_area_id", extra="")
            + ") GROUP BY unit, period"
        ),
        rollup_sql="SELECT unit, period, n_men AS num, n_sex AS den FROM rollup_home",
        rollup_distinct=True,
    ),
    Indicator(
        id="andel_maalgruppe",
        group="deltagelse",
        kind="share",
        name_da="Andel af deltagerne i målgruppen (40–60 år)",
        name_en="Share of participants in the target group (40–60)",
        short_da="Deltagere i målgruppen",
        short_en="Participants in target group",
        definition_da="Tæller: forskellige deltagere fra området med start i perioden, som er 40–60 år. Nævner: "
        "alle forskellige deltagere fra området med start i perioden (en deltager uden kendt alder tæller ikke som "
        "en del af målgruppen). Siger, hvor godt tilbuddene rammer målgruppen, uanset hvor mange der bor i området.",
        definition_en="Numerator: distinct participants from the area starting in the period who are aged 40–60. "
        "Denominator: all distinct participants from the area starting in the period (a participant of unknown "
        "age does not count as part of the target group). Says how well the offers reach the target group, "
        "whatever the number of residents.",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=(
            "SELECT unit, period, count(*) FILTER (WHERE age_band IN ('40-49', '50-60')) AS num, "
            "count(participant_id) AS den FROM (SELECT DISTINCT u.unit, p.period, e.participant_id, e.age_band "
            + _ENROL.format(area="home_area_id", extra="")
            + ") GROUP BY unit, period"
        ),
        # n_target counts the same age bands as maalgruppe_pr_1000 (migration 0005), n every participant.
        rollup_sql="SELECT unit, period, n_target AS num, n AS den FROM rollup_home",
        rollup_distinct=True,
    ),
    Indicator(
        id="fremmoede",
        verdict=False,
        group="deltagelse",
        kind="count",
        name_da="Fremmøde i alt",
        name_en="Total attendance",
        definition_da="Summen af fremmødte ved alle afholdte gange af tilbud og aktiviteter i området i "
        "perioden, som koordinatorerne har registreret; gange på aflyste, udskudte og planlagte tilbud tæller "
        "ikke. En borger, der kommer otte gange, tæller otte.",
        definition_en="Sum of attendance at every session of offers and activities in the area in the "
        "period, as logged by the coordinators; sessions of cancelled, postponed and planned offers do not "
        "count. A citizen who comes eight times counts eight.",
        unit_da="fremmøder",
        unit_en="attendances",
        higher_is_better=True,
        uses_category=True,
        additive=True,
        sql=_count(
            "coalesce(sum(s.attendance), 0) AS num, NULL::DOUBLE AS den FROM uq u JOIN p ON p.period = u.u_period "
            "LEFT JOIN (live_sessions s JOIN offer_facts o ON o.id = s.offer_id AND o.held "
            f"AND {_CATEGORY}) ON o.area_id = u.area_id AND s.session_date BETWEEN p.p_start AND p.p_end"
        ),
    ),
    Indicator(
        id="gennemfoerelse",
        group="deltagelse",
        kind="share",
        name_da="Gennemførelse",
        name_en="Completion rate",
        definition_da="Det tælles: tilmeldinger til tilbud i området med start i perioden, der blev "
        "gennemført. Det deles med: tilmeldinger med start i perioden, hvor det vides, om de blev gennemført "
        "(igangværende forløb tæller ikke med).",
        definition_en="Counted: enrolments in offers in the area starting in the period that were "
        "completed. Divided by: enrolments starting in the period whose completion is known (ongoing "
        "courses are left out).",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=_count(
            "count(e.id) FILTER (WHERE e.completed) AS num, count(e.completed) AS den "
            + _ENROL.format(area="offer_area_id", extra="")
        ),
        rollup_sql=_rollup_share("completed", "completed_known"),
    ),
    Indicator(
        id="effekt_slut",
        group="deltagelse",
        kind="share",
        name_da="Effekt ved forløbets afslutning",
        name_en="Outcome at the end of the course",
        short_da="Effekt ved afslutning",
        short_en="Outcome at the end",
        definition_da="Det tælles: tilmeldinger til tilbud med effektmål (fx røgfri) i området med start i "
        "perioden, hvor målet var nået ved afslutningen. Det deles med: de samme tilmeldinger, hvor effekten "
        "er registreret.",
        definition_en="Counted: enrolments in offers with an outcome measure (e.g. smoke-free) in the "
        "area starting in the period that reached it at the end. Divided by: the same enrolments with "
        "the outcome recorded.",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=_count(
            "count(e.id) FILTER (WHERE e.outcome_end) AS num, count(e.outcome_end) AS den "
            + _ENROL.format(area="offer_area_id", extra="AND e.has_outcome ")
        ),
        rollup_sql=_rollup_share("outcome_end", "outcome_end_known"),
    ),
    Indicator(
        id="effekt_opfoelgning",
        group="deltagelse",
        kind="share",
        name_da="Effekt ved opfølgning efter 6 måneder",
        name_en="Outcome at six-month follow-up",
        short_da="Effekt efter 6 måneder",
        short_en="Outcome after 6 months",
        definition_da="Det tælles: tilmeldinger til tilbud med effektmål i området med start i perioden, "
        "hvor målet var nået ved opfølgningen. Det deles med: de samme tilmeldinger, hvor opfølgningen er "
        "registreret.",
        definition_en="Counted: enrolments in offers with an outcome measure in the area starting in "
        "the period that met it at follow-up. Divided by: the same enrolments with the follow-up "
        "recorded.",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=_count(
            "count(e.id) FILTER (WHERE e.outcome_followup) AS num, count(e.outcome_followup) AS den "
            + _ENROL.format(area="offer_area_id", extra="AND e.has_outcome ")
        ),
        rollup_sql=_rollup_share("outcome_followup", "outcome_followup_known"),
    ),
    Indicator(
        id="svartid_median",
        group="deltagelse",
        kind="median",
        name_da="Svartid (typisk antal dage)",
        name_en="Response time (typical days)",
        definition_da="Det typiske antal dage (medianen: halvdelen ventede kortere, halvdelen længere) fra henvendelse til start for tilmeldinger til tilbud i området "
        "med start i perioden. God praksis er højst 3 dage.",
        definition_en="The typical number of days (the median: half waited less, half longer) from inquiry to start for enrolments in offers in the area "
        "starting in the period. Good practice is at most 3 days.",
        unit_da="dage",
        unit_en="days",
        higher_is_better=False,
        uses_category=True,
        sql=_count(
            "median(e.start_date - e.inquiry_date) AS num, count(e.start_date - e.inquiry_date) AS den "
            + _ENROL.format(area="offer_area_id", extra="")
        ),
        rollup_sql=_ROLLUP_MEDIAN,
    ),
    Indicator(
        id="andel_svar_3_dage",
        group="deltagelse",
        kind="share",
        name_da="Andel startet inden for 3 dage",
        name_en="Share started within 3 days",
        short_da="Startet inden for 3 dage",
        short_en="Started within 3 days",
        definition_da="Det tælles: tilmeldinger med start i perioden, hvor der gik højst 3 dage fra "
        "henvendelse til start. Det deles med: tilmeldinger med start i perioden med både henvendelses- og "
        "startdato.",
        definition_en="Counted: enrolments starting in the period with at most 3 days from inquiry "
        "to start. Divided by: enrolments starting in the period with both an inquiry and a start date.",
        unit_da="%",
        unit_en="%",
        higher_is_better=True,
        uses_category=True,
        sql=_count(
            "count(e.id) FILTER (WHERE e.start_date - e.inquiry_date <= 3) AS num, "
            "count(e.start_date - e.inquiry_date) AS den "
            + _ENROL.format(area="offer_area_id", extra="")
        ),
        rollup_sql=_rollup_share("within_3_days", "wait_known"),
    ),
    Indicator(
        id="pris_pr_gennemfoert",
        verdict=False,
        group="deltagelse",
        kind="cost",
        name_da="Pris pr. gennemført deltager",
        name_en="Cost per completer",
        short_da="Pris pr. gennemført",
        short_en="Cost per completer",
        definition_da="Et tilbuds pris fordeles ligeligt på alle, der startede på det. Tæller: den andel af prisen, "
        "der falder på deltagere i tilbud i området med start i perioden, hvor det vides, om de gennemførte. "
        "Nævner: de af dem, der gennemførte. Tilbud uden pris er udeladt af både tæller og nævner (siden "
        "Rekruttering nævner dem). Ingen vurdering mod kommunen: prisen er ikke en tilfældig størrelse.",
        definition_en="An offer's cost is shared equally by everyone who started on it. Numerator: the part of the "
        "cost that falls on participants in offers in the area starting in the period whose completion is known. "
        "Denominator: those of them who completed. Offers without a cost are left out of numerator and "
        "denominator alike (the Recruitment page names them). No verdict against the kommune: a cost is not a "
        "chance quantity.",
        unit_da="kr. pr. gennemført",
        unit_en="DKK per completer",
        higher_is_better=False,
        uses_category=True,
        sql=(
            "SELECT u.unit, p.period, sum(c.share) FILTER (WHERE e.completed IS NOT NULL) AS num, "
            "count(e.id) FILTER (WHERE e.completed AND c.share IS NOT NULL) AS den "
            + _ENROL.format(area="offer_area_id", extra="")
            # Each participant's part of the offer's cost: over everyone who ever started on it.
            + " LEFT JOIN (SELECT f.offer_id, any_value(o.cost)::DOUBLE / count(*) AS share "
            "FROM main.enrolment_facts f JOIN offer_facts o ON o.id = f.offer_id WHERE o.cost IS NOT NULL "
            "GROUP BY f.offer_id) c ON c.offer_id = e.offer_id GROUP BY u.unit, p.period"
        ),
    ),
    # --- Behov -----------------------------------------------------------------------------
    Indicator(
        id="behovsindeks",
        group="behov",
        kind="index",
        name_da="Sundhedsbehov (kommunen = 100)",
        name_en="Health need (kommune = 100)",
        definition_da="Gennemsnittet af områdets andele for dagligrygning, svær overvægt, fysisk "
        "inaktivitet, dårligt mentalt helbred og kroniske sygdomme i forhold til kommunens andele samme "
        "år, ganget med 100 (100 = som kommunen, over 100 = større behov). Seneste måling til og med "
        "periodens slutår; områder i en enhed vægtes med antal voksne.",
        definition_en="The mean of the area's shares for daily smoking, obesity, physical inactivity, "
        "poor mental health and chronic illness relative to the kommune's shares in the same year, "
        "times 100 (100 = like the kommune, above 100 = greater need). Latest measurement up to the "
        "period's end year; areas in a unit are weighted by adults.",
        unit_da="indeks",
        unit_en="index",
        higher_is_better=False,
        sql=(
            # Set-based (no correlated subquery per area and period): the latest year per area
            # and period, then that year's ratio.
            "SELECT u.unit, p.period, sum(r.ratio * a.adults) / nullif(sum(a.adults) FILTER "
            "(WHERE r.ratio IS NOT NULL), 0) * 100 AS num, count(r.ratio) AS den "
            "FROM uq u JOIN p ON p.period = u.u_period JOIN areas a ON a.id = u.area_id "
            "LEFT JOIN (SELECT u2.area_id, p2.period, max(h2.year) AS y FROM u u2 CROSS JOIN p p2 "
            "JOIN area_health_profile h2 ON h2.area_id = u2.area_id AND h2.year <= year(p2.p_end) "
            "GROUP BY u2.area_id, p2.period) ly ON ly.area_id = u.area_id AND ly.period = p.period "
            "LEFT JOIN (SELECT h.area_id, h.year, avg(h.value / nullif(k.value, 0)) AS ratio "
            "FROM area_health_profile h JOIN health_measures m ON m.code = h.measure AND NOT m.higher_is_better "
            "JOIN areas a3 ON a3.id = h.area_id "
            "JOIN kommune_health_profile k ON k.kommunekode = a3.kommunekode AND k.year = h.year "
            "AND k.measure = h.measure GROUP BY h.area_id, h.year) r ON r.area_id = ly.area_id AND r.year = ly.y "
            "GROUP BY u.unit, p.period"
        ),
    ),
)

BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}

# The rules every indicator follows, as the page Indikatorer states them: (title, text) in Danish and English.
RULES: tuple[tuple[str, str, str, str], ...] = (
    ("Hvem er deltager", "En deltager er en tilmelding, der er startet (den har en startdato), på et tilbud, der "
     "blev holdt eller kører (status igangværende eller gennemført). Den tæller i den periode, hvor den startede.",
     "Who is a participant", "A participant is an enrolment that started (it has a start date) on an offer that "
     "was held or is running (status running or completed). It counts in the period in which it started."),
    ("Henvendelser", "En henvendelse, der ikke førte til en start, er ikke deltagelse. Svartiden måles kun for "
     "henvendelser, der førte til en start.",
     "Enquiries", "An enquiry that did not lead to a start is not participation. The response time is measured "
     "only for enquiries that led to a start."),
    ("Aflyste, udskudte og planlagte tilbud", "Tilmeldinger og fremmøde på et tilbud, der er aflyst, udskudt eller "
     "stadig kun planlagt, tæller ikke som deltagelse eller fremmøde. Aktivitetslog advarer, når der registreres "
     "fremmøde på et sådant tilbud.",
     "Cancelled, postponed and planned offers", "Enrolments and attendance on an offer that is cancelled, postponed "
     "or still only planned do not count as participation or attendance. The activity log warns when attendance is "
     "recorded on such an offer."),
    ("Slettede poster", "En slettet post forsvinder fra alle tal, og det samme gør det, der hænger på den: en slettet "
     "partner tæller hverken som aktiv partner, som medarrangør eller med sine samarbejder; en slettet deltager tager "
     "sine tilmeldinger med. Gendannes posten, er tallene som før.",
     "Deleted records", "A deleted record disappears from every figure, and so does what hangs on it: a deleted "
     "partner counts neither as an active partner, nor as a co-organiser, nor with its collaborations; a deleted "
     "participant takes their enrolments along. When the record is restored, the figures are as before."),
    ("Kommunen", "Hvert område sammenlignes med sin egen kommune (områdets kommunekode). Rummer databasen flere "
     "kommuner, vælges kommunen i filtrene, og »kommunen« er den valgte kommunes områder.",
     "The kommune", "Each area is compared with its own kommune (the area's kommune code). Where the database holds "
     "several kommuner, the kommune is chosen in the filters, and 'the kommune' is that kommune's areas."),
    ("Befolkning mangler", "Et område uden befolkningstal (voksne, eller voksne 40–60 år for målgruppen) er udeladt af "
     "både tæller og nævner i satserne pr. 1.000 – for området selv og for kommunen. Antal tæller det med.",
     "Population missing", "An area without a population (adults, or adults aged 40–60 for the target group) is "
     "left out of both numerator and denominator of the rates per 1,000 – for the area itself and for the "
     "kommune. Counts include it."),
    ("Fokusområder", "Et område er fokusområde i en periode, når en af dets fokusperioder overlapper perioden (med "
     "mindst én dag). Fokusområder og øvrige områder kan derfor være forskellige fra kvartal til kvartal.",
     "Focus areas", "An area is a focus area in a period when one of its focus periods overlaps the period (by at "
     "least one day). Focus areas and other areas can therefore differ from quarter to quarter."),
    ("Datadatoen", "Tal, der måles ved periodens slutning (aktiviteter, der stadig kører, og samarbejder, området selv "
     "bærer videre), måles ved datadatoen, når perioden slutter efter den.",
     "The data date", "Figures measured at the end of the period (activities still running, collaborations the "
     "area carries on itself) are measured at the data date when the period ends after it."),
    ("Sammenligning med kommunen", "Et område er bedre eller dårligere end kommunen, når hele dets 95 %-"
     "sikkerhedsinterval ligger på den ene side af kommunens værdi: Wilson-interval for andele; for rater og antal "
     "pr. voksen det eksakte Poisson-interval under 100 hændelser og Byars tilnærmelse derover; medianer og indeks "
     "skal afvige mere end 10 %. Summer af gentagne besøg og pladser (fremmøde, personer nået, frivillige, pladser "
     "pr. 1.000) får ingen vurdering: en borger, der kommer otte gange, er ikke otte uafhængige hændelser.",
     "Comparison with the kommune", "An area is better or worse than the kommune when its whole 95 % confidence "
     "interval lies on one side of the kommune's value: the Wilson interval for shares; for rates and counts per "
     "adult the exact Poisson interval below 100 events and Byar's approximation above; medians and indices must "
     "differ by more than 10 %. Sums of repeat visits and seats (attendance, people reached, volunteers, seats per "
     "1,000) get no verdict: a citizen who comes eight times is not eight independent events."),
)

_VALUE = {
    "count": "num",
    "share": "100.0 * num / nullif(den, 0)",
    "rate": "1000.0 * num / nullif(den, 0)",
    "median": "num",
    "index": "num",
    "cost": "num / nullif(den, 0)",
}

# How areas are grouped into units. Fixed SQL fragments chosen by name, never user text:
# the unit, and which of the rollups' distinct counts it is (scope and key, see lokal/rollups.py).
_UNITS = {
    "area": ("a.code", "'area'", "a.id"),
    "kommune": ("'kommune'", "'all'", "0"),
    "focus": ("CASE WHEN a.focus_start IS NOT NULL THEN 'fokus' ELSE 'øvrige' END", "'focus'",
              "(a.focus_start IS NOT NULL)::INTEGER"),
}
# The rollups exist once migration 0005 ran (a database opened read-only before migrating has none).
_ROLLUPS_READY = "SELECT count(*) FROM schema_migrations WHERE name = '0005_rollups'"
_UNPOPULATED = "SELECT count(*) FROM areas WHERE adults = 0 OR adults_40_60 = 0"

# The data date when no admin has set one: the latest date of a recorded fact that has happened
# (a session, an enrolment's start or enquiry, a knowledge activity, a collaboration's start, a log
# entry), never after today. Offer starts do not count: a planned offer is not yet a fact.
LATEST_FACT = """
SELECT greatest(
         (SELECT max(s.session_date) FROM live_sessions s JOIN offer_facts o ON o.id = s.offer_id
          WHERE s.session_date <= current_date),
         (SELECT max(d) FROM (SELECT e.inquiry_date AS d FROM enrolments e WHERE e.deleted_at IS NULL UNION ALL
                              SELECT e.start_date FROM enrolments e WHERE e.deleted_at IS NULL) WHERE d <= current_date),
         (SELECT max(activity_date) FROM live_knowledge_activities WHERE activity_date <= current_date),
         (SELECT max(start_date) FROM live_collaborations WHERE start_date <= current_date),
         (SELECT max(entry_date) FROM live_log_entries WHERE entry_date <= current_date))
"""


def latest_data_date(con: duckdb.DuckDBPyConnection) -> tuple[date | None, bool]:
    """(the data date, whether an admin set it): meta ``data_date`` if set, else the latest fact."""
    row = con.execute("SELECT value FROM meta WHERE key = 'data_date'").fetchone()
    if row and row[0]:
        return date.fromisoformat(row[0]), True
    return con.execute(LATEST_FACT).fetchone()[0], False


@dataclass(frozen=True)
class Period:
    """A closed date interval with a label (e.g. '2025' or '2025K3')."""

    label: str
    start: date
    end: date


def get(indicator_id: str) -> Indicator:
    """The indicator with this id; a clear error for an unknown one (also a whitelist for SQL)."""
    try:
        return BY_ID[indicator_id]
    except KeyError:
        raise KeyError(f"Ukendt indikator: {indicator_id!r}") from None


def by_group(group: str) -> list[Indicator]:
    return [i for i in INDICATORS if i.group == group]


# The enrolments every enrolment indicator reads (all of them start in a period and match the
# category), only the columns they use (add one here when an indicator needs it), joined once and kept for the whole statement instead of once per indicator: this
# shadows the enrolment_facts view inside the statement. At national scale (1 million
# enrolments) it took the indicator page from about 9 s to about 1 s.
_ENROLMENT_WINDOW = (
    "enrolment_facts AS MATERIALIZED (SELECT e.id, e.participant_id, e.offer_id, e.home_area_id, e.offer_area_id, "
    "e.enrol_date, e.category, e.has_outcome, e.age_band, e.sex, e.completed, e.outcome_end, "
    "e.outcome_followup, e.start_date, e.inquiry_date FROM main.enrolment_facts e "
    "WHERE e.enrol_date BETWEEN (SELECT min(p_start) FROM p) AND (SELECT max(p_end) FROM p) "
    "AND ($category IS NULL OR e.category = $category)), "
)


def _sql(indicators: list[Indicator], by: str, with_kommune: bool = False,
         rolled: frozenset[str] = frozenset()) -> str:
    # u: the areas in scope (of the chosen kommune, if any) and their unit; with_kommune adds every
    # area of the kommune once more as the benchmark unit (also when only focus areas are in scope),
    # so the benchmark comes from the same statement. uq: u per period, because focus is a period:
    # an area is a focus area in a period when one of its focus periods overlaps it.
    # rolled: the indicators computed from their rollup form.
    bench = (" UNION ALL SELECT a.id, '" + BENCHMARK_UNIT + "', 'all', 0, true FROM areas a "
             "WHERE ($kommune IS NULL OR a.kommunekode = $kommune)") if with_kommune else ""
    queries = [ind.rollup_sql if ind.id in rolled else ind.sql for ind in indicators]
    parts = [
        f"SELECT unit, period, '{ind.id}' AS indicator, num::DOUBLE AS numerator, den::DOUBLE AS denominator, "
        f"({_VALUE[ind.kind]})::DOUBLE AS value FROM ({sql})"
        for ind, sql in zip(indicators, queries)
    ]
    unit, scope, key = _UNITS[by]
    focus_unit = "CASE WHEN f.in_focus THEN 'fokus' ELSE 'øvrige' END" if by == "focus" else "u.unit"
    return (
        f"WITH u AS (SELECT a.id AS area_id, {unit} AS unit, {scope} AS scope, {key} AS scope_key, "
        "false AS is_bench FROM areas a WHERE ($kommune IS NULL OR a.kommunekode = $kommune) "
        "AND ($areas IS NULL OR list_contains($areas, a.code))" + bench + "), "
        "p AS (SELECT *, (year(p_start) * 12 + month(p_start) - 1)::INTEGER AS m1, "
        "(year(p_end) * 12 + month(p_end) - 1)::INTEGER AS m2, "
        "greatest(p_start, least(p_end, coalesce($data_date, p_end))) AS p_at FROM (SELECT unnest($labels) AS period, "
        "unnest($starts) AS p_start, unnest($ends) AS p_end)), "
        + FOCUS_IN_PERIOD +
        f"uq AS MATERIALIZED (SELECT u.area_id, {focus_unit} AS unit, u.scope, u.scope_key, p.period AS u_period, "
        "a.adults, a.adults_40_60 FROM u CROSS JOIN p JOIN areas a ON a.id = u.area_id "
        "JOIN focus_in_period f ON f.area_id = u.area_id AND f.period = p.period "
        "WHERE u.is_bench OR NOT $focus_only OR f.in_focus), "
        + (_ENROLMENT_WINDOW if sum("enrolment_facts" in q for q in queries) > 1 else "")
        + (_ROLLUP_HOME if any("rollup_home" in q for q in queries) else "")
        + (_ROLLUP_OFFER if any("rollup_offer" in q for q in queries) else "")
        + "r AS (" + " UNION ALL ".join(parts) + ") "
        "SELECT r.*, a.name AS area_name FROM r LEFT JOIN areas a ON a.code = r.unit "
        "ORDER BY r.indicator, r.period, r.unit"
    )


# Whether each area in scope is a focus area in each period (a live focus period overlaps it).
FOCUS_IN_PERIOD = (
    "focus_in_period AS MATERIALIZED (SELECT a.area_id, p.period, bool_or(f.id IS NOT NULL) AS in_focus "
    "FROM (SELECT DISTINCT area_id FROM u) a CROSS JOIN p LEFT JOIN focus_periods f ON f.area_id = a.area_id "
    "AND f.deleted_at IS NULL AND f.start_date <= p.p_end AND coalesce(f.end_date, DATE '9999-12-31') >= p.p_start "
    "GROUP BY ALL), "
)


def _whole_months(periods: list[Period]) -> bool:
    """Every period runs from the first of a month to the last day of a month (rollups are monthly)."""
    return all(p.start.day == 1 and p.end.day == calendar.monthrange(p.end.year, p.end.month)[1]
               for p in periods)


BENCHMARK_UNIT = "kommune"


def compute_with_benchmark(
    con: duckdb.DuckDBPyConnection,
    periods: Period | list[Period],
    *,
    focus_only: bool = False,
    category: str | None = None,
    areas: list[str] | None = None,
    indicator_ids: list[str] | None = None,
    kommune: str | None = None,
    _rollups: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The areas (``by="area"``) and the kommune (``by="kommune"``, all areas) in one statement.

    The same two frames as two :func:`compute` calls, but the enrolments are joined once.
    ``areas`` (codes) limits the area rows; the benchmark is still every area of the kommune
    (``kommune``, a kommunekode; None: every area in the database).
    """
    out = compute(con, periods, by="area", focus_only=focus_only, category=category, areas=areas,
                  indicator_ids=indicator_ids, kommune=kommune, _with_kommune=True, _rollups=_rollups)
    is_bench = out.unit == BENCHMARK_UNIT
    kommune = out[is_bench].reset_index(drop=True)
    kommune["area_name"] = None
    return out[~is_bench].reset_index(drop=True), kommune


def compute(
    con: duckdb.DuckDBPyConnection,
    periods: Period | list[Period],
    *,
    by: str = "area",
    focus_only: bool = False,
    category: str | None = None,
    areas: list[str] | None = None,
    indicator_ids: list[str] | None = None,
    kommune: str | None = None,
    _with_kommune: bool = False,
    _rollups: bool | None = None,
) -> pd.DataFrame:
    """Compute indicators in one query; a tidy frame with one row per unit × period × indicator.

    Columns: unit, period, indicator, numerator, denominator, value, area_name. ``by`` is
    ``"area"`` (unit = area code), ``"kommune"`` (one unit) or ``"focus"`` (fokus/øvrige, per period).
    ``kommune`` (a kommunekode) keeps the areas of one kommune; None: every area in the database.
    ``category`` filters offers for the indicators that use it. Enrolment indicators come from
    the rollups where that is exact (see "Rollup forms"); ``_rollups`` forces the choice (the
    self-check in :mod:`lokal.rollups` compares both).
    """
    if by not in _UNITS:
        raise ValueError(f"Ukendt gruppering: {by!r}")
    if category not in (None, "kommunalt", "civilsamfund"):
        raise ValueError(f"Ukendt kategori: {category!r}")
    plist = [periods] if isinstance(periods, Period) else list(periods)
    chosen = [get(i) for i in indicator_ids] if indicator_ids else list(INDICATORS)
    params = {
        "labels": [p.label for p in plist],
        "starts": [p.start for p in plist],
        "ends": [p.end for p in plist],
        "category": category,
        "focus_only": focus_only,
        "areas": areas,
        "kommune": kommune,
    }
    if _rollups is None:
        _rollups = (any(i.rollup_sql for i in chosen) and _whole_months(plist)
                    and con.execute(_ROLLUPS_READY).fetchone()[0] > 0)
    # Distinct participants are stored per area and for all areas of the database; the latter holds
    # for the kommune only when the unit is every area and every area has the populations the rates
    # need (an area without them is left out of the rates). Focus changes with the period, so the
    # stored focus split is not used.
    aggregate_ok = kommune is None and bool(_rollups) and con.execute(_UNPOPULATED).fetchone()[0] == 0
    if by == "area":  # per area, and the benchmark (when asked for) is every area of the database
        units_stored = aggregate_ok or not _with_kommune
    else:
        units_stored = by == "kommune" and areas is None and not focus_only and aggregate_ok
    rolled = frozenset(i.id for i in chosen if _rollups and i.rollup_sql and (units_stored or not i.rollup_distinct))
    sql = _sql(chosen, by, _with_kommune, rolled)
    # Only the figures measured at the period's end need the data date (one more query otherwise).
    params["data_date"] = latest_data_date(con)[0] if "p.p_at" in sql else None
    # DuckDB refuses named parameters a statement does not use (e.g. $category).
    return con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).df()
