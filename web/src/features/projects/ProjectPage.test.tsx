import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import ProjectPage from './ProjectPage';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';

const PROJECT = { id: 1, name: 'Audio', owner: 'ada', description: null, created_at: '', updated_at: '', role: 'owner' };

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

describe('ProjectPage tabs', () => {
  signedInToProject();

  it('are one tab stop; the arrows (wrapping), Home and End move between them and show their panel', async () => {
    mockFetch((url) => {
      if (url.pathname === '/api/v1/projects') return json(200, [PROJECT]);
      if (url.pathname === '/api/v1/projects/1/stats') return json(200, { ...PROJECT, technology_count: 0, member_count: 1 });
      if (url.pathname === '/api/v1/projects/1/members') return json(200, [], { 'x-total-count': '0' });
      if (url.pathname === '/api/v1/auth/api-keys') return json(200, []);
      if (url.pathname === '/api/v1/auth/me') return json(200, { id: 1, email: 'ada@example.com', full_name: 'Ada' });
      return undefined;
    });
    render(
      <Routes>
        <Route path="/projects/:id" element={<><ProjectPage /><Search /></>} />
      </Routes>,
      { wrapper: wrapper(testQueryClient(), ['/projects/1']) },
    );
    const settings = await screen.findByRole('tab', { name: 'Settings' });
    const members = screen.getByRole('tab', { name: 'Members' });
    const keys = screen.getByRole('tab', { name: 'API keys' });
    expect(settings).toHaveAttribute('aria-selected', 'true');
    expect([settings, members, keys].map((t) => t.tabIndex)).toEqual([0, -1, -1]);

    settings.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(members).toHaveFocus();
    expect(members).toHaveAttribute('aria-selected', 'true');
    expect([settings, members, keys].map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Members');
    expect(screen.getByTestId('search')).toHaveTextContent('?tab=members');

    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(settings).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(keys).toHaveFocus();
    await waitFor(() => expect(screen.getByRole('tabpanel')).toHaveAccessibleName('API keys'));
    await userEvent.keyboard('{Home}');
    expect(settings).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(keys).toHaveFocus();

    // Keys pressed faster than React re-renders: each moves on from the tab that has focus.
    act(() => {
      for (let i = 0; i < 2; i++) {
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
      }
    });
    expect(settings).toHaveFocus();
    await waitFor(() => expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Settings'));
  });
});
