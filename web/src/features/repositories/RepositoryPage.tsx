import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, ExternalLink, Pencil, RefreshCw, Trash2 } from 'lucide-react';
import { useDeleteRepository, useRepository, useRepositoryTechnologies, useSyncRepository } from '@/api/repositories';
import { usePermissions } from '@/api/projects';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { ErrorState, Spinner } from '@/components/ui/Feedback';
import { Card, PageHeader } from '@/components/ui/Layout';
import { toast } from '@/components/toast';
import { formatDateTime, formatNumber, label } from '@/lib/format';
import { StatusBadge } from '@/features/radar/badges';
import { RepositoryFormDialog } from './RepositoryForm';

export default function RepositoryPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const query = useRepository(id);
  const techs = useRepositoryTechnologies(id);
  const sync = useSyncRepository();
  const remove = useDeleteRepository();
  const { canEdit } = usePermissions();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (query.isLoading) return <Spinner />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data!.repository;
  return (
    <>
      <Link to="/repositories" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Repositories
      </Link>
      <PageHeader
        title={r.full_name}
        description={r.description ?? undefined}
        actions={
          canEdit && (
            <>
              <Button busy={sync.isPending} onClick={() => sync.mutate(r.id, { onSuccess: (res) => toast.success(res.changes_detected ? 'Synced: new commits' : 'Synced: up to date') })}>
                <RefreshCw className="size-4" aria-hidden /> Sync from GitHub
              </Button>
              <Button onClick={() => setEditing(true)}>
                <Pencil className="size-4" aria-hidden /> Edit
              </Button>
              <Button variant="danger" onClick={() => setDeleting(true)}>
                <Trash2 className="size-4" aria-hidden /> Delete
              </Button>
            </>
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="On GitHub">
          <dl className="grid grid-cols-2 gap-4 text-sm">
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Language</dt><dd>{r.language ?? '—'}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Default branch</dt><dd>{r.default_branch ?? '—'}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Stars</dt><dd>{formatNumber(r.stars)}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Forks</dt><dd>{formatNumber(r.forks)}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Access token</dt><dd>{r.has_access_token ? 'Stored (encrypted)' : 'None'}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Last synced</dt><dd>{formatDateTime(r.last_synced_at)}</dd></div>
          </dl>
          {r.last_commit_sha && (
            <div className="mt-4 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800">
              <p className="font-mono text-xs">{r.last_commit_sha.slice(0, 12)}</p>
              <p className="mt-1">{r.last_commit_message}</p>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                {r.last_commit_author} · {formatDateTime(r.last_commit_date)}
              </p>
            </div>
          )}
          {r.url && (
            <a href={r.url} target="_blank" rel="noreferrer" className="mt-4 inline-flex items-center gap-1 text-sm text-indigo-700 hover:underline dark:text-indigo-300">
              Open on GitHub <ExternalLink className="size-3.5" aria-hidden />
            </a>
          )}
        </Card>
        <Card title="Technologies it uses">
          {techs.data?.length ? (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {techs.data.map((t) => (
                <li key={t.id} className="flex items-center justify-between gap-2 py-2">
                  <div>
                    <Link to={`/technologies/${t.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{t.title}</Link>
                    <p className="text-xs text-slate-600 dark:text-slate-400">{label(t.link.source)} link</p>
                  </div>
                  <StatusBadge status={t.status} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">No technology is linked. Link one from its page on the radar.</p>
          )}
        </Card>
      </div>
      {editing && <RepositoryFormDialog repository={r} etag={query.data!.etag} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={deleting}
        title={`Delete ${r.full_name}?`}
        confirmLabel="Delete repository"
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate(r.id, { onSuccess: () => navigate('/repositories') })}
      >
        <p>Its links to technologies are removed; research tasks stay without the link. Nothing changes on GitHub.</p>
      </ConfirmDialog>
    </>
  );
}
