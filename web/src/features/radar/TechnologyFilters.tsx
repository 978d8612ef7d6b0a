import { useEffect, useId, useState } from 'react';
import { ChevronDown, Search, SlidersHorizontal, X } from 'lucide-react';
import { DOMAINS, STATUSES } from '@/api/types';
import { useDebounced } from '@/hooks/useDebounced';
import type { useTechnologyFilters } from '@/hooks/useTechnologyFilters';
import { label } from '@/lib/format';
import { controlClass } from '@/components/ui/Form';

type Filters = ReturnType<typeof useTechnologyFilters>;

function ChipGroup({ legend, values, selected, onChange }: { legend: string; values: readonly string[]; selected: string[]; onChange: (next: string[]) => void }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {values.map((v) => {
          const on = selected.includes(v);
          return (
            <label
              key={v}
              className={`cursor-pointer rounded-full border px-2.5 py-1 text-xs font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                on
                  ? 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-400 dark:bg-indigo-600'
                  : 'border-slate-300 bg-white text-slate-700 hover:border-slate-400 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'
              }`}
            >
              <input type="checkbox" className="sr-only" checked={on} onChange={() => onChange(on ? selected.filter((s) => s !== v) : [...selected, v])} />
              {label(v)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function TechnologyFilters({ filters }: { filters: Filters }) {
  const [search, setSearch] = useState(filters.search);
  const [tags, setTags] = useState(filters.tag.join(', '));
  const debounced = useDebounced(search, 300);
  const debouncedTags = useDebounced(tags, 400);
  const { update } = filters;
  const [open, setOpen] = useState(false);
  const moreId = useId();

  useEffect(() => setSearch(filters.search), [filters.search]);
  useEffect(() => {
    if (debounced !== filters.search) update({ search: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    const next = debouncedTags.split(',').map((t) => t.trim()).filter(Boolean);
    if (next.join(',') !== filters.tag.join(',')) update({ tag: next });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedTags]);

  // On a phone the search stays, and the rest folds behind a "Filters" button so that the radar starts on the first
  // screen; from `sm` up everything shows.
  const hiddenCount = filters.domain.length + filters.status.length + filters.tag.length;
  const more = open ? '' : 'hidden sm:block';
  return (
    <div className="flex flex-col items-start gap-4 rounded-2xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex w-full flex-wrap gap-3 sm:grid sm:grid-cols-[2fr_1fr]">
        <div className="min-w-0 flex-1">
          <label htmlFor="tech-search" className="sr-only">
            Search technologies
          </label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden />
            <input id="tech-search" type="search" placeholder="Search title, description or tags" value={search} onChange={(e) => setSearch(e.target.value)} className={`${controlClass} h-10 pl-9`} />
          </div>
        </div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${moreId}-tags ${moreId}`}
          onClick={() => setOpen(!open)}
          className="inline-flex h-10 shrink-0 items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm sm:hidden dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        >
          <SlidersHorizontal className="size-4" aria-hidden />
          Filters
          {hiddenCount > 0 && (
            <>
              <span className="rounded-full bg-indigo-600 px-1.5 text-xs text-white" aria-hidden>
                {hiddenCount}
              </span>
              <span className="sr-only">({hiddenCount} set)</span>
            </>
          )}
          <ChevronDown className={`size-4 transition-transform ${open ? 'rotate-180' : ''}`} aria-hidden />
        </button>
        <div className={`basis-full sm:basis-auto ${more}`} id={`${moreId}-tags`}>
          <label htmlFor="tech-tags" className="sr-only">
            Tags (all must match)
          </label>
          <input id="tech-tags" type="text" placeholder="Tags, comma-separated" value={tags} onChange={(e) => setTags(e.target.value)} className={`${controlClass} h-10`} />
        </div>
      </div>
      <div id={moreId} className={`w-full ${more}`}>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <ChipGroup legend="Domain" values={DOMAINS} selected={filters.domain} onChange={(domain) => update({ domain })} />
          <ChipGroup legend="Status" values={STATUSES} selected={filters.status} onChange={(status) => update({ status })} />
        </div>
      </div>
      {filters.filterCount > 0 && (
        <button
          type="button"
          onClick={() => {
            setSearch('');
            setTags('');
            filters.clear();
          }}
          className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          <X className="size-4" aria-hidden />
          Clear {filters.filterCount} filter{filters.filterCount === 1 ? '' : 's'}
        </button>
      )}
    </div>
  );
}
