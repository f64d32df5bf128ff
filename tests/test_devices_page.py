"""Settings → Privacy → Paired devices through AppTest: listed with name and last use, revoked with one click (#13)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from journal.i18n import catalogue
from journal.notebook import Notebook

EN = catalogue("en")
TIMEOUT = 30
SCRIPT = """
from ui.common import choose_language, get_notebook, show_flash
from ui.settings.devices import render_devices

nb = get_notebook()
choose_language(nb)
show_flash()
render_devices(nb)
"""


def _markdown(app: AppTest) -> str:
    return " ".join(str(m.value) for m in [*app.markdown, *app.caption])


def test_paired_devices_are_listed_and_one_is_revoked(notebook: Notebook) -> None:
    phone, phone_token = notebook.devices.pair(notebook.devices.start_pairing(), "iPhone")
    tablet, tablet_token = notebook.devices.pair(notebook.devices.start_pairing(), "iPad *bold*")
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT).run()
    assert not app.exception
    shown = _markdown(app)
    assert "iPhone" in shown and r"iPad \*bold\*" in shown   # a name is shown as typed, not as markdown
    assert shown.count(EN["devices.when"].split("{")[0].strip()) == 2
    app.button(key=f"device_revoke_{phone.id}").click().run()
    assert notebook.devices.recognise(phone_token) is None
    assert notebook.devices.recognise(tablet_token) == tablet
    assert "iPhone" not in _markdown(app)


def test_pairing_a_phone_shows_a_qr_code_that_works_once(notebook: Notebook, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.settings.devices import QR_KEY

    monkeypatch.setenv("DUET_PHONE_URL", "https://192.168.1.20:8501")
    monkeypatch.setattr("ui.pairing.phone_mode", lambda: True)
    monkeypatch.setattr("ui.settings.devices.phone_mode", lambda: True)
    monkeypatch.setattr("ui.pairing.is_paired", lambda nb: True)   # this session is the computer's own, paired
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT).run()
    assert not app.exception, app.exception
    app.button(key="devices_pair").click().run()
    url = app.session_state[QR_KEY]
    assert url.startswith("https://192.168.1.20:8501/?pair=")
    assert len(app.get("image")) == 1   # the QR code
    assert app.code[0].value == url
    code = url.split("pair=")[1]
    notebook.devices.pair(code, "iPhone")
    with pytest.raises(Exception):
        notebook.devices.pair(code, "Android")
