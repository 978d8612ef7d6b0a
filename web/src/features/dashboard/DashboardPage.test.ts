import { describe, expect, it } from 'vitest';
import { lastSync } from './DashboardPage';

describe('lastSync', () => {
  const now = Date.parse('2030-01-15T12:00:00Z');

  it('names the repository synced last and when, not the length of a list the API caps at five', () => {
    const synced = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, full_name: `org/repo-${i + 1}`, last_synced_at: new Date(now - (i + 2) * 3_600_000).toISOString() }));
    expect(lastSync({ total: 40, recently_synced: synced }, now)).toBe('Last synced: org/repo-1, 2 hours ago');
  });

  it('says when nothing has been synced, or nothing is tracked', () => {
    expect(lastSync({ total: 3, recently_synced: [] }, now)).toBe('None synced from GitHub yet');
    expect(lastSync({ total: 0, recently_synced: [] }, now)).toBe('None tracked yet');
  });
});
