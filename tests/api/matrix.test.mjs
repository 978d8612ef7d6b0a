// Every route of the platform × every kind of caller: no credentials, a member of another project only, viewer,
// member, admin, owner. Each caller gets exactly the status its role allows, and a refused request changes
// nothing in the database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { client } from './support/client.mjs';
import { setupAdmin, addUser, createProject, createTechnology, unique } from './support/fixtures.mjs';
import { snapshot } from './support/database.mjs';

const RANK = { viewer: 1, member: 2, admin: 3, owner: 4 };
const ROLES = ['anonymous', 'outsider', 'viewer', 'member', 'admin', 'owner'];

let server;
let owner;
const users = {};

before(async () => {
  server = await startServer();
  owner = await setupAdmin(server);
  const home = await createProject(owner.api);
  for (const role of ['viewer', 'member', 'admin']) users[role] = await addUser(server, owner.api, home.id, 'viewer');
  users.outsider = await addUser(server, owner.api, home.id, 'owner');
  users.spare = await addUser(server, owner.api, home.id, 'viewer');
});
after(() => server?.dispose());

// A fresh project where each test user holds the role named after it, with a technology and a spare member.
async function freshProject() {
  const project = await createProject(owner.api);
  for (const role of ['viewer', 'member', 'admin']) {
    const res = await owner.api.post(`/api/v1/projects/${project.id}/members`, { user_id: users[role].userId, role });
    assert.equal(res.status, 201, res.text);
  }
  const spare = await owner.api.post(`/api/v1/projects/${project.id}/members`, { user_id: users.spare.userId, role: 'viewer' });
  assert.equal(spare.status, 201, spare.text);
  const technology = await createTechnology(owner.api.inProject(project.id));
  return { id: project.id, technologyId: technology.id, spareUserId: users.spare.userId };
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
