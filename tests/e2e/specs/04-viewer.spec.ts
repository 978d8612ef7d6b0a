// Members and roles: an admin invites a viewer, who signs up from the link and can read but not change.
import { test, expect, inspect, ADMIN, VIEWER } from '../support/fixtures';
import { AcceptInvitePage } from '../pages/AuthPages';
import { ProjectPage } from '../pages/ProjectPage';
import { RadarPage } from '../pages/RadarPage';
import { signInAs } from '../support/session';

test('a viewer sees the radar but cannot edit it', async ({ page, browser }) => {
  await signInAs(page, ADMIN);
  const project = new ProjectPage(page);
  await project.open('Audio Platform');
  await inspect(page, 'project-settings');
  const link = await project.invite(VIEWER.email, 'Viewer');
  await expect(page.getByTestId('member-row').filter({ hasText: VIEWER.email })).toContainText('invitation pending');
  await inspect(page, 'project-members');

  // An API key: its secret is shown once.
  await project.tab('API keys');
  await page.getByLabel('Name').fill('CI pipeline');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('secret-value')).toHaveText(/^cc_[0-9a-f]{16}_/);
  await inspect(page, 'project-api-keys');
  await page.reload();
  await expect(page.getByTestId('secret-value')).toHaveCount(0);
  await expect(page.getByText('CI pipeline')).toBeVisible();

  // The viewer, in a browser of their own.
  const context = await browser.newContext({ baseURL: process.env.CC_E2E_BASE_URL });
  const viewerPage = await context.newPage();
  await viewerPage.goto(link);
  await expect(viewerPage.getByRole('heading', { name: 'Join CommandCenter' })).toBeVisible();
  await inspect(viewerPage, 'accept-invite');
  await new AcceptInvitePage(viewerPage).accept(link, VIEWER.name, VIEWER.password);
  await expect(viewerPage.getByTestId('signed-in-user')).toHaveText(VIEWER.name);

  const radar = new RadarPage(viewerPage);
  await radar.open();
  await expect(radar.blip('JUCE')).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Add technology' })).toHaveCount(0);
  await radar.blip('JUCE').click();
  await expect(viewerPage.getByTestId('radar-details')).toBeVisible();
  await expect(viewerPage.getByTestId('radar-details').getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await radar.view('Table');
  await expect(viewerPage.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await viewerPage.getByRole('link', { name: 'JUCE', exact: true }).click();
  await expect(viewerPage.getByRole('heading', { name: 'JUCE', level: 1 })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  // Admin-only screens are not offered.
  await expect(viewerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);

  // Write screens reached by their address explain themselves instead of offering a form the API would refuse.
  await viewerPage.goto('/jobs/import');
  await expect(viewerPage.getByRole('heading', { name: 'Import technologies', level: 1 })).toBeVisible();
  await expect(viewerPage.getByRole('heading', { name: 'Viewers cannot import' })).toBeVisible();
  await expect(viewerPage.getByLabel('File (.csv or .json)')).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Start import' })).toHaveCount(0);
  await inspect(viewerPage, 'import-viewer');
  await viewerPage.goto('/audit');
  await expect(viewerPage.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await expect(viewerPage.getByRole('heading', { name: 'Only project admins can read the audit log' })).toBeVisible();
  await inspect(viewerPage, 'audit-viewer');
  await context.close();
});
