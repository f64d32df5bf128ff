"""A fake model host on 127.0.0.1 that behaves like Hugging Face's resolve endpoint (and ModelScope's).

``HEAD /{repo}/resolve/{revision}/{file}`` answers 302 with ``X-Linked-Size``,
``X-Linked-Etag`` (the file's SHA-256) and ``X-Repo-Commit``, and a ``Location`` on
the same host (``/blobs/{sha}``), as the Hub does before its CDN. ``GET`` follows
the same redirect, and the blob honours ``Range`` with 206 and ``Content-Range``.
``/models/{repo}/resolve/master/{file}`` is the ModelScope form of the same.

    with FakeModelHost({"test/tiny-GGUF/tiny.gguf": data}) as host:
        ... download from host.url ...
        assert host.ranges == ["bytes=1234-"]

``seconds_per_chunk`` slows the body so a test can kill a download halfway;
``corrupt`` serves altered bytes under the true checksum.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHUNK_BYTES = 1024 * 1024
COMMIT = "0123456789abcdef0123456789abcdef01234567"
_HF = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>[^/?]+)$")
_MS = re.compile(r"^/models/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>[^/?]+)$")
_BLOB = re.compile(r"^/blobs/(?P<sha>[0-9a-f]{64})$")
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


class FakeModelHost:
    def __init__(self, files: dict[str, bytes], *, seconds_per_chunk: float = 0.0, corrupt: bool = False) -> None:
        self.files = files  # "owner/repo/file" -> bytes
        self.blobs = {hashlib.sha256(data).hexdigest(): data for data in files.values()}
        self.seconds_per_chunk = seconds_per_chunk
        self.corrupt = corrupt
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, Range header)
        self.bytes_sent = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    def __enter__(self) -> "FakeModelHost":
        handler = type("Handler", (_Handler,), {"host": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def ranges(self) -> list[str]:
        return [r for method, path, r in self.requests if method == "GET" and path.startswith("/blobs/") and r]

    @property
    def gets(self) -> int:
        return sum(1 for method, path, _ in self.requests if method == "GET" and path.startswith("/blobs/"))


class _Handler(BaseHTTPRequestHandler):
    host: FakeModelHost
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._route(body=False)

    def do_GET(self) -> None:
        self._route(body=True)

    def _route(self, body: bool) -> None:
        with self.host._lock:
            self.host.requests.append((self.command, self.path, self.headers.get("Range")))
        match = _HF.match(self.path) or _MS.match(self.path)
        if match:
            data = self.host.files.get(f"{match['repo']}/{match['file']}")
            if data is None:
                return self._empty(404, {"X-Error-Code": "EntryNotFound"})
            sha = hashlib.sha256(data).hexdigest()
            return self._empty(302, {"Location": f"{self.host.url}/blobs/{sha}", "X-Repo-Commit": COMMIT,
                                     "X-Linked-Etag": f'"{sha}"', "X-Linked-Size": str(len(data)),
                                     "ETag": '"git-blob-etag"'})
        blob = _BLOB.match(self.path)
        if not blob or blob["sha"] not in self.host.blobs:
            return self._empty(404)
        data = self.host.blobs[blob["sha"]]
        if self.host.corrupt:
            data = bytes(b ^ 0xFF for b in data[:64]) + data[64:]
        start, status = 0, 200
        wanted = _RANGE.match(self.headers.get("Range") or "")
        if wanted:
            start, status = int(wanted.group(1)), 206
        self.send_response(status)
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", f'"{blob["sha"]}"')
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        if not body:
            return
        try:
            for offset in range(start, len(data), CHUNK_BYTES):
                chunk = data[offset : offset + CHUNK_BYTES]
                self.wfile.write(chunk)
                with self.host._lock:
                    self.host.bytes_sent += len(chunk)
                if self.host.seconds_per_chunk:
                    time.sleep(self.host.seconds_per_chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _empty(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()
