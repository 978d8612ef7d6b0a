// Projects and members: ownership, listing only your projects, stats, optimistic concurrency, roles, the last
// owner rule, invitations, and deletion cascading to all project data.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, addUser, createProject, createTechnology, createRepository, createTask, upload, assertProblem, unique } from './support/fixtures.mjs';
import { count, snapshot } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

describe('projects', () => {
  test('the creator becomes owner; owner defaults to the caller; name+owner is unique', async () => {
    const name = unique('proj');
    const res = await admin.api.post('/api/v1/projects', { name, description: 'd' });
    assert.equal(res.status, 201);
    assert.equal(res.json.owner, 'admin@example.com');
    assert.equal(res.json.role, 'owner');
    assert.equal(res.header('location'), `/api/v1/projects/${res.json.id}`);
    for (const key of ['id', 'name', 'owner', 'description', 'created_at', 'updated_at']) assert.ok(key in res.json, key);
    assertProblem(await admin.api.post('/api/v1/projects', { name }), 409);
    assert.equal((await admin.api.post('/api/v1/projects', { name, owner: 'team-b' })).status, 201);
    assertProblem(await admin.api.post('/api/v1/projects', { name: '' }), 422, 'name');
    assertProblem(await admin.api.post('/api/v1/projects', { description: 'no name' }), 422, 'name');
  });

  test('users list only the projects they belong to, with X-Total-Count and Link', async () => {
    const member = await addUser(server, admin.api, admin.project.id, 'member');
    const own = await createProject(member.api);
    const list = await member.api.get('/api/v1/projects');
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.map((p) => p.id).sort((a, b) => a - b), [admin.project.id, own.id].sort((a, b) => a - b));
    assert.equal(list.header('x-total-count'), '2');
    assert.equal(list.json.find((p) => p.id === admin.project.id).role, 'member');
    const paged = await member.api.get('/api/v1/projects?limit=1&page=1');
    assert.equal(paged.json.length, 1);
    assert.match(paged.header('link'), /rel="next"/);
    assert.match(paged.header('link'), /page=2&limit=1/);
    assertProblem(await member.api.get('/api/v1/projects?limit=101'), 422, 'query.limit');
  });

  test("another user's project is 404, never 403", async () => {
    const stranger = await addUser(server, admin.api, (await createProject(admin.api)).id, 'viewer');
    const secret = await createProject(admin.api);
    for (const path of [`/api/v1/projects/${secret.id}`, `/api/v1/projects/${secret.id}/stats`, `/api/v1/projects/${secret.id}/members`]) {
      assertProblem(await stranger.api.get(path), 404);
    }
    assertProblem(await stranger.api.patch(`/api/v1/projects/${secret.id}`, { name: 'mine now' }), 404);
    assertProblem(await stranger.api.delete(`/api/v1/projects/${secret.id}`), 404);
    assertProblem(await stranger.api.get('/api/v1/projects/999999'), 404);
    assertProblem(await stranger.api.get('/api/v1/projects/abc'), 422, 'path.project_id');
  });

  test('stats count what the project holds', async () => {
    const p = await createProject(admin.api);
    await createTechnology(admin.api.inProject(p.id));
    await createTechnology(admin.api.inProject(p.id));
    const res = await admin.api.get(`/api/v1/projects/${p.id}/stats`);
    assert.equal(res.status, 200);
    assert.equal(res.json.technology_count, 2);
    assert.equal(res.json.member_count, 1);
    assert.equal(res.json.name, p.name);
  });

  test('PATCH honours If-Match and re-checks name uniqueness', async () => {
    const p = await createProject(admin.api);
    const taken = await createProject(admin.api);
    const read = await admin.api.get(`/api/v1/projects/${p.id}`);
    const etag = read.header('etag');
    const updated = await admin.api.patch(`/api/v1/projects/${p.id}`, { description: 'new' }, { headers: { 'if-match': etag } });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.description, 'new');
    assert.notEqual(updated.header('etag'), etag);
    assertProblem(await admin.api.patch(`/api/v1/projects/${p.id}`, { description: 'stale' }, { headers: { 'if-match': etag } }), 412);
    assertProblem(await admin.api.patch(`/api/v1/projects/${p.id}`, { name: taken.name }), 409);
  });

  test('deleting a project removes all its data, and only owners may', async () => {
    const p = await createProject(admin.api);
    const scoped = admin.api.inProject(p.id);
    const t = await createTechnology(scoped, { tags: 'a, b' });
    await scoped.patch(`/api/v1/technologies/${t.id}`, { status: 'research' });
    const repo = await createRepository(scoped);
    assert.equal((await scoped.post(`/api/v1/technologies/${t.id}/repositories`, { repository_id: repo.id })).status, 201);
    const task = await createTask(scoped, { technology_id: t.id, repository_id: repo.id });
    assert.equal((await upload(scoped, task.id, { filename: 'doomed.txt', bytes: 'bye' })).status, 201);
    assert.equal((await scoped.post('/api/v1/knowledge/entries', { title: 'k', content: 'c', category: 'x' })).status, 201);
    const stats = await admin.api.get(`/api/v1/projects/${p.id}/stats`);
    assert.deepEqual([stats.json.repository_count, stats.json.technology_count, stats.json.research_task_count, stats.json.knowledge_entry_count], [1, 1, 1, 1]);
    const memberOfP = await addUser(server, admin.api, p.id, 'admin');
    const key = await scoped.post('/api/v1/auth/api-keys', { name: 'ci' });
    assert.equal(key.status, 201);
    assertProblem(await memberOfP.api.delete(`/api/v1/projects/${p.id}`), 403);
    assert.equal((await admin.api.delete(`/api/v1/projects/${p.id}`)).status, 204);
    assertProblem(await admin.api.get(`/api/v1/projects/${p.id}`), 404);
    for (const table of ['technologies', 'technology_tags', 'technology_history', 'project_members', 'api_keys', 'repositories',
      'technology_repositories', 'research_tasks', 'research_task_documents', 'knowledge_entries']) {
      assert.equal(count(server, table, `project_id = ${p.id}`), 0, table);
    }
    assertProblem(await memberOfP.api.get('/api/v1/technologies'), 404);
    // The audit trail keeps the deletion.
    const deletion = await admin.api.get(`/api/v1/audit?entity=project&entity_id=${p.id}&action=delete&project_id=${admin.project.id}`);
    assert.equal(deletion.status, 200);
    assert.equal(count(server, 'audit_log', `entity = 'project' AND entity_id = '${p.id}' AND action = 'delete'`), 1);
  });
});

describe('members', () => {
  let project;
  let projectAdmin;
  before(async () => {
    project = await createProject(admin.api);
    projectAdmin = await addUser(server, admin.api, project.id, 'admin');
  });

  test('members are listed with their roles', async () => {
    const res = await projectAdmin.api.get(`/api/v1/projects/${project.id}/members`);
    assert.equal(res.status, 200);
    const roles = Object.fromEntries(res.json.map((m) => [m.email, m.role]));
    assert.equal(roles['admin@example.com'], 'owner');
    assert.equal(roles[projectAdmin.email], 'admin');
  });

  test('add by email or user_id; duplicates are 409; exactly one of email and user_id', async () => {
    const viewer = await addUser(server, admin.api, admin.project.id, 'viewer');
    const byId = await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { user_id: viewer.userId, role: 'member' });
    assert.equal(byId.status, 201);
    assert.equal(byId.json.invite_token, undefined, 'an existing account gets no invitation');
    assertProblem(await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { email: viewer.email, role: 'viewer' }), 409);
    assertProblem(await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { role: 'viewer' }), 422, 'email');
    assertProblem(await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { email: 'a@b.example', user_id: 1, role: 'viewer' }), 422, 'email');
    assertProblem(await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { email: 'a@b.example', role: 'king' }), 422, 'role');
    assertProblem(await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { user_id: 999999, role: 'viewer' }), 422, 'user_id');
  });

  test('only owners grant or change the owner role', async () => {
    const candidate = await addUser(server, admin.api, project.id, 'member');
    assertProblem(await projectAdmin.api.patch(`/api/v1/projects/${project.id}/members/${candidate.userId}`, { role: 'owner' }), 403);
    assertProblem(await projectAdmin.api.post(`/api/v1/projects/${project.id}/members`, { email: `${unique('o')}@example.com`, role: 'owner' }), 403);
    const promoted = await admin.api.patch(`/api/v1/projects/${project.id}/members/${candidate.userId}`, { role: 'owner' });
    assert.equal(promoted.status, 200);
    assert.equal(promoted.json.role, 'owner');
    assertProblem(await projectAdmin.api.delete(`/api/v1/projects/${project.id}/members/${candidate.userId}`), 403);
  });

  test('the last owner can neither be demoted nor removed', async () => {
    const solo = await createProject(admin.api);
    const me = admin.user.id;
    assertProblem(await admin.api.patch(`/api/v1/projects/${solo.id}/members/${me}`, { role: 'admin' }), 409);
    assertProblem(await admin.api.delete(`/api/v1/projects/${solo.id}/members/${me}`), 409);
    const second = await addUser(server, admin.api, solo.id, 'owner');
    assert.equal((await admin.api.patch(`/api/v1/projects/${solo.id}/members/${me}`, { role: 'admin' })).status, 200);
    assertProblem(await second.api.delete(`/api/v1/projects/${solo.id}/members/${second.userId}`), 409);
  });

  test('members and viewers cannot manage members but anyone may leave', async () => {
    const member = await addUser(server, admin.api, project.id, 'member');
    const viewer = await addUser(server, admin.api, project.id, 'viewer');
    const before = snapshot(server);
    assertProblem(await member.api.post(`/api/v1/projects/${project.id}/members`, { email: 'x@example.com', role: 'viewer' }), 403);
    assertProblem(await member.api.patch(`/api/v1/projects/${project.id}/members/${viewer.userId}`, { role: 'admin' }), 403);
    assertProblem(await member.api.delete(`/api/v1/projects/${project.id}/members/${viewer.userId}`), 403);
    assert.deepEqual(snapshot(server), before);
    assert.equal((await viewer.api.delete(`/api/v1/projects/${project.id}/members/${viewer.userId}`)).status, 204);
    assertProblem(await viewer.api.get(`/api/v1/projects/${project.id}`), 404);
    assertProblem(await member.api.delete(`/api/v1/projects/${project.id}/members/999999`), 404);
  });

  test('role changes apply to the very next request', async () => {
    const user = await addUser(server, admin.api, project.id, 'member');
    assert.equal((await user.api.inProject(project.id).post('/api/v1/technologies', { title: unique('t') })).status, 201);
    await admin.api.patch(`/api/v1/projects/${project.id}/members/${user.userId}`, { role: 'viewer' });
    assertProblem(await user.api.inProject(project.id).post('/api/v1/technologies', { title: unique('t') }), 403);
    await admin.api.delete(`/api/v1/projects/${project.id}/members/${user.userId}`);
    assertProblem(await user.api.inProject(project.id).get('/api/v1/technologies'), 404);
  });
});
