#!/usr/bin/env bash
# Scenario "job engine": 1,000 no-op jobs from trigger to completed through our engine and through BullMQ on the same
# Redis, burst and paced; jobs/s, trigger-to-start p50/p99 and the ratio. Appends to bench/results/job-engine-<UTC>.md.
#   bench/run_job_engine.sh                         # our engine over SEDA (the embedded default) vs BullMQ
#   bench/run_job_engine.sh --transport redis       # our engine over Redis: passes REDIS_URL=redis://127.0.0.1:6379
#   bench/run_job_engine.sh --jobs 5000 --workers 3 --concurrency 100
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
[ -d bench/peers/bullmq/node_modules ] || (cd bench/peers/bullmq && npm ci --no-audit --no-fund)
exec python3 bench/job_engine_bench.py "$@"
