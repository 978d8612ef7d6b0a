import type { Domain, TechnologyStatus } from '@/api/types';
import { Badge } from '@/components/ui/Feedback';
import { label } from '@/lib/format';
import { DOMAIN_COLOR, STATUS_BADGE } from '@/lib/palette';

export function StatusBadge({ status }: { status: TechnologyStatus }) {
  return <Badge className={STATUS_BADGE[status]}>{label(status)}</Badge>;
}

export function DomainLabel({ domain }: { domain: Domain }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
      <span className="size-2 rounded-full" style={{ background: DOMAIN_COLOR[domain] }} aria-hidden />
      {label(domain)}
    </span>
  );
}

export function ScoreBar({ value, label: text }: { value: number; label: string }) {
  return (
    <div className="flex items-center gap-2" title={`${text}: ${value}`}>
      <div className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
        <div className="h-full rounded-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </div>
      <span className="text-xs text-slate-700 tabular-nums dark:text-slate-300">
        <span className="sr-only">{text} </span>
        {value}
      </span>
    </div>
  );
}
