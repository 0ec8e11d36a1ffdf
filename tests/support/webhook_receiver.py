"""A real HTTP receiver for webhook tests: records every POST and answers
with the statuses it is told, in order (then 200)."""

from __future__ import annotations

import dataclasses
import http.server
import threading
import time


@dataclasses.dataclass
class Received:
    headers: dict[str, str]
    body: str


class Receiver:
    def __init__(self):
        self.received: list[Received] = []
        self.statuses: list[int] = []
        self.delay_seconds = 0.0
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                receiver.received.append(Received({k.lower(): v for k, v in self.headers.items()}, body))
                time.sleep(receiver.delay_seconds)
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
