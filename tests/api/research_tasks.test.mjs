// Research tasks: links within the project, the status/progress/completion rules, filters, statistics,
// upcoming and overdue lists, and documents (limits, types, path tricks, nothing left behind).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { setupAdmin, createProject, createTechnology, createRepository, createTask, upload, rawMultipart, assertProblem } from './support/fixtures.mjs';
import { snapshot, count } from './support/database.mjs';

const MAX_UPLOAD = 64 * 1024;

let server;
let admin;
let api;

before(async () => {
  server = await startServer({ args: ['--max-upload-bytes', String(MAX_UPLOAD)] });
  admin = await setupAdmin(server);
  api = admin.api;
});
after(() => server?.dispose());

const days = (n) => new Date(Date.now() + n * 86400000).toISOString();
const uploadsDir = () => join(server.dataDir, 'uploads');
const storedFiles = () => readdirSync(uploadsDir()).filter((name) => name !== 'tmp').sort();
const tempFiles = () => readdirSync(join(uploadsDir(), 'tmp'));

describe('tasks', () => {
  test('create with every field of the original; defaults; links to the same project only', async () => {
    const t = await createTechnology(api);
    const r = await createRepository(api);
    const res = await api.post('/api/v1/research-tasks', {
      title: 'Benchmark the parser', description: 'p99 under load', technology_id: t.id, repository_id: r.id,
      user_notes: 'notes', findings: 'none yet', assigned_to: 'ada', due_date: '2027-01-15T09:00:00Z', estimated_hours: 6,
      metadata_: { sprint: 12 },
    });
    assert.equal(res.status, 201, res.text);
    const task = res.json;
    for (const key of ['id', 'title', 'description', 'status', 'technology_id', 'repository_id', 'user_notes', 'findings', 'assigned_to',
      'due_date', 'estimated_hours', 'uploaded_documents', 'completed_at', 'progress_percentage', 'actual_hours', 'metadata_', 'created_at', 'updated_at']) {
      assert.ok(key in task, key);
    }
    assert.equal(task.status, 'pending');
    assert.equal(task.progress_percentage, 0);
    assert.equal(task.completed_at, null);
    assert.deepEqual(task.uploaded_documents, []);
    assert.equal(task.due_date, '2027-01-15T09:00:00.000000Z');

    const other = await createProject(api);
    const foreignTech = await createTechnology(api.inProject(other.id));
    const foreignRepo = await createRepository(api.inProject(other.id));
    const before = snapshot(server);
    assertProblem(await api.post('/api/v1/research-tasks', { title: 'x', technology_id: foreignTech.id }), 404, 'technology_id');
    assertProblem(await api.post('/api/v1/research-tasks', { title: 'x', repository_id: foreignRepo.id }), 404, 'repository_id');
    assertProblem(await api.patch(`/api/v1/research-tasks/${task.id}`, { technology_id: foreignTech.id }), 404, 'technology_id');
    assert.deepEqual(snapshot(server), before);
    assertProblem(await api.inProject(other.id).get(`/api/v1/research-tasks/${task.id}`), 404);
  });

  test('completing sets completed_at, leaving completed clears it, progress 100 completes', async () => {
    const task = await createTask(api);
    const done = await api.patch(`/api/v1/research-tasks/${task.id}/status?new_status=completed`);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.status, 'completed');
    assert.ok(done.json.completed_at);
    assert.equal(done.json.progress_percentage, 100);
    const reopened = await api.patch(`/api/v1/research-tasks/${task.id}/status?new_status=in_progress`);
    assert.equal(reopened.json.completed_at, null);
    const halfway = await api.patch(`/api/v1/research-tasks/${task.id}/progress?progress_percentage=50`);
    assert.equal(halfway.json.progress_percentage, 50);
    assert.equal(halfway.json.status, 'in_progress');
    const finished = await api.patch(`/api/v1/research-tasks/${task.id}/progress?progress_percentage=100`);
    assert.equal(finished.json.status, 'completed');
    assert.ok(finished.json.completed_at);
    const viaPatch = await createTask(api);
    const patched = await api.patch(`/api/v1/research-tasks/${viaPatch.id}`, { status: 'completed', actual_hours: 3 });
    assert.ok(patched.json.completed_at);
    assertProblem(await api.patch(`/api/v1/research-tasks/${task.id}/status?new_status=done`), 422, 'query.new_status');
    assertProblem(await api.patch(`/api/v1/research-tasks/${task.id}/status`), 422, 'query.new_status');
    assertProblem(await api.patch(`/api/v1/research-tasks/${task.id}/progress?progress_percentage=101`), 422, 'query.progress_percentage');
    assertProblem(await api.patch(`/api/v1/research-tasks/999999/status?new_status=blocked`), 404);
  });

  test('filters combine; pages carry X-Total-Count', async () => {
    const project = await createProject(api);
    const scoped = api.inProject(project.id);
    const t = await createTechnology(scoped);
    const r = await createRepository(scoped);
    await createTask(scoped, { technology_id: t.id, status: 'in_progress', assigned_to: 'ada' });
    await createTask(scoped, { technology_id: t.id, status: 'blocked', assigned_to: 'bob' });
    await createTask(scoped, { technology_id: t.id, repository_id: r.id, status: 'in_progress', assigned_to: 'bob' });
    await createTask(scoped, { repository_id: r.id, status: 'pending' });
    const ids = async (q) => (await scoped.get(`/api/v1/research-tasks${q}`)).json.length;
    assert.equal(await ids(`?technology_id=${t.id}`), 3);
    assert.equal(await ids(`?technology_id=${t.id}&status=in_progress`), 2);
    assert.equal(await ids(`?technology_id=${t.id}&status=in_progress&assigned_to=bob`), 1);
    assert.equal(await ids(`?repository_id=${r.id}&status=pending,blocked`), 1);
    assert.equal(await ids('?status=blocked,in_progress'), 3);
    const page = await scoped.get('/api/v1/research-tasks?limit=2');
    assert.equal(page.json.length, 2);
    assert.equal(page.header('x-total-count'), '4');
  });

  test('statistics, upcoming and overdue follow the original definitions', async () => {
    const project = await createProject(api);
    const scoped = api.inProject(project.id);
    const t = await createTechnology(scoped);
    const overdue1 = await createTask(scoped, { due_date: days(-3), status: 'in_progress' });
    const overdue2 = await createTask(scoped, { due_date: days(-1), status: 'blocked', technology_id: t.id });
    await createTask(scoped, { due_date: days(-2), status: 'completed' }); // done: not overdue
    const soon = await createTask(scoped, { due_date: days(2), status: 'pending', technology_id: t.id });
    await createTask(scoped, { due_date: days(5), status: 'blocked' }); // blocked: not "upcoming"
    await createTask(scoped, { due_date: days(20), status: 'pending' }); // beyond 7 days
    const stats = await scoped.get('/api/v1/research-tasks/statistics/overview');
    assert.equal(stats.status, 200);
    assert.deepEqual(stats.json.by_status, { pending: 2, in_progress: 1, blocked: 2, completed: 1, cancelled: 0 });
    assert.equal(stats.json.total, 6);
    assert.equal(stats.json.overdue_count, 2);
    assert.deepEqual(stats.json.overdue_tasks.map((x) => x.id), [overdue1.id, overdue2.id]);
    assert.equal(stats.json.upcoming_count, 1);
    assert.deepEqual(stats.json.upcoming_tasks.map((x) => x.id), [soon.id]);
    const forTech = await scoped.get(`/api/v1/research-tasks/statistics/overview?technology_id=${t.id}`);
    assert.equal(forTech.json.total, 2);
    assert.equal(forTech.json.overdue_count, 1);
    const upcoming = await scoped.get('/api/v1/research-tasks/upcoming/list?days=30');
    assert.equal(upcoming.json.length, 2);
    assert.equal((await scoped.get('/api/v1/research-tasks/upcoming/list')).json.length, 1);
    const late = await scoped.get('/api/v1/research-tasks/overdue/list?limit=1');
    assert.deepEqual(late.json.map((x) => x.id), [overdue1.id]);
    assertProblem(await scoped.get('/api/v1/research-tasks/upcoming/list?days=91'), 422, 'query.days');
    assertProblem(await scoped.get('/api/v1/research-tasks/overdue/list?limit=501'), 422, 'query.limit');
  });
});

describe('versions', () => {
  test("a task's ETag changes with its documents, and with the link it loses when a technology or repository goes", async () => {
    const tech = await createTechnology(api);
    const repo = await createRepository(api);
    const task = await createTask(api, { technology_id: tech.id, repository_id: repo.id });
    const etag = async () => (await api.get(`/api/v1/research-tasks/${task.id}`)).header('etag');
    const first = await etag();

    const up = await upload(api, task.id, { filename: 'notes.txt', type: 'text/plain', bytes: Buffer.from('notes') });
    assert.equal(up.status, 201, up.text);
    const afterUpload = await etag();
    assert.notEqual(afterUpload, first, 'an upload is a new version of the task');
    assert.equal(up.json.version, task.version + 1, 'the answer is the new version');
    const doc = up.json.uploaded_documents[0];
    assert.equal((await api.delete(`/api/v1/research-tasks/${task.id}/documents/${doc.id}`)).status, 204);
    const afterRemoval = await etag();
    assert.notEqual(afterRemoval, afterUpload);
    // A client holding the old version cannot overwrite the change it has not seen.
    assertProblem(await api.patch(`/api/v1/research-tasks/${task.id}`, { title: 'stale' }, { headers: { 'if-match': first } }), 412);

    const entry = await api.post('/api/v1/knowledge/entries', { title: 'Linked', content: 'x', category: 'notes', technology_id: tech.id });
    assert.equal(entry.status, 201, entry.text);
    assert.equal((await api.delete(`/api/v1/technologies/${tech.id}`)).status, 204);
    let now = await api.get(`/api/v1/research-tasks/${task.id}`);
    assert.equal(now.json.technology_id, null);
    assert.notEqual(now.header('etag'), afterRemoval, 'losing its technology is a new version');
    const after = await api.get(`/api/v1/knowledge/entries/${entry.json.id}`);
    assert.equal(after.json.technology_id, null);
    assert.equal(after.json.version, entry.json.version + 1);
    const beforeRepo = now.header('etag');
    assert.equal((await api.delete(`/api/v1/repositories/${repo.id}`)).status, 204);
    now = await api.get(`/api/v1/research-tasks/${task.id}`);
    assert.equal(now.json.repository_id, null);
    assert.notEqual(now.header('etag'), beforeRepo, 'losing its repository is a new version');
  });
});

describe('documents', () => {
  test('upload, list, download byte for byte, delete (the file goes too)', async () => {
    const task = await createTask(api);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 250, 251, 252]), Buffer.from('\n%%EOF\n')]);
    const before = storedFiles().length;
    const res = await upload(api, task.id, { filename: 'Spec Sheet (v2).pdf', type: 'application/pdf', bytes: pdf });
    assert.equal(res.status, 201, res.text);
    const doc = res.json.uploaded_documents[0];
    assert.equal(doc.filename, 'Spec Sheet (v2).pdf');
    assert.equal(doc.content_type, 'application/pdf');
    assert.equal(doc.size, pdf.length);
    assert.match(doc.stored_filename, /^[0-9a-f]{32}\.pdf$/);
    assert.equal(storedFiles().length, before + 1);
    const list = await api.get(`/api/v1/research-tasks/${task.id}/documents`);
    assert.deepEqual(list.json.documents.map((d) => d.id), [doc.id]);
    const download = await fetch(server.baseUrl + doc.download_url, { headers: { authorization: `Bearer ${admin.tokens.access_token}` } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(download.headers.get('content-disposition'), /^attachment; filename="Spec Sheet \(v2\)\.pdf"/);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), pdf);
    assert.equal((await api.delete(`/api/v1/research-tasks/${task.id}/documents/${doc.id}`)).status, 204);
    assert.equal(storedFiles().length, before);
    assertProblem(await api.get(`/api/v1/research-tasks/${task.id}/documents/${doc.id}`), 404);
  });

  test('text, Markdown, JSON, PNG are accepted; the type is checked against the content', async () => {
    const task = await createTask(api);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);
    assert.equal((await upload(api, task.id, { filename: 'a.md', type: 'text/markdown', bytes: '# Title\n' })).status, 201);
    assert.equal((await upload(api, task.id, { filename: 'a.json', type: 'application/json', bytes: '{"a":1}' })).status, 201);
    assert.equal((await upload(api, task.id, { filename: 'shot.png', type: 'image/png', bytes: png })).status, 201);
    assert.equal((await upload(api, task.id, { filename: 'notes.txt', type: 'application/octet-stream', bytes: 'plain' })).status, 201);
    const before = snapshot(server);
    const files = storedFiles();
    assertProblem(await upload(api, task.id, { filename: 'tool.exe', type: 'application/x-msdownload', bytes: 'MZ\x90\x00' }), 415);
    assertProblem(await upload(api, task.id, { filename: 'fake.pdf', type: 'application/pdf', bytes: '<html>not a pdf</html>' }), 415);
    assertProblem(await upload(api, task.id, { filename: 'bad.txt', type: 'text/plain', bytes: Buffer.from([0xff, 0xfe, 0x00]) }), 415);
    assertProblem(await upload(api, task.id, { filename: 'empty.txt', type: 'text/plain', bytes: '' }), 422, 'file');
    assert.deepEqual(snapshot(server), before);
    assert.deepEqual(storedFiles(), files);
  });

  test('uploads over --max-upload-bytes are 413 and leave nothing behind', async () => {
    const task = await createTask(api);
    const before = snapshot(server);
    const files = storedFiles();
    assertProblem(await upload(api, task.id, { filename: 'big.txt', bytes: 'x'.repeat(MAX_UPLOAD + 1) }), 413);
    // Far past the limit the request is refused before its body is read.
    assertProblem(await upload(api, task.id, { filename: 'huge.txt', bytes: 'x'.repeat(MAX_UPLOAD * 4) }), 413);
    assert.deepEqual(snapshot(server), before);
    assert.deepEqual(storedFiles(), files);
    assert.deepEqual(tempFiles(), []);
  });

  test('path tricks in file names never leave the upload directory', async () => {
    const task = await createTask(api);
    for (const name of ['../../../etc/passwd.txt', '/etc/shadow.txt', '..\\..\\boot.ini.txt', 'a\u0000b.txt', '....//x.txt', '"quoted";.txt']) {
      const { body, contentType } = rawMultipart([{ name: 'file', filename: name, type: 'text/plain', bytes: 'data' }]);
      const res = await api.post(`/api/v1/research-tasks/${task.id}/documents`, undefined, { raw: body, headers: { 'content-type': contentType } });
      assert.equal(res.status, 201, `${JSON.stringify(name)}: ${res.text}`);
      const doc = res.json.uploaded_documents.at(-1);
      assert.ok(!doc.filename.includes('/') && !doc.filename.includes('\\') && !doc.filename.includes('\u0000'), doc.filename);
      assert.ok(!doc.filename.startsWith('.'), doc.filename);
      assert.match(doc.stored_filename, /^[0-9a-f]{32}\.txt$/);
    }
    assert.ok(storedFiles().every((name) => /^[0-9a-f]{32}\.[a-z0-9]+$/.test(name)));
    // Ids in the path are integers; anything else is refused before a file name is even considered.
    assertProblem(await api.get(`/api/v1/research-tasks/${task.id}/documents/..%2F..%2Fetc%2Fpasswd`), 422, 'path.document_id');
  });

  test('malformed multipart is 400; a body without a file field is 422; JSON is 415', async () => {
    const task = await createTask(api);
    const post = (raw, type) => api.post(`/api/v1/research-tasks/${task.id}/documents`, undefined, { raw, headers: { 'content-type': type } });
    assertProblem(await post('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end', 'multipart/form-data; boundary=x'), 400);
    assertProblem(await post('whatever', 'multipart/form-data'), 400);
    assertProblem(await post('{"file": "x"}', 'application/json'), 415);
    const { body, contentType } = rawMultipart([{ name: 'other', bytes: 'value' }]);
    assertProblem(await post(body, contentType), 422, 'file');
  });

  test('an upload cut off half way writes nothing', async () => {
    const task = await createTask(api);
    const files = storedFiles();
    const { body, contentType } = rawMultipart([{ name: 'file', filename: 'cut.txt', type: 'text/plain', bytes: 'x'.repeat(20000) }]);
    await new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`POST /api/v1/research-tasks/${task.id}/documents HTTP/1.1\r\nHost: x\r\n` +
          `Authorization: Bearer ${admin.tokens.access_token}\r\nContent-Type: ${contentType}\r\n` +
          `Content-Length: ${body.length}\r\n\r\n`);
        socket.write(body.subarray(0, body.length / 2));
        socket.end(); // the client goes away with half the body sent
      });
      socket.resume(); // read (and drop) whatever the server answers, so that its close is seen
      socket.on('close', resolve);
      socket.on('error', resolve);
    });
    // The server is still fine, and nothing of the cut upload exists.
    assert.equal((await api.get(`/api/v1/research-tasks/${task.id}/documents`)).json.documents.length, 0);
    assert.deepEqual(storedFiles(), files);
    assert.deepEqual(tempFiles(), []);
  });

  test('uploading to a missing or foreign task writes nothing', async () => {
    const other = await createProject(api);
    const foreign = await createTask(api.inProject(other.id));
    const files = storedFiles();
    assertProblem(await upload(api, foreign.id, {}), 404);
    assertProblem(await upload(api, 999999, {}), 404);
    assert.deepEqual(storedFiles(), files);
  });

  test('files no document refers to are swept at start once they are an hour old; younger ones and documents stay', async () => {
    const task = await createTask(api);
    const kept = await upload(api, task.id, { filename: 'kept.txt', type: 'text/plain', bytes: Buffer.from('kept') });
    assert.equal(kept.status, 201, kept.text);
    const keptName = kept.json.uploaded_documents[0].stored_filename;
    // What a crash between writing a file and committing its row leaves behind.
    const orphan = 'ab'.repeat(16) + '.pdf';
    const fresh = 'cd'.repeat(16) + '.pdf';
    writeFileSync(join(uploadsDir(), orphan), '%PDF-1.7 orphan');
    writeFileSync(join(uploadsDir(), fresh), '%PDF-1.7 maybe still on its way to its row');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(join(uploadsDir(), orphan), twoHoursAgo, twoHoursAgo);
    utimesSync(join(uploadsDir(), keptName), twoHoursAgo, twoHoursAgo);
    await server.restart();
    const files = storedFiles();
    assert.ok(!files.includes(orphan), 'the old orphan is gone');
    assert.ok(files.includes(fresh), 'a young file is left alone');
    assert.ok(files.includes(keptName), 'a document file stays');
    assert.ok(server.logs.some((l) => l.event === 'storage.removed_orphan_file' && l.file === orphan));
    const doc = kept.json.uploaded_documents[0];
    const download = await fetch(server.baseUrl + doc.download_url, { headers: { authorization: `Bearer ${admin.tokens.access_token}` } });
    assert.equal(await download.text(), 'kept');
  });

  test("deleting a task or its project removes the task's files", async () => {
    const task = await createTask(api);
    await upload(api, task.id, { filename: 'one.txt', bytes: 'one' });
    await upload(api, task.id, { filename: 'two.txt', bytes: 'two' });
    const withTask = storedFiles().length;
    assert.equal((await api.delete(`/api/v1/research-tasks/${task.id}`)).status, 204);
    assert.equal(storedFiles().length, withTask - 2);
    const project = await createProject(api);
    const scoped = api.inProject(project.id);
    const t2 = await createTask(scoped);
    await upload(scoped, t2.id, { filename: 'three.txt', bytes: 'three' });
    const withProject = storedFiles().length;
    assert.equal((await api.delete(`/api/v1/projects/${project.id}`)).status, 204);
    assert.equal(storedFiles().length, withProject - 1);
    assert.equal(count(server, 'research_task_documents', `project_id = ${project.id}`), 0);
  });
});
