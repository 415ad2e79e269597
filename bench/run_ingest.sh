#!/usr/bin/env bash
# Scenario "ingest": N generated articles through one ingest job, for each N (default 10000 40000 100000); prints the
# times and their growth, and appends them to bench/results/ingest-<UTC>.md. See bench/ingest_bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
exec python3 bench/ingest_bench.py "$@"
