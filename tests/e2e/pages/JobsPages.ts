import { expect, type Page } from '@playwright/test';

export class ImportPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/jobs/import');
    await expect(this.page.getByRole('heading', { name: 'Import technologies' })).toBeVisible();
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }, strategy: 'Skip existing' | 'Merge' | 'Overwrite' = 'Skip existing') {
    await this.page.getByLabel('File (.csv or .json)').setInputFiles(file);
    await this.page.getByText(strategy, { exact: true }).click();
    await this.page.getByRole('button', { name: 'Start import' }).click();
  }
}

export class JobPage {
  constructor(private readonly page: Page) {}

  get progress() {
    return this.page.getByTestId('job-progress');
  }

  get status() {
    return this.page.getByRole('heading', { level: 1 }).locator('..');
  }

  async expectFinished() {
    await expect(this.page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
    await expect(this.progress).toHaveText('100%');
  }

  count(outcome: 'imported' | 'updated' | 'skipped' | 'failed') {
    return this.page.getByTestId(`import-${outcome}`);
  }
}
