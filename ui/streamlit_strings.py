"""Streamlit's own interface words in the page's language: the uploader's "Upload", "200MB per file", yyyy/mm/dd.

Streamlit 1.67 draws these in English whatever the page (its frontend has no locale setting, and
``st.file_uploader`` / ``st.date_input`` take no text for them; ``date_input``'s ``format`` only
orders year, month and day). This tiny ``st.components.v2`` script rewrites them in the browser,
only inside the widgets named below, and again whenever Streamlit redraws them. It does nothing
in English.
"""

from __future__ import annotations

import streamlit as st

from journal.i18n import current_language, t

# (where, what Streamlit writes as a JavaScript regular expression, catalogue key of our words).
# "$1" in a translation is the first group (the size in "200MB per file").
TEXT_RULES = [
    ('[data-testid="stFileUploaderDropzone"] button', r"^Upload$", "streamlit.upload"),
    ('[data-testid="stFileUploaderDropzoneInstructions"]', r"^Drag and drop (?:a )?files? here$", "streamlit.drop_here"),
    ('[data-testid="stFileUploaderDropzoneInstructions"]', r"^(\d+(?:\.\d+)?\s?[KMG]B) per file$", "streamlit.per_file"),
    ('[data-testid="stDateInput"] [data-type="year"][data-placeholder="true"]', r"^yyyy$", "streamlit.year"),
    ('[data-testid="stDateInput"] [data-type="month"][data-placeholder="true"]', r"^mm$", "streamlit.month"),
    ('[data-testid="stDateInput"] [data-type="day"][data-placeholder="true"]', r"^dd$", "streamlit.day"),
    ('[data-testid="InputInstructions"]', r"^Press Enter to apply$", "streamlit.enter_to_apply"),
    ('[data-testid="InputInstructions"]', r"^Press (⌘|Ctrl)\+Enter to apply$", "streamlit.ctrl_enter_to_apply"),
]
PLACEHOLDER_RULES = [
    ('[data-testid="stSelectbox"] input', r"^Choose an option$", "streamlit.choose"),
    ('[data-testid="stMultiSelect"] input', r"^Choose options$", "streamlit.choose"),
]

_JS = """
export default function ({ data }) {
  const compile = (rules) => rules.map(([where, pattern, words]) => [where, new RegExp(pattern), words]);
  const texts = compile(data.texts);
  const placeholders = compile(data.placeholders);
  const apply = () => {
    for (const [where, pattern, words] of texts) {
      for (const root of document.querySelectorAll(where)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.nodeValue.trim();
          if (pattern.test(text)) node.nodeValue = text.replace(pattern, words);
        }
      }
    }
    for (const [where, pattern, words] of placeholders) {
      for (const input of document.querySelectorAll(where)) {
        const text = input.getAttribute("placeholder") || "";
        if (pattern.test(text)) input.setAttribute("placeholder", text.replace(pattern, words));
      }
    }
  };
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; apply(); });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true,
                                    attributes: true, attributeFilter: ["placeholder"] });
  apply();
  return () => observer.disconnect();
}
"""

_translator = st.components.v2.component("duet_streamlit_strings", js=_JS)


def translate_streamlit_strings() -> None:
    """Mount the rewriter for this run's language (in the sidebar, where an empty element takes no room)."""
    if current_language() == "en":
        return
    data = {"texts": [[where, pattern, t(key)] for where, pattern, key in TEXT_RULES],
            "placeholders": [[where, pattern, t(key)] for where, pattern, key in PLACEHOLDER_RULES]}
    with st.sidebar:
        _translator(key="duet_streamlit_strings", data=data, height=0)
