import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dependencyChange, rowsFromDependencies, validateRows, type DependencyRow } from './DependenciesField';
import { TechnologyFormDialog } from './TechnologyForm';
import type { Technology } from '@/api/types';
import { json, mockFetch, testQueryClient, wrapper, signedInToProject } from '@/test/utils';

const row = (technologyId: string, relationship: string, key = Math.random()): DependencyRow => ({ key, technologyId, relationship });

describe('dependencies as rows', () => {
  it('turns the API object into rows and back, keeping a value that is not text unless it was edited', () => {
    const original = { '2': 'requires', '3': { kind: 'optional', since: 2 } };
    const rows = rowsFromDependencies(original);
    expect(rows.map((r) => [r.technologyId, r.relationship])).toEqual([
      ['2', 'requires'],
      ['3', '{"kind":"optional","since":2}'],
    ]);
    expect(dependencyChange(rows, original, true)).toBeUndefined();
    const edited = rows.map((r) => (r.technologyId === '2' ? { ...r, relationship: 'optional' } : r));
    expect(dependencyChange(edited, original, true)).toEqual({ '2': 'optional', '3': { kind: 'optional', since: 2 } });
  });

  it('sends nothing for an unchanged or empty create, null when every dependency of an edit is removed', () => {
    expect(dependencyChange([], null, false)).toBeUndefined();
    expect(dependencyChange([row('', '')], null, false)).toBeUndefined();
    expect(dependencyChange([row('5', ' builds on ')], null, false)).toEqual({ '5': 'builds on' });
    expect(dependencyChange([], { '2': 'requires' }, true)).toBeNull();
    expect(dependencyChange([], null, true)).toBeUndefined();
  });

  it('ignores empty rows and names the missing half of a filled one, and a technology listed twice', () => {
    const errors = validateRows([row('', '', 1), row('2', '', 2), row('', 'requires', 3), row('4', 'requires', 4), row('4', 'optional', 5)]);
    expect(errors).toEqual({
      2: { relationship: 'say how they relate, e.g. requires' },
      3: { technology: 'choose the technology it depends on' },
      5: { technology: 'is already listed above' },
    });
  });
});

describe('the dependencies editor in the technology form', () => {
  const juce = { id: 1, title: 'JUCE', domain: 'audio-dsp', status: 'integrated', priority: 5, relevance_score: 90, dependencies: { '2': 'requires' }, version: 3 } as unknown as Technology;
  const others = [juce, { id: 2, title: 'ONNX Runtime' }, { id: 3, title: 'Faust' }];

  signedInToProject();

  function serve() {
    return mockFetch((url, init) => {
      if (url.pathname === '/api/v1/technologies/1' && init.method === 'PATCH') return json(200, { ...juce, ...JSON.parse(String(init.body)), version: 4 }, { etag: '"t1v4"' });
      if (url.pathname === '/api/v1/technologies/1') return json(200, juce, { etag: '"t1v3"' });
      if (url.pathname === '/api/v1/technologies') return json(200, { items: others, total: others.length, page: 1, page_size: 100 });
      return undefined;
    });
  }

  it('lists the technology’s dependencies by name, and saves a new one with its relationship', async () => {
    const calls = serve();
    const user = userEvent.setup();
    render(<TechnologyFormDialog open onClose={() => {}} technology={juce} />, { wrapper: wrapper(testQueryClient()) });
    const first = screen.getByLabelText('Technology (dependency 1)');
    await waitFor(() => expect(first).toHaveDisplayValue('ONNX Runtime'));
    expect(screen.getByLabelText('Relationship (dependency 1)')).toHaveValue('requires');
    // The technology itself is not offered.
    expect(within(first).queryByRole('option', { name: 'JUCE' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add dependency' }));
    const second = screen.getByLabelText('Technology (dependency 2)');
    // What the first row already uses is not offered again.
    expect(within(second).queryByRole('option', { name: 'ONNX Runtime' })).not.toBeInTheDocument();
    await user.selectOptions(second, 'Faust');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    // Half a row is refused at the part that is missing, before anything is sent.
    expect(screen.getByLabelText('Relationship (dependency 2)')).toHaveAccessibleDescription('say how they relate, e.g. requires');
    expect(calls.some((c) => c.init.method === 'PATCH')).toBe(false);

    await user.type(screen.getByLabelText('Relationship (dependency 2)'), 'builds on');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.init.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.init.method === 'PATCH')!;
    expect(JSON.parse(String(patch.init.body))).toEqual({ dependencies: { '2': 'requires', '3': 'builds on' } });
  });

  it('clears the dependencies with null when the last one is removed', async () => {
    const calls = serve();
    const user = userEvent.setup();
    render(<TechnologyFormDialog open onClose={() => {}} technology={juce} />, { wrapper: wrapper(testQueryClient()) });
    await user.click(screen.getByRole('button', { name: 'Remove dependency 1' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.init.method === 'PATCH')).toBe(true));
    expect(JSON.parse(String(calls.find((c) => c.init.method === 'PATCH')!.init.body))).toEqual({ dependencies: null });
  });
});
