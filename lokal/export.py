"""Downloads: any table as CSV (for Danish Excel: UTF-8 with BOM, semicolons, decimal commas) or .xlsx."""

from __future__ import annotations

import io

import pandas as pd


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV that Danish Excel opens correctly: BOM, ';' between fields, ',' as decimal mark."""
    return df.to_csv(index=False, sep=";", decimal=",", date_format="%d-%m-%Y").encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str = "Lokal") -> bytes:
    """An Excel workbook with one sheet; numbers stay numbers, dates stay dates."""
    buffer = io.BytesIO()
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet[:31] or "Lokal")
        ws = writer.sheets[sheet[:31] or "Lokal"]
        for i, col in enumerate(out.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in out[col].head(200)]) + 2
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(width, 60)
    return buffer.getvalue()
