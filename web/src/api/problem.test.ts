import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, describeError, fieldErrorMap, humanizeFieldMessage } from './problem';

const problem = (errors: { field: string; message: string }[], status = 422) =>
  new ApiError({ type: 'urn:commandcenter:problem:validation-error', title: 'Unprocessable Content', status, detail: 'not valid', request_id: 'r1', errors });

describe('fieldErrorMap', () => {
  it('puts each message at the field the API names', () => {
    const map = fieldErrorMap(problem([{ field: 'priority', message: 'must be between 1 and 5' }, { field: 'title', message: 'must not be empty' }]), ['title', 'priority']);
    expect(map).toEqual({ priority: 'must be between 1 and 5', title: 'must not be empty' });
  });

  it('gives a nested field to its parent, and anything else to the form', () => {
    const map = fieldErrorMap(problem([{ field: 'task_parameters.technologies', message: 'is required' }, { field: 'colour', message: 'is not a known field' }]), ['task_parameters']);
    expect(map.task_parameters).toBe('task_parameters.technologies: is required');
    expect(map._form).toBe('colour: is not a known field');
  });

  it('joins several messages for one field', () => {
    const map = fieldErrorMap(problem([{ field: 'name', message: 'too long' }, { field: 'name', message: 'taken' }]), ['name']);
    expect(map.name).toBe('too long; taken');
  });

  it('says what the API words for API clients in a person\'s words', () => {
    const map = fieldErrorMap(
      problem([
        { field: 'website_url', message: 'must be an http or https URL (or null)' },
        { field: 'github_last_commit', message: 'must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z' },
        { field: 'domain', message: 'must be one of: audio-dsp, ai-ml, other' },
      ]),
      ['website_url', 'github_last_commit', 'domain'],
    );
    expect(map).toEqual({
      website_url: 'must be a web address starting with http:// or https://',
      github_last_commit: 'must be a date and time',
      domain: 'must be one of: Audio & DSP, AI / ML, Other',
    });
    expect(Object.values(map).join(' ')).not.toMatch(/null|RFC|audio-dsp/);
  });

  it('keeps messages that are already plain, and rewrites the rest of the API\'s technical ones', () => {
    expect(humanizeFieldMessage('must be between 1 and 5')).toBe('must be between 1 and 5');
    expect(humanizeFieldMessage('is required')).toBe('is required');
    expect(humanizeFieldMessage('must not be null')).toBe('must not be empty');
    expect(humanizeFieldMessage('must be an integer')).toBe('must be a whole number');
    expect(humanizeFieldMessage('must serialise to at most 16384 bytes')).toBe('is too long: at most 16,384 characters in all');
  });

  it('is empty for anything that is not a problem', () => {
    expect(fieldErrorMap(new Error('x'))).toEqual({});
    expect(fieldErrorMap(undefined)).toEqual({});
  });
});

describe('ApiError', () => {
  it('treats 4xx as final except 408 and 429', () => {
    expect(problem([], 404).isClientError).toBe(true);
    expect(problem([], 422).isClientError).toBe(true);
    expect(problem([], 429).isClientError).toBe(false);
    expect(problem([], 503).isClientError).toBe(false);
  });

  it('describes itself with the detail and the request id for a toast', () => {
    expect(describeError(problem([]))).toEqual({ title: 'Unprocessable Content', detail: 'not valid', requestId: 'r1' });
    expect(describeError(new NetworkError()).title).toBe('Offline');
  });
});
