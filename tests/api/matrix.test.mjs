// Every route of the platform × every kind of caller: no credentials, a member of another project only, viewer,
// member, admin, owner. Each caller gets exactly the status its role allows, and a refused request changes
// nothing in the database. Logout ends only the caller's own session, and the public auth routes answer every
// caller alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { client, request } from './support/client.mjs';
import { FakeGitHub } from './support/fake_github.mjs';
import { setupAdmin, addUser, createProject, createTechnology, createRepository, createTask, upload, unique, login, PASSWORD } from './support/fixtures.mjs';
import { snapshot, sessionState } from './support/database.mjs';

const RANK = { viewer: 1, member: 2, admin: 3, owner: 4 };
const ROLES = ['anonymous', 'outsider', 'viewer', 'member', 'admin', 'owner'];

let server;
let github;
let owner;
let home;
const users = {};

before(async () => {
  github = await new FakeGitHub().start();
  server = await startServer({ env: { CC_GITHUB_API_URL: github.url } });
  owner = await setupAdmin(server);
  home = await createProject(owner.api);
  for (const role of ['viewer', 'member', 'admin']) users[role] = await addUser(server, owner.api, home.id, 'viewer');
  users.outsider = await addUser(server, owner.api, home.id, 'owner');
  users.spare = await addUser(server, owner.api, home.id, 'viewer');
});
after(async () => {
  await server?.dispose();
  await github?.stop();
});

// A fresh project where each test user holds the role named after it, with a technology and a spare member.
async function freshProject() {
  const project = await createProject(owner.api);
  for (const role of ['viewer', 'member', 'admin']) {
    const res = await owner.api.post(`/api/v1/projects/${project.id}/members`, { user_id: users[role].userId, role });
    assert.equal(res.status, 201, res.text);
  }
  const spare = await owner.api.post(`/api/v1/projects/${project.id}/members`, { user_id: users.spare.userId, role: 'viewer' });
  assert.equal(spare.status, 201, spare.text);
  const api = owner.api.inProject(project.id);
  const technology = await createTechnology(api);
  const repository = await createRepository(api);
  github.set(repository.owner, repository.name, { stars: 3 });
  const linkedRepository = await createRepository(api);
  const link = await api.post(`/api/v1/technologies/${technology.id}/repositories`, { repository_id: linkedRepository.id });
  assert.equal(link.status, 201, link.text);
  const task = await createTask(api, { technology_id: technology.id });
  const uploaded = await upload(api, task.id, { filename: 'seed.txt', bytes: 'seed' });
  assert.equal(uploaded.status, 201, uploaded.text);
  const entry = await api.post('/api/v1/knowledge/entries', { title: unique('k'), content: 'c', category: 'ops' });
  return {
    id: project.id, technologyId: technology.id, spareUserId: users.spare.userId, repositoryId: repository.id,
    linkedRepositoryId: linkedRepository.id, taskId: task.id, documentId: uploaded.json.uploaded_documents[0].id,
    entryId: entry.json.id,
  };
}

function callerFor(role, projectId) {
  if (role === 'anonymous') return client(server, undefined, projectId);
  if (role === 'owner') return owner.api.inProject(projectId);
  return users[role].api.inProject(projectId);
}

const ROUTES = [
  { name: 'list technologies', min: 'viewer', call: (c, p) => c.get('/api/v1/technologies') },
  { name: 'get technology', min: 'viewer', call: (c, p) => c.get(`/api/v1/technologies/${p.technologyId}`) },
  { name: 'technology history', min: 'viewer', call: (c, p) => c.get(`/api/v1/technologies/${p.technologyId}/history`) },
  { name: 'technology moves', min: 'viewer', call: (c) => c.get('/api/v1/technologies/moves') },
  { name: 'create technology', min: 'member', call: (c) => c.post('/api/v1/technologies', { title: unique('m') }) },
  { name: 'update technology', min: 'member', call: (c, p) => c.patch(`/api/v1/technologies/${p.technologyId}`, { priority: 1 }) },
  { name: 'delete technology', min: 'member', call: (c, p) => c.delete(`/api/v1/technologies/${p.technologyId}`) },
  { name: 'get project', min: 'viewer', call: (c, p) => c.get(`/api/v1/projects/${p.id}`) },
  { name: 'project stats', min: 'viewer', call: (c, p) => c.get(`/api/v1/projects/${p.id}/stats`) },
  { name: 'update project', min: 'admin', call: (c, p) => c.patch(`/api/v1/projects/${p.id}`, { description: 'changed' }) },
  { name: 'delete project', min: 'owner', call: (c, p) => c.delete(`/api/v1/projects/${p.id}`) },
  { name: 'list members', min: 'viewer', call: (c, p) => c.get(`/api/v1/projects/${p.id}/members`) },
  { name: 'add member', min: 'admin', call: (c, p) => c.post(`/api/v1/projects/${p.id}/members`, { email: `${unique('n')}@example.com`, role: 'viewer' }) },
  { name: 'change member role', min: 'admin', call: (c, p) => c.patch(`/api/v1/projects/${p.id}/members/${p.spareUserId}`, { role: 'member' }) },
  { name: 'remove member', min: 'admin', call: (c, p) => c.delete(`/api/v1/projects/${p.id}/members/${p.spareUserId}`) },
  { name: 'read audit log', min: 'admin', call: (c) => c.get('/api/v1/audit') },
  { name: 'create API key', min: 'viewer', call: (c) => c.post('/api/v1/auth/api-keys', { name: 'matrix', role: 'viewer' }) },
  { name: 'list repositories', min: 'viewer', call: (c) => c.get('/api/v1/repositories') },
  { name: 'get repository', min: 'viewer', call: (c, p) => c.get(`/api/v1/repositories/${p.repositoryId}`) },
  { name: 'create repository', min: 'member', call: (c) => c.post('/api/v1/repositories', { owner: unique('o'), name: 'r' }) },
  { name: 'update repository', min: 'member', call: (c, p) => c.patch(`/api/v1/repositories/${p.repositoryId}`, { description: 'd' }) },
  { name: 'delete repository', min: 'member', call: (c, p) => c.delete(`/api/v1/repositories/${p.repositoryId}`) },
  { name: 'sync repository', min: 'member', call: (c, p) => c.post(`/api/v1/repositories/${p.repositoryId}/sync`, {}) },
  { name: 'technologies of a repository', min: 'viewer', call: (c, p) => c.get(`/api/v1/repositories/${p.linkedRepositoryId}/technologies`) },
  { name: 'repositories of a technology', min: 'viewer', call: (c, p) => c.get(`/api/v1/technologies/${p.technologyId}/repositories`) },
  { name: 'link repository', min: 'member', call: (c, p) => c.post(`/api/v1/technologies/${p.technologyId}/repositories`, { repository_id: p.repositoryId }) },
  { name: 'unlink repository', min: 'member', call: (c, p) => c.delete(`/api/v1/technologies/${p.technologyId}/repositories/${p.linkedRepositoryId}`) },
  { name: 'list research tasks', min: 'viewer', call: (c) => c.get('/api/v1/research-tasks') },
  { name: 'get research task', min: 'viewer', call: (c, p) => c.get(`/api/v1/research-tasks/${p.taskId}`) },
  { name: 'create research task', min: 'member', call: (c) => c.post('/api/v1/research-tasks', { title: 't' }) },
  { name: 'update research task', min: 'member', call: (c, p) => c.patch(`/api/v1/research-tasks/${p.taskId}`, { findings: 'f' }) },
  { name: 'delete research task', min: 'member', call: (c, p) => c.delete(`/api/v1/research-tasks/${p.taskId}`) },
  { name: 'set task status', min: 'member', call: (c, p) => c.patch(`/api/v1/research-tasks/${p.taskId}/status?new_status=blocked`) },
  { name: 'set task progress', min: 'member', call: (c, p) => c.patch(`/api/v1/research-tasks/${p.taskId}/progress?progress_percentage=40`) },
  { name: 'upload document', min: 'member', call: (c, p) => upload(c, p.taskId, { filename: 'm.txt', bytes: 'm' }) },
  { name: 'list documents', min: 'viewer', call: (c, p) => c.get(`/api/v1/research-tasks/${p.taskId}/documents`) },
  { name: 'download document', min: 'viewer', call: (c, p) => c.get(`/api/v1/research-tasks/${p.taskId}/documents/${p.documentId}`) },
  { name: 'delete document', min: 'member', call: (c, p) => c.delete(`/api/v1/research-tasks/${p.taskId}/documents/${p.documentId}`) },
  { name: 'task statistics', min: 'viewer', call: (c) => c.get('/api/v1/research-tasks/statistics/overview') },
  { name: 'upcoming tasks', min: 'viewer', call: (c) => c.get('/api/v1/research-tasks/upcoming/list') },
  { name: 'overdue tasks', min: 'viewer', call: (c) => c.get('/api/v1/research-tasks/overdue/list') },
  { name: 'list knowledge entries', min: 'viewer', call: (c) => c.get('/api/v1/knowledge/entries') },
  { name: 'get knowledge entry', min: 'viewer', call: (c, p) => c.get(`/api/v1/knowledge/entries/${p.entryId}`) },
  { name: 'create knowledge entry', min: 'member', call: (c) => c.post('/api/v1/knowledge/entries', { title: 't', content: 'c', category: 'x' }) },
  { name: 'update knowledge entry', min: 'member', call: (c, p) => c.patch(`/api/v1/knowledge/entries/${p.entryId}`, { category: 'y' }) },
  { name: 'delete knowledge entry', min: 'member', call: (c, p) => c.delete(`/api/v1/knowledge/entries/${p.entryId}`) },
  { name: 'knowledge categories', min: 'viewer', call: (c) => c.get('/api/v1/knowledge/categories') },
  { name: 'dashboard stats', min: 'viewer', call: (c) => c.get('/api/v1/dashboard/stats') },
  { name: 'recent activity', min: 'viewer', call: (c) => c.get('/api/v1/dashboard/recent-activity') },
];

// Routes outside any project: any signed-in user may call them.
const USER_ROUTES = [
  { name: 'me', call: (c) => c.get('/api/v1/auth/me') },
  { name: 'list projects', call: (c) => c.get('/api/v1/projects') },
  { name: 'create project', call: (c) => c.post('/api/v1/projects', { name: unique('p') }) },
  { name: 'list API keys', call: (c) => c.get('/api/v1/auth/api-keys') },
];

function expectedStatus(role, min) {
  if (role === 'anonymous') return 401;
  if (role === 'outsider') return 404;
  return RANK[role] >= RANK[min] ? 'ok' : 403;
}

for (const route of ROUTES) {
  test(`${route.name}: ${ROLES.join(', ')}`, async () => {
    for (const role of ROLES) {
      const project = await freshProject();
      const before = snapshot(server);
      const res = await route.call(callerFor(role, project.id), project);
      const expected = expectedStatus(role, route.min);
      if (expected === 'ok') {
        assert.ok(res.status >= 200 && res.status < 300, `${route.name} as ${role}: expected success, got ${res.status} ${res.text}`);
      } else {
        assert.equal(res.status, expected, `${route.name} as ${role}: ${res.text}`);
        assert.match(res.header('content-type'), /problem\+json/);
        assert.deepEqual(snapshot(server), before, `${route.name} as ${role} must not change anything`);
      }
    }
  });
}

for (const route of USER_ROUTES) {
  test(`${route.name}: needs credentials, open to every signed-in user`, async () => {
    const before = snapshot(server);
    const anonymous = await route.call(client(server));
    assert.equal(anonymous.status, 401);
    assert.deepEqual(snapshot(server), before);
    for (const role of ['outsider', 'viewer', 'member', 'admin', 'owner']) {
      const res = await route.call(callerFor(role, undefined));
      assert.ok(res.status >= 200 && res.status < 300, `${route.name} as ${role}: ${res.status} ${res.text}`);
    }
  });
}

// Revoking an API key belongs to no project: every signed-in user revokes their own keys, and another user's key
// is a 404 for everyone — even for an owner of the project the key works in — and stays usable.
test('revoke API key: anonymous is 401; each signed-in user revokes only their own keys', async () => {
  const createKey = async (api) => {
    const res = await api.inProject(home.id).post('/api/v1/auth/api-keys', { name: unique('revocable'), role: 'viewer' });
    assert.equal(res.status, 201, res.text);
    return res.json;
  };
  const works = async (key) => (await client(server, key.key).get('/api/v1/technologies')).status;

  const ownersKey = await createKey(owner.api);
  let before = snapshot(server);
  const anonymous = await client(server).delete(`/api/v1/auth/api-keys/${ownersKey.id}`);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.header('content-type'), /problem\+json/);
  assert.deepEqual(snapshot(server), before);
  assert.equal(await works(ownersKey), 200);

  for (const role of ['outsider', 'viewer', 'member', 'admin', 'owner']) {
    const caller = callerFor(role, undefined);
    const othersKey = await createKey(users.spare.api);
    before = snapshot(server);
    const foreign = await caller.delete(`/api/v1/auth/api-keys/${othersKey.id}`);
    assert.equal(foreign.status, 404, `revoking another user's key as ${role}: ${foreign.text}`);
    assert.match(foreign.header('content-type'), /problem\+json/);
    assert.deepEqual(snapshot(server), before, `revoking another user's key as ${role} must not change anything`);
    assert.equal(await works(othersKey), 200, `the other user's key still works after ${role} tried to revoke it`);

    const own = await createKey(caller);
    assert.equal(await works(own), 200);
    const revoked = await caller.delete(`/api/v1/auth/api-keys/${own.id}`);
    assert.equal(revoked.status, 204, `revoking their own key as ${role}: ${revoked.text}`);
    assert.equal(await works(own), 401, `a key revoked by ${role} no longer authenticates`);
    assert.equal((await caller.delete(`/api/v1/auth/api-keys/${own.id}`)).status, 404, 'a revoked key cannot be revoked twice');
  }
});

// Everything a refused or no-op auth request could change: the data, and who is signed in.
const everything = () => ({ ...snapshot(server), ...sessionState(server) });
const emailOf = (role) => (role === 'owner' ? owner.user.email : users[role].email);
const isProblem = (res) => /problem\+json/.test(res.header('content-type') ?? '');

// Logout belongs to no project. Without credentials it is a 401 that changes nothing, even when the body names
// someone's refresh token. Every signed-in user ends exactly the session they call it with: not their other
// sessions, and not another user's session, even when they present that user's refresh token.
test('logout: anonymous is 401; each signed-in user ends only their own session', async () => {
  const victim = await login(server, users.spare.email);
  for (const body of [undefined, { refresh_token: victim.refresh_token }]) {
    const before = everything();
    const anonymous = await client(server).post('/api/v1/auth/logout', body);
    assert.equal(anonymous.status, 401, anonymous.text);
    assert.ok(isProblem(anonymous));
    assert.deepEqual(everything(), before, `anonymous logout with ${JSON.stringify(body)} must not change anything`);
  }
  assert.equal((await client(server, victim.access_token).get('/api/v1/auth/me')).status, 200);

  const alive = async (tokens) => (await client(server, tokens.access_token).get('/api/v1/auth/me')).status === 200;
  for (const role of ['outsider', 'viewer', 'member', 'admin', 'owner']) {
    const fixtureSession = callerFor(role, undefined);
    for (const withForeignToken of [false, true]) {
      const session = await login(server, emailOf(role));
      const other = await login(server, users.spare.email);
      const body = withForeignToken ? { refresh_token: other.refresh_token } : undefined;
      const before = sessionState(server);
      const res = await client(server, session.access_token).post('/api/v1/auth/logout', body);
      assert.equal(res.status, 200, `logout as ${role}: ${res.text}`);
      assert.deepEqual(sessionState(server), { ...before, endedSessions: before.endedSessions + 1 },
        `logout as ${role} ends exactly one session`);
      assert.equal(await alive(session), false, `${role}'s access token stops working at logout`);
      const refreshed = await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: session.refresh_token } });
      assert.equal(refreshed.status, 401, `${role}'s refresh token stops working at logout`);
      assert.equal((await fixtureSession.get('/api/v1/auth/me')).status, 200, `${role}'s other session continues`);
      assert.equal(await alive(other), true, `another user's session survives ${role}'s logout (foreign token: ${withForeignToken})`);
      const otherRefresh = await request(server, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } });
      assert.equal(otherRefresh.status, 200, `another user's refresh token survives ${role}'s logout: ${otherRefresh.text}`);
    }
  }
});

// The public auth routes answer every caller alike: a bearer token — whoever's, whatever their role — neither
// opens a closed door nor changes what the route does, and a refused request changes nothing.
const PUBLIC_ROUTES = [
  {
    name: 'setup status', status: 200,
    call: (c) => c.get('/api/v1/auth/setup'),
    check: (res) => assert.deepEqual(res.json, { setup_required: false, registration_open: false }),
  },
  {
    name: 'setup with the original token once setup is done', status: 409,
    call: (c) => c.post('/api/v1/auth/setup', { token: server.setupToken, email: `${unique('late')}@example.com`, password: PASSWORD, project_name: unique('p') }),
  },
  {
    name: 'register while registration is closed', status: 403,
    call: (c) => c.post('/api/v1/auth/register', { email: `${unique('reg')}@example.com`, password: PASSWORD }),
  },
  {
    name: 'login with a wrong password', status: 401,
    call: (c) => c.post('/api/v1/auth/login', { email: users.spare.email, password: 'not the password' }),
  },
  {
    name: 'refresh with an unknown refresh token', status: 401,
    call: (c) => c.post('/api/v1/auth/refresh', { refresh_token: 'not-a-refresh-token' }),
  },
  {
    name: 'accept an unknown invitation', status: 401,
    call: (c) => c.post('/api/v1/auth/accept-invite', { token: 'not-an-invitation', password: PASSWORD }),
  },
];

for (const route of PUBLIC_ROUTES) {
  test(`public ${route.name}: ${route.status} for ${ROLES.join(', ')}, and nothing changes`, async () => {
    for (const role of ROLES) {
      const before = everything();
      const res = await route.call(callerFor(role, home.id));
      assert.equal(res.status, route.status, `${route.name} as ${role}: ${res.text}`);
      if (route.status >= 400) assert.ok(isProblem(res), `${route.name} as ${role} is problem+json`);
      route.check?.(res);
      assert.deepEqual(everything(), before, `${route.name} as ${role} must not change anything`);
    }
  });
}

test('public login: every caller signs in the user named in the body, never the caller', async () => {
  for (const role of ROLES) {
    const before = sessionState(server);
    const res = await callerFor(role, home.id).post('/api/v1/auth/login', { email: users.spare.email, password: PASSWORD });
    assert.equal(res.status, 200, `login as ${role}: ${res.text}`);
    assert.equal(sessionState(server).sessions, before.sessions + 1, 'one new session');
    const me = await client(server, res.json.access_token).get('/api/v1/auth/me');
    assert.equal(me.json.email, users.spare.email, `the session started by ${role} belongs to the named user`);
    const refreshed = await callerFor(role, home.id).post('/api/v1/auth/refresh', { refresh_token: res.json.refresh_token });
    assert.equal(refreshed.status, 200, `refresh as ${role}: ${refreshed.text}`);
    const refreshedMe = await client(server, refreshed.json.access_token).get('/api/v1/auth/me');
    assert.equal(refreshedMe.json.email, users.spare.email, `a refresh by ${role} continues the named user's session`);
  }
});
