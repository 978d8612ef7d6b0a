import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router';
import { UserMenu } from './UserMenu';
import { themeChoice } from '@/lib/theme';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';

const ME = { id: 1, email: 'ada@example.com', full_name: 'Ada Lovelace' };

function renderMenu() {
  const calls = mockFetch((url) => {
    if (url.pathname === '/api/v1/auth/me') return json(200, ME);
    if (url.pathname === '/api/v1/auth/logout') return new Response(null, { status: 204 });
    return undefined;
  });
  render(
    <Routes>
      <Route
        path="/"
        element={
          <>
            <button type="button">Elsewhere</button>
            <UserMenu />
          </>
        }
      />
      <Route path="/login" element={<p>Sign-in page</p>} />
    </Routes>,
    { wrapper: wrapper(testQueryClient()) },
  );
  return calls;
}

describe('UserMenu', () => {
  signedInToProject();

  it('is a menu button naming the person; the keyboard opens, moves through and closes it', async () => {
    renderMenu();
    const button = await screen.findByRole('button', { name: /Ada Lovelace/ });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();

    button.focus();
    await userEvent.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: /Ada Lovelace/ });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('ada@example.com', { selector: 'p' })).toBeVisible();
    const items = [...within(menu).getAllByRole('menuitemradio'), within(menu).getByRole('menuitem')];
    expect(items.map((i) => i.textContent)).toEqual(['Light theme', 'Dark theme', 'System theme', 'Sign out']);
    await waitFor(() => expect(items[0]).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(items[3]).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(items[0]).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(items[3]).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');

    // ArrowUp opens it on its last item.
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Sign out' })).toHaveFocus());
    await userEvent.keyboard('{Tab}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('chooses the theme (the chosen one is checked) and closes', async () => {
    renderMenu();
    await userEvent.click(await screen.findByRole('button', { name: /Ada Lovelace/ }));
    await userEvent.click(screen.getByRole('menuitemradio', { name: 'Dark theme' }));
    expect(themeChoice.get()).toBe('dark');
    expect(document.documentElement).toHaveClass('dark');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Ada Lovelace/ }));
    expect(screen.getByRole('menuitemradio', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('menuitemradio', { name: 'Light theme' })).toHaveAttribute('aria-checked', 'false');
    // A click elsewhere closes it.
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('signs out', async () => {
    const calls = renderMenu();
    await userEvent.click(await screen.findByRole('button', { name: /Ada Lovelace/ }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByText('Sign-in page')).toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname === '/api/v1/auth/logout')).toBe(true);
  });
});
