import { expect, type Page } from '@playwright/test';

export class ImportPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/jobs/import');
    await expect(this.page.getByRole('heading', { name: 'Import technologies' })).toBeVisible();
  }

  // Starts the import at once, or with `queue` creates its job without dispatching it.
  async upload(file: { name: string; mimeType: string; buffer: Buffer }, strategy: 'Skip existing' | 'Merge' | 'Overwrite' = 'Skip existing', { queue = false } = {}) {
    await this.page.getByLabel('File (.csv or .json)').setInputFiles(file);
    await this.page.getByText(strategy, { exact: true }).click();
    if (queue) await this.page.getByLabel(/^Queue without starting/).check();
    await this.page.getByRole('button', { name: queue ? 'Queue import' : 'Start import' }).click();
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

  get delay() {
    return this.page.getByLabel('Delay (seconds)');
  }

  // Queues a waiting job, after `delay` seconds when given.
  async dispatch(delay?: string) {
    if (delay !== undefined) await this.delay.fill(delay);
    await this.page.getByRole('button', { name: 'Dispatch', exact: true }).click();
  }

  // Deletes the job after its confirmation, which names it; returns to the jobs list.
  async delete(name: string) {
    await this.page.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = this.page.getByRole('dialog', { name: `Delete ${name}?` });
    await expect(confirm).toBeVisible();
    return confirm;
  }
}
