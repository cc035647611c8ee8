"""English for the texts of the council-chamber work (issue 15): verdicts in colour and symbol, the
method links, print and phone layouts, the accessibility statement. Merged into lokal.i18n.EN."""

EN: dict[str, str] = {
    "Farven og tegnet viser, om området ligger bedre (▲), som (=) eller dårligere (▼) end kommunen – mere "
    "end tilfældig variation kan forklare. Tallet er områdets værdi. Et antal sammenlignes med det antal, "
    "områdets størrelse ville give (kommunens antal fordelt efter voksne); det står, når du peger på feltet, "
    "og i tabellen under. –: ingen data.":
        "Colour and symbol show whether the area is better (▲), similar (=) or worse (▼) than the kommune – "
        "by more than chance variation can explain. The number is the area's value. A count is compared with "
        "the count the area's size would give (the kommune's count shared out by adults); it is shown when you "
        "point at the cell, and in the table below. –: no data.",
    "ventet ud fra områdets størrelse": "expected from the area's size",
    "Ventet ud fra områdets størrelse": "Expected from the area's size",
    "kommunen i alt": "the kommune in total",
    "Sådan er det beregnet": "How it is calculated",
    "Effekten er regnet af dem, der var tilmeldt et tilbud med effektmål.":
        "The outcome is counted of those enrolled in an offer with an outcome measure.",
    "Farveinddeling": "Colour classes",
    "Lige mange områder i hver farve": "As many areas in each colour",
    "Lige brede intervaller": "Equally wide intervals",
    "Mødesteder vises som sorte prikker med hvid kant.": "Venues are shown as black dots with a white rim.",
    "Navnene står på kortet, hvor der er plads; hold musen over et område for dets værdi, klik for at åbne det. "
    "Tabellen under kortet har alle områder.":
        "Names are written on the map where they fit; point at an area for its value, click to open it. "
        "The table below the map has every area.",
    "Navnene står på kortet, hvor der er plads; hold musen over et område for dets værdi. Tabellen under "
    "kortet har alle områder.":
        "Names are written on the map where they fit; point at an area for its value. The table below the map "
        "has every area.",
    "Teknisk navn (i links og import)": "Technical name (in links and imports)",
    "Tilgængelighedserklæring": "Accessibility statement",
    "Tilmeldt tilbud med effektmål": "Enrolled in offers with an outcome measure",
    "del af året": "part of the year",
    "{year} er ikke slut: søjlen viser året til og med {date} mod hele årets mål.":
        "{year} is not over: the bar shows the year up to {date} against the whole year's target.",
}
