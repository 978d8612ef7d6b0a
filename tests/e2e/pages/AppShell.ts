import { expect, type Page } from '@playwright/test';

// The navigation, project switcher and user menu around every signed-in screen.
export class AppShell {
  constructor(private readonly page: Page) {}

  get nav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  async go(section: 'Dashboard' | 'Technology Radar' | 'Repositories' | 'Research tasks' | 'Knowledge' | 'Jobs' | 'Schedules' | 'Audit log' | 'Projects') {
    await this.nav.getByRole('link', { name: section }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async expectSignedIn(nameOrEmail: string) {
    await expect(this.page.getByTestId('signed-in-user')).toHaveText(nameOrEmail);
  }

  async switchProject(name: string) {
    const switcher = this.page.getByLabel('Project', { exact: true });
    const option = switcher.locator('option', { hasText: name });
    await switcher.selectOption({ value: (await option.getAttribute('value'))! });
  }

  async currentProject() {
    const switcher = this.page.getByLabel('Project', { exact: true });
    return switcher.locator('option:checked').innerText();
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }
}
