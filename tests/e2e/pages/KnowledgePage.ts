import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export interface KnowledgeFields {
  title?: string;
  category?: string;
  technology?: string;
  content?: string;
  sourceType?: string;
  sourceFile?: string;
  sourceUrl?: string;
  page?: string;
  confidence?: string;
  relevance?: string;
  metadata?: string;
}

// The create/edit dialog; the API's validation messages appear under the field they name.
export class KnowledgeForm {
  readonly dialog: Locator;
  constructor(page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  async fill(f: KnowledgeFields) {
    const d = this.dialog;
    if (f.title !== undefined) await d.getByLabel('Title').fill(f.title);
    if (f.category !== undefined) await d.getByLabel('Category').fill(f.category);
    if (f.technology !== undefined) await d.getByLabel('Technology').selectOption({ label: f.technology });
    if (f.content !== undefined) await d.getByLabel('Content').fill(f.content);
    if (f.sourceType !== undefined) await d.getByLabel('Source type').fill(f.sourceType);
    if (f.sourceFile !== undefined) await d.getByLabel('Source file').fill(f.sourceFile);
    if (f.sourceUrl !== undefined) await d.getByLabel('Source URL').fill(f.sourceUrl);
    if (f.page !== undefined) await d.getByLabel('Page').fill(f.page);
    if (f.confidence !== undefined) await d.getByLabel('Confidence (0–1)').fill(f.confidence);
    if (f.relevance !== undefined) await d.getByLabel('Relevance (0–1)').fill(f.relevance);
    if (f.metadata !== undefined) await d.getByLabel('Metadata (JSON)').fill(f.metadata);
  }

  async submit() {
    await this.dialog.getByRole('button', { name: /^(Add entry|Save)$/ }).click();
  }

  async expectFieldError(fieldLabel: string, message?: RegExp | string) {
    const field = this.dialog.getByLabel(fieldLabel);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    if (message) await expect(field).toHaveAccessibleDescription(message);
  }

  async expectClosed() {
    await expect(this.dialog).toHaveCount(0);
  }
}

// The knowledge list (search, category and technology filters in the URL) and an entry's page.
export class KnowledgePage {
  readonly form: KnowledgeForm;
  constructor(private readonly page: Page) {
    this.form = new KnowledgeForm(page);
  }

  // The server answers index.html only for the sections it knows, so the screen is reached from the menu.
  async open() {
    await new AppShell(this.page).go('Knowledge');
    await expect(this.page.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
  }

  get rows() {
    return this.page.getByTestId('knowledge-row');
  }

  row(title: string) {
    return this.rows.filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  get category() {
    return this.page.getByLabel('Category', { exact: true });
  }

  async search(text: string) {
    await this.page.getByLabel('Search knowledge').fill(text);
  }

  async add(fields: KnowledgeFields) {
    await this.page.getByRole('button', { name: 'New entry' }).click();
    await this.form.fill(fields);
    await this.form.submit();
  }

  async openEntry(title: string) {
    await this.row(title).getByRole('link', { name: title, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  }

  async confirmDelete(title: string) {
    const confirm = this.page.getByRole('dialog', { name: `Delete ${title}?` });
    await confirm.getByRole('button', { name: 'Delete entry' }).click();
    await expect(confirm).toHaveCount(0);
  }
}
