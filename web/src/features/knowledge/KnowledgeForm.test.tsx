import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { changedFields, KnowledgeFormDialog, toKnowledgeInput } from './KnowledgeForm';
import type { KnowledgeEntry } from '@/api/types';
import { json, mockFetch, testQueryClient, wrapper, signedInToProject } from '@/test/utils';

const empty = { title: '', content: '', category: '', technology_id: '', source_file: '', source_url: '', source_type: '', page_number: '', confidence_score: '', relevance_score: '', metadata_: '' };
const stored = { id: 7, title: 'FFT sizes', content: 'Line one\nLine two', category: 'dsp', technology_id: 3, source_file: null, source_url: null, source_type: null, page_number: null, confidence_score: 0.5, relevance_score: null, metadata_: { chapter: '3' }, version: 2 } as unknown as KnowledgeEntry;

describe('knowledge form values', () => {
  it('turns empty optional fields into null, numbers into numbers, and metadata into an object', () => {
    const { input } = toKnowledgeInput({ ...empty, title: 'T', content: '  keep spaces\n', category: 'dsp', technology_id: '3', page_number: '12', confidence_score: '0.8', metadata_: '{"a": 1}' });
    expect(input).toMatchObject({ title: 'T', content: '  keep spaces\n', technology_id: 3, page_number: 12, confidence_score: 0.8, relevance_score: null, source_url: null, metadata_: { a: 1 } });
    expect(toKnowledgeInput({ ...empty, metadata_: '[1, 2]' }).metadataError).toMatch(/JSON object/);
    expect(toKnowledgeInput({ ...empty, metadata_: '{oops' }).metadataError).toMatch(/JSON object/);
  });

  it('creates with what is filled in, and edits with only what changed (null clears a field)', () => {
    const { input } = toKnowledgeInput({ ...empty, title: 'T', content: 'C', category: 'dsp' });
    expect(changedFields(input)).toEqual({ title: 'T', content: 'C', category: 'dsp' });
    const edited = toKnowledgeInput({ ...empty, title: 'FFT sizes', content: 'Line one\nLine two', category: 'dsp', technology_id: '3', confidence_score: '', metadata_: '{"chapter": "3"}', source_type: 'paper' }).input;
    expect(changedFields(edited, stored)).toEqual({ confidence_score: null, source_type: 'paper' });
  });
});

describe('KnowledgeFormDialog', () => {
  signedInToProject();

  it('shows each validation error of the API under its field, and the rest above the form', async () => {
    mockFetch((url, init) => {
      if (init.method === 'POST')
        return json(422, {
          status: 422,
          title: 'Unprocessable Content',
          detail: '3 fields are not valid',
          errors: [
            { field: 'category', message: 'must not be empty' },
            { field: 'confidence_score', message: 'must be between 0 and 1' },
            { field: 'colour', message: 'is not a known field' },
          ],
        });
      if (url.pathname === '/api/v1/knowledge/categories') return json(200, ['dsp']);
      return json(200, { items: [], total: 0, page: 1, page_size: 100 });
    });
    const user = userEvent.setup();
    render(<KnowledgeFormDialog onClose={() => {}} />, { wrapper: wrapper(testQueryClient()) });
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Denormals');
    await user.type(screen.getByLabelText('Confidence (0–1)'), '3');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Category' })).toHaveAccessibleDescription('must not be empty'));
    expect(screen.getByLabelText('Confidence (0–1)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Confidence (0–1)')).toHaveAccessibleDescription('must be between 0 and 1');
    expect(screen.getByRole('alert')).toHaveTextContent('colour: is not a known field');
    expect(screen.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('aria-invalid');
  });

  it('offers every technology of the project, not only the first hundred', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, title: `Tech ${String(i + 1).padStart(3, '0')}` }));
    mockFetch((url) => {
      if (url.pathname === '/api/v1/knowledge/categories') return json(200, []);
      if (url.pathname === '/api/v1/technologies') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        return json(200, { items: all.slice((page - 1) * limit, page * limit), total: all.length, page, page_size: limit });
      }
      return undefined;
    });
    render(<KnowledgeFormDialog onClose={() => {}} />, { wrapper: wrapper(testQueryClient()) });
    const picker = screen.getByRole('combobox', { name: 'Technology' });
    await waitFor(() => expect(picker.querySelectorAll('option[value="250"]')).toHaveLength(1));
    expect(picker.querySelectorAll('option')).toHaveLength(251); // and "None"
  });

  it('refuses metadata that is not a JSON object before asking the API', async () => {
    const calls = mockFetch((url) => json(200, url.pathname.endsWith('/categories') ? [] : { items: [], total: 0, page: 1, page_size: 100 }));
    const user = userEvent.setup();
    render(<KnowledgeFormDialog onClose={() => {}} />, { wrapper: wrapper(testQueryClient()) });
    await user.type(screen.getByLabelText('Metadata (JSON)'), '[[1]]');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    expect(screen.getByLabelText('Metadata (JSON)')).toHaveAccessibleDescription(/JSON object/);
    expect(calls.some((c) => c.init.method === 'POST')).toBe(false);
  });

  it('edits against the ETag of the version it opened, and says so when someone else changed it', async () => {
    const calls = mockFetch((url, init) => {
      if (init.method === 'PATCH') return json(412, { status: 412, title: 'Precondition Failed' });
      if (url.pathname === '/api/v1/knowledge/entries/7') return json(200, stored, { etag: '"e7v2"' });
      if (url.pathname === '/api/v1/knowledge/categories') return json(200, ['dsp']);
      return json(200, { items: [], total: 0, page: 1, page_size: 100 });
    });
    const user = userEvent.setup();
    render(<KnowledgeFormDialog entry={stored} onClose={() => {}} />, { wrapper: wrapper(testQueryClient()) });
    expect(screen.getByRole('textbox', { name: 'Content' })).toHaveValue('Line one\nLine two');
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/knowledge/entries/7')).toBe(true));
    await user.clear(screen.getByRole('textbox', { name: 'Title' }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'FFT sizes and hops');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Someone else changed this entry'));
    const patch = calls.find((c) => c.init.method === 'PATCH')!;
    expect((patch.init.headers as Record<string, string>)['if-match']).toBe('"e7v2"');
    expect(JSON.parse(String(patch.init.body))).toEqual({ title: 'FFT sizes and hops' });
  });
});
