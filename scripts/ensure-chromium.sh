#!/usr/bin/env bash
# The webview tests (`npm test`) and the end-to-end suite drive Debian's Chromium through
# playwright-core (no browser download). Installs it on a machine that lacks it; seconds otherwise.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[chromium] installing Debian's chromium for the webview tests" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
