#!/usr/bin/env python3
"""A local stand-in for the AI vendors, for benchmarks: Anthropic, Gemini and OpenAI-compatible wire formats.

  POST /v1/messages                                  Anthropic Messages
  POST /v1beta/models/{model}:generateContent        Gemini
  POST /v1/chat/completions                          OpenAI-compatible
  GET  /stats                                        requests per vendor, task and status (JSON)
  POST /stats/reset                                  zero the counts

Each vendor has its own limits, as the real ones do: a latency per call (mean +- jitter, uniform), at most
--concurrency calls in flight (beyond it: wait in line, or with --reject-over-concurrency answer 529 / 429 at
once), at most --rps calls admitted per second (a token bucket holding --burst tokens; beyond it 429 with
retry-after), and a share of calls answered with a transient 500/503 (--error-rate).

Answers are what the pipeline accepts: the task is recognised from the system prompt (the system_prompts
table's wording), and the JSON answer has the shape the task's reader checks (aieditor.ai.llm.Llm*).
Python 3 standard library only.

  python3 bench/simulator/simulator.py --port 8901 --latency-ms 300 --jitter-ms 50 --concurrency 10 --rps 20
"""
import argparse
import hashlib
import json
import math
import random
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VENDORS = ("anthropic", "gemini", "openai")


# --- what each task answers ------------------------------------------------------------------------------------

def task_of(system):
    """The task, from the wording of its prompt in src/main/resources/db/migration (V2, V3)."""
    s = system or ""
    if '"score"' in s:
        return "scoring"
    if '"text"' in s or s.startswith("Return the article text"):
        return "cleaning"
    if '"headline"' in s:
        return "decoration"
    if '"post"' in s or "social post" in s:
        return "social"
    if "bold" in s.lower():
        return "bolding"
    return "unknown"


def limit_in(system, default):
    m = re.search(r"at most (\d+) characters", system or "")
    return int(m.group(1)) if m else default


def field(user, name):
    m = re.search(r"^" + name + r": ?(.*)$", user or "", re.M)
    return m.group(1).strip() if m else ""


def article_text(user):
    return user.split("Article:\n", 1)[1] if "Article:\n" in (user or "") else (user or "")


def sentences(text):
    plain = re.sub(r"<[^>]+>", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", plain) if len(s.split()) >= 4]


def cut(text, limit):
    if len(text) <= limit:
        return text
    words, out = text.split(), ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = (out + " " + w).strip()
    return out or text[:limit]


def answer(task, system, user):
    """The JSON the task's reader accepts, deterministic for the same input."""
    digest = int(hashlib.sha1((user or "").encode()).hexdigest()[:8], 16)
    if task == "scoring":
        return {"score": 40 + digest % 56, "rationale": "Simulated judgement: on topic, recent, solid reporting."}
    if task == "cleaning":
        plain = re.sub(r"<[^>]+>", " ", user or "")
        return {"text": re.sub(r"[ \t]+", " ", plain).strip() or "(empty)"}
    if task == "decoration":
        title = field(user, "Title") or "Simulated story"
        found = sentences(article_text(user))
        bullets = (found + ["The simulator wrote this bullet %d." % i for i in range(1, 4)])[:3]
        return {"headline": cut(title, limit_in(system, 80)), "bullets": bullets}
    if task == "bolding":
        bullets = json.loads(user).get("bullets", [])
        return {"bullets": [bold_first(b) for b in bullets]}
    if task == "social":
        link = field(user, "Link")
        head = field(user, "Headline") or "Today's story"
        room = limit_in(system, 280) - len(link) - 1
        return {"post": (cut(head, room) + " " + link).strip()}
    return {"text": "unknown task"}


def bold_first(bullet):
    words = bullet.split(" ")
    n = min(2, len(words))
    return "**" + " ".join(words[:n]) + "**" + ("" if n == len(words) else " " + " ".join(words[n:]))


# --- the vendors' envelopes ------------------------------------------------------------------------------------

def read_request(vendor, body):
    """(system prompt, user message, model) from a vendor's request body."""
    if vendor == "anthropic":
        msgs = body.get("messages") or [{}]
        return body.get("system", ""), content_text(msgs[-1].get("content")), body.get("model", "")
    if vendor == "gemini":
        system = " ".join(p.get("text", "") for p in (body.get("systemInstruction") or {}).get("parts", []))
        contents = body.get("contents") or [{}]
        user = " ".join(p.get("text", "") for p in contents[-1].get("parts", []))
        return system, user, ""
    msgs = body.get("messages") or []
    system = " ".join(content_text(m.get("content")) for m in msgs if m.get("role") == "system")
    users = [content_text(m.get("content")) for m in msgs if m.get("role") == "user"]
    return system, users[-1] if users else "", body.get("model", "")


def content_text(content):
    if isinstance(content, list):
        return "".join(block.get("text", "") for block in content if isinstance(block, dict))
    return content or ""


def envelope(vendor, model, text, tokens_in, tokens_out):
    if vendor == "anthropic":
        return {"id": "msg_sim", "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
                "usage": {"input_tokens": tokens_in, "output_tokens": tokens_out}}
    if vendor == "gemini":
        return {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP",
                                "index": 0}],
                "usageMetadata": {"promptTokenCount": tokens_in, "candidatesTokenCount": tokens_out,
                                  "totalTokenCount": tokens_in + tokens_out}}
    return {"id": "chatcmpl-sim", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": tokens_in, "completion_tokens": tokens_out,
                      "total_tokens": tokens_in + tokens_out}}


def error_body(vendor, status, message):
    if vendor == "anthropic":
        kind = {429: "rate_limit_error", 529: "overloaded_error", 401: "authentication_error",
                400: "invalid_request_error"}.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}
    if vendor == "gemini":
        kind = {429: "RESOURCE_EXHAUSTED", 503: "UNAVAILABLE", 401: "UNAUTHENTICATED",
                400: "INVALID_ARGUMENT"}.get(status, "INTERNAL")
        return {"error": {"code": status, "message": message, "status": kind}}
    kind = {429: "rate_limit_exceeded", 401: "invalid_api_key", 400: "invalid_request_error"}.get(status, "server_error")
    return {"error": {"message": message, "type": kind, "code": kind}}


# --- limits and counts -----------------------------------------------------------------------------------------

class Limits:
    """One vendor's limits: a token bucket for admissions per second and a semaphore for calls in flight."""

    def __init__(self, args):
        self.rps = args.rps
        self.burst = args.burst if args.burst is not None else max(1.0, args.rps)
        self.tokens = self.burst
        self.at = time.monotonic()
        self.lock = threading.Lock()
        self.in_flight = threading.BoundedSemaphore(args.concurrency)
        self.reject = args.reject_over_concurrency

    def admit(self):
        """None when admitted, else the seconds until a token is back."""
        if self.rps <= 0:
            return None
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rps)
            self.at = now
            if self.tokens >= 1:
                self.tokens -= 1
                return None
            return (1 - self.tokens) / self.rps

    def enter(self):
        return self.in_flight.acquire(blocking=not self.reject)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.counts = {}
            self.in_flight = 0
            self.max_in_flight = 0
            self.first = None
            self.last = None

    def begin(self):
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def end(self):
        with self.lock:
            self.in_flight -= 1

    def count(self, vendor, task, status):
        with self.lock:
            key = "%s/%s/%s" % (vendor, task, status)
            self.counts[key] = self.counts.get(key, 0) + 1
            now = time.time()
            self.first = self.first or now
            self.last = now

    def snapshot(self):
        with self.lock:
            ok = {}
            for key, n in self.counts.items():
                vendor, _, status = key.split("/")
                if status == "200":
                    ok[vendor] = ok.get(vendor, 0) + n
            return {"counts": dict(sorted(self.counts.items())), "ok_per_vendor": ok,
                    "total": sum(self.counts.values()), "ok": sum(ok.values()), "max_in_flight": self.max_in_flight,
                    "first_request": self.first, "last_request": self.last}


class Simulator(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address, args):
        super().__init__(address, Handler)
        self.args = args
        self.limits = {v: Limits(args) for v in VENDORS}
        self.stats = Stats()
        self.random = random.Random(args.seed)
        self.random_lock = threading.Lock()

    def draw(self):
        with self.random_lock:
            latency = self.args.latency_ms + self.random.uniform(-self.args.jitter_ms, self.args.jitter_ms)
            return max(0.0, latency) / 1000, self.random.random() < self.args.error_rate


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the vendors' servers do

    def log_message(self, fmt, *args):
        if self.server.args.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def do_GET(self):
        if self.path.rstrip("/") == "/stats":
            return self.send(200, self.server.stats.snapshot())
        if self.path.rstrip("/") in ("", "/health"):
            return self.send(200, {"status": "UP"})
        self.send(404, {"error": "not found"})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.split("?")[0]
        if path == "/stats/reset":
            self.server.stats.reset()
            return self.send(200, {"reset": True})
        if path == "/v1/messages":
            vendor, key = "anthropic", self.headers.get("x-api-key")
        elif re.fullmatch(r"/v1beta/models/[^/:]+:generateContent", path):
            vendor, key = "gemini", self.headers.get("x-goog-api-key")
        elif path == "/v1/chat/completions":
            vendor, key = "openai", (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        else:
            return self.send(404, {"error": {"message": "no such endpoint: " + path}})
        try:
            body = json.loads(raw or b"{}")
            system, user, model = read_request(vendor, body)
        except (ValueError, AttributeError, TypeError) as e:
            return self.send(400, error_body(vendor, 400, "malformed request: %s" % e))
        task = task_of(system)
        if not key:
            return self.reply(vendor, task, 401, error_body(vendor, 401, "missing API key"))
        self.call(vendor, task, system, user, model or path.split("/")[-1].split(":")[0])

    def call(self, vendor, task, system, user, model):
        limits = self.server.limits[vendor]
        wait = limits.admit()
        if wait is not None:
            return self.reply(vendor, task, 429, error_body(vendor, 429, "rate limit: %s requests/s" % limits.rps),
                              {"retry-after": str(max(1, math.ceil(wait)))})
        if not limits.enter():
            status = 529 if vendor == "anthropic" else 429
            return self.reply(vendor, task, status, error_body(vendor, status, "overloaded: too many calls at once"),
                              {"retry-after": "1"})
        self.server.stats.begin()
        try:
            latency, fail = self.server.draw()
            time.sleep(latency)
        finally:
            self.server.stats.end()
            limits.in_flight.release()
        if fail:
            status = 503 if vendor == "gemini" else 500
            return self.reply(vendor, task, status, error_body(vendor, status, "simulated transient error"))
        text = json.dumps(answer(task, system, user))
        self.reply(vendor, task, 200, envelope(vendor, model, text, max(1, len(system + user) // 4), len(text) // 4))

    def reply(self, vendor, task, status, payload, headers=None):
        self.server.stats.count(vendor, task, status)
        self.send(status, payload, headers)

    def send(self, status, payload, headers=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8901)
    ap.add_argument("--latency-ms", type=float, default=300, help="mean latency per call")
    ap.add_argument("--jitter-ms", type=float, default=50, help="latency is uniform in mean +- jitter")
    ap.add_argument("--concurrency", type=int, default=10, help="calls in flight per vendor")
    ap.add_argument("--reject-over-concurrency", action="store_true",
                    help="answer 529 (Anthropic) / 429 at once beyond --concurrency instead of queueing")
    ap.add_argument("--rps", type=float, default=20, help="calls admitted per second per vendor (0: no limit)")
    ap.add_argument("--burst", type=float, default=None, help="token bucket size (default: one second's worth)")
    ap.add_argument("--error-rate", type=float, default=0.0, help="share of calls answered 500/503")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    server = Simulator((args.host, args.port), args)
    print("Provider simulator on http://%s:%d (latency %g+-%g ms, %d concurrent, %g req/s, error rate %g)"
          % (args.host, server.server_address[1], args.latency_ms, args.jitter_ms, args.concurrency, args.rps,
             args.error_rate), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
