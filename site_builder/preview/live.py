"""What open preview pages poll to learn of a new build (or of a failed one), and the
script that polls, reloads and lays the problems over the page."""

from __future__ import annotations

import json
import threading
import uuid

from ..problems import Problem

STATE_PATH = "/__reload"
SCRIPT_PATH = "/__reload.js"
POLL_MS = 500

# Kept in a file of its own on the server, not inline, so a theme's strict
# Content-Security-Policy ('self' scripts only) still lets it run.
RELOAD_SCRIPT = """(() => {
  const version = document.currentScript.dataset.version;
  let overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "site-builder-errors";
      overlay.setAttribute("role", "alert");
      const style = overlay.style;
      style.position = "fixed";
      style.inset = "0";
      style.zIndex = "2147483647";
      style.overflow = "auto";
      style.padding = "1.5rem";
      style.background = "rgba(40, 0, 0, 0.94)";
      style.color = "#fff";
      style.font = "15px/1.6 ui-monospace, monospace";
      const heading = (text, dir) => {
        const line = document.createElement("p");
        line.dir = dir;
        line.style.fontWeight = "bold";
        line.style.margin = "0 0 0.5rem";
        line.textContent = text;
        return line;
      };
      const details = document.createElement("pre");
      details.dir = "ltr";  // the messages are English with the Arabic line quoted
      details.style.whiteSpace = "pre-wrap";
      overlay.append(
        heading("تعذّر بناء التعديل الأخير؛ الصفحة تعرض آخر نسخة سليمة حتى تصلحه.", "rtl"),
        heading("The last change does not build; this page is the last good build.", "ltr"),
        details);
      document.body.append(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  async function poll() {
    try {
      const response = await fetch("STATE_PATH", {cache: "no-store"});
      const state = await response.json();
      if (state.problems.length) {
        show(state.text);
      } else if (state.version !== version) {
        location.reload();
        return;
      } else {
        hide();
      }
    } catch (error) {
      // The server is restarting or stopped: keep asking quietly.
    }
    setTimeout(poll, POLL_MS);
  }
  poll();
})();
""".replace("STATE_PATH", STATE_PATH).replace("POLL_MS", str(POLL_MS))


class LiveState:
    """What open pages poll: a build counter, and the problems of the last failed build."""

    def __init__(self, base_path: str) -> None:
        self._lock = threading.Lock()
        self._run = uuid.uuid4().hex[:8]  # a restarted server never repeats a version
        self._builds = 0
        self._base_path = base_path
        self._problems: list[Problem] = []
        self._text = ""

    @property
    def version(self) -> str:
        with self._lock:
            return f"{self._run}-{self._builds}"

    @property
    def base_path(self) -> str:
        with self._lock:
            return self._base_path

    def succeeded(self, base_path: str, changed: bool = True) -> None:
        with self._lock:
            if changed:
                self._builds += 1
            self._base_path = base_path
            self._problems, self._text = [], ""

    def failed(self, problems: list[Problem], text: str) -> None:
        with self._lock:
            self._problems, self._text = problems, text

    def as_json(self) -> bytes:
        with self._lock:
            state = {
                "version": f"{self._run}-{self._builds}",
                "builds": self._builds,
                "problems": [p.as_dict() for p in self._problems],
                "text": self._text,
            }
        return json.dumps(state, ensure_ascii=False).encode("utf-8")


def inject(html: bytes, version: str) -> bytes:
    """The page with the reload script added before </body> (at the end if there is none)."""
    tag = f'<script src="{SCRIPT_PATH}" data-version="{version}"></script>'.encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at == -1 else html[:at] + tag + html[at:]
