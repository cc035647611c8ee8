"""English for the evaluation of health profiles (issue 16): Område's and Møde's section and the
profile import's respondents. The evaluation's own sentences carry both languages
(:mod:`lokal.evaluation`); keys are the Danish texts, as everywhere."""

EN: dict[str, str] = {
    "Evaluering: sundhed før og efter fokusperioden": "Evaluation: health before and after the focus period",
    "Sundhed før og efter fokusperioden": "Health before and after the focus period",
    "Området er ikke et fokusområde; evalueringen sammenligner et fokusområdes sundhedsprofil før og efter "
    "fokusperioden med andre områder.":
        "The area is not a focus area; the evaluation compares a focus area's health profile before and after its "
        "focus period with other areas.",
    "Sammenligningsområder": "Comparison areas",
    "Som standard kommunens områder uden fokusperiode i samme tidsrum.":
        "By default the kommune's areas without a focus period at the same time.",
    "Sammenlignet med": "Compared with",
    "De øvrige målinger i sætninger": "The other measures in sentences",
    "Forskel i forskelle (pp.)": "Difference-in-differences (pp)",
    "Punktet er forskellen mellem fokus og sammenligning i ændringen; stregen er 95 %-intervallet. Til venstre for "
    "0: andelen faldt mere i fokus (bedre, når målingen er bedst lav; for beskæftigelse er højre bedre).":
        "The dot is the difference between focus and comparison in the change; the line is the 95% interval. Left "
        "of 0: the share fell more in the focus areas (better when the measure is best low; for employment, right "
        "is better).",
    "Sådan er det beregnet": "How it is computed",
    "Antal svarpersoner (valgfrit): en kolonne 'svarpersoner' gælder alle rækkens sundhedsmål, eller én pr. mål "
    "('dagligrygning svarpersoner'). Uden dem viser evalueringen på Område og Møde ændringerne uden et "
    "95 %-interval.":
        "Number of respondents (optional): a column 'svarpersoner' applies to every health measure of the row, or one "
        "per measure ('dagligrygning svarpersoner'). Without them the evaluation on Area and Meeting shows the "
        "changes without a 95% interval.",
    # lokal/population.py: the respondents column of the profile import
    "'{value}' er ikke et antal svarpersoner; skriv et helt tal på mindst 1 (eller lad feltet stå tomt)":
        "'{value}' is not a number of respondents; write a whole number of at least 1 (or leave the cell empty)",
}
