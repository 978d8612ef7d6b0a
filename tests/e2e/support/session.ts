import { expect, type Page } from '@playwright/test';
import { LoginPage } from '../pages/AuthPages';

export async function signInAs(page: Page, user: { email: string; password: string }, next = '/') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}
