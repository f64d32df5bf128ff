"""Report what is being typed while it is typed, so a refresh or a closed tab loses nothing.

Streamlit's text widgets report their value only on blur or Ctrl+Enter: a person who types
one long paragraph and refreshes would lose it all. This tiny component (Streamlit 1.67's
``st.components.v2``) listens to ``input`` events in the named widgets and reports their
values after a pause in typing, and at least every few seconds during a long burst, and
once more when the page is hidden. It runs inside ``st.fragment``, so a report reruns this
fragment alone, not the page: one small rerun per pause, never one per keystroke.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from ui.lock import mark_active

IDLE_MS = 700  # a pause this long in typing sends what is there
MAX_WAIT_MS = 4000  # during a long burst, never more than this between saves
STATE = "typed"

_JS = """
export default function ({ data, setStateValue }) {
  const [fields, idle_ms, max_wait_ms] = data;
  const selectors = Object.entries(fields);
  let timer = null;
  let burstStart = 0;
  let lastSent = null;
  const read = () => {
    const values = {};
    for (const [name, cls] of selectors) {
      const el = document.querySelector(`.${cls} textarea, .${cls} input`);
      if (el) values[name] = el.value;
    }
    return values;
  };
  const send = () => {
    clearTimeout(timer);
    timer = null;
    burstStart = 0;
    const values = read();
    const text = JSON.stringify(values);
    if (text !== lastSent) {
      lastSent = text;
      setStateValue("typed", values);
    }
  };
  const onInput = (event) => {
    const target = event.target;
    if (!target || !target.closest || !selectors.some(([, cls]) => target.closest(`.${cls}`))) return;
    const now = Date.now();
    if (!burstStart) burstStart = now;
    clearTimeout(timer);
    timer = setTimeout(send, now - burstStart >= max_wait_ms ? 0 : idle_ms);
  };
  const onHide = () => { if (timer) send(); };
  document.addEventListener("input", onInput, true);
  window.addEventListener("pagehide", onHide);
  return () => {
    document.removeEventListener("input", onInput, true);
    window.removeEventListener("pagehide", onHide);
    clearTimeout(timer);
  };
}
"""

_live_typing = st.components.v2.component("duet_live_typing", js=_JS)


def widget_class(widget_key: str) -> str:
    """The CSS class Streamlit puts on a keyed widget's container."""
    return f"st-key-{widget_key}"


def report_typing(key: str, fields: dict[str, str], on_typed: Callable[[dict[str, str]], None]) -> None:
    """Call ``on_typed({name: text})`` while the widgets named in ``fields`` ({name: widget key}) are typed in."""

    def typed() -> None:
        values = (st.session_state.get(key) or {}).get(STATE)
        mark_active()   # typing reruns only this fragment: it still counts as use for the app lock's idle time
        if isinstance(values, dict):
            on_typed({name: str(values[name]) for name in fields if isinstance(values.get(name), str)})

    @st.fragment
    def _reporter() -> None:
        # A list, not a dict: Streamlit looks for dataframes in a dict's values, which imports pandas (~1.5 s
        # of CPU at the first start) and checks each value on every rerun.
        _live_typing(key=key, data=[{name: widget_class(w) for name, w in fields.items()}, IDLE_MS, MAX_WAIT_MS],
                     height=0, on_typed_change=typed)

    _reporter()
