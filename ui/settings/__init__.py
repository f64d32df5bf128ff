"""Streamlit pieces of the Settings page: general choices, the AI model, and data (import, export, delete)."""
