// Wire types of the API (snake_case, as docs/API.md and /openapi.json describe them).

export type Role = 'viewer' | 'member' | 'admin' | 'owner';

export interface User {
  id: number;
  email: string;
  full_name: string | null;
  is_active: boolean;
  is_superuser: boolean;
  invitation_pending: boolean;
  default_project_id: number | null;
  created_at: string;
  updated_at: string;
  last_login: string | null;
}

export interface Project {
  id: number;
  name: string;
  owner: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  role: Role;
}

export interface ProjectStats extends Project {
  technology_count: number;
  member_count: number;
  repository_count?: number;
  research_task_count?: number;
  knowledge_entry_count?: number;
}

export interface Member {
  project_id: number;
  user_id: number;
  email: string;
  full_name: string | null;
  role: Role;
  invitation_pending: boolean;
  created_at: string;
  updated_at: string;
  invite_token?: string;
  invite_expires_at?: string;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  project_id: number | null;
  role: Role;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  key?: string;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

export interface SetupState {
  setup_required: boolean;
  registration_open: boolean;
}

export interface SetupResult extends TokenPair {
  user: User;
  project: Project;
}

export const DOMAINS = ['audio-dsp', 'ai-ml', 'music-theory', 'performance', 'ui-ux', 'infrastructure', 'other'] as const;
export type Domain = (typeof DOMAINS)[number];

// Lifecycle order; the radar draws them from the centre outwards in RADAR_RINGS order.
export const STATUSES = ['discovery', 'research', 'evaluation', 'implementation', 'integrated', 'archived'] as const;
export type TechnologyStatus = (typeof STATUSES)[number];

export const DIFFICULTIES = ['trivial', 'easy', 'moderate', 'complex', 'very_complex'] as const;
export const MATURITY_LEVELS = ['alpha', 'beta', 'stable', 'mature', 'legacy'] as const;
export const COST_TIERS = ['free', 'freemium', 'affordable', 'moderate', 'expensive', 'enterprise'] as const;

export interface Technology {
  id: number;
  project_id: number;
  title: string;
  vendor: string | null;
  domain: Domain;
  status: TechnologyStatus;
  relevance_score: number;
  priority: number;
  description: string | null;
  notes: string | null;
  use_cases: string | null;
  documentation_url: string | null;
  repository_url: string | null;
  website_url: string | null;
  tags: string | null;
  latency_ms: number | null;
  throughput_qps: number | null;
  integration_difficulty: (typeof DIFFICULTIES)[number] | null;
  integration_time_estimate_days: number | null;
  maturity_level: (typeof MATURITY_LEVELS)[number] | null;
  stability_score: number | null;
  cost_tier: (typeof COST_TIERS)[number] | null;
  cost_monthly_usd: number | null;
  dependencies: Record<string, unknown> | null;
  alternatives: string | null;
  last_hn_mention: string | null;
  hn_score_avg: number | null;
  github_stars: number | null;
  github_last_commit: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface HistoryEntry {
  id: number;
  technology_id: number;
  field: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  changed_by: number | null;
  changed_by_email: string | null;
  changed_at: string;
}

export interface Envelope<T> {
  total: number;
  items: T[];
  page: number;
  page_size: number;
}

export interface Repository {
  id: number;
  project_id: number;
  owner: string;
  name: string;
  full_name: string;
  description: string | null;
  has_access_token: boolean;
  is_private: boolean;
  github_id: number | null;
  url: string | null;
  clone_url: string | null;
  default_branch: string | null;
  last_commit_sha: string | null;
  last_commit_message: string | null;
  last_commit_author: string | null;
  last_commit_date: string | null;
  last_synced_at: string | null;
  stars: number | null;
  forks: number | null;
  language: string | null;
  metadata_: Record<string, unknown> | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TechnologyLink {
  technology_id: number;
  repository_id: number;
  source: 'manual' | 'detected';
  confidence: number | null;
  notes: string | null;
  linked_by: number | null;
  linked_at: string;
}

export type LinkedRepository = Repository & { link: TechnologyLink };
export type LinkedTechnology = Technology & { link: TechnologyLink };

export interface SyncResult {
  repository_id: number;
  synced: boolean;
  last_commit_sha: string | null;
  last_commit_message: string | null;
  last_synced_at: string | null;
  changes_detected: boolean;
  repository: Repository;
}

export const TASK_STATUSES = ['pending', 'in_progress', 'blocked', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskDocument {
  id: number;
  filename: string;
  stored_filename?: string;
  content_type: string;
  size: number;
  sha256?: string;
  uploaded_at: string;
  download_url: string;
}

export interface ResearchTask {
  id: number;
  project_id: number;
  title: string;
  description: string | null;
  status: TaskStatus;
  technology_id: number | null;
  repository_id: number | null;
  user_notes: string | null;
  findings: string | null;
  assigned_to: string | null;
  due_date: string | null;
  estimated_hours: number | null;
  actual_hours: number | null;
  progress_percentage: number;
  completed_at: string | null;
  metadata_: Record<string, unknown> | null;
  uploaded_documents?: TaskDocument[];
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TaskSummary {
  id: number;
  title: string;
  status: TaskStatus;
  due_date: string | null;
}

export interface TaskStatistics {
  by_status: Partial<Record<TaskStatus, number>>;
  total: number;
  overdue_count: number;
  upcoming_count: number;
  overdue_tasks: TaskSummary[];
  upcoming_tasks: TaskSummary[];
}

export interface DashboardStats {
  repositories: { total: number; recently_synced: { id: number; full_name: string; last_synced_at: string | null }[] };
  technologies: {
    total: number;
    by_status: Partial<Record<TechnologyStatus, number>>;
    by_domain: Partial<Record<Domain, number>>;
    high_priority_count: number;
    high_priority: { id: number; title: string; priority: number; status: TechnologyStatus; domain: Domain }[];
  };
  research_tasks: TaskStatistics;
  knowledge_base: { total_entries: number; total_documents: number; categories: number | string[]; status: string };
}

export interface ActivityItem {
  type: 'technology' | 'repository' | 'research_task' | 'knowledge_entry' | string;
  id: number;
  title?: string;
  full_name?: string;
  status?: string | null;
  updated_at: string;
  [key: string]: unknown;
}

export interface RecentActivity {
  items: ActivityItem[];
}

export interface AuditEntry {
  id: number;
  project_id: number | null;
  entity: string;
  entity_id: string | number | null;
  action: string;
  before: unknown;
  after: unknown;
  actor_user_id: number | null;
  actor_email: string | null;
  actor_api_key_id: number | null;
  request_id: string | null;
  created_at: string;
}

export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: number;
  project_id: number;
  job_type: string;
  parameters: Record<string, unknown>;
  tags: Record<string, unknown> | null;
  status: JobStatus;
  priority: number;
  progress: number;
  current_step: string | null;
  result: unknown;
  error: string | null;
  attempts: number;
  max_attempts: number;
  attempt_history: unknown;
  run_at: string | null;
  created_by: number | null;
  created_at: string;
  dispatched_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  duration_seconds: number | null;
  cancel_requested_at: string | null;
  is_terminal?: boolean;
  is_active?: boolean;
}

export interface JobList {
  jobs: Job[];
  total: number;
  skip: number;
  limit: number;
}

export interface JobStatistics {
  total: number;
  by_status: Partial<Record<JobStatus, number>>;
  success_rate: number | null;
  average_duration_seconds: number | null;
  active_jobs: number;
}

export type ImportOutcome = 'imported' | 'updated' | 'skipped' | 'failed';

export interface ImportRow {
  row: number;
  title: string;
  outcome: ImportOutcome;
  reason?: string | null;
  technology_id?: number | null;
}

// The counts are there in a finished import's report; a partial one (failed or cancelled part way) may lack them.
export interface ImportResult {
  merge_strategy?: string;
  total?: number;
  // false: the import stopped (cancelled) before its last row; the report covers the rows it got to.
  complete?: boolean;
  imported_count?: number;
  updated_count?: number;
  skipped_count?: number;
  failed_count?: number;
  dry_run?: boolean;
  rows: ImportRow[];
}

export interface BatchAccepted {
  job_id: number;
  job_type: string;
  status: JobStatus;
  progress: number;
  total_items?: number;
}

export const FREQUENCIES = ['once', 'hourly', 'daily', 'weekly', 'monthly', 'cron'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Schedule {
  id: number;
  project_id: number;
  name: string;
  description: string | null;
  task_type: string;
  task_parameters: Record<string, unknown>;
  frequency: Frequency;
  cron_expression: string | null;
  interval_seconds: number | null;
  timezone: string;
  start_time: string | null;
  end_time: string | null;
  enabled: boolean;
  last_run_at: string | null;
  next_run_at: string | null;
  run_count: number;
  success_count: number;
  failure_count: number;
  success_rate: number | null;
  is_active: boolean;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleList {
  schedules: Schedule[];
  total: number;
  page: number;
  page_size: number;
  pages: number;
}

// A knowledge entry (src/domain/knowledge_entry.cpp). Only a technology can be linked; the API has no
// repository or research-task id on an entry.
export interface KnowledgeEntry {
  id: number;
  project_id: number;
  technology_id: number | null;
  title: string;
  content: string;
  category: string;
  source_file: string | null;
  source_url: string | null;
  source_type: string | null;
  page_number: number | null;
  confidence_score: number | null;
  relevance_score: number | null;
  metadata_: Record<string, unknown> | null;
  version: number;
  created_at: string;
  updated_at: string;
}
