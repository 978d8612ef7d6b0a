import { Link } from 'react-router';
import { ExternalLink, Pencil, Trash2 } from 'lucide-react';
import { DOMAINS, type Technology } from '@/api/types';
import { label, splitTags, formatNumber } from '@/lib/format';
import { DOMAIN_COLOR } from '@/lib/palette';
import { ScoreBar, StatusBadge } from './badges';

interface Props {
  technologies: Technology[];
  canEdit: boolean;
  onEdit: (t: Technology) => void;
  onDelete: (t: Technology) => void;
}

export function TechnologyCards({ technologies, canEdit, onEdit, onDelete }: Props) {
  const groups = DOMAINS.map((d) => ({ domain: d, items: technologies.filter((t) => t.domain === d) })).filter((g) => g.items.length);
  return (
    <div className="space-y-8">
      {groups.map((g) => (
        <section key={g.domain} aria-labelledby={`group-${g.domain}`}>
          <h2 id={`group-${g.domain}`} className="mb-3 flex items-center gap-2 text-lg font-semibold text-slate-900 dark:text-slate-100">
            <span className="size-3 rounded-full" style={{ background: DOMAIN_COLOR[g.domain] }} aria-hidden />
            {label(g.domain)}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({g.items.length})</span>
          </h2>
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {g.items.map((t) => (
              <li key={t.id} data-testid="technology-card" className={`flex flex-col rounded-2xl border border-slate-200 bg-white p-4 shadow-sm transition-shadow hover:shadow-md dark:border-slate-800 dark:bg-slate-900 ${t.id < 0 ? 'opacity-60' : ''}`}>
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    {t.id > 0 ? (
                      <Link to={`/technologies/${t.id}`} className="font-semibold wrap-anywhere text-slate-900 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300">
                        {t.title}
                      </Link>
                    ) : (
                      <span className="font-semibold wrap-anywhere">{t.title}</span>
                    )}
                    {t.vendor && <p className="text-sm text-slate-600 dark:text-slate-400">{t.vendor}</p>}
                  </div>
                  <StatusBadge status={t.status} />
                </div>
                {t.description && <p className="mt-2 line-clamp-3 text-sm text-slate-700 dark:text-slate-300">{t.description}</p>}
                <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Relevance</dt>
                    <dd><ScoreBar value={t.relevance_score} label="Relevance" /></dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Priority</dt>
                    <dd className="font-medium">{t.priority} / 5</dd>
                  </div>
                  {t.maturity_level && (
                    <div>
                      <dt className="text-xs text-slate-600 dark:text-slate-400">Maturity</dt>
                      <dd>{label(t.maturity_level)}</dd>
                    </div>
                  )}
                  {t.github_stars !== null && (
                    <div>
                      <dt className="text-xs text-slate-600 dark:text-slate-400">GitHub stars</dt>
                      <dd>{formatNumber(t.github_stars)}</dd>
                    </div>
                  )}
                </dl>
                {splitTags(t.tags).length > 0 && (
                  <ul className="mt-3 flex flex-wrap gap-1" aria-label="Tags">
                    {splitTags(t.tags).map((tag) => (
                      <li key={tag} className="rounded-md bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                        {tag}
                      </li>
                    ))}
                  </ul>
                )}
                <div className="mt-auto flex items-center gap-1 pt-4">
                  {t.website_url && (
                    <a href={t.website_url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-sm text-indigo-700 hover:underline dark:text-indigo-300">
                      Website <ExternalLink className="size-3.5" aria-hidden />
                    </a>
                  )}
                  {canEdit && t.id > 0 && (
                    <div className="ml-auto flex gap-1">
                      <button type="button" onClick={() => onEdit(t)} aria-label={`Edit ${t.title}`} className="rounded-lg p-1.5 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                        <Pencil className="size-4" aria-hidden />
                      </button>
                      <button type="button" onClick={() => onDelete(t)} aria-label={`Delete ${t.title}`} className="rounded-lg p-1.5 text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950">
                        <Trash2 className="size-4" aria-hidden />
                      </button>
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
