// Starts the real commandcenter binary for a test file: a fresh data directory, and on PostgreSQL a fresh
// database, a free port, and a known JWT secret so that tests can forge tokens.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterEach } from 'node:test';

export const BINARY = resolve(process.env.CC_BINARY ?? new URL('../../../build/commandcenter', import.meta.url).pathname);
export const JWT_SECRET = 'test-secret-for-forging-tokens-0123456789abcdef';
export const onPostgres = () => (process.env.CC_TEST_DB ?? 'sqlite') === 'postgres';

// Creates an empty PostgreSQL database on the test cluster (scripts/test-services) and returns its URL.
export function createPostgresDatabase() {
  const admin = process.env.CC_TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('CC_TEST_DB=postgres needs CC_TEST_PG_ADMIN_URL (see scripts/test-services)');
  const name = `cc_api_${randomBytes(6).toString('hex')}`;
  execFileSync('psql', [admin, '-qAtc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => execFileSync('psql', [admin, '-qAtc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' }) };
}

// Relaxed limits so that suites can sign in many times; the rate-limit suite starts its own server.
const TEST_ENV = {
  CC_JWT_SECRET: JWT_SECRET,
  CC_LOGIN_RATE_LIMIT: '10000/minute',
  CC_REGISTER_RATE_LIMIT: '10000/minute',
  CC_REFRESH_RATE_LIMIT: '10000/minute',
  CC_SHUTDOWN_GRACE: '10',
};

// Servers of this test file that are running, so that a failed test can show what they logged.
const live = new Set();

// When a test fails, its servers' last log lines go to the test's output: a failure in CI then says what the
// server did, not only what the test saw.
afterEach((t) => {
  if (t.passed) return;
  for (const server of live) {
    const tail = server.logs.slice(-40).map((entry) => JSON.stringify(entry)).join('\n');
    const stderr = (server.stderr ?? []).join('').slice(-4000);
    console.error(`--- last log lines of the server on port ${server.port} ---\n${tail}${stderr ? `\n--- stderr ---\n${stderr}` : ''}`);
  }
});

export class TestServer {
  constructor({ env = {}, args = [], dataDir, database } = {}) {
    this.extraEnv = env;
    this.extraArgs = args;
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'cc-api-'));
    this.ownsDataDir = !dataDir;
    this.database = database ?? (onPostgres() ? createPostgresDatabase() : null);
    this.logs = [];
    this.setupToken = null;
    this.process = null;
  }

  get databaseArgs() {
    return this.database ? ['--database-url', this.database.url] : [];
  }

  // Starts (or restarts) the process and resolves once it listens.
  async start() {
    const args = ['serve', '--port', '0', '--data-dir', this.dataDir, '--log-format', 'json', ...this.databaseArgs, ...this.extraArgs];
    const child = spawn(BINARY, args, { env: { ...process.env, ...TEST_ENV, ...this.extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    live.add(this);
    this.exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
    const stderr = [];
    this.stderr = stderr;
    child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
    const lines = createInterface({ input: child.stdout });
    const listening = new Promise((resolveListen, reject) => {
      lines.on('line', (line) => {
        let entry;
        try { entry = JSON.parse(line); } catch { entry = { event: 'raw', line }; }
        this.logs.push(entry);
        if (entry.event === 'setup.required') this.setupToken = entry.setup_token;
        if (entry.event === 'server.listening') resolveListen(entry.port);
      });
      this.exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${stderr.join('')}`)));
    });
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('server did not start in 30 s')), 30000).unref());
    this.port = await Promise.race([listening, timeout]);
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    return this;
  }

  // Graceful stop (SIGTERM); resolves with the exit status.
  async stop(signal = 'SIGTERM') {
    if (!this.process || this.process.exitCode !== null || this.process.signalCode !== null) return this.exited;
    this.process.kill(signal);
    return this.exited;
  }

  async restart() {
    await this.stop();
    return this.start();
  }

  // Stops the process and removes what it created. Fails when the server did not exit cleanly or a sanitizer
  // (the ASan/UBSan build runs these same tests) reported anything.
  async dispose() {
    const wasRunning = this.process && this.process.exitCode === null && this.process.signalCode === null;
    const exit = await this.stop();
    live.delete(this);
    const errors = (this.stderr ?? []).join('');
    if (this.database) {
      try { this.database.drop(); } catch { /* already gone */ }
    }
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    if (/AddressSanitizer|LeakSanitizer|runtime error:/.test(errors)) {
      throw new Error(`the server reported a sanitizer error:\n${errors}`);
    }
    if (wasRunning && exit.code !== 0) throw new Error(`the server exited with ${exit.code ?? exit.signal} on SIGTERM:\n${errors}`);
  }

  logEvents(event) {
    return this.logs.filter((entry) => entry.event === event);
  }

  // Runs a CLI subcommand against this server's database.
  cli(args, { input, env = {} } = {}) {
    try {
      const stdout = execFileSync(BINARY, [...args, '--data-dir', this.dataDir, ...this.databaseArgs], {
        input, env: { ...process.env, ...env }, stdio: 'pipe',
      });
      return { status: 0, stdout: stdout.toString(), stderr: '' };
    } catch (error) {
      return { status: error.status, stdout: error.stdout?.toString() ?? '', stderr: error.stderr?.toString() ?? '' };
    }
  }
}

export async function startServer(options) {
  return new TestServer(options).start();
}
