// Technologies end to end: every field, defaults, uniqueness per project, combined filters, sorting,
// pagination, ETag/If-Match, Idempotency-Key, history of moves, and project isolation.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, addUser, createProject, createTechnology, assertProblem, unique } from './support/fixtures.mjs';
import { snapshot, count } from './support/database.mjs';

let server;
let admin;
let api;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
  api = admin.api;
});
after(() => server?.dispose());

const FULL = {
  title: 'ONNX Runtime',
  vendor: 'Microsoft',
  domain: 'ai-ml',
  status: 'evaluation',
  relevance_score: 88,
  priority: 5,
  description: 'Cross-platform inference engine',
  notes: 'Try the DirectML provider',
  use_cases: 'on-device inference',
  documentation_url: 'https://onnxruntime.ai/docs/',
  repository_url: 'https://github.com/microsoft/onnxruntime',
  website_url: 'https://onnxruntime.ai',
  tags: 'inference, runtime',
  latency_ms: 2.5,
  throughput_qps: 1200,
  integration_difficulty: 'moderate',
  integration_time_estimate_days: 14,
  maturity_level: 'mature',
  stability_score: 90,
  cost_tier: 'free',
  cost_monthly_usd: 0,
  dependencies: { 12: 'requires' },
  alternatives: '3,7',
  last_hn_mention: '2026-10-01T12:00:00Z',
  hn_score_avg: 140,
  github_stars: 14000,
  github_last_commit: '2026-11-20T08:30:00Z',
};

describe('create and read', () => {
  test('every field of the original round-trips, with Location and ETag', async () => {
    const res = await api.post('/api/v1/technologies', FULL);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.header('location'), `/api/v1/technologies/${res.json.id}`);
    assert.equal(res.header('etag'), `"t${res.json.id}v1"`);
    for (const [key, value] of Object.entries(FULL)) {
      const expected = key.endsWith('mention') || key.endsWith('commit') ? value.replace('Z', '.000000Z') : value;
      assert.deepEqual(res.json[key], expected, key);
    }
    assert.equal(res.json.project_id, admin.project.id);
    const read = await api.get(`/api/v1/technologies/${res.json.id}`);
    assert.deepEqual(read.json, res.json);
    assert.equal(read.header('etag'), res.header('etag'));
  });

  test('defaults: domain other, status discovery, relevance 50, priority 3', async () => {
    const t = await createTechnology(api);
    assert.equal(t.domain, 'other');
    assert.equal(t.status, 'discovery');
    assert.equal(t.relevance_score, 50);
    assert.equal(t.priority, 3);
    assert.equal(t.tags, null);
  });

  test('tags are trimmed and de-duplicated', async () => {
    const t = await createTechnology(api, { tags: ' rust ,Systems, rust,, systems ' });
    assert.equal(t.tags, 'rust, Systems');
  });

  test('titles are unique per project, ignoring case, and free across projects', async () => {
    const title = unique('Kafka');
    await createTechnology(api, { title });
    assertProblem(await api.post('/api/v1/technologies', { title: title.toUpperCase() }), 409);
    const other = await createProject(api);
    const elsewhere = await api.inProject(other.id).post('/api/v1/technologies', { title });
    assert.equal(elsewhere.status, 201);
    assert.equal(elsewhere.json.project_id, other.id);
  });

  test('project_id in the body selects the project like X-Project-ID does', async () => {
    const other = await createProject(api);
    const res = await api.inProject(undefined).post('/api/v1/technologies', { title: unique('t'), project_id: other.id });
    assert.equal(res.status, 201);
    assert.equal(res.json.project_id, other.id);
  });

  test('without X-Project-ID the default project is used', async () => {
    const res = await api.inProject(undefined).post('/api/v1/technologies', { title: unique('t') });
    assert.equal(res.json.project_id, admin.project.id);
  });
});

describe('update, delete, concurrency control', () => {
  test('PATCH changes only the given fields and bumps the ETag; null clears an optional field', async () => {
    const t = await createTechnology(api, { vendor: 'Acme', notes: 'keep' });
    const res = await api.patch(`/api/v1/technologies/${t.id}`, { vendor: null, priority: 1 });
    assert.equal(res.status, 200);
    assert.equal(res.json.vendor, null);
    assert.equal(res.json.priority, 1);
    assert.equal(res.json.notes, 'keep');
    assert.equal(res.json.version, 2);
    assert.equal(res.header('etag'), `"t${t.id}v2"`);
    assert.ok(res.json.updated_at > t.updated_at);
    assertProblem(await api.patch(`/api/v1/technologies/${t.id}`, { title: null }), 422, 'title');
  });

  test('If-Match: a stale ETag is 412 and changes nothing; the current one succeeds', async () => {
    const t = await createTechnology(api);
    const v2 = await api.patch(`/api/v1/technologies/${t.id}`, { notes: 'first' });
    const before = snapshot(server);
    const stale = await api.patch(`/api/v1/technologies/${t.id}`, { notes: 'lost update' }, { headers: { 'if-match': `"t${t.id}v1"` } });
    assertProblem(stale, 412);
    assert.deepEqual(snapshot(server), before);
    const fresh = await api.patch(`/api/v1/technologies/${t.id}`, { notes: 'second' }, { headers: { 'if-match': v2.header('etag') } });
    assert.equal(fresh.status, 200);
    assertProblem(await api.delete(`/api/v1/technologies/${t.id}`, { headers: { 'if-match': v2.header('etag') } }), 412);
    assert.equal((await api.delete(`/api/v1/technologies/${t.id}`, { headers: { 'if-match': '*' } })).status, 204);
    assertProblem(await api.get(`/api/v1/technologies/${t.id}`), 404);
    assertProblem(await api.delete(`/api/v1/technologies/${t.id}`), 404);
  });

  test('renaming onto an existing title is 409', async () => {
    const a = await createTechnology(api);
    const b = await createTechnology(api);
    assertProblem(await api.patch(`/api/v1/technologies/${b.id}`, { title: a.title }), 409);
  });

  test('concurrent creates of one title: exactly one 201, the rest 409', async () => {
    const title = unique('race');
    const results = await Promise.all(Array.from({ length: 12 }, () => api.post('/api/v1/technologies', { title })));
    const statuses = results.map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, 11, JSON.stringify(statuses));
    assert.equal(count(server, 'technologies', `title = '${title}'`), 1);
  });

  test('Idempotency-Key: a retry replays the first response; another body with the key is 422', async () => {
    const key = unique('key');
    const body = { title: unique('idem') };
    const first = await api.post('/api/v1/technologies', body, { headers: { 'idempotency-key': key } });
    const again = await api.post('/api/v1/technologies', body, { headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.equal(again.header('idempotent-replayed'), 'true');
    assert.equal(again.header('etag'), first.header('etag'), 'the replay carries the ETag of what it replays');
    assert.equal(count(server, 'technologies', `title = '${body.title}'`), 1);
    // The same request written differently (spacing, member order) is the same request.
    const reformatted = await api.post('/api/v1/technologies', undefined, {
      headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      raw: `{\n  "title" :  ${JSON.stringify(body.title)}\n}`,
    });
    assert.equal(reformatted.status, 201, reformatted.text);
    assert.equal(reformatted.header('idempotent-replayed'), 'true');
    const key3 = unique('key');
    const ordered = { title: unique('idem'), domain: 'ai-ml', priority: 4 };
    const firstOrder = await api.post('/api/v1/technologies', ordered, { headers: { 'idempotency-key': key3 } });
    const otherOrder = await api.post('/api/v1/technologies', { priority: 4, domain: 'ai-ml', title: ordered.title }, { headers: { 'idempotency-key': key3 } });
    assert.equal(otherOrder.status, 201, otherOrder.text);
    assert.equal(otherOrder.json.id, firstOrder.json.id);
    assert.equal(otherOrder.header('idempotent-replayed'), 'true');
    assertProblem(await api.post('/api/v1/technologies', { title: unique('other') }, { headers: { 'idempotency-key': key } }), 422, 'Idempotency-Key');
    // Concurrent retries with one key also create one technology.
    const key2 = unique('key');
    const body2 = { title: unique('idem') };
    const replies = await Promise.all(Array.from({ length: 6 }, () => api.post('/api/v1/technologies', body2, { headers: { 'idempotency-key': key2 } })));
    assert.ok(replies.every((r) => r.status === 201), replies.map((r) => r.status).join());
    assert.equal(new Set(replies.map((r) => r.json.id)).size, 1);
  });
});

describe('history', () => {
  test('creation and every status or domain move is kept with who, when and why', async () => {
    const t = await createTechnology(api, { status: 'research', domain: 'ui-ux' });
    await api.patch(`/api/v1/technologies/${t.id}`, { status: 'evaluation', reason: 'promising benchmark' });
    await api.patch(`/api/v1/technologies/${t.id}`, { notes: 'not a move' });
    await api.patch(`/api/v1/technologies/${t.id}`, { domain: 'performance', status: 'integrated', reason: 'shipped' });
    const res = await api.get(`/api/v1/technologies/${t.id}/history`);
    assert.equal(res.status, 200);
    const moves = res.json.map((e) => [e.field, e.from, e.to, e.reason]);
    assert.deepEqual(moves, [
      ['status', null, 'research', null],
      ['domain', null, 'ui-ux', null],
      ['status', 'research', 'evaluation', 'promising benchmark'],
      ['status', 'evaluation', 'integrated', 'shipped'],
      ['domain', 'ui-ux', 'performance', 'shipped'],
    ]);
    assert.ok(res.json.every((e) => e.changed_by === admin.user.id && e.changed_by_email === 'admin@example.com'));
    assert.ok(res.json.every((e) => /Z$/.test(e.changed_at)));
  });

  test("the project's moves come in one list, newest first, without creations or other projects' moves", async () => {
    const project = await createProject(api);
    const scoped = api.inProject(project.id);
    const a = await createTechnology(scoped, { status: 'research' });
    const b = await createTechnology(scoped, { domain: 'ui-ux' });
    const untouched = await createTechnology(scoped);
    const elsewhere = await createTechnology(api, { status: 'research' });
    await api.patch(`/api/v1/technologies/${elsewhere.id}`, { status: 'evaluation' });
    await scoped.patch(`/api/v1/technologies/${a.id}`, { status: 'evaluation', reason: 'first' });
    await scoped.patch(`/api/v1/technologies/${b.id}`, { domain: 'performance', reason: 'second' });
    await scoped.patch(`/api/v1/technologies/${a.id}`, { status: 'integrated', reason: 'third' });

    let res = await scoped.get('/api/v1/technologies/moves');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.map((e) => [e.technology_id, e.field, e.from, e.to, e.reason]), [
      [a.id, 'status', 'evaluation', 'integrated', 'third'],
      [b.id, 'domain', 'ui-ux', 'performance', 'second'],
      [a.id, 'status', 'research', 'evaluation', 'first'],
    ]);
    assert.equal(res.header('x-total-count'), '3');
    assert.ok(!res.json.some((e) => e.technology_id === untouched.id || e.technology_id === elsewhere.id));

    // `since` is inclusive, to the microsecond the server recorded (a client clock read in milliseconds could
    // fall before the first move's time).
    const secondAt = res.json[1].changed_at;
    res = await scoped.get(`/api/v1/technologies/moves?since=${encodeURIComponent(secondAt)}`);
    assert.deepEqual(res.json.map((e) => e.reason), ['third', 'second']);

    res = await scoped.get('/api/v1/technologies/moves?limit=1&page=2');
    assert.deepEqual(res.json.map((e) => e.reason), ['second']);
    assert.equal(res.header('x-total-count'), '3');
    assert.match(res.header('link'), /rel="next"/);

    assertProblem(await scoped.get('/api/v1/technologies/moves?since=yesterday'), 422, 'query.since');
    assertProblem(await scoped.get('/api/v1/technologies/moves?limit=1001'), 422, 'query.limit');
  });
});

describe('listing', () => {
  let project;
  let scoped;
  const made = {};
  before(async () => {
    project = await createProject(api);
    scoped = api.inProject(project.id);
    const rows = [
      ['alpha', 'ai-ml', 'research', 5, 90, 'python, ml'],
      ['beta', 'ai-ml', 'evaluation', 4, 70, 'ml'],
      ['gamma', 'infrastructure', 'research', 3, 60, 'ops'],
      ['delta', 'infrastructure', 'integrated', 2, 40, 'ops, ml'],
      ['epsilon', 'ui-ux', 'research', 1, 20, null],
      ['zeta Searchable', 'ui-ux', 'archived', 5, 95, 'design'],
    ];
    for (const [title, domain, status, priority, relevance_score, tags] of rows) {
      made[title] = await createTechnology(scoped, { title, domain, status, priority, relevance_score, tags, description: `${title} description` });
    }
  });
  const titles = (res) => res.json.items.map((t) => t.title);

  test('the envelope has total, items, page and page_size', async () => {
    const res = await scoped.get('/api/v1/technologies');
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['items', 'page', 'page_size', 'total']);
    assert.equal(res.json.total, 6);
    assert.equal(res.json.page, 1);
    assert.equal(res.json.page_size, 20);
  });

  test('every filter applies together', async () => {
    let res = await scoped.get('/api/v1/technologies?domain=ai-ml&status=research');
    assert.deepEqual(titles(res), ['alpha']);
    res = await scoped.get('/api/v1/technologies?domain=ai-ml,infrastructure&tag=ml&sort=title');
    assert.deepEqual(titles(res), ['alpha', 'beta', 'delta']);
    res = await scoped.get('/api/v1/technologies?tag=ops,ml');
    assert.deepEqual(titles(res), ['delta']);
    res = await scoped.get('/api/v1/technologies?priority_min=3&relevance_max=70&sort=title');
    assert.deepEqual(titles(res), ['beta', 'gamma']);
    res = await scoped.get('/api/v1/technologies?status=research&priority_max=3&sort=-priority');
    assert.deepEqual(titles(res), ['gamma', 'epsilon']);
    assert.equal(res.json.total, 2);
  });

  test('search matches title, description or tags, case-insensitively, also for short terms', async () => {
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?search=SEARCHABLE')), ['zeta Searchable']);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?search=design')), ['zeta Searchable']);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?search=gamma%20desc')), ['gamma']);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?search=ep&sort=title')), ['epsilon']);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?search=pyth&domain=ui-ux')), []);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?search=100%25')), []);
  });

  test('sort by any allowed field, ascending or descending, with a stable tie-break', async () => {
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?sort=title')), ['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'zeta Searchable']);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?sort=-relevance_score')), ['zeta Searchable', 'alpha', 'beta', 'gamma', 'delta', 'epsilon']);
    assert.deepEqual(titles(await scoped.get('/api/v1/technologies?sort=-priority,title')).slice(0, 2), ['alpha', 'zeta Searchable']);
    assertProblem(await scoped.get('/api/v1/technologies?sort=password'), 422, 'query.sort');
  });

  test('pages with page/limit or skip; pages never overlap', async () => {
    const p1 = await scoped.get('/api/v1/technologies?sort=title&limit=4&page=1');
    const p2 = await scoped.get('/api/v1/technologies?sort=title&limit=4&page=2');
    assert.deepEqual(titles(p1), ['alpha', 'beta', 'delta', 'epsilon']);
    assert.deepEqual(titles(p2), ['gamma', 'zeta Searchable']);
    assert.equal(p2.json.page, 2);
    const skipped = await scoped.get('/api/v1/technologies?sort=title&limit=2&skip=2');
    assert.deepEqual(titles(skipped), ['delta', 'epsilon']);
    assert.equal(skipped.json.page, 2);
    const beyond = await scoped.get('/api/v1/technologies?page=50');
    assert.deepEqual(beyond.json.items, []);
    assert.equal(beyond.json.total, 6);
  });

  test('absurd paging and unknown filter values are 422 naming the parameter', async () => {
    assertProblem(await scoped.get('/api/v1/technologies?limit=1000'), 422, 'query.limit');
    assertProblem(await scoped.get('/api/v1/technologies?limit=0'), 422, 'query.limit');
    assertProblem(await scoped.get('/api/v1/technologies?page=0'), 422, 'query.page');
    assertProblem(await scoped.get('/api/v1/technologies?page=abc'), 422, 'query.page');
    assertProblem(await scoped.get('/api/v1/technologies?skip=-1'), 422, 'query.skip');
    assertProblem(await scoped.get('/api/v1/technologies?domain=cooking'), 422, 'query.domain');
    assertProblem(await scoped.get('/api/v1/technologies?priority_min=9'), 422, 'query.priority_min');
    assertProblem(await scoped.get('/api/v1/technologies?tag=a,b,c,d,e,f'), 422, 'query.tag');
  });

  test('a list only ever shows the project it is asked for', async () => {
    const res = await api.get('/api/v1/technologies?limit=100');
    assert.ok(res.json.items.every((t) => t.project_id === admin.project.id));
    assert.ok(!res.json.items.some((t) => t.title === 'alpha'));
  });
});

describe('isolation', () => {
  test("another project's technology is 404 for every verb, even for a member of both projects", async () => {
    const mine = await createTechnology(api);
    const other = await createProject(api);
    const wrong = api.inProject(other.id);
    const before = snapshot(server);
    assertProblem(await wrong.get(`/api/v1/technologies/${mine.id}`), 404);
    assertProblem(await wrong.patch(`/api/v1/technologies/${mine.id}`, { notes: 'x' }), 404);
    assertProblem(await wrong.delete(`/api/v1/technologies/${mine.id}`), 404);
    assertProblem(await wrong.get(`/api/v1/technologies/${mine.id}/history`), 404);
    assert.deepEqual(snapshot(server), before);
  });

  test('a user who is not a member of a project gets 404 for it', async () => {
    const outsider = await addUser(server, api, (await createProject(api)).id, 'owner');
    const res = await outsider.api.inProject(admin.project.id).get('/api/v1/technologies');
    assertProblem(res, 404);
    assert.match(res.json.detail, /Project/);
  });
});
