"""English for approval, snapshots and data freshness (issue 17): Møde's approval line and panel,
the council's notice for a period not yet approved.

Merged into :mod:`lokal.i18n`'s catalogue; keys are the Danish texts, as everywhere.
"""

EN: dict[str, str] = {
    "Godkendelse": "Approval",
    "Byrådet ser en periodes tal, når en leder har godkendt dem, og ser de godkendte tal, også hvis data rettes "
    "bagefter, til perioden godkendes igen. Hver godkendelse og hvert hentet mødeoplæg gemmes som et "
    "øjebliksbillede.":
        "The council sees a period's figures once a leader has approved them, and keeps seeing the approved figures, "
        "also if data are corrected afterwards, until the period is approved again. Every approval and every "
        "downloaded handout is kept as a snapshot.",
    "Perioderne": "The periods",
    "Er data registreret?": "Has data been logged?",
    "Godkendt": "Approved",
    "Ikke godkendt": "Not approved",
    "ikke godkendt": "not approved",
    "ændret efter godkendelse": "changed after approval",
    "Godkendt af": "Approved by",
    "Data skrevet siden": "Data written since",
    "Er der skrevet data siden godkendelsen, står der øverst på siden, hvor mange af den valgte periodes tal der er "
    "anderledes i dag; sammenligningen under Øjebliksbilleder viser hvilke.": "If data were written after the "
    "approval, the top of the page says how many of the chosen period's figures are different today; the comparison "
    "under Snapshots shows which.",
    "Hent øjebliksbilledets tal (CSV)": "Download the snapshot's figures (CSV)",
    "Senest registreret": "Last logged",
    "Registreringer i denne måned": "Entries this month",
    "Nyeste aktivitet": "Newest activity",
    "aldrig i Lokal": "never in Lokal",
    "Hvad godkendes": "What is approved",
    "Godkend": "Approve",
    "Godkend {period}": "Approve {period}",
    "Bekræft": "Confirm",
    "Byrådet ser herefter disse tal for perioden, også hvis data rettes senere.":
        "The council then sees these figures for the period, also if data are corrected later.",
    "{n} tal for {what} i {period}, beskyttet som byrådet ser dem: {shown} vises, {small} som <k og {hidden} skjult "
    "(x).": "{n} figures for {what} in {period}, protected as the council sees them: {shown} shown, {small} as <k and "
            "{hidden} hidden (x).",
    "{n} tal er anderledes end i den gældende godkendelse.": "{n} figures differ from the approval in force.",
    "{what} er godkendt for {period}.": "{what} is approved for {period}.",
    "Tilbagekald godkendelsen": "Withdraw the approval",
    "Godkendelsen er tilbagekaldt.": "The approval is withdrawn.",
    "Byrådet ser derefter ikke tallene for {what} i {period}, før de godkendes igen.":
        "The council then does not see the figures for {what} in {period} until they are approved again.",
    " ({n} områder godkendt)": " ({n} areas approved)",
    "{n} af {total} områder har intet registreret i Lokal i denne måned: {names}.":
        "{n} of {total} areas have logged nothing in Lokal this month: {names}.",
    "Øjebliksbilleder af {period}": "Snapshots of {period}",
    "Ingen endnu: der gemmes et, når perioden godkendes, og når et mødeoplæg hentes.":
        "None yet: one is kept when the period is approved and when a handout is downloaded.",
    "Tidspunkt": "Time",
    "Hvad": "What",
    "Af": "By",
    "Tal": "Figures",
    "Mødeoplæg": "Handout",
    "Sammenlign et øjebliksbillede med i dag": "Compare a snapshot with today",
    "Tallene er de samme i dag.": "The figures are the same today.",
    "{n} tal er anderledes i dag:": "{n} figures are different today:",
    "Dengang": "Then",
    "I dag": "Today",
    "Hent mødeoplægget, som det blev hentet": "Download the handout as it was downloaded",
    "Tallene for {period} er ikke godkendt endnu. Byrådet ser en periodes tal, når en leder har godkendt dem. Vælg "
    "en godkendt periode i menuen til venstre.":
        "The figures for {period} are not approved yet. The council sees a period's figures once a leader has "
        "approved them. Choose an approved period in the menu on the left.",
    "Byrådet ser ikke tallene, før en leder har godkendt perioden (se Godkendelse nederst).":
        "The council does not see the figures until a leader has approved the period (see Approval at the bottom).",
    "Ændret efter godkendelse: {n} tal er anderledes i dag. Byrådet ser stadig de godkendte tal, til perioden er "
    "godkendt igen.": "Changed after approval: {n} figures are different today. The council still sees the approved "
                      "figures until the period is approved again.",
}
