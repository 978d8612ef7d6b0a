import { Link } from 'react-router';
import { ArrowDown, ArrowUp, ArrowUpDown, Pencil, Trash2 } from 'lucide-react';
import type { Technology } from '@/api/types';
import { formatRelative, label } from '@/lib/format';
import { DomainLabel, ScoreBar, StatusBadge } from './badges';

interface Props {
  technologies: Technology[];
  sort: string;
  onSort: (sort: string) => void;
  canEdit: boolean;
  onEdit: (t: Technology) => void;
  onDelete: (t: Technology) => void;
}

const COLUMNS: { key: string; label: string; sortable: boolean; className?: string }[] = [
  { key: 'title', label: 'Title', sortable: true },
  { key: 'domain', label: 'Domain', sortable: true },
  { key: 'status', label: 'Status', sortable: true },
  { key: 'priority', label: 'Priority', sortable: true },
  { key: 'relevance_score', label: 'Relevance', sortable: true },
  { key: 'maturity_level', label: 'Maturity', sortable: false, className: 'hidden xl:table-cell' },
  { key: 'updated_at', label: 'Updated', sortable: true, className: 'hidden md:table-cell' },
];

export function TechnologyTable({ technologies, sort, onSort, canEdit, onEdit, onDelete }: Props) {
  const field = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  return (
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
                <th key={c.key} scope="col" aria-sort={c.sortable ? ariaSort : undefined} className={`px-4 py-3 text-left font-semibold text-slate-700 dark:text-slate-200 ${c.className ?? ''}`}>
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
              <th scope="col" className="px-4 py-3 text-right font-semibold text-slate-700 dark:text-slate-200">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {technologies.map((t) => (
            <tr key={t.id} data-testid="technology-row" className={`hover:bg-slate-50 dark:hover:bg-slate-800/40 ${t.id < 0 ? 'opacity-60' : ''}`}>
              <td className="min-w-40 px-4 py-3 font-medium wrap-anywhere">
                {t.id > 0 ? (
                  <Link to={`/technologies/${t.id}`} className="text-slate-900 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300">
                    {t.title}
                  </Link>
                ) : (
                  t.title
                )}
                {t.vendor && <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{t.vendor}</span>}
              </td>
              <td className="px-4 py-3"><DomainLabel domain={t.domain} /></td>
              <td className="px-4 py-3"><StatusBadge status={t.status} /></td>
              <td className="px-4 py-3 tabular-nums">{t.priority}</td>
              <td className="px-4 py-3"><ScoreBar value={t.relevance_score} label="Relevance" /></td>
              <td className="hidden px-4 py-3 xl:table-cell">{label(t.maturity_level)}</td>
              <td className="hidden px-4 py-3 text-slate-600 md:table-cell dark:text-slate-400">{formatRelative(t.updated_at)}</td>
              {canEdit && (
                <td className="px-4 py-3 text-right whitespace-nowrap">
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
  );
}
