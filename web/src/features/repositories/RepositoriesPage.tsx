import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FolderGit2, Lock, Plus, RefreshCw, Star } from 'lucide-react';
import { useDeleteRepository, useRepositories, useSyncRepository } from '@/api/repositories';
import { usePermissions } from '@/api/projects';
import type { Repository } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { controlClass } from '@/components/ui/Form';
import { PageHeader } from '@/components/ui/Layout';
import { Pagination } from '@/components/ui/Pagination';
import { toast } from '@/components/toast';
import { useDebounced } from '@/hooks/useDebounced';
import { formatNumber, formatRelative } from '@/lib/format';
import { RepositoryFormDialog } from './RepositoryForm';

export default function RepositoriesPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('search') ?? '');
  const debounced = useDebounced(search);
  const language = params.get('language') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const limit = 20;
  const repos = useRepositories({ search: debounced || undefined, language: language || undefined, page, limit });
  const sync = useSyncRepository();
  const remove = useDeleteRepository();
  const { canEdit } = usePermissions();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Repository | null>(null);
  const set = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  const filtered = !!(debounced || language);

  return (
    <>
      <PageHeader
        title="Repositories"
        description="The code repositories that use your technologies, synced from GitHub."
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden /> Add repository
            </Button>
          )
        }
      />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr]">
        <div>
          <label htmlFor="repo-search" className="sr-only">Search repositories</label>
          <input id="repo-search" type="search" placeholder="Search name or description" value={search} onChange={(e) => { setSearch(e.target.value); set('search', e.target.value); }} className={`${controlClass} h-10`} />
        </div>
        <div>
          <label htmlFor="repo-language" className="sr-only">Language</label>
          <input id="repo-language" placeholder="Language, e.g. C++" value={language} onChange={(e) => set('language', e.target.value)} className={`${controlClass} h-10`} />
        </div>
      </div>
      {repos.isLoading ? (
        <Spinner />
      ) : repos.error ? (
        <ErrorState error={repos.error} onRetry={() => void repos.refetch()} />
      ) : !repos.data?.items.length ? (
        <EmptyState icon={<FolderGit2 className="size-8" aria-hidden />} title={filtered ? 'No repository matches' : 'No repositories yet'} action={!filtered && canEdit ? <Button variant="primary" onClick={() => setCreating(true)}>Add a repository</Button> : undefined}>
          {filtered ? 'Try another search or language.' : 'Track the GitHub repositories of your team to see which technologies they use.'}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {repos.data.items.map((r) => (
            <li key={r.id} className="flex flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="repository-card">
              <div className="flex items-start justify-between gap-2">
                <Link to={`/repositories/${r.id}`} className="min-w-0 truncate font-semibold text-slate-900 hover:underline dark:text-white">
                  {r.full_name}
                </Link>
                {r.is_private && <Lock className="size-4 shrink-0 text-slate-500" aria-label="Private" />}
              </div>
              {r.description && <p className="mt-1 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{r.description}</p>}
              <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
                {r.language && <span>{r.language}</span>}
                <span className="inline-flex items-center gap-1"><Star className="size-3.5" aria-hidden />{formatNumber(r.stars)}</span>
                <span>{r.last_synced_at ? `Synced ${formatRelative(r.last_synced_at)}` : 'Never synced'}</span>
              </p>
              {canEdit && (
                <div className="mt-4 flex gap-2">
                  <Button size="sm" busy={sync.isPending && sync.variables === r.id} onClick={() => sync.mutate(r.id, { onSuccess: (res) => toast.success(res.changes_detected ? 'Synced: new commits' : 'Synced: up to date', r.full_name) })}>
                    <RefreshCw className="size-4" aria-hidden /> Sync
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDeleting(r)}>
                    Delete
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {repos.data && repos.data.total > limit && <Pagination page={page} pageSize={limit} total={repos.data.total} onPage={(p) => set('page', String(p))} />}
      {creating && <RepositoryFormDialog onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete ${deleting?.full_name ?? ''}?`}
        confirmLabel="Delete repository"
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          remove.mutate(deleting!.id, { onSuccess: () => toast.success('Repository deleted') });
          setDeleting(null);
        }}
      >
        <p>
          <strong>{deleting?.full_name}</strong> and its links to technologies are removed. Research tasks about it stay, without the link. Nothing changes on GitHub.
        </p>
      </ConfirmDialog>
    </>
  );
}
