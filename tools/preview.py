"""Serve a built site on this machine under the path of its URL, as GitHub Pages serves a project site.

    python tools/preview.py site --site-url https://<user>.github.io/<repo>/ [--port 8000]

`make preview` builds what the Pages workflow publishes (OFFLINE=false, the site's SITE_URL) and
runs this: the site answers at http://127.0.0.1:8000/<repo>/ (the loopback interface only), with
404.html on misses, so a link that escapes the prefix breaks here as it would on Pages. Ctrl-C
stops it. The server is the one the tests and tools/check_site.py use (tests/siteserver.py).
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.siteserver import SiteServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/preview.py", description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the built site folder (site/)")
    parser.add_argument("--site-url", required=True, help="the URL it was built for; its path is served")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: any)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}: no built site (no index.html)", file=sys.stderr)
        return 2
    server = SiteServer(urlsplit(args.site_url).path, port=args.port).serve(args.site)
    print(f"Serving {args.site} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
