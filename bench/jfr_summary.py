#!/usr/bin/env python3
"""Where the CPU went in a JFR recording: share of execution samples by component (inclusive: a sample counts
for every component on its stack), and the hottest of our own methods.

Usage: bench/jfr_summary.py recording.jfr [--threads seda,vert.x]   (needs `jfr` from the JDK on the PATH)
"""
import argparse
import collections
import json
import subprocess

# First match wins; the order puts our code before what it calls.
COMPONENTS = [
    ("ours: job engine (aieditor.pipeline)", "aieditor.pipeline."),
    ("ours: control API (aieditor.api)", "aieditor.api."),
    ("ours: observability (aieditor.observe)", "aieditor.observe."),
    ("ours: steps and store (other aieditor)", "aieditor."),
    ("H2 database", "org.h2."),
    ("JDBC plumbing (Hikari, Spring JDBC)", ("com.zaxxer.", "org.springframework.jdbc")),
    ("Micrometer (metrics)", "io.micrometer."),
    ("Log4j (logging)", "org.apache.logging."),
    ("Jackson (JSON)", "com.fasterxml.jackson."),
    ("Vert.x / Netty (HTTP server)", ("io.vertx.", "io.netty.")),
    ("Camel (routing, bean binding, REST)", "org.apache.camel."),
]


def name(frame):
    return frame["method"]["type"]["name"].replace("/", ".") + "." + frame["method"]["name"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--threads", default="", help="comma-separated parts of thread names to keep (default: all)")
    args = ap.parse_args()
    out = subprocess.check_output(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", args.recording])
    events = json.loads(out)["recording"]["events"]
    keep = [t for t in args.threads.split(",") if t]
    if keep:
        events = [e for e in events if any(k in e["values"]["sampledThread"]["javaName"] for k in keep)]
    shares, ours = collections.Counter(), collections.Counter()
    for e in events:
        frames = [name(f) for f in e["values"]["stackTrace"]["frames"]]
        seen = set()
        for n in frames:
            for label, prefix in COMPONENTS:
                if n.startswith(prefix):
                    if label not in seen:
                        seen.add(label)
                        shares[label] += 1
                    break
        own = next((n for n in frames if n.startswith("aieditor.")), None)
        if own:
            ours[own] += 1
    print("%d execution samples%s" % (len(events), " on threads " + args.threads if keep else ""))
    print("| component (inclusive) | share of samples |\n|---|---|")
    for label, _ in COMPONENTS:
        print("| %s | %.0f%% |" % (label, 100 * shares[label] / max(1, len(events))))
    print("\nOur hottest methods (innermost aieditor frame): " + ", ".join(
        "%s %.0f%%" % (n.replace("aieditor.", ""), 100 * c / max(1, len(events))) for n, c in ours.most_common(8)))


if __name__ == "__main__":
    main()
