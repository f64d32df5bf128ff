"""Shared AI fixtures: the embedded model started once per test session.

Import in a test file with ``from tests.fixtures_ai import embedded_chat  # noqa: F401``.
"""

from __future__ import annotations

import pytest

from journal.ai.chat import EmbeddedChat
from journal.ai.embedded import EMBEDDED_SERVER
from journal.ai.providers import AISettings


@pytest.fixture(scope="session")
def embedded_chat() -> EmbeddedChat:
    """The default embedded backend with its server already running (started once, stopped at the end)."""
    chat = EmbeddedChat(AISettings())
    chat.endpoint()
    yield chat
    EMBEDDED_SERVER.stop()
