// The one place that talks HTTP to the API: bearer token, project scope, silent refresh on 401,
// problem+json → ApiError, network failure → NetworkError.
import { ApiError, NetworkError, type Problem } from './problem';
import { projectScope } from './projectScope';
import { refreshTokens, session } from '@/auth/session';

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  // Project to act in; defaults to the chosen project. null sends no X-Project-ID.
  project?: number | null;
  signal?: AbortSignal;
  // Requests made before signing in (setup, login): no token, no refresh.
  anonymous?: boolean;
  // Return the body as a Blob (downloads).
  blob?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function problemFrom(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem> & { detail?: unknown };
      return {
        ...body,
        status: response.status,
        detail: typeof body.detail === 'string' ? body.detail : undefined,
        request_id: body.request_id ?? response.headers.get('x-request-id') ?? undefined,
      };
    } catch {
      // fall through to a generic problem
    }
  }
  return {
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    detail: response.status === 404 ? 'Not found' : `The server answered ${response.status}`,
    request_id: response.headers.get('x-request-id') ?? undefined,
  };
}

async function send(method: string, path: string, options: RequestOptions, token?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const project = options.project === undefined ? projectScope.get() : options.project;
  if (project !== null && project !== undefined && !options.anonymous) headers['x-project-id'] = String(project);
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  try {
    return await fetch(buildUrl(path, options.query), { method, headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  let token = options.anonymous ? undefined : session.get().tokens?.accessToken;
  let response = await send(method, path, options, token);
  if (response.status === 401 && token && !options.anonymous) {
    const renewed = await refreshTokens(token);
    if (renewed) {
      token = renewed.accessToken;
      response = await send(method, path, options, token);
    }
  }
  if (!response.ok) throw new ApiError(await problemFrom(response));
  let data: unknown = undefined;
  if (options.blob) {
    data = await response.blob();
  } else if (response.status !== 204 && method !== 'HEAD') {
    const text = await response.text();
    data = text ? JSON.parse(text) : undefined;
  }
  return { data: data as T, status: response.status, headers: response.headers };
}

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => (await apiRequest<T>('GET', path, options)).data,
  post: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await apiRequest<T>('POST', path, { ...options, body })).data,
  patch: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await apiRequest<T>('PATCH', path, { ...options, body })).data,
  delete: async (path: string, options?: RequestOptions) => {
    await apiRequest<void>('DELETE', path, options);
  },
};

// Lists that are plain arrays carry their total in X-Total-Count.
export async function getPage<T>(path: string, options?: RequestOptions): Promise<{ items: T[]; total: number }> {
  const response = await apiRequest<T[]>('GET', path, options);
  const header = response.headers.get('x-total-count');
  return { items: response.data, total: header ? Number(header) : response.data.length };
}
