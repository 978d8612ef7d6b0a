import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, ArrowRight, ExternalLink, Link2, Pencil, Trash2, Unlink } from 'lucide-react';
import { useLink, useTechnology, useTechnologyChoices, useTechnologyHistory, useTechnologyRepositories, useUnlink } from '@/api/technologies';
import { useRepositoryChoices } from '@/api/repositories';
import { useResearchTasks } from '@/api/research';
import { usePermissions } from '@/api/projects';
import { Button } from '@/components/ui/Button';
import { Card, PageHeader } from '@/components/ui/Layout';
import { Badge, EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { SelectField } from '@/components/ui/Form';
import { formatDate, formatDateTime, formatNumber, formatRelative, label, splitTags } from '@/lib/format';
import { TASK_BADGE } from '@/lib/palette';
import type { HistoryEntry, Technology } from '@/api/types';
import { DomainLabel, StatusBadge } from './badges';
import { useTechnologyActions } from './TechnologyActions';

function Detail({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{name}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function Timeline({ history }: { history: HistoryEntry[] }) {
  const entries = [...history].sort((a, b) => b.changed_at.localeCompare(a.changed_at) || b.id - a.id);
  return (
    <ol className="relative space-y-5 border-l-2 border-slate-200 pl-6 dark:border-slate-700" aria-label="History">
      {entries.map((h) => (
        <li key={h.id} className="relative" data-testid="history-entry">
          <span className={`absolute top-1 -left-[31px] size-3.5 rounded-full border-2 border-white dark:border-slate-900 ${h.from === null ? 'bg-emerald-500' : 'bg-indigo-500'}`} aria-hidden />
          <p className="text-sm text-slate-900 dark:text-slate-100">
            <span className="font-semibold">{label(h.field)}</span>{' '}
            {h.from === null ? (
              <>
                set to <strong>{label(h.to)}</strong>
              </>
            ) : (
              <span className="inline-flex flex-wrap items-center gap-1">
                <span className="text-slate-600 line-through dark:text-slate-400">{label(h.from)}</span>
                <ArrowRight className="size-3.5" aria-label="to" />
                <strong>{label(h.to)}</strong>
              </span>
            )}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <time dateTime={h.changed_at} title={formatDateTime(h.changed_at)}>
              {formatRelative(h.changed_at)}
            </time>{' '}
            by {h.changed_by_email ?? 'someone no longer known'}
          </p>
          {h.reason && <p className="mt-1 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 italic dark:bg-slate-800 dark:text-slate-300">“{h.reason}”</p>}
        </li>
      ))}
    </ol>
  );
}

function LinkedRepositories({ technology, canEdit }: { technology: Technology; canEdit: boolean }) {
  const linked = useTechnologyRepositories(technology.id);
  const all = useRepositoryChoices(); // every repository of the project, by full name
  const link = useLink();
  const unlink = useUnlink();
  const [choice, setChoice] = useState('');
  const linkedIds = new Set((linked.data ?? []).map((r) => r.id));
  const options = all.items.filter((r) => !linkedIds.has(r.id)).map((r) => ({ value: String(r.id), label: r.full_name }));
  return (
    <Card title="Repositories using it">
      {linked.isLoading ? (
        <Spinner />
      ) : linked.data?.length ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {linked.data.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <Link to={`/repositories/${r.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {r.full_name}
                </Link>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {label(r.link.source)} link{r.link.notes ? ` · ${r.link.notes}` : ''}
                </p>
              </div>
              {canEdit && (
                <Button size="sm" variant="ghost" onClick={() => unlink.mutate({ technologyId: technology.id, repositoryId: r.id })} aria-label={`Unlink ${r.full_name}`}>
                  <Unlink className="size-4" aria-hidden />
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No repository is linked yet.</p>
      )}
      {canEdit && options.length > 0 && (
        <form
          className="mt-4 flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) link.mutate({ technologyId: technology.id, repositoryId: Number(choice) }, { onSuccess: () => setChoice('') });
          }}
        >
          <SelectField className="min-w-0 flex-1" label="Link a repository" value={choice} onChange={(e) => setChoice(e.target.value)} placeholder="Choose…" options={options} />
          <Button type="submit" disabled={!choice} busy={link.isPending}>
            <Link2 className="size-4" aria-hidden /> Link
          </Button>
        </form>
      )}
    </Card>
  );
}

const relationText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

// What it depends on (its `dependencies`) and which technologies depend on it.
function Dependencies({ technology }: { technology: Technology }) {
  const choices = useTechnologyChoices();
  const dependsOn = Object.entries(technology.dependencies ?? {});
  const neededBy = choices.items.filter((o) => o.id !== technology.id && o.dependencies && Object.hasOwn(o.dependencies, String(technology.id)));
  if (!dependsOn.length && !neededBy.length) return null;
  const link = 'font-medium text-indigo-700 hover:underline dark:text-indigo-300';
  return (
    <div className="mt-5 grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="technology-dependencies">
      {dependsOn.length > 0 && (
        <Detail name="Depends on">
          <ul className="space-y-1">
            {dependsOn.map(([id, relation]) => {
              const other = choices.byId.get(Number(id));
              return (
                <li key={id} className="wrap-anywhere">
                  {other ? (
                    <Link to={`/technologies/${other.id}`} className={link}>
                      {other.title}
                    </Link>
                  ) : (
                    <span>{/^\d+$/.test(id) ? `Technology #${id}` : id}</span>
                  )}{' '}
                  <span className="text-slate-600 dark:text-slate-400">· {relationText(relation)}</span>
                </li>
              );
            })}
          </ul>
        </Detail>
      )}
      {neededBy.length > 0 && (
        <Detail name="Needed by">
          <ul className="space-y-1">
            {neededBy.map((o) => (
              <li key={o.id} className="wrap-anywhere">
                <Link to={`/technologies/${o.id}`} className={link}>
                  {o.title}
                </Link>{' '}
                <span className="text-slate-600 dark:text-slate-400">· {relationText(o.dependencies![String(technology.id)])}</span>
              </li>
            ))}
          </ul>
        </Detail>
      )}
    </div>
  );
}

function Tasks({ technologyId }: { technologyId: number }) {
  const tasks = useResearchTasks({ technology_id: technologyId, page: 1, limit: 20 });
  return (
    <Card title="Research tasks" actions={<Link to={`/research?technology_id=${technologyId}`} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">All</Link>}>
      {tasks.data?.items.length ? (
        <ul className="space-y-2">
          {tasks.data.items.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-2">
              <Link to={`/research/${t.id}`} className="truncate text-sm font-medium text-slate-900 hover:underline dark:text-slate-100">
                {t.title}
              </Link>
              <Badge className={TASK_BADGE[t.status]}>{label(t.status)}</Badge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No research task is about this technology.</p>
      )}
    </Card>
  );
}

export default function TechnologyPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const query = useTechnology(id);
  const history = useTechnologyHistory(id);
  const { canEdit } = usePermissions();
  const actions = useTechnologyActions({ onDeleted: () => navigate('/radar') });

  if (query.isLoading) return <Spinner />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const t = query.data!.technology;
  const urls = [
    ['Website', t.website_url],
    ['Documentation', t.documentation_url],
    ['Repository', t.repository_url],
  ].filter(([, u]) => u) as [string, string][];
  return (
    <>
      <Link to="/radar" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Radar
      </Link>
      <PageHeader
        title={t.title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={t.status} />
            <DomainLabel domain={t.domain} />
            {t.vendor && <span>· {t.vendor}</span>}
          </span>
        }
        actions={
          canEdit && (
            <>
              <Button onClick={() => actions.edit(t)}>
                <Pencil className="size-4" aria-hidden /> Edit
              </Button>
              <Button variant="danger" onClick={() => actions.remove(t)}>
                <Trash2 className="size-4" aria-hidden /> Delete
              </Button>
            </>
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card title="Overview">
            {t.description ? <p className="text-sm whitespace-pre-line text-slate-700 dark:text-slate-300">{t.description}</p> : <p className="text-sm text-slate-600 dark:text-slate-400">No description yet.</p>}
            <dl className="mt-5 grid grid-cols-2 gap-4 sm:grid-cols-4">
              <Detail name="Priority">{t.priority} / 5</Detail>
              <Detail name="Relevance">{t.relevance_score} / 100</Detail>
              <Detail name="Maturity">{label(t.maturity_level)}</Detail>
              <Detail name="Stability">{t.stability_score ?? '—'}</Detail>
              <Detail name="Integration">{label(t.integration_difficulty)}</Detail>
              <Detail name="Estimate">{t.integration_time_estimate_days !== null ? `${t.integration_time_estimate_days} days` : '—'}</Detail>
              <Detail name="Cost">{label(t.cost_tier)}{t.cost_monthly_usd !== null ? ` · $${formatNumber(t.cost_monthly_usd)}/month` : ''}</Detail>
              <Detail name="Latency">{t.latency_ms !== null ? `${t.latency_ms} ms` : '—'}</Detail>
              <Detail name="Throughput">{t.throughput_qps !== null ? `${formatNumber(t.throughput_qps)} q/s` : '—'}</Detail>
              <Detail name="GitHub stars">{formatNumber(t.github_stars)}</Detail>
              <Detail name="Last commit">{formatDate(t.github_last_commit)}</Detail>
              <Detail name="HN score">{formatNumber(t.hn_score_avg, 1)}</Detail>
            </dl>
            {(t.use_cases || t.notes || t.alternatives) && (
              <div className="mt-5 grid grid-cols-1 gap-4 sm:grid-cols-3">
                {t.use_cases && <Detail name="Use cases"><span className="whitespace-pre-line">{t.use_cases}</span></Detail>}
                {t.alternatives && <Detail name="Alternatives"><span className="whitespace-pre-line">{t.alternatives}</span></Detail>}
                {t.notes && <Detail name="Notes"><span className="whitespace-pre-line">{t.notes}</span></Detail>}
              </div>
            )}
            <Dependencies technology={t} />
            {(splitTags(t.tags).length > 0 || urls.length > 0) && (
              <div className="mt-5 flex flex-wrap items-center gap-2">
                {splitTags(t.tags).map((tag) => (
                  <Link key={tag} to={`/radar?view=table&tag=${encodeURIComponent(tag)}`} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300">
                    {tag}
                  </Link>
                ))}
                {urls.map(([name, url]) => (
                  <a key={name} href={url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-sm text-indigo-700 hover:underline dark:text-indigo-300">
                    {name} <ExternalLink className="size-3.5" aria-hidden />
                  </a>
                ))}
              </div>
            )}
          </Card>
          <Card title="History">
            {history.isLoading ? <Spinner /> : history.data?.length ? <Timeline history={history.data} /> : <EmptyState title="No changes recorded" />}
          </Card>
        </div>
        <div className="space-y-6">
          <LinkedRepositories technology={t} canEdit={canEdit} />
          <Tasks technologyId={t.id} />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Added {formatDateTime(t.created_at)} · updated {formatRelative(t.updated_at)} · version {t.version}
          </p>
        </div>
      </div>
      {actions.dialogs}
    </>
  );
}
