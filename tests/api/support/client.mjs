// A small HTTP client for the tests: JSON in, parsed JSON out, and the whole response kept for assertions.
export class ApiResponse {
  constructor(status, headers, text) {
    this.status = status;
    this.headers = headers;
    this.text = text;
    try { this.json = text ? JSON.parse(text) : undefined; } catch { this.json = undefined; }
  }
  header(name) { return this.headers.get(name); }
}

export async function request(server, method, path, { token, body, headers = {}, project, raw } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (project !== undefined) h['x-project-id'] = String(project);
  let payload;
  if (raw !== undefined) {
    payload = raw;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  const response = await fetch(server.baseUrl + path, { method, headers: h, body: payload });
  return new ApiResponse(response.status, response.headers, await response.text());
}

// Binds a server and (optionally) a token: api.get('/path'), api.post('/path', body)...
export function client(server, token, project) {
  const call = (method) => (path, body, options = {}) =>
    request(server, method, path, { token, project, ...options, ...(body === undefined ? {} : { body }) });
  return {
    token,
    project,
    get: (path, options = {}) => request(server, 'GET', path, { token, project, ...options }),
    post: call('POST'),
    patch: call('PATCH'),
    put: call('PUT'),
    delete: (path, options = {}) => request(server, 'DELETE', path, { token, project, ...options }),
    as: (otherToken, otherProject = project) => client(server, otherToken, otherProject),
    inProject: (otherProject) => client(server, token, otherProject),
  };
}
