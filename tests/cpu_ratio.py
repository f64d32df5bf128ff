"""Paired CPU-time ratios for the suite's speed guards.

The machines are shared and noisy: wall time measures the neighbours too, and a second run in a row is a little
cheaper than the first (warm caches). So a guard compares CPU time of this process, in pairs that take either order
in turn, and asserts on the median ratio.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

Setting = TypeVar("Setting")


def cpu_seconds(action: Callable[[], object]) -> float:
    """CPU time of this process spent in ``action`` (threads included; child processes not)."""
    started = time.process_time()
    action()
    return time.process_time() - started


def median_cpu_ratio(run: Callable[[Setting], object], measured: Setting, baseline: Setting, pairs: int) -> float:
    """Median over ``pairs`` of CPU(run(measured)) / CPU(run(baseline)), the two taking either order in turn."""
    ratios = []
    for pair in range(pairs):
        if pair % 2:
            first = cpu_seconds(lambda: run(measured))
            ratios.append(first / cpu_seconds(lambda: run(baseline)))
        else:
            first = cpu_seconds(lambda: run(baseline))
            ratios.append(cpu_seconds(lambda: run(measured)) / first)
    return statistics.median(ratios)
