// Knowledge entries: CRUD, categories, filters and search, technology links within the project.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, createProject, createTechnology, assertProblem } from './support/fixtures.mjs';
import { snapshot } from './support/database.mjs';

let server;
let api;

before(async () => {
  server = await startServer();
  api = (await setupAdmin(server)).api;
});
after(() => server?.dispose());

test('create, read, update and delete an entry with every field', async () => {
  const t = await createTechnology(api);
  const res = await api.post('/api/v1/knowledge/entries', {
    title: 'ADR 7: event sourcing', content: 'We keep every change as an event.\nConsequences: …', category: 'architecture',
    technology_id: t.id, source_url: 'https://example.com/adr-7', source_type: 'adr', page_number: 3, confidence_score: 0.9,
    metadata_: { reviewed: true },
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.content, 'We keep every change as an event.\nConsequences: …');
  assert.equal(res.json.technology_id, t.id);
  assert.equal(res.header('location'), `/api/v1/knowledge/entries/${res.json.id}`);
  const read = await api.get(`/api/v1/knowledge/entries/${res.json.id}`);
  assert.deepEqual(read.json, res.json);
  const updated = await api.patch(`/api/v1/knowledge/entries/${res.json.id}`, { category: 'decisions', technology_id: null }, { headers: { 'if-match': read.header('etag') } });
  assert.equal(updated.status, 200);
  assert.equal(updated.json.category, 'decisions');
  assert.equal(updated.json.technology_id, null);
  assertProblem(await api.patch(`/api/v1/knowledge/entries/${res.json.id}`, { title: 'x' }, { headers: { 'if-match': read.header('etag') } }), 412);
  assert.equal((await api.delete(`/api/v1/knowledge/entries/${res.json.id}`)).status, 204);
  assertProblem(await api.get(`/api/v1/knowledge/entries/${res.json.id}`), 404);
});

test('validation: required fields, ranges, and technologies of the same project only', async () => {
  const other = await createProject(api);
  const foreign = await createTechnology(api.inProject(other.id));
  const before = snapshot(server);
  assertProblem(await api.post('/api/v1/knowledge/entries', { title: 't', content: 'c' }), 422, 'category');
  assertProblem(await api.post('/api/v1/knowledge/entries', { title: 't', content: '', category: 'c' }), 422, 'content');
  assertProblem(await api.post('/api/v1/knowledge/entries', { title: 't', content: 'c', category: 'c', confidence_score: 2 }), 422, 'confidence_score');
  assertProblem(await api.post('/api/v1/knowledge/entries', { title: 't', content: 'c', category: 'c', technology_id: foreign.id }), 404, 'technology_id');
  assert.deepEqual(snapshot(server), before);
});

test('categories are distinct and sorted; filters and search combine', async () => {
  const project = await createProject(api);
  const scoped = api.inProject(project.id);
  const t = await createTechnology(scoped);
  const add = (fields) => scoped.post('/api/v1/knowledge/entries', { content: 'text', ...fields });
  await add({ title: 'Kafka sizing', category: 'operations', technology_id: t.id });
  await add({ title: 'Kafka vs Pulsar', category: 'evaluations', technology_id: t.id, content: 'throughput comparison' });
  await add({ title: 'On-call guide', category: 'operations' });
  const categories = await scoped.get('/api/v1/knowledge/categories');
  assert.deepEqual(categories.json, ['evaluations', 'operations']);
  const titles = async (q) => (await scoped.get(`/api/v1/knowledge/entries${q}`)).json.items.map((e) => e.title).sort();
  assert.deepEqual(await titles('?category=operations'), ['Kafka sizing', 'On-call guide']);
  assert.deepEqual(await titles(`?category=operations&technology_id=${t.id}`), ['Kafka sizing']);
  assert.deepEqual(await titles('?search=kafka'), ['Kafka sizing', 'Kafka vs Pulsar']);
  assert.deepEqual(await titles('?search=THROUGHPUT'), ['Kafka vs Pulsar']);
  const page = await scoped.get('/api/v1/knowledge/entries?limit=2');
  assert.equal(page.json.total, 3);
  assert.equal(page.json.items.length, 2);
});
