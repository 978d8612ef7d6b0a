import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TechnologyFormDialog, toInput } from './TechnologyForm';
import { selectProject } from '@/api/projectScope';
import { signIn, signOutLocally } from '@/auth/session';
import { json, mockFetch, testQueryClient, wrapper } from '@/test/utils';

describe('TechnologyFormDialog', () => {
  beforeEach(() => {
    signIn({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000 });
    selectProject(1);
  });
  afterEach(() => {
    signOutLocally();
    selectProject(null);
    vi.unstubAllGlobals();
  });

  it('shows each validation error of the API under its field, and the rest above the form', async () => {
    mockFetch(() =>
      json(422, {
        status: 422,
        title: 'Unprocessable Content',
        detail: '3 fields are not valid',
        errors: [
          { field: 'priority', message: 'must be between 1 and 5' },
          { field: 'website_url', message: 'must be an http or https URL' },
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
    expect(screen.getByLabelText('Website')).toHaveAccessibleDescription('must be an http or https URL');
    expect(screen.getByRole('alert')).toHaveTextContent('colour: is not a known field');
    expect(screen.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('aria-invalid');
  });

  it('sends only what changed when editing, with null for a cleared field', () => {
    const original = { title: 'JUCE', vendor: 'ROLI', priority: '5', tags: 'cpp' };
    expect(toInput({ ...original, vendor: '', priority: '4', reason: 'reprioritised' }, original)).toEqual({ vendor: null, priority: 4, reason: 'reprioritised' });
    expect(toInput({ title: 'New', priority: '3', vendor: '' })).toEqual({ title: 'New', priority: 3 });
  });
});
