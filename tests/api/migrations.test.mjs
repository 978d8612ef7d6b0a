// A failing migration keeps `serve` from starting, through the real binary: the process exits non-zero with a
// message naming the migration and the cause, never listens, and leaves the schema as it was — also when the
// migration failed halfway through. To make a migration fail honestly, the bookkeeping (schema_migrations) is
// told that it has not run while its objects are still there, so applying it again collides with them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer, onPostgres } from './support/server.mjs';
import { request } from './support/client.mjs';
import { sql } from './support/database.mjs';

const servers = [];
after(async () => {
  for (const server of servers) await server.dispose();
});

// Every schema object with its definition, and the bookkeeping: equal values mean the schema did not change.
function schema(server) {
  const objects = onPostgres()
    ? [
      ...sql(server, "SELECT c.relkind::text || ' ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1"),
      ...sql(server, "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1"),
      ...sql(server, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"),
      ...sql(server, "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1"),
    ]
    : sql(server, "SELECT type || ' ' || name || ' ' || replace(COALESCE(sql, ''), char(10), ' ') FROM sqlite_master ORDER BY type, name");
  const migrations = sql(server, 'SELECT version, name FROM schema_migrations ORDER BY version');
  return { objects: objects.map((row) => row.join('\t')), migrations };
}

// Migrates a fresh database with the CLI, and returns its server (not started).
function migrated() {
  const server = new TestServer();
  servers.push(server);
  const res = server.cli(['migrate']);
  assert.equal(res.status, 0, res.stderr);
  return server;
}

const bookkeeping = (server, where) => sql(server, `SELECT version, name, checksum, applied_at FROM schema_migrations WHERE ${where} ORDER BY version`);
const restore = (server, rows) => {
  for (const [version, name, checksum, appliedAt] of rows) {
    sql(server, `INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (${version}, '${name}', '${checksum}', '${appliedAt}')`);
  }
};

// Starts serve and expects it to fail before listening; returns the exit and what it printed.
async function failedStart(server) {
  await assert.rejects(server.start(), /before listening/, 'serve must not start');
  const exit = await server.exited;
  return { exit, stderr: server.stderr.join(''), logs: server.logs };
}

test('serve refuses to start when the newest migration fails, and leaves the schema as it was', async () => {
  const server = migrated();
  const [newest] = bookkeeping(server, 'version = (SELECT MAX(version) FROM schema_migrations)');
  const [version, name] = newest;
  sql(server, `DELETE FROM schema_migrations WHERE version = ${version}`);
  const before = schema(server);

  const { exit, stderr, logs } = await failedStart(server);
  assert.deepEqual(exit, { code: 1, signal: null });
  assert.match(stderr, new RegExp(`^error: migration ${name} failed: .*already exists`, 'm'), stderr);
  assert.ok(logs.some((entry) => entry.event === 'fatal' && entry.error.includes(`migration ${name} failed`)), 'the failure is logged');
  assert.equal(logs.filter((entry) => entry.event === 'server.listening').length, 0);
  assert.equal(logs.filter((entry) => entry.event === 'migration.applied').length, 0);
  assert.deepEqual(schema(server), before, 'the failed migration changed nothing');

  // The migrate command fails the same way and reports the migration as still pending.
  const migrate = server.cli(['migrate']);
  assert.equal(migrate.status, 1);
  assert.match(migrate.stderr, new RegExp(`migration ${name} failed`));
  const status = server.cli(['migrate', '--status']);
  assert.equal(status.status, 1);
  assert.match(status.stdout, /1 pending/);
  assert.deepEqual(schema(server), before);

  // Put the bookkeeping back and the same database serves again: the refusal was about that migration alone.
  restore(server, [newest]);
  await server.start();
  assert.equal((await request(server, 'GET', '/health/ready')).status, 200);
});

test('a migration that fails halfway leaves nothing of itself behind', async () => {
  // 0003_jobs creates the jobs table (and its indexes) first and the schedules table after it. With jobs dropped
  // and 0003 and later marked as not applied, applying 0003 again creates jobs, then collides with schedules.
  const server = migrated();
  const removed = bookkeeping(server, 'version >= 3');
  assert.equal(removed[0][1], '0003_jobs');
  sql(server, 'DELETE FROM schema_migrations WHERE version >= 3');
  sql(server, onPostgres() ? 'DROP TABLE jobs CASCADE' : 'DROP TABLE jobs');
  const before = schema(server);
  assert.ok(!before.objects.some((o) => /^(table|r) jobs\b/.test(o)), 'the jobs table is gone before the start');

  const { exit, stderr } = await failedStart(server);
  assert.deepEqual(exit, { code: 1, signal: null });
  assert.match(stderr, /^error: migration 0003_jobs failed: .*schedules.*already exists/m, stderr);
  const afterwards = schema(server);
  assert.ok(!afterwards.objects.some((o) => /^(table|r) jobs\b/.test(o)), 'the jobs table created before the failure was rolled back');
  assert.deepEqual(afterwards, before, 'the half-applied migration left nothing behind');
  assert.equal(server.logEvents('migration.applied').length, 0, 'no later migration ran either');
});
