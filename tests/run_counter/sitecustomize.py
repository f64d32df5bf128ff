"""Test-only, loaded by a `streamlit run` a browser test starts (PYTHONPATH): count what one click costs.

With ``DUET_TEST_RUN_LOG`` set, every script run is logged as ``app`` (the whole page) or ``fragment``
(one ``st.fragment`` alone), and every rewrite of a story file (``<DUET_HOME>/stories/*.md``, renamed
into place by the atomic writer) as ``write``. The product knows nothing of this file.
"""

from __future__ import annotations

import os
from pathlib import Path

LOG = os.environ.get("DUET_TEST_RUN_LOG")


def _note(line: str) -> None:
    with open(LOG, "a", encoding="utf-8") as log:   # type: ignore[arg-type]
        log.write(line + "\n")


if LOG:
    _stories = Path(os.environ["DUET_HOME"]).resolve() / "stories"
    _replace = os.replace

    def _counted_replace(src, dst, *args, **kwargs):  # noqa: ANN001, ANN202 (os.replace's own signature)
        result = _replace(src, dst, *args, **kwargs)
        target = Path(os.fsdecode(dst))
        if target.suffix == ".md" and target.resolve().parent == _stories:
            _note("write")
        return result

    os.replace = _counted_replace

    from streamlit.runtime.scriptrunner import script_runner

    _init = script_runner.ScriptRunner.__init__

    def _counted_init(self, *args, **kwargs):  # noqa: ANN001, ANN202
        _init(self, *args, **kwargs)

        def started(sender, event, **data):  # noqa: ANN001, ANN202 (an st.rerun() inside a run counts too)
            if event == script_runner.ScriptRunnerEvent.SCRIPT_STARTED:
                _note("fragment" if data.get("fragment_ids_this_run") else "app")

        self.on_event.connect(started, weak=False)

    script_runner.ScriptRunner.__init__ = _counted_init
