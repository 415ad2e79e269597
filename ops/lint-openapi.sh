#!/usr/bin/env bash
# Lints the control API's OpenAPI document with Redocly's linter (redocly.yaml: the recommended rules).
#
#   ops/lint-openapi.sh                         start the built jar on a free port, fetch /openapi.json, stop it
#   ops/lint-openapi.sh http://host:8080        fetch the document from a service that is already running
#
# The document is saved to target/openapi/openapi.json. Exits non-zero on any lint error (warnings are printed and
# do not fail), or when the document cannot be fetched. Needs Java 17, curl, npx (Node.js), and for the first form
# target/ai-editor.jar (./mvnw -B -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY="@redocly/cli@2.77.0"
out=target/openapi
mkdir -p "$out"
doc="$out/openapi.json"
log() { echo "[lint-openapi] $*" >&2; }

fetch() { curl -fsS --max-time 10 -o "$doc" "$1/openapi.json"; }

if [[ $# -ge 1 ]]; then
  fetch "${1%/}" || { log "could not fetch $1/openapi.json"; exit 2; }
else
  [[ -f target/ai-editor.jar ]] || { log "target/ai-editor.jar is missing: run ./mvnw -B -q package -DskipTests"; exit 2; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  data=$(mktemp -d)
  # its own data directory and port, no schedule and no API secret: nothing it does touches a real service
  PORT=$port TRIGGER_SECRET= SCHEDULE_ENABLED=false java -Daieditor.data-dir="$data" -jar target/ai-editor.jar serve \
    >"$out/service.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
  for _ in $(seq 1 120); do
    fetch "http://127.0.0.1:$port" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { log "the service stopped before it served the document; see $out/service.log"; exit 2; }
    sleep 1
  done
  [[ -s "$doc" ]] || { log "no document after 120 s; see $out/service.log"; exit 2; }
fi

log "linting $doc with $REDOCLY"
npx --yes "$REDOCLY" lint --config redocly.yaml "$doc"
