import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CalendarClock, Play, Plus, Trash2 } from 'lucide-react';
import { useDeleteSchedule, useExecuteSchedule, useSchedules, useToggleSchedule } from '@/api/schedules';
import { usePermissions } from '@/api/projects';
import { isApiError } from '@/api/problem';
import type { Schedule } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { PageHeader } from '@/components/ui/Layout';
import { Pagination } from '@/components/ui/Pagination';
import { toast } from '@/components/toast';
import { formatDateTime, formatRelative, label } from '@/lib/format';
import { ScheduleFormDialog } from './ScheduleForm';

function describeTiming(s: Schedule): string {
  if (s.frequency === 'cron') return `cron ${s.cron_expression}`;
  return label(s.frequency);
}

export default function SchedulesPage() {
  const [params, setParams] = useSearchParams();
  const enabled = params.get('enabled') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const schedules = useSchedules({ enabled: enabled || undefined, page, page_size: 20 });
  const toggle = useToggleSchedule();
  const execute = useExecuteSchedule();
  const remove = useDeleteSchedule();
  const { canEdit } = usePermissions();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const unavailable = isApiError(schedules.error) && schedules.error.status === 404;

  return (
    <>
      <PageHeader title="Schedules" description="Jobs that run on a timetable." actions={canEdit && <Button variant="primary" onClick={() => setCreating(true)}><Plus className="size-4" aria-hidden /> New schedule</Button>} />
      <div role="group" aria-label="Filter" className="mb-4 flex gap-2">
        {[['', 'All'], ['true', 'Enabled'], ['false', 'Disabled']].map(([value, text]) => (
          <button key={text} type="button" aria-pressed={enabled === value} onClick={() => setParams(value ? { enabled: value } : {})} className={`rounded-full border px-3 py-1 text-sm font-medium ${enabled === value ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'}`}>
            {text}
          </button>
        ))}
      </div>
      {schedules.isLoading ? (
        <Spinner />
      ) : unavailable ? (
        <EmptyState icon={<CalendarClock className="size-8" aria-hidden />} title="Schedules are not available on this server">This server does not run scheduled jobs yet.</EmptyState>
      ) : schedules.error ? (
        <ErrorState error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : !schedules.data?.schedules.length ? (
        <EmptyState icon={<CalendarClock className="size-8" aria-hidden />} title={enabled ? 'No schedule matches' : 'No schedules yet'} action={canEdit && !enabled ? <Button variant="primary" onClick={() => setCreating(true)}>Create a schedule</Button> : undefined}>
          Run imports, analyses and exports every hour, day, week, or on a cron expression in your time zone.
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
            <caption className="sr-only">Schedules</caption>
            <thead className="bg-slate-50 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Name</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">When</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Next run</th>
                <th scope="col" className="hidden px-4 py-3 text-left font-semibold lg:table-cell">Runs</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Enabled</th>
                {canEdit && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {schedules.data.schedules.map((s) => (
                <tr key={s.id} data-testid="schedule-row">
                  <td className="px-4 py-3">
                    <p className="font-medium">{s.name}</p>
                    <p className="text-xs text-slate-600 dark:text-slate-400">{label(s.task_type)}{s.last_error ? ` · last error: ${s.last_error}` : ''}</p>
                  </td>
                  <td className="px-4 py-3"><code className="text-xs">{describeTiming(s)}</code><p className="text-xs text-slate-600 dark:text-slate-400">{s.timezone}</p></td>
                  <td className="px-4 py-3" title={formatDateTime(s.next_run_at, s.timezone)}>{s.enabled && s.next_run_at ? formatRelative(s.next_run_at) : '—'}</td>
                  <td className="hidden px-4 py-3 lg:table-cell">{s.run_count} ({s.success_count} ok, {s.failure_count} failed)</td>
                  <td className="px-4 py-3">
                    <button
                      type="button"
                      role="switch"
                      aria-checked={s.enabled}
                      aria-label={`${s.enabled ? 'Disable' : 'Enable'} ${s.name}`}
                      disabled={!canEdit}
                      onClick={() => toggle.mutate({ id: s.id, enabled: !s.enabled })}
                      className={`relative inline-flex h-6 w-11 items-center rounded-full transition-colors disabled:opacity-60 ${s.enabled ? 'bg-indigo-600' : 'bg-slate-300 dark:bg-slate-600'}`}
                    >
                      <span className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${s.enabled ? 'translate-x-5' : 'translate-x-0.5'}`} />
                    </button>
                  </td>
                  {canEdit && (
                    <td className="px-4 py-3 text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" aria-label={`Run ${s.name} now`} onClick={() => execute.mutate(s.id, { onSuccess: (r) => toast.success('Run started', `Job #${r.job_id}`) })}>
                        <Play className="size-4" aria-hidden />
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`Delete ${s.name}`} onClick={() => setDeleting(s)}>
                        <Trash2 className="size-4" aria-hidden />
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {schedules.data && schedules.data.total > 20 && <Pagination page={page} pageSize={20} total={schedules.data.total} onPage={(p) => setParams({ ...(enabled ? { enabled } : {}), page: String(p) })} />}
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">Runs show up under <Link to="/jobs" className="text-indigo-700 underline dark:text-indigo-300">Jobs</Link>.</p>
      {creating && <ScheduleFormDialog onClose={() => setCreating(false)} />}
      <ConfirmDialog open={!!deleting} title={`Delete ${deleting?.name ?? ''}?`} confirmLabel="Delete schedule" onClose={() => setDeleting(null)} onConfirm={() => { remove.mutate(deleting!.id); setDeleting(null); }}>
        <p>No further runs are started. Jobs it already created stay.</p>
      </ConfirmDialog>
    </>
  );
}
