"""What the benchmark scripts share: paths, free ports, the store flags of a fresh data folder, and the JVM flags."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target/ai-editor.jar")
CDS = os.path.join(ROOT, "bench/.cache/ai-editor.jsa")
# The footprint scenario's findings (bench/README.md): C1 only, serial GC, small thread stacks, and the JVM sizing
# itself as in a 512 MB container. An AppCDS archive of the classes a run loads comes on top (RECOMMENDED).
TUNED = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m"
RECOMMENDED = TUNED + " -XX:SharedArchiveFile=" + CDS


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def store_flags(data):
    """The embedded store in the data folder, as the application sets it up (durable commits). BENCH_H2_WRITE_DELAY=500
    measures H2's default instead, which loses the last commits on SIGKILL (docs/durability.md compares the two)."""
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
