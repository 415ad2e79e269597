#!/usr/bin/env python3
"""Scenario "ingest": N generated articles (bench/gen_articles.py, 20 sources) read by one ingest job of `serve` on a
fresh embedded store, for each N given. Prints the job's time (started -> finished, from GET /jobs/status), the
articles written, and the growth from the first N to each other; appends the table to bench/results/ingest-<UTC>.md.

Usage: bench/run_ingest.sh [N ...]    (default 10000 40000 100000)
Targets (issue 14): 100,000 articles in under 60 s; 40,000 taking at most 5x the time of 10,000.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import JAR, ROOT, free_port, jvm_flags, store_flags  # noqa: E402

SECRET = "bench-secret"


def call(port, path, body=None):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), method="POST" if body is not None else "GET",
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + SECRET, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.loads(r.read())


def seconds(a, b):
    parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))
    return (parse(b) - parse(a)).total_seconds()


def run_once(n):
    work = tempfile.mkdtemp(prefix="bench-ingest-")
    articles = os.path.join(work, "articles")
    subprocess.check_call([sys.executable, os.path.join(ROOT, "bench/gen_articles.py"), str(n), articles],
                          stdout=subprocess.DEVNULL)
    port = free_port()
    props = {"camel.server.port": port, "api.trigger-secret": SECRET, "schedule.enabled": "false",
             "ingest.feeds": "", "ingest.folders": articles, "ingest.replay-dates": "true",
             "jobs.timeout-seconds.ingest": 3600}
    # the JVM of a real deployment (the bench's recommended flags), with the heap a large ingest needs
    cmd = ["java", *jvm_flags(), "-Xmx2g", *store_flags(os.path.join(work, "data"))]
    cmd += ["-D%s=%s" % kv for kv in props.items()] + ["-jar", JAR, "serve"]
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        for _ in range(600):
            try:
                call(port, "/jobs/queue")
                break
            except OSError:
                time.sleep(0.1)
        job = call(port, "/jobs/ingest", {})["job_id"]
        while True:
            status = call(port, "/jobs/status/" + job)
            if status["status"] in ("completed", "failed", "dead", "cancelled"):
                break
            time.sleep(0.2)
        if status["status"] != "completed":
            sys.exit("The ingest of %d articles ended %s: %s (log: %s)" % (n, status["status"], status.get("error"), log.name))
        result = status["result"] or {}
        return {"n": n, "seconds": seconds(status["started_at"], status["finished_at"]),
                "written": result.get("written"), "summary": result.get("summary")}
    finally:
        proc.terminate()
        proc.wait(60)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10000, 40000, 100000]
    rows = []
    for n in sizes:
        rows.append(run_once(n))
        print("%d articles: %.1f s (%s)" % (n, rows[-1]["seconds"], rows[-1]["summary"]), file=sys.stderr)
    base = rows[0]
    lines = ["| articles | ingest job (s) | written | x time of %d | x articles |" % base["n"], "|---|---|---|---|---|"]
    for r in rows:
        lines.append("| %d | %.1f | %s | %.2f | %.1f |" % (r["n"], r["seconds"], r["written"],
                                                         r["seconds"] / base["seconds"], r["n"] / base["n"]))
    table = "\n".join(lines)
    print(table)
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    with open(os.path.join(ROOT, "bench/results/ingest-%s.md" % stamp), "w") as f:
        f.write("# Ingest, %s\n\n%s\n" % (stamp, table))


if __name__ == "__main__":
    main()
