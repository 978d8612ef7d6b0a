import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, ExternalLink, Link2, Pencil, RefreshCw, Trash2, Unlink } from 'lucide-react';
import { useDeleteRepository, useRepository, useRepositoryTechnologies, useSyncRepository } from '@/api/repositories';
import { usePermissions } from '@/api/projects';
import { useLink, useTechnologyChoices, useUnlink } from '@/api/technologies';
import { SelectField } from '@/components/ui/Form';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { ErrorState, Spinner } from '@/components/ui/Feedback';
import { Card, PageHeader } from '@/components/ui/Layout';
import { toast } from '@/components/toast';
import { formatDateTime, formatNumber, label } from '@/lib/format';
import { StatusBadge } from '@/features/radar/badges';
import { RepositoryFormDialog } from './RepositoryForm';

// The technologies it uses, linked and unlinked from here as from a technology's page.
function LinkedTechnologies({ repositoryId, fullName, canEdit }: { repositoryId: number; fullName: string; canEdit: boolean }) {
  const linked = useRepositoryTechnologies(repositoryId);
  const choices = useTechnologyChoices();
  const link = useLink();
  const unlink = useUnlink();
  const [choice, setChoice] = useState('');
  const linkedIds = new Set((linked.data ?? []).map((t) => t.id));
  const options = choices.items.filter((t) => !linkedIds.has(t.id)).map((t) => ({ value: String(t.id), label: t.title }));
  return (
    <Card title="Technologies it uses">
      {linked.isLoading ? (
        <Spinner />
      ) : linked.data?.length ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={`Technologies ${fullName} uses`}>
          {linked.data.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-2 py-2" data-testid="linked-technology">
              <div className="min-w-0">
                <Link to={`/technologies/${t.id}`} className="font-medium wrap-anywhere text-indigo-700 hover:underline dark:text-indigo-300">{t.title}</Link>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {label(t.link.source)} link{t.link.notes ? ` · ${t.link.notes}` : ''}
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-1">
                <StatusBadge status={t.status} />
                {canEdit && (
                  <Button size="sm" variant="ghost" busy={unlink.isPending && unlink.variables?.technologyId === t.id} onClick={() => unlink.mutate({ technologyId: t.id, repositoryId })} aria-label={`Unlink ${t.title}`}>
                    <Unlink className="size-4" aria-hidden />
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{canEdit ? 'No technology is linked yet. Link the ones this repository uses.' : 'No technology is linked yet.'}</p>
      )}
      {canEdit && options.length > 0 && (
        <form
          className="mt-4 flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) link.mutate({ technologyId: Number(choice), repositoryId }, { onSuccess: () => setChoice('') });
          }}
        >
          <SelectField className="min-w-0 flex-1" label="Link a technology" value={choice} onChange={(e) => setChoice(e.target.value)} placeholder="Choose…" options={options} />
          <Button type="submit" disabled={!choice} busy={link.isPending}>
            <Link2 className="size-4" aria-hidden /> Link
          </Button>
        </form>
      )}
      {canEdit && !choices.isLoading && choices.items.length === 0 && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          The radar has no technology yet. <Link to="/radar" className="font-medium text-indigo-700 underline dark:text-indigo-300">Add one on the radar</Link>.
        </p>
      )}
    </Card>
  );
}

export default function RepositoryPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const query = useRepository(id);
  const sync = useSyncRepository();
  const remove = useDeleteRepository();
  const { canEdit } = usePermissions();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spinner />;
  const r = query.data.repository;
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
        <LinkedTechnologies repositoryId={r.id} fullName={r.full_name} canEdit={canEdit} />
      </div>
      {editing && <RepositoryFormDialog repository={r} etag={query.data.etag} onClose={() => setEditing(false)} />}
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
