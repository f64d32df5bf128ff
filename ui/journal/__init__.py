"""Streamlit pieces of the Journal page: the browser, the reader, the editor and its AI helpers."""
