import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { initialValues, ScheduleFormDialog, scheduleInput, validateSchedule } from './ScheduleForm';
import { parseTechnologyRows } from '@/lib/technologyRows';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';

const TYPES = { types: [{ type: 'batch_import', description: 'Imports technologies with a merge strategy and reports the outcome of every row' }] };

function serve(onCreate?: (body: Record<string, unknown>) => Response) {
  return mockFetch((url, init) => {
    if (url.pathname === '/api/v1/jobs/types') return json(200, TYPES);
    if (url.pathname === '/api/v1/schedules/preview') {
      const start = url.searchParams.get('start_time');
      // Like the server: runs from the start on, or from now.
      const from = start ? new Date(start).getTime() : Date.UTC(2026, 10, 26);
      return json(200, { next_runs: [0, 1].map((d) => new Date(from + d * 86_400_000).toISOString()), timezone: url.searchParams.get('timezone') });
    }
    if (url.pathname === '/api/v1/schedules' && init.method === 'POST') return onCreate?.(JSON.parse(String(init.body))) ?? json(201, { id: 1, name: 'x' });
    return undefined;
  });
}

const renderForm = (onClose = vi.fn()) => render(<ScheduleFormDialog onClose={onClose} />, { wrapper: wrapper(testQueryClient()) });

describe('ScheduleFormDialog', () => {
  signedInToProject();

  it('a batch_import schedule takes its technologies from a file; nothing is sent until there are some', async () => {
    const bodies: Record<string, unknown>[] = [];
    const onClose = vi.fn();
    serve((body) => {
      bodies.push(body);
      return json(201, { id: 7, name: body.name });
    });
    renderForm(onClose);
    await userEvent.type(screen.getByLabelText(/^Name/), 'Nightly import');
    await userEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
    const rows = screen.getByLabelText('Rows (CSV with a header row, or JSON)');
    expect(rows).toHaveAttribute('aria-invalid', 'true');
    expect(rows).toHaveAccessibleDescription('Nothing to import: choose a file or paste rows');
    expect(bodies).toHaveLength(0);

    const file = new File(['title,domain,priority\nJUCE,audio-dsp,5\nFaust,audio-dsp,3\n'], 'radar.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('Choose a CSV or JSON file'), file);
    await waitFor(() => expect(rows).toHaveAccessibleDescription('2 technologies: JUCE and Faust'));
    expect(screen.getByText('From radar.csv')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('When a title already exists'), 'merge');
    await userEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      name: 'Nightly import',
      task_type: 'batch_import',
      task_parameters: { technologies: [{ title: 'JUCE', domain: 'audio-dsp', priority: 5 }, { title: 'Faust', domain: 'audio-dsp', priority: 3 }], merge_strategy: 'merge', dry_run: false },
      frequency: 'daily',
      timezone: 'Europe/Berlin',
      start_time: null,
      end_time: null,
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('pasted rows that cannot be read say why at the field', async () => {
    serve();
    renderForm();
    const rows = screen.getByLabelText('Rows (CSV with a header row, or JSON)');
    fireEvent.change(rows, { target: { value: '[{"title": "JUCE"}, 42]' } });
    expect(rows).toHaveAccessibleDescription(/Technology 2 is not an object/);
  });

  it('start and end are wall-clock times in the chosen zone; the next runs start at the start', async () => {
    const bodies: Record<string, unknown>[] = [];
    const calls = serve((body) => {
      bodies.push(body);
      return json(201, { id: 8, name: body.name });
    });
    renderForm();
    await userEvent.type(screen.getByLabelText(/^Name/), 'From 2030');
    await userEvent.selectOptions(screen.getByLabelText('Time zone'), 'America/New_York');
    fireEvent.change(screen.getByLabelText('Start (optional, America/New_York)'), { target: { value: '2030-06-01T09:00' } });
    fireEvent.change(screen.getByLabelText('End (optional, America/New_York)'), { target: { value: '2031-01-01T00:00' } });
    fireEvent.change(screen.getByLabelText('Rows (CSV with a header row, or JSON)'), { target: { value: 'title\nJUCE' } });
    // The preview asks from the start (13:00Z is 09:00 in New York in June) and shows the runs in that zone.
    await waitFor(() =>
      expect(calls.some((c) => c.url.searchParams.get('start_time') === '2030-06-01T13:00:00.000Z' && c.url.searchParams.get('end_time') === '2031-01-01T05:00:00.000Z' && c.url.searchParams.get('timezone') === 'America/New_York')).toBe(true),
    );
    const preview = await screen.findByTestId('cron-preview');
    await waitFor(() => expect(preview).toHaveTextContent(/2030/));
    expect(preview).not.toHaveTextContent(/2026/);
    await userEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ timezone: 'America/New_York', start_time: '2030-06-01T13:00:00.000Z', end_time: '2031-01-01T05:00:00.000Z' });
  });

  it('the API’s refusal of the rows is shown at the rows field', async () => {
    serve(() => json(422, { status: 422, title: 'Unprocessable Content', errors: [{ field: 'task_parameters.technologies', message: 'at most 10000 technologies per import' }] }));
    renderForm();
    await userEvent.type(screen.getByLabelText(/^Name/), 'Too many');
    fireEvent.change(screen.getByLabelText('Rows (CSV with a header row, or JSON)'), { target: { value: 'title\nJUCE' } });
    await userEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
    await waitFor(() => expect(screen.getByLabelText('Rows (CSV with a header row, or JSON)')).toHaveAccessibleDescription(/at most 10000 technologies per import/));
  });
});

describe('validateSchedule', () => {
  const rows = parseTechnologyRows('title\nJUCE');

  it('finds what the API would refuse', () => {
    const v = { ...initialValues('Europe/Berlin'), name: ' ', frequency: 'cron' as const, cron_expression: '0 9 * *', start_time: '2030-01-02T00:00', end_time: '2030-01-01T00:00' };
    expect(validateSchedule(v, rows)).toEqual({
      name: 'Give the schedule a name',
      cron_expression: 'A cron expression has 5 fields (minute hour day month weekday); this has 4',
      end_time: 'Must be after the start',
    });
    expect(validateSchedule({ ...initialValues('UTC'), name: 'x', task_type: 'analysis', task_parameters: '[1]' }, rows)).toEqual({ task_parameters: 'Must be a JSON object, e.g. {"key": "value"}' });
    expect(validateSchedule({ ...initialValues('UTC'), name: 'x' }, parseTechnologyRows(''))).toEqual({ rows: 'Nothing to import: choose a file or paste rows' });
  });

  it('reads start and end in the schedule’s zone, not the browser’s', () => {
    const v = { ...initialValues('Europe/Berlin'), name: 'x', timezone: 'Asia/Tokyo', start_time: '2030-01-15T09:00', end_time: '' };
    expect(scheduleInput(v, rows)).toMatchObject({ start_time: '2030-01-15T00:00:00.000Z', end_time: null, task_parameters: { technologies: [{ title: 'JUCE' }], merge_strategy: 'skip', dry_run: false } });
  });
});

describe('describeWindow', () => {
  it('shows the window in the schedule’s zone', async () => {
    const { describeWindow } = await import('./SchedulesPage');
    const text = describeWindow({ start_time: '2030-06-01T13:00:00Z', end_time: null, timezone: 'America/New_York' });
    expect(text).toMatch(/^from /);
    expect(text).toContain('9:00');
    expect(text).not.toContain('3:00');
    expect(describeWindow({ start_time: null, end_time: null, timezone: 'UTC' })).toBe('');
  });
});
