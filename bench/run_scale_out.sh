#!/usr/bin/env bash
# Scenario "scale-out": one vs two worker processes (serve --role worker) on LLM-bound scoring, on the local
# PostgreSQL and Redis, against the provider simulator. Prints the table and appends it to bench/results/.
#   bench/run_scale_out.sh                       # 400 articles, 8 shard jobs, 2 job threads and 4 calls in flight per worker
#   bench/run_scale_out.sh --articles 1000       # see bench/scale_out_bench.py --help
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
exec python3 bench/scale_out_bench.py "$@"
