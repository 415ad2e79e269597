#!/usr/bin/env python3
"""Scenario "pipeline": the whole pipeline once (`java -jar target/ai-editor.jar run`) on N generated articles,
every AI task on the provider simulator, compared with the lower bound the simulator's limits allow.

Usage (from the repository root; bench/run_pipeline.sh wraps it):
  bench/pipeline_bench.py N [--modes parallel,serial] [--vendors one|mixed] [--latency-ms 300] [--jitter-ms 50]
                            [--concurrency 10] [--rps 20] [--error-rate 0]

N = articles ingested; every one of them is in the scoring window and is scored (one model call each). Then
five slots are decorated (clean, decorate, bold: 15 calls) and five social posts written (5 calls).

Modes: parallel = the pipeline configured to the provider's limits (ai.<vendor>.max-concurrent = --concurrency,
requests-per-second = --rps, scoring.parallelism = --concurrency, decoration.parallelism = social.parallelism = 5);
serial = one call at a time, the baseline parallelism is measured against (scoring, decoration and social
parallelism 1, max-concurrent = 1).

JVM flags: BENCH_JVM_FLAGS, else the recommended ones (bench/benchlib.py; BENCH_JVM_FLAGS= for the JVM's defaults).

Lower bound = successful calls / min(concurrency / mean latency, rps), per vendor, the largest over vendors
(--vendors one puts every task on one vendor, so it is exactly calls / min(...)).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

from benchlib import ROOT, JAR, call, jvm_flags, save_result, shown, start_simulator, store_flags

TASKS = ("scoring", "cleaning", "decoration", "bolding", "social")
VENDOR_OF = {"one": dict.fromkeys(TASKS, "anthropic"),
             "mixed": {"scoring": "openai", "cleaning": "gemini", "decoration": "anthropic", "bolding": "anthropic",
                       "social": "anthropic"}}
BASE_ENV = {"anthropic": "ANTHROPIC", "gemini": "GEMINI", "openai": "OPENAI"}
JVM_FLAGS = []  # benchlib.jvm_flags(), read in main()


def settings(args, mode, vendors):
    parallel = mode == "parallel"
    props = {"ingest.feeds": "", "ingest.folders": args.articles, "ingest.replay-dates": "true",
             "scoring.parallelism": args.concurrency if parallel else 1,
             "decoration.parallelism": 5 if parallel else 1,
             "social.parallelism": 5 if parallel else 1,
             "run.timeout-seconds": 14400, "jobs.timeout-seconds": 14400}
    for task in TASKS:
        props["ai.%s.provider" % task] = vendors[task]
    for vendor in BASE_ENV:
        props["ai.%s.max-concurrent" % vendor] = args.concurrency if parallel else 1
        props["ai.%s.requests-per-second" % vendor] = args.rps
    return props


def run_once(args, mode, simulator):
    vendors = VENDOR_OF[args.vendors]
    data = tempfile.mkdtemp(prefix="bench-pipeline-")
    env = dict(os.environ)
    for vendor, prefix in BASE_ENV.items():
        env[prefix + "_API_KEY"] = "bench-key"
        env[prefix + "_BASE_URL"] = simulator
    cmd = ["java", *JVM_FLAGS, *store_flags(data)]
    cmd += ["-D%s=%s" % kv for kv in settings(args, mode, vendors).items()]
    cmd += ["-jar", JAR, "run"]
    call("POST", simulator + "/stats/reset", {})
    log_path = os.path.join(data, "run.log")
    began = time.monotonic()
    with open(log_path, "w") as log:
        code = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    wall = time.monotonic() - began
    stats = call("GET", simulator + "/stats")
    with open(log_path) as f:
        log_text = f.read()
    row = {"mode": mode, "exit": code, "wall": wall, "stats": stats, "log": log_path,
           "lower_bound": lower_bound(args, stats), **step_times(log_text)}
    if code != 0:
        print("The %s run exited %d; its log: %s" % (mode, code, log_path), file=sys.stderr)
    elif not args.keep:
        shutil.rmtree(data, ignore_errors=True)
    return row


def lower_bound(args, stats):
    throughput = min(args.concurrency / (args.latency_ms / 1000), args.rps) if args.rps > 0 \
        else args.concurrency / (args.latency_ms / 1000)
    return max([n / throughput for n in stats["ok_per_vendor"].values()] or [0])


def step_times(log):
    """Pipeline time (first job queued -> last job complete) and each step's time, from the run's log."""
    def seconds(stamp):
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    queued = [seconds(m) for m in re.findall(r"^(\d\d:\d\d:\d\d\.\d+) .*Queued on", log, re.M)]
    starts = dict((step, seconds(t)) for t, step in re.findall(r"^(\S+) INFO  \[Step (\w+)\] .*Starting job", log, re.M))
    ends = dict((step, seconds(t)) for t, step in re.findall(r"^(\S+) INFO  \[Step (\w+)\] .*Job complete", log, re.M))
    first_line = re.search(r"^(\d\d:\d\d:\d\d\.\d+) ", log, re.M)
    out = {"steps": {s: ends[s] - starts[s] for s in starts if s in ends}}
    if queued and ends:
        out["pipeline"] = max(ends.values()) - min(queued)
        out["startup"] = min(queued) - seconds(first_line.group(1)) if first_line else None
    return out


def table(args, rows):
    lines = ["| mode | N | wall (process) | pipeline (first job queued -> last done) | lower bound | "
             "wall / bound | pipeline / bound | calls ok | 429/529 | other errors | scoring step | exit |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        counts = r["stats"]["counts"]
        limited = sum(n for k, n in counts.items() if k.endswith("/429") or k.endswith("/529"))
        errors = sum(n for k, n in counts.items() if not re.search(r"/(200|429|529)$", k))
        lb = r["lower_bound"]
        lines.append("| %s | %d | %.1f s | %s | %.1f s | %s | %s | %d | %d | %d | %s | %d |" % (
            r["mode"], args.n, r["wall"], fmt(r.get("pipeline")), lb, ratio(r["wall"], lb), ratio(r.get("pipeline"), lb),
            r["stats"]["ok"], limited, errors, fmt(r["steps"].get("0b")), r["exit"]))
    by = {r["mode"]: r for r in rows}
    if "parallel" in by and "serial" in by:
        lines.append("")
        lines.append("Speed-up parallel vs serial: wall %s, pipeline %s (target >= 4x); parallel wall / bound %s, "
                     "pipeline / bound %s (target <= 1.25x)." % (
                         ratio(by["serial"]["wall"], by["parallel"]["wall"]),
                         ratio(by["serial"].get("pipeline"), by["parallel"].get("pipeline")),
                         ratio(by["parallel"]["wall"], by["parallel"]["lower_bound"]),
                         ratio(by["parallel"].get("pipeline"), by["parallel"]["lower_bound"])))
    for r in rows:
        lines.append("")
        lines.append("%s: startup to first job %s; step times %s; calls %s; max in flight at the simulator %d." % (
            r["mode"], fmt(r.get("startup")), ", ".join("%s %.1f s" % kv for kv in r["steps"].items()),
            json.dumps(r["stats"]["counts"]), r["stats"]["max_in_flight"]))
    return "\n".join(lines)


def fmt(v):
    return "-" if v is None else "%.1f s" % v


def ratio(a, b):
    return "-" if not a or not b else "%.2fx" % (a / b)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--modes", default="parallel,serial")
    ap.add_argument("--vendors", choices=sorted(VENDOR_OF), default="one")
    ap.add_argument("--latency-ms", type=float, default=300)
    ap.add_argument("--jitter-ms", type=float, default=50)
    ap.add_argument("--concurrency", type=int, default=10)
    ap.add_argument("--rps", type=float, default=20)
    ap.add_argument("--error-rate", type=float, default=0)
    ap.add_argument("--keep", action="store_true", help="keep each run's data folder and log")
    args = ap.parse_args()
    JVM_FLAGS.extend(jvm_flags())

    articles = tempfile.mkdtemp(prefix="bench-articles-")
    subprocess.check_call([sys.executable, os.path.join(ROOT, "bench/gen_articles.py"), str(args.n), articles],
                          stdout=subprocess.DEVNULL)
    args.articles = articles
    sim, simulator = start_simulator("--latency-ms", args.latency_ms, "--jitter-ms", args.jitter_ms,
                                     "--concurrency", args.concurrency, "--rps", args.rps, "--error-rate", args.error_rate)
    try:
        rows = [run_once(args, mode.strip(), simulator) for mode in args.modes.split(",")]
    finally:
        sim.terminate()
        shutil.rmtree(articles, ignore_errors=True)

    head = ("# pipeline, N=%d, %s UTC, %d cores; simulator %g+-%g ms, %d concurrent, %g req/s, error rate %g; "
            "vendors %s; JVM flags: %s\n\n" % (
                args.n, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), os.cpu_count(), args.latency_ms,
                args.jitter_ms, args.concurrency, args.rps, args.error_rate, args.vendors,
                shown(JVM_FLAGS)))
    text = head + table(args, rows) + "\n"
    print(text)
    save_result("pipeline", text)
    sys.exit(0 if all(r["exit"] == 0 for r in rows) else 1)


if __name__ == "__main__":
    main()
