import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, ExternalLink, Pencil, Trash2 } from 'lucide-react';
import { useDeleteKnowledgeEntry, useKnowledgeEntry } from '@/api/knowledge';
import { usePermissions } from '@/api/projects';
import { useTechnology, useTechnologyRepositories } from '@/api/technologies';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { Badge, ErrorState, Spinner } from '@/components/ui/Feedback';
import { Card, CodeBlock, PageHeader } from '@/components/ui/Layout';
import { toast } from '@/components/toast';
import { formatDateTime, formatNumber } from '@/lib/format';
import { KnowledgeFormDialog } from './KnowledgeForm';

// Only web addresses become links: whatever else a source URL holds is shown as text.
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const linkClass = 'text-indigo-700 hover:underline dark:text-indigo-300';

export default function KnowledgeEntryPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const query = useKnowledgeEntry(id);
  const remove = useDeleteKnowledgeEntry();
  const { canEdit } = usePermissions();
  const entry = query.data?.entry;
  const tech = useTechnology(entry?.technology_id ?? undefined);
  const repos = useTechnologyRepositories(entry?.technology_id ?? undefined);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (query.isLoading) return <Spinner />;
  if (query.error || !entry) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const href = safeHref(entry.source_url);
  const score = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100)}%`);
  return (
    <>
      <Link to="/knowledge" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Knowledge
      </Link>
      <PageHeader
        title={entry.title}
        description={
          <Link to={`/knowledge?category=${encodeURIComponent(entry.category)}`} aria-label={`More in ${entry.category}`}>
            <Badge className="bg-indigo-50 text-indigo-900 hover:underline dark:bg-indigo-950 dark:text-indigo-100">{entry.category}</Badge>
          </Link>
        }
        actions={
          canEdit && (
            <>
              <Button onClick={() => setEditing(true)}><Pencil className="size-4" aria-hidden /> Edit</Button>
              <Button variant="danger" onClick={() => setDeleting(true)}><Trash2 className="size-4" aria-hidden /> Delete</Button>
            </>
          )
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card title="Content">
          {/* Plain text: React escapes it, and line breaks are kept. */}
          <div data-testid="knowledge-content" className="text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-800 dark:text-slate-200">{entry.content}</div>
        </Card>
        <div className="space-y-6">
          <Card title="Related">
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">Technology</dt>
                <dd>{entry.technology_id ? <Link className={linkClass} to={`/technologies/${entry.technology_id}`}>{tech.data?.technology.title ?? `Technology #${entry.technology_id}`}</Link> : '—'}</dd>
              </div>
              {entry.technology_id && (
                <>
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Repositories using it</dt>
                    <dd>
                      {repos.data?.length ? (
                        <ul className="space-y-1">
                          {repos.data.map((r) => <li key={r.id}><Link className={linkClass} to={`/repositories/${r.id}`}>{r.full_name}</Link></li>)}
                        </ul>
                      ) : (
                        'None linked'
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Research</dt>
                    <dd className="space-y-1">
                      <Link className={`${linkClass} block`} to={`/research?technology_id=${entry.technology_id}`}>Research tasks about it</Link>
                      <Link className={`${linkClass} block`} to={`/knowledge?technology_id=${entry.technology_id}`}>Other entries about it</Link>
                    </dd>
                  </div>
                </>
              )}
            </dl>
          </Card>
          <Card title="Source">
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div><dt className="text-xs text-slate-600 dark:text-slate-400">Type</dt><dd className="break-words">{entry.source_type ?? '—'}</dd></div>
              <div><dt className="text-xs text-slate-600 dark:text-slate-400">File</dt><dd className="break-words">{entry.source_file ?? '—'}{entry.page_number !== null && `, page ${entry.page_number}`}</dd></div>
              <div className="col-span-2">
                <dt className="text-xs text-slate-600 dark:text-slate-400">Address</dt>
                <dd className="break-all">
                  {href ? (
                    <a href={href} target="_blank" rel="noreferrer noopener" className={`${linkClass} inline-flex items-center gap-1`}>{entry.source_url} <ExternalLink className="size-3.5 shrink-0" aria-hidden /></a>
                  ) : (
                    (entry.source_url ?? '—')
                  )}
                </dd>
              </div>
              <div><dt className="text-xs text-slate-600 dark:text-slate-400">Confidence</dt><dd>{score(entry.confidence_score)}</dd></div>
              <div><dt className="text-xs text-slate-600 dark:text-slate-400">Relevance</dt><dd>{score(entry.relevance_score)}</dd></div>
              <div><dt className="text-xs text-slate-600 dark:text-slate-400">Added</dt><dd>{formatDateTime(entry.created_at)}</dd></div>
              <div><dt className="text-xs text-slate-600 dark:text-slate-400">Changed</dt><dd>{formatDateTime(entry.updated_at)}</dd></div>
            </dl>
            {entry.metadata_ && Object.keys(entry.metadata_).length > 0 && (
              <>
                <h3 className="mt-4 text-xs text-slate-600 dark:text-slate-400">Metadata</h3>
                <CodeBlock label="Metadata" className="mt-1">{JSON.stringify(entry.metadata_, null, 2)}</CodeBlock>
              </>
            )}
          </Card>
        </div>
      </div>
      {editing && <KnowledgeFormDialog entry={entry} etag={query.data!.etag} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={deleting}
        title={`Delete ${entry.title}?`}
        confirmLabel="Delete entry"
        busy={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: entry.id, etag: query.data!.etag }, { onSuccess: () => { toast.success('Entry deleted', entry.title); navigate('/knowledge'); } })}
      >
        <p>The entry is removed from the knowledge base. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
