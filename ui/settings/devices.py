"""Settings → Privacy → Devices: the phones paired to reach Duet over the network, and a QR code for one more."""

from __future__ import annotations

import io
import os

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.i18n.formatting import format_datetime
from journal.notebook import Notebook
from journal.times import local_time
from ui.common import escape_markdown, flash, show_error
from ui.pairing import PAIR_PARAM, PHONE_URL_ENV, phone_mode

QR_KEY = "devices_pairing_url"
QR_SCALE = 6


def _revoke(nb: Notebook, device_id: str) -> None:
    try:
        nb.devices.revoke(device_id)
    except DuetError as exc:
        st.session_state["devices_error"] = exc.message()
    else:
        flash("devices.revoked")


def _new_code(nb: Notebook) -> None:
    base = os.environ.get(PHONE_URL_ENV, "").rstrip("/")
    st.session_state[QR_KEY] = f"{base}/?{PAIR_PARAM}={nb.devices.start_pairing()}"


def pairing_qr_png(url: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=2)
    return buffer.getvalue()


def render_devices(nb: Notebook) -> None:
    st.subheader(t("devices.title"))
    st.caption(t("devices.explain"))
    problem = st.session_state.pop("devices_error", None)
    if problem:
        st.error(problem, icon=":material/error:")
    try:
        devices = nb.devices.list()
    except DuetError as exc:
        show_error(exc)
        return
    if not devices:
        st.caption(t("devices.none"))
    for device in devices:
        with st.container(border=True, key=f"device_{device.id}"):
            st.markdown(f"**{escape_markdown(device.name)}**")
            st.caption(t("devices.when", paired=format_datetime(local_time(device.paired)),
                         used=format_datetime(local_time(device.last_used))))
            st.button(t("devices.revoke"), key=f"device_revoke_{device.id}", on_click=_revoke, args=(nb, device.id),
                      icon=":material/phonelink_erase:")
    if not phone_mode():
        st.caption(t("devices.how"))
        return
    st.button(t("devices.pair"), key="devices_pair", on_click=_new_code, args=(nb,), icon=":material/qr_code_2:")
    url = st.session_state.get(QR_KEY)
    if url:
        st.image(pairing_qr_png(url), width=240)
        st.caption(t("devices.qr_caption"))
        st.code(url, language=None)
