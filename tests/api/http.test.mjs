// The HTTP platform: request ids, security headers, problem+json errors, routing rules, limits, CORS,
// health, metrics, OpenAPI and the docs page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from './support/server.mjs';
import { request } from './support/client.mjs';
import { setupAdmin, assertProblem, addUser, createProject } from './support/fixtures.mjs';

let server;
let admin;

before(async () => {
  server = await startServer({ args: ['--cors-origin', 'http://ui.example:5173', '--max-body-bytes', '4096', '--header-timeout', '1'] });
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

// Sends raw bytes on a fresh connection and resolves with everything received until the server closes it.
function rawExchange(payload, { waitMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error('server kept the connection open')); }, waitMs);
    socket.on('data', (chunk) => { received += chunk.toString(); });
    socket.on('close', () => { clearTimeout(timer); resolve(received); });
    socket.on('error', () => {});
    socket.write(payload);
  });
}

test('health answers and every response carries a generated request id and security headers', async () => {
  const res = await request(server, 'GET', '/health');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'healthy');
  assert.match(res.header('x-request-id'), /^[0-9a-f]{32}$/);
  assert.equal(res.header('x-content-type-options'), 'nosniff');
  assert.equal(res.header('x-frame-options'), 'DENY');
  assert.match(res.header('content-security-policy'), /frame-ancestors 'none'/);
  assert.ok(res.header('referrer-policy'));
});

test('a valid incoming X-Request-ID is echoed, an unsafe one is replaced', async () => {
  const echoed = await request(server, 'GET', '/health', { headers: { 'x-request-id': 'trace-abc.123:4' } });
  assert.equal(echoed.header('x-request-id'), 'trace-abc.123:4');
  const replaced = await request(server, 'GET', '/health', { headers: { 'x-request-id': 'bad id<script>' } });
  assert.match(replaced.header('x-request-id'), /^[0-9a-f]{32}$/);
});

test('unknown paths are 404 problem+json; a known path with another method is 405 with Allow', async () => {
  const missing = await request(server, 'GET', '/api/v1/nothing-here');
  assertProblem(missing, 404);
  assert.equal(missing.json.instance, '/api/v1/nothing-here');
  const wrongMethod = await request(server, 'PUT', '/health');
  assertProblem(wrongMethod, 405);
  assert.match(wrongMethod.header('allow'), /GET/);
});

test('paths answer with and without a trailing slash, without redirects', async () => {
  const plain = await admin.api.get('/api/v1/technologies');
  const slash = await admin.api.get('/api/v1/technologies/');
  assert.equal(plain.status, 200);
  assert.equal(slash.status, 200);
  assert.deepEqual(slash.json, plain.json);
});

test('HEAD answers like GET without a body', async () => {
  const res = await fetch(`${server.baseUrl}/health`, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  assert.ok(Number(res.headers.get('content-length')) > 0);
});

test('bodies over --max-body-bytes are refused with 413 before they are read', async () => {
  const big = { title: 'x'.repeat(5000) };
  const res = await admin.api.post('/api/v1/technologies', big);
  assertProblem(res, 413);
});

test('malformed JSON is 400, a non-JSON content type is 415, an empty body is 400', async () => {
  assertProblem(await admin.api.post('/api/v1/technologies', undefined, { raw: '{"title": ', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await admin.api.post('/api/v1/technologies', undefined, { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  assertProblem(await admin.api.post('/api/v1/technologies', undefined, { raw: '', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await admin.api.post('/api/v1/technologies', undefined, { raw: '[1,2]', headers: { 'content-type': 'application/json' } }), 422, 'body');
});

test('deeply nested JSON is refused instead of exhausting the stack', async () => {
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  const res = await admin.api.post('/api/v1/projects', undefined, { raw: deep.slice(0, 4000), headers: { 'content-type': 'application/json' } });
  assertProblem(res, 400);
  assert.equal((await request(server, 'GET', '/health')).status, 200);
});

test('malformed HTTP gets a 400 and the connection is closed', async () => {
  const reply = await rawExchange('GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
  assert.match(reply, /^HTTP\/1\.1 400/);
});

test('a client that never finishes its headers is disconnected (header timeout)', async () => {
  const reply = await rawExchange('GET /health HTTP/1.1\r\nHost: x\r\n');
  assert.equal(reply, '');
  assert.equal((await request(server, 'GET', '/health')).status, 200);
});

test('oversized headers are refused with 431', async () => {
  const reply = await rawExchange(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
  assert.match(reply, /^HTTP\/1\.1 431/);
});

test('keep-alive: several requests share one connection', async () => {
  const reply = await rawExchange('GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(reply.match(/HTTP\/1\.1 200/g).length, 2);
});

test('CORS: allowed origins get the headers, others do not; preflight lists methods and headers', async () => {
  const allowed = await request(server, 'GET', '/health', { headers: { origin: 'http://ui.example:5173' } });
  assert.equal(allowed.header('access-control-allow-origin'), 'http://ui.example:5173');
  assert.match(allowed.header('access-control-expose-headers'), /X-Request-ID/);
  const other = await request(server, 'GET', '/health', { headers: { origin: 'http://evil.example' } });
  assert.equal(other.header('access-control-allow-origin'), null);
  const preflight = await request(server, 'OPTIONS', '/api/v1/technologies', {
    headers: { origin: 'http://ui.example:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-project-id' },
  });
  assert.equal(preflight.status, 204);
  assert.match(preflight.header('access-control-allow-methods'), /POST/);
  assert.match(preflight.header('access-control-allow-headers'), /X-Project-ID/);
  const refusedPreflight = await request(server, 'OPTIONS', '/api/v1/technologies', {
    headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(refusedPreflight.header('access-control-allow-methods'), null);
});

test('readiness reports the database and migrations', async () => {
  const res = await request(server, 'GET', '/health/ready');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'ready');
  assert.equal(res.json.migrations, 'current');
});

test('/health/detailed reports each part in the original\'s shape', async () => {
  const res = await request(server, 'GET', '/health/detailed');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'healthy');
  assert.ok(Date.parse(res.json.timestamp));
  assert.ok(res.json.response_time_ms >= 0);
  const { database, workers, scheduler } = res.json.components;
  assert.equal(database.status, 'healthy');
  assert.ok(database.response_time_ms >= 0);
  assert.equal(workers.status, 'healthy');
  assert.ok(workers.threads >= 1);
  assert.equal(typeof workers.executing, 'number');
  assert.equal(scheduler.status, 'healthy');
});

test('metrics count requests by route pattern and status, with latency and memory', async () => {
  await admin.api.get('/api/v1/technologies/999999');
  const res = await request(server, 'GET', '/metrics');
  assert.equal(res.status, 200);
  assert.match(res.header('content-type'), /text\/plain/);
  assert.match(res.text, /http_requests_total\{route="\/api\/v1\/technologies\/\{technology_id\}",method="GET",status="404"\} [1-9]/);
  assert.match(res.text, /http_request_duration_seconds_bucket\{route="\/health",le="\+Inf"\} [1-9]/);
  assert.match(res.text, /process_resident_memory_bytes [1-9]/);
});

test('a wrong method and a CORS preflight on a known path count under its pattern, not as unmatched', async () => {
  await request(server, 'PUT', '/api/v1/technologies');
  await request(server, 'OPTIONS', '/api/v1/technologies', { headers: { origin: 'http://ui.example:5173', 'access-control-request-method': 'POST' } });
  const res = await request(server, 'GET', '/metrics');
  assert.match(res.text, /http_requests_total\{route="\/api\/v1\/technologies",method="PUT",status="405"\} [1-9]/);
  assert.match(res.text, /http_requests_total\{route="\/api\/v1\/technologies",method="OPTIONS",status="204"\} [1-9]/);
  assert.doesNotMatch(res.text, /route="\(unmatched\)",method="PUT"/);
});

test('the access log names method, path, status, duration, request id and user — also on refused requests', async () => {
  const viewer = await addUser(server, admin.api, admin.project.id, 'viewer');
  const refused = await viewer.api.post('/api/v1/technologies', { title: 'not allowed' }, { headers: { 'x-request-id': 'refused-by-role-1' } });
  assert.equal(refused.status, 403);
  await admin.api.get('/api/v1/technologies?search=secret-query', { headers: { 'x-request-id': 'admin-list-1' } });
  await request(server, 'GET', '/api/v1/technologies', { headers: { 'x-request-id': 'anonymous-1' } });
  const deadline = Date.now() + 10000;
  const line = (id) => server.logEvents('http.request').find((l) => l.request_id === id);
  while (!(line('refused-by-role-1') && line('admin-list-1') && line('anonymous-1')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const byRole = line('refused-by-role-1');
  assert.equal(byRole.method, 'POST');
  assert.equal(byRole.path, '/api/v1/technologies');
  assert.equal(byRole.status, 403);
  assert.equal(byRole.user_id, viewer.userId, 'the refused caller is named');
  assert.ok(byRole.duration_ms >= 0);
  const listed = line('admin-list-1');
  assert.equal(listed.user_id, admin.user.id);
  assert.equal(listed.path, '/api/v1/technologies', 'query strings (which can carry tickets) are not logged');
  assert.equal(line('anonymous-1').status, 401);
  assert.equal(line('anonymous-1').user_id, null, 'no user is null, not a made-up id');
});

test('a request naming two different projects (X-Project-ID and project_id) is refused, not run in one of them', async () => {
  const other = await createProject(admin.api);
  const before = (await admin.api.get('/api/v1/technologies')).json.total;
  const res = await admin.api.post('/api/v1/technologies', { title: 'which project', project_id: other.id });
  assertProblem(res, 422, 'project_id');
  const query = await admin.api.get(`/api/v1/technologies?project_id=${other.id}`);
  assertProblem(query, 422, 'project_id');
  assert.equal((await admin.api.get('/api/v1/technologies')).json.total, before);
  assert.equal((await admin.api.inProject(other.id).get('/api/v1/technologies')).json.total, 0);
  const same = await admin.api.post('/api/v1/technologies', { title: 'same project', project_id: admin.project.id });
  assert.equal(same.status, 201, 'naming the same project twice is fine');
});

test('the web UI answers every screen path a browser opens; API clients and /api/ paths keep their 404s', async () => {
  const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  for (const path of ['/radar', '/knowledge/7', '/jobs/12', '/a/screen/the/ui/does/not/have']) {
    const page = await request(server, 'GET', path, { headers: html });
    assert.equal(page.status, 200, path);
    assert.match(page.header('content-type'), /^text\/html/, path);
    assert.match(page.text, /<div id="root">/, path);
    assert.match(page.header('cache-control'), /no-cache/, 'index.html is revalidated');
    assert.match(page.header('content-security-policy'), /script-src 'self'/);
    assert.equal(page.header('vary'), 'Accept', 'caches keep the page and the 404 problem apart');
  }
  const root = await request(server, 'GET', '/', { headers: html });
  const rootJson = await request(server, 'GET', '/', { headers: { accept: 'application/json' } });
  assert.match(root.header('content-type'), /^text\/html/);
  assert.equal(rootJson.json.docs, '/docs');
  assert.equal(root.header('vary'), 'Accept');
  assert.equal(rootJson.header('vary'), 'Accept');
  assertProblem(await request(server, 'GET', '/knowledge/7', { headers: { accept: 'application/json' } }), 404);
  assertProblem(await request(server, 'GET', '/api/v1/no-such-thing', { headers: html }), 404);
  assertProblem(await request(server, 'POST', '/radar', { headers: html, body: {} }), 404);

  const index = await request(server, 'GET', '/radar', { headers: html });
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
  assert.ok(script, 'index.html loads a hashed script');
  const asset = await request(server, 'GET', script);
  assert.equal(asset.status, 200);
  assert.match(asset.header('content-type'), /^text\/javascript/);
  assert.match(asset.header('cache-control'), /immutable/);
});

test('the OpenAPI document is 3.1 and lists every route of the platform with schemas', async () => {
  const res = await request(server, 'GET', '/openapi.json');
  assert.equal(res.status, 200);
  const doc = res.json;
  assert.equal(doc.openapi, '3.1.0');
  const expected = {
    '/health': ['get'], '/health/ready': ['get'], '/health/detailed': ['get'], '/metrics': ['get'],
    '/api/v1/auth/setup': ['get', 'post'], '/api/v1/auth/register': ['post'], '/api/v1/auth/login': ['post'],
    '/api/v1/auth/refresh': ['post'], '/api/v1/auth/me': ['get'], '/api/v1/auth/logout': ['post'],
    '/api/v1/auth/accept-invite': ['post'], '/api/v1/auth/api-keys': ['get', 'post'],
    '/api/v1/auth/api-keys/{key_id}': ['delete'],
    '/api/v1/projects': ['get', 'post'], '/api/v1/projects/{project_id}': ['get', 'patch', 'delete'],
    '/api/v1/projects/{project_id}/stats': ['get'], '/api/v1/projects/{project_id}/members': ['get', 'post'],
    '/api/v1/projects/{project_id}/members/{user_id}': ['patch', 'delete'],
    '/api/v1/technologies': ['get', 'post'], '/api/v1/technologies/{technology_id}': ['get', 'patch', 'delete'],
    '/api/v1/technologies/{technology_id}/history': ['get'], '/api/v1/audit': ['get'],
    '/api/v1/repositories': ['get', 'post'], '/api/v1/repositories/{repository_id}': ['get', 'patch', 'delete'],
    '/api/v1/repositories/{repository_id}/sync': ['post'], '/api/v1/repositories/{repository_id}/technologies': ['get'],
    '/api/v1/technologies/{technology_id}/repositories': ['get', 'post'],
    '/api/v1/technologies/{technology_id}/repositories/{repository_id}': ['delete'],
    '/api/v1/research-tasks': ['get', 'post'], '/api/v1/research-tasks/{task_id}': ['get', 'patch', 'delete'],
    '/api/v1/research-tasks/{task_id}/status': ['patch'], '/api/v1/research-tasks/{task_id}/progress': ['patch'],
    '/api/v1/research-tasks/{task_id}/documents': ['get', 'post'],
    '/api/v1/research-tasks/{task_id}/documents/{document_id}': ['get', 'delete'],
    '/api/v1/research-tasks/statistics/overview': ['get'], '/api/v1/research-tasks/upcoming/list': ['get'],
    '/api/v1/research-tasks/overdue/list': ['get'], '/api/v1/knowledge/entries': ['get', 'post'],
    '/api/v1/knowledge/entries/{entry_id}': ['get', 'patch', 'delete'], '/api/v1/knowledge/categories': ['get'],
    '/api/v1/dashboard/stats': ['get'], '/api/v1/dashboard/recent-activity': ['get'],
  };
  for (const [path, methods] of Object.entries(expected)) {
    assert.ok(doc.paths[path], `missing ${path}`);
    for (const m of methods) assert.ok(doc.paths[path][m], `missing ${m.toUpperCase()} ${path}`);
  }
  const create = doc.paths['/api/v1/technologies'].post;
  const schema = create.requestBody.content['application/json'].schema;
  assert.deepEqual(schema.required, ['title']);
  assert.equal(schema.properties.priority.maximum, 5);
  assert.ok(schema.properties.domain.enum.includes('ai-ml'));
  assert.ok(create.responses['422']);
  // Public routes name the failures they answer with too: a wrong password or a spent token is a 401.
  for (const path of ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/accept-invite']) {
    assert.ok(doc.paths[path].post.responses['401'], `${path} documents 401`);
  }
  assert.equal(doc.paths['/health/ready'].get.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/Readiness');
  assert.equal(doc.components.schemas.Technology.properties.id.type, 'integer');
  assert.ok(doc.paths['/api/v1/technologies'].get.parameters.some((p) => p.name === 'sort'));
  assert.deepEqual(doc.paths['/api/v1/auth/login'].post.security, []);
});

test('/docs serves Swagger UI from the binary', async () => {
  const page = await request(server, 'GET', '/docs');
  assert.equal(page.status, 200);
  assert.match(page.header('content-type'), /text\/html/);
  assert.match(page.text, /swagger-ui-bundle\.js/);
  const bundle = await request(server, 'GET', '/docs/swagger-ui-bundle.js');
  assert.equal(bundle.status, 200, 'swagger-ui-dist must be installed and copied by the build');
  assert.match(bundle.header('content-type'), /javascript/);
  assert.ok(bundle.text.length > 100000);
  const init = await request(server, 'GET', '/docs/init.js');
  assert.match(init.text, /openapi\.json/);
  assertProblem(await request(server, 'GET', '/docs/..%2F..%2Fetc%2Fpasswd'), 404);
});

test('an idle keep-alive connection is closed after --idle-timeout', async () => {
  const idle = await startServer({ args: ['--idle-timeout', '1'] });
  try {
    const reply = await new Promise((resolve, reject) => {
      const socket = net.connect(idle.port, '127.0.0.1');
      let received = '';
      const timer = setTimeout(() => { socket.destroy(); reject(new Error('idle connection was never closed')); }, 10000);
      socket.on('data', (chunk) => { received += chunk.toString(); });
      socket.on('close', () => { clearTimeout(timer); resolve(received); });
      // One complete request, then silence.
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    assert.match(reply, /^HTTP\/1\.1 200/);
  } finally {
    await idle.dispose();
  }
});
