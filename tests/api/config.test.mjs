// Configuration of `serve`: host names as well as addresses, and a bad value refused before anything is
// touched — no database file, no data written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINARY, TestServer } from './support/server.mjs';
import { request } from './support/client.mjs';

const cleanup = [];
after(async () => { for (const fn of cleanup) await fn(); });

function run(args, env = {}) {
  try {
    const stdout = execFileSync(BINARY, args, { env: { ...process.env, ...env }, stdio: 'pipe', timeout: 60000 });
    return { status: 0, stdout: stdout.toString(), stderr: '' };
  } catch (error) {
    return { status: error.status, stdout: error.stdout.toString(), stderr: error.stderr.toString() };
  }
}

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-config-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a host name is resolved: --host localhost serves on the loopback address', async () => {
  const server = new TestServer({ args: ['--host', 'localhost', '--no-workers'] });
  cleanup.push(() => server.dispose());
  await server.start();
  const res = await request(server, 'GET', '/health');
  assert.equal(res.status, 200);
  assert.equal(server.logs.find((l) => l.event === 'server.listening').host, 'localhost');
});

test('a bad value is refused with a clear message before the data directory is touched', () => {
  const cases = [
    [['--host', '999.1.1.1'], /--host must be an IP address or a host name/],
    [['--host', 'bad_host!'], /--host must be an IP address or a host name/],
    [['--host', ''], /--host/],
    [['--max-body-bytes', '-5'], /--max-body-bytes: must be a number of bytes, not negative/],
    [['--max-upload-bytes', '-1'], /--max-upload-bytes: must be a number of bytes, not negative/],
    [['--cors-origin', 'example.com'], /--cors-origin entries must be http\(s\) origins/],
  ];
  for (const [args, message] of cases) {
    const dir = tempDir();
    const data = join(dir, 'data');
    const res = run(['serve', '--port', '0', '--data-dir', data, ...args]);
    assert.notEqual(res.status, 0, `${args.join(' ')} should be refused`);
    assert.match(res.stderr, message, args.join(' '));
    assert.deepEqual(readdirSync(dir), [], `${args.join(' ')}: nothing was created`);
  }
});

test('a mistyped command is named, with the list of commands, at every level', () => {
  const res = run(['serv']);
  assert.equal(res.status, 2);
  assert.match(res.stderr, /Unknown command 'commandcenter serv'; the commands are: serve, worker, migrate, user, version/);
  const sub = run(['user', 'remove', '--email', 'a@example.com']);
  assert.equal(sub.status, 2);
  assert.match(sub.stderr, /Unknown command 'commandcenter user remove'; the commands are: create/);
});

test('CC_CORS_ORIGIN is the environment name of --cors-origin (CC_CORS_ORIGINS still works)', async () => {
  for (const name of ['CC_CORS_ORIGIN', 'CC_CORS_ORIGINS']) {
    const server = new TestServer({ env: { [name]: 'https://radar.example.com' }, args: ['--no-workers'] });
    cleanup.push(() => server.dispose());
    await server.start();
    const allowed = await request(server, 'GET', '/health', { headers: { origin: 'https://radar.example.com' } });
    assert.equal(allowed.header('access-control-allow-origin'), 'https://radar.example.com', name);
    const other = await request(server, 'GET', '/health', { headers: { origin: 'https://evil.example.com' } });
    assert.equal(other.header('access-control-allow-origin'), null, name);
    await server.dispose();
  }
});
