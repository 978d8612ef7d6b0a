// The rest of managing a project: edit and delete repositories and research tasks, dispatch and cancel jobs,
// a change someone else saved first, a failed delete that is rolled back, roles that change what a member may
// do, and deleting a project after a confirmation that names what goes.
import { test, expect, inspect, ADMIN, VIEWER } from '../support/fixtures';
import { apiClient } from '../support/api';
import { RadarPage } from '../pages/RadarPage';
import { ProjectPage } from '../pages/ProjectPage';
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
  await dialog.getByLabel('Description').fill('JUCE: the C++ framework for audio plug-ins');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('JUCE: the C++ framework for audio plug-ins')).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Delete juce-framework/JUCE?' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete repository' }).click();
  await expect(page).toHaveURL(/\/repositories$/);
  await expect(page.getByText('No repositories yet')).toBeVisible();

  await page.goto('/research');
  await page.getByTestId('task-row').first().getByRole('link').first().click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const taskDialog = page.getByRole('dialog');
  await taskDialog.getByLabel('Title').fill('Benchmark ONNX Runtime at 96 kHz');
  await taskDialog.getByLabel('Findings').fill('Fits in the audio callback up to 128 samples.');
  await taskDialog.getByRole('button', { name: 'Save' }).click();
  await expect(taskDialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Benchmark ONNX Runtime at 96 kHz', level: 1 })).toBeVisible();
  await expect(page.getByText('Fits in the audio callback up to 128 samples.')).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Benchmark ONNX Runtime at 96 kHz?' });
  await expect(confirm).toContainText('1 uploaded document');
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
  await page.getByRole('button', { name: 'Cancel' }).click();
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
  await confirm.getByRole('button', { name: 'Delete Research Lab (old)' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId('project-card')).toHaveCount(1);
  await expect(page.getByTestId('project-card')).toContainText('Audio Platform');
});
