import { expect, type Page } from '@playwright/test';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page).toHaveURL(/\/setup$/);
    await expect(this.page.getByRole('heading', { name: 'Set up CommandCenter' })).toBeVisible();
  }

  async complete(input: { token: string; name: string; email: string; password: string; project: string }) {
    await this.page.getByLabel('Setup token').fill(input.token);
    await this.page.getByLabel('Your name').fill(input.name);
    await this.page.getByLabel('Email').fill(input.email);
    await this.page.getByRole('textbox', { name: 'Password', exact: true }).fill(input.password);
    await this.page.getByLabel('Repeat password').fill(input.password);
    await this.page.getByLabel('First project').fill(input.project);
    await this.page.getByRole('button', { name: 'Create administrator' }).click();
  }
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/login');
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  get error() {
    return this.page.getByRole('alert');
  }
}

export class AcceptInvitePage {
  constructor(private readonly page: Page) {}

  async accept(link: string, name: string, password: string) {
    await this.page.goto(link);
    await expect(this.page.getByRole('heading', { name: 'Join CommandCenter' })).toBeVisible();
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Create my account' }).click();
  }
}
