// The knowledge base: a member writes entries, finds them again by search and category, edits and deletes them;
// a viewer reads them without any control to change them.
import { test, expect, inspect, ADMIN, VIEWER } from '../support/fixtures';
import { apiClient } from '../support/api';
import { KnowledgePage } from '../pages/KnowledgePage';
import { signInAs } from '../support/session';

const DENORMALS = 'Denormals on the audio thread';
const FIFO = 'Lock-free FIFO between threads';

test('knowledge: create, search, filter by category, edit and delete entries', async ({ page }) => {
  await signInAs(page, ADMIN);
  const kb = new KnowledgePage(page);
  await kb.open();
  await expect(page.getByText('No knowledge entries yet')).toBeVisible();
  await inspect(page, 'knowledge-empty');

  // The API checks the form: its messages appear at the fields they name.
  await page.getByRole('button', { name: 'Add the first entry' }).click();
  await kb.form.fill({ title: DENORMALS, sourceUrl: 'not a web address', confidence: '1.5' });
  await kb.form.submit();
  await kb.form.expectFieldError('Content');
  await kb.form.expectFieldError('Category');
  await kb.form.expectFieldError('Source URL');
  await kb.form.expectFieldError('Confidence (0–1)');
  await expect(kb.form.dialog.getByLabel('Title')).toHaveValue(DENORMALS);
  await expect(kb.form.dialog.getByLabel('Title')).not.toHaveAttribute('aria-invalid');
  await inspect(page, 'knowledge-form');
  await kb.form.fill({
    category: 'dsp',
    technology: 'JUCE',
    // Markup in the content is text, shown as typed.
    content: 'Subnormal floats slow the callback down by 100x.\nSet FTZ/DAZ on the audio thread.\n<b>Not bold</b>',
    sourceType: 'manual',
    sourceFile: 'intel-optimization.pdf',
    sourceUrl: 'https://example.com/denormals',
    page: '42',
    confidence: '0.9',
    metadata: '{"chapter": "3"}',
  });
  await kb.form.submit();
  await kb.form.expectClosed();
  await expect(kb.row(DENORMALS)).toContainText('dsp');
  await expect(kb.row(DENORMALS)).toContainText('JUCE');

  await kb.add({ title: FIFO, category: 'concurrency', content: 'A single-producer, single-consumer ring buffer with atomics.' });
  await kb.form.expectClosed();
  await expect(kb.rows).toHaveCount(2);

  // Search and category are in the URL, and the back button restores the previous filter.
  await kb.search('ftz/daz');
  await expect(page).toHaveURL(/\/knowledge\?search=ftz%2Fdaz$/);
  await expect(kb.rows).toHaveCount(1);
  await expect(kb.row(DENORMALS)).toBeVisible();
  await kb.search('');
  await expect(kb.rows).toHaveCount(2);
  await kb.category.selectOption('concurrency');
  await expect(page).toHaveURL(/\/knowledge\?category=concurrency$/);
  await expect(kb.rows).toHaveCount(1);
  await expect(kb.row(FIFO)).toBeVisible();
  await inspect(page, 'knowledge');
  await kb.search('denormal');
  await expect(page.getByText('No entry matches')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(kb.rows).toHaveCount(2);
  await page.goBack();
  await expect(kb.category).toHaveValue('concurrency');
  await expect(kb.rows).toHaveCount(1);
  await kb.category.selectOption('');
  await expect(kb.rows).toHaveCount(2);

  // The entry's page: plain text with its line breaks, the source, and links to what it is about.
  await kb.openEntry(DENORMALS);
  const content = page.getByTestId('knowledge-content');
  await expect(content).toHaveText('Subnormal floats slow the callback down by 100x.\nSet FTZ/DAZ on the audio thread.\n<b>Not bold</b>', { useInnerText: true });
  await expect(content.locator('b')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'https://example.com/denormals' })).toHaveAttribute('href', 'https://example.com/denormals');
  await expect(page.getByRole('link', { name: 'JUCE', exact: true })).toHaveAttribute('href', /\/technologies\/\d+$/);
  await expect(page.getByRole('link', { name: 'Research tasks about it' })).toBeVisible();
  await inspect(page, 'knowledge-entry');

  // Edit: the API's message at the field, then the change.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await kb.form.fill({ title: 'Denormals: flush them to zero', relevance: '2' });
  await kb.form.submit();
  await kb.form.expectFieldError('Relevance (0–1)');
  await kb.form.fill({ relevance: '0.75' });
  await kb.form.submit();
  await kb.form.expectClosed();
  await expect(page.getByRole('heading', { name: 'Denormals: flush them to zero', level: 1 })).toBeVisible();
  await expect(page.getByText('75%')).toBeVisible();

  // Delete from its page, then the other from the list, each after a confirmation naming it.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await kb.confirmDelete('Denormals: flush them to zero');
  await expect(page).toHaveURL(/\/knowledge$/);
  await expect(kb.rows).toHaveCount(1);
  await kb.row(FIFO).getByRole('button', { name: `Delete ${FIFO}` }).click();
  await kb.confirmDelete(FIFO);
  await expect(page.getByText('No knowledge entries yet')).toBeVisible();
});

test('knowledge: a viewer reads entries but is offered nothing to change', async ({ page, request }) => {
  const api = await apiClient(request, ADMIN, 'Audio Platform');
  await api.send('POST', '/api/v1/knowledge/entries', { title: 'Buffer sizes per host', content: 'Ableton: 32–2048.\nLogic: 32–1024.', category: 'hosts' });
  // 06 made the viewer a member; make them a viewer again.
  const members: { user_id: number; email: string }[] = await api.send('GET', `/api/v1/projects/${api.projectId}/members`);
  const viewer = members.find((m) => m.email === VIEWER.email)!;
  await api.send('PATCH', `/api/v1/projects/${api.projectId}/members/${viewer.user_id}`, { role: 'viewer' });

  await signInAs(page, VIEWER);
  const kb = new KnowledgePage(page);
  await kb.open();
  await expect(kb.row('Buffer sizes per host')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New entry' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0);
  await kb.openEntry('Buffer sizes per host');
  await expect(page.getByTestId('knowledge-content')).toHaveText('Ableton: 32–2048.\nLogic: 32–1024.', { useInnerText: true });
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  await inspect(page, 'knowledge-entry-viewer');
});
