"""Tilbudsoversigt: what runs in an area, or the kommune, now and in the coming months, with whom to call.

For GPs and frontline staff who refer citizens, and for every role: offers and staff or organisation
contacts only, no person data about participants. The printable A4 PDF holds the same.
"""

from datetime import date

import streamlit as st

from lokal import access, directory_pdf, queries, views
from lokal import directory as dr
from lokal.ui import data, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
state.keep_only_params(["omraade", "vindue"])
lg = lang()
st.title(t("Tilbudsoversigt"))
if info["is_empty"]:
    widgets.empty_state()
    st.stop()


def md(text: str | None) -> str:
    """Recorded text shown as plain text in markdown (no emphasis, links or formulas from its characters)."""
    out = str(text or "")
    for ch in "\\`*_[]<>#|$~":
        out = out.replace(ch, "\\" + ch)
    return out


areas = views.in_kommune(data.fetch(queries.areas), filters.kommune)
names = {dr.ALL: t("Hele kommunen"), **dict(zip(areas.code, areas.name))}
day = data.fetch(dr.reference_day, date.today())
c_area, c_window = st.columns(2)
with c_area:
    code = state.persistent(st.selectbox, t("Område"), list(names), key="tilbud.omraade", param="omraade",
                            default=dr.ALL, format_func=lambda c: names.get(c, c))
with c_window:
    choice = state.persistent(st.selectbox, t("Periode"), list(dr.WINDOWS), key="tilbud.vindue", param="vindue",
                              default=dr.DEFAULT_WINDOW, format_func=lambda c: dr.window_choice_text(c, day, lg))
if code not in names:
    code = dr.ALL
window = dr.window(choice, day)
d = data.fetch(dr.build, window, code, filters.kommune, filters.category)  # the sidebar's offer category too

st.markdown(f"**{md(dr.title(d, lg))}** · {dr.window_text(window, lg)}")
st.caption(t("Sundhedstilbud og lokale aktiviteter, som borgere kan henvises til eller selv møde op til: det, der "
             "kører nu, og det, der starter i perioden. Aflyste og udskudte tilbud vises ikke (et udskudt tilbud "
             "har ingen dato at henvise til). Oversigten rummer ingen oplysninger om deltagere."))
st.download_button(t("Hent PDF til udskrift"), data=lambda: directory_pdf.pdf(d, lg), file_name=dr.filename(d),
                   mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore",
                   help=t("A4 til lægen, personalemødet eller opslagstavlen; én side pr. område, når der er plads."))


def offer_card(o: dr.Offer) -> None:
    with st.container(border=True):
        lines = [f"**{md(o.title)}**", md(dr.line_text(o, lg))]
        for label, value in ((t("Sted:"), dr.venue_text(o)), (t("For hvem:"), o.target_group),
                             (t("Tilmelding og henvisning:"), o.signup_text), (t("Arrangør:"), o.partner_name)):
            if value:
                lines.append(f"**{label}** {md(value)}")
        st.markdown("  \n".join(lines))


def area_view(a: dr.AreaDirectory) -> None:
    if not a.offers:
        st.info(t("Ingen tilbud i perioden i {area}. Vælg en længere periode, eller kontakt koordinatoren for at "
                  "høre om kommende tilbud.").format(area=a.name), icon=":material/event_busy:")
    for label, offers in ((t("Kører nu"), a.current), (t("Starter i perioden"), a.upcoming)):
        if offers:
            st.markdown(f"#### {label}")
            for o in offers:
                offer_card(o)
    st.markdown(f"#### {t('Kontakter')}")
    if a.contacts:
        st.markdown("\n".join(f"- **{md(dr.contact_who(c, lg))}:** {md(dr.contact_how(c)) or '–'}"
                              for c in a.contacts))
    else:
        st.caption(t("Området har ingen kontaktpersoner registreret endnu."))


if code != dr.ALL:
    if d.areas:
        area_view(d.areas[0])
elif not d.with_offers:
    st.info(t("Ingen tilbud i perioden. Vælg en længere periode."), icon=":material/event_busy:")
else:
    st.caption(t("{n} tilbud i {k} områder. Åbn et område for at se tilbuddene og kontakterne.").format(
        n=d.offer_count, k=len(d.with_offers)))
    for a in d.with_offers:
        count = t("1 tilbud") if len(a.offers) == 1 else t("{n} tilbud").format(n=len(a.offers))
        if a.upcoming:
            count += ", " + t("{n} starter i perioden").format(n=len(a.upcoming))
        with st.expander(f"{a.name} · {count}"):
            area_view(a)
    if d.without_offers:
        st.caption(t("Områder uden tilbud i perioden: {names}.").format(names=", ".join(a.name for a in d.without_offers)))

if access.can(state.user(), access.RECORD):
    st.caption(":material/edit_note: " + t(
        "Kontakterne er medarbejdere og frivillige i kommunen og foreningerne — aldrig deltagere. Områdets "
        "koordinator rettes i Aktivitetslog under fanen »Kontakter«, kontaktpersonen hos en lokal aktør under »Ret "
        "eller slet« (Lokale aktører), og tilbuddenes adresse, tidspunkt, målgruppe og tilmelding under »Ret eller slet« "
        "(Tilbud og aktiviteter)."))
