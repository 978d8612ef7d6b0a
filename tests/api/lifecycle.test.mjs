// The server's life around its requests: SIGINT stops it as cleanly as SIGTERM (the request in flight completes,
// new connections are refused, exit 0); a request body that stops arriving is dropped after --body-timeout; and
// readiness answers 503 while the database cannot be used — dropped on PostgreSQL, locked by another process on
// SQLite — with a detail that names no host, port or file, while /health keeps answering 200.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { TestServer } from './support/server.mjs';
import { request, client } from './support/client.mjs';
import { setupAdmin, login, assertProblem, unique } from './support/fixtures.mjs';
import { until } from './support/wait.mjs';

const servers = [];
const lockHolders = []; // processes holding an SQLite database locked; released even when a test fails
after(async () => {
  for (const holder of lockHolders) if (holder.exitCode === null && holder.signalCode === null) holder.kill();
  for (const server of servers) await server.dispose();
});

async function startOwn(options) {
  const server = new TestServer(options);
  servers.push(server);
  return server.start();
}

// One TCP connection driven byte by byte: what was received, and when the server closed it.
class RawConnection {
  constructor(port) {
    this.received = '';
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => { this.received += chunk.toString(); });
    this.socket.on('error', () => {});
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve(this.received)));
  }

  write(text) { this.socket.write(text); }

  waitFor(pattern, what) { return until(() => pattern.test(this.received), what); }

  // Resolves with everything received once the server has closed the connection.
  closedWithin(timeoutMs, what) {
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: the connection stayed open`)), timeoutMs); });
    return Promise.race([this.closed, timeout]).finally(() => { clearTimeout(timer); this.socket.destroy(); });
  }
}

// The head of a POST that asks for "100 Continue": once that arrives, the server has read the headers and is
// waiting for the body — the request is in flight.
function postHead(admin, body) {
  return `POST /api/v1/technologies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.api.token}\r\n` +
    `X-Project-ID: ${admin.project.id}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    'Expect: 100-continue\r\n\r\n';
}

const refusesConnections = (port) => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('connect', () => { socket.destroy(); resolve(false); });
  socket.on('error', (error) => resolve(error.code === 'ECONNREFUSED'));
});

test('SIGINT stops the server cleanly: the request in flight completes, new connections are refused, exit 0', async () => {
  const server = await startOwn();
  const admin = await setupAdmin(server);
  const title = unique('inflight');
  const body = JSON.stringify({ title });
  const connection = new RawConnection(server.port);
  connection.write(postHead(admin, body));
  await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/, 'the interim 100 Continue');
  connection.write(body.slice(0, 5));

  server.process.kill('SIGINT');
  await until(() => server.logEvents('server.signal').length > 0, 'the server to log the signal');
  assert.equal(server.logEvents('server.signal')[0].signal, 2);
  await until(() => refusesConnections(server.port), 'the listener to close');
  assert.equal(server.process.exitCode, null, 'the server waits for the request in flight');

  connection.write(body.slice(5));
  const reply = await connection.closedWithin(15000, 'the request in flight');
  assert.match(reply, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 /);
  assert.match(reply, /\r\nconnection: close\r\n/i, 'the connection is not kept alive during shutdown');
  assert.equal(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n{') + 4)).title, title);

  const exit = await server.exited;
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.equal(server.logEvents('server.stopped').length, 1);
  assert.equal(server.logEvents('database.closed').length, 1);
  assert.equal(server.logEvents('server.shutdown_timeout').length, 0);

  await server.start();
  const api = client(server, (await login(server, 'admin@example.com')).access_token, admin.project.id);
  const stored = await api.get(`/api/v1/technologies?search=${encodeURIComponent(title)}`);
  assert.equal(stored.json.total, 1, 'the request completed during shutdown is stored');
});

test('a request body that stops arriving is dropped after --body-timeout; the server carries on', async () => {
  // Long header and idle timeouts: within the deadline below only the body timeout can close the connection.
  const server = await startOwn({ args: ['--body-timeout', '1', '--header-timeout', '600', '--idle-timeout', '3600'] });
  const admin = await setupAdmin(server);
  const title = unique('partial');
  const body = JSON.stringify({ title });
  const connection = new RawConnection(server.port);
  connection.write(postHead(admin, body));
  await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/, 'the interim 100 Continue');
  connection.write(body.slice(0, 5));
  const reply = await connection.closedWithin(20000, 'a partial body');
  assert.equal(reply, 'HTTP/1.1 100 Continue\r\n\r\n', 'the connection is dropped without a response');

  // Nothing was created, and the server answers everyone else.
  assert.equal((await request(server, 'GET', '/health')).status, 200);
  const created = await admin.api.post('/api/v1/technologies', { title: unique('after') });
  assert.equal(created.status, 201, created.text);
  assert.equal((await admin.api.get(`/api/v1/technologies?search=${encodeURIComponent(title)}`)).json.total, 0);

  // A body that arrives in time under the same limit is served.
  const timely = new RawConnection(server.port);
  timely.write(postHead(admin, body).replace('Expect: 100-continue\r\n', 'Connection: close\r\n') + body);
  assert.match(await timely.closedWithin(15000, 'a whole request'), /^HTTP\/1\.1 201 /);
});

// Makes the server's database unusable, and returns what the failure's specifics look like in the log, what the
// problem must not reveal, and how to undo it (where that is possible).
async function breakDatabase(server) {
  if (server.database) {
    const url = new URL(server.database.url);
    server.database.drop(); // DROP DATABASE … WITH (FORCE) through the admin URL
    return { specifics: server.database.name, secrets: [url.hostname, url.port, server.database.name, 'postgresql://', 'FATAL'] };
  }
  // SQLite: another process holds the database locked; the readiness check's write times out as busy.
  const holder = spawn('sqlite3', [join(server.dataDir, 'commandcenter.db')], { stdio: ['pipe', 'pipe', 'pipe'] });
  lockHolders.push(holder);
  const locked = new Promise((resolve) => holder.stdout.once('data', resolve));
  holder.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n");
  await locked;
  return {
    specifics: 'database is locked',
    secrets: [server.dataDir, 'commandcenter.db', 'locked', 'sqlite'],
    restore: async () => {
      const exited = new Promise((resolve) => holder.on('exit', resolve));
      holder.stdin.end('COMMIT;\n');
      await exited;
    },
  };
}

test('readiness is a 503 problem that names no connection details while the database is gone; /health stays 200', async () => {
  // No workers or scheduler: their writes would queue behind the lock on SQLite and slow every check.
  const server = await startOwn({ args: ['--workers', '0', '--no-scheduler'] });
  assert.equal((await request(server, 'GET', '/health/ready')).status, 200);
  const logged = server.logs.length;
  const broken = await breakDatabase(server);

  // Ask until the failure's specifics have reached the log (on PostgreSQL the first checks only find the pool's
  // severed connections; the specifics come from the attempt to connect again). Every answer is generic.
  const answers = [];
  const specificsLogged = () => server.logs.slice(logged).some((entry) => entry.level !== 'info' && JSON.stringify(entry).includes(broken.specifics));
  await until(async () => {
    answers.push(await request(server, 'GET', '/health/ready'));
    return specificsLogged();
  }, 'the database failure in the log', 90000);
  for (const res of answers) {
    assertProblem(res, 503);
    const { request_id: _, ...problem } = res.json;
    const text = JSON.stringify(problem);
    for (const secret of broken.secrets) assert.ok(!text.includes(secret), `the 503 reveals "${secret}": ${text}`);
  }

  const health = await request(server, 'GET', '/health');
  assert.equal(health.status, 200);
  assert.equal(health.json.status, 'healthy');
  const detailed = await request(server, 'GET', '/health/detailed');
  assert.equal(detailed.status, 503);
  assert.equal(detailed.json.status, 'unhealthy');
  assert.equal(detailed.json.components.database.status, 'unhealthy');
  assert.equal(detailed.json.components.workers.status, 'disabled', 'this server runs no workers');
  for (const secret of broken.secrets) assert.ok(!detailed.text.includes(secret), `/health/detailed reveals "${secret}"`);

  if (broken.restore) {
    await broken.restore();
    await until(async () => (await request(server, 'GET', '/health/ready')).status === 200, 'readiness to recover', 60000);
  }
});
