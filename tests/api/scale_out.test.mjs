// Scale-out on PostgreSQL: a web process that runs no jobs, and `commandcenter worker` processes that do. Jobs
// queued through the web process run in a worker; their events reach the web process's WebSocket clients
// through the database. Registered only when the suite runs on PostgreSQL (CC_TEST_DB=postgres): on SQLite one
// process owns the database, so there is nothing to scale out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BINARY, JWT_SECRET, onPostgres, startServer } from './support/server.mjs';
import { setupAdmin, unique } from './support/fixtures.mjs';
import { sql } from './support/database.mjs';
import { until } from './support/wait.mjs';
import { openWithTicket } from './support/websocket.mjs';

// A psql session that holds a table lock until released: work that needs the table waits on the database.
async function lockTable(server, table) {
  const psql = spawn('psql', [server.database.url, '-qAt', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const locked = new Promise((resolve, reject) => {
    createInterface({ input: psql.stdout }).on('line', (line) => { if (line === 'locked') resolve(); });
    psql.on('exit', (code) => reject(new Error(`psql exited (${code})`)));
  });
  psql.stdin.write(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE; SELECT 'locked';\n`);
  await locked;
  const exited = new Promise((resolve) => psql.on('exit', resolve));
  return async () => { psql.stdin.end('COMMIT;\n'); await exited; };
}


function startWorker(server, extra = []) {
  const child = spawn(BINARY, ['worker', '--log-format', 'json', '--data-dir', server.dataDir, ...server.databaseArgs, ...extra], {
    env: { ...process.env, CC_JWT_SECRET: JWT_SECRET }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = [];
  const stderr = [];
  child.stderr.on('data', (c) => stderr.push(c.toString()));
  const ready = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try { logs.push(JSON.parse(line)); } catch { return; }
      if (logs.at(-1).event === 'worker.started') resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr.join('')}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, logs, ready, exited, stderr };
}

if (onPostgres()) {
  let server;
  let admin;
  const workers = [];

  before(async () => {
    server = await startServer({ args: ['--no-workers', '--no-scheduler'] });
    admin = await setupAdmin(server);
    // A lease of ten minutes: a worker would notice a cancellation by its heartbeat only after 200 s, so
    // the cancellation test below proves that the request travels as an event.
    for (let i = 0; i < 2; i++) workers.push(startWorker(server, ['--workers', '2', '--job-lease-seconds', '600']));
    await Promise.all(workers.map((w) => w.ready));
  });
  after(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null) w.child.kill('SIGTERM');
      await w.exited;
    }
    await server?.dispose();
  });

  test('jobs queued through a web process run in worker processes, and their progress reaches its sockets', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ title: unique(`scale-${i}`) }));
    const created = await admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows } });
    assert.equal(created.status, 201, created.text);
    const ws = await openWithTicket(server, admin.api, `/api/v1/jobs/ws/${created.json.id}`);
    await ws.next((m) => m.type === 'connected');
    await admin.api.post(`/api/v1/jobs/${created.json.id}/dispatch`);
    const completed = await ws.next((m) => m.type === 'completed', 30000);
    assert.equal(completed.status, 'completed');
    assert.equal(completed.result.imported_count, 100, 'the result crosses processes too');
    const steps = ws.messages.filter((m) => m.type === 'progress' && /^Row \d+ of 100$/.test(m.current_step ?? ''));
    assert.ok(steps.length >= 90, `progress from the worker process arrived (${steps.length} row steps)`);
    const job = (await admin.api.get(`/api/v1/jobs/${created.json.id}`)).json;
    assert.ok(workers.some((w) => job.attempt_history[0].worker.includes(`:${w.child.pid}:`)), 'a worker process ran it');
  });

  test('many jobs are shared between the worker processes, each run once', async () => {
    const ids = [];
    for (let i = 0; i < 40; i++) {
      const res = await admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: [{ title: unique('shared') }] }, dispatch: true });
      ids.push(res.json.id);
    }
    const ws = await openWithTicket(server, admin.api, `/api/v1/ws?project_id=${admin.project.id}`);
    await ws.next((m) => m.type === 'connected');
    for (;;) {
      const stats = (await admin.api.get('/api/v1/jobs/statistics/summary')).json;
      if (stats.active_jobs === 0) break;
      await ws.next((m) => m.event === 'job.completed' && !m.seen && (m.seen = true), 30000);
    }
    const owners = new Set();
    for (const id of ids) {
      const job = (await admin.api.get(`/api/v1/jobs/${id}`)).json;
      assert.equal(job.status, 'completed');
      assert.equal(job.attempts, 1);
      owners.add(job.attempt_history[0].worker.split(':')[1]);
    }
    assert.ok([...owners].every((pid) => workers.some((w) => String(w.child.pid) === pid)), 'only worker processes ran jobs');
  });

  test("the web process's cached dashboard follows writes made by a worker process", async () => {
    const project = await admin.api.post('/api/v1/projects', { name: unique('dash') });
    const api = admin.api.inProject(project.json.id);
    const before = await api.get('/api/v1/dashboard/stats');
    assert.equal(before.json.technologies.total, 0);
    assert.equal((await api.get('/api/v1/dashboard/stats')).json.technologies.total, 0, 'cached now');
    const rows = Array.from({ length: 25 }, (_, i) => ({ title: unique(`dash-${i}`), priority: 5 }));
    const created = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows } });
    const ws = await openWithTicket(server, api, `/api/v1/jobs/ws/${created.json.id}`);
    await ws.next((m) => m.type === 'connected');
    await api.post(`/api/v1/jobs/${created.json.id}/dispatch`);
    await ws.next((m) => m.type === 'completed', 30000);
    // The import's change events travel ahead of its completion: by now the cache has been dropped.
    const after = await api.get('/api/v1/dashboard/stats');
    assert.equal(after.json.technologies.total, 25);
    assert.equal(after.json.technologies.high_priority.length, 5);
  });

  test('two worker processes run schedulers on one database, and each due run fires exactly once', async () => {
    const project = await admin.api.post('/api/v1/projects', { name: unique('sched') });
    const api = admin.api.inProject(project.json.id);
    const ids = [];
    for (let i = 0; i < 30; i++) {
      const res = await api.post('/api/v1/schedules', {
        name: `once-${i}`, task_type: 'batch_import', frequency: 'once',
        task_parameters: { technologies: [{ title: unique(`sched-${i}`) }] },
      });
      assert.equal(res.status, 201, res.text);
      ids.push(res.json.id);
    }
    const all = await until(async () => {
      const list = (await api.get('/api/v1/schedules?page_size=50')).json.schedules;
      const done = list.filter((s) => s.run_count >= 1 && s.success_count + s.failure_count >= 1);
      return done.length === ids.length && list;
    }, 'every schedule to fire and its job to end', 60000);
    for (const s of all) {
      assert.equal(s.run_count, 1, `${s.name} fired once`);
      assert.equal(s.enabled, false);
      assert.equal(s.success_count, 1);
      assert.equal((await api.get(`/api/v1/jobs?schedule_id=${s.id}`)).json.total, 1, `${s.name} made one job`);
    }
    assert.equal((await api.get('/api/v1/technologies')).json.total, ids.length);
  });

  test('a large result crosses processes whole, read from the job row', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({ title: unique(`large-result-${i}`), description: 'x'.repeat(40) }));
    const created = await admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows } });
    const ws = await openWithTicket(server, admin.api, `/api/v1/jobs/ws/${created.json.id}`);
    await ws.next((m) => m.type === 'connected');
    await admin.api.post(`/api/v1/jobs/${created.json.id}/dispatch`);
    const completed = await ws.next((m) => m.type === 'completed', 30000);
    assert.equal(completed.result.imported_count, 600);
    assert.equal(completed.result.rows.length, 600, 'every row of the report');
    assert.ok(JSON.stringify(completed.result).length > 16 * 1024, 'larger than what travels in the events table');
    const wire = sql(server, `SELECT MAX(LENGTH(payload::text)) FROM events WHERE job_id = ${created.json.id}`)[0][0];
    assert.ok(Number(wire) < 16 * 1024, `event rows stay bounded (${wire} bytes)`);
  });

  test('cancelling a running job through the web process reaches the worker running it at once', async () => {
    const release = await lockTable(server, 'technologies');
    let released = false;
    try {
      const rows = Array.from({ length: 50 }, (_, i) => ({ title: unique(`cancel-${i}`) }));
      const created = await admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows }, dispatch: true });
      const id = created.json.id;
      // The import starts and then waits for the lock.
      await until(async () => (await admin.api.get(`/api/v1/jobs/${id}`)).json.status === 'running', 'the job to start', 30000);
      const asked = await admin.api.post(`/api/v1/jobs/${id}/cancel`);
      assert.equal(asked.status, 200, asked.text);
      assert.equal(asked.json.status, 'running');
      await until(() => workers.some((w) => w.logs.some((l) => l.event === 'jobs.cancel_noticed' && l.job_id === id)),
        'a worker to notice the cancellation', 30000);
      await release();
      released = true;
      const ended = await until(async () => {
        const job = (await admin.api.get(`/api/v1/jobs/${id}`)).json;
        return ['completed', 'failed', 'cancelled'].includes(job.status) && job;
      }, 'the job to end', 30000);
      assert.equal(ended.status, 'cancelled', 'stopped at its first progress step after the lock');
    } finally {
      if (!released) await release();
    }
  });

  test('a worker stops cleanly on SIGTERM', async () => {
    const w = workers.pop();
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    assert.equal(exit.code, 0, w.stderr.join(''));
    assert.ok(w.logs.some((l) => l.event === 'worker.stopped'));
  });
}
