import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, describeError, fieldErrorMap } from './problem';

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
