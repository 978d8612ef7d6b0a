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

  // The button that names the signed-in person and opens their menu (theme, sign out).
  get userButton() {
    return this.page.getByRole('button').filter({ has: this.page.getByTestId('signed-in-user') }).filter({ visible: true });
  }

  get userMenu() {
    return this.page.getByRole('menu');
  }

  async openUserMenu() {
    await this.userButton.click();
    await expect(this.userMenu).toBeVisible();
  }

  async signOut() {
    await this.openUserMenu();
    await this.userMenu.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }
}
