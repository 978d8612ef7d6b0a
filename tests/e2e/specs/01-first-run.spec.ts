// The first administrator sets the installation up, signs out and in again, and starts a second project.
import { test, expect, inspect, ADMIN } from '../support/fixtures';
import { LoginPage, SetupPage } from '../pages/AuthPages';
import { signInAs } from '../support/session';
import { AppShell } from '../pages/AppShell';

test('first run: setup creates the administrator and the first project, then sign-out and sign-in', async ({ page }) => {
  const setup = new SetupPage(page);
  await setup.open();
  await inspect(page, 'setup');

  // A wrong token is refused where it was typed.
  await setup.complete({ token: 'not-the-token', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password, project: 'Audio Platform' });
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/setup$/);

  await setup.complete({ token: process.env.CC_E2E_SETUP_TOKEN!, name: ADMIN.name, email: ADMIN.email, password: ADMIN.password, project: 'Audio Platform' });
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const shell = new AppShell(page);
  await shell.expectSignedIn(ADMIN.name);
  expect(await shell.currentProject()).toContain('Audio Platform');
  await expect(page.getByText('This project is just getting started')).toBeVisible();
  await inspect(page, 'dashboard-empty');

  // Setup is done: its page sends people to sign in from now on.
  await shell.signOut();
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/login$/);

  const login = new LoginPage(page);
  await inspect(page, 'login');
  await login.signIn(ADMIN.email, 'wrong password');
  await expect(login.error).toBeVisible();
  await login.signIn(ADMIN.email, ADMIN.password);
  await shell.expectSignedIn(ADMIN.name);

  // A deep link survives signing in.
  await shell.signOut();
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login\?next=%2Fprojects/);
  await login.signIn(ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
});

test('projects: create one, switch to it, and the choice is remembered across reloads', async ({ page }) => {
  await signInAs(page, ADMIN, '/projects');
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog');
  // The name is required: the API's message appears at the field.
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await inspect(page, 'project-form');
  await dialog.getByLabel('Name').fill('Research Lab');
  await dialog.getByLabel('Description').fill('Exploratory work on DSP and ML');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog).toHaveCount(0);
  const shell = new AppShell(page);
  await expect.poll(() => shell.currentProject()).toContain('Research Lab');
  await expect(page.getByTestId('project-card')).toHaveCount(2);
  await inspect(page, 'projects');

  await page.reload();
  await expect.poll(() => shell.currentProject()).toContain('Research Lab');
  await shell.switchProject('Audio Platform');
  await page.reload();
  await expect.poll(() => shell.currentProject()).toContain('Audio Platform');
});
