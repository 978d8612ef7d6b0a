// The command line: version; --help on every command; every serve setting as a CC_* environment variable, with an
// observable effect, and a flag on the command line winning over it; configuration errors; migrate; user create
// and its bad input; creating the first administrator.
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync, existsSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { BINARY, TestServer, onPostgres, createPostgresDatabase } from './support/server.mjs';
import { request, client } from './support/client.mjs';
import { PASSWORD, assertProblem, createRepository, createTask, upload, unique } from './support/fixtures.mjs';
import { FakeGitHub } from './support/fake_github.mjs';
import { openWithToken } from './support/websocket.mjs';
import { sql } from './support/database.mjs';
import { until } from './support/wait.mjs';

const cleanup = [];
after(async () => { for (const fn of cleanup) await fn(); });

// Runs the binary; `env` adds to the test runner's environment, or with `only` replaces it.
function run(args, { input, env = {}, only = false } = {}) {
  try {
    const stdout = execFileSync(BINARY, args, { input, env: only ? env : { ...process.env, ...env }, stdio: 'pipe', timeout: 60000 });
    return { status: 0, stdout: stdout.toString(), stderr: '' };
  } catch (error) {
    return { status: error.status, stdout: error.stdout.toString(), stderr: error.stderr.toString() };
  }
}

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-cli-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function databaseArgs() {
  if (!onPostgres()) return [];
  const db = createPostgresDatabase();
  cleanup.push(() => db.drop());
  return ['--database-url', db.url];
}

test('version prints the version', () => {
  for (const args of [['version'], ['--version']]) {
    const version = run(args);
    assert.equal(version.status, 0, args.join(' '));
    assert.match(version.stdout, /^(commandcenter )?\d+\.\d+\.\d+/);
  }
});

// CLI11's help: "Options:" and "Subcommands:" sections whose entries start two spaces in; an entry's description
// follows its names after two or more spaces, or on the lines below, indented further.
function parseHelp(text) {
  const sections = { options: new Map(), subcommands: new Map() };
  let section = null;
  let current = null;
  for (const line of text.split('\n')) {
    if (/^Options:/.test(line)) { section = sections.options; continue; }
    if (/^Subcommands:/.test(line)) { section = sections.subcommands; continue; }
    if (!section) continue;
    const entry = line.match(/^  (\S.*?)(?:\s{2,}(\S.*))?$/);
    if (entry) {
      const spec = entry[1];
      current = { spec, description: entry[2] ?? '', env: spec.match(/\(Env:(\w+)\)/)?.[1] ?? null };
      for (const name of spec.split(' ')[0].split(',')) section.set(name, current);
    } else if (current && /^\s{4,}\S/.test(line)) {
      current.description = `${current.description} ${line.trim()}`.trim();
    }
  }
  return sections;
}

const DATABASE_FLAGS = ['--data-dir', '--database-url'];
const LOG_FLAGS = ['--log-level', '--log-format'];
const JOB_FLAGS = ['--workers', '--no-workers', '--no-scheduler', '--job-lease-seconds', '--job-retry-base-ms',
  '--job-abandon-seconds', '--job-stop-grace', '--job-retention-days', '--job-concurrency'];
const SERVE_FLAGS = ['--host', '--port', ...DATABASE_FLAGS, ...LOG_FLAGS, '--cors-origin', '--max-body-bytes', '--io-threads',
  '--blocking-threads', '--write-threads', '--registration', '--login-rate-limit', '--register-rate-limit',
  '--refresh-rate-limit', '--user-rate-limit', '--trust-proxy', '--assets-dir', '--github-api-url', '--max-upload-bytes',
  '--idle-timeout', '--header-timeout', '--body-timeout', '--shutdown-grace', ...JOB_FLAGS];
const HELP = [
  { command: [], flags: ['--version'], subcommands: ['serve', 'worker', 'migrate', 'user', 'version'] },
  { command: ['serve'], flags: SERVE_FLAGS },
  { command: ['worker'], flags: [...DATABASE_FLAGS, ...LOG_FLAGS, ...JOB_FLAGS] },
  { command: ['migrate'], flags: [...DATABASE_FLAGS, '--status'] },
  { command: ['user'], flags: [], subcommands: ['create'] },
  { command: ['user', 'create'], flags: ['--email', '--full-name', '--password-stdin', '--admin', '--project-name', ...DATABASE_FLAGS] },
  { command: ['version'], flags: [] },
];

test('--help and -h on every command exit 0, start nothing, and describe every flag and subcommand', () => {
  for (const { command, flags, subcommands = [] } of HELP) {
    const name = ['commandcenter', ...command].join(' ');
    const dataDir = join(tempDir(), 'never-created');
    const help = run([...command, '--help'], { env: { CC_DATA_DIR: dataDir } });
    assert.equal(help.status, 0, `${name} --help: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`^Usage: \\S*commandcenter${command.map((c) => ` ${c}`).join('')} \\[OPTIONS\\]`, 'm'), name);
    assert.equal(run([...command, '-h']).stdout, help.stdout, `${name} -h is --help`);
    assert.ok(!existsSync(dataDir), `${name} --help created the data directory`);
    const { options, subcommands: listed } = parseHelp(help.stdout);
    for (const flag of ['--help', ...flags]) assert.ok(options.has(flag), `${name} --help lists ${flag}:\n${help.stdout}`);
    for (const [flag, entry] of options) assert.ok(entry.description.length > 3, `${name} --help describes ${flag}`);
    for (const sub of subcommands) {
      assert.ok(listed.get(sub)?.description, `${name} --help lists and describes the subcommand ${sub}`);
    }
  }
});

test('serve --help names the environment variable of each of its settings', () => {
  const { options } = parseHelp(run(['serve', '--help']).stdout);
  const required = {
    '--host': 'CC_HOST', '--port': 'CC_PORT', '--data-dir': 'CC_DATA_DIR', '--database-url': 'CC_DATABASE_URL',
    '--log-level': 'CC_LOG_LEVEL', '--log-format': 'CC_LOG_FORMAT', '--cors-origin': 'CC_CORS_ORIGIN',
    '--max-body-bytes': 'CC_MAX_BODY_BYTES',
  };
  for (const [flag, env] of Object.entries(required)) assert.equal(options.get(flag)?.env, env, flag);
  for (const [flag, entry] of options) {
    if (flag === '--help' || flag === '-h') continue;
    assert.match(entry.env ?? '', /^CC_[A-Z_]+$/, `${flag} has an environment variable`);
  }
});

test('bad flags and bad configuration print a clear message and exit non-zero', () => {
  const cases = [
    [['serve', '--port', '70000'], /port/i],
    [['serve', '--no-such-flag'], /no-such-flag/],
    [['serve', '--log-format', 'xml'], /log-format/],
    [['serve', '--login-rate-limit', 'lots'], /login-rate-limit|COUNT/],
    [['serve', '--database-url', 'mysql://localhost/db'], /database-url/],
    [['serve', '--cors-origin', 'ftp://x'], /cors-origin/],
    [['serve', '--job-concurrency', 'batch_import'], /TYPE=N/],
    [['serve', '--job-concurrency', 'batch_import=0'], /between 1 and 256/],
    [['worker', '--job-concurrency', 'batch_import=2,no_such_type=1'], /no job type "no_such_type"; the types are batch_import/],
    [['frobnicate'], /frobnicate|subcommand/i],
    [[], /subcommand/i],
  ];
  for (const [args, pattern] of cases) {
    const res = run(args, { env: { CC_DATA_DIR: tempDir() } });
    assert.notEqual(res.status, 0, args.join(' '));
    assert.match(res.stderr + res.stdout, pattern, args.join(' '));
  }
  const env = run(['serve'], { env: { CC_PORT: 'eighty', CC_DATA_DIR: tempDir() } });
  assert.notEqual(env.status, 0);
  assert.match(env.stderr, /port/i);
  const short = run(['serve', '--data-dir', tempDir()], { env: { CC_JWT_SECRET: 'too-short' } });
  assert.equal(short.status, 2);
  assert.match(short.stderr, /CC_JWT_SECRET/);
});

test('an unreachable PostgreSQL stops serve with a message', () => {
  const res = run(['serve', '--port', '0', '--data-dir', tempDir(), '--database-url', 'postgresql://nobody@127.0.0.1:1/none']);
  assert.equal(res.status, 1);
  assert.match(res.stderr, /PostgreSQL/);
});

test('migrate applies the schema once; a second run changes nothing; --status reports it', () => {
  const dir = tempDir();
  const dbArgs = databaseArgs();
  const pending = run(['migrate', '--status', '--data-dir', dir, ...dbArgs]);
  assert.equal(pending.status, 1);
  assert.match(pending.stdout, /pending/);
  const first = run(['migrate', '--data-dir', dir, ...dbArgs]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /applied [1-9]\d* migration/);
  const second = run(['migrate', '--data-dir', dir, ...dbArgs]);
  assert.match(second.stdout, /applied 0 migration/);
  const status = run(['migrate', '--status', '--data-dir', dir, ...dbArgs]);
  assert.equal(status.status, 0);
  assert.match(status.stdout, /0 pending/);
});

test('user create --admin makes the first administrator and project; the server then needs no setup', async () => {
  const dir = tempDir();
  const dbArgs = databaseArgs();
  const missingStdin = run(['user', 'create', '--email', 'ops@example.com', '--admin', '--data-dir', dir, ...dbArgs]);
  assert.equal(missingStdin.status, 2);
  assert.match(missingStdin.stderr, /password-stdin/);
  const weak = run(['user', 'create', '--email', 'ops@example.com', '--password-stdin', '--data-dir', dir, ...dbArgs], { input: 'short\n' });
  assert.equal(weak.status, 2);
  assert.match(weak.stderr, /password/);
  const created = run(['user', 'create', '--email', 'Ops@Example.com', '--admin', '--password-stdin', '--project-name', 'Platform', '--data-dir', dir, ...dbArgs], { input: `${PASSWORD}\n` });
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /administrator ops@example.com/);
  const duplicate = run(['user', 'create', '--email', 'ops@example.com', '--password-stdin', '--data-dir', dir, ...dbArgs], { input: `${PASSWORD}\n` });
  assert.equal(duplicate.status, 1);
  assert.match(duplicate.stderr, /already/);

  const server = new TestServer({ dataDir: dir, database: dbArgs.length ? { url: dbArgs[1], drop() {} } : null });
  await server.start();
  cleanup.push(() => server.process.kill());
  assert.equal(server.setupToken, null, 'no setup token once an administrator exists');
  const login = await request(server, 'POST', '/api/v1/auth/login', { body: { email: 'ops@example.com', password: PASSWORD } });
  assert.equal(login.status, 200);
  const projects = await request(server, 'GET', '/api/v1/projects', { token: login.json.access_token });
  assert.deepEqual(projects.json.map((p) => [p.name, p.role]), [['Platform', 'owner']]);
  await server.stop();
});

// Only the embedded shape has this rule: PostgreSQL deployments run many servers against one database.
const sqliteOnly = onPostgres() ? () => {} : test;
sqliteOnly('a second server on the same SQLite data directory refuses to start', async () => {
  const first = new TestServer();
  await first.start();
  cleanup.push(() => first.process.kill());
  const second = run(['serve', '--port', '0', '--data-dir', first.dataDir]);
  assert.equal(second.status, 1);
  assert.match(second.stderr, /another commandcenter serve is using the data directory/);
  await first.dispose();
});

test('generated secrets are private to the owner', async () => {
  const dir = tempDir();
  const server = new TestServer({ dataDir: dir, env: { CC_JWT_SECRET: '' } });
  // An empty CC_JWT_SECRET means "generate one into the data directory".
  await server.start();
  await server.stop();
  const secret = join(dir, 'secrets', 'jwt_secret');
  assert.equal(statSync(secret).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'secrets')).mode & 0o777, 0o700);
  assert.ok(readFileSync(secret, 'utf8').trim().length >= 60);
  if (server.database) server.database.drop();
});

// ---- Every serve setting as an environment variable ----
// These servers are started with `serve` alone: every setting comes from the environment (none inherited from
// the test runner's), so each effect below can only come from its CC_* variable. Each check differs from what the
// default would give.

function serveEnv(env) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CC_')));
  return { ...base, ...env };
}

// A database for one server: on PostgreSQL a fresh database (as CC_DATABASE_URL), on SQLite the data directory.
function databaseEnv() {
  return onPostgres() ? { CC_DATABASE_URL: databaseArgs()[1] } : {};
}

class Serve {
  constructor(env, args = [], command = 'serve') {
    this.env = env;
    this.args = [command, ...args];
    this.lines = [];
    this.stderr = '';
  }

  start() {
    const child = spawn(BINARY, this.args, { env: serveEnv(this.env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    cleanup.push(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
    this.closed = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    createInterface({ input: child.stdout }).on('line', (line) => this.lines.push(line));
    return this;
  }

  get running() { return this.child.exitCode === null && this.child.signalCode === null; }

  events(name) {
    return this.lines.flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry.event === name ? [entry] : [];
      } catch {
        return [];
      }
    });
  }

  // Waits for a log event (JSON logs), failing at once if the process exits instead.
  async event(name, what = name) {
    return until(() => {
      if (!this.running) throw new Error(`serve exited before ${what}:\n${this.stderr}`);
      return this.events(name)[0];
    }, what, 30000);
  }

  async listening(host = '127.0.0.1') {
    const entry = await this.event('server.listening', 'listening');
    this.baseUrl = `http://${host}:${entry.port}`;
    return entry;
  }

  async stop(signal = 'SIGTERM') {
    if (this.running) this.child.kill(signal);
    return this.closed;
  }
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const refusesConnections = (host, port) => new Promise((resolve) => {
  const socket = net.connect(port, host);
  socket.on('connect', () => { socket.destroy(); resolve(false); });
  socket.on('error', (error) => resolve(error.code === 'ECONNREFUSED'));
});

async function setupThrough(server, token) {
  const res = await request(server, 'POST', '/api/v1/auth/setup', {
    body: { token, email: 'env@example.com', password: PASSWORD, project_name: 'Env' },
  });
  assert.equal(res.status, 201, res.text);
  return client(server, res.json.access_token, res.json.project.id);
}

// Each CC_* variable of `serve --help`, and the test below that shows it taking effect.
const ENV_TESTS = {
  network: ['CC_HOST', 'CC_PORT', 'CC_DATA_DIR', 'CC_DATABASE_URL', 'CC_LOG_FORMAT', 'CC_LOG_LEVEL', 'CC_IO_THREADS',
    'CC_BLOCKING_THREADS', 'CC_WRITE_THREADS'],
  http: ['CC_MAX_BODY_BYTES', 'CC_CORS_ORIGIN', 'CC_REGISTRATION', 'CC_ASSETS_DIR', 'CC_MAX_UPLOAD_BYTES',
    'CC_GITHUB_API_URL', 'CC_WORKERS', 'CC_NO_SCHEDULER'],
  limits: ['CC_LOGIN_RATE_LIMIT', 'CC_REGISTER_RATE_LIMIT', 'CC_REFRESH_RATE_LIMIT', 'CC_USER_RATE_LIMIT', 'CC_TRUST_PROXY'],
  timeouts: ['CC_HEADER_TIMEOUT', 'CC_BODY_TIMEOUT', 'CC_IDLE_TIMEOUT', 'CC_SHUTDOWN_GRACE'],
  jobs: ['CC_NO_WORKERS', 'CC_JOB_LEASE_SECONDS', 'CC_JOB_STOP_GRACE', 'CC_JOB_RETENTION_DAYS'],
  // Their effects need handlers that fail, ignore cancellation or run side by side (tests/unit/job_queue_test.cpp):
  // here, that the variable reaches its option — a bad value in it is refused by the option's name.
  bound: ['CC_JOB_RETRY_BASE_MS', 'CC_JOB_ABANDON_SECONDS', 'CC_JOB_CONCURRENCY'],
};

test('every environment variable that serve --help names is exercised below', () => {
  const { options } = parseHelp(run(['serve', '--help']).stdout);
  const named = [...new Set([...options.values()].map((o) => o.env).filter(Boolean))].sort();
  assert.deepEqual(Object.values(ENV_TESTS).flat().sort(), named);
});

test('env: CC_HOST, CC_PORT, CC_DATA_DIR, CC_DATABASE_URL, CC_LOG_FORMAT=json, CC_LOG_LEVEL=debug and the thread counts', async () => {
  const port = await freePort('127.0.0.2');
  const dataDir = join(tempDir(), 'data');
  const elsewhere = join(tempDir(), 'elsewhere.db');
  const databaseUrl = onPostgres() ? databaseEnv().CC_DATABASE_URL : `sqlite:${elsewhere}`;
  const serve = new Serve({
    CC_HOST: '127.0.0.2', CC_PORT: String(port), CC_DATA_DIR: dataDir, CC_DATABASE_URL: databaseUrl,
    CC_LOG_FORMAT: 'json', CC_LOG_LEVEL: 'debug', CC_IO_THREADS: '1', CC_BLOCKING_THREADS: '3', CC_WRITE_THREADS: '5',
  }).start();
  const listening = await serve.listening('127.0.0.2');
  assert.deepEqual(
    [listening.host, listening.port, listening.io_threads, listening.blocking_threads, listening.write_threads],
    ['127.0.0.2', port, 1, 3, 5]);
  assert.equal((await request(serve, 'GET', '/health')).status, 200);
  assert.equal(await refusesConnections('127.0.0.1', port), true, 'nothing listens on the default host');

  // Debug lines are written: a rejected token is logged at debug level only.
  assert.equal((await request(serve, 'GET', '/api/v1/auth/me', { token: 'not-a-token' })).status, 401);
  const rejected = await serve.event('auth.token_rejected', 'the debug line of a rejected token');
  assert.equal(rejected.level, 'debug');

  // The database is where CC_DATABASE_URL says; CC_DATA_DIR holds the generated secrets.
  const [setup] = serve.events('setup.required');
  await setupThrough(serve, setup.setup_token);
  assert.ok(existsSync(join(dataDir, 'secrets', 'jwt_secret')), 'the generated secret is in CC_DATA_DIR');
  assert.ok(!existsSync(join(dataDir, 'commandcenter.db')), 'no database in the data directory');
  const users = onPostgres()
    ? sql({ database: { url: databaseUrl } }, 'SELECT email FROM users')
    : execFileSync('sqlite3', [elsewhere, 'SELECT email FROM users']).toString().trim().split('\n').map((l) => [l]);
  assert.deepEqual(users, [['env@example.com']]);

  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
  for (const line of serve.lines) {
    const entry = JSON.parse(line);
    assert.ok(entry.ts && entry.level && entry.event, `a JSON log line: ${line}`);
  }
});

test('env: CC_LOG_FORMAT=text writes text lines and CC_LOG_LEVEL=warn leaves out info', async () => {
  const port = await freePort('127.0.0.1');
  const serve = new Serve({ CC_PORT: String(port), CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_LOG_FORMAT: 'text', CC_LOG_LEVEL: 'warn' }).start();
  serve.baseUrl = `http://127.0.0.1:${port}`;
  // Without info lines nothing announces the port: ask it until it answers.
  await until(async () => {
    if (!serve.running) throw new Error(`serve exited:\n${serve.stderr}`);
    return (await request(serve, 'GET', '/health').catch(() => null))?.status === 200;
  }, 'serve to answer on CC_PORT');
  await until(() => serve.lines.some((line) => / setup\.required /.test(line)), 'the setup token line');
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
  assert.ok(serve.lines.some((line) => /^\S+Z warn setup\.required setup_token=\S+ hint=/.test(line)), serve.lines.join('\n'));
  for (const line of serve.lines) {
    assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (warn|error) [a-z_.]+( [a-z_]+=.*)?$/, 'a text line at warn or above');
  }
});

test('env: CC_MAX_BODY_BYTES, CC_CORS_ORIGIN, CC_REGISTRATION, CC_ASSETS_DIR, CC_MAX_UPLOAD_BYTES, CC_GITHUB_API_URL, CC_WORKERS, CC_NO_SCHEDULER', async () => {
  const github = await new FakeGitHub().start();
  cleanup.push(() => github.stop());
  const assets = tempDir();
  mkdirSync(join(assets, 'swagger-ui'));
  const css = `body { color: rebeccapurple } /* ${unique('assets')} */`;
  writeFileSync(join(assets, 'swagger-ui', 'swagger-ui.css'), css);
  const serve = new Serve({
    CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_MAX_BODY_BYTES: '4096',
    CC_CORS_ORIGIN: 'https://app.example.com,https://admin.example.com', CC_REGISTRATION: 'closed', CC_ASSETS_DIR: assets,
    CC_MAX_UPLOAD_BYTES: '2048', CC_GITHUB_API_URL: github.url, CC_WORKERS: '2', CC_NO_SCHEDULER: 'true',
  }).start();
  await serve.listening();

  // Closed even before the first administrator exists (auto would be open until then).
  assert.deepEqual((await request(serve, 'GET', '/api/v1/auth/setup')).json, { setup_required: true, registration_open: false });
  assertProblem(await request(serve, 'POST', '/api/v1/auth/register', { body: { email: 'r@example.com', password: PASSWORD } }), 403);

  // 4096 bytes: a 3,500-byte body is read (and refused for its content), a 5,000-byte one is not read at all.
  const [setup] = serve.events('setup.required');
  const padded = (size) => {
    const body = { token: setup.setup_token, email: 'env@example.com', password: PASSWORD, project_name: 'Env', full_name: '' };
    body.full_name = 'x'.repeat(size - JSON.stringify(body).length);
    assert.equal(JSON.stringify(body).length, size);
    return body;
  };
  assertProblem(await request(serve, 'POST', '/api/v1/auth/setup', { body: padded(3500) }), 422, 'full_name');
  assertProblem(await request(serve, 'POST', '/api/v1/auth/setup', { body: padded(5000) }), 413);
  const api = await setupThrough(serve, setup.setup_token);

  // CORS for the listed origins only, preflight included.
  const origin = async (value, method = 'GET') => (await request(serve, method, method === 'GET' ? '/health' : '/api/v1/technologies', {
    headers: { origin: value, ...(method === 'OPTIONS' ? { 'access-control-request-method': 'POST' } : {}) },
  })).header('access-control-allow-origin');
  assert.equal(await origin('https://admin.example.com'), 'https://admin.example.com');
  assert.equal(await origin('https://app.example.com', 'OPTIONS'), 'https://app.example.com');
  assert.equal(await origin('https://evil.example.com'), null);
  assert.equal(await origin('https://evil.example.com', 'OPTIONS'), null);

  // Swagger UI's files come from CC_ASSETS_DIR.
  const served = await request(serve, 'GET', '/docs/swagger-ui.css');
  assert.equal(served.status, 200);
  assert.equal(served.text, css);
  assert.equal(serve.events('assets.missing').length, 0);

  // Uploads above 2,048 bytes are refused (the multipart body stays under CC_MAX_BODY_BYTES).
  const task = await createTask(api);
  assertProblem(await upload(api, task.id, { bytes: 'u'.repeat(3000) }), 413);
  assert.equal((await upload(api, task.id, { bytes: 'u'.repeat(1000) })).status, 201);

  // Repository sync asks the GitHub at CC_GITHUB_API_URL.
  const repository = await createRepository(api, { owner: 'env-org', name: 'env-repo' });
  github.set('env-org', 'env-repo', { stars: 42 });
  const synced = await api.post(`/api/v1/repositories/${repository.id}/sync`, {});
  assert.equal(synced.status, 200, synced.text);
  assert.equal((await api.get(`/api/v1/repositories/${repository.id}`)).json.stars, 42);
  assert.ok(github.requests.some((r) => r.url === '/repos/env-org/env-repo'));

  // Two job threads, no scheduler.
  const health = (await request(serve, 'GET', '/health/detailed')).json;
  assert.equal(health.components.workers.threads, 2);
  assert.equal(health.components.scheduler.status, 'disabled');
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
});

test('env: CC_LOGIN_RATE_LIMIT, CC_REGISTER_RATE_LIMIT, CC_REFRESH_RATE_LIMIT, CC_USER_RATE_LIMIT; without CC_TRUST_PROXY X-Forwarded-For is ignored', async () => {
  const serve = new Serve({
    CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_LOGIN_RATE_LIMIT: '3/minute',
    CC_REGISTER_RATE_LIMIT: '1/hour', CC_REFRESH_RATE_LIMIT: '1/minute', CC_USER_RATE_LIMIT: '3/minute',
  }).start();
  await serve.listening();
  const limited = (res) => {
    assertProblem(res, 429);
    assert.ok(Number(res.header('retry-after')) > 0, 'Retry-After');
  };
  // Registration is open until setup: one per hour (the default allows five).
  assert.equal((await request(serve, 'POST', '/api/v1/auth/register', { body: { email: 'one@example.com', password: PASSWORD } })).status, 201);
  limited(await request(serve, 'POST', '/api/v1/auth/register', { body: { email: 'two@example.com', password: PASSWORD } }));
  // Setup and sign-in share the three attempts a minute (the default allows ten); another forwarded address
  // changes nothing, since proxies are not trusted.
  const api = await setupThrough(serve, serve.events('setup.required')[0].setup_token);
  const wrongLogin = (headers = {}) => request(serve, 'POST', '/api/v1/auth/login', { body: { email: 'env@example.com', password: 'not the password' }, headers });
  assert.equal((await wrongLogin()).status, 401);
  assert.equal((await wrongLogin()).status, 401);
  limited(await wrongLogin());
  limited(await wrongLogin({ 'x-forwarded-for': '203.0.113.9' }));
  // One refresh a minute (the default allows thirty).
  const refresh = () => request(serve, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: 'not-a-token' } });
  assert.equal((await refresh()).status, 401);
  limited(await refresh());
  // Three requests a minute per signed-in user (off by default).
  for (let i = 0; i < 3; i++) assert.equal((await api.get('/api/v1/auth/me')).status, 200);
  limited(await api.get('/api/v1/auth/me'));
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
});

test('env: CC_TRUST_PROXY takes the client address from X-Forwarded-For', async () => {
  const serve = new Serve({ CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_TRUST_PROXY: 'true', CC_LOGIN_RATE_LIMIT: '1/minute' }).start();
  await serve.listening();
  const wrongLogin = (address) => request(serve, 'POST', '/api/v1/auth/login', {
    body: { email: 'nobody@example.com', password: 'not the password' }, headers: { 'x-forwarded-for': address },
  });
  assert.equal((await wrongLogin('203.0.113.1')).status, 401);
  assertProblem(await wrongLogin('203.0.113.1'), 429);
  assert.equal((await wrongLogin('203.0.113.2')).status, 401, 'another forwarded address is another client');
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
});

// One TCP connection: what it received, and a promise of everything received once the server closed it.
function rawConnection(port, text) {
  const socket = net.connect(port, '127.0.0.1');
  const connection = { received: '', socket };
  socket.on('data', (chunk) => { connection.received += chunk.toString(); });
  socket.on('error', () => {});
  connection.closed = new Promise((resolve) => socket.on('close', () => resolve(connection.received)));
  socket.write(text);
  return connection;
}

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('env: CC_HEADER_TIMEOUT, CC_BODY_TIMEOUT and CC_IDLE_TIMEOUT close slow connections long before their defaults', async () => {
  const cases = [
    // [variable, settings, what the client sends, the reply expected before the close, bound below the default]
    ['CC_HEADER_TIMEOUT', { CC_HEADER_TIMEOUT: '1', CC_BODY_TIMEOUT: '3600', CC_IDLE_TIMEOUT: '3600' },
      'GET /health HTTP/1.1\r\nHost: x\r\n', /^$/, 8000],
    ['CC_BODY_TIMEOUT', { CC_BODY_TIMEOUT: '1', CC_HEADER_TIMEOUT: '600', CC_IDLE_TIMEOUT: '3600' },
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em', /^$/, 20000],
    ['CC_IDLE_TIMEOUT', { CC_IDLE_TIMEOUT: '1', CC_HEADER_TIMEOUT: '600', CC_BODY_TIMEOUT: '3600' },
      'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 200 /, 40000],
  ];
  for (const [variable, settings, text, reply, bound] of cases) {
    const serve = new Serve({ CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), ...settings }).start();
    await serve.listening();
    const connection = rawConnection(new URL(serve.baseUrl).port, text);
    const received = await within(connection.closed, bound, `${variable}: the server closing the connection`);
    assert.match(received, reply, variable);
    assert.equal((await request(serve, 'GET', '/health')).status, 200, `${variable}: the server carries on`);
    assert.deepEqual(await serve.stop(), { code: 0, signal: null });
  }
});

test('env: CC_SHUTDOWN_GRACE bounds how long SIGTERM waits for a request in flight', async () => {
  const serve = new Serve({ CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_SHUTDOWN_GRACE: '1', CC_BODY_TIMEOUT: '3600' }).start();
  await serve.listening();
  const connection = rawConnection(new URL(serve.baseUrl).port,
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n');
  await until(() => connection.received.startsWith('HTTP/1.1 100 Continue'), 'the request to be in flight');
  serve.child.kill('SIGTERM');
  // The default grace is 20 s.
  assert.deepEqual(await within(serve.closed, 12000, 'the shutdown'), { code: 0, signal: null });
  assert.deepEqual(serve.events('server.shutdown_timeout').map((e) => e.connections), [1]);
  connection.socket.destroy();
});

test('env: CC_NO_WORKERS runs no jobs in this process', async () => {
  const serve = new Serve({ CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_NO_WORKERS: 'true' }).start();
  await serve.listening();
  assert.equal((await request(serve, 'GET', '/health/detailed')).json.components.workers.status, 'disabled');
  assert.equal((await serve.event('jobs.started')).workers, 0);
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
});

test('env: CC_JOB_LEASE_SECONDS sets a running job\'s lease, and CC_JOB_STOP_GRACE=0 hands it back at SIGTERM', async () => {
  const database = databaseEnv();
  const dataDir = tempDir();
  const serve = new Serve({ CC_PORT: '0', CC_DATA_DIR: dataDir, ...database, CC_WORKERS: '1', CC_JOB_LEASE_SECONDS: '3600', CC_JOB_STOP_GRACE: '0' }).start();
  await serve.listening();
  const api = await setupThrough(serve, serve.events('setup.required')[0].setup_token);
  // A subscriber to the project's events makes each row publish a progress event: the import runs a while.
  const events = await openWithToken(serve, `/api/v1/ws?project_id=${api.project}`, api.token);
  await events.next((m) => m.type === 'connected');
  const technologies = Array.from({ length: 10000 }, (_, i) => ({ title: `lease-${i}` }));
  const created = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies }, dispatch: true });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  await events.next((m) => m.event === 'job.progress' && m.data.job_id === id && m.data.progress >= 5, 60000);

  const target = { dataDir, database: database.CC_DATABASE_URL ? { url: database.CC_DATABASE_URL } : null };
  const leaseSeconds = onPostgres()
    ? `EXTRACT(EPOCH FROM lease_expires_at - started_at)`
    : `(julianday(lease_expires_at) - julianday(started_at)) * 86400`;
  const [[status, lease]] = sql(target, `SELECT status, ${leaseSeconds} FROM jobs WHERE id = ${id}`);
  assert.equal(status, 'running');
  assert.ok(Number(lease) > 3000, `the lease runs an hour from the start, not 30 s: ${lease}`);

  // With no grace the job is handed back at once instead of finishing (the default gives it 20 s).
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
  events.terminate();
  const [[after, attempts]] = sql(target, `SELECT status, attempts FROM jobs WHERE id = ${id}`);
  assert.deepEqual([after, attempts], ['pending', '0']);
  const imported = Number(sql(target, "SELECT COUNT(*) FROM technologies WHERE title LIKE 'lease-%'")[0][0]);
  assert.ok(imported < 10000, `handed back before the end (${imported} rows)`);
});

test('env: CC_JOB_RETENTION_DAYS purges jobs that ended longer ago, and keeps the rest', async () => {
  const database = databaseEnv();
  const dataDir = tempDir();
  const target = { dataDir, database: database.CC_DATABASE_URL ? { url: database.CC_DATABASE_URL } : null };
  const first = new Serve({ CC_PORT: '0', CC_DATA_DIR: dataDir, ...database, CC_WORKERS: '1' }).start();
  await first.listening();
  const api = await setupThrough(first, first.events('setup.required')[0].setup_token);
  const ids = [];
  for (const title of ['old-job-row', 'recent-job-row']) {
    const res = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: [{ title }] }, dispatch: true });
    assert.equal(res.status, 201, res.text);
    ids.push(res.json.id);
  }
  await until(async () => {
    const statuses = await Promise.all(ids.map(async (id) => (await api.get(`/api/v1/jobs/${id}`)).json.status));
    return statuses.every((s) => s === 'completed');
  }, 'both jobs to complete');
  assert.deepEqual(await first.stop(), { code: 0, signal: null });
  sql(target, `UPDATE jobs SET created_at = '2001-01-01T00:00:00.000000Z', completed_at = '2001-01-01T00:00:01.000000Z' WHERE id = ${ids[0]}`);

  const second = new Serve({ CC_PORT: '0', CC_DATA_DIR: dataDir, ...database, CC_JOB_RETENTION_DAYS: '1' }).start();
  await second.listening();
  const purged = await second.event('jobs.purged', 'the retention purge');
  assert.equal(purged.jobs, 1);
  assert.deepEqual(sql(target, 'SELECT id FROM jobs ORDER BY id').map(([id]) => Number(id)), [ids[1]]);
  assert.deepEqual(await second.stop(), { code: 0, signal: null });
});

test('env: a bad value in any CC_* variable is refused by its option\'s name, before anything starts', () => {
  const cases = [
    [{ CC_PORT: 'eighty' }, /--port/], [{ CC_PORT: '70000' }, /--port/],
    [{ CC_DATABASE_URL: 'mysql://localhost/db' }, /--database-url/], [{ CC_LOG_LEVEL: 'loud' }, /--log-level/],
    [{ CC_LOG_FORMAT: 'xml' }, /--log-format/], [{ CC_CORS_ORIGIN: 'ftp://x' }, /--cors-origin/],
    [{ CC_MAX_BODY_BYTES: '10' }, /--max-body-bytes/], [{ CC_MAX_BODY_BYTES: '-5' }, /--max-body-bytes/],
    [{ CC_IO_THREADS: 'many' }, /--io-threads/],
    [{ CC_BLOCKING_THREADS: '5000' }, /--blocking-threads/], [{ CC_WRITE_THREADS: '-1' }, /--write-threads/],
    [{ CC_REGISTRATION: 'sometimes' }, /--registration/], [{ CC_LOGIN_RATE_LIMIT: 'lots' }, /--login-rate-limit/],
    [{ CC_REGISTER_RATE_LIMIT: '5/fortnight' }, /--register-rate-limit/], [{ CC_REFRESH_RATE_LIMIT: 'x' }, /--refresh-rate-limit/],
    [{ CC_USER_RATE_LIMIT: '-1/minute' }, /--user-rate-limit/], [{ CC_TRUST_PROXY: 'perhaps' }, /--trust-proxy/],
    [{ CC_GITHUB_API_URL: 'ftp://github' }, /--github-api-url/], [{ CC_MAX_UPLOAD_BYTES: '10' }, /--max-upload-bytes/],
    [{ CC_MAX_UPLOAD_BYTES: '-1' }, /--max-upload-bytes/], [{ CC_HOST: '999.1.1.1' }, /--host/],
    [{ CC_IDLE_TIMEOUT: '0' }, /--idle-timeout/], [{ CC_HEADER_TIMEOUT: '601' }, /--header-timeout/],
    [{ CC_BODY_TIMEOUT: '0' }, /--body-timeout/], [{ CC_SHUTDOWN_GRACE: '-1' }, /--shutdown-grace/],
    [{ CC_WORKERS: '999' }, /--workers/], [{ CC_NO_WORKERS: 'maybe' }, /--no-workers/], [{ CC_NO_SCHEDULER: 'maybe' }, /--no-scheduler/],
    [{ CC_JOB_LEASE_SECONDS: '1' }, /--job-lease-seconds/], [{ CC_JOB_RETRY_BASE_MS: '0' }, /--job-retry-base-ms/],
    [{ CC_JOB_ABANDON_SECONDS: '0' }, /--job-abandon-seconds/], [{ CC_JOB_STOP_GRACE: '-1' }, /--job-stop-grace/],
    [{ CC_JOB_RETENTION_DAYS: '-1' }, /--job-retention-days/], [{ CC_JOB_CONCURRENCY: 'batch_import' }, /--job-concurrency/],
    [{ CC_JOB_CONCURRENCY: 'batch_import=0' }, /--job-concurrency batch_import=0: the limit must be between 1 and 256/],
  ];
  for (const [env, pattern] of cases) {
    const dataDir = join(tempDir(), 'never-created');
    const res = run(['serve'], { env: serveEnv({ CC_DATA_DIR: dataDir, ...env }), only: true });
    const label = JSON.stringify(env);
    assert.equal(res.status, 2, `${label}: ${res.stderr}`);
    assert.match(res.stderr, pattern, label);
    assert.ok(!existsSync(dataDir), `${label}: refused before touching the data directory`);
  }
  // Job types are known once the job system is built, after the database is open: an unknown one is refused
  // then, by name, with exit status 1.
  const unknownType = run(['serve'], { env: serveEnv({ CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_PORT: '0', CC_JOB_CONCURRENCY: 'no_such_type=1' }), only: true });
  assert.equal(unknownType.status, 1, unknownType.stderr);
  assert.match(unknownType.stderr, /--job-concurrency: no job type "no_such_type"; the types are batch_import/);
});

test('env: good values of CC_JOB_RETRY_BASE_MS, CC_JOB_ABANDON_SECONDS and CC_JOB_CONCURRENCY are accepted', async () => {
  const serve = new Serve({
    CC_PORT: '0', CC_DATA_DIR: tempDir(), ...databaseEnv(), CC_JOB_RETRY_BASE_MS: '10', CC_JOB_ABANDON_SECONDS: '5',
    CC_JOB_CONCURRENCY: 'batch_import=1',
  }).start();
  await serve.listening();
  assert.equal((await request(serve, 'GET', '/health/ready')).status, 200);
  assert.deepEqual(await serve.stop(), { code: 0, signal: null });
});

// ---- migrate and user create: bad flags and bad values ----

test('migrate: bad flags and bad values exit non-zero with a clear message and create nothing', () => {
  const dataDir = tempDir();
  const cases = [
    [['migrate', '--data-dir', dataDir, '--no-such-flag'], 2, /not expected: --no-such-flag/],
    [['migrate', '--data-dir', dataDir, 'extra'], 2, /not expected: extra/],
    [['migrate', '--data-dir'], 2, /--data-dir: 1 required TEXT missing/],
    [['migrate', '--data-dir', dataDir, '--database-url', 'mysql://localhost/db'], 1, /unsupported database URL \(expected postgresql:\/\/… or sqlite:<path>\)/],
    [['migrate', '--data-dir', dataDir, '--database-url', 'postgresql://nobody@127.0.0.1:1/none'], 1, /cannot connect to PostgreSQL/],
    [['migrate', '--data-dir', '/proc/commandcenter-data'], 1, /cannot create data directory \/proc\/commandcenter-data/],
  ];
  for (const [args, status, pattern] of cases) {
    const res = run(args);
    assert.equal(res.status, status, `${args.join(' ')}: ${res.stderr}`);
    assert.match(res.stderr, pattern, args.join(' '));
  }
  assert.deepEqual(readdirSync(dataDir), [], 'no database was created');
});

// The users of a migrated database, to show that a refused `user create` created no one.
function migratedUserStore() {
  const dir = tempDir();
  const dbArgs = databaseArgs();
  const migrated = run(['migrate', '--data-dir', dir, ...dbArgs]);
  assert.equal(migrated.status, 0, migrated.stderr);
  const target = { dataDir: dir, database: dbArgs.length ? { url: dbArgs[1] } : null };
  return { args: ['--data-dir', dir, ...dbArgs], dataDirArgs: ['--data-dir', dir], users: () => sql(target, 'SELECT email FROM users ORDER BY id').map(([email]) => email) };
}

test('user create: bad flags and bad values exit non-zero with a clear message and create no user', () => {
  const store = migratedUserStore();
  const password = `${PASSWORD}\n`;
  const cases = [
    [['--password-stdin'], password, 2, /--email is required/],
    [['--email', 'a@example.com', '--email', 'b@example.com', '--password-stdin'], password, 2, /--email: At Most 1 required but received 2/],
    [['--email', 'not-an-email', '--password-stdin'], password, 2, /email: must be a valid email address/],
    [['--email', '', '--password-stdin'], password, 2, /email: /],
    [['--email', 'a@example.com', '--password-stdin'], '\n', 2, /password: must be at least 8 characters/],
    [['--email', 'a@example.com', '--password-stdin'], `${'x'.repeat(300)}\n`, 2, /password: must be at most 256 characters/],
    [['--email', 'a@example.com'], password, 2, /--password-stdin/],
    [['--email', 'a@example.com', '--password-stdin', '--no-such-flag'], password, 2, /not expected: --no-such-flag/],
    [['--email', 'a@example.com', '--password-stdin', '--admin', '--project-name'], password, 2, /--project-name: 1 required TEXT missing/],
  ];
  const badDatabases = [
    [['--database-url', 'mysql://localhost/db'], 1, /unsupported database URL/],
    [['--database-url', 'postgresql://nobody@127.0.0.1:1/none'], 1, /cannot connect to PostgreSQL/],
  ];
  for (const [flags, status, pattern] of badDatabases) {
    const res = run(['user', 'create', '--email', 'a@example.com', '--password-stdin', ...store.dataDirArgs, ...flags], { input: password });
    assert.equal(res.status, status, `${flags.join(' ')}: ${res.stderr}`);
    assert.match(res.stderr, pattern, flags.join(' '));
  }
  for (const [flags, input, status, pattern] of cases) {
    const res = run(['user', 'create', ...store.args, ...flags], { input });
    assert.equal(res.status, status, `${flags.join(' ')}: ${res.stderr}`);
    assert.match(res.stderr, pattern, flags.join(' '));
  }
  for (const [args, pattern] of [[['user'], /subcommand/i], [['user', 'remove', '--email', 'a@example.com'], /Unknown command 'commandcenter user remove'/]]) {
    const res = run([...args, ...store.args], { input: password });
    assert.equal(res.status, 2, args.join(' '));
    assert.match(res.stderr, pattern, args.join(' '));
  }
  assert.deepEqual(store.users(), [], 'no user was created');
});

// The API refuses these in POST /api/v1/auth/setup (project_name 1–255 characters after trimming, full_name at
// most 255); `user create --admin` is its shell equivalent and must refuse them too.
test('user create refuses the project and full names that setup refuses, and creates no user', () => {
  const store = migratedUserStore();
  const cases = [
    [['--admin', '--project-name', ''], /project.name/i],
    [['--admin', '--project-name', '   '], /project.name/i],
    [['--admin', '--project-name', 'p'.repeat(256)], /project.name/i],
    [['--full-name', 'f'.repeat(256)], /full.name/i],
  ];
  for (const [i, [flags, pattern]] of cases.entries()) {
    const label = flags.map((f) => (f.length > 20 ? `<${f.length} characters>` : JSON.stringify(f))).join(' ');
    const res = run(['user', 'create', '--email', `case${i}@example.com`, '--password-stdin', ...store.args, ...flags], { input: `${PASSWORD}\n` });
    assert.equal(res.status, 2, `${label}: exit ${res.status}, ${res.stdout}${res.stderr}`);
    assert.match(res.stderr, pattern, label);
    assert.deepEqual(store.users(), [], `${label} created no user`);
  }
});

// A flag on the command line wins over its CC_* variable, as for every other option: a CC_DATABASE_URL left in
// the environment must not redirect `migrate --database-url …` to another database. Checked for the options that
// several commands share (the database, logging and job settings), each command on its own.
describe('a flag on the command line wins over its environment variable', () => {
  const dirs = () => ({ fromEnv: tempDir(), fromFlag: tempDir() });
  const holdsDatabase = (dir) => existsSync(join(dir, 'commandcenter.db'));

  test('migrate --data-dir and --database-url', () => {
    const { fromEnv, fromFlag } = dirs();
    const ignored = [];
    const res = run(['migrate', '--data-dir', fromFlag], { env: { CC_DATA_DIR: fromEnv } });
    assert.equal(res.status, 0, res.stderr);
    if (!holdsDatabase(fromFlag) || holdsDatabase(fromEnv)) ignored.push('--data-dir (CC_DATA_DIR won)');
    const other = dirs();
    const url = run(['migrate', '--data-dir', other.fromFlag, '--database-url', `sqlite:${join(other.fromFlag, 'flag.db')}`],
      { env: { CC_DATABASE_URL: `sqlite:${join(other.fromEnv, 'env.db')}` } });
    assert.equal(url.status, 0, url.stderr);
    if (!existsSync(join(other.fromFlag, 'flag.db')) || existsSync(join(other.fromEnv, 'env.db'))) ignored.push('--database-url (CC_DATABASE_URL won)');
    assert.deepEqual(ignored, [], 'migrate ignored flags in favour of the environment');
  });

  test('user create --data-dir', () => {
    const { fromEnv, fromFlag } = dirs();
    const res = run(['user', 'create', '--email', 'flag@example.com', '--password-stdin', '--data-dir', fromFlag], { input: `${PASSWORD}\n`, env: { CC_DATA_DIR: fromEnv } });
    assert.equal(res.status, 0, res.stderr);
    assert.deepEqual([holdsDatabase(fromFlag), holdsDatabase(fromEnv)], [true, false]);
  });

  test('serve --data-dir, --log-format, --log-level and --workers', async () => {
    const { fromEnv, fromFlag } = dirs();
    const serve = new Serve({ CC_DATA_DIR: fromEnv, CC_LOG_FORMAT: 'text', CC_LOG_LEVEL: 'warn', CC_WORKERS: '3' },
      ['--port', '0', '--data-dir', fromFlag, '--log-format', 'json', '--log-level', 'info', '--workers', '1']).start();
    await until(() => {
      if (!serve.running) throw new Error(`serve exited:\n${serve.stderr}`);
      return serve.lines.some((line) => /setup[._]required/.test(line));
    }, 'serve to start');
    assert.deepEqual(await serve.stop(), { code: 0, signal: null });
    // Each flag is checked on its own; all that did not win are reported together.
    const ignored = [];
    if (!serve.lines.every((line) => line.startsWith('{'))) ignored.push('--log-format json (CC_LOG_FORMAT=text won)');
    if (serve.lines.every((line) => !/\binfo\b/.test(line))) ignored.push('--log-level info (CC_LOG_LEVEL=warn won)');
    if (!serve.lines.some((line) => /jobs\.started.*"?workers"?[:=]1\b/.test(line))) ignored.push('--workers 1 (CC_WORKERS=3 won)');
    if (!holdsDatabase(fromFlag) || holdsDatabase(fromEnv)) ignored.push('--data-dir (CC_DATA_DIR won)');
    assert.deepEqual(ignored, [], `serve ignored flags in favour of the environment:\n${serve.lines.join('\n')}`);
  });

  // The database the worker opens (and migrates) shows which setting won: on SQLite the data directory, on
  // PostgreSQL the URL.
  test(`worker ${onPostgres() ? '--database-url' : '--data-dir'}`, async () => {
    const { fromEnv, fromFlag } = dirs();
    let worker;
    if (onPostgres()) {
      const [envUrl, flagUrl] = [databaseArgs()[1], databaseArgs()[1]];
      worker = new Serve({ CC_DATA_DIR: fromEnv, CC_DATABASE_URL: envUrl }, ['--data-dir', fromFlag, '--database-url', flagUrl], 'worker').start();
      const started = await worker.event('worker.started', 'the worker to start');
      assert.deepEqual(await worker.stop(), { code: 0, signal: null });
      const migrated = (url) => sql({ database: { url } }, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'")[0][0] === '1';
      assert.deepEqual([migrated(flagUrl), migrated(envUrl)], [true, false],
        `worker --database-url: the flag's database is used, not CC_DATABASE_URL's (it opened ${started.database})`);
    } else {
      worker = new Serve({ CC_DATA_DIR: fromEnv }, ['--data-dir', fromFlag], 'worker').start();
      await worker.event('worker.started', 'the worker to start');
      assert.deepEqual(await worker.stop(), { code: 0, signal: null });
      assert.deepEqual([holdsDatabase(fromFlag), holdsDatabase(fromEnv)], [true, false], 'worker --data-dir: the database belongs in the flag\'s directory');
    }
  });
});
