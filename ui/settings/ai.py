"""The AI section of the Settings page: which model answers, how it samples, and a one-click test.

Keys are never typed here: the page names the environment variable (or
``.streamlit/secrets.toml`` entry) each provider reads and shows the key it
finds masked (``sk-…abcd``), because settings.yaml travels with the notebook.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from journal.ai.model import (
    DEFAULT_PRESET, EMBEDDED, MAX_CONTEXT_SIZE, MAX_PENALTY, MAX_REPEAT_PENALTY, MAX_REPLY_TOKENS, MAX_TEMPERATURE,
    MAX_THREADS, MAX_TIMEOUT_SECONDS, MAX_TOP_P, MIN_CONTEXT_SIZE, MIN_PENALTY, MIN_REPEAT_PENALTY, MIN_TEMPERATURE,
    MIN_TIMEOUT_SECONDS, MIN_TOP_P, OPENAI, OPENAI_PRESET, PRESETS, PROVIDER_KINDS, AISettings, CheckResult, Preset,
)
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.model_choice import AI_FORM_PREFIX as PREFIX
from ui.streaming import app_secrets

CONTEXT_STEP = 512
TEMPERATURE_STEP = 0.05
PENALTY_STEP = 0.01
CHECK_KEY = PREFIX + "check"
STORE_KEY = PREFIX + "store"
FIELDS = tuple(field.name for field in dataclasses.fields(AISettings))


def _key(name: str) -> str:
    return PREFIX + name


def _load_into_widgets(nb: Notebook) -> None:
    """Fill the widgets from a per-session copy of the settings, read from settings.yaml on the first run only.

    Streamlit forgets the state of widgets that a run does not draw (the
    embedded fields while OpenAI is chosen), so values live in STORE_KEY and
    are put back into any widget key that was dropped.
    """
    store = st.session_state.get(STORE_KEY)
    if store is None:
        settings = nb.ai.settings
        store = st.session_state[STORE_KEY] = {name: getattr(settings, name) for name in FIELDS}
    for name in FIELDS:
        if _key(name) not in st.session_state:
            st.session_state[_key(name)] = store.get(name)


def _widget_values() -> dict[str, Any]:
    """What is on screen now, with fields not drawn in this run taken from the session copy."""
    store = st.session_state.setdefault(STORE_KEY, {})
    for name in FIELDS:
        if _key(name) in st.session_state:
            store[name] = st.session_state[_key(name)]
    return dict(store)


def render_ai_settings(nb: Notebook) -> None:
    """Draw the provider section; saving validates everything and writes settings.yaml (section ``ai``)."""
    _load_into_widgets(nb)
    provider = st.radio(t("ai.settings.provider"), PROVIDER_KINDS, key=_key("provider"),
                        format_func=lambda kind: t(f"ai.providers.{kind}"), horizontal=True)
    st.caption(t(f"ai.settings.about_{provider}"))
    if provider == EMBEDDED:
        _embedded_fields(nb)
    elif provider == OPENAI:
        _openai_fields(nb)
    else:
        _compatible_fields(nb)
    _sampling_fields(provider)
    _widget_values()  # remember this run's values before any field disappears
    save, test = st.columns(2)
    if save.button(t("ai.settings.save"), type="primary", key=_key("save"), icon=":material/save:"):
        _save(nb)
    if test.button(t("ai.settings.test"), key=_key("test"), icon=":material/network_check:"):
        _test(nb)
    result = st.session_state.get(CHECK_KEY)
    if isinstance(result, CheckResult):
        _show_check(nb, result)


def _embedded_fields(nb: Notebook) -> None:
    builtin = nb.ai.builtin_model_path()
    st.text_input(t("ai.settings.model_path"), key=_key("model_path"),
                  placeholder=str(builtin) if builtin else "", help=t("ai.settings.model_path_help"))
    left, right = st.columns(2)
    left.number_input(t("ai.settings.context_size"), min_value=MIN_CONTEXT_SIZE, max_value=MAX_CONTEXT_SIZE,
                      step=CONTEXT_STEP, key=_key("context_size"), help=t("ai.settings.context_size_help"))
    right.number_input(t("ai.settings.threads"), min_value=0, max_value=MAX_THREADS, step=1, key=_key("threads"),
                       help=t("ai.settings.threads_help", auto=nb.ai.default_threads()))


def _openai_fields(nb: Notebook) -> None:
    st.text_input(t("ai.settings.model"), key=_key("model"), placeholder=OPENAI_PRESET.model)
    st.text_input(t("ai.settings.base_url"), key=_key("base_url"), placeholder=OPENAI_PRESET.base_url,
                  help=t("ai.settings.base_url_openai_help"))
    _key_status(nb, OPENAI_PRESET)


def _compatible_fields(nb: Notebook) -> None:
    if st.session_state.get(_key("preset")) not in PRESETS:
        st.session_state[_key("preset")] = DEFAULT_PRESET
    preset_id = st.selectbox(t("ai.settings.preset"), list(PRESETS), key=_key("preset"),
                             format_func=lambda p: PRESETS[p].label or t("ai.settings.custom"))
    preset = PRESETS[preset_id]
    st.text_input(t("ai.settings.base_url"), key=_key("base_url"), placeholder=preset.base_url or "http://…/v1",
                  help=t("ai.settings.base_url_help"))
    st.text_input(t("ai.settings.model"), key=_key("model"), placeholder=preset.model)
    _key_status(nb, preset)


def _key_status(nb: Notebook, preset: Preset) -> None:
    env = preset.key_env
    if not env:
        return
    found = nb.ai.find_key(env, app_secrets())
    if found:
        st.caption(t("ai.settings.key_found", env=env, masked=nb.ai.mask_key(found)))
    elif preset.key_required:
        st.warning(t("ai.settings.key_missing", env=env), icon=":material/key:")
    else:
        st.caption(t("ai.settings.key_optional", env=env))


def _sampling_fields(provider: str) -> None:
    """The model's own defaults (measured for the built-in one, from the catalogue for a download) as placeholders."""
    model_path = st.session_state.get(_key("model_path")) or ""
    defaults = AISettings(provider=provider, model_path=model_path).model_sampling()
    with st.expander(t("ai.settings.sampling")):
        st.caption(t("ai.settings.sampling_help"))
        st.number_input(t("ai.settings.temperature"), min_value=MIN_TEMPERATURE, max_value=MAX_TEMPERATURE,
                        step=TEMPERATURE_STEP, key=_key("temperature"),
                        placeholder=str(defaults.temperature))
        st.number_input(t("ai.settings.reply_length"), min_value=1, max_value=MAX_REPLY_TOKENS, step=50,
                        key=_key("reply_length"), placeholder=str(defaults.max_tokens))
        st.number_input(t("ai.settings.repeat_penalty"), min_value=MIN_REPEAT_PENALTY, max_value=MAX_REPEAT_PENALTY,
                        step=PENALTY_STEP, key=_key("repeat_penalty"),
                        placeholder=str(defaults.repeat_penalty or "-"), help=t("ai.settings.repeat_penalty_help"))
        left, right, third = st.columns(3)
        left.number_input(t("ai.settings.top_p"), min_value=MIN_TOP_P, max_value=MAX_TOP_P, step=TEMPERATURE_STEP,
                          key=_key("top_p"), placeholder=str(defaults.top_p or "-"))
        right.number_input(t("ai.settings.frequency_penalty"), min_value=MIN_PENALTY, max_value=MAX_PENALTY,
                           step=TEMPERATURE_STEP, key=_key("frequency_penalty"),
                           placeholder=str(defaults.frequency_penalty or "-"))
        third.number_input(t("ai.settings.presence_penalty"), min_value=MIN_PENALTY, max_value=MAX_PENALTY,
                           step=TEMPERATURE_STEP, key=_key("presence_penalty"),
                           placeholder=str(defaults.presence_penalty or "-"))
        st.text_area(t("ai.settings.stop"), key=_key("stop"), placeholder="\n".join(defaults.stop),
                     help=t("ai.settings.stop_help"), height=90)
        st.number_input(t("ai.settings.timeout"), min_value=MIN_TIMEOUT_SECONDS, max_value=MAX_TIMEOUT_SECONDS,
                        step=5.0, key=_key("timeout_seconds"))


def _save(nb: Notebook) -> None:
    """Save only settings that can work: a missing key or model file is said here, and nothing is written."""
    try:
        settings = AISettings.from_dict(_widget_values(), strict=True)
        nb.ai.check_usable(settings, app_secrets())
        nb.ai.save(settings)
    except DuetError as exc:
        st.error(exc.message(), icon=":material/error:")
    else:
        st.session_state.pop(CHECK_KEY, None)
        st.success(t("ai.settings.saved"), icon=":material/check:")


def _test(nb: Notebook) -> None:
    """Test what is on screen (saved or not), so a person can try a provider before keeping it."""
    try:
        settings = AISettings.from_dict(_widget_values(), strict=True)
    except DuetError as exc:
        st.error(exc.message(), icon=":material/error:")
        return
    with st.spinner(t("ai.settings.testing")):
        st.session_state[CHECK_KEY] = nb.ai.check(settings, app_secrets())


def _show_check(nb: Notebook, result: CheckResult) -> None:
    if not result.ok:
        st.error(result.error or "", icon=":material/error:")
        return
    st.success(t("ai.settings.test_ok", reply=result.reply), icon=":material/check_circle:")
    cols = st.columns(3)
    cols[0].metric(t("ai.settings.first_token"), nb.ai.format_seconds(result.time_to_first_token))
    cols[1].metric(t("ai.settings.speed"), "-" if result.tokens_per_second is None else f"{result.tokens_per_second:.0f}")
    cols[2].metric(t("ai.settings.latency"), nb.ai.format_seconds(result.latency_seconds))
