// WebSocket measurements against a running server (bench/run-jobs.sh starts one):
//   latency — a batch import emits one progress event per row; each project event carries the instant it was
//             published, so a client on this machine measures publish → receive for every one of them, in a
//             burst and paced;
//   clients — 1,000 concurrent idle subscribers, and the server's resident memory per client.
//   node bench/ws_bench.mjs <base-url> <server-pid> <admin-email> <password>
import { readFileSync } from 'node:fs';
import WebSocket from '../tests/node_modules/ws/index.js';

const [base, pid, email, password] = process.argv.slice(2);
const wsBase = base.replace(/^http/, 'ws');

async function call(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function open(url, token) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
    ws.once('message', () => resolve(ws)); // {type: connected}
    ws.once('error', reject);
  });
}

const login = await call('POST', '/api/v1/auth/login', null, { email, password });
const token = login.access_token;
const project = (await call('POST', '/api/v1/projects', token, { name: `ws-bench-${Date.now()}` })).id;

// Latency, two ways. A burst: one import of ROWS rows publishes a progress event per row as fast as the
// importer runs, so events queue behind each other (in the server and in this single-threaded client). Paced:
// IMPORTS small imports one after another, as a team's jobs usually report — each event meets an idle path.
const ROWS = Number(process.env.ROWS ?? 5000);
const IMPORTS = Number(process.env.IMPORTS ?? 300);
const listener = await open(`${wsBase}/api/v1/ws?project_id=${project}`, token);
let latencies = [];
let onCompleted = () => {};
listener.on('message', (data) => {
  const received = performance.timeOrigin + performance.now();
  const m = JSON.parse(data.toString());
  if (m.event === 'job.progress') latencies.push(received - Date.parse(m.timestamp) - (Number(m.timestamp.slice(23, 26)) / 1000));
  if (m.event === 'job.completed') onCompleted();
});
async function importAndWait(rows) {
  const completed = new Promise((resolve) => { onCompleted = resolve; });
  await call('POST', '/api/v1/batch/import', token, { project_id: project, technologies: rows });
  await completed;
}
function report(label) {
  latencies.sort((a, b) => a - b);
  console.log(`| progress → client latency, ${label} | ${latencies.length} events | p50 ${percentile(latencies, 50).toFixed(3)} ms | p99 ${percentile(latencies, 99).toFixed(3)} ms | max ${latencies.at(-1).toFixed(3)} ms |`);
  latencies = [];
}
await importAndWait(Array.from({ length: ROWS }, (_, i) => ({ title: `ws-bench-${i}` })));
report(`burst (one import of ${ROWS} rows)`);
for (let i = 0; i < IMPORTS; i++) await importAndWait([{ title: `ws-bench-paced-${i}` }]);
report(`paced (${IMPORTS} one-row imports in turn)`);
listener.close();

// 1,000 idle clients.
const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const before = rss();
const sockets = [];
for (let i = 0; i < CLIENTS; i += 100) {
  sockets.push(...await Promise.all(Array.from({ length: Math.min(100, CLIENTS - i) }, () => open(`${wsBase}/api/v1/ws?project_id=${project}`, token))));
}
// Every client receives one event, so each connection has done a full round of work.
let delivered = 0;
const all = new Promise((resolve) => sockets.forEach((s) => s.on('message', () => { if (++delivered === CLIENTS) resolve(); })));
await call('POST', '/api/v1/technologies', token, { project_id: project, title: `ws-bench-fanout-${Date.now()}` });
await all;
const held = rss();
console.log(`| ${CLIENTS} idle clients | RSS before ${(before / 1048576).toFixed(1)} MiB | with clients ${(held / 1048576).toFixed(1)} MiB | ${((held - before) / CLIENTS / 1024).toFixed(1)} KiB per client | one event reached all ${delivered} |`);
sockets.forEach((s) => s.terminate());
