"""`make bench`: Duet at 10, 10,000 and 100,000 entries, beside jrnl and the raw model server.

Run: .venv/bin/python benchmarks/bench.py [--sizes 10,10000,100000] [--only search,pages,...]
Writes benchmarks/results.json and prints a table. Every figure is a median (and
p95 where a person would feel the tail); comparisons (Duet against jrnl, the
client against raw HTTP) are interleaved pairs, reported as the median of the
per-pair ratios, so that a noisy, shared machine slows both sides alike.
Notebooks are built once under benchmarks/out/ and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "results.json"
JRNL_VENV = ROOT / "benchmarks" / ".jrnl-venv"
JRNL_VERSION = "4.2.1"
CODE = Path(os.environ.get("DUET_BENCH_CODE", ROOT))  # the checkout being measured (a "before" copy works too)
sys.path.insert(0, str(CODE))
sys.path.insert(1, str(ROOT))

from benchmarks import data  # noqa: E402

SEARCH_RUNS = 25
CLICK_RUNS = 7
PAIRS = 5
CLI_SIZES = (10_000, 100_000)  # whole-process search beside jrnl: where the difference is felt


RSS_HELPER = """
def rss_mb(field="VmHWM"):
    # /proc, not getrusage: a child's ru_maxrss starts at its parent's size when forked.
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def python_env() -> dict[str, str]:
    # DUET_WELCOME=0: the seeded notebooks never chose a model, and the welcome page would stand in for every page.
    return {**os.environ, "PYTHONPATH": str(CODE), "DUET_LANG": "en", "DUET_WELCOME": "0"}


def run_python(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter on the measured checkout; it prints one JSON object."""
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=CODE, env=python_env(), check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def notebook_home(size: int) -> Path:
    return OUT / f"nb-{size}"


def ensure_files(size: int) -> Path:
    """The seeded markdown files for ``size`` entries (written once, reused)."""
    home = notebook_home(size)
    marker = home / ".bench-complete"
    if not marker.exists():
        shutil.rmtree(home, ignore_errors=True)
        data.write_notebook(home, data.entries(size))
        marker.write_text("ok")
    return home


REINDEX_CODE = RSS_HELPER + """
import json, sys, time
from journal.notebook import Notebook
nb = Notebook(sys.argv[1])
t, cpu = time.perf_counter(), time.process_time()
report = nb.reindex()
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "cpu_seconds": time.process_time() - cpu, "indexed": report.indexed,
                  "peak_rss_mb": rss_mb()}))
"""


def bench_reindex(size: int) -> dict[str, Any]:
    home = ensure_files(size)
    result = run_python(REINDEX_CODE, str(home))
    # CPU time too: on a shared machine the wall clock measures the neighbours as much as the work.
    return {"files_per_s": round(result["indexed"] / result["seconds"]), "seconds": round(result["seconds"], 2),
            "files_per_cpu_s": round(result["indexed"] / max(result["cpu_seconds"], 1e-9)),
            "peak_rss_mb": round(result["peak_rss_mb"])}


def ready_notebook(size: int) -> Path:
    home = ensure_files(size)
    if not (home / ".duet" / "index.db").exists():
        run_python(REINDEX_CODE, str(home))
    return home


def bench_search(size: int) -> dict[str, Any]:
    from journal.notebook import Notebook

    nb = Notebook.open(ready_notebook(size), sync=False)
    out = {}
    for name, query in data.QUERIES:
        nb.search(query, limit=21)  # warm the page cache: a person's second search, not the first after boot
        times = []
        for _ in range(SEARCH_RUNS):
            t = time.perf_counter()
            nb.search(query, limit=21)
            times.append(time.perf_counter() - t)
        out[name] = {"query": query, "p50_ms": ms(statistics.median(times)), "p95_ms": ms(percentile(times, 0.95))}
    nb.index.close()
    return out


# --- page clicks (AppTest) ------------------------------------------------------------

def _apptest(home: Path, page: str):
    from streamlit.testing.v1 import AppTest

    os.environ["DUET_HOME"] = str(home)
    os.environ["DUET_LANG"] = "en"
    os.environ["DUET_WELCOME"] = "0"
    at = AppTest.from_file(str(CODE / "app.py"), default_timeout=120)
    at.run()
    if page != "journal":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _time_clicks(at, clicks: dict[str, Callable[[Any], Any]]) -> dict[str, float]:
    medians = {}
    for name, click in clicks.items():
        times = []
        for _ in range(CLICK_RUNS):
            t = time.perf_counter()
            click(at)
            times.append(time.perf_counter() - t)
            assert not at.exception, (name, at.exception)
        medians[name] = ms(statistics.median(times))
    return medians


def _journal_clicks() -> dict[str, Callable[[Any], Any]]:
    def toggle_starred(at):
        box = at.checkbox(key="journal_starred")
        box.set_value(not box.value).run()

    def search(at):
        box = at.text_input(key="journal_query")
        box.set_value("" if box.value else "coffee").run()

    def tag(at):
        box = at.selectbox(key="journal_tag")
        box.set_value("" if box.value else "love").run()

    return {"rerun": lambda at: at.run(), "starred_only": toggle_starred, "search": search, "tag_filter": tag}


def bench_pages(size: int) -> dict[str, Any]:
    import streamlit as st

    home = ready_notebook(size)
    out: dict[str, Any] = {}
    for page, clicks in (("journal", _journal_clicks()), ("insights", {"rerun": lambda at: at.run()}),
                         ("share", {"rerun": lambda at: at.run()}), ("stories", {"rerun": lambda at: at.run()})):
        st.cache_resource.clear()
        try:
            at = _apptest(home, page)
            out[page] = _time_clicks(at, clicks)
        except Exception as exc:  # noqa: BLE001 - a page that fails is a result, not the end of the run
            out[page] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    return out


# --- CLI: quick sync and search beside jrnl -------------------------------------------

QUICKSYNC_CODE = RSS_HELPER + """
import json, sys, time
from journal.notebook import Notebook
nb = Notebook(sys.argv[1])
nb.index.connection()
rss1 = rss_mb()
t = time.perf_counter()
report = nb.sync(quick=True)
print(json.dumps({"seconds": time.perf_counter() - t, "indexed": report.indexed,
                  "rss_before_mb": rss1, "rss_after_mb": rss_mb()}))
"""


def bench_quicksync(size: int) -> dict[str, Any]:
    home = ready_notebook(size)
    run_python(QUICKSYNC_CODE, str(home))  # settle anything pending
    target = next((home / "journal").rglob("*.md"))
    runs = []
    for n in range(5):
        text = target.read_text(encoding="utf-8")
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text.rstrip("\n") + f"\n\nedited {n}\n", encoding="utf-8")
        os.replace(tmp, target)  # a save by rename, as Duet and most editors do
        runs.append(run_python(QUICKSYNC_CODE, str(home)))
    assert all(r["indexed"] == 1 for r in runs), runs
    return {"seconds_p50": round(statistics.median(r["seconds"] for r in runs), 4),
            "rss_before_mb": round(statistics.median(r["rss_before_mb"] for r in runs)),
            "rss_after_mb": round(statistics.median(r["rss_after_mb"] for r in runs))}


def jrnl_binary() -> Path:
    binary = JRNL_VENV / "bin" / "jrnl"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "--quiet", f"jrnl=={JRNL_VERSION}"], check=True)
    return binary


def bench_cli(size: int) -> dict[str, Any]:
    home = ready_notebook(size)
    config = OUT / f"jrnl-{size}" / "jrnl.yaml"
    if not config.exists():
        data.write_jrnl(config.parent, data.entries(size))
    jrnl = jrnl_binary()
    env = {**python_env(), "XDG_CONFIG_HOME": str(config.parent / "xdg")}
    out = {}
    for name, query in (("en_common", "coffee"), ("en_rare", "zephyr"), ("zh_2char_rare", "琥珀")):
        ratios, duet_times, jrnl_times = [], [], []
        for _ in range(PAIRS):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "journal", "search", "--home", str(home), "-n", "20", query],
                           cwd=CODE, env=env, check=True, capture_output=True)
            duet = time.perf_counter() - t
            t = time.perf_counter()
            subprocess.run([str(jrnl), "--config-file", str(config), "-contains", query, "-n", "20"],
                           env=env, check=True, capture_output=True)
            other = time.perf_counter() - t
            duet_times.append(duet)
            jrnl_times.append(other)
            ratios.append(other / duet)
        out[name] = {"duet_ms": ms(statistics.median(duet_times)), "jrnl_ms": ms(statistics.median(jrnl_times)),
                     "jrnl_over_duet": round(statistics.median(ratios), 1)}
    return out


def bench_first_start(size: int) -> dict[str, Any]:
    """A fresh `streamlit run` to the first page of entries drawn in Chromium; then the server's RSS."""
    home = ready_notebook(size)
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, free_port

    if CHROMIUM is None:
        return {"error": "chromium is not installed"}
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true"], cwd=CODE, env={**python_env(), "DUET_HOME": str(home)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            deadline = time.monotonic() + 300
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}", timeout=5000)
                    break
                except Exception:  # noqa: BLE001 - the server is still starting
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            page.get_by_role("button", name="Open").first.wait_for(timeout=300_000)
            first = time.perf_counter() - started
            for _ in range(3):  # a few clicks, so the RSS is that of a page in use
                page.get_by_role("checkbox", name="Starred only").click()
                page.wait_for_timeout(1500)
            browser.close()
        rss = 0.0
        for line in Path(f"/proc/{server.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
        return {"first_start_s": round(first, 2), "streamlit_rss_mb": round(rss)}
    finally:
        server.terminate()
        server.wait(timeout=20)


# The repository's single-purpose benchmarks, run as they are and recorded (one home for each measurement).
SCRIPTS = {
    "share": ["benchmarks/share_cards.py", "10"],
    "prompt": ["benchmarks/story_page.py"],    # opens and sends on a 2,000-turn story: prompt assembly included
    "model": ["benchmarks/ai_latency.py", "--rounds", "5", "--json"],
}


def bench_script(section: str) -> dict[str, Any]:
    try:
        out = subprocess.run([sys.executable, *SCRIPTS[section]], cwd=CODE, env=python_env(), capture_output=True,
                             text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return {"error": "timed out after 600 s"}
    text = out.stdout.strip()
    try:
        return {"report": json.loads(text)}
    except ValueError:
        return {"lines": text.splitlines()[-12:], **({"error": out.stderr[-500:]} if out.returncode else {})}


BENCHES: dict[str, Callable[[int], dict[str, Any]]] = {
    "reindex": bench_reindex, "search": bench_search, "pages": bench_pages, "quicksync": bench_quicksync,
    "cli": bench_cli, "first_start": bench_first_start,
}
ONCE = ("share", "prompt", "model")  # do not depend on the notebook's size


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "system": platform.platform(),
            "load_at_start": [round(x, 2) for x in load]}


def table(results: dict[str, Any]) -> str:
    """The figures the issue sets targets for, one row each, one column per size."""
    sizes = list(results["sizes"])

    def cell(size: str, pick: Callable[[dict[str, Any]], Any]) -> str:
        try:
            value = pick(results["sizes"][size])
        except (KeyError, TypeError, ValueError):
            return ""
        return str(value)

    def worst_click(page: str) -> Callable[[dict[str, Any]], Any]:
        return lambda r: f"{max(v for v in r['pages'][page].values()):.0f} ms"

    rows = [
        ("Journal page, slowest click (median)", worst_click("journal"), "<150 ms, 100k within 1.5x of 10"),
        ("Insights page rerun", worst_click("insights"), "<150 ms"),
        ("Share page rerun", worst_click("share"), "<150 ms"),
        ("Stories page rerun (no story open)", worst_click("stories"), "<150 ms"),
        ("search p95, worst query class", lambda r: "{:.1f} ms ({})".format(
            *max((v["p95_ms"], k) for k, v in r["search"].items())), "<20 ms"),
        *[(f"search p50 / p95: {name} `{query}`",
           (lambda n: lambda r: f"{r['search'][n]['p50_ms']:.1f} / {r['search'][n]['p95_ms']:.1f} ms")(name), "")
          for name, query in data.QUERIES],
        ("reindex", lambda r: f"{r['reindex']['files_per_s']} files/s, {r['reindex']['peak_rss_mb']} MB",
         ">=2,000 files/s"),
        ("first start to rendered list", lambda r: f"{r['first_start']['first_start_s']} s", "<2 s"),
        ("Streamlit RSS after clicks", lambda r: f"{r['first_start']['streamlit_rss_mb']} MB", "<400 MB"),
        ("CLI quick sync after one saved file", lambda r: f"{r['quicksync']['seconds_p50'] * 1000:.0f} ms, "
         f"RSS {r['quicksync']['rss_before_mb']}->{r['quicksync']['rss_after_mb']} MB", "<100 ms"),
        ("CLI search vs `jrnl -contains` (jrnl time / Duet time)", lambda r: ", ".join(
            f"{k} {v['jrnl_over_duet']}x" for k, v in r["cli"].items()), ">=10x"),
    ]
    lines = ["| what | " + " | ".join(f"{int(s):,}" for s in sizes) + " | target |",
             "|---|" + "---|" * len(sizes) + "---|"]
    for label, pick, target in rows:
        cells = [cell(size, pick) for size in sizes]
        if any(cells):
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,10000,100000")
    parser.add_argument("--only", default=",".join([*BENCHES, *ONCE]))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--table", type=Path, help="print the table of an earlier results file and stop")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                               "code": str(CODE), "sizes": {}}
    started = time.perf_counter()
    chosen = args.only.split(",")
    for size in sizes:
        for section in (c for c in chosen if c in BENCHES):
            if section == "cli" and size not in CLI_SIZES:
                continue
            t = time.perf_counter()
            value = BENCHES[section](size)
            results["sizes"].setdefault(str(size), {})[section] = value
            print(f"[{time.perf_counter() - started:6.0f}s] {size:>6} {section:<10} ({time.perf_counter() - t:.0f}s) "
                  f"{json.dumps(value, ensure_ascii=False)}", flush=True)
    for section in (c for c in chosen if c in ONCE):
        results[section] = bench_script(section)
        print(f"[{time.perf_counter() - started:6.0f}s] {section:<10} {json.dumps(results[section], ensure_ascii=False)[:400]}",
              flush=True)
    results["seconds"] = round(time.perf_counter() - started)
    results["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["table"] = table(results)
    args.results.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(results["table"])
    print(f"machine: {results['machine']}")


if __name__ == "__main__":
    main()
