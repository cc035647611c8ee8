"""The thin Streamlit glue that pages use: cached data access, shared filters, widgets.

This is the only part of ``lokal`` that imports streamlit.
"""
