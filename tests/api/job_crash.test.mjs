// kill -9 while 1,000 jobs are queued or running: after the restart every job reaches a terminal state, none is
// lost, and none runs to completion twice unless its lease expired (the kill interrupted it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, login } from './support/fixtures.mjs';
import { client } from './support/client.mjs';
import { openWithToken } from './support/websocket.mjs';
import { count } from './support/database.mjs';

const JOBS = 1000;
const ROWS = 10;

let server;
let admin;

before(async () => {
  // A short lease, so that on PostgreSQL (where a restarted process cannot know the old one is gone) the
  // interrupted jobs come back quickly; on SQLite they are recovered at start.
  server = await startServer({ args: ['--job-lease-seconds', '3', '--workers', '4'] });
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

test('no job is lost or completed twice across a kill -9', async () => {
  const events = await openWithToken(server, `/api/v1/ws?project_id=${admin.project.id}`, admin.api.token);
  await events.next((m) => m.type === 'connected');
  const ids = [];
  for (let start = 0; start < JOBS; start += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, JOBS - start) }, (_, k) => {
      const n = start + k;
      const rows = Array.from({ length: ROWS }, (_, r) => ({ title: `crash-${n}-${r}` }));
      return admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows }, dispatch: true });
    }));
    for (const res of batch) {
      assert.equal(res.status, 201, res.text);
      ids.push(res.json.id);
    }
  }
  // Kill while work is in flight: some jobs done, others running or still queued.
  await events.next((m) => m.event === 'job.completed' && events.messages.filter((x) => x.event === 'job.completed').length >= 50, 60000);
  const exit = await server.stop('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');
  events.terminate();
  // The kill interrupted real work: jobs were still queued, and some held by the dead worker.
  const unfinished = count(server, 'jobs', "status <> 'completed'");
  const leased = count(server, 'jobs', "status = 'running'");
  assert.ok(unfinished > 0, 'some jobs had not finished at the kill');
  assert.ok(leased > 0, 'some jobs were running at the kill');

  await server.start();
  const tokens = await login(server, 'admin@example.com');
  const api = client(server, tokens.access_token, admin.project.id);
  const after = await openWithToken(server, `/api/v1/ws?project_id=${admin.project.id}`, tokens.access_token);
  await after.next((m) => m.type === 'connected');
  // Wait for the queue to drain: every job terminal. Each check is a real query, made when a job event
  // arrives; the deadline only stops a hang.
  const deadline = Date.now() + 180000;
  let stats;
  for (;;) {
    stats = (await api.get('/api/v1/jobs/statistics/summary')).json;
    if (stats.active_jobs === 0 || Date.now() > deadline) break;
    await Promise.race([new Promise((resolve) => after.ws.once('message', resolve)), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
  after.close();
  assert.equal(stats.total, JOBS, 'no job was lost');
  assert.equal(stats.active_jobs, 0, `every job ended: ${JSON.stringify(stats)}`);
  assert.equal(stats.by_status.completed, JOBS, `every job completed: ${JSON.stringify(stats)}`);

  const jobs = [];
  for (let skip = 0; skip < JOBS; skip += 1000) {
    jobs.push(...(await api.get(`/api/v1/jobs?limit=1000&skip=${skip}`)).json.jobs);
  }
  assert.deepEqual(jobs.map((j) => j.id).sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
  let rerun = 0;
  for (const job of jobs) {
    const outcomes = job.attempt_history.map((a) => a.outcome);
    assert.equal(outcomes.filter((o) => o === 'completed').length, 1, `job ${job.id} completed once: ${outcomes}`);
    assert.equal(outcomes.at(-1), 'completed');
    // Any earlier attempt ended because the worker died, not because it ran to the end.
    for (const o of outcomes.slice(0, -1)) assert.equal(o, 'lease_expired', `job ${job.id}: ${outcomes}`);
    assert.equal(job.attempts, outcomes.length);
    if (outcomes.length > 1) rerun++;
    else assert.equal(job.result.imported_count, ROWS, `job ${job.id} imported its rows the one time it ran`);
    assert.equal(job.result.imported_count + job.result.skipped_count, ROWS);
  }
  assert.ok(rerun >= 1, 'the jobs the dead worker held were run again');
  assert.ok(server.logEvents('jobs.recovered').length >= 1);
  // Every row exists exactly once: re-runs skipped what the interrupted attempt had written.
  const techs = await api.get('/api/v1/technologies?limit=1');
  assert.equal(techs.json.total, JOBS * ROWS);
});
