"""View models: indicator results shaped into the frames that pages, charts and tables show.

Data functions here take a connection first (so pages can cache them through
``lokal.ui.data.fetch``); shaping functions take frames. No Streamlit, no drawing.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lokal import access, approval, changes, compare, i18n, queries, records, release, suppress
from lokal import indicators as ind
from lokal.indicators import Period

CAPACITY_GROUPS = ("udbud", "relationel", "viden")
GROUP_NAMES = {
    "udbud": "Udbudskapacitet",
    "relationel": "Relationel kapacitet",
    "viden": "Vidensmæssig kapacitet",
    "deltagelse": "Deltagelse",
    "behov": "Behov",
}
KIND_NAMES = {"count": "antal", "share": "andel", "rate": "rate", "median": "median", "index": "indeks",
              "cost": "pris pr. person"}
HEADLINE = (
    "kommunale_tilbud_afholdt",
    "nye_civilsamfundsaktiviteter",
    "aktive_partnere",
    "samarbejder_baaret_lokalt",
    "vidensaktiviteter",
    "deltagere_pr_1000",
    "fremmoede",
    "gennemfoerelse",
)
# What the courses achieved (outcome shares) and how fast enquiries became a start (Område, Møde).
RESULTS = ("effekt_slut", "effekt_opfoelgning", "svartid_median", "andel_svar_3_dage")
NEED, PARTICIPATION = "behovsindeks", "deltagere_pr_1000"
# Above this many areas the heat table shows a chosen few (by default the greatest need), not all.
HEAT_MAX_AREAS, HEAT_DEFAULT_AREAS = 40, 20
_SCORE = {compare.BETTER: 1.0, compare.SIMILAR: 0.5, compare.WORSE: 0.0}


def area_results(con: duckdb.DuckDBPyConnection, periods: Period | list[Period], *, viewer: access.User | str,
                 category: str | None = None, focus_only: bool = False, areas: list[str] | None = None,
                 indicator_ids: list[str] | None = None, kommune: str | None = None) -> pd.DataFrame:
    """Every area's indicator values with a comparison against its kommune.

    ``kommune`` (a kommunekode) keeps that kommune's areas and makes it the benchmark; None (a
    database with one kommune) uses every area. The benchmark is always all the kommune's areas,
    also when only focus areas are shown. For a council member (``byraad``) the figures are
    small-number protected first (a ``status`` column says which are shown), so a hidden value has
    no comparison either, and they are the approved figures (:mod:`lokal.approval`): a period no
    leader has approved is hidden.
    """
    only = areas
    asked = [periods] if isinstance(periods, Period) else list(periods)
    protected = access.sees_release_only(viewer)
    if protected:  # a council member sees the release's figures only (lokal.release)
        periods = release.resolve(con, asked)
    areas, bench = ind.compute_with_benchmark(con, periods, category=category, focus_only=focus_only,
                                              areas=only, indicator_ids=indicator_ids, kommune=kommune)
    kommune_code, kommune = kommune, bench
    if protected:
        scope = dict(kommune=kommune_code, category=category)
        # ... as a leader approved them (lokal.approval): a period nobody approved is hidden.
        areas = _relabel(approval.freeze(con, release.apply(con, areas, by="area", **scope), by="area", **scope),
                         periods, asked)
        kommune = _relabel(approval.freeze(con, release.apply(con, kommune, by="area", **scope), by="area", **scope),
                           periods, asked)
    adults = dict(con.execute("SELECT code, adults FROM areas WHERE $k IS NULL OR kommunekode = $k",
                              {"k": kommune_code}).fetchall())
    out = compare.add_comparison(areas, kommune, adults)
    ref = kommune.set_index(["indicator", "period"]).value.rename("kommune_value")
    return out.join(ref, on=["indicator", "period"])


def kommune_results(con: duckdb.DuckDBPyConnection, periods: Period | list[Period], *, viewer: access.User | str,
                    category: str | None = None, focus_only: bool = False, by: str = "kommune",
                    indicator_ids: list[str] | None = None, kommune: str | None = None) -> pd.DataFrame:
    """Indicator values for the kommune as one unit (or the areas in scope), or for fokus/øvrige.

    Protected for a council member like :func:`area_results`, by the same release.
    """
    asked = [periods] if isinstance(periods, Period) else list(periods)
    protected = access.sees_release_only(viewer)
    if protected:
        periods = release.resolve(con, asked)
    out = ind.compute(con, periods, by=by, category=category, focus_only=focus_only,
                      indicator_ids=indicator_ids, kommune=kommune)
    if not protected:
        return out
    scope = dict(kommune=kommune, category=category, by=by, focus_only=focus_only)
    out = approval.freeze(con, release.apply(con, out, **scope), **scope)
    return _relabel(out, periods, asked)


def _relabel(frame: pd.DataFrame, used: list[Period], asked: list[Period]) -> pd.DataFrame:
    """The periods as the caller named them (the release names them '2025' or '2025K3')."""
    names = {u.label: a.label for u, a in zip(used, asked)}
    return frame.assign(period=frame.period.map(lambda p: names.get(p, p)))


def label(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add indicator name, unit, group and a formatted value to a tidy frame."""
    out = df.copy()
    meta = {i.id: i for i in ind.INDICATORS}
    out["indicator_name"] = out.indicator.map(lambda i: meta[i].name(lang))
    out["unit_name"] = out.indicator.map(lambda i: meta[i].unit(lang))
    out["group"] = out.indicator.map(lambda i: meta[i].group)
    if "status" in out and "min_count" in out:  # protected figures (byraad): "<5" or "x" instead of a number
        out["value_label"] = [suppress.label(v, meta[i].kind, s, int(k), lang)
                              for i, v, s, k in zip(out.indicator, out.value, out.status, out.min_count)]
    else:
        out["value_label"] = [i18n.fmt_value(v, meta[i].kind, lang) for i, v in zip(out.indicator, out.value)]
    return out


def in_kommune(frame: pd.DataFrame, kommune: str | None) -> pd.DataFrame:
    """The rows (areas, shapes) of one kommune; all rows when none is chosen."""
    return frame if kommune is None else frame[frame.kommunekode == kommune]


def with_unit(value_label: str, indicator_id: str, lang: str) -> str:
    """A key figure with its unit where the unit is short ('90,0 %', '3,5 dage'); '<5', 'x' and '–' as they are."""
    meta = ind.get(indicator_id)
    if not value_label or not value_label[0].isdigit():
        return value_label
    if meta.kind == "share":
        return value_label + (" %" if lang == "da" else "%")
    if meta.kind == "median":
        return f"{value_label} {meta.unit(lang)}"
    return value_label


def heat_frame(results: pd.DataFrame, lang: str, groups=CAPACITY_GROUPS,
               adults: dict[str, float] | None = None) -> pd.DataFrame:
    """Areas × capacity indicators for the heat table: value label with the verdict's symbol, a
    score from the comparison, and for counts the count the area's size would lead one to expect.

    A count is compared with the kommune per adult (areas differ in size), which is the same as
    comparing it with ``expected`` = the kommune's count × the area's share of the kommune's adults
    (``adults``: area code → adults of all the kommune's areas). The cell keeps the count, and the
    hover text and the table say what it was compared with. ``value_label`` starts with ▲ (better),
    = (as the kommune) or ▼ (worse), so a black-and-white print keeps the verdict.
    """
    ids = [i.id for g in groups for i in ind.by_group(g)]
    df = label(results[results.indicator.isin(ids)], lang)
    df["score"] = df.comparison.map(lambda c: _SCORE.get(c, float("nan")))
    df["order"] = df.indicator.map({i: n for n, i in enumerate(ids)})
    count = df.indicator.map(lambda i: ind.get(i).kind == "count").astype(bool)
    df["expected"] = float("nan")
    if adults is not None and sum(adults.values()) > 0:
        share = df.unit.map(adults).astype(float) / float(sum(adults.values()))
        df.loc[count, "expected"] = (pd.to_numeric(df.kommune_value, errors="coerce") * share)[count]
    df["value_label"] = [f"{VERDICT_SYMBOL[c]} {v}" if isinstance(c, str) else v
                         for c, v in zip(df.comparison, df.value_label)]
    verdict = {c: i18n.t(t, lang) for c, t in VERDICT_TEXT.items()}
    expected_word = i18n.t("ventet ud fra områdets størrelse", lang)
    df["hover"] = [
        f"{v}" + (f" · {expected_word}: {i18n.fmt_num(e, 1, lang)}" if e == e else "")
        + (f" · {verdict[c]}" if isinstance(c, str) else "")
        for v, e, c in zip(df.value_label, df.expected, df.comparison)
    ]
    return df.sort_values(["order", "area_name"])[
        ["area_name", "unit", "indicator", "indicator_name", "group", "value", "expected", "value_label",
         "hover", "comparison", "score"]
    ].reset_index(drop=True)


def size_share(areas: pd.DataFrame) -> dict[str, float]:
    """Each area's share of its kommune's adults (``areas`` of one kommune: code, adults)."""
    total = float(areas.adults.sum()) if len(areas) else 0.0
    return {c: float(a) / total for c, a in zip(areas.code, areas.adults)} if total > 0 else {}


def expected_count(kommune_count, share) -> float:
    """The count an area's size would lead one to expect: the kommune's count × its share of adults."""
    try:
        return float(kommune_count) * float(share) if share is not None else float("nan")
    except (TypeError, ValueError):
        return float("nan")


def heat_grid(heat: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The heat table as a plain grid of labels (areas × indicators) for a phone, where a coloured
    chart of 14 columns cannot be read: the symbols carry the verdict, the grid scrolls sideways."""
    if heat.empty:
        return pd.DataFrame({i18n.t("Område", lang): []})
    grid = heat.pivot_table(index="area_name", columns="indicator_name", values="value_label", aggfunc="first",
                            sort=False)
    grid = grid.reindex(columns=list(dict.fromkeys(heat.indicator_name)))
    grid.columns.name = None
    return grid.fillna("–").rename_axis(i18n.t("Område", lang)).reset_index()


# The verdict as a symbol beside the number, so greyscale (a printout, a projector) keeps it.
VERDICT_SYMBOL = {compare.BETTER: "▲", compare.SIMILAR: "=", compare.WORSE: "▼"}
VERDICT_TEXT = {compare.BETTER: "Bedre end kommunen", compare.SIMILAR: "Som kommunen",
                compare.WORSE: "Dårligere end kommunen"}


def need_vs_participation(results: pd.DataFrame, areas: pd.DataFrame) -> tuple[pd.DataFrame, float, float]:
    """Need index against participation per area, flagging high need with low participation.

    Returns the frame (area_name, need, participation, flagged, is_focus) and the kommune's
    two reference values. An area is flagged when its need index is above the kommune's and
    its participation rate below the kommune's.
    """
    # groupby + unstack, not pivot_table(dropna=False): that builds every unit × area_name pair,
    # 4,6 million rows for 2.150 areas (4 s), before it drops them again.
    wide = results[results.indicator.isin([NEED, PARTICIPATION])].groupby(
        ["unit", "area_name", "indicator"], dropna=False
    ).value.mean().unstack("indicator").reset_index()
    wide.columns.name = None
    refs = results[results.indicator.isin([NEED, PARTICIPATION])].groupby("indicator").kommune_value.first()
    x_ref, y_ref = float(refs.get(NEED, float("nan"))), float(refs.get(PARTICIPATION, float("nan")))
    wide = wide.rename(columns={NEED: "need", PARTICIPATION: "participation"})
    for col in ("need", "participation"):
        if col not in wide:
            wide[col] = float("nan")
    wide["flagged"] = (wide.need > x_ref) & (wide.participation < y_ref)
    focus = dict(zip(areas.code, areas.is_focus))
    wide["is_focus"] = wide.unit.map(focus).fillna(False).astype(bool)
    return wide[["unit", "area_name", "need", "participation", "flagged", "is_focus"]], x_ref, y_ref


def neediest(scatter: pd.DataFrame, n: int) -> list[str]:
    """The names of the ``n`` areas with the greatest need (from :func:`need_vs_participation`)."""
    return scatter.sort_values("need", ascending=False, na_position="last").area_name.head(n).tolist()


def ranking(results: pd.DataFrame, indicator_id: str, lang: str) -> pd.DataFrame:
    """Areas ranked on one indicator, best first (missing values last)."""
    indicator = ind.get(indicator_id)
    df = label(results[results.indicator == indicator_id], lang)
    df = df.sort_values("value", ascending=not indicator.higher_is_better, na_position="last")
    df["rank"] = range(1, len(df) + 1)
    return df.reset_index(drop=True)


def year_in_progress(data_date) -> str | None:
    """The calendar year the data date lies inside, as '2026', when that year is not over; else None."""
    if data_date is None:
        return None
    return None if (data_date.month, data_date.day) == (12, 31) else str(data_date.year)


@access.guarded(access.DETAILS)
def targets_vs_values(con: duckdb.DuckDBPyConnection, code: str, years: list[Period],
                      category: str | None = None) -> pd.DataFrame:
    """For one area: each targeted indicator's value per year beside its target (NaN when none)."""
    targets = queries.targets(con, code)
    ids = sorted(set(targets.indicator) & set(ind.BY_ID))
    if not ids or not years:
        return pd.DataFrame(columns=["indicator", "period", "value", "target"])
    values = ind.compute(con, years, areas=[code], category=category, indicator_ids=ids)
    targets["period"] = targets.year.astype(str)
    out = values.merge(targets[["indicator", "period", "value"]].rename(columns={"value": "target"}),
                       on=["indicator", "period"], how="left")
    return out[["indicator", "period", "value", "target"]]


def map_frame(shapes: pd.DataFrame, results: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Area shapes joined with one indicator's values, ready for :func:`lokal.maps.choropleth`.

    Areas outside the filtered scope keep their shape with no value, so the map stays whole.
    """
    labelled = label(results, lang)[["unit", "value", "value_label"]]
    out = shapes.merge(labelled, left_on="code", right_on="unit", how="left").drop(columns="unit")
    out["value_label"] = out.value_label.fillna("–")
    return out


def venue_points(venues: pd.DataFrame | None, lang: str) -> pd.DataFrame | None:
    """One map dot per venue: offers at the same place and venue become one dot titled "n tilbud".

    At national scale tens of thousands of offers share a few thousand venues; one dot each keeps
    the map's data small (megabytes less sent to the browser) without hiding a venue.
    """
    if venues is None or len(venues) == 0:
        return venues
    keys = ["lon", "lat", "venue_name", "area_name"]
    grouped = venues.groupby(keys, dropna=False, sort=False).agg(title=("title", "first"), n=("title", "size"))
    grouped = grouped.reset_index()
    many = grouped.n > 1
    word = "tilbud" if lang == "da" else "offers"
    grouped.loc[many, "title"] = grouped.loc[many, "n"].map(lambda n: f"{i18n.fmt_num(n, 0, lang)} {word}")
    return grouped.drop(columns="n")


_ACTIONS = {"insert": "oprettet", "update": "rettet", "delete": "slettet", "restore": "gendannet",
            "import": "importeret", "demo": "demodata"}


def describe_history(history: pd.DataFrame, lang: str, names: dict[str, dict] | None = None) -> pd.DataFrame:
    """Audit rows with a readable action, record kind and what changed: field names in the language,
    names instead of ids (``names``, from :func:`lokal.changes.names`), Danish dates, '–' for nothing."""
    out = history.copy()
    table_names = {k.table: (k.name_da if lang == "da" else k.name_en) for k in records.ALL_KINDS.values()}
    table_names["participants"] = "Deltagere" if lang == "da" else "Participants"
    table_names["targets"] = "Mål" if lang == "da" else "Targets"
    out["action_text"] = out.action.map(lambda a: i18n.t(_ACTIONS.get(a, a), lang))
    if "table_name" in out:
        out["table_text"] = out.table_name.map(lambda n: table_names.get(n, n))

    def summary(row) -> str:
        table = getattr(row, "table_name", "")
        return "; ".join(changes.audit_lines(table, row.before_json, row.after_json, lang, names))[:300]

    out["summary"] = [summary(r) for r in out.itertuples()] if len(out) else []
    out["changed_text"] = [f"{i18n.fmt_date(d, lang)} {d:%H:%M}" for d in out.changed_at] if len(out) else []
    return out


def record_label(kind_id: str, row: dict, lang: str) -> str:
    """How a record is named in a picker: its title or text with its date (and an offer's status)."""
    d = i18n.fmt_date
    if kind_id == "offers":
        return f"{row['label']} ({d(row['start_date'], lang)}, {i18n.t(row['status'], lang)})"
    if kind_id == "sessions":
        return f"{row['label']}, {d(row['session_date'], lang)}: {row['attendance']}"
    if kind_id == "collaborations":
        return f"{row['label']} ({d(row['start_date'], lang)})"
    if kind_id == "knowledge_activities":
        return f"{row['label']} ({d(row['activity_date'], lang)})"
    if kind_id == "log_entries":
        return f"{d(row['entry_date'], lang)}: {row['label']}"
    return str(row["label"])
