import { useId } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { Technology } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { controlClass } from '@/components/ui/Form';

// A technology's `dependencies` in the API is a JSON object {"<technology id>": "<relationship>"}. The form edits it
// as rows of a technology of the project and how the two relate.

export interface DependencyRow {
  key: number; // stable React key of the row
  technologyId: string; // the object's key: a technology id as text ('' while none is chosen)
  relationship: string;
}

export type DependencyErrors = Record<number, { technology?: string; relationship?: string }>;

type Dependencies = Record<string, unknown> | null | undefined;

export const RELATIONSHIPS = ['requires', 'optional', 'builds on', 'integrates with', 'replaces'];

let nextKey = 0;
export const newRow = (): DependencyRow => ({ key: ++nextKey, technologyId: '', relationship: '' });

// A value that is not text (written by another client) is shown as its JSON and kept as it was unless edited.
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function rowsFromDependencies(dependencies: Dependencies): DependencyRow[] {
  return Object.entries(dependencies ?? {}).map(([technologyId, value]) => ({ key: ++nextKey, technologyId, relationship: asText(value) }));
}

// Rows left completely empty are ignored; a half-filled row is an error at the part that is missing.
export function validateRows(rows: DependencyRow[]): DependencyErrors {
  const errors: DependencyErrors = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const relationship = row.relationship.trim();
    if (!row.technologyId && !relationship) continue;
    if (!row.technologyId) errors[row.key] = { technology: 'choose the technology it depends on' };
    else if (seen.has(row.technologyId)) errors[row.key] = { technology: 'is already listed above' };
    else if (!relationship) errors[row.key] = { relationship: 'say how they relate, e.g. requires' };
    seen.add(row.technologyId);
  }
  return errors;
}

export function dependenciesFromRows(rows: DependencyRow[], original: Dependencies): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const relationship = row.relationship.trim();
    if (!row.technologyId || !relationship) continue;
    const before = original?.[row.technologyId];
    out[row.technologyId] = before !== undefined && asText(before) === relationship ? before : relationship;
  }
  return out;
}

function canonical(value: Dependencies): string {
  const entries = Object.entries(value ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

// What to send: undefined when nothing changed, null when every dependency was removed, else the object.
export function dependencyChange(rows: DependencyRow[], original: Dependencies, editing: boolean): Record<string, unknown> | null | undefined {
  const next = dependenciesFromRows(rows, original);
  const empty = Object.keys(next).length === 0;
  if (!editing) return empty ? undefined : next;
  if (canonical(next) === canonical(original)) return undefined;
  return empty ? null : next;
}

interface Props {
  rows: DependencyRow[];
  onChange: (rows: DependencyRow[]) => void;
  technologies: Technology[];
  selfId?: number;
  errors: DependencyErrors;
  apiError?: string;
}

export function DependenciesField({ rows, onChange, technologies, selfId, errors, apiError }: Props) {
  const id = useId();
  const byId = new Map(technologies.map((t) => [String(t.id), t]));
  const available = technologies.filter((t) => t.id !== selfId).length;
  const update = (key: number, change: Partial<DependencyRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <fieldset aria-describedby={`${id}-hint${apiError ? ` ${id}-error` : ''}`}>
      <legend className="text-sm font-semibold text-slate-900 dark:text-slate-100">Dependencies</legend>
      <p id={`${id}-hint`} className="mt-0.5 mb-3 text-xs text-slate-600 dark:text-slate-400">
        Technologies of this project that this one relies on, and how.
      </p>
      <datalist id={`${id}-relationships`}>
        {RELATIONSHIPS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {rows.length > 0 && (
        <ul className="space-y-3">
          {rows.map((row, i) => {
            const n = i + 1;
            const taken = new Set(rows.filter((r) => r.key !== row.key).map((r) => r.technologyId));
            const options = technologies.filter((t) => t.id !== selfId && (!taken.has(String(t.id)) || String(t.id) === row.technologyId));
            // A dependency on a technology that is gone (or an id this project does not have) stays visible.
            const unknown = row.technologyId && !byId.has(row.technologyId);
            const error = errors[row.key] ?? {};
            const techId = `${id}-tech-${row.key}`;
            const relId = `${id}-rel-${row.key}`;
            return (
              <li key={row.key} data-testid="dependency-row" className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
                <div className="min-w-0">
                  <label htmlFor={techId} className="sr-only">
                    Technology (dependency {n})
                  </label>
                  <select
                    id={techId}
                    value={row.technologyId}
                    onChange={(e) => update(row.key, { technologyId: e.target.value })}
                    aria-invalid={error.technology ? true : undefined}
                    aria-describedby={error.technology ? `${techId}-error` : undefined}
                    className={`${controlClass} h-10 pr-8 ${error.technology ? 'border-rose-500 dark:border-rose-400' : ''}`}
                  >
                    <option value="">Choose a technology…</option>
                    {unknown && <option value={row.technologyId}>{/^\d+$/.test(row.technologyId) ? `Technology #${row.technologyId}` : row.technologyId} (not on the radar)</option>}
                    {options.map((t) => (
                      <option key={t.id} value={String(t.id)}>
                        {t.title}
                      </option>
                    ))}
                  </select>
                  {error.technology && (
                    <p id={`${techId}-error`} className="mt-1 text-sm text-rose-700 dark:text-rose-300" data-field-error>
                      {error.technology}
                    </p>
                  )}
                </div>
                <div className="col-start-1 row-start-2 min-w-0 sm:col-start-2 sm:row-start-1">
                  <label htmlFor={relId} className="sr-only">
                    Relationship (dependency {n})
                  </label>
                  <input
                    id={relId}
                    type="text"
                    list={`${id}-relationships`}
                    placeholder="How, e.g. requires"
                    value={row.relationship}
                    maxLength={200}
                    onChange={(e) => update(row.key, { relationship: e.target.value })}
                    aria-invalid={error.relationship ? true : undefined}
                    aria-describedby={error.relationship ? `${relId}-error` : undefined}
                    className={`${controlClass} h-10 ${error.relationship ? 'border-rose-500 dark:border-rose-400' : ''}`}
                  />
                  {error.relationship && (
                    <p id={`${relId}-error`} className="mt-1 text-sm text-rose-700 dark:text-rose-300" data-field-error>
                      {error.relationship}
                    </p>
                  )}
                </div>
                <Button variant="ghost" className="col-start-2 row-start-1 px-2.5 sm:col-start-3" aria-label={`Remove dependency ${n}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {available > rows.length ? (
        <Button size="sm" className="mt-3" onClick={() => onChange([...rows, newRow()])}>
          <Plus className="size-4" aria-hidden /> Add dependency
        </Button>
      ) : (
        rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">There is no other technology in this project yet.</p>
      )}
      {apiError && (
        <p id={`${id}-error`} className="mt-2 text-sm text-rose-700 dark:text-rose-300" data-field-error>
          {apiError}
        </p>
      )}
    </fieldset>
  );
}
