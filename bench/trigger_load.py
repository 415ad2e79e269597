#!/usr/bin/env python3
"""Fires concurrent triggers at an ai-editor service and reports how the job engine coped.

Usage: bench/trigger_load.py [--jobs 1000] [--concurrency 100] [--base http://127.0.0.1:8080]
With --base, at a running service whose TRIGGER_SECRET is in this script's environment too. Without it, at a fresh
`serve` of the built jar on a free port with its own data folder (schedule off), stopped at the end:
`bench/run_trigger_load.sh` runs it so and appends the figures to bench/results/.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import FINAL, SECRET, Service, http, jvm_flags, store_flags  # noqa: E402

# Steps that finish on an empty store: the figures measure the job engine, not the pipeline's work.
STEPS = ["prefilter", "social_sync"]


def trigger(base, secret, i):
    start = time.perf_counter()
    status, body = http("POST", base + "/jobs/" + STEPS[i % len(STEPS)], {"date": "2026-11-20", "n": i}, secret)
    return status, body.get("job_id"), time.perf_counter() - start


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=100)
    ap.add_argument("--base", help="a running service (default: start a fresh one)")
    ap.add_argument("--wait", type=float, default=300, help="seconds to wait for every job to finish")
    args = ap.parse_args()
    if args.base:
        secret = os.environ.get("TRIGGER_SECRET")
        if not secret:
            sys.exit("Set TRIGGER_SECRET to the service's value.")
        sys.exit(load(args, args.base, secret))
    data = tempfile.mkdtemp(prefix="bench-trigger-load-")
    svc = Service([*jvm_flags(), *store_flags(data)], os.path.join(data, "service.log"), {"schedule.enabled": "false"})
    try:
        svc.wait_ready()
        code = load(args, svc.base, SECRET)
    finally:
        svc.stop()
        shutil.rmtree(data, ignore_errors=True)
    sys.exit(code)


def load(args, base, secret):
    """Fires the triggers, waits for their jobs, prints the table; returns the exit code: 0 when every trigger was
    accepted and every job reached a final state."""
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(lambda i: trigger(base, secret, i), range(args.jobs)))
    fired = time.perf_counter() - began
    accepted = [r for r in results if r[0] == 202]
    latencies = [r[2] * 1000 for r in accepted]
    ids = {r[1] for r in accepted}

    deadline = time.time() + args.wait
    statuses = {}
    while time.time() < deadline:
        statuses = {}
        for state in FINAL + ("queued", "running", "retrying"):
            _, page = http("GET", base + "/jobs?status=%s&size=1" % state, secret=secret)
            statuses[state] = page.get("total", 0)
        if sum(statuses.get(s, 0) for s in FINAL) >= len(ids) and not any(statuses.get(s) for s in ("queued", "running", "retrying")):
            break
        time.sleep(0.5)
    drained = time.perf_counter() - began

    print("| figure | value |")
    print("|---|---|")
    print("| triggers fired | %d (concurrency %d) |" % (args.jobs, args.concurrency))
    print("| accepted (202) | %d |" % len(accepted))
    print("| other replies | %s |" % sorted({r[0] for r in results if r[0] != 202}))
    if latencies:
        print("| trigger latency p50 / p99 / max | %.1f / %.1f / %.1f ms |" % (
            statistics.median(latencies), percentile(latencies, 99), max(latencies)))
    print("| time to fire all | %.2f s (%.0f triggers/s) |" % (fired, args.jobs / fired))
    print("| time until every job was final | %.2f s |" % drained)
    print("| job states at the end | %s |" % ", ".join("%s=%d" % kv for kv in sorted(statuses.items()) if kv[1]))
    all_final = sum(statuses.get(s, 0) for s in FINAL) >= len(ids) and not any(statuses.get(s) for s in ("queued", "running", "retrying"))
    print("| every job reached a final state | %s |" % ("yes" if all_final else "NO"))
    return 0 if all_final and len(accepted) == args.jobs else 1


if __name__ == "__main__":
    main()
