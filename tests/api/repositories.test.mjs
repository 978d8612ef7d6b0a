// Repositories: GitHub names, tokens encrypted and never returned, combined filters, sync from (a local fake
// of) GitHub, and links to technologies that never cross projects.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { FakeGitHub } from './support/fake_github.mjs';
import { setupAdmin, addUser, createProject, createTechnology, createRepository, assertProblem } from './support/fixtures.mjs';
import { sql, snapshot, count } from './support/database.mjs';

const TOKEN = 'ghp_' + 'A1b2C3d4E5'.repeat(4);

let server;
let github;
let admin;
let api;

before(async () => {
  github = await new FakeGitHub().start();
  server = await startServer({ env: { CC_GITHUB_API_URL: github.url } });
  admin = await setupAdmin(server);
  api = admin.api;
});
after(async () => {
  await server?.dispose();
  await github?.stop();
});

describe('create, read, update, delete', () => {
  test('GitHub names are accepted as GitHub accepts them; invalid ones are 422', async () => {
    for (const [owner, name] of [['socketio', 'socket.io'], ['a', 'b'], ['my-org', 'my_repo-2'], ['X1', '.github']]) {
      const res = await api.post('/api/v1/repositories', { owner, name });
      assert.equal(res.status, 201, `${owner}/${name}: ${res.text}`);
      assert.equal(res.json.full_name, `${owner}/${name}`);
      assert.equal(res.json.default_branch, 'main');
      assert.equal(res.header('location'), `/api/v1/repositories/${res.json.id}`);
    }
    for (const [owner, name, field] of [['-org', 'x', 'owner'], ['org-', 'x', 'owner'], ['o--o', 'x', 'owner'], ['o'.repeat(40), 'x', 'owner'],
      ['org', 'a/b', 'name'], ['org', '..', 'name'], ['org', 'sp ace', 'name'], ['org', '', 'name']]) {
      assertProblem(await api.post('/api/v1/repositories', { owner, name }), 422, field);
    }
  });

  test('full names are unique per project, ignoring case', async () => {
    await api.post('/api/v1/repositories', { owner: 'Boost', name: 'Beast' });
    assertProblem(await api.post('/api/v1/repositories', { owner: 'boost', name: 'beast' }), 409);
    const other = await createProject(api);
    assert.equal((await api.inProject(other.id).post('/api/v1/repositories', { owner: 'boost', name: 'beast' })).status, 201);
  });

  test('an access token is stored encrypted and never returned, not even in the audit log', async () => {
    const res = await api.post('/api/v1/repositories', { owner: 'secret-org', name: 'vault', access_token: TOKEN, is_private: true });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.has_access_token, true);
    assert.equal(res.json.is_private, true);
    assert.ok(!res.text.includes(TOKEN));
    assert.equal(res.json.access_token, undefined);
    const stored = sql(server, `SELECT access_token_encrypted FROM repositories WHERE id = ${res.json.id}`)[0][0];
    assert.ok(stored.length > 40);
    assert.ok(!stored.includes(TOKEN) && !stored.includes(TOKEN.slice(4, 20)), 'the database holds ciphertext');
    const read = await api.get(`/api/v1/repositories/${res.json.id}`);
    assert.ok(!read.text.includes(TOKEN));
    const cleared = await api.patch(`/api/v1/repositories/${res.json.id}`, { access_token: null });
    assert.equal(cleared.json.has_access_token, false);
    assert.equal(sql(server, `SELECT COUNT(*) FROM repositories WHERE id = ${res.json.id} AND access_token_encrypted IS NULL`)[0][0], '1');
    const audit = await api.get(`/api/v1/audit?entity=repository&entity_id=${res.json.id}`);
    assert.equal(audit.json.total, 2);
    assert.ok(!audit.text.includes(TOKEN));
    assert.equal(audit.json.items[0].before.has_access_token, true);
    assert.equal(audit.json.items[0].after.has_access_token, false);
    assert.equal(audit.json.items[0].after.access_token, 'cleared');
    // Setting and replacing a token are audited as such, without the value.
    const second = TOKEN.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await api.patch(`/api/v1/repositories/${res.json.id}`, { access_token: TOKEN });
    await api.patch(`/api/v1/repositories/${res.json.id}`, { access_token: second });
    const later = await api.get(`/api/v1/audit?entity=repository&entity_id=${res.json.id}`);
    assert.deepEqual(later.json.items.slice(0, 2).map((e) => e.after.access_token), ['replaced', 'set']);
    assert.ok(!later.text.includes(TOKEN) && !later.text.includes(second));
    await api.patch(`/api/v1/repositories/${res.json.id}`, { access_token: null });
    assertProblem(await api.patch(`/api/v1/repositories/${res.json.id}`, { access_token: 'not-a-token' }), 422, 'access_token');
    assertProblem(await api.patch(`/api/v1/repositories/${res.json.id}`, { owner: 'renamed' }), 422, 'owner');
  });

  test('PATCH honours If-Match; DELETE removes it', async () => {
    const r = await createRepository(api, { description: 'first' });
    const read = await api.get(`/api/v1/repositories/${r.id}`);
    const changed = await api.patch(`/api/v1/repositories/${r.id}`, { description: 'second', metadata_: { team: 'core' } }, { headers: { 'if-match': read.header('etag') } });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.json.metadata_, { team: 'core' });
    assertProblem(await api.patch(`/api/v1/repositories/${r.id}`, { description: 'lost' }, { headers: { 'if-match': read.header('etag') } }), 412);
    assert.equal((await api.delete(`/api/v1/repositories/${r.id}`)).status, 204);
    assertProblem(await api.get(`/api/v1/repositories/${r.id}`), 404);
  });
});

describe('listing', () => {
  test('owner, language and search combine; totals and links in headers', async () => {
    const project = await createProject(api);
    const scoped = api.inProject(project.id);
    const rows = [['acme', 'rocket', 'C++', 'Engines'], ['acme', 'anvil', 'Rust', 'Heavy tools'], ['Acme', 'catalog', 'C++', 'Things to buy'], ['wile', 'trap', 'C++', 'Engines and rockets']];
    for (const [owner, name, language, description] of rows) {
      const r = await createRepository(scoped, { owner, name, description });
      sql(server, `UPDATE repositories SET language = '${language}' WHERE id = ${r.id}`);
    }
    const names = (res) => res.json.map((r) => r.name).sort();
    assert.deepEqual(names(await scoped.get('/api/v1/repositories?owner=ACME')), ['anvil', 'catalog', 'rocket']);
    assert.deepEqual(names(await scoped.get('/api/v1/repositories?owner=acme&language=c%2B%2B')), ['catalog', 'rocket']);
    assert.deepEqual(names(await scoped.get('/api/v1/repositories?language=C%2B%2B&search=engine')), ['rocket', 'trap']);
    assert.deepEqual(names(await scoped.get('/api/v1/repositories?search=wile%2Ftr')), ['trap']);
    const paged = await scoped.get('/api/v1/repositories?limit=3');
    assert.equal(paged.json.length, 3);
    assert.equal(paged.header('x-total-count'), '4');
    assert.match(paged.header('link'), /rel="next"/);
    assertProblem(await scoped.get('/api/v1/repositories?limit=500'), 422, 'query.limit');
  });
});

describe('sync from GitHub', () => {
  test('sync stores metadata and the latest commit, sending the decrypted token', async () => {
    github.set('sync-org', 'app', { description: 'The app', stars: 42, forks: 7, language: 'TypeScript', sha: 'b'.repeat(40), message: 'Ship it', requireToken: TOKEN });
    const r = await createRepository(api, { owner: 'sync-org', name: 'app', access_token: TOKEN });
    const res = await api.post(`/api/v1/repositories/${r.id}/sync`, { force: true });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.synced, true);
    assert.equal(res.json.repository_id, r.id);
    assert.equal(res.json.last_commit_sha, 'b'.repeat(40));
    assert.equal(res.json.last_commit_message, 'Ship it');
    assert.equal(res.json.changes_detected, true);
    assert.ok(res.json.last_synced_at);
    const stored = (await api.get(`/api/v1/repositories/${r.id}`)).json;
    assert.equal(stored.stars, 42);
    assert.equal(stored.forks, 7);
    assert.equal(stored.language, 'TypeScript');
    assert.equal(stored.description, 'The app');
    assert.equal(stored.last_commit_author, 'Ada');
    assert.equal(stored.last_commit_date, '2026-11-20T10:00:00.000000Z');
    const calls = github.requests.filter((q) => q.url.startsWith('/repos/sync-org/app'));
    assert.ok(calls.length >= 2);
    assert.ok(calls.every((q) => q.authorization === `Bearer ${TOKEN}`));
    // Nothing changed upstream: the next sync says so. Without a body it works as well.
    const again = await api.post(`/api/v1/repositories/${r.id}/sync`, undefined);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.changes_detected, false);
    github.set('sync-org', 'app', { description: 'The app', stars: 43, sha: 'c'.repeat(40), requireToken: TOKEN });
    assert.equal((await api.post(`/api/v1/repositories/${r.id}/sync`, {})).json.changes_detected, true);
  });

  test('GitHub failures are 502 problems that change nothing', async () => {
    const r = await createRepository(api, { owner: 'ghost', name: 'missing' });
    const before = snapshot(server);
    const res = await api.post(`/api/v1/repositories/${r.id}/sync`, {});
    assertProblem(res, 502);
    assert.match(res.json.detail, /GitHub/);
    assert.deepEqual(snapshot(server), before);
  });
});

describe('links to technologies', () => {
  test('link, list from either side, refuse duplicates, unlink', async () => {
    const t = await createTechnology(api);
    const r1 = await createRepository(api);
    const r2 = await createRepository(api);
    const linked = await api.post(`/api/v1/technologies/${t.id}/repositories`, { repository_id: r1.id, notes: 'core service' });
    assert.equal(linked.status, 201, linked.text);
    assert.equal(linked.json.source, 'manual');
    assert.equal(linked.json.linked_by, admin.user.id);
    assert.equal((await api.post(`/api/v1/technologies/${t.id}/repositories`, { repository_id: r2.id })).status, 201);
    assertProblem(await api.post(`/api/v1/technologies/${t.id}/repositories`, { repository_id: r1.id }), 409);
    const repos = await api.get(`/api/v1/technologies/${t.id}/repositories`);
    assert.deepEqual(repos.json.map((r) => r.id).sort((a, b) => a - b), [r1.id, r2.id].sort((a, b) => a - b));
    assert.equal(repos.json.find((r) => r.id === r1.id).link.notes, 'core service');
    assert.equal(repos.header('x-total-count'), '2');
    const techs = await api.get(`/api/v1/repositories/${r1.id}/technologies`);
    assert.deepEqual(techs.json.map((x) => [x.id, x.link.source]), [[t.id, 'manual']]);
    assert.equal(techs.header('x-total-count'), '1');
    // Pages, in full-name order, with the total and the links to the others.
    const byName = [r1, r2].sort((a, b) => a.full_name.toLowerCase().localeCompare(b.full_name.toLowerCase()));
    const second = await api.get(`/api/v1/technologies/${t.id}/repositories?limit=1&page=2`);
    assert.deepEqual(second.json.map((r) => r.id), [byName[1].id]);
    assert.equal(second.header('x-total-count'), '2');
    assert.match(second.header('link'), /rel="prev"/);
    assertProblem(await api.get(`/api/v1/technologies/${t.id}/repositories?limit=501`), 422, 'query.limit');
    assertProblem(await api.get(`/api/v1/repositories/${r1.id}/technologies?page=0`), 422, 'query.page');
    assert.equal((await api.delete(`/api/v1/technologies/${t.id}/repositories/${r2.id}`)).status, 204);
    assertProblem(await api.delete(`/api/v1/technologies/${t.id}/repositories/${r2.id}`), 404);
    // Deleting either side removes the link.
    await api.delete(`/api/v1/repositories/${r1.id}`);
    assert.deepEqual((await api.get(`/api/v1/technologies/${t.id}/repositories`)).json, []);
  });

  test("a technology can never be linked to another project's repository", async () => {
    const mine = await createTechnology(api);
    const other = await createProject(api);
    const foreign = await createRepository(api.inProject(other.id));
    const before = snapshot(server);
    assertProblem(await api.post(`/api/v1/technologies/${mine.id}/repositories`, { repository_id: foreign.id }), 404);
    assertProblem(await api.inProject(other.id).post(`/api/v1/technologies/${mine.id}/repositories`, { repository_id: foreign.id }), 404);
    assertProblem(await api.get(`/api/v1/repositories/${foreign.id}/technologies`), 404);
    assert.deepEqual(snapshot(server), before);
    assert.equal(count(server, 'technology_repositories', `repository_id = ${foreign.id}`), 0);
  });

  test('viewers read links but cannot change them', async () => {
    const viewer = await addUser(server, api, admin.project.id, 'viewer');
    const t = await createTechnology(api);
    const r = await createRepository(api);
    assertProblem(await viewer.api.post(`/api/v1/technologies/${t.id}/repositories`, { repository_id: r.id }), 403);
    assert.equal((await viewer.api.get(`/api/v1/technologies/${t.id}/repositories`)).status, 200);
  });
});
