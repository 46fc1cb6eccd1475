"""A real HTTP server on 127.0.0.1 that counts every request it receives and every byte it sends.

Used to show that rendering fetches nothing: a report whose inputs point at this server
must leave its counters at zero.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# a valid 1 x 1 PNG, so a fetch that happens gets a real image back
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@dataclass
class Counter:
    """What the server saw: each request path, and the body bytes it sent."""

    paths: list[str] = field(default_factory=list)
    bytes_sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def requests(self) -> int:
        """How many requests arrived."""
        return len(self.paths)


@contextmanager
def counting_server() -> Iterator[tuple[str, Counter]]:
    """Serve a small PNG (and CSS, fonts, anything) at every path; yield (base URL, counter)."""
    counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PNG_1X1
            with counter.lock:
                counter.paths.append(self.path)
                counter.bytes_sent += len(body)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", counter
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
