import { mkdirSync } from 'node:fs';
import { startServer } from './server';

// One server for the whole run; its address and setup token reach the tests through the environment.
export default async function globalSetup() {
  mkdirSync(new URL('../artifacts/screens', import.meta.url), { recursive: true });
  const server = await startServer();
  process.env.CC_E2E_BASE_URL = server.baseUrl;
  process.env.CC_E2E_SETUP_TOKEN = server.setupToken;
  return async () => server.stop();
}
