-- Ended jobs by when they ended, for the retention purge (--job-retention-days) to find old ones without a scan.

CREATE INDEX ix_jobs_ended ON jobs (completed_at) WHERE status IN ('completed', 'failed', 'cancelled');
