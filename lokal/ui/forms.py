"""Forms for records, built from their definitions in :mod:`lokal.records`.

A form returns raw values keyed by the Danish field names, exactly like one row of an
import file, so the same :func:`lokal.validate.check` judges both.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lokal import i18n
from lokal.records import Kind
from lokal.ui.state import lang, t
from lokal.validate import Problem


def field_label(f) -> str:
    text = f.name if lang() == "da" else f.label_en
    return f"{text} *" if f.required else text


def record_form(kind: Kind, options: dict[str, dict], *, key: str, values: dict | None = None,
                defaults: dict | None = None) -> dict:
    """Draw inputs for every field of ``kind`` (inside an st.form) and return the raw values.

    ``options`` maps a reference kind (area, offer_type, partner, offer) to {id: label};
    ``values`` pre-fills an existing record (by table column); ``defaults`` by field name.
    """
    lg = lang()
    values = values or {}
    defaults = defaults or {}
    out = {}
    for n, f in enumerate(kind.fields):
        current = _plain(values.get(f.column)) if f.column else None
        if current is None:
            current = defaults.get(f.name)
        wkey = f"{key}.{f.name}"
        if n % 2 == 0:  # a new row for every pair, so the tab key follows the reading order
            cols = st.columns(2)
        with cols[n % 2]:
            label = field_label(f)
            if f.type == "ref" and f.ref in options:
                choices = options[f.ref]
                every = options.get(f"{f.ref}_all", {})
                if current is not None and current not in choices and current in every:
                    choices = {**choices, current: every[current]}  # a record keeps its retired type
                ids = ([None] if not f.required else []) + list(choices)
                index = ids.index(current) if current in ids else 0
                out[f.name] = st.selectbox(label, ids, index=index if ids else None, key=wkey,
                                           format_func=lambda i, c=choices: "–" if i is None else c.get(i, str(i)))
            elif f.type == "enum":
                ids = ([None] if not f.required else []) + list(f.choices)
                index = ids.index(current) if current in ids else 0
                out[f.name] = st.selectbox(label, ids, index=index, key=wkey,
                                           format_func=lambda v: "–" if v is None else i18n.t(v, lg))
            elif f.type == "date":
                out[f.name] = st.date_input(label, value=current if isinstance(current, date) else None,
                                            format="DD-MM-YYYY", key=wkey)
            elif f.type == "int":
                out[f.name] = st.number_input(label, min_value=0, step=1, value=None if current is None else int(current),
                                              key=wkey, placeholder="–")
            elif f.type == "bool":
                ids = [None, True, False]
                out[f.name] = st.selectbox(label, ids, index=ids.index(current) if current in ids else 0, key=wkey,
                                           format_func=lambda v: "–" if v is None else (t("ja") if v else t("nej")))
            elif f.type == "decimal":
                text = "" if current is None else i18n.fmt_num(current, 6 if f.column in ("venue_lon", "venue_lat")
                                                               else 2, "da").rstrip("0").rstrip(",")
                out[f.name] = st.text_input(label, value=text, key=wkey, help=t("Decimaler med komma, fx 12,5"))
            else:
                out[f.name] = st.text_input(label, value="" if current is None else str(current), key=wkey,
                                            help=t(f.help_da) if f.help_da else None,
                                            max_chars=2000 if f.column in ("text", "note") else 200)
    return out


def _plain(value):
    """Pandas' missing values and timestamps as plain Python (None, date)."""
    if value is None or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def show_problems(problems: list[Problem]) -> None:
    """Errors in red, warnings in yellow, each naming row and field."""
    lg = lang()
    errors = [p.text(lg) for p in problems if p.level == "fejl"]
    warnings = [p.text(lg) for p in problems if p.level != "fejl"]
    if errors:
        st.error("\n".join(f"- {e}" for e in errors[:50]) + (f"\n- … (+{len(errors) - 50})" if len(errors) > 50 else ""))
    if warnings:
        st.warning("\n".join(f"- {w}" for w in warnings[:50])
                   + (f"\n- … (+{len(warnings) - 50})" if len(warnings) > 50 else ""))
