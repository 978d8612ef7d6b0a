// Project isolation, verb by verb: with the X-Project-ID of project A, every route that takes an id answers 404
// for project B's repositories, links, knowledge entries, research tasks and their documents, jobs and schedules,
// and changes nothing — checked by reading everything back with B's scope, the database, the uploads directory
// and the requests (a local fake of) GitHub received. Once for a member of both projects (their role in A
// passes every guard) and once for a member of A only.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { FakeGitHub } from './support/fake_github.mjs';
import { setupAdmin, addUser, createProject, createTechnology, createRepository, createTask, upload, assertProblem, unique } from './support/fixtures.mjs';
import { snapshot, count } from './support/database.mjs';

let server;
let github;
let admin;

before(async () => {
  github = await new FakeGitHub().start();
  server = await startServer({ env: { CC_GITHUB_API_URL: github.url } });
  admin = await setupAdmin(server);
});
after(async () => {
  await server?.dispose();
  await github?.stop();
});

const FAR_FUTURE = '2099-01-01T00:00:00Z'; // schedules that cannot fire while the test runs
const importParameters = () => ({ technologies: [{ title: unique('Imported') }], merge_strategy: 'skip' });

// Project B with one of everything, made by its owner; `api` is scoped to B.
async function seedProjectB() {
  const project = await createProject(admin.api);
  const api = admin.api.inProject(project.id);
  const technology = await createTechnology(api);
  const repository = await createRepository(api);
  github.set(repository.owner, repository.name, { stars: 5 });
  const spareRepository = await createRepository(api);
  const linkedRepository = await createRepository(api);
  const link = await api.post(`/api/v1/technologies/${technology.id}/repositories`, { repository_id: linkedRepository.id });
  assert.equal(link.status, 201, link.text);
  const entry = await api.post('/api/v1/knowledge/entries', { title: unique('k'), content: 'B only', category: 'ops' });
  assert.equal(entry.status, 201, entry.text);
  const task = await createTask(api, { technology_id: technology.id });
  const uploaded = await upload(api, task.id, { filename: 'b.txt', bytes: 'belongs to B' });
  assert.equal(uploaded.status, 201, uploaded.text);
  const pendingJob = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: importParameters() });
  assert.equal(pendingJob.status, 201, pendingJob.text);
  const cancelledJob = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: importParameters() });
  assert.equal(cancelledJob.status, 201, cancelledJob.text);
  assert.equal((await api.post(`/api/v1/jobs/${cancelledJob.json.id}/cancel`)).json.status, 'cancelled');
  const schedule = (enabled) => api.post('/api/v1/schedules', {
    name: unique('s'), task_type: 'batch_import', task_parameters: importParameters(), frequency: 'daily',
    start_time: FAR_FUTURE, enabled,
  });
  const enabledSchedule = await schedule(true);
  assert.equal(enabledSchedule.status, 201, enabledSchedule.text);
  const disabledSchedule = await schedule(false);
  assert.equal(disabledSchedule.status, 201, disabledSchedule.text);
  return {
    project, api, technologyId: technology.id, repositoryId: repository.id, spareRepositoryId: spareRepository.id,
    linkedRepositoryId: linkedRepository.id, entryId: entry.json.id, taskId: task.id,
    documentId: uploaded.json.uploaded_documents[0].id, pendingJobId: pendingJob.json.id,
    cancelledJobId: cancelledJob.json.id, enabledScheduleId: enabledSchedule.json.id,
    disabledScheduleId: disabledSchedule.json.id,
  };
}

// Everything B holds, as B's scope reads it (bodies and ETags), plus what the API cannot show.
async function stateOfB(b) {
  const read = async (path) => {
    const res = await b.api.get(path);
    assert.equal(res.status, 200, `${path} with B's scope: ${res.text}`);
    return { body: res.json ?? res.text, etag: res.header('etag') };
  };
  const paths = [
    `/api/v1/repositories/${b.repositoryId}`, `/api/v1/repositories/${b.spareRepositoryId}`,
    `/api/v1/repositories/${b.linkedRepositoryId}`, `/api/v1/repositories/${b.linkedRepositoryId}/technologies`,
    `/api/v1/technologies/${b.technologyId}`, `/api/v1/technologies/${b.technologyId}/repositories`,
    `/api/v1/knowledge/entries/${b.entryId}`, `/api/v1/research-tasks/${b.taskId}`,
    `/api/v1/research-tasks/${b.taskId}/documents`, `/api/v1/research-tasks/${b.taskId}/documents/${b.documentId}`,
    `/api/v1/jobs/${b.pendingJobId}`, `/api/v1/jobs/${b.cancelledJobId}`,
    `/api/v1/schedules/${b.enabledScheduleId}`, `/api/v1/schedules/${b.disabledScheduleId}`,
    '/api/v1/repositories', '/api/v1/knowledge/entries', '/api/v1/research-tasks', '/api/v1/jobs', '/api/v1/schedules',
  ];
  const state = {};
  for (const path of paths) state[path] = await read(path);
  state.database = snapshot(server);
  state.jobs = count(server, 'jobs');
  state.schedules = count(server, 'schedules');
  state.uploads = readdirSync(join(server.dataDir, 'uploads')).sort();
  state.uploadsTmp = readdirSync(join(server.dataDir, 'uploads', 'tmp')).sort();
  state.githubRequests = github.requests.length;
  return state;
}

// [description, call] pairs: every route with B's ids, called with A's scope (`a`). `mine` holds A's own
// technology, repository and task, for the requests that mix the two projects.
function verbs(a, b, mine) {
  return [
    // Repositories
    ['GET repository', () => a.get(`/api/v1/repositories/${b.repositoryId}`)],
    ['PATCH repository', () => a.patch(`/api/v1/repositories/${b.repositoryId}`, { description: 'from A' })],
    ['PATCH repository with a token', () => a.patch(`/api/v1/repositories/${b.repositoryId}`, { access_token: 'ghp_' + 'x'.repeat(36) })],
    ['DELETE repository', () => a.delete(`/api/v1/repositories/${b.repositoryId}`)],
    ['sync repository', () => a.post(`/api/v1/repositories/${b.repositoryId}/sync`, { force: true })],
    ['technologies of a repository', () => a.get(`/api/v1/repositories/${b.linkedRepositoryId}/technologies`)],
    // Links, from both sides and across the two projects
    ['repositories of a technology', () => a.get(`/api/v1/technologies/${b.technologyId}/repositories`)],
    ["link B's technology to B's repository", () => a.post(`/api/v1/technologies/${b.technologyId}/repositories`, { repository_id: b.spareRepositoryId })],
    ["link A's technology to B's repository", () => a.post(`/api/v1/technologies/${mine.technologyId}/repositories`, { repository_id: b.spareRepositoryId })],
    ["link B's technology to A's repository", () => a.post(`/api/v1/technologies/${b.technologyId}/repositories`, { repository_id: mine.repositoryId })],
    ["unlink B's link", () => a.delete(`/api/v1/technologies/${b.technologyId}/repositories/${b.linkedRepositoryId}`)],
    ["unlink B's repository from A's technology", () => a.delete(`/api/v1/technologies/${mine.technologyId}/repositories/${b.linkedRepositoryId}`)],
    ["unlink A's repository from B's technology", () => a.delete(`/api/v1/technologies/${b.technologyId}/repositories/${mine.repositoryId}`)],
    // Knowledge
    ['GET knowledge entry', () => a.get(`/api/v1/knowledge/entries/${b.entryId}`)],
    ['PATCH knowledge entry', () => a.patch(`/api/v1/knowledge/entries/${b.entryId}`, { category: 'stolen' })],
    ['DELETE knowledge entry', () => a.delete(`/api/v1/knowledge/entries/${b.entryId}`)],
    // Research tasks and their documents
    ['GET research task', () => a.get(`/api/v1/research-tasks/${b.taskId}`)],
    ['PATCH research task', () => a.patch(`/api/v1/research-tasks/${b.taskId}`, { findings: 'from A' })],
    ['DELETE research task', () => a.delete(`/api/v1/research-tasks/${b.taskId}`)],
    ['set task status', () => a.patch(`/api/v1/research-tasks/${b.taskId}/status?new_status=blocked`)],
    ['set task progress', () => a.patch(`/api/v1/research-tasks/${b.taskId}/progress?progress_percentage=40`)],
    ['list documents', () => a.get(`/api/v1/research-tasks/${b.taskId}/documents`)],
    ['upload a document', () => upload(a, b.taskId, { filename: 'a.txt', bytes: 'from A' })],
    ['download document', () => a.get(`/api/v1/research-tasks/${b.taskId}/documents/${b.documentId}`)],
    ['DELETE document', () => a.delete(`/api/v1/research-tasks/${b.taskId}/documents/${b.documentId}`)],
    ["download B's document through A's task", () => a.get(`/api/v1/research-tasks/${mine.taskId}/documents/${b.documentId}`)],
    ["DELETE B's document through A's task", () => a.delete(`/api/v1/research-tasks/${mine.taskId}/documents/${b.documentId}`)],
    // Jobs
    ['GET job', () => a.get(`/api/v1/jobs/${b.pendingJobId}`)],
    ['job progress', () => a.get(`/api/v1/jobs/${b.pendingJobId}/progress`)],
    ['GET batch job', () => a.get(`/api/v1/batch/jobs/${b.pendingJobId}`)],
    ['PATCH job', () => a.patch(`/api/v1/jobs/${b.pendingJobId}`, { priority: 9 })],
    ['dispatch job', () => a.post(`/api/v1/jobs/${b.pendingJobId}/dispatch`)],
    ['cancel job', () => a.post(`/api/v1/jobs/${b.pendingJobId}/cancel`)],
    ['retry job', () => a.post(`/api/v1/jobs/${b.cancelledJobId}/retry`)],
    ['DELETE pending job', () => a.delete(`/api/v1/jobs/${b.pendingJobId}`)],
    ['DELETE cancelled job', () => a.delete(`/api/v1/jobs/${b.cancelledJobId}`)],
    // Schedules
    ['GET schedule', () => a.get(`/api/v1/schedules/${b.enabledScheduleId}`)],
    ['PATCH schedule', () => a.patch(`/api/v1/schedules/${b.enabledScheduleId}`, { name: 'from A' })],
    ['enable schedule', () => a.post(`/api/v1/schedules/${b.disabledScheduleId}/enable`)],
    ['disable schedule', () => a.post(`/api/v1/schedules/${b.enabledScheduleId}/disable`)],
    ['execute schedule', () => a.post(`/api/v1/schedules/${b.enabledScheduleId}/execute`, { force: true })],
    ['DELETE schedule', () => a.delete(`/api/v1/schedules/${b.enabledScheduleId}`)],
  ];
}

for (const [who, callerInA] of [
  ['a member of both projects', async (projectA) => admin.api.inProject(projectA.id)],
  ['a member of project A only', async (projectA) => (await addUser(server, admin.api, projectA.id, 'owner')).api.inProject(projectA.id)],
]) {
  describe(`${who}, with project A's scope`, () => {
    let a;
    let b;
    let mine;
    before(async () => {
      const projectA = await createProject(admin.api);
      a = await callerInA(projectA);
      mine = {
        technologyId: (await createTechnology(a)).id,
        repositoryId: (await createRepository(a)).id,
        taskId: (await createTask(a)).id,
      };
      b = await seedProjectB();
    });

    test("every verb on project B's ids answers 404 and changes nothing", async () => {
      const before = await stateOfB(b);
      for (const [name, call] of verbs(a, b, mine)) {
        const res = await call();
        assertProblem(res, 404);
        assert.ok(!res.text.includes('belongs to B'), `${name} must not leak B's document`);
        assert.deepEqual(await stateOfB(b), before, `${name} with A's scope must not change project B`);
      }
      assert.equal(github.requests.length, before.githubRequests, 'no sync reached GitHub');
    });

    test("A's lists never show B's resources", async () => {
      const ids = (res) => (Array.isArray(res.json) ? res.json : res.json.items ?? res.json.jobs ?? res.json.schedules).map((x) => x.id);
      assert.ok(!ids(await a.get('/api/v1/repositories')).includes(b.repositoryId));
      assert.ok(!ids(await a.get('/api/v1/knowledge/entries')).includes(b.entryId));
      assert.ok(!ids(await a.get('/api/v1/research-tasks')).includes(b.taskId));
      assert.deepEqual(ids(await a.get('/api/v1/jobs')), []);
      assert.deepEqual(ids(await a.get('/api/v1/schedules')), []);
      assert.deepEqual((await a.get(`/api/v1/technologies/${mine.technologyId}/repositories`)).json, []);
      assert.deepEqual((await a.get(`/api/v1/research-tasks/${mine.taskId}/documents`)).json.documents, []);
    });

    test("with B's own scope, A's and B's resources still cannot be linked across projects", async () => {
      const bScope = a.inProject(b.project.id);
      const before = await stateOfB(b);
      assertProblem(await bScope.post(`/api/v1/technologies/${mine.technologyId}/repositories`, { repository_id: b.spareRepositoryId }), 404);
      assertProblem(await bScope.post(`/api/v1/technologies/${b.technologyId}/repositories`, { repository_id: mine.repositoryId }), 404);
      assertProblem(await bScope.get(`/api/v1/technologies/${mine.technologyId}/repositories`), 404);
      assertProblem(await bScope.get(`/api/v1/repositories/${mine.repositoryId}/technologies`), 404);
      assert.deepEqual(await stateOfB(b), before);
      assert.deepEqual((await a.get(`/api/v1/technologies/${mine.technologyId}/repositories`)).json, []);
      assert.deepEqual((await a.get(`/api/v1/repositories/${mine.repositoryId}/technologies`)).json, []);
    });
  });
}
