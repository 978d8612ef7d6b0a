// Authentication: first-run setup, registration policy, sign-in, token validation (RFC 8725), refresh rotation
// with reuse detection, sign-out, invitations.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { request } from './support/client.mjs';
import { setupAdmin, addUser, login, assertProblem, PASSWORD, unique } from './support/fixtures.mjs';
import { forgeToken, decodeClaims } from './support/tokens.mjs';
import { snapshot } from './support/database.mjs';

describe('first run', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(() => server?.dispose());

  test('the server reports that setup is needed and logged a setup token', async () => {
    const status = await request(server, 'GET', '/api/v1/auth/setup');
    assert.equal(status.status, 200);
    assert.equal(status.json.setup_required, true);
    assert.ok(server.setupToken && server.setupToken.length >= 24);
  });

  test('a wrong setup token is refused and creates nothing', async () => {
    const before = snapshot(server);
    const res = await request(server, 'POST', '/api/v1/auth/setup', {
      body: { token: 'not-the-token', email: 'a@example.com', password: PASSWORD, project_name: 'P' },
    });
    assertProblem(res, 401);
    assert.deepEqual(snapshot(server), before);
  });

  test('setup validates its input', async () => {
    const res = await request(server, 'POST', '/api/v1/auth/setup', {
      body: { token: server.setupToken, email: 'not-an-email', password: 'short', project_name: '' },
    });
    assertProblem(res, 422, 'email');
    const fields = res.json.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['email', 'password', 'project_name']);
  });

  test('setup creates the administrator, their project, and signs them in; it works only once', async () => {
    const admin = await setupAdmin(server, { email: 'Root@Example.com', projectName: 'First' });
    assert.equal(admin.user.email, 'root@example.com');
    assert.equal(admin.user.is_superuser, true);
    assert.equal(admin.project.name, 'First');
    assert.equal(admin.project.role, 'owner');
    const me = await admin.api.get('/api/v1/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.default_project_id, admin.project.id);
    const again = await request(server, 'POST', '/api/v1/auth/setup', {
      body: { token: server.setupToken, email: 'b@example.com', password: PASSWORD, project_name: 'Q' },
    });
    assertProblem(again, 409);
    const status = await request(server, 'GET', '/api/v1/auth/setup');
    assert.equal(status.json.setup_required, false);
    assert.equal(status.json.registration_open, false);
  });

  test('once an administrator exists, open registration is off by default', async () => {
    const res = await request(server, 'POST', '/api/v1/auth/register', { body: { email: 'late@example.com', password: PASSWORD } });
    assertProblem(res, 403);
  });
});

describe('sign-in and tokens', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ args: ['--registration', 'open'] });
    admin = await setupAdmin(server);
  });
  after(() => server?.dispose());

  test('open registration creates a user with the original response shape', async () => {
    const res = await request(server, 'POST', '/api/v1/auth/register', { body: { email: 'New@Example.com', password: PASSWORD, full_name: 'New Person' } });
    assert.equal(res.status, 201, res.text);
    for (const key of ['id', 'email', 'full_name', 'is_active', 'is_superuser', 'created_at', 'updated_at']) assert.ok(key in res.json, key);
    assert.equal(res.json.email, 'new@example.com');
    assert.equal(res.json.is_superuser, false);
    assert.equal(res.json.hashed_password, undefined);
    assertProblem(await request(server, 'POST', '/api/v1/auth/register', { body: { email: 'new@example.com', password: PASSWORD } }), 409);
    assertProblem(await request(server, 'POST', '/api/v1/auth/register', { body: { email: 'x@example.com', password: 'short' } }), 422, 'password');
  });

  test('login returns an access and a refresh token; wrong passwords and unknown emails look the same', async () => {
    const tokens = await login(server, 'admin@example.com');
    assert.equal(tokens.token_type, 'bearer');
    assert.ok(tokens.refresh_token);
    const claims = decodeClaims(tokens.access_token);
    assert.equal(claims.iss, 'commandcenter');
    assert.equal(claims.aud, 'commandcenter-api');
    assert.equal(claims.exp - claims.iat, 900, 'access tokens live 15 minutes');
    const header = JSON.parse(Buffer.from(tokens.access_token.split('.')[0], 'base64url').toString());
    assert.deepEqual(header, { alg: 'HS256', typ: 'at+jwt' });
    const wrong = await request(server, 'POST', '/api/v1/auth/login', { body: { email: 'admin@example.com', password: 'wrong password' } });
    const unknown = await request(server, 'POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'wrong password' } });
    assertProblem(wrong, 401);
    assertProblem(unknown, 401);
    assert.equal(wrong.json.detail, unknown.json.detail);
  });

  test('/me needs a bearer token and answers 401 with WWW-Authenticate otherwise', async () => {
    const res = await request(server, 'GET', '/api/v1/auth/me');
    assertProblem(res, 401);
    assert.equal(res.header('www-authenticate'), 'Bearer');
    assertProblem(await request(server, 'GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } }), 401);
    const me = await admin.api.get('/api/v1/auth/me');
    assert.equal(me.json.email, 'admin@example.com');
  });

  test('expired, forged, alg:none, wrong audience, wrong issuer and wrongly typed tokens are refused', async () => {
    const good = decodeClaims(admin.tokens.access_token);
    const base = { sub: good.sub, sid: good.sid };
    // Sanity: a token forged with the real secret and a live session is accepted, so each refusal below is due
    // to exactly the one thing that differs.
    assert.equal((await request(server, 'GET', '/api/v1/auth/me', { token: forgeToken({ claims: base }) })).status, 200);
    const now = Math.floor(Date.now() / 1000);
    const cases = {
      expired: forgeToken({ claims: { ...base, iat: now - 3600, nbf: now - 3600, exp: now - 1800 } }),
      'not yet valid': forgeToken({ claims: { ...base, nbf: now + 3600 } }),
      'other secret': forgeToken({ claims: base, secret: 'some-other-secret-of-sufficient-length-123' }),
      'alg none': forgeToken({ header: { alg: 'none' }, claims: base, signature: '' }),
      'alg HS512': forgeToken({ header: { alg: 'HS512' }, claims: base }),
      'wrong audience': forgeToken({ claims: { ...base, aud: 'another-api' } }),
      'wrong issuer': forgeToken({ claims: { ...base, iss: 'someone-else' } }),
      'typ JWT': forgeToken({ header: { typ: 'JWT' }, claims: base }),
      'no expiry': forgeToken({ claims: { ...base, exp: undefined } }),
      'unknown session': forgeToken({ claims: { ...base, sid: 'no-such-session' } }),
      'other user in session': forgeToken({ claims: { ...base, sub: '999' } }),
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await request(server, 'GET', '/api/v1/auth/me', { token });
      assert.equal(res.status, 401, `${name} should be refused, got ${res.status}`);
    }
  });

  test('refresh rotates the token; presenting a used refresh token ends the whole session', async () => {
    const first = await login(server, 'admin@example.com');
    const second = await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: first.refresh_token } });
    assert.equal(second.status, 200);
    assert.notEqual(second.json.refresh_token, first.refresh_token);
    assert.equal((await request(server, 'GET', '/api/v1/auth/me', { token: second.json.access_token })).status, 200);
    // Replay of the rotated token: refused, and the session (including the newest tokens) is revoked.
    assertProblem(await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: first.refresh_token } }), 401);
    assertProblem(await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: second.json.refresh_token } }), 401);
    assertProblem(await request(server, 'GET', '/api/v1/auth/me', { token: second.json.access_token }), 401);
    assertProblem(await request(server, 'GET', '/api/v1/auth/me', { token: first.access_token }), 401);
    // Other sessions of the same user are unaffected.
    assert.equal((await admin.api.get('/api/v1/auth/me')).status, 200);
    assertProblem(await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: 'made-up' } }), 401);
  });

  test('logout ends the session: its access and refresh tokens stop working', async () => {
    const tokens = await login(server, 'admin@example.com');
    const res = await request(server, 'POST', '/api/v1/auth/logout', { token: tokens.access_token });
    assert.equal(res.status, 200);
    assert.equal(res.json.message, 'Successfully logged out');
    assertProblem(await request(server, 'GET', '/api/v1/auth/me', { token: tokens.access_token }), 401);
    assertProblem(await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } }), 401);
  });

  test('an invitation is accepted once, with a password of at least 8 characters', async () => {
    const email = `${unique('invitee')}@example.com`;
    const added = await admin.api.post(`/api/v1/projects/${admin.project.id}/members`, { email, role: 'member' });
    assert.equal(added.status, 201);
    assert.ok(added.json.invite_token);
    assert.equal(added.json.invitation_pending, true);
    // An invited account cannot sign in before accepting.
    assertProblem(await request(server, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } }), 401);
    assertProblem(await request(server, 'POST', '/api/v1/auth/accept-invite', { body: { token: added.json.invite_token, password: 'short' } }), 422, 'password');
    const accepted = await request(server, 'POST', '/api/v1/auth/accept-invite', { body: { token: added.json.invite_token, password: PASSWORD, full_name: 'Invited' } });
    assert.equal(accepted.status, 200);
    const me = await request(server, 'GET', '/api/v1/auth/me', { token: accepted.json.access_token });
    assert.equal(me.json.full_name, 'Invited');
    assert.equal(me.json.default_project_id, admin.project.id);
    assertProblem(await request(server, 'POST', '/api/v1/auth/accept-invite', { body: { token: added.json.invite_token, password: PASSWORD } }), 401);
  });

  test('tokens of a user are scoped: a viewer token works in its project only', async () => {
    const viewer = await addUser(server, admin.api, admin.project.id, 'viewer');
    assert.equal((await viewer.api.get('/api/v1/technologies')).status, 200);
    const other = await admin.api.post('/api/v1/projects', { name: unique('other') });
    assertProblem(await viewer.api.inProject(other.json.id).get('/api/v1/technologies'), 404);
  });
});
