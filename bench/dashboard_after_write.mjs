// Latency of the dashboard right after a write, when nothing can come from a cache: each round changes a
// technology and then times one GET /api/v1/dashboard/stats. Prints p50 and p99 in milliseconds.
// usage: node dashboard_after_write.mjs <base-url> <token> <technology id> [rounds]
const [base, token, technologyText, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText ?? 200);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const samples = [];
for (let i = 0; i < rounds; i++) {
  const patch = await fetch(`${base}/api/v1/technologies/${technologyText}`, { method: 'PATCH', headers, body: JSON.stringify({ priority: (i % 5) + 1 }) });
  if (!patch.ok) throw new Error(`PATCH failed: ${patch.status}`);
  const start = process.hrtime.bigint();
  const res = await fetch(`${base}/api/v1/dashboard/stats`, { headers });
  await res.text();
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (!res.ok) throw new Error(`dashboard failed: ${res.status}`);
}
samples.sort((a, b) => a - b);
const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);
console.log(`p50=${at(0.5)}ms p99=${at(0.99)}ms rounds=${rounds}`);
