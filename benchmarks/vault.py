"""What the vault costs: save, open and search at 10,000 entries, vault off vs on, in one run (#12).

Run: .venv/bin/python benchmarks/vault.py [--entries 10000] [--out DIR]
Builds one plain notebook, copies it and turns the vault on in the copy (timed),
then measures on both:
  save    one ``create_entry`` (fsync, index row), median of SAVES
  open    a fresh process opening the notebook (the vault's includes argon2id and
          loading the sealed index snapshot), median of OPENS
  search  ``nb.search`` over the queries, median per query over RUNS, in-process
  cli     a whole ``python -m journal search`` process, median of OPENS
and prints each figure with the on/off ratio (goals: search < 2x, open < 2 s).
When ``sqlcipher3`` is installed, the same index is also copied into an
encrypted SQLCipher file and its open and search are timed, the alternative
the vault did not take.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_speed import QUERIES, WORDS_EN, WORDS_ZH  # noqa: E402

PASSPHRASE = "benchmark-passphrase"
SAVES, RUNS, OPENS = 30, 7, 5
OPEN_SNIPPET = """
import sys, time
t = time.perf_counter()
from journal.notebook import Notebook
nb = Notebook.open(sys.argv[1], passphrase=sys.argv[2] or None)
nb.search("river", limit=20)
print(time.perf_counter() - t)
"""


def build(home: Path, count: int) -> None:
    import random
    from datetime import datetime, timedelta

    from journal.notebook import Notebook

    nb = Notebook.open(home)
    rng = random.Random(42)
    start = datetime(2016, 1, 1, 21, 0).astimezone()
    have = nb.count_entries()
    for first in range(have, count, 1000):
        nb.create_entries({"body": " ".join(rng.choice(WORDS_EN) for _ in range(60)) + "\n"
                           + "".join(rng.choice(WORDS_ZH) for _ in range(120)),
                           "title": f"Day {i}", "tags": [rng.choice(WORDS_EN)], "created": start + timedelta(hours=9 * i)}
                          for i in range(first, min(first + 1000, count)))


def median_seconds(action, times: int) -> float:
    found = []
    for _ in range(times):
        t = time.perf_counter()
        action()
        found.append(time.perf_counter() - t)
    return statistics.median(found)


def open_in_fresh_process(home: Path, passphrase: str) -> float:
    runs = [float(subprocess.run([sys.executable, "-c", OPEN_SNIPPET, str(home), passphrase], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1])
            for _ in range(OPENS)]
    return statistics.median(runs)


def cli_search(home: Path, passphrase: str) -> float:
    env = {**os.environ, "DUET_PASSPHRASE": passphrase} if passphrase else dict(os.environ)
    return median_seconds(lambda: subprocess.run([sys.executable, "-m", "journal", "--home", str(home), "search",
                                                  "river"], cwd=ROOT, env=env, check=True, capture_output=True), OPENS)


def measure(home: Path, passphrase: str) -> dict[str, float]:
    from journal.notebook import Notebook

    figures = {"open": open_in_fresh_process(home, passphrase), "cli search": cli_search(home, passphrase)}
    nb = Notebook.open(home, passphrase=passphrase or None)
    counter = iter(range(10**6))
    figures["save"] = median_seconds(lambda: nb.create_entry(f"benchmark save {next(counter)} 今天下雨"), SAVES)
    for query in QUERIES:
        figures[f"search {query}"] = median_seconds(lambda: nb.search(query, limit=20), RUNS)
    return figures


def sqlcipher_figures(plain_index: Path, folder: Path) -> dict[str, float] | None:
    """The index as an encrypted SQLCipher file: open (key + first query) and search, with Duet's own search SQL."""
    try:
        import sqlcipher3
    except ImportError:
        return None
    from journal.store import search

    target = folder / "index-sqlcipher.db"
    target.unlink(missing_ok=True)
    key = "x'" + "11" * 32 + "'"            # a raw 256-bit key, as the vault's data key would be given
    conn = sqlcipher3.connect(str(plain_index))
    conn.execute(f"ATTACH DATABASE '{target}' AS sealed KEY \"{key}\"")
    conn.execute("SELECT sqlcipher_export('sealed')")
    conn.execute("DETACH DATABASE sealed")
    conn.close()

    def open_and_query():
        c = sqlcipher3.connect(str(target))
        c.execute(f"PRAGMA key = \"{key}\"")
        c.execute("PRAGMA temp_store=MEMORY")
        c.execute("SELECT count(*) FROM entries").fetchone()
        return c

    figures = {"open": median_seconds(lambda: open_and_query().close(), OPENS)}
    c = open_and_query()
    c.row_factory = sqlcipher3.Row
    for query in QUERIES:
        figures[f"search {query}"] = median_seconds(lambda: search.search_entries(c, query, None, 20, 0), RUNS)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/vault")
    args = parser.parse_args()
    plain, sealed = args.out / "plain", args.out / "vault"
    t = time.perf_counter()
    build(plain, args.entries)
    print(f"plain notebook of {args.entries} entries ready in {time.perf_counter() - t:.1f}s")
    shutil.rmtree(sealed, ignore_errors=True)
    shutil.copytree(plain, sealed)

    from journal import vault
    from journal.notebook import Notebook
    from journal.store.sealed import drop_key

    t = time.perf_counter()
    vault.turn_on(sealed, PASSPHRASE, lambda _key: None)
    converted = time.perf_counter() - t
    t = time.perf_counter()
    Notebook.open(sealed).index.save_snapshot()
    first_index = time.perf_counter() - t
    drop_key(sealed)
    snapshot = (sealed / ".duet" / "index.sealed").stat().st_size
    print(f"vault on: {converted:.1f}s to encrypt the files, {first_index:.1f}s to build and seal the index "
          f"({snapshot / 1e6:.1f} MB)")

    off = measure(plain, "")
    drop_key(sealed)
    on = measure(sealed, PASSPHRASE)
    cipher = sqlcipher_figures(plain / ".duet" / "index.db", args.out)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{'measure':<22}{'vault off':>12}{'vault on':>12}{'ratio':>8}" + (f"{'SQLCipher':>12}" if cipher else ""))
    for name in off:
        row = f"{name:<22}{off[name] * 1000:>10.1f}ms{on[name] * 1000:>10.1f}ms{on[name] / off[name]:>7.2f}x"
        if cipher and name in cipher:
            row += f"{cipher[name] * 1000:>10.1f}ms"
        print(row)
    searches = [on[k] / off[k] for k in off if k.startswith("search ")]
    print(f"\nsearch ratio (median over queries): {statistics.median(searches):.2f}x (goal < 2x); "
          f"open with the vault: {on['open']:.2f}s (goal < 2 s); load average {load:.1f}")


if __name__ == "__main__":
    main()
