"""English for the texts of the council-chamber work (issue 15): verdicts in colour and symbol, the
method links, print and phone layouts, the accessibility statement. Merged into lokal.i18n.EN."""

EN: dict[str, str] = {
    "Farven og tegnet viser, om området ligger bedre (▲), som (=) eller dårligere (▼) end kommunen – mere "
    "end tilfældig variation kan forklare. Tallet er områdets værdi. Et antal sammenlignes med det antal, "
    "områdets størrelse ville give (kommunens antal fordelt efter voksne); det står, når du peger på feltet, "
    "og i tabellen under.":
        "Colour and symbol show whether the area is better (▲), similar (=) or worse (▼) than the kommune – "
        "by more than chance variation can explain. The number is the area's value. A count is compared with "
        "the count the area's size would give (the kommune's count shared out by adults); it is shown when you "
        "point at the cell, and in the table below.",
    "ventet ud fra områdets størrelse": "expected from the area's size",
    "Ventet ud fra områdets størrelse": "Expected from the area's size",
    "kommunen i alt": "the kommune in total",
    "Sådan er det beregnet": "How it is calculated",
}
