import { useState, type FormEvent } from 'react';
import { useCreateSchedule, useCronPreview } from '@/api/schedules';
import { describeError, fieldErrorMap, humanizeFieldMessage, isApiError } from '@/api/problem';
import { FREQUENCIES, type Frequency } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { FormError, InputField, SelectField, TextareaField } from '@/components/ui/Form';
import { toast } from '@/components/toast';
import { useDebounced } from '@/hooks/useDebounced';
import { formatDateTime, label } from '@/lib/format';

const FIELDS = ['name', 'description', 'task_type', 'task_parameters', 'frequency', 'cron_expression', 'timezone', 'start_time', 'end_time'];

const CRON_EXAMPLES = [
  ['0 9 * * 1-5', 'Weekdays at 09:00'],
  ['*/15 * * * *', 'Every 15 minutes'],
  ['0 3 1 * *', '03:00 on the 1st of each month'],
];

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function ScheduleFormDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateSchedule();
  const [v, setV] = useState({
    name: '',
    description: '',
    task_type: 'batch_import',
    task_parameters: '{"technologies": []}',
    frequency: 'daily' as Frequency,
    cron_expression: '0 9 * * 1-5',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    start_time: '',
    end_time: '',
    enabled: true,
  });
  const [paramsError, setParamsError] = useState('');
  const cron = useDebounced(v.cron_expression, 400);
  const preview = useCronPreview(v.frequency, cron, v.timezone);
  const errors = fieldErrorMap(create.error, FIELDS);
  const general = errors._form || (create.error && !Object.keys(errors).length ? describeError(create.error).detail : '');
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const cronFields = v.cron_expression.trim().split(/\s+/).filter(Boolean).length;
  const cronShape = v.frequency === 'cron' && cronFields !== 5 ? `A cron expression has 5 fields (minute hour day month weekday); this has ${cronFields}` : '';
  const apiPreviewError = preview.error ? (isApiError(preview.error) ? ((preview.error.fieldErrors[0] ? humanizeFieldMessage(preview.error.fieldErrors[0].message) : describeError(preview.error).detail)) : describeError(preview.error).detail) : '';
  const previewError = cronShape || (v.frequency === 'cron' ? apiPreviewError : '');

  function submit(e: FormEvent) {
    e.preventDefault();
    let parameters: Record<string, unknown>;
    try {
      parameters = JSON.parse(v.task_parameters || '{}') as Record<string, unknown>;
      setParamsError('');
    } catch {
      setParamsError('Must be a JSON object, e.g. {"key": "value"}');
      return;
    }
    create.mutate(
      {
        name: v.name,
        description: v.description || null,
        task_type: v.task_type,
        task_parameters: parameters,
        frequency: v.frequency,
        cron_expression: v.frequency === 'cron' ? v.cron_expression : null,
        timezone: v.timezone,
        start_time: v.start_time ? new Date(v.start_time).toISOString() : null,
        end_time: v.end_time ? new Date(v.end_time).toISOString() : null,
        enabled: v.enabled,
      },
      { onSuccess: (s) => { toast.success('Schedule created', s.name); onClose(); } },
    );
  }

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title="New schedule"
      description="Runs a job on a timetable, in the time zone you choose."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="schedule-form" variant="primary" busy={create.isPending}>Create schedule</Button>
        </>
      }
    >
      <form id="schedule-form" onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2"><FormError message={general || undefined} /></div>
        <InputField label="Name" name="name" required value={v.name} onChange={set('name')} error={errors.name} />
        <InputField label="Job type" name="task_type" required value={v.task_type} onChange={set('task_type')} error={errors.task_type} hint="The job each run creates" />
        <TextareaField className="sm:col-span-2" label="Description" name="description" rows={2} value={v.description} onChange={set('description')} error={errors.description} />
        <SelectField label="Frequency" name="frequency" value={v.frequency} onChange={set('frequency')} options={FREQUENCIES.map((f) => ({ value: f, label: f === 'cron' ? 'Cron expression' : label(f) }))} error={errors.frequency} />
        <SelectField label="Time zone" name="timezone" value={v.timezone} onChange={set('timezone')} options={timeZones().map((z) => ({ value: z, label: z }))} error={errors.timezone} />
        {v.frequency === 'cron' && (
          <div className="sm:col-span-2">
            <InputField label="Cron expression" name="cron_expression" value={v.cron_expression} onChange={set('cron_expression')} error={errors.cron_expression || previewError || undefined} hint="minute hour day-of-month month day-of-week" />
            <div className="mt-2 flex flex-wrap gap-2">
              {CRON_EXAMPLES.map(([expr, text]) => (
                <button key={expr} type="button" onClick={() => setV({ ...v, cron_expression: expr })} className="rounded-full border border-slate-300 px-2.5 py-0.5 text-xs hover:border-indigo-400 dark:border-slate-600">
                  <code>{expr}</code> · {text}
                </button>
              ))}
            </div>
          </div>
        )}
        <div className="rounded-xl bg-slate-50 p-3 text-sm sm:col-span-2 dark:bg-slate-800/60" aria-live="polite">
          <p className="font-medium">Next runs ({v.timezone})</p>
          {preview.isFetching && !preview.data ? (
            <p className="text-slate-600 dark:text-slate-400">Calculating…</p>
          ) : preview.data?.next_runs.length ? (
            <ol className="mt-1 list-decimal pl-5" data-testid="cron-preview">
              {preview.data.next_runs.map((r) => <li key={r}>{formatDateTime(r, v.timezone)}</li>)}
            </ol>
          ) : (
            <p className="text-slate-600 dark:text-slate-400">{previewError || 'No upcoming run.'}</p>
          )}
        </div>
        <InputField label="Start (optional)" name="start_time" type="datetime-local" value={v.start_time} onChange={set('start_time')} error={errors.start_time} />
        <InputField label="End (optional)" name="end_time" type="datetime-local" value={v.end_time} onChange={set('end_time')} error={errors.end_time} />
        <TextareaField className="sm:col-span-2" label="Job parameters (JSON)" name="task_parameters" rows={3} value={v.task_parameters} onChange={set('task_parameters')} error={paramsError || errors.task_parameters} />
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={v.enabled} onChange={(e) => setV({ ...v, enabled: e.target.checked })} className="size-4" />
          Enabled
        </label>
      </form>
    </Dialog>
  );
}
