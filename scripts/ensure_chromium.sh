#!/usr/bin/env bash
# Make sure headless Chromium and chromedriver are installed (Debian packages).
#
# Why a script and not a Makefile line: the HTML report tests drive a real browser, and both a
# developer's machine and CI must be able to get one from Debian's registry without a browser
# download of its own. Idempotent: does nothing when /usr/bin/chromium and
# /usr/bin/chromedriver are already there. Installs only when running as root (apt-get needs it);
# otherwise says what to run and exits 1.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
DRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

if [[ -x "$CHROMIUM" && -x "$DRIVER" ]]; then
    echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure_chromium: $CHROMIUM or $DRIVER is missing and we are not root;" >&2
    echo "  run: sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: no apt-get on this machine; install Chromium and chromedriver by hand" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure_chromium: apt-get update"
apt-get update -q
echo "ensure_chromium: apt-get install chromium chromium-driver"
apt-get install -y -q --no-install-recommends chromium chromium-driver
echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
