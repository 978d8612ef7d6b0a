import { useEffect, useState, type FormEvent } from 'react';
import { COST_TIERS, DIFFICULTIES, DOMAINS, MATURITY_LEVELS, STATUSES, type Technology } from '@/api/types';
import { useCreateTechnology, useTechnology, useTechnologyChoices, useUpdateTechnology, type TechnologyInput } from '@/api/technologies';
import { ApiError, describeError, fieldErrorMap } from '@/api/problem';
import { Dialog } from '@/components/ui/Dialog';
import { Button } from '@/components/ui/Button';
import { FormError, InputField, SelectField, TextareaField } from '@/components/ui/Form';
import { toast } from '@/components/toast';
import { label } from '@/lib/format';
import { fromDateTimeInput, toDateTimeInput } from '@/lib/datetime';
import { DependenciesField, dependencyChange, rowsFromDependencies, validateRows, type DependencyErrors, type DependencyRow } from './DependenciesField';

type FieldKind = 'text' | 'number' | 'url' | 'textarea' | 'select' | 'datetime';
interface FieldSpec {
  name: keyof TechnologyInput & string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  required?: boolean;
  hint?: string;
  wide?: boolean;
}

const CORE: FieldSpec[] = [
  { name: 'title', label: 'Title', kind: 'text', required: true },
  { name: 'vendor', label: 'Vendor', kind: 'text' },
  { name: 'domain', label: 'Domain', kind: 'select', options: DOMAINS },
  { name: 'status', label: 'Status', kind: 'select', options: STATUSES },
  { name: 'priority', label: 'Priority (1–5)', kind: 'number' },
  { name: 'relevance_score', label: 'Relevance (0–100)', kind: 'number' },
  { name: 'tags', label: 'Tags', kind: 'text', hint: 'Comma-separated, e.g. cpp, realtime', wide: true },
  { name: 'description', label: 'Description', kind: 'textarea', wide: true },
  { name: 'use_cases', label: 'Use cases', kind: 'textarea', wide: true },
  { name: 'notes', label: 'Notes', kind: 'textarea', wide: true },
];

const LINKS: FieldSpec[] = [
  { name: 'website_url', label: 'Website', kind: 'url' },
  { name: 'documentation_url', label: 'Documentation', kind: 'url' },
  { name: 'repository_url', label: 'Repository', kind: 'url' },
];

const EVALUATION: FieldSpec[] = [
  { name: 'maturity_level', label: 'Maturity', kind: 'select', options: MATURITY_LEVELS },
  { name: 'stability_score', label: 'Stability (0–100)', kind: 'number' },
  { name: 'integration_difficulty', label: 'Integration difficulty', kind: 'select', options: DIFFICULTIES },
  { name: 'integration_time_estimate_days', label: 'Integration estimate (days)', kind: 'number' },
  { name: 'latency_ms', label: 'Latency (ms)', kind: 'number' },
  { name: 'throughput_qps', label: 'Throughput (queries/s)', kind: 'number' },
  { name: 'cost_tier', label: 'Cost tier', kind: 'select', options: COST_TIERS },
  { name: 'cost_monthly_usd', label: 'Monthly cost (USD)', kind: 'number' },
  { name: 'github_stars', label: 'GitHub stars', kind: 'number' },
  { name: 'github_last_commit', label: 'Last GitHub commit', kind: 'datetime' },
  { name: 'hn_score_avg', label: 'Hacker News score (avg)', kind: 'number' },
  { name: 'last_hn_mention', label: 'Last Hacker News mention', kind: 'datetime' },
  { name: 'alternatives', label: 'Alternatives', kind: 'textarea', wide: true },
];

const ALL = [...CORE, ...LINKS, ...EVALUATION];
const FIELD_NAMES = [...ALL.map((f) => f.name), 'dependencies', 'reason'];

type Values = Record<string, string>;

// Date-times are shown and typed as wall-clock time in the browser's zone (a datetime-local input has none) and
// sent as the UTC instant they name: a stored 12:00Z shows as 13:00 in Berlin and saves back as 12:00Z.
export function toValues(t?: Partial<Technology>): Values {
  const values: Values = {};
  for (const f of ALL) {
    const v = t?.[f.name as keyof Technology];
    if (v === null || v === undefined) values[f.name] = '';
    else if (f.kind === 'datetime') values[f.name] = toDateTimeInput(String(v));
    else values[f.name] = String(v);
  }
  if (!t) {
    values.domain = 'other';
    values.status = 'discovery';
    values.priority = '3';
    values.relevance_score = '50';
  }
  return values;
}

// Only what is filled in (create) or what changed (edit); an emptied optional field becomes null.
export function toInput(values: Values, original?: Values): TechnologyInput {
  const input: Record<string, unknown> = {};
  for (const f of ALL) {
    const raw = (values[f.name] ?? '').trim();
    if (original && raw === (original[f.name] ?? '').trim()) continue;
    if (raw === '') {
      if (original) input[f.name] = null;
      continue;
    }
    if (f.kind === 'number') input[f.name] = Number(raw);
    else if (f.kind === 'datetime') input[f.name] = fromDateTimeInput(raw) ?? raw;
    else input[f.name] = raw;
  }
  if (values.reason?.trim()) input.reason = values.reason.trim();
  return input as TechnologyInput;
}

interface Props {
  open: boolean;
  onClose: () => void;
  technology?: Technology; // edit when given
  onSaved?: (t: Technology) => void;
}

export function TechnologyFormDialog({ open, onClose, technology, onSaved }: Props) {
  const editing = !!technology;
  const detail = useTechnology(technology?.id);
  const create = useCreateTechnology();
  const update = useUpdateTechnology();
  const [original] = useState(() => toValues(technology));
  const [values, setValues] = useState<Values>(() => ({ ...original, reason: '' }));
  const choices = useTechnologyChoices();
  const [dependencies, setDependencies] = useState<DependencyRow[]>(() => rowsFromDependencies(technology?.dependencies));
  const [dependencyErrors, setDependencyErrors] = useState<DependencyErrors>({});
  // Open when the technology has any of these values; afterwards only the person filling in opens or closes it.
  const [evaluationOpen, setEvaluationOpen] = useState(() => EVALUATION.some((f) => original[f.name]));
  // The version being edited is the one the form opened with: a change someone else saves meanwhile (which
  // refreshes the cached technology live) must make this save fail with 412, not be overwritten silently.
  const [etag, setEtag] = useState<string | null | undefined>(undefined);
  const loadedEtag = detail.data?.etag;
  useEffect(() => {
    if (loadedEtag !== undefined) setEtag((pinned) => (pinned === undefined ? loadedEtag : pinned));
  }, [loadedEtag]);
  const mutation = editing ? update : create;
  const errors = fieldErrorMap(mutation.error, FIELD_NAMES);
  const stale = mutation.error instanceof ApiError && mutation.error.status === 412;
  const general =
    (stale ? 'Someone else changed this technology while you were editing. Close the form and open it again to see their changes.' : '') ||
    errors._form ||
    (mutation.error && !Object.keys(errors).length ? describeError(mutation.error).detail : '');

  // An error the API reports about a field in the section opens it, so that the message can be seen.
  const evaluationError = EVALUATION.some((f) => errors[f.name]);
  useEffect(() => {
    if (evaluationError) setEvaluationOpen(true);
  }, [evaluationError]);

  function set(name: string, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const rowErrors = validateRows(dependencies);
    setDependencyErrors(rowErrors);
    if (Object.keys(rowErrors).length) return;
    const dependencyInput = dependencyChange(dependencies, technology?.dependencies, editing);
    const withDependencies = (input: TechnologyInput): TechnologyInput => (dependencyInput === undefined ? input : { ...input, dependencies: dependencyInput });
    if (editing && technology) {
      const changes = withDependencies(toInput(values, original));
      if (!Object.keys(changes).filter((k) => k !== 'reason').length) {
        onClose();
        return;
      }
      update.mutate(
        { id: technology.id, changes, etag },
        {
          onSuccess: ({ technology: saved }) => {
            toast.success('Technology saved', saved.title);
            onSaved?.(saved);
            onClose();
          },
        },
      );
    } else {
      create.mutate(withDependencies(toInput(values)), {
        onSuccess: (saved) => {
          toast.success('Technology added', saved.title);
          onSaved?.(saved);
          onClose();
        },
      });
    }
  }

  function render(f: FieldSpec) {
    const common = { label: f.label, name: f.name, error: errors[f.name], hint: f.hint, className: f.wide ? 'sm:col-span-2' : undefined };
    const value = values[f.name] ?? '';
    if (f.kind === 'select') {
      return <SelectField key={f.name} {...common} value={value} onChange={(e) => set(f.name, e.target.value)} placeholder={f.name === 'domain' || f.name === 'status' ? undefined : '—'} options={(f.options ?? []).map((o) => ({ value: o, label: label(o) }))} />;
    }
    if (f.kind === 'textarea') return <TextareaField key={f.name} {...common} value={value} onChange={(e) => set(f.name, e.target.value)} />;
    const type = f.kind === 'number' ? 'number' : f.kind === 'url' ? 'url' : f.kind === 'datetime' ? 'datetime-local' : 'text';
    return <InputField key={f.name} {...common} type={type} step={f.kind === 'number' ? 'any' : undefined} required={f.required} value={value} onChange={(e) => set(f.name, e.target.value)} placeholder={f.kind === 'url' ? 'https://' : undefined} />;
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={editing ? `Edit ${technology?.title}` : 'Add a technology'}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="technology-form" variant="primary" busy={mutation.isPending}>
            {editing ? 'Save changes' : 'Add technology'}
          </Button>
        </>
      }
    >
      <form id="technology-form" onSubmit={submit} noValidate className="space-y-6">
        <FormError message={general || undefined} />
        <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <legend className="sr-only">Basics</legend>
          {CORE.map(render)}
        </fieldset>
        <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Links</legend>
          {LINKS.map(render)}
        </fieldset>
        <DependenciesField
          rows={dependencies}
          onChange={(rows) => {
            setDependencies(rows);
            setDependencyErrors({});
          }}
          technologies={choices.items}
          selfId={technology?.id}
          errors={dependencyErrors}
          apiError={errors.dependencies}
        />
        <details className="group rounded-xl border border-slate-200 p-4 dark:border-slate-700" open={evaluationOpen} onToggle={(e) => setEvaluationOpen(e.currentTarget.open)}>
          <summary className="cursor-pointer text-sm font-semibold text-slate-900 dark:text-slate-100">Detailed evaluation</summary>
          <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">{EVALUATION.map(render)}</div>
        </details>
        {editing && (
          <InputField label="Reason for the change" name="reason" hint="Stored with the history when the status or domain changes" value={values.reason ?? ''} onChange={(e) => set('reason', e.target.value)} error={errors.reason} />
        )}
      </form>
    </Dialog>
  );
}
