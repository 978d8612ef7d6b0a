// The rest of managing a project: edit and delete repositories and research tasks, dispatch and cancel jobs,
// a change someone else saved first, a failed delete that is rolled back, roles that change what a member may
// do, and deleting a project after a confirmation that names what goes.
import { test, expect, inspect, ADMIN, VIEWER } from '../support/fixtures';
import { apiClient } from '../support/api';
import { RadarPage } from '../pages/RadarPage';
import { ProjectPage } from '../pages/ProjectPage';
import { AppShell } from '../pages/AppShell';
import { DashboardPage } from '../pages/DashboardPage';
import { signInAs } from '../support/session';

test('an unknown address inside the app says so and leads back', async ({ page }) => {
  await signInAs(page, ADMIN, '/radar/no-such-screen');
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await inspect(page, 'not-found');
  await page.getByRole('main').getByRole('link', { name: 'Go to the dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
});

test('edit and delete a repository and a research task, each after a confirmation naming it', async ({ page }) => {
  await signInAs(page, ADMIN, '/repositories');
  await page.getByTestId('repository-card').getByRole('link', { name: 'juce-framework/JUCE' }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit juce-framework/JUCE' });
  await inspect(page, 'repository-form-edit');
  await dialog.getByLabel('Description').fill('JUCE: the C++ framework for audio plug-ins');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('JUCE: the C++ framework for audio plug-ins')).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Delete juce-framework/JUCE?' })).toBeVisible();
  await inspect(page, 'repository-delete');
  await page.getByRole('button', { name: 'Delete repository' }).click();
  await expect(page).toHaveURL(/\/repositories$/);
  await expect(page.getByText('No repositories yet')).toBeVisible();

  await page.goto('/research');
  await page.getByTestId('task-row').first().getByRole('link').first().click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const taskDialog = page.getByRole('dialog');
  await expect(taskDialog.getByLabel('Title')).toHaveValue('Benchmark ONNX Runtime on the audio thread');
  await inspect(page, 'task-form-edit');
  await taskDialog.getByLabel('Title').fill('Benchmark ONNX Runtime at 96 kHz');
  await taskDialog.getByLabel('Findings').fill('Fits in the audio callback up to 128 samples.');
  await taskDialog.getByRole('button', { name: 'Save' }).click();
  await expect(taskDialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Benchmark ONNX Runtime at 96 kHz', level: 1 })).toBeVisible();
  await expect(page.getByText('Fits in the audio callback up to 128 samples.')).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Benchmark ONNX Runtime at 96 kHz?' });
  await expect(confirm).toContainText('1 uploaded document');
  await inspect(page, 'task-delete');
  await confirm.getByRole('button', { name: 'Delete task' }).click();
  await expect(page).toHaveURL(/\/research$/);
  await expect(page.getByText('No research tasks yet')).toBeVisible();
});

test('dispatch a waiting job and cancel another from their pages', async ({ page, request }) => {
  const api = await apiClient(request, ADMIN, 'Audio Platform');
  const parameters = (title: string) => ({ technologies: [{ title, domain: 'other' }], merge_strategy: 'skip' });
  const waiting = await api.send('POST', '/api/v1/jobs', { job_type: 'batch_import', parameters: parameters('Dispatched from the UI') });
  const doomed = await api.send('POST', '/api/v1/jobs', { job_type: 'batch_import', parameters: parameters('Never imported') });

  await signInAs(page, ADMIN, `/jobs/${waiting.id}`);
  await expect(page.getByTestId('job-step')).toHaveText('Waiting to be dispatched');
  await page.getByRole('button', { name: 'Dispatch' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Completed');
  await expect(page.getByTestId('import-imported')).toHaveText('1');

  await page.goto(`/jobs/${doomed.id}`);
  await page.getByRole('button', { name: 'Cancel job' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Cancelled');
  await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible();
  await page.goto('/jobs?status=cancelled');
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await expect(page.getByTestId('job-row')).toContainText(`#${doomed.id}`);
});

test('a change someone else saved first is not overwritten; a failed delete comes back with the reason', async ({ page, request, context }) => {
  const api = await apiClient(request, ADMIN, 'Audio Platform');
  await signInAs(page, ADMIN, '/radar?view=table');
  const radar = new RadarPage(page);
  await radar.row('WebGPU').getByRole('button', { name: 'Edit WebGPU' }).click();
  await expect(page.getByRole('dialog').getByLabel('Title')).toHaveValue('WebGPU');
  // Meanwhile a colleague moves it (the page learns of it live).
  const [webgpu] = (await api.send('GET', '/api/v1/technologies?search=WebGPU')).items;
  await api.send('PATCH', `/api/v1/technologies/${webgpu.id}`, { status: 'evaluation', reason: 'Shipped in every browser' });
  await radar.form.fill({ priority: '5' });
  await radar.form.submit();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('Someone else changed this technology');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(radar.row('WebGPU')).toContainText('Evaluation');

  // The connection drops as a delete is sent: the row comes back and a notification says why.
  await context.setOffline(true);
  await radar.row('WebGPU').getByRole('button', { name: 'Delete WebGPU' }).click();
  await radar.confirmDelete();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('alert')).toContainText('The server could not be reached');
  await expect(radar.row('WebGPU')).toBeVisible();
  await context.setOffline(false);
});

test('the card view of the radar filters by tags (all must match) and by domain, and pages past its first page', async ({ page, request }) => {
  // Twelve technologies with a tag of their own, one of them with a second tag.
  const api = await apiClient(request, ADMIN, 'Audio Platform');
  const probes: { id: number; title: string }[] = [];
  for (let i = 1; i <= 12; i++)
    probes.push(await api.send('POST', '/api/v1/technologies', { title: `Paging probe ${String(i).padStart(2, '0')}`, domain: 'other', tags: i === 7 ? 'paging-probe, lucky' : 'paging-probe' }));
  try {
    await signInAs(page, ADMIN, '/radar?view=cards&limit=10');
    const radar = new RadarPage(page);
    const cards = page.getByTestId('technology-card');
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    const titles = async () => (await cards.getByRole('link').allInnerTexts()).map((t) => t.trim()).filter((t) => t.startsWith('Paging probe'));
    // The tag filter sits in the filter bar; it applies once typing pauses.
    const tags = page.getByLabel('Tags (all must match)');
    await tags.fill('paging-probe');
    await expect(page).toHaveURL(/tag=paging-probe/);
    await expect(pagination).toContainText('Showing 1–10 of 12');
    await expect(cards).toHaveCount(10);
    const first = await titles();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(pagination).toContainText('Showing 11–12 of 12');
    await expect(pagination).toContainText('Page 2 of 2');
    await expect(cards).toHaveCount(2);
    const second = await titles();
    // The two pages hold all twelve, each once.
    expect([...first, ...second].sort()).toEqual(probes.map((p) => p.title).sort());
    await inspect(page, 'radar-cards-page-2');
    // The URL alone brings back the page and the filter.
    await page.reload();
    await expect(tags).toHaveValue('paging-probe');
    await expect(cards).toHaveCount(2);

    // Every tag given must be there; a new filter starts again at page 1.
    await tags.fill('paging-probe, lucky');
    await expect(page).toHaveURL(/tag=paging-probe%2Clucky|tag=paging-probe,lucky/);
    await expect(page).not.toHaveURL(/page=2/);
    await expect(cards).toHaveCount(1);
    await expect(radar.card('Paging probe 07')).toBeVisible();
    await page.getByRole('button', { name: /^Clear \d+ filters?$/ }).click();
    await expect(tags).toHaveValue('');

    // A domain filter in the card view: only that domain's group is left.
    await radar.toggleFilter('Domain', 'Audio & DSP');
    await expect(page).toHaveURL(/domain=audio-dsp/);
    await expect(radar.card('JUCE')).toBeVisible();
    await expect(radar.card('Faust')).toBeVisible();
    await expect(cards).toHaveCount(2);
  } finally {
    for (const p of probes) await api.send('DELETE', `/api/v1/technologies/${p.id}`);
  }
});

// Chart colours (web/src/lib/palette.ts): STATUS_COLOR.evaluation, DOMAIN_COLOR['ai-ml'].
const EVALUATION_FILL = '#f59e0b';
const AI_ML_FILL = '#ec4899';

test('the dashboard: a click on a bar or a segment of its charts opens the radar filtered to it', async ({ page }) => {
  await signInAs(page, ADMIN, '/');
  const dashboard = new DashboardPage(page);
  const radar = new RadarPage(page);
  // The repositories card says what it knows of syncing (none has been synced from GitHub in these tests).
  await expect(page.getByRole('link', { name: /Repositories/ }).filter({ has: dashboard.metric('Repositories') })).toContainText(/None (synced from GitHub|tracked) yet/);

  const evaluation = await dashboard.legendCount('Technologies by status', 'Evaluation');
  expect(evaluation).toBeGreaterThan(0);
  await dashboard.clickShape('Technologies by status', EVALUATION_FILL);
  await expect(page).toHaveURL(/\/radar\?status=evaluation$/);
  await expect(radar.blips).toHaveCount(evaluation);
  await expect(page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Evaluation' })).toBeChecked();

  await dashboard.open();
  const aiMl = await dashboard.legendCount('Technologies by domain', 'AI / ML');
  expect(aiMl).toBeGreaterThan(0);
  await dashboard.clickShape('Technologies by domain', AI_ML_FILL);
  await expect(page).toHaveURL(/\/radar\?domain=ai-ml$/);
  await expect(radar.blips).toHaveCount(aiMl);
  await expect(radar.blip('ONNX Runtime')).toBeVisible();
});

test('keyboard: the user menu opens, moves and closes with focus back on its button; the project tabs follow the arrows', async ({ page }) => {
  await signInAs(page, ADMIN, '/');
  const shell = new AppShell(page);
  await expect(shell.userButton).toHaveAttribute('aria-haspopup', 'menu');
  await shell.userButton.focus();
  await page.keyboard.press('Enter');
  await expect(shell.userButton).toHaveAttribute('aria-expanded', 'true');
  await expect(shell.userMenu).toContainText('Theme');
  await expect(shell.userMenu.getByRole('menuitemradio', { name: 'Light theme' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(shell.userMenu.getByRole('menuitemradio', { name: 'Dark theme' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(shell.userMenu.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(shell.userMenu.getByRole('menuitemradio', { name: 'Light theme' })).toBeFocused();
  await page.screenshot({ path: new URL('../artifacts/screens/user-menu.png', import.meta.url).pathname });
  await page.keyboard.press('Escape');
  await expect(shell.userMenu).toHaveCount(0);
  await expect(shell.userButton).toBeFocused();
  await expect(shell.userButton).toHaveAttribute('aria-expanded', 'false');
  // Choosing with the keyboard: the theme changes, the menu closes, focus returns.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(shell.userMenu).toHaveCount(0);
  await expect(shell.userButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shell.userMenu.getByRole('menuitemradio', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'true');
  await shell.userMenu.getByRole('menuitemradio', { name: 'Light theme' }).click();
  await expect(page.locator('html')).toHaveClass(/\blight\b/);

  const project = new ProjectPage(page);
  await project.open('Audio Platform');
  const tab = (name: string) => page.getByRole('tab', { name });
  await tab('Settings').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Members')).toBeFocused();
  await expect(tab('Members')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=members/);
  await expect(page.getByRole('tabpanel', { name: 'Members' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('API keys')).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'API keys' })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(tab('Settings')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab('API keys')).toBeFocused();
  // One tab stop: Tab leaves the tabs for the panel.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[role="tabpanel"]'))).toBe(true);
});

test('a screen that fails to render shows the error screen, and the rest of the app still works', async ({ page }) => {
  await signInAs(page, ADMIN, '/radar');
  // The server answers the dashboard with something the screen cannot draw.
  await page.route('**/api/v1/dashboard/stats*', (route) => route.fulfill({ json: { unexpected: true } }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'This page ran into a problem', level: 1 })).toBeVisible();
  // The navigation around it still works.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await inspect(page, 'error-boundary');
  await page.unroute('**/api/v1/dashboard/stats*');
  await page.getByRole('main').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(new DashboardPage(page).metric('Technologies')).toHaveText(/^\d+$/);
});

test('roles: a viewer made member may edit; the owner deletes a project after a confirmation naming what goes', async ({ page, browser }) => {
  await signInAs(page, ADMIN);
  const project = new ProjectPage(page);
  await project.open('Audio Platform');
  await project.tab('Members');
  await page.getByLabel(`Role of ${VIEWER.email}`).selectOption({ label: 'Member' });
  await page.reload();
  await expect(page.getByLabel(`Role of ${VIEWER.email}`)).toHaveValue('member');

  const context = await browser.newContext({ baseURL: process.env.CC_E2E_BASE_URL });
  const member = await context.newPage();
  await signInAs(member, VIEWER, '/radar');
  await expect(member.getByRole('button', { name: 'Add technology' })).toBeVisible();
  await context.close();

  // Rename the second project, then delete it.
  await project.open('Research Lab');
  await page.getByLabel('Name').fill('Research Lab (old)');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Research Lab (old)', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Delete project' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Research Lab (old)?' });
  await expect(confirm).toContainText('This deletes Research Lab (old) and everything in it');
  await expect(confirm).toContainText('0 technologies and their history');
  await inspect(page, 'project-delete');
  await confirm.getByRole('button', { name: 'Delete Research Lab (old)' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId('project-card')).toHaveCount(1);
  await expect(page.getByTestId('project-card')).toContainText('Audio Platform');
});
