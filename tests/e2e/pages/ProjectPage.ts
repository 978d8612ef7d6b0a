import { expect, type Page } from '@playwright/test';

export class ProjectPage {
  constructor(private readonly page: Page) {}

  async open(name: string) {
    await this.page.goto('/projects');
    await this.page.getByTestId('project-card').getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  async tab(name: 'Settings' | 'Members' | 'API keys') {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  // Adds someone by email; returns the invitation link shown once.
  async invite(email: string, role: 'Viewer' | 'Member' | 'Admin') {
    await this.tab('Members');
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Role', { exact: true }).selectOption({ label: role });
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    const secret = this.page.getByTestId('secret-value');
    await expect(secret).toContainText('/accept-invite?token=');
    return (await secret.innerText()).trim();
  }
}
