// WebSockets: authentication (Bearer or single-use ticket), project membership, several clients in order, and
// a client that stops reading being dropped without holding up anyone else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, addUser, createProject, createTechnology, unique } from './support/fixtures.mjs';
import { SocketClient, openWithToken, openWithTicket, wsUrl } from './support/websocket.mjs';
import { sql } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

async function refused(url, options) {
  const c = new SocketClient(url, options);
  const err = await c.opened.then(() => null, (e) => e);
  assert.ok(err, 'the connection should be refused');
  return err.status;
}

test('unauthenticated, badly authenticated and outsider subscriptions are refused', async () => {
  const project = await createProject(admin.api);
  assert.equal(await refused(wsUrl(server, `/api/v1/ws?project_id=${project.id}`)), 401);
  assert.equal(await refused(wsUrl(server, `/api/v1/ws?project_id=${project.id}`), { headers: { authorization: 'Bearer nonsense' } }), 401);
  assert.equal(await refused(wsUrl(server, `/api/v1/ws?project_id=${project.id}&ticket=made-up`)), 401);
  const stranger = await addUser(server, admin.api, (await createProject(admin.api)).id, 'owner');
  assert.equal(await refused(wsUrl(server, `/api/v1/ws?project_id=${project.id}`), { headers: { authorization: `Bearer ${stranger.api.token}` } }), 404);
  // A plain GET without the upgrade is a clear 400, not a hang.
  const plain = await admin.api.get(`/api/v1/ws?project_id=${project.id}`);
  assert.equal(plain.status, 400);
});

test('a ticket works once, and not after it expires', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const t = (await api.post('/api/v1/ws/ticket', {})).json;
  assert.equal(t.expires_in, 30);
  const url = wsUrl(server, `/api/v1/ws?project_id=${project.id}&ticket=${t.ticket}`);
  const first = new SocketClient(url);
  await first.opened;
  await first.next((m) => m.type === 'connected');
  first.close();
  assert.equal(await refused(url), 401, 'a ticket is single-use');
  const stale = (await api.post('/api/v1/ws/ticket', {})).json;
  sql(server, "UPDATE ws_tickets SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE used_at IS NULL");
  assert.equal(await refused(wsUrl(server, `/api/v1/ws?project_id=${project.id}&ticket=${stale.ticket}`)), 401);
  // API keys open sockets with their header instead.
  const key = await api.post('/api/v1/auth/api-keys', { name: 'ws', project_id: project.id, role: 'viewer' });
  assert.equal(key.status, 201, key.text);
  const withKey = await api.as(key.json.key).post('/api/v1/ws/ticket', {});
  assert.equal(withKey.status, 403);
  const socket = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, key.json.key);
  await socket.next((m) => m.type === 'connected');
  socket.close();
});

test('a job of another project, or none, is closed with 1008 "Job not found"', async () => {
  const mine = await createProject(admin.api);
  const job = await admin.api.inProject(mine.id).post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: [{ title: 'x' }] } });
  const stranger = await addUser(server, admin.api, (await createProject(admin.api)).id, 'owner');
  for (const path of [`/api/v1/jobs/ws/${job.json.id}`, '/api/v1/jobs/ws/987654']) {
    const c = await openWithToken(server, path, stranger.api.token);
    const closed = await c.closed;
    assert.equal(closed.code, 1008, path);
    assert.equal(closed.reason, 'Job not found');
    assert.equal(c.messages.length, 0, 'nothing about the job leaks');
  }
  // The server's log says how each connection ended (stdout is flushed within a second).
  let logged = [];
  for (let i = 0; i < 50 && logged.length < 1; i++) {
    logged = server.logEvents('ws.closed').filter((e) => e.path === '/api/v1/jobs/ws/987654');
    if (logged.length < 1) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(logged.length, 1, JSON.stringify(server.logEvents('ws.closed')));
  assert.equal(logged[0].close_code, 1008);
  assert.equal(logged[0].close_reason, 'Job not found');
  assert.equal(logged[0].sent, 0);
  assert.equal(logged[0].error, '', 'a close handshake that ended as it should is no error');
});

test('a member who is removed, and everyone when the project is deleted, stop hearing of it (1008)', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const leaving = await addUser(server, api, project.id, 'viewer');
  const staying = await addUser(server, api, project.id, 'viewer');
  const leavingSocket = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, leaving.api.token);
  const stayingSocket = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, staying.api.token);
  const ownerSocket = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, admin.api.token);
  for (const c of [leavingSocket, stayingSocket, ownerSocket]) await c.next((m) => m.type === 'connected');
  assert.equal((await api.delete(`/api/v1/projects/${project.id}/members/${leaving.userId}`)).status, 204);
  const gone = await leavingSocket.closed;
  assert.equal(gone.code, 1008);
  assert.equal(gone.reason, 'No longer a member of this project');
  // The others keep hearing the project, their removed colleague included.
  const tech = await createTechnology(api);
  await stayingSocket.next((m) => m.event === 'technology.created' && m.data.id === tech.id);
  assert.ok(!leavingSocket.messages.some((m) => m.event === 'technology.created'), 'nothing after the removal');
  assert.equal((await admin.api.delete(`/api/v1/projects/${project.id}`)).status, 204);
  for (const c of [stayingSocket, ownerSocket]) {
    const closed = await c.closed;
    assert.equal(closed.code, 1008);
    assert.equal(closed.reason, 'Project deleted');
  }
});

test("a job's socket closes too when its watcher is removed from the project, or the project is deleted", async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const leaving = await addUser(server, api, project.id, 'viewer');
  const staying = await addUser(server, api, project.id, 'viewer');
  const job = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: [{ title: unique('w') }] } });
  assert.equal(job.status, 201, job.text);
  const leavingSocket = await openWithToken(server, `/api/v1/jobs/ws/${job.json.id}`, leaving.api.token);
  const stayingSocket = await openWithToken(server, `/api/v1/jobs/ws/${job.json.id}`, staying.api.token);
  for (const c of [leavingSocket, stayingSocket]) await c.next((m) => m.type === 'connected');
  assert.equal((await api.delete(`/api/v1/projects/${project.id}/members/${leaving.userId}`)).status, 204);
  const gone = await leavingSocket.closed;
  assert.equal(gone.code, 1008);
  assert.equal(gone.reason, 'No longer a member of this project');
  // The colleague who stays still follows the job, and hears nothing of the project's other events.
  await createTechnology(api);
  assert.equal((await api.patch(`/api/v1/jobs/${job.json.id}`, { priority: 9 })).status, 200);
  const update = await stayingSocket.next((m) => m.type === 'progress');
  assert.equal(update.status, 'pending');
  assert.ok(stayingSocket.messages.every((m) => m.type === 'connected' || m.type === 'progress'), JSON.stringify(stayingSocket.messages));
  assert.equal((await admin.api.delete(`/api/v1/projects/${project.id}`)).status, 204);
  const closed = await stayingSocket.closed;
  assert.equal(closed.code, 1008);
  assert.equal(closed.reason, 'Project deleted');
});

test('schedule, project and member changes and job edits are events of the project', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const c = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, admin.api.token);
  await c.next((m) => m.type === 'connected');
  const schedule = await api.post('/api/v1/schedules', {
    name: unique('nightly'), task_type: 'batch_import', frequency: 'daily', timezone: 'Europe/Berlin',
    task_parameters: { technologies: [{ title: unique('s') }] },
  });
  assert.equal(schedule.status, 201, schedule.text);
  await c.next((m) => m.event === 'schedule.created' && m.data.id === schedule.json.id);
  assert.equal((await api.patch(`/api/v1/schedules/${schedule.json.id}`, { description: 'changed' })).status, 200);
  await c.next((m) => m.event === 'schedule.updated' && m.data.id === schedule.json.id);
  assert.equal((await api.delete(`/api/v1/schedules/${schedule.json.id}`)).status, 204);
  await c.next((m) => m.event === 'schedule.deleted' && m.data.id === schedule.json.id);
  const job = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: [{ title: unique('j') }] } });
  assert.equal((await api.patch(`/api/v1/jobs/${job.json.id}`, { priority: 8 })).status, 200);
  const updated = await c.next((m) => m.event === 'job.updated' && m.data.job_id === job.json.id);
  assert.equal(updated.data.status, 'pending');
  assert.equal((await api.patch(`/api/v1/projects/${project.id}`, { description: 'renamed' })).status, 200);
  await c.next((m) => m.event === 'project.updated' && m.data.id === project.id);
  const colleague = await addUser(server, api, project.id, 'viewer');
  await c.next((m) => m.event === 'member.created' && m.data.id === colleague.userId);
  assert.equal((await api.patch(`/api/v1/projects/${project.id}/members/${colleague.userId}`, { role: 'member' })).status, 200);
  await c.next((m) => m.event === 'member.updated' && m.data.id === colleague.userId);
  c.close();
});

test('a job socket closes with 1008 "Job deleted" when its job is deleted', async () => {
  const job = await admin.api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: [{ title: unique('d') }] } });
  const c = await openWithTicket(server, admin.api, `/api/v1/jobs/ws/${job.json.id}`);
  await c.next((m) => m.type === 'connected');
  assert.equal((await admin.api.delete(`/api/v1/jobs/${job.json.id}`)).status, 204);
  const closed = await c.closed;
  assert.equal(closed.code, 1008);
  assert.equal(closed.reason, 'Job deleted');
});

test('several clients on one job and on one project receive the same messages in the same order', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const rows = Array.from({ length: 200 }, (_, i) => ({ title: `Many ${i}` }));
  const job = (await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows } })).json;
  const jobClients = await Promise.all([0, 1, 2].map(() => openWithTicket(server, api, `/api/v1/jobs/ws/${job.id}`)));
  const projectClients = await Promise.all([0, 1].map(() => openWithToken(server, `/api/v1/ws?project_id=${project.id}`, api.token)));
  await Promise.all(projectClients.map((c) => c.next((m) => m.type === 'connected')));
  await Promise.all(jobClients.map((c) => c.next((m) => m.type === 'connected')));
  await api.post(`/api/v1/jobs/${job.id}/dispatch`);
  await Promise.all(jobClients.map((c) => c.next((m) => m.type === 'completed')));
  await Promise.all(projectClients.map((c) => c.next((m) => m.event === 'job.completed' && m.data.job_id === job.id)));
  const reference = jobClients[0].messages;
  assert.ok(reference.length > 200, `got ${reference.length} messages`);
  for (const c of jobClients.slice(1)) assert.deepEqual(c.messages, reference);
  const p0 = projectClients[0].messages;
  assert.deepEqual(projectClients[1].messages, p0);
  const types = p0.filter((m) => m.type === 'event' && m.data.job_id === job.id).map((m) => m.event);
  assert.equal(types[0], 'job.dispatched');
  assert.equal(types[1], 'job.started');
  assert.equal(types.at(-1), 'job.completed');
  assert.ok(p0.some((m) => m.event === 'technology.imported'), 'resource events reach the project too');
  // Technology changes are events too.
  const t = await createTechnology(api);
  const created = await projectClients[0].next((m) => m.event === 'technology.created' && m.data.id === t.id);
  assert.equal(created.project_id, project.id);
  const repo = await api.post('/api/v1/repositories', { owner: 'acme', name: unique('repo') });
  await projectClients[0].next((m) => m.event === 'repository.created' && m.data.id === repo.json.id);
  const task = await api.post('/api/v1/research-tasks', { title: unique('task') });
  await projectClients[0].next((m) => m.event === 'research_task.created' && m.data.id === task.json.id);
  const entry = await api.post('/api/v1/knowledge/entries', { title: 'k', content: 'c', category: 'ops' });
  await projectClients[0].next((m) => m.event === 'knowledge_entry.created' && m.data.id === entry.json.id);
  await api.delete(`/api/v1/technologies/${t.id}`);
  await projectClients[0].next((m) => m.event === 'technology.deleted' && m.data.id === t.id);
  projectClients.forEach((c) => c.close());
});

test('application-level ping is answered', async () => {
  const c = await openWithToken(server, '/api/v1/ws', admin.api.token);
  await c.next((m) => m.type === 'connected');
  c.send({ type: 'ping' });
  await c.next((m) => m.type === 'pong');
  c.close();
});

test('a client that stops reading is dropped and does not stall the others', async () => {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const slow = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, api.token);
  await slow.next((m) => m.type === 'connected');
  // Stop reading for good (ws.pause(): pausing the raw socket is undone by ws whenever its parser drains).
  slow.ws.pause();
  const fast = await openWithToken(server, `/api/v1/ws?project_id=${project.id}`, api.token);
  await fast.next((m) => m.type === 'connected');

  // The server drops the slow client when its queue for it is full or when it has not answered the keep-alive
  // pings for the idle timeout (30 s), whichever comes first: how much the kernel's socket buffers absorb
  // before the queue fills depends on the machine (loopback buffers grow to several MiB), and how fast the
  // imports run on the database. So imports go on until the server reports the drop — each one 10,001
  // progress events, bounded far beyond any buffer or timeout.
  const drops = () => server.logs.filter((l) => l.event === 'ws.slow_consumer_dropped' || l.event === 'ws.unresponsive_dropped');
  const dropped = () => drops().length > 0;
  let imports = 0;
  while (!dropped() && imports < 20) {
    const rows = Array.from({ length: 10000 }, (_, i) => ({ title: `Bulk ${imports}-${i}-${unique('r')}` }));
    const res = await api.post('/api/v1/batch/import', { technologies: rows });
    assert.equal(res.status, 202, res.text);
    imports++;
    await fast.next((m) => m.event === 'job.completed' && m.data.job_id === res.json.job_id, 120000);
  }
  assert.ok(dropped(), `the server dropped the slow client (after ${imports} imports)`);
  assert.equal(drops().length, 1, 'only the slow client was dropped');
  const progress = fast.messages.filter((m) => m.event === 'job.progress').length;
  assert.ok(progress >= 10000 * imports, `the reading client got every progress event (${progress} for ${imports} imports)`);
  slow.ws.resume();
  const closed = await slow.closed;
  assert.notEqual(closed.code, 1000);
  fast.close();
});
