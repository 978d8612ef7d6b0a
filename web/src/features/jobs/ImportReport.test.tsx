import { describe, expect, it } from 'vitest';
import { readableReason } from './ImportReport';

describe('readableReason', () => {
  it("says each field's problem in a person's words", () => {
    expect(readableReason('domain: must be one of: ai-ml, ui-ux; priority: must be an integer')).toBe(
      'Domain: must be one of: AI / ML, UI / UX; Priority: must be a whole number',
    );
    expect(readableReason('documentation_url: must be an http or https URL (or null)')).toBe(
      'Documentation url: must be a web address starting with http:// or https://',
    );
  });

  it('leaves sentences that name no field as they are', () => {
    expect(readableReason("a technology titled 'Rust' already exists")).toBe("a technology titled 'Rust' already exists");
    expect(readableReason('no change')).toBe('no change');
  });
});
