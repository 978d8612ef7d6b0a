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

// The API's messages are written for API clients; a few say things a person filling in a form should not have to
// decode (nulls, RFC numbers, bytes, enum values). Those are said in the form's words; the rest already are.
const CHOICE_LABELS: Record<string, string> = { 'audio-dsp': 'Audio & DSP', 'ai-ml': 'AI / ML', 'ui-ux': 'UI / UX', very_complex: 'Very complex' };
const choiceLabel = (c: string) => CHOICE_LABELS[c] ?? (c.charAt(0).toUpperCase() + c.slice(1)).replace(/[-_]/g, ' ');

export function humanizeFieldMessage(message: string): string {
  const text = message.trim();
  if (/^must be an? http or https URL/i.test(text)) return 'must be a web address starting with http:// or https://';
  if (/^must be an RFC 3339 date-time/i.test(text)) return 'must be a date and time';
  if (text === 'must not be null') return 'must not be empty';
  if (text === 'must be an integer') return 'must be a whole number';
  if (text === 'must be a finite number') return 'must be a number';
  if (text === 'must be an object') return 'must be a JSON object, such as {"key": "value"}';
  const bytes = /^must serialise to at most (\d+) bytes$/.exec(text);
  if (bytes) return `is too long: at most ${Number(bytes[1]).toLocaleString('en')} characters in all`;
  const choices = /^must be one of: (.+)$/.exec(text);
  if (choices) return `must be one of: ${choices[1].split(/,\s*/).map(choiceLabel).join(', ')}`;
  return text;
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
    const text = humanizeFieldMessage(e.message);
    const message = key === field ? text : `${field}: ${text}`;
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
