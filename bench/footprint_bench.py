#!/usr/bin/env python3
"""Scenario "footprint": how fast `serve` is ready and how much memory it holds, per set of JVM flags.

Usage (from the repository root; bench/run_footprint.sh wraps it):
  bench/footprint_bench.py [--flags default,dockerfile,tuned,tuned-cds] [--repeats 5] [--articles 500]

For each flag set:
  - start to ready: a fresh `serve` (new data folder: the migrations run) until /observe/health/ready answers UP,
    --repeats times; then once more on the same data folder (a restart: migrations already applied);
  - resident memory (VmRSS of the JVM from /proc): at ready, idle 10 s later, and the peak under load, sampled every
    200 ms while (1) bench/trigger_load.py fires 1,000 triggers and (2) the whole pipeline runs on --articles generated
    articles with every AI task on the provider simulator (300 ms, 10 concurrent, 20 req/s).

Flag sets (add your own with --flag-set name="flags"):
  default    the JVM's own choices (G1, heap up to 1/4 of the machine's RAM, C2)
  dockerfile the Dockerfile's JAVA_OPTS in a 512 MB container (-XX:MaxRAM=512m stands in for the limit)
  tuned      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m (what a 512 MB container sees)
  tuned-cds  tuned + an AppCDS archive of the classes a run loads (bench/.cache/ai-editor.jsa, made once per jar by
             a training `run` with -XX:ArchiveClassesAtExit)
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

from benchlib import CDS, RECOMMENDED, ROOT, SECRET, TUNED, Service, ensure_cds_archive, save_result, start_simulator, \
    store_flags


def dockerfile_flags():
    """The Dockerfile's JAVA_OPTS as in a 512 MB container: MaxRAM stands in for the container's limit, and the
    bench's archive (made the same way, for this jar's path) for the one the image builds at /app."""
    with open(os.path.join(ROOT, "Dockerfile")) as f:
        text = f.read().replace("\\\n", " ")
    opts = re.search(r'JAVA_OPTS="([^"]*)"', text).group(1).split()
    opts = ["-XX:SharedArchiveFile=" + CDS if o.startswith("-XX:SharedArchiveFile=") else o for o in opts]
    return " ".join(["-XX:MaxRAM=512m"] + opts)


DOCKERFILE = dockerfile_flags()
FLAG_SETS = {"default": "", "dockerfile": DOCKERFILE, "tuned": TUNED, "tuned-cds": RECOMMENDED}


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def service(flags, data, env=None, props=None):
    """One `serve` with these JVM flags on its own data folder."""
    return Service(flags.split() + store_flags(data), os.path.join(data, "service.log"), props, env)


def startup(flags, repeats):
    fresh, restart, at_ready = [], [], []
    for i in range(repeats):
        data = tempfile.mkdtemp(prefix="bench-footprint-")
        svc = service(flags, data)
        try:
            fresh.append(svc.wait_ready(poll=0.02))
            at_ready.append(rss_mb(svc.proc.pid))
        finally:
            svc.stop()
        if i == 0:
            svc = service(flags, data)
            try:
                restart.append(svc.wait_ready(poll=0.02))
            finally:
                svc.stop()
        shutil.rmtree(data, ignore_errors=True)
    return fresh, restart, at_ready


def under_load(flags, articles, simulator):
    data = tempfile.mkdtemp(prefix="bench-footprint-load-")
    env = {}
    for vendor in ("ANTHROPIC", "GEMINI", "OPENAI"):
        env[vendor + "_API_KEY"] = "bench-key"
        env[vendor + "_BASE_URL"] = simulator
    props = {"ingest.feeds": "", "ingest.folders": articles, "scoring.parallelism": 10,
             **{"ai.%s.provider" % t: "anthropic" for t in ("scoring", "cleaning", "decoration", "bolding", "social")},
             "ai.anthropic.max-concurrent": 10, "ai.anthropic.requests-per-second": 20}
    svc = service(flags, data, env, props)
    peak = {"triggers": 0.0, "pipeline": 0.0}
    phase = ["idle"]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            if phase[0] in peak:
                peak[phase[0]] = max(peak[phase[0]], rss_mb(svc.proc.pid))
            time.sleep(0.2)

    try:
        svc.wait_ready(poll=0.02)
        time.sleep(10)
        idle = rss_mb(svc.proc.pid)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        phase[0] = "triggers"
        subprocess.call([sys.executable, os.path.join(ROOT, "bench/trigger_load.py"), "--base", svc.base],
                        env=dict(os.environ, TRIGGER_SECRET=SECRET), stdout=subprocess.DEVNULL)
        phase[0] = "pipeline"
        began = time.monotonic()
        date = datetime.now(timezone.utc).date().isoformat()
        svc.call("POST", "/jobs/pipeline", {"date": date})
        done = False
        while not done and time.monotonic() - began < 900:
            time.sleep(1)
            _, page = svc.http("GET", "/jobs?step=social_sync&size=20")
            done = any(j.get("issue_date") == date and j.get("status") in ("completed", "failed", "dead")
                       for j in page.get("items", []))
        pipeline_s = time.monotonic() - began
        stop.set()
        sampler.join()
        after = rss_mb(svc.proc.pid)
    finally:
        stop.set()
        svc.stop()
    shutil.rmtree(data, ignore_errors=True)
    return {"idle": idle, "peak_triggers": peak["triggers"], "peak_pipeline": peak["pipeline"], "after": after,
            "pipeline_s": pipeline_s, "pipeline_done": done}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flags", default="default,dockerfile,tuned,tuned-cds", help="comma-separated flag set names")
    ap.add_argument("--flag-set", action="append", default=[], help='name="JVM flags" (repeatable)')
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--no-load", action="store_true", help="startup only")
    args = ap.parse_args()
    for spec in args.flag_set:
        name, _, flags = spec.partition("=")
        FLAG_SETS[name] = flags
    names = [n.strip() for n in args.flags.split(",")]
    if any("SharedArchiveFile=" + CDS in FLAG_SETS[n] for n in names):
        ensure_cds_archive()

    articles = tempfile.mkdtemp(prefix="bench-articles-")
    subprocess.check_call([sys.executable, os.path.join(ROOT, "bench/gen_articles.py"), str(args.articles), articles],
                          stdout=subprocess.DEVNULL)
    sim, simulator = start_simulator()
    rows = []
    try:
        for name in names:
            fresh, restart, at_ready = startup(FLAG_SETS[name], args.repeats)
            load = None if args.no_load else under_load(FLAG_SETS[name], articles, simulator)
            rows.append((name, fresh, restart, at_ready, load))
            print("%s done: ready %s" % (name, ", ".join("%.2f" % s for s in fresh)), file=sys.stderr)
    finally:
        sim.terminate()
        shutil.rmtree(articles, ignore_errors=True)

    lines = ["# footprint, %s UTC, %d cores, %d MB RAM; %d starts per flag set, load = 1,000 triggers then a pipeline "
             "on %d articles against the simulator\n" % (datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
                                                        os.cpu_count(), os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20,
                                                        args.repeats, args.articles),
             "| flags | start to ready, fresh: median (min-max) | restart to ready | RSS at ready | RSS idle (+10 s) | "
             "RSS peak: triggers | RSS peak: pipeline | pipeline under load |",
             "|---|---|---|---|---|---|---|---|"]
    for name, fresh, restart, at_ready, load in rows:
        lines.append("| %s | %.2f s (%.2f-%.2f) | %.2f s | %.0f MB | %s | %s | %s | %s |" % (
            name, statistics.median(fresh), min(fresh), max(fresh), restart[0], statistics.median(at_ready),
            "-" if not load else "%.0f MB" % load["idle"], "-" if not load else "%.0f MB" % load["peak_triggers"],
            "-" if not load else "%.0f MB" % load["peak_pipeline"],
            "-" if not load else "%.0f s%s" % (load["pipeline_s"], "" if load["pipeline_done"] else " (NOT finished)")))
    lines.append("")
    lines.extend("- %s: `%s`" % (n, FLAG_SETS[n].replace(ROOT + "/", "") or "(none)") for n in names)
    lines.append("\nTargets: start to ready < 3 s; RSS under load < 300 MB.")
    text = "\n".join(lines) + "\n"
    print(text)
    save_result("footprint", text)


if __name__ == "__main__":
    main()
