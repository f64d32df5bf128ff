"""Twenty signed-in people writing and searching on one Duet at once (#13): page response, and no lost writes.

Run: nice -n 10 .venv/bin/python benchmarks/circle_load.py [--users 20] [--seconds 120]

Everything is on 127.0.0.1: a real OpenID provider (tests/oidc.py), one
``streamlit run app.py`` serving a circle, and N simulated people. Each signs
in through the real st.login flow (Streamlit's /auth/login, the provider's
form, /oauth2callback's identity cookie), then, until the time is up, saves a
new journal entry or searches (its own earlier words, or another person's),
with a short pause between actions as a person has.

The people speak Streamlit's own websocket protocol (the BackMsg / ForwardMsg
protobufs the browser page sends and receives), not Chromium: twenty browsers
would spend this two-core machine on drawing pages and measure the browser,
while the server, which is what a circle adds, would see the same messages. A
"page response" is from a click's message sent to the run's end received
(``script_finished``; a save's own rerun included), which is what a person
waits for before the page settles.

"Saved" is counted only when the page said so (its "Saved." toast). At the end
every saved entry is looked for on disk: it must be in its writer's folder and
in no one else's, and nothing anyone received may ever hold another person's
words. The figures, the server's CPU and the load average are printed as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

USERS = 20
SECONDS = 120
PAUSE_SECONDS = (0.5, 1.5)     # a person's pause between two actions
WRITE_SHARE = 0.5              # half the actions save an entry, half search
RUN_TIMEOUT_SECONDS = 300      # one page run slower than this counts as a failure, not a wait forever
SAVED_TOAST = b"Saved."
TOKEN = re.compile(rb"u(\d\d)w\d{4}q")   # every word a person writes: u<person>w<number>q, ASCII on purpose
LABELS = {"title": "Title (optional)", "body": "Entry", "save": "Save entry", "search": "Search",
          "sign_in": "Sign in"}


@dataclass
class Person:
    index: int
    sub: str
    cookies: str = ""
    xsrf: str = ""
    home: Path | None = None
    widgets: dict[str, str] = field(default_factory=dict)    # label -> widget id
    saved: list[str] = field(default_factory=list)           # tokens the page said were saved
    written: int = 0
    timings: dict[str, list[float]] = field(default_factory=lambda: {"write": [], "search": []})
    first_page: float = 0.0    # the first run after sign-in (opens, and on the first visit makes, the notebook)
    misses: int = 0            # own saved word searched and not found
    leaks: list[str] = field(default_factory=list)           # another person's word seen by this one
    failures: list[str] = field(default_factory=list)


class Session:
    """One browser tab's websocket: send a rerun with widget values, read until the run has finished."""

    def __init__(self, url: str, person: Person) -> None:
        self.url, self.person = url, person
        self.ws = None

    async def __aenter__(self) -> "Session":
        import websockets

        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit", self.person.xsrf], max_size=None,
                                           additional_headers={"Cookie": self.person.cookies}, origin=self.url,
                                           open_timeout=RUN_TIMEOUT_SECONDS, ping_interval=None)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def rerun(self, widgets: list[WidgetState]) -> tuple[bytes, list[ForwardMsg]]:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.widget_states.widgets.extend(widgets)
        await self.ws.send(back.SerializeToString())
        received, messages = bytearray(), []
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_SECONDS)
            received += raw
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            messages.append(msg)
            if msg.WhichOneof("type") == "script_finished" and \
                    msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return bytes(received), messages


def widget_ids(messages: list[ForwardMsg]) -> dict[str, str]:
    found = {}
    for msg in messages:
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("text_input", "text_area", "button"):
            widget = getattr(element, kind)
            found.setdefault(widget.label, widget.id)
    return found


def _text(widget_id: str, value: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.string_value = value
    return state


def _click(widget_id: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.trigger_value = True
    return state


# --- signing in: the whole st.login flow over HTTP --------------------------------------------------------------

def sign_in(url: str, person: Person) -> None:
    """Click "Sign in" over the websocket, then follow Streamlit's login, the provider's form and the callback."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(url + "/_stcore/health", timeout=RUN_TIMEOUT_SECONDS).read()   # sets the XSRF cookie, as the page does
    person.xsrf = next(c.value for c in jar if c.name == "_streamlit_xsrf")
    person.cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    login_url = asyncio.run(_login_address(url, person))
    form = opener.open(urllib.parse.urljoin(url, login_url), timeout=RUN_TIMEOUT_SECONDS)
    data = urllib.parse.urlencode({"sub": person.sub}).encode()
    opener.open(urllib.request.Request(form.geturl(), data=data), timeout=RUN_TIMEOUT_SECONDS).read()
    person.cookies = "; ".join(f"{c.name}={c.value}" for c in jar if c.domain.startswith("127.0.0.1"))
    if "_streamlit_user" not in person.cookies:
        raise RuntimeError(f"{person.sub} was not signed in (no identity cookie)")


async def _login_address(url: str, person: Person) -> str:
    async with Session(url, person) as session:
        _raw, messages = await session.rerun([])
        button = widget_ids(messages)[LABELS["sign_in"]]
        back = BackMsg()
        back.rerun_script.widget_states.widgets.append(_click(button))
        await session.ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(session.ws.recv(), RUN_TIMEOUT_SECONDS))
            if msg.WhichOneof("type") == "auth_redirect":
                return msg.auth_redirect.url


# --- one person's two minutes -----------------------------------------------------------------------------------

async def arrive(url: str, person: Person) -> Session:
    """Open the person's tab: the first run opens their notebook (made on first sign-in), timed apart."""
    session = await Session(url, person).__aenter__()
    started = time.monotonic()
    _raw, messages = await session.rerun([])
    person.first_page = time.monotonic() - started
    person.widgets = widget_ids(messages)
    missing = [label for label in LABELS.values() if label != LABELS["sign_in"] and label not in person.widgets]
    if missing:
        raise RuntimeError(f"{person.sub} is not on the Journal page: no {missing}")
    return session


async def live(session: Session, person: Person, everyone: list[Person], deadline: float, seed: int) -> None:
    chance = random.Random(seed)
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(chance.uniform(*PAUSE_SECONDS))
            if chance.random() < WRITE_SHARE or not person.saved:
                await _write(session, person)
            else:
                await _search(session, person, everyone, chance)
    except Exception as exc:   # reported with the figures: a failure is a result, not a crash of the run
        person.failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        await session.__aexit__()


async def _write(session: Session, person: Person) -> None:
    token = f"u{person.index:02d}w{person.written:04d}q"
    person.written += 1
    w = person.widgets
    started = time.monotonic()
    raw, _messages = await session.rerun([_text(w[LABELS["title"]], f"Load {token}"),
                                          _text(w[LABELS["body"]], f"{token} written under load by {person.sub}"),
                                          _click(w[LABELS["save"]])])
    person.timings["write"].append(time.monotonic() - started)
    _check_leaks(raw, person)
    if SAVED_TOAST in raw:
        person.saved.append(token)


async def _search(session: Session, person: Person, everyone: list[Person], chance: random.Random) -> None:
    others = [p for p in everyone if p is not person and p.saved]
    looking_for_mine = chance.random() < 0.5 or not others
    query = chance.choice(person.saved) if looking_for_mine else chance.choice(chance.choice(others).saved)
    started = time.monotonic()
    raw, _messages = await session.rerun([_text(person.widgets[LABELS["search"]], query)])
    person.timings["search"].append(time.monotonic() - started)
    _check_leaks(raw, person)
    if looking_for_mine and f"Load {query}".encode() not in raw:
        person.misses += 1


def _check_leaks(raw: bytes, person: Person) -> None:
    for match in TOKEN.finditer(raw):
        if int(match.group(1)) != person.index:
            person.leaks.append(match.group(0).decode())


# --- the run ----------------------------------------------------------------------------------------------------

def _on_disk(people: list[Person]) -> dict[str, list[str]]:
    """Every token found in an entry file, with the folders (people) it was found in."""
    where: dict[str, list[str]] = {}
    for person in people:
        for path in (person.home / "journal").rglob("*.md"):
            for token in {match.group(0).decode() for match in TOKEN.finditer(path.read_bytes())}:
                where.setdefault(token, []).append(person.sub)   # twice for one person: a duplicated write
    return where


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def run(users: int = USERS, seconds: float = SECONDS, workdir: Path | None = None) -> dict:
    """Start the provider and the server, sign everyone in, let them work ``seconds``; the figures."""
    from journal.notebook import Notebook
    from tests.browser import free_port, streamlit_server
    from tests.oidc import INSECURE_ENV, issuer, oidc_provider, register, write_secrets

    work = Path(workdir or tempfile.mkdtemp(prefix="duet-circle-load-"))
    root, port = work / "circle", free_port()
    people = [Person(i, f"person{i:02d}") for i in range(users)]
    with oidc_provider() as provider:
        for person in people:
            register(provider, person.sub, f"Person {person.index}")
            person.home = Notebook.person_home(issuer(provider), person.sub, root=root)
        secrets = write_secrets(work / "secrets.toml", provider, port)
        with streamlit_server(root, port=port, extra_args=["--secrets.files", str(secrets)],
                              extra_env={INSECURE_ENV: "1", "DUET_WELCOME": "0"}) as url:
            started_sign_in = time.monotonic()
            for person in people:
                sign_in(url, person)
            sign_in_seconds = time.monotonic() - started_sign_in
            server_pid = _streamlit_pid(port)
            cpu_before = _cpu(server_pid)
            load_before = os.getloadavg()
            started = 0.0

            async def everyone() -> None:
                nonlocal started
                sessions = await asyncio.gather(*(arrive(url, p) for p in people))
                started = time.monotonic()
                await asyncio.gather(*(live(s, p, people, started + seconds, seed=p.index)
                                       for s, p in zip(sessions, people)))

            asyncio.run(everyone())
            elapsed = time.monotonic() - started
            cpu = _cpu(server_pid) - cpu_before
            load_after = os.getloadavg()
    where = _on_disk(people)
    saved = [(p.sub, token) for p in people for token in p.saved]
    lost = [f"{sub}:{token}" for sub, token in saved if where.get(token) != [sub]]
    misplaced = sorted(f"{token} in {folders}" for token, folders in where.items()
                       if folders != [people[int(token[1:3])].sub])
    writes = [t for p in people for t in p.timings["write"]]
    searches = [t for p in people for t in p.timings["search"]]
    pages = writes + searches
    return {
        "users": users, "seconds": round(elapsed, 1), "sign_in_seconds_all": round(sign_in_seconds, 1),
        "first_page_p50_s": round(statistics.median(p.first_page for p in people), 2),
        "first_page_max_s": round(max(p.first_page for p in people), 2),
        "page_runs": len(pages), "runs_per_second": round(len(pages) / elapsed, 2),
        "p50_s": round(statistics.median(pages), 3) if pages else None,
        "p95_s": round(_percentile(pages, 0.95), 3),
        "write_p50_s": round(statistics.median(writes), 3) if writes else None,
        "write_p95_s": round(_percentile(writes, 0.95), 3),
        "search_p50_s": round(statistics.median(searches), 3) if searches else None,
        "search_p95_s": round(_percentile(searches, 0.95), 3),
        "writes_sent": sum(p.written for p in people), "writes_saved": len(saved),
        "lost_writes": lost, "misplaced_files": misplaced,
        "own_word_searches_missed": sum(p.misses for p in people),
        "leaks": sorted({f"{p.sub} saw {w}" for p in people for w in p.leaks}),
        "failures": {p.sub: p.failures for p in people if p.failures},
        "server_cpu_s": round(cpu, 1), "server_cpu_share": round(cpu / elapsed, 2),
        "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in load_after],
        "cores": os.cpu_count(),
    }


def _streamlit_pid(port: int) -> int | None:
    import psutil

    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN:
            return conn.pid
    return None


def _cpu(pid: int | None) -> float:
    import psutil

    if pid is None:
        return float("nan")
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    args = parser.parse_args()
    result = run(args.users, args.seconds)
    print(json.dumps(result, indent=1))
    return 0 if not (result["lost_writes"] or result["misplaced_files"] or result["leaks"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
