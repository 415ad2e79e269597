#!/usr/bin/env python3
"""A fault storm on distributed mode: is every issue sent exactly once while workers, Redis, PostgreSQL and a
scheduler die under it?

It starts, all on 127.0.0.1 and all its own:
  - Redis on port 6391 (--appendonly yes --appendfsync everysec, its folder under the run folder);
  - a PostgreSQL 15 cluster "storm" on port 5441 (pg_createcluster; pg_hba trust for 127.0.0.1 and local;
    stopped with -m immediate for the outage; dropped at the end);
  - a fake Mautic (in this process; Mautic's token, create, get, search and send calls as
    src/test/java/aieditor/mautic_send/FakeMautic.java speaks them) that counts per email name ("ai-editor <date>")
    the send calls it carried out: the on-the-wire "sent" count;
  - the provider simulator (bench/simulator/simulator.py) for cleaning (Gemini), decoration and bolding
    (Anthropic) at --latency-ms (500 +- 100), decoration.parallelism 1, so a decoration job lasts seconds;
  - from target/ai-editor.jar (builds nothing): 1 `serve --role web`, 3 `serve --role worker`, 2 `serve --role
    scheduler`, each on its own PORT, with DATABASE_URL, REDIS_URL and TRIGGER_SECRET; delivery through Mautic;
    the prefilter cron every 10 s (a cheap step whose fires are counted), every other cron in 2099.

Then (seeded, printed as a timeline): 6 issues (consecutive dates) triggered with POST /jobs/pipeline, spaced out
(a refused trigger is retried every 5 s, as a client would, and counted); 10 worker SIGKILLs (a worker running a job
when there is one; each restarted a few seconds later); a 20 s Redis outage (SIGKILL, restart on the same AOF); a
20 s PostgreSQL outage (stop -m immediate, start); a SIGKILL of the scheduler holding the next prefilter fire
(qrtz_fired_triggers, else the one whose log shows the latest cron queueing), restarted 10 s later. Then it waits
(bounded by --wait) for every issue's chain to finish, stops the schedulers, and reports:

  issues sent once / not sent / sent twice (the fake Mautic), the deliveries rows per issue, jobs left
  queued/running/retrying (and whether Redis still holds them), cron fires lost (10 s fire times expected over the
  window against jobs.fire_time of prefilter; a missed_fires table is consulted if there is one), takeover times
  (per worker kill: kill -> a job the dead worker was running is started by another worker, jobs.started_at and
  jobs.worker), redeliveries (jobs.redeliveries if the column exists, else "Redelivered" log lines), and the time
  every chain took to finish after each outage ended.

Exit 1 when the promise is broken (an issue sent other than exactly once: twice, or not at all within the
bound), with --strict also when jobs were left open or cron fires lost; 0 otherwise; 2 on a setup error.
Everything it started is stopped at the end, on Ctrl-C too.

  python3 ops/faults/storm.py [--quick] [--seed 1] [--keep-cluster] [--run-dir DIR]
"""
import argparse
import datetime
import heapq
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "ai-editor.jar")
SIMULATOR = os.path.join(ROOT, "bench", "simulator", "simulator.py")
DEFAULT_JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m"
PG_VERSION, PG_CLUSTER, PG_PORT = "15", "storm", 5441
REDIS_PORT = 6391
DB = "aieditor"
FAR = "0 0 0 1 1 ? 2099"
CRON_STEP = "prefilter"
CRON_PERIOD = 10
STEPS = ["ingest", "ai_scoring", "prefilter", "slot_selection", "decoration", "images", "html_compile",
         "mautic_send", "social_sync"]
OPEN = ("queued", "running", "retrying")
MAUTIC_PREFIX = "ai-editor"

T0 = time.time()


def say(msg):
    print("[t+%6.1fs] %s" % (time.time() - T0, msg), flush=True)


def rel(ts):
    return "t+%.1fs" % (ts - T0) if ts is not None else "-"


def port_free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


# --- the fake Mautic -------------------------------------------------------------------------------------------

class FakeMautic:
    """Mautic's token and email endpoints (FakeMautic.java's wire format). Sends are counted per email name when
    Mautic carries them out - after the send's latency, whether or not the caller is still there to hear the
    answer, as a real Mautic sends to the segment inside the request."""
    TOKEN = "storm-token"

    def __init__(self, send_ms, segment=120):
        self.lock = threading.Lock()
        self.emails = {}  # id -> {"name", "sentCount"}
        self.next_id = 40
        self.sends = {}  # name -> sends carried out
        self.creates = {}  # name -> creates
        self.send_log = []  # (time, name, id)
        self.send_ms = send_ms
        self.segment = segment
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def reply(self, status, body):
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def body(self):
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def authorised(self):
                if self.headers.get("Authorization") == "Bearer " + FakeMautic.TOKEN:
                    return True
                self.reply(401, {"errors": [{"message": "API authorization denied.", "code": 401, "type": "access_denied"}]})
                return False

            def do_POST(self):
                u = urllib.parse.urlparse(self.path)
                raw = self.body()
                if u.path == "/oauth/v2/token":
                    return self.reply(200, {"access_token": FakeMautic.TOKEN, "expires_in": 3600,
                                            "token_type": "bearer", "scope": None})
                if not self.authorised():
                    return
                if u.path == "/api/emails/new":
                    email = json.loads(raw or b"{}")
                    with fake.lock:
                        fake.next_id += 1
                        eid = fake.next_id
                        name = email.get("name", "")
                        fake.emails[eid] = {"name": name, "sentCount": 0}
                        fake.creates[name] = fake.creates.get(name, 0) + 1
                    return self.reply(201, {"email": {"id": eid, "name": name, "emailType": "list",
                                                      "isPublished": True, "sentCount": 0}})
                m = re.fullmatch(r"/api/emails/(\d+)/send", u.path)
                if m:
                    eid = int(m.group(1))
                    with fake.lock:
                        known = eid in fake.emails
                    if not known:
                        return self.reply(404, {"errors": [{"message": "Item was not found.", "code": 404}]})
                    time.sleep(fake.send_ms / 1000.0)
                    with fake.lock:
                        e = fake.emails[eid]
                        e["sentCount"] += fake.segment
                        fake.sends[e["name"]] = fake.sends.get(e["name"], 0) + 1
                        fake.send_log.append((time.time(), e["name"], eid))
                    return self.reply(200, {"success": 1, "sentCount": fake.segment, "failedCount": 0})
                return self.reply(404, {"errors": [{"message": "Item was not found.", "code": 404}]})

            def do_GET(self):
                u = urllib.parse.urlparse(self.path)
                if not self.authorised():
                    return
                if u.path == "/api/emails":
                    search = urllib.parse.parse_qs(u.query).get("search", [""])[0]
                    with fake.lock:
                        found = {str(i): {"id": i, "name": e["name"], "sentCount": e["sentCount"]}
                                 for i, e in fake.emails.items() if search in e["name"]}
                    return self.reply(200, {"total": len(found), "emails": found})
                m = re.fullmatch(r"/api/emails/(\d+)", u.path)
                if m:
                    eid = int(m.group(1))
                    with fake.lock:
                        e = fake.emails.get(eid)
                        e = dict(e) if e else None
                    if e:
                        return self.reply(200, {"email": {"id": eid, "name": e["name"], "sentCount": e["sentCount"]}})
                return self.reply(404, {"errors": [{"message": "Item was not found.", "code": 404}]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def close(self):
        self.server.shutdown()
        self.server.server_close()


# --- PostgreSQL and Redis of our own ----------------------------------------------------------------------------

def run(cmd, check=True, timeout=120, **kw):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if check and out.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), out.returncode, (out.stderr or out.stdout).strip()[:800]))
    return out


class Postgres:
    def __init__(self):
        self.created = False

    def exists(self):
        out = run(["pg_lsclusters", "-h"], check=False)
        return any(line.split()[:2] == [PG_VERSION, PG_CLUSTER] for line in out.stdout.splitlines())

    def create(self):
        if self.exists():
            say("dropping a leftover cluster %s/%s" % (PG_VERSION, PG_CLUSTER))
            run(["pg_dropcluster", PG_VERSION, PG_CLUSTER, "--stop"], check=False)
        if not port_free(PG_PORT):
            raise RuntimeError("port %d is taken: another PostgreSQL?" % PG_PORT)
        run(["pg_createcluster", PG_VERSION, PG_CLUSTER, "-p", str(PG_PORT)])
        self.created = True
        conf = "/etc/postgresql/%s/%s/conf.d/storm.conf" % (PG_VERSION, PG_CLUSTER)
        os.makedirs(os.path.dirname(conf), exist_ok=True)
        with open(conf, "w") as f:
            f.write("# storm.py: loopback only, room for six processes' pools\n"
                    "listen_addresses = '127.0.0.1'\nmax_connections = 200\nfsync = on\n")
        hba = "/etc/postgresql/%s/%s/pg_hba.conf" % (PG_VERSION, PG_CLUSTER)
        with open(hba, "w") as f:
            f.write("# storm.py: trust, local and 127.0.0.1 only\n"
                    "local all all trust\nhost all all 127.0.0.1/32 trust\n")
        self.start()
        run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-c", "CREATE DATABASE " + DB])

    def start(self):
        run(["pg_ctlcluster", PG_VERSION, PG_CLUSTER, "start"])
        deadline = time.time() + 60
        while time.time() < deadline:
            if run(["pg_isready", "-h", "127.0.0.1", "-p", str(PG_PORT)], check=False).returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("PostgreSQL did not come back")

    def crash(self):
        run(["pg_ctlcluster", PG_VERSION, PG_CLUSTER, "stop", "-m", "immediate"], check=False)

    def drop(self):
        if self.created or self.exists():
            run(["pg_dropcluster", PG_VERSION, PG_CLUSTER, "--stop"], check=False)
            self.created = False


def psql(sql, timeout=15):
    """Rows of a query on the storm database, fields split on the unit separator."""
    out = run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", DB, "-v", "ON_ERROR_STOP=1",
               "-At", "-F", "\x1f", "-c", sql], timeout=timeout)
    return [line.split("\x1f") for line in out.stdout.splitlines() if line != ""]


def psql_or_none(sql):
    try:
        return psql(sql)
    except Exception:
        return None


class Redis:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.proc = None
        self.log = os.path.join(folder, "redis.log")

    def start(self):
        self.proc = subprocess.Popen(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
                                      "--protected-mode", "no", "--appendonly", "yes", "--appendfsync", "everysec",
                                      "--save", "", "--maxmemory-policy", "noeviction", "--dir", self.folder,
                                      "--logfile", self.log], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.cli("PING", check=False).strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("Redis did not start: see " + self.log)

    def cli(self, *args, check=True):
        out = run(["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT)] + list(args), check=check, timeout=10)
        return out.stdout

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def holds(self, job_ids):
        """Which of these job ids Redis holds anywhere in the queue (ready lists, in flight)."""
        try:
            text = ""
            for p in ("high", "default", "low"):
                text += self.cli("LRANGE", "ai-editor:queue:jobs:ready:" + p, "0", "-1")
            text += self.cli("HGETALL", "ai-editor:queue:jobs:inflight")
        except Exception:
            return None
        return {j for j in job_ids if j in text}


# --- the application's processes ---------------------------------------------------------------------------------

class App:
    def __init__(self, name, role, storm):
        self.name, self.role, self.storm = name, role, storm
        self.proc = None
        self.port = None
        self.incarnation = -1
        self.logs = []
        self.started_at = None
        self.down_on_purpose = False  # killed by the storm, its restart scheduled
        self.all_procs = []  # every incarnation, so that none outlives the storm
        self.exits = []  # (time, exit code) of exits the storm did not cause

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        if self.alive():
            return self  # a restart that another path already did
        self.incarnation += 1
        self.port = free_port()
        log = os.path.join(self.storm.run_dir, "%s-%d.log" % (self.name, self.incarnation))
        self.logs.append(log)
        env = dict(os.environ)
        for k in list(env):
            if k.endswith("_API_KEY") or k.endswith("_BASE_URL") or k.startswith(("MAUTIC_", "SCHEDULE_", "AIRTABLE_")):
                del env[k]
        env.update({"DATABASE_URL": "postgresql://postgres@127.0.0.1:%d/%s" % (PG_PORT, DB),
                    "REDIS_URL": "redis://127.0.0.1:%d" % REDIS_PORT, "TRIGGER_SECRET": self.storm.secret,
                    "PORT": str(self.port)})
        cmd = ["java"] + self.storm.args.jvm_flags.split() + ["-Djava.awt.headless=true"]
        props = self.storm.properties()
        for rp in self.storm.args.role_prop or []:
            role, _, kv = rp.partition(":")
            if role == self.role:
                k, _, v = kv.partition("=")
                props[k] = v
        cmd += ["-D%s=%s" % kv for kv in props.items()]
        cmd += ["-jar", JAR, "serve", "--role", self.role]
        with open(log, "w") as f:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=f, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.all_procs.append(self.proc)
        self.started_at = time.time()
        # only now: until the new process is in self.proc the supervisor must not take the old one's exit for news
        self.down_on_purpose = False
        return self

    def ready(self):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/observe/health/ready" % self.port, timeout=2) as r:
                return r.status == 200
        except Exception:
            return False

    def kill(self):
        self.down_on_purpose = True
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def terminate(self):
        self.down_on_purpose = True
        if self.alive():
            os.kill(self.proc.pid, signal.SIGTERM)

    def log_text(self):
        text = ""
        for log in self.logs:
            try:
                with open(log, errors="replace") as f:
                    text += f.read()
            except FileNotFoundError:
                pass
        return text


class Storm:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.secret = "storm-" + os.urandom(8).hex()
        self.run_dir = args.run_dir or tempfile.mkdtemp(prefix="storm-")
        os.makedirs(self.run_dir, exist_ok=True)
        self.data_dir = os.path.join(self.run_dir, "data")
        self.pg = Postgres()
        self.redis = Redis(os.path.join(self.run_dir, "redis"))
        self.mautic = None
        self.sim = None
        self.sim_port = None
        self.web = None
        self.workers = []
        self.schedulers = []
        self.issues = []  # dicts: date, triggers [(t, status)], chain_id, accepted_at
        self.kills = []  # dicts: t, worker, pid, jobs [(id, step, attempt)], takeover
        self.outages = []  # dicts: what, start, end
        self.sched_kill = None
        self.events_log = []
        self.schedulers_ready_at = None
        self.schedulers_stopped_at = None
        self.monitor_stop = threading.Event()
        self.lock = threading.Lock()
        self.kill_lock = threading.Lock()
        self.acquisitions = {}  # cron fire time -> Quartz instance that acquired it
        self.stopping = False
        self.queue = []
        self.seq = 0

    # configuration every process shares
    def properties(self):
        sim = "http://127.0.0.1:%d" % self.sim_port
        p = {
            "aieditor.data-dir": self.data_dir,
            "newsletter.delivery": "mautic",
            "mautic.base-url": self.mautic.url(),
            "mautic.auth": "oauth2",
            "mautic.client-id": "storm-client",
            "mautic.client-secret": "storm-client-secret",
            "mautic.segment-ids": "1",
            "ai.scoring.provider": "offline",
            "ai.social.provider": "offline",
            "ai.cleaning.provider": "gemini",
            "ai.gemini.base-url": sim,
            "ai.gemini.api-key": "storm-key",
            "ai.gemini.requests-per-second": "0",
            "ai.gemini.max-concurrent": "20",
            "ai.decoration.provider": "anthropic",
            "ai.bolding.provider": "anthropic",
            "ai.anthropic.base-url": sim,
            "ai.anthropic.api-key": "storm-key",
            "ai.anthropic.requests-per-second": "0",
            "ai.anthropic.max-concurrent": "20",
            "decoration.parallelism": str(self.args.decoration_parallelism),
            # content, not crash safety: six issues on consecutive dates share the 49 sample articles, dated by the
            # first ingest; a wider window keeps every issue in stories whatever order the chains run in
            "prefilter.max-age-hours": "240",
            "scoring.window-hours": "240",
            # a failed attempt retries after seconds, not the production minutes, so the storm's bound can see it
            "jobs.retry-base-delay-seconds": str(self.args.retry_base_delay),
            "camel.main.shutdownTimeout": "10",
            "deadletter.purge-cron": FAR,
        }
        for step in STEPS:
            p["schedule." + step] = FAR
        p["schedule." + CRON_STEP] = "0/%d * * * * ?" % CRON_PERIOD
        for kv in self.args.prop or []:
            k, _, v = kv.partition("=")
            p[k] = v
        return p

    def apps(self):
        return [a for a in [self.web] + self.workers + self.schedulers if a]

    # --- setup -------------------------------------------------------------------------------------------------
    def setup(self):
        if not os.path.exists(JAR):
            raise SetupError("%s is missing; build it first: ./mvnw -B -q package -DskipTests" % JAR)
        for tool in ("redis-server", "redis-cli", "pg_createcluster", "pg_ctlcluster", "psql", "java"):
            if not shutil.which(tool):
                raise SetupError("%s not found" % tool)
        if not port_free(REDIS_PORT):
            raise SetupError("port %d is taken: another Redis?" % REDIS_PORT)
        say("run folder %s" % self.run_dir)
        self.pg.create()
        say("PostgreSQL %s/%s up on 127.0.0.1:%d" % (PG_VERSION, PG_CLUSTER, PG_PORT))
        self.redis.start()
        say("Redis up on 127.0.0.1:%d (AOF everysec in %s)" % (REDIS_PORT, self.redis.folder))
        self.mautic = FakeMautic(self.args.mautic_send_ms)
        say("fake Mautic on %s (send takes %d ms)" % (self.mautic.url(), self.args.mautic_send_ms))
        self.sim_port = free_port()
        self.sim = subprocess.Popen([sys.executable, SIMULATOR, "--port", str(self.sim_port), "--latency-ms",
                                     str(self.args.latency_ms), "--jitter-ms", str(self.args.jitter_ms),
                                     "--concurrency", "50", "--rps", "0", "--seed", str(self.args.seed)],
                                    stdout=open(os.path.join(self.run_dir, "simulator.log"), "w"),
                                    stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: http_ok("http://127.0.0.1:%d/stats" % self.sim_port), 20, "the simulator")
        say("provider simulator on 127.0.0.1:%d (%d +- %d ms)" % (self.sim_port, self.args.latency_ms, self.args.jitter_ms))
        self.web = App("web", "web", self).start()
        wait_for(self.web.ready, 180, "the web process")
        say("web ready on :%d (pid %d)" % (self.web.port, self.web.pid))
        for i in range(3):
            self.workers.append(App("worker%d" % (i + 1), "worker", self).start())
            time.sleep(1)
        for i in range(2):
            self.schedulers.append(App("scheduler%d" % (i + 1), "scheduler", self).start())
            time.sleep(1)
        wait_for(lambda: all(a.ready() for a in self.workers + self.schedulers), 240, "workers and schedulers")
        self.schedulers_ready_at = time.time()
        say("ready: workers %s, schedulers %s" % (
            ", ".join("%s pid %d :%d" % (a.name, a.pid, a.port) for a in self.workers),
            ", ".join("%s pid %d :%d" % (a.name, a.pid, a.port) for a in self.schedulers)))

    # --- chaos -------------------------------------------------------------------------------------------------
    def plan(self):
        """The seeded timeline, seconds after chaos starts."""
        a, rng = self.args, self.rng
        span = a.chaos_seconds
        n = a.issues
        gap = span * 0.7 / max(n - 1, 1)
        events = []
        for i in range(n):
            events.append((round(i * gap, 1), "trigger", i))
        # outages each cover a trigger (triggers during an outage are part of the storm)
        redis_at = round(max(1.0, 2 * gap - rng.uniform(2, 6)), 1)
        pg_at = round(max(redis_at + 30, (n - 2) * gap - rng.uniform(2, 6)), 1)
        events.append((redis_at, "redis_down", None))
        events.append((redis_at + a.outage_seconds, "redis_up", None))
        events.append((pg_at, "pg_down", None))
        events.append((pg_at + a.outage_seconds, "pg_up", None))
        sched_at = round(min(span - 8, pg_at + a.outage_seconds + rng.uniform(10, 20)), 1)
        events.append((sched_at, "scheduler_kill", None))
        # worker kills: spread over the span, not inside an outage (takeover needs the database), >= 6 s apart
        # (a kill waits up to 3 s for a worker that runs a job)
        quiet = [(redis_at - 5, redis_at + a.outage_seconds + 4), (pg_at - 5, pg_at + a.outage_seconds + 6),
                 (sched_at - 6, sched_at + 3)]
        kills = []
        tries = 0
        while len(kills) < a.worker_kills and tries < 10000:
            tries += 1
            t = round(rng.uniform(4, span - 4), 1)
            if any(lo <= t <= hi for lo, hi in quiet) or any(abs(t - k) < 6 for k in kills):
                continue
            kills.append(t)
        if len(kills) < a.worker_kills:
            raise SetupError("cannot fit %d worker kills into %d s of chaos: raise --chaos-seconds" % (a.worker_kills, span))
        for t in kills:
            events.append((t, "worker_kill", None))
        return sorted(events, key=lambda e: e[0])

    def chaos(self):
        start = time.time()
        first = datetime.date.fromisoformat(self.args.first_date)
        self.issues = [{"date": (first + datetime.timedelta(days=i)).isoformat(), "triggers": [], "chain_id": None,
                        "accepted_at": None} for i in range(self.args.issues)]
        plan = self.plan()
        say("chaos plan (seed %d), seconds from now: %s" % (self.args.seed, "; ".join(
            "%.1f %s%s" % (t, k, "" if d is None else " " + self.issues[d]["date"]) for t, k, d in plan)))
        self.queue = [(start + t, i, kind, data) for i, (t, kind, data) in enumerate(plan)]
        heapq.heapify(self.queue)
        self.seq = len(self.queue)
        threading.Thread(target=self.monitor, daemon=True).start()
        threading.Thread(target=self.supervise, daemon=True).start()
        # triggers and kills wait on the system (a trigger up to its timeout, a kill for a busy worker): each runs in
        # a thread of its own so the timeline holds; outages and restarts run in this loop, in order
        threads = []
        while True:
            with self.lock:
                due = self.queue[0] if self.queue and self.queue[0][0] <= time.time() else None
                if due:
                    heapq.heappop(self.queue)
                empty = not self.queue
            if due:
                _, _, kind, data = due
                if kind in ("trigger", "retrigger", "worker_kill", "scheduler_kill"):
                    th = threading.Thread(target=self.do_and_follow, args=(kind, data), daemon=True)
                    th.start()
                    threads.append(th)
                else:
                    self.do_and_follow(kind, data)
                continue
            if empty and not any(th.is_alive() for th in threads):
                with self.lock:
                    if not self.queue:
                        break
            time.sleep(0.05)
        say("chaos over")

    def do_and_follow(self, kind, data):
        follow = self.do(kind, data)
        with self.lock:
            for after, k2, d2 in follow or []:
                self.seq += 1
                heapq.heappush(self.queue, (time.time() + after, self.seq, k2, d2))

    def do(self, kind, data):
        if kind == "trigger":
            return self.trigger(data)
        if kind == "worker_kill":
            return self.kill_worker()
        if kind in ("worker_restart", "restart"):
            if self.stopping:
                return []
            data.start()
            say("restarted %s: pid %d" % (data.name, data.pid))
            return []
        if kind == "redis_down":
            self.outages.append({"what": "Redis", "start": time.time(), "end": None})
            self.redis.kill()
            say("REDIS DOWN (SIGKILL)")
            return []
        if kind == "redis_up":
            self.redis.start()
            self.outages[-1]["end"] = time.time()
            say("Redis back (same AOF)")
            return []
        if kind == "pg_down":
            self.outages.append({"what": "PostgreSQL", "start": time.time(), "end": None})
            self.pg.crash()
            say("POSTGRESQL DOWN (stop -m immediate)")
            return []
        if kind == "pg_up":
            self.pg.start()
            self.outages[-1]["end"] = time.time()
            say("PostgreSQL back")
            return []
        if kind == "scheduler_kill":
            return self.kill_scheduler()
        if kind == "scheduler_restart":
            data.start()
            say("restarted %s: pid %d" % (data.name, data.pid))
            return []
        if kind == "retrigger":
            return self.trigger(data)
        raise ValueError(kind)

    def trigger(self, i):
        issue = self.issues[i]
        req = urllib.request.Request("http://127.0.0.1:%d/jobs/pipeline" % self.web.port,
                                     data=json.dumps({"date": issue["date"]}).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + self.secret,
                                              "Content-Type": "application/json"})
        t = time.time()
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, body = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode(errors="replace")
        except Exception as e:
            status, body = "error", str(e)
        issue["triggers"].append((t, status))
        if status == 202:
            issue["chain_id"] = issue["chain_id"] or json.loads(body).get("chain_id")
            issue["accepted_at"] = issue["accepted_at"] or t
            say("trigger %s -> 202 (chain %s) in %.2f s" % (issue["date"], json.loads(body).get("chain_id", "?")[:8],
                                                           time.time() - t))
            return []
        say("trigger %s -> %s in %.2f s: %s; retrying in 5 s" % (issue["date"], status, time.time() - t, body[:160]))
        if len(issue["triggers"]) < 20:
            return [(5.0, "retrigger", i)]
        return []

    def running_jobs(self):
        rows = psql_or_none("SELECT id, step, attempt, worker FROM jobs WHERE status = 'running'")
        return rows or []

    def kill_worker(self):
        with self.kill_lock:
            return self._kill_worker()

    def _kill_worker(self):
        alive = [w for w in self.workers if w.alive()]
        if not alive:
            say("worker kill skipped: no worker alive")
            return []
        target = None
        deadline = time.time() + 3
        while target is None and time.time() < deadline:
            pids = {str(w.pid): w for w in alive}
            busy = sorted({r[3].split("@")[0] for r in self.running_jobs() if r[3].split("@")[0] in pids})
            if busy:
                target = pids[self.rng.choice(busy)]
            else:
                time.sleep(0.25)
        chosen = "running a job" if target else "idle (no worker ran a job for 3 s)"
        if target is None:
            target = self.rng.choice(sorted(alive, key=lambda w: w.name))
        held = [r for r in self.running_jobs() if r[3].split("@")[0] == str(target.pid)]
        t = time.time()
        pid = target.pid
        target.kill()
        kill = {"t": t, "worker": target.name, "pid": pid, "jobs": [(r[0], r[1], r[2]) for r in held],
                "takeover": {}}
        with self.lock:
            self.kills.append(kill)
        say("KILL %s (pid %d, %s): held %s" % (target.name, pid, chosen,
                                               ", ".join("%s %s attempt %s" % (r[1], r[0][:8], r[2]) for r in held) or "no job"))
        return [(round(self.rng.uniform(3, 6), 1), "worker_restart", target)]

    def kill_scheduler(self):
        # just before a fire: the scheduler that acquired it holds it in qrtz_fired_triggers
        now = time.time()
        next_fire = math.ceil(now / CRON_PERIOD) * CRON_PERIOD
        wait = next_fire - 1.5 - now
        if wait < 0:
            wait += CRON_PERIOD
        time.sleep(wait)
        target, how = None, None
        rows = psql_or_none("SELECT instance_name, state, trigger_name FROM qrtz_fired_triggers") or []
        for inst, state, trig in rows:
            if CRON_STEP in trig:
                for s in self.schedulers:
                    if s.alive() and inst in s.log_text():
                        target, how = s, "holds the next %s fire (%s, qrtz_fired_triggers %s)" % (CRON_STEP, state, inst)
        if target is None and rows:
            names = self.instance_names()
            say("the next %s fire is held by %s, not by a scheduler" % (CRON_STEP, ", ".join(
                "%s (%s)" % (names.get(inst, inst), state) for inst, state, trig in rows if CRON_STEP in trig)))
        if target is None:
            latest = []
            for s in self.schedulers:
                if not s.alive():
                    continue
                times = re.findall(r"^(\d\d:\d\d:\d\d\.\d+) INFO  \[Step 1\] \(job \w+\) Queued on .*\(cron\)\.$",
                                   s.log_text(), re.M)
                latest.append((times[-1] if times else "", s.name, s))
            if latest:
                latest.sort()
                target, how = latest[-1][2], "queued the latest cron job (%s)" % (latest[-1][0] or "none seen")
        if target is None:
            say("scheduler kill skipped: none alive")
            return []
        t = time.time()
        pid = target.pid
        target.kill()
        self.sched_kill = {"t": t, "scheduler": target.name, "pid": pid, "how": how}
        say("KILL %s (pid %d): %s" % (target.name, pid, how))
        return [(10.0, "scheduler_restart", target)]

    def supervise(self):
        """What a platform's restart policy does: a process that exits without the storm killing it (e.g. one
        started during an outage) is reported and started again 3 s later."""
        while not self.monitor_stop.wait(1.0):
            if self.stopping:
                return
            for a in self.apps():
                if a.proc is not None and not a.alive() and not a.down_on_purpose:
                    a.exits.append((time.time(), a.proc.returncode))
                    say("%s EXITED by itself (pid %d, exit %s): restarting it in 3 s" % (a.name, a.pid, a.proc.returncode))
                    a.down_on_purpose = True
                    with self.lock:
                        self.seq += 1
                        heapq.heappush(self.queue, (time.time() + 3, self.seq, "restart", a))

    def monitor(self):
        """Takeovers: when a job a killed worker was running is started again by another worker. And which Quartz
        instance acquired each cron fire (qrtz_fired_triggers, sampled)."""
        while not self.monitor_stop.wait(0.5):
            acquired = psql_or_none("SELECT sched_time, instance_name, state FROM qrtz_fired_triggers "
                                    "WHERE trigger_name = '%s'" % CRON_STEP)
            for sched_time, instance, state in acquired or []:
                self.acquisitions[int(sched_time) / 1000.0] = instance
            with self.lock:
                pending = [(k, j) for k in self.kills for j in k["jobs"] if j[0] not in k["takeover"]]
            if not pending:
                continue
            ids = sorted({j[0] for _, j in pending})
            rows = psql_or_none("SELECT id, status, COALESCE(worker, ''), COALESCE(extract(epoch FROM started_at)::text, ''), "
                                "attempt FROM jobs WHERE id IN (%s)" % ",".join("'%s'" % i for i in ids))
            if rows is None:
                continue
            by_id = {r[0]: r for r in rows}
            for k, j in pending:
                r = by_id.get(j[0])
                if not r:
                    continue
                _, status, worker, started, attempt = r
                started = float(started) if started else None
                if started and started > k["t"] and not worker.startswith("%d@" % k["pid"]):
                    k["takeover"][j[0]] = {"seconds": started - k["t"], "by": worker, "attempt": attempt,
                                           "status": status}
                elif status in ("dead", "failed", "cancelled") or (status == "completed" and (not started or started <= k["t"])):
                    k["takeover"][j[0]] = {"seconds": None, "by": worker, "attempt": attempt, "status": status}

    def instance_names(self):
        """Quartz instance id -> our process name, from each log's "instanceId '...'" line."""
        names = {}
        for a in self.apps():
            for i, log in enumerate(a.logs):
                try:
                    with open(log, errors="replace") as f:
                        for m in re.finditer(r"with instanceId '([^']+)'", f.read()):
                            names[m.group(1)] = "%s#%d" % (a.name, i) if len(a.logs) > 1 else a.name
                except FileNotFoundError:
                    pass
        return names

    # --- waiting and the report --------------------------------------------------------------------------------
    def issue_state(self):
        rows = psql_or_none("SELECT issue_date::text, step, status, COUNT(*) FROM jobs WHERE trigger_kind <> 'cron' "
                            "GROUP BY 1, 2, 3")
        if rows is None:
            return None
        state = {}
        for d, step, status, n in rows:
            state.setdefault(d, {}).setdefault(step, {})[status] = int(n)
        return state

    def finished(self, state, date):
        s = state.get(date, {})
        done = s.get("social_sync", {}).get("completed", 0) > 0
        open_jobs = sum(n for step in s.values() for st, n in step.items() if st in OPEN)
        ended = any(st in ("dead", "failed", "cancelled") for step in s.values() for st in step)
        return done or (ended and open_jobs == 0)

    def wait_for_chains(self):
        deadline = time.time() + self.args.wait
        say("waiting up to %d s for every chain to finish" % self.args.wait)
        last = None
        while time.time() < deadline:
            state = self.issue_state()
            if state is not None:
                left = [i["date"] for i in self.issues if not self.finished(state, i["date"])]
                if not left:
                    say("every chain finished")
                    return True
                if left != last:
                    say("chains not finished: %s" % ", ".join(left))
                    last = left
            until = time.time() + 2
            while time.time() < until:
                self.pump()
                time.sleep(0.2)
        say("gave up waiting: %s not finished" % ", ".join(last or []))
        return False

    def pump(self):
        """Runs the restarts that fell due after the chaos (the supervisor's)."""
        while True:
            with self.lock:
                due = self.queue[0] if self.queue and self.queue[0][0] <= time.time() else None
                if due:
                    heapq.heappop(self.queue)
            if not due:
                return
            self.do_and_follow(due[2], due[3])

    def stop_schedulers(self):
        for s in self.schedulers:
            s.terminate()
        for s in self.schedulers:
            if s.proc:
                try:
                    s.proc.wait(20)
                except subprocess.TimeoutExpired:
                    s.kill()
        self.schedulers_stopped_at = time.time()
        say("schedulers stopped; letting the workers finish what the last fires queued")
        time.sleep(12)

    def report(self):
        out = []
        p = out.append
        p("")
        p("=" * 100)
        commit = run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], check=False).stdout.strip()
        p("STORM REPORT  seed %d, %s, commit %s, run folder %s" % (self.args.seed, "quick" if self.args.quick else "full",
                                                                  commit, self.run_dir))
        p("=" * 100)

        # issues
        deliveries = psql("SELECT issue_date::text, idempotency_key, status, COALESCE(external_id, ''), "
                          "COALESCE(sent_count::text, ''), COALESCE(claimed_by, '') FROM deliveries ORDER BY 1")
        finish = {r[0]: float(r[1]) for r in psql(
            "SELECT issue_date::text, extract(epoch FROM MIN(finished_at)) FROM jobs WHERE step = 'social_sync' "
            "AND status = 'completed' AND trigger_kind <> 'cron' GROUP BY 1")}
        state = self.issue_state() or {}
        once = not_sent = twice = 0
        p("")
        p("Issues (sends = send calls the fake Mautic carried out for 'ai-editor <date>')")
        p("| issue | triggers (status) | creates | sends | sent | deliveries rows | chain finished | jobs by step |")
        p("|---|---|---|---|---|---|---|---|")
        for issue in self.issues:
            d = issue["date"]
            name = "%s %s" % (MAUTIC_PREFIX, d)
            sends = self.mautic.sends.get(name, 0)
            creates = self.mautic.creates.get(name, 0)
            verdict = "once" if sends == 1 else "NOT SENT" if sends == 0 else "TWICE" if sends == 2 else "%dx" % sends
            once += sends == 1
            not_sent += sends == 0
            twice += sends >= 2
            rows = ["%s %s id=%s count=%s" % (r[1], r[2], r[3] or "-", r[4] or "-") for r in deliveries if r[0] == d]
            trig = " ".join("%s@%s" % (st, rel(t)) for t, st in issue["triggers"])
            steps = state.get(d, {})
            summary = " ".join("%s:%s" % (s, "/".join("%s%s" % (st, "" if n == 1 else "x%d" % n)
                                                      for st, n in sorted(steps[s].items())))
                               for s in STEPS if s in steps and set(steps[s]) != {"completed"})
            p("| %s | %s | %d | %d | %s | %s | %s | %s |" % (d, trig, creates, sends, verdict, "; ".join(rows) or "none",
                                                          rel(finish.get(d)), summary or "all completed"))
        issues_total = len(self.issues)

        # jobs left open
        open_rows = psql("SELECT id, step, status, issue_date::text, trigger_kind, attempt, max_attempts, "
                         "COALESCE(worker, ''), extract(epoch FROM created_at) FROM jobs WHERE status IN ('queued', 'running', 'retrying') "
                         "ORDER BY created_at")
        held = self.redis.holds([r[0] for r in open_rows]) if open_rows else set()
        p("")
        p("Jobs left queued/running/retrying: %d" % len(open_rows))
        for r in open_rows:
            p("  %s %-14s %-9s issue %s (%s) attempt %s/%s worker %s created %s; in Redis: %s" % (
                r[0][:8], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "-", rel(float(r[8])),
                "?" if held is None else ("yes" if r[0] in held else "NO")))
        dead = psql("SELECT id, step, status, issue_date::text, attempt, max_attempts, COALESCE(error, '') FROM jobs "
                    "WHERE status IN ('dead', 'failed', 'cancelled') ORDER BY created_at")
        p("Jobs dead/failed/cancelled: %d" % len(dead))
        for r in dead:
            p("  %s %-14s %-9s issue %s attempt %s/%s: %s" % (r[0][:8], r[1], r[2], r[3], r[4], r[5], r[6][:150]))

        # cron fires
        fires = psql("SELECT extract(epoch FROM fire_time), status FROM jobs WHERE step = '%s' AND fire_time IS NOT NULL" % CRON_STEP)
        fire_times = sorted(float(f[0]) for f in fires)
        # from the first fire time after both schedulers were ready (they fire on the 10 s grid)
        window_start = math.ceil(self.schedulers_ready_at / CRON_PERIOD + 1e-6) * CRON_PERIOD
        window_end = (self.schedulers_stopped_at or time.time()) - 15
        expected = []
        t = window_start
        while t <= window_end:
            expected.append(t)
            t += CRON_PERIOD
        on_grid = {round(f) for f in fire_times if abs(f - round(f / CRON_PERIOD) * CRON_PERIOD) < 0.5}
        lost = [t for t in expected if round(t) not in on_grid]
        off_grid = [f for f in fire_times if abs(f - round(f / CRON_PERIOD) * CRON_PERIOD) >= 0.5]
        dup = psql("SELECT COUNT(*) - COUNT(DISTINCT fire_time) FROM jobs WHERE step = '%s' AND fire_time IS NOT NULL" % CRON_STEP)[0][0]
        cron_status = {}
        for f in fires:
            cron_status[f[1]] = cron_status.get(f[1], 0) + 1
        missed_table = psql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'missed_fires'")[0][0] != "0"
        p("")
        p("Cron fires (%s every %d s) over %s .. %s: expected %d, fired on time %d, fired late/off-grid %d, LOST %d, "
          "duplicates %s; cron jobs by status: %s" % (
              CRON_STEP, CRON_PERIOD, rel(window_start), rel(window_end), len(expected), len(expected) - len(lost),
              len(off_grid), len(lost), dup, cron_status))
        if lost:
            p("  lost fire times: %s" % ", ".join("%s (%s)" % (datetime.datetime.utcfromtimestamp(t).strftime("%H:%M:%S"), rel(t))
                                                  for t in lost))
        if off_grid:
            p("  off-grid fire times: %s" % ", ".join("%s (%s)" % (datetime.datetime.utcfromtimestamp(t).strftime("%H:%M:%S.%f")[:-3], rel(t))
                                                      for t in off_grid))
        if self.acquisitions:
            names = self.instance_names()
            by = {}
            for t, inst in self.acquisitions.items():
                if window_start <= t <= window_end:
                    by.setdefault(names.get(inst, inst), []).append(t)
            p("  who acquired the fires (qrtz_fired_triggers sampled every 0.5 s; a fire held < 0.5 s can be missed):")
            for who, ts in sorted(by.items()):
                p("    %-12s %3d fires, %3d of them made a job" % (who, len(ts), sum(1 for t in ts if round(t) in on_grid)))
        missed_rows = []
        if missed_table:
            cols = [r[0] for r in psql("SELECT column_name FROM information_schema.columns WHERE table_name = 'missed_fires' ORDER BY ordinal_position")]
            missed_rows = psql("SELECT * FROM missed_fires")
            p("  missed_fires table (%s): %d rows" % (", ".join(cols), len(missed_rows)))
            for r in missed_rows[:30]:
                p("    " + " | ".join(r))
            recorded = 0
            if "step" in cols and "fire_time" in cols:
                missed = {round(float(r[0])) for r in psql("SELECT extract(epoch FROM fire_time) FROM missed_fires "
                                                           "WHERE step = '%s'" % CRON_STEP)}
                recorded = sum(1 for t in lost if round(t) in missed)
            else:  # some other shape: look for the time of day in the rows' text
                for t in lost:
                    stamp = datetime.datetime.utcfromtimestamp(t).strftime("%H:%M:%S")
                    if any(stamp in " ".join(r) for r in missed_rows):
                        recorded += 1
            p("  lost fires recorded in missed_fires: %d of %d" % (recorded, len(lost)))
        else:
            p("  no missed_fires table")
        for o in self.outages:
            p("  during the %s outage (%s .. %s): %d fires expected, %d on time" % (
                o["what"], rel(o["start"]), rel(o["end"]),
                sum(1 for t in expected if o["start"] <= t <= (o["end"] or 0)),
                sum(1 for t in expected if o["start"] <= t <= (o["end"] or 0) and round(t) in on_grid)))
        if self.sched_kill:
            k = self.sched_kill
            p("  scheduler kill %s (pid %d) at %s, chosen because it %s; fires lost in the 30 s after it: %d" % (
                k["scheduler"], k["pid"], rel(k["t"]), k["how"], sum(1 for t in lost if k["t"] <= t <= k["t"] + 30)))

        # takeovers
        p("")
        p("Worker kills and takeovers (kill -> a job the dead worker was running started by another worker)")
        takeovers = []
        for k in self.kills:
            if not k["jobs"]:
                p("  %s KILL %s pid %d: held no job" % (rel(k["t"]), k["worker"], k["pid"]))
                continue
            for j in k["jobs"]:
                tk = k["takeover"].get(j[0])
                if tk and tk["seconds"] is not None:
                    takeovers.append(tk["seconds"])
                    what = "taken over after %.1f s by %s (attempt %s, now %s)" % (tk["seconds"], tk["by"], tk["attempt"], tk["status"])
                elif tk:
                    what = "NOT taken over: %s (attempt %s)" % (tk["status"], tk["attempt"])
                else:
                    what = "NOT taken over by the end"
                p("  %s KILL %s pid %d: %s %s attempt %s -> %s" % (rel(k["t"]), k["worker"], k["pid"], j[1], j[0][:8], j[2], what))
        jobs_held = sum(len(k["jobs"]) for k in self.kills)
        if takeovers:
            p("  takeover: %d of %d held jobs, median %.1f s, max %.1f s, min %.1f s" % (
                len(takeovers), jobs_held, statistics.median(takeovers), max(takeovers), min(takeovers)))
        else:
            p("  takeover: none of %d held jobs" % jobs_held)

        # redeliveries
        has_col = psql("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'redeliveries'")[0][0] != "0"
        log_lines = sum(w.log_text().count("Redelivered") for w in self.workers)
        if has_col:
            red = psql("SELECT COALESCE(SUM(redeliveries), 0), COUNT(*) FILTER (WHERE redeliveries > 0) FROM jobs")[0]
            p("Redeliveries: jobs.redeliveries sum %s over %s jobs; 'Redelivered' log lines %d" % (red[0], red[1], log_lines))
        else:
            p("Redeliveries: no jobs.redeliveries column; 'Redelivered' log lines in the workers' logs: %d" % log_lines)

        # after outages
        p("")
        p("After each outage: time until every chain triggered before its end had finished")
        for o in self.outages:
            before = [i for i in self.issues if i["triggers"] and i["triggers"][0][0] <= (o["end"] or 0)]
            waits, unfinished = [], []
            for i in before:
                f = finish.get(i["date"])
                if f is None:
                    unfinished.append(i["date"])
                elif f > o["end"]:
                    waits.append(f - o["end"])
            if unfinished:
                p("  %s outage %s .. %s: %d chains, %d NEVER finished (%s)%s" % (
                    o["what"], rel(o["start"]), rel(o["end"]), len(before), len(unfinished), ", ".join(unfinished),
                    "; the others within %.1f s" % max(waits) if waits else ""))
            else:
                p("  %s outage %s .. %s: %d chains, all finished %s" % (
                    o["what"], rel(o["start"]), rel(o["end"]), len(before),
                    "within %.1f s of its end" % max(waits) if waits else "before it ended"))

        exits = [(t, a.name, code) for a in self.apps() for t, code in a.exits]
        p("")
        p("Processes that exited by themselves (restarted by the storm's supervisor 3 s later): %d%s" % (
            len(exits), "".join("\n  %s %s exit %s" % (rel(t), name, code) for t, name, code in sorted(exits))))
        refused = sum(1 for i in self.issues for _, st in i["triggers"] if st != 202)
        p("")
        p("Triggers refused (non-202): %d; %s" % (refused, ", ".join(
            "%s %s@%s" % (i["date"], st, rel(t)) for i in self.issues for t, st in i["triggers"] if st != 202) or "none"))
        p("")
        p("issues %d, sent once %d, not sent %d, sent twice %d; jobs left open %d; cron fires lost %d of %d; "
          "takeovers %d of %d (median %s, max %s); triggers refused %d; processes exited by themselves %d" % (
              issues_total, once, not_sent, twice, len(open_rows), len(lost), len(expected), len(takeovers), jobs_held,
              "%.1fs" % statistics.median(takeovers) if takeovers else "-", "%.1fs" % max(takeovers) if takeovers else "-",
              refused, len(exits)))
        broken = once != issues_total
        other = len(open_rows) > 0 or len(lost) > 0
        p("PROMISE %s" % ("BROKEN: %d of %d issues not sent exactly once" % (issues_total - once, issues_total)
                          if broken else "kept: every issue sent exactly once"))
        print("\n".join(out), flush=True)
        return broken, other

    # --- the end -----------------------------------------------------------------------------------------------
    def cleanup(self):
        self.stopping = True
        self.monitor_stop.set()
        for a in self.apps():
            a.terminate()
        deadline = time.time() + 20
        for a in self.apps():
            if a.proc:
                try:
                    a.proc.wait(max(0.1, deadline - time.time()))
                except subprocess.TimeoutExpired:
                    a.kill()
        for a in self.apps():
            for proc in a.all_procs:
                if proc.poll() is None:
                    say("%s: an earlier incarnation (pid %d) still ran: killed" % (a.name, proc.pid))
                    proc.kill()
                    proc.wait()
        if self.sim and self.sim.poll() is None:
            self.sim.terminate()
            try:
                self.sim.wait(5)
            except subprocess.TimeoutExpired:
                self.sim.kill()
        self.redis.kill()
        if self.mautic:
            self.mautic.close()
        if self.args.keep_cluster:
            say("PostgreSQL cluster %s/%s kept (port %d): pg_dropcluster %s %s --stop" % (
                PG_VERSION, PG_CLUSTER, PG_PORT, PG_VERSION, PG_CLUSTER))
        else:
            self.pg.drop()
        say("stopped everything; logs in %s" % self.run_dir)


class SetupError(Exception):
    pass


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def wait_for(check, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise SetupError("%s not ready within %d s" % (what, seconds))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the ~5 minute version (less chaos time, shorter wait)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--issues", type=int, default=6)
    ap.add_argument("--first-date", default="2031-02-03")
    ap.add_argument("--worker-kills", type=int, default=10)
    ap.add_argument("--outage-seconds", type=float, default=20)
    ap.add_argument("--chaos-seconds", type=float, default=None, help="default 360, --quick 170")
    ap.add_argument("--wait", type=float, default=None, help="bound on the wait for chains after the chaos (default 240, --quick 100)")
    ap.add_argument("--latency-ms", type=int, default=500)
    ap.add_argument("--jitter-ms", type=int, default=100)
    ap.add_argument("--mautic-send-ms", type=int, default=300)
    ap.add_argument("--decoration-parallelism", type=int, default=1)
    ap.add_argument("--retry-base-delay", type=int, default=5, help="jobs.retry-base-delay-seconds (production: 60)")
    ap.add_argument("--prop", action="append", metavar="KEY=VALUE", help="one more -D property for every process")
    ap.add_argument("--role-prop", action="append", metavar="ROLE:KEY=VALUE",
                    help="one more -D property for the processes of one role (web, worker, scheduler)")
    ap.add_argument("--jvm-flags", default=os.environ.get("FAULTS_JVM_FLAGS", DEFAULT_JVM_FLAGS))
    ap.add_argument("--run-dir", default=None, help="logs and the shared data folder (default: a new one under /tmp)")
    ap.add_argument("--keep-cluster", action="store_true", help="do not drop the PostgreSQL cluster at the end")
    ap.add_argument("--strict", action="store_true", help="also exit 1 on jobs left open or cron fires lost")
    args = ap.parse_args()
    if args.chaos_seconds is None:
        args.chaos_seconds = 170 if args.quick else 360
    if args.wait is None:
        args.wait = 100 if args.quick else 240

    storm = Storm(args)

    def interrupted(signum, frame):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, interrupted)
    code = 0
    try:
        storm.setup()
        storm.chaos()
        storm.wait_for_chains()
        storm.stop_schedulers()
        broken, other = storm.report()
        code = 1 if broken or (args.strict and other) else 0
    except SetupError as e:
        say("setup error: %s" % e)
        code = 2
    except KeyboardInterrupt:
        say("interrupted")
        code = 130
    except Exception:
        import traceback
        traceback.print_exc()
        say("the storm itself failed (see above)")
        code = 2
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        storm.cleanup()
    return code


if __name__ == "__main__":
    sys.exit(main())
