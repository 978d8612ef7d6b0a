// Bad input on every write route gets a 4xx problem+json that names the field, and changes nothing: wrong types,
// unknown fields, malformed or oversized bodies, absurd pagination, and first-run setup before it has happened.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { request } from './support/client.mjs';
import { setupAdmin, addUser, createProject, createTechnology, createRepository, createTask, assertProblem, login, PASSWORD } from './support/fixtures.mjs';
import { snapshot, sessionState } from './support/database.mjs';

let server;
let admin;
let ctx;

// Everything a refused request could have changed: the data, and who is signed in.
const state = (s = server) => ({ ...snapshot(s), ...sessionState(s) });

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
  const technology = await createTechnology(admin.api);
  const repository = await createRepository(admin.api);
  const task = await createTask(admin.api);
  const entry = await admin.api.post('/api/v1/knowledge/entries', { title: 'k', content: 'c', category: 'x' });
  // A viewer of the project (whose role a bad PATCH must not change), a user outside it (whom a bad POST must not
  // add), and a live refresh token (which a bad refresh must not exchange).
  const spare = await addUser(server, admin.api, admin.project.id, 'viewer');
  const elsewhere = await createProject(admin.api);
  const outsider = await addUser(server, admin.api, elsewhere.id, 'viewer');
  const session = await login(server, admin.user.email);
  ctx = {
    project: admin.project.id, technology: technology.id, user: admin.user.id, repository: repository.id, task: task.id,
    entry: entry.json.id, spare: spare.userId, outsider: outsider.userId, refreshToken: session.refresh_token,
  };
});
after(() => server?.dispose());

const ROUTES = [
  {
    name: 'POST /auth/login', method: 'post', path: () => '/api/v1/auth/login', anonymous: true,
    cases: [
      [{ email: 42, password: 'correct horse' }, 'email'],
      [{ email: 'admin@example.com' }, 'password'],
      [{ email: 'admin@example.com', password: 'correct horse', remember: true }, 'remember'],
    ],
  },
  {
    name: 'POST /auth/register', method: 'post', path: () => '/api/v1/auth/register', anonymous: true,
    cases: [
      [{ email: 'not an email', password: 'correct horse' }, 'email'],
      [{ email: 'a@example.com', password: 'x'.repeat(300) }, 'password'],
      [{ email: 'a@example.com', password: 'correct horse', full_name: ['x'] }, 'full_name'],
      [{ email: 'a@example.com', password: 'correct horse', role: 'admin' }, 'role'],
      [{ email: 'a@example.com', password: 'correct horse', is_superuser: true }, 'is_superuser'],
    ],
  },
  {
    name: 'POST /auth/refresh', method: 'post', path: () => '/api/v1/auth/refresh', anonymous: true,
    cases: (c) => [
      [{}, 'refresh_token'], [{ refresh_token: 123 }, 'refresh_token'], [{ refresh_token: '' }, 'refresh_token'],
      [{ refresh_token: c.refreshToken, device: 'laptop' }, 'device'],
      [{ refresh_token: c.refreshToken, access_token: 'x' }, 'access_token'],
    ],
  },
  {
    name: 'POST /auth/accept-invite', method: 'post', path: () => '/api/v1/auth/accept-invite', anonymous: true,
    cases: [[{ token: 'x' }, 'password'], [{ token: null, password: 'correct horse' }, 'token']],
  },
  {
    name: 'POST /auth/logout', method: 'post', path: () => '/api/v1/auth/logout',
    cases: [[{ refresh_token: 5 }, 'refresh_token'], [{ everything: true }, 'everything']],
  },
  {
    name: 'POST /auth/api-keys', method: 'post', path: () => '/api/v1/auth/api-keys',
    cases: [
      [{}, 'name'],
      [{ name: 'k', role: 'superuser' }, 'role'],
      [{ name: 'k', expires_at: 'tomorrow' }, 'expires_at'],
      [{ name: 'k', project_id: 'one' }, 'project_id'],
      [{ name: 'k', role: 'viewer', scopes: ['admin'] }, 'scopes'],
      [{ name: 'k', role: 'viewer', user_id: 1 }, 'user_id'],
    ],
  },
  {
    name: 'POST /projects', method: 'post', path: () => '/api/v1/projects',
    cases: [[{ name: '' }, 'name'], [{ name: 'x'.repeat(256) }, 'name'], [{ name: 'p', owner: null }, 'owner'], [{ name: 'p', id: 7 }, 'id']],
  },
  {
    name: 'PATCH /projects/{id}', method: 'patch', path: (c) => `/api/v1/projects/${c.project}`,
    cases: [[{ name: null }, 'name'], [{ description: 12 }, 'description'], [{ created_at: '2020-01-01' }, 'created_at']],
  },
  {
    name: 'POST /projects/{id}/members', method: 'post', path: (c) => `/api/v1/projects/${c.project}/members`,
    cases: (c) => [
      [{ email: 'x@example.com' }, 'role'], [{ email: 'x@example.com', role: 'god' }, 'role'], [{ user_id: 'me', role: 'viewer' }, 'user_id'],
      [{ email: 'x@example.com', role: 'viewer', is_superuser: true }, 'is_superuser'],
      [{ email: 'x@example.com', role: 'viewer', password: PASSWORD }, 'password'],
      [{ user_id: c.outsider, role: 'viewer', invite: false }, 'invite'],
    ],
  },
  {
    name: 'PATCH /projects/{id}/members/{user}', method: 'patch', path: (c) => `/api/v1/projects/${c.project}/members/${c.user}`,
    cases: [[{}, 'role'], [{ role: 'OWNER' }, 'role']],
  },
  {
    name: 'PATCH /projects/{id}/members/{another user}', method: 'patch', path: (c) => `/api/v1/projects/${c.project}/members/${c.spare}`,
    cases: (c) => [
      [{ role: 'admin', user_id: c.user }, 'user_id'],
      [{ role: 'admin', is_owner: true }, 'is_owner'],
      [{ role: 3 }, 'role'],
      [{ role: ['admin'] }, 'role'],
      [{ role: true }, 'role'],
      [{ role: null }, 'role'],
      [{ role: { name: 'admin' } }, 'role'],
    ],
  },
  {
    name: 'POST /technologies', method: 'post', path: () => '/api/v1/technologies',
    cases: [
      [{}, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 't', priority: 0 }, 'priority'],
      [{ title: 't', priority: 6 }, 'priority'],
      [{ title: 't', priority: 2.5 }, 'priority'],
      [{ title: 't', priority: '3' }, 'priority'],
      [{ title: 't', relevance_score: 101 }, 'relevance_score'],
      [{ title: 't', relevance_score: true }, 'relevance_score'],
      [{ title: 't', domain: 'cooking' }, 'domain'],
      [{ title: 't', status: 'done' }, 'status'],
      [{ title: 't', maturity_level: 'ancient' }, 'maturity_level'],
      [{ title: 't', latency_ms: -1 }, 'latency_ms'],
      [{ title: 't', stability_score: 1000 }, 'stability_score'],
      [{ title: 't', website_url: 'javascript:alert(1)' }, 'website_url'],
      [{ title: 't', dependencies: ['a'] }, 'dependencies'],
      [{ title: 't', last_hn_mention: '2026-13-45' }, 'last_hn_mention'],
      [{ title: 't', github_stars: 1e30 }, 'github_stars'],
      [{ title: 't', hacked: 1 }, 'hacked'],
      [{ title: 't', project_id: -4 }, 'project_id'],
    ],
  },
  {
    name: 'POST /repositories', method: 'post', path: () => '/api/v1/repositories',
    cases: [
      [{ name: 'x' }, 'owner'],
      [{ owner: 'o' }, 'name'],
      [{ owner: 'o/x', name: 'n' }, 'owner'],
      [{ owner: 'o', name: 'n', access_token: 'password123' }, 'access_token'],
      [{ owner: 'o', name: 'n', is_private: 'yes' }, 'is_private'],
      [{ owner: 'o', name: 'n', stars: 5 }, 'stars'],
    ],
  },
  {
    name: 'PATCH /repositories/{id}', method: 'patch', path: (c) => `/api/v1/repositories/${c.repository}`,
    cases: [[{ name: 'renamed' }, 'name'], [{ metadata_: [1] }, 'metadata_'], [{ is_private: null }, 'is_private']],
  },
  {
    name: 'POST /repositories/{id}/sync', method: 'post', path: (c) => `/api/v1/repositories/${c.repository}/sync`,
    cases: [[{ force: 'yes' }, 'force'], [{ branch: 'main' }, 'branch']],
  },
  {
    name: 'POST /technologies/{id}/repositories', method: 'post', path: (c) => `/api/v1/technologies/${c.technology}/repositories`,
    cases: [[{}, 'repository_id'], [{ repository_id: 'one' }, 'repository_id'], [{ repository_id: 1, source: 'detected' }, 'source']],
  },
  {
    name: 'POST /research-tasks', method: 'post', path: () => '/api/v1/research-tasks',
    cases: [
      [{}, 'title'],
      [{ title: 't', status: 'done' }, 'status'],
      [{ title: 't', due_date: 'next week' }, 'due_date'],
      [{ title: 't', estimated_hours: -1 }, 'estimated_hours'],
      [{ title: 't', progress_percentage: 120 }, 'progress_percentage'],
      [{ title: 't', technology_id: 0 }, 'technology_id'],
      [{ title: 't', uploaded_documents: [] }, 'uploaded_documents'],
    ],
  },
  {
    name: 'PATCH /research-tasks/{id}', method: 'patch', path: (c) => `/api/v1/research-tasks/${c.task}`,
    cases: [[{ title: null }, 'title'], [{ completed_at: '2026-01-01T00:00:00Z' }, 'completed_at'], [{ actual_hours: 1.5 }, 'actual_hours']],
  },
  {
    name: 'POST /knowledge/entries', method: 'post', path: () => '/api/v1/knowledge/entries',
    cases: [[{ title: 't', category: 'c' }, 'content'], [{ title: 't', content: 'c', category: 'x'.repeat(101) }, 'category'], [{ title: 't', content: 'c', category: 'c', source_url: 'ftp://x' }, 'source_url']],
  },
  {
    name: 'PATCH /knowledge/entries/{id}', method: 'patch', path: (c) => `/api/v1/knowledge/entries/${c.entry}`,
    cases: [[{ content: null }, 'content'], [{ relevance_score: -0.5 }, 'relevance_score']],
  },
  {
    name: 'PATCH /technologies/{id}', method: 'patch', path: (c) => `/api/v1/technologies/${c.technology}`,
    cases: [
      [{ status: null }, 'status'],
      [{ priority: -1 }, 'priority'],
      [{ version: 99 }, 'version'],
      [{ id: 5 }, 'id'],
      [{ cost_tier: 'cheap' }, 'cost_tier'],
    ],
  },
];

function caller(route) {
  return route.anonymous ? admin.api.as(undefined) : admin.api;
}

for (const route of ROUTES) {
  test(`${route.name}: each bad field is a 422 naming it, and nothing changes`, async () => {
    const cases = typeof route.cases === 'function' ? route.cases(ctx) : route.cases;
    for (const [body, field] of cases) {
      const before = state();
      const res = await caller(route)[route.method](route.path(ctx), body);
      assertProblem(res, 422, field);
      assert.deepEqual(state(), before, `${JSON.stringify(body)} changed the database`);
    }
  });

  test(`${route.name}: malformed JSON 400, wrong media type 415, oversized 413, not an object 422`, async () => {
    const before = state();
    const send = (raw, type) => caller(route)[route.method](route.path(ctx), undefined, { raw, headers: { 'content-type': type } });
    assertProblem(await send('{"title": "x",', 'application/json'), 400);
    assertProblem(await send('title=x', 'text/plain'), 415);
    assertProblem(await send(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'), 413);
    assertProblem(await send('"just a string"', 'application/json'), 422, 'body');
    assertProblem(await send('{"title": "\\ud800"}', 'application/json'), 400);
    assertProblem(await send(Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'), 400);
    assert.deepEqual(state(), before);
  });
}

// Absurd pagination on the lists of this issue: each is a 422 naming the query parameter, and a sensible request
// right after still answers (so the refusals are about the parameter, not the route).
const ABSURD_PAGES = [
  ['page', '0'], ['page', '-1'], ['page', '1000001'], ['page', '2147483648'], ['page', '99999999999999999999'],
  ['page', 'abc'], ['page', '1.5'], ['page', '1e3'], ['page', '0x10'],
  ['limit', '0'], ['limit', '-1'], ['limit', '101'], ['limit', '1000000'], ['limit', '99999999999999999999'],
  ['limit', 'abc'], ['limit', '2.5'], ['limit', 'NaN'],
  ['skip', '-1'], ['skip', '99999999999999999999'], ['skip', 'abc'],
];
for (const path of ['/api/v1/audit', '/api/v1/projects']) {
  test(`GET ${path}: absurd page, limit and skip are 422 naming the parameter, and nothing changes`, async () => {
    for (const [name, value] of ABSURD_PAGES) {
      const before = state();
      const res = await admin.api.get(`${path}?${name}=${encodeURIComponent(value)}`);
      assertProblem(res, 422, `query.${name}`);
      assert.deepEqual(state(), before, `${name}=${value} changed the database`);
    }
    const sensible = await admin.api.get(`${path}?page=1&limit=100`);
    assert.equal(sensible.status, 200, sensible.text);
  });
}

// First-run setup, on a server that has not been set up: each body below is valid but for one thing and carries
// the real setup token, so a server that let the fault through would create the administrator. None does; the
// token still works afterwards. Registration is open until then, so the same holds for register.
describe('before setup', () => {
  let fresh;
  let valid;
  before(async () => {
    fresh = await startServer();
    valid = { token: fresh.setupToken, email: 'first@example.com', password: PASSWORD, project_name: 'First' };
  });
  after(() => fresh?.dispose());

  const setupStatus = async () => (await request(fresh, 'GET', '/api/v1/auth/setup')).json;
  const post = (path, body, options = {}) => request(fresh, 'POST', path, { body, ...options });

  test('POST /auth/setup: wrong types, unknown fields and missing fields are 422 naming the field; nothing changes', async () => {
    const cases = [
      [{ ...valid, token: 123 }, 'token'],
      [{ ...valid, token: null }, 'token'],
      [{ ...valid, email: 42 }, 'email'],
      [{ ...valid, email: ['first@example.com'] }, 'email'],
      [{ ...valid, password: true }, 'password'],
      [{ ...valid, password: 12345678 }, 'password'],
      [{ ...valid, full_name: ['x'] }, 'full_name'],
      [{ ...valid, project_name: {} }, 'project_name'],
      [{ ...valid, project_name: 7 }, 'project_name'],
      [{ ...valid, is_superuser: true }, 'is_superuser'],
      [{ ...valid, role: 'owner' }, 'role'],
      [{ ...valid, project: { name: 'P' } }, 'project'],
      [(({ project_name: _, ...rest }) => rest)(valid), 'project_name'],
      [(({ token: _, ...rest }) => rest)(valid), 'token'],
    ];
    for (const [body, field] of cases) {
      const before = state(fresh);
      assertProblem(await post('/api/v1/auth/setup', body), 422, field);
      assert.deepEqual(state(fresh), before, `${JSON.stringify(body)} changed the database`);
    }
    assert.equal((await setupStatus()).setup_required, true);
  });

  test('POST /auth/setup: malformed JSON 400, wrong media type 415, oversized 413, not an object 422; nothing changes', async () => {
    const before = state(fresh);
    const send = (raw, type) => post('/api/v1/auth/setup', undefined, { raw, headers: { 'content-type': type } });
    assertProblem(await send('{"token": "x",', 'application/json'), 400);
    assertProblem(await send(JSON.stringify(valid), 'text/plain'), 415);
    assertProblem(await send(JSON.stringify(valid), 'application/x-www-form-urlencoded'), 415);
    assertProblem(await send(JSON.stringify({ ...valid, full_name: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'), 413);
    assertProblem(await send(JSON.stringify([valid]), 'application/json'), 422, 'body');
    assertProblem(await send('{"token": "\\ud800"}', 'application/json'), 400);
    assertProblem(await send(Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'), 400);
    assert.deepEqual(state(fresh), before);
    assert.equal((await setupStatus()).setup_required, true);
  });

  test('POST /auth/register while registration is open: unknown fields are 422 naming the field; nothing changes', async () => {
    assert.equal((await setupStatus()).registration_open, true);
    const body = { email: 'early@example.com', password: PASSWORD };
    for (const [extra, field] of [[{ role: 'admin' }, 'role'], [{ is_superuser: true }, 'is_superuser'], [{ project_id: 1 }, 'project_id']]) {
      const before = state(fresh);
      assertProblem(await post('/api/v1/auth/register', { ...body, ...extra }), 422, field);
      assert.deepEqual(state(fresh), before, `${JSON.stringify(extra)} changed the database`);
    }
    // The same body without the extra field is accepted: the refusals above were about the field alone.
    assert.equal((await post('/api/v1/auth/register', body)).status, 201);
  });

  test('after all of the above the setup token still creates the first administrator', async () => {
    const res = await post('/api/v1/auth/setup', valid);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.user.email, valid.email);
    assert.equal((await setupStatus()).setup_required, false);
  });
});

test('the server keeps serving after all of the above', async () => {
  assert.equal((await admin.api.get('/api/v1/technologies')).status, 200);
});
