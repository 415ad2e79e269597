#!/usr/bin/env python3
"""Fires concurrent triggers at a running ai-editor service and reports how the job engine coped.

Usage: bench/trigger_load.py [--jobs 1000] [--concurrency 100] [--base http://127.0.0.1:8080]
The service must run with TRIGGER_SECRET set (the same value in this script's environment).
`bench/run_trigger_load.sh` starts a fresh service, runs this, and stops it.
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

# Steps that finish on an empty store: the figures measure the job engine, not the pipeline's work.
STEPS = ["prefilter", "social_sync"]
FINAL = {"completed", "failed", "cancelled", "dead"}


def call(base, secret, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + secret, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, parse(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, parse(e.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
        return 0, {"error": str(e)}


def parse(raw):
    """A reply that is not JSON is counted by its status, not a crash of the benchmark."""
    try:
        return json.loads(raw or b"{}")
    except json.JSONDecodeError:
        return {}


def trigger(base, secret, i):
    start = time.perf_counter()
    status, body = call(base, secret, "POST", "/jobs/" + STEPS[i % len(STEPS)], {"date": "2026-11-20", "n": i})
    return status, body.get("job_id"), time.perf_counter() - start


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=100)
    ap.add_argument("--base", default="http://127.0.0.1:8080")
    ap.add_argument("--wait", type=float, default=300, help="seconds to wait for every job to finish")
    args = ap.parse_args()
    secret = os.environ.get("TRIGGER_SECRET")
    if not secret:
        sys.exit("Set TRIGGER_SECRET to the service's value.")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(lambda i: trigger(args.base, secret, i), range(args.jobs)))
    fired = time.perf_counter() - began
    accepted = [r for r in results if r[0] == 202]
    latencies = [r[2] * 1000 for r in accepted]
    ids = {r[1] for r in accepted}

    deadline = time.time() + args.wait
    statuses = {}
    while time.time() < deadline:
        statuses = {}
        for state in FINAL | {"queued", "running", "retrying"}:
            _, page = call(args.base, secret, "GET", "/jobs?status=%s&size=1" % state)
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
    sys.exit(0 if all_final and len(accepted) == args.jobs else 1)


if __name__ == "__main__":
    main()
