"""Demo data for the recruitment view (issue 16): strategies that differ in reach and cost, and enquiries
that never started.

Applied to the demo tables after they are drawn, from its own random stream, so every figure the
indicators show stays as it was (they read neither an offer's strategy nor its cost, and an enquiry
without a start is not participation):

* **Strategy.** A municipal offer's recruitment strategy is drawn again, weighted by how well the offer
  reached the target group 40–60: offers that reached it best are most often *målrettet* (direct text or
  phone to citizens who showed interest, as Esbjerg did), those that reached it least most often *åben*
  (material through unions and housing associations). Civil-society activities keep theirs.
* **Cost.** *Afgrænset* (theme days, information meetings) costs 20 % more than the offer's base cost,
  *målrettet* (staff time on the phone) 10 % more, *åben* nothing extra. Three held municipal offers have
  no cost recorded, so the page has offers to name.
* **Enquiries that never started.** Each held offer gets enquiries from new pseudonymous participants who
  did not start (no start date): about 25 % on top of its participants for *åben*, 12 % for *afgrænset*
  and 5 % for *målrettet*. They look like the offer's participants (age, sex, home area, channel drawn from
  them) and enquired 1–14 days before the offer started, never before the demo's first enquiry.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

STREAM = 16  # the random stream: np.random.default_rng([seed, STREAM])
STRATEGIES = ("åben", "afgrænset", "målrettet")
# Draw weights for (åben, afgrænset, målrettet) by the offer's target-group reach: lowest third, middle, top.
WEIGHTS = ((0.6, 0.3, 0.1), (0.35, 0.4, 0.25), (0.15, 0.3, 0.55))
COST_FACTOR = {"åben": 1.0, "afgrænset": 1.2, "målrettet": 1.1}
NOT_STARTED = {"åben": 0.25, "afgrænset": 0.12, "målrettet": 0.05}
WITHOUT_COST = 3
TARGET_AGES = ("40-49", "50-60")


def shape(tables: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """The demo tables with strategies, costs and unstarted enquiries as described above (a new dict;
    offers, participants and enrolments replaced)."""
    rng = np.random.default_rng([seed, STREAM])
    offers = tables["offers"].copy()
    participants = tables["participants"]
    enrolments = tables["enrolments"]
    types = tables["offer_types"].set_index("id").category
    held = offers.status.isin(("igangværende", "gennemført"))
    municipal = offers.offer_type_id.map(types).eq("kommunalt")

    ages = enrolments.merge(participants[["id", "age_band"]], left_on="participant_id", right_on="id")
    reach = ages.groupby("offer_id").age_band.apply(lambda a: a.isin(TARGET_AGES).mean())
    chosen = offers[held & municipal & offers.id.isin(reach.index)]
    rank = chosen.id.map(reach).rank(method="first", pct=True).to_numpy()
    strategy = offers.recruitment.copy()
    for i, r in zip(chosen.index, rank):
        w = WEIGHTS[0 if r <= 1 / 3 else 1 if r <= 2 / 3 else 2]
        strategy.at[i] = STRATEGIES[int(rng.choice(3, p=w))]
    offers["recruitment"] = strategy
    factor = offers.recruitment.map(COST_FACTOR).where(municipal, 1.0).fillna(1.0)
    offers["cost"] = (offers.cost.astype(float) * factor / 500).round() * 500
    no_cost = rng.choice(chosen.index.to_numpy(), size=min(WITHOUT_COST, len(chosen)), replace=False)
    offers["cost"] = offers.cost.astype("float64")
    offers.loc[no_cost, "cost"] = np.nan

    first = enrolments.inquiry_date.min()
    people = participants.set_index("id")
    new_people, new_rows = [], []
    next_pid = int(participants.id.max()) + 1
    next_eid = int(enrolments.id.max()) + 1
    by_offer = {o: g for o, g in enrolments.groupby("offer_id")}
    for o in offers[held].itertuples():
        group = by_offer.get(o.id)
        if group is None:
            continue
        n = int(rng.binomial(len(group), NOT_STARTED.get(o.recruitment, 0.15)))
        for _ in range(n):
            like = group.iloc[int(rng.integers(len(group)))]
            who = people.loc[like.participant_id]
            new_people.append({"id": next_pid, "pseudonym": f"P{next_pid:06d}", "age_band": who.age_band,
                               "sex": who.sex, "home_area_id": who.home_area_id})
            asked = max(first, o.start_date - timedelta(days=int(rng.integers(1, 15))))
            new_rows.append({"id": next_eid, "participant_id": next_pid, "offer_id": o.id, "inquiry_date": asked,
                             "start_date": None, "channel": group.channel.iloc[int(rng.integers(len(group)))],
                             "sessions_attended": 0, "completed": None, "outcome_end": None,
                             "outcome_followup": None})
            next_pid += 1
            next_eid += 1
    out = dict(tables)
    out["offers"] = offers
    if new_people:
        out["participants"] = pd.concat([participants, pd.DataFrame(new_people).astype(
            {"home_area_id": "Int64"})], ignore_index=True)
        extra = pd.DataFrame(new_rows).astype(enrolments.dtypes.to_dict())
        out["enrolments"] = pd.concat([enrolments, extra], ignore_index=True)
    return out
