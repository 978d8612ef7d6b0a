// API keys: shown once, stored hashed, bound to one project and a role no higher than the user's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { request, client } from './support/client.mjs';
import { setupAdmin, addUser, createProject, assertProblem, unique } from './support/fixtures.mjs';
import { sql } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

test('a key is shown once, stored only as a hash, and works as a bearer token in its project', async () => {
  const res = await admin.api.post('/api/v1/auth/api-keys', { name: 'CI', role: 'member' });
  assert.equal(res.status, 201, res.text);
  assert.match(res.json.key, /^cc_[0-9a-f]{16}_[A-Za-z0-9_-]{40,}$/);
  assert.equal(res.json.project_id, admin.project.id);
  assert.equal(res.json.role, 'member');
  const stored = sql(server, `SELECT key_hash, prefix FROM api_keys WHERE id = ${res.json.id}`)[0];
  assert.ok(!stored[0].includes(res.json.key.split('_').pop()), 'the secret is not stored');
  const list = await admin.api.get('/api/v1/auth/api-keys');
  assert.ok(list.json.some((k) => k.id === res.json.id));
  assert.ok(list.json.every((k) => k.key === undefined));

  const keyClient = client(server, res.json.key);
  const created = await keyClient.post('/api/v1/technologies', { title: unique('via-key') });
  assert.equal(created.status, 201);
  assert.equal(created.json.project_id, admin.project.id);
  const audit = await admin.api.get(`/api/v1/audit?entity=technology&entity_id=${created.json.id}`);
  assert.equal(audit.json.items[0].actor_api_key_id, res.json.id);
});

test('a key cannot reach another project, create keys or projects', async () => {
  const other = await createProject(admin.api);
  const key = (await admin.api.post('/api/v1/auth/api-keys', { name: 'scoped' })).json.key;
  const keyClient = client(server, key);
  assertProblem(await keyClient.inProject(other.id).get('/api/v1/technologies'), 404);
  assertProblem(await keyClient.post('/api/v1/auth/api-keys', { name: 'child' }), 403);
  assertProblem(await keyClient.post('/api/v1/projects', { name: unique('p') }), 403);
  const projects = await keyClient.get('/api/v1/projects');
  assert.deepEqual(projects.json.map((p) => p.id), [admin.project.id]);
});

test("a key's role is a ceiling: a viewer key cannot write; no key above its user's role", async () => {
  const viewerKey = (await admin.api.post('/api/v1/auth/api-keys', { name: 'read-only', role: 'viewer' })).json.key;
  assertProblem(await client(server, viewerKey).post('/api/v1/technologies', { title: unique('t') }), 403);
  assert.equal((await client(server, viewerKey).get('/api/v1/technologies')).status, 200);
  const member = await addUser(server, admin.api, admin.project.id, 'member');
  assertProblem(await member.api.post('/api/v1/auth/api-keys', { name: 'too much', role: 'admin' }), 403);
  const defaulted = await member.api.post('/api/v1/auth/api-keys', { name: 'default role' });
  assert.equal(defaulted.json.role, 'member');
  // Demoting the user lowers what their existing key can do.
  await admin.api.patch(`/api/v1/projects/${admin.project.id}/members/${member.userId}`, { role: 'viewer' });
  assertProblem(await client(server, defaulted.json.key).post('/api/v1/technologies', { title: unique('t') }), 403);
});

test('revoked, expired, malformed and made-up keys are refused', async () => {
  const created = await admin.api.post('/api/v1/auth/api-keys', { name: 'temp' });
  const keyClient = client(server, created.json.key);
  assert.equal((await keyClient.get('/api/v1/technologies')).status, 200);
  assert.equal((await admin.api.delete(`/api/v1/auth/api-keys/${created.json.id}`)).status, 204);
  assertProblem(await keyClient.get('/api/v1/technologies'), 401);
  assertProblem(await admin.api.delete(`/api/v1/auth/api-keys/${created.json.id}`), 404);
  const [, prefix] = created.json.key.split('_');
  assertProblem(await request(server, 'GET', '/api/v1/technologies', { token: `cc_${prefix}_wrongsecretwrongsecretwrongsecretwrongsecret` }), 401);
  assertProblem(await request(server, 'GET', '/api/v1/technologies', { token: 'cc_nothex_abc' }), 401);
  assertProblem(await admin.api.post('/api/v1/auth/api-keys', { name: 'past', expires_at: '2020-01-01T00:00:00Z' }), 422, 'expires_at');
  const soon = await admin.api.post('/api/v1/auth/api-keys', { name: 'soon', expires_at: new Date(Date.now() + 3600_000).toISOString() });
  assert.equal(soon.status, 201);
  // Expire it in the database rather than waiting.
  sql(server, `UPDATE api_keys SET expires_at = '2020-01-01T00:00:00.000000Z' WHERE id = ${soon.json.id}`);
  assertProblem(await client(server, soon.json.key).get('/api/v1/technologies'), 401);
});

test("keys are private: one user cannot list or revoke another's", async () => {
  const other = await addUser(server, admin.api, admin.project.id, 'admin');
  const mine = await admin.api.post('/api/v1/auth/api-keys', { name: 'mine' });
  const theirs = await other.api.get('/api/v1/auth/api-keys');
  assert.ok(!theirs.json.some((k) => k.id === mine.json.id));
  assertProblem(await other.api.delete(`/api/v1/auth/api-keys/${mine.json.id}`), 404);
});
