// The dashboard: every number comes from the data, changes as soon as the data does, and stays in the project.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, addUser, createProject, createTechnology, createRepository, createTask, assertProblem } from './support/fixtures.mjs';
import { sql } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

const days = (n) => new Date(Date.now() + n * 86400000).toISOString();

test('stats count repositories, technologies, tasks and knowledge of the project', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  await createTechnology(api, { status: 'research', domain: 'ai-ml', priority: 5 });
  await createTechnology(api, { status: 'research', domain: 'ui-ux', priority: 4 });
  await createTechnology(api, { status: 'integrated', domain: 'ai-ml', priority: 1 });
  const r = await createRepository(api);
  sql(server, `UPDATE repositories SET last_synced_at = '2026-11-01T00:00:00.000000Z' WHERE id = ${r.id}`);
  await createTask(api, { due_date: days(-1), status: 'in_progress' });
  await createTask(api, { due_date: days(3) });
  await api.post('/api/v1/knowledge/entries', { title: 'k', content: 'c', category: 'ops' });
  // Noise in another project must not count.
  await createTechnology(admin.api);

  const res = await api.get('/api/v1/dashboard/stats');
  assert.equal(res.status, 200);
  const s = res.json;
  assert.equal(s.repositories.total, 1);
  assert.deepEqual(s.repositories.recently_synced.map((x) => x.id), [r.id]);
  assert.equal(s.technologies.total, 3);
  assert.equal(s.technologies.by_status.research, 2);
  assert.equal(s.technologies.by_status.integrated, 1);
  assert.equal(s.technologies.by_status.archived, 0);
  assert.equal(s.technologies.by_domain['ai-ml'], 2);
  assert.equal(s.technologies.high_priority_count, 2);
  assert.deepEqual(s.technologies.high_priority.map((t) => t.priority), [5, 4]);
  assert.equal(s.research_tasks.total, 2);
  assert.equal(s.research_tasks.overdue_count, 1);
  assert.equal(s.research_tasks.upcoming_count, 1);
  assert.equal(s.knowledge_base.total_entries, 1);
});

test('stats change with the very next write (no stale cache)', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const first = await api.get('/api/v1/dashboard/stats');
  assert.equal(first.json.technologies.total, 0);
  assert.equal((await api.get('/api/v1/dashboard/stats')).json.technologies.total, 0);
  const t = await createTechnology(api, { status: 'evaluation' });
  const second = await api.get('/api/v1/dashboard/stats');
  assert.equal(second.json.technologies.total, 1);
  assert.equal(second.json.technologies.by_status.evaluation, 1);
  await api.patch(`/api/v1/technologies/${t.id}`, { status: 'archived' });
  const third = await api.get('/api/v1/dashboard/stats');
  assert.equal(third.json.technologies.by_status.evaluation, 0);
  assert.equal(third.json.technologies.by_status.archived, 1);
  // Each kind of change shows at once, and the sections it does not touch keep their numbers.
  const repo = await createRepository(api);
  let s = (await api.get('/api/v1/dashboard/stats')).json;
  assert.deepEqual([s.repositories.total, s.technologies.total, s.research_tasks.total], [1, 1, 0]);
  const task = await createTask(api, { due_date: days(-2) });
  s = (await api.get('/api/v1/dashboard/stats')).json;
  assert.deepEqual([s.research_tasks.total, s.research_tasks.overdue_count, s.repositories.total], [1, 1, 1]);
  await api.post('/api/v1/knowledge/entries', { title: 'k', content: 'c', category: 'ops' });
  s = (await api.get('/api/v1/dashboard/stats')).json;
  assert.deepEqual([s.knowledge_base.total_entries, s.research_tasks.total, s.technologies.total], [1, 1, 1]);
  await api.patch(`/api/v1/research-tasks/${task.id}`, { status: 'completed' });
  s = (await api.get('/api/v1/dashboard/stats')).json;
  assert.equal(s.research_tasks.overdue_count, 0);
  assert.equal((await api.delete(`/api/v1/repositories/${repo.id}`)).status, 204);
  s = (await api.get('/api/v1/dashboard/stats')).json;
  assert.deepEqual([s.repositories.total, s.knowledge_base.total_entries], [0, 1]);
});

test('recent activity lists the newest changes of each kind and a merged feed', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const t1 = await createTechnology(api);
  const r1 = await createRepository(api);
  const k1 = await createTask(api);
  const t2 = await createTechnology(api);
  const res = await api.get('/api/v1/dashboard/recent-activity?limit=3');
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.recent_technologies.map((x) => x.id), [t2.id, t1.id]);
  assert.deepEqual(res.json.recent_repositories.map((x) => x.full_name), [r1.full_name]);
  assert.deepEqual(res.json.recent_tasks.map((x) => x.id), [k1.id]);
  assert.deepEqual(res.json.items.map((x) => [x.type, x.id]), [['technology', t2.id], ['research_task', k1.id], ['repository', r1.id]]);
  assertProblem(await api.get('/api/v1/dashboard/recent-activity?limit=0'), 422, 'query.limit');
});

test('viewers see the dashboard; outsiders get 404', async () => {
  const project = await createProject(admin.api);
  const viewer = await addUser(server, admin.api, project.id, 'viewer');
  assert.equal((await viewer.api.get('/api/v1/dashboard/stats')).status, 200);
  const outsider = await addUser(server, admin.api, (await createProject(admin.api)).id, 'owner');
  assertProblem(await outsider.api.inProject(project.id).get('/api/v1/dashboard/stats'), 404);
});

test('the running counts agree with the rows after creates, moves and deletes', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const statuses = ['discovery', 'research', 'evaluation', 'implementation', 'integrated', 'archived'];
  const domains = ['ai-ml', 'ui-ux', 'other'];
  const techs = [];
  for (let i = 0; i < 18; i++) techs.push(await createTechnology(api, { status: statuses[i % 6], domain: domains[i % 3] }));
  for (let i = 0; i < 18; i += 3) await api.patch(`/api/v1/technologies/${techs[i].id}`, { status: statuses[(i + 2) % 6], domain: domains[(i + 1) % 3] });
  for (let i = 0; i < 18; i += 4) await api.patch(`/api/v1/technologies/${techs[i].id}`, { notes: 'no move' });
  for (let i = 1; i < 18; i += 5) await api.delete(`/api/v1/technologies/${techs[i].id}`);
  const tasks = [];
  for (let i = 0; i < 10; i++) tasks.push(await createTask(api, { status: i % 2 ? 'pending' : 'blocked' }));
  await api.patch(`/api/v1/research-tasks/${tasks[0].id}/status?new_status=completed`);
  await api.patch(`/api/v1/research-tasks/${tasks[1].id}/progress?progress_percentage=100`);
  await api.delete(`/api/v1/research-tasks/${tasks[2].id}`);

  const stats = (await api.get('/api/v1/dashboard/stats')).json;
  const byStatus = Object.fromEntries(statuses.map((s) => [s, 0]));
  for (const [status, n] of sql(server, `SELECT status, COUNT(*) FROM technologies WHERE project_id = ${project.id} GROUP BY status`)) byStatus[status] = Number(n);
  assert.deepEqual(stats.technologies.by_status, byStatus);
  for (const [domain, n] of sql(server, `SELECT domain, COUNT(*) FROM technologies WHERE project_id = ${project.id} GROUP BY domain`)) {
    assert.equal(stats.technologies.by_domain[domain], Number(n), domain);
  }
  assert.equal(stats.technologies.total, Number(sql(server, `SELECT COUNT(*) FROM technologies WHERE project_id = ${project.id}`)[0][0]));
  const taskStatus = { pending: 0, in_progress: 0, blocked: 0, completed: 0, cancelled: 0 };
  for (const [status, n] of sql(server, `SELECT status, COUNT(*) FROM research_tasks WHERE project_id = ${project.id} GROUP BY status`)) taskStatus[status] = Number(n);
  assert.deepEqual(stats.research_tasks.by_status, taskStatus);
  assert.equal(stats.research_tasks.by_status.completed, 2);
});
