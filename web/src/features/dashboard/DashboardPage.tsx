import { Link, useNavigate } from 'react-router';
import { Bar, BarChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AlertTriangle, BookOpen, Briefcase, FolderGit2, ListChecks, Radar } from 'lucide-react';
import type { ReactNode } from 'react';
import { useDashboardStats, useRecentActivity } from '@/api/dashboard';
import { useJobStatistics } from '@/api/jobs';
import { useCurrentProject } from '@/api/projects';
import { DOMAINS, STATUSES, TASK_STATUSES, type ActivityItem, type DashboardStats } from '@/api/types';
import { Card, PageHeader } from '@/components/ui/Layout';
import { EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { formatDate, formatNumber, formatRelative, label } from '@/lib/format';
import { DOMAIN_COLOR, STATUS_COLOR, TASK_COLOR } from '@/lib/palette';
import { useResolvedTheme } from '@/hooks/useResolvedTheme';
import { StatusBadge } from '@/features/radar/badges';

// Charts animate only for people who have not asked their system for less motion.
const animate = typeof window === 'undefined' || !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

// A number card; it leads to its screen when there is one.
function Metric({ to, icon, name, value, note }: { to?: string; icon: ReactNode; name: string; value: ReactNode; note?: ReactNode }) {
  const body = (
    <>
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium text-slate-600 dark:text-slate-300">{name}</span>
        <span className="rounded-lg bg-indigo-50 p-2 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">{icon}</span>
      </div>
      <p className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums dark:text-white" data-testid={`metric-${name}`}>
        {value}
      </p>
      {note && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{note}</p>}
    </>
  );
  const frame = 'rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900';
  if (!to) return <div className={frame}>{body}</div>;
  return (
    <Link to={to} className={`${frame} group transition hover:border-indigo-300 hover:shadow-md dark:hover:border-indigo-700`}>
      {body}
    </Link>
  );
}

// Chart segments are also listed as links, so every filter the chart offers is reachable by keyboard.
function ChartLegend({ items }: { items: { key: string; name: string; value: number; color: string; to: string }[] }) {
  return (
    <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1.5 text-sm">
      {items.map((i) => (
        <li key={i.key}>
          <Link to={i.to} className="inline-flex items-center gap-1.5 text-slate-700 hover:underline dark:text-slate-300">
            <span className="size-2.5 rounded-full" style={{ background: i.color }} aria-hidden />
            {i.name} <span className="font-semibold text-slate-900 tabular-nums dark:text-slate-100">{i.value}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

// The API lists the (at most five) repositories synced last, newest first: say which was last, and when.
export function lastSync(repositories: DashboardStats['repositories'], now = Date.now()): string {
  const last = repositories.recently_synced.find((r) => r.last_synced_at);
  if (last) return `Last synced: ${last.full_name}, ${formatRelative(last.last_synced_at, now)}`;
  return repositories.total ? 'None synced from GitHub yet' : 'None tracked yet';
}

function activityLink(item: ActivityItem): string {
  switch (item.type) {
    case 'technology':
      return `/technologies/${item.id}`;
    case 'repository':
      return `/repositories/${item.id}`;
    case 'research_task':
      return `/research/${item.id}`;
    default:
      return '/';
  }
}

export default function DashboardPage() {
  const stats = useDashboardStats();
  const activity = useRecentActivity(12);
  const jobs = useJobStatistics();
  const { project } = useCurrentProject();
  const navigate = useNavigate();
  const theme = useResolvedTheme();
  const axis = theme === 'dark' ? '#cbd5e1' : '#334155';
  const tooltipStyle = theme === 'dark' ? { background: '#0f172a', border: '1px solid #334155', color: '#f1f5f9' } : { background: '#fff', border: '1px solid #e2e8f0' };

  if (stats.isLoading) return <Spinner label="Loading the dashboard" />;
  if (stats.error) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data!;
  const byStatus = STATUSES.map((k) => ({ key: k, name: label(k), value: s.technologies.by_status[k] ?? 0, color: STATUS_COLOR[k], to: `/radar?status=${k}` }));
  const byDomain = DOMAINS.map((k) => ({ key: k, name: label(k), value: s.technologies.by_domain[k] ?? 0, color: DOMAIN_COLOR[k], to: `/radar?domain=${k}` })).filter((d) => d.value > 0);
  const tasks = TASK_STATUSES.map((k) => ({ key: k, name: label(k), value: s.research_tasks.by_status[k] ?? 0, color: TASK_COLOR[k], to: `/research?status=${k}` }));
  const empty = s.technologies.total === 0 && s.repositories.total === 0 && s.research_tasks.total === 0;

  return (
    <>
      <PageHeader title="Dashboard" description={project ? `What is happening in ${project.name}.` : undefined} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-5">
        <Metric to="/radar" icon={<Radar className="size-5" aria-hidden />} name="Technologies" value={formatNumber(s.technologies.total)} note={`${s.technologies.high_priority_count} high priority`} />
        <Metric to="/repositories" icon={<FolderGit2 className="size-5" aria-hidden />} name="Repositories" value={formatNumber(s.repositories.total)} note={lastSync(s.repositories)} />
        <Metric
          to="/research"
          icon={<ListChecks className="size-5" aria-hidden />}
          name="Research tasks"
          value={formatNumber(s.research_tasks.total)}
          note={
            s.research_tasks.overdue_count > 0 ? (
              <span className="font-medium text-rose-700 dark:text-rose-300">{s.research_tasks.overdue_count} overdue</span>
            ) : (
              `${s.research_tasks.upcoming_count} due this week`
            )
          }
        />
        <Metric to="/knowledge" icon={<BookOpen className="size-5" aria-hidden />} name="Knowledge entries" value={formatNumber(s.knowledge_base.total_entries)} note={`${formatNumber(s.knowledge_base.total_documents)} documents`} />
        <Metric to="/jobs" icon={<Briefcase className="size-5" aria-hidden />} name="Active jobs" value={jobs.data ? formatNumber(jobs.data.active_jobs) : '—'} note={jobs.data ? `${formatNumber(jobs.data.total)} in total` : 'Job statistics unavailable'} />
      </div>

      {empty && (
        <div className="mt-6">
          <EmptyState title="This project is just getting started" action={<Link to="/radar" className="font-medium text-indigo-700 underline dark:text-indigo-300">Open the radar and add a technology</Link>}>
            Add the technologies you use or are looking at, track the repositories that use them, and plan research tasks. The numbers here follow.
          </EmptyState>
        </div>
      )}

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Technologies by status">
          <div className="h-64" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={byStatus} margin={{ left: -20, right: 8 }}>
                <XAxis dataKey="name" tick={{ fill: axis, fontSize: 12 }} interval={0} angle={-20} textAnchor="end" height={50} />
                <YAxis allowDecimals={false} tick={{ fill: axis, fontSize: 12 }} />
                <Tooltip cursor={{ fill: theme === 'dark' ? '#1e293b' : '#f1f5f9' }} contentStyle={tooltipStyle} />
                <Bar isAnimationActive={animate} dataKey="value" name="Technologies" radius={[6, 6, 0, 0]} cursor="pointer" onClick={(d) => navigate((d as unknown as { to: string }).to)}>
                  {byStatus.map((d) => (
                    <Cell key={d.key} fill={d.color} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ChartLegend items={byStatus} />
        </Card>
        <Card title="Technologies by domain">
          {byDomain.length ? (
            <>
              <div className="h-64" aria-hidden>
                <ResponsiveContainer width="100%" height="100%">
                  <PieChart accessibilityLayer={false}>
                    <Pie isAnimationActive={animate} rootTabIndex={-1} data={byDomain} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" paddingAngle={2} cursor="pointer" onClick={(d) => navigate((d as unknown as { to: string }).to)}>
                      {byDomain.map((d) => (
                        <Cell key={d.key} fill={d.color} stroke={theme === 'dark' ? '#0f172a' : '#fff'} />
                      ))}
                    </Pie>
                    <Tooltip contentStyle={tooltipStyle} />
                  </PieChart>
                </ResponsiveContainer>
              </div>
              <ChartLegend items={byDomain} />
            </>
          ) : (
            <p className="py-16 text-center text-sm text-slate-600 dark:text-slate-400">No technologies yet.</p>
          )}
        </Card>
        <Card title="Research tasks by status">
          <div className="h-56" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={tasks} layout="vertical" margin={{ left: 10, right: 16 }}>
                <XAxis type="number" allowDecimals={false} tick={{ fill: axis, fontSize: 12 }} />
                <YAxis type="category" dataKey="name" width={90} tick={{ fill: axis, fontSize: 12 }} />
                <Tooltip cursor={{ fill: theme === 'dark' ? '#1e293b' : '#f1f5f9' }} contentStyle={tooltipStyle} />
                <Bar isAnimationActive={animate} dataKey="value" name="Tasks" radius={[0, 6, 6, 0]} cursor="pointer" onClick={(d) => navigate((d as unknown as { to: string }).to)}>
                  {tasks.map((d) => (
                    <Cell key={d.key} fill={d.color} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ChartLegend items={tasks} />
        </Card>
        <Card title="Recent activity">
          {activity.data?.items.length ? (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {activity.data.items.map((item) => (
                <li key={`${item.type}-${item.id}`} className="flex items-center justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <Link to={activityLink(item)} className="block truncate text-sm font-medium text-slate-900 hover:underline dark:text-slate-100">
                      {item.title ?? item.full_name ?? `#${item.id}`}
                    </Link>
                    <p className="text-xs text-slate-600 dark:text-slate-400">
                      {label(item.type)}
                      {item.status ? ` · ${label(item.status)}` : ''}
                    </p>
                  </div>
                  <time className="shrink-0 text-xs text-slate-600 dark:text-slate-400" dateTime={item.updated_at}>
                    {formatRelative(item.updated_at)}
                  </time>
                </li>
              ))}
            </ul>
          ) : (
            <p className="py-10 text-center text-sm text-slate-600 dark:text-slate-400">Nothing has happened yet.</p>
          )}
        </Card>
        <Card title="High priority technologies">
          {s.technologies.high_priority.length ? (
            <ul className="space-y-2">
              {s.technologies.high_priority.map((t) => (
                <li key={t.id} className="flex items-center justify-between gap-2">
                  <Link to={`/technologies/${t.id}`} className="truncate text-sm font-medium text-slate-900 hover:underline dark:text-slate-100">
                    {t.title}
                  </Link>
                  <StatusBadge status={t.status} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">No technology has priority 4 or 5.</p>
          )}
        </Card>
        <Card title="Due soon and overdue">
          {s.research_tasks.overdue_tasks.length + s.research_tasks.upcoming_tasks.length ? (
            <ul className="space-y-2">
              {s.research_tasks.overdue_tasks.map((t) => (
                <li key={`o${t.id}`} className="flex items-center justify-between gap-2 text-sm">
                  <Link to={`/research/${t.id}`} className="flex min-w-0 items-center gap-1.5 truncate font-medium text-rose-800 hover:underline dark:text-rose-300">
                    <AlertTriangle className="size-4 shrink-0" aria-label="Overdue" />
                    {t.title}
                  </Link>
                  <span className="shrink-0 text-xs text-rose-800 dark:text-rose-300">{formatDate(t.due_date)}</span>
                </li>
              ))}
              {s.research_tasks.upcoming_tasks.map((t) => (
                <li key={`u${t.id}`} className="flex items-center justify-between gap-2 text-sm">
                  <Link to={`/research/${t.id}`} className="truncate font-medium text-slate-900 hover:underline dark:text-slate-100">
                    {t.title}
                  </Link>
                  <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{formatDate(t.due_date)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">No research task is due in the next week.</p>
          )}
        </Card>
      </div>
    </>
  );
}
