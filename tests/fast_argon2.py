"""argon2id at test strength: the real hash with tiny costs, so a hundred checks take a second, not minutes.

The product's costs (argon2-cffi's defaults, 64 MiB and 3 passes) are what make
a guess slow; the tests check behaviour, not that argon2 is expensive. A hash
records its own costs, so a server started by a test verifies it the same way.
"""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> PasswordHasher:
    import journal.applock

    monkeypatch.setattr(journal.applock, "_hasher", CHEAP)
    return CHEAP
