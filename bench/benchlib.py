"""What the benchmark scripts share: paths, free ports, the store and JVM flags, the HTTP calls to the service and the
provider simulator, a `serve` process to measure, and where results go."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target/ai-editor.jar")
CDS = os.path.join(ROOT, "bench/.cache/ai-editor.jsa")
# The footprint scenario's findings (bench/README.md): C1 only, serial GC, small thread stacks, and the JVM sizing
# itself as in a 512 MB container. An AppCDS archive of the classes a run loads comes on top (RECOMMENDED).
TUNED = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m"
RECOMMENDED = TUNED + " -XX:SharedArchiveFile=" + CDS
# The bearer secret of every service a benchmark starts (TRIGGER_SECRET in its environment).
SECRET = "bench-secret"
FINAL = ("completed", "failed", "cancelled", "dead")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def store_flags(data):
    """The embedded store in the data folder, as the application sets it up (durable commits). BENCH_H2_WRITE_DELAY=500
    measures H2's default instead, which loses the last commits on SIGKILL (docs/crash-safety.md)."""
    flags = ["-Daieditor.data-dir=" + data]
    delay = os.environ.get("BENCH_H2_WRITE_DELAY")
    if delay:
        flags.append("-Ddb.url=jdbc:h2:file:%s/db/ai-editor;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                     "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=%s" % (os.path.abspath(data), delay))
    return flags


def jvm_flags():
    """BENCH_JVM_FLAGS when set (BENCH_JVM_FLAGS= for the JVM's defaults), else the recommended flags."""
    flags = os.environ.get("BENCH_JVM_FLAGS")
    if flags is None:
        flags = RECOMMENDED
    if CDS in flags:
        ensure_cds_archive()
    return flags.split()


def shown(flags):
    """JVM flags as a result file shows them: paths inside the repository relative to it."""
    return " ".join(flags).replace(ROOT + "/", "") or "none"


def ensure_cds_archive():
    """A dynamic AppCDS archive belongs to one jar: it is made again when the jar is newer."""
    if os.path.exists(CDS) and os.path.getmtime(CDS) > os.path.getmtime(JAR):
        return
    os.makedirs(os.path.dirname(CDS), exist_ok=True)
    data = tempfile.mkdtemp(prefix="bench-cds-")
    print("Making the AppCDS archive %s with a training run..." % os.path.relpath(CDS, ROOT), file=sys.stderr)
    # the training run is a whole pipeline run on the embedded default: it loads what serve and run need
    subprocess.check_call(["java", "-XX:ArchiveClassesAtExit=" + CDS, *store_flags(data), "-jar", JAR, "run"], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(data, ignore_errors=True)


def http(method, url, body=None, secret=None, timeout=30):
    """One HTTP call with a JSON body (or none) and, with a secret, the bearer token. Returns (status, reply as JSON):
    an error status with its reply's JSON ({} when it has none or it is not JSON), and status 0 with the reason under
    "error" when nothing answered. A benchmark counts refusals; it does not stop on them."""
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["Authorization"] = "Bearer " + secret
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, _json(reply.read())
    except urllib.error.HTTPError as e:
        return e.code, _json(e.read())
    except (OSError, ValueError) as e:  # refused, reset, timed out
        return 0, {"error": str(e)}


def call(method, url, body=None, secret=None, timeout=30):
    """http() for a call the benchmark cannot go on without: anything but a 2xx stops it, saying what answered."""
    status, reply = http(method, url, body, secret, timeout)
    if not 200 <= status < 300:
        raise RuntimeError("%s %s answered %s: %s" % (method, url, status or "nothing", reply))
    return reply


def _json(raw):
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {}


def wait_ready(base, proc, what, timeout=120, poll=0.1):
    """Waits until `base`/observe/health/ready answers UP and returns its reply; fails when `proc` exits first or the
    time runs out."""
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if proc.poll() is not None:
            raise RuntimeError("%s exited with %s" % (what, proc.returncode))
        status, health = http("GET", base + "/observe/health/ready", timeout=2)
        if status == 200 and health.get("status") == "UP":
            return health
        time.sleep(poll)
    raise RuntimeError("%s was not ready within %d s" % (what, timeout))


def stop(proc, timeout=60):
    """SIGTERM, as a platform stops a container; SIGKILL when it has not exited within the timeout."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Service:
    """One `serve` of the built jar on a free port, with the benchmarks' bearer secret, its output in `log_path`:
    java <flags> -Dcamel.server.port=<port> -D<prop>=<value>... -jar target/ai-editor.jar serve [--role <role>]"""

    def __init__(self, flags, log_path, props=None, env=None, role=None):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.what = "serve" + (" --role " + role if role else "")
        cmd = ["java", *flags, "-Dcamel.server.port=%d" % self.port]
        cmd += ["-D%s=%s" % kv for kv in (props or {}).items()]
        cmd += ["-jar", JAR, "serve"] + (["--role", role] if role else [])
        self.log = open(log_path, "a")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT,
                                     env=dict(os.environ, TRIGGER_SECRET=SECRET, **(env or {})))

    def wait_ready(self, timeout=120, poll=0.1):
        """Seconds from the process's start until it was ready."""
        try:
            wait_ready(self.base, self.proc, self.what, timeout, poll)
        except RuntimeError as e:
            raise RuntimeError("%s; see %s" % (e, self.log.name)) from None
        return time.monotonic() - self.started

    def http(self, method, path, body=None, timeout=30):
        return http(method, self.base + path, body, SECRET, timeout)

    def call(self, method, path, body=None, timeout=30):
        return call(method, self.base + path, body, SECRET, timeout)

    def wait_job(self, job_id, timeout, poll=0.2):
        """The job's GET /jobs/status reply once it is final."""
        until = time.monotonic() + timeout
        while time.monotonic() < until:
            job = self.call("GET", "/jobs/status/" + job_id)
            if job.get("status") in FINAL:
                return job
            time.sleep(poll)
        raise RuntimeError("job %s was not final within %d s; see %s" % (job_id, timeout, self.log.name))

    def stop(self, timeout=60):
        stop(self.proc, timeout)
        self.log.close()


def start_simulator(*options):
    """The provider simulator (bench/simulator/simulator.py) on a free port with these options, once it answers.
    Returns (process, base URL)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "bench/simulator/simulator.py"), "--port", str(port),
                             *map(str, options)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    for _ in range(100):
        if http("GET", base + "/stats", timeout=2)[0] == 200:
            return proc, base
        time.sleep(0.1)
    stop(proc, 5)
    raise RuntimeError("The provider simulator did not start.")


def save_result(scenario, text):
    """Appends a result to bench/results/<scenario>-<UTC timestamp>.md and says where."""
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    out = os.path.join(ROOT, "bench/results/%s-%s.md" % (scenario, datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")))
    with open(out, "a") as f:
        f.write(text)
    print("Appended to " + os.path.relpath(out, ROOT))
