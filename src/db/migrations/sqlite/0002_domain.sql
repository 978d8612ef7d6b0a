-- Repositories and their links to technologies, research tasks with documents, knowledge entries.

CREATE TABLE repositories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  full_name TEXT NOT NULL,
  github_id INTEGER,
  description TEXT,
  url TEXT,
  clone_url TEXT,
  default_branch TEXT NOT NULL DEFAULT 'main',
  access_token_encrypted TEXT,              -- secretbox ciphertext; never returned
  is_private INTEGER NOT NULL DEFAULT 0,
  last_commit_sha TEXT,
  last_commit_message TEXT,
  last_commit_author TEXT,
  last_commit_date TEXT,
  last_synced_at TEXT,
  stars INTEGER NOT NULL DEFAULT 0,
  forks INTEGER NOT NULL DEFAULT 0,
  language TEXT,
  metadata TEXT,                            -- JSON object
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_repositories_project_full_name ON repositories (project_id, lower(full_name));
CREATE INDEX ix_repositories_owner ON repositories (project_id, lower(owner), updated_at);
CREATE INDEX ix_repositories_language ON repositories (project_id, lower(language), updated_at);
CREATE INDEX ix_repositories_updated ON repositories (project_id, updated_at);
CREATE INDEX ix_repositories_synced ON repositories (project_id, last_synced_at);

CREATE VIRTUAL TABLE repositories_fts USING fts5(
  full_name, description, content='repositories', content_rowid='id', tokenize='trigram');
CREATE TRIGGER repositories_fts_insert AFTER INSERT ON repositories BEGIN
  INSERT INTO repositories_fts (rowid, full_name, description) VALUES (new.id, new.full_name, new.description);
END;
CREATE TRIGGER repositories_fts_delete AFTER DELETE ON repositories BEGIN
  INSERT INTO repositories_fts (repositories_fts, rowid, full_name, description)
  VALUES ('delete', old.id, old.full_name, old.description);
END;
CREATE TRIGGER repositories_fts_update AFTER UPDATE OF full_name, description ON repositories BEGIN
  INSERT INTO repositories_fts (repositories_fts, rowid, full_name, description)
  VALUES ('delete', old.id, old.full_name, old.description);
  INSERT INTO repositories_fts (rowid, full_name, description) VALUES (new.id, new.full_name, new.description);
END;

-- Which repositories use which technologies, and how we know: 'manual' (a person linked them) or 'detected'
-- (repository analysis found it).
CREATE TABLE technology_repositories (
  technology_id INTEGER NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'detected')),
  confidence REAL,
  notes TEXT,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (technology_id, repository_id)
);
CREATE INDEX ix_technology_repositories_repository ON technology_repositories (repository_id, technology_id);
CREATE INDEX ix_technology_repositories_project ON technology_repositories (project_id);

CREATE TABLE research_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  technology_id INTEGER REFERENCES technologies(id) ON DELETE SET NULL,
  repository_id INTEGER REFERENCES repositories(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'in_progress', 'blocked', 'completed', 'cancelled')),
  user_notes TEXT,
  findings TEXT,
  assigned_to TEXT,
  due_date TEXT,
  completed_at TEXT,
  progress_percentage INTEGER NOT NULL DEFAULT 0,
  estimated_hours INTEGER,
  actual_hours INTEGER,
  metadata TEXT,                            -- JSON object
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_research_tasks_status ON research_tasks (project_id, status, updated_at);
CREATE INDEX ix_research_tasks_due ON research_tasks (project_id, due_date);
-- Overdue and upcoming counts (a status set and a due-date range) without reading the table.
CREATE INDEX ix_research_tasks_status_due ON research_tasks (project_id, status, due_date);
CREATE INDEX ix_research_tasks_technology ON research_tasks (project_id, technology_id, updated_at);
CREATE INDEX ix_research_tasks_repository ON research_tasks (project_id, repository_id, updated_at);
CREATE INDEX ix_research_tasks_assignee ON research_tasks (project_id, assigned_to, updated_at);
CREATE INDEX ix_research_tasks_updated ON research_tasks (project_id, updated_at);

-- Files attached to a research task; the bytes live in <data-dir>/uploads under stored_name.
CREATE TABLE research_task_documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL REFERENCES research_tasks(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,                   -- as uploaded, sanitised
  stored_name TEXT NOT NULL UNIQUE,         -- generated
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX ix_research_task_documents_task ON research_task_documents (task_id, id);
CREATE INDEX ix_research_task_documents_project ON research_task_documents (project_id);

-- Knowledge entries; the knowledge-base issue adds chunks (entry_id → knowledge_entries.id) and search.
CREATE TABLE knowledge_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  technology_id INTEGER REFERENCES technologies(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  category TEXT NOT NULL,
  source_file TEXT,
  source_url TEXT,
  source_type TEXT,
  page_number INTEGER,
  confidence_score REAL,
  relevance_score REAL,
  metadata TEXT,                            -- JSON object
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_knowledge_entries_category ON knowledge_entries (project_id, category, updated_at);
CREATE INDEX ix_knowledge_entries_technology ON knowledge_entries (project_id, technology_id, updated_at);
CREATE INDEX ix_knowledge_entries_updated ON knowledge_entries (project_id, updated_at);
CREATE VIRTUAL TABLE knowledge_entries_fts USING fts5(
  title, content, category, content='knowledge_entries', content_rowid='id', tokenize='trigram');
CREATE TRIGGER knowledge_entries_fts_insert AFTER INSERT ON knowledge_entries BEGIN
  INSERT INTO knowledge_entries_fts (rowid, title, content, category) VALUES (new.id, new.title, new.content, new.category);
END;
CREATE TRIGGER knowledge_entries_fts_delete AFTER DELETE ON knowledge_entries BEGIN
  INSERT INTO knowledge_entries_fts (knowledge_entries_fts, rowid, title, content, category)
  VALUES ('delete', old.id, old.title, old.content, old.category);
END;
CREATE TRIGGER knowledge_entries_fts_update AFTER UPDATE OF title, content, category ON knowledge_entries BEGIN
  INSERT INTO knowledge_entries_fts (knowledge_entries_fts, rowid, title, content, category)
  VALUES ('delete', old.id, old.title, old.content, old.category);
  INSERT INTO knowledge_entries_fts (rowid, title, content, category) VALUES (new.id, new.title, new.content, new.category);
END;

-- Running counts for the dashboard, kept by triggers in the same transaction as every change: reading 42 rows
-- instead of grouping every technology and task of a project. (Updates that leave domain and status alone do
-- not touch them.)
CREATE TABLE technology_counts (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  status TEXT NOT NULL,
  shard INTEGER NOT NULL DEFAULT 0,         -- always 0 here; PostgreSQL spreads concurrent writers over shards
  n INTEGER NOT NULL,
  PRIMARY KEY (project_id, domain, status, shard)
);
INSERT INTO technology_counts (project_id, domain, status, n)
  SELECT project_id, domain, status, COUNT(*) FROM technologies GROUP BY project_id, domain, status;
CREATE TRIGGER technology_counts_insert AFTER INSERT ON technologies BEGIN
  INSERT INTO technology_counts (project_id, domain, status, n) VALUES (new.project_id, new.domain, new.status, 1)
  ON CONFLICT (project_id, domain, status, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER technology_counts_delete AFTER DELETE ON technologies BEGIN
  UPDATE technology_counts SET n = n - 1
  WHERE project_id = old.project_id AND domain = old.domain AND status = old.status AND shard = 0;
END;
CREATE TRIGGER technology_counts_update AFTER UPDATE OF domain, status ON technologies
WHEN old.domain <> new.domain OR old.status <> new.status BEGIN
  UPDATE technology_counts SET n = n - 1
  WHERE project_id = old.project_id AND domain = old.domain AND status = old.status AND shard = 0;
  INSERT INTO technology_counts (project_id, domain, status, n) VALUES (new.project_id, new.domain, new.status, 1)
  ON CONFLICT (project_id, domain, status, shard) DO UPDATE SET n = n + 1;
END;

CREATE TABLE research_task_counts (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  shard INTEGER NOT NULL DEFAULT 0,
  n INTEGER NOT NULL,
  PRIMARY KEY (project_id, status, shard)
);
CREATE TRIGGER research_task_counts_insert AFTER INSERT ON research_tasks BEGIN
  INSERT INTO research_task_counts (project_id, status, n) VALUES (new.project_id, new.status, 1)
  ON CONFLICT (project_id, status, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER research_task_counts_delete AFTER DELETE ON research_tasks BEGIN
  UPDATE research_task_counts SET n = n - 1 WHERE project_id = old.project_id AND status = old.status AND shard = 0;
END;
CREATE TRIGGER research_task_counts_update AFTER UPDATE OF status ON research_tasks
WHEN old.status <> new.status BEGIN
  UPDATE research_task_counts SET n = n - 1 WHERE project_id = old.project_id AND status = old.status AND shard = 0;
  INSERT INTO research_task_counts (project_id, status, n) VALUES (new.project_id, new.status, 1)
  ON CONFLICT (project_id, status, shard) DO UPDATE SET n = n + 1;
END;
