"""Approval on the pages: the council's notice for an unapproved period, the approval line above
Møde's figures, and the leaders' panel — approve, withdraw, snapshots, data freshness."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lokal import access, approval, handouts, i18n, meeting, release, suppress
from lokal import indicators as ind
from lokal.ui import data, state, widgets
from lokal.ui.state import lang, t

DONE = "godkendelse.besked"


def council_may_see(filters) -> bool:
    """For a council member: whether the sidebar's period has an approval in force in the chosen
    kommune; if not, say so (the page is then not run: no unapproved figure reaches the council)."""
    label = st.session_state.get("filter.periode")
    if label is None or data.fetch(approval.current, filters.kommune, label):
        return True
    st.title(i18n.fmt_quarter(label, lang()))
    st.info(t("Tallene for {period} er ikke godkendt endnu. Byrådet ser en periodes tal, når en leder har godkendt "
              "dem. Vælg en godkendt periode i menuen til venstre.").format(period=i18n.fmt_quarter(label, lang())),
            icon=":material/hourglass_top:")
    return False


def meeting_line(m: meeting.Meeting, code: str, kommune: str | None) -> None:
    """Above Møde's figures: who approved them, or that they are a draft; for a leader also
    whether today's data would show some of them differently."""
    a = m.approvals.get(code)
    lg = lang()
    if a is None:
        st.warning(f"**{approval.approved_text(None, lg)}.** "
                   + t("Byrådet ser ikke tallene, før en leder har godkendt perioden (se Godkendelse nederst)."),
                   icon=":material/edit_note:")
        return
    st.markdown(f":material/verified: {approval.approved_text(a, lg)}")
    if access.sees_release_only(state.user()):
        return
    unit = approval.ALL if code == meeting.ALL else code
    n = data.fetch(approval.state, m.period.label, kommune=kommune, unit=unit).changed
    if n:
        st.warning(t("Ændret efter godkendelse: {n} tal er anderledes i dag. Byrådet ser stadig de godkendte tal, "
                     "til perioden er godkendt igen.").format(n=i18n.fmt_num(n, 0, lg)), icon=":material/history:")


def keeper(m: meeting.Meeting, code: str, kommune: str | None):
    """``keep(ext, make)`` for a handout's download: makes the file and keeps it as a snapshot (its
    figures and the file). Streamlit calls it when the download is asked for, outside this run, so
    the user and the connection are taken now."""
    user, con = state.user(), data.connection()

    def keep(ext: str, make) -> bytes:
        content = make()
        cur = con.cursor()
        try:
            approval.record_handout(cur, user, m.period.label, meeting.figures_frame(m, code), kommune=kommune,
                                    file_name=handouts.filename(m, ext, code), file_bytes=content, k=m.k)
        finally:
            cur.close()
        return content

    return keep


# --- the leaders' panel -------------------------------------------------------------------------


def panel(label: str, kommune: str | None, names: dict[str, str]) -> None:
    """Godkendelse: the periods' state, the areas' data freshness, approve/withdraw (leaders and
    admins), the period's snapshots and a comparison of one with today's figures."""
    user = state.user()
    lg = lang()
    st.header(t("Godkendelse"))
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done)
    st.caption(t("Byrådet ser en periodes tal, når en leder har godkendt dem, og ser de godkendte tal, også hvis data "
                 "rettes bagefter, til perioden godkendes igen. Hver godkendelse og hvert hentet mødeoplæg gemmes som "
                 "et øjebliksbillede."))
    view = data.fetch(approval.overview, kommune)
    view = view.assign(state=[_state_text(r, lg) for r in view.itertuples()],
                       period_name=[i18n.fmt_quarter(p, lg) for p in view.period],
                       approved_by=view.approved_by.fillna("–"), approved_at=_dates(view.approved_at, lg))
    st.subheader(t("Perioderne"))
    widgets.table(view, {"period_name": "Periode", "state": "Status", "approved_by": "Godkendt af",
                         "approved_at": "Godkendt", "written_since": "Data skrevet siden"},
                  name="godkendelser")
    st.caption(t("Er der skrevet data siden godkendelsen, står der øverst på siden, hvor mange af den valgte periodes "
                 "tal der er anderledes i dag; sammenligningen under Øjebliksbilleder viser hvilke."))

    st.subheader(t("Er data registreret?"))
    fresh = data.fetch(approval.freshness, user, kommune)
    quiet = fresh[fresh.this_month == 0]
    if len(quiet):
        st.warning(t("{n} af {total} områder har intet registreret i Lokal i denne måned: {names}.").format(
            n=len(quiet), total=len(fresh), names=", ".join(quiet.name.head(12)) + (" …" if len(quiet) > 12 else "")),
            icon=":material/event_busy:")
    fresh = fresh.assign(last_logged=_dates(fresh.last_logged, lg, t("aldrig i Lokal")),
                         last_activity=_dates(fresh.last_activity, lg))
    widgets.table(fresh, {"name": "Område", "last_logged": "Senest registreret", "this_month": "Registreringer i denne måned",
                          "last_activity": "Nyeste aktivitet"}, numbers={"this_month": 0}, name="datafriskhed")

    if access.can(user, access.APPROVE):
        _approve_form(label, kommune, names)
    _snapshots(label, kommune)


def _dates(values, lg: str, missing: str = "–") -> list[str]:
    """Dates as text (a column of only missing dates would show 'None' in the data grid)."""
    return [missing if v is None or v != v else i18n.fmt_date(v, lg) for v in values]


def _state_text(r, lg: str) -> str:
    if not r.approved:
        extra = t(" ({n} områder godkendt)").format(n=r.areas_approved) if r.areas_approved else ""
        return t("Ikke godkendt") + extra
    return t("Godkendt")


def _approve_form(label: str, kommune: str | None, names: dict[str, str]) -> None:
    lg = lang()
    user = state.user()
    st.subheader(t("Godkend {period}").format(period=i18n.fmt_quarter(label, lg)))
    scopes = {"": t("Hele kommunen"), **{c: n for c, n in names.items() if c != meeting.ALL}}
    scope = st.selectbox(t("Hvad godkendes"), list(scopes), format_func=lambda c: scopes[c], key="godkend.omfang")
    in_force = data.fetch(approval.current, kommune, label)
    now = in_force.get(scope)
    if now is not None:
        st.markdown(f":material/verified: {approval.approved_text(now, lg)}")
    figures = data.fetch(approval.live_figures, label, kommune)
    shown = figures if scope == "" else figures[figures.unit == scope]
    counts = shown.status.value_counts()
    k = data.fetch(release.threshold)
    lines = [t("{n} tal for {what} i {period}, beskyttet som byrådet ser dem: {shown} vises, {small} som <k og "
               "{hidden} skjult (x).").format(n=i18n.fmt_num(len(shown), 0, lg), what=scopes[scope],
                                            period=i18n.fmt_quarter(label, lg),
                                            shown=int(counts.get(suppress.SHOWN, 0)),
                                            small=int(counts.get(suppress.SMALL, 0)),
                                            hidden=int(counts.get(suppress.HIDDEN, 0))).replace("<k", f"<{k}"),
             t("Byrådet ser herefter disse tal for perioden, også hvis data rettes senere.")]
    if now is not None:
        diff = data.fetch(approval.changed_since, now)
        lines.append(t("{n} tal er anderledes end i den gældende godkendelse.").format(n=len(diff)))
    left, right, _ = st.columns([1, 1, 2])
    if left.button(t("Godkend"), type="primary", key="godkend.knap", icon=":material/verified:"):
        def act(cur, scope=scope):
            approval.approve(cur, user, label, kommune=kommune, area=scope or None)
            return t("{what} er godkendt for {period}.").format(what=scopes[scope],
                                                               period=i18n.fmt_quarter(label, lg))
        widgets.propose("godkend", t("Godkend {period}").format(period=i18n.fmt_quarter(label, lg)), lines, act,
                        done_key=DONE)
    if now is not None and right.button(t("Tilbagekald godkendelsen"), key="godkend.tilbage",
                                        icon=":material/undo:"):
        def undo(cur, a=now):
            approval.withdraw(cur, user, a.id, a.version)
            return t("Godkendelsen er tilbagekaldt.")
        widgets.propose("godkend", t("Tilbagekald godkendelsen"),
                        [approval.approved_text(now, lg),
                         t("Byrådet ser derefter ikke tallene for {what} i {period}, før de godkendes igen.").format(
                             what=scopes[scope], period=i18n.fmt_quarter(label, lg))], undo, done_key=DONE)
    widgets.confirm_box("godkend", confirm="Bekræft")


def _snapshots(label: str, kommune: str | None) -> None:
    lg = lang()
    user = state.user()
    st.subheader(t("Øjebliksbilleder af {period}").format(period=i18n.fmt_quarter(label, lg)))
    snaps = data.fetch(approval.snapshots, kommune, label)
    if snaps.empty:
        st.write(t("Ingen endnu: der gemmes et, når perioden godkendes, og når et mødeoplæg hentes."))
        return
    kinds = {approval.APPROVAL: t("Godkendelse"), approval.HANDOUT: t("Mødeoplæg")}
    snaps = snaps.assign(kind_name=snaps.kind.map(kinds),
                         what=[(f"{kinds[k]} · {n}" if isinstance(n, str) and n else kinds[k])
                               for k, n in zip(snaps.kind, snaps.file_name)])
    widgets.table(snaps, {"made_at": "Tidspunkt", "what": "Hvad", "made_by": "Af", "figures": "Tal"},
                  dates=("made_at",), numbers={"figures": 0}, name="oejebliksbilleder")
    choices = dict(zip(snaps.id, [f"{i18n.fmt_date(a, lg)} {pd.Timestamp(a):%H:%M} · {w}"
                                  for a, w in zip(snaps.made_at, snaps.what)]))
    sid = st.selectbox(t("Sammenlign et øjebliksbillede med i dag"), list(choices), format_func=lambda i: choices[i],
                       key="godkend.billede")
    diff = data.fetch(approval.compare_with_today, user, int(sid))
    if diff.empty:
        st.success(t("Tallene er de samme i dag."), icon=":material/check:")
    else:
        k = data.fetch(release.threshold)
        shown = diff.assign(
            name=[i18n.t(ind.get(i).name, lg) for i in diff.indicator],
            where=[n if isinstance(n, str) and n else i18n.t(u, lg) for n, u in zip(diff.unit_name, diff.unit)],
            before=[_label(v, i, s, k, lg) for v, i, s in zip(diff.value_before, diff.indicator, diff.status_before)],
            after=[_label(v, i, s, k, lg) for v, i, s in zip(diff.value_after, diff.indicator, diff.status_after)],
            offers=[t({"": "Alle tilbud", "kommunalt": "Kommunale tilbud",
                       "civilsamfund": "Civilsamfundsaktiviteter"}[c]) for c in diff.category])
        st.write(t("{n} tal er anderledes i dag:").format(n=i18n.fmt_num(len(diff), 0, lg)))
        widgets.table(shown, {"where": "Enhed", "offers": "Tilbud", "name": "Indikator", "before": "Dengang",
                              "after": "I dag"}, name="sammenligning")
    left, right = st.columns(2)
    kept = data.fetch(approval.snapshot_file, user, int(sid))
    if kept is not None:
        left.download_button(t("Hent mødeoplægget, som det blev hentet"), data=kept[1], file_name=kept[0],
                             icon=":material/download:", on_click="ignore", key="godkend.fil")
    right.download_button(t("Hent øjebliksbilledets tal (CSV)"), data=data.fetch(approval.snapshot_csv, user, int(sid)),
                          file_name=f"lokal-oejebliksbillede-{sid}.csv", mime="text/csv", icon=":material/download:",
                          on_click="ignore", key="godkend.csv")


def _label(value, indicator_id: str, status, k: int, lg: str) -> str:
    if not isinstance(status, str):
        return "–"
    return suppress.label(None if value != value else value, ind.get(indicator_id).kind, status, k, lg)
