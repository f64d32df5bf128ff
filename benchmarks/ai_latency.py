"""Time to first token and tokens per second of the embedded model: through Duet's client vs. raw HTTP.

The same xllamacpp server (started once, like the app does) answers both ways,
rounds interleaved so background load hits both alike:

* app: ``EmbeddedChat.stream_chat`` — the openai package, error translation, ReplyStream;
* raw: one ``http.client`` POST to ``/v1/chat/completions`` with ``stream: true``,
  reading the SSE lines by hand — the floor any client can reach.

Generation is forced to exactly ``--max-tokens`` tokens (llama.cpp's
``ignore_eos``) so both paths do the same work. Also printed: llama.cpp's own
``timings`` (prompt and generation speed measured inside the server).

    .venv/bin/python benchmarks/ai_latency.py [--rounds 10] [--max-tokens 64] [--threads 0] [--json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journal.ai.backend import Sampling  # noqa: E402
from journal.ai.chat import EmbeddedChat  # noqa: E402
from journal.ai.embedded import EMBEDDED_SERVER  # noqa: E402
from journal.ai.providers import EMBEDDED_SAMPLING, AISettings  # noqa: E402

PROMPT = [{"role": "user", "content": "Write a short paragraph about a quiet evening by a river."}]
WARMUP_TOKENS = 8


def raw_round(base_url: str, api_key: str, model: str, max_tokens: int) -> dict[str, float]:
    """One streamed request over a fresh HTTP connection, SSE parsed by hand."""
    url = urlparse(base_url)
    body = json.dumps({
        "model": model, "messages": PROMPT, "stream": True, "max_tokens": max_tokens, "temperature": 0.0,
        "repeat_penalty": EMBEDDED_SAMPLING.repeat_penalty, "ignore_eos": True,
        "stream_options": {"include_usage": True},
    })
    started = time.perf_counter()
    conn = http.client.HTTPConnection(url.hostname, url.port)
    conn.request("POST", f"{url.path}/chat/completions", body=body,
                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"})
    response = conn.getresponse()
    first = None
    pieces = 0
    tokens = None
    server_timings: dict[str, Any] = {}
    for line in response:
        if not line.startswith(b"data: ") or line.strip() == b"data: [DONE]":
            continue
        chunk = json.loads(line[len(b"data: "):])
        for choice in chunk.get("choices") or []:
            if (choice.get("delta") or {}).get("content"):
                pieces += 1
                if first is None:
                    first = time.perf_counter()
        if chunk.get("usage"):
            tokens = chunk["usage"].get("completion_tokens")
        if chunk.get("timings"):
            server_timings = chunk["timings"]
    finished = time.perf_counter()
    conn.close()
    assert first is not None, "no content arrived"
    count = tokens or pieces
    return {
        "ttft": first - started,
        "tps": (count - 1) / (finished - first),
        "tokens": count,
        "server_prompt_ms": server_timings.get("prompt_ms"),
        "server_tps": server_timings.get("predicted_per_second"),
    }


def app_round(chat: EmbeddedChat, max_tokens: int) -> dict[str, float]:
    sampling = Sampling(max_tokens=max_tokens, temperature=0.0)
    stream = chat.stream_chat(PROMPT, sampling)
    stream.read()
    return {"ttft": stream.time_to_first_token, "tps": stream.tokens_per_second, "tokens": stream.tokens}


def summarize(rows: list[dict[str, float]], name: str) -> dict[str, float]:
    values = [r[name] for r in rows if r.get(name) is not None]
    if not values:
        return {}
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=0, help="0 = Duet's default")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    chat = EmbeddedChat(AISettings(threads=args.threads))
    started = time.perf_counter()
    endpoint = chat.endpoint()
    startup = time.perf_counter() - started
    original = chat.request_params

    def forced(endpoint_: Any, sampling: Sampling) -> dict[str, Any]:
        params = original(endpoint_, sampling)
        params.setdefault("extra_body", {})["ignore_eos"] = True
        return params

    chat.request_params = forced  # type: ignore[method-assign]  (ignore_eos: exactly --max-tokens tokens, like raw)
    app_round(chat, WARMUP_TOKENS)
    raw_round(endpoint.base_url, endpoint.api_key, endpoint.model, WARMUP_TOKENS)
    app_rows, raw_rows = [], []
    for i in range(args.rounds):
        order = (("app", app_rows), ("raw", raw_rows)) if i % 2 == 0 else (("raw", raw_rows), ("app", app_rows))
        for kind, rows in order:
            if kind == "app":
                rows.append(app_round(chat, args.max_tokens))
            else:
                rows.append(raw_round(endpoint.base_url, endpoint.api_key, endpoint.model, args.max_tokens))
    config = EMBEDDED_SERVER.config
    report = {
        "model": endpoint.model,
        "threads": config.threads if config else None,
        "context_size": config.context_size if config else None,
        "rounds": args.rounds,
        "max_tokens": args.max_tokens,
        "server_startup_seconds": startup,
        "app_client": {"ttft_s": summarize(app_rows, "ttft"), "tokens_per_s": summarize(app_rows, "tps")},
        "raw_http": {"ttft_s": summarize(raw_rows, "ttft"), "tokens_per_s": summarize(raw_rows, "tps"),
                     "server_generation_tokens_per_s": summarize(raw_rows, "server_tps"),
                     "server_prompt_ms": summarize(raw_rows, "server_prompt_ms")},
    }
    EMBEDDED_SERVER.stop()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['model']}, {report['threads']} threads, {args.rounds} rounds of {args.max_tokens} tokens "
          f"(server start {startup:.2f} s)")
    print(f"{'path':<12}{'TTFT median (min-max)':<28}{'tokens/s median (min-max)':<28}")
    for label, part in (("app client", report["app_client"]), ("raw HTTP", report["raw_http"])):
        ttft, tps = part["ttft_s"], part["tokens_per_s"]
        print(f"{label:<12}{ttft['median'] * 1000:6.1f} ms ({ttft['min'] * 1000:.1f}-{ttft['max'] * 1000:.1f})"
              f"{'':<6}{tps['median']:6.1f} ({tps['min']:.1f}-{tps['max']:.1f})")
    server = report["raw_http"]["server_generation_tokens_per_s"]
    if server:
        print(f"llama.cpp's own generation speed: {server['median']:.1f} tokens/s median")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
