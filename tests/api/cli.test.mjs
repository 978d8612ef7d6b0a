// The command line: version, help, configuration errors, migrate, and creating the first administrator.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINARY, TestServer, onPostgres, createPostgresDatabase } from './support/server.mjs';
import { request } from './support/client.mjs';
import { PASSWORD } from './support/fixtures.mjs';

const cleanup = [];
after(() => { for (const fn of cleanup) fn(); });

function run(args, { input, env = {} } = {}) {
  try {
    const stdout = execFileSync(BINARY, args, { input, env: { ...process.env, ...env }, stdio: 'pipe', timeout: 60000 });
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

test('version and help', () => {
  const version = run(['version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^commandcenter \d+\.\d+\.\d+/);
  for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['user', 'create', '--help']]) {
    const help = run(args);
    assert.equal(help.status, 0, args.join(' '));
    assert.match(help.stdout, /Usage/);
  }
  assert.match(run(['serve', '--help']).stdout, /--database-url/);
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
