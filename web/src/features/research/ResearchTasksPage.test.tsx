import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import ResearchTasksPage from './ResearchTasksPage';
import type { ResearchTask } from '@/api/types';
import { json, mockFetch, testQueryClient, wrapper, signedInToProject } from '@/test/utils';

const base = { project_id: 1, description: null, user_notes: null, findings: null, estimated_hours: null, actual_hours: null, completed_at: null, metadata_: null, version: 1, created_at: '', updated_at: '' };
const TASKS: ResearchTask[] = [
  { ...base, id: 1, title: 'Benchmark ONNX Runtime', status: 'in_progress', technology_id: 2, repository_id: 9, assigned_to: 'ada', due_date: '2020-01-15T23:59:59Z', progress_percentage: 40 },
  { ...base, id: 2, title: 'Check the licence', status: 'pending', technology_id: null, repository_id: 9, assigned_to: null, due_date: '2099-01-01T23:59:59Z', progress_percentage: 0 },
];

function serve() {
  return mockFetch((url) => {
    switch (url.pathname) {
      case '/api/v1/projects':
        return json(200, [{ id: 1, name: 'Audio', owner: 'ada', description: null, created_at: '', updated_at: '', role: 'member' }]);
      case '/api/v1/research-tasks': {
        const repository = url.searchParams.get('repository_id');
        const items = repository ? TASKS.filter((t) => String(t.repository_id) === repository) : TASKS;
        return json(200, items, { 'x-total-count': String(items.length) });
      }
      case '/api/v1/research-tasks/statistics/overview':
        return json(200, { by_status: { pending: 1, in_progress: 1 }, total: 2, overdue_count: 1, upcoming_count: 0, overdue_tasks: [], upcoming_tasks: [] });
      case '/api/v1/technologies':
        return json(200, { items: [{ id: 2, title: 'ONNX Runtime' }], total: 1, page: 1, page_size: 100 });
      case '/api/v1/repositories':
        return json(200, [{ id: 9, full_name: 'microsoft/onnxruntime' }, { id: 10, full_name: 'juce-framework/JUCE' }], { 'x-total-count': '2' });
    }
    return undefined;
  });
}

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

function renderPage(url = '/research') {
  return render(
    <Routes>
      <Route
        path="/research"
        element={
          <>
            <ResearchTasksPage />
            <Search />
          </>
        }
      />
    </Routes>,
    { wrapper: wrapper(testQueryClient(), [url]) },
  );
}

function stubScreenWidth(width: number) {
  vi.stubGlobal('matchMedia', (query: string) => {
    const min = /min-width:\s*([\d.]+)rem/.exec(query);
    return { matches: min ? width >= Number(min[1]) * 16 : false, media: query, addEventListener() {}, removeEventListener() {} };
  });
}

describe('ResearchTasksPage', () => {
  signedInToProject();

  it('on a phone shows every task as a card with what it is about, who has it and when it is due', async () => {
    stubScreenWidth(390);
    serve();
    renderPage();
    const cards = await screen.findAllByTestId('task-row');
    expect(cards).toHaveLength(2);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const first = within(cards[0]);
    await waitFor(() => expect(first.getByRole('link', { name: 'ONNX Runtime' })).toHaveAttribute('href', '/technologies/2'));
    expect(first.getByRole('link', { name: 'microsoft/onnxruntime' })).toHaveAttribute('href', '/repositories/9');
    expect(first.getByText('ada')).toBeVisible();
    expect(first.getByLabelText('Overdue')).toBeInTheDocument();
    expect(first.getByRole('combobox', { name: 'Status of Benchmark ONNX Runtime' })).toHaveValue('in_progress');
    expect(within(cards[1]).queryByLabelText('Overdue')).not.toBeInTheDocument();
  });

  it('from a tablet up shows a table with the assigned and due columns', async () => {
    stubScreenWidth(1024);
    serve();
    renderPage();
    const table = await screen.findByRole('table', { name: 'Research tasks' });
    expect(within(table).getByRole('columnheader', { name: 'Assigned' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Due' })).toBeInTheDocument();
    expect(within(table).getAllByTestId('task-row')).toHaveLength(2);
  });

  it('filters by repository, kept in the URL and sent to the API', async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId('task-row');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Repository' })).toHaveTextContent('juce-framework/JUCE'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Repository' }), 'microsoft/onnxruntime');
    await waitFor(() => expect(screen.getByTestId('search')).toHaveTextContent('repository_id=9'));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/research-tasks' && c.url.searchParams.get('repository_id') === '9')).toBe(true));
  });

  it('names a filtered technology in the picker and offers to clear it', async () => {
    serve();
    renderPage('/research?technology_id=2&repository_id=10');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Technology' })).toHaveDisplayValue('ONNX Runtime'));
    expect(screen.getByRole('combobox', { name: 'Repository' })).toHaveDisplayValue('juce-framework/JUCE');
    expect(await screen.findByText('No task matches')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByTestId('search')).toHaveTextContent(/^$/));
  });
});
