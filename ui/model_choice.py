"""The "Choose your companion's model" panel (Settings and the welcome page): four honest choices, one step each.

Download a better model (from the catalogue, with progress, pause, resume), use a
server already running here, use a service (where to get its key, a test call, and
the plain fact that text then leaves the computer), or stay with the tiny built-in
model. A taste test answers the same prompt with the current and a candidate model.
The download runs in its own process (``journal.ai.downloads``); this panel only
starts, pauses and watches it, so closing the tab changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from journal.ai.model import (
    BUILTIN_NAME, DOWNLOADING, EMBEDDED, HUGGINGFACE, KEY_PAGES, MIRROR, MODELSCOPE, OPENAI_PRESET, PAUSED, PRESETS,
    VERIFYING, AISettings, CatalogueModel, LocalServer,
)
from journal.errors import DuetError
from journal.i18n import current_language, t
from journal.notebook import Notebook
from ui.streaming import app_secrets

PROGRESS_EVERY_SECONDS = 1.0
GB = 1024**3
MAX_SERVER_MODELS = 8  # buttons per detected server; a long Ollama library would bury the page
SOURCES = (HUGGINGFACE, MODELSCOPE, MIRROR)
AI_FORM_PREFIX = "ai_settings_"   # the Settings page's AI form keeps its widgets' values under this prefix


def _k(key: str, name: str) -> str:
    return f"{key}_{name}"


def forget_ai_form() -> None:
    """Drop the Settings page's AI form copy (keys under ``AI_FORM_PREFIX``), so its next run reads settings.yaml."""
    for name in [k for k in st.session_state if str(k).startswith(AI_FORM_PREFIX)]:
        del st.session_state[name]


def _changed(message: str) -> None:
    """A choice was saved: the AI form below must read the settings again, and the person hears it."""
    forget_ai_form()
    st.session_state["model_choice_flash"] = message


def render_model_choice(nb: Notebook, key: str = "model_choice") -> None:
    settings = nb.ai.settings
    st.subheader(t("models.panel.title"))
    st.caption(t("models.panel.intro"))
    flash = st.session_state.pop("model_choice_flash", None)
    if flash:
        st.success(flash, icon=":material/check:")
    st.markdown(t("models.panel.current", name=_current_label(nb, settings)))
    local, server, service, tiny = st.tabs([t("models.panel.local_title"), t("models.panel.server_title"),
                                           t("models.panel.service_title"), t("models.panel.tiny_title")])
    with local:
        _local(nb, key)
    with server:
        _servers(nb, key)
    with service:
        _services(nb, key)
    with tiny:
        _tiny(nb, key)


def _current_label(nb: Notebook, settings: AISettings) -> str:
    name = nb.ai.current_model_name(settings)
    if name == BUILTIN_NAME:
        return "SmolLM2 135M"
    if name:
        return next((m.label for m in nb.ai.catalogue() if m.name == name), name)
    if settings.provider == EMBEDDED:
        return settings.model_path
    return f"{settings.model or '-'} ({settings.base_url or settings.provider})"


# -- download a better model --------------------------------------------------------------

def _ordered(models: list[CatalogueModel]) -> list[CatalogueModel]:
    """Recommended first; in the Chinese interface, models that write Chinese before those that do not."""
    zh = current_language() == "zh"
    return sorted(models, key=lambda m: (not m.recommended, zh and not m.writes_chinese))


def _local(nb: Notebook, key: str) -> None:
    st.caption(t("models.panel.local_about"))
    models = _ordered(nb.ai.catalogue())
    by_name = {m.name: m for m in models}
    name = st.selectbox(t("models.panel.local_title"), list(by_name), key=_k(key, "model"),
                        format_func=lambda n: f"{by_name[n].label} · {by_name[n].download_size / GB:.1f} GB",
                        label_visibility="collapsed")
    model = by_name[name]
    st.markdown(model.describe(current_language()))
    st.caption(t("models.panel.local_size", size=f"{model.download_size / GB:.1f}", ram=f"{model.ram_gb:g}",
                 chinese=t(f"models.chinese.{model.chinese}"), licence=model.licence))
    st.caption(t("models.panel.local_integrity", how=model.describe_check(current_language())))
    status = nb.ai.download_status(model)
    installed = nb.ai.installed_path(model).is_file()
    if installed and (status is None or status.state not in (DOWNLOADING, VERIFYING)):
        _installed(nb, key, model)
    elif status is not None and status.state in (DOWNLOADING, VERIFYING):
        _progress(nb, key, model)
    else:
        if status is not None and status.state == PAUSED and status.done:
            st.info(t("models.panel.paused", done=f"{status.done / GB:.2f}"), icon=":material/pause_circle:")
        if status is not None and status.error and status.state != PAUSED:
            st.error(status.error, icon=":material/error:")
        source = _source_picker(nb, key, model)
        left, right = st.columns(2)
        resuming = status is not None and status.state == PAUSED and status.done > 0
        if left.button(t("models.panel.resume" if resuming else "models.panel.download"), key=_k(key, "download"),
                       type="primary", icon=":material/download:", disabled=source is None):
            try:
                nb.ai.start_download(model, source)
            except DuetError as exc:
                st.error(exc.message(), icon=":material/error:")
            else:
                st.rerun()
        if resuming and right.button(t("models.panel.cancel"), key=_k(key, "cancel_paused")):
            nb.ai.cancel_download(model)
            st.rerun()
    if installed:
        _taste_test(nb, key, model)


def _source_picker(nb: Notebook, key: str, model: CatalogueModel) -> Any:
    kinds = [kind for kind in SOURCES if kind != MODELSCOPE or model.sources.get(MODELSCOPE)]
    labels = {HUGGINGFACE: "models.panel.source_hf", MODELSCOPE: "models.panel.source_ms",
              MIRROR: "models.panel.source_mirror"}
    if current_language() == "zh" and MODELSCOPE in kinds and _k(key, "source") not in st.session_state:
        st.session_state[_k(key, "source")] = MODELSCOPE   # huggingface.co is often unreachable in mainland China
    kind = st.radio(t("models.panel.source"), kinds, key=_k(key, "source"), horizontal=True,
                    format_func=lambda k: t(labels[k]))
    try:
        if kind == MIRROR:
            url = st.text_input(t("models.panel.mirror_url"), key=_k(key, "mirror"), placeholder="https://hf-mirror.com")
            return nb.ai.download_source(url) if url.strip() else None
        return nb.ai.download_source(kind)
    except DuetError as exc:
        st.error(exc.message(), icon=":material/error:")
        return None


@st.fragment(run_every=PROGRESS_EVERY_SECONDS)
def _progress(nb: Notebook, key: str, model: CatalogueModel) -> None:
    """Reread the status file every second; the download itself is another process."""
    status = nb.ai.download_status(model)
    if status is None or status.state not in (DOWNLOADING, VERIFYING):
        st.rerun()   # finished, paused elsewhere or failed: the whole panel changes
        return
    if status.state == VERIFYING:
        st.progress(1.0, text=t("models.panel.verifying"))
    else:
        st.progress(status.fraction, text=t("models.panel.downloading", name=model.label,
                                            done=f"{status.done / GB:.2f}",
                                            total=f"{(status.total or model.download_size) / GB:.2f}"))
    left, right = st.columns(2)
    if left.button(t("models.panel.pause"), key=_k(key, "pause"), icon=":material/pause:"):
        nb.ai.pause_download(model)
        st.rerun(scope="app")
    if right.button(t("models.panel.cancel"), key=_k(key, "cancel"), icon=":material/close:"):
        nb.ai.cancel_download(model)
        st.rerun(scope="app")


def _installed(nb: Notebook, key: str, model: CatalogueModel) -> None:
    in_use = nb.ai.current_model_name() == model.name
    st.success(t("models.panel.ready"), icon=":material/verified:")
    free = nb.ai.available_ram_gb()
    if free < model.ram_gb:
        st.warning(t("models.panel.low_ram", available=f"{free:.1f}", needed=f"{model.ram_gb:g}"), icon=":material/memory:")
    left, right = st.columns(2)
    if left.button(t("models.panel.use"), key=_k(key, "use"), type="primary", disabled=in_use, icon=":material/check:"):
        try:
            nb.ai.use_model(model.name)
        except DuetError as exc:
            st.error(exc.message(), icon=":material/error:")
        else:
            _changed(t("models.panel.saved", name=model.label))
            st.rerun()
    if right.button(t("models.panel.remove"), key=_k(key, "remove"), disabled=in_use, icon=":material/delete:"):
        nb.ai.remove_model(model)
        st.rerun()
    if not nb.ai.is_verified(model):
        st.error(t("models.errors.not_verified", name=model.label), icon=":material/error:")


def _taste_test(nb: Notebook, key: str, model: CatalogueModel) -> None:
    with st.container(border=True):
        st.markdown(f"**{t('models.panel.taste_title')}**")
        st.caption(t("models.panel.taste_about"))
        prompt = st.text_input(t("models.panel.taste_prompt"), value=t("models.panel.taste_default"),
                               key=_k(key, "taste_prompt"))
        if st.button(t("models.panel.taste_run"), key=_k(key, "taste_run"), icon=":material/compare:"):
            candidate = replace(nb.ai.settings, provider=EMBEDDED, model_path=str(nb.ai.installed_path(model)))
            with st.spinner(t("ai.journal.thinking")):
                try:
                    now = nb.ai.taste(nb.ai.chat(app_secrets()), prompt)
                except DuetError as exc:
                    now = exc.message()
                later = nb.ai.taste(nb.ai.chat(app_secrets(), settings=candidate), prompt)
            st.session_state[_k(key, "taste")] = (now, later)
        result = st.session_state.get(_k(key, "taste"))
        if result:
            left, right = st.columns(2)
            left.markdown(f"**{t('models.panel.taste_current')}** · {_current_label(nb, nb.ai.settings)}")
            left.write(result[0])
            right.markdown(f"**{t('models.panel.taste_candidate')}** · {model.label}")
            right.write(result[1])


# -- a server already running here ---------------------------------------------------------

def _servers(nb: Notebook, key: str) -> None:
    st.caption(t("models.panel.server_about"))
    if st.button(t("models.panel.server_scan"), key=_k(key, "scan"), icon=":material/search:"):
        st.session_state[_k(key, "servers")] = [s.to_dict() for s in nb.ai.detect_local_servers()]
    found = st.session_state.get(_k(key, "servers"))
    if found is None:
        return
    if not found:
        st.info(t("models.panel.server_none"), icon=":material/info:")
    for n, data in enumerate(found):
        server = LocalServer(**data)
        st.markdown(t("models.panel.server_found", name=server.label, url=server.base_url, count=len(server.models)))
        for m, model in enumerate(server.models[:MAX_SERVER_MODELS]):
            if st.button(t("models.panel.server_use", model=model), key=_k(key, f"server_{n}_{m}")):
                nb.ai.use_local_server(server, model)
                _changed(t("models.panel.saved", name=model))
                st.rerun()


# -- a service -----------------------------------------------------------------------------

def _service_label(service: str) -> str:
    return OPENAI_PRESET.label if service == "openai" else PRESETS[service].label


def _services(nb: Notebook, key: str) -> None:
    st.caption(t("models.panel.service_about"))
    service = st.selectbox(t("models.panel.service_pick"), list(KEY_PAGES), key=_k(key, "service"),
                           format_func=_service_label)
    env = OPENAI_PRESET.key_env if service == "openai" else PRESETS[service].key_env
    st.markdown(t("models.panel.service_key_where", url=KEY_PAGES[service], env=env))
    found = nb.ai.find_key(env, app_secrets())
    if found:
        st.caption(t("ai.settings.key_found", env=env, masked=nb.ai.mask_key(found)))
    else:
        st.warning(t("ai.settings.key_missing", env=env), icon=":material/key:")
    if st.button(t("models.panel.service_test"), key=_k(key, "service_test"), icon=":material/network_check:",
                 disabled=not found):
        settings = nb.ai.service_settings(service)
        with st.spinner(t("ai.settings.testing")):
            result = nb.ai.check(settings, app_secrets())
        if result.ok:
            nb.ai.save(settings)
            _changed(t("models.panel.service_ok", name=_service_label(service),
                       seconds=nb.ai.format_seconds(result.latency_seconds), reply=result.reply))
            st.rerun()
        st.error(result.error or "", icon=":material/error:")


# -- the tiny built-in model ----------------------------------------------------------------

def _tiny(nb: Notebook, key: str) -> None:
    st.markdown(t("models.panel.tiny_about"))
    if current_language() == "zh":
        st.warning(t("models.panel.tiny_zh"), icon=":material/translate:")
    in_use = nb.ai.current_model_name() == BUILTIN_NAME
    if st.button(t("models.panel.tiny_use"), key=_k(key, "tiny"), disabled=in_use):
        nb.ai.use_model(BUILTIN_NAME)
        _changed(t("models.panel.saved", name="SmolLM2 135M"))
        st.rerun()
