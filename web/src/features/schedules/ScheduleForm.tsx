import { useId, useMemo, useState, type FormEvent } from 'react';
import { FileUp } from 'lucide-react';
import { useCreateSchedule, useCronPreview } from '@/api/schedules';
import { useJobTypes, type MergeStrategy } from '@/api/jobs';
import { describeError, fieldErrorMap, humanizeFieldMessage, isApiError } from '@/api/problem';
import { FREQUENCIES, type Frequency } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { FormError, InputField, SelectField, TextareaField } from '@/components/ui/Form';
import { toast } from '@/components/toast';
import { useDebounced } from '@/hooks/useDebounced';
import { browserTimeZone, fromDateTimeInput, isDateTimeInput } from '@/lib/datetime';
import { formatDateTime, label } from '@/lib/format';
import { describeRows, parseTechnologyRows, readFileText, type RowsResult } from '@/lib/technologyRows';

const FIELDS = ['name', 'description', 'task_type', 'task_parameters', 'frequency', 'cron_expression', 'timezone', 'start_time', 'end_time'];

const CRON_EXAMPLES = [
  ['0 9 * * 1-5', 'Weekdays at 09:00'],
  ['*/15 * * * *', 'Every 15 minutes'],
  ['0 3 1 * *', '03:00 on the 1st of each month'],
];

const STRATEGIES: { value: MergeStrategy; label: string; hint: string }[] = [
  { value: 'skip', label: 'Skip the row', hint: 'The existing technology stays as it is.' },
  { value: 'merge', label: 'Merge into it', hint: 'The row’s fields replace the existing ones and its tags are added; the rest stay.' },
  { value: 'overwrite', label: 'Overwrite it', hint: 'The technology becomes exactly the row; fields the row leaves out return to their defaults.' },
];

const ROWS_PLACEHOLDER = 'title,domain,status,priority,tags\nJUCE,audio-dsp,integrated,5,"cpp, audio"';

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export interface ScheduleValues {
  name: string;
  description: string;
  task_type: string;
  task_parameters: string; // JSON, for job types without a form of their own
  rows: string; // batch_import: CSV or JSON text, from a file or pasted
  rows_file: string; // the name of the file the rows came from, while they are unchanged
  merge_strategy: MergeStrategy;
  dry_run: boolean;
  frequency: Frequency;
  cron_expression: string;
  timezone: string;
  start_time: string; // datetime-local text: wall-clock time in `timezone`
  end_time: string;
  enabled: boolean;
}

export function initialValues(timezone = browserTimeZone()): ScheduleValues {
  return {
    name: '',
    description: '',
    task_type: 'batch_import',
    task_parameters: '{}',
    rows: '',
    rows_file: '',
    merge_strategy: 'skip',
    dry_run: false,
    frequency: 'daily',
    cron_expression: '0 9 * * 1-5',
    timezone,
    start_time: '',
    end_time: '',
    enabled: true,
  };
}

export type ScheduleErrors = Partial<Record<'name' | 'cron_expression' | 'start_time' | 'end_time' | 'rows' | 'task_parameters', string>>;

// What the API would refuse, found before sending: each message belongs to the field it names. The rows of a
// batch_import are read by the rules of import files; the parameters of other job types must be a JSON object.
export function validateSchedule(v: ScheduleValues, rows: RowsResult): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if (!v.name.trim()) errors.name = 'Give the schedule a name';
  if (v.frequency === 'cron') {
    const fields = v.cron_expression.trim().split(/\s+/).filter(Boolean).length;
    if (fields !== 5) errors.cron_expression = `A cron expression has 5 fields (minute hour day month weekday); this has ${fields}`;
  }
  if (v.start_time && !isDateTimeInput(v.start_time)) errors.start_time = 'Enter a date and a time';
  if (v.end_time && !isDateTimeInput(v.end_time)) errors.end_time = 'Enter a date and a time';
  const start = fromDateTimeInput(v.start_time, v.timezone);
  const end = fromDateTimeInput(v.end_time, v.timezone);
  if (start && end && end <= start) errors.end_time = 'Must be after the start';
  if (v.task_type === 'batch_import') {
    if (!rows.ok) errors.rows = rows.error;
  } else {
    try {
      const parsed: unknown = JSON.parse(v.task_parameters || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) errors.task_parameters = 'Must be a JSON object, e.g. {"key": "value"}';
    } catch {
      errors.task_parameters = 'Must be a JSON object, e.g. {"key": "value"}';
    }
  }
  return errors;
}

// The body of POST /api/v1/schedules for valid values; start and end are read in the schedule's own zone.
export function scheduleInput(v: ScheduleValues, rows: RowsResult) {
  const task_parameters: Record<string, unknown> =
    v.task_type === 'batch_import' && rows.ok ? { technologies: rows.rows, merge_strategy: v.merge_strategy, dry_run: v.dry_run } : (JSON.parse(v.task_parameters || '{}') as Record<string, unknown>);
  return {
    name: v.name.trim(),
    description: v.description.trim() || null,
    task_type: v.task_type,
    task_parameters,
    frequency: v.frequency,
    cron_expression: v.frequency === 'cron' ? v.cron_expression.trim() : null,
    timezone: v.timezone,
    start_time: fromDateTimeInput(v.start_time, v.timezone),
    end_time: fromDateTimeInput(v.end_time, v.timezone),
    enabled: v.enabled,
  };
}

// The technologies a batch_import schedule imports on every run: a CSV or JSON file, or rows pasted.
function RowsField({ v, setV, error, summary }: { v: ScheduleValues; setV: (patch: Partial<ScheduleValues>) => void; error?: string; summary: string }) {
  const fileId = useId();
  const [reading, setReading] = useState('');
  async function choose(file: File | undefined) {
    if (!file) return;
    setReading(`Reading ${file.name}…`);
    try {
      setV({ rows: await readFileText(file), rows_file: file.name });
      setReading('');
    } catch {
      setReading(`${file.name} could not be read. Choose it again.`);
    }
  }
  return (
    <fieldset className="space-y-3 rounded-xl border border-slate-200 p-3 sm:col-span-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">
        Technologies to import<span className="text-rose-600 dark:text-rose-400" aria-hidden>{' *'}</span>
      </legend>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        <label
          htmlFor={fileId}
          className="inline-flex h-9 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-800 hover:border-indigo-400 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        >
          <FileUp className="size-4" aria-hidden /> Choose a CSV or JSON file
        </label>
        <input id={fileId} type="file" accept=".csv,.json,text/csv,application/json" className="sr-only" onChange={(e) => { void choose(e.target.files?.[0]); e.target.value = ''; }} />
        <span className="text-slate-600 dark:text-slate-400" aria-live="polite">{reading || (v.rows_file ? `From ${v.rows_file}` : 'or paste the rows below')}</span>
      </div>
      <TextareaField
        label="Rows (CSV with a header row, or JSON)"
        name="rows"
        rows={5}
        spellCheck={false}
        placeholder={ROWS_PLACEHOLDER}
        className="[&_textarea]:font-mono [&_textarea]:text-xs"
        value={v.rows}
        onChange={(e) => setV({ rows: e.target.value, rows_file: '' })}
        error={error}
        hint={summary || 'The same columns as an import file: title and domain, then any technology field'}
      />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          label="When a title already exists"
          name="merge_strategy"
          value={v.merge_strategy}
          onChange={(e) => setV({ merge_strategy: e.target.value as MergeStrategy })}
          options={STRATEGIES}
          hint={STRATEGIES.find((s) => s.value === v.merge_strategy)?.hint}
        />
        <label className="flex items-center gap-2 self-start text-sm sm:mt-8">
          <input type="checkbox" checked={v.dry_run} onChange={(e) => setV({ dry_run: e.target.checked })} className="size-4" />
          Dry run: report only, change nothing
        </label>
      </div>
    </fieldset>
  );
}

export function ScheduleFormDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateSchedule();
  const jobTypes = useJobTypes();
  const [v, setValues] = useState<ScheduleValues>(() => initialValues());
  const [submitted, setSubmitted] = useState(false);
  const setV = (patch: Partial<ScheduleValues>) => setValues((old) => ({ ...old, ...patch }));
  const set = (k: keyof ScheduleValues) => (e: { target: { value: string } }) => setV({ [k]: e.target.value } as Partial<ScheduleValues>);

  const rows = useMemo(() => parseTechnologyRows(v.rows, v.rows_file || undefined), [v.rows, v.rows_file]);
  const local = validateSchedule(v, rows);
  const cron = useDebounced(v.cron_expression, 400);
  const startIso = useDebounced(fromDateTimeInput(v.start_time, v.timezone) ?? undefined, 400);
  const endIso = useDebounced(fromDateTimeInput(v.end_time, v.timezone) ?? undefined, 400);
  const preview = useCronPreview(v.frequency, cron, v.timezone, startIso, endIso);

  const api = fieldErrorMap(create.error, FIELDS);
  const tooLarge = isApiError(create.error) && create.error.status === 413;
  const batch = v.task_type === 'batch_import';
  // Problems the form finds show once the person tries to create (the rows' as soon as there are rows);
  // the API's answer to the last attempt shows until they change something.
  const shown = (k: keyof ScheduleErrors) => (submitted || (k === 'rows' && v.rows.trim() !== '') || (k === 'cron_expression' && v.cron_expression !== '') ? local[k] : undefined);
  const rowsError = shown('rows') || (batch ? (tooLarge ? 'Too many rows to send in one request: schedule fewer, or import the file directly' : api.task_parameters) : undefined);
  const paramsError = shown('task_parameters') || (!batch ? api.task_parameters : undefined);
  const general = api._form || (create.error && !Object.keys(api).length && !tooLarge ? describeError(create.error).detail : '');
  const apiPreviewError = preview.error ? (isApiError(preview.error) ? (preview.error.fieldErrors[0] ? humanizeFieldMessage(preview.error.fieldErrors[0].message) : describeError(preview.error).detail) : describeError(preview.error).detail) : '';
  const cronError = shown('cron_expression') || api.cron_expression || (v.frequency === 'cron' ? apiPreviewError : '');
  const summary = rows.ok ? `${rows.rows.length.toLocaleString()} ${rows.rows.length === 1 ? 'technology' : 'technologies'}: ${describeRows(rows.rows)}` : '';
  const types = jobTypes.data?.types.length ? jobTypes.data.types : [{ type: 'batch_import', description: 'Imports technologies with a merge strategy and reports the outcome of every row' }];
  const typeHint = types.find((t) => t.type === v.task_type)?.description;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length) {
      // Focus the first field that needs attention, as a person reading the form would look for it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#schedule-form [aria-invalid="true"]')?.focus());
      return;
    }
    create.mutate(scheduleInput(v, rows), {
      onSuccess: (s) => {
        toast.success('Schedule created', s.name);
        onClose();
      },
    });
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
          <Button type="submit" form="schedule-form" variant="primary" busy={create.isPending}>
            Create schedule
          </Button>
        </>
      }
    >
      <form id="schedule-form" onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">
          <FormError message={general || undefined} />
        </div>
        <InputField label="Name" name="name" required value={v.name} onChange={set('name')} error={shown('name') || api.name} />
        <SelectField label="Job type" name="task_type" value={v.task_type} onChange={set('task_type')} options={types.map((t) => ({ value: t.type, label: label(t.type) }))} error={api.task_type} hint={typeHint ? `Each run creates this job: ${typeHint.charAt(0).toLowerCase()}${typeHint.slice(1)}` : 'The job each run creates'} />
        <TextareaField className="sm:col-span-2" label="Description" name="description" rows={2} value={v.description} onChange={set('description')} error={api.description} />
        {batch ? (
          <RowsField v={v} setV={setV} error={rowsError} summary={summary} />
        ) : (
          <TextareaField className="sm:col-span-2" label="Job parameters (JSON)" name="task_parameters" rows={3} value={v.task_parameters} onChange={set('task_parameters')} error={paramsError} />
        )}
        <SelectField label="Frequency" name="frequency" value={v.frequency} onChange={set('frequency')} options={FREQUENCIES.map((f) => ({ value: f, label: f === 'cron' ? 'Cron expression' : label(f) }))} error={api.frequency} />
        <SelectField label="Time zone" name="timezone" value={v.timezone} onChange={set('timezone')} options={timeZones().map((z) => ({ value: z, label: z }))} error={api.timezone} />
        {v.frequency === 'cron' && (
          <div className="sm:col-span-2">
            <InputField label="Cron expression" name="cron_expression" value={v.cron_expression} onChange={set('cron_expression')} error={cronError || undefined} hint="minute hour day-of-month month day-of-week" />
            <div className="mt-2 flex flex-wrap gap-2">
              {CRON_EXAMPLES.map(([expr, text]) => (
                <button key={expr} type="button" onClick={() => setV({ cron_expression: expr })} className="rounded-full border border-slate-300 px-2.5 py-0.5 text-xs hover:border-indigo-400 dark:border-slate-600">
                  <code>{expr}</code> · {text}
                </button>
              ))}
            </div>
          </div>
        )}
        <InputField label={`Start (optional, ${v.timezone})`} name="start_time" type="datetime-local" value={v.start_time} onChange={set('start_time')} error={shown('start_time') || api.start_time} hint="No run before this time" />
        <InputField label={`End (optional, ${v.timezone})`} name="end_time" type="datetime-local" value={v.end_time} onChange={set('end_time')} error={shown('end_time') || api.end_time} hint="No run at or after this time" />
        <div className="rounded-xl bg-slate-50 p-3 text-sm sm:col-span-2 dark:bg-slate-800/60" aria-live="polite">
          <p className="font-medium">Next runs ({v.timezone})</p>
          {preview.isFetching && !preview.data ? (
            <p className="text-slate-600 dark:text-slate-400">Calculating…</p>
          ) : preview.data?.next_runs.length ? (
            <ol className="mt-1 list-decimal pl-5" data-testid="cron-preview">
              {preview.data.next_runs.map((r) => (
                <li key={r}>{formatDateTime(r, v.timezone)}</li>
              ))}
            </ol>
          ) : (
            <p className="text-slate-600 dark:text-slate-400">{(v.frequency === 'cron' && cronError) || 'No upcoming run.'}</p>
          )}
        </div>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={v.enabled} onChange={(e) => setV({ enabled: e.target.checked })} className="size-4" />
          Enabled
        </label>
      </form>
    </Dialog>
  );
}
