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
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import JAR, ROOT, free_port, jvm_flags  # noqa: E402

SECRET = "bench-scale-out"


def call(url, body=None, timeout=10):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="GET" if body is None else "POST",
                                 headers={"Authorization": "Bearer " + SECRET, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def wait_ready(port, proc, what, seconds=90):
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if proc.poll() is not None:
            sys.exit("%s exited with %d" % (what, proc.returncode))
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/observe/health/ready" % port, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("%s was not ready within %d s" % (what, seconds))


def psql(sql, db="postgres"):
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def start(role, port, env, props, log):
    cmd = ["java", *jvm_flags(), "-Dcamel.server.port=%d" % port]
    cmd += ["-D%s=%s" % kv for kv in props.items()]
    cmd += ["-jar", JAR, "serve", "--role", role]
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)


def wait_jobs(base, ids, seconds):
    until = time.monotonic() + seconds
    results = {}
    while time.monotonic() < until:
        for job in ids:
            if job not in results:
                status = call("%s/jobs/status/%s" % (base, job))
                if status.get("status") in ("completed", "failed", "dead", "cancelled"):
                    results[job] = status
        if len(results) == len(ids):
            return results
        time.sleep(0.1)
    sys.exit("jobs did not finish within %d s" % seconds)


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
    procs = []
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/gen_articles.py"), str(args.articles),
                        os.path.join(work, "articles")], check=True, stdout=subprocess.DEVNULL)
        psql("CREATE DATABASE %s" % db)
        subprocess.run(["redis-cli", "-n", str(args.redis_db), "flushdb"], check=True, stdout=subprocess.DEVNULL)
        sim_port = free_port()
        sim = subprocess.Popen([sys.executable, os.path.join(ROOT, "bench/simulator/simulator.py"), "--port", str(sim_port),
                                "--latency-ms", str(args.latency_ms), "--jitter-ms", str(args.jitter_ms),
                                "--concurrency", "1000", "--rps", "1000"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(sim)
        env = dict(os.environ, DATABASE_URL="postgresql://postgres@127.0.0.1:5432/" + db,
                   REDIS_URL="redis://127.0.0.1:6379/%d" % args.redis_db, TRIGGER_SECRET=SECRET,
                   ANTHROPIC_API_KEY="bench-key", ANTHROPIC_BASE_URL="http://127.0.0.1:%d" % sim_port)
        props = {"aieditor.data-dir": os.path.join(work, "data"), "ingest.feeds": "",
                 "ingest.folders": os.path.join(work, "articles"), "ingest.replay-dates": "true",
                 "ai.scoring.provider": "anthropic", "ai.anthropic.max-concurrent": args.max_concurrent,
                 "ai.anthropic.requests-per-second": 0, "scoring.parallelism": args.max_concurrent,
                 "queue.workers": args.workers, "jobs.timeout-seconds": 3600}
        web_port = free_port()
        web_log = open(os.path.join(work, "web.log"), "w")
        web = start("web", web_port, env, props, web_log)
        procs.append(web)
        wait_ready(web_port, web, "the web process")
        base = "http://127.0.0.1:%d" % web_port

        rows = []
        for n in (1, 2):
            psql("DELETE FROM scores", db)
            workers = []
            for i in range(n):
                port = free_port()
                w = start("worker", port, env, props, open(os.path.join(work, "worker-%d-%d.log" % (n, i)), "w"))
                procs.append(w)
                workers.append((w, port))
            for w, port in workers:
                wait_ready(port, w, "a worker")
            if not rows:
                ingest = call(base + "/jobs/ingest", {})["job_id"]
                wait_jobs(base, [ingest], 600)
            began = time.monotonic()
            ids = [call(base + "/jobs/ai_scoring", {"shard": i, "shards": args.shards})["job_id"] for i in range(args.shards)]
            done = wait_jobs(base, ids, 3600)
            wall = time.monotonic() - began
            scored = sum(json.loads(d["result"])["written"] if isinstance(d.get("result"), str) else d["result"]["written"]
                         for d in done.values())
            rows.append({"processes": n, "wall": wall, "scored": scored, "statuses": sorted({d["status"] for d in done.values()})})
            for w, _ in workers:
                w.send_signal(signal.SIGTERM)
            for w, _ in workers:
                w.wait(60)

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
        os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
        with open(os.path.join(ROOT, "bench/results/scale-out-%s.md" % stamp.strftime("%Y%m%dT%H%M%SZ")), "w") as f:
            f.write(text)
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
                        "DROP DATABASE IF EXISTS %s WITH (FORCE)" % db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
