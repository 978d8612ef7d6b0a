// End-to-end tests: one real server (started in global-setup.ts) and Debian's Chromium; Playwright never
// downloads a browser. The specs run in file order, one worker, because they tell one story: the first
// administrator sets up, builds a radar, imports, and invites a viewer.
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }]],
  globalSetup: './support/global-setup.ts',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Dates and times are formatted as a person in this locale reads them; the tests read them the same way.
    locale: 'en-US',
    // Charts skip their entry animation, so that screenshots show them finished.
    contextOptions: { reducedMotion: 'reduce' },
    launchOptions: { executablePath: process.env.CC_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
  },
});
