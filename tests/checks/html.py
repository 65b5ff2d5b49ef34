"""Run the Nu Html Checker (vnu.jar from the npm package vnu-jar) over a folder."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import JS_DIR, MissingTool

VNU_JAR = JS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class HtmlMessage:
    file: str  # relative to the checked folder
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def require_vnu() -> list[str]:
    """The java command line to run vnu.jar, or MissingTool."""
    java = shutil.which("java")
    if java is None:
        raise MissingTool("java (for the Nu Html Checker)")
    if not VNU_JAR.is_file():
        raise MissingTool(f"the Nu Html Checker ({VNU_JAR.relative_to(JS_DIR.parents[1])})")
    # Serial GC and a capped heap: CI has 2 cores, and the other core is busy.
    return [java, "-XX:+UseSerialGC", "-Xmx1g", "-jar", str(VNU_JAR)]


def _relative(url: str, root: Path) -> str:
    path = Path(unquote(urlsplit(url).path))
    try:
        return str(path.relative_to(root))
    except ValueError:
        return url


def check_html_dir(root: Path) -> list[HtmlMessage]:
    """Every error vnu finds in the .html files under root, in one JVM (it is slow to start)."""
    root = root.resolve()
    proc = subprocess.run(
        [*require_vnu(), "--errors-only", "--format", "json", "--skip-non-html", str(root)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    # vnu writes its JSON report on stderr; exit 1 only means "errors found".
    try:
        report = json.loads(proc.stderr)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"vnu exited {proc.returncode} without a JSON report:\n{proc.stderr[-2000:]}"
        ) from exc
    messages = [
        HtmlMessage(
            file=_relative(m.get("url", ""), root),
            line=m.get("lastLine"),
            message=m.get("message", "").strip(),
        )
        for m in report.get("messages", [])
        # "non-document-error" is an I/O or internal problem: report it too.
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    return sorted(messages, key=lambda m: (m.file, m.line or 0, m.message))
