// Sign-in and registration are rate limited per client address, with Retry-After and RateLimit headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { request } from './support/client.mjs';
import { setupAdmin, assertProblem, PASSWORD } from './support/fixtures.mjs';

let server;

before(async () => {
  // The production defaults: 10 sign-ins per minute, 5 registrations per hour.
  server = await startServer({ env: { CC_LOGIN_RATE_LIMIT: '10/minute', CC_REGISTER_RATE_LIMIT: '5/hour' }, args: ['--registration', 'open'] });
  await setupAdmin(server);
});
after(() => server?.dispose());

test('the 11th sign-in attempt within a minute is 429 with Retry-After; the counters are visible', async () => {
  // Setup itself counted as one attempt from this address.
  const statuses = [];
  let last;
  for (let i = 0; i < 10; i++) {
    last = await request(server, 'POST', '/api/v1/auth/login', { body: { email: 'admin@example.com', password: i % 2 ? PASSWORD : 'wrong password' } });
    statuses.push(last.status);
  }
  assert.ok(statuses.slice(0, 9).every((s) => s === 200 || s === 401), statuses.join());
  assert.equal(statuses[9], 429);
  assertProblem(last, 429);
  const retry = Number(last.header('retry-after'));
  assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  assert.equal(last.header('x-ratelimit-limit'), '10');
  assert.equal(last.header('x-ratelimit-remaining'), '0');
  assert.match(last.header('ratelimit-policy'), /"login";q=10;w=60/);
  assert.match(last.header('ratelimit'), /"login";r=0;t=\d+/);
  // Even the right password is refused while limited.
  const blocked = await request(server, 'POST', '/api/v1/auth/login', { body: { email: 'admin@example.com', password: PASSWORD } });
  assert.equal(blocked.status, 429);
});

test('a successful request shows how many attempts remain', async () => {
  const res = await request(server, 'POST', '/api/v1/auth/register', { body: { email: 'one@example.com', password: PASSWORD } });
  assert.equal(res.status, 201);
  assert.equal(res.header('x-ratelimit-limit'), '5');
  assert.equal(res.header('x-ratelimit-remaining'), '4');
});

test('registration allows 5 per hour per address', async () => {
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    statuses.push((await request(server, 'POST', '/api/v1/auth/register', { body: { email: `r${i}@example.com`, password: PASSWORD } })).status);
  }
  assert.deepEqual(statuses, [201, 201, 201, 201, 429]);
});
