import { Link, useParams } from 'react-router';
import { ArrowLeft, Ban, Play, RotateCcw, Trash2 } from 'lucide-react';
import { TERMINAL, useCancelJob, useDeleteJob, useDispatchJob, useJob, useJobLive, useRetryJob } from '@/api/jobs';
import { usePermissions } from '@/api/projects';
import { Button } from '@/components/ui/Button';
import { Card, CodeBlock, PageHeader } from '@/components/ui/Layout';
import { ErrorState, ProgressBar, Spinner } from '@/components/ui/Feedback';
import { formatDateTime, formatDuration, label } from '@/lib/format';
import { toast } from '@/components/toast';
import { useNavigate } from 'react-router';
import { JobBadge } from './JobBadge';
import { ImportReport, isImportResult } from './ImportReport';

function Row({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-slate-600 dark:text-slate-400">{name}</dt>
      <dd className="text-right text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

export default function JobPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const query = useJob(id);
  const job = query.data;
  const live = useJobLive(id, job?.status);
  const dispatch = useDispatchJob();
  const cancel = useCancelJob();
  const retry = useRetryJob();
  const remove = useDeleteJob();
  const { canEdit } = usePermissions();

  if (query.isLoading) return <Spinner />;
  if (query.error || !job) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const terminal = TERMINAL.has(job.status);
  const notDispatched = job.status === 'pending' && !job.dispatched_at && !job.run_at;
  return (
    <>
      <Link to="/jobs" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Jobs
      </Link>
      <PageHeader
        title={`${label(job.job_type)} #${job.id}`}
        description={
          <span className="inline-flex items-center gap-2">
            <JobBadge status={job.status} testId="job-status" />
            <span className="text-xs" aria-live="polite">
              {live === 'live' ? '● Live' : live === 'connecting' ? 'Connecting…' : terminal ? 'Finished' : 'Not live'}
            </span>
          </span>
        }
        actions={
          canEdit && (
            <>
              {notDispatched && (
                <Button variant="primary" busy={dispatch.isPending} onClick={() => dispatch.mutate(job.id)}>
                  <Play className="size-4" aria-hidden /> Dispatch
                </Button>
              )}
              {!terminal && (
                <Button busy={cancel.isPending} onClick={() => cancel.mutate(job.id, { onSuccess: () => toast.info('Cancellation requested', 'The job stops at its next step.') })}>
                  <Ban className="size-4" aria-hidden /> Cancel
                </Button>
              )}
              {(job.status === 'failed' || job.status === 'cancelled') && (
                <Button busy={retry.isPending} onClick={() => retry.mutate(job.id)}>
                  <RotateCcw className="size-4" aria-hidden /> Run again
                </Button>
              )}
              {terminal && (
                <Button variant="ghost" onClick={() => remove.mutate(job.id, { onSuccess: () => navigate('/jobs') })} aria-label="Delete job">
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              )}
            </>
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card title="Progress">
            <div className="flex items-center gap-3">
              <ProgressBar value={job.progress} label="Job progress" tone={job.status === 'failed' ? 'rose' : job.status === 'completed' ? 'emerald' : 'indigo'} />
              <span className="w-12 text-right font-semibold tabular-nums" data-testid="job-progress">
                {Math.round(job.progress)}%
              </span>
            </div>
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="job-step">
              {job.current_step || (job.status === 'pending' ? (notDispatched ? 'Waiting to be dispatched' : 'Waiting for a worker') : label(job.status))}
            </p>
            {job.error && <p className="mt-3 rounded-lg bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950/50 dark:text-rose-100">{job.error}</p>}
          </Card>
          {job.status === 'completed' && job.result !== null && job.result !== undefined && (
            <Card title="Result">
              {isImportResult(job.result) ? (
                <ImportReport result={job.result} />
              ) : (
                <CodeBlock label="Result" className="max-h-96">{JSON.stringify(job.result, null, 2)}</CodeBlock>
              )}
            </Card>
          )}
        </div>
        <Card title="Details">
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <Row name="Priority">{job.priority}</Row>
            <Row name="Attempts">
              {job.attempts} of {job.max_attempts}
            </Row>
            <Row name="Created">{formatDateTime(job.created_at)}</Row>
            <Row name="Dispatched">{formatDateTime(job.dispatched_at)}</Row>
            <Row name="Started">{formatDateTime(job.started_at)}</Row>
            <Row name="Finished">{formatDateTime(job.completed_at)}</Row>
            <Row name="Duration">{formatDuration(job.duration_seconds)}</Row>
          </dl>
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">Parameters</summary>
            <CodeBlock label="Parameters" className="mt-2 max-h-64">{JSON.stringify(job.parameters, null, 2)}</CodeBlock>
          </details>
        </Card>
      </div>
    </>
  );
}
