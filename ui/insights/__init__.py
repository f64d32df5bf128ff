"""Streamlit pieces of the Insights page: the view and its charts."""
