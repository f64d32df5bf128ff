"""``python -m journal models list|download|use|remove``: better local models from the command line.

Progress goes to stderr (so ``--json`` output on stdout stays clean); a killed
``download`` resumes where it stopped the next time it runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, Callable

from journal.cli.output import emit
from journal.i18n import t

PROGRESS_EVERY_SECONDS = 1.0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("models", parents=[common], help=t("models.cli.help"), description=t("models.cli.description"))
    actions = p.add_subparsers(dest="models_action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help=t("models.cli.list")).set_defaults(handler=cmd_list)
    download = actions.add_parser("download", parents=[common], help=t("models.cli.download"))
    download.add_argument("name", metavar="NAME")
    download.add_argument("--source", default=None, metavar="huggingface|modelscope|URL", help=t("models.cli.source"))
    download.set_defaults(handler=cmd_download)
    use = actions.add_parser("use", parents=[common], help=t("models.cli.use"))
    use.add_argument("name", metavar="NAME")
    use.add_argument("--force", action="store_true", help=t("models.cli.force"))
    use.set_defaults(handler=cmd_use)
    remove = actions.add_parser("remove", parents=[common], help=t("models.cli.remove"))
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=cmd_remove)


def _home(args: argparse.Namespace):
    from journal.paths import resolve_home

    return resolve_home(args.home)


def _size(value: int | None) -> str:
    return "-" if not value else f"{value / 1024**3:.2f} GB"


def cmd_list(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.ai.models import model_rows

    rows = model_rows(_home(args))
    lines = []
    for row in rows:
        state = t("models.cli.in_use") if row.in_use else t("models.cli.installed") if row.installed else ""
        if row.download:
            state = t("models.cli.partial", state=row.download["state"], done=_size(row.download["done"]))
        lines.append(f"{row.name:<14} {row.label:<34} {_size(row.size):>8}  RAM {row.ram_gb or '-':>4} GB  "
                     f"{t('models.chinese.' + row.chinese)}  {state}".rstrip())
    emit(args, [row.to_dict() for row in rows], "\n".join(lines))
    return 0


def _progress_printer(label: str) -> Callable[[int, int | None], None]:
    last = [0.0]

    def show(done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY_SECONDS and not (total and done >= total):
            return
        last[0] = now
        percent = f"{100 * done / total:5.1f}%" if total else "     "
        sys.stderr.write(t("models.cli.progress", name=label, percent=percent, done=_size(done), total=_size(total))
                         + "\n")
        sys.stderr.flush()

    return show


def cmd_download(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.ai.catalogue import find_model
    from journal.ai.downloads import download_model, parse_source

    model = find_model(args.name)
    source = parse_source(args.source)
    path = download_model(model, source, on_progress=_progress_printer(model.name))
    emit(args, {"name": model.name, "path": str(path), "sha256": model.sha256, "source": source.label()},
         t("models.cli.downloaded", name=model.name, path=path))
    return 0


def cmd_use(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.ai.models import use_model

    settings = use_model(_home(args), args.name, force=args.force)
    emit(args, {"name": args.name, "model_path": settings.model_path or None}, t("models.cli.now_using", name=args.name))
    return 0


def cmd_remove(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.ai.catalogue import find_model
    from journal.ai.download_jobs import remove_model
    from journal.ai.models import current_model_name
    from journal.ai.providers import load_settings
    from journal.errors import InvalidInput

    model = find_model(args.name)
    if current_model_name(load_settings(_home(args))) == model.name:
        raise InvalidInput("models.errors.in_use", name=model.name)
    removed = remove_model(model)
    emit(args, {"name": model.name, "removed": removed},
         t("models.cli.removed" if removed else "models.cli.not_there", name=model.name))
    return 0
