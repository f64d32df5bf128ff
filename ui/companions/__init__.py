"""Streamlit pieces of the Companions page: the list and the editor."""
