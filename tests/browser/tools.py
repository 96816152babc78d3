"""Where the tests find Chromium, axe-core, vnu.jar, node and ical.js (scripts/browser.sh).

A missing tool skips the browser tests, unless TZNR_REQUIRE_BROWSER is set (as `make test`
does after running `scripts/browser.sh up`): then it fails them.
"""

import os
import shutil
from pathlib import Path

import pytest

CACHE_DIR = Path(
    os.environ.get("TZNR_CACHE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tznr"
)
NODE_MODULES = CACHE_DIR / "browser-tools" / "node_modules"


def _missing(message: str):
    if os.environ.get("TZNR_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def _tool(variable: str, default: Path, what: str) -> Path:
    path = Path(os.environ.get(variable) or default)
    if not path.is_file():
        _missing(f"{what} not found at {path}: run `bash scripts/browser.sh up`")
    return path


def chromium_path() -> Path:
    return _tool("TZNR_CHROMIUM", Path("/usr/bin/chromium"), "Chromium")


def axe_js() -> Path:
    return _tool("TZNR_AXE_JS", NODE_MODULES / "axe-core" / "axe.min.js", "axe-core")


def vnu_jar() -> Path:
    return _tool("TZNR_VNU_JAR", NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "vnu.jar")


def java() -> str:
    path = shutil.which("java")
    if path is None:
        _missing("java not found: run `bash scripts/browser.sh up`")
    return path


def ical_js() -> Path:
    return _tool("TZNR_ICAL_JS", NODE_MODULES / "ical.js" / "dist" / "ical.js", "ical.js")


def node() -> str:
    path = shutil.which("node")
    if path is None:
        _missing("node not found: run `bash scripts/browser.sh up`")
    return path
