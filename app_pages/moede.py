"""Møde: a calm view of one area or all areas for a council meeting, with PDF and PowerPoint handouts.

Every person number on this page is the council's release (lokal.release): protected together with
every other table the council can open.
"""

import html

import streamlit as st

from lokal import access, approval, handouts, i18n, meeting, meeting_charts, queries, release, views
from lokal.ui import approval as approval_ui
from lokal.ui import data, health, interpretations, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
state.keep_only_params(["omraade", "periode", "visning"])
lg = lang()
if info["is_empty"]:
    st.title(t("Møde"))
    widgets.empty_state()
    st.stop()

options = data.fetch(release.labels)  # the council's published periods
if not options:
    st.title(t("Møde"))
    st.info(t(widgets.NO_PUBLISHED_PERIOD), icon=":material/shield:")
    st.stop()
areas = views.in_kommune(data.fetch(queries.areas), filters.kommune)
if filters.focus_only:
    areas = areas[areas.is_focus]
names = {meeting.ALL: t("Fokusområderne") if filters.focus_only else t("Alle områder"),
         **dict(zip(areas.code, areas.name))}

head, c_area, c_period, c_view = st.columns([2, 2, 2, 2], vertical_alignment="bottom")
with head:
    st.title(t("Møde"))
with c_area:
    code = state.persistent(st.selectbox, t("Område"), list(names), key="moede.omraade", param="omraade",
                            default=meeting.ALL, format_func=lambda c: names[c])
with c_period:
    # A council member's period is the sidebar's (one ended quarter or year): the two pickers share it.
    council = access.sees_release_only(state.user())
    approved = set(data.fetch(approval.approved_labels, filters.kommune))
    label = state.persistent(st.selectbox, t("Periode"), options, key="filter.periode" if council else "moede.periode",
                             param=None if council else "periode", widget_key="_w.moede.periode",
                             default=meeting.default_period([p for p in options if p in approved] or options,
                                                            info["data_date"]),
                             format_func=lambda p: state.period_choice(p, approved))
with c_view:
    view = state.persistent(st.radio, t("Visning"), ["normal", "praesentation"], key="moede.visning",
                            param="visning", horizontal=True,
                            format_func=lambda v: i18n.t({"normal": "Normal", "praesentation": "Præsentation"}[v], lg))

if view == "praesentation":
    # For the projector: no sidebar or toolbar, less white space. The radio above switches back.
    st.markdown(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stHeader']{display:none}"
        "[data-testid='stMainBlockContainer']{padding-top:1rem;padding-bottom:1rem;max-width:100%}</style>",
        unsafe_allow_html=True,
    )

# The council sees the figures as a leader approved them; others see those too, or today's as a draft.
m = data.fetch(meeting.build, label, focus_only=filters.focus_only, category=filters.category, kommune=filters.kommune,
               figures="approved" if council else "preferred")
unit = m.unit(code)
if council and m.approvals.get(code) is None:
    st.info(t("Tallene for {period} er ikke godkendt endnu. Byrådet ser en periodes tal, når en leder har godkendt "
              "dem. Vælg en godkendt periode i menuen til venstre.").format(period=i18n.fmt_quarter(label, lg)),
            icon=":material/hourglass_top:")
    st.stop()
approval_ui.meeting_line(m, code, filters.kommune)
st.markdown(f"**{html.escape(meeting.unit_name(m, unit, lg))}** · {meeting.period_text(m.period, lg)} · "
            f"{meeting.comparison_text(m, lg)}")

# --- The key view: big numbers with arrows against the previous period and the target --------
sections = []
for group in meeting.GROUPS:
    cards = []
    for indicator_id in meeting.HEADLINE[group]:
        c = meeting.card(m, unit.numbers[indicator_id], lg)
        lines = ""
        for text, tone in ((c["change"], c["change_tone"]), (c["target"], c["target_tone"])):
            if not text:
                continue
            symbol, _, rest = text.partition(" ")
            if symbol in ("▲", "▼", "="):
                text = f"<span aria-hidden='true'>{symbol}</span> {html.escape(rest)}"
            else:
                text = html.escape(text)
            lines += f"<div style='font-size:.9rem;line-height:1.3;color:{meeting.TONE_COLORS[tone]}'>{text}</div>"
        cards.append(
            "<div style='border:1px solid #8A9199;border-radius:.5rem;padding:.45rem .7rem;margin-top:.4rem'>"
            f"<div style='font-size:.95rem;line-height:1.2;min-height:2.4em;color:#1A1A1A'>{html.escape(c['label'])}"
            "</div><div style='font-size:2.5rem;font-weight:700;line-height:1.15;color:#111111'>"
            f"{html.escape(c['value'])} <span style='font-size:.85rem;font-weight:400;color:#404040'>"
            f"{html.escape(c['unit']) if c['unit'] != '%' else ''}</span></div>{lines}</div>"
        )
    sections.append(
        f"<section aria-label='{html.escape(t(views.GROUP_NAMES[group]))}'>"
        f"<h2 style='font-size:1.1rem;padding:0;margin:0'>{html.escape(t(views.GROUP_NAMES[group]))}</h2>"
        + "".join(cards) + "</section>"
    )
# Four columns on a projector or desktop, two on a tablet, one on a phone (a council member opens
# Møde on a phone under the table): the cards never squeeze a word or a number apart.
st.markdown(
    "<style>.lokal-cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:1rem}"
    "@media (max-width:1100px){.lokal-cards{grid-template-columns:repeat(2,minmax(0,1fr))}}"
    "@media (max-width:640px){.lokal-cards{grid-template-columns:minmax(0,1fr)}}</style>"
    "<div class='lokal-cards'>" + "".join(sections) + "</div>",
    unsafe_allow_html=True,
)
st.caption(meeting.legend_text(m, lg))

# --- In short: sentences generated from the same numbers -----------------------------------
st.header(t("Kort fortalt"))
st.markdown("\n".join(f"- {s}" for s in meeting.sentences(m, unit, lg)))
notes = interpretations.show_meeting(code, areas, label, all_code=meeting.ALL)  # also for the handouts

# --- One chart per capacity, each with its figures as text beside it ------------------------
st.header(t("De tre kapaciteter"))
for col, group in zip(st.columns(len(meeting.CAPACITIES)), meeting.CAPACITIES):
    with col:
        st.subheader(t(views.GROUP_NAMES[group]))
        st.plotly_chart(meeting_charts.capacity_figure(m, unit, group, lg), config={"displayModeBar": False},
                        key=f"moede-{group}")
        st.caption(meeting_charts.capacity_text(m, unit, group, lg))

# --- Health before and after the focus period (survey shares, not person counts) -------------
st.header(t("Sundhed før og efter fokusperioden"))
if code in m.health:
    health.show(m.health[code], key="moede-evaluering")
else:
    st.write(t("Området er ikke et fokusområde; evalueringen sammenligner et fokusområdes sundhedsprofil før og "
               "efter fokusperioden med andre områder."))

if code == meeting.ALL and m.areas:
    st.header(t("Områderne i tal"))
    # A data grid, not st.table: the wide static table scrolls sideways without keyboard access (axe).
    st.dataframe(meeting_charts.area_table(m, lg), hide_index=True)

# --- Handouts -------------------------------------------------------------------------------
st.header(t("Mødeoplæg"))
st.caption(t("PDF og PowerPoint med det, der vises her; for alle områder med en side pr. område. "
             "Det tager lidt tid at tegne diagrammerne."))
left, right, _ = st.columns([1, 1, 2])
keep = approval_ui.keeper(m, code, filters.kommune)  # each downloaded handout is kept as a snapshot
with left:
    st.download_button(t("Hent PDF"), data=lambda: keep("pdf", lambda: handouts.pdf(m, lg, code, notes=notes)),
                       file_name=handouts.filename(m, "pdf", code),
                       mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore")
with right:
    st.download_button(t("Hent PowerPoint"), data=lambda: keep("pptx", lambda: handouts.pptx(m, lg, code, notes=notes)),
                       file_name=handouts.filename(m, "pptx", code),
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       icon=":material/slideshow:", on_click="ignore")

if not council:  # leaders approve the period here; coordinators see what is approved and what changed
    approval_ui.panel(label, filters.kommune, names)
