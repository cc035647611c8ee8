"""English for the page Rekruttering and lokal.recruitment (issue 16): headers, sentences, definitions.

Merged into :mod:`lokal.i18n`'s catalogue; keys are the Danish texts, as everywhere.
"""

EN: dict[str, str] = {
    # page and links
    "Rekruttering: hvilke strategier og kanaler når målgruppen": "Recruitment: which strategies and channels reach "
                                                                 "the target group",
    "Rekruttering i området: strategier, kanaler og pris": "Recruitment in the area: strategies, channels and cost",
    "Udsnit": "Scope",
    "Hele kommunen": "The whole kommune",
    "Der er endnu intet afsluttet kalenderår at vise.": "There is no ended calendar year to show yet.",
    "Som byrådsmedlem ser du rekruttering for ét afsluttet kalenderår for hele kommunen og alle tilbud. Et antal "
    "under {k} vises som <{k}, og flere tal skjules (x), så et lille tal ikke kan regnes ud ved at trække rækker fra "
    "hinanden eller fra i alt.":
        "As a council member you see recruitment for one ended calendar year for the whole kommune and all offers. A "
        "count below {k} is shown as <{k}, and more figures are hidden (x), so that a small number cannot be worked "
        "out by subtracting rows from each other or from the total.",
    "Ingen henvendelser i perioden.": "No enquiries in the period.",
    "Civilsamfundsaktiviteter koster langt mindre pr. deltager end kommunale tilbud og rekrutteres mest åbent; vælg "
    "en tilbudstype i filtrene for at sammenligne strategierne inden for én slags tilbud.":
        "Civil-society activities cost far less per participant than municipal offers and mostly recruit openly; "
        "choose an offer category in the filters to compare the strategies within one kind of offer.",
    "Andel i målgruppen (40–60 år) pr. strategi": "Share in the target group (40–60) by strategy",
    "40–60-årige pr. 100.000 kr. pr. strategi": "40–60-year-olds per DKK 100,000 by strategy",
    "% af deltagerne": "% of participants",
    "deltagere 40–60 år pr. 100.000 kr.": "participants aged 40–60 per DKK 100,000",
    "Søjlerne viser værdien, stregerne 95 %-intervallet: Wilson for andele, Poisson for antal 40–60-årige pr. krone. "
    "Tallene står i tabellen nedenfor.":
        "The bars show the value, the lines the 95 % interval: Wilson for shares, Poisson for the number of "
        "40–60-year-olds per krone. The figures are in the table below.",
    "Strategier": "Strategies",
    "Åben: informationsmateriale via fagforeninger og boligforeninger. Afgrænset: temadage og informationsmøder. "
    "Målrettet: direkte sms eller telefon til borgere, der har vist interesse. Procenter med 95 %-interval (Wilson) "
    "i parentes.":
        "Open: information material through unions and housing associations. Limited: theme days and information "
        "meetings. Targeted: direct text message or phone call to citizens who showed interest. Percentages with "
        "their 95 % interval (Wilson) in brackets.",
    "Sammenligning af strategierne": "Comparing the strategies",
    "Målgruppen (40–60 år)": "The target group (40–60)",
    "40–60-årige pr. krone": "40–60-year-olds per krone",
    "Fra henvendelse til start": "From enquiry to start",
    "Gennemførelse": "Completion",
    "Forskellen mellem to andele har et 95 %-interval efter Newcombes metode (ud fra de to Wilson-intervaller); "
    "forholdet mellem to strategiers 40–60-årige pr. krone et interval ud fra de to antal (betinget binomialt). "
    "Rummer intervallet 0 (eller forholdet 1), kan strategierne ikke skelnes.":
        "The difference between two shares has a 95 % interval by Newcombe's method (from the two Wilson "
        "intervals); the ratio of two strategies' 40–60-year-olds per krone an interval from the two counts "
        "(conditional binomial). When the interval holds 0 (or the ratio 1), the strategies cannot be told apart.",
    "Kanaler": "Channels",
    "Kanalen er, hvor borgeren hørte om tilbuddet. En kanal har ingen pris for sig selv: prisen hører til "
    "tilbuddet, så tabellen over kanaler viser ingen priser.":
        "The channel is where the citizen heard of the offer. A channel has no cost of its own: the cost belongs to "
        "the offer, so the table of channels shows no costs.",
    "Tilbud uden pris": "Offers without a cost",
    "Alle tilbud med henvendelser i udsnittet har en pris.": "Every offer with enquiries in this scope has a cost.",
    "{n} tilbud har ingen pris. Deres deltagere tæller med i alt andet, men ikke i priserne pr. person:":
        "{n} offers have no cost. Their participants count in everything else, but not in the costs per person:",
    "Strategi": "Strategy",
    "Sådan regnes tallene": "How the figures are worked out",
    "- **Henvendelse**: en tilmelding på et tilbud, der blev holdt. Den tæller i perioden for sin henvendelsesdato "
    "(uden en: startdatoen), så hver henvendelse følges til start, gennemførelse og effekt.\n"
    "- **Deltager**: en henvendelse, der førte til en start.\n"
    "- **I målgruppen** og **mænd**: andel af deltagerne (ukendt alder eller køn tæller ikke med i tælleren).\n"
    "- **Bor i et fokusområde / et område med stort behov**: deltagerens bopælsområde (ellers tilbuddets) er "
    "fokusområde i perioden / har et sundhedsbehov (indeks) over 110.\n"
    "- **Gennemførte**: af deltagerne, hvor det vides; **effekt**: af deltagerne i tilbud med effektmål, hvor "
    "effekten er registreret. **Svartid**: dage fra henvendelse til start; god praksis er højst 3 dage.\n"
    "- **Pris**: et tilbuds pris deles ligeligt mellem alle, der startede på det; en strategis pris er summen "
    "over dens tilbud. Pris pr. deltager, pr. 40–60-årig, pr. gennemført og pr. positiv effekt regnes kun over "
    "tilbud med en pris; tilbud uden pris nævnes ovenfor. Kanaler har ingen pris.\n"
    "- **Intervaller**: 95 %; Wilson for andele, Newcombe for forskellen mellem to andele, Poisson for antal "
    "40–60-årige pr. krone.":
        "- **Enquiry**: an enrolment on an offer that was held. It counts in the period of its enquiry date "
        "(without one: its start date), so each enquiry is followed to its start, completion and outcome.\n"
        "- **Participant**: an enquiry that led to a start.\n"
        "- **In the target group** and **men**: share of the participants (an unknown age or sex does not count in "
        "the numerator).\n"
        "- **Lives in a focus area / a high-need area**: the participant's home area (else the offer's) is a focus "
        "area in the period / has a health need (index) above 110.\n"
        "- **Completed**: of the participants where it is known; **outcome**: of the participants in offers with "
        "an outcome measure whose outcome is recorded. **Response time**: days from enquiry to start; good practice "
        "is at most 3 days.\n"
        "- **Cost**: an offer's cost is shared equally by everyone who started on it; a strategy's cost is the sum "
        "over its offers. Cost per participant, per 40–60-year-old, per completer and per positive outcome are "
        "worked out over offers with a cost only; offers without a cost are named above. Channels have no cost.\n"
        "- **Intervals**: 95 %; Wilson for shares, Newcombe for the difference between two shares, Poisson for "
        "the number of 40–60-year-olds per krone.",
    # table headers (lokal.recruitment.COLUMNS)
    "Henvendelser": "Enquiries",
    "Antal deltagere": "Participants",
    "Startede": "Started",
    "I målgruppen (40–60 år)": "In the target group (40–60)",
    "Bor i et fokusområde": "Lives in a focus area",
    "Bor i et område med stort behov": "Lives in a high-need area",
    "Gennemførte": "Completed",
    "Svartid, median (dage)": "Response time, median (days)",
    "Startet inden for 3 dage": "Started within 3 days",
    "Pris pr. deltager (kr.)": "Cost per participant (DKK)",
    "Pris pr. deltager 40–60 år (kr.)": "Cost per participant aged 40–60 (DKK)",
    "Pris pr. gennemført (kr.)": "Cost per completer (DKK)",
    "Pris pr. positiv effekt (kr.)": "Cost per positive outcome (DKK)",
    "40–60-årige pr. 100.000 kr.": "40–60-year-olds per DKK 100,000",
    "I alt": "Total",
    "ukendt": "unknown",
    # sentences (lokal.recruitment.comparisons and answer)
    "andel i målgruppen (40–60 år)": "share in the target group (40–60)",
    "andel af henvendelserne, der startede": "share of enquiries that started",
    "gennemførelse": "completion",
    "{a} og {b} kan ikke sammenlignes på {what}: for få tal.": "{a} and {b} cannot be compared on {what}: too few "
                                                               "figures.",
    "{a} og {b} kan ikke skelnes på {what}: {pa} mod {pb} (forskel {d} procentpoint; 95 %-interval {lo} til {hi} "
    "rummer 0).":
        "{a} and {b} cannot be told apart on {what}: {pa} against {pb} (difference {d} percentage points; the 95 % "
        "interval {lo} to {hi} holds 0).",
    "{a} havde en større {what} end {b}: {pa} mod {pb} (forskel {d} procentpoint; 95 %-interval {lo} til {hi}).":
        "{a} had a larger {what} than {b}: {pa} against {pb} (difference {d} percentage points; 95 % interval {lo} "
        "to {hi}).",
    "{a} havde en mindre {what} end {b}: {pa} mod {pb} (forskel {d} procentpoint; 95 %-interval {lo} til {hi}).":
        "{a} had a smaller {what} than {b}: {pa} against {pb} (difference {d} percentage points; 95 % interval {lo} "
        "to {hi}).",
    "{a} og {b} kan ikke sammenlignes på 40–60-årige pr. krone: for få tal eller ingen pris.":
        "{a} and {b} cannot be compared on 40–60-year-olds per krone: too few figures or no cost.",
    "{a} gav flere 40–60-årige pr. krone end {b}: {pa} mod {pb} pr. 100.000 kr. (forhold {r}; 95 %-interval {lo} "
    "til {hi}).":
        "{a} brought more 40–60-year-olds per krone than {b}: {pa} against {pb} per DKK 100,000 (ratio {r}; 95 % "
        "interval {lo} to {hi}).",
    "{a} gav færre 40–60-årige pr. krone end {b}: {pa} mod {pb} pr. 100.000 kr. (forhold {r}; 95 %-interval {lo} "
    "til {hi}).":
        "{a} brought fewer 40–60-year-olds per krone than {b}: {pa} against {pb} per DKK 100,000 (ratio {r}; 95 % "
        "interval {lo} to {hi}).",
    "{a} og {b} kan ikke skelnes på 40–60-årige pr. krone: {pa} mod {pb} pr. 100.000 kr. (forhold {r}; "
    "95 %-interval {lo} til {hi} rummer 1).":
        "{a} and {b} cannot be told apart on 40–60-year-olds per krone: {pa} against {pb} per DKK 100,000 (ratio "
        "{r}; the 95 % interval {lo} to {hi} holds 1).",
    "Flest 40–60-årige pr. krone: {s} med {n} pr. 100.000 kr. (95 %-interval {lo}–{hi}); {c} af deltagerne "
    "gennemførte, og en deltager på 40–60 år kostede {k} kr.":
        "Most 40–60-year-olds per krone: {s} with {n} per DKK 100,000 (95 % interval {lo}–{hi}); {c} of the "
        "participants completed, and a participant aged 40–60 cost DKK {k}.",
    # the registry's new indicators (lokal.indicators): kind name
    "pris pr. person": "cost per person",
}
