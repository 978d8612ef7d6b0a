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
import { useMinWidth } from '@/hooks/useMediaQuery';
import { formatDateTime, formatRelative, label } from '@/lib/format';
import { ScheduleFormDialog } from './ScheduleForm';

function describeTiming(s: Schedule): string {
  if (s.frequency === 'cron') return `cron ${s.cron_expression}`;
  return label(s.frequency);
}

const nextRun = (s: Schedule) => (s.enabled && s.next_run_at ? formatRelative(s.next_run_at) : '—');

function ScheduleName({ schedule: s }: { schedule: Schedule }) {
  return (
    <div className="min-w-0">
      <p className="font-medium wrap-anywhere">{s.name}</p>
      <p className="text-xs wrap-anywhere text-slate-600 dark:text-slate-400">
        {label(s.task_type)}
        {s.last_error ? ` · last error: ${s.last_error}` : ''}
      </p>
    </div>
  );
}

// The window a schedule runs in, in its own zone (not the browser's): "from 1 Jun 2030, 09:00 until …".
export function describeWindow(s: Pick<Schedule, 'start_time' | 'end_time' | 'timezone'>): string {
  const parts = [];
  if (s.start_time) parts.push(`from ${formatDateTime(s.start_time, s.timezone)}`);
  if (s.end_time) parts.push(`until ${formatDateTime(s.end_time, s.timezone)}`);
  return parts.join(' ');
}

function Timing({ schedule: s }: { schedule: Schedule }) {
  const window = describeWindow(s);
  return (
    <>
      <code className="text-xs">{describeTiming(s)}</code>
      <p className="text-xs text-slate-600 dark:text-slate-400">{s.timezone}</p>
      {window && <p className="text-xs text-slate-600 dark:text-slate-400">{window.charAt(0).toUpperCase() + window.slice(1)}</p>}
    </>
  );
}

function Runs({ schedule: s }: { schedule: Schedule }) {
  return (
    <>
      {s.run_count} ({s.success_count} ok, {s.failure_count} failed)
    </>
  );
}

function EnabledSwitch({ schedule: s, canEdit, onToggle }: { schedule: Schedule; canEdit: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={s.enabled}
      aria-label={`${s.enabled ? 'Disable' : 'Enable'} ${s.name}`}
      disabled={!canEdit}
      onClick={onToggle}
      className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:opacity-60 ${s.enabled ? 'bg-indigo-600' : 'bg-slate-300 dark:bg-slate-600'}`}
    >
      <span className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${s.enabled ? 'translate-x-5' : 'translate-x-0.5'}`} />
    </button>
  );
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
  // A phone gets a card per schedule with everything and both actions; the table needs more room.
  const wide = useMinWidth('md');
  const run = (s: Schedule) => execute.mutate(s.id, { onSuccess: (r) => toast.success('Run started', `Job #${r.job_id}`) });

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
      ) : !wide ? (
        <ul className="space-y-3" aria-label="Schedules">
          {schedules.data.schedules.map((s) => (
            <li key={s.id} data-testid="schedule-row" className="rounded-2xl border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <div className="flex items-start justify-between gap-3">
                <ScheduleName schedule={s} />
                <EnabledSwitch schedule={s} canEdit={canEdit} onToggle={() => toggle.mutate({ id: s.id, enabled: !s.enabled })} />
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-3">
                <div className="min-w-0">
                  <dt className="text-xs text-slate-600 dark:text-slate-400">When</dt>
                  <dd><Timing schedule={s} /></dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600 dark:text-slate-400">Next run</dt>
                  <dd title={formatDateTime(s.next_run_at, s.timezone)}>{nextRun(s)}</dd>
                </div>
                <div className="col-span-2">
                  <dt className="text-xs text-slate-600 dark:text-slate-400">Runs</dt>
                  <dd><Runs schedule={s} /></dd>
                </div>
              </dl>
              {canEdit && (
                <div className="mt-3 flex gap-2 border-t border-slate-100 pt-3 dark:border-slate-800">
                  <Button size="sm" onClick={() => run(s)}>
                    <Play className="size-4" aria-hidden />
                    <span>
                      Run<span className="sr-only"> {s.name}</span> now
                    </span>
                  </Button>
                  <Button size="sm" variant="ghost" className="text-rose-700 dark:text-rose-300" onClick={() => setDeleting(s)}>
                    <Trash2 className="size-4" aria-hidden />
                    <span>
                      Delete<span className="sr-only"> {s.name}</span>
                    </span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
            <caption className="sr-only">Schedules</caption>
            <thead className="bg-slate-50 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Name</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">When</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Next run</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Runs</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Enabled</th>
                {canEdit && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {schedules.data.schedules.map((s) => (
                <tr key={s.id} data-testid="schedule-row">
                  <td className="min-w-48 px-4 py-3"><ScheduleName schedule={s} /></td>
                  <td className="px-4 py-3"><Timing schedule={s} /></td>
                  <td className="px-4 py-3" title={formatDateTime(s.next_run_at, s.timezone)}>{nextRun(s)}</td>
                  <td className="px-4 py-3"><Runs schedule={s} /></td>
                  <td className="px-4 py-3">
                    <EnabledSwitch schedule={s} canEdit={canEdit} onToggle={() => toggle.mutate({ id: s.id, enabled: !s.enabled })} />
                  </td>
                  {canEdit && (
                    <td className="px-4 py-3 text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" aria-label={`Run ${s.name} now`} onClick={() => run(s)}>
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
