import { Link, useSearchParams } from 'react-router';
import { Briefcase, Upload } from 'lucide-react';
import { useJobs, useJobStatistics } from '@/api/jobs';
import { JOB_STATUSES } from '@/api/types';
import { usePermissions } from '@/api/projects';
import { isApiError } from '@/api/problem';
import { Card, PageHeader } from '@/components/ui/Layout';
import { EmptyState, ErrorState, ProgressBar, Spinner } from '@/components/ui/Feedback';
import { Pagination } from '@/components/ui/Pagination';
import { formatDuration, formatNumber, formatRelative, label } from '@/lib/format';
import { JobBadge } from './JobBadge';

export default function JobsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const type = params.get('type') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const limit = 20;
  const jobs = useJobs({ status_filter: status || undefined, job_type: type || undefined, page, limit });
  const stats = useJobStatistics();
  const { canEdit } = usePermissions();
  const set = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });

  const unavailable = isApiError(jobs.error) && jobs.error.status === 404;
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work of this project: imports, analyses, scheduled runs. Progress updates live."
        actions={
          canEdit && (
            <Link to="/jobs/import" className="inline-flex h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-indigo-700">
              <Upload className="size-4" aria-hidden /> Import technologies
            </Link>
          )
        }
      />
      {stats.data && (
        <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {[
            ['Active', stats.data.active_jobs],
            ...JOB_STATUSES.map((s) => [label(s), stats.data.by_status[s] ?? 0] as const),
          ].map(([name, value]) => (
            <div key={String(name)} className="rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
              <p className="text-xs font-medium text-slate-600 dark:text-slate-400">{name}</p>
              <p className="text-xl font-semibold tabular-nums">{formatNumber(Number(value))}</p>
            </div>
          ))}
        </div>
      )}
      <div className="mb-4 flex flex-wrap items-center gap-2" role="group" aria-label="Filter by status">
        {['', ...JOB_STATUSES].map((s) => (
          <button
            key={s || 'all'}
            type="button"
            aria-pressed={status === s}
            onClick={() => set('status', s)}
            className={`rounded-full border px-3 py-1 text-sm font-medium ${status === s ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:border-slate-400 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'}`}
          >
            {s ? label(s) : 'All'}
          </button>
        ))}
        <label className="ml-auto flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          Type
          <input
            value={type}
            onChange={(e) => set('type', e.target.value.trim())}
            placeholder="e.g. batch_import"
            className="h-8 w-40 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
      </div>
      {jobs.isLoading ? (
        <Spinner label="Loading jobs" />
      ) : unavailable ? (
        <EmptyState icon={<Briefcase className="size-8" aria-hidden />} title="Jobs are not available on this server">
          This server does not run background jobs yet. Update CommandCenter to import, analyse and schedule work.
        </EmptyState>
      ) : jobs.error ? (
        <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : !jobs.data?.jobs.length ? (
        <EmptyState icon={<Briefcase className="size-8" aria-hidden />} title={status || type ? 'No job matches these filters' : 'No jobs yet'} action={canEdit && !status && !type ? <Link to="/jobs/import" className="font-medium text-indigo-700 underline dark:text-indigo-300">Import technologies from a file</Link> : undefined}>
          {status || type ? 'Try another status or type.' : 'Jobs appear here when you import technologies, run a schedule, or start an analysis.'}
        </EmptyState>
      ) : (
        <Card className="p-0">
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {jobs.data.jobs.map((j) => (
              <li key={j.id} data-testid="job-row">
                <Link to={`/jobs/${j.id}`} className="grid grid-cols-1 gap-2 px-5 py-4 hover:bg-slate-50 sm:grid-cols-[1fr_12rem_8rem] sm:items-center dark:hover:bg-slate-800/40">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900 dark:text-slate-100">
                      #{j.id} · {label(j.job_type)}
                    </p>
                    <p className="truncate text-sm text-slate-600 dark:text-slate-400">{j.current_step || j.error || `Created ${formatRelative(j.created_at)}`}</p>
                  </div>
                  <div className="flex items-center gap-2">
                    <ProgressBar value={j.progress} label={`Job ${j.id} progress`} tone={j.status === 'failed' ? 'rose' : j.status === 'completed' ? 'emerald' : 'indigo'} />
                    <span className="w-10 text-right text-xs tabular-nums">{Math.round(j.progress)}%</span>
                  </div>
                  <div className="flex items-center justify-between gap-2 sm:justify-end">
                    <span className="text-xs text-slate-600 dark:text-slate-400">{formatDuration(j.duration_seconds)}</span>
                    <JobBadge status={j.status} />
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {jobs.data && jobs.data.total > limit && <Pagination page={page} pageSize={limit} total={jobs.data.total} onPage={(p) => set('page', String(p))} />}
    </>
  );
}
