"""Mutation run: would the tests notice if a promise broke? One exact text change per mutant.

Each mutant replaces one exact piece of source text (it must occur exactly
once, else the mutant is reported ``stale``: the code moved and the mutant
needs rewriting) in a scratch copy of the tree, runs the test files that guard
that promise, and restores the file. A mutant the tests fail on is ``killed``;
one they pass is ``survived``: either a missing test or a change that does not
matter (then say why in the closing note). Areas: atomic save, search, the
story lock, redaction, sanitising, crisis levels, cards, importers, the
Settings page.

    .venv/bin/python benchmarks/mutation.py                 # every mutant, on the working tree
    .venv/bin/python benchmarks/mutation.py --ref main      # the tests as they are on main
    .venv/bin/python benchmarks/mutation.py --only search_or_between_terms --keep

Not part of ``make test``: a full run takes 15-40 minutes on two busy cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Mutant:
    area: str
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTANTS = [
    # --- atomic save --------------------------------------------------------------------------
    Mutant("atomic save", "batched_writer_writes_in_place", "journal/store/atomic.py",
           "fd, tmp_name = _temp_beside(current)",
           "fd, tmp_name = os.open(current, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), str(current)",
           ("tests/test_storage.py",)),
    Mutant("atomic save", "single_writer_writes_in_place", "journal/store/atomic.py",
           "fd, tmp_name = _temp_beside(path)",
           "fd, tmp_name = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), str(path)",
           ("tests/test_storage.py",)),
    Mutant("atomic save", "failed_batch_leaves_temp_files", "journal/store/atomic.py",
           "        for tmp_name, _ in pending[renamed:]:\n            _remove_quietly(tmp_name)\n",
           "        pass\n", ("tests/test_storage.py",)),
    # --- search -------------------------------------------------------------------------------
    Mutant("search", "or_between_long_terms", "journal/store/search.py",
           'match = " AND ".join(fts_phrase(t) for t in long_terms)',
           'match = " OR ".join(fts_phrase(t) for t in long_terms)', ("tests/test_search.py",)),
    Mutant("search", "short_terms_not_matched_in_titles", "journal/store/search.py",
           "(e.title LIKE ? ESCAPE '\\\\' OR e.body LIKE", "(e.body LIKE ? ESCAPE '\\\\' OR e.body LIKE",
           ("tests/test_search.py",)),
    Mutant("search", "short_terms_not_matched_in_tags", "journal/store/search.py",
           "OR e.tags_text LIKE ? ESCAPE", "OR e.body LIKE ? ESCAPE", ("tests/test_search.py",)),
    Mutant("search", "or_between_short_terms", "journal/store/search.py",
           "{' AND '.join(where)} \"", "{' OR '.join(where)} \"",
           ("tests/test_search.py",)),
    # --- the story lock -----------------------------------------------------------------------
    Mutant("story lock", "story_lock_is_a_no_op", "journal/stories/store.py",
           "        return self.nb.lock\n", "        import contextlib\n        return contextlib.nullcontext()\n",
           ("tests/test_story_store.py",)),
    # --- redaction ----------------------------------------------------------------------------
    Mutant("redaction", "emails_not_found", "journal/share/privacy.py",
           "return [m.span() for m in _EMAIL.finditer(text)]", "return []", ("tests/test_privacy.py",)),
    Mutant("redaction", "phones_not_found", "journal/share/privacy.py",
           '"phone": _find_phones,', '"phone": lambda text: [],', ("tests/test_privacy.py",)),
    # --- sanitising ---------------------------------------------------------------------------
    Mutant("sanitising", "html_not_cleaned", "journal/rendering.py",
           "    return nh3.clean(html, tags=tags, attributes=attributes, url_schemes=URL_SCHEMES,\n"
           '                     link_rel="noopener noreferrer nofollow", url_relative=relative)',
           "    return html", ("tests/test_rendering.py", "tests/test_share_export.py")),
    # --- crisis levels ------------------------------------------------------------------------
    Mutant("crisis levels", "someone_else_not_downgraded", "journal/safety/assess.py",
           'if subject == "third":', 'if subject == "nobody":', ("tests/test_safety.py", "tests/test_safety_exact.py")),
    Mutant("crisis levels", "jokes_not_softened", "journal/safety/assess.py",
           "        level, softened = _one_lower(level), True", "        softened = True",
           ("tests/test_safety.py", "tests/test_safety_exact.py")),
    Mutant("crisis levels", "past_not_softened", "journal/safety/assess.py",
           "past = any(c.past.search(_clause_around(sentence, m.start(), m.end())) for c in CONTEXTS)",
           "past = False", ("tests/test_safety.py", "tests/test_safety_exact.py")),
    Mutant("crisis levels", "negation_ignored", "journal/safety/assess.py",
           "    if ctx.negation.search(_A_NOT_A.sub(r\"\\1\", clause_before)):\n        return None\n", "", ("tests/test_safety.py", "tests/test_safety_exact.py")),
    # --- cards --------------------------------------------------------------------------------
    Mutant("cards", "emoji_fonts_removed", "journal/share/fonts.py",
           'names = ("NotoEmoji[wght].ttf", "NotoSansSymbols[wght].ttf", "NotoSans[wght].ttf")',
           'names = ("NotoSansSymbols[wght].ttf", "NotoSans[wght].ttf")', ("tests/test_cards.py",)),
    Mutant("cards", "fallback_font_never_chosen", "journal/share/fonts.py",
           "            if code in face.coverage:\n                return i\n", "", ("tests/test_cards.py",)),
    # --- importers ----------------------------------------------------------------------------
    Mutant("importers", "zip_symlinks_accepted", "journal/importers/sources.py",
           "    if mode and stat.S_ISLNK(mode):\n        return None\n", "", ("tests/test_export.py",)),
    Mutant("importers", "zip_parent_paths_accepted", "journal/importers/sources.py",
           'if normal in (".", "") or normal.startswith("../") or normal == "..":',
           'if normal in (".", ""):', ("tests/test_export.py", "tests/test_hostile_imports.py")),
    Mutant("importers", "restored_settings_may_carry_secrets", "journal/importers/zip_backup.py",
           "if relative == SETTINGS_FILE and not _settings_ok(data):",
           "if relative == SETTINGS_FILE and not _settings_ok(data) and False:", ("tests/test_export.py",)),
    Mutant("importers", "markdown_id_not_renamed", "journal/importers/markdown_folder.py",
           '"id": "original_id"', '"id": "id"', ("tests/test_import_markdown.py",)),
    # --- the Settings page --------------------------------------------------------------------
    Mutant("settings page", "language_choice_never_saved", "ui/settings/general.py",
           "    nb.save_general(language=st.session_state[LANGUAGE_KEY] or None)\n", "    pass\n",
           ("tests/test_data_settings.py",)),
    Mutant("settings page", "rebuild_index_calls_sync", "ui/settings/general.py",
           "report = nb.reindex()", "report = nb.sync()", ("tests/test_data_settings.py",)),
    Mutant("settings page", "zip_download_empty", "ui/settings/data.py",
           'data=_deferred(lambda: nb.backup_bytes("zip"))', 'data=_deferred(lambda: b"")', ("tests/test_data_settings.py",)),
    Mutant("settings page", "json_download_empty", "ui/settings/data.py",
           'data=_deferred(lambda: nb.backup_bytes("json"))', 'data=_deferred(lambda: b"")', ("tests/test_data_settings.py",)),
    Mutant("settings page", "markdown_download_empty", "ui/settings/data.py",
           'data=_deferred(lambda: nb.backup_bytes("markdown"))', 'data=_deferred(lambda: b"")',
           ("tests/test_data_settings.py",)),
    Mutant("settings page", "secrets_toml_never_read", "ui/streaming.py",
           "if st.secrets.load_if_toml_exists():", "if False:", ("tests/test_data_settings.py", "tests/test_ai_ui.py")),
]


def copy_tree(ref: str | None, dest: Path) -> None:
    """The tracked files of the working tree (``ref`` None) or of a commit, plus the shared virtualenv."""
    if ref:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    else:
        listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                                check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file() and not source.is_symlink():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
    venv = (ROOT / ".venv").resolve()
    (dest / ".venv").symlink_to(venv)


def run_mutant(tree: Path, mutant: Mutant) -> tuple[str, float]:
    path = tree / mutant.path
    if not path.exists():
        return "stale", 0.0
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return "stale", 0.0
    tests = [t for t in mutant.tests if (tree / t).exists()]   # a tree from before a test file existed
    if not tests:
        return "stale", 0.0
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    started = time.monotonic()
    try:
        done = subprocess.run([str(tree / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-x", "-p", "no:randomly",
                               "-p", "no:cacheprovider", *tests], cwd=tree, capture_output=True,
                              timeout=TEST_TIMEOUT_SECONDS, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        outcome = "survived" if done.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        outcome = "killed"   # a hang is noticed too
    finally:
        path.write_text(original, encoding="utf-8")
    return outcome, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="git ref whose files to mutate and test (default: the working tree)")
    parser.add_argument("--only", action="append", default=[], help="run only this mutant (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the scratch tree")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.only or m.name in args.only]
    if args.list:
        for m in chosen:
            print(f"{m.area:14} {m.name:40} {m.path}")
        return 0
    tree = Path(tempfile.mkdtemp(prefix="duet-mutation-"))
    results = []
    try:
        copy_tree(args.ref, tree)
        for mutant in chosen:
            outcome, seconds = run_mutant(tree, mutant)
            results.append({"area": mutant.area, "name": mutant.name, "outcome": outcome, "seconds": round(seconds, 1)})
            if not args.json:
                print(f"{outcome:9} {mutant.area:14} {mutant.name:40} {seconds:6.1f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tree, ignore_errors=True)
    counts = {k: sum(r["outcome"] == k for r in results) for k in ("killed", "survived", "stale")}
    if args.json:
        print(json.dumps({"results": results, **counts}, indent=2))
    else:
        print(f"\n{counts['killed']} killed, {counts['survived']} survived, {counts['stale']} stale "
              f"of {len(results)} mutants")
    return 0 if counts["survived"] == 0 and counts["stale"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
