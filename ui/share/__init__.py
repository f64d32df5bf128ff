"""Streamlit pieces of the Share page: what to share, the privacy pass, the caption and the live preview."""
