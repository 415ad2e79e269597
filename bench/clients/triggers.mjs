// Load generator for our engine: K job triggers (POST <base>/jobs/<step>) with keep-alive connections, as the BullMQ
// peer adds its jobs over one persistent Redis connection. Node's standard library only, so both sides of the
// comparison are driven by the same runtime.
//   node triggers.mjs --base http://127.0.0.1:8080 --secret S [--jobs 1000] [--concurrency 100 | --rate 20]
//                     [--step prefilter] [--date 2000-01-03] [--offset 0]
// --concurrency: triggers in flight at once, each on its own connection; --rate: one at a time, this many per second.
// Prints one JSON line: per accepted trigger [job_id, sent (epoch ms, sub-ms), latency ms], and the refusals.
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const base = new URL(args.base);
const jobs = Number(args.jobs ?? 1000);
const rate = args.rate ? Number(args.rate) : null;
const inFlight = rate ? 1 : Number(args.concurrency ?? 100);
const offset = Number(args.offset ?? 0);
const path = `/jobs/${args.step ?? 'prefilter'}`;
const date = args.date ?? '2000-01-03';
const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
const headers = { Authorization: `Bearer ${args.secret}`, 'Content-Type': 'application/json' };
const now = () => performance.timeOrigin + performance.now();

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', agent,
      headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));
const accepted = [];
const refused = {};
let next = 0;
const began = now();
async function client() {
  while (next < jobs) {
    const i = next++;
    if (rate) await sleep(began + i * 1000 / rate - now());
    const sent = now();
    let status = 0;
    try {
      const res = await post(JSON.stringify({ date, n: offset + i }));
      status = res.status;
      if (status === 202) {
        accepted.push([JSON.parse(res.text).job_id, sent, now() - sent]);
        continue;
      }
    } catch (e) {
      status = e.code ?? 'error';
    }
    refused[status] = (refused[status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: Math.min(inFlight, jobs) }, client));
agent.destroy();
console.log(JSON.stringify({ began, seconds: (now() - began) / 1000, accepted, refused }));
