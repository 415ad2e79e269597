#!/usr/bin/env python3
"""Scenario "ingest": N generated articles (bench/gen_articles.py, 20 sources) read by one ingest job of `serve` on a
fresh embedded store, for each N given. Prints the job's time (started -> finished, from GET /jobs/status), the
articles written, and the growth from the first N to each other; appends the table to bench/results/ingest-<UTC>.md.

Usage: bench/run_ingest.sh [N ...]    (default 10000 40000 100000)
Targets (issue 14): 100,000 articles in under 60 s; 40,000 taking at most 5x the time of 10,000.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import ROOT, Service, jvm_flags, save_result, store_flags  # noqa: E402


def seconds(a, b):
    parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))
    return (parse(b) - parse(a)).total_seconds()


def run_once(n):
    work = tempfile.mkdtemp(prefix="bench-ingest-")
    articles = os.path.join(work, "articles")
    subprocess.check_call([sys.executable, os.path.join(ROOT, "bench/gen_articles.py"), str(n), articles],
                          stdout=subprocess.DEVNULL)
    props = {"schedule.enabled": "false", "ingest.feeds": "", "ingest.folders": articles, "ingest.replay-dates": "true",
             "jobs.timeout-seconds.ingest": 3600}
    # the JVM of a real deployment (the bench's recommended flags), with the heap a large ingest needs
    svc = Service([*jvm_flags(), "-Xmx2g", *store_flags(os.path.join(work, "data"))], os.path.join(work, "serve.log"),
                  props)
    try:
        svc.wait_ready(timeout=60)
        status = svc.wait_job(svc.call("POST", "/jobs/ingest", {})["job_id"], timeout=7200)
        if status["status"] != "completed":
            sys.exit("The ingest of %d articles ended %s: %s (log: %s)" % (n, status["status"], status.get("error"),
                                                                         svc.log.name))
        result = status["result"] or {}
        return {"n": n, "seconds": seconds(status["started_at"], status["finished_at"]),
                "written": result.get("written"), "summary": result.get("summary")}
    finally:
        svc.stop()
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
    save_result("ingest", "# Ingest, %s UTC, %d cores\n\n%s\n" % (
        datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), os.cpu_count(), table))


if __name__ == "__main__":
    main()
