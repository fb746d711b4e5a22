"""No network at run time: a guard that refuses every connection and name lookup except local
ones (loopback, Unix sockets), and records each attempt.

tests/conftest.py keeps it on for the whole session, so every model the suite loads and every run
it makes is offline; a library that caught the refusal and fell back quietly would still leave
its attempt in ``ATTEMPTS`` (tests/reliability/test_offline.py looks). ``GUARD_SOURCE`` is the
same guard for a fresh process (written as its sitecustomize.py), logging to $CHECKER_NET_LOG.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ATTEMPTS: list[str] = []
WHERE: list[str] = []  # the test that made each attempt
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "", None}


class NetworkBlocked(ConnectionRefusedError):
    """Raised for any connection a test makes beyond this machine."""


def _is_local(family: int, address: Any) -> bool:
    if family == getattr(socket, "AF_UNIX", object()):
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    return host in _LOCAL_HOSTS or (isinstance(host, str) and host.startswith("127."))


def _refuse(what: str) -> None:
    ATTEMPTS.append(what)
    WHERE.append(os.environ.get("PYTEST_CURRENT_TEST", "?"))
    raise NetworkBlocked(f"network access at run time: {what}")


@contextmanager
def blocked() -> Iterator[list[str]]:
    """Within the block, non-local ``connect``/``connect_ex``/``sendto``/``getaddrinfo`` raise."""
    real = {
        "connect": socket.socket.connect,
        "connect_ex": socket.socket.connect_ex,
        "sendto": socket.socket.sendto,
        "getaddrinfo": socket.getaddrinfo,
    }

    def connect(self: socket.socket, address: Any) -> None:
        if not _is_local(self.family, address):
            _refuse(f"connect {address!r}")
        real["connect"](self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_local(self.family, address):
            _refuse(f"connect_ex {address!r}")
        return int(real["connect_ex"](self, address))

    def sendto(self: socket.socket, data: bytes, *args: Any) -> int:
        address = args[-1]
        if not _is_local(self.family, address):
            _refuse(f"sendto {address!r}")
        return int(real["sendto"](self, data, *args))

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in _LOCAL_HOSTS and not (isinstance(host, str) and host.startswith("127.")):
            _refuse(f"getaddrinfo {host!r}")
        return real["getaddrinfo"](host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = getaddrinfo
    try:
        yield ATTEMPTS
    finally:
        socket.socket.connect = real["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = real["connect_ex"]  # type: ignore[method-assign]
        socket.socket.sendto = real["sendto"]  # type: ignore[method-assign]
        socket.getaddrinfo = real["getaddrinfo"]


# The guard for a fresh process: saved as sitecustomize.py in a folder put first on PYTHONPATH.
GUARD_SOURCE = """
import os, socket
_log = os.environ["CHECKER_NET_LOG"]
_local = {"localhost", "127.0.0.1", "::1", "", None}
def _refuse(what):
    with open(_log, "a", encoding="utf-8") as f:
        f.write(what + "\\n")
    raise ConnectionRefusedError("network access at run time: " + what)
def _ok(family, address):
    if family == getattr(socket, "AF_UNIX", object()):
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    return host in _local or (isinstance(host, str) and host.startswith("127."))
_connect, _connect_ex, _gai = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo
def connect(self, address):
    if not _ok(self.family, address):
        _refuse("connect %r" % (address,))
    return _connect(self, address)
def connect_ex(self, address):
    if not _ok(self.family, address):
        _refuse("connect_ex %r" % (address,))
    return _connect_ex(self, address)
def getaddrinfo(host, *args, **kwargs):
    if host not in _local and not (isinstance(host, str) and host.startswith("127.")):
        _refuse("getaddrinfo %r" % (host,))
    return _gai(host, *args, **kwargs)
socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
"""
