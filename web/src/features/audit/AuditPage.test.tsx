import { describe, expect, it } from 'vitest';
import { auditSubject, changedFields } from './AuditPage';

describe('auditSubject', () => {
  it('names what an entry is about from its state after the change, or before a deletion', () => {
    expect(auditSubject({ before: null, after: { id: 10, title: 'JUCE', priority: 5 } })).toBe('JUCE');
    expect(auditSubject({ before: { id: 10, title: 'JUCE' }, after: null })).toBe('JUCE');
    expect(auditSubject({ before: { title: 'Old name' }, after: { title: 'New name' } })).toBe('New name');
    expect(auditSubject({ before: null, after: { full_name: 'juce-framework/JUCE', name: 'JUCE' } })).toBe('juce-framework/JUCE');
    expect(auditSubject({ before: null, after: { name: 'Audio Platform' } })).toBe('Audio Platform');
    expect(auditSubject({ before: null, after: { user_id: 3, email: 'grace@example.com', role: 'viewer' } })).toBe('grace@example.com');
  });

  it('has no name for an entry without one', () => {
    expect(auditSubject({ before: null, after: { technology_id: 1, repository_id: 2 } })).toBeNull();
    expect(auditSubject({ before: null, after: null })).toBeNull();
    expect(auditSubject({ before: 'text', after: { title: '  ' } })).toBeNull();
  });
});

describe('changedFields', () => {
  it('lists only the fields that differ, without the bookkeeping ones', () => {
    expect(changedFields({ title: 'A', status: 'research', version: 1 }, { title: 'A', status: 'evaluation', version: 2 })).toEqual([{ field: 'status', from: 'research', to: 'evaluation' }]);
  });
});
