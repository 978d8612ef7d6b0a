import { Link } from 'react-router';
import { ArrowDown, ArrowUp, ArrowUpDown, Pencil, Trash2 } from 'lucide-react';
import type { Technology } from '@/api/types';
import { formatRelative, label } from '@/lib/format';
import { controlClass } from '@/components/ui/Form';
import { DomainLabel, ScoreBar, StatusBadge } from './badges';

interface Props {
  technologies: Technology[];
  sort: string;
  onSort: (sort: string) => void;
  canEdit: boolean;
  onEdit: (t: Technology) => void;
  onDelete: (t: Technology) => void;
}

// On a phone the table keeps the title (with vendor, domain and priority under it), the status and the actions;
// the other columns come back from `sm` and `md` up, and a select offers every sort order.
const COLUMNS: { key: string; label: string; sortable: boolean; className?: string }[] = [
  { key: 'title', label: 'Title', sortable: true },
  { key: 'domain', label: 'Domain', sortable: true, className: 'hidden sm:table-cell' },
  { key: 'status', label: 'Status', sortable: true },
  { key: 'priority', label: 'Priority', sortable: true, className: 'hidden sm:table-cell' },
  { key: 'relevance_score', label: 'Relevance', sortable: true, className: 'hidden md:table-cell' },
  { key: 'maturity_level', label: 'Maturity', sortable: false, className: 'hidden xl:table-cell' },
  { key: 'updated_at', label: 'Updated', sortable: true, className: 'hidden md:table-cell' },
];

const SORTS = [
  { value: '-updated_at', label: 'Recently updated' },
  { value: 'title', label: 'Title, A–Z' },
  { value: '-priority', label: 'Priority, highest first' },
  { value: '-relevance_score', label: 'Relevance, highest first' },
  { value: 'status', label: 'Status' },
  { value: 'domain', label: 'Domain' },
];

export function TechnologyTable({ technologies, sort, onSort, canEdit, onEdit, onDelete }: Props) {
  const field = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  const sorts = SORTS.some((o) => o.value === sort) ? SORTS : [...SORTS, { value: sort, label: `${COLUMNS.find((c) => c.key === field)?.label ?? field}, ${descending ? 'descending' : 'ascending'}` }];
  return (
    <>
    <div className="mb-3 flex items-center gap-2 sm:hidden">
      <label htmlFor="technology-sort" className="text-sm font-medium text-slate-700 dark:text-slate-300">
        Sort by
      </label>
      <select id="technology-sort" value={sort} onChange={(e) => onSort(e.target.value)} className={`${controlClass} h-9 w-auto min-w-0 flex-1`}>
        {sorts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
    <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Technologies, sortable by column</caption>
        <thead className="bg-slate-50 dark:bg-slate-800/50">
          <tr>
            {COLUMNS.map((c) => {
              const active = field === c.key;
              const ariaSort = active ? (descending ? 'descending' : 'ascending') : 'none';
              const Icon = active ? (descending ? ArrowDown : ArrowUp) : ArrowUpDown;
              return (
                <th key={c.key} scope="col" aria-sort={c.sortable ? ariaSort : undefined} className={`px-3 py-3 text-left font-semibold sm:px-4 text-slate-700 dark:text-slate-200 ${c.className ?? ''}`}>
                  {c.sortable ? (
                    <button type="button" onClick={() => onSort(active && !descending ? `-${c.key}` : c.key)} className="inline-flex items-center gap-1 hover:text-indigo-700 dark:hover:text-indigo-300">
                      {c.label}
                      <Icon className={`size-3.5 ${active ? '' : 'opacity-50'}`} aria-hidden />
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
            {canEdit && (
              <th scope="col" className="px-2 py-3 text-right font-semibold sm:px-4 text-slate-700 dark:text-slate-200">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {technologies.map((t) => (
            <tr key={t.id} data-testid="technology-row" className={`hover:bg-slate-50 dark:hover:bg-slate-800/40 ${t.id < 0 ? 'opacity-60' : ''}`}>
              <td className="min-w-32 px-3 py-3 font-medium wrap-anywhere sm:min-w-40 sm:px-4">
                {t.id > 0 ? (
                  <Link to={`/technologies/${t.id}`} className="text-slate-900 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300">
                    {t.title}
                  </Link>
                ) : (
                  t.title
                )}
                {t.vendor && <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{t.vendor}</span>}
                <span className="mt-1 flex flex-wrap items-center gap-x-2 text-xs font-normal text-slate-600 sm:hidden dark:text-slate-400">
                  <DomainLabel domain={t.domain} />
                  <span>Priority {t.priority}</span>
                </span>
              </td>
              <td className="hidden px-4 py-3 sm:table-cell"><DomainLabel domain={t.domain} /></td>
              <td className="px-3 py-3 sm:px-4"><StatusBadge status={t.status} /></td>
              <td className="hidden px-4 py-3 tabular-nums sm:table-cell">{t.priority}</td>
              <td className="hidden px-4 py-3 md:table-cell"><ScoreBar value={t.relevance_score} label="Relevance" /></td>
              <td className="hidden px-4 py-3 xl:table-cell">{label(t.maturity_level)}</td>
              <td className="hidden px-4 py-3 text-slate-600 md:table-cell dark:text-slate-400">{formatRelative(t.updated_at)}</td>
              {canEdit && (
                <td className="px-2 py-3 text-right whitespace-nowrap sm:px-4">
                  {t.id > 0 && (
                    <>
                      <button type="button" onClick={() => onEdit(t)} aria-label={`Edit ${t.title}`} className="rounded-lg p-1.5 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                        <Pencil className="size-4" aria-hidden />
                      </button>
                      <button type="button" onClick={() => onDelete(t)} aria-label={`Delete ${t.title}`} className="rounded-lg p-1.5 text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950">
                        <Trash2 className="size-4" aria-hidden />
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}
