// The remaining screens: repositories, research tasks with documents, schedules with the cron helper, the
// audit log, an ended session, the offline banner, and a phone-sized screen.
import { test, expect, inspect, expectNoSidewaysScroll, ADMIN, DESKTOP, PHONE } from '../support/fixtures';
import { apiClient } from '../support/api';
import { RadarPage } from '../pages/RadarPage';
import { AppShell } from '../pages/AppShell';
import { signInAs } from '../support/session';

test('repositories: add one (validated by the API), link it to a technology', async ({ page }) => {
  await signInAs(page, ADMIN, '/repositories');
  await expect(page.getByText('No repositories yet')).toBeVisible();
  await inspect(page, 'repositories-empty');
  await page.getByRole('button', { name: 'Add repository' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Owner').fill('juce-framework');
  await dialog.getByLabel('Name').fill('JUCE');
  await dialog.getByLabel('Access token').fill('not-a-github-token');
  await dialog.getByRole('button', { name: 'Add repository' }).click();
  await expect(dialog.getByLabel('Access token')).toHaveAttribute('aria-invalid', 'true');
  await inspect(page, 'repository-form');
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
  const uses = page.getByRole('list', { name: 'Technologies juce-framework/JUCE uses' });
  await expect(uses.getByRole('link', { name: 'JUCE', exact: true })).toBeVisible();

  // Links are made and removed from the repository's side too.
  await page.getByLabel('Link a technology').selectOption({ label: 'Faust' });
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(uses.getByRole('link', { name: 'Faust', exact: true })).toBeVisible();
  await inspect(page, 'repository');
  await page.getByRole('button', { name: 'Unlink Faust' }).click();
  await expect(uses.getByRole('link', { name: 'Faust', exact: true })).toHaveCount(0);
  await expect(uses.getByTestId('linked-technology')).toHaveCount(1);
  await page.reload();
  await expect(uses.getByTestId('linked-technology')).toHaveCount(1);
  await expect(uses).toContainText('JUCE');
});

test('research tasks: create, change status in place, upload and download a document', async ({ page }) => {
  await signInAs(page, ADMIN, '/research');
  await expect(page.getByText('No research tasks yet')).toBeVisible();
  await inspect(page, 'research-empty');
  await page.getByRole('button', { name: 'New task' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Benchmark ONNX Runtime on the audio thread');
  await dialog.getByLabel('Technology').selectOption({ label: 'ONNX Runtime' });
  await dialog.getByLabel('Repository').selectOption({ label: 'juce-framework/JUCE' });
  await dialog.getByLabel('Assigned to').fill('ada');
  await dialog.getByLabel('Due date').fill('2030-01-15');
  await inspect(page, 'task-form');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId('task-row').first();
  await expect(row).toContainText('Benchmark ONNX Runtime');
  await row.getByLabel(/^Status of/).selectOption({ label: 'In progress' });
  await page.getByRole('button', { name: /^In progress/ }).click();
  await expect(page.getByTestId('task-row')).toHaveCount(1);
  // The list names what a task is about, and filters by it.
  await expect(row.getByTestId('task-about')).toHaveText('About ONNX Runtime · juce-framework/JUCE');
  await page.getByRole('combobox', { name: 'Repository' }).selectOption({ label: 'juce-framework/JUCE' });
  await expect(page).toHaveURL(/repository_id=\d+/);
  await expect(page.getByTestId('task-row')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Technology' }).selectOption({ label: 'JUCE' });
  await expect(page).toHaveURL(/technology_id=\d+/);
  await expect(page.getByText('No task matches')).toBeVisible();
  await page.getByRole('combobox', { name: 'Technology' }).selectOption({ label: 'ONNX Runtime' });
  await expect(page.getByTestId('task-row')).toHaveCount(1);
  await inspect(page, 'research');

  // On a phone every task is a card that keeps the assignee, the due date and the overdue marker in sight.
  const api = await apiClient(page.request, ADMIN, 'Audio Platform');
  const late = await api.send('POST', '/api/v1/research-tasks', { title: 'Renew the plug-in signing certificate before the store rejects builds', assigned_to: 'grace', due_date: '2020-01-31T23:59:59Z' });
  await page.goto('/research');
  await page.setViewportSize(PHONE);
  const card = page.getByTestId('task-row').filter({ hasText: 'Renew the plug-in signing certificate' });
  await expect(card).toContainText('Assigned');
  await expect(card).toContainText('grace');
  await expect(card.getByLabel('Overdue')).toBeVisible();
  await expect(card).toContainText('2020');
  await expect(card.getByRole('combobox', { name: /^Status of/ })).toBeVisible();
  await expectNoSidewaysScroll(page, 'research tasks');
  await page.setViewportSize(DESKTOP);
  await api.send('DELETE', `/api/v1/research-tasks/${late.id}`);
  await page.goto('/research');
  await expect(page.getByTestId('task-row')).toHaveCount(1);

  await row.getByRole('link', { name: 'Benchmark ONNX Runtime on the audio thread' }).click();
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

test('schedules: the technologies come from a file, the cron helper shows the next runs from the start in the chosen time zone; enable and disable', async ({ page }) => {
  await signInAs(page, ADMIN, '/schedules');
  await inspect(page, 'schedules-empty');
  await page.getByRole('button', { name: 'New schedule' }).first().click();
  const dialog = page.getByRole('dialog');
  // Nothing the API would refuse is sent: what is missing is said at its field.
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await expect(dialog.getByLabel('Name')).toHaveAccessibleDescription('Give the schedule a name');
  const rows = dialog.getByLabel('Rows (CSV with a header row, or JSON)');
  await expect(rows).toHaveAttribute('aria-invalid', 'true');
  await expect(rows).toHaveAccessibleDescription('Nothing to import: choose a file or paste rows');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await inspect(page, 'schedule-form-errors');

  await dialog.getByLabel('Name').fill('Nightly import');
  await dialog.getByLabel('Frequency').selectOption('cron');
  await dialog.getByLabel('Time zone').selectOption('Europe/Berlin');
  await dialog.getByLabel('Cron expression').fill('not cron at all');
  await expect(dialog.getByLabel('Cron expression')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Cron expression').fill('30 2 * * *');
  // Pasted rows that cannot be read say why; a file replaces them.
  await rows.fill('name\nScheduled import');
  await expect(rows).toHaveAccessibleDescription(/Unknown column 'name'/);
  await dialog.getByLabel('Choose a CSV or JSON file').setInputFiles({ name: 'nightly.csv', mimeType: 'text/csv', buffer: Buffer.from('title,domain,tags\nScheduled import,other,"nightly, cron"\n') });
  await expect(rows).toHaveAccessibleDescription('1 technology: Scheduled import');
  await expect(dialog.getByText('From nightly.csv')).toBeVisible();
  // Runs start at the start, a wall-clock time in the schedule's zone: the day after 15 January 2030, 09:00.
  await dialog.getByLabel('Start (optional, Europe/Berlin)').fill('2030-01-15T09:00');
  const runs = dialog.getByTestId('cron-preview').getByRole('listitem');
  await expect(runs).toHaveCount(5);
  await expect(runs.first()).toHaveText('Jan 16, 2030, 2:30 AM');
  await inspect(page, 'schedule-form');
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId('schedule-row').filter({ hasText: 'Nightly import' });
  await expect(row).toBeVisible();
  // Its window is shown in its own zone.
  await expect(row).toContainText('From Jan 15, 2030, 9:00 AM');
  const toggle = row.getByRole('switch');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await page.reload();
  await expect(page.getByTestId('schedule-row').filter({ hasText: 'Nightly import' }).getByRole('switch')).toHaveAttribute('aria-checked', 'false');
  await inspect(page, 'schedules');

  // On a phone the runs and both actions are on the schedule's card, not beyond a sideways scroll.
  await page.setViewportSize(PHONE);
  const card = page.getByTestId('schedule-row').filter({ hasText: 'Nightly import' });
  await expect(card).toContainText('Runs');
  await expect(card).toContainText('0 (0 ok, 0 failed)');
  await expect(card.getByRole('button', { name: 'Run Nightly import now' })).toBeInViewport();
  await expect(card.getByRole('button', { name: 'Delete Nightly import' })).toBeInViewport();
  await expect(card.getByRole('switch')).toBeInViewport();
  await expectNoSidewaysScroll(page, 'schedules');
  await card.getByRole('button', { name: 'Delete Nightly import' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete Nightly import?' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.setViewportSize(DESKTOP);
});

test('audit log: every change, filterable, with before and after', async ({ page }) => {
  await signInAs(page, ADMIN, '/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByLabel('Entity').selectOption({ label: 'Technology' });
  await page.getByLabel('Action').selectOption({ label: 'Update' });
  await expect(page).toHaveURL(/entity=technology&action=update|action=update.*entity=technology/);
  const first = page.getByTestId('audit-row').first();
  await expect(first).toContainText('Update');
  // What changed is named, with its kind and id below.
  await expect(first).toContainText('Faust');
  await expect(first).toContainText(/Technology #\d+/);
  await first.getByRole('button', { name: /Show changes/ }).click();
  await expect(page.getByRole('cell', { name: 'status', exact: true })).toBeVisible();
  await inspect(page, 'audit');

  // On a phone every entry is a card with the action and what it touched.
  await page.setViewportSize(PHONE);
  const card = page.getByTestId('audit-row').first();
  await expect(card).toContainText('Update');
  await expect(card).toContainText('Faust');
  await expect(card.getByRole('button', { name: /Show changes/ })).toBeInViewport();
  await expectNoSidewaysScroll(page, 'audit log');
  await page.setViewportSize(DESKTOP);
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

test('offline: a banner says so, above everything else, and goes when the connection is back', async ({ page, context }) => {
  await signInAs(page, ADMIN, '/radar');
  await context.setOffline(true);
  const banner = page.getByRole('status').filter({ hasText: 'You are offline' });
  await expect(banner).toBeVisible();
  // The sidebar starts below the banner and still shows its bottom: the user menu, whose theme and Sign out
  // open above it.
  const shell = new AppShell(page);
  await expect(shell.userButton).toBeInViewport({ ratio: 1 });
  await page.mouse.wheel(0, 600);
  await expect(shell.userButton).toBeInViewport({ ratio: 1 });
  await shell.openUserMenu();
  await expect(shell.userMenu.getByRole('menuitem', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
  await expect(shell.userMenu.getByRole('menuitemradio', { name: 'Light theme' })).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');
  await expect(shell.userMenu).toHaveCount(0);
  const bannerBox = (await banner.boundingBox())!;
  const sidebarBox = (await page.getByRole('complementary', { name: 'Sidebar' }).locator(':scope > div').boundingBox())!;
  expect(sidebarBox.y).toBeGreaterThanOrEqual(bannerBox.y + bannerBox.height - 1);
  await page.screenshot({ path: new URL('../artifacts/screens/offline.png', import.meta.url).pathname });
  // On a phone the header sticks below the banner, its menu button in reach.
  await page.setViewportSize(PHONE);
  await page.mouse.wheel(0, 600);
  const phoneBanner = (await banner.boundingBox())!;
  const menu = (await page.getByRole('button', { name: 'Open menu' }).boundingBox())!;
  expect(menu.y).toBeGreaterThanOrEqual(phoneBanner.y + phoneBanner.height - 1);
  await expectNoSidewaysScroll(page, 'offline');
  await page.screenshot({ path: new URL('../artifacts/screens/offline-phone.png', import.meta.url).pathname });
  await page.setViewportSize(DESKTOP);
  await context.setOffline(false);
  await expect(page.getByText('You are offline')).toHaveCount(0);
});

test('on a phone: the radar starts on the first screen, a tapped blip shows its details, the menu is a modal', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, ADMIN, '/radar');
  const radar = new RadarPage(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  // The chart draws at the phone's width: nothing scrolls sideways, and its type stays legible.
  await expect(radar.blips.first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'radar');
  const chart = (await page.getByRole('group', { name: /^Technology radar/ }).boundingBox())!;
  expect(chart.width).toBeGreaterThan(340);
  expect(chart.width).toBeLessThanOrEqual(390);
  // The filters fold behind a button, so that the chart starts on the first screen.
  await expect(radar.filtersButton).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('group', { name: 'Domain' })).toBeHidden();
  expect(chart.y).toBeLessThan(PHONE.height / 2);
  await radar.filtersButton.click();
  await expect(page.getByRole('group', { name: 'Domain' })).toBeVisible();
  await radar.toggleFilter('Domain', 'Audio & DSP');
  await expect(radar.filtersButton).toHaveAccessibleName(/Filters \(1 set\)/);
  await expect(radar.blips).toHaveCount(2);
  await page.getByRole('button', { name: /Clear 1 filter/ }).click();
  await radar.filtersButton.click();
  await expect(page.getByRole('group', { name: 'Domain' })).toBeHidden();

  // Tapping a blip brings its details, below the chart on a phone, into view.
  await radar.blip('JUCE').click();
  await expect(radar.details).toBeInViewport({ ratio: 1 });
  await expect(radar.details).toContainText('Priority 5');
  await inspect(page, 'radar-phone-details');

  // The table keeps each row's title, status and actions on the screen; a select offers the hidden columns' sorts.
  await radar.view('Table');
  await radar.row('JUCE').scrollIntoViewIfNeeded();
  await expect(radar.row('JUCE').getByRole('button', { name: 'Edit JUCE' })).toBeInViewport({ ratio: 1 });
  await expect(radar.row('JUCE').getByRole('button', { name: 'Delete JUCE' })).toBeInViewport({ ratio: 1 });
  await expect(radar.row('JUCE')).toContainText('Priority 5');
  await page.getByLabel('Sort by').selectOption({ label: 'Priority, highest first' });
  await expect(page).toHaveURL(/sort=-priority/);
  await expect(radar.rows.first()).toContainText('JUCE');
  await expectNoSidewaysScroll(page, 'radar table');
  await radar.view('Radar');

  // The menu is a modal: focus moves in and stays there, Escape closes it, focus returns to its button.
  const open = page.getByRole('button', { name: 'Open menu' });
  await open.click();
  const menu = page.getByRole('dialog', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'Jobs' })).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Close menu' })).toBeFocused();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => document.activeElement === document.body || !!document.activeElement?.closest('dialog[open]'));
    expect(inside, 'focus stays in the menu').toBe(true);
  }
  await page.screenshot({ path: new URL('../artifacts/screens/menu-phone.png', import.meta.url).pathname });
  // The user menu inside it: Escape closes that menu only, and focus goes back to its button.
  const userButton = menu.getByRole('button').filter({ has: page.getByTestId('signed-in-user') });
  await userButton.click();
  await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: new URL('../artifacts/screens/user-menu-phone.png', import.meta.url).pathname });
  await page.keyboard.press('Escape');
  await expect(menu.getByRole('menu')).toHaveCount(0);
  await expect(menu).toBeVisible();
  await expect(userButton).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(open).toHaveAttribute('aria-expanded', 'false');

  await open.click();
  await menu.getByRole('link', { name: 'Jobs' }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page, 'jobs');
});
