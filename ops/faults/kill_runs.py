#!/usr/bin/env python3
"""SIGKILL trials of the embedded default: is an issue sent exactly once, whatever moment `run` dies at?

Each trial, in a data folder of its own and for an issue date of its own:

  1. `java -jar target/ai-editor.jar run --date D`, SIGKILLed at a random moment (seeded; the delay is drawn
     uniformly over the wall time of an unkilled run, measured first), or - every --eml-every'th trial - the
     moment <data>/outbox/D/newsletter.eml has been written;
  2. `run --date D` again, not killed;
  3. the checks: the re-run exits 0 and says the chain completed ("The newsletter is in ..."), newsletter.eml was
     written exactly once over both runs (inotify events that create or replace it: a write closed on it, or a
     rename onto it; without inotifywait, changes of inode/mtime/size seen by a 5 ms poll), the deliveries row
     of the issue, and the jobs left queued/running/retrying in the trial's H2 database.

Prints a table per trial and the summary line
  trials N, sent once N, not sent N, sent twice N, re-run failed N, jobs left open N
and exits 1 when a trial broke the promise (sent not exactly once, or the re-run failed), 2 on a setup error.
Builds nothing: it expects target/ai-editor.jar (./mvnw -B -q package -DskipTests).

  python3 ops/faults/kill_runs.py [-n 20] [--seed 1] [--eml-every 4] [--keep] [--work DIR]
"""
import argparse
import datetime
import email
import email.policy
import glob
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "ai-editor.jar")
# the footprint benchmark's flags (bench/README.md), the Dockerfile's: quick to start on 2 cores
DEFAULT_JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m"
OPEN = ("queued", "running", "retrying")
STEP_LABELS = {"Step 0": "ingest", "Step 0b": "ai_scoring", "Step 1": "prefilter", "Step 2": "slot_selection",
               "Step 3": "decoration", "Step 3b": "images", "Step 4": "html_compile", "Step 4b": "mautic_send",
               "Step 5": "social_sync"}
EML = "newsletter.eml"


def h2_url(data):
    return ("jdbc:h2:file:%s/db/ai-editor;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            "AUTO_SERVER=TRUE" % data)


def h2_classpath():
    """The H2 jar from the local Maven repository (newest), else the shaded application jar, which contains it."""
    jars = sorted(glob.glob(os.path.expanduser("~/.m2/repository/com/h2database/h2/*/h2-*.jar")))
    jars = [j for j in jars if not j.endswith(("-sources.jar", "-javadoc.jar"))]
    return jars[-1] if jars else JAR


class EmlWatch:
    """Counts the times newsletter.eml in one folder is created or replaced.

    inotifywait -m on the folder: a CLOSE_WRITE on newsletter.eml is one write (in place, or a create), a
    MOVED_TO onto it is one replacement (write-temp-then-rename). Without inotifywait: a 5 ms poll of
    (inode, mtime, size), each new non-empty (inode, mtime) one write (two writes within one poll interval, or
    within one mtime tick, count once)."""

    def __init__(self, folder, use_inotify=True):
        self.folder = folder
        self.writes = 0
        self.events = []  # (monotonic time, what)
        self.written = threading.Event()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.proc = None
        self.mode = "inotify" if use_inotify and shutil.which("inotifywait") else "poll"
        if self.mode == "inotify":
            self.proc = subprocess.Popen(["inotifywait", "-m", "--format", "%e|%f", "-e", "close_write",
                                          "-e", "moved_to", "-e", "create", "-e", "delete", "-e", "moved_from", folder],
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
            # inotifywait says on stderr when its watch is in place: only then may the run start
            while True:
                line = self.proc.stderr.readline()
                if not line or "Watches established" in line:
                    break
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self._last = self._stat()
            threading.Thread(target=self._poll, daemon=True).start()

    def _count(self, what):
        with self._lock:
            self.writes += 1
            self.events.append((time.monotonic(), what))
        self.written.set()

    def _read(self):
        for line in self.proc.stdout:
            events, _, name = line.rstrip("\n").partition("|")
            if name != EML:
                continue
            if "CLOSE_WRITE" in events or "MOVED_TO" in events:
                self._count(events)

    def _stat(self):
        try:
            st = os.stat(os.path.join(self.folder, EML))
            return st.st_ino, st.st_mtime_ns, st.st_size
        except FileNotFoundError:
            return None

    def _poll(self):
        # a write in place is seen as an empty file first (created or truncated), then the whole one: only
        # non-empty versions count, each (inode, mtime) once
        counted = self._last
        while not self._stop.is_set():
            now = self._stat()
            if now is not None and now[2] > 0 and (counted is None or now[:2] != counted[:2]):
                self._count("changed %s" % (now,))
                counted = now
            time.sleep(0.005)

    def count(self):
        with self._lock:
            return self.writes

    def close(self):
        time.sleep(0.3)  # the last events of a run that just ended
        self._stop.set()
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def configured_db_url():
    """db.url in the repository's application.properties (what `run` reads from its working directory)."""
    try:
        with open(os.path.join(ROOT, "application.properties"), errors="replace") as f:
            for line in f:
                m = re.match(r"\s*db\.url\s*[=:]\s*(.*?)\s*$", line)
                if m:
                    return m.group(1)
    except FileNotFoundError:
        pass
    return ""


def pass_db_url(args):
    """Whether each run gets -Ddb.url: needed while db.url is a fixed path (data/db) that aieditor.data-dir does not
    move; not once an empty db.url means "the H2 database in {data-dir}/db" (the application then adds its own
    durability settings, which an explicit URL would leave out)."""
    if args.db_url == "auto":
        return configured_db_url() != ""
    return args.db_url == "yes"


def java_run(args, data, date, log_path):
    db = ["-Ddb.url=" + h2_url(data)] if pass_db_url(args) else []
    cmd = ["java"] + args.jvm_flags.split() + ["-Djava.awt.headless=true", "-Daieditor.data-dir=" + data] + db + [
        "-jar", JAR, "run", "--date", date]
    log = open(log_path, "w")
    return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), log


def last_step(log_path):
    """Where the run was: the step of its last "[Step N]" line."""
    try:
        with open(log_path, errors="replace") as f:
            labels = re.findall(r"\[(Step \w+)\]", f.read())
    except FileNotFoundError:
        return "-"
    return STEP_LABELS.get(labels[-1], labels[-1]) if labels else "startup"


def h2_query(data, sql):
    """Rows of the single column r of each statement, through H2's Shell (a JVM of its own)."""
    out = subprocess.run(["java", "-cp", h2_classpath(), "org.h2.tools.Shell", "-url", h2_url(data), "-user", "sa",
                          "-sql", sql], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError("H2 query failed: " + (out.stderr or out.stdout).strip()[:500])
    return [line for line in out.stdout.splitlines() if "|" in line and not line.startswith("(")]


def inspect_db(data, date):
    rows = h2_query(data, "SELECT 'D|' || idempotency_key || '|' || status AS r FROM deliveries WHERE issue_date = DATE '%s'; "
                          "SELECT 'J|' || step || '|' || status || '|' || COUNT(*) AS r FROM jobs GROUP BY step, status" % date)
    deliveries = [r.split("|")[2] for r in rows if r.startswith("D|")]
    jobs = {}
    for r in rows:
        if r.startswith("J|"):
            _, step, status, n = r.split("|")
            jobs[(step, status)] = int(n)
    return deliveries, jobs


def eml_ok(path):
    """The .eml on disk is whole: multipart/alternative with a text and an HTML part."""
    try:
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        types = [p.get_content_type() for p in msg.iter_parts()] if msg.is_multipart() else []
        return msg.get_content_type() == "multipart/alternative" and "text/plain" in types and "text/html" in types
    except Exception:
        return False


def calibrate(args, work, date):
    data = os.path.join(work, "calibration")
    os.makedirs(os.path.join(data, "outbox", date))
    watch = EmlWatch(os.path.join(data, "outbox", date), not args.no_inotify)
    t0 = time.monotonic()
    proc, log = java_run(args, data, date, os.path.join(data, "run.log"))
    eml_at = first_job_at = None
    while proc.poll() is None:
        if first_job_at is None:
            with open(log.name, errors="replace") as f:
                if "Queued on" in f.read():
                    first_job_at = time.monotonic() - t0
        if eml_at is None and watch.written.wait(0.005):
            eml_at = time.monotonic() - t0
        elif eml_at is not None:
            time.sleep(0.05)
    wall = time.monotonic() - t0
    log.close()
    watch.close()
    if proc.returncode != 0:
        raise RuntimeError("the unkilled calibration run failed (exit %d): see %s" % (proc.returncode, log.name))
    return wall, eml_at, first_job_at


def trial(args, work, i, date, rng, wall, window_start):
    data = os.path.join(work, "trial-%02d" % i)
    issue = os.path.join(data, "outbox", date)
    os.makedirs(issue)  # made before the run so the watch covers the first write (the run makes it if missing)
    watch = EmlWatch(issue, not args.no_inotify)
    plan = "eml" if args.eml_every and i % args.eml_every == args.eml_every - 1 else "random"
    delay = rng.uniform(window_start, wall)
    row = {"trial": i, "date": date, "plan": plan if plan == "eml" else "random %.2fs" % delay}

    t0 = time.monotonic()
    proc, log = java_run(args, data, date, os.path.join(data, "run1.log"))
    killed_at = None
    deadline = t0 + max(wall * 4, 120)
    while proc.poll() is None and time.monotonic() < deadline:
        if plan == "eml":
            if watch.written.wait(0.001):
                break
        else:
            left = t0 + delay - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(left, 0.01))
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.monotonic() - t0
    proc.wait()
    log.close()
    if proc.returncode != -signal.SIGKILL:
        killed_at = None  # it had exited (or was exiting) by itself when the signal came
    row["killed"] = "%.2fs" % killed_at if killed_at is not None else "exited first"
    row["at step"] = last_step(log.name) if killed_at is not None else "-"
    row["run1"] = proc.returncode
    row["writes1"] = watch.count()

    proc, log = java_run(args, data, date, os.path.join(data, "run2.log"))
    try:
        proc.wait(timeout=args.rerun_timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()
    watch.close()
    with open(log.name, errors="replace") as f:
        out = f.read()
    row["rerun"] = proc.returncode
    row["chain"] = "completed" if ("Pipeline run for issue " + date) in out and (
        "The newsletter is in" in out or "The newsletter went out" in out) else (
        "FAILED" if "FAILED at" in out else "no end")
    row["writes"] = watch.count()
    row["eml ok"] = "yes" if eml_ok(os.path.join(issue, EML)) else ("-" if not os.path.exists(os.path.join(issue, EML)) else "TORN")
    try:
        deliveries, jobs = inspect_db(data, date)
        row["delivery"] = ",".join(deliveries) or "none"
        open_jobs = {k: v for k, v in jobs.items() if k[1] in OPEN}
        row["open jobs"] = sum(open_jobs.values())
        row["open detail"] = " ".join("%s:%s=%d" % (s, st, n) for (s, st), n in sorted(open_jobs.items()))
    except Exception as e:  # a database the kill broke is a finding, not a crash of this script
        row["delivery"] = "db error"
        row["open jobs"] = -1
        row["open detail"] = str(e)[:120]
    writes = row["writes"]
    row["sent"] = "once" if writes == 1 else ("NOT SENT" if writes == 0 else "TWICE" if writes == 2 else "%dx" % writes)
    broken = writes != 1 or row["rerun"] != 0 or row["chain"] != "completed"
    row["verdict"] = "BROKEN" if broken else "ok"
    if not args.keep and not broken:
        shutil.rmtree(data, ignore_errors=True)
    else:
        row["folder"] = data
    return row


COLUMNS = ["trial", "date", "plan", "killed", "at step", "run1", "writes1", "rerun", "chain", "writes", "sent",
           "eml ok", "delivery", "open jobs", "verdict"]


def print_table(rows):
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in COLUMNS}
    print("| " + " | ".join(c.ljust(widths[c]) for c in COLUMNS) + " |")
    print("|" + "|".join("-" * (widths[c] + 2) for c in COLUMNS) + "|")
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "")).ljust(widths[c]) for c in COLUMNS) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--eml-every", type=int, default=4,
                    help="every Nth trial is killed right after newsletter.eml is written (0: never)")
    ap.add_argument("--first-date", default="2031-01-06", help="issue date of trial 0; trial i gets this + i days")
    ap.add_argument("--duration", type=float, default=None,
                    help="wall time of an unkilled run in s (default: measured by a calibration run)")
    ap.add_argument("--kill-window", choices=("run", "pipeline"), default="run",
                    help="random kills over the whole unkilled run (from JVM start), or only from its first job on")
    ap.add_argument("--db-url", choices=("auto", "yes", "no"), default="auto",
                    help="pass -Ddb.url=<the trial's H2 file> to each run: auto = only when application.properties "
                         "sets a db.url (the code before data-dir moved the database)")
    ap.add_argument("--rerun-timeout", type=float, default=300)
    ap.add_argument("--jvm-flags", default=os.environ.get("FAULTS_JVM_FLAGS", DEFAULT_JVM_FLAGS))
    ap.add_argument("--work", default=None, help="folder for the trials' data (default: a new one under /tmp)")
    ap.add_argument("--keep", action="store_true", help="keep every trial's data folder (broken ones are always kept)")
    ap.add_argument("--no-inotify", action="store_true", help="count writes by polling inode/mtime/size instead")
    args = ap.parse_args()

    if not os.path.exists(JAR):
        print("kill_runs: %s is missing; build it first: ./mvnw -B -q package -DskipTests" % JAR, file=sys.stderr)
        return 2
    if not args.no_inotify and not shutil.which("inotifywait"):
        print("kill_runs: inotifywait not found (apt-get install -y inotify-tools): counting writes by polling "
              "inode/mtime/size every 5 ms instead", file=sys.stderr)
    work = args.work or tempfile.mkdtemp(prefix="kill-runs-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(args.seed)
    first = datetime.date.fromisoformat(args.first_date)
    jar_time = datetime.datetime.fromtimestamp(os.path.getmtime(JAR)).strftime("%Y-%m-%d %H:%M")
    commit = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
    print("kill_runs: %d trials, seed %d, every %s trial killed right after %s is written; jar %s (built %s); "
          "commit %s; work %s; writes counted by %s; %s" % (
              args.trials, args.seed, "%dth" % args.eml_every if args.eml_every else "no", EML,
              os.path.relpath(JAR, ROOT), jar_time, commit, work,
              "inotify" if not args.no_inotify and shutil.which("inotifywait") else "polling",
              "-Ddb.url passed" if pass_db_url(args) else "database placed by aieditor.data-dir (no -Ddb.url)"))
    if args.duration:
        wall, eml_at, first_job_at = args.duration, None, None
    else:
        wall, eml_at, first_job_at = calibrate(args, work, (first - datetime.timedelta(days=1)).isoformat())
    window_start = 0.0
    if args.kill_window == "pipeline":
        if first_job_at is None:
            print("kill_runs: --kill-window pipeline needs the calibration run (not --duration)", file=sys.stderr)
            return 2
        window_start = first_job_at
    print("unkilled run: %.2f s wall%s%s; random kills are drawn uniformly in [%.2f s, %.2f s]" % (
        wall, ", first job queued at %.2f s" % first_job_at if first_job_at else "",
        ", %s written at %.2f s" % (EML, eml_at) if eml_at else "", window_start, wall))
    sys.stdout.flush()

    rows = []
    for i in range(args.trials):
        date = (first + datetime.timedelta(days=i)).isoformat()
        row = trial(args, work, i, date, rng, wall, window_start)
        rows.append(row)
        print("trial %2d %s: %-13s killed %-12s at %-14s writes %d, re-run %s, chain %s, delivery %s, open jobs %s -> %s"
              % (i, date, row["plan"], row["killed"], row["at step"], row["writes"], row["rerun"], row["chain"],
                 row["delivery"], row["open jobs"], row["verdict"]))
        sys.stdout.flush()

    print()
    print_table(rows)
    print()
    for r in rows:
        if r.get("open detail"):
            print("trial %d open jobs: %s" % (r["trial"], r["open detail"]))
        if r.get("folder"):
            print("trial %d data kept in %s" % (r["trial"], r["folder"]))
    n = len(rows)
    once = sum(1 for r in rows if r["writes"] == 1)
    not_sent = sum(1 for r in rows if r["writes"] == 0)
    twice = sum(1 for r in rows if r["writes"] >= 2)
    rerun_failed = sum(1 for r in rows if r["rerun"] != 0 or r["chain"] != "completed")
    open_jobs = sum(1 for r in rows if r["open jobs"] != 0)
    torn = sum(1 for r in rows if r["eml ok"] == "TORN")
    unsent_rows = sum(1 for r in rows if r["delivery"] != "sent")
    print("trials %d, sent once %d, not sent %d, sent twice %d, re-run failed %d, jobs left open %d"
          % (n, once, not_sent, twice, rerun_failed, open_jobs))
    print("also: torn .eml %d, deliveries row not 'sent' %d; killed right after the .eml: %d of %d sent twice"
          % (torn, unsent_rows, sum(1 for r in rows if r["plan"] == "eml" and r["writes"] >= 2),
             sum(1 for r in rows if r["plan"] == "eml")))
    broken = [r for r in rows if r["verdict"] != "ok"]
    print("PROMISE %s" % ("BROKEN in %d of %d trials" % (len(broken), n) if broken else "kept in all %d trials" % n))
    if not args.keep and not broken and not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
