// Peer benchmark: BullMQ behind an HTTP trigger, the way a Node service would offer what our control API offers.
// POST /jobs/noop (bearer token, JSON body) adds a job and answers 202 {"job_id"}; a worker in the same process runs
// it. bench/clients/triggers.mjs drives it exactly as it drives our engine.
//   node http.mjs --port 8950 --secret S [--workers 3] [--redis redis://127.0.0.1:6379/14]
// GET /jobs/times: {job_id: [timestamp, processedOn, finishedOn]} (epoch ms) of every completed job; POST /shutdown
// obliterates the queue and exits. Prints "ready" once it listens.
import http from 'node:http';
import { Queue, Worker } from 'bullmq';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = new URL(args.redis ?? 'redis://127.0.0.1:6379/14');
const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 14) };
const prefix = 'ai-editor-bench';
const name = `http-${process.pid}`;
const bearer = `Bearer ${args.secret}`;

const queue = new Queue(name, { connection, prefix });
const times = {};
const worker = new Worker(name, async () => null, { connection, prefix, concurrency: Number(args.workers ?? 3) });
worker.on('completed', job => { times[job.id] = [job.timestamp, job.processedOn, job.finishedOn]; });
await worker.waitUntilReady();

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', async () => {
    if (req.headers.authorization !== bearer) return answer(res, 401, { error: 'Missing or wrong bearer token' });
    if (req.method === 'POST' && req.url === '/jobs/noop') {
      let params;
      try {
        params = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      } catch {
        return answer(res, 400, { error: 'The body is not JSON' });
      }
      const job = await queue.add('noop', params);
      return answer(res, 202, { job_id: job.id, status: 'queued' });
    }
    if (req.method === 'GET' && req.url === '/jobs/times') return answer(res, 200, times);
    if (req.method === 'POST' && req.url === '/shutdown') {
      answer(res, 200, {});
      server.close();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      process.exit(0);
    }
    answer(res, 404, { error: 'No such endpoint' });
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(args.port), '127.0.0.1', () => console.log('ready'));
