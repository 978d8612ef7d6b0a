// Reads the server's database directly, for assertions the API cannot make (cascades, "nothing was written").
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Runs one SQL query and returns rows as arrays of strings.
export function sql(server, query) {
  let out;
  if (server.database) {
    out = execFileSync('psql', [server.database.url, '-qAtF', '\t', '-c', query], { stdio: 'pipe' }).toString();
  } else {
    out = execFileSync('sqlite3', ['-separator', '\t', join(server.dataDir, 'commandcenter.db'), query], { stdio: 'pipe' }).toString();
  }
  return out.split('\n').filter((line) => line.length > 0).map((line) => line.split('\t'));
}

export function count(server, table, where = '1=1') {
  return Number(sql(server, `SELECT COUNT(*) FROM ${table} WHERE ${where}`)[0][0]);
}

// Row counts of every table a request could change, plus version sums and the membership list, read in one
// query: equal snapshots mean nothing was written.
export function snapshot(server) {
  const tables = ['users', 'projects', 'project_members', 'api_keys', 'auth_sessions', 'technologies',
    'technology_tags', 'technology_history', 'audit_log', 'idempotency_keys', 'repositories', 'technology_repositories',
    'research_tasks', 'research_task_documents', 'knowledge_entries'];
  const parts = tables.map((t) => `(SELECT COUNT(*) FROM ${t})`);
  parts.push('(SELECT COALESCE(SUM(version), 0) FROM technologies)');
  parts.push('(SELECT COALESCE(SUM(version), 0) FROM projects)');
  parts.push('(SELECT COALESCE(SUM(version), 0) FROM repositories)');
  parts.push('(SELECT COALESCE(SUM(version), 0) FROM research_tasks)');
  parts.push('(SELECT COALESCE(SUM(version), 0) FROM knowledge_entries)');
  parts.push("(SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NOT NULL)");
  const rank = "CASE role WHEN 'owner' THEN 4 WHEN 'admin' THEN 3 WHEN 'member' THEN 2 ELSE 1 END";
  parts.push(`(SELECT COALESCE(SUM((project_id * 100003 + user_id * 7919) * ${rank}), 0) FROM project_members)`);
  const values = sql(server, `SELECT ${parts.join(', ')}`)[0];
  const names = [...tables, 'technology_versions', 'project_versions', 'repository_versions', 'task_versions',
    'knowledge_versions', 'revoked_keys', 'membership_signature'];
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}

// Sign-in state that snapshot() leaves out: sessions (and how many were ended) and refresh tokens (and how many
// were exchanged). Equal values mean no one was signed in, out, or refreshed.
export function sessionState(server) {
  const [row] = sql(server, 'SELECT (SELECT COUNT(*) FROM auth_sessions), '
    + '(SELECT COUNT(*) FROM auth_sessions WHERE revoked_at IS NOT NULL), (SELECT COUNT(*) FROM refresh_tokens), '
    + '(SELECT COUNT(*) FROM refresh_tokens WHERE rotated_at IS NOT NULL)');
  const [sessions, endedSessions, refreshTokens, exchangedRefreshTokens] = row.map(Number);
  return { sessions, endedSessions, refreshTokens, exchangedRefreshTokens };
}
