// Colours that mean something: statuses, domains, relevance. Each has a light and a dark variant chosen for
// at least 4.5:1 contrast of its text on its background (WCAG AA).
import type { Domain, JobStatus, TaskStatus, TechnologyStatus } from '@/api/types';

export const STATUS_BADGE: Record<TechnologyStatus, string> = {
  discovery: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  research: 'bg-violet-100 text-violet-900 dark:bg-violet-900/60 dark:text-violet-100',
  evaluation: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  implementation: 'bg-orange-100 text-orange-900 dark:bg-orange-900/60 dark:text-orange-100',
  integrated: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  archived: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

// Chart fills (recharts needs concrete colours).
export const STATUS_COLOR: Record<TechnologyStatus, string> = {
  discovery: '#0ea5e9',
  research: '#8b5cf6',
  evaluation: '#f59e0b',
  implementation: '#f97316',
  integrated: '#10b981',
  archived: '#94a3b8',
};

export const DOMAIN_COLOR: Record<Domain, string> = {
  'audio-dsp': '#6366f1',
  'ai-ml': '#ec4899',
  'music-theory': '#14b8a6',
  performance: '#f97316',
  'ui-ux': '#8b5cf6',
  infrastructure: '#0ea5e9',
  other: '#64748b',
};

export const TASK_BADGE: Record<TaskStatus, string> = {
  pending: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  in_progress: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  blocked: 'bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100',
  completed: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  cancelled: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-100',
};

export const TASK_COLOR: Record<TaskStatus, string> = {
  pending: '#94a3b8',
  in_progress: '#0ea5e9',
  blocked: '#f43f5e',
  completed: '#10b981',
  cancelled: '#71717a',
};

export const JOB_BADGE: Record<JobStatus, string> = {
  pending: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  running: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  completed: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  failed: 'bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100',
  cancelled: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-100',
};

// Radar blips: relevance decides the colour band. Each band has a light and a dark variant (a brighter blip
// on the dark background) and the number on it keeps at least 4.5:1 against the fill in both.
export const RELEVANCE_BANDS = [
  { min: 70, label: 'High relevance (70–100)', key: 'high', fill: 'fill-indigo-600 dark:fill-indigo-400', text: 'fill-white dark:fill-slate-950', badge: 'bg-indigo-600 text-white dark:bg-indigo-400 dark:text-slate-950' },
  { min: 40, label: 'Medium relevance (40–69)', key: 'medium', fill: 'fill-teal-700 dark:fill-teal-400', text: 'fill-white dark:fill-slate-950', badge: 'bg-teal-700 text-white dark:bg-teal-400 dark:text-slate-950' },
  { min: 0, label: 'Low relevance (0–39)', key: 'low', fill: 'fill-slate-500 dark:fill-slate-400', text: 'fill-white dark:fill-slate-950', badge: 'bg-slate-500 text-white dark:bg-slate-400 dark:text-slate-950' },
] as const;

export function relevanceBand(score: number) {
  return RELEVANCE_BANDS.find((b) => score >= b.min) ?? RELEVANCE_BANDS[RELEVANCE_BANDS.length - 1];
}
