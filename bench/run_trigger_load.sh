#!/usr/bin/env bash
# Starts a fresh ai-editor service on a free port with its own data folder, fires 1,000 concurrent triggers at
# it (bench/trigger_load.py), prints the figures, appends them to bench/results/, and stops the service.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
export TRIGGER_SECRET="bench-$(date +%s)"
java -Daieditor.data-dir="$data" \
     -Dschedule.enabled=false -Dcamel.server.port="$port" -jar target/ai-editor.jar serve > "$data/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/observe/health/ready" && break
  sleep 0.5
done
mkdir -p bench/results
out="bench/results/trigger-load-$(date -u +%Y%m%dT%H%M%SZ).md"
{ echo "# trigger load, $(date -u) on $(nproc) cores"; python3 bench/trigger_load.py --base "http://127.0.0.1:$port" "$@"; } | tee "$out"
