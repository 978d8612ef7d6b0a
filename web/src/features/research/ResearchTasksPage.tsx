import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CalendarClock, ListChecks, Plus } from 'lucide-react';
import { useQuickTaskUpdate, useResearchTasks, useTaskStatistics } from '@/api/research';
import { usePermissions } from '@/api/projects';
import { useTechnologyChoices } from '@/api/technologies';
import { useRepositoryChoices } from '@/api/repositories';
import { TASK_STATUSES, type ResearchTask, type TaskStatus } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { EmptyState, ErrorState, ProgressBar, Spinner } from '@/components/ui/Feedback';
import { controlClass } from '@/components/ui/Form';
import { PageHeader } from '@/components/ui/Layout';
import { Pagination } from '@/components/ui/Pagination';
import { useMinWidth } from '@/hooks/useMediaQuery';
import { formatDate, label } from '@/lib/format';
import { TaskFormDialog } from './TaskForm';

type Names = { technology: (id: number) => string; repository: (id: number) => string };

function isOverdue(t: ResearchTask, now: number): boolean {
  return !!t.due_date && new Date(t.due_date).getTime() < now && !['completed', 'cancelled'].includes(t.status);
}

// What a task is about: its technology and repository, each a link.
function About({ task, names }: { task: ResearchTask; names: Names }) {
  if (!task.technology_id && !task.repository_id) return null;
  const link = 'font-medium text-indigo-700 hover:underline dark:text-indigo-300';
  return (
    <p className="mt-0.5 text-xs wrap-anywhere text-slate-600 dark:text-slate-400" data-testid="task-about">
      About{' '}
      {task.technology_id && (
        <Link to={`/technologies/${task.technology_id}`} className={link}>
          {names.technology(task.technology_id)}
        </Link>
      )}
      {task.technology_id && task.repository_id && ' · '}
      {task.repository_id && (
        <Link to={`/repositories/${task.repository_id}`} className={link}>
          {names.repository(task.repository_id)}
        </Link>
      )}
    </p>
  );
}

function StatusControl({ task, canEdit }: { task: ResearchTask; canEdit: boolean }) {
  const quick = useQuickTaskUpdate();
  if (!canEdit) return <>{label(task.status)}</>;
  return (
    <>
      <label className="sr-only" htmlFor={`status-${task.id}`}>
        Status of {task.title}
      </label>
      <select id={`status-${task.id}`} value={task.status} onChange={(e) => quick.mutate({ id: task.id, status: e.target.value as TaskStatus })} className="h-8 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900">
        {TASK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </select>
    </>
  );
}

function Due({ task, now }: { task: ResearchTask; now: number }) {
  const overdue = isOverdue(task, now);
  return (
    <span className={`whitespace-nowrap ${overdue ? 'font-medium text-rose-700 dark:text-rose-300' : ''}`} data-overdue={overdue || undefined}>
      {overdue && <CalendarClock className="mr-1 inline size-4 align-text-bottom" aria-label="Overdue" />}
      {formatDate(task.due_date)}
    </span>
  );
}

function TaskProgress({ task }: { task: ResearchTask }) {
  return (
    <div className="flex w-36 items-center gap-2">
      <ProgressBar value={task.progress_percentage} label={`Progress of ${task.title}`} tone={task.status === 'completed' ? 'emerald' : 'indigo'} />
      <span className="w-9 text-right text-xs tabular-nums">{task.progress_percentage}%</span>
    </div>
  );
}

function TaskTable({ tasks, names, canEdit, now }: { tasks: ResearchTask[]; names: Names; canEdit: boolean; now: number }) {
  return (
    <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Research tasks</caption>
        <thead className="bg-slate-50 dark:bg-slate-800/50">
          <tr>
            <th scope="col" className="px-4 py-3 text-left font-semibold">Task</th>
            <th scope="col" className="px-4 py-3 text-left font-semibold">Status</th>
            <th scope="col" className="px-4 py-3 text-left font-semibold">Progress</th>
            <th scope="col" className="px-4 py-3 text-left font-semibold">Assigned</th>
            <th scope="col" className="px-4 py-3 text-left font-semibold">Due</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {tasks.map((t) => (
            <tr key={t.id} data-testid="task-row">
              <td className="min-w-48 px-4 py-3">
                <Link to={`/research/${t.id}`} className="font-medium wrap-anywhere text-slate-900 hover:underline dark:text-white">
                  {t.title}
                </Link>
                <About task={t} names={names} />
              </td>
              <td className="px-4 py-3">
                <StatusControl task={t} canEdit={canEdit} />
              </td>
              <td className="px-4 py-3">
                <TaskProgress task={t} />
              </td>
              <td className="px-4 py-3 wrap-anywhere">{t.assigned_to ?? '—'}</td>
              <td className="px-4 py-3">
                <Due task={t} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// On a phone every task is a card with all that the table shows, nothing to scroll sideways for.
function TaskCards({ tasks, names, canEdit, now }: { tasks: ResearchTask[]; names: Names; canEdit: boolean; now: number }) {
  return (
    <ul className="space-y-3" aria-label="Research tasks">
      {tasks.map((t) => (
        <li key={t.id} data-testid="task-row" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <Link to={`/research/${t.id}`} className="font-medium wrap-anywhere text-slate-900 hover:underline dark:text-white">
            {t.title}
          </Link>
          <About task={t} names={names} />
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
            <StatusControl task={t} canEdit={canEdit} />
            <TaskProgress task={t} />
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
            <div className="min-w-0">
              <dt className="text-xs text-slate-600 dark:text-slate-400">Assigned</dt>
              <dd className="wrap-anywhere">{t.assigned_to ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600 dark:text-slate-400">Due</dt>
              <dd>
                <Due task={t} now={now} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

export default function ResearchTasksPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '').split(',').filter(Boolean);
  const assigned = params.get('assigned_to') ?? '';
  const technologyId = Number(params.get('technology_id')) || undefined;
  const repositoryId = Number(params.get('repository_id')) || undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const limit = 20;
  const tasks = useResearchTasks({ status, assigned_to: assigned || undefined, technology_id: technologyId, repository_id: repositoryId, page, limit });
  const stats = useTaskStatistics();
  const technologies = useTechnologyChoices();
  const repositories = useRepositoryChoices();
  const { canEdit } = usePermissions();
  const wide = useMinWidth('md');
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
  const filtered = status.length > 0 || !!assigned || !!technologyId || !!repositoryId;
  const now = Date.now();
  const names: Names = {
    technology: (id) => technologies.byId.get(id)?.title ?? `Technology #${id}`,
    repository: (id) => repositories.byId.get(id)?.full_name ?? `Repository #${id}`,
  };
  // A filter by an id that is not in the list (deleted meanwhile) still shows, by number.
  const technologyOptions = technologies.items.map((t) => ({ value: String(t.id), label: t.title }));
  if (technologyId && !technologies.byId.has(technologyId)) technologyOptions.unshift({ value: String(technologyId), label: names.technology(technologyId) });
  const repositoryOptions = repositories.items.map((r) => ({ value: String(r.id), label: r.full_name }));
  if (repositoryId && !repositories.byId.has(repositoryId)) repositoryOptions.unshift({ value: String(repositoryId), label: names.repository(repositoryId) });

  return (
    <>
      <PageHeader
        title="Research tasks"
        description={stats.data ? `${stats.data.total} ${stats.data.total === 1 ? 'task' : 'tasks'} · ${stats.data.overdue_count} overdue · ${stats.data.upcoming_count} due within a week` : 'What the team is finding out, and by when.'}
        actions={canEdit && <Button variant="primary" onClick={() => setCreating(true)}><Plus className="size-4" aria-hidden /> New task</Button>}
      />
      <div className="mb-4 space-y-3">
        <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-2">
          {TASK_STATUSES.map((s) => (
            <button key={s} type="button" aria-pressed={status.includes(s)} onClick={() => toggle(s)} className={`rounded-full border px-3 py-1 text-sm font-medium ${status.includes(s) ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'}`}>
              {label(s)}
              {stats.data?.by_status[s] !== undefined && <span className="ml-1 opacity-80">{stats.data.by_status[s]}</span>}
            </button>
          ))}
        </div>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          <div>
            <label htmlFor="task-technology" className="sr-only">Technology</label>
            <select id="task-technology" value={technologyId ? String(technologyId) : ''} onChange={(e) => set('technology_id', e.target.value)} className={`${controlClass} h-9`}>
              <option value="">All technologies</option>
              {technologyOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="task-repository" className="sr-only">Repository</label>
            <select id="task-repository" value={repositoryId ? String(repositoryId) : ''} onChange={(e) => set('repository_id', e.target.value)} className={`${controlClass} h-9`}>
              <option value="">All repositories</option>
              {repositoryOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="assigned" className="sr-only">Assigned to</label>
            <input id="assigned" placeholder="Assigned to" value={assigned} onChange={(e) => set('assigned_to', e.target.value)} className={`${controlClass} h-9`} />
          </div>
        </div>
      </div>
      {tasks.isLoading ? (
        <Spinner />
      ) : tasks.error ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : !tasks.data?.items.length ? (
        <EmptyState
          icon={<ListChecks className="size-8" aria-hidden />}
          title={filtered ? 'No task matches' : 'No research tasks yet'}
          action={filtered ? <Button onClick={() => setParams({})}>Clear filters</Button> : canEdit ? <Button variant="primary" onClick={() => setCreating(true)}>Create a task</Button> : undefined}
        >
          {filtered ? 'Try other filters.' : 'Plan what to find out about a technology or a repository, with a due date and findings.'}
        </EmptyState>
      ) : wide ? (
        <TaskTable tasks={tasks.data.items} names={names} canEdit={canEdit} now={now} />
      ) : (
        <TaskCards tasks={tasks.data.items} names={names} canEdit={canEdit} now={now} />
      )}
      {tasks.data && tasks.data.total > limit && <Pagination page={page} pageSize={limit} total={tasks.data.total} onPage={(p) => set('page', String(p))} />}
      {creating && <TaskFormDialog onClose={() => setCreating(false)} defaults={{ ...(technologyId ? { technology_id: technologyId } : {}), ...(repositoryId ? { repository_id: repositoryId } : {}) }} />}
    </>
  );
}
