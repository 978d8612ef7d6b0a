import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, Download, FileText, Pencil, Trash2, Upload } from 'lucide-react';
import { downloadDocument, useDeleteDocument, useDeleteTask, useQuickTaskUpdate, useResearchTask, useTaskDocuments, useUploadDocument } from '@/api/research';
import { usePermissions } from '@/api/projects';
import { useTechnology } from '@/api/technologies';
import { useRepository } from '@/api/repositories';
import { describeError } from '@/api/problem';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { Badge, ErrorState, ProgressBar, Spinner } from '@/components/ui/Feedback';
import { Card, PageHeader } from '@/components/ui/Layout';
import { toast } from '@/components/toast';
import { formatBytes, formatDate, formatDateTime, label } from '@/lib/format';
import { TASK_BADGE } from '@/lib/palette';
import { TaskFormDialog } from './TaskForm';

export default function ResearchTaskPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const query = useResearchTask(id);
  const docs = useTaskDocuments(id);
  const upload = useUploadDocument(id);
  const removeDoc = useDeleteDocument(id);
  const remove = useDeleteTask();
  const quick = useQuickTaskUpdate();
  const { canEdit } = usePermissions();
  const task = query.data?.task;
  const tech = useTechnology(task?.technology_id ?? undefined);
  const repo = useRepository(task?.repository_id ?? 0);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  if (query.isLoading) return <Spinner />;
  if (query.error || !task) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <Link to="/research" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Research tasks
      </Link>
      <PageHeader
        title={task.title}
        description={<Badge className={TASK_BADGE[task.status]}>{label(task.status)}</Badge>}
        actions={
          canEdit && (
            <>
              <Button onClick={() => setEditing(true)}><Pencil className="size-4" aria-hidden /> Edit</Button>
              <Button variant="danger" onClick={() => setDeleting(true)}><Trash2 className="size-4" aria-hidden /> Delete</Button>
            </>
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card title="Progress">
            <div className="flex items-center gap-3">
              <ProgressBar value={task.progress_percentage} label="Task progress" tone={task.status === 'completed' ? 'emerald' : 'indigo'} />
              <span className="w-12 text-right font-semibold tabular-nums">{task.progress_percentage}%</span>
            </div>
            {canEdit && task.status !== 'completed' && (
              <div className="mt-3 flex flex-wrap gap-2">
                {[25, 50, 75, 100].filter((p) => p > task.progress_percentage).map((p) => (
                  <Button key={p} size="sm" onClick={() => quick.mutate({ id: task.id, progress: p })}>
                    {p === 100 ? 'Complete' : `${p}%`}
                  </Button>
                ))}
              </div>
            )}
          </Card>
          <Card title="Description">
            <p className="text-sm whitespace-pre-line text-slate-700 dark:text-slate-300">{task.description || 'No description.'}</p>
            {task.findings && (
              <>
                <h3 className="mt-4 text-sm font-semibold">Findings</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-700 dark:text-slate-300">{task.findings}</p>
              </>
            )}
            {task.user_notes && (
              <>
                <h3 className="mt-4 text-sm font-semibold">Notes</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-700 dark:text-slate-300">{task.user_notes}</p>
              </>
            )}
          </Card>
          <Card
            title="Documents"
            actions={
              canEdit && (
                <>
                  <input
                    ref={fileInput}
                    type="file"
                    className="sr-only"
                    aria-label="Upload a document"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) upload.mutate(file, { onSuccess: () => toast.success('Document uploaded', file.name) });
                      e.target.value = '';
                    }}
                  />
                  <Button size="sm" busy={upload.isPending} onClick={() => fileInput.current?.click()}>
                    <Upload className="size-4" aria-hidden /> Upload
                  </Button>
                </>
              )
            }
          >
            {docs.data?.length ? (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {docs.data.map((d) => (
                  <li key={d.id} className="flex items-center justify-between gap-2 py-2" data-testid="document-row">
                    <div className="flex min-w-0 items-center gap-2">
                      <FileText className="size-5 shrink-0 text-slate-500" aria-hidden />
                      <div className="min-w-0">
                        <p className="truncate text-sm font-medium">{d.filename}</p>
                        <p className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(d.size)} · {formatDateTime(d.uploaded_at)}</p>
                      </div>
                    </div>
                    <div className="flex gap-1">
                      <Button size="sm" variant="ghost" aria-label={`Download ${d.filename}`} onClick={() => downloadDocument(d).catch((e) => toast.error('Download failed', describeError(e).detail))}>
                        <Download className="size-4" aria-hidden />
                      </Button>
                      {canEdit && (
                        <Button size="sm" variant="ghost" aria-label={`Delete ${d.filename}`} onClick={() => removeDoc.mutate(d.id)}>
                          <Trash2 className="size-4" aria-hidden />
                        </Button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">No documents. Upload PDFs, notes, spreadsheets or images that belong to this task.</p>
            )}
          </Card>
        </div>
        <Card title="Details">
          <dl className="space-y-3 text-sm">
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Technology</dt><dd>{task.technology_id ? <Link className="text-indigo-700 hover:underline dark:text-indigo-300" to={`/technologies/${task.technology_id}`}>{tech.data?.technology.title ?? `#${task.technology_id}`}</Link> : '—'}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Repository</dt><dd>{task.repository_id ? <Link className="text-indigo-700 hover:underline dark:text-indigo-300" to={`/repositories/${task.repository_id}`}>{repo.data?.repository.full_name ?? `#${task.repository_id}`}</Link> : '—'}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Assigned to</dt><dd>{task.assigned_to ?? '—'}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Due</dt><dd>{formatDate(task.due_date)}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Hours</dt><dd>{task.actual_hours ?? 0} spent of {task.estimated_hours ?? '—'} estimated</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Completed</dt><dd>{formatDateTime(task.completed_at)}</dd></div>
          </dl>
        </Card>
      </div>
      {editing && <TaskFormDialog task={task} etag={query.data!.etag} onClose={() => setEditing(false)} />}
      <ConfirmDialog open={deleting} title={`Delete ${task.title}?`} confirmLabel="Delete task" onClose={() => setDeleting(false)} onConfirm={() => remove.mutate(task.id, { onSuccess: () => navigate('/research') })}>
        <p>The task and its {docs.data?.length ?? 0} uploaded document(s) are deleted. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
