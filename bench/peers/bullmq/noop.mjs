// Peer benchmark: K no-op jobs through BullMQ, measured the way bench/job_engine_bench.py measures our engine.
//   node noop.mjs [--jobs 1000] [--concurrency 100 | --rate 20] [--workers 3] [--warmup 200]
//                 [--redis redis://127.0.0.1:6379/14]
// --concurrency: adds in flight at once (our benchmark: HTTP triggers in flight); --rate: one add at a time, this many
// per second instead; --workers: jobs processed at once (our engine: queue.workers); --warmup: jobs run first and not
// counted. Jobs are kept after completion (BullMQ's default), as our engine keeps job rows.
// Prints one JSON line: jobs, seconds, jobs/s, add latency and add-to-start latency p50/p99 (ms).
// Uses its own Redis database index and key prefix, and obliterates its queue at the end.
import { Queue, Worker } from 'bullmq';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const jobs = Number(args.jobs ?? 1000);
const inFlight = Number(args.concurrency ?? 100);
const workers = Number(args.workers ?? 3);
const rate = args.rate ? Number(args.rate) : null;
const warmup = Number(args.warmup ?? 0);
const url = new URL(args.redis ?? 'redis://127.0.0.1:6379/14');
const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 14) };
const prefix = 'ai-editor-bench';
const name = `noop-${process.pid}`;

const queue = new Queue(name, { connection, prefix });
const startLatencies = [];
let done = 0;
let finished;
const allDone = new Promise(resolve => { finished = resolve; });

const worker = new Worker(name, async job => {
  // job.timestamp: when add() was called; processedOn: when a worker took it
  startLatencies.push(job.processedOn - job.timestamp);
  return null;
}, { connection, prefix, concurrency: workers });
let expected = warmup;
worker.on('completed', () => { if (++done === expected) finished(); });
await worker.waitUntilReady();

const sleep = ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));
const addLatencies = [];
async function fire(count, paced) {
  let next = 0;
  const began = performance.now();
  async function adder() {
    while (next < count) {
      const i = next++;
      if (paced) await sleep(began + i * 1000 / rate - performance.now());
      const t = performance.now();
      await queue.add('noop', { n: i });
      addLatencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: paced ? 1 : Math.min(inFlight, count) }, adder));
}
if (warmup > 0) {
  await fire(warmup, false);
  await allDone;
}
done = 0;
expected = jobs;
startLatencies.length = 0;
addLatencies.length = 0;
const allMeasured = new Promise(resolve => { finished = resolve; });
const began = performance.now();
await fire(jobs, rate !== null);
const fired = (performance.now() - began) / 1000;
await allMeasured;
const seconds = (performance.now() - began) / 1000;

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
};
console.log(JSON.stringify({
  engine: `BullMQ ${(await import('bullmq/package.json', { with: { type: 'json' } }).catch(() => ({ default: {} }))).default.version ?? ''}`.trim(),
  jobs, completed: done, workers, concurrency: rate ? 1 : inFlight, rate, seconds, fired_seconds: fired, jobs_per_s: jobs / seconds,
  add_p50_ms: pct(addLatencies, 50), add_p99_ms: pct(addLatencies, 99),
  start_p50_ms: pct(startLatencies, 50), start_p99_ms: pct(startLatencies, 99), start_max_ms: Math.max(...startLatencies),
}));

await worker.close();
await queue.obliterate({ force: true });
await queue.close();
