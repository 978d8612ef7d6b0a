// Repository access tokens at rest: never in a response, a log line or the database (its files on SQLite, a full
// dump on PostgreSQL); sealed with CC_ENCRYPTION_KEY, or else with a key generated once in the data directory
// (mode 0600) and reused. The proof that a token decrypts is a sync against a local fake of GitHub that only
// answers the right token; another key makes sync a 409 until the token is entered again, and a malformed key
// stops the server from starting.
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TestServer } from './support/server.mjs';
import { FakeGitHub } from './support/fake_github.mjs';
import { client } from './support/client.mjs';
import { setupAdmin, assertProblem, unique } from './support/fixtures.mjs';
import { sql, snapshot } from './support/database.mjs';

const TOKEN = 'ghp_' + 'Zy9Xw8Vu7T'.repeat(3) + 'secret';
const NEW_TOKEN = 'ghp_' + 'Qr5Ps4On3M'.repeat(3) + 'second';
const KEY_ERROR = 'the encryption key must be 32 bytes, base64url-encoded (CC_ENCRYPTION_KEY)';

const newKey = () => randomBytes(32).toString('base64url');

const servers = [];
let github;

after(async () => {
  for (const server of servers) await server.dispose();
  await github?.stop();
});

async function fakeGitHub() {
  github ??= await new FakeGitHub().start();
  return github;
}

// A server with the fake GitHub and, when `key` is not undefined, CC_ENCRYPTION_KEY = key (undefined unsets it,
// whatever the environment of the test run holds).
async function serverWith(key) {
  const server = new TestServer({ env: { CC_GITHUB_API_URL: (await fakeGitHub()).url, CC_ENCRYPTION_KEY: key } });
  servers.push(server);
  await server.start();
  return server;
}

// A repository that the fake GitHub shows only to `token`.
async function privateRepository(api, token = TOKEN) {
  const owner = unique('vault');
  github.set(owner, 'app', { requireToken: token, sha: 'd'.repeat(40), isPrivate: true });
  const res = await api.post('/api/v1/repositories', { owner, name: 'app', access_token: token, is_private: true });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.has_access_token, true);
  return res.json;
}

// Syncs and asserts that GitHub was called with `token` (which only the decrypted value can be).
async function syncSucceeds(api, repository, token = TOKEN) {
  const seen = github.requests.length;
  const res = await api.post(`/api/v1/repositories/${repository.id}/sync`, { force: true });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.last_commit_sha, 'd'.repeat(40));
  const calls = github.requests.slice(seen);
  assert.ok(calls.length >= 2, 'the repository and its latest commit were fetched');
  assert.ok(calls.every((call) => call.authorization === `Bearer ${token}`), JSON.stringify(calls));
  return res;
}

// Everything the server has written: on SQLite every file of the data directory (database, WAL, secrets) and a
// dump of the rows; on PostgreSQL a dump of the whole database.
function storedBytes(server) {
  if (server.database) return execFileSync('pg_dump', [server.database.url], { stdio: 'pipe', maxBuffer: 1 << 28 }).toString('latin1');
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(readFileSync(path).toString('latin1'));
    }
  };
  walk(server.dataDir);
  files.push(execFileSync('sqlite3', [join(server.dataDir, 'commandcenter.db'), '.dump'], { stdio: 'pipe', maxBuffer: 1 << 28 }).toString('latin1'));
  return files.join('\n');
}

function assertNotLogged(server, secret) {
  assert.ok(!JSON.stringify(server.logs).includes(secret), 'the server log does not hold the secret');
  assert.ok(!server.stderr.join('').includes(secret), 'stderr does not hold the secret');
}

describe('with CC_ENCRYPTION_KEY', () => {
  test('the token never leaves the server in a response, a log line or the stored data', async () => {
    const server = await serverWith(newKey());
    const admin = await setupAdmin(server);
    const api = admin.api;
    const repository = await privateRepository(api);
    const responses = [
      await api.get(`/api/v1/repositories/${repository.id}`),
      await api.get('/api/v1/repositories'),
      await api.get(`/api/v1/repositories?search=${repository.owner}`),
      await api.patch(`/api/v1/repositories/${repository.id}`, { description: 'described' }),
      await syncSucceeds(api, repository),
      await api.get(`/api/v1/audit?entity=repository&entity_id=${repository.id}`),
      await api.get('/api/v1/dashboard/recent-activity'),
    ];
    for (const res of responses) {
      assert.equal(res.status, 200, res.text);
      assert.ok(!res.text.includes(TOKEN) && !res.text.includes(TOKEN.slice(4, 24)), `the token leaked: ${res.text}`);
    }
    assert.equal(responses[0].json.has_access_token, true);
    assert.equal(responses[0].json.access_token, undefined);
    assert.equal(responses[0].json.access_token_encrypted, undefined);

    const [sealed] = sql(server, `SELECT access_token_encrypted FROM repositories WHERE id = ${repository.id}`)[0];
    // base64url(24-byte nonce || 16-byte tag || ciphertext as long as the token)
    assert.match(sealed, /^[A-Za-z0-9_-]+$/);
    assert.equal(Buffer.from(sealed, 'base64url').length, 24 + 16 + TOKEN.length);
    const stored = storedBytes(server);
    assert.ok(stored.includes(sealed), 'the dump reads the column the token is sealed in');
    assert.ok(!stored.includes(TOKEN), 'the plaintext token is nowhere in the stored data');
    assert.ok(!stored.includes(TOKEN.slice(4, 24)));
    assertNotLogged(server, TOKEN.slice(4, 24));
  });

  test('the same key after a restart decrypts the token; another key makes sync a 409 until it is entered again', async () => {
    const key = newKey();
    const server = await serverWith(key);
    const admin = await setupAdmin(server);
    const api = admin.api;
    const repository = await privateRepository(api);
    await syncSucceeds(api, repository);

    await server.restart();
    const [sealedBefore] = sql(server, `SELECT access_token_encrypted FROM repositories WHERE id = ${repository.id}`)[0];
    await syncSucceeds(api, repository);

    server.extraEnv.CC_ENCRYPTION_KEY = newKey();
    await server.restart();
    const read = await api.get(`/api/v1/repositories/${repository.id}`);
    assert.equal(read.status, 200, 'everything else still works under another key');
    assert.equal(read.json.has_access_token, true);
    const before = snapshot(server);
    const seen = github.requests.length;
    const refused = await api.post(`/api/v1/repositories/${repository.id}/sync`, { force: true });
    assertProblem(refused, 409);
    assert.match(refused.json.detail, /cannot be decrypted/);
    assert.ok(!refused.text.includes(TOKEN));
    assert.equal(github.requests.length, seen, 'nothing was sent to GitHub, with or without a token');
    assert.deepEqual(snapshot(server), before);
    assert.deepEqual((await api.get(`/api/v1/repositories/${repository.id}`)).json, read.json);
    assert.deepEqual(sql(server, `SELECT access_token_encrypted FROM repositories WHERE id = ${repository.id}`)[0], [sealedBefore]);

    // Entering the token again seals it under the new key.
    github.set(repository.owner, repository.name, { requireToken: NEW_TOKEN, sha: 'd'.repeat(40), isPrivate: true });
    const replaced = await api.patch(`/api/v1/repositories/${repository.id}`, { access_token: NEW_TOKEN });
    assert.equal(replaced.status, 200, replaced.text);
    assert.ok(!replaced.text.includes(NEW_TOKEN));
    await syncSucceeds(api, repository, NEW_TOKEN);
    assert.ok(!storedBytes(server).includes(NEW_TOKEN));

    // And the first key no longer opens it.
    server.extraEnv.CC_ENCRYPTION_KEY = key;
    await server.restart();
    assertProblem(await api.post(`/api/v1/repositories/${repository.id}/sync`, {}), 409);
  });

  test('a malformed key stops the server before it listens, with a message that names the variable', async () => {
    const bytes = randomBytes(32);
    const malformed = {
      'not base64url': 'this is not a key!',
      'standard base64 with padding (openssl rand -base64 32)': bytes.toString('base64'),
      'hex (openssl rand -hex 32)': bytes.toString('hex'),
      '31 bytes': randomBytes(31).toString('base64url'),
      '33 bytes': randomBytes(33).toString('base64url'),
    };
    assert.ok(malformed['standard base64 with padding (openssl rand -base64 32)'].endsWith('='));
    for (const [name, key] of Object.entries(malformed)) {
      const server = new TestServer({ env: { CC_ENCRYPTION_KEY: key } });
      servers.push(server);
      await assert.rejects(server.start(), /exited \(1\) before listening/, name);
      const exit = await server.exited;
      assert.equal(exit.code, 1, name);
      const stderr = server.stderr.join('');
      assert.ok(stderr.includes(KEY_ERROR), `${name}: ${stderr}`);
      assert.ok(!stderr.includes(key) && !JSON.stringify(server.logs).includes(key), `${name}: the key is not echoed`);
      assert.ok(server.logs.some((entry) => entry.event === 'fatal' && entry.error === KEY_ERROR), `${name}: logged as fatal`);
      assert.equal(server.logEvents('server.listening').length, 0);
    }
  });
});

describe('without CC_ENCRYPTION_KEY', () => {
  test('a key file is generated with mode 0600, reused across restarts, and losing it makes sync a 409', async () => {
    const server = await serverWith(undefined);
    const keyFile = join(server.dataDir, 'secrets', 'encryption_key');
    const stat = statSync(keyFile);
    assert.equal(stat.mode & 0o777, 0o600);
    assert.equal(statSync(join(server.dataDir, 'secrets')).mode & 0o777, 0o700);
    const content = readFileSync(keyFile, 'utf8');
    assert.match(content, /^[A-Za-z0-9_-]{43}\n$/, '32 bytes, base64url');
    assertNotLogged(server, content.trim());

    const admin = await setupAdmin(server);
    const repository = await privateRepository(admin.api);
    await syncSucceeds(admin.api, repository);

    await server.restart();
    assert.equal(readFileSync(keyFile, 'utf8'), content, 'the key is reused, not regenerated');
    assert.equal(statSync(keyFile).ino, stat.ino);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    await syncSucceeds(admin.api, repository);

    await server.stop();
    rmSync(keyFile);
    await server.start();
    const regenerated = readFileSync(keyFile, 'utf8');
    assert.notEqual(regenerated, content);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const api = client(server, admin.api.token, admin.project.id);
    const refused = await api.post(`/api/v1/repositories/${repository.id}/sync`, {});
    assertProblem(refused, 409);
    assert.match(refused.json.detail, /cannot be decrypted/);
  });
});
