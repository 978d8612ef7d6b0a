// Graceful shutdown with a job running (issue 4: "lets running jobs finish or hands them back"), through the real
// server: SIGTERM while a 10,000-row batch_import is in the middle of its rows. With a long --job-stop-grace the
// job finishes before the process exits 0, and jobs still queued stay queued; with --job-stop-grace 0 the job is
// handed back — half imported, pending, its attempt refunded — and after the restart it completes exactly once,
// skipping the rows the interrupted run had written. Never lost, never completed twice, no row twice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './support/server.mjs';
import { setupAdmin, login } from './support/fixtures.mjs';
import { client } from './support/client.mjs';
import { openWithToken } from './support/websocket.mjs';
import { sql, count } from './support/database.mjs';
import { until } from './support/wait.mjs';

const ROWS = 10000;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

const servers = [];
after(async () => {
  for (const server of servers) await server.dispose();
});

async function startOwn(args) {
  const server = new TestServer({ args: ['--workers', '1', ...args] });
  servers.push(server);
  await server.start();
  const admin = await setupAdmin(server);
  return { server, admin };
}

async function enqueueImport(api, prefix, rows) {
  const technologies = Array.from({ length: rows }, (_, i) => ({ title: `${prefix}-${i}` }));
  const res = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies }, dispatch: true });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

// A subscriber to the project's events, opened before the job is created: with it every row publishes a progress
// event, which makes the import take a while.
async function subscribe(server, admin) {
  const events = await openWithToken(server, `/api/v1/ws?project_id=${admin.project.id}`, admin.api.token);
  await events.next((m) => m.type === 'connected');
  return events;
}

// Sends SIGTERM once `jobId` has reported progress past 5 % — well inside its rows — and returns how the process
// ended and when the server noticed the signal.
async function terminateMidJob(server, events, jobId) {
  const progress = await events.next((m) => m.event === 'job.progress' && m.data.job_id === jobId && m.data.progress >= 5, 60000);
  assert.ok(progress.data.progress < 100);
  const exit = await server.stop('SIGTERM');
  events.terminate();
  const [signal] = server.logEvents('server.signal');
  assert.equal(signal.signal, 15);
  assert.match(signal.ts, TIMESTAMP);
  return { exit, signalledAt: signal.ts };
}

function jobRow(server, id) {
  const [row] = sql(server, `SELECT status, attempts, attempt_history, lease_owner FROM jobs WHERE id = ${id}`);
  const [status, attempts, history, leaseOwner] = row;
  return { status, attempts: Number(attempts), history: JSON.parse(history), leaseOwner: leaseOwner || null };
}

const titlesLike = (server, prefix) => count(server, 'technologies', `title LIKE '${prefix}-%'`);
const distinctTitlesLike = (server, prefix) => Number(sql(server, `SELECT COUNT(DISTINCT title) FROM technologies WHERE title LIKE '${prefix}-%'`)[0][0]);

async function signedIn(server, admin) {
  const tokens = await login(server, admin.user.email);
  return client(server, tokens.access_token, admin.project.id);
}

test('SIGTERM with a long --job-stop-grace: the running job finishes, queued jobs stay queued, exit 0', async () => {
  const { server, admin } = await startOwn(['--job-stop-grace', '300']);
  const events = await subscribe(server, admin);
  const running = await enqueueImport(admin.api, 'graceful', ROWS);
  const queued = await enqueueImport(admin.api, 'queued', 10);

  const { exit, signalledAt } = await terminateMidJob(server, events, running);
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.equal(server.logEvents('jobs.runner_stopped_with_stuck_handlers').length, 0);

  // The job that was running completed, once, after the signal arrived: it used the grace period.
  const finished = jobRow(server, running);
  assert.equal(finished.status, 'completed');
  assert.equal(finished.attempts, 1);
  assert.deepEqual(finished.history.map((a) => a.outcome), ['completed']);
  assert.match(finished.history[0].finished_at, TIMESTAMP);
  assert.ok(finished.history[0].finished_at > signalledAt, `finished at ${finished.history[0].finished_at}, signalled at ${signalledAt}`);
  assert.equal(titlesLike(server, 'graceful'), ROWS, 'every row was imported before the exit');
  // The queued job was not started during the shutdown: it waits in the queue, untouched.
  assert.deepEqual(jobRow(server, queued), { status: 'pending', attempts: 0, history: [], leaseOwner: null });
  assert.equal(titlesLike(server, 'queued'), 0);

  await server.start();
  const api = await signedIn(server, admin);
  const done = await until(async () => {
    const job = (await api.get(`/api/v1/jobs/${queued}`)).json;
    return job.status === 'completed' && job;
  }, 'the queued job to run after the restart', 120000);
  assert.deepEqual(done.attempt_history.map((a) => a.outcome), ['completed']);
  assert.equal(done.result.imported_count, 10);
  const again = (await api.get(`/api/v1/jobs/${running}`)).json;
  assert.equal(again.status, 'completed');
  assert.equal(again.attempts, 1, 'the finished job is not run again');
  assert.equal(again.result.imported_count, ROWS);
  assert.equal(distinctTitlesLike(server, 'graceful'), ROWS);
  assert.equal(titlesLike(server, 'graceful'), ROWS);
});

test('SIGTERM with --job-stop-grace 0: the running job is handed back half done, and completes once after the restart', async () => {
  const { server, admin } = await startOwn(['--job-stop-grace', '0']);
  const events = await subscribe(server, admin);
  const job = await enqueueImport(admin.api, 'handed', ROWS);

  const { exit } = await terminateMidJob(server, events, job);
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.equal(server.logEvents('jobs.runner_stopped_with_stuck_handlers').length, 0);

  // Handed back: pending again, no worker holds it, and the interrupted run is not counted as an attempt.
  assert.deepEqual(jobRow(server, job), { status: 'pending', attempts: 0, history: [], leaseOwner: null });
  const written = titlesLike(server, 'handed');
  assert.ok(written > 0 && written < ROWS, `the interrupted run had imported part of the rows (${written})`);

  await server.start();
  const api = await signedIn(server, admin);
  const done = await until(async () => {
    const current = (await api.get(`/api/v1/jobs/${job}`)).json;
    assert.notEqual(current.status, 'failed', JSON.stringify(current.attempt_history));
    return current.status === 'completed' && current;
  }, 'the handed-back job to complete after the restart', 120000);
  assert.equal(done.attempts, 1);
  assert.deepEqual(done.attempt_history.map((a) => a.outcome), ['completed'], 'completed exactly once');
  // The second run skipped what the first had written, and imported the rest: every row exactly once.
  assert.equal(done.result.skipped_count, written);
  assert.equal(done.result.imported_count, ROWS - written);
  assert.equal(done.result.failed_count, 0);
  assert.equal(titlesLike(server, 'handed'), ROWS);
  assert.equal(distinctTitlesLike(server, 'handed'), ROWS);
  const total = await api.get('/api/v1/technologies?limit=1');
  assert.equal(total.json.total, ROWS);
});
