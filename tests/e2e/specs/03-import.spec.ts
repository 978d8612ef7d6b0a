// Batch import: upload a CSV, watch the job finish live on its page, read the per-row report, and find the
// imported technologies on the radar.
import { test, expect, inspect, ADMIN } from '../support/fixtures';
import { ImportPage, JobPage } from '../pages/JobsPages';
import { RadarPage } from '../pages/RadarPage';
import { signInAs } from '../support/session';

const CSV = [
  'title,domain,status,priority,relevance_score,tags,description',
  'Rust,performance,evaluation,4,81,"systems, safety",Memory safety without a garbage collector',
  'WebGPU,performance,research,3,64,"gpu, web",',
  'JUCE,audio-dsp,integrated,5,95,cpp,Already on the radar',
  'Broken row,not-a-domain,research,9,50,,',
].join('\n');

test('import a CSV and watch the job finish live', async ({ page }) => {
  await signInAs(page, ADMIN, '/jobs');
  await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
  await inspect(page, 'jobs-empty');

  const importer = new ImportPage(page);
  await importer.open();
  await inspect(page, 'import');
  await importer.upload({ name: 'technologies.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }, 'Skip existing');

  await expect(page).toHaveURL(/\/jobs\/\d+$/);
  const job = new JobPage(page);
  await job.expectFinished();
  await expect(page.getByTestId('job-status')).toHaveText('Completed');
  await expect(job.count('imported')).toHaveText('2');
  await expect(job.count('skipped')).toHaveText('1');
  await expect(job.count('failed')).toHaveText('1');
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('row', { name: /Broken row/ })).toContainText(/domain/i);
  await inspect(page, 'job');

  await page.getByRole('link', { name: 'Jobs' }).first().click();
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await expect(page.getByTestId('job-row')).toContainText('Completed');
  await inspect(page, 'jobs');

  const radar = new RadarPage(page);
  await radar.open();
  await expect(radar.blip('Rust')).toBeVisible();
  await expect(radar.blip('WebGPU')).toBeVisible();
});

test('a job started elsewhere updates its page live, without a reload', async ({ page, request }) => {
  // Another client (a script with its own session) creates a job and dispatches it later.
  const login = await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(login.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await login.json()).access_token}` };
  const projects = await (await request.get('/api/v1/projects', { headers })).json();
  const project = projects.find((p: { name: string }) => p.name === 'Audio Platform');
  const created = await request.post('/api/v1/jobs', {
    headers,
    data: { project_id: project.id, job_type: 'batch_import', tags: {}, parameters: { technologies: [{ title: 'Live Tech', domain: 'other' }], merge_strategy: 'skip' } },
  });
  expect(created.status()).toBe(201);
  const job = await created.json();

  await signInAs(page, ADMIN, `/jobs/${job.id}`);
  await expect(page.getByTestId('job-status')).toHaveText('Pending');
  await expect(page.getByTestId('job-step')).toHaveText('Waiting to be dispatched');
  await expect(page.getByText('● Live')).toBeVisible();

  const dispatched = await request.post(`/api/v1/jobs/${job.id}/dispatch?delay_seconds=0`, { headers });
  expect(dispatched.ok()).toBe(true);
  // Nothing on the page polls: the WebSocket brings the progress and the result.
  await expect(page.getByTestId('job-status')).toHaveText('Completed');
  await expect(page.getByTestId('import-imported')).toHaveText('1');
  await expect(page.getByText('● Live')).toHaveCount(0);
});

test('a file the importer cannot read is refused with the API detail, at the file field', async ({ page }) => {
  await signInAs(page, ADMIN, '/jobs/import');
  const importer = new ImportPage(page);
  await importer.upload({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some text') });
  const file = page.getByLabel('File (.csv or .json)');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(file).toHaveAccessibleDescription(/^Send a \.csv file .* or a \.json file/);
  await expect(page).toHaveURL(/\/jobs\/import$/);
  await inspect(page, 'import-errors');
});

test('an import queued without starting waits on its page; dispatched from there, it runs', async ({ page }) => {
  await signInAs(page, ADMIN, '/jobs/import');
  const importer = new ImportPage(page);
  await importer.upload({ name: 'later.csv', mimeType: 'text/csv', buffer: Buffer.from('title,domain,status\nQueued Tech,other,research\n') }, 'Skip existing', { queue: true });
  await expect(page).toHaveURL(/\/jobs\/\d+$/);
  const job = new JobPage(page);
  await expect(page.getByTestId('job-status')).toHaveText('Pending');
  await expect(page.getByTestId('job-step')).toHaveText('Waiting to be dispatched');
  await inspect(page, 'job-pending');
  // A delay the API would refuse is refused at its field, and nothing is sent.
  await job.dispatch('7200');
  await expect(job.delay).toHaveAccessibleDescription('At most 3600 seconds (an hour)');
  await expect(page.getByTestId('job-status')).toHaveText('Pending');
  await job.dispatch('0');
  await expect(page.getByTestId('job-status')).toHaveText('Completed');
  await expect(job.count('imported')).toHaveText('1');
});

test('a queued import dispatched with a delay says when it runs; cancelled, it is deleted after a confirmation naming it', async ({ page }) => {
  await signInAs(page, ADMIN, '/jobs/import');
  await new ImportPage(page).upload({ name: 'much-later.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ title: 'Never Tech', domain: 'other' }])) }, 'Merge', { queue: true });
  await expect(page).toHaveURL(/\/jobs\/\d+$/);
  const id = page.url().split('/').pop();
  const job = new JobPage(page);
  await job.dispatch('3600');
  await expect(page.getByTestId('job-step')).toHaveText(/^Runs no earlier than .+ \(in 1 hour\)$/);
  await expect(job.delay).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel job' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Cancelled');

  const confirm = await job.delete(`Batch import #${id}`);
  await expect(confirm).toContainText('Technologies it imported or updated stay on the radar.');
  await inspect(page, 'job-delete');
  await confirm.getByRole('button', { name: 'Delete job' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  await expect(page.getByTestId('job-row').filter({ hasText: `#${id} ·` })).toHaveCount(0);
});
