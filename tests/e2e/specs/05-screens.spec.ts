// The remaining screens: repositories, research tasks with documents, schedules with the cron helper, the
// audit log, an ended session, the offline banner, and a phone-sized screen.
import { test, expect, inspect, ADMIN } from '../support/fixtures';
import { signInAs } from '../support/session';

test('repositories: add one (validated by the API), link it to a technology', async ({ page }) => {
  await signInAs(page, ADMIN, '/repositories');
  await expect(page.getByText('No repositories yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add repository' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Owner').fill('juce-framework');
  await dialog.getByLabel('Name').fill('JUCE');
  await dialog.getByLabel('Access token').fill('not-a-github-token');
  await dialog.getByRole('button', { name: 'Add repository' }).click();
  await expect(dialog.getByLabel('Access token')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Access token').fill('');
  await dialog.getByLabel('Description').fill('The JUCE framework');
  await dialog.getByRole('button', { name: 'Add repository' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('repository-card')).toHaveCount(1);
  await inspect(page, 'repositories');

  await page.goto('/radar?view=table');
  await page.getByRole('link', { name: 'JUCE', exact: true }).click();
  await page.getByLabel('Link a repository').selectOption({ label: 'juce-framework/JUCE' });
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByRole('link', { name: 'juce-framework/JUCE' })).toBeVisible();
  await page.getByRole('link', { name: 'juce-framework/JUCE' }).click();
  await expect(page.getByRole('heading', { name: 'juce-framework/JUCE', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'JUCE', exact: true })).toBeVisible();
  await inspect(page, 'repository');
});

test('research tasks: create, change status in place, upload and download a document', async ({ page }) => {
  await signInAs(page, ADMIN, '/research');
  await page.getByRole('button', { name: 'New task' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Benchmark ONNX Runtime on the audio thread');
  await dialog.getByLabel('Technology').selectOption({ label: 'ONNX Runtime' });
  await dialog.getByLabel('Assigned to').fill('ada');
  await dialog.getByLabel('Due date').fill('2030-01-15');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId('task-row').first();
  await expect(row).toContainText('Benchmark ONNX Runtime');
  await row.getByLabel(/^Status of/).selectOption({ label: 'In progress' });
  await page.getByRole('button', { name: /^In progress/ }).click();
  await expect(page.getByTestId('task-row')).toHaveCount(1);
  await inspect(page, 'research');

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Benchmark ONNX Runtime on the audio thread', level: 1 })).toBeVisible();
  await page.getByLabel('Upload a document').setInputFiles({ name: 'findings.md', mimeType: 'text/markdown', buffer: Buffer.from('# Findings\n\n48 kHz, 64 samples: 0.4 ms.\n') });
  await expect(page.getByTestId('document-row')).toContainText('findings.md');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download findings.md' }).click();
  expect((await download).suggestedFilename()).toBe('findings.md');
  await page.getByRole('button', { name: '50%' }).click();
  await expect(page.getByRole('progressbar', { name: 'Task progress' })).toHaveAttribute('aria-valuenow', '50');
  await inspect(page, 'research-task');
});

test('schedules: the cron helper shows the next runs in the chosen time zone; enable and disable', async ({ page }) => {
  await signInAs(page, ADMIN, '/schedules');
  await inspect(page, 'schedules-empty');
  await page.getByRole('button', { name: 'New schedule' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Nightly import');
  await dialog.getByLabel('Frequency').selectOption('cron');
  await dialog.getByLabel('Time zone').selectOption('Europe/Berlin');
  await dialog.getByLabel('Cron expression').fill('not cron at all');
  await expect(dialog.getByLabel('Cron expression')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Cron expression').fill('30 2 * * *');
  await dialog.getByLabel('Job parameters (JSON)').fill('{"technologies": [{"title": "Scheduled import", "domain": "other"}], "merge_strategy": "skip"}');
  await expect(dialog.getByTestId('cron-preview').getByRole('listitem')).toHaveCount(5);
  await inspect(page, 'schedule-form');
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId('schedule-row').filter({ hasText: 'Nightly import' });
  await expect(row).toBeVisible();
  const toggle = row.getByRole('switch');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await page.reload();
  await expect(page.getByTestId('schedule-row').filter({ hasText: 'Nightly import' }).getByRole('switch')).toHaveAttribute('aria-checked', 'false');
  await inspect(page, 'schedules');
});

test('audit log: every change, filterable, with before and after', async ({ page }) => {
  await signInAs(page, ADMIN, '/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByLabel('Entity').selectOption({ label: 'Technology' });
  await page.getByLabel('Action').selectOption({ label: 'Update' });
  await expect(page).toHaveURL(/entity=technology&action=update|action=update.*entity=technology/);
  const first = page.getByTestId('audit-row').first();
  await expect(first).toContainText('Update');
  await first.getByRole('button', { name: /Show changes/ }).click();
  await expect(page.getByRole('cell', { name: 'status', exact: true })).toBeVisible();
  await inspect(page, 'audit');
});

test('a session that can no longer be renewed ends on its own screen, and signing in returns there', async ({ page }) => {
  await signInAs(page, ADMIN, '/repositories');
  // Both tokens stop working (as when the session is revoked elsewhere).
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('cc.session')!);
    localStorage.setItem('cc.session', JSON.stringify({ ...session, accessToken: 'expired', refreshToken: 'revoked' }));
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
  await inspect(page, 'session-expired');
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Repositories', level: 1 })).toBeVisible();
});

test('offline: a banner says so, and goes when the connection is back', async ({ page, context }) => {
  await signInAs(page, ADMIN);
  await context.setOffline(true);
  await expect(page.getByText('You are offline')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText('You are offline')).toHaveCount(0);
});

test('on a phone: the menu folds away and the radar fits the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, ADMIN, '/radar');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  // The chart draws at the phone's width: nothing scrolls sideways, and its type stays legible.
  await expect(page.getByTestId('radar-blip').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const chart = await page.getByRole('group', { name: /^Technology radar/ }).boundingBox();
  expect(chart!.width).toBeGreaterThan(340);
  expect(chart!.width).toBeLessThanOrEqual(390);
  await inspect(page, 'radar-phone');
  await page.getByRole('button', { name: 'Open menu' }).click();
  const menu = page.getByRole('dialog', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'Jobs' })).toBeVisible();
  await page.screenshot({ path: new URL('../artifacts/screens/menu-phone.png', import.meta.url).pathname });
  await menu.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});
