import { render, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import KnowledgeEntryPage, { safeHref } from './KnowledgeEntryPage';
import KnowledgePage from './KnowledgePage';
import type { KnowledgeEntry, Role } from '@/api/types';
import { json, mockFetch, testQueryClient, wrapper, signedInToProject } from '@/test/utils';

const entry = {
  id: 7,
  project_id: 1,
  title: 'FFT sizes',
  content: 'Line one\n<img src=x onerror="alert(1)"><b>not bold</b>',
  category: 'dsp',
  technology_id: 3,
  source_file: 'notes.pdf',
  source_url: 'javascript:alert(1)',
  source_type: 'manual',
  page_number: 12,
  confidence_score: 0.8,
  relevance_score: null,
  metadata_: null,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
} satisfies KnowledgeEntry;

function serve(role: Role) {
  mockFetch((url) => {
    switch (url.pathname) {
      case '/api/v1/projects':
        return json(200, [{ id: 1, name: 'Audio', owner: 'ada', description: null, created_at: '', updated_at: '', role }]);
      case '/api/v1/auth/me':
        return json(200, { id: 1, email: 'a@example.com', default_project_id: 1 });
      case '/api/v1/knowledge/entries/7':
        return json(200, entry, { etag: '"e7v1"' });
      case '/api/v1/knowledge/entries':
        return json(200, { items: [entry], total: 1, page: 1, page_size: 20 });
      case '/api/v1/knowledge/categories':
        return json(200, ['dsp']);
      case '/api/v1/technologies/3':
        return json(200, { id: 3, title: 'JUCE' });
      case '/api/v1/technologies/3/repositories':
        return json(200, [{ id: 9, full_name: 'juce-framework/JUCE' }]);
      case '/api/v1/technologies':
        return json(200, { items: [{ id: 3, title: 'JUCE' }], total: 1, page: 1, page_size: 100 });
    }
    return undefined;
  });
}

function renderAt(url: string) {
  return render(
    <Routes>
      <Route path="/knowledge" element={<KnowledgePage />} />
      <Route path="/knowledge/:id" element={<KnowledgeEntryPage />} />
    </Routes>,
    { wrapper: wrapper(testQueryClient(), [url]) },
  );
}

describe('knowledge screens', () => {
  signedInToProject();

  it('shows the content as plain text with its line breaks, never as HTML, and links what is related', async () => {
    serve('member');
    const { container } = renderAt('/knowledge/7');
    const content = await screen.findByTestId('knowledge-content');
    expect(content.textContent).toBe(entry.content);
    expect(content.querySelector('img, b')).toBeNull();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(await screen.findByRole('link', { name: 'JUCE' })).toHaveAttribute('href', '/technologies/3');
    expect(await screen.findByRole('link', { name: 'juce-framework/JUCE' })).toHaveAttribute('href', '/repositories/9');
    expect(screen.getByRole('link', { name: 'Research tasks about it' })).toHaveAttribute('href', '/research?technology_id=3');
    // A source address that is not a web address stays text.
    expect(screen.getByText('javascript:alert(1)').closest('a')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Edit' })).toBeVisible();
  });

  it('a viewer reads the entry and the list without any edit control', async () => {
    serve('viewer');
    renderAt('/knowledge/7');
    expect(await screen.findByTestId('knowledge-content')).toBeVisible();
    await screen.findByRole('link', { name: 'JUCE' });
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('the list offers no create, edit or delete to a viewer', async () => {
    serve('viewer');
    renderAt('/knowledge?category=dsp');
    expect(await screen.findByRole('link', { name: 'FFT sizes' })).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue('dsp');
    expect(screen.queryByRole('button', { name: 'New entry' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit FFT sizes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete FFT sizes' })).toBeNull();
  });

  it('only web addresses become links', () => {
    expect(safeHref('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });
});
