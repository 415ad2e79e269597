#!/usr/bin/env bash
# Scenario "job engine": 10,000 no-op jobs from trigger to completed through our engine (over SEDA and over Redis)
# and through BullMQ on the same Redis (adding directly, and behind an HTTP trigger), burst and paced; jobs/s,
# trigger-to-start p50/p99, CPU per job and the ratios. Appends to bench/results/job-engine-<UTC>.md.
#   bench/run_job_engine.sh                              # ~2.5 min
#   bench/run_job_engine.sh --transports seda --no-bullmq --jobs 5000 --warmup 5000
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/ai-editor.jar ] || ./mvnw -B -q package -DskipTests
[ -d bench/peers/bullmq/node_modules ] || (cd bench/peers/bullmq && npm ci --no-audit --no-fund)
exec python3 bench/job_engine_bench.py "$@"
