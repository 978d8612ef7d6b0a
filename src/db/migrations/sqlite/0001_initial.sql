-- Users, authentication, projects and membership, technologies with their history, audit log, idempotency keys.
-- Timestamps are RFC 3339 text in UTC with six fraction digits (text order = time order).

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,               -- stored lower-case
  hashed_password TEXT,                     -- NULL while an invitation is pending
  full_name TEXT,
  is_active INTEGER NOT NULL DEFAULT 1,
  is_superuser INTEGER NOT NULL DEFAULT 0,
  default_project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  invite_token_hash TEXT UNIQUE,
  invite_expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login TEXT
);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,     -- AUTOINCREMENT: ids of deleted projects are never reused
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  description TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT uq_project_owner_name UNIQUE (owner, name)
);

CREATE TABLE project_members (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX ix_project_members_user ON project_members (user_id, project_id);

-- One row per sign-in; refresh tokens of one session form a rotation family.
CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,              -- SHA-256 of the opaque token
  session_id TEXT NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  rotated_at TEXT                           -- set when exchanged; presenting it again revokes the session
);
CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL UNIQUE,              -- public lookup part of the key
  key_hash TEXT NOT NULL,                   -- SHA-256 of the secret part
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX ix_api_keys_user ON api_keys (user_id);
CREATE INDEX ix_api_keys_project ON api_keys (project_id);

CREATE TABLE technologies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  vendor TEXT,
  domain TEXT NOT NULL DEFAULT 'other',
  status TEXT NOT NULL DEFAULT 'discovery',
  relevance_score INTEGER NOT NULL DEFAULT 50,
  priority INTEGER NOT NULL DEFAULT 3,
  description TEXT,
  notes TEXT,
  use_cases TEXT,
  documentation_url TEXT,
  repository_url TEXT,
  website_url TEXT,
  tags TEXT,
  latency_ms REAL,
  throughput_qps INTEGER,
  integration_difficulty TEXT,
  integration_time_estimate_days INTEGER,
  maturity_level TEXT,
  stability_score INTEGER,
  cost_tier TEXT,
  cost_monthly_usd REAL,
  dependencies TEXT,                        -- JSON object {"<technology id>": "<relationship>"}
  alternatives TEXT,
  last_hn_mention TEXT,
  hn_score_avg INTEGER,
  github_stars INTEGER,
  github_last_commit TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_technologies_project_title ON technologies (project_id, lower(title));
CREATE INDEX ix_technologies_domain_status ON technologies (project_id, domain, status);
CREATE INDEX ix_technologies_status ON technologies (project_id, status);
-- Filter by one domain or status and page in the default order (newest change first) without sorting.
CREATE INDEX ix_technologies_domain_updated ON technologies (project_id, domain, updated_at);
CREATE INDEX ix_technologies_status_updated ON technologies (project_id, status, updated_at);
CREATE INDEX ix_technologies_priority ON technologies (project_id, priority, relevance_score);
CREATE INDEX ix_technologies_relevance ON technologies (project_id, relevance_score);
CREATE INDEX ix_technologies_updated ON technologies (project_id, updated_at);
CREATE INDEX ix_technologies_created ON technologies (project_id, created_at);

-- Tags split out of technologies.tags so that filtering by one tag uses an index.
CREATE TABLE technology_tags (
  technology_id INTEGER NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,                        -- lower-case
  PRIMARY KEY (technology_id, tag)
);
CREATE INDEX ix_technology_tags_tag ON technology_tags (project_id, tag);

-- Substring search over title, description and tags (trigram index; case-insensitive).
CREATE VIRTUAL TABLE technologies_fts USING fts5(
  title, description, tags, content='technologies', content_rowid='id', tokenize='trigram');
CREATE TRIGGER technologies_fts_insert AFTER INSERT ON technologies BEGIN
  INSERT INTO technologies_fts (rowid, title, description, tags) VALUES (new.id, new.title, new.description, new.tags);
END;
CREATE TRIGGER technologies_fts_delete AFTER DELETE ON technologies BEGIN
  INSERT INTO technologies_fts (technologies_fts, rowid, title, description, tags)
  VALUES ('delete', old.id, old.title, old.description, old.tags);
END;
CREATE TRIGGER technologies_fts_update AFTER UPDATE OF title, description, tags ON technologies BEGIN
  INSERT INTO technologies_fts (technologies_fts, rowid, title, description, tags)
  VALUES ('delete', old.id, old.title, old.description, old.tags);
  INSERT INTO technologies_fts (rowid, title, description, tags) VALUES (new.id, new.title, new.description, new.tags);
END;

CREATE TABLE technology_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  technology_id INTEGER NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
  field TEXT NOT NULL CHECK (field IN ('status', 'domain')),
  from_value TEXT,                          -- NULL for the entry written when the technology was created
  to_value TEXT NOT NULL,
  reason TEXT,
  changed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX ix_technology_history_technology ON technology_history (technology_id, changed_at);
CREATE INDEX ix_technology_history_project ON technology_history (project_id, changed_at);

-- Kept when a project is deleted (no foreign key): the record of the deletion must survive it.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER,
  actor_user_id INTEGER,
  actor_api_key_id INTEGER,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_audit_project ON audit_log (project_id, id);
CREATE INDEX ix_audit_project_entity ON audit_log (project_id, entity, id);
CREATE INDEX ix_audit_project_actor ON audit_log (project_id, actor_user_id, id);
CREATE INDEX ix_audit_project_time ON audit_log (project_id, created_at);

CREATE TABLE idempotency_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,                      -- "<method> <route>" plus project
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  resource_id TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CONSTRAINT uq_idempotency UNIQUE (user_id, scope, idempotency_key)
);
CREATE INDEX ix_idempotency_expires ON idempotency_keys (expires_at);
