import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TechnologyFormDialog, toInput, toValues } from './TechnologyForm';
import { technologyKeys } from '@/api/technologies';
import type { Technology } from '@/api/types';
import { json, mockFetch, testQueryClient, wrapper, signedInToProject } from '@/test/utils';

describe('TechnologyFormDialog', () => {
  signedInToProject();

  it('shows each validation error of the API under its field, and the rest above the form', async () => {
    mockFetch(() =>
      json(422, {
        status: 422,
        title: 'Unprocessable Content',
        detail: '3 fields are not valid',
        errors: [
          { field: 'priority', message: 'must be between 1 and 5' },
          { field: 'website_url', message: 'must be an http or https URL (or null)' },
          { field: 'colour', message: 'is not a known field' },
        ],
      }),
    );
    const user = userEvent.setup();
    const Wrapper = wrapper(testQueryClient());
    render(<TechnologyFormDialog open onClose={() => {}} />, { wrapper: Wrapper });
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Bad');
    await user.clear(screen.getByLabelText('Priority (1–5)'));
    await user.type(screen.getByLabelText('Priority (1–5)'), '9');
    await user.click(screen.getByRole('button', { name: 'Add technology' }));
    await waitFor(() => expect(screen.getByLabelText('Priority (1–5)')).toHaveAccessibleDescription('must be between 1 and 5'));
    expect(screen.getByLabelText('Priority (1–5)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Website')).toHaveAccessibleDescription('must be a web address starting with http:// or https://');
    expect(screen.getByRole('alert')).toHaveTextContent('colour: is not a known field');
    expect(screen.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('aria-invalid');
  });

  it('saves against the version it opened with, so a change someone else made meanwhile is not overwritten', async () => {
    const juce = { id: 4, title: 'JUCE', domain: 'audio-dsp', status: 'integrated', priority: 5, relevance_score: 90, version: 1 } as Technology;
    let version = 1;
    const calls = mockFetch((url, init) => {
      if (init.method === 'PATCH') return json(412, { status: 412, title: 'Precondition Failed', detail: 'the technology has changed' });
      if (url.pathname === '/api/v1/technologies/4') return json(200, { ...juce, version }, { etag: `"t4v${version}"` });
      return json(200, { items: [], total: 0, page: 1, page_size: 20 });
    });
    const client = testQueryClient();
    const user = userEvent.setup();
    render(<TechnologyFormDialog open onClose={() => {}} technology={juce} />, { wrapper: wrapper(client) });
    await waitFor(() => expect(client.getQueryData<{ etag: string }>(technologyKeys.detail(1, 4))?.etag).toBe('"t4v1"'));
    // Someone else saves; the live event refreshes the cached technology (and its ETag).
    version = 2;
    await client.refetchQueries({ queryKey: technologyKeys.detail(1, 4) });
    expect(client.getQueryData<{ etag: string }>(technologyKeys.detail(1, 4))?.etag).toBe('"t4v2"');
    await user.clear(screen.getByLabelText('Priority (1–5)'));
    await user.type(screen.getByLabelText('Priority (1–5)'), '3');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Someone else changed this technology'));
    const patch = calls.find((c) => c.init.method === 'PATCH')!;
    expect((patch.init.headers as Record<string, string>)['if-match']).toBe('"t4v1"');
  });

  it('keeps the detailed evaluation open while a field in it is typed into and emptied again', async () => {
    mockFetch(() => json(200, { items: [], total: 0, page: 1, page_size: 100 }));
    const user = userEvent.setup();
    render(<TechnologyFormDialog open onClose={() => {}} />, { wrapper: wrapper(testQueryClient()) });
    const section = screen.getByText('Detailed evaluation').closest('details')!;
    expect(section).not.toHaveAttribute('open');
    await user.click(screen.getByText('Detailed evaluation'));
    expect(section).toHaveAttribute('open');
    const stability = screen.getByLabelText('Stability (0–100)');
    await user.type(stability, '7');
    await user.clear(stability);
    expect(section).toHaveAttribute('open');
    expect(stability).toBeVisible();
    await user.click(screen.getByText('Detailed evaluation'));
    expect(section).not.toHaveAttribute('open');
  });

  it('opens the detailed evaluation of a technology that has such values', () => {
    mockFetch(() => json(200, { items: [], total: 0, page: 1, page_size: 100 }));
    const juce = { id: 4, title: 'JUCE', domain: 'audio-dsp', status: 'integrated', priority: 5, relevance_score: 90, stability_score: 80, version: 1 } as Technology;
    render(<TechnologyFormDialog open onClose={() => {}} technology={juce} />, { wrapper: wrapper(testQueryClient()) });
    expect(screen.getByText('Detailed evaluation').closest('details')).toHaveAttribute('open');
    expect(screen.getByLabelText('Stability (0–100)')).toHaveValue(80);
  });

  it('sends only what changed when editing, with null for a cleared field', () => {
    const original = { title: 'JUCE', vendor: 'ROLI', priority: '5', tags: 'cpp' };
    expect(toInput({ ...original, vendor: '', priority: '4', reason: 'reprioritised' }, original)).toEqual({ vendor: null, priority: 4, reason: 'reprioritised' });
    expect(toInput({ title: 'New', priority: '3', vendor: '' })).toEqual({ title: 'New', priority: 3 });
  });
});

describe('date-time fields', () => {
  // Vitest runs in Europe/Berlin (vite.config.ts), one hour ahead of UTC in January.
  it('show a stored instant in the browser zone and save it back unchanged', () => {
    const values = toValues({ title: 'JUCE', github_last_commit: '2030-01-15T12:00:00Z' } as Partial<Technology>);
    expect(values.github_last_commit).toBe('2030-01-15T13:00');
    expect(toInput({ ...values, github_last_commit: '2030-01-15T13:00' }, values)).toEqual({});
    expect(toInput({ ...values, github_last_commit: '2030-01-15T14:30' }, values)).toEqual({ github_last_commit: '2030-01-15T13:30:00.000Z' });
  });
});
