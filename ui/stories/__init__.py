"""Streamlit pieces of the Stories page: picker, header, turns, input, streamed reply and tools."""
