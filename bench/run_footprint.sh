#!/usr/bin/env bash
# Scenario "footprint": start-to-ready time of `serve` and its resident memory idle and under load, for a few sets
# of JVM flags (JVM defaults, the Dockerfile's, tuned, tuned + AppCDS). Prints the table and appends it to
# bench/results/footprint-<UTC>.md.
#   bench/run_footprint.sh                      # all four flag sets, 5 starts each, load with 500 articles
#   bench/run_footprint.sh --flags tuned-cds --repeats 10 --no-load
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
exec python3 bench/footprint_bench.py "$@"
