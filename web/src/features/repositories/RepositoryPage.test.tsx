import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import RepositoryPage from './RepositoryPage';
import type { Role } from '@/api/types';
import { json, mockFetch, testQueryClient, wrapper, signedInToProject } from '@/test/utils';

const repository = { id: 9, project_id: 1, owner: 'juce-framework', name: 'JUCE', full_name: 'juce-framework/JUCE', description: null, has_access_token: false, is_private: false, version: 1 };
const link = { technology_id: 1, repository_id: 9, source: 'manual', confidence: null, notes: null, linked_by: 1, linked_at: '' };

function serve(role: Role) {
  let linked = [{ id: 1, title: 'JUCE', status: 'integrated', link }];
  const calls = mockFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (url.pathname === '/api/v1/projects') return json(200, [{ id: 1, name: 'Audio', owner: 'ada', description: null, created_at: '', updated_at: '', role }]);
    if (url.pathname === '/api/v1/repositories/9') return json(200, repository, { etag: '"r9v1"' });
    if (url.pathname === '/api/v1/repositories/9/technologies') return json(200, linked);
    if (url.pathname === '/api/v1/technologies') return json(200, { items: [{ id: 1, title: 'JUCE' }, { id: 2, title: 'ONNX Runtime', status: 'evaluation' }], total: 2, page: 1, page_size: 100 });
    const m = /^\/api\/v1\/technologies\/(\d+)\/repositories(?:\/(\d+))?$/.exec(url.pathname);
    if (m && method === 'POST') {
      linked = [...linked, { id: Number(m[1]), title: 'ONNX Runtime', status: 'evaluation', link: { ...link, technology_id: Number(m[1]) } }];
      return json(201, { ...link, technology_id: Number(m[1]) });
    }
    if (m && method === 'DELETE') {
      linked = linked.filter((t) => t.id !== Number(m[1]));
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
  return calls;
}

function renderPage() {
  return render(
    <Routes>
      <Route path="/repositories/:id" element={<RepositoryPage />} />
    </Routes>,
    { wrapper: wrapper(testQueryClient(), ['/repositories/9']) },
  );
}

describe('RepositoryPage', () => {
  signedInToProject();

  it('links a technology to the repository and unlinks one, from the repository’s side', async () => {
    const calls = serve('member');
    const user = userEvent.setup();
    renderPage();
    const card = (await screen.findByRole('heading', { name: 'Technologies it uses' })).closest('section')!;
    await within(card).findByRole('link', { name: 'JUCE' });
    // Only what is not linked yet is offered.
    const picker = await within(card).findByLabelText('Link a technology');
    await waitFor(() => expect(within(picker).getByRole('option', { name: 'ONNX Runtime' })).toBeInTheDocument());
    expect(within(picker).queryByRole('option', { name: 'JUCE' })).not.toBeInTheDocument();
    await user.selectOptions(picker, 'ONNX Runtime');
    await user.click(within(card).getByRole('button', { name: 'Link' }));
    await within(card).findByRole('link', { name: 'ONNX Runtime' });
    const post = calls.find((c) => c.init.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/technologies/2/repositories');
    expect(JSON.parse(String(post.init.body))).toEqual({ repository_id: 9 });

    await user.click(within(card).getByRole('button', { name: 'Unlink JUCE' }));
    await waitFor(() => expect(within(card).queryByRole('link', { name: 'JUCE' })).not.toBeInTheDocument());
    expect(calls.find((c) => c.init.method === 'DELETE')!.url.pathname).toBe('/api/v1/technologies/1/repositories/9');
  });

  it('offers a viewer nothing to change', async () => {
    serve('viewer');
    renderPage();
    const card = (await screen.findByRole('heading', { name: 'Technologies it uses' })).closest('section')!;
    await within(card).findByRole('link', { name: 'JUCE' });
    expect(within(card).queryByLabelText('Link a technology')).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Unlink/ })).not.toBeInTheDocument();
  });
});
