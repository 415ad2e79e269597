#!/usr/bin/env bash
# Scenario "pipeline": N generated articles through the whole pipeline against the provider simulator, configured
# to the simulator's limits (parallel) and one call at a time (serial: parallelism 1, the baseline). Prints the
# table and appends it to bench/results/pipeline-<UTC>.md.
#   bench/run_pipeline.sh 500                       # parallel, then serial
#   bench/run_pipeline.sh 5000 --modes parallel     # one mode only
#   bench/run_pipeline.sh 500 --vendors mixed       # scoring on OpenAI-compatible, cleaning on Gemini, rest Anthropic
# Options: see bench/pipeline_bench.py --help (latency, concurrency, rate, error rate of the simulator).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
exec python3 bench/pipeline_bench.py "$@"
