import { expect, type Locator, type Page } from '@playwright/test';

export interface TechnologyFields {
  title?: string;
  vendor?: string;
  domain?: string;
  status?: string;
  priority?: string;
  relevance?: string;
  tags?: string;
  description?: string;
  website?: string;
  stability?: string;
  reason?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The create/edit dialog; the API's validation messages appear under the field they name.
export class TechnologyForm {
  readonly dialog: Locator;
  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  async fill(fields: TechnologyFields) {
    const d = this.dialog;
    if (fields.title !== undefined) await d.getByLabel('Title').fill(fields.title);
    if (fields.vendor !== undefined) await d.getByLabel('Vendor').fill(fields.vendor);
    if (fields.domain !== undefined) await d.getByLabel('Domain').selectOption({ label: fields.domain });
    if (fields.status !== undefined) await d.getByLabel('Status').selectOption({ label: fields.status });
    if (fields.priority !== undefined) await d.getByLabel('Priority (1–5)').fill(fields.priority);
    if (fields.relevance !== undefined) await d.getByLabel('Relevance (0–100)').fill(fields.relevance);
    if (fields.tags !== undefined) await d.getByLabel('Tags').fill(fields.tags);
    if (fields.description !== undefined) await d.getByLabel('Description').fill(fields.description);
    if (fields.website !== undefined) await d.getByLabel('Website').fill(fields.website);
    if (fields.stability !== undefined) {
      await this.openEvaluation();
      await d.getByLabel('Stability (0–100)').fill(fields.stability);
    }
    if (fields.reason !== undefined) await d.getByLabel('Reason for the change').fill(fields.reason);
  }

  async submit() {
    await this.dialog.getByRole('button', { name: /Add technology|Save changes/ }).click();
  }

  // The "Detailed evaluation" section, folded unless the technology has such values.
  get evaluation() {
    return this.dialog.locator('details', { has: this.page.getByText('Detailed evaluation', { exact: true }) });
  }

  async openEvaluation() {
    if ((await this.evaluation.getAttribute('open')) === null) await this.evaluation.getByText('Detailed evaluation', { exact: true }).click();
    await expect(this.evaluation).toHaveAttribute('open', '');
  }

  // A new row of the dependencies editor: a technology of the project and how the two relate.
  async addDependency(technology: string, relationship: string) {
    await this.dialog.getByRole('button', { name: 'Add dependency' }).click();
    const n = await this.dialog.getByTestId('dependency-row').count();
    await this.dialog.getByLabel(`Technology (dependency ${n})`).selectOption({ label: technology });
    await this.dialog.getByLabel(`Relationship (dependency ${n})`).fill(relationship);
  }

  // The message shown for one field (its accessible description).
  async expectFieldError(fieldLabel: string, message: RegExp | string) {
    await expect(this.dialog.getByLabel(fieldLabel)).toHaveAccessibleDescription(message);
    await expect(this.dialog.getByLabel(fieldLabel)).toHaveAttribute('aria-invalid', 'true');
  }

  async expectClosed() {
    await expect(this.dialog).toHaveCount(0);
  }
}

export class RadarPage {
  readonly form: TechnologyForm;
  constructor(private readonly page: Page) {
    this.form = new TechnologyForm(page);
  }

  async open(query = '') {
    await this.page.goto(`/radar${query}`);
    await expect(this.page.getByRole('heading', { name: 'Technology Radar', level: 1 })).toBeVisible();
  }

  async view(name: 'Radar' | 'Cards' | 'Table') {
    await this.page.getByRole('group', { name: 'View' }).getByRole('button', { name }).click();
    await expect(this.page.getByRole('group', { name: 'View' }).getByRole('button', { name })).toHaveAttribute('aria-pressed', 'true');
  }

  async add(fields: TechnologyFields) {
    await this.page.getByRole('button', { name: 'Add technology' }).first().click();
    await this.form.fill(fields);
    await this.form.submit();
  }

  blip(title: string) {
    return this.page.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}: `) });
  }

  // The panel of the chosen blip.
  get details() {
    return this.page.getByTestId('radar-details');
  }

  get blips() {
    return this.page.getByTestId('radar-blip');
  }

  // The chart itself (the SVG), its domain sectors, and the note it shows when it had to crowd blips.
  get chart() {
    return this.page.getByRole('group', { name: /^Technology radar with/ });
  }

  get sectors() {
    return this.page.getByTestId('radar-sector');
  }

  get note() {
    return this.page.getByTestId('radar-note');
  }

  // Each blip's visible circle in page coordinates.
  async blipCircles() {
    return this.blips.evaluateAll((nodes) =>
      nodes.map((n) => {
        const circles = n.querySelectorAll('circle');
        const c = circles[circles.length - 1].getBoundingClientRect();
        return { id: n.getAttribute('data-technology-id'), x: c.x + c.width / 2, y: c.y + c.height / 2, r: c.width / 2 };
      }),
    );
  }

  // Every blip takes the keyboard focus (the ids of those that do not); all but one are reached with the arrow
  // keys rather than Tab (tabindex -1).
  async unfocusableBlips() {
    return this.blips.evaluateAll((nodes) =>
      nodes
        .filter((n) => {
          (n as SVGElement).focus();
          return document.activeElement !== n || !['0', '-1'].includes(n.getAttribute('tabindex') ?? '');
        })
        .map((n) => n.getAttribute('data-technology-id')),
    );
  }

  // The chart's tab stops: one blip (roving tabindex).
  get tabStops() {
    return this.blips.and(this.page.locator('[tabindex="0"]'));
  }

  // Whether the keyboard focus is inside the chart.
  async hasFocus() {
    return this.chart.evaluate((chart) => chart.contains(document.activeElement));
  }

  card(title: string) {
    return this.page.getByTestId('technology-card').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  row(title: string) {
    return this.page.getByTestId('technology-row').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  get rows() {
    return this.page.getByTestId('technology-row');
  }

  // On a phone the domain, status and tag filters are folded behind a "Filters" button.
  get filtersButton() {
    return this.page.getByRole('button', { name: /^Filters/ });
  }

  async toggleFilter(group: 'Domain' | 'Status', value: string) {
    if ((await this.filtersButton.isVisible()) && (await this.filtersButton.getAttribute('aria-expanded')) === 'false') await this.filtersButton.click();
    await this.page.getByRole('group', { name: group }).getByText(value, { exact: true }).click();
  }

  async search(text: string) {
    await this.page.getByLabel('Search technologies').fill(text);
  }

  async confirmDelete() {
    await this.page.getByRole('dialog').getByRole('button', { name: 'Delete technology' }).click();
  }
}
