// Acknowledged writes survive restarts, including a kill -9 in the middle of a stream of creates, updates (with
// their history), deletes, project, member and API key changes; SIGTERM shuts down cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { startServer } from './support/server.mjs';
import { setupAdmin, login, unique } from './support/fixtures.mjs';
import { client } from './support/client.mjs';
import { until } from './support/wait.mjs';

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

// Chains of dependent writes — each step sent only after the previous one was acknowledged — run by concurrent
// workers until kill -9 interrupts them mid-stream. After the restart each chain must stand at its last
// acknowledged step, or at the one step that was in flight (it may have committed without its answer arriving):
// never earlier, never anything else. `read` finds the stored state by the chain's key; `steps` are what each
// step sends and how its stored state looks.
// History entries as field:from:to ('-' for none), in a fixed order.
const sorted = (...entries) => entries.sort();

const CHAINS = {
  technology: {
    key: () => ({ title: unique('durable-tech') }),
    steps: [
      { send: (api, c) => api.post('/api/v1/technologies', { title: c.title, status: 'discovery', domain: 'other' }), status: 201,
        keep: (c, res) => { c.id = res.json.id; },
        state: { status: 'discovery', domain: 'other', priority: 3, history: sorted('status:-:discovery', 'domain:-:other') } },
      { send: (api, c) => api.patch(`/api/v1/technologies/${c.id}`, { status: 'research', reason: `first look at ${c.title}` }), status: 200,
        state: { status: 'research', domain: 'other', priority: 3, history: sorted('status:-:discovery', 'domain:-:other', 'status:discovery:research') } },
      { send: (api, c) => api.patch(`/api/v1/technologies/${c.id}`, { status: 'evaluation', domain: 'ai-ml', priority: 5, reason: 'promising' }), status: 200,
        state: { status: 'evaluation', domain: 'ai-ml', priority: 5, history: sorted('status:-:discovery', 'domain:-:other', 'status:discovery:research', 'status:research:evaluation', 'domain:other:ai-ml') } },
      { send: (api, c) => api.delete(`/api/v1/technologies/${c.id}`), status: 204, state: 'gone' },
    ],
    async read(api, c) {
      const found = await api.get(`/api/v1/technologies?search=${encodeURIComponent(c.title)}`);
      assert.equal(found.status, 200, found.text);
      if (found.json.total === 0) return 'gone';
      assert.equal(found.json.total, 1, `${c.title} is stored once`);
      const [t] = found.json.items;
      const history = await api.get(`/api/v1/technologies/${t.id}/history`);
      assert.equal(history.status, 200, history.text);
      const reasons = history.json.filter((h) => h.from !== null).map((h) => h.reason);
      assert.ok(reasons.every((r) => r !== null), `every change keeps its reason: ${JSON.stringify(history.json)}`);
      return {
        status: t.status, domain: t.domain, priority: t.priority,
        history: history.json.map((h) => `${h.field}:${h.from ?? '-'}:${h.to}`).sort(),
      };
    },
  },
  project: {
    key: () => ({ name: unique('durable-project') }),
    steps: [
      { send: (api, c) => api.post('/api/v1/projects', { name: c.name }), status: 201, keep: (c, res) => { c.id = res.json.id; },
        state: (c) => ({ name: c.name, description: null }) },
      { send: (api, c) => api.patch(`/api/v1/projects/${c.id}`, { description: 'first description' }), status: 200,
        state: (c) => ({ name: c.name, description: 'first description' }) },
      { send: (api, c) => api.patch(`/api/v1/projects/${c.id}`, { name: `${c.name}-renamed`, description: 'second description' }), status: 200,
        state: (c) => ({ name: `${c.name}-renamed`, description: 'second description' }) },
    ],
    async read(api, c) {
      const projects = [];
      for (let page = 1; ; page++) {
        const res = await api.get(`/api/v1/projects?limit=100&page=${page}`);
        assert.equal(res.status, 200, res.text);
        projects.push(...res.json);
        if (res.json.length < 100) break;
      }
      const mine = projects.filter((p) => p.name === c.name || p.name === `${c.name}-renamed`);
      if (mine.length === 0) return 'gone';
      assert.equal(mine.length, 1, `${c.name} is stored once`);
      return { name: mine[0].name, description: mine[0].description };
    },
  },
  member: {
    key: () => ({ email: `${unique('durable-member')}@example.com` }),
    steps: [
      { send: (api, c) => api.post(`/api/v1/projects/${api.project}/members`, { email: c.email, role: 'viewer' }), status: 201,
        keep: (c, res) => { c.id = res.json.user_id; }, state: { role: 'viewer' } },
      { send: (api, c) => api.patch(`/api/v1/projects/${api.project}/members/${c.id}`, { role: 'member' }), status: 200, state: { role: 'member' } },
      { send: (api, c) => api.patch(`/api/v1/projects/${api.project}/members/${c.id}`, { role: 'admin' }), status: 200, state: { role: 'admin' } },
    ],
    async read(api, c) {
      const members = (await api.get(`/api/v1/projects/${api.project}/members`)).json;
      const found = members.filter((m) => m.email === c.email);
      return found.length === 0 ? 'gone' : { role: found[0].role };
    },
  },
  apiKey: {
    key: () => ({ name: unique('durable-key') }),
    steps: [
      { send: (api, c) => api.post('/api/v1/auth/api-keys', { name: c.name, role: 'viewer' }), status: 201,
        keep: (c, res) => { c.id = res.json.id; c.secret = res.json.key; }, state: { listed: true, works: true } },
      { send: (api, c) => api.delete(`/api/v1/auth/api-keys/${c.id}`), status: 204, state: { listed: false, works: false } },
    ],
    async read(api, c) {
      const keys = (await api.get('/api/v1/auth/api-keys')).json;
      const listed = keys.some((k) => k.name === c.name && k.revoked_at === null);
      // A key whose creation was never acknowledged has no known secret: only the list can tell.
      if (!c.secret) return listed ? { listed, works: true } : 'gone';
      const works = (await client(api.server, c.secret).get('/api/v1/technologies')).status === 200;
      return { listed, works };
    },
  },
};

const stateOf = (step, chain) => (typeof step.state === 'function' ? step.state(chain) : step.state);

test('updates, deletes, projects, members and API keys acknowledged before a kill -9 mid-stream survive it', async () => {
  const api = { ...client(server, admin.api.token, admin.project.id), server };
  const chains = [];
  const unexpected = [];
  let acknowledged = 0;
  let stopping = false;
  const kinds = Object.keys(CHAINS);
  const worker = async (w) => {
    for (let n = 0; !stopping; n++) {
      const kind = kinds[(w + n) % kinds.length];
      const chain = { kind, ...CHAINS[kind].key(), acked: -1, sent: -1 };
      chains.push(chain);
      for (const [i, step] of CHAINS[kind].steps.entries()) {
        if (stopping) break;
        chain.sent = i;
        let res;
        try {
          res = await step.send(api, chain);
        } catch {
          return; // the connection died with the server: this step's outcome is unknown
        }
        if (res.status !== step.status) {
          unexpected.push(`${kind} step ${i}: ${res.status} ${res.text}`);
          return;
        }
        step.keep?.(chain, res);
        chain.acked = i;
        acknowledged++;
      }
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  await until(() => acknowledged >= 300 || unexpected.length > 0, '300 acknowledged writes', 60000);
  stopping = true; // no new requests; those in flight stay in flight
  const awaitingAnswers = chains.filter((c) => c.sent > c.acked).length;
  const exit = await server.stop('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');
  await Promise.all(workers);
  assert.deepEqual(unexpected, [], 'every write before the kill was answered as expected');
  assert.ok(awaitingAnswers > 0, 'the kill came while requests were waiting for their answers');
  for (const kind of kinds) {
    assert.ok(chains.some((c) => c.kind === kind && c.acked === CHAINS[kind].steps.length - 1), `some ${kind} chain was acknowledged to its end`);
  }

  await server.start();
  const tokens = await login(server, 'admin@example.com');
  const after = { ...client(server, tokens.access_token, admin.project.id), server };
  for (const chain of chains) {
    const { steps, read } = CHAINS[chain.kind];
    const stored = await read(after, chain);
    // What may be stored: the last acknowledged step's state, or the in-flight step's; before any step was
    // acknowledged, also nothing at all.
    const allowed = [];
    if (chain.acked < 0) allowed.push('gone');
    for (let i = Math.max(chain.acked, 0); i <= chain.sent; i++) allowed.push(stateOf(steps[i], chain));
    assert.ok(allowed.some((state) => isDeepStrictEqual(state, stored)),
      `${chain.kind} ${JSON.stringify(chain)}: stored ${JSON.stringify(stored)}, expected one of ${JSON.stringify(allowed)}`);
  }
});
