#!/usr/bin/env python3
"""Scenario "scale-out": one vs two worker processes on LLM-bound scoring, in distributed mode.

A web process (serve --role web) on a fresh PostgreSQL database and a Redis database; N generated articles are
ingested once; then, for 1 and for 2 worker processes (serve --role worker), the scores are wiped and S scoring
shard jobs ({"shard": i, "shards": S}, more shards than one process has job threads, so a second process finds
work waiting) are triggered over the control API; the time from the first trigger to the
last shard's completion is the figure. Each worker process caps its calls in flight at --max-concurrent (its
scoring pool and its per-vendor cap), as a real deployment does; the simulator is given room above two workers'
calls, so what bounds scoring is the workers, not the provider.

Prints the table and appends it to bench/results/scale-out-<UTC>.md.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import ROOT, Service, jvm_flags, save_result, start_simulator, stop  # noqa: E402


def psql(sql, db="postgres"):
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=400)
    p.add_argument("--shards", type=int, default=8)
    p.add_argument("--workers", type=int, default=2, help="job threads per worker process (queue.workers)")
    p.add_argument("--max-concurrent", type=int, default=4, help="calls in flight per worker process")
    p.add_argument("--latency-ms", type=int, default=300)
    p.add_argument("--jitter-ms", type=int, default=50)
    p.add_argument("--redis-db", type=int, default=13)
    args = p.parse_args()

    work = tempfile.mkdtemp(prefix="bench-scale-out-")
    db = "aieditor_bench_scale_%d" % os.getpid()
    sim, services = None, []
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/gen_articles.py"), str(args.articles),
                        os.path.join(work, "articles")], check=True, stdout=subprocess.DEVNULL)
        psql("CREATE DATABASE %s" % db)
        subprocess.run(["redis-cli", "-n", str(args.redis_db), "flushdb"], check=True, stdout=subprocess.DEVNULL)
        sim, simulator = start_simulator("--latency-ms", args.latency_ms, "--jitter-ms", args.jitter_ms,
                                         "--concurrency", 1000, "--rps", 1000)
        env = {"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/" + db,
               "REDIS_URL": "redis://127.0.0.1:6379/%d" % args.redis_db,
               "ANTHROPIC_API_KEY": "bench-key", "ANTHROPIC_BASE_URL": simulator}
        props = {"aieditor.data-dir": os.path.join(work, "data"), "ingest.feeds": "",
                 "ingest.folders": os.path.join(work, "articles"), "ingest.replay-dates": "true",
                 "ai.scoring.provider": "anthropic", "ai.anthropic.max-concurrent": args.max_concurrent,
                 "ai.anthropic.requests-per-second": 0, "scoring.parallelism": args.max_concurrent,
                 "queue.workers": args.workers, "jobs.timeout-seconds": 3600}
        flags = jvm_flags()
        web = Service(flags, os.path.join(work, "web.log"), props, env, role="web")
        services.append(web)
        web.wait_ready(90)

        rows = []
        for n in (1, 2):
            psql("DELETE FROM scores", db)
            workers = [Service(flags, os.path.join(work, "worker-%d-%d.log" % (n, i)), props, env, role="worker")
                       for i in range(n)]
            services.extend(workers)
            for w in workers:
                w.wait_ready(90)
            if not rows:
                web.wait_job(web.call("POST", "/jobs/ingest", {})["job_id"], 600)
            began = time.monotonic()
            ids = [web.call("POST", "/jobs/ai_scoring", {"shard": i, "shards": args.shards})["job_id"]
                   for i in range(args.shards)]
            done = [web.wait_job(job, 3600 - (time.monotonic() - began), poll=0.1) for job in ids]
            wall = time.monotonic() - began
            scored = sum(json.loads(d["result"])["written"] if isinstance(d.get("result"), str) else d["result"]["written"]
                         for d in done)
            rows.append({"processes": n, "wall": wall, "scored": scored, "statuses": sorted({d["status"] for d in done})})
            for w in workers:
                w.stop()

        stamp = datetime.datetime.now(datetime.timezone.utc)
        lines = ["# scale-out, %s UTC, %d cores; %d articles, %d scoring shard jobs, %d job threads and %d calls in "
                 "flight per worker process, simulator %d+-%d ms with room for more" % (stamp.strftime("%Y-%m-%d %H:%M"),
                                                              os.cpu_count(), args.articles, args.shards, args.workers, args.max_concurrent, args.latency_ms, args.jitter_ms),
                 "", "| worker processes | scoring wall | articles scored | articles/s | speed-up | job statuses |",
                 "|---|---|---|---|---|---|"]
        for r in rows:
            lines.append("| %d | %.1f s | %d | %.1f | %.2fx | %s |" % (r["processes"], r["wall"], r["scored"], r["scored"] / r["wall"],
                                                                       rows[0]["wall"] / r["wall"], ", ".join(r["statuses"])))
        lines.append("")
        lines.append("Ideal: %.1f articles/s per worker process (%d in flight / %.1f s a call). Target: two >= 1.8x one."
                     % (args.max_concurrent / (args.latency_ms / 1000.0), args.max_concurrent, args.latency_ms / 1000.0))
        text = "\n".join(lines) + "\n"
        print(text)
        save_result("scale-out", text)
    finally:
        for svc in reversed(services):
            svc.stop(30)
        if sim:
            stop(sim, 5)
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
                        "DROP DATABASE IF EXISTS %s WITH (FORCE)" % db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
