"""Serve a built site on 127.0.0.1 the way GitHub Pages does: under a path prefix, 404.html on misses.

The socket is bound before the site is built, so the site can be built for its final URL
(SITE_URL=http://127.0.0.1:<port>/<repo>/). Requests outside the prefix get the 404 page, so a link
that escapes the prefix breaks here as it would on a project site.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit


class SiteServer:
    def __init__(self, prefix: str = "/", port: int = 0) -> None:
        """Bound to 127.0.0.1 only (never another interface); `port` 0: any free port."""
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.root: Path | None = None
        self.requests: list[str] = []
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), self._handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{self.prefix}"

    def serve(self, root: Path) -> SiteServer:
        self.root = root
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self, *args: object, **kwargs: object) -> http.server.BaseHTTPRequestHandler:
        assert self.root is not None, "serve(root) first"
        return _Handler(*args, server_site=self, directory=str(self.root), **kwargs)  # type: ignore[arg-type]


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: object, server_site: SiteServer, **kwargs: object) -> None:
        self.site = server_site
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # linkchecker keeps to 10 requests per second per host unless the server opts in with this.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        self.site.requests.append(path)
        plain = urlsplit(path).path
        if not plain.startswith(self.site.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__" / "missing")
        return super().translate_path("/" + path[len(self.site.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
