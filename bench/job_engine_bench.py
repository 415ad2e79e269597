#!/usr/bin/env python3
"""Scenario "job engine": K no-op jobs from trigger to completed, our engine vs BullMQ on the same Redis.

Usage (from the repository root; bench/run_job_engine.sh wraps it):
  bench/job_engine_bench.py [--jobs 10000] [--warmup 10000] [--concurrency 100] [--rate 20] [--workers 3]
                            [--transports seda,redis] [--no-bullmq] [--profile FILE.jfr]

Our engine: a fresh `serve` per transport (H2, schedule off, queue.workers workers; redis: REDIS_URL on database
13, emptied first). bench/clients/triggers.mjs (Node, keep-alive connections) sends `POST /jobs/prefilter` for an
issue date with no articles: the step reads two empty result sets, so the job's own bookkeeping is the work. Job
records are kept. Two loads, each on a fresh service after --warmup jobs that are not counted (the JIT needs
thousands of jobs to settle):
  burst  K triggers, --concurrency in flight at once: throughput (the start latency is mostly the backlog);
  paced  one trigger at a time at --rate per second (below capacity): the engine's own trigger-to-start latency.
From the jobs table (GET /jobs, every page) once none is queued, running or retrying:
  jobs/s            = K / (last finished_at - first trigger sent)
  trigger-to-start  = started_at - the moment the client sent the trigger (same clock: one machine)
  created-to-start  = started_at - created_at (the engine's own queueing, without the HTTP hop)
Peers, the same K, warm-up, adds in flight or rate, and worker concurrency, on Redis database 14:
  BullMQ (queue.add)     bench/peers/bullmq/noop.mjs: adds straight from the process that runs the workers;
  BullMQ (HTTP trigger)  bench/peers/bullmq/http.mjs: a Node HTTP endpoint that adds, driven by the same client as
                         ours - the same work a trigger from outside costs our engine.
CPU per job: the engine's process, the Redis server (whatever else uses it at the time counts too) and the client.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

import benchlib
from benchlib import ROOT, JAR, SECRET, free_port, http, jvm_flags, save_result, shown, store_flags

EMPTY_ISSUE = "2000-01-03"  # no article is that old: the step has nothing to do
# --work none: the prefilter step's route replaced by one that does nothing (routes are files: no rebuild), so a job
# is only the engine's bookkeeping, as BullMQ's no-op processor is
NOOP_STEP = """- route:
    id: prefilter
    routeConfigurationId: pipeline
    from:
      uri: direct:prefilter
      steps:
        - setBody:
            constant: ""
"""
REDIS_URL = "redis://127.0.0.1:6379"
OUR_REDIS_DB = 13  # BullMQ uses 14
JVM_FLAGS = []  # benchlib.jvm_flags(), read in main()


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Service(benchlib.Service):
    """A fresh `serve` on its own data folder (removed by stop()), over one transport, its prefilter step a no-op
    route for --work none."""

    def __init__(self, transport, workers, extra_flags=(), work="prefilter"):
        self.data = tempfile.mkdtemp(prefix="bench-job-engine-")
        extra_flags = list(extra_flags)
        if work == "none":
            routes = os.path.join(self.data, "routes")
            shutil.copytree(os.path.join(ROOT, "routes"), routes)
            with open(os.path.join(routes, "prefilter.camel.yaml"), "w") as f:
                f.write(NOOP_STEP)
            extra_flags.append("-Dcamel.main.routesIncludePattern=file:%s/*.camel.yaml" % routes)
        env = {}
        if transport == "redis":
            # a database of its own, emptied first: nothing left over from an earlier run is taken
            subprocess.run(["redis-cli", "-n", str(OUR_REDIS_DB), "flushdb"], check=True, stdout=subprocess.DEVNULL)
            env["REDIS_URL"] = "%s/%d" % (REDIS_URL, OUR_REDIS_DB)
        super().__init__([*JVM_FLAGS, *extra_flags, *store_flags(self.data)], os.path.join(self.data, "service.log"),
                         {"schedule.enabled": "false", "queue.workers": workers}, env)
        self.wait_ready()

    def transport(self):
        """The transport the service says its workers read (the queues health check's detail; /observe answers this
        machine without credentials and refuses a bearer token)."""
        checks = http("GET", self.base + "/observe/health?data=true", timeout=5)[1].get("checks", [])
        return next((c.get("data", {}).get("transport", "unknown") for c in checks if c.get("name") == "queues"),
                    "unknown")

    def stop(self):
        super().stop()
        shutil.rmtree(self.data, ignore_errors=True)


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (/proc/<pid>/stat)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def jcmd(pid, *command):
    subprocess.check_call(["jcmd", str(pid), *command], stdout=subprocess.DEVNULL)


def fire(base, jobs, concurrency, rate=None, offset=0, step="prefilter"):
    """Runs bench/clients/triggers.mjs: `jobs` triggers over keep-alive connections, `concurrency` in flight, or one
    at a time at `rate` per second. Returns {job_id: sent (epoch s)}, trigger latencies (ms) and the client's CPU s."""
    cmd = ["node", os.path.join(ROOT, "bench/clients/triggers.mjs"), "--base", base, "--secret", SECRET,
           "--jobs", str(jobs), "--date", EMPTY_ISSUE, "--offset", str(offset), "--step", step]
    cmd += ["--rate", str(rate)] if rate else ["--concurrency", str(concurrency)]
    before = sum(os.times()[2:4])
    out = json.loads(subprocess.check_output(cmd, timeout=600).decode().strip().splitlines()[-1])
    if out["refused"]:
        print("triggers refused: %s" % out["refused"], file=sys.stderr)
    return ({job_id: sent / 1000 for job_id, sent, _ in out["accepted"]}, [lat for _, _, lat in out["accepted"]],
            sum(os.times()[2:4]) - before)


def our_engine(svc, jobs, concurrency, rate=None, warmup=0, profile=None):
    """Fires `jobs` triggers after `warmup` uncounted ones; all times from the jobs table once every job is final."""
    if warmup:
        fire(svc.base, warmup, concurrency)
        wait_final(svc)
    if profile:
        jcmd(svc.proc.pid, "JFR.start", "name=bench", "settings=profile")
    service_cpu, redis_cpu = cpu_seconds(svc.proc.pid), redis_cpu_seconds()
    sent_at, latencies, client_cpu = fire(svc.base, jobs, concurrency, rate, warmup)
    wait_final(svc)
    service_cpu, redis_cpu = cpu_seconds(svc.proc.pid) - service_cpu, redis_cpu_seconds() - redis_cpu
    if profile:
        jcmd(svc.proc.pid, "JFR.stop", "name=bench", "filename=" + os.path.abspath(profile))
    rows = all_jobs(svc)
    done = [(sent_at[r["job_id"]], instant(r["created_at"]), instant(r["started_at"]), instant(r["finished_at"]))
            for job_id, r in rows.items()
            if job_id in sent_at and r["status"] == "completed" and r.get("started_at")]
    return figures(jobs, done, latencies, service_cpu, redis_cpu, client_cpu)


def figures(jobs, done, latencies, engine_cpu, redis_cpu, client_cpu):
    """The table's figures from each completed job's (sent, created, started, finished) epoch seconds, the trigger
    latencies (ms) and the CPU seconds each process used while they ran."""
    to_start = [(started - sent) * 1000 for sent, _, started, _ in done]
    created_to_start = [(started - created) * 1000 for _, created, started, _ in done]
    seconds = max(f for *_, f in done) - min(s for s, *_ in done) if done else float("nan")
    per_job = 1000 / max(1, len(done))
    return {"jobs": jobs, "completed": len(done), "seconds": seconds, "jobs_per_s": len(done) / seconds,
            "trigger_p50_ms": pct(latencies, 50), "trigger_p99_ms": pct(latencies, 99),
            "start_p50_ms": pct(to_start, 50), "start_p99_ms": pct(to_start, 99),
            "created_start_p50_ms": pct(created_to_start, 50), "created_start_p99_ms": pct(created_to_start, 99),
            "service_cpu_ms": engine_cpu * per_job, "redis_cpu_ms": redis_cpu * per_job,
            "client_cpu_ms": client_cpu * per_job}


def wait_final(svc, timeout=600):
    """Waits until no job is queued, running or retrying (GET /jobs/queue): every trigger was answered before, so
    all jobs exist. Cheap for the service however many finished rows the table holds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, body = svc.http("GET", "/jobs/queue")
        if status == 200 and not any(body["queued"].values()) and not body["running"] and not body["retrying"]:
            return
        time.sleep(0.2)
    raise RuntimeError("jobs not final after %d s" % timeout)


def all_jobs(svc):
    rows, page = {}, 1
    while True:
        _, body = svc.http("GET", "/jobs?step=prefilter&size=500&page=%d" % page)
        items = body.get("items", [])
        rows.update((r["job_id"], r) for r in items)
        if len(items) < 500 or len(rows) >= body.get("total", 0):
            return rows
        page += 1


def bullmq(jobs, concurrency, workers, rate=None, warmup=0):
    peer = os.path.join(ROOT, "bench/peers/bullmq")
    if not os.path.isdir(os.path.join(peer, "node_modules")):
        subprocess.check_call(["npm", "ci", "--no-audit", "--no-fund"], cwd=peer, stdout=subprocess.DEVNULL)
    cmd = ["node", "noop.mjs", "--jobs", str(jobs), "--concurrency", str(concurrency), "--workers", str(workers),
           "--warmup", str(warmup), "--redis", REDIS_URL + "/14"] + (["--rate", str(rate)] if rate else [])
    before, redis_before = sum(os.times()[2:4]), redis_cpu_seconds()
    r = json.loads(subprocess.check_output(cmd, cwd=peer, timeout=600).decode().strip().splitlines()[-1])
    # one Node process adds and works, warm-up included: its CPU and Redis's over all the jobs it ran
    ran = max(1, r["completed"] + warmup)
    node_cpu = (sum(os.times()[2:4]) - before) * 1000 / ran
    redis_cpu = (redis_cpu_seconds() - redis_before) * 1000 / ran
    return {"jobs": r["jobs"], "completed": r["completed"], "seconds": r["seconds"], "jobs_per_s": r["jobs_per_s"],
            "trigger_p50_ms": r["add_p50_ms"], "trigger_p99_ms": r["add_p99_ms"],
            "start_p50_ms": r["start_p50_ms"], "start_p99_ms": r["start_p99_ms"],
            "created_start_p50_ms": None, "created_start_p99_ms": None, "engine": r["engine"], "service_cpu_ms": node_cpu,
            "redis_cpu_ms": redis_cpu}


def bullmq_http(jobs, concurrency, workers, rate=None, warmup=0):
    """BullMQ behind an HTTP trigger (bench/peers/bullmq/http.mjs), driven by the same client as our engine."""
    port = free_port()
    peer = subprocess.Popen(["node", "http.mjs", "--port", str(port), "--secret", SECRET, "--workers", str(workers),
                             "--redis", REDIS_URL + "/14"], cwd=os.path.join(ROOT, "bench/peers/bullmq"),
                            stdout=subprocess.PIPE, text=True)
    base = "http://127.0.0.1:%d" % port
    try:
        if peer.stdout.readline().strip() != "ready":
            raise RuntimeError("the BullMQ HTTP peer did not start")

        def completed(expected):
            deadline = time.time() + 600
            while time.time() < deadline:
                times = http("GET", base + "/jobs/times", secret=SECRET)[1]
                if len(times) >= expected:
                    return times
                time.sleep(0.2)
            raise RuntimeError("BullMQ jobs not completed in time")
        if warmup:
            fire(base, warmup, concurrency, step="noop")
            completed(warmup)
        before, redis_before = cpu_seconds(peer.pid), redis_cpu_seconds()
        sent_at, latencies, client_cpu = fire(base, jobs, concurrency, rate, warmup, step="noop")
        times = completed(warmup + len(sent_at))
        peer_cpu, redis_cpu = cpu_seconds(peer.pid) - before, redis_cpu_seconds() - redis_before
    finally:
        http("POST", base + "/shutdown", secret=SECRET)
        peer.wait(60)
    done = [(sent_at[i], t[0] / 1000, t[1] / 1000, t[2] / 1000) for i, t in times.items() if i in sent_at]
    return figures(jobs, done, latencies, peer_cpu, redis_cpu, client_cpu)


def redis_cpu_seconds():
    """CPU the local Redis server has used so far (0 when no redis-server process is found)."""
    try:
        return cpu_seconds(int(subprocess.check_output(["pgrep", "-o", "-x", "redis-server"]).split()[0]))
    except (OSError, subprocess.CalledProcessError, IndexError):
        return 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=10000)
    ap.add_argument("--concurrency", type=int, default=100, help="triggers (adds) in flight in the burst load")
    ap.add_argument("--rate", type=float, default=20, help="triggers per second in the paced load")
    ap.add_argument("--warmup", type=int, default=10000, help="jobs run first and not counted (JIT, connections)")
    ap.add_argument("--workers", type=int, default=3, help="jobs run at once (queue.workers; BullMQ concurrency)")
    ap.add_argument("--transports", default="seda,redis", help="our engine over these, comma-separated")
    ap.add_argument("--work", default="none,prefilter",
                    help="what our jobs do, comma-separated: none (a no-op step route), prefilter (the prefilter step "
                         "on an issue with no articles: two queries and a delete); the paced load runs the first only")
    ap.add_argument("--no-bullmq", action="store_true")
    ap.add_argument("--profile", metavar="FILE.jfr", help="record the burst (after warm-up) with JFR and summarise it")
    args = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("Build the jar first: ./mvnw -B -q package -DskipTests")
    JVM_FLAGS.extend(jvm_flags())

    loads = [("burst", args.concurrency, None, args.jobs), ("paced", 1, args.rate, min(args.jobs, int(args.rate * 15)))]
    rows = []
    for load, concurrency, rate, jobs in loads:
        works = args.work.split(",")
        for transport, work in [(t, w) for w in (works[:1] if rate else works) for t in args.transports.split(",")]:
            # Camel's stacks are deep: without a larger stack depth JFR cuts off the frames of our own beans
            svc = Service(transport, args.workers, ["-XX:FlightRecorderOptions=stackdepth=1024"] if args.profile else [],
                          work)
            try:
                reported = svc.transport()
                ours = our_engine(svc, jobs, concurrency, rate, args.warmup, None if rate else args.profile)
            finally:
                svc.stop()
            if reported != transport:
                sys.exit("The service reports transport %s, not %s" % (reported, transport))
            what = "no-op step" if work == "none" else "prefilter step, nothing to filter"
            rows.append((load, concurrency if not rate else rate,
                         "ai-editor over %s (HTTP trigger, %s)" % (transport, what), ours))
        if not args.no_bullmq:
            peer = bullmq(jobs, concurrency, args.workers, rate, args.warmup)
            rows.append((load, concurrency if not rate else rate, peer.pop("engine") + " (queue.add)", peer))
            peer = bullmq_http(jobs, concurrency, args.workers, rate, args.warmup)
            rows.append((load, concurrency if not rate else rate, "BullMQ (HTTP trigger, bench/peers/bullmq/http.mjs)", peer))

    def ms(v):
        return "-" if v is None else "%.1f" % v
    lines = ["# job engine, %s UTC, %d cores; no-op jobs after %d warm-up jobs, %d workers, job records kept; "
             "Redis 127.0.0.1:6379 (BullMQ on db 14); JVM flags: %s\n" % (
                 datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), os.cpu_count(), args.warmup, args.workers,
                 shown(JVM_FLAGS)),
             "| load | engine | completed | jobs/s | trigger (add) p50 / p99 ms | trigger-to-start p50 / p99 ms | "
             "created-to-start p50 / p99 ms | CPU ms per job: engine / Redis / trigger client |",
             "|---|---|---|---|---|---|---|---|"]
    for load, level, label, r in rows:
        what = "%d in flight" % level if load == "burst" else "%g/s" % level
        lines.append("| %s (%s) | %s | %d / %d | %.0f | %s / %s | %s / %s | %s / %s | %s / %s / %s |" % (
            load, what, label, r["completed"], r["jobs"], r["jobs_per_s"], ms(r["trigger_p50_ms"]),
            ms(r["trigger_p99_ms"]), ms(r["start_p50_ms"]), ms(r["start_p99_ms"]), ms(r["created_start_p50_ms"]),
            ms(r["created_start_p99_ms"]), ms(r.get("service_cpu_ms")), ms(r.get("redis_cpu_ms")),
            ms(r.get("client_cpu_ms"))))
    lines.append("")
    if not args.no_bullmq:
        for load, *_ in loads:
            mine = [(label, r) for l, _, label, r in rows if l == load]
            peer = mine[-2][1]
            for label, r in mine[:-2]:
                lines.append("- %s, %s: throughput / BullMQ's = %.2f (queue.add), %.2f (HTTP trigger); target >= 1 "
                             "(burst); trigger-to-start p99 %.1f ms (target < 20 ms)" % (
                                 load, label, r["jobs_per_s"] / peer["jobs_per_s"],
                                 r["jobs_per_s"] / mine[-1][1]["jobs_per_s"], r["start_p99_ms"]))
    text = "\n".join(lines) + "\n"
    print(text)
    save_result("job-engine", text)
    if args.profile:
        subprocess.call([sys.executable, os.path.join(ROOT, "bench/jfr_summary.py"), args.profile])


if __name__ == "__main__":
    main()
