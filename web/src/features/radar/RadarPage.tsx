import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { LayoutGrid, Plus, Radar as RadarIcon, Table2, Upload, X } from 'lucide-react';
import { RADAR_LIMIT, useRadarTechnologies, useTechnologies } from '@/api/technologies';
import { usePermissions } from '@/api/projects';
import { useTechnologyFilters, type RadarView } from '@/hooks/useTechnologyFilters';
import { useMinWidth } from '@/hooks/useMediaQuery';
import { Button } from '@/components/ui/Button';
import { Card, PageHeader } from '@/components/ui/Layout';
import { EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { Pagination } from '@/components/ui/Pagination';
import { label, splitTags } from '@/lib/format';
import { DOMAINS, type Technology } from '@/api/types';
import { TechnologyFilters } from './TechnologyFilters';
import { RadarChart, useBlipNumbers } from './RadarChart';
import { RadarIndex, RadarKey } from './RadarLegend';
import { TechnologyCards } from './TechnologyCards';
import { TechnologyTable } from './TechnologyTable';
import { useRecentMoves } from './useRecentMoves';
import { useTechnologyActions } from './TechnologyActions';
import { DomainLabel, StatusBadge } from './badges';

const VIEWS: { value: RadarView; label: string; Icon: typeof RadarIcon }[] = [
  { value: 'radar', label: 'Radar', Icon: RadarIcon },
  { value: 'cards', label: 'Cards', Icon: LayoutGrid },
  { value: 'table', label: 'Table', Icon: Table2 },
];

function ViewSwitch({ view, onChange }: { view: RadarView; onChange: (v: RadarView) => void }) {
  return (
    <div role="group" aria-label="View" className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 shadow-sm dark:border-slate-600 dark:bg-slate-900">
      {VIEWS.map(({ value, label: text, Icon }) => (
        <button
          key={value}
          type="button"
          aria-pressed={view === value}
          onClick={() => onChange(value)}
          className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${view === value ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'}`}
        >
          <Icon className="size-4" aria-hidden />
          {text}
        </button>
      ))}
    </div>
  );
}

// Below `xl` the details come after the chart, out of sight on a phone: choosing a blip brings them into view.
function useRevealOnSelect(id: number) {
  const ref = useRef<HTMLDivElement>(null);
  const beside = useMinWidth('xl');
  useEffect(() => {
    const panel = ref.current;
    if (!panel || beside) return;
    const box = panel.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    panel.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  }, [id, beside]);
  return ref;
}

function SelectedPanel({ technology, number, moved, canEdit, onEdit, onDelete, onClose }: { technology: Technology; number?: number; moved: boolean; canEdit: boolean; onEdit: () => void; onDelete: () => void; onClose: () => void }) {
  const ref = useRevealOnSelect(technology.id);
  return (
    <div ref={ref} className="scroll-mt-20 scroll-mb-4">
    <Card
      title={
        <span>
          {number !== undefined && <span className="mr-1 text-slate-600 dark:text-slate-400">{number}.</span>}
          {technology.title}
        </span>
      }
      actions={
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded-lg p-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
          <X className="size-4" aria-hidden />
        </button>
      }
    >
      <div className="space-y-3 text-sm" data-testid="radar-details">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={technology.status} />
          <DomainLabel domain={technology.domain} />
          {moved && <span className="text-xs font-medium text-amber-700 dark:text-amber-300">Moved in the last 30 days</span>}
        </div>
        <p className="text-slate-700 dark:text-slate-300">
          Priority <strong>{technology.priority}</strong> · Relevance <strong>{technology.relevance_score}</strong>
          {technology.vendor && <> · {technology.vendor}</>}
        </p>
        {technology.description && <p className="text-slate-700 dark:text-slate-300">{technology.description}</p>}
        {splitTags(technology.tags).length > 0 && <p className="text-slate-600 dark:text-slate-400">Tags: {splitTags(technology.tags).join(', ')}</p>}
        <div className="flex gap-2 pt-1">
          {technology.id > 0 && (
            <Link to={`/technologies/${technology.id}`} className="inline-flex h-8 items-center rounded-lg bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-700">
              Open
            </Link>
          )}
          {canEdit && technology.id > 0 && (
            <>
              <Button size="sm" onClick={onEdit}>
                Edit
              </Button>
              <Button size="sm" variant="danger" onClick={onDelete}>
                Delete
              </Button>
            </>
          )}
        </div>
      </div>
    </Card>
    </div>
  );
}

function RadarView({ filters, canEdit, onEdit, onDelete, onCreate }: { filters: ReturnType<typeof useTechnologyFilters>; canEdit: boolean; onEdit: (t: Technology) => void; onDelete: (t: Technology) => void; onCreate: () => void }) {
  const query = useRadarTechnologies({ domain: filters.domain, status: filters.status, tag: filters.tag, search: filters.search || undefined });
  const technologies = query.data?.items ?? [];
  const moved = useRecentMoves();
  const numbers = useBlipNumbers(technologies);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [highlightedId, setHighlightedId] = useState<number | null>(null);
  const selected = technologies.find((t) => t.id === selectedId);

  if (query.isLoading) return <Spinner label="Drawing the radar" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!technologies.length) return <NoTechnologies filtered={filters.filterCount > 0} canEdit={canEdit} onCreate={onCreate} onClear={filters.clear} />;
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
      {/* Edge to edge on a phone, where every pixel of width makes the chart more legible. */}
      <section aria-label="Radar chart" className="-mx-4 min-w-0 self-start border-y border-slate-200 bg-white px-1 py-3 shadow-sm sm:mx-0 sm:rounded-2xl sm:border sm:p-4 dark:border-slate-800 dark:bg-slate-900">
        {query.data && query.data.total > technologies.length && (
          <p className="mb-2 px-2 text-sm text-amber-800 dark:text-amber-200">
            Showing the {RADAR_LIMIT} most important of {query.data.total} technologies. Filter to see the rest.
          </p>
        )}
        <RadarChart
          technologies={technologies}
          domains={DOMAINS.filter((d) => filters.domain.includes(d))}
          moved={moved}
          selectedId={selectedId}
          highlightedId={highlightedId}
          onSelect={setSelectedId}
          onHighlight={setHighlightedId}
          onShowDomain={(domain) => filters.update({ domain: [domain] })}
        />
      </section>
      <div className="space-y-6">
        {selected && <SelectedPanel technology={selected} number={numbers.get(selected.id)} moved={moved.has(selected.id)} canEdit={canEdit} onEdit={() => onEdit(selected)} onDelete={() => { onDelete(selected); setSelectedId(null); }} onClose={() => setSelectedId(null)} />}
        <Card title="How to read it">
          <RadarKey />
        </Card>
        <Card title={`Technologies (${technologies.length})`}>
          <RadarIndex technologies={technologies} numbers={numbers} moved={moved} selectedId={selectedId} onSelect={setSelectedId} onHighlight={setHighlightedId} />
        </Card>
      </div>
    </div>
  );
}

function NoTechnologies({ filtered, canEdit, onCreate, onClear }: { filtered: boolean; canEdit: boolean; onCreate: () => void; onClear: () => void }) {
  if (filtered)
    return (
      <EmptyState title="No technology matches these filters" action={<Button onClick={onClear}>Clear filters</Button>}>
        Widen the search, or clear the filters to see the whole radar.
      </EmptyState>
    );
  return (
    <EmptyState
      icon={<RadarIcon className="size-8" aria-hidden />}
      title="The radar is empty"
      action={
        canEdit ? (
          <div className="flex flex-wrap justify-center gap-2">
            <Button variant="primary" onClick={onCreate}>
              <Plus className="size-4" aria-hidden /> Add a technology
            </Button>
            <Link to="/jobs/import" className="inline-flex h-10 items-center gap-2 rounded-lg border border-slate-300 px-4 text-sm font-medium dark:border-slate-600">
              <Upload className="size-4" aria-hidden /> Import a CSV
            </Link>
          </div>
        ) : undefined
      }
    >
      {canEdit ? 'Add the technologies your team uses or is looking at, one by one or from a CSV or JSON file.' : 'Nobody has added a technology to this project yet.'}
    </EmptyState>
  );
}

function ListView({ filters, canEdit, onEdit, onDelete, onCreate }: { filters: ReturnType<typeof useTechnologyFilters>; canEdit: boolean; onEdit: (t: Technology) => void; onDelete: (t: Technology) => void; onCreate: () => void }) {
  const query = useTechnologies(filters.listParams);
  if (query.isLoading) return <Spinner label="Loading technologies" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data!;
  if (!data.items.length && data.total === 0) return <NoTechnologies filtered={filters.filterCount > 0} canEdit={canEdit} onCreate={onCreate} onClear={filters.clear} />;
  return (
    <div>
      {filters.view === 'cards' ? (
        <TechnologyCards technologies={data.items} canEdit={canEdit} onEdit={onEdit} onDelete={onDelete} />
      ) : (
        <TechnologyTable technologies={data.items} sort={filters.sort || '-updated_at'} onSort={(sort) => filters.update({ sort })} canEdit={canEdit} onEdit={onEdit} onDelete={onDelete} />
      )}
      <Pagination page={filters.page} pageSize={filters.limit} total={data.total} onPage={(page) => filters.update({ page })} onPageSize={(limit) => filters.update({ limit })} />
    </div>
  );
}

export default function RadarPage() {
  const filters = useTechnologyFilters();
  const { canEdit } = usePermissions();
  const actions = useTechnologyActions();
  const summary = [filters.domain.map(label).join(', '), filters.status.map(label).join(', ')].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        title="Technology Radar"
        description={summary ? `Filtered: ${summary}` : 'Every technology of the project by domain and lifecycle status.'}
        actions={
          <>
            <ViewSwitch view={filters.view} onChange={(view) => filters.update({ view }, { resetPage: false })} />
            {canEdit && (
              <>
                <Link to="/jobs/import" className="inline-flex h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
                  <Upload className="size-4" aria-hidden /> Import
                </Link>
                <Button variant="primary" onClick={actions.create}>
                  <Plus className="size-4" aria-hidden /> Add technology
                </Button>
              </>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <TechnologyFilters filters={filters} />
        {filters.view === 'radar' ? (
          <RadarView filters={filters} canEdit={canEdit} onEdit={actions.edit} onDelete={actions.remove} onCreate={actions.create} />
        ) : (
          <ListView filters={filters} canEdit={canEdit} onEdit={actions.edit} onDelete={actions.remove} onCreate={actions.create} />
        )}
      </div>
      {actions.dialogs}
    </>
  );
}
