"""``python -m journal ai-check``: is the AI configured, reachable, and how fast is it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import emit
from journal.i18n import t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("ai-check", parents=[common], help=t("ai.check.help"), description=t("ai.check.description"))
    p.set_defaults(handler=cmd_ai_check)


def _human(result: Any) -> str:
    from journal.ai.check import format_seconds

    info = result.provider
    lines = [
        t("ai.check.provider", provider=t(f"ai.providers.{info.get('provider')}")),
        t("ai.check.base_url", base_url=info.get("base_url") or "-"),
        t("ai.check.model", model=info.get("model") or "-"),
    ]
    if info.get("key_env"):
        lines.append(t("ai.check.key", env=info["key_env"], masked=info.get("key") or t("ai.check.key_missing")))
    if result.startup_seconds is not None:
        lines.append(t("ai.check.startup", seconds=format_seconds(result.startup_seconds)))
    if not result.ok:
        return "\n".join(lines)
    tps = "-" if result.tokens_per_second is None else f"{result.tokens_per_second:.1f}"
    lines += [
        t("ai.check.reply", reply=result.reply or "-"),
        t("ai.check.latency", seconds=format_seconds(result.latency_seconds)),
        t("ai.check.first_token", seconds=format_seconds(result.time_to_first_token)),
        t("ai.check.speed", tokens=result.tokens, tps=tps),
        t("ai.check.ok"),
    ]
    return "\n".join(lines)


def cmd_ai_check(args: argparse.Namespace, open_notebook: Any) -> int:
    from journal.ai.check import run_check
    from journal.paths import resolve_home

    # Only settings.yaml is read: no index is opened, so the check works on any folder.
    result = run_check(resolve_home(args.home))
    emit(args, result.to_dict(), _human(result))
    if not result.ok:
        if not getattr(args, "json", False):
            print(t("cli.error", message=result.error), file=sys.stderr)
        return 1
    return 0
