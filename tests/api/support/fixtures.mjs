// Factories that keep tests to their point: the first administrator, more users with roles, technologies.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { client, request } from './client.mjs';

export const PASSWORD = 'correct horse battery';

export const unique = (prefix = 'x') => `${prefix}-${randomBytes(4).toString('hex')}`;

// Completes first-run setup and returns the administrator's client, user and first project.
export async function setupAdmin(server, { email = 'admin@example.com', projectName = 'Radar' } = {}) {
  assert.ok(server.setupToken, 'the server should have logged a setup token');
  const res = await request(server, 'POST', '/api/v1/auth/setup', {
    body: { token: server.setupToken, email, password: PASSWORD, project_name: projectName },
  });
  assert.equal(res.status, 201, res.text);
  return {
    api: client(server, res.json.access_token, res.json.project.id),
    user: res.json.user,
    project: res.json.project,
    tokens: res.json,
  };
}

export async function login(server, email, password = PASSWORD) {
  const res = await request(server, 'POST', '/api/v1/auth/login', { body: { email, password } });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

// Invites `email` into `projectId` with `role` through `adminApi`, accepts the invitation, and returns a client
// for the new user working in that project.
export async function addUser(server, adminApi, projectId, role, email = `${unique('user')}@example.com`) {
  const added = await adminApi.post(`/api/v1/projects/${projectId}/members`, { email, role });
  assert.equal(added.status, 201, added.text);
  let tokens;
  if (added.json.invite_token) {
    const accepted = await request(server, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: added.json.invite_token, password: PASSWORD },
    });
    assert.equal(accepted.status, 200, accepted.text);
    tokens = accepted.json;
  } else {
    tokens = await login(server, email);
  }
  return { api: client(server, tokens.access_token, projectId), email, userId: added.json.user_id, tokens };
}

export async function createProject(api, name = unique('project')) {
  const res = await api.post('/api/v1/projects', { name });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

export async function createTechnology(api, fields = {}) {
  const res = await api.post('/api/v1/technologies', { title: unique('tech'), ...fields });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

// Asserts an RFC 9457 problem response with the given status, and (optionally) that `field` is named.
export function assertProblem(res, status, field) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.match(res.header('content-type') ?? '', /application\/problem\+json/);
  assert.equal(res.json.status, status);
  assert.ok(res.json.title, 'problem has a title');
  assert.ok(res.json.type, 'problem has a type');
  assert.ok(res.json.request_id, 'problem carries the request id');
  if (field !== undefined) {
    const fields = (res.json.errors ?? []).map((e) => e.field);
    assert.ok(fields.includes(field), `expected errors[] to name ${field}, got ${JSON.stringify(res.json.errors)}`);
  }
}

export async function createRepository(api, fields = {}) {
  const res = await api.post('/api/v1/repositories', { owner: unique('org'), name: unique('repo'), ...fields });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

export async function createTask(api, fields = {}) {
  const res = await api.post('/api/v1/research-tasks', { title: unique('task'), ...fields });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

// Uploads `bytes` as the multipart field `file` (or `field`).
export function upload(api, taskId, { filename = 'notes.txt', type = 'text/plain', bytes = 'hello\n', field = 'file' } = {}) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), filename);
  return api.post(`/api/v1/research-tasks/${taskId}/documents`, undefined, { raw: form });
}

// Builds a multipart/form-data body by hand, for file names and headers that FormData would clean up.
export function rawMultipart(parts, boundary = 'cc-test-boundary-7MA4YWxkTrZu0gW') {
  const chunks = [];
  for (const part of parts) {
    let disposition = `form-data; name="${part.name}"`;
    if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.type) chunks.push(Buffer.from(`Content-Type: ${part.type}\r\n`));
    chunks.push(Buffer.from('\r\n'));
    chunks.push(Buffer.isBuffer(part.bytes) ? part.bytes : Buffer.from(part.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
