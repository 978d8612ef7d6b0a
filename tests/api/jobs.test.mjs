// Jobs: the original's endpoints over the real queue — create, dispatch, run, cancel, re-run, delete, dedup,
// idempotency, statistics — and project isolation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { request } from './support/client.mjs';
import { setupAdmin, addUser, createProject, createTechnology, assertProblem, unique } from './support/fixtures.mjs';
import { openWithToken } from './support/websocket.mjs';
import { count, sql } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

const importJob = (rows, extra = {}) => ({
  job_type: 'batch_import',
  parameters: { technologies: rows, merge_strategy: 'skip', ...extra },
});

// Waits for a job to end, through its WebSocket (pushed, not polled), and returns the final job.
async function finished(api, id) {
  const ws = await openWithToken(server, `/api/v1/jobs/ws/${id}`, api.token);
  const done = await ws.next((m) => m.type === 'completed');
  await ws.closed;
  const job = await api.get(`/api/v1/jobs/${id}`);
  assert.equal(job.status, 200);
  assert.equal(job.json.status, done.status);
  return job.json;
}

test('an unsupported job type is a 422 that names the supported types; nothing is queued', async () => {
  const before = count(server, 'jobs');
  const res = await admin.api.post('/api/v1/jobs', { job_type: 'analysis', parameters: {} });
  assertProblem(res, 422, 'job_type');
  assert.match(JSON.stringify(res.json.errors), /batch_import/);
  assert.equal(count(server, 'jobs'), before);
  const types = await admin.api.get('/api/v1/jobs/types');
  assert.deepEqual(types.json.types.map((t) => t.type), ['batch_import']);
});

test('parameters are checked by the job type when the job is created', async () => {
  const res = await admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { merge_strategy: 'clobber' } });
  assertProblem(res, 422);
  const fields = res.json.errors.map((e) => e.field);
  assert.ok(fields.includes('parameters.technologies'), JSON.stringify(res.json.errors));
  assert.ok(fields.includes('parameters.merge_strategy'), JSON.stringify(res.json.errors));
});

test('a created job waits until dispatched, then runs to completion with a real result', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const created = await api.post('/api/v1/jobs', importJob([{ title: unique('Kafka'), domain: 'infrastructure' }]));
  assert.equal(created.status, 201, created.text);
  const job = created.json;
  assert.equal(job.status, 'pending');
  assert.equal(job.run_at, null, 'not dispatched yet');
  assert.equal(job.celery_task_id, null);
  assert.equal(created.header('location'), `/api/v1/jobs/${job.id}`);
  // Not dispatched: the worker leaves it alone.
  const again = await api.get(`/api/v1/jobs/${job.id}`);
  assert.equal(again.json.status, 'pending');

  const dispatched = await api.post(`/api/v1/jobs/${job.id}/dispatch`);
  assert.equal(dispatched.status, 200, dispatched.text);
  assert.ok(dispatched.json.run_at);
  const done = await finished(api, job.id);
  assert.equal(done.status, 'completed');
  assert.equal(done.progress, 100);
  assert.equal(done.result.imported_count, 1);
  assert.equal(done.attempts, 1);
  assert.equal(done.attempt_history.length, 1);
  assert.equal(done.attempt_history[0].outcome, 'completed');
  assert.ok(done.duration_seconds >= 0);
  const techs = await api.get('/api/v1/technologies');
  assert.equal(techs.json.total, 1);

  const progress = await api.get(`/api/v1/jobs/${job.id}/progress`);
  assert.equal(progress.json.is_terminal, true);
  assert.equal(progress.json.is_active, false);
  assert.equal(progress.json.progress, 100);
});

test('dispatch refuses a job that is not pending, and checks the delay range', async () => {
  const created = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('t') }]), dispatch: true });
  await finished(admin.api, created.json.id);
  assertProblem(await admin.api.post(`/api/v1/jobs/${created.json.id}/dispatch`), 409);
  const pending = await admin.api.post('/api/v1/jobs', importJob([{ title: unique('t') }]));
  assertProblem(await admin.api.post(`/api/v1/jobs/${pending.json.id}/dispatch?delay_seconds=3601`), 422, 'query.delay_seconds');
});

test('a delayed job does not run before its time', async () => {
  const created = await admin.api.post('/api/v1/jobs', importJob([{ title: unique('later') }]));
  const res = await admin.api.post(`/api/v1/jobs/${created.json.id}/dispatch?delay_seconds=3600`);
  assert.equal(res.status, 200);
  const runAt = Date.parse(res.json.run_at);
  assert.ok(runAt - Date.now() > 3500 * 1000, res.json.run_at);
  // Another job dispatched now completes while the delayed one stays pending.
  const now = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('now') }]), dispatch: true });
  await finished(admin.api, now.json.id);
  assert.equal((await admin.api.get(`/api/v1/jobs/${created.json.id}`)).json.status, 'pending');
  const cancelled = await admin.api.post(`/api/v1/jobs/${created.json.id}/cancel`);
  assert.equal(cancelled.json.status, 'cancelled');
});

test('run_at sets an absolute time to run no earlier than; with delay_seconds, or too far ahead, it is refused', async () => {
  const at = new Date(Date.now() + 2 * 3600 * 1000);
  const created = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('at') }]), dispatch: true, run_at: at.toISOString() });
  assert.equal(created.status, 201, created.text);
  assert.equal(Date.parse(created.json.run_at), at.getTime());
  const now = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('now') }]), dispatch: true });
  await finished(admin.api, now.json.id);
  assert.equal((await admin.api.get(`/api/v1/jobs/${created.json.id}`)).json.status, 'pending', 'not before its time');
  await admin.api.post(`/api/v1/jobs/${created.json.id}/cancel`);
  const past = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('past') }]), dispatch: true, run_at: '2020-01-01T00:00:00Z' });
  assert.equal((await finished(admin.api, past.json.id)).status, 'completed', 'a time in the past runs now');
  const base = importJob([{ title: unique('bad') }]);
  assertProblem(await admin.api.post('/api/v1/jobs', { ...base, dispatch: true, run_at: at.toISOString(), delay_seconds: 5 }), 422, 'run_at');
  assertProblem(await admin.api.post('/api/v1/jobs', { ...base, run_at: at.toISOString() }), 422, 'run_at');
  assertProblem(await admin.api.post('/api/v1/jobs', { ...base, dispatch: true, run_at: '2999-01-01T00:00:00Z' }), 422, 'run_at');
  assertProblem(await admin.api.post('/api/v1/jobs', { ...base, dispatch: true, run_at: 'tomorrow' }), 422, 'run_at');
});

test('a pending job is cancelled at once; an ended one cannot be cancelled; cancelled jobs can be re-run', async () => {
  const created = await admin.api.post('/api/v1/jobs', importJob([{ title: unique('c') }]));
  const cancelled = await admin.api.post(`/api/v1/jobs/${created.json.id}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.json.status, 'cancelled');
  assert.ok(cancelled.json.completed_at);
  assertProblem(await admin.api.post(`/api/v1/jobs/${created.json.id}/cancel`), 409);

  const rerun = await admin.api.post(`/api/v1/jobs/${created.json.id}/retry`);
  assert.equal(rerun.status, 200, rerun.text);
  assert.equal(rerun.json.status, 'pending');
  assert.equal(rerun.json.attempts, 0);
  const done = await finished(admin.api, created.json.id);
  assert.equal(done.status, 'completed');
  assertProblem(await admin.api.post(`/api/v1/jobs/${created.json.id}/retry`), 409);
});

test('a dedup key returns the live job instead of queueing a second one', async () => {
  const key = unique('nightly');
  const first = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('d') }]), dedup_key: key });
  assert.equal(first.status, 201);
  const second = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('d') }]), dedup_key: key });
  assert.equal(second.status, 200);
  assert.equal(second.header('deduplicated'), 'true');
  assert.equal(second.json.id, first.json.id);
  assert.equal(count(server, 'jobs', `dedup_key = '${key}'`), 1);
  // Once the first has ended the key is free again.
  await admin.api.post(`/api/v1/jobs/${first.json.id}/cancel`);
  const third = await admin.api.post('/api/v1/jobs', { ...importJob([{ title: unique('d') }]), dedup_key: key });
  assert.equal(third.status, 201);
  assert.notEqual(third.json.id, first.json.id);
  // The first cannot come back to life while the third holds its key.
  const rerun = await admin.api.post(`/api/v1/jobs/${first.json.id}/retry`);
  assertProblem(rerun, 409);
  assert.match(rerun.json.detail, new RegExp(`Job ${third.json.id} with the same dedup_key`));
  assert.equal((await admin.api.get(`/api/v1/jobs/${first.json.id}`)).json.status, 'cancelled');
  await admin.api.post(`/api/v1/jobs/${third.json.id}/cancel`);
  assert.equal((await admin.api.post(`/api/v1/jobs/${first.json.id}/retry`)).status, 200, 'free again once the third ended');
  await admin.api.post(`/api/v1/jobs/${first.json.id}/cancel`);
});

test('Idempotency-Key replays the first response', async () => {
  const key = unique('idem');
  const body = importJob([{ title: unique('i') }]);
  const a = await admin.api.post('/api/v1/jobs', body, { headers: { 'idempotency-key': key } });
  const b = await admin.api.post('/api/v1/jobs', body, { headers: { 'idempotency-key': key } });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.equal(b.header('idempotent-replayed'), 'true');
  assert.equal(b.json.id, a.json.id);
});

test('list filters combine and paginate with {jobs, total, skip, limit}', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await api.post('/api/v1/jobs', importJob([{ title: unique('l') }]))).json.id);
  await api.post(`/api/v1/jobs/${ids[0]}/cancel`);
  const all = await api.get('/api/v1/jobs?limit=2');
  assert.equal(all.json.total, 3);
  assert.equal(all.json.jobs.length, 2);
  assert.equal(all.json.skip, 0);
  assert.equal(all.json.limit, 2);
  assert.deepEqual(all.json.jobs.map((j) => j.id), [ids[2], ids[1]], 'newest first');
  const second = await api.get('/api/v1/jobs?limit=2&page=2');
  assert.deepEqual(second.json.jobs.map((j) => j.id), [ids[0]], 'page counts from 1');
  assert.equal(second.json.skip, 2);
  assert.equal(second.json.page, 2);
  assert.deepEqual((await api.get('/api/v1/jobs?limit=2&skip=1')).json.jobs.map((j) => j.id), [ids[1], ids[0]], 'skip is the alias');
  assert.equal((await api.get('/api/v1/jobs')).json.limit, 100, "the original's default page");
  assertProblem(await api.get('/api/v1/jobs?page=0'), 422, 'query.page');
  const pending = await api.get('/api/v1/jobs?status_filter=pending&job_type=batch_import');
  assert.equal(pending.json.total, 2);
  const cancelled = await api.get('/api/v1/jobs?status_filter=cancelled,completed');
  assert.deepEqual(cancelled.json.jobs.map((j) => j.id), [ids[0]]);
  const active = await api.get('/api/v1/jobs/active/list');
  assert.deepEqual(active.json.jobs.map((j) => j.id).sort(), [ids[1], ids[2]].sort());
  assertProblem(await api.get('/api/v1/jobs?status_filter=exploded'), 422, 'query.status_filter');
  assertProblem(await api.get('/api/v1/jobs?limit=1001'), 422, 'query.limit');

  const stats = await api.get('/api/v1/jobs/statistics/summary');
  assert.equal(stats.json.total, 3);
  assert.equal(stats.json.by_status.pending, 2);
  assert.equal(stats.json.by_status.cancelled, 1);
  assert.equal(stats.json.active_jobs, 2);
  assert.equal(stats.json.success_rate, null);
});

test('lists summarise large parameters and results; the job itself has everything', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const rows = Array.from({ length: 200 }, (_, i) => ({ title: unique(`Big ${i}`), description: 'x'.repeat(40) }));
  const created = await api.post('/api/v1/jobs', importJob(rows, { dry_run: true }));
  assert.equal(created.status, 201, created.text);
  const listed = (await api.get('/api/v1/jobs')).json.jobs.find((j) => j.id === created.json.id);
  assert.deepEqual(listed.parameters._omitted, ['technologies'], 'the rows are named, not sent');
  assert.equal(listed.parameters.merge_strategy, 'skip', 'small members stay');
  assert.equal(listed.parameters.dry_run, true);
  const full = await api.get(`/api/v1/jobs/${created.json.id}`);
  assert.equal(full.json.parameters.technologies.length, 200);
  assert.equal(full.json.parameters._omitted, undefined);

  const small = await api.post('/api/v1/jobs', importJob([{ title: unique('Small') }]));
  const smallListed = (await api.get('/api/v1/jobs')).json.jobs.find((j) => j.id === small.json.id);
  assert.deepEqual(smallListed.parameters, small.json.parameters, 'small parameters are listed whole');
});

test('/metrics counts what the workers did and the events published', async () => {
  const metric = async (name) => {
    const text = (await request(server, 'GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(name + ' '));
    assert.ok(line, `${name} in /metrics`);
    return Number(line.split(' ')[1]);
  };
  const completedBefore = await metric('jobs_worker_events_total{outcome="completed"}');
  const publishedBefore = await metric('events_published_total');
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const created = await api.post('/api/v1/jobs', { ...importJob([{ title: unique('Metered') }]), dispatch: true });
  assert.equal((await finished(api, created.json.id)).status, 'completed');
  assert.ok(await metric('jobs_worker_events_total{outcome="completed"}') >= completedBefore + 1);
  assert.ok(await metric('jobs_worker_events_total{outcome="claimed"}') >= completedBefore + 1);
  assert.ok((await metric('events_published_total')) >= publishedBefore + 3, 'created, progress, completed');
  assert.equal(await metric('jobs_worker_executing'), 0);
});

test('patch changes settings, not the state a worker owns', async () => {
  const created = await admin.api.post('/api/v1/jobs', importJob([{ title: unique('p') }]));
  const res = await admin.api.patch(`/api/v1/jobs/${created.json.id}`, { priority: 9, tags: { team: 'radar' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.priority, 9);
  assert.deepEqual(res.json.tags, { team: 'radar' });
  assertProblem(await admin.api.patch(`/api/v1/jobs/${created.json.id}`, { status: 'completed' }), 422, 'status');
  assertProblem(await admin.api.patch(`/api/v1/jobs/${created.json.id}`, { priority: 11 }), 422, 'priority');
  assertProblem(await admin.api.patch(`/api/v1/jobs/${created.json.id}`, { parameters: { technologies: 'x' } }), 422);
});

test('delete removes an ended or pending job; a running one must be cancelled first', async () => {
  const created = await admin.api.post('/api/v1/jobs', importJob([{ title: unique('del') }]));
  // A running job, as a worker would leave it (forced directly, so the test does not depend on timing).
  sql(server, `UPDATE jobs SET status = 'running', lease_owner = 'elsewhere', lease_expires_at = '2999-01-01T00:00:00.000000Z' WHERE id = ${created.json.id}`);
  assertProblem(await admin.api.delete(`/api/v1/jobs/${created.json.id}`), 409);
  sql(server, `UPDATE jobs SET status = 'cancelled', lease_owner = NULL WHERE id = ${created.json.id}`);
  const res = await admin.api.delete(`/api/v1/jobs/${created.json.id}`);
  assert.equal(res.status, 204);
  assertProblem(await admin.api.get(`/api/v1/jobs/${created.json.id}`), 404);
});

test('jobs are invisible outside their project, and viewers cannot create them', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const job = (await api.post('/api/v1/jobs', importJob([{ title: unique('iso') }]))).json;
  const other = await createProject(admin.api);
  const outsider = admin.api.inProject(other.id);
  assertProblem(await outsider.get(`/api/v1/jobs/${job.id}`), 404);
  assertProblem(await outsider.post(`/api/v1/jobs/${job.id}/cancel`), 404);
  assertProblem(await outsider.delete(`/api/v1/jobs/${job.id}`), 404);
  assert.equal((await outsider.get('/api/v1/jobs')).json.total, 0);

  const viewer = await addUser(server, admin.api, project.id, 'viewer');
  assertProblem(await viewer.api.post('/api/v1/jobs', importJob([{ title: 'x' }])), 403);
  assertProblem(await viewer.api.post(`/api/v1/jobs/${job.id}/cancel`), 403);
  assert.equal((await viewer.api.get(`/api/v1/jobs/${job.id}`)).status, 200);
});

test('a batch import job only touches its own project', async () => {
  const a = await createProject(admin.api);
  const b = await createProject(admin.api);
  const title = unique('Shared');
  await createTechnology(admin.api.inProject(b.id), { title, description: 'b keeps this' });
  const job = await admin.api.inProject(a.id).post('/api/v1/jobs', { ...importJob([{ title, description: 'a' }], { merge_strategy: 'overwrite' }), dispatch: true });
  const done = await finished(admin.api.inProject(a.id), job.json.id);
  assert.equal(done.result.imported_count, 1, JSON.stringify(done.result));
  const inB = await admin.api.inProject(b.id).get(`/api/v1/technologies?search=${title}`);
  assert.equal(inB.json.items[0].description, 'b keeps this');
});
