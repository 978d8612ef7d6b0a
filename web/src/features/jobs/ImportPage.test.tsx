import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import ImportPage from './ImportPage';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';

const PROJECTS = [{ id: 1, name: 'Audio', owner: 'ada', description: null, created_at: '', updated_at: '', role: 'member' }];

function renderPage() {
  return render(
    <Routes>
      <Route path="/jobs/import" element={<ImportPage />} />
      <Route path="/jobs/:id" element={<p>Job page</p>} />
    </Routes>,
    { wrapper: wrapper(testQueryClient(), ['/jobs/import']) },
  );
}

const csv = (text: string, name = 'radar.csv') => new File([text], name, { type: 'text/csv' });

describe('ImportPage', () => {
  signedInToProject();

  it('queues without starting: the file becomes the parameters of a batch_import job that is not dispatched', async () => {
    const calls = mockFetch((url, init) => {
      if (url.pathname === '/api/v1/projects') return json(200, PROJECTS);
      if (url.pathname === '/api/v1/jobs' && init.method === 'POST') return json(201, { id: 41, status: 'pending' });
      return undefined;
    });
    renderPage();
    await userEvent.upload(await screen.findByLabelText('File (.csv or .json)'), csv('title,domain,priority\nJUCE,audio-dsp,5\nFaust,,3\n'));
    await userEvent.click(screen.getByText('Merge', { exact: true }));
    await userEvent.click(screen.getByLabelText(/Queue without starting/));
    await userEvent.click(screen.getByRole('button', { name: 'Queue import' }));
    expect(await screen.findByText('Job page')).toBeInTheDocument();
    const post = calls.find((c) => c.init.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/jobs');
    expect(JSON.parse(String(post.init.body))).toEqual({
      project_id: 1,
      tags: {},
      job_type: 'batch_import',
      dispatch: false,
      parameters: { technologies: [{ title: 'JUCE', domain: 'audio-dsp', priority: 5 }, { title: 'Faust', priority: 3 }], merge_strategy: 'merge', dry_run: false },
    });
  });

  it('a file the import could not read is refused at the file field, before anything is sent', async () => {
    const calls = mockFetch((url) => (url.pathname === '/api/v1/projects' ? json(200, PROJECTS) : undefined));
    renderPage();
    const input = await screen.findByLabelText('File (.csv or .json)');
    await userEvent.upload(input, csv('name,domain\nJUCE,other\n'));
    await userEvent.click(screen.getByLabelText(/Queue without starting/));
    await userEvent.click(screen.getByRole('button', { name: 'Queue import' }));
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/Unknown column 'name'/);
    expect(calls.filter((c) => c.init.method === 'POST')).toHaveLength(0);
  });

  it('starting at once still uploads the file itself', async () => {
    const calls = mockFetch((url, init) => {
      if (url.pathname === '/api/v1/projects') return json(200, PROJECTS);
      if (url.pathname === '/api/v1/batch/import/upload' && init.method === 'POST') return json(202, { job_id: 42, job_type: 'batch_import', status: 'pending', progress: 0 });
      return undefined;
    });
    renderPage();
    await userEvent.upload(await screen.findByLabelText('File (.csv or .json)'), csv('title\nJUCE\n'));
    await userEvent.click(screen.getByRole('button', { name: 'Start import' }));
    expect(await screen.findByText('Job page')).toBeInTheDocument();
    const body = calls.find((c) => c.init.method === 'POST')!.init.body as FormData;
    expect(body.get('merge_strategy')).toBe('skip');
    expect((body.get('file') as File).name).toBe('radar.csv');
  });
});
