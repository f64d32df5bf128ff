"""`make bench`: Duet at 10, 10,000 and 100,000 entries, beside jrnl and the raw model server.

Run: .venv/bin/python benchmarks/bench.py [--sizes 10,10000,100000] [--only search,pages,...] [--before REV]
Writes benchmarks/results.json and prints a table. Every figure is a median (and
p95 where a person would feel the tail), in wall time and in CPU time of the
measuring process (on a shared machine the wall clock measures the neighbours
too); comparisons (Duet against jrnl, the client against raw HTTP) are
interleaved pairs, reported as the median of the per-pair ratios, so that a
noisy machine slows both sides alike.

``--before REV`` measures an earlier commit in the same run, size by size
(before, then after), and prints both: the code of REV is exported with
``git archive`` and measured by this harness in a child process.

The seeded files are written once under a cache folder outside the repository
(``DUET_BENCH_CACHE``, default ``$TMPDIR/duet-bench``) and hard-linked into one
notebook per measured checkout, each with its own index.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("DUET_BENCH_CACHE") or Path(tempfile.gettempdir()) / "duet-bench")
RESULTS = ROOT / "benchmarks" / "results.json"
JRNL_VENV = CACHE / "jrnl-venv"
JRNL_VERSION = "4.2.1"
CODE = Path(os.environ.get("DUET_BENCH_CODE", ROOT))  # the checkout being measured (a "before" copy works too)
LABEL = os.environ.get("DUET_BENCH_LABEL", "after")    # whose notebooks (and indexes) these are
sys.path.insert(0, str(CODE))


def _harness_module(name: str):
    """This harness's own ``benchmarks/<name>.py``, never the measured checkout's (an old one may lack it)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"duet_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


data = _harness_module("data")

SEARCH_RUNS = 25
CLICK_RUNS = 7
CLI_SIZES = (10_000, 100_000)  # whole-process search beside jrnl: where the difference is felt
# Interleaved pairs per query, and the queries: jrnl reads its whole file on every run (~11 s of CPU at 100,000).
CLI_PAIRS = {10_000: 5, 100_000: 3}
CLI_QUERIES = {10_000: (("en_common", "coffee"), ("en_rare", "zephyr"), ("zh_2char_rare", "琥珀")),
               100_000: (("en_common", "coffee"), ("zh_2char_rare", "琥珀"))}


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


def python_env(code: Path = CODE) -> dict[str, str]:
    # DUET_WELCOME=0: the seeded notebooks never chose a model, and the welcome page would stand in for every page.
    return {**os.environ, "PYTHONPATH": str(code), "DUET_LANG": "en", "DUET_WELCOME": "0"}


def run_python(source: str, *args: str, code: Path = CODE) -> dict[str, Any]:
    """Run ``source`` in a fresh interpreter on the measured checkout; it prints one JSON object."""
    out = subprocess.run([sys.executable, "-c", source, *args], cwd=code, env=python_env(code), check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def seeded_files(size: int) -> Path:
    """The seeded markdown files for ``size`` entries, written once into the cache and never indexed there."""
    files = CACHE / "files" / f"nb-{size}-seed{data.SEED}"
    marker = files / ".bench-complete"
    if not marker.exists():
        shutil.rmtree(files, ignore_errors=True)
        data.write_notebook(files, data.entries(size))
        marker.write_text("ok")
    return files


def notebook_home(size: int, label: str = LABEL) -> Path:
    return CACHE / label / f"nb-{size}"


def ensure_files(size: int, label: str = LABEL) -> Path:
    """This checkout's notebook of ``size`` entries: the seeded files hard-linked (seconds, no copies), own index.

    Saves by rename (Duet's, and the quick-sync benchmark's) replace a link, so
    no notebook's edit reaches the seeded files or another checkout's notebook.
    """
    home = notebook_home(size, label)
    marker = home / ".bench-complete"
    if not marker.exists():
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(seeded_files(size), home, copy_function=os.link)
    return home


REINDEX_CODE = RSS_HELPER + """
import json, resource, sys, time
from journal.notebook import Notebook

def children_cpu():
    # the reindex's worker processes (journal/entries/reading.py), counted once they have been waited for
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def children_peak_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

nb = Notebook(sys.argv[1])
t, cpu, child = time.perf_counter(), time.process_time(), children_cpu()
report = nb.reindex()
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "cpu_seconds": time.process_time() - cpu + children_cpu() - child,
                  "indexed": report.indexed, "peak_rss_mb": rss_mb(), "worker_peak_rss_mb": children_peak_mb()}))
"""


def bench_reindex(size: int) -> dict[str, Any]:
    home = ensure_files(size)
    result = run_python(REINDEX_CODE, str(home))
    # CPU time too: on a shared machine the wall clock measures the neighbours as much as the work.
    return {"files_per_s": round(result["indexed"] / result["seconds"]), "seconds": round(result["seconds"], 2),
            "files_per_cpu_s": round(result["indexed"] / max(result["cpu_seconds"], 1e-9)),
            "peak_rss_mb": round(result["peak_rss_mb"]),
            # the largest worker; a forked worker's figure includes what it shares with the parent
            "worker_peak_rss_mb": round(result.get("worker_peak_rss_mb", 0))}


def ready_notebook(size: int, label: str = LABEL, code: Path = CODE) -> Path:
    home = ensure_files(size, label)
    if not (home / ".duet" / "index.db").exists():
        run_python(REINDEX_CODE, str(home), code=code)
    return home


def bench_search(size: int) -> dict[str, Any]:
    from journal.notebook import Notebook

    nb = Notebook.open(ready_notebook(size), sync=False)
    out = {}
    for name, query in data.QUERIES:
        nb.search(query, limit=21)  # warm the page cache: a person's second search, not the first after boot
        times, cpus = [], []
        for _ in range(SEARCH_RUNS):
            t, cpu = time.perf_counter(), time.process_time()
            nb.search(query, limit=21)
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - cpu)
        out[name] = {"query": query, "p50_ms": ms(statistics.median(times)), "p95_ms": ms(percentile(times, 0.95)),
                     "cpu_p50_ms": ms(statistics.median(cpus)), "cpu_p95_ms": ms(percentile(cpus, 0.95))}
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
    _wait_for_start_work()
    return at


START_WORK_THREADS = ("duet-full-sync", "duet-safety-training")


def _wait_for_start_work() -> None:
    """Clicks are timed once the app's one-time start work is done: the full sync the app runs in the background
    after its first page (#19), then the crisis check's learned signal, trained once per version of its examples
    when no cached model matches (#18; a checkout without them has no such threads). Their CPU would count in the
    clicks' (CPU time is the process's): it made the 10-entry Journal click read ~2x."""
    import threading

    for name in START_WORK_THREADS:   # in order: the sync's end starts the training
        for thread in [t for t in threading.enumerate() if t.name == name]:
            thread.join(timeout=600)


def _time_clicks(at, clicks: dict[str, Callable[[Any], Any]]) -> dict[str, float]:
    """Median wall time of each click, and its CPU time under ``cpu:<click>`` (AppTest runs in this process)."""
    medians = {}
    for name, click in clicks.items():
        times, cpus = [], []
        for _ in range(CLICK_RUNS):
            t, cpu = time.perf_counter(), time.process_time()
            click(at)
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - cpu)
            assert not at.exception, (name, at.exception)
        medians[name] = ms(statistics.median(times))
        medians[f"cpu:{name}"] = ms(statistics.median(cpus))
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
t, cpu = time.perf_counter(), time.process_time()
report = nb.sync(quick=True)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - cpu, "indexed": report.indexed,
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
            "cpu_seconds_p50": round(statistics.median(r["cpu_seconds"] for r in runs), 4),
            "rss_before_mb": round(statistics.median(r["rss_before_mb"] for r in runs)),
            "rss_after_mb": round(statistics.median(r["rss_after_mb"] for r in runs))}


def jrnl_binary() -> Path:
    binary = JRNL_VENV / "bin" / "jrnl"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "--quiet", f"jrnl=={JRNL_VERSION}"], check=True)
    return binary


def _child_run(command: list[str], **kwargs: Any) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process, run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_cli(size: int, codes: dict[str, Path] | None = None) -> dict[str, Any]:
    """``duet search`` of each checkout in ``codes`` beside one ``jrnl -contains``, interleaved, per query.

    One jrnl run serves every checkout of the round: at 100,000 entries it is
    the longest part of the whole benchmark.
    """
    codes = codes or {LABEL: CODE}
    homes = {label: ready_notebook(size, label, code) for label, code in codes.items()}
    config = CACHE / "files" / f"jrnl-{size}-seed{data.SEED}" / "jrnl.yaml"
    if not config.exists():
        data.write_jrnl(config.parent, data.entries(size))
    jrnl = jrnl_binary()
    env = {**os.environ, "DUET_LANG": "en", "DUET_WELCOME": "0", "XDG_CONFIG_HOME": str(config.parent / "xdg")}
    out: dict[str, Any] = {label: {} for label in codes}
    for name, query in CLI_QUERIES.get(size, CLI_QUERIES[10_000]):
        runs: dict[str, list[tuple[float, float]]] = {label: [] for label in [*codes, "jrnl"]}
        for _ in range(CLI_PAIRS.get(size, 3)):
            runs["jrnl"].append(_child_run([str(jrnl), "--config-file", str(config), "-contains", query, "-n", "20"],
                                           env=env))
            for label, code in codes.items():
                runs[label].append(_child_run(
                    [sys.executable, "-m", "journal", "search", "--home", str(homes[label]), "-n", "20", query],
                    cwd=code, env={**env, "PYTHONPATH": str(code)}))
        for label in codes:
            pairs = list(zip(runs["jrnl"], runs[label]))
            out[label][name] = {
                "duet_ms": ms(statistics.median(w for w, _ in runs[label])),
                "duet_cpu_ms": ms(statistics.median(c for _, c in runs[label])),
                "jrnl_ms": ms(statistics.median(w for w, _ in runs["jrnl"])),
                "jrnl_cpu_ms": ms(statistics.median(c for _, c in runs["jrnl"])),
                "jrnl_over_duet": round(statistics.median(j[0] / d[0] for j, d in pairs), 1),
                "cpu_jrnl_over_duet": round(statistics.median(j[1] / max(d[1], 1e-9) for j, d in pairs), 1)}
    return out


FIRST_START_RUNS = 4       # each a fresh server, in one running browser tab: the first with nothing cached, then 3
FIRST_START_POLL_SECONDS = 0.1
FIRST_START_WAIT_SECONDS = 300
# The list is drawn when the first "Open" button and the title beside it are on the screen: Streamlit draws
# markdown with a script of its own loaded on first use, so the button can show a moment before the words.
FIRST_ROW_DRAWN_JS = """() => {
  const open = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Open');
  for (let node = open, up = 0; node && up < 8; node = node.parentElement, up++) {
    if (node.querySelector('strong')) return true;
  }
  return false;
}"""


def app_command(code: Path, port: int) -> list[str]:
    """`make run`'s command for the checkout measured, without opening a browser: ``python -m journal app`` where
    it exists, else (before #19's start work, 07b91d8) the ``streamlit run app.py`` its Makefile ran."""
    if (code / "journal" / "cli" / "app.py").exists():
        return [sys.executable, "-m", "journal", "app", "--no-browser", "--port", str(port)]
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"]


def _process_tree_cpu(pid: int) -> float:
    import psutil

    root = psutil.Process(pid)
    return sum(t.user + t.system for t in (q.cpu_times() for q in [root, *root.children(recursive=True)]))


def _streamlit_rss_mb(pid: int) -> float:
    """The RSS of the process serving the app: the launcher's child, or the process itself (``streamlit run``)."""
    import psutil

    root = psutil.Process(pid)
    return max(q.memory_info().rss for q in [root, *root.children(recursive=True)]) / 2**20


def _one_first_start(page: Any, home: Path, port: int, *, clicks: bool = False) -> dict[str, Any]:
    """Launch the app process, and in the running browser's tab reload its address until it answers, then wait for
    the first page of entries. Times are from launching the process; the server's CPU is that of the process and
    its children when the list is drawn."""
    import threading
    import urllib.request

    url = f"http://127.0.0.1:{port}"
    page.goto("about:blank")
    marks: dict[str, float] = {}
    started = time.perf_counter()
    app = subprocess.Popen(app_command(CODE, port), cwd=CODE,
                           env={**python_env(), "DUET_HOME": str(home), "DUET_LANG": "en", "DUET_WELCOME": "0"},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def health() -> None:
        while time.perf_counter() - started < FIRST_START_WAIT_SECONDS:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    marks["health_s"] = time.perf_counter() - started
                    return
            except OSError:
                time.sleep(0.02)

    threading.Thread(target=health, daemon=True).start()
    try:
        while True:
            try:
                page.goto(url, timeout=5000, wait_until="commit")
                break
            except Exception:  # noqa: BLE001 - not listening yet: the tab reloads, as a person would
                if time.perf_counter() - started > FIRST_START_WAIT_SECONDS:
                    raise
                time.sleep(FIRST_START_POLL_SECONDS)
        marks["page_answered_s"] = time.perf_counter() - started
        page.wait_for_load_state("load")
        marks["scripts_loaded_s"] = time.perf_counter() - started
        page.wait_for_function(FIRST_ROW_DRAWN_JS, timeout=FIRST_START_WAIT_SECONDS * 1000, polling=20)
        marks["list_drawn_s"] = time.perf_counter() - started
        marks["server_cpu_s"] = _process_tree_cpu(app.pid)
        if clicks:
            for _ in range(3):  # a few clicks, so the RSS is that of a page in use
                # The label, not the input: Streamlit's label lies over the checkbox and takes the pointer.
                page.get_by_text("Starred only", exact=True).click(timeout=60_000)
                page.wait_for_timeout(1500)
            marks["streamlit_rss_mb"] = _streamlit_rss_mb(app.pid)
        return marks
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()


def _old_first_start(pw: Any, home: Path) -> float:
    """The first definition (before and up to 1b02592), for comparison: `streamlit run` and Chromium launched
    together, the browser's own start counted, to the first page of entries."""
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, free_port

    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true"], cwd=CODE, env={**python_env(), "DUET_HOME": str(home)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}", timeout=5000)
                break
            except Exception:  # noqa: BLE001 - the server is still starting
                if time.perf_counter() - started > FIRST_START_WAIT_SECONDS:
                    raise
                time.sleep(0.2)
        page.get_by_role("button", name="Open").first.wait_for(timeout=FIRST_START_WAIT_SECONDS * 1000)
        first = time.perf_counter() - started
        browser.close()
        return first
    finally:
        server.terminate()
        server.wait(timeout=30)


def bench_first_start(size: int) -> dict[str, Any]:
    """First start as a person meets it: `make run`'s command launched, the list drawn in a browser already open.

    The person's browser is running when they start Duet, so its launch is measured on its own
    (``chromium_launch_s``), not counted. One tab reloads the address (the same port every time, as 8501 is) until
    the server answers: the first run has nothing cached (``cold_start_s``, a first visit ever); the next ones find
    Streamlit's scripts in the browser's cache (content-hashed, served as immutable), as every later start of Duet
    does, and their median is ``first_start_s``. With each step (server answering, scripts loaded) and the server's
    CPU; then the old figure (server and a new browser launched together, nothing cached)."""
    home = ready_notebook(size)
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, free_port

    if CHROMIUM is None:
        return {"error": "chromium is not installed"}
    with sync_playwright() as pw:
        t = time.perf_counter()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto("about:blank")
        chromium_launch = time.perf_counter() - t
        port = free_port()
        runs = [_one_first_start(page, home, port, clicks=(n == FIRST_START_RUNS - 1)) for n in range(FIRST_START_RUNS)]
        browser.close()
        old = _old_first_start(pw, home)
    cold, warm = runs[0], runs[1:]
    out: dict[str, Any] = {key: round(statistics.median(r[key] for r in warm if key in r), 2)
                           for key in ("list_drawn_s", "health_s", "page_answered_s", "scripts_loaded_s", "server_cpu_s")}
    out |= {"first_start_s": out["list_drawn_s"], "runs_s": [round(r["list_drawn_s"], 2) for r in warm],
            "cold_start_s": round(cold["list_drawn_s"], 2), "cold_scripts_loaded_s": round(cold["scripts_loaded_s"], 2),
            "chromium_launch_s": round(chromium_launch, 2), "old_definition_s": round(old, 2),
            "streamlit_rss_mb": round(runs[-1]["streamlit_rss_mb"])}
    return out


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


def _rows() -> list[tuple[str, Callable[[dict[str, Any]], str], str]]:
    """The figures the issue sets targets for: (label, how to read one size's results, target)."""

    def worst_click(page: str) -> Callable[[dict[str, Any]], str]:
        def pick(r: dict[str, Any]) -> str:
            clicks = r["pages"][page]
            wall = max(v for k, v in clicks.items() if not k.startswith("cpu:"))
            cpu = [v for k, v in clicks.items() if k.startswith("cpu:")]
            return f"{wall:.0f} ms" + (f" (cpu {max(cpu):.0f})" if cpu else "")
        return pick

    def worst_search(r: dict[str, Any]) -> str:
        wall, name = max((v["p95_ms"], k) for k, v in r["search"].items())
        cpu = max((v.get("cpu_p95_ms", 0), k) for k, v in r["search"].items())
        return f"{wall:.1f} ms {name} (cpu {cpu[0]:.1f} {cpu[1]})"

    def reindex(r: dict[str, Any]) -> str:
        x = r["reindex"]
        return f"{x['files_per_s']}/s wall, {x['files_per_cpu_s']}/cpu-s, {x['peak_rss_mb']} MB"

    def quicksync(r: dict[str, Any]) -> str:
        x = r["quicksync"]
        cpu = f" (cpu {x['cpu_seconds_p50'] * 1000:.0f})" if "cpu_seconds_p50" in x else ""
        return f"{x['seconds_p50'] * 1000:.0f} ms{cpu}, RSS {x['rss_before_mb']}->{x['rss_after_mb']} MB"

    def first_start(r: dict[str, Any]) -> str:
        x = r["first_start"]
        if "list_drawn_s" not in x:   # a results file from before the definition changed
            return ""
        return (f"{x['list_drawn_s']} s (server answers {x.get('health_s', '?')} s, scripts loaded "
                f"{x.get('scripts_loaded_s', '?')} s; server CPU {x.get('server_cpu_s', '?')} s); nothing cached "
                f"{x.get('cold_start_s', '?')} s; Chromium's own launch {x['chromium_launch_s']} s")

    def cli(r: dict[str, Any]) -> str:
        return ", ".join(f"{k} {v['jrnl_over_duet']}x (cpu {v.get('cpu_jrnl_over_duet', '?')}x)"
                         for k, v in r["cli"].items())

    return [
        ("Journal page, slowest click (median)", worst_click("journal"), "<150 ms, 100k within 1.5x of 10"),
        ("Insights page rerun", worst_click("insights"), "<150 ms"),
        ("Share page rerun", worst_click("share"), "<150 ms"),
        ("Stories page rerun (no story open)", worst_click("stories"), "<150 ms"),
        ("search p95, worst query class", worst_search, "<20 ms"),
        *[(f"search p50 / p95: {name} `{query}`",
           (lambda n: lambda r: f"{r['search'][n]['p50_ms']:.1f} / {r['search'][n]['p95_ms']:.1f} ms")(name), "")
          for name, query in data.QUERIES],
        ("reindex: files/s, files per CPU s, peak RSS", reindex, ">=2,000 files/s"),
        ("first start: `make run` to the list in the open browser (median; scripts cached)", first_start, "<2 s"),
        ("first start, old definition (server and Chromium launched together)",
         lambda r: f"{r['first_start'].get('old_definition_s', r['first_start']['first_start_s'])} s", ""),
        ("Streamlit RSS after clicks", lambda r: f"{r['first_start']['streamlit_rss_mb']} MB", "<400 MB"),
        ("CLI quick sync after one saved file", quicksync, "<100 ms"),
        ("CLI search vs `jrnl -contains` (jrnl time / Duet time)", cli, ">=10x"),
    ]


def _cell(results: dict[str, Any], size: str, pick: Callable[[dict[str, Any]], str]) -> str:
    try:
        return pick(results["sizes"][size])
    except (KeyError, TypeError, ValueError):
        return ""


def table(results: dict[str, Any]) -> str:
    """One row per figure, one column per size; with a "before" run, each cell is "before → after"."""
    before = results.get("before")
    sizes = list(results["sizes"])
    header = f"before ({before['rev']}) → after" if before else ""
    lines = ["| what | " + " | ".join(f"{int(s):,} {header}".strip() for s in sizes) + " | target |",
             "|---|" + "---|" * len(sizes) + "---|"]
    for label, pick, target in _rows():
        cells = []
        for size in sizes:
            after = _cell(results, size, pick)
            cells.append(f"{_cell(before, size, pick) or '–'} → {after or '–'}" if before else after)
        if any(c.strip("–→ ") for c in cells):
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    return "\n".join(lines)


def export_code(rev: str) -> Path:
    """The files of commit ``rev`` (git archive), once, in the cache: the "before" checkout."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"], check=True,
                         capture_output=True, text=True).stdout.strip()
    dest = CACHE / f"code-{sha[:12]}"
    if not (dest / ".bench-complete").exists():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        (dest / ".bench-complete").write_text(sha)
    return dest


def measure_before(code: Path, size: int, sections: list[str]) -> dict[str, Any]:
    """This harness on the "before" checkout for one size, in a child process (its modules, not ours)."""
    if not sections:
        return {}
    # Its own notebooks: "before" for `make bench`, "<label>-before" for a labelled run (no two runs share an index).
    label = "before" if LABEL == "after" else f"{LABEL}-before"
    out = CACHE / f"{label}-{size}.json"
    env = {**os.environ, "DUET_BENCH_CODE": str(code), "DUET_BENCH_LABEL": label}
    out.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--sizes", str(size), "--only",
                           ",".join(sections), "--results", str(out), "--quiet"], env=env)
    if not out.exists():
        return {"error": f"the before run of {size} entries ended with exit status {done.returncode}"}
    return json.loads(out.read_text(encoding="utf-8"))["sizes"].get(str(size), {})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,10000,100000")
    parser.add_argument("--only", default=",".join([*BENCHES, *ONCE]))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--before", metavar="REV", help="also measure this commit, size by size, in the same run")
    parser.add_argument("--quiet", action="store_true", help="no table at the end (a child run for --before)")
    parser.add_argument("--table", type=Path, help="print the table of an earlier results file and stop")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    CACHE.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                               "code": str(CODE), "cache": str(CACHE), "sizes": {}}
    started = time.perf_counter()
    chosen = args.only.split(",")
    before_code = export_code(args.before) if args.before else None
    if before_code:
        results["before"] = {"rev": args.before, "code": str(before_code), "sizes": {}}

    def log(size: int | str, section: str, since: float, value: Any) -> None:
        print(f"[{time.perf_counter() - started:6.0f}s] {LABEL:<6} {size:>6} {section:<11} "
              f"({time.perf_counter() - since:.0f}s) {json.dumps(value, ensure_ascii=False)[:600]}", flush=True)

    for size in sizes:
        seeded_files(size)
        if before_code:   # the earlier commit first, then this one, size by size: both meet the same load
            results["before"]["sizes"][str(size)] = measure_before(
                before_code, size, [c for c in chosen if c in BENCHES and c != "cli"])
        for section in (c for c in chosen if c in BENCHES):
            if section == "cli" and size not in CLI_SIZES:
                continue
            t = time.perf_counter()
            if section == "cli":
                codes = {LABEL: CODE, **({"before": before_code} if before_code else {})}
                both = bench_cli(size, codes)
                value = both[LABEL]
                if before_code:
                    results["before"]["sizes"][str(size)]["cli"] = both["before"]
            else:
                try:
                    value = BENCHES[section](size)
                except Exception as exc:  # noqa: BLE001 - one failed measurement is a result, not the end of the run
                    value = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            results["sizes"].setdefault(str(size), {})[section] = value
            log(size, section, t, value)
    for section in (c for c in chosen if c in ONCE):
        t = time.perf_counter()
        results[section] = bench_script(section)
        log("", section, t, results[section])
    results["seconds"] = round(time.perf_counter() - started)
    results["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["table"] = table(results)
    args.results.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.quiet:
        print(results["table"])
        print(f"machine: {results['machine']}, {results['seconds']} s")


if __name__ == "__main__":
    main()
