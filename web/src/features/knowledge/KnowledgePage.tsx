import { useState } from 'react';
import { Link } from 'react-router';
import { BookMarked, Pencil, Plus, Trash2 } from 'lucide-react';
import { useDeleteKnowledgeEntry, useKnowledgeCategories, useKnowledgeEntries } from '@/api/knowledge';
import { usePermissions } from '@/api/projects';
import { useTechnologyChoices } from '@/api/technologies';
import type { KnowledgeEntry } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { Badge, EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { controlClass } from '@/components/ui/Form';
import { PageHeader } from '@/components/ui/Layout';
import { Pagination } from '@/components/ui/Pagination';
import { toast } from '@/components/toast';
import { useDebounced } from '@/hooks/useDebounced';
import { KNOWLEDGE_PAGE_SIZES, toKnowledgeListParams, useKnowledgeFilters } from '@/hooks/useKnowledgeFilters';
import { formatRelative } from '@/lib/format';
import { KnowledgeFormDialog } from './KnowledgeForm';

export default function KnowledgePage() {
  const filters = useKnowledgeFilters();
  const search = useDebounced(filters.search);
  const entries = useKnowledgeEntries(toKnowledgeListParams(filters, search));
  const categories = useKnowledgeCategories();
  const techs = useTechnologyChoices(); // every technology of the project, by title
  const remove = useDeleteKnowledgeEntry();
  const { canEdit } = usePermissions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<KnowledgeEntry | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeEntry | null>(null);
  const techTitle = new Map(techs.items.map((t) => [t.id, t.title]));
  // A category in the URL that no entry uses any more is still offered, so that the select shows it.
  const categoryOptions = [...new Set([...(categories.data ?? []), ...(filters.category ? [filters.category] : [])])].sort();
  const filtered = filters.filterCount > 0;

  return (
    <>
      <PageHeader
        title="Knowledge"
        description="What the team has learned: notes, excerpts and findings, by category and technology."
        actions={canEdit && <Button variant="primary" onClick={() => setCreating(true)}><Plus className="size-4" aria-hidden /> New entry</Button>}
      />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <div>
          <label htmlFor="knowledge-search" className="sr-only">Search knowledge</label>
          <input id="knowledge-search" type="search" placeholder="Search title, content or category" maxLength={200} value={filters.search} onChange={(e) => filters.update({ search: e.target.value })} className={`${controlClass} h-10`} />
        </div>
        <div>
          <label htmlFor="knowledge-category" className="sr-only">Category</label>
          <select id="knowledge-category" value={filters.category} onChange={(e) => filters.update({ category: e.target.value })} className={`${controlClass} h-10 pr-8`}>
            <option value="">All categories</option>
            {categoryOptions.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="knowledge-technology" className="sr-only">Technology</label>
          <select id="knowledge-technology" value={filters.technologyId ? String(filters.technologyId) : ''} onChange={(e) => filters.update({ technologyId: Number(e.target.value) || undefined })} className={`${controlClass} h-10 pr-8`}>
            <option value="">All technologies</option>
            {filters.technologyId && !techTitle.has(filters.technologyId) && <option value={filters.technologyId}>Technology #{filters.technologyId}</option>}
            {techs.items.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </div>
      </div>
      {filtered && (
        <p className="-mt-2 mb-4 text-sm text-slate-600 dark:text-slate-400">
          {entries.data ? `${entries.data.total} matching ${entries.data.total === 1 ? 'entry' : 'entries'}. ` : ''}
          <button type="button" onClick={filters.clear} className="font-medium text-indigo-700 underline dark:text-indigo-300">Clear filters</button>
        </p>
      )}
      {entries.isLoading ? (
        <Spinner />
      ) : entries.error ? (
        <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
      ) : !entries.data?.items.length ? (
        <EmptyState
          icon={<BookMarked className="size-8" aria-hidden />}
          title={filtered ? 'No entry matches' : 'No knowledge entries yet'}
          action={
            filtered ? <Button onClick={filters.clear}>Clear filters</Button> : canEdit ? <Button variant="primary" onClick={() => setCreating(true)}>Add the first entry</Button> : undefined
          }
        >
          {filtered
            ? 'Try other words, another category or technology, or clear the filters.'
            : canEdit
              ? 'Write down what you find out — a design note, an excerpt from a manual, a benchmark result — with a category, so that the team can find it again.'
              : 'Nothing has been written down in this project yet. Members add entries here.'}
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Knowledge entries">
          {entries.data.items.map((e) => (
            <li key={e.id} data-testid="knowledge-row" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  {e.id > 0 ? (
                    <Link to={`/knowledge/${e.id}`} className="font-semibold break-words text-slate-900 hover:underline dark:text-white">{e.title}</Link>
                  ) : (
                    <span className="font-semibold text-slate-900 dark:text-white">{e.title}</span>
                  )}
                  <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
                    <Badge className="bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" testId="knowledge-category">{e.category}</Badge>
                    {e.technology_id && <span>{techTitle.get(e.technology_id) ?? `Technology #${e.technology_id}`}</span>}
                    <span>Updated {formatRelative(e.updated_at)}</span>
                  </p>
                </div>
                {canEdit && e.id > 0 && (
                  <div className="flex gap-1">
                    <Button size="sm" variant="ghost" aria-label={`Edit ${e.title}`} onClick={() => setEditing(e)}><Pencil className="size-4" aria-hidden /></Button>
                    <Button size="sm" variant="ghost" aria-label={`Delete ${e.title}`} onClick={() => setDeleting(e)}><Trash2 className="size-4" aria-hidden /></Button>
                  </div>
                )}
              </div>
              <p className="mt-2 line-clamp-2 text-sm break-words whitespace-pre-line text-slate-700 dark:text-slate-300">{e.content}</p>
            </li>
          ))}
        </ul>
      )}
      {entries.data && entries.data.total > KNOWLEDGE_PAGE_SIZES[0] && (
        <Pagination page={filters.page} pageSize={filters.limit} total={entries.data.total} sizes={KNOWLEDGE_PAGE_SIZES} onPage={(p) => filters.update({ page: p })} onPageSize={(limit) => filters.update({ limit })} />
      )}
      {creating && <KnowledgeFormDialog onClose={() => setCreating(false)} defaults={filters.technologyId ? { technology_id: filters.technologyId, category: filters.category } : filters.category ? { category: filters.category } : undefined} />}
      {editing && <KnowledgeFormDialog entry={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete ${deleting?.title ?? ''}?`}
        confirmLabel="Delete entry"
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const entry = deleting!;
          remove.mutate({ id: entry.id }, { onSuccess: () => toast.success('Entry deleted', entry.title) });
          setDeleting(null);
        }}
      >
        <p>
          <strong>{deleting?.title}</strong> is removed from the knowledge base. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
