import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CalendarClock, ListChecks, Plus } from 'lucide-react';
import { useQuickTaskUpdate, useResearchTasks, useTaskStatistics } from '@/api/research';
import { usePermissions } from '@/api/projects';
import { TASK_STATUSES, type TaskStatus } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { EmptyState, ErrorState, ProgressBar, Spinner } from '@/components/ui/Feedback';
import { controlClass } from '@/components/ui/Form';
import { PageHeader } from '@/components/ui/Layout';
import { Pagination } from '@/components/ui/Pagination';
import { formatDate, label } from '@/lib/format';
import { TaskFormDialog } from './TaskForm';

export default function ResearchTasksPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '').split(',').filter(Boolean);
  const assigned = params.get('assigned_to') ?? '';
  const technologyId = Number(params.get('technology_id')) || undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const limit = 20;
  const tasks = useResearchTasks({ status, assigned_to: assigned || undefined, technology_id: technologyId, page, limit });
  const stats = useTaskStatistics();
  const quick = useQuickTaskUpdate();
  const { canEdit } = usePermissions();
  const [creating, setCreating] = useState(false);
  const set = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  const toggle = (s: string) => set('status', (status.includes(s) ? status.filter((x) => x !== s) : [...status, s]).join(','));
  const filtered = status.length > 0 || !!assigned || !!technologyId;
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Research tasks"
        description={stats.data ? `${stats.data.total} tasks · ${stats.data.overdue_count} overdue · ${stats.data.upcoming_count} due within a week` : 'What the team is finding out, and by when.'}
        actions={canEdit && <Button variant="primary" onClick={() => setCreating(true)}><Plus className="size-4" aria-hidden /> New task</Button>}
      />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-2">
          {TASK_STATUSES.map((s) => (
            <button key={s} type="button" aria-pressed={status.includes(s)} onClick={() => toggle(s)} className={`rounded-full border px-3 py-1 text-sm font-medium ${status.includes(s) ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'}`}>
              {label(s)}
              {stats.data?.by_status[s] !== undefined && <span className="ml-1 opacity-80">{stats.data.by_status[s]}</span>}
            </button>
          ))}
        </div>
        <div className="ml-auto">
          <label htmlFor="assigned" className="sr-only">Assigned to</label>
          <input id="assigned" placeholder="Assigned to" value={assigned} onChange={(e) => set('assigned_to', e.target.value)} className={`${controlClass} h-9 w-48`} />
        </div>
        {technologyId && (
          <button type="button" onClick={() => set('technology_id', '')} className="text-sm font-medium text-indigo-700 underline dark:text-indigo-300">
            Clear technology filter
          </button>
        )}
      </div>
      {tasks.isLoading ? (
        <Spinner />
      ) : tasks.error ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : !tasks.data?.items.length ? (
        <EmptyState icon={<ListChecks className="size-8" aria-hidden />} title={filtered ? 'No task matches' : 'No research tasks yet'} action={!filtered && canEdit ? <Button variant="primary" onClick={() => setCreating(true)}>Create a task</Button> : undefined}>
          {filtered ? 'Try other filters.' : 'Plan what to find out about a technology or a repository, with a due date and findings.'}
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
            <caption className="sr-only">Research tasks</caption>
            <thead className="bg-slate-50 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Task</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Status</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Progress</th>
                <th scope="col" className="hidden px-4 py-3 text-left font-semibold md:table-cell">Assigned</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Due</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {tasks.data.items.map((t) => {
                const overdue = t.due_date && new Date(t.due_date).getTime() < now && !['completed', 'cancelled'].includes(t.status);
                return (
                  <tr key={t.id} data-testid="task-row">
                    <td className="px-4 py-3">
                      <Link to={`/research/${t.id}`} className="font-medium text-slate-900 hover:underline dark:text-white">{t.title}</Link>
                    </td>
                    <td className="px-4 py-3">
                      {canEdit ? (
                        <>
                          <label className="sr-only" htmlFor={`status-${t.id}`}>Status of {t.title}</label>
                          <select id={`status-${t.id}`} value={t.status} onChange={(e) => quick.mutate({ id: t.id, status: e.target.value as TaskStatus })} className="h-8 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900">
                            {TASK_STATUSES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
                          </select>
                        </>
                      ) : (
                        label(t.status)
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex w-36 items-center gap-2">
                        <ProgressBar value={t.progress_percentage} label={`Progress of ${t.title}`} tone={t.status === 'completed' ? 'emerald' : 'indigo'} />
                        <span className="w-9 text-right text-xs tabular-nums">{t.progress_percentage}%</span>
                      </div>
                    </td>
                    <td className="hidden px-4 py-3 md:table-cell">{t.assigned_to ?? '—'}</td>
                    <td className={`px-4 py-3 whitespace-nowrap ${overdue ? 'font-medium text-rose-700 dark:text-rose-300' : ''}`}>
                      {overdue && <CalendarClock className="mr-1 inline size-4" aria-label="Overdue" />}
                      {formatDate(t.due_date)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {tasks.data && tasks.data.total > limit && <Pagination page={page} pageSize={limit} total={tasks.data.total} onPage={(p) => set('page', String(p))} />}
      {creating && <TaskFormDialog onClose={() => setCreating(false)} defaults={technologyId ? { technology_id: technologyId } : undefined} />}
    </>
  );
}
