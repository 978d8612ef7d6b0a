// Schedules: the original's endpoints, next runs in IANA time zones, a once schedule that fires once and
// disables itself, counters that follow the job's real outcome, and validation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, addUser, createProject, assertProblem, unique } from './support/fixtures.mjs';
import { openWithToken } from './support/websocket.mjs';
import { count } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

const importTask = () => ({ technologies: [{ title: unique('Scheduled') }], merge_strategy: 'skip' });

async function freshProject() {
  const project = await createProject(admin.api);
  return { api: admin.api.inProject(project.id), project };
}

test('a cron schedule plans its next run in its own time zone', async () => {
  const { api } = await freshProject();
  const res = await api.post('/api/v1/schedules', {
    name: 'Weekday mornings in Berlin', task_type: 'batch_import', task_parameters: importTask(),
    frequency: 'cron', cron_expression: '30 9 * * 1-5', timezone: 'Europe/Berlin',
  });
  assert.equal(res.status, 201, res.text);
  const s = res.json;
  assert.equal(s.enabled, true);
  assert.equal(s.is_active, true);
  assert.equal(s.run_count, 0);
  assert.equal(s.success_rate, null);
  const next = new Date(s.next_run_at);
  assert.ok(next > new Date());
  // 09:30 on a weekday, Berlin wall-clock time.
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23',
  }).formatToParts(next).map((p) => [p.type, p.value]));
  assert.equal(`${parts.hour}:${parts.minute}`, '09:30');
  assert.ok(!['Sat', 'Sun'].includes(parts.weekday), parts.weekday);

  const preview = await api.get('/api/v1/schedules/preview?cron_expression=0%200%201%20*%20*&timezone=America/New_York&count=3');
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.json.next_runs.length, 3);
  for (const run of preview.json.next_runs) {
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', day: 'numeric', hour: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(run));
    assert.equal(local.find((p) => p.type === 'day').value, '1', run);
    assert.equal(Number(local.find((p) => p.type === 'hour').value), 0, run);
  }
});

test('invalid schedules are refused with the field at fault; nothing is stored', async () => {
  const { api } = await freshProject();
  const before = count(server, 'schedules');
  const base = { name: 'x', task_type: 'batch_import', task_parameters: importTask() };
  assertProblem(await api.post('/api/v1/schedules', { ...base, frequency: 'cron' }), 422, 'cron_expression');
  assertProblem(await api.post('/api/v1/schedules', { ...base, frequency: 'cron', cron_expression: '61 * * * *' }), 422, 'cron_expression');
  assertProblem(await api.post('/api/v1/schedules', { ...base, frequency: 'cron', cron_expression: '* * *' }), 422, 'cron_expression');
  assertProblem(await api.post('/api/v1/schedules', { ...base, timezone: 'Mars/Olympus' }), 422, 'timezone');
  assertProblem(await api.post('/api/v1/schedules', { ...base, frequency: 'fortnightly' }), 422, 'frequency');
  assertProblem(await api.post('/api/v1/schedules', { ...base, task_type: 'analysis' }), 422, 'task_type');
  assertProblem(await api.post('/api/v1/schedules', { ...base, task_parameters: { technologies: 'no' } }), 422, 'task_parameters.technologies');
  assertProblem(await api.post('/api/v1/schedules', { ...base, start_time: '2030-01-02T00:00:00Z', end_time: '2030-01-01T00:00:00Z' }), 422, 'end_time');
  assertProblem(await api.get('/api/v1/schedules/preview?cron_expression=bogus'), 422, 'cron_expression');
  assert.equal(count(server, 'schedules'), before);
});

test('a once schedule fires once, disables itself, and counts the job\'s real outcome', async () => {
  const { api, project } = await freshProject();
  const events = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, admin.api.token);
  await events.next((m) => m.type === 'connected');
  const res = await api.post('/api/v1/schedules', { name: 'Now', task_type: 'batch_import', task_parameters: importTask(), frequency: 'once' });
  assert.equal(res.status, 201, res.text);
  assert.ok(res.json.next_run_at, 'a once schedule without start_time runs as soon as possible');
  const completed = await events.next((m) => m.event === 'job.completed');
  events.close();
  const jobs = await api.get(`/api/v1/jobs?schedule_id=${res.json.id}`);
  assert.equal(jobs.json.total, 1);
  assert.equal(jobs.json.jobs[0].id, completed.data.job_id);
  assert.equal(jobs.json.jobs[0].tags.schedule_id, res.json.id);
  const s = (await api.get(`/api/v1/schedules/${res.json.id}`)).json;
  assert.equal(s.enabled, false);
  assert.equal(s.next_run_at, null);
  assert.equal(s.run_count, 1);
  assert.equal(s.success_count, 1);
  assert.equal(s.failure_count, 0);
  assert.equal(s.success_rate, 100);
  assert.ok(s.last_run_at);
  assert.ok(s.last_success_at);
});

test('execute runs now; an inactive schedule needs force', async () => {
  const { api } = await freshProject();
  const s = (await api.post('/api/v1/schedules', { name: 'Daily', task_type: 'batch_import', task_parameters: importTask(), frequency: 'daily', enabled: false })).json;
  assert.equal(s.next_run_at, null, 'a disabled schedule plans nothing');
  assertProblem(await api.post(`/api/v1/schedules/${s.id}/execute`), 409);
  const run = await api.post(`/api/v1/schedules/${s.id}/execute`, { force: true });
  assert.equal(run.status, 202, run.text);
  assert.equal(run.json.schedule_id, s.id);
  assert.ok(run.json.job_id > 0);
  const job = await api.get(`/api/v1/jobs/${run.json.job_id}`);
  assert.equal(job.json.schedule_id, s.id);
  const after = (await api.get(`/api/v1/schedules/${s.id}`)).json;
  assert.equal(after.run_count, 1);

  const enabled = await api.post(`/api/v1/schedules/${s.id}/enable`);
  assert.equal(enabled.json.enabled, true);
  assert.ok(enabled.json.next_run_at, 'enabling plans the next run');
  const disabled = await api.post(`/api/v1/schedules/${s.id}/disable`);
  assert.equal(disabled.json.enabled, false);
  assert.equal(disabled.json.next_run_at, null);
});

test('list, filter, patch, statistics, due list, delete', async () => {
  const { api } = await freshProject();
  const a = (await api.post('/api/v1/schedules', { name: 'A', task_type: 'batch_import', task_parameters: importTask(), frequency: 'hourly' })).json;
  const b = (await api.post('/api/v1/schedules', { name: 'B', task_type: 'batch_import', task_parameters: importTask(), frequency: 'weekly', enabled: false })).json;
  const list = await api.get('/api/v1/schedules?page_size=1');
  assert.equal(list.json.total, 2);
  assert.equal(list.json.pages, 2);
  assert.equal(list.json.schedules[0].id, b.id, 'newest first');
  assert.deepEqual((await api.get('/api/v1/schedules?enabled=true')).json.schedules.map((x) => x.id), [a.id]);
  assert.deepEqual((await api.get('/api/v1/schedules?frequency=weekly')).json.schedules.map((x) => x.id), [b.id]);

  const patched = await api.patch(`/api/v1/schedules/${a.id}`, { frequency: 'cron', cron_expression: '0 6 * * *', timezone: 'Asia/Tokyo' });
  assert.equal(patched.status, 200, patched.text);
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hourCycle: 'h23' }).format(new Date(patched.json.next_run_at));
  assert.equal(hour, '06');
  assertProblem(await api.patch(`/api/v1/schedules/${a.id}`, { timezone: 'Nowhere/Special' }), 422, 'timezone');

  const stats = (await api.get('/api/v1/schedules/statistics/summary')).json;
  assert.equal(stats.total_schedules, 2);
  assert.equal(stats.enabled_schedules, 1);
  assert.equal(stats.disabled_schedules, 1);
  assert.equal(stats.by_frequency.cron, 1);
  assert.equal(stats.by_frequency.weekly, 1);
  const due = await api.get('/api/v1/schedules/due/list');
  assert.equal(due.status, 200);
  assert.deepEqual(due.json, [], 'nothing is due yet');

  assert.equal((await api.delete(`/api/v1/schedules/${b.id}`)).status, 204);
  assertProblem(await api.get(`/api/v1/schedules/${b.id}`), 404);
});

test('schedules stay in their project; viewers only read', async () => {
  const { api, project } = await freshProject();
  const s = (await api.post('/api/v1/schedules', { name: 'Mine', task_type: 'batch_import', task_parameters: importTask(), frequency: 'daily' })).json;
  const other = await createProject(admin.api);
  const outsider = admin.api.inProject(other.id);
  assertProblem(await outsider.get(`/api/v1/schedules/${s.id}`), 404);
  assertProblem(await outsider.post(`/api/v1/schedules/${s.id}/execute`, { force: true }), 404);
  assert.equal((await outsider.get('/api/v1/schedules')).json.total, 0);
  const viewer = await addUser(server, admin.api, project.id, 'viewer');
  assert.equal((await viewer.api.get(`/api/v1/schedules/${s.id}`)).status, 200);
  assertProblem(await viewer.api.post(`/api/v1/schedules/${s.id}/disable`), 403);
  assertProblem(await viewer.api.post('/api/v1/schedules', { name: 'x', task_type: 'batch_import', task_parameters: importTask() }), 403);
});
