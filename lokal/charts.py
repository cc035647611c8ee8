"""Plotly figures for Lokal as pure builders: data frame in, ``go.Figure`` out.

House rules for every figure: the Okabe-Ito palette (colour-blind safe) and never a
red/green-only encoding; Danish number format through ``layout.separators=",."``;
``plotly_white``, readable fonts, compact margins; an empty frame gives an empty figure with
a "no data" note instead of an exception. Captions arrive translated from the caller; the
few fixed words here are chosen by ``lang`` ('da' | 'en').

Colours are set explicitly on every trace, so ``st.plotly_chart``'s Streamlit theme does not
change their meaning.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lokal import i18n

# Okabe & Ito (2008), in the order series get them.
# Lines and markers need 3:1 against white (WCAG 1.4.11): Okabe-Ito's orange (2,2:1) gives way to its
# vermillion (3,6:1); blue 5,1:1, bluish green 3,4:1, black.
LINE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#000000")
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "triangle-down", "star", "cross")
GREY = "#8C8C8C"  # benchmark / neutral (3.4:1 on white)
LIGHT_GREY = "#D9D9D9"  # no data
FONT_SIZE = 14

# Better / similar / worse than the benchmark: blue / grey / vermillion (distinct for every
# kind of colour blindness; also told in words in the hover and legend).
COMPARISON_COLORS = {"bedre": "#0072B2", "som": GREY, "dårligere": "#D55E00", None: LIGHT_GREY}
_COMPARISON_ORDER = ("bedre", "som", "dårligere", None)
# The heat table's three steps: light tints so that dark cell text keeps a contrast above 4.5:1.
# Okabe-Ito blue and orange (colour-blind safe) at clearly different lightness, so a greyscale print keeps
# three steps (relative luminance 0,16 · 0,69 · 0,44); the cells also carry ▲ = ▼ (lokal.views).
HEAT_COLORS = {"dårligere": "#E69F00", "som": "#D9D9D9", "bedre": "#0072B2"}
HEAT_NO_DATA = "#F7F7F7"  # nearly white, with a dash in the cell
_HEAT_SCALE = [
    [0.0, HEAT_COLORS["dårligere"]], [1 / 3, HEAT_COLORS["dårligere"]],
    [1 / 3, HEAT_COLORS["som"]], [2 / 3, HEAT_COLORS["som"]],
    [2 / 3, HEAT_COLORS["bedre"]], [1.0, HEAT_COLORS["bedre"]],
]
_FUNNEL = ("#0072B2", "#56B4E9", "#009E73", "#E69F00")

_WORDS = {
    "da": {
        "no_data": "Ingen data",
        "bedre": "Bedre",
        "som": "Som kommunen",
        "dårligere": "Dårligere",
        None: "Ikke vurderet",
        "compared": "Sammenlignet med kommunen",
        "worse_end": "Dårligere",
        "better_end": "Bedre",
        "others": "Øvrige områder",
        "focus": "Fokusområde",
        "kommune": "Kommunen",
        "provisional": "foreløbigt",
    },
    "en": {
        "no_data": "No data",
        "bedre": "Better",
        "som": "Similar to the kommune",
        "dårligere": "Worse",
        None: "Not assessed",
        "compared": "Compared with the kommune",
        "worse_end": "Worse",
        "better_end": "Better",
        "others": "Other areas",
        "focus": "Focus area",
        "kommune": "The kommune",
        "provisional": "provisional",
    },
}

# Hover/text number formats (d3): thousands "." and decimal "," via the separators.
_NUM = ",.1~f"  # 1.234,5 ; 12 (no trailing ,0)


def _w(lang: str) -> dict:
    return _WORDS.get(lang, _WORDS["da"])


def _base(fig: go.Figure, *, title: str | None = None, height: int | None = None, legend: bool = True,
          lang: str = "da") -> go.Figure:
    """The shared look: template, Danish separators, fonts, compact margins."""
    # The legend sits at the very top of the figure (container coordinates), above any
    # labels of reference lines drawn just over the plot area.
    top = (40 if title else 0) + (70 if legend else 30)
    fig.update_layout(
        template="plotly_white",
        separators=",." if lang == "da" else ".,",
        font={"size": FONT_SIZE},
        hoverlabel={"font": {"size": FONT_SIZE}},
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        showlegend=legend,
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 1 if not title else 0.99 - 40 / (height or 450),
            "yanchor": "top",
            "xanchor": "left",
            "x": 0,
        },
    )
    if title:
        fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"})
    if height:
        fig.update_layout(height=height)
    return fig


def _empty(lang: str = "da", *, title: str | None = None) -> go.Figure:
    """An empty figure that says "Ingen data" instead of showing bare axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=_w(lang)["no_data"], x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 16}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base(fig, title=title, height=250, legend=False, lang=lang)


def _is_empty(df: pd.DataFrame | None, *cols: str) -> bool:
    return df is None or len(df) == 0 or any(c not in df.columns for c in cols)


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype("float64")


def _fmt(x: float, decimals: int = 1, lang: str = "da") -> str:
    """Number text for labels plotly does not format itself (1.234,5 in Danish)."""
    if x is None or not math.isfinite(float(x)):
        return ""
    return i18n.fmt_num(x, decimals, lang)


def _rows_height(n: int, *, per_row: int = 28, extra: int = 120, minimum: int = 250) -> int:
    return max(minimum, per_row * n + extra)


# --- builders -----------------------------------------------------------------------------


def heat_table(df: pd.DataFrame, *, title: str | None = None, lang: str = "da") -> go.Figure:
    """Areas (rows) x indicators (columns), coloured by ``score`` (0 = worse, 0,5 = similar,
    1 = better than the kommune) in three colour-blind-safe steps, with each cell's
    ``value_label`` written in it; no data is nearly white with a dash.

    Rows and columns keep the order in which they first appear in ``df``.
    """
    cols = ("area_name", "indicator_name", "value_label", "score")
    if _is_empty(df, *cols):
        return _empty(lang, title=title)
    w = _w(lang)
    d = df.loc[:, [*cols, *(["hover"] if "hover" in df else [])]].copy()
    if "hover" not in d:
        d["hover"] = d["value_label"]
    d["score"] = _num(d["score"])
    d["value_label"] = d["value_label"].fillna("").astype(str)
    rows = list(dict.fromkeys(d["area_name"]))
    columns = list(dict.fromkeys(d["indicator_name"]))
    d = d.drop_duplicates(["area_name", "indicator_name"], keep="first")
    score = d.pivot(index="area_name", columns="indicator_name", values="score").reindex(index=rows, columns=columns)
    text = d.pivot(index="area_name", columns="indicator_name", values="value_label").reindex(
        index=rows, columns=columns
    )
    hover = d.pivot(index="area_name", columns="indicator_name", values="hover").reindex(
        index=rows, columns=columns).fillna("").to_numpy(dtype=object)
    z = score.to_numpy(dtype="float64")
    missing = np.isnan(z)
    labels = text.fillna("").to_numpy(dtype=object)
    labels = np.where(missing & (labels == ""), "–", labels)

    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            z=np.where(missing, None, z).tolist(),
            x=columns,
            y=rows,
            text=labels.tolist(),
            texttemplate="%{text}",
            colorscale=_HEAT_SCALE,
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            customdata=hover.tolist(),
            textfont={"size": 13},  # no colour: plotly picks black or white against each cell
            hoverongaps=False,
            hovertemplate="<b>%{y}</b><br>%{x}: %{customdata}<extra></extra>",
            colorbar={
                "title": {"text": ""},
                "tickvals": [1 / 6, 0.5, 5 / 6],
                "ticktext": [f"▼ {w['dårligere']}", f"= {w['som']}", f"▲ {w['bedre']}"],
                "thickness": 14,
                "len": 0.5,
            },
            name="",
        )
    )
    if missing.any():
        # NaN cells are gaps in a heatmap; draw them in grey so "no data" is explicit.
        fig.add_trace(
            go.Heatmap(
                z=np.where(missing, 0.0, None).tolist(),
                x=columns,
                y=rows,
                text=np.where(missing, labels, "").tolist(),
                customdata=np.where(missing & (labels == "–"), w["no_data"], labels).tolist(),
                texttemplate="%{text}",
                textfont={"color": "#333333"},
                colorscale=[[0, HEAT_NO_DATA], [1, HEAT_NO_DATA]],
                showscale=False,
                xgap=2,
                ygap=2,
                hoverongaps=False,
                hovertemplate="<b>%{y}</b><br>%{x}: %{customdata}<extra></extra>",
                name=w["no_data"],
            )
        )
    fig.update_xaxes(side="top", tickangle=-35, showgrid=False, type="category")
    fig.update_yaxes(autorange="reversed", showgrid=False, type="category")
    fig = _base(fig, title=title, height=_rows_height(len(rows), per_row=30, extra=200), legend=False, lang=lang)
    fig.update_layout(margin={"t": 160 if not title else 190})
    return fig


def trend(
    df: pd.DataFrame,
    *,
    x: str = "period",
    y: str = "value",
    color: str = "series",
    y_title: str = "",
    x_title: str = "",
    lang: str = "da",
    unfinished: Collection[str] = (),
) -> go.Figure:
    """Lines with markers over periods (labels such as "2025K1", sorted as text); one line
    per ``color`` value, each with its own colour and marker symbol. ``unfinished`` names the
    periods whose data are not complete (the data stop inside or before them): their points are
    hollow, the line to them dotted and their axis labels say provisional, so a half quarter does
    not read as a fall."""
    if _is_empty(df, x, y):
        return _empty(lang)
    d = df.copy()
    d[y] = _num(d[y])
    d[x] = d[x].astype(str)
    periods = sorted(d[x].unique())
    pending_periods = set(unfinished)
    provisional = _w(lang)["provisional"]
    hover = f"%{{x}}: %{{y:{_NUM}}}<extra>%{{fullData.name}}</extra>"
    hover_pending = f"%{{x}} ({provisional}): %{{y:{_NUM}}}<extra>%{{fullData.name}}</extra>"
    # Sorted by name, so a series keeps its colour whichever comes first in the data (Fokusområder blue).
    groups = [(None, d)] if color not in d.columns else list(d.groupby(color, sort=True, dropna=False))
    fig = go.Figure()
    for i, (name, g) in enumerate(groups):
        g = g.assign(_o=g[x].map({p: j for j, p in enumerate(periods)})).sort_values("_o")
        line = {"color": LINE_COLORS[i % len(LINE_COLORS)], "width": 2.5}
        symbol = SYMBOLS[i % len(SYMBOLS)]
        label = "" if name is None else str(name)
        pending = g[g[x].isin(pending_periods)]
        done = g[~g[x].isin(pending_periods)]
        fig.add_trace(
            go.Scatter(
                x=done[x],
                y=done[y],
                mode="lines+markers",
                name=label,
                legendgroup=label,
                line=line,
                marker={"symbol": symbol, "size": 8},
                connectgaps=False,
                hovertemplate=hover,
            )
        )
        if len(pending):
            # The dotted piece starts at the last finished point only when it is the period just before.
            first = int(pending["_o"].iloc[0])
            before = done[done["_o"] == first - 1]
            tail = pd.concat([before, pending])
            fig.add_trace(
                go.Scatter(
                    x=tail[x],
                    y=tail[y],
                    mode="lines+markers",
                    name=label,
                    legendgroup=label,
                    showlegend=False,
                    line={**line, "dash": "dot"},
                    marker={"symbol": [symbol] * len(before) + [f"{symbol}-open"] * len(pending), "size": 8,
                            "color": line["color"], "line": {"color": line["color"], "width": 2}},
                    hovertemplate=[hover] * len(before) + [hover_pending] * len(pending),
                )
            )
    ticks = [f"{p}<br>({provisional})" if p in pending_periods else p for p in periods]
    fig.update_xaxes(title_text=x_title, type="category", categoryorder="array", categoryarray=periods,
                     tickvals=periods, ticktext=ticks)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return _base(fig, height=380, legend=len(groups) > 1, lang=lang)


def need_vs_participation(
    df: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    x_ref: float | None,
    y_ref: float | None,
    flag_label: str,
    lang: str = "da",
) -> go.Figure:
    """Need (x) against participation (y) per area, with the kommune values as reference
    lines. Flagged areas (high need, low participation) get a different symbol, colour and a
    name label; focus areas get a black ring. The legend explains all three."""
    cols = ("area_name", "need", "participation", "flagged", "is_focus")
    if _is_empty(df, *cols):
        return _empty(lang)
    w = _w(lang)
    d = df.copy()
    d["need"], d["participation"] = _num(d["need"]), _num(d["participation"])
    d = d.dropna(subset=["need", "participation"])
    flagged = d["flagged"].fillna(False).astype(bool)
    focus = d["is_focus"].fillna(False).astype(bool)
    hover = f"<b>%{{customdata}}</b><br>{x_title}: %{{x:{_NUM}}}<br>{y_title}: %{{y:{_NUM}}}<extra></extra>"

    fig = go.Figure()
    others = d[~flagged]
    fig.add_trace(
        go.Scatter(
            x=others["need"],
            y=others["participation"],
            customdata=others["area_name"],
            mode="markers",
            name=w["others"],
            marker={"symbol": "circle", "size": 11, "color": "#0072B2", "line": {"color": "white", "width": 1}},
            hovertemplate=hover,
        )
    )
    flag = d[flagged]
    fig.add_trace(
        go.Scatter(
            x=flag["need"],
            y=flag["participation"],
            customdata=flag["area_name"],
            text=flag["area_name"],
            mode="markers+text",
            textposition="top center",
            textfont={"size": 13, "color": "#222222"},
            name=flag_label,
            marker={"symbol": "diamond", "size": 14, "color": "#D55E00", "line": {"color": "white", "width": 1}},
            hovertemplate=hover,
        )
    )
    foc = d[focus]
    if len(foc):
        fig.add_trace(
            go.Scatter(
                x=foc["need"],
                y=foc["participation"],
                customdata=foc["area_name"],
                mode="markers",
                name=w["focus"],
                marker={"symbol": "circle-open", "size": 22, "color": "#000000", "line": {"width": 2}},
                hovertemplate=hover,
            )
        )
    for ref, axis in ((x_ref, "x"), (y_ref, "y")):
        if ref is None or not math.isfinite(float(ref)):
            continue
        line = {"color": GREY, "width": 1.5, "dash": "dash"}
        label = f"{w['kommune']}: {_fmt(ref, lang=lang)}"
        # The labels sit outside the points (above the plot, at its right edge) on a white ground.
        note = {"bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 12, "color": "#333333"}}
        if axis == "x":
            fig.add_vline(x=ref, line=line)
            fig.add_annotation(x=ref, xref="x", y=1.0, yref="paper", yanchor="bottom", xanchor="left", text=label,
                               showarrow=False, **note)
        else:
            fig.add_hline(y=ref, line=line)
            fig.add_annotation(x=1.0, xref="paper", y=ref, yref="y", xanchor="right", yanchor="top", text=label,
                               showarrow=False, **note)
    fig.update_xaxes(title_text=x_title, zeroline=False)
    fig.update_yaxes(title_text=y_title, zeroline=False)
    return _base(fig, height=460, lang=lang)


def against_target(df: pd.DataFrame, *, value_name: str, target_name: str, y_title: str, lang: str = "da") -> go.Figure:
    """Bars for the value per period and the target as a black dash over each bar, so the
    distance to the target is visible. Periods without a target get no dash."""
    if _is_empty(df, "period", "value"):
        return _empty(lang)
    d = df.copy()
    d["period"] = d["period"].astype(str)
    d["value"] = _num(d["value"])
    d["target"] = _num(d["target"]) if "target" in d.columns else np.nan
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=d["period"],
            y=d["value"],
            name=value_name,
            marker={"color": "#56B4E9", "line": {"color": "#0072B2", "width": 1}},
            texttemplate=f"%{{y:{_NUM}}}",
            textposition="inside",
            insidetextanchor="end",
            hovertemplate=f"%{{x}}<br>{value_name}: %{{y:{_NUM}}}<extra></extra>",
        )
    )
    t = d.dropna(subset=["target"])
    if len(t):
        fig.add_trace(
            go.Scatter(
                x=t["period"],
                y=t["target"],
                mode="markers",
                name=target_name,
                marker={"symbol": "line-ew", "size": 34, "line": {"color": "#000000", "width": 4}},
                hovertemplate=f"%{{x}}<br>{target_name}: %{{y:{_NUM}}}<extra></extra>",
            )
        )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return _base(fig, height=360, lang=lang)


def funnel(steps: Sequence[tuple], *, lang: str = "da") -> go.Figure:
    """A funnel (e.g. enrolled -> completed -> outcome) with numbers and shares. A step is
    ``(label, value)``, its share taken of the first step, or ``(label, value, of)`` with its share
    taken of step number ``of`` (an outcome of those enrolled in offers that measure one)."""
    clean = []
    for step in steps or []:
        label, v, *of = step
        if v is not None and math.isfinite(float(v)):
            clean.append((str(label), float(v), of[0] if of else 0))
    if not clean:
        return _empty(lang)
    labels, values, bases = zip(*clean, strict=True)
    shares = [f"{_fmt(100 * v / values[b], 0, lang)} %" if values[b] else "" for v, b in zip(values, bases)]
    fig = go.Figure(
        go.Funnel(
            y=list(labels),
            x=list(values),
            customdata=shares,
            texttemplate="%{x:,.0f}<br>%{customdata}",
            textposition="inside",
            marker={"color": [_FUNNEL[i % len(_FUNNEL)] for i in range(len(values))]},
            connector={"fillcolor": "#EEEEEE"},
            hovertemplate="%{y}: %{x:,.0f} (%{customdata})<extra></extra>",
        )
    )
    return _base(fig, height=_rows_height(len(values), per_row=70, extra=60), legend=False, lang=lang)


def hbar(
    df: pd.DataFrame, *, label: str = "label", value: str = "value", x_title: str = "", lang: str = "da"
) -> go.Figure:
    """Horizontal bars sorted by value, largest on top (recruitment channels, statuses)."""
    if _is_empty(df, label, value):
        return _empty(lang)
    d = df.assign(_v=_num(df[value])).sort_values("_v", ascending=True, na_position="first")
    fig = go.Figure(
        go.Bar(
            x=d["_v"],
            y=d[label].astype(str),
            orientation="h",
            marker={"color": OKABE_ITO[0]},
            texttemplate=f"%{{x:{_NUM}}}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:{_NUM}}}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    fig.update_yaxes(type="category", automargin=True)
    fig = _base(fig, height=_rows_height(len(d)), legend=False, lang=lang)
    fig.update_layout(margin={"r": 40})
    return fig


def interval_bars(
    df: pd.DataFrame, *, label: str = "label", value: str = "value", low: str = "low", high: str = "high",
    x_title: str = "", decimals: int = 0, lang: str = "da"
) -> go.Figure:
    """Horizontal bars in the given order (first on top) with their 95 % intervals as error bars
    (recruitment strategies: share in the target group, 40–60-year-olds per 100.000 kr.)."""
    if _is_empty(df, label, value):
        return _empty(lang)
    d = df.assign(_v=_num(df[value]), _lo=_num(df[low]), _hi=_num(df[high])).iloc[::-1]
    text = [_fmt(v, decimals, lang) if v == v else "" for v in d["_v"]]
    fig = go.Figure(
        go.Bar(
            x=d["_v"],
            y=d[label].astype(str),
            orientation="h",
            marker={"color": OKABE_ITO[0]},
            error_x={"type": "data", "symmetric": False, "array": (d["_hi"] - d["_v"]).tolist(),
                     "arrayminus": (d["_v"] - d["_lo"]).tolist(), "color": "#000000", "thickness": 1.5},
            text=text,
            textposition="inside",
            insidetextanchor="start",
            customdata=list(zip([_fmt(v, decimals, lang) for v in d["_lo"]],
                                [_fmt(v, decimals, lang) for v in d["_hi"]], strict=True)),
            hovertemplate="%{y}: %{text} (95 %: %{customdata[0]}–%{customdata[1]})<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    fig.update_yaxes(type="category", automargin=True)
    return _base(fig, height=_rows_height(len(d)), legend=False, lang=lang)


def profile_vs_kommune(
    df: pd.DataFrame, *, area_name: str, kommune_name: str, x_title: str, lang: str = "da"
) -> go.Figure:
    """Grouped horizontal bars per measure: the area (blue) beside the kommune (grey)."""
    if _is_empty(df, "measure_name", "area", "kommune"):
        return _empty(lang)
    measures = list(dict.fromkeys(df["measure_name"].astype(str)))
    fig = go.Figure()
    for col, name, colour in (("kommune", kommune_name, GREY), ("area", area_name, OKABE_ITO[0])):
        fig.add_trace(
            go.Bar(
                x=_num(df[col]),
                y=df["measure_name"].astype(str),
                orientation="h",
                name=name,
                marker={"color": colour},
                texttemplate=f"%{{x:{_NUM}}}",
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"%{{y}}<br>{name}: %{{x:{_NUM}}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group", legend={"traceorder": "reversed"})
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    # First measure at the top.
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=measures[::-1], automargin=True)
    fig = _base(fig, height=_rows_height(len(measures), per_row=52), lang=lang)
    fig.update_layout(margin={"r": 40})
    return fig


def indicator_bars(
    df: pd.DataFrame,
    *,
    value_label_col: str,
    x_title: str,
    ref: float | None = None,
    ref_label: str | None = None,
    lang: str = "da",
) -> go.Figure:
    """One horizontal bar per area, highest on top, coloured by the comparison with the
    kommune (blue better, grey similar, vermillion worse, light grey not assessed) and the
    word in legend and hover; an optional dashed line at the kommune value ``ref``."""
    if _is_empty(df, "area_name", "value"):
        return _empty(lang)
    w = _w(lang)
    d = df.copy()
    d["value"] = _num(d["value"])
    d["_label"] = d[value_label_col].fillna("").astype(str) if value_label_col in d.columns else ""
    comp = d["comparison"].tolist() if "comparison" in d.columns else [None] * len(d)
    # Keep the key in a Python list: pandas 3 would turn None into NaN in a str column.
    keys = [c if isinstance(c, str) and c in COMPARISON_COLORS else None for c in comp]
    d["_i"] = range(len(d))
    d = d.sort_values("value", ascending=True, na_position="first")
    order = d["area_name"].astype(str).tolist()

    fig = go.Figure()
    for key in _COMPARISON_ORDER:
        g = d[[keys[i] == key for i in d["_i"]]]
        if not len(g):
            continue
        fig.add_trace(
            go.Bar(
                x=g["value"],
                y=g["area_name"].astype(str),
                orientation="h",
                name=w[key],
                marker={"color": COMPARISON_COLORS[key]},
                text=g["_label"],
                textposition="outside",
                cliponaxis=False,
                customdata=[w[key]] * len(g),
                hovertemplate="<b>%{y}</b><br>%{text}<br>%{customdata}<extra></extra>",
            )
        )
    if ref is not None and math.isfinite(float(ref)):
        fig.add_vline(
            x=float(ref),
            line={"color": "#000000", "width": 1.5, "dash": "dash"},
            annotation_text=ref_label or f"{w['kommune']}: {_fmt(ref, lang=lang)}",
            annotation_position="top",
        )
    fig.update_layout(barmode="overlay", legend={"title": {"text": w["compared"] + ":", "side": "top left"}})
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, automargin=True)
    fig = _base(fig, height=_rows_height(len(order), extra=170), lang=lang)
    fig.update_layout(margin={"r": 40, "t": 100})
    return fig


def did_intervals(df: pd.DataFrame, *, x_title: str, names: dict[str | None, str], lang: str = "da") -> go.Figure:
    """The difference-in-differences per measure as a dot with its 95 % interval (a forest plot), a line at 0.

    ``df``: measure_name, did, lo, hi (NaN without an interval) and verdict ('better', 'similar', 'worse' or
    None); colour and marker both tell the verdict (``names`` gives its words for legend and hover)."""
    if _is_empty(df, "measure_name", "did", "lo", "hi", "verdict") or df["did"].isna().all():
        return _empty(lang)
    measures = list(dict.fromkeys(df["measure_name"].astype(str)))
    style = {"better": (OKABE_ITO[0], "circle"), "similar": (GREY, "diamond"), "worse": (OKABE_ITO[5], "square"),
             None: ("#404040", "circle-open")}
    fig = go.Figure()
    for verdict, (colour, symbol) in style.items():
        part = df[df["verdict"].isna()] if verdict is None else df[df["verdict"] == verdict]
        if part.empty:
            continue
        did, lo, hi = _num(part["did"]), _num(part["lo"]), _num(part["hi"])
        fig.add_trace(go.Scatter(
            x=did, y=part["measure_name"].astype(str), mode="markers", name=names[verdict],
            marker={"color": colour, "symbol": symbol, "size": 12, "line": {"color": colour, "width": 2}},
            error_x={"type": "data", "symmetric": False, "array": (hi - did).fillna(0),
                     "arrayminus": (did - lo).fillna(0), "color": colour, "thickness": 2, "width": 6},
            customdata=np.stack([lo.fillna(np.nan), hi.fillna(np.nan)], axis=1),
            hovertemplate=f"%{{y}}: %{{x:{_NUM}}} pp<br>95 %: %{{customdata[0]:{_NUM}}} – %{{customdata[1]:{_NUM}}}"
                          f"<br>{names[verdict]}<extra></extra>",
        ))
    fig.add_vline(x=0, line={"color": "#404040", "width": 1})
    fig.update_xaxes(title_text=x_title, zeroline=False)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=measures[::-1], automargin=True)
    return _base(fig, height=_rows_height(len(measures), per_row=40), lang=lang)
