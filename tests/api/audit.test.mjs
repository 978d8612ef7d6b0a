// The audit log: every create, update and delete with actor, entity, before/after and request id; filters; only
// project admins may read it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, addUser, createProject, assertProblem, unique } from './support/fixtures.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

test('create, update and delete are recorded with before/after and the request id', async () => {
  const created = await admin.api.post('/api/v1/technologies', { title: unique('audited'), status: 'research' });
  const updated = await admin.api.patch(`/api/v1/technologies/${created.json.id}`, { status: 'evaluation' });
  const deleted = await admin.api.delete(`/api/v1/technologies/${created.json.id}`);
  const res = await admin.api.get(`/api/v1/audit?entity=technology&entity_id=${created.json.id}`);
  assert.equal(res.status, 200);
  assert.equal(res.json.total, 3);
  const [del, upd, cre] = res.json.items; // newest first
  assert.deepEqual([cre.action, upd.action, del.action], ['create', 'update', 'delete']);
  assert.equal(cre.before, null);
  assert.equal(cre.after.title, created.json.title);
  assert.equal(upd.before.status, 'research');
  assert.equal(upd.after.status, 'evaluation');
  assert.equal(del.after, null);
  assert.equal(del.before.id, created.json.id);
  assert.equal(cre.request_id, created.header('x-request-id'));
  assert.equal(upd.request_id, updated.header('x-request-id'));
  assert.equal(del.request_id, deleted.header('x-request-id'));
  for (const entry of res.json.items) {
    assert.equal(entry.actor_user_id, admin.user.id);
    assert.equal(entry.actor_email, 'admin@example.com');
    assert.equal(entry.project_id, admin.project.id);
  }
});

test('filters by entity, action, actor and time range combine; results page', async () => {
  const member = await addUser(server, admin.api, admin.project.id, 'member');
  const start = new Date().toISOString();
  await member.api.post('/api/v1/technologies', { title: unique('by-member') });
  await member.api.post('/api/v1/technologies', { title: unique('by-member') });
  const byMember = await admin.api.get(`/api/v1/audit?actor=${member.userId}&entity=technology&action=create&since=${encodeURIComponent(start)}`);
  assert.equal(byMember.json.total, 2);
  assert.ok(byMember.json.items.every((e) => e.actor_user_id === member.userId));
  const future = await admin.api.get(`/api/v1/audit?since=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
  assert.equal(future.json.total, 0);
  const past = await admin.api.get(`/api/v1/audit?until=${encodeURIComponent(start)}&entity=technology`);
  assert.ok(past.json.items.every((e) => e.created_at < start));
  const page = await admin.api.get('/api/v1/audit?limit=1&page=2');
  assert.equal(page.json.items.length, 1);
  assert.equal(page.json.page, 2);
  assertProblem(await admin.api.get('/api/v1/audit?since=yesterday'), 422, 'query.since');
  assertProblem(await admin.api.get('/api/v1/audit?action=explode'), 422, 'query.action');
});

test('membership changes and projects are audited too; each project sees only its own entries', async () => {
  const project = await createProject(admin.api);
  const invited = await admin.api.post(`/api/v1/projects/${project.id}/members`, { email: `${unique('m')}@example.com`, role: 'viewer' });
  const mine = await admin.api.inProject(project.id).get('/api/v1/audit?entity=member');
  assert.equal(mine.json.total, 1);
  assert.equal(mine.json.items[0].entity_id, String(invited.json.user_id));
  assert.equal(mine.json.items[0].after.role, 'viewer');
  const projectEntries = await admin.api.inProject(project.id).get('/api/v1/audit?entity=project');
  assert.equal(projectEntries.json.items[0].action, 'create');
  const home = await admin.api.get('/api/v1/audit?limit=100');
  assert.ok(home.json.items.every((e) => e.project_id === admin.project.id));
});

test('only project admins and owners read the audit log', async () => {
  const member = await addUser(server, admin.api, admin.project.id, 'member');
  for (const action of ['sync', 'import', 'dispatch', 'cancel', 'rerun', 'execute']) {
    assert.equal((await admin.api.get(`/api/v1/audit?action=${action}`)).status, 200, `every recorded action filters: ${action}`);
  }
  const projectAdmin = await addUser(server, admin.api, admin.project.id, 'admin');
  assertProblem(await member.api.get('/api/v1/audit'), 403);
  assert.equal((await projectAdmin.api.get('/api/v1/audit')).status, 200);
});

test('site administrators read what no project shows: users created and every entry of deleted projects', async () => {
  const doomed = await createProject(admin.api, unique('doomed'));
  const inDoomed = admin.api.inProject(doomed.id);
  const tech = await inDoomed.post('/api/v1/technologies', { title: unique('gone-with-it') });
  assert.equal(tech.status, 201);
  assert.equal((await admin.api.delete(`/api/v1/projects/${doomed.id}`)).status, 204);
  assertProblem(await inDoomed.get('/api/v1/audit'), 404);

  const res = await admin.api.get('/api/v1/audit/instance?limit=100');
  assert.equal(res.status, 200, res.text);
  const of = (entity, action) => res.json.items.filter((e) => e.entity === entity && e.action === action);
  assert.ok(of('user', 'create').some((e) => e.after?.email === 'admin@example.com'), 'the first administrator');
  assert.ok(of('project', 'delete').some((e) => e.entity_id === String(doomed.id)), 'the deletion itself');
  assert.ok(of('technology', 'create').some((e) => e.entity_id === String(tech.json.id)), "the deleted project's data");
  assert.ok(res.json.items.every((e) => e.project_id === null || e.project_id === doomed.id || e.project_id > admin.project.id),
    'no entry of a live project');
  assert.ok(!res.json.items.some((e) => e.project_id === admin.project.id));

  const only = await admin.api.get(`/api/v1/audit/instance?deleted_project=${doomed.id}`);
  assert.ok(only.json.total >= 3);
  assert.ok(only.json.items.every((e) => e.project_id === doomed.id));
  const live = await admin.api.get(`/api/v1/audit/instance?deleted_project=${admin.project.id}`);
  assert.equal(live.json.total, 0, "a live project's entries are read through /audit");

  for (const action of ['sync', 'import', 'dispatch', 'cancel', 'rerun', 'execute']) {
    assert.equal((await admin.api.get(`/api/v1/audit?action=${action}`)).status, 200, `every recorded action filters: ${action}`);
  }
  const projectAdmin = await addUser(server, admin.api, admin.project.id, 'admin');
  assertProblem(await projectAdmin.api.get('/api/v1/audit/instance'), 403);
  const anonymous = await fetch(`${server.baseUrl}/api/v1/audit/instance`);
  assert.equal(anonymous.status, 401);
});
