// Acknowledged writes survive restarts, including a kill -9; SIGTERM shuts down cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, login, unique } from './support/fixtures.mjs';
import { client } from './support/client.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

test('every write acknowledged before kill -9 is there after the restart', async () => {
  const titles = [];
  // Concurrent writers, so that several requests share a commit batch.
  await Promise.all(Array.from({ length: 8 }, async (_, worker) => {
    for (let i = 0; i < 25; i++) {
      const title = unique(`durable-${worker}`);
      const res = await admin.api.post('/api/v1/technologies', { title });
      assert.equal(res.status, 201);
      titles.push(title);
    }
  }));
  const exit = await server.stop('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');
  await server.start();
  const tokens = await login(server, 'admin@example.com');
  const api = client(server, tokens.access_token, admin.project.id);
  const stored = new Set();
  for (let page = 1; ; page++) {
    const res = await api.get(`/api/v1/technologies?limit=100&page=${page}`);
    res.json.items.forEach((t) => stored.add(t.title));
    if (res.json.items.length < 100) break;
  }
  for (const title of titles) assert.ok(stored.has(title), `${title} was lost`);
  assert.equal(stored.size, titles.length);
});

test('sessions survive a restart; SIGTERM exits 0 after logging a clean stop', async () => {
  const tokens = await login(server, 'admin@example.com');
  const migrationsApplied = server.logEvents('migration.applied').length;
  assert.ok(migrationsApplied >= 2, 'the first start applied every migration');
  const exit = await server.stop('SIGTERM');
  assert.equal(exit.code, 0);
  assert.ok(server.logEvents('server.stopped').length >= 1);
  assert.ok(server.logEvents('database.closed').length >= 1);
  await server.start();
  const me = await client(server, tokens.access_token).get('/api/v1/auth/me');
  assert.equal(me.status, 200);
  // Migrations are not applied twice.
  assert.equal(server.logEvents('migration.applied').length, migrationsApplied);
});

test('in-flight requests finish during a graceful shutdown', async () => {
  const api = client(server, (await login(server, 'admin@example.com')).access_token, admin.project.id);
  const inflight = Array.from({ length: 20 }, () => api.post('/api/v1/technologies', { title: unique('inflight') }));
  const stopping = server.stop('SIGTERM');
  const results = await Promise.allSettled(inflight);
  await stopping;
  // Every request either completed (and is stored) or was never accepted; none is acknowledged and lost.
  const acknowledged = results.filter((r) => r.status === 'fulfilled' && r.value.status === 201).map((r) => r.value.json.title);
  await server.start();
  const again = client(server, (await login(server, 'admin@example.com')).access_token, admin.project.id);
  for (const title of acknowledged) {
    const found = await again.get(`/api/v1/technologies?search=${encodeURIComponent(title)}`);
    assert.equal(found.json.total, 1, `${title} acknowledged but missing`);
  }
});
