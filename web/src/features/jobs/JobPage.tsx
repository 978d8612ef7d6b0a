import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, Ban, Play, RotateCcw, Trash2 } from 'lucide-react';
import { TERMINAL, useCancelJob, useDeleteJob, useDispatchJob, useJob, useJobLive, useRetryJob } from '@/api/jobs';
import { usePermissions } from '@/api/projects';
import { describeError, fieldErrorMap } from '@/api/problem';
import type { Job } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { FormError, InputField } from '@/components/ui/Form';
import { Card, CodeBlock, PageHeader } from '@/components/ui/Layout';
import { ErrorState, ProgressBar, Spinner } from '@/components/ui/Feedback';
import { formatDateTime, formatDuration, formatRelative, label } from '@/lib/format';
import { toast } from '@/components/toast';
import { JobBadge } from './JobBadge';
import { ImportReport, isImportResult } from './ImportReport';

export const MAX_DISPATCH_DELAY = 3600;

// '' or the reason a delay cannot be sent: whole seconds from 0 to an hour.
export function delayError(text: string): string {
  const value = text.trim();
  if (value === '') return '';
  if (!/^\d+$/.test(value)) return 'Enter whole seconds, such as 0 or 300';
  if (Number(value) > MAX_DISPATCH_DELAY) return `At most ${MAX_DISPATCH_DELAY} seconds (an hour)`;
  return '';
}

// A job nobody has dispatched yet: start it now or after a delay.
function DispatchForm({ job }: { job: Job }) {
  const dispatch = useDispatchJob();
  const [delay, setDelay] = useState('0');
  const [localError, setLocalError] = useState('');
  const errors = fieldErrorMap(dispatch.error, ['delay_seconds']);
  const fieldError = localError || errors.delay_seconds;
  const general = dispatch.error && !errors.delay_seconds ? errors._form || describeError(dispatch.error).detail : '';

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = delayError(delay);
    setLocalError(problem);
    if (problem) return;
    const seconds = Number(delay.trim() || 0);
    dispatch.mutate(
      { id: job.id, delaySeconds: seconds },
      { onSuccess: () => toast.success(seconds ? `Dispatched to run in ${seconds} s` : 'Dispatched', `${label(job.job_type)} #${job.id}`) },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-3 border-t border-slate-100 pt-4 dark:border-slate-800" aria-label="Dispatch">
      <FormError message={general || undefined} />
      <div className="flex flex-wrap items-start gap-3">
        <InputField
          className="w-full sm:w-56"
          label="Delay (seconds)"
          name="delay_seconds"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_DISPATCH_DELAY}
          step={1}
          value={delay}
          onChange={(e) => {
            setDelay(e.target.value);
            setLocalError('');
          }}
          error={fieldError}
          hint="0 starts it now; at most 3600 (an hour)"
        />
        <Button type="submit" variant="primary" className="sm:mt-6" busy={dispatch.isPending}>
          <Play className="size-4" aria-hidden /> Dispatch
        </Button>
      </div>
    </form>
  );
}

function waitingText(job: Job, notDispatched: boolean): string {
  if (notDispatched) return 'Waiting to be dispatched';
  if (job.run_at && new Date(job.run_at).getTime() > Date.now()) return `Runs no earlier than ${formatDateTime(job.run_at)} (${formatRelative(job.run_at)})`;
  return 'Waiting for a worker';
}

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
  const [deleting, setDeleting] = useState(false);
  const cancel = useCancelJob();
  const retry = useRetryJob();
  const remove = useDeleteJob();
  const { canEdit } = usePermissions();

  if (query.isLoading) return <Spinner />;
  if (query.error || !job) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const terminal = TERMINAL.has(job.status);
  const name = `${label(job.job_type)} #${job.id}`;
  const ended = job.status === 'failed' || job.status === 'cancelled';
  const hasResult = job.result !== null && job.result !== undefined;
  const notDispatched = job.status === 'pending' && !job.dispatched_at && !job.run_at;
  return (
    <>
      <Link to="/jobs" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Jobs
      </Link>
      <PageHeader
        title={name}
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
              {!terminal && (
                <Button
                  busy={cancel.isPending}
                  onClick={() =>
                    cancel.mutate(job.id, {
                      onSuccess: (after) => (after?.status === 'cancelled' ? toast.info('Job cancelled', name) : toast.info('Cancellation requested', 'The job stops at its next step.')),
                    })
                  }
                >
                  <Ban className="size-4" aria-hidden /> Cancel job
                </Button>
              )}
              {(job.status === 'failed' || job.status === 'cancelled') && (
                <Button busy={retry.isPending} onClick={() => retry.mutate(job.id)}>
                  <RotateCcw className="size-4" aria-hidden /> Run again
                </Button>
              )}
              {terminal && (
                <Button variant="ghost" onClick={() => setDeleting(true)} aria-label={`Delete ${name}`}>
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
              {job.current_step || (job.status === 'pending' ? waitingText(job, notDispatched) : label(job.status))}
            </p>
            {job.error && (
              <p className="mt-3 rounded-lg bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950/50 dark:text-rose-100" data-testid="job-error">
                <span className="font-semibold">{job.status === 'cancelled' ? 'Cancelled: ' : 'Error: '}</span>
                {job.error}
              </p>
            )}
            {canEdit && notDispatched && <DispatchForm job={job} />}
          </Card>
          {/* A finished job's result; a failed or cancelled one's too, with whatever it holds (an import's rows so far). */}
          {terminal && hasResult && (
            <Card title={ended ? 'What it did before it stopped' : 'Result'}>
              {isImportResult(job.result) ? (
                <ImportReport result={job.result} partial={ended || job.result.complete === false} />
              ) : (
                <CodeBlock label="Result" className="max-h-96">{JSON.stringify(job.result, null, 2)}</CodeBlock>
              )}
            </Card>
          )}
          {ended && !hasResult && job.job_type === 'batch_import' && job.started_at && (
            <Card title="What it did before it stopped">
              <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="import-no-report">
                The job kept no report of the rows it reached. The radar and its history show what was imported.
              </p>
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
      <ConfirmDialog
        open={deleting}
        title={`Delete ${name}?`}
        confirmLabel="Delete job"
        busy={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(job.id, {
            onSuccess: () => {
              toast.success('Job deleted', name);
              navigate('/jobs');
            },
            onSettled: () => setDeleting(false),
          })
        }
      >
        <p>
          The record of <strong>{name}</strong> goes: its parameters{hasResult ? (job.status === 'completed' ? ', its result' : ', its report so far') : ''} and its attempts.
        </p>
        <p>{job.job_type === 'batch_import' ? 'Technologies it imported or updated stay on the radar.' : 'What it changed stays.'}</p>
      </ConfirmDialog>
    </>
  );
}
