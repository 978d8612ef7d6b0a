import { DOMAINS, type Technology } from '@/api/types';
import { label } from '@/lib/format';
import { DOMAIN_COLOR, RELEVANCE_BANDS, relevanceBand } from '@/lib/palette';
import { RADAR_RINGS } from './radarLayout';

export function RadarKey() {
  return (
    <div className="space-y-3 text-sm text-slate-700 dark:text-slate-300">
      <div>
        <h3 className="mb-1 font-semibold text-slate-900 dark:text-slate-100">Rings, centre outwards</h3>
        <p>{RADAR_RINGS.map(label).join(' → ')}</p>
      </div>
      <div>
        <h3 className="mb-1 font-semibold text-slate-900 dark:text-slate-100">Colour: relevance</h3>
        <ul className="space-y-1">
          {RELEVANCE_BANDS.map((b) => (
            <li key={b.key} className="flex items-center gap-2">
              <svg width="14" height="14" aria-hidden>
                <circle cx="7" cy="7" r="6" className={b.fill} />
              </svg>
              {b.label}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span className="flex items-center gap-2">
          <svg width="30" height="16" aria-hidden>
            <circle cx="6" cy="8" r="4" className="fill-slate-500 dark:fill-slate-400" />
            <circle cx="21" cy="8" r="7" className="fill-slate-500 dark:fill-slate-400" />
          </svg>
          Size: priority 1–5
        </span>
        <span className="flex items-center gap-2">
          <svg width="18" height="18" aria-hidden>
            <circle cx="9" cy="9" r="5" className="fill-slate-500 dark:fill-slate-400" />
            <circle cx="9" cy="9" r="7.5" fill="none" strokeWidth="2" strokeDasharray="3 2" className="stroke-amber-600 dark:stroke-amber-400" />
          </svg>
          Moved in the last 30 days
        </span>
      </div>
    </div>
  );
}

interface RadarIndexProps {
  technologies: Technology[];
  numbers: Map<number, number>;
  moved: ReadonlySet<number>;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onHighlight: (id: number | null) => void;
}

// The numbered list beside the chart: every blip by name, grouped by domain.
export function RadarIndex({ technologies, numbers, moved, selectedId, onSelect, onHighlight }: RadarIndexProps) {
  const groups = DOMAINS.map((d) => ({
    domain: d,
    items: technologies.filter((t) => t.domain === d && numbers.has(t.id)).sort((a, b) => (numbers.get(a.id) ?? 0) - (numbers.get(b.id) ?? 0)),
  })).filter((g) => g.items.length);
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:max-h-[30rem] xl:grid-cols-1 xl:overflow-y-auto xl:pr-1">
      {groups.map((g) => (
        <section key={g.domain} aria-label={`${label(g.domain)} technologies`} className="min-w-0">
          <h3 className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
            <span className="size-2.5 rounded-full" style={{ background: DOMAIN_COLOR[g.domain] }} aria-hidden />
            {label(g.domain)}
          </h3>
          <ol className="space-y-0.5">
            {g.items.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  onClick={() => onSelect(t.id)}
                  onMouseEnter={() => onHighlight(t.id)}
                  onMouseLeave={() => onHighlight(null)}
                  onFocus={() => onHighlight(t.id)}
                  onBlur={() => onHighlight(null)}
                  title={t.title}
                  className={`flex w-full min-w-0 items-center gap-2 rounded-md px-1.5 py-0.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${selectedId === t.id ? 'bg-indigo-50 dark:bg-indigo-950' : ''}`}
                >
                  <span className={`inline-flex min-w-6 shrink-0 justify-center rounded-full px-1 text-xs font-semibold ${relevanceBand(t.relevance_score).badge}`}>
                    {numbers.get(t.id)}
                  </span>
                  <span className="min-w-0 truncate text-slate-800 dark:text-slate-200">{t.title}</span>
                  {moved.has(t.id) && <span className="ml-auto shrink-0 text-xs font-medium text-amber-800 dark:text-amber-300">moved</span>}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
