"""Load built pages in Debian's Chromium through Playwright and report what a reader hits.

The output folder is served on loopback under the site's base path (e.g. /news/),
as SPEC says pages link with that prefix: a wrong link then shows as a 404.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import JS_DIR, MissingTool

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = JS_DIR / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium keeps calling Google's hosts,
# which this machine's closed network refuses; as root it needs --no-sandbox.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (360, 1280)
SERIOUS = ("serious", "critical")


class _Handler(SimpleHTTPRequestHandler):
    """Serve DIR/x at PREFIX/x; anything outside PREFIX, and bare folders, is a 404."""

    prefix = "/"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".woff2": "font/woff2",
        ".xml": "application/xml",
        ".yml": "application/yaml",  # the web editor's config
    }

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_base_path__" / "missing")
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def list_directory(self, path: str | Any) -> None:
        # A real host shows no listing: a folder without index.html is a 404.
        self.send_error(404, "No index.html")
        return None

    def log_message(self, format: str, *args: Any) -> None:
        pass  # failed requests are reported by the browser side


@contextlib.contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve root on 127.0.0.1 (free port) under prefix; yield the base URL ending in '/'."""
    if not prefix.endswith("/"):
        prefix += "/"
    handler = partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def require_browser() -> None:
    if not CHROMIUM.exists():
        raise MissingTool(f"Chromium ({CHROMIUM})")
    if not AXE_JS.is_file():
        raise MissingTool(f"axe-core ({AXE_JS})")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A Playwright Browser on Debian's Chromium (Playwright's own builds can't be fetched)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageReport:
    url: str
    width: int
    color_scheme: str = "light"
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    direction: str = ""
    scroll_width: int = 0
    inner_width: int = 0
    axe_violations: list[str] = field(default_factory=list)
    loaded: bool = False  # the page itself answered < 400, so layout and axe ran
    expected: str = "rtl"  # the direction the page must have: "ltr" for an English edition
    # How far the page's first headline starts from its own starting edge (the right in
    # an rtl page, the left in an ltr one), in CSS pixels; None without a headline.
    headline_gap: float | None = None

    def problems(self) -> list[str]:
        at = f"{self.url} @{self.width}px"
        if self.color_scheme != "light":
            at += f" ({self.color_scheme})"
        found = [f"{at}: console error: {e}" for e in self.console_errors]
        found += [f"{at}: failed request: {r}" for r in self.failed_requests]
        if not self.loaded:
            return found
        if self.direction != self.expected:
            found.append(
                f"{at}: <html> computed direction is {self.direction!r}, not {self.expected!r}"
            )
        if self.headline_gap is not None and self.headline_gap > 2:
            side = "right" if self.expected == "rtl" else "left"
            found.append(
                f"{at}: the headline starts {self.headline_gap:.0f}px from the {side}, "
                f"not at it ({self.expected} page)"
            )
        if self.scroll_width > self.inner_width:
            found.append(
                f"{at}: scrolls sideways (scrollWidth {self.scroll_width} > {self.inner_width})"
            )
        found += [f"{at}: axe: {v}" for v in self.axe_violations]
        return found


def _on_console(report: PageReport, message: Any) -> None:
    # "Failed to load resource" repeats a failed request without its URL.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        report.console_errors.append(message.text)


_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')), count: v.nodes.length,
  }));
}"""

_LAYOUT = """() => {
  const h1 = document.querySelector('main h1');
  let gap = null;
  if (h1 && h1.textContent.trim()) {
    const box = h1.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(h1);
    const lines = [...range.getClientRects()].filter(r => r.width > 0);
    const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
    // The first line's glyphs: where they begin against the headline's starting edge.
    const top = Math.min(...lines.map(r => r.top));
    const first = lines.filter(r => Math.abs(r.top - top) < 2);
    gap = rtl ? box.right - Math.max(...first.map(r => r.right))
              : Math.min(...first.map(r => r.left)) - box.left;
  }
  return {
    direction: getComputedStyle(document.documentElement).direction,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    headlineGap: gap,
  };
}"""


def check_page(
    browser: Any, url: str, width: int, color_scheme: str = "light", direction: str = "rtl"
) -> PageReport:
    """Load url at a viewport width and collect everything PageReport.problems() judges."""
    report = PageReport(url=url, width=width, color_scheme=color_scheme, expected=direction)
    origin = urlsplit(url).netloc
    # bypass_csp: a strict Content-Security-Policy must not stop axe being injected.
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        color_scheme=color_scheme,
        bypass_csp=True,
        service_workers="block",
    )
    try:
        page = context.new_page()

        def outside(route: Any) -> None:
            # The theme must fetch nothing from another host (DESIGN.md): fail fast
            # and say so, rather than wait on this machine's closed network.
            report.failed_requests.append(f"request to another host: {route.request.url}")
            route.abort()

        page.route(lambda u: urlsplit(u).netloc != origin and not u.startswith("data:"), outside)
        page.on("console", partial(_on_console, report))
        page.on("pageerror", lambda e: report.console_errors.append(f"uncaught: {e}"))
        page.on(
            "requestfailed",
            lambda r: (
                report.failed_requests.append(f"{r.url} ({r.failure})")
                if urlsplit(r.url).netloc == origin
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                report.failed_requests.append(f"{r.url} (HTTP {r.status})")
                if r.status >= 400
                else None
            ),
        )
        response = page.goto(url, wait_until="networkidle")
        if response is None or response.status >= 400:
            return report  # the response handler already recorded it
        report.loaded = True
        layout = page.evaluate(_LAYOUT)
        report.direction = layout["direction"]
        report.scroll_width = layout["scrollWidth"]
        report.inner_width = layout["innerWidth"]
        report.headline_gap = layout["headlineGap"]
        page.add_script_tag(path=str(AXE_JS))
        for v in page.evaluate(_AXE_RUN):
            if v["impact"] in SERIOUS:
                where = ", ".join(v["targets"])
                report.axe_violations.append(
                    f"{v['id']} ({v['impact']}): {v['help']} — {v['count']} element(s): {where}"
                )
        return report
    finally:
        context.close()
