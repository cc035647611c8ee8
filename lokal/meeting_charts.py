"""The meeting's tables and charts: the table of every area and the capacity bar charts (page and handouts).

Pure builders from the protected meeting model (:mod:`lokal.meeting`): no Streamlit, no SQL.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lokal import charts, i18n, views
from lokal import indicators as ind
from lokal.meeting import (
    CAPACITIES,
    CARD_IDS,
    CURRENT_COLOR,
    HEADLINE,
    OUTLINE,
    PREVIOUS_COLOR,
    Meeting,
    Unit,
    _target_label,
    _w,
    previous_text,
    unit_name,
    value_label,
)


def area_table(m: Meeting, lang: str = "da") -> pd.DataFrame:
    """Every area and the total as rows, the headline indicators as columns, protected labels as cells."""
    rows = []
    for u in (*m.areas, m.summary):
        row = {"Område" if lang == "da" else "Area": unit_name(m, u, lang)}
        for i in CARD_IDS:
            row[ind.get(i).name(lang)] = value_label(m, u.numbers[i], lang)
        rows.append(row)
    return pd.DataFrame(rows)


# Where the long compounds in the headline names may break in a narrow chart label.
_BREAKS = {"civilsamfundsaktiviteter": "civilsamfunds-|aktiviteter", "vidensaktiviteter": "videns-|aktiviteter",
           "sundhedstilbud": "sundheds-|tilbud", "frontpersonale": "front-|personale"}


def _wrap(text: str, width: int = 18) -> str:
    """A chart label in lines of about ``width`` characters; a long compound breaks at its joint."""
    words, lines, line = [], [], ""
    for word in text.split():
        hint = _BREAKS.get(word.lower()) if len(word) > width else None
        if hint:
            cut = hint.index("|")
            words += [word[:cut - 1] + "-\0", word[cut - 1:]]
        else:
            words.append(word)
    for word in words:
        if line and (line.endswith("\0") or len(line) + 1 + len(word) > width):
            lines.append(line.removesuffix("\0"))
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line.removesuffix("\0"))
    return "<br>".join(lines)


def _bars(m: Meeting, unit: Unit, group: str, lang: str, axis: str = "", wrap: int = 18) -> list[dict]:
    """Previous period, this period and the target for a group's headline indicators (trace dicts)."""
    w = _w(lang)
    ids = HEADLINE[group]
    x = [_wrap(ind.get(i).name(lang), wrap) for i in ids]
    where = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
    traces = []
    nums = [unit.numbers[i] for i in ids]
    top = max([1.0, *(v for n in nums for v in (n.previous, n.value, n.target) if v is not None)])
    for previous, name, colour in ((True, w["previous"], PREVIOUS_COLOR), (False, w["current"], CURRENT_COLOR)):
        values = [(n.previous if previous else n.value) for n in nums]
        # A tall bar carries its number inside, so a target line just above it does not cover the number.
        where_text = ["inside" if v is not None and v >= 0.2 * top else "outside" for v in values]
        traces.append({
            "type": "bar", "x": x, "y": [0 if v is None else v for v in values], "name": name,
            "text": [value_label(m, n, lang, previous=previous) for n in nums], "textposition": where_text,
            "insidetextanchor": "end", "insidetextfont": {"color": "#111111" if previous else "#FFFFFF"},
            "cliponaxis": False, "marker": {"color": colour, "line": {"color": OUTLINE, "width": 1.5}},
            "hovertemplate": "%{x}<br>" + name + ": %{text}<extra></extra>", "legendgroup": name, **where,
        })
    targets = [unit.numbers[i].target for i in ids]
    if any(t is not None for t in targets):
        traces.append({
            "type": "scatter", "x": x, "y": targets, "mode": "markers", "name": w["target_name"],
            "legendgroup": "target", "marker": {"symbol": "line-ew", "size": 30, "line": {"color": "#000000", "width": 3}},
            "hovertemplate": "%{x}<br>" + w["target_name"] + ": %{y}<extra></extra>", **where,
        })
    return traces


def _top(traces: list[dict]) -> float:
    """The highest bar or target, so that the value labels above the bars fit."""
    return max([1.0, *(v for t in traces for v in t["y"] if v is not None)])


_AXIS = {"gridcolor": "#E5E5E5", "linecolor": "#444444", "zerolinecolor": "#444444", "automargin": True,
         "tickfont": {"color": "#222222"}}


def count_step(top: float) -> int:
    """A whole-number tick step for a count axis up to ``top`` (1, 2, 5, 10, 20, …): no 0,5 persons."""
    step = 1
    while top / step > 6:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


def _layout(lang: str, height: int, top: float, axes: int = 1, font_size: int = charts.FONT_SIZE) -> dict:
    """Plain layout dicts (no template lookup), so a handout image needs no plotly validation.

    The y axes count persons or activities, so their ticks are whole numbers (:func:`count_step`).
    """
    layout = {
        "paper_bgcolor": "#FFFFFF", "plot_bgcolor": "#FFFFFF", "separators": ",." if lang == "da" else ".,",
        "font": {"size": font_size, "color": "#222222", "family": "DejaVu Sans, Arial, sans-serif"},
        "height": height, "margin": {"l": 10, "r": 10, "t": 60, "b": 10}, "barmode": "group", "bargap": 0.35,
        "legend": {"orientation": "h", "yref": "container", "y": 1, "yanchor": "top", "x": 0, "xanchor": "left"},
    }
    gap = 0.06
    width = (1 - gap * (axes - 1)) / axes
    for n in range(axes):
        suffix = "" if n == 0 else str(n + 1)
        start = n * (width + gap)
        layout[f"xaxis{suffix}"] = {**_AXIS, "domain": [start, start + width], "anchor": f"y{suffix}",
                                    "type": "category", "showgrid": False}
        layout[f"yaxis{suffix}"] = {**_AXIS, "anchor": f"x{suffix}", "range": [0, top * 1.3],
                                    "tickmode": "linear", "tick0": 0, "dtick": count_step(top * 1.3),
                                    "tickformat": "d",
                                    "title": {"text": _w(lang)["count"]} if n == 0 else {}}
    return layout


def capacity_figure(m: Meeting, unit: Unit, group: str, lang: str = "da") -> go.Figure:
    """One capacity: its headline numbers this period beside the previous period and the target."""
    traces = _bars(m, unit, group, lang, wrap=12)  # three charts side by side: short lines, never turned
    layout = _layout(lang, 330, _top(traces))
    layout["xaxis"] = {**layout["xaxis"], "tickangle": 0}
    return go.Figure(data=traces, layout=layout)


def capacity_text(m: Meeting, unit: Unit, group: str, lang: str = "da") -> str:
    """The chart's content as one line of text (its text alternative)."""
    w = _w(lang)
    when = previous_text(m.period, lang)
    parts = []
    for i in HEADLINE[group]:
        n = unit.numbers[i]
        s = f"{ind.get(i).name(lang)}: {value_label(m, n, lang)} ({when}: {value_label(m, n, lang, previous=True)}"
        if n.target is not None:
            s += f"; {w['target_name'].lower()}: {_target_label(n, lang)}"
        parts.append(s + ")")
    return " · ".join(parts)


def handout_spec(m: Meeting, unit: Unit, lang: str = "da", *, width: int = 1500, height: int = 420,
                 font_size: int = charts.FONT_SIZE, wrap: int = 18, stacked: bool = False) -> dict:
    """The three capacity charts as one plotly figure dict (one image per page or slide).

    Side by side, or ``stacked`` one above the other (for a portrait page). ``width`` × ``height``
    is the layout size in CSS pixels and ``font_size`` the smallest text in it: the handouts choose
    them so that the text has a readable size where the image is printed or projected
    (:mod:`lokal.handouts`). Built as plain dicts: plotly's figure validation costs more than the
    image itself.
    """
    traces = []
    for n, group in enumerate(CAPACITIES):
        for trace in _bars(m, unit, group, lang, axis="" if n == 0 else str(n + 1), wrap=wrap):
            trace["showlegend"] = n == 0
            trace["textfont"] = {"size": font_size}
            traces.append(trace)
    layout = _layout(lang, height, _top(traces), axes=len(CAPACITIES), font_size=font_size)
    layout["width"] = width
    for key in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        layout[key] = {**layout[key], "tickfont": {**_AXIS["tickfont"], "size": font_size}, "tickangle": 0}
    layout["legend"]["font"] = {"size": font_size}
    layout["margin"]["t"] = 60 + 2.4 * font_size
    title_font = {"size": round(font_size * 1.15)}
    if stacked:
        # Rows from the top, with a gap for each row's labels below it and the next row's title.
        gap, rows = 0.16, len(CAPACITIES)
        tall = (1 - gap * (rows - 1)) / rows
        for n in range(rows):
            suffix = "" if n == 0 else str(n + 1)
            top = 1 - n * (tall + gap)
            layout[f"xaxis{suffix}"]["domain"] = [0, 1]
            layout[f"yaxis{suffix}"]["domain"] = [top - tall, top]
            layout[f"yaxis{suffix}"]["title"] = {"text": _w(lang)["count"]}
        layout["margin"]["t"] = 40 + 2.4 * font_size
        layout["annotations"] = [
            {"text": f"<b>{i18n.t(views.GROUP_NAMES[g], lang)}</b>", "xref": "paper", "yref": "paper", "x": 0,
             "y": layout["yaxis" + ("" if n == 0 else str(n + 1))]["domain"][1], "yshift": 6,
             "xanchor": "left", "yanchor": "bottom", "showarrow": False, "font": title_font}
            for n, g in enumerate(CAPACITIES)
        ]
        return {"data": traces, "layout": layout}
    layout["annotations"] = [
        {"text": f"<b>{i18n.t(views.GROUP_NAMES[g], lang)}</b>", "xref": "paper", "yref": "paper",
         "x": sum(layout["xaxis" + ("" if n == 0 else str(n + 1))]["domain"]) / 2, "y": 1.0, "yshift": 10,
         "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": title_font}
        for n, g in enumerate(CAPACITIES)
    ]
    return {"data": traces, "layout": layout}


def handout_figure(m: Meeting, unit: Unit, lang: str = "da") -> go.Figure:
    """:func:`handout_spec` as a plotly figure."""
    return go.Figure(handout_spec(m, unit, lang))
