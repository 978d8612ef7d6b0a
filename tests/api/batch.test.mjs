// Batch import of technologies: JSON or an uploaded CSV/JSON file, merge strategies, dry runs, a per-row report,
// and progress watched live over the job's WebSocket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { setupAdmin, createProject, createTechnology, assertProblem, rawMultipart, unique } from './support/fixtures.mjs';
import { openWithTicket } from './support/websocket.mjs';
import { count, snapshot } from './support/database.mjs';

let server;
let admin;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
});
after(() => server?.dispose());

async function freshProject() {
  const project = await createProject(admin.api);
  return admin.api.inProject(project.id);
}

// Follows a job over its WebSocket (the browser way) and returns every message and the final job.
async function follow(api, jobId) {
  const ws = await openWithTicket(server, api, `/api/v1/jobs/ws/${jobId}`);
  await ws.next((m) => m.type === 'completed');
  const closed = await ws.closed;
  const job = (await api.get(`/api/v1/jobs/${jobId}`)).json;
  return { messages: ws.messages, closed, job };
}

test('JSON import: every row reported; bad rows fail with their reason while the others are imported', async () => {
  const api = await freshProject();
  const res = await api.post('/api/v1/batch/import', {
    technologies: [
      { title: 'Postgres', domain: 'infrastructure', status: 'integrated', priority: 5, tags: 'db, sql' },
      { title: 'NoDomain', domain: 'astrology' },
      { domain: 'ai-ml' },
      { title: 'Redis', priority: 9 },
      { title: 'postgres', domain: 'infrastructure' },
    ],
    merge_strategy: 'skip',
  });
  assert.equal(res.status, 202, res.text);
  assert.equal(res.json.job_type, 'batch_import');
  assert.equal(res.json.total_items, 5);
  assert.equal(res.header('location'), `/api/v1/jobs/${res.json.job_id}`);
  const { job } = await follow(api, res.json.job_id);
  assert.equal(job.status, 'completed', JSON.stringify(job));
  const r = job.result;
  assert.equal(r.imported_count, 1);
  assert.equal(r.failed_count, 4);
  assert.deepEqual(r.rows.map((row) => row.outcome), ['imported', 'failed', 'failed', 'failed', 'failed']);
  assert.match(r.rows[1].reason, /domain/);
  assert.match(r.rows[2].reason, /title/);
  assert.match(r.rows[3].reason, /priority/);
  assert.match(r.rows[4].reason, /more than once/);
  assert.equal(r.rows[0].technology_id > 0, true);
  const techs = await api.get('/api/v1/technologies');
  assert.equal(techs.json.total, 1);
  assert.equal(techs.json.items[0].tags, 'db, sql');
  // The import left a history entry and an audit record like a single create.
  const history = await api.get(`/api/v1/technologies/${r.rows[0].technology_id}/history`);
  assert.ok(history.json.length >= 1);
});

test('merge strategies: skip leaves, overwrite replaces, merge combines', async () => {
  const api = await freshProject();
  const base = await createTechnology(api, { title: 'Kafka', domain: 'infrastructure', description: 'queue', tags: 'streaming', priority: 2 });
  const run = async (strategy, row) => {
    const res = await api.post('/api/v1/batch/import', { technologies: [row], merge_strategy: strategy });
    assert.equal(res.status, 202, res.text);
    return (await follow(api, res.json.job_id)).job.result;
  };
  let r = await run('skip', { title: 'kafka', priority: 5 });
  assert.equal(r.rows[0].outcome, 'skipped');
  assert.match(r.rows[0].reason, /already exists/);
  assert.equal((await api.get(`/api/v1/technologies/${base.id}`)).json.priority, 2);

  r = await run('merge', { title: 'Kafka', priority: 5, tags: 'events' });
  assert.equal(r.rows[0].outcome, 'updated');
  let t = (await api.get(`/api/v1/technologies/${base.id}`)).json;
  assert.equal(t.priority, 5);
  assert.equal(t.description, 'queue', 'merge keeps what the row leaves out');
  assert.equal(t.tags, 'streaming, events');

  r = await run('merge', { title: 'Kafka', priority: 5 });
  assert.equal(r.rows[0].outcome, 'skipped');
  assert.equal(r.rows[0].reason, 'no change');

  r = await run('overwrite', { title: 'Kafka', domain: 'ai-ml', status: 'evaluation' });
  assert.equal(r.rows[0].outcome, 'updated');
  t = (await api.get(`/api/v1/technologies/${base.id}`)).json;
  assert.equal(t.description, null, 'overwrite resets what the row leaves out');
  assert.equal(t.domain, 'ai-ml');
  assert.equal(t.status, 'evaluation');
  assert.equal(t.priority, 3);
  const history = (await api.get(`/api/v1/technologies/${base.id}/history`)).json;
  assert.ok(history.some((h) => h.field === 'status' && h.to === 'evaluation' && h.reason === 'Imported'), JSON.stringify(history));
});

test('a dry run reports and writes nothing', async () => {
  const api = await freshProject();
  await createTechnology(api, { title: 'Existing' });
  const before = snapshot(server);
  const res = await api.post('/api/v1/batch/import', {
    technologies: [{ title: 'Existing', priority: 1 }, { title: 'New one' }],
    merge_strategy: 'overwrite',
    dry_run: true,
  });
  const { job } = await follow(api, res.json.job_id);
  assert.equal(job.result.dry_run, true);
  assert.deepEqual(job.result.rows.map((r) => r.outcome), ['updated', 'imported']);
  const after = snapshot(server);
  for (const table of ['technologies', 'technology_history', 'technology_versions']) {
    assert.equal(after[table], before[table], table);
  }
});

test('progress arrives live over the WebSocket, in order, one step per row, ending with completed', async () => {
  const api = await freshProject();
  const rows = Array.from({ length: 300 }, (_, i) => ({ title: `Tech ${i}`, domain: 'other' }));
  // Created without dispatching, so that the socket is listening before the first row.
  const created = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows } });
  assert.equal(created.status, 201, created.text);
  const ws = await openWithTicket(server, api, `/api/v1/jobs/ws/${created.json.id}`);
  const connected = await ws.next((m) => m.type === 'connected');
  assert.equal(connected.status, 'pending');
  assert.equal((await api.post(`/api/v1/jobs/${created.json.id}/dispatch`)).status, 200);
  await ws.next((m) => m.type === 'completed');
  const closed = await ws.closed;
  const messages = ws.messages;
  assert.equal(closed.code, 1000);
  assert.equal(messages[0].type, 'connected');
  assert.equal(messages.at(-1).type, 'completed');
  assert.equal(messages.at(-1).status, 'completed');
  assert.equal(messages.at(-1).result.imported_count, 300);
  const progress = messages.filter((m) => m.type === 'progress');
  const values = progress.map((m) => m.progress);
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `progress went backwards at ${i}: ${values}`);
  const rowSteps = progress.filter((m) => /^Row \d+ of 300$/.test(m.current_step ?? '')).map((m) => Number(m.current_step.split(' ')[1]));
  assert.deepEqual(rowSteps, Array.from({ length: 300 }, (_, i) => i + 1), 'one message per row, in order');
  assert.equal(progress.at(-1).is_terminal, true);
});

test('a cancelled import keeps the rows it wrote, and its result says which they were', async () => {
  const api = await freshProject();
  const rows = Array.from({ length: 10000 }, (_, i) => ({ title: `Cancelled ${i}` }));
  rows[3] = { title: 'Bad', priority: 99 };
  const created = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { technologies: rows } });
  assert.equal(created.status, 201, created.text);
  const ws = await openWithTicket(server, api, `/api/v1/jobs/ws/${created.json.id}`);
  await ws.next((m) => m.type === 'connected');
  assert.equal((await api.post(`/api/v1/jobs/${created.json.id}/dispatch`)).status, 200);
  // Cancel once some rows are in, long before 10,000 are.
  await ws.next((m) => m.type === 'progress' && /^Row (\d+) of/.test(m.current_step ?? '') && Number(m.current_step.split(' ')[1]) >= 100);
  const cancel = await api.post(`/api/v1/jobs/${created.json.id}/cancel`);
  assert.equal(cancel.status, 200, cancel.text);
  const completed = await ws.next((m) => m.type === 'completed', 30000);
  assert.equal(completed.status, 'cancelled');
  const job = (await api.get(`/api/v1/jobs/${created.json.id}`)).json;
  assert.equal(job.status, 'cancelled');
  const r = job.result;
  assert.ok(r, 'the result of a cancelled import is its report so far');
  assert.deepEqual(completed.result, r, 'the WebSocket carries it too');
  assert.equal(r.complete, false);
  assert.equal(r.total, 10000);
  assert.ok(r.rows.length >= 100 && r.rows.length < 10000, `${r.rows.length} rows reported`);
  assert.deepEqual(r.rows.map((row) => row.row), Array.from({ length: r.rows.length }, (_, i) => i + 1), 'the rows it got to, in order');
  assert.equal(r.rows[3].outcome, 'failed');
  const stored = (await api.get('/api/v1/technologies?limit=1')).json.total;
  assert.equal(r.imported_count, stored, 'every imported row is reported, and nothing else was written');
  assert.equal(r.imported_count + r.failed_count, r.rows.length);
  const last = r.rows.at(-1);
  assert.equal((await api.get(`/api/v1/technologies/${last.technology_id}`)).json.title, last.title);
});

test('CSV upload: header names the fields, cells take their types, the report names rows', async () => {
  const api = await freshProject();
  const csv = 'title,domain,status,priority,relevance_score,tags,description\n' +
    'Rust,infrastructure,integrated,5,90,"systems, safe","A ""fast"" language"\n' +
    'Go,infrastructure,evaluation,four,70,,\n' +
    '\n' +
    'Zig,infrastructure,research,3,60,,"multi\nline"\n';
  const form = rawMultipart([
    { name: 'merge_strategy', bytes: 'skip' },
    { name: 'file', filename: 'radar.csv', type: 'text/csv', bytes: csv },
  ]);
  const res = await api.post('/api/v1/batch/import/upload', undefined, { raw: form.body, headers: { 'content-type': form.contentType } });
  assert.equal(res.status, 202, res.text);
  assert.equal(res.json.total_items, 3);
  const { job } = await follow(api, res.json.job_id);
  const r = job.result;
  assert.deepEqual(r.rows.map((row) => [row.title, row.outcome]), [['Rust', 'imported'], ['Go', 'failed'], ['Zig', 'imported']]);
  assert.match(r.rows[1].reason, /priority/);
  const rust = (await api.get('/api/v1/technologies?search=Rust')).json.items[0];
  assert.equal(rust.priority, 5);
  assert.equal(rust.relevance_score, 90);
  assert.equal(rust.description, 'A "fast" language');
  const zig = (await api.get('/api/v1/technologies?search=Zig')).json.items[0];
  assert.equal(zig.description, 'multi\nline');
});

test('a CSV body is accepted by POST /batch/import itself, with the options in the query', async () => {
  const api = await freshProject();
  const csv = 'title,domain,priority\nKotlin,infrastructure,4\nScala,infrastructure,2\n';
  const post = (query, body = csv, type = 'text/csv; charset=utf-8') =>
    api.post(`/api/v1/batch/import${query}`, undefined, { raw: body, headers: { 'content-type': type } });
  const dry = await post('?dry_run=true');
  assert.equal(dry.status, 202, dry.text);
  assert.equal(dry.json.total_items, 2);
  assert.equal((await follow(api, dry.json.job_id)).job.result.dry_run, true);
  assert.equal((await api.get('/api/v1/technologies')).json.total, 0, 'a dry run writes nothing');
  const res = await post('?merge_strategy=overwrite&priority=9');
  assert.equal(res.status, 202, res.text);
  const { job } = await follow(api, res.json.job_id);
  assert.equal(job.priority, 9);
  assert.equal(job.parameters.merge_strategy, 'overwrite');
  assert.deepEqual(job.result.rows.map((r) => [r.title, r.outcome]), [['Kotlin', 'imported'], ['Scala', 'imported']]);
  const before = count(server, 'jobs');
  assertProblem(await post('', 'title\n"unterminated\n'), 422, 'body');
  assertProblem(await post('?merge_strategy=yolo'), 422, 'query.merge_strategy');
  assertProblem(await post('', 'title\nA\n', 'text/plain'), 415);
  assert.equal(count(server, 'jobs'), before);
});

test('a batch_import job through POST /jobs takes the whole /batch/import body as its parameters', async () => {
  const api = await freshProject();
  const body = { technologies: [{ title: unique('same-body') }], merge_strategy: 'merge', tags: { team: 'radar' }, priority: 7 };
  const created = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: body, dispatch: true });
  assert.equal(created.status, 201, created.text);
  const { job } = await follow(api, created.json.id);
  assert.equal(job.result.imported_count, 1);
  assert.equal(job.priority, 7, "the body's priority is the job's");
  assert.deepEqual(job.tags, { team: 'radar' }, "the body's tags are the job's");
  assertProblem(await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { ...body, priority: 11 } }), 422, 'parameters.priority');
  const before = count(server, 'jobs');
  // Given twice, differently, it is ambiguous; a body that names another project is refused, not redirected.
  assertProblem(await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: body, priority: 3 }), 422, 'parameters.priority');
  const other = await createProject(admin.api);
  assertProblem(await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { ...body, project_id: other.id } }), 422, 'parameters.project_id');
  assertProblem(await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { ...body, tags: 'x' } }), 422, 'parameters.tags');
  assert.equal(count(server, 'jobs'), before);
  const same = await api.post('/api/v1/jobs', { job_type: 'batch_import', parameters: { ...body, priority: 2 }, priority: 2 });
  assert.equal(same.status, 201, same.text);
  assert.equal(same.json.priority, 2);
});

test('upload fields are checked: a value that is not understood is a 422, never a silent default', async () => {
  const api = await freshProject();
  const upload = (fields) => {
    const form = rawMultipart([...fields, { name: 'file', filename: 'a.csv', type: 'text/csv', bytes: `title\n${unique('u')}\n` }]);
    return api.post('/api/v1/batch/import/upload', undefined, { raw: form.body, headers: { 'content-type': form.contentType } });
  };
  const before = count(server, 'jobs');
  assertProblem(await upload([{ name: 'dry_run', bytes: 'maybe' }]), 422, 'dry_run');
  assertProblem(await upload([{ name: 'priority', bytes: '11' }]), 422, 'priority');
  assertProblem(await upload([{ name: 'priority', bytes: 'high' }]), 422, 'priority');
  assertProblem(await upload([{ name: 'tags', bytes: '[1]' }]), 422, 'tags');
  assertProblem(await upload([{ name: 'dryrun', bytes: 'true' }]), 422, 'dryrun');
  assertProblem(await upload([{ name: 'dry_run', bytes: 'true' }, { name: 'dry_run', bytes: 'false' }]), 422, 'dry_run');
  assert.equal(count(server, 'jobs'), before, 'nothing queued');

  const res = await upload([{ name: 'dry_run', bytes: 'True' }, { name: 'priority', bytes: '8' }, { name: 'tags', bytes: '{"source":"sheet"}' }]);
  assert.equal(res.status, 202, res.text);
  const { job } = await follow(api, res.json.job_id);
  assert.equal(job.priority, 8);
  assert.deepEqual(job.tags, { source: 'sheet' });
  assert.equal(job.result.dry_run, true);
  assert.equal((await api.get('/api/v1/technologies')).json.total, 0, 'the dry run wrote nothing');
});

test('JSON file upload is accepted too', async () => {
  const api = await freshProject();
  const form = new FormData();
  form.append('file', new Blob([JSON.stringify([{ title: 'Deno' }, { title: 'Bun' }])], { type: 'application/json' }), 'techs.json');
  form.append('dry_run', 'false');
  const res = await api.post('/api/v1/batch/import/upload', undefined, { raw: form });
  assert.equal(res.status, 202, res.text);
  const { job } = await follow(api, res.json.job_id);
  assert.equal(job.result.imported_count, 2);
});

test('bad files and bodies are 4xx and queue nothing', async () => {
  const api = await freshProject();
  const before = count(server, 'jobs');
  const upload = (filename, bytes, type = 'text/csv') => {
    const form = rawMultipart([{ name: 'file', filename, type, bytes }]);
    return api.post('/api/v1/batch/import/upload', undefined, { raw: form.body, headers: { 'content-type': form.contentType } });
  };
  assertProblem(await upload('x.csv', 'domain,status\nai-ml,adopt\n'), 422, 'file');
  assertProblem(await upload('x.csv', 'title,colour\nA,red\n'), 422, 'file');
  assertProblem(await upload('x.csv', 'title\n"unterminated\n'), 422, 'file');
  assertProblem(await upload('x.csv', 'title\nA,B\n'), 422, 'file');
  assertProblem(await upload('x.csv', Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xff, 0xfe])), 422, 'file');
  assertProblem(await upload('x.txt', 'title\nA\n', 'text/plain'), 422, 'file');
  assertProblem(await upload('x.json', '{"nope": 1}', 'application/json'), 422, 'file');
  assertProblem(await upload('x.csv', 'title\n'), 422, 'file');
  const noFile = rawMultipart([{ name: 'merge_strategy', bytes: 'skip' }]);
  assertProblem(await api.post('/api/v1/batch/import/upload', undefined, { raw: noFile.body, headers: { 'content-type': noFile.contentType } }), 422, 'file');
  const badStrategy = rawMultipart([{ name: 'merge_strategy', bytes: 'yolo' }, { name: 'file', filename: 'a.csv', type: 'text/csv', bytes: 'title\nA\n' }]);
  assertProblem(await api.post('/api/v1/batch/import/upload', undefined, { raw: badStrategy.body, headers: { 'content-type': badStrategy.contentType } }), 422, 'merge_strategy');
  assertProblem(await api.post('/api/v1/batch/import', { technologies: [] }), 422, 'technologies');
  assertProblem(await api.post('/api/v1/batch/import', { technologies: ['x'] }), 422, 'technologies');
  assertProblem(await api.post('/api/v1/batch/import', { technologies: [{ title: 'a' }], merge_strategy: 'yolo' }), 422, 'merge_strategy');
  assertProblem(await api.post('/api/v1/batch/import', { technologies: Array.from({ length: 10001 }, (_, i) => ({ title: `t${i}` })) }), 422, 'technologies');
  assert.equal(count(server, 'jobs'), before);
});

test('batch statistics and batch job lookup', async () => {
  const api = await freshProject();
  const res = await api.post('/api/v1/batch/import', { technologies: [{ title: unique('s') }] });
  await follow(api, res.json.job_id);
  const stats = await api.get('/api/v1/batch/statistics');
  assert.equal(stats.status, 200);
  assert.equal(stats.json.total_batches, 1);
  assert.equal(stats.json.by_type.batch_import, 1);
  assert.equal(stats.json.by_status.completed, 1);
  assert.equal(stats.json.success_rate, 100);
  const job = await api.get(`/api/v1/batch/jobs/${res.json.job_id}`);
  assert.equal(job.json.id, res.json.job_id);
  assertProblem(await api.get('/api/v1/batch/jobs/999999'), 404);
});
