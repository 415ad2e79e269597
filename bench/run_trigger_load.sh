#!/usr/bin/env bash
# Scenario "trigger load": 1,000 concurrent triggers at a fresh ai-editor service on a free port with its own data
# folder (bench/trigger_load.py starts and stops it); prints the figures and appends them to bench/results/.
#   bench/run_trigger_load.sh                        # 1,000 triggers, 100 in flight
#   bench/run_trigger_load.sh --jobs 200 --concurrency 20
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p bench/results
out="bench/results/trigger-load-$(date -u +%Y%m%dT%H%M%SZ).md"
{ echo "# trigger load, $(date -u) on $(nproc) cores"; python3 bench/trigger_load.py "$@"; } | tee "$out"
