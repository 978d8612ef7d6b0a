-- The job queue, schedules, the events log that carries events between processes, and WebSocket tickets.

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  job_type TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  priority INTEGER NOT NULL DEFAULT 5,      -- 1 (last) to 10 (first)
  parameters TEXT NOT NULL DEFAULT '{}',    -- JSON
  tags TEXT NOT NULL DEFAULT '{}',          -- JSON
  result TEXT,                              -- JSON
  error TEXT,
  progress INTEGER NOT NULL DEFAULT 0,
  current_step TEXT,
  run_at TEXT,                              -- NULL: created but not dispatched; else claimable from then on
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  timeout_seconds INTEGER NOT NULL DEFAULT 600,
  dedup_key TEXT,
  lease_owner TEXT,                         -- the worker running it
  lease_expires_at TEXT,
  cancel_requested_at TEXT,
  attempt_history TEXT NOT NULL DEFAULT '[]', -- JSON: [{attempt, started_at, finished_at, outcome, error}]
  schedule_id INTEGER,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  dispatched_at TEXT,
  started_at TEXT,
  completed_at TEXT,
  updated_at TEXT NOT NULL
);
-- The queue: what a worker claims next.
CREATE INDEX ix_jobs_queue ON jobs (priority DESC, run_at, id) WHERE status = 'pending' AND run_at IS NOT NULL;
-- Running jobs whose lease may expire.
CREATE INDEX ix_jobs_leases ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX ix_jobs_project_status ON jobs (project_id, status, created_at);
CREATE INDEX ix_jobs_project_type ON jobs (project_id, job_type, status);
CREATE INDEX ix_jobs_project_created ON jobs (project_id, created_at);
CREATE INDEX ix_jobs_schedule ON jobs (schedule_id) WHERE schedule_id IS NOT NULL;
-- A dedup key names at most one live job per project.
CREATE UNIQUE INDEX ux_jobs_dedup ON jobs (project_id, dedup_key)
  WHERE dedup_key IS NOT NULL AND status IN ('pending', 'running');

CREATE TABLE schedules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  task_type TEXT NOT NULL,
  task_parameters TEXT NOT NULL DEFAULT '{}', -- JSON
  frequency TEXT NOT NULL DEFAULT 'daily'
    CHECK (frequency IN ('once', 'hourly', 'daily', 'weekly', 'monthly', 'cron')),
  cron_expression TEXT,
  interval_seconds INTEGER,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  start_time TEXT,
  end_time TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  last_run_at TEXT,
  next_run_at TEXT,
  run_count INTEGER NOT NULL DEFAULT 0,
  success_count INTEGER NOT NULL DEFAULT 0,
  failure_count INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_success_at TEXT,
  last_failure_at TEXT,
  tags TEXT NOT NULL DEFAULT '{}',          -- JSON
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_schedules_due ON schedules (next_run_at) WHERE enabled = 1 AND next_run_at IS NOT NULL;
CREATE INDEX ix_schedules_project ON schedules (project_id, enabled, created_at);
CREATE INDEX ix_schedules_task_type ON schedules (project_id, task_type);

-- Events for other processes (scale-out): written by the process that publishes, read by every process after a
-- NOTIFY wake-up. Old rows are purged by maintenance.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  origin TEXT NOT NULL,                     -- the publishing process, which does not read its own events back
  project_id INTEGER,
  job_id INTEGER,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,                    -- JSON, bounded in size
  created_at TEXT NOT NULL
);
CREATE INDEX ix_events_created ON events (created_at);

-- Short-lived, single-use tickets that let a browser open a WebSocket (it cannot send an Authorization header).
CREATE TABLE ws_tickets (
  ticket_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id TEXT,
  api_key_id INTEGER REFERENCES api_keys(id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX ix_ws_tickets_expires ON ws_tickets (expires_at);
