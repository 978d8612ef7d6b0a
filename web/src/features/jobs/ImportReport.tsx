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

export function ImportReport({ result }: { result: ImportResult }) {
  const counts = [
    ['imported', result.imported_count],
    ['updated', result.updated_count],
    ['skipped', result.skipped_count],
    ['failed', result.failed_count],
  ] as const;
  return (
    <div className="space-y-4" data-testid="import-report">
      {result.dry_run && <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-100">Dry run: this is what an import would do. Nothing was changed.</p>}
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
