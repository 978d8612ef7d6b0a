// Starts the real commandcenter binary on a free port with a fresh data directory, the way the API tests do
// (tests/api/support/server.mjs): the setup token is read from its JSON log (event setup.required).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningServer {
  baseUrl: string;
  setupToken: string;
  stop: () => Promise<void>;
}

export const BINARY = resolve(process.env.CC_BINARY ?? new URL('../../../build/commandcenter', import.meta.url).pathname);

export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-'));
  const child: ChildProcess = spawn(BINARY, ['serve', '--port', '0', '--data-dir', dataDir, '--log-format', 'json'], {
    env: {
      ...process.env,
      // Many sign-ins in a short time are the tests, not an attack.
      CC_LOGIN_RATE_LIMIT: '1000/minute',
      CC_REFRESH_RATE_LIMIT: '1000/minute',
      CC_SHUTDOWN_GRACE: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
  let setupToken = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${stderr.join('')}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${stderr.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.event === 'setup.required') setupToken = String(entry.setup_token);
      if (entry.event === 'server.listening') {
        clearTimeout(timer);
        resolvePort(Number(entry.port));
      }
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setupToken,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
