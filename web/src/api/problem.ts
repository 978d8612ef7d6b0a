// RFC 9457 problem details as the API sends them (docs/API.md "Errors"), and the error type every failed
// request becomes.

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  get requestId(): string | undefined {
    return this.problem.request_id;
  }

  // 4xx answers will not change by asking again; 408 and 429 are the exceptions.
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

// The network itself failed (offline, server down): status 0.
export class NetworkError extends Error {
  constructor(message = 'The server could not be reached') {
    super(message);
    this.name = 'NetworkError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// Field errors keyed by field name; errors that name a field the form does not show go under `_form`.
// The API names body fields plainly ("priority") and others with a prefix ("query.limit").
export function fieldErrorMap(error: unknown, knownFields?: readonly string[]): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const e of error.fieldErrors) {
    const field = e.field.replace(/^body\./, '');
    // "task_parameters.technologies" belongs to the task_parameters field.
    const parent = field.split(/[.[]/)[0];
    const key = !knownFields || knownFields.includes(field) ? field : knownFields.includes(parent) ? parent : '_form';
    const message = key === field ? e.message : `${field}: ${e.message}`;
    out[key] = out[key] ? `${out[key]}; ${message}` : message;
  }
  return out;
}

// One line for a toast: the detail, and the request id to quote when reporting a problem.
export function describeError(error: unknown): { title: string; detail: string; requestId?: string } {
  if (isApiError(error)) {
    return {
      title: error.problem.title || `Error ${error.status}`,
      detail: error.problem.detail || error.message,
      requestId: error.requestId,
    };
  }
  if (error instanceof NetworkError) return { title: 'Offline', detail: error.message };
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: String(error) };
}
