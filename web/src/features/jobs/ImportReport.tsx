import { Link } from 'react-router';
import type { ImportResult } from '@/api/types';
import { humanizeFieldMessage } from '@/api/problem';
import { Badge } from '@/components/ui/Feedback';
import { label } from '@/lib/format';

// A failed row's reason is "field: message; field: message" in the API's words: each message in a person's.
export function readableReason(reason: string): string {
  return reason
    .split('; ')
    .map((part) => {
      const colon = part.indexOf(': ');
      if (colon <= 0) return part;
      const field = part.slice(0, colon);
      return /^[a-z_.[\]0-9]+$/.test(field) ? `${label(field)}: ${humanizeFieldMessage(part.slice(colon + 2))}` : part;
    })
    .join('; ');
}

const TONE = {
  imported: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  updated: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  skipped: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  failed: 'bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100',
} as const;

export function isImportResult(value: unknown): value is ImportResult {
  return !!value && typeof value === 'object' && Array.isArray((value as ImportResult).rows);
}

const OUTCOMES = ['imported', 'updated', 'skipped', 'failed'] as const;

// The counts of a report; a partial one (an import that failed or was cancelled part way) may hold only some
// of them, or only rows: what it does not say is counted from its rows.
export function importCounts(result: ImportResult): Record<(typeof OUTCOMES)[number], number> {
  const fromRows = (outcome: string) => result.rows.filter((r) => r.outcome === outcome).length;
  const given = (n: unknown, outcome: string) => (typeof n === 'number' ? n : fromRows(outcome));
  return {
    imported: given(result.imported_count, 'imported'),
    updated: given(result.updated_count, 'updated'),
    skipped: given(result.skipped_count, 'skipped'),
    failed: given(result.failed_count, 'failed'),
  };
}

// `partial`: the import ended before its last row (failed or cancelled); the report says how far it got.
export function ImportReport({ result, partial = false }: { result: ImportResult; partial?: boolean }) {
  const n = importCounts(result);
  const counts = OUTCOMES.map((k) => [k, n[k]] as const);
  const reached = result.rows.length;
  return (
    <div className="space-y-4" data-testid="import-report">
      {partial && (
        <p className="rounded-lg bg-slate-100 p-3 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100" data-testid="import-partial">
          {reached === 0
            ? 'It stopped before reaching any row.'
            : `It stopped after ${reached.toLocaleString()} ${reached === 1 ? 'row' : 'rows'}${typeof result.total === 'number' && result.total > reached ? ` of ${result.total.toLocaleString()}` : ''}. ${result.dry_run ? 'Nothing was changed (dry run).' : 'What it imported or updated stays; the rows it did not reach were not imported.'}`}
        </p>
      )}
      {result.dry_run && !partial && <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-100">Dry run: this is what an import would do. Nothing was changed.</p>}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {counts.map(([k, v]) => (
          <div key={k} className="rounded-xl border border-slate-200 px-4 py-3 dark:border-slate-700">
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label(k)}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`import-${k}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <div tabIndex={0} role="region" aria-label="What happened to each row" className="relative overflow-x-auto rounded-xl border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-700">
          <caption className="sr-only">What happened to each row</caption>
          <thead className="bg-slate-50 dark:bg-slate-800/50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Row</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Title</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Outcome</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Reason</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {reached === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-4 text-center text-slate-600 dark:text-slate-400">No row was processed.</td>
              </tr>
            )}
            {result.rows.map((r) => (
              <tr key={r.row}>
                <td className="px-3 py-2 tabular-nums">{r.row}</td>
                <td className="px-3 py-2">{r.technology_id && !result.dry_run ? <Link className="text-indigo-700 hover:underline dark:text-indigo-300" to={`/technologies/${r.technology_id}`}>{r.title}</Link> : r.title}</td>
                <td className="px-3 py-2"><Badge className={TONE[r.outcome] ?? TONE.skipped}>{label(r.outcome)}</Badge></td>
                <td className="px-3 py-2 text-slate-700 dark:text-slate-300">{r.reason ? readableReason(r.reason) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
