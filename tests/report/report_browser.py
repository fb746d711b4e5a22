"""A tiny W3C WebDriver client over chromedriver, with the standard library only.

The HTML report's filters need a browser that runs its script, and its escaping needs a browser
that would run an injected one. chromedriver speaks WebDriver as JSON over HTTP on the loopback
interface, so ``urllib`` is all it takes: no selenium, no websocket package.
"""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
]

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"  # the W3C WebDriver element reference key


class WebDriverError(RuntimeError):
    """chromedriver answered with an error or did not come up."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """One chromedriver process and one headless Chromium session."""

    def __init__(self, user_data_dir: Path, timeout: float = 30.0) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._driver = subprocess.Popen(
            [str(CHROMEDRIVER), f"--port={self.port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_ready(timeout)
            caps = {
                "capabilities": {
                    "alwaysMatch": {
                        "browserName": "chrome",
                        "goog:chromeOptions": {
                            "binary": str(CHROMIUM),
                            "args": [*CHROMIUM_FLAGS, f"--user-data-dir={user_data_dir}"],
                        },
                    }
                }
            }
            self.session = self._call("POST", "/session", caps)["sessionId"]
        except BaseException:
            self._driver.kill()
            self._driver.wait()
            raise

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._driver.poll() is not None:
                raise WebDriverError(f"chromedriver exited with status {self._driver.returncode}")
            try:
                if self._call("GET", "/status").get("ready"):
                    return
            except (urllib.error.URLError, ConnectionError, WebDriverError):
                pass
            time.sleep(0.1)
        raise WebDriverError("chromedriver did not become ready")

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            detail = json.loads(err.read().decode("utf-8") or "{}").get("value", {})
            raise WebDriverError(f"{method} {path}: {detail.get('error')}: {detail.get('message')}") from err
        value = payload.get("value", payload)
        return value

    def _session(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self._call(method, f"/session/{self.session}{path}", body)

    def open(self, url: str) -> None:
        self._session("POST", "/url", {"url": url})

    def title(self) -> str:
        return str(self._session("GET", "/title"))

    def run(self, script: str, *args: Any) -> Any:
        """Run ``script`` as a function body in the page; ``return`` gives its value."""
        return self._session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def click(self, css: str) -> None:
        found = self._session("POST", "/element", {"using": "css selector", "value": css})
        self._session("POST", f"/element/{found[ELEMENT_KEY]}/click", {})

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self._session("GET", "/screenshot")))

    def resize(self, width: int, height: int) -> None:
        """The window's outer size (a taller window lets a screenshot hold a whole page)."""
        self._session("POST", "/window/rect", {"width": width, "height": height})

    def full_page_screenshot(self, path: Path, width: int = 1280) -> None:
        """A screenshot of the whole page at ``width``: the window grown to the page's height."""
        self.resize(width, 900)
        height = int(self.run("return document.documentElement.scrollHeight;"))
        self.resize(width, height + 140)  # the window's own chrome, so the viewport holds the page
        self.screenshot(path)

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self._driver.terminate()
            try:
                self._driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._driver.kill()
                self._driver.wait()
