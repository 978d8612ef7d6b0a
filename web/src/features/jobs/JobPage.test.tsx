import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Job } from '@/api/types';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';

// The page follows a running job over a WebSocket; these tests look at what it shows and sends.
vi.mock('@/api/websocket', () => ({ openLiveSocket: () => () => {} }));
const { default: JobPage, delayError } = await import('./JobPage');

const PROJECTS = [{ id: 1, name: 'Audio', owner: 'ada', description: null, created_at: '', updated_at: '', role: 'member' }];
const base: Job = {
  id: 12,
  project_id: 1,
  job_type: 'batch_import',
  parameters: { technologies: [{ title: 'JUCE' }], merge_strategy: 'skip' },
  tags: {},
  status: 'pending',
  priority: 5,
  progress: 0,
  current_step: null,
  result: null,
  error: null,
  attempts: 0,
  max_attempts: 3,
  attempt_history: [],
  run_at: null,
  created_by: 1,
  created_at: '2030-01-15T12:00:00Z',
  dispatched_at: null,
  started_at: null,
  completed_at: null,
  duration_seconds: null,
} as unknown as Job;

function serve(job: Job, extra?: (url: URL, init: RequestInit) => Response | undefined) {
  return mockFetch((url, init) => {
    const answer = extra?.(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/v1/projects') return json(200, PROJECTS);
    if (url.pathname === `/api/v1/jobs/${job.id}` && (init.method ?? 'GET') === 'GET') return json(200, job);
    return undefined;
  });
}

function renderPage(id = 12) {
  return render(
    <Routes>
      <Route path="/jobs/:id" element={<JobPage />} />
      <Route path="/jobs" element={<p>The jobs list</p>} />
    </Routes>,
    { wrapper: wrapper(testQueryClient(), [`/jobs/${id}`]) },
  );
}

describe('JobPage', () => {
  signedInToProject();

  it('dispatches a waiting job after the delay given, in seconds', async () => {
    let job = base;
    const calls = mockFetch((url, init) => {
      if (url.pathname === '/api/v1/projects') return json(200, PROJECTS);
      if (url.pathname === '/api/v1/jobs/12/dispatch' && init.method === 'POST') {
        job = { ...base, dispatched_at: '2030-01-15T12:01:00Z', run_at: '2999-01-01T00:00:00Z' };
        return json(200, job);
      }
      if (url.pathname === '/api/v1/jobs/12') return json(200, job);
      return undefined;
    });
    renderPage();
    expect(await screen.findByTestId('job-step')).toHaveTextContent('Waiting to be dispatched');
    const delay = await screen.findByLabelText('Delay (seconds)');
    expect(delay).toHaveValue(0);
    await userEvent.clear(delay);
    await userEvent.type(delay, '300');
    await userEvent.click(screen.getByRole('button', { name: 'Dispatch' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/jobs/12/dispatch')).toBe(true));
    const call = calls.find((c) => c.url.pathname === '/api/v1/jobs/12/dispatch')!;
    expect(call.url.searchParams.get('delay_seconds')).toBe('300');
    expect(await screen.findByTestId('job-step')).toHaveTextContent(/^Runs no earlier than/);
  });

  it('refuses a delay the API would refuse, at the field, and sends nothing', async () => {
    const calls = serve(base);
    renderPage();
    const delay = await screen.findByLabelText('Delay (seconds)');
    await userEvent.clear(delay);
    await userEvent.type(delay, '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Dispatch' }));
    expect(delay).toHaveAttribute('aria-invalid', 'true');
    expect(delay).toHaveAccessibleDescription('At most 3600 seconds (an hour)');
    expect(calls.some((c) => c.url.pathname.endsWith('/dispatch'))).toBe(false);
  });

  it('asks before deleting a job, naming it', async () => {
    const done = { ...base, status: 'completed', progress: 100, result: { imported_count: 1, updated_count: 0, skipped_count: 0, failed_count: 0, dry_run: false, rows: [{ row: 1, title: 'JUCE', outcome: 'imported', technology_id: 4 }] } } as Job;
    const calls = serve(done, (url, init) => (url.pathname === '/api/v1/jobs/12' && init.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined));
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Batch import #12' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Batch import #12?' });
    expect(dialog).toHaveTextContent('Technologies it imported or updated stay on the radar.');
    expect(calls.some((c) => c.init.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete job' }));
    expect(await screen.findByText('The jobs list')).toBeInTheDocument();
    expect(calls.filter((c) => c.init.method === 'DELETE')).toHaveLength(1);
  });

  it('a cancelled import shows why, and the rows it reached', async () => {
    const cancelled = {
      ...base,
      status: 'cancelled',
      progress: 40,
      error: 'Cancelled at row 2 of 5',
      result: { total: 5, rows: [{ row: 1, title: 'JUCE', outcome: 'imported', technology_id: 4 }, { row: 2, title: 'Bad', outcome: 'failed', reason: 'priority: must be an integer' }] },
    } as Job;
    serve(cancelled);
    renderPage();
    expect(await screen.findByTestId('job-error')).toHaveTextContent('Cancelled: Cancelled at row 2 of 5');
    const report = screen.getByTestId('import-report');
    expect(within(report).getByTestId('import-partial')).toHaveTextContent('It stopped after 2 rows of 5.');
    expect(within(report).getByTestId('import-imported')).toHaveTextContent('1');
    expect(within(report).getByTestId('import-failed')).toHaveTextContent('1');
    expect(within(report).getByRole('row', { name: /Bad/ })).toHaveTextContent('Priority: must be a whole number');
    expect(screen.getByRole('heading', { name: 'What it did before it stopped' })).toBeInTheDocument();
  });

  it('a failed import with no report says so next to its error', async () => {
    serve({ ...base, status: 'failed', error: 'database is locked', attempts: 3, started_at: '2030-01-15T12:00:01Z' } as Job);
    renderPage();
    expect(await screen.findByTestId('job-error')).toHaveTextContent('Error: database is locked');
    expect(screen.getByTestId('import-no-report')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run again' })).toBeInTheDocument();
  });

  it('a job cancelled before it ran says nothing of rows it never reached, and cannot be cancelled again', async () => {
    serve({ ...base, status: 'cancelled' } as Job);
    renderPage();
    expect(await screen.findByTestId('job-status')).toHaveTextContent('Cancelled');
    expect(screen.queryByTestId('import-no-report')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).not.toBeInTheDocument();
  });
});

describe('delayError', () => {
  it('accepts whole seconds from 0 to 3600', () => {
    expect(delayError('0')).toBe('');
    expect(delayError('3600')).toBe('');
    expect(delayError('')).toBe('');
    expect(delayError('3601')).toBe('At most 3600 seconds (an hour)');
    expect(delayError('1.5')).toBe('Enter whole seconds, such as 0 or 300');
    expect(delayError('-1')).toBe('Enter whole seconds, such as 0 or 300');
  });
});
